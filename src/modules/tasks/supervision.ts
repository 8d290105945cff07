// Supervision (督查) and assessment (考核) of a plan: the unit × task matrix with each cell's status, the
// scores of the configurable scheme with the ranking, and both as XLSX. A unit sees its own row only (its rank
// is still counted among all units); the office and inspectors see everything.
import ExcelJS from 'exceljs';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { normaliseScheme, scoreUnits, type ScoreScheme, type ScoreUnitFacts, type UnitScore } from '../../core/tasks/scores.ts';
import { assignmentStatus, periodStatus, TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatus } from '../../core/tasks/status.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import { unitScopeCondition } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { ROLE_LABELS } from './common.ts';
import { taskAssignments, taskEvidence, taskPeriods, tasks, taskUrges, type AssignmentRole } from './schema.ts';
import { listBonuses, unacknowledgedUrges, visiblePlan, type BonusView } from './service.ts';

export interface PlanFacts {
  tasks: { id: string; seq: number; category: string | null; requirement: string; weight: number }[];
  assignments: { id: string; taskId: string; unitId: string; unitName: string; unitKind: string; sortOrder: number; role: AssignmentRole; visible: boolean }[];
  periods: { id: string; assignmentId: string; label: string; dueOn: string; state: 'not_started' | 'in_progress' | 'done'; doneOn: string | null; lateDays: number; evidence: number }[];
}

/** Everything the matrix, the scores and the circular are computed from; `visible` marks the caller's units. */
export async function planFacts(exec: Executor, caller: Caller, planId: string, all: boolean): Promise<PlanFacts> {
  const tenantId = caller.actor.tenantId;
  const taskRows = await exec
    .select({ id: tasks.id, seq: tasks.seq, category: tasks.category, requirement: tasks.requirement, weight: tasks.weight })
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, planId)))
    .orderBy(asc(tasks.seq));
  const scope = all ? undefined : unitScopeCondition(caller, 'tasks.read');
  const assignments = await exec
    .select({
      id: taskAssignments.id,
      taskId: taskAssignments.taskId,
      unitId: taskAssignments.unitId,
      unitName: units.name,
      unitKind: units.kind,
      sortOrder: units.sortOrder,
      role: taskAssignments.role,
      visible: scope ? sql<boolean>`(${scope})` : sql<boolean>`true`,
    })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.planId, planId)))
    .orderBy(asc(units.sortOrder), asc(units.name));
  const periods = await exec
    .select({
      id: taskPeriods.id,
      assignmentId: taskPeriods.assignmentId,
      label: taskPeriods.label,
      dueOn: taskPeriods.dueOn,
      state: taskPeriods.state,
      doneOn: taskPeriods.doneOn,
      lateDays: taskPeriods.lateDays,
      // Written out: drizzle leaves columns of a one-table select unqualified, which the subquery would capture.
      evidence: sql<number>`(SELECT count(*)::int FROM ${taskEvidence} e LEFT JOIN ${records} r ON r.tenant_id = e.tenant_id AND r.id = e.record_id WHERE e.tenant_id = task_periods.tenant_id AND e.period_id = task_periods.id AND (e.kind = 'file' OR r.state IN ('published', 'superseded')))`,
    })
    .from(taskPeriods)
    .where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.planId, planId)))
    .orderBy(asc(taskPeriods.dueOn), asc(taskPeriods.periodKey));
  return { tasks: taskRows, assignments: assignments.map((a) => ({ ...a, visible: Boolean(a.visible) })), periods };
}

/**
 * The facts as they stood on `asOf`: a period done after that day was not done yet (for a circular or scores
 * as of an earlier date). Evidence added later is not told apart (the count stays).
 */
export function factsAsOf(facts: PlanFacts, asOf: LocalDate): PlanFacts {
  return {
    ...facts,
    periods: facts.periods.map((p) => (p.state === 'done' && p.doneOn && p.doneOn > asOf ? { ...p, state: 'in_progress' as const, doneOn: null, lateDays: 0 } : p)),
  };
}

// ---- the matrix -------------------------------------------------------------------------------------

export interface MatrixCell {
  taskId: string;
  unitId: string;
  assignmentId: string;
  role: AssignmentRole;
  roleLabel: string;
  status: TaskStatus;
  statusLabel: string;
  periodsDone: number;
  periodsTotal: number;
  overduePeriods: number;
  evidence: number;
  nextDue: { label: string; dueOn: string } | null;
}

export interface Matrix {
  planId: string;
  asOf: string;
  categories: string[];
  tasks: { id: string; seq: number; category: string | null; requirement: string }[];
  units: { id: string; name: string; kind: string; counts: Record<TaskStatus, number>; openUrges: number }[];
  cells: MatrixCell[];
  totals: Record<TaskStatus, number>;
}

export interface MatrixFilter {
  status?: TaskStatus;
  unitId?: string;
  category?: string;
  unitKind?: string;
}

const zero = (): Record<TaskStatus, number> => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

export async function planMatrix(exec: Executor, caller: Caller, planId: string, f: MatrixFilter, today = todayLocal()): Promise<Matrix> {
  const { all } = await visiblePlan(exec, caller, planId);
  const facts = await planFacts(exec, caller, planId, all);
  const byAssignment = new Map<string, PlanFacts['periods']>();
  for (const p of facts.periods) byAssignment.set(p.assignmentId, [...(byAssignment.get(p.assignmentId) ?? []), p]);
  const taskOf = new Map(facts.tasks.map((t) => [t.id, t]));
  const urges = await exec
    .select({ unitId: taskUrges.unitId, n: sql<number>`count(*)::int` })
    .from(taskUrges)
    .where(and(eq(taskUrges.tenantId, caller.actor.tenantId), eq(taskUrges.planId, planId), sql`${taskUrges.acknowledgedAt} IS NULL`))
    .groupBy(taskUrges.unitId);
  const openUrges = new Map(urges.map((u) => [u.unitId, u.n]));
  let cells: MatrixCell[] = facts.assignments
    .filter((a) => a.visible)
    .map((a) => {
      const ps = byAssignment.get(a.id) ?? [];
      const status = assignmentStatus(ps, today);
      const next = ps.find((p) => p.state !== 'done');
      return {
        taskId: a.taskId,
        unitId: a.unitId,
        assignmentId: a.id,
        role: a.role,
        roleLabel: ROLE_LABELS[a.role],
        status,
        statusLabel: TASK_STATUS_LABELS[status],
        periodsDone: ps.filter((p) => p.state === 'done').length,
        periodsTotal: ps.length,
        overduePeriods: ps.filter((p) => periodStatus(p, today) === 'overdue').length,
        evidence: ps.reduce((s, p) => s + p.evidence, 0),
        nextDue: next ? { label: next.label, dueOn: next.dueOn } : null,
      };
    });
  const unitInfo = new Map(facts.assignments.map((a) => [a.unitId, { id: a.unitId, name: a.unitName, kind: a.unitKind, sortOrder: a.sortOrder }]));
  const categories = [...new Set(facts.tasks.map((t) => t.category).filter((c): c is string => !!c))];
  if (f.unitId) cells = cells.filter((c) => c.unitId === f.unitId);
  if (f.unitKind) cells = cells.filter((c) => unitInfo.get(c.unitId)?.kind === f.unitKind);
  if (f.category) cells = cells.filter((c) => taskOf.get(c.taskId)?.category === f.category);
  if (f.status) cells = cells.filter((c) => c.status === f.status);
  const taskIds = new Set(cells.map((c) => c.taskId));
  const unitIds = [...new Set(cells.map((c) => c.unitId))].sort((a, b) => (unitInfo.get(a)!.sortOrder - unitInfo.get(b)!.sortOrder) || unitInfo.get(a)!.name.localeCompare(unitInfo.get(b)!.name, 'zh-CN'));
  const totals = zero();
  for (const c of cells) totals[c.status]++;
  return {
    planId,
    asOf: today,
    categories,
    tasks: facts.tasks.filter((t) => taskIds.has(t.id)).map((t) => ({ id: t.id, seq: t.seq, category: t.category, requirement: t.requirement })),
    units: unitIds.map((id) => {
      const counts = zero();
      for (const c of cells) if (c.unitId === id) counts[c.status]++;
      const u = unitInfo.get(id)!;
      return { id, name: u.name, kind: u.kind, counts, openUrges: openUrges.get(id) ?? 0 };
    }),
    cells,
    totals,
  };
}

// ---- scores -----------------------------------------------------------------------------------------

export interface ScoreBoard {
  planId: string;
  asOf: string;
  scheme: ScoreScheme;
  /** How many units take part (the ranking is among all of them). */
  rankedUnits: number;
  units: UnitScore[];
  bonuses: BonusView[];
}

export function scoreFacts(facts: PlanFacts, urges: Map<string, number>, bonuses: BonusView[]): ScoreUnitFacts[] {
  const byUnit = new Map<string, ScoreUnitFacts>();
  const periodsOf = new Map<string, PlanFacts['periods']>();
  for (const p of facts.periods) periodsOf.set(p.assignmentId, [...(periodsOf.get(p.assignmentId) ?? []), p]);
  const weight = new Map(facts.tasks.map((t) => [t.id, t.weight]));
  for (const a of facts.assignments) {
    let u = byUnit.get(a.unitId);
    if (!u) byUnit.set(a.unitId, (u = { unitId: a.unitId, unitName: a.unitName, assignments: [], unacknowledgedUrges: urges.get(a.unitId) ?? 0, bonuses: bonuses.filter((b) => b.unitId === a.unitId).map((b) => ({ points: b.points, reason: b.reason })) }));
    u.assignments.push({
      taskId: a.taskId,
      weight: weight.get(a.taskId) ?? 1,
      periods: (periodsOf.get(a.id) ?? []).map((p) => ({ dueOn: p.dueOn, done: p.state === 'done', lateDays: p.lateDays, evidence: p.evidence })),
    });
  }
  return [...byUnit.values()];
}

export async function planScores(exec: Executor, caller: Caller, planId: string, asOf?: LocalDate): Promise<ScoreBoard> {
  const tenantId = caller.actor.tenantId;
  const { plan, all } = await visiblePlan(exec, caller, planId);
  const date = asOf ?? todayLocal();
  const facts = factsAsOf(await planFacts(exec, caller, planId, all), date);
  const [urges, bonuses] = await Promise.all([unacknowledgedUrges(exec, tenantId, planId, date), listBonuses(exec, tenantId, planId)]);
  const scheme = normaliseScheme(plan.scheme);
  const ranked = scoreUnits(scoreFacts(facts, urges, bonuses), scheme, date);
  const visible = new Set(facts.assignments.filter((a) => a.visible).map((a) => a.unitId));
  return { planId, asOf: date, scheme, rankedUnits: ranked.length, units: ranked.filter((u) => visible.has(u.unitId)), bonuses: bonuses.filter((b) => visible.has(b.unitId)) };
}

const BORDER = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;

export async function scoresXlsx(exec: Executor, caller: Caller, planId: string, asOf?: LocalDate): Promise<{ bytes: Buffer; fileName: string }> {
  const board = await planScores(exec, caller, planId, asOf);
  const { plan } = await visiblePlan(exec, caller, planId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('考核得分', { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const header = ['排名', '单位', '得分', '完成率', '完成得分', '逾期扣分', '佐证扣分', '催办扣分', '加分', '任务数', '到期期数', '完成期数', '逾期完成', '逾期未完成', '无佐证', '计分说明'];
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = `${plan.title} 考核得分`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, header.length);
  const s = board.scheme;
  ws.getCell(2, 1).value = `截至 ${board.asOf}；满分 ${s.fullMarks}，逾期完成每期扣 ${s.latePerPeriod} 分（上限 ${s.lateCap}），无佐证每期扣 ${s.missingEvidence} 分，催办逾期未确认每次扣 ${s.unacknowledgedUrge} 分，加分上限 ${s.bonusCap} 分`;
  ws.getCell(2, 1).alignment = { wrapText: true };
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
  for (const u of board.units) {
    const r = ws.addRow([
      u.rank,
      u.unitName,
      u.score,
      u.completionRate === null ? '—' : `${Math.round(u.completionRate * 1000) / 10}%`,
      u.completion,
      u.deductions.late,
      u.deductions.evidence,
      u.deductions.urges,
      u.bonus,
      u.counts.tasks,
      u.counts.periodsDue,
      u.counts.periodsDone,
      u.counts.late,
      u.counts.overdue,
      u.counts.withoutEvidence,
      u.explanation,
    ]);
    r.eachCell((c) => {
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = BORDER;
    });
  }
  if (board.bonuses.length) {
    const bs = wb.addWorksheet('加分项');
    const bh = bs.addRow(['单位', '加分', '理由', '登记人', '登记时间']);
    bh.font = { bold: true };
    for (const b of board.bonuses) bs.addRow([b.unitName, b.points, b.reason, b.createdByLabel, b.createdAt.slice(0, 10)]);
    [24, 8, 48, 20, 12].forEach((w, i) => (bs.getColumn(i + 1).width = w));
  }
  [6, 26, 8, 9, 9, 9, 9, 9, 7, 7, 9, 9, 9, 10, 8, 60].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${plan.year}年政务公开工作考核得分.xlsx` };
}
