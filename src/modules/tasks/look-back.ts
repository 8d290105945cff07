// 回头看: at the year's end the office reviews last year's plan; every task some unit has not finished is
// carried into next year's plan (a plan of that year chosen by the office, or a new one), for those units only,
// scheduled anew in the new year; the old plan is closed (no more reports, its state kept for the record).
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { badRequest, conflict, staleVersion } from '../../core/errors.ts';
import { planPeriods } from '../../core/tasks/periods.ts';
import { assignmentStatus, TASK_STATUS_LABELS, type TaskStatus } from '../../core/tasks/status.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { units } from '../org/schema.ts';
import { assertManage, requirePlan, ROLE_LABELS } from './common.ts';
import { taskAssignments, taskLedgerRows, taskPeriods, taskPlans, tasks, type AssignmentRole } from './schema.ts';

export interface LookBackItem {
  taskId: string;
  seq: number;
  category: string | null;
  requirement: string;
  deadlineText: string | null;
  units: { assignmentId: string; unitId: string; unitName: string; role: AssignmentRole; roleLabel: string; status: TaskStatus; statusLabel: string; openPeriods: string[] }[];
}

export interface LookBackPreview {
  planId: string;
  planTitle: string;
  year: number;
  status: string;
  lookedBackAt: string | null;
  carriedToPlanId: string | null;
  tasks: number;
  unfinished: LookBackItem[];
  /** Plans of the next year the unfinished tasks may go into. */
  targets: { id: string; title: string; year: number }[];
  version: number;
}

async function unfinished(exec: Executor, tenantId: string, planId: string, today: string): Promise<LookBackItem[]> {
  const rows = await exec
    .select({ a: taskAssignments, unitName: units.name, t: tasks })
    .from(taskAssignments)
    .innerJoin(units, and(eq(units.tenantId, taskAssignments.tenantId), eq(units.id, taskAssignments.unitId)))
    .innerJoin(tasks, and(eq(tasks.tenantId, taskAssignments.tenantId), eq(tasks.id, taskAssignments.taskId)))
    .where(and(eq(taskAssignments.tenantId, tenantId), eq(taskAssignments.planId, planId)))
    .orderBy(asc(tasks.seq), asc(units.sortOrder));
  const periods = await exec.select().from(taskPeriods).where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.planId, planId))).orderBy(asc(taskPeriods.dueOn));
  const out = new Map<string, LookBackItem>();
  for (const { a, unitName, t } of rows) {
    const ps = periods.filter((p) => p.assignmentId === a.id);
    const status = assignmentStatus(ps, today);
    if (status === 'done') continue;
    let item = out.get(t.id);
    if (!item) out.set(t.id, (item = { taskId: t.id, seq: t.seq, category: t.category, requirement: t.requirement, deadlineText: t.deadlineText, units: [] }));
    item.units.push({ assignmentId: a.id, unitId: a.unitId, unitName, role: a.role, roleLabel: ROLE_LABELS[a.role], status, statusLabel: TASK_STATUS_LABELS[status], openPeriods: ps.filter((p) => p.state !== 'done').map((p) => p.label) });
  }
  return [...out.values()];
}

export async function lookBackPreview(exec: Executor, caller: Caller, planId: string, today = todayLocal()): Promise<LookBackPreview> {
  const tenantId = caller.actor.tenantId;
  await assertManage(exec, caller);
  const plan = await requirePlan(exec, tenantId, planId);
  const all = await exec.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, planId)));
  const targets = await exec
    .select({ id: taskPlans.id, title: taskPlans.title, year: taskPlans.year })
    .from(taskPlans)
    .where(and(eq(taskPlans.tenantId, tenantId), eq(taskPlans.year, plan.year + 1), eq(taskPlans.status, 'active'), ne(taskPlans.id, planId)))
    .orderBy(asc(taskPlans.createdAt));
  return {
    planId,
    planTitle: plan.title,
    year: plan.year,
    status: plan.status,
    lookedBackAt: plan.lookedBackAt?.toISOString() ?? null,
    carriedToPlanId: plan.carriedToPlanId,
    tasks: all.length,
    unfinished: await unfinished(exec, tenantId, planId, today),
    targets,
    version: plan.version,
  };
}

export interface LookBackInput {
  version: number;
  /** A plan of the next year to carry the tasks into; none: a new plan is made. */
  targetPlanId?: string | null;
  title?: string | null;
}

export interface LookBackResult {
  planId: string;
  targetPlanId: string;
  targetTitle: string;
  tasks: number;
  assignments: number;
}

export async function runLookBack(db: Db, caller: Caller, planId: string, input: LookBackInput, today = todayLocal()): Promise<LookBackResult> {
  const tenantId = caller.actor.tenantId;
  return db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const plan = await requirePlan(tx, tenantId, planId, true);
    if (plan.status !== 'active') throw conflict(`《${plan.title}》已于 ${plan.lookedBackAt?.toISOString().slice(0, 10)} 回头看，不能重复结转`);
    if (plan.version !== input.version) throw staleVersion(`工作计划《${plan.title}》`);
    const year = plan.year + 1;
    let target;
    if (input.targetPlanId) {
      target = await requirePlan(tx, tenantId, input.targetPlanId, true);
      if (target.id === plan.id) throw badRequest('不能结转到本计划', { field: 'targetPlanId' });
      if (target.year !== year || target.status !== 'active') throw badRequest(`只能结转到 ${year} 年执行中的工作计划`, { field: 'targetPlanId' });
    } else {
      [target] = await tx
        .insert(taskPlans)
        .values({ tenantId, year, title: input.title?.trim() || `${year}年结转任务（${plan.year}年工作任务回头看）`, createdBy: caller.actor.userId, scheme: plan.scheme })
        .returning();
    }
    const items = await unfinished(tx, tenantId, planId, today);
    const cal = await tenantCalendar(tx, tenantId);
    const existing = await tx.select({ seq: tasks.seq }).from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, target!.id)));
    let seq = existing.reduce((m, r) => Math.max(m, r.seq), 0);
    let assignments = 0;
    for (const item of items) {
      const [old] = await tx.select().from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, item.taskId)));
      const sp = planPeriods(old!.deadlineText, year, cal);
      const [t] = await tx
        .insert(tasks)
        .values({
          tenantId,
          planId: target!.id,
          seq: ++seq,
          category: old!.category,
          requirement: old!.requirement,
          deadlineText: old!.deadlineText,
          deadlineDescription: sp.timeLimit.description,
          deadlineRules: sp.rules,
          needsReview: sp.needsReview,
          reviewNote: [`由${plan.year}年工作任务回头看结转`, ...sp.notes].join('；'),
          unitsText: item.units.map((u) => u.unitName).join('、'),
          catalogueNodeId: old!.catalogueNodeId,
          weight: old!.weight,
          carriedFromTaskId: old!.id,
          source: `${plan.title} 第 ${old!.seq} 项`,
        })
        .returning();
      for (const u of item.units) {
        const [a] = await tx.insert(taskAssignments).values({ tenantId, taskId: t!.id, planId: target!.id, unitId: u.unitId, role: u.role, nameAsWritten: u.unitName }).returning();
        assignments++;
        await tx.insert(taskPeriods).values(sp.periods.map((p) => ({ tenantId, assignmentId: a!.id, taskId: t!.id, planId: target!.id, unitId: u.unitId, periodKey: p.periodKey, label: p.label, dueOn: p.dueOn, explanation: p.explanation, assumed: p.assumed })));
        const [prev] = await tx.select().from(taskLedgerRows).where(and(eq(taskLedgerRows.tenantId, tenantId), eq(taskLedgerRows.assignmentId, u.assignmentId))).orderBy(asc(taskLedgerRows.sortOrder)).limit(1);
        await tx.insert(taskLedgerRows).values({
          tenantId,
          planId: target!.id,
          unitId: u.unitId,
          assignmentId: a!.id,
          sortOrder: seq * 10,
          task: `（${plan.year}年结转）${old!.category ? `${old!.category}：` : ''}${old!.requirement}`,
          measure: prev?.measure ?? '',
          timeLimit: old!.deadlineText ?? sp.timeLimit.description,
          leader: prev?.leader ?? '',
          section: prev?.section ?? '',
        });
      }
    }
    await tx
      .update(taskPlans)
      .set({ status: 'looked_back', lookedBackAt: new Date(), lookedBackBy: caller.actor.label, carriedToPlanId: target!.id, version: plan.version + 1, updatedAt: new Date() })
      .where(and(eq(taskPlans.tenantId, tenantId), eq(taskPlans.id, planId)));
    await recordAudit(tx, caller.actor, {
      action: 'task.look_back',
      entityType: 'task_plan',
      entityId: planId,
      summary: `《${plan.title}》回头看：${items.length} 项未完成任务（${assignments} 个单位次）结转至《${target!.title}》`,
      after: { targetPlanId: target!.id, tasks: items.length, assignments },
    });
    return { planId, targetPlanId: target!.id, targetTitle: target!.title, tasks: items.length, assignments };
  });
}
