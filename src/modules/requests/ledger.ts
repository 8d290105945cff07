// The registration ledger (申请登记台账) as XLSX, and the request figures of the annual report (section 三)
// computed from the requests themselves (src/core/requests/statistics.ts). The ledger masks the applicant
// for whoever may not handle the request's unit, exactly as the console does.
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { APPLICANT_TYPE_LABELS, maskIdNumber, maskName } from '../../core/requests/applicant.ts';
import { CHANNEL_LABELS } from '../../core/requests/receipt.ts';
import { replyResult } from '../../core/requests/results.ts';
import { requestTable, type RequestFact, type RequestTable } from '../../core/requests/statistics.ts';
import { STATE_LABELS } from '../../core/requests/workflow.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import { unitScopeCondition } from '../org/units.ts';
import { disclosureRequests } from './schema.ts';
import { DELIVERY_LABELS, INFO_FORM_LABELS, type RequestFilter } from './service.ts';

export const LEDGER_COLUMNS = ['序号', '申请编号', '收到日期', '提交方式', '申请人类型', '申请人', '证件号码', '申请内容', '承办单位', '答复期限', '状态', '答复类型', '答复日期', '用时（工作日）', '逾期（工作日）', '提供形式', '获取方式'] as const;

export async function ledgerXlsx(exec: Executor, caller: Caller, f: RequestFilter): Promise<Buffer> {
  const conds = [eq(disclosureRequests.tenantId, caller.actor.tenantId)];
  const scope = unitScopeCondition(caller, 'requests.read');
  if (scope) conds.push(scope);
  if (f.unitId) conds.push(eq(disclosureRequests.unitId, f.unitId));
  if (f.state) conds.push(eq(disclosureRequests.state, f.state));
  if (f.overdue) conds.push(sql`${disclosureRequests.state} IN ('registered', 'awaiting_fee') AND ${disclosureRequests.dueOn} < ${todayLocal()}::date`);
  if (f.from) conds.push(sql`coalesce(${disclosureRequests.receivedOn}, ${disclosureRequests.arrivedOn}) >= ${f.from}::date`);
  if (f.to) conds.push(sql`coalesce(${disclosureRequests.receivedOn}, ${disclosureRequests.arrivedOn}) <= ${f.to}::date`);
  const rows = await exec
    .select({ r: disclosureRequests, unitName: units.name, unitPath: units.path })
    .from(disclosureRequests)
    .innerJoin(units, and(eq(units.tenantId, disclosureRequests.tenantId), eq(units.id, disclosureRequests.unitId)))
    .where(and(...conds))
    .orderBy(sql`coalesce(${disclosureRequests.receivedOn}, ${disclosureRequests.arrivedOn})`, disclosureRequests.number);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('申请登记台账', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const period = f.from || f.to ? `（${f.from ?? '…'} 至 ${f.to ?? '…'}）` : '';
  ws.getCell(1, 1).value = `政府信息公开申请登记台账${period}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.addRow([...LEDGER_COLUMNS]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  rows.forEach(({ r, unitName, unitPath }, i) => {
    const full = can(caller, 'requests.handle', { id: r.unitId, path: unitPath });
    const person = r.applicantType === 'natural_person';
    const row = ws.addRow([
      i + 1,
      r.number,
      r.receivedOn ?? `${r.arrivedOn}（待登记）`,
      CHANNEL_LABELS[r.channel],
      APPLICANT_TYPE_LABELS[r.applicantType],
      full || !person ? r.applicantName : maskName(r.applicantName),
      full || r.applicantIdType === 'credit_code' ? r.applicantIdNumber : maskIdNumber(r.applicantIdNumber),
      [r.infoTitle, r.infoDocNo, r.description].filter(Boolean).join('；'),
      unitName,
      r.dueOn ?? '',
      STATE_LABELS[r.state],
      r.result ? replyResult(r.result).short : '',
      r.repliedOn ?? '',
      r.workingDaysUsed ?? '',
      r.workingDaysLate ?? '',
      INFO_FORM_LABELS[r.infoForm],
      DELIVERY_LABELS[r.delivery],
    ]);
    row.eachCell((c) => {
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  const widths = [6, 16, 14, 12, 12, 14, 22, 48, 20, 12, 10, 26, 12, 10, 10, 8, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Section 三 of the annual report for a year, for the caller's scope or one unit (and its subtree). */
export async function requestStatistics(exec: Executor, caller: Caller, year: number, unitId?: string): Promise<RequestTable> {
  const conds = [eq(disclosureRequests.tenantId, caller.actor.tenantId), sql`${disclosureRequests.receivedOn} <= ${`${year}-12-31`}::date`];
  const scope = unitScopeCondition(caller, 'requests.read');
  if (scope) conds.push(scope);
  if (unitId) conds.push(sql`${units.path} @> ARRAY[${unitId}::uuid]`);
  const rows = await exec
    .select({ applicantType: disclosureRequests.applicantType, receivedOn: disclosureRequests.receivedOn, resultOn: disclosureRequests.resultOn, result: disclosureRequests.result })
    .from(disclosureRequests)
    .innerJoin(units, and(eq(units.tenantId, disclosureRequests.tenantId), eq(units.id, disclosureRequests.unitId)))
    .where(and(...conds));
  return requestTable(rows as RequestFact[], year);
}
