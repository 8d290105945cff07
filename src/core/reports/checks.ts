// The checks a report must pass before it is published, each naming the cell that fails (rules/annual-
// report.md §2.3–2.4): in the request table, every row's 总计 equals the sum of its applicant columns;
// （七）总计 equals the sum of all result rows; per column, 一 + 二 = 三（七）总计 + 四 (the table's own 勾稽关系);
// the year's 上年结转 equals last year's 结转下年度继续办理; in the appeals table, each 总计 equals its four
// parts. Every figure is a whole number that is not negative (本年增/减 of the 2019 layout may be negative).
import { APPLICANT_TYPES } from '../requests/applicant.ts';
import { RESULT_CODES, replyResult, RESULT_GROUP_LABELS, type ResultCode } from '../requests/results.ts';
import { APPEAL_CELL_LABELS, APPEAL_CELLS, APPEAL_KINDS, appealGroupName, columnName, COUNT_COLUMNS, S2_2019, S2_2021, S3, type CountColumn } from './format.ts';
import type { Counts, ReportFigures, Section3 } from './model.ts';

export type CheckCode = 'NOT_A_COUNT' | 'ROW_TOTAL' | 'RESULTS_TOTAL' | 'BALANCE' | 'CARRY_OVER' | 'APPEAL_TOTAL' | 'NARRATIVE_EMPTY' | 'NARRATIVE_TODO' | 'NARRATIVE_PLACEHOLDER';

export interface CheckFinding {
  code: CheckCode;
  /** 二, 三, 四 for the tables; 一, 五, 六 (or 前言) for the text. */
  section: string;
  /** The failing cell, e.g. 第三部分表格「（一）予以公开」行「总计」列. */
  cell: string;
  /** The row's and column's labels, verbatim (when the finding is about a cell of a table). */
  row?: string;
  column?: string;
  expected?: number;
  actual?: number;
  /** A sentence for the person who fixes it, naming the cell. */
  message: string;
}

/** The label of a result row as the reader of the table sees it: the sub-row under its group. */
export function resultRowName(code: ResultCode, format: '2021' | '2019' = '2021'): string {
  const r = replyResult(code);
  if (format === '2019' && r.group === 'other') return RESULT_GROUP_LABELS.other;
  return r.group === 'disclosed' || r.group === 'partial' ? r.label : `${RESULT_GROUP_LABELS[r.group]}${r.label}`;
}

type RowKey = 'newThisYear' | 'carriedOver' | 'resultsTotal' | 'carriedForward' | ResultCode;

function rows(s: Section3): { key: RowKey; label: string; counts: Counts }[] {
  return [
    { key: 'newThisYear', label: S3.newThisYear, counts: s.newThisYear },
    { key: 'carriedOver', label: S3.carriedOver, counts: s.carriedOver },
    ...RESULT_CODES.map((c) => ({ key: c as RowKey, label: resultRowName(c), counts: s.results[c] })),
    { key: 'resultsTotal', label: S3.resultsTotal, counts: s.resultsTotal },
    { key: 'carriedForward', label: S3.carriedForward, counts: s.carriedForward },
  ];
}

const cell3 = (row: string, c: CountColumn) => `第三部分表格「${row}」行${columnName(c)}`;

function isCount(n: unknown, allowNegative = false): boolean {
  return typeof n === 'number' && Number.isInteger(n) && (allowNegative || n >= 0);
}

/** Section 二: whole numbers, not negative (本年增/减 may be); amounts not negative. */
function section2Findings(f: ReportFigures): CheckFinding[] {
  const out: CheckFinding[] = [];
  const bad = (row: string, column: string, value: unknown, money = false) => {
    const ok = money ? typeof value === 'number' && Number.isFinite(value) && value >= 0 : isCount(value);
    if (!ok) {
      out.push({
        code: 'NOT_A_COUNT',
        section: '二',
        cell: `第二部分表格「${row}」行「${column}」`,
        row,
        column,
        message: `第二部分表格「${row}」行「${column}」应为${money ? '不小于0的金额' : '不小于0的整数'}，现为 ${String(value)}`,
      });
    }
  };
  if (f.format === '2021') {
    const s = f.section2;
    for (const [key, label] of [['rules', S2_2021.rules], ['normativeDocuments', S2_2021.normativeDocuments]] as const) {
      bad(label, S2_2021.issued, s[key].issued);
      bad(label, S2_2021.repealed, s[key].repealed);
      bad(label, S2_2021.valid, s[key].valid);
    }
    bad(S2_2021.licensing, S2_2021.decisions, s.licensing);
    bad(S2_2021.penalty, S2_2021.decisions, s.penalty);
    bad(S2_2021.enforcement, S2_2021.decisions, s.enforcement);
    bad(S2_2021.fees, S2_2021.feeAmount, s.feesWan, true);
  } else {
    const s = f.section2;
    for (const [key, label] of [['rules', S2_2019.rules], ['normativeDocuments', S2_2019.normativeDocuments]] as const) {
      bad(label, S2_2019.made, s[key].made);
      bad(label, S2_2019.published, s[key].published);
      bad(label, S2_2019.total, s[key].total);
    }
    for (const [key, label] of [['licensing', S2_2019.licensing], ['otherServices', S2_2019.otherServices], ['penalty', S2_2019.penalty], ['enforcement', S2_2019.enforcement]] as const) {
      bad(label, S2_2019.previous, s[key].previous);
      if (!isCount(s[key].change, true)) bad(label, S2_2019.change, s[key].change);
      bad(label, S2_2019.decisions, s[key].decisions);
    }
    bad(S2_2019.fees, S2_2019.previous, s.fees.previous);
    if (!isCount(s.fees.change, true)) bad(S2_2019.fees, S2_2019.change, s.fees.change);
    bad(S2_2019.procurement, S2_2019.procurementCount, s.procurement.count);
    bad(S2_2019.procurement, S2_2019.procurementAmount, s.procurement.amount, true);
  }
  return out;
}

/** The previous year's carry-forward, when there is a report on that year to compare with. */
export interface PreviousReport {
  year: number;
  carriedForward: Counts;
}

/** Every failing check of the figures, the most specific first (a wrong cell before the sums it spoils). */
export function checkFigures(f: ReportFigures, previous?: PreviousReport | null): CheckFinding[] {
  const out: CheckFinding[] = section2Findings(f);
  const s = f.section3;

  // Every cell a whole number, not negative.
  for (const r of rows(s)) {
    for (const c of COUNT_COLUMNS) {
      const v = r.counts[c];
      if (!isCount(v)) out.push({ code: 'NOT_A_COUNT', section: '三', cell: cell3(r.label, c), row: r.label, column: columnName(c), actual: v, message: `${cell3(r.label, c)}应为不小于0的整数，现为 ${String(v)}` });
    }
  }
  for (const k of APPEAL_KINDS) {
    for (const c of APPEAL_CELLS) {
      const v = f.section4[k][c];
      if (!isCount(v)) out.push({ code: 'NOT_A_COUNT', section: '四', cell: `第四部分表格${appealGroupName(k)}「${APPEAL_CELL_LABELS[c]}」`, column: APPEAL_CELL_LABELS[c], actual: v, message: `第四部分表格${appealGroupName(k)}「${APPEAL_CELL_LABELS[c]}」应为不小于0的整数，现为 ${String(v)}` });
    }
  }
  if (out.length) return out; // sums of things that are not counts say nothing more

  // 总计 column = 自然人 + the five 法人或其他组织 columns, on every row.
  for (const r of rows(s)) {
    const sum = APPLICANT_TYPES.reduce((n, t) => n + r.counts[t], 0);
    if (sum !== r.counts.total) {
      const parts = APPLICANT_TYPES.map((t) => r.counts[t]).join(' + ');
      out.push({ code: 'ROW_TOTAL', section: '三', cell: cell3(r.label, 'total'), row: r.label, column: S3.total, expected: sum, actual: r.counts.total, message: `${cell3(r.label, 'total')}为 ${r.counts.total}，应等于自然人与法人或其他组织各列之和 ${parts} = ${sum}` });
    }
  }
  // （七）总计 = the sum of all result rows, per column.
  for (const c of COUNT_COLUMNS) {
    const sum = RESULT_CODES.reduce((n, code) => n + s.results[code][c], 0);
    if (sum !== s.resultsTotal[c]) {
      out.push({
        code: 'RESULTS_TOTAL',
        section: '三',
        cell: cell3(S3.resultsTotal, c),
        row: S3.resultsTotal,
        column: columnName(c),
        expected: sum,
        actual: s.resultsTotal[c],
        message: `${cell3(S3.resultsTotal, c)}为 ${s.resultsTotal[c]}，应等于（一）至（六）各项办理结果之和 ${sum}`,
      });
    }
  }
  // 一 + 二 = 三（七）总计 + 四, per column.
  for (const c of COUNT_COLUMNS) {
    const left = s.newThisYear[c] + s.carriedOver[c];
    const right = s.resultsTotal[c] + s.carriedForward[c];
    if (left !== right) {
      out.push({
        code: 'BALANCE',
        section: '三',
        cell: `第三部分表格${columnName(c)}`,
        row: S3.carriedForward,
        column: columnName(c),
        expected: left - s.resultsTotal[c],
        actual: s.carriedForward[c],
        message: `第三部分表格${columnName(c)}不符合勾稽关系：第一项（${s.newThisYear[c]}）加第二项（${s.carriedOver[c]}）之和为 ${left}，第三项（七）总计（${s.resultsTotal[c]}）加第四项（${s.carriedForward[c]}）之和为 ${right}，两者应相等`,
      });
    }
  }
  // This year's 上年结转 = last year's 结转下年度继续办理.
  if (previous) {
    for (const c of COUNT_COLUMNS) {
      if (s.carriedOver[c] !== previous.carriedForward[c]) {
        out.push({
          code: 'CARRY_OVER',
          section: '三',
          cell: cell3(S3.carriedOver, c),
          row: S3.carriedOver,
          column: columnName(c),
          expected: previous.carriedForward[c],
          actual: s.carriedOver[c],
          message: `${cell3(S3.carriedOver, c)}为 ${s.carriedOver[c]}，与${previous.year}年度报告「${S3.carriedForward}」的 ${previous.carriedForward[c]} 不一致`,
        });
      }
    }
  }
  // Each 总计 of the appeals table = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
  for (const k of APPEAL_KINDS) {
    const a = f.section4[k];
    const sum = a.upheld + a.corrected + a.other + a.pending;
    if (sum !== a.total) {
      out.push({
        code: 'APPEAL_TOTAL',
        section: '四',
        cell: `第四部分表格${appealGroupName(k)}「总计」`,
        column: '总计',
        expected: sum,
        actual: a.total,
        message: `第四部分表格${appealGroupName(k)}「总计」为 ${a.total}，应等于结果维持（${a.upheld}）、结果纠正（${a.corrected}）、其他结果（${a.other}）、尚未审结（${a.pending}）之和 ${sum}`,
      });
    }
  }
  return out;
}
