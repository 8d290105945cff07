// Annual reports (政府信息公开工作年度报告): drafted per unit and year with figures generated from the data
// (src/modules/reports/figures.ts) or imported (older reports, the 2019 layout), the narrative started from
// last year's text, checked cell by cell (src/core/reports/checks.ts), and published as a government record
// through the publishing service, with the DOCX and PDF attached. Every change is checked against the
// caller's unit scope, versioned, and written to the audit log.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { diffDays, todayLocal, toLocalDate, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import { checkFigures, type CheckFinding, type PreviousReport } from '../../core/reports/checks.ts';
import { reportDocument, reportTitle, type ReportDocument } from '../../core/reports/document.ts';
import { boardStatus, BOARD_STATUS_LABELS, isReportingKind, reportDue, type BoardStatus } from '../../core/reports/due.ts';
import { formatForYear, REPORT_FORMAT_LABELS, type ReportFormat } from '../../core/reports/format.ts';
import { reportHtml } from '../../core/reports/html.ts';
import { completeSection3, completeSection4, emptyFigures, sumFigures, type ReportFigures, type Section2v2019, type Section2v2021, type Section3, type Section4 } from '../../core/reports/model.ts';
import { defaultNarrative, narrativeFindings, NARRATIVE_KEYS, placeholders, type Narrative, type NarrativeContext, type Placeholder } from '../../core/reports/narrative.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenants, units } from '../org/schema.ts';
import { listMemberTenants } from '../org/tenants.ts';
import { requireUnit, rootOf, unitScopeCondition, type UnitRow } from '../org/units.ts';
import { liveFigures } from './figures.ts';
import { annualReports, type FigureAdjustment, type FigureSource, type ReportCoverage, type ReportState } from './schema.ts';

export type ReportRow = typeof annualReports.$inferSelect;

export const STATE_LABELS: Record<ReportState, string> = { draft: '编写中', checked: '已校验待发布', published: '已发布' };
export const COVERAGE_LABELS: Record<ReportCoverage, string> = { unit: '本单位', subtree: '本单位及所属全部单位（汇总）' };
export const SOURCE_LABELS: Record<FigureSource, string> = { live: '由系统数据生成', imported: '导入', adjusted: '生成后经人工调整' };

/** Earliest and latest report years accepted (the regulation of 2008; its 2019 revision changed the format). */
export const MIN_YEAR = 2008;
export const MAX_YEAR = 2100;

// ---- views ----------------------------------------------------------------------------------------

export interface ReportSummary {
  id: string;
  unitId: string;
  unitName: string;
  year: number;
  format: ReportFormat;
  coverage: ReportCoverage;
  title: string;
  state: ReportState;
  stateLabel: string;
  figureSource: FigureSource;
  publishedAt: string | null;
  recordId: string | null;
  due: string;
  version: number;
  updatedAt: string;
}

export interface ReportView extends ReportSummary {
  formatLabel: string;
  coverageLabel: string;
  figureSourceLabel: string;
  figures: ReportFigures;
  figuresAsOf: string | null;
  adjustments: FigureAdjustment[];
  narrative: Narrative;
  narrativeFromId: string | null;
  dueRule: string;
  daysLeft: number;
  /** The checks as of now (the figures, last year's carry-forward, the text). */
  findings: CheckFinding[];
  previous: { id: string; year: number; state: ReportState } | null;
  placeholders: Placeholder[];
  /** The report as it will be published (the record's body). */
  html: string;
  checkedAt: string | null;
  checkedBy: string | null;
  publishedBy: string | null;
  publications: number;
  mayEdit: boolean;
  mayPublish: boolean;
  createdAt: string;
}

function isGovernment(unit: UnitRow): boolean {
  return unit.parentId === null && unit.kind === 'government';
}

export function contextOf(unit: UnitRow, year: number): NarrativeContext {
  return { year, organName: unit.name, government: isGovernment(unit) };
}

function summary(r: ReportRow, unit: UnitRow): ReportSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: unit.name,
    year: r.year,
    format: r.format,
    coverage: r.coverage,
    title: r.title,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    figureSource: r.figureSource,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    recordId: r.recordId,
    due: reportDue(r.year, isGovernment(unit)).due,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The report of the year before, for the carry-over check: its published figures, else its current ones. */
export async function previousOf(exec: Executor, r: Pick<ReportRow, 'tenantId' | 'unitId' | 'year'>): Promise<ReportRow | null> {
  const [p] = await exec.select().from(annualReports).where(and(eq(annualReports.tenantId, r.tenantId), eq(annualReports.unitId, r.unitId), eq(annualReports.year, r.year - 1)));
  return p ?? null;
}

function previousFigures(p: ReportRow | null): PreviousReport | null {
  if (!p) return null;
  return { year: p.year, carriedForward: (p.publishedFigures ?? p.figures).section3.carriedForward };
}

export function findingsOf(r: Pick<ReportRow, 'figures' | 'narrative' | 'year'>, unit: UnitRow, previous: ReportRow | null): CheckFinding[] {
  return [...checkFigures(r.figures, previousFigures(previous)), ...narrativeFindings(r.narrative, placeholders(r.figures, contextOf(unit, r.year)))];
}

export function documentOf(r: Pick<ReportRow, 'title' | 'figures' | 'narrative' | 'year'>, unit: UnitRow): ReportDocument {
  return reportDocument({ title: r.title, figures: r.figures, narrative: r.narrative, context: contextOf(unit, r.year) });
}

export async function reportView(exec: Executor, caller: Caller, r: ReportRow, unit: UnitRow, today = todayLocal()): Promise<ReportView> {
  const previous = await previousOf(exec, r);
  const due = reportDue(r.year, isGovernment(unit));
  return {
    ...summary(r, unit),
    formatLabel: REPORT_FORMAT_LABELS[r.format],
    coverageLabel: COVERAGE_LABELS[r.coverage],
    figureSourceLabel: SOURCE_LABELS[r.figureSource],
    figures: r.figures,
    figuresAsOf: r.figuresAsOf,
    adjustments: r.adjustments,
    narrative: r.narrative,
    narrativeFromId: r.narrativeFromId,
    dueRule: due.rule,
    daysLeft: diffDays(today, due.due),
    findings: findingsOf(r, unit, previous),
    previous: previous ? { id: previous.id, year: previous.year, state: previous.state } : null,
    placeholders: placeholders(r.figures, contextOf(unit, r.year)),
    html: reportHtml(documentOf(r, unit)),
    checkedAt: r.checkedAt?.toISOString() ?? null,
    checkedBy: r.checkedBy,
    publishedBy: r.publishedBy,
    publications: r.publications,
    mayEdit: can(caller, 'reports.edit', unit),
    mayPublish: can(caller, 'reports.publish', unit),
    createdAt: r.createdAt.toISOString(),
  };
}

// ---- reading ----------------------------------------------------------------------------------------

/** A report the caller may read: unknown and out-of-scope reports answer alike (404). */
export async function visibleReport(exec: Executor, caller: Caller, id: string, lock = false): Promise<{ row: ReportRow; unit: UnitRow }> {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(annualReports).where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('年度报告');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'reports.read', unit)) throw notFound('年度报告');
  return { row, unit };
}

export async function getReport(exec: Executor, caller: Caller, id: string): Promise<ReportView> {
  const { row, unit } = await visibleReport(exec, caller, id);
  return reportView(exec, caller, row, unit);
}

export interface ReportFilter {
  year?: number;
  unitId?: string;
  state?: ReportState;
}

export async function listReports(exec: Executor, caller: Caller, f: ReportFilter): Promise<ReportSummary[]> {
  const conds: (SQL | undefined)[] = [eq(annualReports.tenantId, caller.actor.tenantId), unitScopeCondition(caller, 'reports.read')];
  if (f.year) conds.push(eq(annualReports.year, f.year));
  if (f.unitId) conds.push(eq(annualReports.unitId, f.unitId));
  if (f.state) conds.push(eq(annualReports.state, f.state));
  const rows = await exec
    .select({ r: annualReports, u: units })
    .from(annualReports)
    .innerJoin(units, and(eq(units.tenantId, annualReports.tenantId), eq(units.id, annualReports.unitId)))
    .where(and(...conds))
    .orderBy(desc(annualReports.year), asc(units.sortOrder), asc(units.name))
    .limit(1000);
  return rows.map(({ r, u }) => summary(r, u));
}

// ---- creating ---------------------------------------------------------------------------------------

function checkYear(year: number, today: LocalDate) {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badRequest(`年度应在${MIN_YEAR}至${MAX_YEAR}之间`, { field: 'year' });
  if (year > Number(today.slice(0, 4))) throw badRequest(`${year}年度尚未开始，不能编写该年度的报告`, { field: 'year' });
}

async function assertNoReport(exec: Executor, tenantId: string, unit: UnitRow, year: number) {
  const [clash] = await exec.select({ id: annualReports.id }).from(annualReports).where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.unitId, unit.id), eq(annualReports.year, year)));
  if (clash) throw conflict(`「${unit.name}」${year}年度的报告已经存在`, { reportId: clash.id });
}

/** Last year's text, else the default text, for a new report. */
async function startingNarrative(exec: Executor, tenantId: string, unit: UnitRow, year: number): Promise<{ narrative: Narrative; fromId: string | null }> {
  const [last] = await exec
    .select({ id: annualReports.id, narrative: annualReports.narrative })
    .from(annualReports)
    .where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.unitId, unit.id), sql`${annualReports.year} < ${year}`))
    .orderBy(desc(annualReports.year))
    .limit(1);
  if (last) return { narrative: last.narrative, fromId: last.id };
  return { narrative: defaultNarrative(contextOf(unit, year)), fromId: null };
}

export interface CreateInput {
  unitId: string;
  year: number;
  coverage?: ReportCoverage;
}

/** A new draft for a unit and year, with figures generated from the data and last year's text. */
export async function createReport(exec: Executor, caller: Caller, input: CreateInput, today = todayLocal()): Promise<ReportView> {
  const tenantId = caller.actor.tenantId;
  checkYear(input.year, today);
  if (formatForYear(input.year) !== '2021') throw badRequest(`${input.year}年度的报告采用2019年格式，只能导入（POST /api/v1/reports/import），不能由系统数据生成`, { field: 'year' });
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'reports.edit', unit, unit.name);
    if (unit.abolishedAt) throw badRequest(`单位「${unit.name}」已撤销`, { field: 'unitId' });
    await assertNoReport(tx, tenantId, unit, input.year);
    const coverage = input.coverage ?? (isGovernment(unit) ? 'subtree' : 'unit');
    const figures = await liveFigures(tx, tenantId, unit, coverage, input.year, today);
    const start = await startingNarrative(tx, tenantId, unit, input.year);
    const [row] = await tx
      .insert(annualReports)
      .values({
        tenantId,
        unitId: unit.id,
        year: input.year,
        format: '2021',
        coverage,
        title: reportTitle(unit.name, input.year),
        figures,
        figureSource: 'live',
        figuresAsOf: today,
        narrative: start.narrative,
        narrativeFromId: start.fromId,
        createdBy: caller.actor.userId ?? null,
      })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'report.create', entityType: 'report', entityId: row!.id, summary: `编写「${unit.name}」${input.year}年度政府信息公开工作年度报告（${COVERAGE_LABELS[coverage]}）`, after: { year: input.year, coverage } });
    return reportView(tx, caller, row!, unit, today);
  });
}

export interface FiguresInput {
  section2?: Section2v2021 | Section2v2019;
  section3?: Omit<Section3, 'results'> & { results: Partial<Section3['results']> };
  section4?: Section4;
  fees?: { amountYuan: number; requests: number } | null;
}

function mergeFigures(base: ReportFigures, input: FiguresInput): ReportFigures {
  const out = structuredClone(base);
  if (input.section2) out.section2 = structuredClone(input.section2) as never;
  if (input.section3) out.section3 = { ...structuredClone(input.section3), results: { ...out.section3.results, ...structuredClone(input.section3.results) } } as Section3;
  if (input.section4) out.section4 = structuredClone(input.section4);
  if (input.fees !== undefined) out.fees = input.fees;
  return out;
}

function assertSection2Shape(format: ReportFormat, s2: unknown) {
  const has2021 = !!s2 && typeof s2 === 'object' && 'licensing' in s2 && typeof (s2 as { licensing: unknown }).licensing === 'number';
  if ((format === '2021') !== has2021) throw badRequest(`第二部分表格的栏目与${REPORT_FORMAT_LABELS[format]}不符`, { field: 'figures.section2' });
}

export interface ImportInput {
  unitId: string;
  year: number;
  format?: ReportFormat;
  coverage?: ReportCoverage;
  title?: string;
  figures: FiguresInput & { section2: Section2v2021 | Section2v2019; section3: NonNullable<FiguresInput['section3']>; section4: Section4 };
  /** Sums left empty (总计 columns, （七）总计, section 四's 总计) are computed; given ones are kept and checked. */
  complete?: boolean;
  narrative?: Partial<Narrative>;
}

/** An older report (or one kept outside the platform) entered with its own figures, in either layout. */
export async function importReport(exec: Executor, caller: Caller, input: ImportInput, today = todayLocal()): Promise<ReportView> {
  const tenantId = caller.actor.tenantId;
  checkYear(input.year, today);
  const format = input.format ?? formatForYear(input.year);
  assertSection2Shape(format, input.figures.section2);
  let figures = mergeFigures(emptyFigures(format), input.figures);
  if (format === '2019') figures.fees = input.figures.fees ?? null;
  if (input.complete) figures = { ...figures, section3: completeSection3(figures.section3), section4: completeSection4(figures.section4) };
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'reports.edit', unit, unit.name);
    await assertNoReport(tx, tenantId, unit, input.year);
    const start = await startingNarrative(tx, tenantId, unit, input.year);
    const narrative = { ...start.narrative, ...definedNarrative(input.narrative) };
    const [row] = await tx
      .insert(annualReports)
      .values({
        tenantId,
        unitId: unit.id,
        year: input.year,
        format,
        coverage: input.coverage ?? (isGovernment(unit) ? 'subtree' : 'unit'),
        title: input.title?.trim() || reportTitle(unit.name, input.year),
        figures,
        figureSource: 'imported',
        figuresAsOf: null,
        narrative,
        narrativeFromId: input.narrative ? null : start.fromId,
        createdBy: caller.actor.userId ?? null,
      })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'report.import', entityType: 'report', entityId: row!.id, summary: `导入「${unit.name}」${input.year}年度政府信息公开工作年度报告（${REPORT_FORMAT_LABELS[format]}）`, after: { year: input.year, format, figures } });
    return reportView(tx, caller, row!, unit, today);
  });
}

function definedNarrative(n: Partial<Narrative> | undefined): Partial<Narrative> {
  const out: Partial<Narrative> = {};
  for (const k of NARRATIVE_KEYS) if (typeof n?.[k] === 'string') out[k] = n[k]!.replace(/\r\n?/g, '\n');
  return out;
}

// ---- editing ----------------------------------------------------------------------------------------

async function editable(exec: Executor, caller: Caller, id: string, version: number): Promise<{ row: ReportRow; unit: UnitRow }> {
  const found = await visibleReport(exec, caller, id, true);
  assertCan(caller, 'reports.edit', found.unit, found.unit.name);
  if (found.row.version !== version) throw staleVersion(`《${found.row.title}》`);
  return found;
}

/** Back to 编写中 after any change: a check passed before the change says nothing about it. */
const afterChange = (row: ReportRow) => ({ state: (row.state === 'published' ? 'draft' : row.state === 'checked' ? 'draft' : row.state) as ReportState, findings: null, checkedAt: null, checkedBy: null, version: row.version + 1, updatedAt: new Date() });

export interface UpdateInput {
  version: number;
  title?: string;
  narrative?: Partial<Narrative>;
}

export async function updateReport(exec: Executor, caller: Caller, id: string, input: UpdateInput): Promise<ReportView> {
  return exec.transaction(async (tx) => {
    const { row, unit } = await editable(tx, caller, id, input.version);
    const title = input.title !== undefined ? input.title.trim() : row.title;
    if (!title) throw badRequest('报告标题不能为空', { field: 'title' });
    const narrative = { ...row.narrative, ...definedNarrative(input.narrative) };
    const changed = NARRATIVE_KEYS.filter((k) => narrative[k] !== row.narrative[k]);
    // A save that changes nothing (the editor saved again) leaves the report as it is: same version, still
    // checked if it was, and nothing in the audit log.
    if (title === row.title && !changed.length) return reportView(tx, caller, row, unit);
    const [u] = await tx
      .update(annualReports)
      .set({ title, narrative, ...afterChange(row) })
      .where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id), eq(annualReports.version, input.version)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'report.update',
      entityType: 'report',
      entityId: id,
      summary: `修改《${title}》${title !== row.title ? '的标题' : ''}${changed.length ? `（${changed.length}处文字）` : ''}`,
      before: { title: row.title, narrative: Object.fromEntries(changed.map((k) => [k, row.narrative[k]])) },
      after: { title, narrative: Object.fromEntries(changed.map((k) => [k, narrative[k]])) },
    });
    return reportView(tx, caller, u!, unit);
  });
}

/** The cells whose value differs, named as the checks name them. */
function changedCells(before: ReportFigures, after: ReportFigures): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    } else if (a !== b) out.push(`${path}: ${String(a)} → ${String(b)}`);
  };
  walk(before, after, '');
  return out;
}

export interface AdjustInput extends FiguresInput {
  version: number;
  reason: string;
}

/** Figures changed by hand (a request handled outside the platform, a correction): recorded with the reason; the checks judge them. */
export async function adjustFigures(exec: Executor, caller: Caller, id: string, input: AdjustInput): Promise<ReportView> {
  const reason = input.reason.trim();
  if (!reason) throw badRequest('请说明调整数据的原因', { field: 'reason' });
  return exec.transaction(async (tx) => {
    const { row, unit } = await editable(tx, caller, id, input.version);
    if (input.section2) assertSection2Shape(row.format, input.section2);
    const figures = mergeFigures(row.figures, input);
    const cells = changedCells(row.figures, figures);
    if (!cells.length) throw badRequest('数据没有变化', { field: 'figures' });
    const adjustment: FigureAdjustment = { at: new Date().toISOString(), by: caller.actor.label, reason, cells };
    const [u] = await tx
      .update(annualReports)
      .set({ figures, figureSource: row.figureSource === 'imported' ? 'imported' : 'adjusted', adjustments: [...row.adjustments, adjustment], ...afterChange(row) })
      .where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id), eq(annualReports.version, input.version)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'report.adjust', entityType: 'report', entityId: id, summary: `调整《${row.title}》的数据（${cells.length}处）：${reason}`, before: row.figures, after: figures });
    return reportView(tx, caller, u!, unit);
  });
}

export interface GenerateInput {
  version: number;
  coverage?: ReportCoverage;
}

/** The figures generated again from the data (dropping any adjustment), e.g. after late registrations. */
export async function regenerateFigures(exec: Executor, caller: Caller, id: string, input: GenerateInput, today = todayLocal()): Promise<ReportView> {
  return exec.transaction(async (tx) => {
    const { row, unit } = await editable(tx, caller, id, input.version);
    if (row.format !== '2021') throw badRequest('2019年格式的报告只能导入，不能由系统数据生成', { field: 'format' });
    const coverage = input.coverage ?? row.coverage;
    const figures = await liveFigures(tx, row.tenantId, unit, coverage, row.year, today);
    const [u] = await tx
      .update(annualReports)
      .set({ figures, coverage, figureSource: 'live', figuresAsOf: today, ...afterChange(row) })
      .where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id), eq(annualReports.version, input.version)))
      .returning();
    const cells = changedCells(row.figures, figures);
    await recordAudit(tx, caller.actor, { action: 'report.generate', entityType: 'report', entityId: id, summary: `按系统数据重新生成《${row.title}》的数据（${COVERAGE_LABELS[coverage]}，${cells.length}处变化）`, before: { coverage: row.coverage }, after: { coverage, cells } });
    return reportView(tx, caller, u!, unit, today);
  });
}

/** Runs the checks: none failing → 已校验待发布; the findings are kept either way. */
export async function checkReport(exec: Executor, caller: Caller, id: string, version: number): Promise<ReportView> {
  return exec.transaction(async (tx) => {
    const { row, unit } = await editable(tx, caller, id, version);
    const findings = findingsOf(row, unit, await previousOf(tx, row));
    const passed = findings.length === 0;
    const state: ReportState = passed ? (row.state === 'published' ? 'published' : 'checked') : row.state === 'published' ? 'published' : 'draft';
    const [u] = await tx
      .update(annualReports)
      .set({ findings, state, checkedAt: passed ? new Date() : null, checkedBy: passed ? caller.actor.label : null, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id), eq(annualReports.version, version)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'report.check', entityType: 'report', entityId: id, summary: `校验《${row.title}》：${passed ? '全部通过' : `${findings.length}处不通过，首处：${findings[0]!.message}`}`, after: { findings: findings.map((f) => f.message) } });
    return reportView(tx, caller, u!, unit);
  });
}

/** 409 naming the first failing cell, with every finding in the details. */
export function refusal(findings: CheckFinding[]): AppError {
  const first = findings[0]!;
  const more = findings.length > 1 ? `（另有${findings.length - 1}处不通过）` : '';
  return new AppError(409, 'REPORT_CHECK_FAILED', `年度报告未通过校验，不能发布：${first.message}${more}`, { cell: first.cell, findings });
}

// ---- the status board ---------------------------------------------------------------------------------

export interface BoardRow {
  unitId: string;
  unitName: string;
  unitKind: string;
  government: boolean;
  due: string;
  dueRule: string;
  daysLeft: number;
  status: BoardStatus;
  statusLabel: string;
  report: { id: string; title: string; state: ReportState; stateLabel: string; publishedAt: string | null; daysLate: number | null; recordId: string | null } | null;
}

export interface Board {
  year: number;
  today: string;
  counts: Record<BoardStatus, number>;
  rows: BoardRow[];
}

/** Which of the caller's reporting units have drafted, checked, published, or missed the date, for a year. */
export async function statusBoard(exec: Executor, caller: Caller, year: number, today = todayLocal()): Promise<Board> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ u: units, r: annualReports })
    .from(units)
    .leftJoin(annualReports, and(eq(annualReports.tenantId, units.tenantId), eq(annualReports.unitId, units.id), eq(annualReports.year, year)))
    .where(and(eq(units.tenantId, tenantId), isNull(units.abolishedAt), unitScopeCondition(caller, 'reports.read')))
    .orderBy(sql`array_length(${units.path}, 1)`, asc(units.sortOrder), asc(units.name));
  const counts = { none: 0, draft: 0, checked: 0, published: 0, overdue: 0 } as Record<BoardStatus, number>;
  const out: BoardRow[] = [];
  for (const { u, r } of rows) {
    if (!isReportingKind(u.kind) && !r) continue;
    const gov = isGovernment(u);
    const due = reportDue(year, gov);
    const status = boardStatus(r?.state ?? null, (r?.publications ?? 0) > 0, due.due, today);
    counts[status]++;
    const publishedOn = r?.publishedAt ? toLocalDate(r.publishedAt) : null;
    out.push({
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      government: gov,
      due: due.due,
      dueRule: due.rule,
      daysLeft: diffDays(today, due.due),
      status,
      statusLabel: BOARD_STATUS_LABELS[status],
      report: r ? { id: r.id, title: r.title, state: r.state, stateLabel: STATE_LABELS[r.state], publishedAt: r.publishedAt?.toISOString() ?? null, daysLate: publishedOn ? Math.max(0, diffDays(due.due, publishedOn)) : null, recordId: r.recordId } : null,
    });
  }
  return { year, today, counts, rows: out };
}

// ---- the roll-up ---------------------------------------------------------------------------------------

export interface RollupMember {
  tenantId: string;
  code: string;
  name: string;
  report: { id: string; title: string; year: number; format: ReportFormat; publishedAt: string | null; figures: ReportFigures } | null;
}

export interface Rollup {
  year: number;
  members: RollupMember[];
  published: number;
  /** The sums of the published reports' tables (section 二 over the 2021-format ones only). */
  summary: ReportFigures;
  section2Reports: number;
}

/**
 * A city or province (a tenant with member tenants) sees the published reports of its member governments
 * for a year — the report of each member's root government — and the sums of their tables. Published
 * reports are public, so reading them across tenants discloses nothing; only the office of the parent may ask.
 */
export async function rollup(exec: Executor, caller: Caller, year: number): Promise<Rollup> {
  const tenantId = caller.actor.tenantId;
  const root = await rootOf(exec, tenantId);
  assertCan(caller, 'reports.read', root, root.name);
  const members = await listMemberTenants(exec, tenantId);
  const reports = members.length
    ? await exec
        .select({ r: annualReports })
        .from(annualReports)
        .innerJoin(units, and(eq(units.tenantId, annualReports.tenantId), eq(units.id, annualReports.unitId)))
        .where(and(inArray(annualReports.tenantId, members.map((m) => m.tenantId)), eq(annualReports.year, year), isNull(units.parentId), sql`${annualReports.publications} > 0`))
    : [];
  const byTenant = new Map(reports.map(({ r }) => [r.tenantId, r]));
  const out: RollupMember[] = members.map((m) => {
    const r = byTenant.get(m.tenantId);
    return { ...m, report: r ? { id: r.id, title: r.title, year: r.year, format: r.format, publishedAt: r.publishedAt?.toISOString() ?? null, figures: r.publishedFigures ?? r.figures } : null };
  });
  const { figures, section2Reports } = sumFigures(out.flatMap((m) => (m.report ? [m.report.figures] : [])));
  return { year, members: out.map(({ tenantId: id, code, name, report }) => ({ tenantId: id, code, name, report })), published: byTenant.size, summary: figures, section2Reports };
}

/** The tenant's name, for documents. */
export async function tenantName(exec: Executor, tenantId: string): Promise<string> {
  const [t] = await exec.select({ name: tenants.name }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return t?.name ?? '';
}
