// Notifications to units and people (deadline warnings, reminders). A dedupe key makes each warning
// arrive once however many server processes run the sweep, and however often.
import { foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../db/columns.ts';
import { tenants, units } from '../org/schema.ts';

export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** The unit addressed: its staff see it. */
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The console path it points to, e.g. /admin/records/<id>. */
    link: text('link'),
    entityId: uuid('entity_id'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'notifications_unit_fk' }),
    uniqueIndex('notifications_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('notifications_unit_idx').on(t.tenantId, t.unitId, t.createdAt),
  ],
);
