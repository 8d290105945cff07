import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES } from './applicant.ts';
import { RESULT_CODES } from './results.ts';
import { requestTable, type RequestFact } from './statistics.ts';

const f = (applicantType: RequestFact['applicantType'], receivedOn: string | null, resultOn: string | null, result: RequestFact['result'] = resultOn ? 'disclosed' : null): RequestFact => ({ applicantType, receivedOn, resultOn, result });

describe('section 三 of the annual report from the requests', () => {
  it('counts new, carried over, decided by row and carried forward', () => {
    const t = requestTable(
      [
        f('natural_person', '2025-12-20', '2026-01-10'), // carried over, decided this year
        f('natural_person', '2025-11-01', '2025-11-20'), // done last year: not counted
        f('enterprise', '2025-12-29', null), // carried over, still open: carried forward
        f('natural_person', '2026-03-02', '2026-03-20', 'withheld.third_party'),
        f('legal_service', '2026-12-28', '2027-01-05'), // new, decided next year: carried forward
        f('research', '2026-06-01', '2026-06-10', 'other.other'),
        f('natural_person', null, null), // not yet registered
        f('natural_person', '2027-01-02', null), // next year
      ],
      2026,
    );
    expect(t.newThisYear).toMatchObject({ natural_person: 1, legal_service: 1, research: 1, total: 3 });
    expect(t.carriedOver).toMatchObject({ natural_person: 1, enterprise: 1, total: 2 });
    expect(t.results.disclosed).toMatchObject({ natural_person: 1, total: 1 });
    expect(t.results['withheld.third_party']).toMatchObject({ natural_person: 1, total: 1 });
    expect(t.results['other.other']).toMatchObject({ research: 1, total: 1 });
    expect(t.resultsTotal.total).toBe(3);
    expect(t.carriedForward).toMatchObject({ enterprise: 1, legal_service: 1, total: 2 });
  });

  it('always satisfies 一 + 二 = 三（七）总计 + 四 and 总计 = the sum of the applicant columns', () => {
    const date = fc.integer({ min: 0, max: 1500 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const fact = fc.tuple(fc.constantFrom(...APPLICANT_TYPES), fc.option(date), fc.option(fc.integer({ min: 0, max: 400 })), fc.constantFrom(...RESULT_CODES)).map(([t, rec, lag, result]) => {
      const resultOn = rec && lag !== null ? new Date(Date.parse(rec) + lag * 86_400_000).toISOString().slice(0, 10) : null;
      return f(t, rec, resultOn, resultOn ? result : null);
    });
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.integer({ min: 2024, max: 2027 }), (facts, year) => {
        const t = requestTable(facts, year);
        for (const c of [...APPLICANT_TYPES, 'total'] as const) {
          if (t.newThisYear[c] + t.carriedOver[c] !== t.resultsTotal[c] + t.carriedForward[c]) return false;
          if (RESULT_CODES.reduce((n, r) => n + t.results[r][c], 0) !== t.resultsTotal[c]) return false;
        }
        for (const row of [t.newThisYear, t.carriedOver, t.resultsTotal, t.carriedForward]) if (APPLICANT_TYPES.reduce((n, a) => n + row[a], 0) !== row.total) return false;
        // Last year's carry-forward is this year's carry-over.
        return requestTable(facts, year - 1).carriedForward.total === t.carriedOver.total;
      }),
    );
  });
});
