// Work-plan tasks (工作要点 / 任务分解表): a notice imported for review (task_imports) becomes, once a person
// confirms it, a plan with its tasks, each assigned to units (lead, responsible, supporting) with one period
// per due date; units keep their ledger (工作台账) and report progress per period with evidence (published
// records, files); the office urges (催办), issues circulars (通报), scores units (bonus items here, the
// scheme on the plan) and carries unfinished tasks into next year's plan (回头看).
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { ScoreScheme } from '../../core/tasks/scores.ts';
import type { PeriodState } from '../../core/tasks/status.ts';
import { tenants, units } from '../org/schema.ts';

/** A task as it stands in an import under review (from the parser, possibly corrected by a person). */
export interface DraftTask {
  /** Position in the notice (0-based), stable across edits. */
  index: number;
  include: boolean;
  category: string | null;
  categories: string[];
  requirement: string;
  /** Unit names as written (after splitting). */
  units: string[];
  leadUnits: string[];
  supportingUnits: string[];
  deadlineText: string | null;
  /** Where in the notice (表格1第5行). */
  source: string;
  unitsFrom: string;
  edited: boolean;
}

/** A person's answer for a unit name the platform could not match. */
export interface DraftMapping {
  name: string;
  unitIds: string[];
  /** Not a unit (a vague reference): leave it out. */
  ignore: boolean;
}

export const IMPORT_STATUSES = ['draft', 'confirmed', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const taskImports = pgTable(
  'task_imports',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    status: text('status').$type<ImportStatus>().notNull().default('draft'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key'),
    /** The notice's title and year as read (the person may change them before confirming). */
    title: text('title').notNull(),
    year: integer('year'),
    layout: text('layout'),
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    tasks: jsonb('tasks').$type<DraftTask[]>().notNull(),
    mappings: jsonb('mappings').$type<DraftMapping[]>().notNull().default([]),
    planId: uuid('plan_id'),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    confirmedAt: ts('confirmed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('task_imports_status_idx').on(t.tenantId, t.status, t.createdAt)],
);

export const PLAN_STATUSES = ['active', 'looked_back'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const taskPlans = pgTable(
  'task_plans',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The notice it came from (null for a plan made by the look-back). */
    sourceFileName: text('source_file_name'),
    sourceBlobKey: text('source_blob_key'),
    importId: uuid('import_id'),
    status: text('status').$type<PlanStatus>().notNull().default('active'),
    /** The scoring scheme (src/core/tasks/scores.ts); fields left out take the defaults. */
    scheme: jsonb('scheme').$type<Partial<ScoreScheme>>().notNull().default({}),
    /** 回头看: when it was done, by whom, and the plan the unfinished tasks went to. */
    lookedBackAt: ts('looked_back_at'),
    lookedBackBy: text('looked_back_by'),
    carriedToPlanId: uuid('carried_to_plan_id'),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('task_plans_year_idx').on(t.tenantId, t.year)],
);

export const tasks = pgTable(
  'tasks',
  {
    tenantId: tenantId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    /** 序号 in the plan. */
    seq: integer('seq').notNull(),
    category: text('category'),
    requirement: text('requirement').notNull(),
    /** 时限要求 as written (null: none written), and the rule the platform read from it. */
    deadlineText: text('deadline_text'),
    deadlineDescription: text('deadline_description').notNull(),
    /** Event-driven and ongoing clauses (Chinese), shown beside the periods. */
    deadlineRules: jsonb('deadline_rules').$type<string[]>().notNull().default([]),
    needsReview: boolean('needs_review').notNull().default(false),
    reviewNote: text('review_note'),
    /** The units as the notice names them (牵头 marked), for the record. */
    unitsText: text('units_text').notNull().default(''),
    /** Records its units publish under this catalogue node count as its evidence automatically. */
    catalogueNodeId: uuid('catalogue_node_id'),
    weight: numeric('weight', { precision: 6, scale: 2, mode: 'number' }).notNull().default(1),
    /** 回头看: the task of last year's plan this one carries on. */
    carriedFromTaskId: uuid('carried_from_task_id'),
    source: text('source'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [taskPlans.tenantId, taskPlans.id], name: 'tasks_plan_fk' }).onDelete('cascade'),
    uniqueIndex('tasks_seq_uq').on(t.tenantId, t.planId, t.seq),
  ],
);

export const ASSIGNMENT_ROLES = ['lead', 'responsible', 'supporting'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** A task given to one unit. */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    tenantId: tenantId(),
    id: id(),
    taskId: uuid('task_id').notNull(),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    role: text('role').$type<AssignmentRole>().notNull(),
    /** The name the notice used for the unit ("县发改局", "各乡镇（街道）"). */
    nameAsWritten: text('name_as_written').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [tasks.tenantId, tasks.id], name: 'task_assignments_task_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'task_assignments_unit_fk' }),
    uniqueIndex('task_assignments_uq').on(t.tenantId, t.taskId, t.unitId),
    index('task_assignments_unit_idx').on(t.tenantId, t.unitId, t.planId),
    index('task_assignments_plan_idx').on(t.tenantId, t.planId),
  ],
);

/** One due date of an assignment: what the unit reports on. */
export const taskPeriods = pgTable(
  'task_periods',
  {
    tenantId: tenantId(),
    id: id(),
    assignmentId: uuid('assignment_id').notNull(),
    taskId: uuid('task_id').notNull(),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    periodKey: text('period_key').notNull(),
    label: text('label').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    explanation: text('explanation').notNull(),
    assumed: boolean('assumed').notNull().default(false),
    state: text('state').$type<PeriodState>().notNull().default('not_started'),
    doneOn: date('done_on', { mode: 'string' }),
    /** Working days late when done (0 on time). */
    lateDays: integer('late_days').notNull().default(0),
    lastReportAt: ts('last_report_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assignmentId], foreignColumns: [taskAssignments.tenantId, taskAssignments.id], name: 'task_periods_assignment_fk' }).onDelete('cascade'),
    uniqueIndex('task_periods_uq').on(t.tenantId, t.assignmentId, t.periodKey),
    index('task_periods_due_idx').on(t.tenantId, t.state, t.dueOn),
    index('task_periods_plan_idx').on(t.tenantId, t.planId, t.unitId),
  ],
);

/** A report by the unit on one period: what was done, and the state it leaves the period in. */
export const taskProgress = pgTable(
  'task_progress',
  {
    tenantId: tenantId(),
    id: id(),
    periodId: uuid('period_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    state: text('state').$type<PeriodState>().notNull(),
    text: text('text').notNull(),
    /** Written by the platform (a linked record was published), not by a person. */
    automatic: boolean('automatic').notNull().default(false),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.periodId], foreignColumns: [taskPeriods.tenantId, taskPeriods.id], name: 'task_progress_period_fk' }).onDelete('cascade'),
    index('task_progress_period_idx').on(t.tenantId, t.periodId, t.createdAt),
  ],
);

export const EVIDENCE_KINDS = ['record', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Evidence of a period: a record of the unit (it counts while published) or an uploaded file. */
export const taskEvidence = pgTable(
  'task_evidence',
  {
    tenantId: tenantId(),
    id: id(),
    periodId: uuid('period_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    kind: text('kind').$type<EvidenceKind>().notNull(),
    recordId: uuid('record_id'),
    fileName: text('file_name'),
    mime: text('mime'),
    size: bigint('size', { mode: 'number' }),
    blobKey: text('blob_key'),
    sha256: text('sha256'),
    /** Linked by the platform (a record published under the task's catalogue node). */
    automatic: boolean('automatic').notNull().default(false),
    /** A record linked before it was published: its publication completes the period (the sweep). */
    pendingPublication: boolean('pending_publication').notNull().default(false),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.periodId], foreignColumns: [taskPeriods.tenantId, taskPeriods.id], name: 'task_evidence_period_fk' }).onDelete('cascade'),
    index('task_evidence_period_idx').on(t.tenantId, t.periodId),
    // A record is evidence of one period of an assignment only.
    uniqueIndex('task_evidence_record_uq').on(t.tenantId, t.assignmentId, t.recordId).where(sql`record_id IS NOT NULL`),
  ],
);

/** 工作台账: a unit's own rows for its tasks (序号, 工作任务, 工作举措, 时限要求, 单位分管领导, 责任科室). */
export const taskLedgerRows = pgTable(
  'task_ledger_rows',
  {
    tenantId: tenantId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The assignment the row belongs to (null: a row the unit added for work of its own). */
    assignmentId: uuid('assignment_id'),
    sortOrder: integer('sort_order').notNull(),
    task: text('task').notNull(),
    measure: text('measure').notNull().default(''),
    timeLimit: text('time_limit').notNull().default(''),
    leader: text('leader').notNull().default(''),
    section: text('section').notNull().default(''),
    updatedBy: text('updated_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [taskPlans.tenantId, taskPlans.id], name: 'task_ledger_rows_plan_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'task_ledger_rows_unit_fk' }),
    index('task_ledger_rows_unit_idx').on(t.tenantId, t.planId, t.unitId, t.sortOrder),
  ],
);

/** 催办: the office presses a unit on a task (or on the plan as a whole); the unit must acknowledge. */
export const taskUrges = pgTable(
  'task_urges',
  {
    tenantId: tenantId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    taskId: uuid('task_id'),
    unitId: uuid('unit_id').notNull(),
    message: text('message').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    /** The unit acknowledges by this day (working days through the calendar). */
    replyBy: date('reply_by', { mode: 'string' }).notNull(),
    sentBy: uuid('sent_by'),
    sentByLabel: text('sent_by_label').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedOn: date('acknowledged_on', { mode: 'string' }),
    acknowledgedByLabel: text('acknowledged_by_label'),
    response: text('response'),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [taskPlans.tenantId, taskPlans.id], name: 'task_urges_plan_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'task_urges_unit_fk' }),
    index('task_urges_unit_idx').on(t.tenantId, t.unitId, t.acknowledgedAt),
    index('task_urges_plan_idx').on(t.tenantId, t.planId),
  ],
);

/** 通报: a circular generated from the plan's state, kept as the DOCX that went out. */
export const taskCirculars = pgTable(
  'task_circulars',
  {
    tenantId: tenantId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    title: text('title').notNull(),
    docNo: text('doc_no'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The units named late and for good practice (for lists and the score history). */
    lateUnitIds: uuid('late_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    goodUnitIds: uuid('good_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    text: text('text').notNull(),
    fileName: text('file_name').notNull(),
    blobKey: text('blob_key').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [taskPlans.tenantId, taskPlans.id], name: 'task_circulars_plan_fk' }).onDelete('cascade'),
  ],
);

/** 加分项: points the office gives a unit on a plan, with the reason (典型经验, 上级表扬 …). */
export const taskBonuses = pgTable(
  'task_bonuses',
  {
    tenantId: tenantId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    points: numeric('points', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [taskPlans.tenantId, taskPlans.id], name: 'task_bonuses_plan_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'task_bonuses_unit_fk' }),
    index('task_bonuses_plan_idx').on(t.tenantId, t.planId),
  ],
);
