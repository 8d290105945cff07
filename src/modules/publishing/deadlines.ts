// The Art. 26 clock at work: warnings to the unit 5 and 1 working days before a proactive record is due,
// a notice once it is overdue, and the on-time rate of each unit over a period.
import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { scopeOf, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, type WorkingCalendar } from '../../core/calendar/index.ts';
import { PUBLICATION_WARNINGS } from '../../core/publishing/deadline.ts';
import type { Executor } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { units } from '../org/schema.ts';
import { unitScopeCondition } from '../org/units.ts';
import { notify } from '../notify/service.ts';
import { records } from './schema.ts';

const OPEN_STATES = ['draft', 'submitted', 'confidentiality_review', 'approved', 'scheduled'] as const;

/** Warnings due on `today` for every unpublished proactive record; each is sent once (dedupe key). */
export async function sendDeadlineWarnings(exec: Executor, today = todayLocal()): Promise<number> {
  const open = await exec
    .select({ tenantId: records.tenantId, id: records.id, unitId: records.unitId, title: records.title, dueOn: records.dueOn, dueExplanation: records.dueExplanation })
    .from(records)
    .where(and(eq(records.attribute, 'proactive'), inArray(records.state, [...OPEN_STATES]), isNotNull(records.dueOn), lte(records.dueOn, sql`${today}::date + 40`)));
  const calendars = new Map<string, WorkingCalendar>();
  let sent = 0;
  for (const r of open) {
    let cal = calendars.get(r.tenantId);
    if (!cal) calendars.set(r.tenantId, (cal = await tenantCalendar(exec, r.tenantId)));
    const due = r.dueOn!;
    const link = `/admin/records/${r.id}`;
    if (today > due) {
      const late = cal.workingDaysLate(due, today);
      // Once when it becomes overdue; the overdue list in the console shows the running count.
      if (await notify(exec, { tenantId: r.tenantId, unitId: r.unitId, kind: 'publication.overdue', dedupeKey: `record:${r.id}:overdue:${due}`, title: `《${r.title}》已逾期未公开`, body: `应于 ${due} 前公开，已逾期 ${late} 个工作日。${r.dueExplanation ?? ''}`, link, entityId: r.id })) sent++;
      continue;
    }
    // The most urgent threshold reached (5, then 1 working days left): a sweep that missed a day, or a
    // weekend, still sends it; the dedupe key keeps it to one per threshold.
    const remaining = cal.countWorkingDays(today, due);
    const threshold = [...PUBLICATION_WARNINGS].sort((a, b) => a - b).find((n) => remaining <= n);
    if (threshold === undefined) continue;
    const title = remaining === 0 ? `《${r.title}》今天是公开期限` : `《${r.title}》还有 ${remaining} 个工作日到公开期限`;
    if (await notify(exec, { tenantId: r.tenantId, unitId: r.unitId, kind: 'publication.due', dedupeKey: `record:${r.id}:warn${threshold}:${due}`, title, body: `公开期限 ${due}。${r.dueExplanation ?? ''}`, link, entityId: r.id })) sent++;
  }
  return sent;
}

export interface OnTimeRow {
  unitId: string;
  unitName: string;
  published: number;
  onTime: number;
  late: number;
  /** Working days late, summed over the late ones. */
  lateDays: number;
  overdueOpen: number;
  /** published on time / published, or null when nothing was published. */
  rate: number | null;
}

/** On-time rate per unit for records published in [from, to], plus records still open past their due date. */
export async function onTimeRates(exec: Executor, caller: Caller, from: string, to: string): Promise<OnTimeRow[]> {
  const tenantId = caller.actor.tenantId;
  const scope = unitScopeCondition(caller, 'records.read');
  const fromTs = new Date(`${from}T00:00:00+08:00`);
  const toTs = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  const published = await exec
    .select({
      unitId: records.unitId,
      unitName: units.name,
      published: sql<number>`count(*)::int`,
      onTime: sql<number>`count(*) FILTER (WHERE coalesce(${records.workingDaysLate}, 0) = 0)::int`,
      late: sql<number>`count(*) FILTER (WHERE ${records.workingDaysLate} > 0)::int`,
      lateDays: sql<number>`coalesce(sum(${records.workingDaysLate}) FILTER (WHERE ${records.workingDaysLate} > 0), 0)::int`,
    })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), scope, eq(records.attribute, 'proactive'), isNotNull(records.publishedAt), gte(records.publishedAt, fromTs), sql`${records.publishedAt} < ${toTs}`, isNotNull(records.dueOn)))
    .groupBy(records.unitId, units.name);
  const today = todayLocal();
  const overdue = await exec
    .select({ unitId: records.unitId, unitName: units.name, n: sql<number>`count(*)::int` })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), scope, eq(records.attribute, 'proactive'), inArray(records.state, [...OPEN_STATES]), sql`${records.dueOn} < ${today}`))
    .groupBy(records.unitId, units.name);
  const byUnit = new Map<string, OnTimeRow>();
  for (const p of published) byUnit.set(p.unitId, { ...p, overdueOpen: 0, rate: p.published ? p.onTime / p.published : null });
  for (const o of overdue) {
    const row = byUnit.get(o.unitId) ?? { unitId: o.unitId, unitName: o.unitName, published: 0, onTime: 0, late: 0, lateDays: 0, overdueOpen: 0, rate: null };
    row.overdueOpen = o.n;
    byUnit.set(o.unitId, row);
  }
  void scopeOf;
  return [...byUnit.values()].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.overdueOpen - a.overdueOpen || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}
