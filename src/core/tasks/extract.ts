// Tasks out of a notice: category, requirement, responsible units (lead and supporting), time-limit text.
// Pure: takes a NoticeDocument (paragraphs and tables), returns tasks for a person to review, or a Chinese
// message saying why there are none. Nothing is half-done: a refused notice gives no tasks at all.
//
// How the layout is found, in this order:
//   1. Tables whose header names a unit column (责任单位, 牵头单位, 牵头及责任单位, …; a two-row header
//      "责任单位" over "牵头单位 | 配合单位" too). Columns may come in any order; cells are also read by their
//      content, because exported tables shift cells between columns (kaiping: a page whose rows have five
//      cells under a four-cell header; a short sub-task whose requirements follow one column to the right is
//      a heading, not a task). A table without a header continues the previous one, or is read by its content
//      when one column is a list of units. Tables whose header has no unit column are skipped (a ledger
//      template); when no table has one, the notice is refused ("no unit column"). A row spanning the table
//      is a section heading; a row without serial number whose text continues an unfinished sentence is the
//      rest of the row above (cut by a page break).
//   2. One cell per line (feicheng): a "责任单位" line right after a header line ("工作任务及要求"); each
//      following line is a heading, a requirement or a unit list, told apart by content. An empty unit cell
//      shows as an extra blank line. With a 序号 column the rows start at the serial numbers 1, 2, 3 … and are
//      put back into the header's columns (a table copied without its tabs).
//   3. Numbered prose with "（责任单位：…）" (or 牵头单位/配合单位/完成时限) at the end of a paragraph (guiyang),
//      "（县发改局牵头，县财政局配合）" at the end of a numbered item, or "责任单位：…" on the lines after it.
//   4. Otherwise: a notice without tasks that name units (a prose plan, linyi) → status 'no_tasks' and a
//      message; text that is not a notice at all → refused.
//
// Merged cells: in HTML, DOCX and XLSX they are marked, and a merged unit or time-limit cell repeats the one
// above while an empty unmerged one is blank (unless the table has no vertical merge at all: then it was
// flattened and is read like text). In plain text an empty cell may be merged or blank: an empty unit cell
// repeats the units above (a row without units is the continuation of a merged block), and then an empty
// time-limit cell repeats the one above too; a row that names its own units but leaves the time limit empty
// has none ("blank"). "/", "—", "无" are empty cells.
import { hasUnitColumn, headerRole, indexOfRole, readHeader, type ColumnMap, type ColumnRole } from './columns.ts';
import type { Cell, NoticeDocument, ParagraphBlock, TableBlock } from './document.ts';
import { cellText, endsSentence, visibleLength } from './text.ts';
import { looksLikeTimeLimit } from './time-limit.ts';
import { isPlaceholder, looksLikeUnitList, splitUnits, type SplitUnits } from './units.ts';

export type LayoutKind = 'table' | 'cell_lines' | 'prose';

export interface ExtractedTask {
  /** The innermost heading the task sits under (section heading, 工作任务 cell, sub-task), or null. */
  category: string | null;
  /** All headings, outermost first. */
  categories: string[];
  /** The full requirement text. */
  requirement: string;
  units: string[];
  leadUnits: string[];
  supportingUnits: string[];
  /** The time limit as written, or null. */
  deadlineText: string | null;
  /** Where the units come from: its own cell/remark, the row above (merged cell), a heading row, or nowhere. */
  unitsFrom: 'own' | 'above' | 'heading' | 'none';
  deadlineFrom: 'own' | 'above' | 'none';
  /** Where in the notice, Chinese ("表格1第5行", "第57行"). */
  source: string;
  /** Names dropped while splitting the units (vague references, trailing words). */
  droppedUnitText: string[];
}

export type NoticeStatus = 'ok' | 'no_tasks' | 'refused';
export type NoticeProblem = 'empty' | 'not_notice' | 'no_unit_column' | 'no_tasks';

export interface NoticeParse {
  status: NoticeStatus;
  /** Chinese, for the person importing: why there are no tasks, or what was refused. */
  message: string | null;
  problem: NoticeProblem | null;
  layout: { kind: LayoutKind; detail: string } | null;
  tasks: ExtractedTask[];
  /** Chinese notes for the reviewer (tasks without units, skipped tables, unreadable time limits …). */
  warnings: string[];
  title: string | null;
  /** The year the plan is for (the first "20xx年" of its title or opening), or null. */
  planYear: number | null;
}

// ---------------------------------------------------------------------------------------------------
// Messages

export const NOTICE_MESSAGES = {
  empty: '文件中没有任何文字内容，无法识别工作任务。请确认上传的是工作要点或任务分解通知的正文。',
  notNotice: '这份文件看起来不是政务公开工作要点、实施方案或任务分解通知：没有找到工作任务、责任单位或分条列出的工作要求，未导入任何任务。',
  noUnitColumn: (n: number) =>
    `通知中的表格${n > 1 ? `（共${n}个）` : ''}没有“责任单位”（或“牵头单位”“责任部门”）列，无法确定每项任务由谁负责，未导入任何任务。请在表格中补上责任单位列后重新导入。`,
  noTasks:
    '这份通知是文字方案，没有列出带责任单位的工作任务（既没有任务分解表，也没有“（责任单位：……）”这样的分工说明），因此没有可导入的任务。请上传附有任务分解表的通知，或在系统中逐项录入任务和责任单位。',
} as const;

// ---------------------------------------------------------------------------------------------------
// Title and year

const NOTICE_WORDS = /政务公开|信息公开|政府公开|工作要点|实施方案|工作方案|任务分解|分工方案|任务清单|责任单位|牵头单位|工作任务|重点任务|责任分工/;

function titleOf(paragraphs: readonly string[]): string | null {
  const ps = paragraphs.slice(0, 60).map((p) => p.trim());
  for (let i = 0; i < ps.length; i++) {
    let t = ps[i]!;
    // A title broken over lines: "…办公室" / "关于印发…方案" / "的通知".
    if (/^关于/.test(t) && !/通知$/.test(t)) {
      for (let j = i + 1; j < Math.min(ps.length, i + 3) && ps[j]!.length <= 40; j++) {
        t += ps[j]!;
        if (/通知$/.test(t)) break;
      }
      if (i > 0 && /(?:办公室|办公厅|人民政府|政府)$/.test(ps[i - 1]!) && ps[i - 1]!.length <= 30) t = ps[i - 1]! + t;
    }
    if (t.length >= 6 && t.length <= 120 && /(?:通知|方案|要点|分解表|任务清单|计划)$/.test(t.replace(/[》」”]$/, ''))) return t.replace(/^#+\s*/, '');
  }
  return null;
}

function planYearOf(paragraphs: readonly string[]): number | null {
  for (const p of paragraphs.slice(0, 80)) {
    if (!/政务公开|工作|方案|要点|分解|计划/.test(p)) continue;
    const m = /(20\d{2})\s*年/.exec(p);
    if (m) return Number(m[1]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Shared

const ENUM_PREFIX = /^\s*(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]|[一二三四五六七八九十百]+\s*[、.．]|\d+\s*[、.．](?!\d)|第[一二三四五六七八九十百]+[部分章节条项][、，：:\s]?)\s*/;
export const stripEnumeration = (s: string) => s.replace(ENUM_PREFIX, '').trim();

function emptySplit(): SplitUnits {
  return { units: [], lead: [], supporting: [], dropped: [], rejected: [] };
}

function mergeSplits(...xs: SplitUnits[]): SplitUnits {
  const out = emptySplit();
  const seen = new Set<string>();
  for (const x of xs) {
    for (const u of x.units) if (!seen.has(u)) (seen.add(u), out.units.push(u));
    for (const u of x.lead) if (!out.lead.includes(u)) out.lead.push(u);
    for (const u of x.supporting) if (!out.supporting.includes(u)) out.supporting.push(u);
    out.dropped.push(...x.dropped);
    out.rejected.push(...x.rejected);
  }
  return out;
}

function task(
  categories: string[],
  requirement: string,
  units: SplitUnits,
  unitsFrom: ExtractedTask['unitsFrom'],
  deadlineText: string | null,
  deadlineFrom: ExtractedTask['deadlineFrom'],
  source: string,
): ExtractedTask {
  const cats = categories.filter(Boolean);
  return {
    category: cats.length ? cats[cats.length - 1]! : null,
    categories: cats,
    requirement,
    units: [...units.units],
    leadUnits: [...units.lead],
    supportingUnits: [...units.supporting],
    deadlineText: deadlineText || null,
    unitsFrom,
    deadlineFrom: deadlineText ? deadlineFrom : 'none',
    source,
    droppedUnitText: unitsFrom === 'own' ? [...units.dropped] : [],
  };
}

// ---------------------------------------------------------------------------------------------------
// 1. Tables

interface TableState {
  map: ColumnMap;
  width: number;
  category: string | null;
  sub: { text: string; col: number } | null;
  units: SplitUnits | null;
  deadline: string | null;
  /** The last 牵头单位 / 配合单位 cells, when the table has such columns. */
  leadText: string;
  supportText: string;
  /** The units above come from a sub-task heading row rather than from a task's row. */
  unitsFromHeading: boolean;
}

/** Columns whose cells are never the requirement. */
const NON_TEXT_ROLES: ReadonlySet<ColumnRole> = new Set(['serial', 'category', 'deadline', 'lead', 'supporting', 'other']);

interface RowShape {
  /** Column of the cell holding the units, or -1. */
  unitCol: number;
  /** Columns holding requirement-like text, left to right. */
  textCols: number[];
}

function cellsText(row: readonly Cell[], width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(width, row.length); i++) {
    const t = cellText(row[i]?.text);
    // "/", "—", "无": an empty cell that says so.
    out.push(t && isPlaceholder(t) ? '' : t);
  }
  return out;
}

function rowShape(texts: readonly string[], map: ColumnMap): RowShape {
  const unitsCol = indexOfRole(map, 'units');
  let unitCol = -1;
  if (unitsCol >= 0 && texts[unitsCol] && looksLikeUnitList(texts[unitsCol]!)) unitCol = unitsCol;
  else {
    // Cells shifted out of their column: the rightmost cell that is a list of units.
    for (let i = texts.length - 1; i >= 0; i--) {
      const role = map.roles[i] ?? null;
      if (role && NON_TEXT_ROLES.has(role)) continue;
      const t = texts[i]!;
      if (t && visibleLength(t) <= 400 && looksLikeUnitList(t)) {
        unitCol = i;
        break;
      }
    }
  }
  const textCols: number[] = [];
  texts.forEach((t, i) => {
    if (!t || i === unitCol) return;
    const role = map.roles[i] ?? null;
    if (role && NON_TEXT_ROLES.has(role)) return;
    // A bare number in the first columns is a serial number even without a 序号 header.
    if (i <= 1 && /^\d{1,3}[.、．]?$/.test(t)) return;
    textCols.push(i);
  });
  return { unitCol, textCols };
}

/** A row with one short text at the left (or spanning the row), nothing else: a section heading inside the table. */
function sectionHeading(row: readonly Cell[], texts: readonly string[]): string | null {
  const filled = texts.map((t, i) => (t && row[i]?.merged !== 'left' ? i : -1)).filter((i) => i >= 0);
  if (filled.length !== 1) return null;
  const i = filled[0]!;
  const t = texts[i]!;
  const spans = row.length > 1 && row.slice(i + 1).every((c) => c.merged === 'left');
  if (!(i <= 1 || spans)) return null;
  if (/^\d+$/.test(t) || endsSentence(t) || visibleLength(t) > 50 || looksLikeUnitList(t)) return null;
  return stripEnumeration(t) || t;
}

function findHeader(table: TableBlock): { index: number; map: ColumnMap } | null {
  for (let r = 0; r < Math.min(table.rows.length, 10); r++) {
    const map = readHeader(table.rows[r]!.map((c) => c.text));
    if (!map) continue;
    // A two-row header: "责任单位" over "牵头单位 | 配合单位". The second row's roles are the more precise.
    const next = table.rows[r + 1];
    const sub = next ? next.map((c) => headerRole(cellText(c.text))) : [];
    if (next && sub.some((x) => x !== null) && next.every((c, i) => !cellText(c.text) || sub[i] !== null)) {
      const roles = map.roles.map((role, i) => sub[i] ?? role);
      return { index: r + 1, map: { roles, labels: map.labels.map((l, i) => cellText(next[i]?.text) || l) } };
    }
    return { index: r, map };
  }
  return null;
}

/** Roles for a table without a header, from its content: needs a column of unit lists and one of long text. */
function inferColumns(table: TableBlock): ColumnMap | null {
  const rows = table.rows.map((r) => r.map((c) => cellText(c.text)));
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length < 2 || width < 2) return null;
  const stats = Array.from({ length: width }, (_, i) => {
    const vals = rows.map((r) => r[i] ?? '').filter(Boolean);
    return {
      filled: vals.length,
      units: vals.filter((v) => looksLikeUnitList(v)).length,
      serial: vals.filter((v) => /^\d{1,3}$/.test(v)).length,
      time: vals.filter((v) => looksLikeTimeLimit(v)).length,
      avg: vals.length ? vals.reduce((n, v) => n + visibleLength(v), 0) / vals.length : 0,
    };
  });
  const unitCol = stats.findIndex((s) => s.filled >= 2 && s.units / s.filled >= 0.6);
  if (unitCol < 0) return null;
  const roles: Array<ColumnRole | null> = stats.map(() => null);
  roles[unitCol] = 'units';
  stats.forEach((s, i) => {
    if (i === unitCol || !s.filled) return;
    if (s.serial / s.filled >= 0.8) roles[i] = 'serial';
    else if (s.time / s.filled >= 0.6 && s.avg < 40) roles[i] = 'deadline';
  });
  let req = -1;
  stats.forEach((s, i) => {
    if (roles[i] === null && s.filled && s.avg >= 8 && (req < 0 || s.avg > stats[req]!.avg)) req = i;
  });
  if (req < 0) return null;
  roles[req] = 'requirement';
  stats.forEach((s, i) => {
    if (roles[i] === null && s.filled && i < req) roles[i] = 'category';
  });
  return { roles, labels: roles.map(() => '') };
}

interface TablesResult {
  tasks: ExtractedTask[];
  warnings: string[];
  tablesWithUnits: number;
  tablesWithoutUnits: number;
}

function extractFromTables(tables: readonly TableBlock[]): TablesResult {
  const out: TablesResult = { tasks: [], warnings: [], tablesWithUnits: 0, tablesWithoutUnits: 0 };
  let state: TableState | null = null;
  tables.forEach((table, ti) => {
    const label = `表格${ti + 1}${table.name ? `（${table.name}）` : ''}`;
    const header = findHeader(table);
    let first = 0;
    if (header) {
      if (!hasUnitColumn(header.map)) {
        out.tablesWithoutUnits++;
        out.warnings.push(`${label}没有责任单位列（表头：${header.map.labels.filter(Boolean).join('、')}），已跳过。`);
        state = null;
        return;
      }
      first = header.index + 1;
      const width = header.map.labels.length;
      // The same header again (a table continued on the next page) keeps the categories and units above.
      const rolesKey = (m: ColumnMap) => m.roles.join().replace(/,+$/, '');
      const same = state !== null && rolesKey((state as TableState).map) === rolesKey(header.map);
      state = same ? { ...(state as TableState), map: header.map, width } : freshState(header.map, width);
    } else if (state === null || Math.abs(Math.max(...table.rows.map((r) => r.length)) - (state as TableState).width) > 1) {
      const inferred = inferColumns(table);
      if (!inferred) return;
      state = freshState(inferred, inferred.roles.length);
    }
    out.tablesWithUnits++;
    readRows(table, first, state!, label, out);
  });
  return out;
}

const freshState = (map: ColumnMap, width: number): TableState => ({
  map,
  width,
  category: null,
  sub: null,
  units: null,
  deadline: null,
  leadText: '',
  supportText: '',
  unitsFromHeading: false,
});

function readRows(table: TableBlock, first: number, st: TableState, label: string, out: TablesResult): void {
  const { map } = st;
  const serialCol = indexOfRole(map, 'serial');
  const categoryCol = indexOfRole(map, 'category');
  const deadlineCol = indexOfRole(map, 'deadline');
  const unitsCol = indexOfRole(map, 'units');
  const leadCol = indexOfRole(map, 'lead');
  const supportCol = indexOfRole(map, 'supporting');
  const rows = table.rows;
  // A table that marks merges but has no vertical merge at all was probably flattened (an empty cell where the
  // original had a merged one): read it like plain text.
  const mergeKnown = table.mergeKnown && rows.some((r) => r.some((c) => c.merged === 'up'));
  const texts = rows.map((r) => cellsText(r, st.width));
  const nonEmpty = (r: number) => texts[r]!.some(Boolean);
  const nextRow = (r: number) => {
    for (let k = r + 1; k < rows.length; k++) if (nonEmpty(k) && !readHeader(rows[k]!.map((c) => c.text))) return k;
    return -1;
  };
  const merged = (r: number, c: number) => c >= 0 && rows[r]![c]?.merged === 'up';
  let lastTask: ExtractedTask | null = null;

  for (let r = first; r < rows.length; r++) {
    const row = rows[r]!;
    const t = texts[r]!;
    if (!nonEmpty(r)) continue;
    if (readHeader(row.map((c) => c.text))) continue; // the header repeated on a new page
    const where = `${label}第${r + 1}行`;

    const heading = sectionHeading(row, t);
    if (heading) {
      st.category = heading;
      st.sub = null;
      continue;
    }

    const shape = rowShape(t, map);
    const cat = categoryCol >= 0 ? t[categoryCol]! : '';
    if (cat && cat !== st.category) {
      st.category = cat;
      st.sub = null;
    } else if (cat) st.sub = null;

    const unitText = shape.unitCol >= 0 ? t[shape.unitCol]! : '';
    let leadText = leadCol >= 0 ? t[leadCol]! : '';
    let supportText = supportCol >= 0 ? t[supportCol]! : '';
    const hasOwnUnits = Boolean(unitText || leadText || supportText);
    // Separate 牵头单位 / 配合单位 columns: a merged one repeats its own column above (in plain text: an empty
    // one, in a row that continues the block above, i.e. without a 工作任务 of its own).
    if (hasOwnUnits && !unitText && shape.textCols.length) {
      // A task without a lead of its own shares the lead above; an empty 配合单位 is often just none, so in
      // plain text it repeats only when the lead does too.
      const ownLead = Boolean(leadText);
      if (leadCol >= 0 && !leadText && (mergeKnown ? merged(r, leadCol) : !cat)) leadText = st.leadText;
      if (supportCol >= 0 && !supportText && (mergeKnown ? merged(r, supportCol) : !cat && !ownLead)) supportText = st.supportText;
    }
    const own = hasOwnUnits
      ? mergeSplits(
          leadText ? asRole(splitUnits(leadText), 'lead') : emptySplit(),
          unitText ? splitUnits(unitText) : emptySplit(),
          supportText ? asRole(splitUnits(supportText), 'supporting') : emptySplit(),
        )
      : null;

    if (shape.textCols.length === 0) {
      // Units (or a category) without any requirement: they apply to the rows below.
      if (own) st.units = own;
      continue;
    }
    const reqCol = shape.textCols[shape.textCols.length - 1]!;
    const requirement = t[reqCol]!;
    const subTexts = shape.textCols.slice(0, -1).map((c) => t[c]!);

    // A short text whose requirements follow in the rows below, one column further right (a sub-task heading).
    if (subTexts.length === 0 && visibleLength(requirement) <= 30 && !/[。；].+/.test(requirement)) {
      const n = nextRow(r);
      if (n >= 0) {
        const ns = rowShape(texts[n]!, map);
        const nCat = categoryCol >= 0 ? texts[n]![categoryCol] : '';
        if (!nCat && ns.unitCol < 0 && ns.textCols.some((c) => c > reqCol)) {
          st.sub = { text: requirement, col: reqCol };
          if (own) {
            st.units = own;
            st.unitsFromHeading = true;
          }
          continue;
        }
      }
    }

    // The rest of the previous row's text, cut by a page break (plain text only).
    if (
      !mergeKnown &&
      lastTask &&
      serialCol >= 0 &&
      !t[serialCol] &&
      !cat &&
      !hasOwnUnits &&
      !(deadlineCol >= 0 && t[deadlineCol]) &&
      subTexts.length === 0 &&
      !endsSentence(lastTask.requirement)
    ) {
      lastTask.requirement += requirement;
      continue;
    }

    if (subTexts.length) st.sub = { text: subTexts.join(' '), col: shape.textCols[shape.textCols.length - 2]! };
    else if (st.sub && reqCol <= st.sub.col) st.sub = null;

    let units: SplitUnits;
    let unitsFrom: ExtractedTask['unitsFrom'];
    if (own) {
      units = own;
      unitsFrom = 'own';
      st.unitsFromHeading = false;
    } else if (st.units && (!mergeKnown || merged(r, unitsCol >= 0 ? unitsCol : leadCol) || unitsCol < 0)) {
      units = st.units;
      unitsFrom = st.unitsFromHeading ? 'heading' : 'above';
    } else {
      units = emptySplit();
      unitsFrom = 'none';
    }

    let deadline: string | null = deadlineCol >= 0 && t[deadlineCol] ? t[deadlineCol]! : null;
    let deadlineFrom: ExtractedTask['deadlineFrom'] = deadline ? 'own' : 'none';
    if (!deadline && deadlineCol >= 0) {
      // In plain text the time limit repeats with the units of a merged block (not under a sub-task heading,
      // whose rows each have their own).
      const inherit = mergeKnown ? merged(r, deadlineCol) : unitsFrom === 'above';
      if (inherit && st.deadline) {
        deadline = st.deadline;
        deadlineFrom = 'above';
      }
    }

    const categories = [st.category ?? '', st.sub?.text ?? ''];
    const tk = task(categories, requirement, units, unitsFrom, deadline, deadlineFrom, where);
    out.tasks.push(tk);
    lastTask = tk;
    st.units = units;
    st.deadline = deadline;
    if (unitsFrom === 'none') st.unitsFromHeading = false;
    if (leadCol >= 0) st.leadText = leadText || (unitsFrom === 'above' ? st.leadText : '');
    if (supportCol >= 0) st.supportText = supportText || (unitsFrom === 'above' ? st.supportText : '');
  }
}

function asRole(s: SplitUnits, role: 'lead' | 'supporting'): SplitUnits {
  return role === 'lead' ? { ...s, lead: [...s.units], supporting: [] } : { ...s, lead: [], supporting: [...s.units] };
}

// ---------------------------------------------------------------------------------------------------
// 2. One cell per line

const UNIT_HEADER = /^(?:责任单位|牵头单位|责任部门|牵头及责任单位|牵头单位及责任单位|承办单位|负责单位|责任主体|实施单位)$/;
const CELL_HEADER = /^(?:序号|编号|工作任务及要求|工作任务|工作要求|具体要求|任务要求|工作内容|主要内容|工作措施|重点任务|具体任务|任务|类别|时限要求|完成时限|时限|完成时间|时间节点|备注|配合单位|牵头单位|责任单位|责任部门|牵头及责任单位)$/;
const FOOTER = /^(?:编辑[:：(（]|信息来源|来源[:：]|关闭$|打印$|Produced|扫一扫|【|抄送|主题词|公开方式|\(此件|（此件|附件\s*\d|附件[:：]|责任编辑|分享到|相关链接)/;

interface CellLine {
  p: ParagraphBlock;
  text: string;
}

/** Where the one-cell-per-line header is: the index of its first line and its lines, or null. */
function cellLinesHeader(paras: readonly ParagraphBlock[], from: number): { start: number; end: number; labels: string[] } | null {
  for (let i = from; i < paras.length; i++) {
    const t = cellText(paras[i]!.text).replace(/\s+/g, '');
    if (!UNIT_HEADER.test(t)) continue;
    let s = i;
    while (s > 0 && i - s < 4 && CELL_HEADER.test(cellText(paras[s - 1]!.text).replace(/\s+/g, ''))) s--;
    let e = i + 1;
    while (e < paras.length && e - i < 4 && CELL_HEADER.test(cellText(paras[e]!.text).replace(/\s+/g, ''))) e++;
    if (s === i && e === i + 1) continue;
    return { start: s, end: e, labels: paras.slice(s, e).map((p) => cellText(p.text).replace(/\s+/g, '')) };
  }
  return null;
}

function extractFromCellLines(paras: readonly ParagraphBlock[]): { tasks: ExtractedTask[]; found: boolean } {
  const head = cellLinesHeader(paras, 0);
  if (!head) return { tasks: [], found: false };
  const headerTexts = new Set(head.labels);
  const hasDeadline = head.labels.some((l) => /时限|时间/.test(l));
  const isHeader = (p: ParagraphBlock) => headerTexts.has(cellText(p.text).replace(/\s+/g, ''));
  const lines: CellLine[] = [];
  for (let i = head.end; i < paras.length; i++) {
    const text = cellText(paras[i]!.text);
    if (FOOTER.test(text)) break;
    lines.push({ p: paras[i]!, text });
  }
  const numbered = serialRows(lines.filter((l) => !isHeader(l.p)), head.labels);
  if (numbered) return { tasks: extractFromTables([numbered]).tasks, found: true };
  const tasks: ExtractedTask[] = [];
  const known = new Set<string>();
  let path: string[] = [];
  let lastUnits: SplitUnits | null = null;
  let atPageStart = true;
  let headingRun: string[] = [];
  let k = 0;
  const flushHeadings = () => {
    if (!headingRun.length) return;
    // Page-break fragments of a heading seen before ("强化组" + "织保障和基础工作").
    const joined: string[] = [];
    for (let j = 0; j < headingRun.length; j++) {
      let h = headingRun[j]!;
      while (!known.has(h) && j + 1 < headingRun.length && [...known].some((x) => x.startsWith(h + headingRun[j + 1]!))) h += headingRun[++j]!;
      joined.push(h);
    }
    for (const h of joined) known.add(h);
    if (atPageStart || joined.length >= 2) path = joined;
    else path = [...path.slice(0, Math.max(0, path.length - 1)), joined[0]!];
    headingRun = [];
  };
  while (k < lines.length) {
    const { p, text } = lines[k]!;
    if (isHeader(p)) {
      flushHeadings();
      atPageStart = true;
      k++;
      continue;
    }
    if (/^\d{1,3}[.、．]?$/.test(text)) {
      k++;
      continue;
    }
    const unitList = looksLikeUnitList(text);
    // A short line without a full stop is a heading, unless its own unit line follows (headings have none).
    const after = lines[k + 1];
    const isHeading = !unitList && !endsSentence(text) && visibleLength(text) <= 45 && !(after && !isHeader(after.p) && looksLikeUnitList(after.text));
    if (isHeading) {
      headingRun.push(text);
      k++;
      continue;
    }
    if (unitList) {
      // Units with no requirement before them on this page: they apply to what follows.
      flushHeadings();
      atPageStart = false;
      lastUnits = splitUnits(text);
      k++;
      continue;
    }
    flushHeadings();
    atPageStart = false;
    const requirement = text;
    const where = `第${p.line ?? '?'}行`;
    const next = lines[k + 1];
    let units: SplitUnits | null = null;
    let unitsFrom: ExtractedTask['unitsFrom'] = 'above';
    let deadline: string | null = null;
    let consumed = 1;
    if (next && !isHeader(next.p) && looksLikeUnitList(next.text)) {
      units = splitUnits(next.text);
      unitsFrom = 'own';
      consumed = 2;
    } else if (next) {
      // Two blank lines after a requirement are an empty unit cell (three before a page header).
      const gap = next.p.gapBefore ?? 1;
      if (gap >= (isHeader(next.p) ? 3 : 2)) {
        units = emptySplit();
        unitsFrom = 'none';
      }
    }
    if (hasDeadline) {
      const d = lines[k + consumed];
      if (d && !isHeader(d.p) && visibleLength(d.text) <= 80 && looksLikeTimeLimit(d.text) && !looksLikeUnitList(d.text)) {
        deadline = d.text;
        consumed++;
      }
    }
    if (!units) units = lastUnits ?? emptySplit();
    if (unitsFrom === 'above' && !lastUnits) unitsFrom = 'none';
    if (unitsFrom === 'own') lastUnits = units;
    tasks.push(task([...path], requirement, units, unitsFrom, deadline, 'own', where));
    k += consumed;
  }
  return { tasks, found: true };
}

/**
 * One cell per line with a 序号 column (a table copied without its tabs): rows start at the serial numbers
 * 1, 2, 3 …; inside a row the lines are told apart by content and put back into the header's columns, in the
 * header's order (…要求, 责任单位, 时限…): the unit list, after it the time limit, before it the requirement
 * and, before that, the 工作任务. Null when the lines are not numbered that way.
 */
function serialRows(lines: readonly CellLine[], labels: readonly string[]): TableBlock | null {
  const map = readHeader(labels);
  if (!map || indexOfRole(map, 'serial') < 0) return null;
  const groups: string[][] = [];
  let expected = 1;
  for (const { text } of lines) {
    if (/^\d{1,3}$/.test(text) && Number(text) === expected) {
      groups.push([text]);
      expected++;
    } else if (groups.length) groups[groups.length - 1]!.push(text);
  }
  if (groups.length < 2) return null;
  const col = (role: ColumnRole) => indexOfRole(map, role);
  const width = labels.length;
  const rows: string[][] = [labels.slice()];
  for (const [serial, ...cells] of groups) {
    const row = Array.from({ length: width }, () => '');
    row[col('serial')] = serial!;
    const u = cells.findIndex((c) => looksLikeUnitList(c));
    let before = u >= 0 ? cells.slice(0, u) : cells.slice();
    let after = u >= 0 ? cells.slice(u + 1) : [];
    if (u < 0 && col('deadline') >= 0) {
      // No unit cell (merged): the time limit, if any, is the last line and reads as one.
      const last = before[before.length - 1];
      const prev = before[before.length - 2];
      if (last && prev && looksLikeTimeLimit(last) && (!looksLikeTimeLimit(prev) || visibleLength(last) < visibleLength(prev))) {
        after = [last];
        before = before.slice(0, -1);
      }
    }
    if (u >= 0 && col('units') >= 0) row[col('units')] = cells[u]!;
    if (col('deadline') >= 0) row[col('deadline')] = after.join('');
    const req = col('requirement');
    if (before.length) row[req] = before[before.length - 1]!;
    if (before.length > 1 && col('category') >= 0) row[col('category')] = before.slice(0, -1).join(' ');
    rows.push(row);
  }
  return { kind: 'table', rows: rows.map((r) => r.map((text) => ({ text }))), source: 'tab_cells', mergeKnown: false };
}

// ---------------------------------------------------------------------------------------------------
// 3. Prose with "（责任单位：…）"

const REMARK_LABELS = '责任单位|牵头单位|责任部门|牵头部门|配合单位|配合部门|协办单位|参与单位|负责单位|主办单位|责任主体|完成时限|时限要求|完成时间|时间要求|时间节点|完成期限';
const REMARK_AT_END = new RegExp(`[（(]\\s*((?:${REMARK_LABELS})\\s*[:：](?:[^（）()]|[（(][^（）()]*[）)])*)[）)]\\s*[。.；;]?\\s*$`);
const REMARK_LINE = new RegExp(`^[（(]?\\s*((?:${REMARK_LABELS})\\s*[:：].*?)[）)]?[。.]?$`);

const BARE_UNITS_AT_END = /[（(]\s*([^（）()]+(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。.；;]?\s*$/;

interface Remark {
  units: SplitUnits | null;
  deadline: string | null;
}

function readRemark(inner: string): Remark {
  let units: SplitUnits | null = null;
  let deadline: string | null = null;
  for (const part of inner.split(/[；;]/)) {
    const m = new RegExp(`^\\s*(${REMARK_LABELS})\\s*[:：]\\s*(.*)$`).exec(part);
    if (!m) continue;
    const label = m[1]!;
    const value = m[2]!.trim().replace(/[。.]$/, '');
    if (/时限|时间|期限/.test(label)) deadline = value || null;
    else if (value) units = mergeSplits(units ?? emptySplit(), splitUnits(`${label}：${value}`));
  }
  return { units, deadline };
}

function extractFromProse(paras: readonly ParagraphBlock[]): ExtractedTask[] {
  const tasks: ExtractedTask[] = [];
  const path: string[] = [];
  const level = (t: string): number => {
    if (/^\s*[一二三四五六七八九十百]+\s*[、.．]/.test(t) || /^\s*第[一二三四五六七八九十百]+[部分章节]/.test(t)) return 1;
    if (/^\s*[（(]\s*[一二三四五六七八九十百]+\s*[）)]/.test(t)) return 2;
    if (/^\s*\d+\s*[、.．](?!\d)/.test(t)) return 3;
    if (/^\s*[（(]\s*\d+\s*[）)]/.test(t)) return 4;
    return 0;
  };
  let pending: { text: string; cats: string[]; where: string; deadline?: string } | null = null;
  const emit = (text: string, cats: string[], where: string, rm: Remark, deadline: string | null = null) => {
    if (!rm.units) return;
    tasks.push(task(cats, text, rm.units, 'own', rm.deadline ?? deadline, 'own', where));
  };
  // Set while the lines right after a task's paragraph are its "责任单位：" / "完成时限：" lines.
  let remarkTarget: ExtractedTask | null = null;
  for (const p of paras) {
    const raw = cellText(p.text);
    const where = `第${p.line ?? '?'}行`;
    const line = REMARK_LINE.exec(raw);
    if (line && !REMARK_AT_END.test(raw) && (pending || remarkTarget)) {
      // "责任单位：…" / "完成时限：…" on its own line: for the item above.
      const rm = readRemark(line[1]!);
      if (pending && rm.units) {
        emit(pending.text, pending.cats, pending.where, rm, pending.deadline ?? null);
        remarkTarget = tasks[tasks.length - 1] ?? null;
        pending = null;
      } else if (remarkTarget) {
        if (rm.deadline && remarkTarget.deadlineText === null) {
          remarkTarget.deadlineText = rm.deadline;
          remarkTarget.deadlineFrom = 'own';
        }
        if (rm.units) {
          // "牵头单位：…" then "配合单位：…" on the next line: both are the task's.
          const merged = mergeSplits({ units: remarkTarget.units, lead: remarkTarget.leadUnits, supporting: remarkTarget.supportingUnits, dropped: [], rejected: [] }, rm.units);
          Object.assign(remarkTarget, { units: merged.units, leadUnits: merged.lead, supportingUnits: merged.supporting, unitsFrom: 'own' });
        }
      } else if (pending && rm.deadline) pending.deadline = rm.deadline;
      continue;
    }
    remarkTarget = null;
    const end = REMARK_AT_END.exec(raw);
    const lv = level(raw);
    if (end) {
      const text = stripEnumeration(raw.slice(0, end.index)).replace(/[，,；;]$/, '');
      emit(text, lv > 0 ? path.slice(0, lv - 1) : [...path], where, readRemark(end[1]!));
      remarkTarget = tasks[tasks.length - 1] ?? null;
      pending = null;
      continue;
    }
    // A numbered item ending with units in brackets, without a label: "…。（县发改局牵头，县财政局配合）".
    const bare = lv > 0 ? BARE_UNITS_AT_END.exec(raw) : null;
    if (bare && looksLikeUnitList(bare[1]!) && visibleLength(raw) > visibleLength(bare[0]) + 4) {
      const text = stripEnumeration(raw.slice(0, bare.index)).replace(/[，,；;]$/, '');
      emit(text, path.slice(0, lv - 1), where, { units: splitUnits(bare[1]!), deadline: null });
      remarkTarget = tasks[tasks.length - 1] ?? null;
      pending = null;
      continue;
    }
    if (lv > 0 && !endsSentence(raw) && visibleLength(raw) <= 60) {
      path.length = lv - 1;
      while (path.length < lv - 1) path.push('');
      path[lv - 1] = stripEnumeration(raw);
      pending = null;
      continue;
    }
    pending = lv > 0 || pending === null ? { text: stripEnumeration(raw), cats: lv > 0 ? path.slice(0, lv - 1) : [...path], where } : pending;
  }
  return tasks;
}

// ---------------------------------------------------------------------------------------------------
// Entry point

/** Tasks of a notice, or why there are none. Never throws. */
export function extractTasks(doc: NoticeDocument): NoticeParse {
  const paras = doc.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
  const tables = doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
  const allText = [...paras.map((p) => p.text), ...tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text)))];
  const title = titleOf(paras.map((p) => p.text)) ?? titleOf(tables.flatMap((t) => t.rows.slice(0, 2).flatMap((r) => r.map((c) => c.text))));
  const planYear = planYearOf(allText);
  const base = { title, planYear };
  const refuse = (problem: NoticeProblem, message: string): NoticeParse => ({ status: 'refused', message, problem, layout: null, tasks: [], warnings: [], ...base });

  if (!allText.some((t) => t.trim())) return refuse('empty', NOTICE_MESSAGES.empty);

  const warnings: string[] = [];
  const finish = (kind: LayoutKind, detail: string, tasks: ExtractedTask[], extra: string[] = []): NoticeParse => {
    const w = [...extra];
    const noUnits = tasks.filter((t) => t.units.length === 0).length;
    if (noUnits) w.push(`有 ${noUnits} 项任务没有识别出责任单位，请在确认前补上。`);
    const dropped = [...new Set(tasks.flatMap((t) => t.droppedUnitText))];
    if (dropped.length) w.push(`以下泛指的写法没有作为单位导入：${dropped.slice(0, 10).join('、')}${dropped.length > 10 ? '等' : ''}。`);
    return { status: 'ok', message: null, problem: null, layout: { kind, detail }, tasks, warnings: w, ...base };
  };

  if (tables.length) {
    const r = extractFromTables(tables);
    if (r.tasks.length) {
      const sources = [...new Set(tables.map((t) => t.source))];
      return finish('table', `任务分解表（${sources.map((s) => TABLE_SOURCE_ZH[s]).join('、')}）`, r.tasks, r.warnings);
    }
    warnings.push(...r.warnings);
    if (r.tablesWithoutUnits > 0 && r.tablesWithUnits === 0) {
      const cells = extractFromCellLines(paras);
      const prose = extractFromProse(paras);
      if (!cells.tasks.length && !prose.length) return refuse('no_unit_column', NOTICE_MESSAGES.noUnitColumn(r.tablesWithoutUnits));
    }
  }

  const cells = extractFromCellLines(paras);
  if (cells.tasks.length) return finish('cell_lines', '任务分解表（每个单元格占一段，按内容区分标题、要求和责任单位）', cells.tasks, warnings);

  const prose = extractFromProse(paras);
  if (prose.length) return finish('prose', '分条列出的文字方案，每条末尾注明责任单位', prose, warnings);

  if (!allText.some((t) => NOTICE_WORDS.test(t))) return refuse('not_notice', NOTICE_MESSAGES.notNotice);
  return { status: 'no_tasks', message: NOTICE_MESSAGES.noTasks, problem: 'no_tasks', layout: null, tasks: [], warnings, ...base };
}

const TABLE_SOURCE_ZH: Record<TableBlock['source'], string> = {
  tab_rows: '制表符分隔的行',
  tab_cells: '每个单元格一行、以制表符开头',
  pipe: '竖线“|”分隔',
  html: '网页表格',
  docx: 'Word 表格',
  xlsx: 'Excel 表格',
};
