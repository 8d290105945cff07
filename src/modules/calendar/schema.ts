// A tenant's own calendar entries: a new year's holidays entered when its notice is issued, or a
// late change (as in 2019 and 2020). They take precedence over the built-in calendar for their date.
import { date, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../../db/columns.ts';
import { tenants } from '../org/schema.ts';

export const calendarEntries = pgTable(
  'calendar_entries',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    date: date('date', { mode: 'string' }).notNull(),
    /** 'OFF' (a rest day) or 'WORK' (a working day, e.g. a make-up Saturday). */
    kind: text('kind').$type<'OFF' | 'WORK'>().notNull(),
    name: text('name').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('calendar_entries_date_uq').on(t.tenantId, t.date)],
);
