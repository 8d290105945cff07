import { describe, expect, it } from 'vitest';
import { appealTable, documentCounts, feeTotal, section2, type DocumentFact } from './live.ts';

const doc = (o: Partial<DocumentFact>): DocumentFact => ({ genre: 'normative_document', state: 'published', writtenOn: '2025-03-01', publishedOn: '2025-03-05', validity: 'valid', validityChangedOn: null, ...o });

describe('documentCounts', () => {
  it('counts issued, repealed and in force at the year’s end, current published versions only', () => {
    const c = documentCounts(
      [
        doc({}),
        doc({ genre: 'rule' }),
        doc({ writtenOn: '2023-06-01', validity: 'repealed', validityChangedOn: '2025-07-01' }), // repealed this year
        doc({ writtenOn: '2023-06-01', validity: 'expired', validityChangedOn: '2025-12-31' }), // expired this year
        doc({ writtenOn: '2022-06-01', validity: 'repealed', validityChangedOn: '2026-02-01' }), // still in force on 12-31
        doc({ writtenOn: '2022-06-01', validity: 'amended', validityChangedOn: '2025-05-01' }), // amended: in force
        doc({ writtenOn: '2022-06-01', validity: 'repealed', validityChangedOn: '2024-05-01' }), // gone before the year
        doc({ writtenOn: '2026-01-05' }), // next year's
        doc({ writtenOn: null, publishedOn: '2025-11-11' }), // no 成文日期: its publication
        doc({ state: 'superseded' }),
        doc({ state: 'draft' }),
        doc({ state: 'withdrawn' }),
      ],
      2025,
    );
    expect(c.rules).toEqual({ issued: 1, repealed: 0, valid: 1 });
    expect(c.normativeDocuments).toEqual({ issued: 2, repealed: 2, valid: 4 });
  });

  it('adds the figures units entered', () => {
    const s = section2([], [{ licensing: 3, penalty: 2, enforcement: 1, feesWan: 0.1 }, { licensing: 1, penalty: 0, enforcement: 0, feesWan: 0.2 }], 2025);
    expect(s).toEqual({ rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 0, repealed: 0, valid: 0 }, licensing: 4, penalty: 2, enforcement: 1, feesWan: 0.3 });
  });
});

describe('appealTable', () => {
  it('counts appeals filed in the year with their outcome as known on the day of generation', () => {
    const t = appealTable(
      [
        { path: 'reconsideration', outcome: 'upheld', filedOn: '2025-02-01', decidedOn: '2025-04-01' },
        { path: 'reconsideration', outcome: 'corrected', filedOn: '2025-11-01', decidedOn: '2026-02-10' }, // decided after asOf
        { path: 'reconsideration', outcome: 'pending', filedOn: '2025-12-01', decidedOn: null },
        { path: 'litigation', outcome: 'other', filedOn: '2025-05-01', decidedOn: '2025-09-01' },
        { path: 'litigation_after_reconsideration', outcome: 'corrected', filedOn: '2025-06-01', decidedOn: '2025-12-01' },
        { path: 'litigation', outcome: 'upheld', filedOn: '2024-12-30', decidedOn: '2025-03-01' }, // last year's case
      ],
      2025,
      '2026-01-20',
    );
    expect(t.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 });
    expect(t.litigation).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
    expect(t.litigationAfterReconsideration).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
  });
});

describe('feeTotal', () => {
  it('adds the fees paid in the year, to the fen', () => {
    expect(feeTotal([{ amount: 100.1, paidOn: '2025-01-02' }, { amount: 200.2, paidOn: '2025-12-31' }, { amount: 50, paidOn: '2026-01-01' }, { amount: 30, paidOn: null }], 2025)).toEqual({ amountYuan: 300.3, requests: 2 });
  });
});
