// The request clocks at work (the "reminders are jobs in the database"): every server process runs
// this sweep; a transaction-level advisory lock lets one at a time do it, and each reminder carries a
// dedupe key, so a repeated or late sweep sends nothing twice and a restart loses nothing (the state is
// the requests themselves). Reminders go to the request's unit, where its handler and its leader see them:
// at 5, 3 and 1 working days left and once overdue (Art. 33); also when a correction or fee period, a
// consultation's 15 days, or a 协查 deadline has run out, so the handler can take the next step.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { todayLocal, type WorkingCalendar } from '../../core/calendar/index.ts';
import { reminderDue } from '../../core/requests/clock.ts';
import type { Db, Executor } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { disclosureRequests, requestAssists, requestPauses } from './schema.ts';
import { refreshClock } from './service.ts';

const SWEEP_LOCK = 7310451;

export async function runRequestSweep(db: Db, today = todayLocal()): Promise<{ reminders: number; refreshed: number } | null> {
  return db.transaction(async (tx) => {
    const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)).rows as { ok: boolean }[];
    if (!got?.ok) return null;
    const refreshed = await refreshPausedClocks(tx, today);
    const reminders = await sendRequestReminders(tx, today);
    return { reminders, refreshed };
  });
}

/** A paused clock's due date moves on every day: keep the stored one (lists, overdue queries) current. */
async function refreshPausedClocks(exec: Executor, today: string): Promise<number> {
  const rows = await exec.select().from(disclosureRequests).where(inArray(disclosureRequests.state, ['consulting', 'awaiting_fee']));
  let n = 0;
  for (const r of rows) if ((await refreshClock(exec, r, today)).dueOn !== r.dueOn) n++;
  return n;
}

export async function sendRequestReminders(exec: Executor, today = todayLocal()): Promise<number> {
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

  // The reply deadline: registered (running) and awaiting a fee (its clock may or may not be paused).
  const open = await exec
    .select({ tenantId: disclosureRequests.tenantId, id: disclosureRequests.id, unitId: disclosureRequests.unitId, number: disclosureRequests.number, dueOn: disclosureRequests.dueOn, explanation: disclosureRequests.dueExplanation })
    .from(disclosureRequests)
    .where(and(inArray(disclosureRequests.state, ['registered', 'awaiting_fee']), sql`${disclosureRequests.dueOn} <= ${today}::date + 40`));
  for (const r of open) {
    const due = reminderDue(await cal(r.tenantId), r.dueOn!, today);
    if (!due) continue;
    const link = `/admin/requests/${r.id}`;
    if (due.kind === 'overdue') {
      await send({ tenantId: r.tenantId, unitId: r.unitId, kind: 'request.overdue', dedupeKey: `request:${r.id}:overdue:${r.dueOn}`, title: `政府信息公开申请 ${r.number} 已逾期未答复`, body: `答复期限 ${r.dueOn}，已逾期 ${due.daysLate} 个工作日。${r.explanation ?? ''}`, link, entityId: r.id });
    } else {
      const title = due.left === 0 ? `政府信息公开申请 ${r.number} 今天是答复期限` : `政府信息公开申请 ${r.number} 还有 ${due.left} 个工作日到答复期限`;
      await send({ tenantId: r.tenantId, unitId: r.unitId, kind: 'request.due', dedupeKey: `request:${r.id}:warn${due.threshold}:${r.dueOn}`, title, body: `答复期限 ${r.dueOn}。${r.explanation ?? ''}`, link, entityId: r.id });
    }
  }

  // A correction period that ran out: the handler may close the request as abandoned (Art. 30).
  const corrections = await exec
    .select({ tenantId: disclosureRequests.tenantId, id: disclosureRequests.id, unitId: disclosureRequests.unitId, number: disclosureRequests.number, dueOn: disclosureRequests.correctionDueOn })
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.state, 'correction'), lt(disclosureRequests.correctionDueOn, today)));
  for (const r of corrections) {
    await send({ tenantId: r.tenantId, unitId: r.unitId, kind: 'request.correction_expired', dedupeKey: `request:${r.id}:correction-expired:${r.dueOn}`, title: `申请 ${r.number} 补正期限已过`, body: `补正期限 ${r.dueOn} 已过，申请人未补正的，可按“逾期不补正，不再处理”办结（《条例》第三十条）。`, link: `/admin/requests/${r.id}`, entityId: r.id });
  }

  // A fee that was not paid in time (109号), and a consultation whose 15 working days are over (Arts. 32, 34).
  const pauses = await exec
    .select({ tenantId: requestPauses.tenantId, id: requestPauses.id, requestId: requestPauses.requestId, kind: requestPauses.kind, party: requestPauses.party, dueOn: requestPauses.partyDueOn, unitId: disclosureRequests.unitId, number: disclosureRequests.number })
    .from(requestPauses)
    .innerJoin(disclosureRequests, and(eq(disclosureRequests.tenantId, requestPauses.tenantId), eq(disclosureRequests.id, requestPauses.requestId)))
    .where(and(isNull(requestPauses.toOn), lt(requestPauses.partyDueOn, today)));
  for (const p of pauses) {
    const fee = p.kind === 'fee';
    await send({
      tenantId: p.tenantId,
      unitId: p.unitId,
      kind: fee ? 'request.fee_expired' : 'request.consultation_expired',
      dedupeKey: `request:${p.requestId}:pause:${p.id}:expired`,
      title: fee ? `申请 ${p.number} 缴费期限已过` : `申请 ${p.number} 征求意见期限已过`,
      body: fee
        ? `缴费期限 ${p.dueOn} 已过，申请人逾期未缴纳的，可按“逾期未缴费，不再处理”办结。`
        : `${p.party ?? '被征求意见方'}应于 ${p.dueOn} 前提出意见，逾期未提出的，由行政机关依照《条例》的规定决定是否公开（第三十二条、第三十四条）。`,
      link: `/admin/requests/${p.requestId}`,
      entityId: p.requestId,
    });
  }

  // 协查 not answered by its own deadline: the assisting unit is reminded.
  const assists = await exec
    .select({ tenantId: requestAssists.tenantId, id: requestAssists.id, unitId: requestAssists.unitId, dueOn: requestAssists.dueOn, number: disclosureRequests.number })
    .from(requestAssists)
    .innerJoin(disclosureRequests, and(eq(disclosureRequests.tenantId, requestAssists.tenantId), eq(disclosureRequests.id, requestAssists.requestId)))
    .where(and(isNull(requestAssists.answeredOn), lt(requestAssists.dueOn, today)));
  for (const a of assists) {
    await send({ tenantId: a.tenantId, unitId: a.unitId, kind: 'request.assist_overdue', dedupeKey: `assist:${a.id}:overdue:${a.dueOn}`, title: `申请 ${a.number} 的协查已逾期`, body: `协查回复期限 ${a.dueOn} 已过，请尽快答复。`, link: '/admin/request-assists', entityId: a.id });
  }
  return sent;
}
