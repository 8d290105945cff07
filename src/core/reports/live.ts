// The report's figures from the platform's own data: section 二 from the records (规章 and 行政规范性文件 by
// their validity) and the figures units enter (licensing, penalty and enforcement decisions, fee income);
// section 四 from the appeals recorded against replies; the fees of section 六 from the requests. Section
// 三 comes from src/core/requests/statistics.ts. How each figure is counted is stated here, once.
import type { LocalDate } from '../calendar/index.ts';
import { APPEAL_KINDS, type AppealKind } from './format.ts';
import { emptySection4, roundWan, type Section2v2021, type Section4 } from './model.ts';

// ---- section 二 ---------------------------------------------------------------------------------------

export interface DocumentFact {
  genre: 'rule' | 'normative_document';
  /** The record's state (src/core/publishing/workflow.ts). */
  state: string;
  /** 成文日期, else the day it was published. */
  writtenOn: LocalDate | null;
  publishedOn: LocalDate | null;
  validity: 'valid' | 'amended' | 'repealed' | 'expired' | null;
  validityChangedOn: LocalDate | null;
}

/** Figures a unit enters (or imports) for a year: decisions and fee income. */
export interface UnitFigures {
  licensing: number;
  penalty: number;
  enforcement: number;
  feesWan: number;
}

/**
 * How the documents are counted, for one year:
 * - only the current version of a published document counts (state 已发布: a superseded version is counted
 *   through the version that replaced it; drafts and withdrawn records are not documents issued);
 * - 本年制发件数: its 成文日期 (or, without one, its publication) falls in the year;
 * - 本年废止件数: it was repealed (已废止) or expired (已失效) on a day of the year;
 * - 现行有效件数: issued by the year's end and in force on 12月31日 — valid or amended (已修改 stays in force
 *   as amended), or repealed/expired only after the year ended.
 */
export function documentCounts(facts: readonly DocumentFact[], year: number): Pick<Section2v2021, 'rules' | 'normativeDocuments'> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const out = { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 0, repealed: 0, valid: 0 } };
  for (const f of facts) {
    if (f.state !== 'published') continue;
    const row = f.genre === 'rule' ? out.rules : out.normativeDocuments;
    const issuedOn = f.writtenOn ?? f.publishedOn;
    if (!issuedOn) continue;
    if (issuedOn >= first && issuedOn <= last) row.issued++;
    const ended = f.validity === 'repealed' || f.validity === 'expired';
    if (ended && f.validityChangedOn && f.validityChangedOn >= first && f.validityChangedOn <= last) row.repealed++;
    const inForce = !ended || (f.validityChangedOn !== null && f.validityChangedOn > last);
    if (issuedOn <= last && inForce) row.valid++;
  }
  return out;
}

export function sumUnitFigures(list: readonly UnitFigures[]): UnitFigures {
  const s = { licensing: 0, penalty: 0, enforcement: 0, feesWan: 0 };
  for (const f of list) {
    s.licensing += f.licensing;
    s.penalty += f.penalty;
    s.enforcement += f.enforcement;
    s.feesWan = roundWan(s.feesWan + f.feesWan);
  }
  return s;
}

export function section2(documents: readonly DocumentFact[], entered: readonly UnitFigures[], year: number): Section2v2021 {
  return { ...documentCounts(documents, year), ...sumUnitFigures(entered) };
}

// ---- section 四 ---------------------------------------------------------------------------------------

export interface AppealFact {
  path: 'reconsideration' | 'litigation' | 'litigation_after_reconsideration';
  outcome: 'upheld' | 'corrected' | 'other' | 'pending';
  filedOn: LocalDate;
  decidedOn: LocalDate | null;
}

const KIND_OF_PATH: Record<AppealFact['path'], AppealKind> = {
  reconsideration: 'reconsideration',
  litigation: 'litigation',
  litigation_after_reconsideration: 'litigationAfterReconsideration',
};

/**
 * How the appeals are counted: every 行政复议 and 行政诉讼 filed in the year (申请复议或起诉的日期 within it),
 * once, with its outcome as known on `asOf` (the day the figures are generated): decided by then →
 * 结果维持 / 结果纠正 / 其他结果; not decided by then (or decided later) → 尚未审结. A case filed in an
 * earlier year is not counted again in the year it is decided (it was counted, as 尚未审结, in its own).
 */
export function appealTable(facts: readonly AppealFact[], year: number, asOf: LocalDate): Section4 {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const out = emptySection4();
  for (const f of facts) {
    if (f.filedOn < first || f.filedOn > last) continue;
    const k = KIND_OF_PATH[f.path];
    const decided = f.outcome !== 'pending' && f.decidedOn !== null && f.decidedOn <= asOf;
    out[k][decided ? f.outcome : 'pending']++;
    out[k].total++;
  }
  return out;
}

export { APPEAL_KINDS };

// ---- section 六 ---------------------------------------------------------------------------------------

export interface FeeFact {
  amount: number | null;
  paidOn: LocalDate | null;
}

/** 信息处理费 collected in the year: the fees paid on a day of the year (元), and from how many requests. */
export function feeTotal(facts: readonly FeeFact[], year: number): { amountYuan: number; requests: number } {
  const y = String(year);
  let cents = 0;
  let requests = 0;
  for (const f of facts) {
    if (!f.paidOn || !f.amount || f.paidOn.slice(0, 4) !== y) continue;
    cents += Math.round(f.amount * 100);
    requests++;
  }
  return { amountYuan: cents / 100, requests };
}
