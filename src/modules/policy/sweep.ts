// The policy sweep, run by every server process (src/jobs.ts, each minute by default):
//
// 1. Announce: every benefit policy whose record is published (主动公开, state published) and whose
//    announcement is still to be made gets, in one transaction, an inbox message for each active subscriber
//    it fits and an e-mail in the outbox for each of those whose address is confirmed; then it is marked
//    announced. Publication is observed here, not hooked: a record published by hand, by the scheduled
//    publication or by an import is announced alike, within one sweep interval. The (subscriber, record)
//    unique keys of the inbox and the outbox make a repeated or concurrent sweep add nothing, and a crash
//    before the commit leaves the policy to the next sweep: a restart loses nothing, nothing is sent twice.
// 2. Drain: pending e-mails go to the SMTP server named by SMTP_URL, one row lock each (FOR UPDATE SKIP
//    LOCKED, so processes share the work); a failure is retried with a growing delay and given up after
//    MAX_ATTEMPTS. Without SMTP_URL the messages stay in the outbox and the sweep logs that no SMTP server
//    is configured.
import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/principal.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { policyMail } from '../../core/policy/mail.ts';
import { explain } from '../../core/policy/target.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { records } from '../publishing/schema.ts';
import { policyBenefits, policyInbox, policyOutbox, policySubscribers } from './schema.ts';
import { matchCondition, periodText, policyAreas, PORTAL_PUSH, profileOf, siteName, targetOf } from './service.ts';

const ANNOUNCE_LOCK = 7310451;
const PAGE = 2000;
export const MAX_ATTEMPTS = 8;

export interface SweepLog {
  info?: (o: unknown, msg: string) => void;
  warn?: (o: unknown, msg: string) => void;
  error?: (o: unknown, msg: string) => void;
}

/** What sends a message: nodemailer's SMTP transport in production, anything with sendMail in tests. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<unknown>;
}

export interface PolicySweepOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; default: env SMTP_URL. Unset: e-mails wait in the outbox. */
  smtpUrl?: string;
  /** The sender address; default: env SMTP_FROM, else noreply@ the site's host name. */
  from?: string;
  /** Overrides the SMTP transport (tests). */
  transport?: MailTransport;
  log?: SweepLog;
  now?: Date;
  /** Most e-mails handed to SMTP in one sweep. */
  sendLimit?: number;
}

export interface PolicySweepResult {
  /** Benefit policies announced in this sweep. */
  announced: number;
  /** Inbox messages and e-mails added. */
  inbox: number;
  queued: number;
  sent: number;
  failed: number;
  /** E-mails left waiting (no SMTP server, or retrying later). */
  pending: number;
}

export async function runPolicySweep(db: Db, opts: PolicySweepOptions = {}): Promise<PolicySweepResult> {
  const now = opts.now ?? new Date();
  const a = await announcePublished(db, now);
  // The e-mails just queued are due now too.
  const d = await drainOutbox(db, opts, opts.now ?? new Date());
  if (a.announced) opts.log?.info?.({ announced: a.announced, inbox: a.inbox, queued: a.queued }, 'policy push: policies announced to subscribers');
  return { ...a, ...d };
}

// ---- announce ------------------------------------------------------------------------------------------

export async function announcePublished(db: Db, now = new Date()): Promise<{ announced: number; inbox: number; queued: number }> {
  const out = { announced: 0, inbox: 0, queued: 0 };
  // Candidates outside the lock; each is then taken under the lock and re-checked.
  const pending = await db
    .select({ tenantId: policyBenefits.tenantId, recordId: policyBenefits.recordId })
    .from(policyBenefits)
    .innerJoin(records, and(eq(records.tenantId, policyBenefits.tenantId), eq(records.id, policyBenefits.recordId)))
    .where(and(isNull(policyBenefits.notifiedAt), eq(records.state, 'published'), eq(records.attribute, 'proactive')))
    .orderBy(asc(records.publishedAt))
    .limit(100);
  for (const p of pending) {
    const done = await db.transaction(async (tx) => {
      const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${ANNOUNCE_LOCK}, hashtext(${p.tenantId} || ${p.recordId})) AS ok`)).rows as { ok: boolean }[];
      if (!got?.ok) return null;
      return announceOne(tx, p.tenantId, p.recordId, now);
    });
    if (done) {
      out.announced++;
      out.inbox += done.inbox;
      out.queued += done.queued;
    }
  }
  return out;
}

async function announceOne(tx: Executor, tenantId: string, recordId: string, now: Date): Promise<{ inbox: number; queued: number } | null> {
  const [row] = await tx
    .select({ b: policyBenefits, title: records.title, state: records.state, attribute: records.attribute })
    .from(policyBenefits)
    .innerJoin(records, and(eq(records.tenantId, policyBenefits.tenantId), eq(records.id, policyBenefits.recordId)))
    .where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId)))
    .for('update', { of: policyBenefits });
  if (!row || row.b.notifiedAt || row.state !== 'published' || row.attribute !== 'proactive') return null;
  const b = row.b;
  const today = todayLocal(now);
  const target = targetOf(b);
  let inbox = 0;
  let queued = 0;
  // A policy whose application period is already over when it is published is announced to nobody.
  if (!(b.endsOn !== null && b.endsOn < today)) {
    const year = Number(today.slice(0, 4));
    const areas = await policyAreas(tx, tenantId);
    const names = { area: (c: string) => areas.find((a) => a.id === c)?.name ?? c };
    const site = await siteName(tx, tenantId);
    const period = periodText(b.startsOn, b.endsOn);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const subs = await tx
        .select()
        .from(policySubscribers)
        .where(and(matchCondition(tenantId, target, year), gt(policySubscribers.id, after)))
        .orderBy(asc(policySubscribers.id))
        .limit(PAGE);
      if (!subs.length) break;
      after = subs[subs.length - 1]!.id;
      const reasons = new Map(subs.map((sub) => [sub.id, explain(target, profileOf(sub), year, names)]));
      const added = await tx
        .insert(policyInbox)
        .values(subs.map((sub) => ({ tenantId, subscriberId: sub.id, recordId, reasons: reasons.get(sub.id)!.checks.map((c) => c.text) })))
        .onConflictDoNothing()
        .returning({ subscriberId: policyInbox.subscriberId });
      inbox += added.length;
      const fresh = new Set(added.map((x) => x.subscriberId));
      const mails = subs
        .filter((sub) => fresh.has(sub.id) && sub.email && sub.emailConfirmedAt)
        .map((sub) => {
          const m = policyMail({
            site,
            title: row.title,
            recordUrl: `${sub.siteUrl}/zfxxgk/info/${recordId}`,
            guideUrl: `${sub.siteUrl}${PORTAL_PUSH}zc/${recordId}`,
            reasons: reasons.get(sub.id)!.checks.map((c) => c.text),
            period,
            lostLinkUrl: `${sub.siteUrl}${PORTAL_PUSH}link`,
          });
          return { tenantId, kind: 'policy' as const, dedupeKey: `policy:${recordId}:${sub.id}`, subscriberId: sub.id, recordId, toAddress: sub.email!, subject: m.subject, body: m.text };
        });
      if (mails.length) queued += (await tx.insert(policyOutbox).values(mails).onConflictDoNothing().returning({ id: policyOutbox.id })).length;
      if (subs.length < PAGE) break;
    }
  }
  await tx
    .update(policyBenefits)
    .set({ notifiedAt: now, notifiedCount: (b.notifiedCount ?? 0) + inbox })
    .where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId)));
  await recordAudit(tx, systemActor(tenantId, '系统（政策推送）'), {
    action: 'policy_benefit.announce',
    entityType: 'record',
    entityId: recordId,
    summary: b.endsOn !== null && b.endsOn < today ? `《${row.title}》发布时办理期限已过，不推送` : `《${row.title}》推送给 ${inbox} 位订阅者（其中 ${queued} 封电子邮件）`,
    after: { inbox, queued },
  });
  return { inbox, queued };
}

// ---- drain -------------------------------------------------------------------------------------------

const transports = new Map<string, Transporter>();

function smtpTransport(url: string): MailTransport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

let lastNoSmtpWarning = 0;

/** Minutes to wait before the next try after `attempts` failures: 1, 2, 4, … up to a day. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(24 * 60, 2 ** Math.max(0, attempts - 1));
}

async function drainOutbox(db: Db, opts: PolicySweepOptions, now: Date): Promise<{ sent: number; failed: number; pending: number }> {
  const url = opts.smtpUrl ?? process.env.SMTP_URL ?? '';
  const transport = opts.transport ?? (url ? smtpTransport(url) : null);
  const countPending = async () => {
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(policyOutbox).where(eq(policyOutbox.status, 'pending'));
    return r?.n ?? 0;
  };
  if (!transport) {
    const pending = await countPending();
    if (pending && Date.now() - lastNoSmtpWarning > 10 * 60_000) {
      lastNoSmtpWarning = Date.now();
      opts.log?.warn?.({ pending }, `no SMTP server is configured (SMTP_URL): ${pending} policy e-mails wait in the outbox`);
    }
    return { sent: 0, failed: 0, pending };
  }
  const fromEnv = opts.from ?? process.env.SMTP_FROM ?? '';
  let sent = 0;
  let failed = 0;
  const limit = opts.sendLimit ?? 500;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (tx) => {
      const [m] = await tx
        .select({ o: policyOutbox, siteUrl: policySubscribers.siteUrl })
        .from(policyOutbox)
        .leftJoin(policySubscribers, and(eq(policySubscribers.tenantId, policyOutbox.tenantId), eq(policySubscribers.id, policyOutbox.subscriberId)))
        // Due by this process's clock or the database's, whichever is later (rows are stamped by the database).
        .where(and(eq(policyOutbox.status, 'pending'), sql`${policyOutbox.nextAttemptAt} <= greatest(now(), ${now}::timestamptz)`))
        .orderBy(asc(policyOutbox.nextAttemptAt), asc(policyOutbox.createdAt))
        .limit(1)
        .for('update', { of: policyOutbox, skipLocked: true });
      if (!m) return null;
      const o = m.o;
      const site = await siteName(tx, o.tenantId);
      const host = (() => {
        try {
          return new URL(m.siteUrl ?? '').hostname.replace(/^\[|\]$/g, '') || 'localhost';
        } catch {
          return 'localhost';
        }
      })();
      const address = fromEnv || `noreply@${/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : 'localhost.localdomain'}`;
      try {
        await transport.sendMail({
          from: `"${site.replace(/["\\]/g, '')}" <${address}>`,
          to: o.toAddress,
          subject: o.subject,
          text: o.body,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Gongkai-Message': o.id, ...(m.siteUrl ? { 'List-Unsubscribe': `<${m.siteUrl}${PORTAL_PUSH}link>` } : {}) },
        });
        await tx
          .update(policyOutbox)
          .set({ status: 'sent', sentAt: new Date(), attempts: o.attempts + 1, lastError: null, ...(o.secret ? { body: '［已发送；含管理链接，正文不保留］' } : {}) })
          .where(and(eq(policyOutbox.tenantId, o.tenantId), eq(policyOutbox.id, o.id)));
        return 'sent' as const;
      } catch (err) {
        const attempts = o.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await tx
          .update(policyOutbox)
          .set({ attempts, lastError: String((err as Error)?.message ?? err).slice(0, 500), status: giveUp ? 'failed' : 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000) })
          .where(and(eq(policyOutbox.tenantId, o.tenantId), eq(policyOutbox.id, o.id)));
        opts.log?.warn?.({ err, outboxId: o.id, attempts }, giveUp ? 'policy e-mail given up' : 'policy e-mail failed, will retry');
        return 'failed' as const;
      }
    });
    if (!done) break;
    if (done === 'sent') sent++;
    else failed++;
  }
  return { sent, failed, pending: await countPending() };
}
