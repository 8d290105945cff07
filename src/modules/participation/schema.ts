// Public participation: consultations on drafts (意见征集) with their comments and adoption report, and the
// major administrative decisions (重大行政决策) they belong to, with every stage of each decision.
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { CommentState, ConsultationKind, ConsultationState } from '../../core/participation/consultation.ts';
import type { DecisionStageKey, StageStatus } from '../../core/participation/decision.ts';
import type { MessageCategory, MessageKind, MessageState } from '../../core/participation/messages.ts';
import type { OpinionLevel, ReleaseKind } from '../../core/participation/opinion.ts';
import { tenants, units } from '../org/schema.ts';

export const majorDecisions = pgTable(
  'major_decisions',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** The year of the catalogue (重大行政决策事项目录) it is listed in. */
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The organ that undertakes it (承办单位). */
    unitId: uuid('unit_id').notNull(),
    summary: text('summary'),
    /** Each stage: its status, date, note and the documents (records, consultations) that show it. */
    stages: jsonb('stages').$type<Record<DecisionStageKey, { status: StageStatus; on: string | null; note: string | null; recordIds: string[] }>>().notNull(),
    published: boolean('published').notNull().default(false),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'major_decisions_unit_fk' }),
    index('major_decisions_year_idx').on(t.tenantId, t.year),
  ],
);

export const consultations = pgTable(
  'consultations',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').$type<ConsultationKind>().notNull(),
    /** The major decision this consultation is the public-participation stage of. */
    decisionId: uuid('decision_id'),
    title: text('title').notNull(),
    /** The draft itself and the drafting explanation (起草说明), sanitised HTML. */
    draftHtml: text('draft_html').notNull().default(''),
    explanationHtml: text('explanation_html').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    urgent: boolean('urgent').notNull().default(false),
    urgentReason: text('urgent_reason'),
    /** How to send opinions besides the form (address, e-mail), shown on the page. */
    otherChannels: text('other_channels'),
    state: text('state').$type<ConsultationState>().notNull().default('draft'),
    publishedAt: ts('published_at'),
    /** The adoption report's overall text; each opinion's adoption is on its comment. */
    reportHtml: text('report_html'),
    reportedAt: ts('reported_at'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'consultations_unit_fk' }),
    foreignKey({ columns: [t.tenantId, t.decisionId], foreignColumns: [majorDecisions.tenantId, majorDecisions.id], name: 'consultations_decision_fk' }),
    index('consultations_state_idx').on(t.tenantId, t.state, t.endsOn),
  ],
);

export const consultationComments = pgTable(
  'consultation_comments',
  {
    tenantId: tenantId(),
    id: id(),
    consultationId: uuid('consultation_id').notNull(),
    /** The opinion as written (plain text); what the public sees is masked of personal data. */
    body: text('body').notNull(),
    /** Optional, never shown: to reach the writer. */
    name: text('name'),
    contact: text('contact'),
    state: text('state').$type<CommentState>().notNull().default('pending'),
    moderationNote: text('moderation_note'),
    moderatedBy: uuid('moderated_by'),
    moderatedAt: ts('moderated_at'),
    /** The adoption report's answer to this opinion: adopted or not, and why. */
    adopted: boolean('adopted'),
    adoptionReason: text('adoption_reason'),
    submittedAt: createdAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.consultationId], foreignColumns: [consultations.tenantId, consultations.id], name: 'consultation_comments_consultation_fk' }).onDelete('cascade'),
    index('consultation_comments_idx').on(t.tenantId, t.consultationId, t.state),
  ],
);


/** Letters from the public to the leader's mailbox or a unit (领导信箱 / 网友留言). */
export const messages = pgTable(
  'messages',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** XX-2026-00012: issued on receipt. */
    number: text('number').notNull(),
    queryCodeHash: text('query_code_hash').notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    category: text('category').$type<MessageCategory>().notNull(),
    /** The unit that answers (the government for the leader's mailbox, until assigned onwards). */
    unitId: uuid('unit_id').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    writerName: text('writer_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    /** The writer agrees that the letter and its reply are published (masked). */
    consentPublic: boolean('consent_public').notNull().default(false),
    state: text('state').$type<MessageState>().notNull().default('received'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    dueExplanation: text('due_explanation').notNull(),
    reply: text('reply'),
    repliedOn: date('replied_on', { mode: 'string' }),
    repliedBy: uuid('replied_by'),
    workingDaysLate: integer('working_days_late'),
    /** Published on the portal by staff, only with the writer's consent. */
    published: boolean('published').notNull().default(false),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'messages_unit_fk' }),
    index('messages_unit_state_idx').on(t.tenantId, t.unitId, t.state),
    index('messages_published_idx').on(t.tenantId, t.published, t.repliedOn),
  ],
);

export const messageEvents = pgTable(
  'message_events',
  {
    tenantId: tenantId(),
    id: id(),
    messageId: uuid('message_id').notNull(),
    at: createdAt(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    event: text('event').notNull(),
    comment: text('comment'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.messageId], foreignColumns: [messages.tenantId, messages.id], name: 'message_events_message_fk' }).onDelete('cascade'),
    index('message_events_idx').on(t.tenantId, t.messageId, t.at),
  ],
);

/** Matters of public concern (政务舆情) with their deadlines in hours. */
export const opinionEvents = pgTable(
  'opinion_events',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    level: text('level').$type<OpinionLevel>().notNull(),
    detectedAt: ts('detected_at').notNull(),
    unitId: uuid('unit_id').notNull(),
    summary: text('summary'),
    state: text('state').$type<'open' | 'closed'>().notNull().default('open'),
    closedAt: ts('closed_at'),
    closingNote: text('closing_note'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'opinion_events_unit_fk' }),
    index('opinion_events_state_idx').on(t.tenantId, t.state, t.detectedAt),
  ],
);

export const opinionReleases = pgTable(
  'opinion_releases',
  {
    tenantId: tenantId(),
    id: id(),
    eventId: uuid('event_id').notNull(),
    kind: text('kind').$type<ReleaseKind>().notNull(),
    at: ts('at').notNull(),
    content: text('content').notNull(),
    /** The published record, press release or page that carries it. */
    recordId: uuid('record_id'),
    url: text('url'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [opinionEvents.tenantId, opinionEvents.id], name: 'opinion_releases_event_fk' }).onDelete('cascade'),
    index('opinion_releases_idx').on(t.tenantId, t.eventId, t.at),
  ],
);
