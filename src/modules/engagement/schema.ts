// Engagement with the public beyond the written word: press conferences, online interviews, open days and
// meetings attended by public representatives (新闻发布会、在线访谈、政府开放日、列席会议) with their public
// registrations; and deputies' suggestions and members' proposals (人大代表建议、政协委员提案) with replies.
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { EventKind, EventState, RegistrationState, RepresentativeOpinion } from '../../core/participation/events.ts';
import type { ProposalDisclosure, ProposalKind, ProposalResult, ProposalState } from '../../core/participation/proposals.ts';
import { tenants, units } from '../org/schema.ts';

export const engagementEvents = pgTable(
  'engagement_events',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    /** The unit that holds it (主办单位). */
    unitId: uuid('unit_id').notNull(),
    startsAt: ts('starts_at').notNull(),
    place: text('place').notNull().default(''),
    /** 发布人 / 访谈嘉宾: name and post. */
    speakers: jsonb('speakers').$type<{ name: string; post: string }[]>().notNull().default([]),
    summary: text('summary'),
    /** The transcript (文字实录), sanitised HTML, and/or a link to the video. */
    transcriptHtml: text('transcript_html').notNull().default(''),
    videoUrl: text('video_url'),
    /** Interpretations (政策解读) published with it: ids of the interpretation module. */
    interpretationIds: jsonb('interpretation_ids').$type<string[]>().notNull().default([]),
    /** Public registration (open days, meetings): how many places and until when. */
    capacity: integer('capacity'),
    registrationClosesAt: ts('registration_closes_at'),
    state: text('state').$type<EventState>().notNull().default('draft'),
    publishedAt: ts('published_at'),
    heldOn: date('held_on', { mode: 'string' }),
    cancelReason: text('cancel_reason'),
    /** Meetings: the public representatives' opinions and their adoption, due within 3 working days. */
    opinions: jsonb('opinions').$type<RepresentativeOpinion[]>().notNull().default([]),
    opinionsDueOn: date('opinions_due_on', { mode: 'string' }),
    opinionsDueExplanation: text('opinions_due_explanation'),
    opinionsPublishedOn: date('opinions_published_on', { mode: 'string' }),
    opinionsWorkingDaysLate: integer('opinions_working_days_late'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'engagement_events_unit_fk' }),
    index('engagement_events_state_idx').on(t.tenantId, t.state, t.startsAt),
  ],
);

/** A citizen's registration for an open day or a meeting. The phone is for staff only, never public. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    tenantId: tenantId(),
    id: id(),
    eventId: uuid('event_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    organisation: text('organisation'),
    reason: text('reason').notNull(),
    state: text('state').$type<RegistrationState>().notNull().default('pending'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    submittedAt: createdAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [engagementEvents.tenantId, engagementEvents.id], name: 'event_registrations_event_fk' }).onDelete('cascade'),
    index('event_registrations_idx').on(t.tenantId, t.eventId, t.state),
  ],
);

export const deputyProposals = pgTable(
  'deputy_proposals',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    kind: text('kind').$type<ProposalKind>().notNull(),
    /** The session, e.g. 县第十八届人民代表大会第三次会议. */
    session: text('session').notNull(),
    /** The number the congress or the CPPCC gave it, e.g. 第12号. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    proposers: jsonb('proposers').$type<string[]>().notNull(),
    content: text('content').notNull(),
    /** The lead unit (主办); the government's root unit (the office) until assigned. */
    unitId: uuid('unit_id').notNull(),
    coUnitIds: jsonb('co_unit_ids').$type<string[]>().notNull().default([]),
    assignedOn: date('assigned_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    dueExplanation: text('due_explanation'),
    state: text('state').$type<ProposalState>().notNull().default('registered'),
    reply: text('reply'),
    result: text('result').$type<ProposalResult>(),
    disclosure: text('disclosure').$type<ProposalDisclosure>(),
    disclosureReason: text('disclosure_reason'),
    summary: text('summary'),
    repliedOn: date('replied_on', { mode: 'string' }),
    repliedBy: uuid('replied_by'),
    daysLate: integer('days_late'),
    published: boolean('published').notNull().default(false),
    publishedAt: ts('published_at'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'deputy_proposals_unit_fk' }),
    uniqueIndex('deputy_proposals_number_uq').on(t.tenantId, t.kind, t.session, t.number),
    index('deputy_proposals_unit_state_idx').on(t.tenantId, t.unitId, t.state),
  ],
);
