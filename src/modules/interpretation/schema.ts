// Policy interpretations (政策解读), each tied to the policy record it explains and drafted by that record's
// unit (谁起草、谁解读).
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { ChecklistItem, InterpretationForm } from '../../core/interpretation/rules.ts';
import { tenants, units } from '../org/schema.ts';
import { records } from '../publishing/schema.ts';

export const INTERPRETATION_STATES = ['draft', 'published', 'withdrawn'] as const;
export type InterpretationState = (typeof INTERPRETATION_STATES)[number];

export const interpretations = pgTable(
  'interpretations',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** The policy explained. */
    recordId: uuid('record_id').notNull(),
    /** The drafting unit: the policy's own unit. */
    unitId: uuid('unit_id').notNull(),
    form: text('form').$type<InterpretationForm>().notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    /** A video, audio or press-conference recording published elsewhere (http/https). */
    mediaUrl: text('media_url'),
    /** Who explains: an official, an expert, the drafting office. */
    speaker: text('speaker'),
    state: text('state').$type<InterpretationState>().notNull().default('draft'),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default([]),
    /** Due N working days after the policy's publication (set when the policy is published). */
    dueOn: date('due_on', { mode: 'string' }),
    dueExplanation: text('due_explanation'),
    publishedAt: ts('published_at'),
    workingDaysLate: integer('working_days_late'),
    withdrawnNote: text('withdrawn_note'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'interpretations_record_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'interpretations_unit_fk' }),
    index('interpretations_record_idx').on(t.tenantId, t.recordId),
    index('interpretations_state_idx').on(t.tenantId, t.state, t.publishedAt),
  ],
);
