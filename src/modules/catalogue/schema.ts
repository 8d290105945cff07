// 政务公开事项标准目录: domains, their items (every column of the standard table), and the obligations
// each item creates for its responsible units per period.
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import { tenants, units } from '../org/schema.ts';
import { catalogueNodes, records } from '../publishing/schema.ts';

export const catalogueDomains = pgTable(
  'catalogue_domains',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('catalogue_domains_code_uq').on(t.tenantId, t.code), uniqueIndex('catalogue_domains_name_uq').on(t.tenantId, t.name)],
);

export const catalogueItems = pgTable(
  'catalogue_items',
  {
    tenantId: tenantId(),
    id: id(),
    domainId: uuid('domain_id').notNull(),
    seq: integer('seq').notNull().default(0),
    level1: text('level1').notNull(),
    level2: text('level2').notNull().default(''),
    content: text('content').notNull().default(''),
    basis: text('basis').notNull().default(''),
    timeLimitText: text('time_limit_text').notNull().default(''),
    /** The parsed rule (src/core/catalogue/time-limit.ts), kept beside the text. */
    timeLimitRule: jsonb('time_limit_rule').$type<unknown>().notNull(),
    responsibleText: text('responsible_text').notNull().default(''),
    responsibleUnitIds: uuid('responsible_unit_ids').array().notNull(),
    channels: text('channels').array().notNull(),
    audiencePublic: boolean('audience_public').notNull().default(true),
    audienceSpecific: boolean('audience_specific').notNull().default(false),
    modeProactive: boolean('mode_proactive').notNull().default(true),
    modeRequest: boolean('mode_request').notNull().default(false),
    levelCounty: boolean('level_county').notNull().default(true),
    levelTownship: boolean('level_township').notNull().default(false),
    catalogueNodeId: uuid('catalogue_node_id'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.domainId], foreignColumns: [catalogueDomains.tenantId, catalogueDomains.id], name: 'catalogue_items_domain_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.catalogueNodeId], foreignColumns: [catalogueNodes.tenantId, catalogueNodes.id], name: 'catalogue_items_node_fk' }),
    index('catalogue_items_domain_idx').on(t.tenantId, t.domainId, t.seq),
  ],
);

/** What a unit owes for an item and period; fulfilled by the first record published under the item. */
export const obligations = pgTable(
  'obligations',
  {
    tenantId: tenantId(),
    id: id(),
    itemId: uuid('item_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    periodKey: text('period_key').notNull(),
    label: text('label').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    dueExplanation: text('due_explanation').notNull(),
    recordId: uuid('record_id'),
    fulfilledAt: ts('fulfilled_at'),
    workingDaysLate: integer('working_days_late'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.itemId], foreignColumns: [catalogueItems.tenantId, catalogueItems.id], name: 'obligations_item_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'obligations_unit_fk' }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'obligations_record_fk' }),
    uniqueIndex('obligations_period_uq').on(t.tenantId, t.itemId, t.unitId, t.periodKey),
    index('obligations_unit_idx').on(t.tenantId, t.unitId, t.dueOn),
  ],
);
