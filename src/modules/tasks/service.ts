// Plans, tasks and the units' work on them: lists and views filtered to what the caller may see (tasks.read
// on the unit), progress reports with evidence (records of the unit, which count while published, and files
// checked by content), 催办 the unit acknowledges, bonus items and the plan's settings. The supervision matrix,
// scores, circulars, ledgers and the look-back have files of their own.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate, type WorkingCalendar } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import { classifyUpload, mismatchMessage, sizeProblem } from '../../core/files/sniff.ts';
import { STATE_LABELS as RECORD_STATE_LABELS } from '../../core/publishing/workflow.ts';
import { planPeriods } from '../../core/tasks/periods.ts';
import { normaliseScheme, schemeProblems, type ScoreScheme } from '../../core/tasks/scores.ts';
import { assignmentStatus, periodForPublication, periodStatus, TASK_STATUS_LABELS, type PeriodState, type TaskStatus } from '../../core/tasks/status.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import type { BlobStore } from '../files/index.ts';
import { notify } from '../notify/service.ts';
import { units } from '../org/schema.ts';
import { requireUnit, unitScopeCondition } from '../org/units.ts';
import { cleanFileName } from '../publishing/attachments.ts';
import { catalogueNodes, records } from '../publishing/schema.ts';
import { assertManage, requirePlan, requireTask, ROLE_LABELS, seesAll, visibleAssignment, type AssignmentRow, type PlanRow, type TaskRow } from './common.ts';
import { taskAssignments, taskBonuses, taskEvidence, taskPeriods, taskPlans, taskProgress, tasks, taskUrges, type AssignmentRole, type PlanStatus } from './schema.ts';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { active: '执行中', looked_back: '已回头看' };
const COUNTING_RECORD_STATES = ['published', 'superseded'];

type PeriodRow = typeof taskPeriods.$inferSelect;

// ---- views ------------------------------------------------------------------------------------------

export interface EvidenceView {
  id: string;
  kind: 'record' | 'file';
  recordId: string | null;
  recordTitle: string | null;
  recordState: string | null;
  recordStateLabel: string | null;
  /** A record counts while published; a file always. */
  counts: boolean;
  publishedOn: string | null;
  fileName: string | null;
  mime: string | null;
  size: number | null;
  automatic: boolean;
  createdByLabel: string;
  createdAt: string;
}

export interface ProgressView {
  id: string;
  state: PeriodState;
  stateLabel: string;
  text: string;
  automatic: boolean;
  reportedOn: string;
  actorLabel: string;
  createdAt: string;
}

export interface PeriodView {
  id: string;
  periodKey: string;
  label: string;
  dueOn: string;
  explanation: string;
  assumed: boolean;
  state: PeriodState;
  status: TaskStatus;
  statusLabel: string;
  doneOn: string | null;
  lateDays: number;
  version: number;
  evidenceCount: number;
  progress: ProgressView[];
  evidence: EvidenceView[];
}

export interface UrgeView {
  id: string;
  planId: string;
  planTitle: string;
  taskId: string | null;
  taskSeq: number | null;
  taskRequirement: string | null;
  assignmentId: string | null;
  unitId: string;
  unitName: string;
  message: string;
  sentOn: string;
  replyBy: string;
  sentByLabel: string;
  acknowledged: boolean;
  acknowledgedOn: string | null;
  acknowledgedByLabel: string | null;
  response: string | null;
  overdue: boolean;
  version: number;
}

export interface TaskBrief {
  id: string;
  planId: string;
  seq: number;
  category: string | null;
  requirement: string;
  deadlineText: string | null;
  deadlineDescription: string;
  deadlineRules: string[];
  needsReview: boolean;
  reviewNote: string | null;
  unitsText: string;
  catalogueNodeId: string | null;
  catalogueNodeName: string | null;
  weight: number;
  carriedFromTaskId: string | null;
  source: string | null;
  version: number;
}

export interface AssignmentView {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  taskId: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  roleLabel: string;
  nameAsWritten: string;
  task: TaskBrief;
  status: TaskStatus;
  statusLabel: string;
  periods: PeriodView[];
  urges: UrgeView[];
  mayReport: boolean;
}

export interface AssignmentListItem {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  taskId: string;
  seq: number;
  category: string | null;
  requirement: string;
  deadlineText: string | null;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  roleLabel: string;
  status: TaskStatus;
  statusLabel: string;
  nextDue: { label: string; dueOn: string } | null;
  periodsDone: number;
  periodsTotal: number;
  overduePeriods: number;
  evidence: number;
  openUrges: number;
}

function taskBrief(t: TaskRow, nodeName: string | null): TaskBrief {
  return {
    id: t.id,
    planId: t.planId,
    seq: t.seq,
    category: t.category,
    requirement: t.requirement,
    deadlineText: t.deadlineText,
    deadlineDescription: t.deadlineDescription,
    deadlineRules: t.deadlineRules,
    needsReview: t.needsReview,
    reviewNote: t.reviewNote,
    unitsText: t.unitsText,
    catalogueNodeId: t.catalogueNodeId,
    catalogueNodeName: nodeName,
    weight: t.weight,
    carriedFromTaskId: t.carriedFromTaskId,
    source: t.source,
    version: t.version,
  };
}

async function nodeName(exec: Executor, tenantId: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [n] = await exec.select({ name: catalogueNodes.name, code: catalogueNodes.code }).from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.id, id)));
  return n ? `${n.code} ${n.name}` : null;
}

/** Periods of some assignments with their progress and evidence. */
async function periodViews(exec: Executor, tenantId: string, assignmentIds: string[], today: LocalDate): Promise<Map<string, PeriodView[]>> {
  const out = new Map<string, PeriodView[]>();
  if (!assignmentIds.length) return out;
  const periods = await exec.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, tenantId), inArray(taskPeriods.assignmentId, assignmentIds))).orderBy(asc(taskPeriods.dueOn), asc(taskPeriods.periodKey));
  const ids = periods.map((p) => p.id);
  const progress = ids.length ? await exec.select().from(taskProgress).where(and(eq(taskProgress.tenantId, tenantId), inArray(taskProgress.periodId, ids))).orderBy(desc(taskProgress.createdAt)) : [];
  const evidence = ids.length
    ? await exec
        .select({ e: taskEvidence, title: records.title, state: records.state, publishedAt: records.publishedAt })
        .from(taskEvidence)
        .leftJoin(records, and(eq(records.tenantId, taskEvidence.tenantId), eq(records.id, taskEvidence.recordId)))
        .where(and(eq(taskEvidence.tenantId, tenantId), inArray(taskEvidence.periodId, ids)))
        .orderBy(asc(taskEvidence.createdAt))
    : [];
  for (const p of periods) {
    const ev: EvidenceView[] = evidence
      .filter((x) => x.e.periodId === p.id)
      .map(({ e, title, state, publishedAt }) => ({
        id: e.id,
        kind: e.kind,
        recordId: e.recordId,
        recordTitle: title ?? null,
        recordState: state ?? null,
        recordStateLabel: state ? RECORD_STATE_LABELS[state] : null,
        counts: e.kind === 'file' || (state !== null && state !== undefined && COUNTING_RECORD_STATES.includes(state)),
        publishedOn: publishedAt ? todayLocal(publishedAt) : null,
        fileName: e.fileName,
        mime: e.mime,
        size: e.size,
        automatic: e.automatic,
        createdByLabel: e.createdByLabel,
        createdAt: e.createdAt.toISOString(),
      }));
    const status = periodStatus(p, today);
    const view: PeriodView = {
      id: p.id,
      periodKey: p.periodKey,
      label: p.label,
      dueOn: p.dueOn,
      explanation: p.explanation,
      assumed: p.assumed,
      state: p.state,
      status,
      statusLabel: TASK_STATUS_LABELS[status],
      doneOn: p.doneOn,
      lateDays: p.lateDays,
      version: p.version,
      evidenceCount: ev.filter((e) => e.counts).length,
      progress: progress
        .filter((x) => x.periodId === p.id)
        .map((x) => ({ id: x.id, state: x.state, stateLabel: TASK_STATUS_LABELS[x.state], text: x.text, automatic: x.automatic, reportedOn: x.reportedOn, actorLabel: x.actorLabel, createdAt: x.createdAt.toISOString() })),
      evidence: ev,
    };
    out.set(p.assignmentId, [...(out.get(p.assignmentId) ?? []), view]);
  }
  return out;
}

// ---- plans ------------------------------------------------------------------------------------------

export interface PlanListItem {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  statusLabel: string;
  sourceFileName: string | null;
  taskCount: number;
  unitCount: number;
  periodsDue: number;
  periodsDone: number;
  overduePeriods: number;
  lookedBackAt: string | null;
  carriedToPlanId: string | null;
  createdAt: string;
  version: number;
}

/** Counts over the assignments the caller sees (all of them for the office and inspectors). */
async function planCounts(exec: Executor, caller: Caller, planIds: string[], today: LocalDate) {
  const out = new Map<string, { tasks: number; units: number; periodsDue: number; periodsDone: number; overduePeriods: number }>();
  if (!planIds.length) return out;
  const scope = unitScopeCondition(caller, 'tasks.read');
  const rows = await exec
    .select({
      planId: taskPeriods.planId,
      tasks: sql<number>`count(DISTINCT ${taskPeriods.taskId})::int`,
      units: sql<number>`count(DISTINCT ${taskPeriods.unitId})::int`,
      due: sql<number>`count(*) FILTER (WHERE ${taskPeriods.dueOn} <= ${today}::date OR ${taskPeriods.state} = 'done')::int`,
      done: sql<number>`count(*) FILTER (WHERE ${taskPeriods.state} = 'done')::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${taskPeriods.state} <> 'done' AND ${taskPeriods.dueOn} < ${today}::date)::int`,
    })
    .from(taskPeriods)
    .innerJoin(units, and(eq(units.tenantId, taskPeriods.tenantId), eq(units.id, taskPeriods.unitId)))
    .where(and(eq(taskPeriods.tenantId, caller.actor.tenantId), inArray(taskPeriods.planId, planIds), scope))
    .groupBy(taskPeriods.planId);
  for (const r of rows) out.set(r.planId, { tasks: r.tasks, units: r.units, periodsDue: r.due, periodsDone: r.done, overduePeriods: r.overdue });
  return out;
}

function planItem(p: PlanRow, c: { tasks: number; units: number; periodsDue: number; periodsDone: number; overduePeriods: number } | undefined): PlanListItem {
  return {
    id: p.id,
    year: p.year,
    title: p.title,
    status: p.status,
    statusLabel: PLAN_STATUS_LABELS[p.status],
    sourceFileName: p.sourceFileName,
    taskCount: c?.tasks ?? 0,
    unitCount: c?.units ?? 0,
    periodsDue: c?.periodsDue ?? 0,
    periodsDone: c?.periodsDone ?? 0,
    overduePeriods: c?.overduePeriods ?? 0,
    lookedBackAt: p.lookedBackAt?.toISOString() ?? null,
    carriedToPlanId: p.carriedToPlanId,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

/**
 * The plans: the office and inspectors see every plan; a unit sees the plans that give it tasks (counted
 * over its own tasks only).
 */
export async function listPlans(exec: Executor, caller: Caller, today = todayLocal()): Promise<PlanListItem[]> {
  const tenantId = caller.actor.tenantId;
  const all = await seesAll(exec, caller);
  const rows = all
    ? await exec.select().from(taskPlans).where(eq(taskPlans.tenantId, tenantId)).orderBy(desc(taskPlans.year), desc(taskPlans.createdAt))
    : await exec
        .select()
        .from(taskPlans)
        .where(
          and(
            eq(taskPlans.tenantId, tenantId),
            inArray(
              taskPlans.id,
              exec
                .selectDistinct({ id: taskAssignments.planId })
                .from(taskAssignments)
                .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
                .where(and(eq(taskAssignments.tenantId, tenantId), unitScopeCondition(caller, 'tasks.read') ?? sql`false`)),
            ),
          ),
        )
        .orderBy(desc(taskPlans.year), desc(taskPlans.createdAt));
  const counts = await planCounts(exec, caller, rows.map((r) => r.id), today);
  return rows.map((r) => planItem(r, counts.get(r.id)));
}

export interface PlanTaskItem extends TaskBrief {
  units: { assignmentId: string; unitId: string; unitName: string; role: AssignmentRole; roleLabel: string; status: TaskStatus; statusLabel: string }[];
}

export interface PlanView extends PlanListItem {
  scheme: ScoreScheme;
  tasks: PlanTaskItem[];
  mayManage: boolean;
  /** Sees every unit's tasks (the office, inspectors). */
  seesAll: boolean;
}

/** A plan the caller may see: all of it for the office; for a unit, the plan with only its own tasks. */
export async function visiblePlan(exec: Executor, caller: Caller, id: string): Promise<{ plan: PlanRow; all: boolean }> {
  const plan = await requirePlan(exec, caller.actor.tenantId, id);
  const all = await seesAll(exec, caller);
  if (!all) {
    const [mine] = await exec
      .select({ id: taskAssignments.id })
      .from(taskAssignments)
      .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
      .where(and(eq(taskAssignments.tenantId, caller.actor.tenantId), eq(taskAssignments.planId, id), unitScopeCondition(caller, 'tasks.read')))
      .limit(1);
    if (!mine) throw notFound('工作计划');
  }
  return { plan, all };
}

export async function getPlan(exec: Executor, caller: Caller, id: string, today = todayLocal()): Promise<PlanView> {
  const tenantId = caller.actor.tenantId;
  const { plan, all } = await visiblePlan(exec, caller, id);
  const taskRows = await exec.select().from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, id))).orderBy(asc(tasks.seq));
  const assignments = await exec
    .select({ a: taskAssignments, unitName: units.name, sortOrder: units.sortOrder })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.planId, id), all ? undefined : unitScopeCondition(caller, 'tasks.read')));
  const periods = await exec
    .select({ assignmentId: taskPeriods.assignmentId, dueOn: taskPeriods.dueOn, state: taskPeriods.state, doneOn: taskPeriods.doneOn })
    .from(taskPeriods)
    .where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.planId, id)));
  const byAssignment = new Map<string, typeof periods>();
  for (const p of periods) byAssignment.set(p.assignmentId, [...(byAssignment.get(p.assignmentId) ?? []), p]);
  const nodes = new Map<string, string | null>();
  for (const t of taskRows) if (t.catalogueNodeId && !nodes.has(t.catalogueNodeId)) nodes.set(t.catalogueNodeId, await nodeName(exec, tenantId, t.catalogueNodeId));
  const visibleTasks = new Set(assignments.map((a) => a.a.taskId));
  const counts = await planCounts(exec, caller, [id], today);
  const root = await exec.select({ id: units.id, path: units.path }).from(units).where(and(eq(units.tenantId, tenantId), isNull(units.parentId)));
  return {
    ...planItem(plan, counts.get(id)),
    scheme: normaliseScheme(plan.scheme),
    mayManage: !!root[0] && can(caller, 'tasks.manage', root[0]),
    seesAll: all,
    tasks: taskRows
      .filter((t) => all || visibleTasks.has(t.id))
      .map((t) => ({
        ...taskBrief(t, t.catalogueNodeId ? nodes.get(t.catalogueNodeId) ?? null : null),
        units: assignments
          .filter((a) => a.a.taskId === t.id)
          .sort((x, y) => (x.a.role === y.a.role ? x.sortOrder - y.sortOrder : x.a.role === 'lead' ? -1 : y.a.role === 'lead' ? 1 : 0))
          .map(({ a, unitName }) => {
            const status = assignmentStatus(byAssignment.get(a.id) ?? [], today);
            return { assignmentId: a.id, unitId: a.unitId, unitName, role: a.role, roleLabel: ROLE_LABELS[a.role], status, statusLabel: TASK_STATUS_LABELS[status] };
          }),
      })),
  };
}

export interface PlanPatch {
  version: number;
  title?: string;
  scheme?: Partial<ScoreScheme>;
}

export async function updatePlan(db: Db, caller: Caller, id: string, patch: PlanPatch): Promise<PlanView> {
  const tenantId = caller.actor.tenantId;
  await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const plan = await requirePlan(tx, tenantId, id, true);
    if (plan.version !== patch.version) throw staleVersion(`工作计划《${plan.title}》`);
    const scheme = patch.scheme ? normaliseScheme({ ...normaliseScheme(plan.scheme), ...patch.scheme }) : null;
    if (scheme) {
      const problems = schemeProblems(scheme);
      if (problems.length) throw badRequest(problems.join('；'), { field: 'scheme' });
      const ids = Object.keys(scheme.weights);
      if (ids.length) {
        const found = await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, id), inArray(tasks.id, ids)));
        if (found.length !== ids.length) throw badRequest('权重中有不属于本计划的任务', { field: 'scheme' });
      }
    }
    const title = patch.title?.trim();
    if (patch.title !== undefined && !title) throw badRequest('计划名称不能为空', { field: 'title' });
    await tx
      .update(taskPlans)
      .set({ ...(title ? { title } : {}), ...(scheme ? { scheme } : {}), version: plan.version + 1, updatedAt: new Date() })
      .where(and(eq(taskPlans.tenantId, tenantId), eq(taskPlans.id, id)));
    await recordAudit(tx, caller.actor, {
      action: 'task.plan.update',
      entityType: 'task_plan',
      entityId: id,
      summary: `修改工作计划《${title ?? plan.title}》${scheme ? '的考核评分办法' : ''}`,
      before: { title: plan.title, scheme: plan.scheme },
      after: { title: title ?? plan.title, scheme: scheme ?? plan.scheme },
    });
  });
  return getPlan(db, caller, id);
}

// ---- tasks ------------------------------------------------------------------------------------------

export interface TaskView extends TaskBrief {
  planTitle: string;
  planYear: number;
  assignments: (Omit<AssignmentView, 'task' | 'planTitle' | 'planYear' | 'urges'> & { evidenceCount: number })[];
  mayManage: boolean;
}

export async function getTask(exec: Executor, caller: Caller, id: string, today = todayLocal()): Promise<TaskView> {
  const tenantId = caller.actor.tenantId;
  const t = await requireTask(exec, tenantId, id);
  const { plan, all } = await visiblePlan(exec, caller, t.planId).catch(() => {
    throw notFound('任务');
  });
  const rows = await exec
    .select({ a: taskAssignments, unitName: units.name, path: units.path })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.taskId, id), all ? undefined : unitScopeCondition(caller, 'tasks.read')))
    .orderBy(asc(units.sortOrder));
  if (!rows.length && !all) throw notFound('任务');
  const periods = await periodViews(exec, tenantId, rows.map((r) => r.a.id), today);
  const root = await exec.select({ id: units.id, path: units.path }).from(units).where(and(eq(units.tenantId, tenantId), isNull(units.parentId)));
  return {
    ...taskBrief(t, await nodeName(exec, tenantId, t.catalogueNodeId)),
    planTitle: plan.title,
    planYear: plan.year,
    mayManage: !!root[0] && can(caller, 'tasks.manage', root[0]),
    assignments: rows.map(({ a, unitName, path }) => {
      const ps = periods.get(a.id) ?? [];
      const status = assignmentStatus(ps, today);
      return {
        id: a.id,
        planId: a.planId,
        taskId: a.taskId,
        unitId: a.unitId,
        unitName,
        role: a.role,
        roleLabel: ROLE_LABELS[a.role],
        nameAsWritten: a.nameAsWritten,
        status,
        statusLabel: TASK_STATUS_LABELS[status],
        periods: ps,
        evidenceCount: ps.reduce((s, p) => s + p.evidenceCount, 0),
        mayReport: can(caller, 'tasks.report', { id: a.unitId, path }),
      };
    }),
  };
}

export interface TaskPatch {
  version: number;
  category?: string | null;
  requirement?: string;
  weight?: number;
  catalogueNodeId?: string | null;
  deadlineText?: string | null;
}

/**
 * The office corrects a task after the import: text, weight, the catalogue node whose records count as its
 * evidence, or its time limit (periods nobody has reported on or linked evidence to are scheduled anew).
 */
export async function updateTask(db: Db, caller: Caller, id: string, patch: TaskPatch): Promise<TaskView> {
  const tenantId = caller.actor.tenantId;
  await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const t = await requireTask(tx, tenantId, id, true);
    if (t.version !== patch.version) throw staleVersion(`任务 ${t.seq}`);
    const plan = await requirePlan(tx, tenantId, t.planId);
    if (patch.requirement !== undefined && !patch.requirement.trim()) throw badRequest('工作要求不能为空', { field: 'requirement' });
    if (patch.catalogueNodeId) {
      const [n] = await tx.select({ id: catalogueNodes.id }).from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.id, patch.catalogueNodeId)));
      if (!n) throw badRequest('公开目录节点不存在', { field: 'catalogueNodeId' });
    }
    const set: Partial<typeof tasks.$inferInsert> = { version: t.version + 1, updatedAt: new Date() };
    if (patch.category !== undefined) set.category = patch.category?.trim() || null;
    if (patch.requirement !== undefined) set.requirement = patch.requirement.trim();
    if (patch.weight !== undefined) set.weight = patch.weight;
    if (patch.catalogueNodeId !== undefined) set.catalogueNodeId = patch.catalogueNodeId;
    let rescheduled = 0;
    if (patch.deadlineText !== undefined) {
      const text = patch.deadlineText?.trim() || null;
      const cal = await tenantCalendar(tx, tenantId);
      const sp = planPeriods(text, plan.year, cal);
      set.deadlineText = text;
      set.deadlineDescription = sp.timeLimit.description;
      set.deadlineRules = sp.rules;
      set.needsReview = sp.needsReview;
      set.reviewNote = sp.notes.join('；') || null;
      rescheduled = await reschedule(tx, t, sp.periods);
    }
    await tx.update(tasks).set(set).where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)));
    await recordAudit(tx, caller.actor, {
      action: 'task.update',
      entityType: 'task',
      entityId: id,
      summary: `修改任务 ${t.seq}（${t.requirement.slice(0, 30)}）${rescheduled ? `，重新生成 ${rescheduled} 个报送期` : ''}`,
      before: { category: t.category, requirement: t.requirement, weight: t.weight, catalogueNodeId: t.catalogueNodeId, deadlineText: t.deadlineText },
      after: set,
    });
  });
  if (patch.catalogueNodeId) await linkPublishedRecords(db, tenantId, todayLocal(), id);
  return getTask(db, caller, id);
}

/** Replaces the periods nobody has touched with the new schedule; touched ones stay. */
async function reschedule(tx: Executor, t: TaskRow, plan: ReturnType<typeof planPeriods>['periods']): Promise<number> {
  const assignments = await tx.select().from(taskAssignments).where(and(eq(taskAssignments.tenantId, t.tenantId), eq(taskAssignments.taskId, t.id)));
  let n = 0;
  for (const a of assignments) {
    const existing = await tx.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, t.tenantId), eq(taskPeriods.assignmentId, a.id)));
    const touched = new Set<string>();
    if (existing.length) {
      const ids = existing.map((p) => p.id);
      const used = await tx
        .select({ id: taskPeriods.id })
        .from(taskPeriods)
        .where(
          and(
            eq(taskPeriods.tenantId, t.tenantId),
            inArray(taskPeriods.id, ids),
            sql`(${taskPeriods.state} <> 'not_started' OR EXISTS (SELECT 1 FROM ${taskEvidence} e WHERE e.tenant_id = ${taskPeriods.tenantId} AND e.period_id = ${taskPeriods.id}) OR EXISTS (SELECT 1 FROM ${taskProgress} g WHERE g.tenant_id = ${taskPeriods.tenantId} AND g.period_id = ${taskPeriods.id}))`,
          ),
        );
      for (const u of used) touched.add(u.id);
      const drop = existing.filter((p) => !touched.has(p.id)).map((p) => p.id);
      if (drop.length) await tx.delete(taskPeriods).where(and(eq(taskPeriods.tenantId, t.tenantId), inArray(taskPeriods.id, drop)));
    }
    const keptKeys = new Set(existing.filter((p) => touched.has(p.id)).map((p) => p.periodKey));
    const fresh = plan.filter((p) => !keptKeys.has(p.periodKey));
    if (fresh.length) {
      await tx.insert(taskPeriods).values(fresh.map((p) => ({ tenantId: t.tenantId, assignmentId: a.id, taskId: t.id, planId: t.planId, unitId: a.unitId, periodKey: p.periodKey, label: p.label, dueOn: p.dueOn, explanation: p.explanation, assumed: p.assumed })));
      n += fresh.length;
    }
  }
  return n;
}

// ---- assignments ------------------------------------------------------------------------------------

export interface AssignmentFilter {
  planId?: string;
  unitId?: string;
  status?: TaskStatus;
}

export async function listAssignments(exec: Executor, caller: Caller, f: AssignmentFilter, today = todayLocal()): Promise<AssignmentListItem[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ a: taskAssignments, unitName: units.name, t: tasks, planTitle: taskPlans.title, planYear: taskPlans.year })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .innerJoin(tasks, and(eq(tasks.tenantId, taskAssignments.tenantId), eq(tasks.id, taskAssignments.taskId)))
    .innerJoin(taskPlans, and(eq(taskPlans.tenantId, taskAssignments.tenantId), eq(taskPlans.id, taskAssignments.planId)))
    .where(
      and(
        eq(taskAssignments.tenantId, tenantId),
        unitScopeCondition(caller, 'tasks.read'),
        f.planId ? eq(taskAssignments.planId, f.planId) : eq(taskPlans.status, 'active'),
        f.unitId ? eq(taskAssignments.unitId, f.unitId) : undefined,
      ),
    )
    .orderBy(desc(taskPlans.year), asc(taskPlans.createdAt), asc(tasks.seq), asc(units.sortOrder))
    .limit(5000);
  const ids = rows.map((r) => r.a.id);
  const periods = ids.length
    ? await exec
        .select({ assignmentId: taskPeriods.assignmentId, id: taskPeriods.id, label: taskPeriods.label, dueOn: taskPeriods.dueOn, state: taskPeriods.state, doneOn: taskPeriods.doneOn })
        .from(taskPeriods)
        .where(and(eq(taskPeriods.tenantId, tenantId), inArray(taskPeriods.assignmentId, ids)))
        .orderBy(asc(taskPeriods.dueOn))
    : [];
  const evidence = ids.length
    ? await exec
        .select({ assignmentId: taskEvidence.assignmentId, n: sql<number>`count(*)::int` })
        .from(taskEvidence)
        .leftJoin(records, and(eq(records.tenantId, taskEvidence.tenantId), eq(records.id, taskEvidence.recordId)))
        .where(and(eq(taskEvidence.tenantId, tenantId), inArray(taskEvidence.assignmentId, ids), sql`(${taskEvidence.kind} = 'file' OR ${records.state} IN ('published', 'superseded'))`))
        .groupBy(taskEvidence.assignmentId)
    : [];
  const urges = await exec
    .select({ planId: taskUrges.planId, unitId: taskUrges.unitId, taskId: taskUrges.taskId, n: sql<number>`count(*)::int` })
    .from(taskUrges)
    .where(and(eq(taskUrges.tenantId, tenantId), isNull(taskUrges.acknowledgedAt)))
    .groupBy(taskUrges.planId, taskUrges.unitId, taskUrges.taskId);
  const ev = new Map(evidence.map((e) => [e.assignmentId, e.n]));
  const items = rows.map(({ a, unitName, t, planTitle, planYear }) => {
    const ps = periods.filter((p) => p.assignmentId === a.id);
    const status = assignmentStatus(ps, today);
    const next = ps.find((p) => p.state !== 'done');
    return {
      id: a.id,
      planId: a.planId,
      planTitle,
      planYear,
      taskId: t.id,
      seq: t.seq,
      category: t.category,
      requirement: t.requirement,
      deadlineText: t.deadlineText,
      unitId: a.unitId,
      unitName,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role],
      status,
      statusLabel: TASK_STATUS_LABELS[status],
      nextDue: next ? { label: next.label, dueOn: next.dueOn } : null,
      periodsDone: ps.filter((p) => p.state === 'done').length,
      periodsTotal: ps.length,
      overduePeriods: ps.filter((p) => periodStatus(p, today) === 'overdue').length,
      evidence: ev.get(a.id) ?? 0,
      openUrges: urges.filter((u) => u.planId === a.planId && u.unitId === a.unitId && (u.taskId === null || u.taskId === t.id)).reduce((s, u) => s + u.n, 0),
    };
  });
  return f.status ? items.filter((i) => i.status === f.status) : items;
}

export async function getAssignment(exec: Executor, caller: Caller, id: string, today = todayLocal()): Promise<AssignmentView> {
  const tenantId = caller.actor.tenantId;
  const { row, unit } = await visibleAssignment(exec, caller, id);
  const t = await requireTask(exec, tenantId, row.taskId);
  const plan = await requirePlan(exec, tenantId, row.planId);
  const periods = (await periodViews(exec, tenantId, [row.id], today)).get(row.id) ?? [];
  const status = assignmentStatus(periods, today);
  const urges = await urgeViews(exec, tenantId, and(eq(taskUrges.planId, row.planId), eq(taskUrges.unitId, row.unitId), sql`(${taskUrges.taskId} IS NULL OR ${taskUrges.taskId} = ${row.taskId})`)!, today);
  return {
    id: row.id,
    planId: row.planId,
    planTitle: plan.title,
    planYear: plan.year,
    taskId: row.taskId,
    unitId: row.unitId,
    unitName: unit.name,
    role: row.role,
    roleLabel: ROLE_LABELS[row.role],
    nameAsWritten: row.nameAsWritten,
    task: taskBrief(t, await nodeName(exec, tenantId, t.catalogueNodeId)),
    status,
    statusLabel: TASK_STATUS_LABELS[status],
    periods,
    urges,
    mayReport: can(caller, 'tasks.report', unit),
  };
}

// ---- progress and evidence --------------------------------------------------------------------------

async function periodWithAssignment(exec: Executor, caller: Caller, periodId: string, permission: 'tasks.read' | 'tasks.report', lock = false) {
  const q = exec.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, caller.actor.tenantId), eq(taskPeriods.id, periodId)));
  const [period] = lock ? await q.for('update') : await q;
  if (!period) throw notFound('报送期');
  const { row, unit } = await visibleAssignment(exec, caller, period.assignmentId).catch(() => {
    throw notFound('报送期');
  });
  if (permission === 'tasks.report') assertCan(caller, 'tasks.report', unit, unit.name);
  return { period, assignment: row, unit };
}

export interface ProgressInput {
  version: number;
  state: 'in_progress' | 'done';
  text: string;
  recordIds?: string[];
  on?: LocalDate;
}

/** Records of the unit (or below it) that may be evidence: not withdrawn. */
async function usableRecords(exec: Executor, tenantId: string, unitId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await exec
    .select({ id: records.id, title: records.title, state: records.state, unitId: records.unitId, path: units.path, publishedAt: records.publishedAt })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), inArray(records.id, ids)));
  for (const id of ids) {
    const r = rows.find((x) => x.id === id);
    if (!r || !r.path.includes(unitId)) throw badRequest('只能引用本单位的政府信息作为佐证', { field: 'recordIds' });
    if (r.state === 'withdrawn') throw badRequest(`《${r.title}》已撤回，不能作为佐证`, { field: 'recordIds' });
  }
  return rows;
}

/** A unit reports on a period: text, the state it leaves it in, and records as evidence. */
export async function reportProgress(db: Db, caller: Caller, periodId: string, input: ProgressInput, today = todayLocal()): Promise<AssignmentView> {
  const tenantId = caller.actor.tenantId;
  const text = input.text.trim();
  if (!text) throw badRequest('请填写工作进展', { field: 'text' });
  const assignmentId = await db.transaction(async (tx) => {
    const { period, assignment, unit } = await periodWithAssignment(tx, caller, periodId, 'tasks.report', true);
    if (period.version !== input.version) throw staleVersion(`${period.label}的进展`);
    const plan = await requirePlan(tx, tenantId, assignment.planId);
    if (plan.status !== 'active') throw conflict(`工作计划《${plan.title}》已回头看结转，不能再报送进展`);
    const on = input.on ?? today;
    const cal = await tenantCalendar(tx, tenantId);
    const recordIds = [...new Set(input.recordIds ?? [])];
    const recs = await usableRecords(tx, tenantId, assignment.unitId, recordIds);
    if (recordIds.length) {
      const taken = await tx
        .select({ recordId: taskEvidence.recordId, periodId: taskEvidence.periodId })
        .from(taskEvidence)
        .where(and(eq(taskEvidence.tenantId, tenantId), eq(taskEvidence.assignmentId, assignment.id), inArray(taskEvidence.recordId, recordIds)));
      const fresh = recs.filter((r) => !taken.some((x) => x.recordId === r.id));
      const elsewhere = recs.filter((r) => taken.some((x) => x.recordId === r.id && x.periodId !== period.id));
      if (elsewhere.length) throw conflict(`《${elsewhere[0]!.title}》已是本任务另一报送期的佐证`);
      if (fresh.length) {
        await tx.insert(taskEvidence).values(
          fresh.map((r) => ({
            tenantId,
            periodId: period.id,
            assignmentId: assignment.id,
            kind: 'record' as const,
            recordId: r.id,
            pendingPublication: !COUNTING_RECORD_STATES.includes(r.state),
            createdBy: caller.actor.userId,
            createdByLabel: caller.actor.label,
          })),
        );
      }
    }
    const done = input.state === 'done';
    const lateDays = done ? cal.workingDaysLate(period.dueOn, on) : 0;
    await tx
      .update(taskPeriods)
      .set({ state: input.state, doneOn: done ? on : null, lateDays, lastReportAt: new Date(), version: period.version + 1, updatedAt: new Date() })
      .where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.id, period.id)));
    await tx.insert(taskProgress).values({ tenantId, periodId: period.id, assignmentId: assignment.id, state: input.state, text, reportedOn: on, actorId: caller.actor.userId, actorLabel: caller.actor.label });
    await recordAudit(tx, caller.actor, {
      action: 'task.progress',
      entityType: 'task_assignment',
      entityId: assignment.id,
      summary: `${unit.name}报送任务进展（${period.label}）：${TASK_STATUS_LABELS[input.state]}${done && lateDays ? `，逾期 ${lateDays} 个工作日` : ''}${recs.length ? `，佐证 ${recs.map((r) => `《${r.title}》`).join('、')}` : ''}`,
      after: { periodId: period.id, state: input.state, on, lateDays, recordIds },
    });
    return assignment.id;
  });
  return getAssignment(db, caller, assignmentId, today);
}

/** A file as evidence of a period, its type decided by its content (as attachments of records). */
export async function addEvidenceFile(db: Db, blobs: BlobStore, caller: Caller, periodId: string, file: { fileName: string; bytes: Uint8Array }, maxBytes: number): Promise<EvidenceView> {
  const tenantId = caller.actor.tenantId;
  const fileName = cleanFileName(file.fileName);
  await periodWithAssignment(db, caller, periodId, 'tasks.report');
  const size = sizeProblem(file.bytes.length, maxBytes, fileName);
  if (size) throw new AppError(size.code === 'FILE_TOO_LARGE' ? 413 : 400, size.code, size.message);
  const kind = await classifyUpload(file.bytes, fileName);
  if (!kind.ok) throw new AppError(415, kind.code, kind.message);
  if (!kind.nameMatches) throw new AppError(415, 'FILE_NAME_MISMATCH', mismatchMessage(fileName, kind.kind));
  const stored = await blobs.put(file.bytes, { contentType: kind.mime });
  return db.transaction(async (tx) => {
    const { period, assignment, unit } = await periodWithAssignment(tx, caller, periodId, 'tasks.report', true);
    const [e] = await tx
      .insert(taskEvidence)
      .values({ tenantId, periodId: period.id, assignmentId: assignment.id, kind: 'file', fileName, mime: kind.mime, size: stored.size, blobKey: stored.key, sha256: stored.sha256, createdBy: caller.actor.userId, createdByLabel: caller.actor.label })
      .returning();
    await tx.update(taskPeriods).set({ version: period.version + 1, updatedAt: new Date() }).where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.id, period.id)));
    await recordAudit(tx, caller.actor, { action: 'task.evidence.add', entityType: 'task_assignment', entityId: assignment.id, summary: `${unit.name}上传佐证材料《${fileName}》（${period.label}）`, after: { periodId: period.id, fileName, size: stored.size, mime: kind.mime } });
    return {
      id: e!.id,
      kind: 'file',
      recordId: null,
      recordTitle: null,
      recordState: null,
      recordStateLabel: null,
      counts: true,
      publishedOn: null,
      fileName,
      mime: kind.mime,
      size: stored.size,
      automatic: false,
      createdByLabel: e!.createdByLabel,
      createdAt: e!.createdAt.toISOString(),
    };
  });
}

async function visibleEvidence(exec: Executor, caller: Caller, id: string, permission: 'tasks.read' | 'tasks.report') {
  const [e] = await exec.select().from(taskEvidence).where(and(eq(taskEvidence.tenantId, caller.actor.tenantId), eq(taskEvidence.id, id)));
  if (!e) throw notFound('佐证材料');
  const { row, unit } = await visibleAssignment(exec, caller, e.assignmentId).catch(() => {
    throw notFound('佐证材料');
  });
  if (permission === 'tasks.report') assertCan(caller, 'tasks.report', unit, unit.name);
  return { e, assignment: row, unit };
}

export async function removeEvidence(db: Db, caller: Caller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await db.transaction(async (tx) => {
    const { e, assignment, unit } = await visibleEvidence(tx, caller, id, 'tasks.report');
    if (e.automatic) throw conflict('自动关联的已发布信息（发布在任务对应的公开目录下）不能删除');
    const [period] = await tx.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.id, e.periodId))).for('update');
    await tx.delete(taskEvidence).where(and(eq(taskEvidence.tenantId, tenantId), eq(taskEvidence.id, id)));
    await tx.update(taskPeriods).set({ version: period!.version + 1, updatedAt: new Date() }).where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.id, e.periodId)));
    await recordAudit(tx, caller.actor, { action: 'task.evidence.remove', entityType: 'task_assignment', entityId: assignment.id, summary: `${unit.name}删除佐证材料${e.fileName ? `《${e.fileName}》` : '（政府信息）'}（${period!.label}）`, before: { kind: e.kind, recordId: e.recordId, fileName: e.fileName } });
  });
}

export async function evidenceFile(exec: Executor, caller: Caller, id: string) {
  const { e } = await visibleEvidence(exec, caller, id, 'tasks.read');
  if (e.kind !== 'file' || !e.blobKey) throw notFound('佐证文件');
  return { fileName: e.fileName ?? '佐证材料', mime: e.mime ?? 'application/octet-stream', blobKey: e.blobKey };
}

/**
 * Records published under a task's catalogue node by its units count as evidence by themselves, and records
 * linked before they were published complete their period once published. Run by the sweep (and after the
 * office sets a task's node). Returns the periods completed.
 */
export async function linkPublishedRecords(exec: Executor, tenantId: string | null, today = todayLocal(), onlyTaskId?: string): Promise<number> {
  let completed = 0;
  const cals = new Map<string, WorkingCalendar>();
  const cal = async (t: string) => {
    let c = cals.get(t);
    if (!c) cals.set(t, (c = await tenantCalendar(exec, t)));
    return c;
  };
  const complete = async (period: PeriodRow, recordTitle: string, publishedOn: LocalDate, label: string) => {
    if (period.state === 'done') return;
    const late = (await cal(period.tenantId)).workingDaysLate(period.dueOn, publishedOn);
    await exec.update(taskPeriods).set({ state: 'done', doneOn: publishedOn, lateDays: late, lastReportAt: new Date(), version: period.version + 1, updatedAt: new Date() }).where(and(eq(taskPeriods.tenantId, period.tenantId), eq(taskPeriods.id, period.id)));
    await exec.insert(taskProgress).values({ tenantId: period.tenantId, periodId: period.id, assignmentId: period.assignmentId, state: 'done', text: `${label}《${recordTitle}》已于${publishedOn}发布，自动计为完成。`, automatic: true, reportedOn: publishedOn, actorId: null, actorLabel: '系统' });
    completed++;
  };

  // 1. Records linked as evidence before they were published.
  const pending = await exec
    .select({ e: taskEvidence, title: records.title, publishedAt: records.publishedAt, p: taskPeriods })
    .from(taskEvidence)
    .innerJoin(records, and(eq(records.tenantId, taskEvidence.tenantId), eq(records.id, taskEvidence.recordId)))
    .innerJoin(taskPeriods, and(eq(taskPeriods.tenantId, taskEvidence.tenantId), eq(taskPeriods.id, taskEvidence.periodId)))
    .where(and(eq(taskEvidence.pendingPublication, true), inArray(records.state, COUNTING_RECORD_STATES as never[]), tenantId ? eq(taskEvidence.tenantId, tenantId) : undefined));
  for (const x of pending) {
    await exec.update(taskEvidence).set({ pendingPublication: false }).where(and(eq(taskEvidence.tenantId, x.e.tenantId), eq(taskEvidence.id, x.e.id)));
    await complete(x.p, x.title, x.publishedAt ? todayLocal(x.publishedAt) : today, '佐证信息');
  }

  // 2. Records published under a task's catalogue node (or below it) by one of its units, in the plan's year.
  const bound = await exec
    .select({ t: tasks, year: taskPlans.year })
    .from(tasks)
    .innerJoin(taskPlans, and(eq(taskPlans.tenantId, tasks.tenantId), eq(taskPlans.id, tasks.planId)))
    .innerJoin(catalogueNodes, and(eq(catalogueNodes.tenantId, tasks.tenantId), eq(catalogueNodes.id, tasks.catalogueNodeId)))
    .where(and(eq(taskPlans.status, 'active'), tenantId ? eq(tasks.tenantId, tenantId) : undefined, onlyTaskId ? eq(tasks.id, onlyTaskId) : undefined));
  for (const { t, year } of bound) {
    const found = await exec.execute(sql`
      SELECT a.id AS assignment_id, r.id AS record_id, r.title, r.published_at
      FROM ${taskAssignments} a
      JOIN ${records} r ON r.tenant_id = a.tenant_id AND r.unit_id = a.unit_id
      JOIN ${catalogueNodes} n ON n.tenant_id = r.tenant_id AND n.id = r.catalogue_node_id
      WHERE a.tenant_id = ${t.tenantId} AND a.task_id = ${t.id}
        AND r.state IN ('published', 'superseded') AND r.published_at IS NOT NULL
        AND ${t.catalogueNodeId}::uuid = ANY(n.path)
        AND (r.published_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${`${year}-01-01`}::date AND ${`${year + 1}-01-31`}::date
        AND NOT EXISTS (SELECT 1 FROM ${taskEvidence} e WHERE e.tenant_id = a.tenant_id AND e.assignment_id = a.id AND e.record_id = r.id)
      ORDER BY r.published_at`);
    for (const f of found.rows as { assignment_id: string; record_id: string; title: string; published_at: Date | string }[]) {
      const publishedOn = todayLocal(new Date(f.published_at));
      const periods = await exec.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, t.tenantId), eq(taskPeriods.assignmentId, f.assignment_id))).orderBy(asc(taskPeriods.dueOn), asc(taskPeriods.periodKey));
      if (!periods.length) continue;
      let i = periodForPublication(periods, publishedOn);
      if (i < 0) i = periods.length - 1;
      const period = periods[i]!;
      await exec.insert(taskEvidence).values({ tenantId: t.tenantId, periodId: period.id, assignmentId: f.assignment_id, kind: 'record', recordId: f.record_id, automatic: true, createdBy: null, createdByLabel: '系统（按公开目录自动关联）' }).onConflictDoNothing();
      await complete(period, f.title, publishedOn, '在任务对应的公开目录下发布的');
    }
  }
  return completed;
}

// ---- 催办 ---------------------------------------------------------------------------------------------

async function urgeViews(exec: Executor, tenantId: string, where: ReturnType<typeof and>, today: LocalDate): Promise<UrgeView[]> {
  const rows = await exec
    .select({ u: taskUrges, unitName: units.name, planTitle: taskPlans.title, seq: tasks.seq, requirement: tasks.requirement })
    .from(taskUrges)
    .innerJoin(units, and(eq(units.tenantId, taskUrges.tenantId), eq(units.id, taskUrges.unitId)))
    .innerJoin(taskPlans, and(eq(taskPlans.tenantId, taskUrges.tenantId), eq(taskPlans.id, taskUrges.planId)))
    .leftJoin(tasks, and(eq(tasks.tenantId, taskUrges.tenantId), eq(tasks.id, taskUrges.taskId)))
    .where(and(eq(taskUrges.tenantId, tenantId), where))
    .orderBy(desc(taskUrges.createdAt))
    .limit(500);
  const assignmentIds = new Map<string, string>();
  const withTask = rows.filter((r) => r.u.taskId);
  if (withTask.length) {
    const as = await exec
      .select({ id: taskAssignments.id, taskId: taskAssignments.taskId, unitId: taskAssignments.unitId })
      .from(taskAssignments)
      .where(and(eq(taskAssignments.tenantId, tenantId), inArray(taskAssignments.taskId, withTask.map((r) => r.u.taskId!))));
    for (const a of as) assignmentIds.set(`${a.taskId}:${a.unitId}`, a.id);
  }
  return rows.map(({ u, unitName, planTitle, seq, requirement }) => ({
    id: u.id,
    planId: u.planId,
    planTitle,
    taskId: u.taskId,
    taskSeq: seq ?? null,
    taskRequirement: requirement ?? null,
    assignmentId: u.taskId ? assignmentIds.get(`${u.taskId}:${u.unitId}`) ?? null : null,
    unitId: u.unitId,
    unitName,
    message: u.message,
    sentOn: u.sentOn,
    replyBy: u.replyBy,
    sentByLabel: u.sentByLabel,
    acknowledged: u.acknowledgedAt !== null,
    acknowledgedOn: u.acknowledgedOn,
    acknowledgedByLabel: u.acknowledgedByLabel,
    response: u.response,
    overdue: u.acknowledgedAt === null && today > u.replyBy,
    version: u.version,
  }));
}

export interface UrgeInput {
  planId: string;
  unitId: string;
  taskId?: string | null;
  message: string;
  replyWithinDays?: number;
}

/** 催办: the office presses a unit; the unit is notified and must acknowledge within N working days. */
export async function sendUrge(db: Db, caller: Caller, input: UrgeInput, today = todayLocal()): Promise<UrgeView> {
  const tenantId = caller.actor.tenantId;
  const message = input.message.trim();
  if (!message) throw badRequest('请填写催办内容', { field: 'message' });
  const id = await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const plan = await requirePlan(tx, tenantId, input.planId);
    if (plan.status !== 'active') throw conflict(`工作计划《${plan.title}》已回头看结转，不能再催办`);
    const unit = await requireUnit(tx, tenantId, input.unitId);
    const [assigned] = await tx
      .select({ id: taskAssignments.id, taskId: taskAssignments.taskId })
      .from(taskAssignments)
      .where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.planId, plan.id), eq(taskAssignments.unitId, unit.id), input.taskId ? eq(taskAssignments.taskId, input.taskId) : undefined))
      .limit(1);
    if (!assigned) throw badRequest(input.taskId ? `「${unit.name}」不是这项任务的责任单位` : `「${unit.name}」在这个工作计划中没有任务`, { field: input.taskId ? 'taskId' : 'unitId' });
    const task = input.taskId ? await requireTask(tx, tenantId, input.taskId) : null;
    const cal = await tenantCalendar(tx, tenantId);
    const replyBy = cal.dueDate(today, input.replyWithinDays ?? 3);
    const [u] = await tx
      .insert(taskUrges)
      .values({ tenantId, planId: plan.id, taskId: task?.id ?? null, unitId: unit.id, message, sentOn: today, replyBy, sentBy: caller.actor.userId, sentByLabel: caller.actor.label })
      .returning();
    await notify(tx, {
      tenantId,
      unitId: unit.id,
      kind: 'task.urge',
      dedupeKey: `task-urge:${u!.id}`,
      title: `政务公开办催办：${task ? `任务 ${task.seq}` : plan.title}`,
      body: `${message}（请于 ${replyBy} 前在控制台确认收到并说明落实情况）`,
      link: assigned && task ? `/admin/tasks/assignments/${assigned.id}` : '/admin/tasks',
      entityId: u!.id,
    });
    await recordAudit(tx, caller.actor, { action: 'task.urge', entityType: 'task_urge', entityId: u!.id, summary: `向${unit.name}发出催办${task ? `（任务 ${task.seq}）` : ''}：${message.slice(0, 60)}`, after: { planId: plan.id, taskId: task?.id ?? null, unitId: unit.id, replyBy } });
    return u!.id;
  });
  return (await urgeViews(db, tenantId, eq(taskUrges.id, id), today))[0]!;
}

export async function listUrges(exec: Executor, caller: Caller, f: { planId?: string; unitId?: string; open?: boolean }, today = todayLocal()): Promise<UrgeView[]> {
  const scope = unitScopeCondition(caller, 'tasks.read');
  return urgeViews(
    exec,
    caller.actor.tenantId,
    and(
      f.planId ? eq(taskUrges.planId, f.planId) : undefined,
      f.unitId ? eq(taskUrges.unitId, f.unitId) : undefined,
      f.open ? isNull(taskUrges.acknowledgedAt) : undefined,
      scope,
    ),
    today,
  );
}

/** The unit acknowledges a 催办, saying what it is doing about it. */
export async function acknowledgeUrge(db: Db, caller: Caller, id: string, input: { version: number; response: string }, today = todayLocal()): Promise<UrgeView> {
  const tenantId = caller.actor.tenantId;
  const response = input.response.trim();
  if (!response) throw badRequest('请说明落实情况', { field: 'response' });
  await db.transaction(async (tx) => {
    const [u] = await tx.select().from(taskUrges).where(and(eq(taskUrges.tenantId, tenantId), eq(taskUrges.id, id))).for('update');
    if (!u) throw notFound('催办');
    const unit = await requireUnit(tx, tenantId, u.unitId);
    if (!can(caller, 'tasks.read', unit)) throw notFound('催办');
    assertCan(caller, 'tasks.report', unit, unit.name);
    if (u.acknowledgedAt) throw conflict(`这次催办已于 ${u.acknowledgedOn} 由${u.acknowledgedByLabel}确认`);
    if (u.version !== input.version) throw staleVersion('催办');
    await tx
      .update(taskUrges)
      .set({ acknowledgedAt: new Date(), acknowledgedOn: today, acknowledgedByLabel: caller.actor.label, response, version: u.version + 1 })
      .where(and(eq(taskUrges.tenantId, tenantId), eq(taskUrges.id, id)));
    await recordAudit(tx, caller.actor, { action: 'task.urge.acknowledge', entityType: 'task_urge', entityId: id, summary: `${unit.name}确认收到催办：${response.slice(0, 60)}`, after: { response, on: today } });
  });
  return (await urgeViews(db, tenantId, eq(taskUrges.id, id), today))[0]!;
}

/** Urges past their reply date and not acknowledged, per unit of a plan (for the scores). */
export async function unacknowledgedUrges(exec: Executor, tenantId: string, planId: string, asOf: LocalDate): Promise<Map<string, number>> {
  const rows = await exec
    .select({ unitId: taskUrges.unitId, n: sql<number>`count(*)::int` })
    .from(taskUrges)
    .where(and(eq(taskUrges.tenantId, tenantId), eq(taskUrges.planId, planId), isNull(taskUrges.acknowledgedAt), lt(taskUrges.replyBy, asOf)))
    .groupBy(taskUrges.unitId);
  return new Map(rows.map((r) => [r.unitId, r.n]));
}

// ---- bonus items ------------------------------------------------------------------------------------

export interface BonusView {
  id: string;
  unitId: string;
  unitName: string;
  points: number;
  reason: string;
  createdByLabel: string;
  createdAt: string;
}

export async function listBonuses(exec: Executor, tenantId: string, planId: string): Promise<BonusView[]> {
  const rows = await exec
    .select({ b: taskBonuses, unitName: units.name })
    .from(taskBonuses)
    .innerJoin(units, and(eq(units.tenantId, taskBonuses.tenantId), eq(units.id, taskBonuses.unitId)))
    .where(and(eq(taskBonuses.tenantId, tenantId), eq(taskBonuses.planId, planId)))
    .orderBy(asc(taskBonuses.createdAt));
  return rows.map(({ b, unitName }) => ({ id: b.id, unitId: b.unitId, unitName, points: b.points, reason: b.reason, createdByLabel: b.createdByLabel, createdAt: b.createdAt.toISOString() }));
}

export async function addBonus(db: Db, caller: Caller, planId: string, input: { unitId: string; points: number; reason: string }): Promise<BonusView> {
  const tenantId = caller.actor.tenantId;
  const reason = input.reason.trim();
  if (!reason) throw badRequest('请填写加分理由', { field: 'reason' });
  const id = await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const plan = await requirePlan(tx, tenantId, planId);
    const unit = await requireUnit(tx, tenantId, input.unitId);
    const [assigned] = await tx.select({ id: taskAssignments.id }).from(taskAssignments).where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.planId, planId), eq(taskAssignments.unitId, unit.id))).limit(1);
    if (!assigned) throw badRequest(`「${unit.name}」在这个工作计划中没有任务，不参加考核`, { field: 'unitId' });
    const [b] = await tx.insert(taskBonuses).values({ tenantId, planId, unitId: unit.id, points: input.points, reason, createdBy: caller.actor.userId, createdByLabel: caller.actor.label }).returning();
    await recordAudit(tx, caller.actor, { action: 'task.bonus.add', entityType: 'task_plan', entityId: planId, summary: `《${plan.title}》为${unit.name}加 ${input.points} 分：${reason}`, after: { unitId: unit.id, points: input.points, reason } });
    return b!.id;
  });
  return (await listBonuses(db, tenantId, planId)).find((b) => b.id === id)!;
}

export async function removeBonus(db: Db, caller: Caller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const [b] = await tx.delete(taskBonuses).where(and(eq(taskBonuses.tenantId, tenantId), eq(taskBonuses.id, id))).returning();
    if (!b) throw notFound('加分项');
    await recordAudit(tx, caller.actor, { action: 'task.bonus.remove', entityType: 'task_plan', entityId: b.planId, summary: `删除加分项（${b.points} 分：${b.reason}）`, before: { unitId: b.unitId, points: b.points, reason: b.reason } });
  });
}

export type { AssignmentRow };
