// Art. 49 reminders: every reporting unit whose report on the past year is not yet published is warned
// 30, 14, 7, 3 and 1 days before its date and on the day (departments: 1月31日; the government: 3月31日),
// and once when the date has passed. Every server process may run the sweep: a transaction-level advisory
// lock lets one at a time do it, and each reminder carries a dedupe key (unit, year, threshold), so a
// repeated or late sweep sends nothing twice. The office sees the whole picture on the status board.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { formatDateZh, todayLocal } from '../../core/calendar/index.ts';
import { isReportingKind, reportDue, reportReminder } from '../../core/reports/due.ts';
import type { Db, Executor } from '../../db/client.ts';
import { notify } from '../notify/service.ts';
import { tenants, units } from '../org/schema.ts';
import { annualReports } from './schema.ts';

const SWEEP_LOCK = 7310452;

export async function runReportSweep(db: Db, today = todayLocal()): Promise<{ reminders: number } | null> {
  return db.transaction(async (tx) => {
    const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)).rows as { ok: boolean }[];
    if (!got?.ok) return null;
    return { reminders: await sendReportReminders(tx, today) };
  });
}

export async function sendReportReminders(exec: Executor, today = todayLocal()): Promise<number> {
  // Reports due this calendar year are those on last year (1月31日 and 3月31日); the sweep looks at no other.
  const year = Number(today.slice(0, 4)) - 1;
  // Outside the weeks around 1月31日 and 3月31日 there is nothing to send: no query at all.
  if (!reportReminder(reportDue(year, false).due, today) && !reportReminder(reportDue(year, true).due, today)) return 0;
  const rows = await exec
    .select({ tenantId: units.tenantId, id: units.id, parentId: units.parentId, kind: units.kind, name: units.name, reportId: annualReports.id, publications: annualReports.publications })
    .from(units)
    .innerJoin(tenants, and(eq(tenants.tenantId, units.tenantId), eq(tenants.active, true)))
    .leftJoin(annualReports, and(eq(annualReports.tenantId, units.tenantId), eq(annualReports.unitId, units.id), eq(annualReports.year, year)))
    .where(isNull(units.abolishedAt));
  let sent = 0;
  for (const u of rows) {
    if (!isReportingKind(u.kind) || (u.publications ?? 0) > 0) continue;
    const government = u.parentId === null && u.kind === 'government';
    const due = reportDue(year, government);
    const r = reportReminder(due.due, today);
    if (!r) continue;
    const link = u.reportId ? `/admin/reports/${u.reportId}` : '/admin/reports';
    const title =
      r.kind === 'overdue'
        ? `${u.name}${year}年度政府信息公开工作年度报告已逾期未发布`
        : r.daysLeft === 0
          ? `今天是${u.name}${year}年度政府信息公开工作年度报告的发布期限`
          : `${u.name}${year}年度政府信息公开工作年度报告还有 ${r.daysLeft} 天到发布期限`;
    const state = u.reportId ? '报告已在编写，尚未发布' : '尚未开始编写报告';
    const body = r.kind === 'overdue' ? `应于${formatDateZh(due.due)}前发布，已逾期 ${r.daysLate} 天（${state}）。${due.rule}。` : `应于${formatDateZh(due.due)}前发布（${state}）。${due.rule}。`;
    const dedupeKey = r.kind === 'overdue' ? `report:${u.id}:${year}:overdue` : `report:${u.id}:${year}:warn${r.threshold}`;
    if (await notify(exec, { tenantId: u.tenantId, unitId: u.id, kind: r.kind === 'overdue' ? 'report.overdue' : 'report.due', dedupeKey, title, body, link, entityId: u.reportId ?? null })) sent++;
  }
  return sent;
}
