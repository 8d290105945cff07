// The audit log: one row per write, hash-chained per tenant so that tampering is detectable.
import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts } from '../../db/columns.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantId(),
    /** Position in the tenant's chain: 1, 2, 3, … without gaps. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Who acted, as shown to people: '王建华（admin）', '系统', 'CLI'. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_log_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.tenantId, t.actorUserId),
    index('audit_log_at_idx').on(t.tenantId, t.at),
  ],
);
