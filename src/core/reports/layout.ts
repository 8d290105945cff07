// The report's tables as grids of cells with their merges, exactly as the official template lays them out
// (rules/annual-report.md §2.2–2.4, §2.6): one description that the HTML page, the DOCX and the PDF all draw,
// so that the three never differ. Header cells say what they head (a column, a group of columns, a row or a
// group of rows), which the HTML turns into <th scope>.
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from '../requests/applicant.ts';
import { REPLY_RESULTS, RESULT_GROUP_LABELS, RESULT_GROUPS, type ResultCode, type ResultGroup } from '../requests/results.ts';
import { APPEAL_CELL_LABELS, APPEAL_CELLS, COUNT_COLUMNS, ITEM_LABEL, S2_2019, S2_2021, S3, S3_NOTE, S4, type ReportFormat } from './format.ts';
import { zeroCounts, type Counts, type ReportFigures, type Section2v2019, type Section2v2021, type Section3, type Section4 } from './model.ts';

export type HeaderScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** A header cell, and what it heads; data cells have none. */
  header?: HeaderScope;
  align?: 'left' | 'center';
}

export interface Grid {
  /** What the table is (the HTML <caption>; in print, the block's full-width first row where the template has one). */
  caption: string;
  columns: number;
  /** Relative widths of the columns, for print. */
  widths: number[];
  /** Rows at the top that are column headers (repeated in print, bold). */
  headerRows: number;
  rows: GridCell[][];
}

const num = (n: number): GridCell => ({ text: String(n), align: 'center' });
const head = (text: string, scope: HeaderScope, span: { colSpan?: number; rowSpan?: number } = {}): GridCell => ({ text, header: scope, align: 'center', ...span });
const rowHead = (text: string, span: { colSpan?: number; rowSpan?: number } = {}, scope: HeaderScope = 'row'): GridCell => ({ text, header: scope, align: 'left', ...span });

/** 万元 to at most four decimals, without trailing zeros. */
export function formatWan(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

// ---- section 二 ---------------------------------------------------------------------------------------

/** Section 二 (2021): four blocks of a four-column grid; the single-value cells span three columns. */
function section2v2021(s: Section2v2021): Grid[] {
  const widths = [3, 2, 2, 2];
  const wide = (text: string): GridCell => ({ text, colSpan: 3, align: 'center' });
  return [
    {
      caption: S2_2021.item1,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2021.issued, 'col'), head(S2_2021.repealed, 'col'), head(S2_2021.valid, 'col')],
        [rowHead(S2_2021.rules), num(s.rules.issued), num(s.rules.repealed), num(s.rules.valid)],
        [rowHead(S2_2021.normativeDocuments), num(s.normativeDocuments.issued), num(s.normativeDocuments.repealed), num(s.normativeDocuments.valid)],
      ],
    },
    {
      caption: S2_2021.item5,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2021.decisions, 'col', { colSpan: 3 })],
        [rowHead(S2_2021.licensing), wide(String(s.licensing))],
      ],
    },
    {
      caption: S2_2021.item6,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2021.decisions, 'col', { colSpan: 3 })],
        [rowHead(S2_2021.penalty), wide(String(s.penalty))],
        [rowHead(S2_2021.enforcement), wide(String(s.enforcement))],
      ],
    },
    {
      caption: S2_2021.item8,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2021.feeAmount, 'col', { colSpan: 3 })],
        [rowHead(S2_2021.fees), wide(formatWan(s.feesWan))],
      ],
    },
  ];
}

/** Section 二 (2019 layout): five blocks, four columns; the shorter blocks' last cell spans what is left. */
function section2v2019(s: Section2v2019): Grid[] {
  const widths = [3, 2, 2, 2];
  const item = (caption: string, rows: [string, Section2v2019['licensing']][]): Grid => ({
    caption,
    columns: 4,
    widths,
    headerRows: 1,
    rows: [
      [head(ITEM_LABEL, 'col'), head(S2_2019.previous, 'col'), head(S2_2019.change, 'col'), head(S2_2019.decisions, 'col')],
      ...rows.map(([label, v]) => [rowHead(label), num(v.previous), num(v.change), num(v.decisions)]),
    ],
  });
  return [
    {
      caption: S2_2019.item1,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2019.made, 'col'), head(S2_2019.published, 'col'), head(S2_2019.total, 'col')],
        [rowHead(S2_2019.rules), num(s.rules.made), num(s.rules.published), num(s.rules.total)],
        [rowHead(S2_2019.normativeDocuments), num(s.normativeDocuments.made), num(s.normativeDocuments.published), num(s.normativeDocuments.total)],
      ],
    },
    item(S2_2019.item5, [
      [S2_2019.licensing, s.licensing],
      [S2_2019.otherServices, s.otherServices],
    ]),
    item(S2_2019.item6, [
      [S2_2019.penalty, s.penalty],
      [S2_2019.enforcement, s.enforcement],
    ]),
    {
      caption: S2_2019.item8,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2019.previous, 'col'), head(S2_2019.change, 'col', { colSpan: 2 })],
        [rowHead(S2_2019.fees), num(s.fees.previous), { text: String(s.fees.change), colSpan: 2, align: 'center' }],
      ],
    },
    {
      caption: S2_2019.item9,
      columns: 4,
      widths,
      headerRows: 1,
      rows: [
        [head(ITEM_LABEL, 'col'), head(S2_2019.procurementCount, 'col'), head(S2_2019.procurementAmount, 'col', { colSpan: 2 })],
        [rowHead(S2_2019.procurement), num(s.procurement.count), { text: formatWan(s.procurement.amount), colSpan: 2, align: 'center' }],
      ],
    },
  ];
}

export function section2Grids(f: ReportFigures): Grid[] {
  return f.format === '2021' ? section2v2021(f.section2) : section2v2019(f.section2);
}

// ---- section 三 ---------------------------------------------------------------------------------------

const counts7 = (c: Counts): GridCell[] => COUNT_COLUMNS.map((k) => num(c[k]));

/** The result rows of a group, with the group's own cell spanning them (2019: （六） is one row). */
function groupRows(s: Section3, group: ResultGroup, format: ReportFormat): GridCell[][] {
  const subs = REPLY_RESULTS.filter((r) => r.group === group);
  if (group === 'disclosed' || group === 'partial') {
    const r = subs[0]!;
    return [[rowHead(r.label, { colSpan: 2 }), ...counts7(s.results[r.code as ResultCode])]];
  }
  if (group === 'other' && format === '2019') {
    const sum = zeroCounts();
    for (const r of subs) for (const k of COUNT_COLUMNS) sum[k] += s.results[r.code as ResultCode][k];
    return [[rowHead(RESULT_GROUP_LABELS.other, { colSpan: 2 }), ...counts7(sum)]];
  }
  return subs.map((r, i) => [...(i === 0 ? [rowHead(RESULT_GROUP_LABELS[group], { rowSpan: subs.length }, 'rowgroup')] : []), rowHead(r.label), ...counts7(s.results[r.code as ResultCode])]);
}

/** The request table: 10 columns, the top-left note over 3 × 3 cells, 三、本年度办理结果 over 22 rows (2019: 20). */
export function section3Grid(s: Section3, format: ReportFormat): Grid {
  const orgTypes = APPLICANT_TYPES.filter((t) => t !== 'natural_person');
  const resultRows = RESULT_GROUPS.flatMap((g) => groupRows(s, g, format));
  resultRows.push([rowHead(S3.resultsTotal, { colSpan: 2 }), ...counts7(s.resultsTotal)]);
  resultRows[0]!.unshift(rowHead(S3.results, { rowSpan: resultRows.length }, 'rowgroup'));
  return {
    caption: '收到和处理政府信息公开申请情况',
    columns: 10,
    widths: [1.1, 2.0, 6.5, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2],
    headerRows: 3,
    rows: [
      [{ text: S3_NOTE, colSpan: 3, rowSpan: 3, align: 'center' }, head(S3.applicants, 'colgroup', { colSpan: 7 })],
      [head(S3.naturalPerson, 'col', { rowSpan: 2 }), head(S3.organisations, 'colgroup', { colSpan: 5 }), head(S3.total, 'col', { rowSpan: 2 })],
      orgTypes.map((t) => head(APPLICANT_TYPE_LABELS[t], 'col')),
      [rowHead(S3.newThisYear, { colSpan: 3 }), ...counts7(s.newThisYear)],
      [rowHead(S3.carriedOver, { colSpan: 3 }), ...counts7(s.carriedOver)],
      ...resultRows,
      [rowHead(S3.carriedForward, { colSpan: 3 }), ...counts7(s.carriedForward)],
    ],
  };
}

// ---- section 四 ---------------------------------------------------------------------------------------

/** The appeals table: 15 numbers under a three-row header. */
export function section4Grid(s: Section4): Grid {
  const five = (k: keyof Section4) => APPEAL_CELLS.map((c) => num(s[k][c]));
  const subHeads = () => APPEAL_CELLS.map((c) => head(APPEAL_CELL_LABELS[c], 'col'));
  return {
    caption: '政府信息公开行政复议、行政诉讼情况',
    columns: 15,
    widths: Array.from({ length: 15 }, () => 1),
    headerRows: 3,
    rows: [
      [head(S4.reconsideration, 'colgroup', { colSpan: 5 }), head(S4.litigationGroup, 'colgroup', { colSpan: 10 })],
      [...APPEAL_CELLS.map((c) => head(APPEAL_CELL_LABELS[c], 'col', { rowSpan: 2 })), head(S4.litigation, 'colgroup', { colSpan: 5 }), head(S4.litigationAfterReconsideration, 'colgroup', { colSpan: 5 })],
      [...subHeads(), ...subHeads()],
      [...five('reconsideration'), ...five('litigation'), ...five('litigationAfterReconsideration')],
    ],
  };
}

/**
 * The grid with its merges resolved: for every (row, column) position, the cell that covers it and
 * whether that position is the cell's top-left. Used to check a layout and by renderers without merges.
 */
export function occupancy(g: Grid): { cell: GridCell; origin: boolean }[][] {
  const out: ({ cell: GridCell; origin: boolean } | undefined)[][] = g.rows.map(() => Array.from({ length: g.columns }, () => undefined));
  g.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < g.columns && out[r]![c]) c++;
      if (c >= g.columns) throw new Error(`第${r + 1}行的单元格超出${g.columns}列`);
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          const line = out[r + dr];
          if (!line) throw new Error(`第${r + 1}行的单元格向下合并超出表格`);
          if (line[c + dc]) throw new Error(`第${r + dr + 1}行第${c + dc + 1}列被两个单元格覆盖`);
          if (c + dc >= g.columns) throw new Error(`第${r + 1}行的单元格向右合并超出${g.columns}列`);
          line[c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colSpan ?? 1;
    }
  });
  out.forEach((line, r) =>
    line.forEach((x, c) => {
      if (!x) throw new Error(`第${r + 1}行第${c + 1}列没有单元格`);
    }),
  );
  return out as { cell: GridCell; origin: boolean }[][];
}
