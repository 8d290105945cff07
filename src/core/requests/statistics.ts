// Section 三 of the annual report (rules/annual-report.md §2.3) from the requests themselves: per applicant
// type, the requests newly received in the year (一), carried over from the year before (二), decided in the
// year by result row (三), and carried into the next year (四). By construction 一 + 二 = 三（七）总计 + 四 in
// every column: a request received by the year's end is either decided within the year, or carried on.
import type { LocalDate } from '../calendar/index.ts';
import { APPLICANT_TYPES, type ApplicantType } from './applicant.ts';
import { RESULT_CODES, type ResultCode } from './results.ts';

export interface RequestFact {
  applicantType: ApplicantType;
  /** The receipt date (Art. 31); null while not yet registered (not counted anywhere). */
  receivedOn: LocalDate | null;
  /** The day the result was decided (reply, deemed abandonment, withdrawal); null while open. */
  resultOn: LocalDate | null;
  result: ResultCode | null;
}

export type ApplicantCounts = Record<ApplicantType | 'total', number>;

export interface RequestTable {
  year: number;
  newThisYear: ApplicantCounts;
  carriedOver: ApplicantCounts;
  results: Record<ResultCode, ApplicantCounts>;
  resultsTotal: ApplicantCounts;
  carriedForward: ApplicantCounts;
}

const zero = (): ApplicantCounts => ({ natural_person: 0, enterprise: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 0 });

function add(c: ApplicantCounts, t: ApplicantType) {
  c[t]++;
  c.total++;
}

export function requestTable(facts: readonly RequestFact[], year: number): RequestTable {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const t: RequestTable = {
    year,
    newThisYear: zero(),
    carriedOver: zero(),
    results: Object.fromEntries(RESULT_CODES.map((c) => [c, zero()])) as Record<ResultCode, ApplicantCounts>,
    resultsTotal: zero(),
    carriedForward: zero(),
  };
  for (const f of facts) {
    if (!f.receivedOn || f.receivedOn > last) continue;
    const decided = f.resultOn && f.result ? f.resultOn : null;
    if (decided && decided < first) continue; // done before the year began
    if (f.receivedOn >= first) add(t.newThisYear, f.applicantType);
    else add(t.carriedOver, f.applicantType);
    if (decided && decided <= last) {
      add(t.results[f.result!], f.applicantType);
      add(t.resultsTotal, f.applicantType);
    } else {
      add(t.carriedForward, f.applicantType);
    }
  }
  return t;
}

export { APPLICANT_TYPES };
