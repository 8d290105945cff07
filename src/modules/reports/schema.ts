// Annual reports (政府信息公开工作年度报告): one per unit and year, with its figures as generated from the
// data (or imported, or adjusted by hand, which the checks then judge), its narrative, its state and the
// published record it became; and the figures units enter for section 二 (decisions, fee income).
import { date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import type { CheckFinding } from '../../core/reports/checks.ts';
import type { ReportFormat } from '../../core/reports/format.ts';
import type { ReportFigures } from '../../core/reports/model.ts';
import type { Narrative } from '../../core/reports/narrative.ts';
import { tenants, units } from '../org/schema.ts';

export const REPORT_STATES = ['draft', 'checked', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_COVERAGES = ['unit', 'subtree'] as const;
/** 'unit': the unit's own figures; 'subtree': the unit and every unit below it (a government's whole tree). */
export type ReportCoverage = (typeof REPORT_COVERAGES)[number];

export const FIGURE_SOURCES = ['live', 'imported', 'adjusted'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];

export interface FigureAdjustment {
  at: string;
  by: string;
  reason: string;
  cells: string[];
}

export const annualReports = pgTable(
  'annual_reports',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    format: text('format').$type<ReportFormat>().notNull(),
    coverage: text('coverage').$type<ReportCoverage>().notNull(),
    title: text('title').notNull(),
    state: text('state').$type<ReportState>().notNull().default('draft'),
    figures: jsonb('figures').$type<ReportFigures>().notNull(),
    figureSource: text('figure_source').$type<FigureSource>().notNull(),
    /** The day the live figures were generated: appeals are counted with their outcome as known then. */
    figuresAsOf: date('figures_as_of', { mode: 'string' }),
    adjustments: jsonb('adjustments').$type<FigureAdjustment[]>().notNull().default([]),
    narrative: jsonb('narrative').$type<Narrative>().notNull(),
    /** The report whose text this one started from (last year's). */
    narrativeFromId: uuid('narrative_from_id'),
    /** The findings of the last check (empty when it passed). */
    findings: jsonb('findings').$type<CheckFinding[]>(),
    checkedAt: ts('checked_at'),
    checkedBy: text('checked_by'),
    publishedAt: ts('published_at'),
    publishedBy: text('published_by'),
    /** The figures as last published: the roll-up and next year's carry-over check read these. */
    publishedFigures: jsonb('published_figures').$type<ReportFigures>(),
    /** The published record (政府信息) the report became; a new publication supersedes it. */
    recordId: uuid('record_id'),
    publications: integer('publications').notNull().default(0),
    createdBy: uuid('created_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'annual_reports_unit_fk' }),
    uniqueIndex('annual_reports_unit_year_uq').on(t.tenantId, t.unitId, t.year),
    index('annual_reports_year_idx').on(t.tenantId, t.year, t.state),
  ],
);

/** Figures a unit enters (or imports from XLSX) for section 二: 行政许可、行政处罚、行政强制 decisions and 行政事业性收费 in 万元. */
export const reportUnitFigures = pgTable(
  'report_unit_figures',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    year: integer('year').notNull(),
    licensing: integer('licensing').notNull().default(0),
    penalty: integer('penalty').notNull().default(0),
    enforcement: integer('enforcement').notNull().default(0),
    feesWan: numeric('fees_wan', { precision: 14, scale: 4, mode: 'number' }).notNull().default(0),
    note: text('note'),
    source: text('source').$type<'manual' | 'import'>().notNull().default('manual'),
    updatedBy: text('updated_by'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.unitId, t.year] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'report_unit_figures_unit_fk' }),
  ],
);
