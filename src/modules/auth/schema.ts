// Server-side sessions (shared by every server process through the database) and API tokens.
import { foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../db/columns.ts';
import { users } from '../org/schema.ts';

export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantId(),
    /** SHA-256 of the cookie's token: a leaked table does not give working cookies. */
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** 'active', or 'totp' while the second factor is awaited. */
    state: text('state').notNull().default('active'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sessions_id_uq').on(t.id),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'sessions_user_fk' }).onDelete('cascade'),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

/** Tokens for integrations: `Authorization: Bearer gk_…`; they act as their user, with its roles. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId(),
    id: id(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, shown so staff can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_tokens_hash_uq').on(t.tokenHash),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'api_tokens_user_fk' }).onDelete('cascade'),
  ],
);
