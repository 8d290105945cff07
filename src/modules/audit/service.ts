// Writing and reading the audit log. Every service that changes data calls `recordAudit` inside the
// same transaction as the change, so the log and the data can never disagree.
import { and, asc, count, desc, eq, gt, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { ChainVerifier, entryHash, GENESIS_HASH, normaliseJson, type ChainProblem } from '../../core/audit/chain.ts';
import type { Actor } from '../../core/auth/principal.ts';
import type { Db, Executor } from '../../db/client.ts';
import { tenants } from '../org/schema.ts';
import { auditLog } from './schema.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Fields that never go into the log, whatever object a service hands over. */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'totpSecret', 'tokenHash', 'token', 'newPassword', 'oldPassword']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? '［已隐去］' : redact(v);
    return out;
  }
  return value;
}

export async function recordAudit(exec: Executor, actor: Actor, event: AuditEvent): Promise<void> {
  // Always inside a transaction (a savepoint when the caller already has one): the advisory lock is
  // held until the caller's transaction ends, so entries of a tenant are chained one after another.
  await exec.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7310442, hashtext(${actor.tenantId}))`);
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.tenantId, actor.tenantId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const content = {
      tenantId: actor.tenantId,
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      summary: event.summary,
      before: normaliseJson(redact(event.before ?? null)),
      after: normaliseJson(redact(event.after ?? null)),
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditLog).values({ ...content, at: new Date(content.at), prevHash, hash: entryHash(prevHash, content) });
  });
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: Date;
  to?: Date;
}

export async function listAudit(db: Db, tenantId: string, filter: AuditFilter, page: number, pageSize: number) {
  const conds: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (filter.actor) conds.push(or(ilike(auditLog.actorLabel, `%${escapeLike(filter.actor)}%`), sql`${auditLog.actorUserId}::text = ${filter.actor}`)!);
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  if (filter.entityType) conds.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conds.push(eq(auditLog.entityId, filter.entityId));
  if (filter.q) conds.push(ilike(auditLog.summary, `%${escapeLike(filter.q)}%`));
  if (filter.from) conds.push(gte(auditLog.at, filter.from));
  if (filter.to) conds.push(lte(auditLog.at, filter.to));
  const where = and(...conds);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items };
}

export async function listAuditActions(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface ChainReport {
  tenantId: string;
  tenantCode: string;
  ok: boolean;
  entries: number;
  problem?: ChainProblem;
}

/** Re-computes every hash of a tenant's chain (or of all tenants), in batches. */
export async function verifyAudit(db: Db, onlyTenantId?: string): Promise<ChainReport[]> {
  const tenantRows = await db
    .select({ tenantId: tenants.tenantId, code: tenants.code })
    .from(tenants)
    .where(onlyTenantId ? eq(tenants.tenantId, onlyTenantId) : undefined)
    .orderBy(asc(tenants.code));
  const reports: ChainReport[] = [];
  for (const t of tenantRows) {
    const verifier = new ChainVerifier();
    let problem: ChainProblem | null = null;
    let after = 0;
    for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, t.tenantId), gt(auditLog.seq, after)))
        .orderBy(asc(auditLog.seq))
        .limit(2000);
      for (const row of batch) {
        problem = verifier.push({
          ...row,
          at: row.at.toISOString(),
        });
        if (problem) break;
      }
      if (problem || batch.length < 2000) break;
      after = batch[batch.length - 1]!.seq;
    }
    reports.push({ tenantId: t.tenantId, tenantCode: t.code, ok: !problem, entries: verifier.count, ...(problem ? { problem } : {}) });
  }
  return reports;
}
