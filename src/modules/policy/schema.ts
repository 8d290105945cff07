// Policy Q&A (政策问答库) and policy push (政策找人): the bank of questions and answers, each citing the records
// it rests on; the queue of questions the answerer could not answer; the benefit-policy metadata of a record
// (who it fits, conditions, materials, process, responsible unit, contact, dates) and whether its
// publication has been announced; the subscribers with their profile; each subscriber's inbox; and the
// e-mail outbox that the sweep drains through SMTP.
import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { Audience, Group, Industry, Size, Topic } from '../../core/policy/target.ts';
import { tenants, units } from '../org/schema.ts';
import { records } from '../publishing/schema.ts';

/** 政策问答库: one question and its answer, citing one or more records. */
export const policyQaEntries = pgTable(
  'policy_qa_entries',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** The unit that answers for it (its staff edit it). */
    unitId: uuid('unit_id').notNull(),
    question: text('question').notNull(),
    /** Plain text, paragraphs separated by blank lines. */
    answer: text('answer').notNull(),
    recordIds: uuid('record_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Shown on the portal and used by the answerer. */
    published: boolean('published').notNull().default(true),
    /** The queued question it answers, when it came from the public. */
    sourceQuestionId: uuid('source_question_id'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'policy_qa_entries_unit_fk' }),
    index('policy_qa_entries_unit_idx').on(t.tenantId, t.unitId),
  ],
);

export const QUESTION_STATES = ['open', 'answered', 'dismissed'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

/** A question from the public that the answerer found no answer to: staff answer it into the bank. */
export const policyQuestions = pgTable(
  'policy_questions',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** Who is to answer: the government (root unit) until the office hands it to a department. */
    unitId: uuid('unit_id').notNull(),
    /** As typed, plain text (markup removed); never shown publicly unmasked. */
    question: text('question').notNull(),
    state: text('state').$type<QuestionState>().notNull().default('open'),
    entryId: uuid('entry_id'),
    note: text('note'),
    handledBy: uuid('handled_by'),
    handledAt: ts('handled_at'),
    askedAt: createdAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'policy_questions_unit_fk' }),
    index('policy_questions_state_idx').on(t.tenantId, t.state, t.askedAt),
  ],
);

/**
 * A published record's benefit-policy metadata (惠企利民政策). `notifiedAt` is null until the sweep has put
 * the notices of the record's publication into the inboxes and the outbox; a change of who it fits sets it
 * back to null, and the dedupe keys make sure nobody hears of the same policy twice.
 */
export const policyBenefits = pgTable(
  'policy_benefits',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    recordId: uuid('record_id').notNull(),
    /** 责任单位: who handles applications (often the drafting unit). */
    unitId: uuid('unit_id').notNull(),
    audiences: text('audiences').array().$type<Audience[]>().notNull(),
    /** Township / street / zone unit ids; empty: the whole tenant. */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    groups: text('groups').array().$type<Group[]>().notNull().default(sql`'{}'::text[]`),
    industries: text('industries').array().$type<Industry[]>().notNull().default(sql`'{}'::text[]`),
    sizes: text('sizes').array().$type<Size[]>().notNull().default(sql`'{}'::text[]`),
    topics: text('topics').array().$type<Topic[]>().notNull(),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    localHukouOnly: boolean('local_hukou_only').notNull().default(false),
    /** 申报条件, 申报材料 (one per line), 办理流程, 咨询方式: plain text. */
    conditions: text('conditions').notNull().default(''),
    materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
    process: text('process').notNull().default(''),
    contact: text('contact').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    notifiedAt: ts('notified_at'),
    /** How many subscribers the last announcement reached (inbox messages added). */
    notifiedCount: integer('notified_count'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.recordId] }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'policy_benefits_record_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'policy_benefits_unit_fk' }),
    index('policy_benefits_pending_idx').on(t.tenantId).where(sql`notified_at IS NULL`),
  ],
);

export const SUBSCRIBER_STATES = ['active', 'cancelled'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

/** A citizen or enterprise subscribed to 政策找人. The management token is kept as its SHA-256 only. */
export const policySubscribers = pgTable(
  'policy_subscribers',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    kind: text('kind').$type<Audience>().notNull(),
    area: text('area'),
    groups: text('groups').array().$type<Group[]>().notNull().default(sql`'{}'::text[]`),
    industry: text('industry').$type<Industry>(),
    size: text('size').$type<Size>(),
    interests: text('interests').array().$type<Topic[]>().notNull().default(sql`'{}'::text[]`),
    birthYear: integer('birth_year'),
    localHukou: boolean('local_hukou').notNull().default(false),
    /** Erased when the subscription is cancelled. */
    email: text('email'),
    emailConfirmedAt: ts('email_confirmed_at'),
    /** SHA-256 of the secret in the confirmation link; cleared once confirmed. */
    confirmHash: text('confirm_hash'),
    tokenHash: text('token_hash').notNull(),
    status: text('status').$type<SubscriberState>().notNull().default('active'),
    /** The site address the subscription was made on: links in e-mails point there. */
    siteUrl: text('site_url').notNull(),
    cancelledAt: ts('cancelled_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('policy_subscribers_token_uq').on(t.tokenHash),
    uniqueIndex('policy_subscribers_confirm_uq').on(t.confirmHash),
    index('policy_subscribers_status_idx').on(t.tenantId, t.status),
    index('policy_subscribers_email_idx').on(t.tenantId, t.email),
  ],
);

/** A policy put into a subscriber's in-portal inbox, with why it fits. One per subscriber and record. */
export const policyInbox = pgTable(
  'policy_inbox',
  {
    tenantId: tenantId(),
    id: id(),
    subscriberId: uuid('subscriber_id').notNull(),
    recordId: uuid('record_id').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.subscriberId], foreignColumns: [policySubscribers.tenantId, policySubscribers.id], name: 'policy_inbox_subscriber_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'policy_inbox_record_fk' }).onDelete('cascade'),
    uniqueIndex('policy_inbox_uq').on(t.tenantId, t.subscriberId, t.recordId),
    index('policy_inbox_record_idx').on(t.tenantId, t.recordId),
  ],
);

export const OUTBOX_STATES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
export const OUTBOX_KINDS = ['welcome', 'links', 'policy'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * E-mails waiting for, or done with, the SMTP server. The dedupe key (policy:<record>:<subscriber> for a
 * policy notice) makes each one exist once; `secret` ones (they carry a management or confirmation link)
 * have their body erased once sent.
 */
export const policyOutbox = pgTable(
  'policy_outbox',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    kind: text('kind').$type<OutboxKind>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    subscriberId: uuid('subscriber_id'),
    recordId: uuid('record_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    secret: boolean('secret').notNull().default(false),
    status: text('status').$type<OutboxState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('policy_outbox_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('policy_outbox_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('policy_outbox_subscriber_idx').on(t.tenantId, t.subscriberId),
  ],
);
