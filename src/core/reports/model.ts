// The figures of an annual report: the section 二 table (in the 2021 format or the 2019 layout), the
// section 三 request table (seven columns per row), the section 四 appeals table (15 numbers) and the
// information-processing fees reported in section 六. Plain data, stored with the report as generated
// (and as adjusted or imported), so that a published report never changes when the data behind it does.
import { APPLICANT_TYPES } from '../requests/applicant.ts';
import { RESULT_CODES, type ResultCode } from '../requests/results.ts';
import type { RequestTable } from '../requests/statistics.ts';
import { APPEAL_CELLS, APPEAL_KINDS, COUNT_COLUMNS, type AppealCell, type AppealKind, type CountColumn, type ReportFormat } from './format.ts';

export type Counts = Record<CountColumn, number>;

export interface Section3 {
  newThisYear: Counts;
  carriedOver: Counts;
  results: Record<ResultCode, Counts>;
  resultsTotal: Counts;
  carriedForward: Counts;
}

export type AppealCounts = Record<AppealCell, number>;
export type Section4 = Record<AppealKind, AppealCounts>;

/** Section 二, 2021 format: documents by their validity, decisions, and fee income in 万元. */
export interface Section2v2021 {
  rules: { issued: number; repealed: number; valid: number };
  normativeDocuments: { issued: number; repealed: number; valid: number };
  licensing: number;
  penalty: number;
  enforcement: number;
  /** 行政事业性收费, 本年收费金额（单位：万元）. */
  feesWan: number;
}

export interface ItemCounts2019 {
  previous: number;
  change: number;
  decisions: number;
}

/** Section 二, 2019 layout: kept as it was reported (imported, never computed). */
export interface Section2v2019 {
  rules: { made: number; published: number; total: number };
  normativeDocuments: { made: number; published: number; total: number };
  licensing: ItemCounts2019;
  otherServices: ItemCounts2019;
  penalty: ItemCounts2019;
  enforcement: ItemCounts2019;
  fees: { previous: number; change: number };
  procurement: { count: number; amount: number };
}

interface FiguresBase {
  section3: Section3;
  section4: Section4;
  /** 信息处理费 actually collected in the year (元), and from how many requests; null when not known. */
  fees: { amountYuan: number; requests: number } | null;
}

export type ReportFigures = (FiguresBase & { format: '2021'; section2: Section2v2021 }) | (FiguresBase & { format: '2019'; section2: Section2v2019 });

export const zeroCounts = (): Counts => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Counts;
export const zeroAppeals = (): AppealCounts => Object.fromEntries(APPEAL_CELLS.map((c) => [c, 0])) as AppealCounts;

export function emptySection3(): Section3 {
  return {
    newThisYear: zeroCounts(),
    carriedOver: zeroCounts(),
    results: Object.fromEntries(RESULT_CODES.map((c) => [c, zeroCounts()])) as Record<ResultCode, Counts>,
    resultsTotal: zeroCounts(),
    carriedForward: zeroCounts(),
  };
}

export function emptySection4(): Section4 {
  return Object.fromEntries(APPEAL_KINDS.map((k) => [k, zeroAppeals()])) as Section4;
}

export function emptySection2(format: '2021'): Section2v2021;
export function emptySection2(format: '2019'): Section2v2019;
export function emptySection2(format: ReportFormat): Section2v2021 | Section2v2019;
export function emptySection2(format: ReportFormat): Section2v2021 | Section2v2019 {
  if (format === '2021') return { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 0, repealed: 0, valid: 0 }, licensing: 0, penalty: 0, enforcement: 0, feesWan: 0 };
  const item = () => ({ previous: 0, change: 0, decisions: 0 });
  return {
    rules: { made: 0, published: 0, total: 0 },
    normativeDocuments: { made: 0, published: 0, total: 0 },
    licensing: item(),
    otherServices: item(),
    penalty: item(),
    enforcement: item(),
    fees: { previous: 0, change: 0 },
    procurement: { count: 0, amount: 0 },
  };
}

export function emptyFigures(format: ReportFormat): ReportFigures {
  const base = { section3: emptySection3(), section4: emptySection4(), fees: format === '2021' ? { amountYuan: 0, requests: 0 } : null };
  return format === '2021' ? { format, section2: emptySection2('2021'), ...base } : { format, section2: emptySection2('2019'), ...base };
}

/** Section 三 from the requests' own table (src/core/requests/statistics.ts). */
export function section3FromTable(t: RequestTable): Section3 {
  const copy = (c: RequestTable['newThisYear']): Counts => Object.fromEntries(COUNT_COLUMNS.map((k) => [k, c[k]])) as Counts;
  return {
    newThisYear: copy(t.newThisYear),
    carriedOver: copy(t.carriedOver),
    results: Object.fromEntries(RESULT_CODES.map((c) => [c, copy(t.results[c])])) as Record<ResultCode, Counts>,
    resultsTotal: copy(t.resultsTotal),
    carriedForward: copy(t.carriedForward),
  };
}

/** Section 三 with every row's 总计 recomputed from its applicant columns and （七）总计 from the result rows. */
export function completeSection3(s: Section3): Section3 {
  const withTotal = (c: Counts): Counts => ({ ...c, total: APPLICANT_TYPES.reduce((n, t) => n + c[t], 0) });
  const results = Object.fromEntries(RESULT_CODES.map((code) => [code, withTotal(s.results[code])])) as Record<ResultCode, Counts>;
  const resultsTotal = zeroCounts();
  for (const code of RESULT_CODES) for (const col of COUNT_COLUMNS) resultsTotal[col] += results[code][col];
  return { newThisYear: withTotal(s.newThisYear), carriedOver: withTotal(s.carriedOver), results, resultsTotal, carriedForward: withTotal(s.carriedForward) };
}

/** Section 四 with each 总计 recomputed from its four parts. */
export function completeSection4(s: Section4): Section4 {
  return Object.fromEntries(APPEAL_KINDS.map((k) => [k, { ...s[k], total: s[k].upheld + s[k].corrected + s[k].other + s[k].pending }])) as Section4;
}

// ---- sums (roll-up, a government's subtree) --------------------------------------------------------------

function addCounts(a: Counts, b: Counts): Counts {
  return Object.fromEntries(COUNT_COLUMNS.map((c) => [c, a[c] + b[c]])) as Counts;
}

export function addSection3(a: Section3, b: Section3): Section3 {
  return {
    newThisYear: addCounts(a.newThisYear, b.newThisYear),
    carriedOver: addCounts(a.carriedOver, b.carriedOver),
    results: Object.fromEntries(RESULT_CODES.map((c) => [c, addCounts(a.results[c], b.results[c])])) as Record<ResultCode, Counts>,
    resultsTotal: addCounts(a.resultsTotal, b.resultsTotal),
    carriedForward: addCounts(a.carriedForward, b.carriedForward),
  };
}

export function addSection4(a: Section4, b: Section4): Section4 {
  return Object.fromEntries(APPEAL_KINDS.map((k) => [k, Object.fromEntries(APPEAL_CELLS.map((c) => [c, a[k][c] + b[k][c]]))])) as Section4;
}

/** Money in 万元 to four decimals (one 元), without binary-fraction noise. */
export function roundWan(n: number): number {
  return Math.round(n * 10000) / 10000;
}

export function addSection2v2021(a: Section2v2021, b: Section2v2021): Section2v2021 {
  return {
    rules: { issued: a.rules.issued + b.rules.issued, repealed: a.rules.repealed + b.rules.repealed, valid: a.rules.valid + b.rules.valid },
    normativeDocuments: {
      issued: a.normativeDocuments.issued + b.normativeDocuments.issued,
      repealed: a.normativeDocuments.repealed + b.normativeDocuments.repealed,
      valid: a.normativeDocuments.valid + b.normativeDocuments.valid,
    },
    licensing: a.licensing + b.licensing,
    penalty: a.penalty + b.penalty,
    enforcement: a.enforcement + b.enforcement,
    feesWan: roundWan(a.feesWan + b.feesWan),
  };
}

/**
 * The sum of several reports' tables (the roll-up of member governments). Sections 三 and 四 are the same
 * in both formats and always add up; section 二 adds up over the 2021-format reports only (the 2019
 * layout counts other things), and `section2Reports` says how many that were.
 */
export function sumFigures(list: readonly ReportFigures[]): { figures: ReportFigures & { format: '2021' }; section2Reports: number } {
  const out = emptyFigures('2021') as ReportFigures & { format: '2021' };
  let section2Reports = 0;
  for (const f of list) {
    out.section3 = addSection3(out.section3, f.section3);
    out.section4 = addSection4(out.section4, f.section4);
    if (f.fees) out.fees = { amountYuan: Math.round((out.fees!.amountYuan + f.fees.amountYuan) * 100) / 100, requests: out.fees!.requests + f.fees.requests };
    if (f.format === '2021') {
      out.section2 = addSection2v2021(out.section2, f.section2);
      section2Reports++;
    }
  }
  return { figures: out, section2Reports };
}
