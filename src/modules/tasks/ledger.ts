// 工作台账: each unit's own list of its tasks in the columns of the zichuan notice's attachment 2 (序号, 工作任务,
// 工作举措, 时限要求, 单位分管领导, 责任科室). A row per task is made when the plan is imported (工作任务 and 时限要求
// filled in); the unit writes its measures, leader and section, splits a task into several measures, adds
// work of its own; exported as XLSX in the same layout.
import ExcelJS from 'exceljs';
import { and, asc, eq, max } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { units } from '../org/schema.ts';
import { requireUnit, unitScopeCondition, type UnitRow } from '../org/units.ts';
import { requirePlan } from './common.ts';
import { taskAssignments, taskLedgerRows, tasks } from './schema.ts';
import { visiblePlan } from './service.ts';

type LedgerRow = typeof taskLedgerRows.$inferSelect;

export const LEDGER_COLUMNS = ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室'] as const;

export interface LedgerRowView {
  id: string;
  /** 序号 as shown: the task's place in the unit's ledger (rows of one task share it). */
  number: number;
  assignmentId: string | null;
  taskSeq: number | null;
  task: string;
  measure: string;
  timeLimit: string;
  leader: string;
  section: string;
  /** The first row of its task (the one made at import): it stays. */
  base: boolean;
  updatedBy: string | null;
  version: number;
}

export interface LedgerView {
  planId: string;
  planTitle: string;
  year: number;
  unitId: string;
  unitName: string;
  rows: LedgerRowView[];
  /** Rows whose 工作举措, 单位分管领导 or 责任科室 are still empty. */
  incomplete: number;
  mayEdit: boolean;
}

function numbered(rows: (LedgerRow & { taskSeq: number | null })[]): LedgerRowView[] {
  let n = 0;
  let lastKey: string | null = null;
  const seenBase = new Set<string>();
  return rows.map((r) => {
    const key = r.assignmentId ?? `own:${r.id}`;
    if (key !== lastKey) n++;
    lastKey = key;
    const base = r.assignmentId !== null && !seenBase.has(r.assignmentId);
    if (r.assignmentId) seenBase.add(r.assignmentId);
    return { id: r.id, number: n, assignmentId: r.assignmentId, taskSeq: r.taskSeq, task: r.task, measure: r.measure, timeLimit: r.timeLimit, leader: r.leader, section: r.section, base, updatedBy: r.updatedBy, version: r.version };
  });
}

async function ledgerRows(exec: Executor, tenantId: string, planId: string, unitId: string) {
  return exec
    .select({ r: taskLedgerRows, taskSeq: tasks.seq })
    .from(taskLedgerRows)
    .leftJoin(taskAssignments, and(eq(taskAssignments.tenantId, taskLedgerRows.tenantId), eq(taskAssignments.id, taskLedgerRows.assignmentId)))
    .leftJoin(tasks, and(eq(tasks.tenantId, taskAssignments.tenantId), eq(tasks.id, taskAssignments.taskId)))
    .where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.planId, planId), eq(taskLedgerRows.unitId, unitId)))
    .orderBy(asc(taskLedgerRows.sortOrder), asc(taskLedgerRows.createdAt))
    .then((rows) => rows.map(({ r, taskSeq }) => ({ ...r, taskSeq })));
}

async function unitOfLedger(exec: Executor, caller: Caller, planId: string, unitId: string): Promise<UnitRow> {
  const unit = await requireUnit(exec, caller.actor.tenantId, unitId);
  if (!can(caller, 'tasks.read', unit)) throw notFound('工作台账');
  await visiblePlan(exec, caller, planId);
  return unit;
}

export async function getLedger(exec: Executor, caller: Caller, planId: string, unitId: string): Promise<LedgerView> {
  const tenantId = caller.actor.tenantId;
  const unit = await unitOfLedger(exec, caller, planId, unitId);
  const plan = await requirePlan(exec, tenantId, planId);
  const rows = numbered(await ledgerRows(exec, tenantId, planId, unitId));
  return {
    planId,
    planTitle: plan.title,
    year: plan.year,
    unitId,
    unitName: unit.name,
    rows,
    incomplete: rows.filter((r) => !r.measure.trim() || !r.leader.trim() || !r.section.trim()).length,
    mayEdit: can(caller, 'tasks.report', unit) && plan.status === 'active',
  };
}

/** The units whose ledger of a plan the caller may read (for the console's unit picker). */
export async function ledgerUnits(exec: Executor, caller: Caller, planId: string) {
  await visiblePlan(exec, caller, planId);
  const rows = await exec
    .selectDistinct({ id: units.id, name: units.name, sortOrder: units.sortOrder })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .where(and(eq(taskAssignments.tenantId, caller.actor.tenantId), eq(taskAssignments.planId, planId), unitScopeCondition(caller, 'tasks.read')))
    .orderBy(asc(units.sortOrder), asc(units.name));
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export interface LedgerRowInput {
  task?: string;
  measure?: string;
  timeLimit?: string;
  leader?: string;
  section?: string;
}

const clean = (s: string | undefined) => (s === undefined ? undefined : s.trim());

async function editableRow(tx: Executor, caller: Caller, id: string) {
  const [row] = await tx.select().from(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, caller.actor.tenantId), eq(taskLedgerRows.id, id))).for('update');
  if (!row) throw notFound('台账行');
  const unit = await requireUnit(tx, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'tasks.read', unit)) throw notFound('台账行');
  assertCan(caller, 'tasks.report', unit, unit.name);
  const plan = await requirePlan(tx, caller.actor.tenantId, row.planId);
  if (plan.status !== 'active') throw conflict(`工作计划《${plan.title}》已回头看结转，台账不能再修改`);
  return { row, unit };
}

export async function updateLedgerRow(db: Db, caller: Caller, id: string, input: LedgerRowInput & { version: number }): Promise<LedgerView> {
  const tenantId = caller.actor.tenantId;
  const { planId, unitId } = await db.transaction(async (tx) => {
    const { row, unit } = await editableRow(tx, caller, id);
    if (row.version !== input.version) throw staleVersion('台账行');
    const task = clean(input.task);
    if (task !== undefined && !task) throw badRequest('工作任务不能为空', { field: 'task' });
    const next = {
      ...(task !== undefined ? { task } : {}),
      ...(input.measure !== undefined ? { measure: clean(input.measure)! } : {}),
      ...(input.timeLimit !== undefined ? { timeLimit: clean(input.timeLimit)! } : {}),
      ...(input.leader !== undefined ? { leader: clean(input.leader)! } : {}),
      ...(input.section !== undefined ? { section: clean(input.section)! } : {}),
    };
    await tx
      .update(taskLedgerRows)
      .set({ ...next, updatedBy: caller.actor.label, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.id, id)));
    await recordAudit(tx, caller.actor, { action: 'task.ledger.update', entityType: 'task_ledger', entityId: id, summary: `${unit.name}修改工作台账：${row.task.slice(0, 30)}`, before: { measure: row.measure, timeLimit: row.timeLimit, leader: row.leader, section: row.section }, after: next });
    return { planId: row.planId, unitId: row.unitId };
  });
  return getLedger(db, caller, planId, unitId);
}

/** A row added by the unit: another measure for a task (after one of its rows), or work of its own. */
export async function addLedgerRow(db: Db, caller: Caller, planId: string, input: LedgerRowInput & { unitId: string; afterRowId?: string | null }): Promise<LedgerView> {
  const tenantId = caller.actor.tenantId;
  await db.transaction(async (tx) => {
    const unit = await unitOfLedger(tx, caller, planId, input.unitId);
    assertCan(caller, 'tasks.report', unit, unit.name);
    const plan = await requirePlan(tx, tenantId, planId);
    if (plan.status !== 'active') throw conflict(`工作计划《${plan.title}》已回头看结转，台账不能再修改`);
    let after: LedgerRow | undefined;
    if (input.afterRowId) {
      [after] = await tx.select().from(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.id, input.afterRowId), eq(taskLedgerRows.planId, planId), eq(taskLedgerRows.unitId, unit.id)));
      if (!after) throw badRequest('要插在其后的台账行不存在', { field: 'afterRowId' });
    }
    const task = clean(input.task) || after?.task || '';
    if (!task) throw badRequest('请填写工作任务', { field: 'task' });
    const rows = await ledgerRows(tx, tenantId, planId, unit.id);
    const [{ top }] = (await tx.select({ top: max(taskLedgerRows.sortOrder) }).from(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.planId, planId), eq(taskLedgerRows.unitId, unit.id)))) as [{ top: number | null }];
    let sortOrder = (top ?? 0) + 10;
    if (after) {
      // Right after the last row of the same task; the rows below move down.
      const sameTask = rows.filter((r) => r.assignmentId !== null && r.assignmentId === after!.assignmentId);
      const last = sameTask.length ? sameTask[sameTask.length - 1]! : after;
      sortOrder = last.sortOrder + 1;
      for (const r of rows.filter((x) => x.sortOrder > last.sortOrder)) {
        await tx.update(taskLedgerRows).set({ sortOrder: r.sortOrder + 10 }).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.id, r.id)));
      }
    }
    const [row] = await tx
      .insert(taskLedgerRows)
      .values({
        tenantId,
        planId,
        unitId: unit.id,
        assignmentId: after?.assignmentId ?? null,
        sortOrder,
        task,
        measure: clean(input.measure) ?? '',
        timeLimit: clean(input.timeLimit) ?? after?.timeLimit ?? '',
        leader: clean(input.leader) ?? after?.leader ?? '',
        section: clean(input.section) ?? after?.section ?? '',
        updatedBy: caller.actor.label,
      })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'task.ledger.add', entityType: 'task_ledger', entityId: row!.id, summary: `${unit.name}在工作台账中增加一行：${task.slice(0, 30)}`, after: { task, measure: row!.measure } });
  });
  return getLedger(db, caller, planId, input.unitId);
}

/** Removes a row; the first row of a task stays (the task is the office's). */
export async function removeLedgerRow(db: Db, caller: Caller, id: string, version: number): Promise<LedgerView> {
  const tenantId = caller.actor.tenantId;
  const { planId, unitId } = await db.transaction(async (tx) => {
    const { row, unit } = await editableRow(tx, caller, id);
    if (row.version !== version) throw staleVersion('台账行');
    if (row.assignmentId) {
      const same = await tx.select({ id: taskLedgerRows.id }).from(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.assignmentId, row.assignmentId))).orderBy(asc(taskLedgerRows.sortOrder), asc(taskLedgerRows.createdAt));
      if (same[0]?.id === id) throw conflict('这是政务公开办分解下达的任务，台账中须保留；可以修改工作举措，或删除本单位增加的行');
    }
    await tx.delete(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.id, id)));
    await recordAudit(tx, caller.actor, { action: 'task.ledger.remove', entityType: 'task_ledger', entityId: id, summary: `${unit.name}删除工作台账中的一行：${row.task.slice(0, 30)}`, before: { task: row.task, measure: row.measure } });
    return { planId: row.planId, unitId: row.unitId };
  });
  return getLedger(db, caller, planId, unitId);
}

const BORDER = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;
const sheetName = (s: string, used: Set<string>) => {
  let base = s.replace(/[\\/?*[\]:]/g, '').slice(0, 28) || '台账';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)}${i}`;
  used.add(name);
  return name;
};

/** The ledger of one unit, or of every unit the caller may read (a sheet each), in the layout of attachment 2. */
export async function ledgerXlsx(exec: Executor, caller: Caller, planId: string, unitId?: string): Promise<{ bytes: Buffer; fileName: string }> {
  const plan = (await visiblePlan(exec, caller, planId)).plan;
  const list = unitId ? [{ id: unitId, name: (await unitOfLedger(exec, caller, planId, unitId)).name }] : await ledgerUnits(exec, caller, planId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const used = new Set<string>();
  for (const u of list) {
    const view = await getLedger(exec, caller, planId, u.id);
    const ws = wb.addWorksheet(sheetName(u.name, used), { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
    ws.getCell(1, 1).value = `${u.name}政务公开工作任务台账（${plan.year}年）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    const header = ws.addRow([...LEDGER_COLUMNS]);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
    });
    let start = 3;
    view.rows.forEach((r, i) => {
      const row = ws.addRow([r.number, r.task, r.measure, r.timeLimit, r.leader, r.section]);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.alignment = { vertical: 'top', wrapText: true };
        c.border = BORDER;
      });
      // Rows of one task share its 序号 and 工作任务 cells, merged as in the example.
      const next = view.rows[i + 1];
      if (!next || next.number !== r.number) {
        const end = row.number;
        if (end > start) {
          ws.mergeCells(start, 1, end, 1);
          ws.mergeCells(start, 2, end, 2);
        }
        start = end + 1;
      }
    });
    [6, 40, 44, 22, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  if (!list.length) wb.addWorksheet('台账').addRow(['没有可导出的台账']);
  const fileName = `${plan.year}年政务公开工作任务台账${unitId && list[0] ? `（${list[0].name}）` : ''}.xlsx`;
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName };
}
