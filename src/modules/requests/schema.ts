// Disclosure requests (依申请公开): the request with its applicant and clock, its events (every step, who,
// when, why), its pauses (consultations, fee notices), its documents, the units asked to help (协查), the
// appeals against its reply, the reply-letter templates and the per-year numbering.
import { boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid, bigint } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt, version } from '../../db/columns.ts';
import type { ApplicantType, IdDocType } from '../../core/requests/applicant.ts';
import type { PauseKind } from '../../core/requests/clock.ts';
import type { FeeBasis } from '../../core/requests/fees.ts';
import type { Channel } from '../../core/requests/receipt.ts';
import type { ResultCode } from '../../core/requests/results.ts';
import type { RequestState } from '../../core/requests/workflow.ts';
import { tenants, units } from '../org/schema.ts';

export const INFO_FORMS = ['paper', 'electronic'] as const;
export type InfoForm = (typeof INFO_FORMS)[number];
export const DELIVERY_METHODS = ['post', 'email', 'collect', 'online', 'fax'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const disclosureRequests = pgTable(
  'disclosure_requests',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** 申请编号, e.g. YSQ-2026-00012: issued at intake, never reused. */
    number: text('number').notNull(),
    /** The applicant's query code is shown once; only its SHA-256 is kept. */
    queryCodeHash: text('query_code_hash').notNull(),
    /** The organ that answers (and whose handlers see it). */
    unitId: uuid('unit_id').notNull(),
    handlerId: uuid('handler_id'),
    state: text('state').$type<RequestState>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    confirmedOn: date('confirmed_on', { mode: 'string' }),
    /** 收到申请之日 (Art. 31); null until registered. */
    receivedOn: date('received_on', { mode: 'string' }),
    receiptRule: text('receipt_rule'),

    applicantType: text('applicant_type').$type<ApplicantType>().notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdType: text('applicant_id_type').$type<IdDocType>().notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    /** Keyed hash of the identity number: finds the same applicant's requests without reading the number. */
    applicantKey: text('applicant_key').notNull(),
    contactPerson: text('contact_person'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    postcode: text('postcode'),

    /** 所需政府信息: name, 文号 if known, and the description (Art. 29(二)). */
    infoTitle: text('info_title'),
    infoDocNo: text('info_doc_no'),
    description: text('description').notNull(),
    infoForm: text('info_form').$type<InfoForm>().notNull(),
    delivery: text('delivery').$type<DeliveryMethod>().notNull(),

    correctionRequestedOn: date('correction_requested_on', { mode: 'string' }),
    correctionDueOn: date('correction_due_on', { mode: 'string' }),
    correctionText: text('correction_text'),
    correctedOn: date('corrected_on', { mode: 'string' }),

    extensionDays: integer('extension_days').notNull().default(0),
    extensionApprover: text('extension_approver'),
    extensionReason: text('extension_reason'),
    extendedOn: date('extended_on', { mode: 'string' }),

    /** The reply due date as last computed, and how (src/core/requests/clock.ts). */
    dueOn: date('due_on', { mode: 'string' }),
    dueExplanation: text('due_explanation'),

    feeBasis: text('fee_basis').$type<FeeBasis>(),
    feeAmount: numeric('fee_amount', { precision: 12, scale: 2, mode: 'number' }),
    feeExplanation: text('fee_explanation'),
    feeNoticeOn: date('fee_notice_on', { mode: 'string' }),
    feeDueOn: date('fee_due_on', { mode: 'string' }),
    feePaidOn: date('fee_paid_on', { mode: 'string' }),

    /** The result row of the annual report (src/core/requests/results.ts), and the day it was decided. */
    result: text('result').$type<ResultCode>(),
    resultOn: date('result_on', { mode: 'string' }),
    replyText: text('reply_text'),
    /** Art. 36(五): the organ that holds the information, named in the reply. */
    referOrgan: text('refer_organ'),
    repliedOn: date('replied_on', { mode: 'string' }),
    /** Working days the handling took (pauses not counted), and days late (0 on time). */
    workingDaysUsed: integer('working_days_used'),
    workingDaysLate: integer('working_days_late'),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    deliveryNote: text('delivery_note'),

    /** Signals for the handler (src/core/requests/repeat.ts). */
    possibleRepeatOf: uuid('possible_repeat_of').array().notNull().default([]),
    excessiveVolume: boolean('excessive_volume').notNull().default(false),

    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'disclosure_requests_unit_fk' }),
    uniqueIndex('disclosure_requests_number_uq').on(t.tenantId, t.number),
    index('disclosure_requests_unit_state_idx').on(t.tenantId, t.unitId, t.state),
    index('disclosure_requests_applicant_idx').on(t.tenantId, t.applicantKey, t.arrivedOn),
    index('disclosure_requests_due_idx').on(t.tenantId, t.state, t.dueOn),
    index('disclosure_requests_received_idx').on(t.tenantId, t.receivedOn),
  ],
);

export const requestEvents = pgTable(
  'request_events',
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    at: createdAt(),
    /** The date the step happened (may be earlier than `at`: a letter signed for yesterday). */
    on: date('on', { mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    event: text('event').notNull(),
    fromState: text('from_state').$type<RequestState>(),
    toState: text('to_state').$type<RequestState>(),
    comment: text('comment'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_events_request_fk' }).onDelete('cascade'),
    index('request_events_request_idx').on(t.tenantId, t.requestId, t.at),
  ],
);

/** Periods the clock stands still: consultations (Arts. 32–34) and, when the tenant says so, fee notices. */
export const requestPauses = pgTable(
  'request_pauses',
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind').$type<PauseKind>().notNull(),
    /** The third party, co-producing organ or other organ consulted. */
    party: text('party'),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
    /** The day the party must answer by (15 working days), or the fee's payment deadline. */
    partyDueOn: date('party_due_on', { mode: 'string' }),
    outcome: text('outcome'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_pauses_request_fk' }).onDelete('cascade'),
    index('request_pauses_request_idx').on(t.tenantId, t.requestId),
  ],
);

export const REQUEST_DOCUMENT_KINDS = ['incoming', 'correction_notice', 'corrected', 'consultation_letter', 'consultation_reply', 'extension_notice', 'fee_notice', 'reply_letter', 'provided', 'delivery_proof', 'other'] as const;
export type RequestDocumentKind = (typeof REQUEST_DOCUMENT_KINDS)[number];

export const requestDocuments = pgTable(
  'request_documents',
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind').$type<RequestDocumentKind>().notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    blobKey: text('blob_key').notNull(),
    sha256: text('sha256').notNull(),
    /** The applicant may download it on the request's page (letters sent to them, information provided). */
    forApplicant: boolean('for_applicant').notNull().default(false),
    /** A published record provided with the reply (instead of a file). */
    recordId: uuid('record_id'),
    eventId: uuid('event_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_documents_request_fk' }).onDelete('cascade'),
    index('request_documents_request_idx').on(t.tenantId, t.requestId),
  ],
);

/** Records provided with a reply (published ones, linked rather than copied). */
export const requestRecords = pgTable(
  'request_records',
  {
    tenantId: tenantId(),
    requestId: uuid('request_id').notNull(),
    recordId: uuid('record_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId, t.recordId] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_records_request_fk' }).onDelete('cascade'),
  ],
);

/** 协查: another unit asked to help find or check the information, with its own deadline. */
export const requestAssists = pgTable(
  'request_assists',
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    askedOn: date('asked_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    dueExplanation: text('due_explanation'),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    answeredBy: uuid('answered_by'),
    answeredByLabel: text('answered_by_label'),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_assists_request_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'request_assists_unit_fk' }),
    index('request_assists_unit_idx').on(t.tenantId, t.unitId, t.answeredOn),
  ],
);

export const APPEAL_PATHS = ['reconsideration', 'litigation', 'litigation_after_reconsideration'] as const;
export type AppealPath = (typeof APPEAL_PATHS)[number];
export const APPEAL_OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** 行政复议 / 行政诉讼 against a reply, as section 四 of the annual report counts them. */
export const requestAppeals = pgTable(
  'request_appeals',
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid('request_id').notNull(),
    path: text('path').$type<AppealPath>().notNull(),
    /** 复议机关 or court. */
    organ: text('organ'),
    caseNo: text('case_no'),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    outcome: text('outcome').$type<AppealOutcome>().notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    note: text('note'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [disclosureRequests.tenantId, disclosureRequests.id], name: 'request_appeals_request_fk' }).onDelete('cascade'),
    index('request_appeals_request_idx').on(t.tenantId, t.requestId),
  ],
);

/** A tenant's own wording of a letter; without one the built-in template is used. */
export const requestLetterTemplates = pgTable(
  'request_letter_templates',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    /** A result code, or correction / extension / fee / acknowledgement / consultation. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    version: version(),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

export const requestCounters = pgTable(
  'request_counters',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

