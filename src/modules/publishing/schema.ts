// Publishing: government records (政府信息), their history, attachments, index-number counters, the
// proactive-disclosure catalogue tree (主动公开基本目录), the gazette (政府公报) and bulk-import batches.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { DisclosureAttribute } from '../../core/publishing/disclosure.ts';
import type { Genre } from '../../core/publishing/genres.ts';
import type { Validity } from '../../core/publishing/validity.ts';
import type { RecordEvent, RecordState } from '../../core/publishing/workflow.ts';
import { tenants, units } from '../org/schema.ts';

/** 主动公开基本目录: the tree under which proactive records are published (the portal's column tree). */
export const catalogueNodes = pgTable(
  'catalogue_nodes',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    parentId: uuid('parent_id'),
    path: uuid('path').array().notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id], name: 'catalogue_nodes_parent_fk' }),
    uniqueIndex('catalogue_nodes_code_uq').on(t.tenantId, t.code),
  ],
);

export interface PersonalField {
  field: string;
  value: string;
}

export interface GuardOverride {
  by: string;
  byLabel: string;
  at: string;
  reason: string;
  /** 惩戒公示 / 强制性信息披露 / … */
  basis: string;
  findingIds: string[];
}

export const records = pgTable(
  'records',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** 发布机构: the unit that publishes it (and whose staff handle it). */
    unitId: uuid('unit_id').notNull(),
    /** 发文机关, as printed (may be several organs, or one outside the tenant). */
    issuer: text('issuer').notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    summary: text('summary'),
    /** 文号, canonical (肥政办字〔2020〕12号), with its parts for lookups and uniqueness. */
    docNo: text('doc_no'),
    docNoIssuer: text('doc_no_issuer'),
    docNoYear: integer('doc_no_year'),
    docNoSeq: integer('doc_no_seq'),
    /** 索引号: issued once, at creation, never reused. */
    indexNo: text('index_no').notNull(),
    genre: text('genre').$type<Genre>().notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    catalogueNodeId: uuid('catalogue_node_id'),
    /** The standard-catalogue item whose obligation this record fulfils. */
    standardItemId: uuid('standard_item_id'),
    writtenOn: date('written_on', { mode: 'string' }),
    /** The day the information was formed or changed: the Art. 26 clock starts here. */
    formedOn: date('formed_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    dueExplanation: text('due_explanation'),
    publishedAt: ts('published_at'),
    scheduledAt: ts('scheduled_at'),
    workingDaysLate: integer('working_days_late'),
    /** Null only for historical records imported without one, until someone decides it (源头认定). */
    attribute: text('attribute').$type<DisclosureAttribute>(),
    attributeGround: text('attribute_ground'),
    attributeReason: text('attribute_reason'),
    /** Art. 18: non-public records are reviewed yearly. */
    attributeReviewOn: date('attribute_review_on', { mode: 'string' }),
    state: text('state').$type<RecordState>().notNull().default('draft'),
    lastComment: text('last_comment'),
    withdrawnAt: ts('withdrawn_at'),
    /** The public note shown at the record's URL once withdrawn. */
    withdrawnNote: text('withdrawn_note'),
    supersedesId: uuid('supersedes_id'),
    supersededById: uuid('superseded_by_id'),
    validity: text('validity').$type<Validity>(),
    effectiveOn: date('effective_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    validityChangedOn: date('validity_changed_on', { mode: 'string' }),
    amendedById: uuid('amended_by_id'),
    needsInterpretation: boolean('needs_interpretation').notNull().default(false),
    personalFields: jsonb('personal_fields').$type<PersonalField[]>().notNull().default([]),
    guardOverride: jsonb('guard_override').$type<GuardOverride | null>(),
    importBatchId: uuid('import_batch_id'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'records_unit_fk' }),
    foreignKey({ columns: [t.tenantId, t.catalogueNodeId], foreignColumns: [catalogueNodes.tenantId, catalogueNodes.id], name: 'records_catalogue_fk' }),
    foreignKey({ columns: [t.tenantId, t.supersedesId], foreignColumns: [t.tenantId, t.id], name: 'records_supersedes_fk' }),
    foreignKey({ columns: [t.tenantId, t.supersededById], foreignColumns: [t.tenantId, t.id], name: 'records_superseded_by_fk' }),
    foreignKey({ columns: [t.tenantId, t.amendedById], foreignColumns: [t.tenantId, t.id], name: 'records_amended_by_fk' }),
    uniqueIndex('records_index_no_uq').on(t.tenantId, t.indexNo),
    // A duplicate 文号 within the same issuer and year is refused.
    uniqueIndex('records_doc_no_uq').on(t.tenantId, t.docNoIssuer, t.docNoYear, t.docNoSeq).where(sql`doc_no IS NOT NULL`),
    index('records_unit_state_idx').on(t.tenantId, t.unitId, t.state),
    index('records_published_idx').on(t.tenantId, t.state, t.publishedAt),
    index('records_catalogue_idx').on(t.tenantId, t.catalogueNodeId),
    index('records_review_idx').on(t.tenantId, t.attributeReviewOn).where(sql`attribute IN ('on_request', 'withheld')`),
    index('records_due_idx').on(t.tenantId, t.dueOn).where(sql`state NOT IN ('published', 'superseded', 'withdrawn')`),
  ],
);

/** Every step in a record's life, with who, when, why, and what changed. */
export const recordEvents = pgTable(
  'record_events',
  {
    tenantId: tenantId(),
    id: id(),
    recordId: uuid('record_id').notNull(),
    at: createdAt(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    event: text('event').$type<RecordEvent | 'create' | 'update' | 'attribute' | 'validity' | 'guard_override' | 'attribute_review' | 'attachment'>().notNull(),
    fromState: text('from_state').$type<RecordState>(),
    toState: text('to_state').$type<RecordState>(),
    comment: text('comment'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'record_events_record_fk' }).onDelete('cascade'),
    index('record_events_record_idx').on(t.tenantId, t.recordId, t.at),
  ],
);

export const recordAttachments = pgTable(
  'record_attachments',
  {
    tenantId: tenantId(),
    id: id(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    blobKey: text('blob_key').notNull(),
    sha256: text('sha256').notNull(),
    /** Text extracted for search and for the personal-data guard. */
    text: text('text').notNull().default(''),
    extractWarning: text('extract_warning'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'record_attachments_record_fk' }).onDelete('cascade'),
    index('record_attachments_record_idx').on(t.tenantId, t.recordId),
  ],
);

/** 索引号 counters, one per scope (the pattern filled in without its sequence). Never decremented. */
export const indexCounters = pgTable(
  'index_counters',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope] })],
);

/** 政府公报: numbered issues within yearly volumes. */
export const gazetteIssues = pgTable(
  'gazette_issues',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    year: integer('year').notNull(),
    /** 期号 within the year. */
    number: integer('number').notNull(),
    /** 总期号 since the gazette began, when the tenant counts it. */
    totalNumber: integer('total_number'),
    title: text('title').notNull(),
    publishedOn: date('published_on', { mode: 'string' }),
    pdfBlobKey: text('pdf_blob_key'),
    pdfSize: bigint('pdf_size', { mode: 'number' }),
    /** A back issue loaded in bulk: its PDF is the original, not generated. */
    isBackIssue: boolean('is_back_issue').notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('gazette_issues_number_uq').on(t.tenantId, t.year, t.number)],
);

export const gazetteArticles = pgTable(
  'gazette_articles',
  {
    tenantId: tenantId(),
    id: id(),
    issueId: uuid('issue_id').notNull(),
    recordId: uuid('record_id'),
    title: text('title').notNull(),
    /** The section heading of the issue (e.g. 县政府文件, 县政府办公室文件, 人事任免). */
    section: text('section'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.issueId], foreignColumns: [gazetteIssues.tenantId, gazetteIssues.id], name: 'gazette_articles_issue_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'gazette_articles_record_fk' }),
    index('gazette_articles_issue_idx').on(t.tenantId, t.issueId),
  ],
);

/** A bulk import of existing records: all or nothing per batch. */
export const importBatches = pgTable(
  'import_batches',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** 'committed' once its rows are in; a batch that died half-way never reaches it (one transaction). */
    status: text('status').$type<'committed'>().notNull(),
    fileName: text('file_name').notNull(),
    rows: integer('rows').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
