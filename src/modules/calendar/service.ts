// The working-day calendar of a tenant: the built-in national calendar plus the tenant's own entries.
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { BUILTIN_CALENDAR, WorkingCalendar, isLocalDate, type CalendarEntry } from '../../core/calendar/index.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { rootOf } from '../org/units.ts';
import { calendarEntries } from './schema.ts';

export async function tenantEntries(exec: Executor, tenantId: string): Promise<CalendarEntry[]> {
  const rows = await exec.select().from(calendarEntries).where(eq(calendarEntries.tenantId, tenantId)).orderBy(asc(calendarEntries.date));
  return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, source: 'tenant' as const, ...(r.note ? { note: r.note } : {}) }));
}

/** Everything "N 个工作日" of a tenant is counted with this calendar. */
export async function tenantCalendar(exec: Executor, tenantId: string): Promise<WorkingCalendar> {
  return WorkingCalendar.builtin(await tenantEntries(exec, tenantId));
}

export interface CalendarEntryView {
  id: string | null;
  date: string;
  kind: 'OFF' | 'WORK';
  name: string;
  note: string | null;
  source: 'builtin' | 'tenant';
  /** A tenant entry that replaces a built-in one for the same date. */
  overrides: boolean;
}

export async function listEntries(exec: Executor, tenantId: string, year: number): Promise<{ entries: CalendarEntryView[]; coveredYears: number[] }> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const own = await exec
    .select()
    .from(calendarEntries)
    .where(and(eq(calendarEntries.tenantId, tenantId), gte(calendarEntries.date, from), lte(calendarEntries.date, to)));
  const ownByDate = new Map(own.map((r) => [r.date, r]));
  const builtin = BUILTIN_CALENDAR.filter((e) => e.date >= from && e.date <= to);
  const builtinDates = new Set(builtin.map((e) => e.date));
  const entries: CalendarEntryView[] = [
    ...builtin
      .filter((e) => !ownByDate.has(e.date))
      .map((e) => ({ id: null, date: e.date, kind: e.kind, name: e.name, note: null, source: 'builtin' as const, overrides: false })),
    ...own.map((r) => ({ id: r.id, date: r.date, kind: r.kind, name: r.name, note: r.note, source: 'tenant' as const, overrides: builtinDates.has(r.date) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const calendar = await tenantCalendar(exec, tenantId);
  return { entries, coveredYears: calendar.coveredYears() };
}

export interface EntryInput {
  date: string;
  kind: 'OFF' | 'WORK';
  name: string;
  note?: string | null;
}

function checkEntry(e: EntryInput) {
  if (!isLocalDate(e.date)) throw badRequest(`日期「${e.date}」不是有效的日期（YYYY-MM-DD）`);
  if (e.kind !== 'OFF' && e.kind !== 'WORK') throw badRequest('类型只能是 OFF（放假）或 WORK（上班）');
}

/** The calendar belongs to the whole government: only who manages it at the root may change it. */
async function assertManage(exec: Executor, caller: Caller) {
  const root = await rootOf(exec, caller.actor.tenantId);
  assertCan(caller, 'calendar.manage', root, root.name);
}

export async function upsertEntry(exec: Executor, caller: Caller, input: EntryInput): Promise<CalendarEntryView> {
  checkEntry(input);
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    await assertManage(tx, caller);
    const [before] = await tx.select().from(calendarEntries).where(and(eq(calendarEntries.tenantId, tenantId), eq(calendarEntries.date, input.date)));
    const values = { kind: input.kind, name: input.name.trim(), note: input.note ?? null };
    const [row] = before
      ? await tx.update(calendarEntries).set(values).where(and(eq(calendarEntries.tenantId, tenantId), eq(calendarEntries.id, before.id))).returning()
      : await tx.insert(calendarEntries).values({ tenantId, date: input.date, ...values, createdBy: caller.actor.userId }).returning();
    await recordAudit(tx, caller.actor, {
      action: before ? 'calendar.entry.update' : 'calendar.entry.add',
      entityType: 'calendar_entry',
      entityId: input.date,
      summary: `${before ? '修改' : '新增'}日历：${input.date} ${input.kind === 'OFF' ? '放假' : '上班'}（${values.name}）`,
      before: before ?? null,
      after: row,
    });
    return { id: row!.id, date: row!.date, kind: row!.kind, name: row!.name, note: row!.note, source: 'tenant', overrides: BUILTIN_CALENDAR.some((e) => e.date === row!.date) };
  });
}

export async function removeEntry(exec: Executor, caller: Caller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await exec.transaction(async (tx) => {
    await assertManage(tx, caller);
    const [row] = await tx.delete(calendarEntries).where(and(eq(calendarEntries.tenantId, tenantId), eq(calendarEntries.id, id))).returning();
    if (!row) throw notFound('日历条目');
    await recordAudit(tx, caller.actor, {
      action: 'calendar.entry.remove',
      entityType: 'calendar_entry',
      entityId: row.date,
      summary: `删除日历条目：${row.date}（${row.name}）`,
      before: row,
    });
  });
}

/**
 * Enter a whole year's arrangement at once, as the 国务院办公厅 notice lists it: the tenant's entries
 * for that year are replaced by the given ones.
 */
export async function replaceYear(exec: Executor, caller: Caller, year: number, entries: EntryInput[]): Promise<{ entries: CalendarEntryView[]; coveredYears: number[] }> {
  const tenantId = caller.actor.tenantId;
  for (const e of entries) {
    checkEntry(e);
    if (!e.date.startsWith(`${year}-`)) throw badRequest(`日期 ${e.date} 不属于 ${year} 年`);
  }
  const dates = new Set<string>();
  for (const e of entries) {
    if (dates.has(e.date)) throw badRequest(`日期 ${e.date} 重复出现`);
    dates.add(e.date);
  }
  await exec.transaction(async (tx) => {
    await assertManage(tx, caller);
    const before = await tx
      .delete(calendarEntries)
      .where(and(eq(calendarEntries.tenantId, tenantId), gte(calendarEntries.date, `${year}-01-01`), lte(calendarEntries.date, `${year}-12-31`)))
      .returning();
    if (entries.length) {
      await tx.insert(calendarEntries).values(
        entries.map((e) => ({ tenantId, date: e.date, kind: e.kind, name: e.name.trim(), note: e.note ?? null, createdBy: caller.actor.userId })),
      );
    }
    await recordAudit(tx, caller.actor, {
      action: 'calendar.year.replace',
      entityType: 'calendar_year',
      entityId: String(year),
      summary: `录入 ${year} 年节假日安排（${entries.filter((e) => e.kind === 'OFF').length} 天放假，${entries.filter((e) => e.kind === 'WORK').length} 天调休上班）`,
      before: before.map((r) => ({ date: r.date, kind: r.kind, name: r.name })),
      after: entries,
    });
  });
  return listEntries(exec, tenantId, year);
}
