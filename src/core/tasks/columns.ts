// The columns of a task-breakdown table, recognised by their header text. Pure.

export type ColumnRole = 'serial' | 'category' | 'requirement' | 'units' | 'lead' | 'supporting' | 'deadline' | 'other';

const key = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

const SERIAL = /^(?:序号|编号|序|no\.?|#)$/i;
const DEADLINE = /时限|完成时间|时间节点|时间要求|完成期限|进度安排|时间安排|截止时间|截止日期|办结时间|完成日期/;
const OTHER = /备注|说明|分管领导|领导|责任科室|科室|责任人|联系人|联系电话|完成情况|进展情况|落实情况|佐证|评分|分值/;
const SUPPORTING = /^(?:配合|协办|协助|参与|协同)(?:单位|部门)$/;
const LEAD = /^(?:牵头|主办|主责)(?:单位|部门)$/;
const UNITS = /责任单位|责任部门|牵头及责任单位|牵头单位及责任单位|承办单位|负责单位|实施单位|落实单位|责任主体|主体单位|(?:^|[及和、])(?:单位|部门)$/;
const REQUIREMENT = /要求|内容|措施|举措|目标|具体|主要任务|任务分解|工作事项/;
const CATEGORY = /任务|项目|类别|分类|领域|板块|名称|重点工作|事项/;

/** The role of a header cell, or null when the text is not a known header. */
export function headerRole(text: string): ColumnRole | null {
  const t = key(text);
  if (!t || t.length > 16) return null;
  if (SERIAL.test(t)) return 'serial';
  if (DEADLINE.test(t)) return 'deadline';
  if (OTHER.test(t)) return 'other';
  if (SUPPORTING.test(t)) return 'supporting';
  if (LEAD.test(t)) return 'lead';
  if (UNITS.test(t)) return 'units';
  if (REQUIREMENT.test(t)) return 'requirement';
  if (CATEGORY.test(t)) return 'category';
  return null;
}

export interface ColumnMap {
  /** One role per column (null: unknown, e.g. an unlabelled column). */
  roles: Array<ColumnRole | null>;
  /** Header texts, as written. */
  labels: string[];
}

export const hasUnitColumn = (m: ColumnMap) => m.roles.some((r) => r === 'units' || r === 'lead' || r === 'supporting');

/** The first index with the role, or -1. */
export function indexOfRole(m: ColumnMap, role: ColumnRole): number {
  return m.roles.indexOf(role);
}

/**
 * The header of a table when these cells are one: at least two known headers, one of them about the task
 * (requirement, category, units), and no long cell. A table with only 工作任务 (no 要求 column) uses it as the
 * requirement.
 */
export function readHeader(cells: readonly string[]): ColumnMap | null {
  const labels = cells.map((c) => c.trim());
  if (labels.some((c) => key(c).length > 16)) return null;
  const roles = labels.map((c) => headerRole(c));
  const known = roles.filter((r) => r !== null && r !== 'other').length;
  if (known < 2) return null;
  // Most filled cells must be headers: a data row with a short "任务…" cell is not one.
  const filled = labels.filter(Boolean).length;
  if (roles.filter((r) => r !== null).length < filled * 0.6) return null;
  if (!roles.some((r) => r === 'requirement' || r === 'category' || r === 'units' || r === 'lead')) return null;
  if (!roles.includes('requirement')) {
    const cat = roles.lastIndexOf('category');
    if (cat >= 0) roles[cat] = 'requirement';
  }
  return { roles, labels };
}

/** True when the cell texts are the same header again (a table repeats its header on every page). */
export function isHeaderRow(cells: readonly string[]): boolean {
  return readHeader(cells) !== null;
}
