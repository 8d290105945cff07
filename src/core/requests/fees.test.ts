import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFee, perPageFee, perRequestFee } from './fees.ts';

describe('信息处理费 (国办函〔2020〕109号)', () => {
  it('按件计收: free to 10 a month, 100元 to 30, then +100元 every 10', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51, 60, 61].map(perRequestFee)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400, 400, 500]);
    // A month of 35 requests: 20 × 100 + 5 × 200.
    expect(Array.from({ length: 35 }, (_, i) => perRequestFee(i + 1)).reduce((a, b) => a + b, 0)).toBe(3000);
  });
  it('按量计收: 30 pages free, then 10, 20 and 40 元 a page', () => {
    expect([0, 30, 31, 100, 101, 200, 201, 250].map(perPageFee)).toEqual([0, 0, 10, 700, 720, 2700, 2740, 4700]);
  });
  it('never decreases, and grows by exactly one page or request at a time', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), (p) => perPageFee(p + 1) - perPageFee(p) === (p + 1 <= 30 ? 0 : p + 1 <= 100 ? 10 : p + 1 <= 200 ? 20 : 40)));
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), (n) => perRequestFee(n + 1) >= perRequestFee(n)));
  });
  it('explains the computation for the fee notice', () => {
    expect(computeFee({ basis: 'per_page', pages: 120 })).toEqual({ basis: 'per_page', amount: 1100, explanation: expect.stringContaining('31至100页70页×10元，101至120页20页×20元，合计1100元') });
    expect(computeFee({ basis: 'per_request', n: 12 }).explanation).toContain('第12件');
  });
  it('refuses nonsense', () => {
    expect(() => perRequestFee(0)).toThrow();
    expect(() => perPageFee(-1)).toThrow();
    expect(() => perPageFee(1.5)).toThrow();
  });
});
