// The tasks at work: every server process runs this sweep (src/jobs.ts); a transaction-level advisory lock
// lets one at a time do it, and each reminder carries a dedupe key, so a repeated or late sweep sends nothing
// twice and a restart loses nothing. It
//   1. counts records as evidence by themselves: records published under a task's catalogue node by one of
//      its units, and records linked before they were published, complete their period;
//   2. reminds units before each due date of a period not done (5 and 1 working days before, on the day)
//      and once when it has become overdue (within 10 working days of the due date, so that an old plan
//      loaded at once does not flood the units);
//   3. reminds a unit of a 催办 it has not acknowledged by its reply date.
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { todayLocal, type WorkingCalendar } from '../../core/calendar/index.ts';
import { taskReminder } from '../../core/tasks/status.ts';
import type { Db, Executor } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { taskPeriods, taskPlans, tasks, taskUrges } from './schema.ts';
import { linkPublishedRecords } from './service.ts';

const SWEEP_LOCK = 7310471;
/** Overdue periods older than this (working days) are not announced any more. */
const OVERDUE_NOTICE_WINDOW = 10;

export async function runTaskSweep(db: Db, today = todayLocal()): Promise<{ completed: number; reminders: number } | null> {
  return db.transaction(async (tx) => {
    const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)).rows as { ok: boolean }[];
    if (!got?.ok) return null;
    const completed = await linkPublishedRecords(tx, null, today);
    const reminders = await sendTaskReminders(tx, today);
    return { completed, reminders };
  });
}

const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

export async function sendTaskReminders(exec: Executor, today = todayLocal()): Promise<number> {
  const calendars = new Map<string, WorkingCalendar>();
  const cal = async (tenantId: string) => {
    let c = calendars.get(tenantId);
    if (!c) calendars.set(tenantId, (c = await tenantCalendar(exec, tenantId)));
    return c;
  };
  let sent = 0;
  const send = async (n: Parameters<typeof notify>[1]) => {
    if (await notify(exec, n)) sent++;
  };

  const open = await exec
    .select({ p: taskPeriods, seq: tasks.seq, requirement: tasks.requirement, planTitle: taskPlans.title })
    .from(taskPeriods)
    .innerJoin(tasks, and(eq(tasks.tenantId, taskPeriods.tenantId), eq(tasks.id, taskPeriods.taskId)))
    .innerJoin(taskPlans, and(eq(taskPlans.tenantId, taskPeriods.tenantId), eq(taskPlans.id, taskPeriods.planId)))
    .where(
      and(
        ne(taskPeriods.state, 'done'),
        eq(taskPlans.status, 'active'),
        sql`${taskPeriods.dueOn} <= ${today}::date + 14`,
        sql`${taskPeriods.dueOn} >= ${today}::date - 30`,
      ),
    );
  for (const { p, seq, requirement } of open) {
    const r = taskReminder(await cal(p.tenantId), p.dueOn, today);
    if (!r) continue;
    const link = `/admin/tasks/assignments/${p.assignmentId}`;
    const what = `任务 ${seq}「${short(requirement)}」（${p.label}）`;
    if (r.kind === 'overdue') {
      if (r.daysLate > OVERDUE_NOTICE_WINDOW) continue;
      await send({ tenantId: p.tenantId, unitId: p.unitId, kind: 'task.overdue', dedupeKey: `task-period:${p.id}:overdue:${p.dueOn}`, title: `${what}已逾期`, body: `截止日 ${p.dueOn}，已逾期 ${r.daysLate} 个工作日，请尽快完成并报送进展和佐证材料。${p.explanation}`, link, entityId: p.id });
    } else {
      const title = r.left === 0 ? `${what}今天到期` : `${what}还有 ${r.left} 个工作日到期`;
      await send({ tenantId: p.tenantId, unitId: p.unitId, kind: 'task.due', dedupeKey: `task-period:${p.id}:warn${r.threshold}:${p.dueOn}`, title, body: `截止日 ${p.dueOn}。请按时完成并在控制台报送进展和佐证材料。${p.explanation}`, link, entityId: p.id });
    }
  }

  const urges = await exec
    .select({ u: taskUrges, planTitle: taskPlans.title })
    .from(taskUrges)
    .innerJoin(taskPlans, and(eq(taskPlans.tenantId, taskUrges.tenantId), eq(taskPlans.id, taskUrges.planId)))
    .where(and(isNull(taskUrges.acknowledgedAt), lt(taskUrges.replyBy, today)));
  for (const { u, planTitle } of urges) {
    await send({ tenantId: u.tenantId, unitId: u.unitId, kind: 'task.urge_overdue', dedupeKey: `task-urge:${u.id}:overdue`, title: `政务公开办的催办尚未确认（${short(planTitle, 20)}）`, body: `催办于 ${u.sentOn} 发出，应于 ${u.replyBy} 前确认：${u.message}`, link: '/admin/tasks', entityId: u.id });
  }
  return sent;
}
