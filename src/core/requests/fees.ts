// 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号; rules/regulation.md §3). Providing
// information is free (Art. 42 of the regulation); a fee is charged only past a quantity or frequency,
// by one of two bases, both progressive (超额累进), never both for one request:
// - 按件计收 (Art. 4): per applicant per calendar month, the n-th request of the month costs
//   0 for n ≤ 10; 100元 for 11 ≤ n ≤ 30; from the 31st, bands of 10 requests, each band 100元 more
//   (31–40: 200元, 41–50: 300元, …).
// - 按量计收 (Art. 5): per request, by pages: the first 30 free; pages 31–100 at 10元; 101–200 at 20元;
//   from 201 at 40元.

export const FEE_BASES = ['per_request', 'per_page'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export const FEE_BASIS_LABELS: Record<FeeBasis, string> = {
  per_request: '按件计收',
  per_page: '按量计收',
};

/** The fee (yuan) of the n-th request (1-based) of one applicant in one calendar month. */
export function perRequestFee(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (2 + Math.floor((n - 31) / 10));
}

/** The fee (yuan) of one request answered with `pages` pages. */
export function perPageFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError(`pages must be a non-negative integer: ${pages}`);
  return 10 * Math.max(0, Math.min(pages, 100) - 30) + 20 * Math.max(0, Math.min(pages, 200) - 100) + 40 * Math.max(0, pages - 200);
}

export interface FeeComputation {
  basis: FeeBasis;
  amount: number;
  /** How it was computed, in Chinese, for the fee notice. */
  explanation: string;
}

/**
 * The fee of one request. For per_request, `n` is its place among the same applicant's requests in the
 * calendar month of its receipt (this one included); for per_page, `pages` is the volume provided.
 */
export function computeFee(input: { basis: 'per_request'; n: number } | { basis: 'per_page'; pages: number }): FeeComputation {
  if (input.basis === 'per_request') {
    const amount = perRequestFee(input.n);
    const band = input.n <= 10 ? '10件以内（含10件）不收费' : input.n <= 30 ? '11至30件（含30件）每件100元' : `31件以上每10件为一档，第${input.n}件所在档每件${amount}元`;
    return { basis: 'per_request', amount, explanation: `按件计收：该申请人本月第${input.n}件申请，${band}，应收${amount}元（国办函〔2020〕109号第四条）。` };
  }
  const p = input.pages;
  const amount = perPageFee(p);
  const parts: string[] = ['30页以内（含30页）不收费'];
  if (p > 30) parts.push(`31至${Math.min(p, 100)}页${Math.min(p, 100) - 30}页×10元`);
  if (p > 100) parts.push(`101至${Math.min(p, 200)}页${Math.min(p, 200) - 100}页×20元`);
  if (p > 200) parts.push(`201至${p}页${p - 200}页×40元`);
  return { basis: 'per_page', amount, explanation: `按量计收：共${p}页，${parts.join('，')}，合计${amount}元（国办函〔2020〕109号第五条）。` };
}
