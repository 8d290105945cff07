// The roll-up as a workbook: which member governments published their report for the year, then the sums
// of their tables, laid out as the report's own tables (the same grids as the HTML, DOCX and PDF, merges
// included), one worksheet per section.
import ExcelJS from 'exceljs';
import { printGrid } from '../../core/reports/document.ts';
import { occupancy, section2Grids, section3Grid, section4Grid, type Grid } from '../../core/reports/layout.ts';
import type { Rollup } from './service.ts';

const thin = { style: 'thin' as const };
const box = { top: thin, bottom: thin, left: thin, right: thin };

/** Writes a grid at `top` (1-based row), merging what the template merges; returns the next free row. */
function writeGrid(ws: ExcelJS.Worksheet, g: Grid, top: number): number {
  const occ = occupancy(g);
  occ.forEach((line, r) =>
    line.forEach((x, c) => {
      const cell = ws.getCell(top + r, c + 1);
      cell.border = box;
      if (!x.origin) return;
      const v = x.cell.text;
      cell.value = /^-?\d+(\.\d+)?$/.test(v) && !x.cell.header ? Number(v) : v;
      cell.alignment = { horizontal: x.cell.align === 'left' ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (x.cell.header) cell.font = { bold: true };
      const rs = x.cell.rowSpan ?? 1;
      const cs = x.cell.colSpan ?? 1;
      if (rs > 1 || cs > 1) ws.mergeCells(top + r, c + 1, top + r + rs - 1, c + cs);
    }),
  );
  return top + g.rows.length;
}

export async function rollupXlsx(r: Rollup, tenantName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const list = wb.addWorksheet('发布情况');
  list.addRow([`${tenantName}所属政府${r.year}年度政府信息公开工作年度报告发布情况（已发布 ${r.published} / ${r.members.length}）`]).font = { bold: true, size: 13 };
  list.mergeCells(1, 1, 1, 4);
  const head = list.addRow(['序号', '政府', '报告', '发布时间']);
  head.font = { bold: true };
  r.members.forEach((m, i) => list.addRow([i + 1, m.name, m.report?.title ?? '未发布', m.report?.publishedAt ? m.report.publishedAt.slice(0, 10) : '']));
  [8, 28, 56, 14].forEach((w, i) => (list.getColumn(i + 1).width = w));

  const sheet = (name: string, title: string, g: Grid, widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    ws.mergeCells(1, 1, 1, g.columns);
    writeGrid(ws, g, 2);
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  };
  const note = r.section2Reports < r.published ? `（按2021年格式的${r.section2Reports}份报告汇总）` : '';
  sheet('二、主动公开', `二、主动公开政府信息情况（汇总）${note}`, printGrid(section2Grids(r.summary), true), [24, 16, 16, 16]);
  sheet('三、依申请公开', '三、收到和处理政府信息公开申请情况（汇总）', section3Grid(r.summary.section3, '2021'), [8, 14, 40, 9, 9, 9, 9, 9, 9, 9]);
  sheet('四、复议诉讼', '四、政府信息公开行政复议、行政诉讼情况（汇总）', section4Grid(r.summary.section4), Array.from({ length: 15 }, () => 8));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
