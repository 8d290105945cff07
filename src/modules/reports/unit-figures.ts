// The figures of section 二 that no record holds: how many 行政许可、行政处罚、行政强制 decisions a unit made in
// the year and how much 行政事业性收费 it collected (万元). Each unit enters its own (or the office imports them
// all from one XLSX, the same sheet this module exports); a report adds up those of the units it covers.
import ExcelJS from 'exceljs';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { AppError, badRequest, forbidden, staleVersion } from '../../core/errors.ts';
import { listZip } from '../../core/files/zip.ts';
import { isReportingKind } from '../../core/reports/due.ts';
import { roundWan } from '../../core/reports/model.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { units } from '../org/schema.ts';
import { matchUnitName, requireUnit, unitScopeCondition, type UnitRow } from '../org/units.ts';
import { reportUnitFigures } from './schema.ts';

export interface UnitFiguresView {
  unitId: string;
  unitCode: string;
  unitName: string;
  year: number;
  licensing: number;
  penalty: number;
  enforcement: number;
  feesWan: number;
  note: string | null;
  source: 'manual' | 'import' | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** 0 when nothing was entered yet. */
  version: number;
  mayEdit: boolean;
}

export const UNIT_FIGURE_COLUMNS = ['单位编码', '单位名称', '行政许可（本年处理决定数量）', '行政处罚（本年处理决定数量）', '行政强制（本年处理决定数量）', '行政事业性收费（本年收费金额，万元）', '备注'] as const;

/** The reporting units in the caller's scope, with what each entered for the year. */
export async function listUnitFigures(exec: Executor, caller: Caller, year: number): Promise<UnitFiguresView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ u: units, f: reportUnitFigures })
    .from(units)
    .leftJoin(reportUnitFigures, and(eq(reportUnitFigures.tenantId, units.tenantId), eq(reportUnitFigures.unitId, units.id), eq(reportUnitFigures.year, year)))
    .where(and(eq(units.tenantId, tenantId), isNull(units.abolishedAt), unitScopeCondition(caller, 'reports.read')))
    .orderBy(sql`array_length(${units.path}, 1)`, asc(units.sortOrder), asc(units.name));
  return rows
    .filter(({ u, f }) => isReportingKind(u.kind) || f)
    .map(({ u, f }) => ({
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      year,
      licensing: f?.licensing ?? 0,
      penalty: f?.penalty ?? 0,
      enforcement: f?.enforcement ?? 0,
      feesWan: Number(f?.feesWan ?? 0),
      note: f?.note ?? null,
      source: f?.source ?? null,
      updatedBy: f?.updatedBy ?? null,
      updatedAt: f?.updatedAt.toISOString() ?? null,
      version: f?.version ?? 0,
      mayEdit: can(caller, 'reports.edit', u),
    }));
}

export interface UnitFiguresInput {
  unitId: string;
  year: number;
  licensing: number;
  penalty: number;
  enforcement: number;
  feesWan: number;
  note?: string | null;
  /** The version read (0 for figures not entered yet). */
  version: number;
}

function checkFigures(i: Pick<UnitFiguresInput, 'licensing' | 'penalty' | 'enforcement' | 'feesWan'>, where = '') {
  for (const [k, label] of [['licensing', '行政许可'], ['penalty', '行政处罚'], ['enforcement', '行政强制']] as const) {
    if (!Number.isInteger(i[k]) || i[k] < 0) throw badRequest(`${where}「${label}」的本年处理决定数量应为不小于0的整数`, { field: k });
  }
  if (!Number.isFinite(i.feesWan) || i.feesWan < 0) throw badRequest(`${where}「行政事业性收费」的本年收费金额（万元）应为不小于0的数`, { field: 'feesWan' });
}

async function upsert(exec: Executor, caller: Caller, unit: UnitRow, input: Omit<UnitFiguresInput, 'unitId'>, source: 'manual' | 'import') {
  const tenantId = caller.actor.tenantId;
  const [before] = await exec.select().from(reportUnitFigures).where(and(eq(reportUnitFigures.tenantId, tenantId), eq(reportUnitFigures.unitId, unit.id), eq(reportUnitFigures.year, input.year))).for('update');
  if ((before?.version ?? 0) !== input.version) throw staleVersion(`「${unit.name}」${input.year}年度的填报数据`);
  const values = { licensing: input.licensing, penalty: input.penalty, enforcement: input.enforcement, feesWan: roundWan(input.feesWan), note: input.note?.trim() || null, source, updatedBy: caller.actor.label, updatedAt: new Date() };
  if (before) {
    await exec
      .update(reportUnitFigures)
      .set({ ...values, version: before.version + 1 })
      .where(and(eq(reportUnitFigures.tenantId, tenantId), eq(reportUnitFigures.unitId, unit.id), eq(reportUnitFigures.year, input.year)));
  } else {
    await exec.insert(reportUnitFigures).values({ tenantId, unitId: unit.id, year: input.year, ...values });
  }
  await recordAudit(exec, caller.actor, {
    action: 'report.unit_figures',
    entityType: 'unit',
    entityId: unit.id,
    summary: `${source === 'import' ? '导入' : '填报'}「${unit.name}」${input.year}年度行政许可、行政处罚、行政强制和行政事业性收费数据`,
    before: before ? { licensing: before.licensing, penalty: before.penalty, enforcement: before.enforcement, feesWan: Number(before.feesWan) } : null,
    after: { licensing: values.licensing, penalty: values.penalty, enforcement: values.enforcement, feesWan: values.feesWan },
  });
}

export async function saveUnitFigures(exec: Executor, caller: Caller, input: UnitFiguresInput): Promise<UnitFiguresView> {
  checkFigures(input);
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, caller.actor.tenantId, input.unitId);
    assertCan(caller, 'reports.edit', unit, unit.name);
    await upsert(tx, caller, unit, input, 'manual');
    return (await listUnitFigures(tx, caller, input.year)).find((v) => v.unitId === unit.id)!;
  });
}

// ---- XLSX ------------------------------------------------------------------------------------------

/** The sheet to fill in: one row per reporting unit in the caller's scope, with what is entered so far. */
export async function unitFiguresXlsx(exec: Executor, caller: Caller, year: number): Promise<Buffer> {
  const list = await listUnitFigures(exec, caller, year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet(`${year}年度填报数据`, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, UNIT_FIGURE_COLUMNS.length);
  ws.getCell(1, 1).value = `${year}年度政府信息公开工作年度报告第二部分填报数据（行政许可、行政处罚、行政强制、行政事业性收费）`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const header = ws.addRow([...UNIT_FIGURE_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const v of list) ws.addRow([v.unitCode, v.unitName, v.licensing, v.penalty, v.enforcement, v.feesWan, v.note ?? '']);
  [12, 28, 16, 16, 16, 20, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).trim();
}

/** A figure sheet of a few hundred units is well under 1 MB unpacked. */
const MAX_SHEET_UNZIPPED = 50 * 1024 * 1024;

export interface ImportProblem {
  row: number;
  message: string;
}

/**
 * The figures of many units from the sheet above (or any sheet with a 单位编码 or 单位名称 column and those
 * headings), all or nothing: a row naming an unknown unit or holding a value that is not a count answers
 * 400 listing every such row; a unit the caller may not fill in, 403.
 */
export async function importUnitFigures(exec: Executor, caller: Caller, year: number, data: Uint8Array): Promise<{ updated: number; rows: number }> {
  // An .xlsx is a ZIP: refuse what is not one, or would inflate beyond any figure sheet, before unpacking it.
  const listing = listZip(data);
  if (!listing || !listing.entries.some((e) => e.name === 'xl/workbook.xml')) throw new AppError(415, 'NOT_XLSX', '文件无法读取：请上传 Excel（.xlsx）格式的填报表');
  if (listing.truncated || listing.totalUncompressed > MAX_SHEET_UNZIPPED) throw new AppError(413, 'FILE_TOO_LARGE', '填报表解压后过大，请只保留填报数据后再上传');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new AppError(415, 'NOT_XLSX', '文件无法读取：请上传 Excel（.xlsx）格式的填报表');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('表格中没有工作表');
  let headerRow = 0;
  const col: Record<string, number> = {};
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((c, n) => {
      const t = cellText(c.value).replace(/\s+/g, '');
      if (t === '单位名称' || t === '单位编码') headerRow = r;
      if (t === '单位编码') col.code = n;
      if (t === '单位名称') col.name = n;
      if (t.startsWith('行政许可')) col.licensing = n;
      if (t.startsWith('行政处罚')) col.penalty = n;
      if (t.startsWith('行政强制')) col.enforcement = n;
      if (t.startsWith('行政事业性收费')) col.feesWan = n;
      if (t === '备注') col.note = n;
    });
  }
  if (!headerRow) throw badRequest('未找到表头：前10行中没有“单位名称”或“单位编码”列');
  const missing = (['licensing', 'penalty', 'enforcement', 'feesWan'] as const).filter((k) => !col[k]);
  if (missing.length) throw badRequest(`表头缺少列：${missing.map((k) => ({ licensing: '行政许可', penalty: '行政处罚', enforcement: '行政强制', feesWan: '行政事业性收费' })[k]).join('、')}`);

  const tenantId = caller.actor.tenantId;
  const problems: ImportProblem[] = [];
  const parsed: { unit: UnitRow; licensing: number; penalty: number; enforcement: number; feesWan: number; note: string | null }[] = [];
  const count = (r: number, key: string, label: string, money = false): number | null => {
    const raw = cellText(ws.getRow(r).getCell(col[key]!).value);
    const n = raw === '' ? 0 : Number(raw.replace(/,/g, ''));
    if (!Number.isFinite(n) || n < 0 || (!money && !Number.isInteger(n))) {
      problems.push({ row: r, message: `第${r}行「${label}」应为不小于0的${money ? '数' : '整数'}，现为“${raw}”` });
      return null;
    }
    return n;
  };
  const seen = new Set<string>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const code = col.code ? cellText(ws.getRow(r).getCell(col.code).value) : '';
    const name = col.name ? cellText(ws.getRow(r).getCell(col.name).value) : '';
    if (!code && !name) continue;
    let unit: UnitRow | undefined;
    if (code) [unit] = await exec.select().from(units).where(and(eq(units.tenantId, tenantId), eq(units.code, code)));
    if (!unit && name) unit = await matchUnitName(exec, tenantId, name);
    if (!unit) {
      problems.push({ row: r, message: `第${r}行的单位“${name || code}”在本站点的单位中找不到` });
      continue;
    }
    if (!can(caller, 'reports.edit', unit)) throw forbidden(`您没有填报「${unit.name}」数据的权限（第${r}行），未导入任何数据`);
    if (seen.has(unit.id)) {
      problems.push({ row: r, message: `第${r}行：「${unit.name}」在表中出现了不止一次` });
      continue;
    }
    seen.add(unit.id);
    const licensing = count(r, 'licensing', '行政许可');
    const penalty = count(r, 'penalty', '行政处罚');
    const enforcement = count(r, 'enforcement', '行政强制');
    const feesWan = count(r, 'feesWan', '行政事业性收费', true);
    if (licensing === null || penalty === null || enforcement === null || feesWan === null) continue;
    parsed.push({ unit, licensing, penalty, enforcement, feesWan, note: col.note ? cellText(ws.getRow(r).getCell(col.note).value) || null : null });
  }
  if (problems.length) throw badRequest(`填报表有${problems.length}处问题，未导入任何数据：${problems[0]!.message}${problems.length > 1 ? '等' : ''}`, { problems });
  if (!parsed.length) throw badRequest('填报表中没有数据行');
  return exec.transaction(async (tx) => {
    for (const p of parsed) {
      const [before] = await tx.select({ version: reportUnitFigures.version }).from(reportUnitFigures).where(and(eq(reportUnitFigures.tenantId, tenantId), eq(reportUnitFigures.unitId, p.unit.id), eq(reportUnitFigures.year, year)));
      await upsert(tx, caller, p.unit, { year, licensing: p.licensing, penalty: p.penalty, enforcement: p.enforcement, feesWan: p.feesWan, note: p.note, version: before?.version ?? 0 }, 'import');
    }
    return { updated: parsed.length, rows: parsed.length };
  });
}
