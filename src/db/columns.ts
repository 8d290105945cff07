// Column helpers shared by every module's schema. Every table carries tenant_id (DESIGN: distribution
// by tenant on Citus), and rows are keyed by (tenant_id, id) so that a foreign key can never point
// into another tenant.
import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenantId = () => uuid('tenant_id').notNull();
export const id = () => uuid('id').notNull().default(sql`gen_random_uuid()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
/** Optimistic locking: an update must name the version it read; a stale one is refused. */
export const version = () => integer('version').notNull().default(1);
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
