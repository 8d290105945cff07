// Publishing a record under a standard-catalogue item fulfils its unit's open obligation for that item.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { todayLocal } from '../../core/calendar/index.ts';
import type { Executor } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { obligations } from '../catalogue/schema.ts';
import type { records } from './schema.ts';

/** The earliest open obligation of the record's unit for its item (the period the information belongs to). */
export async function fulfilObligation(exec: Executor, r: typeof records.$inferSelect): Promise<void> {
  if (!r.standardItemId || !r.publishedAt) return;
  const [open] = await exec
    .select()
    .from(obligations)
    .where(and(eq(obligations.tenantId, r.tenantId), eq(obligations.itemId, r.standardItemId), eq(obligations.unitId, r.unitId), isNull(obligations.recordId), sql`${obligations.periodStart} <= ${r.formedOn}::date + 366`))
    .orderBy(sql`abs(${obligations.periodEnd} - ${r.formedOn}::date)`, asc(obligations.dueOn))
    .limit(1)
    .for('update');
  if (!open) return;
  const publishedOn = todayLocal(r.publishedAt);
  const late = (await tenantCalendar(exec, r.tenantId)).workingDaysLate(open.dueOn, publishedOn);
  await exec
    .update(obligations)
    .set({ recordId: r.id, fulfilledAt: r.publishedAt, workingDaysLate: late })
    .where(and(eq(obligations.tenantId, r.tenantId), eq(obligations.id, open.id)));
}
