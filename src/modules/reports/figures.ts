// The report's figures from the live data, for one unit or for a unit with its whole subtree: section 三
// through the requests module's own statistics (src/modules/requests/ledger.ts), section 二 from the records'
// genre and validity and the figures units entered, section 四 from the appeals, the fees from the
// requests. The counting rules are in src/core/reports/live.ts; here are only the queries.
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Caller } from '../../core/auth/caller.ts';
import { systemActor } from '../../core/auth/principal.ts';
import { toLocalDate, type LocalDate } from '../../core/calendar/index.ts';
import { appealTable, feeTotal, section2, type DocumentFact } from '../../core/reports/live.ts';
import { section3FromTable, type ReportFigures } from '../../core/reports/model.ts';
import { requestTable, type RequestFact, type RequestTable } from '../../core/requests/statistics.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import type { UnitRow } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { requestStatistics } from '../requests/ledger.ts';
import { disclosureRequests, requestAppeals } from '../requests/schema.ts';
import { reportUnitFigures, type ReportCoverage } from './schema.ts';

/** The reports module reads other modules' figures as the system: who may see the report was decided already. */
export function reportsCaller(tenantId: string, label = '系统（年度报告）'): Caller {
  return { kind: 'system', actor: systemActor(tenantId, label) };
}

/** The units a report covers, as a condition on `units`. */
export function coverageCondition(unit: Pick<UnitRow, 'id'>, coverage: ReportCoverage): SQL {
  return coverage === 'subtree' ? sql`${units.path} @> ARRAY[${unit.id}::uuid]` : eq(units.id, unit.id);
}

/** Section 三: the requests module's table for a subtree; for one unit alone, the same table of its own requests. */
async function requestFigures(exec: Executor, tenantId: string, unit: UnitRow, coverage: ReportCoverage, year: number): Promise<RequestTable> {
  if (coverage === 'subtree') return requestStatistics(exec, reportsCaller(tenantId), year, unit.id);
  const rows = await exec
    .select({ applicantType: disclosureRequests.applicantType, receivedOn: disclosureRequests.receivedOn, resultOn: disclosureRequests.resultOn, result: disclosureRequests.result })
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.unitId, unit.id), sql`${disclosureRequests.receivedOn} <= ${`${year}-12-31`}::date`));
  return requestTable(rows as RequestFact[], year);
}

export async function liveFigures(exec: Executor, tenantId: string, unit: UnitRow, coverage: ReportCoverage, year: number, asOf: LocalDate): Promise<ReportFigures & { format: '2021' }> {
  const cover = coverageCondition(unit, coverage);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const joinUnit = (t: { tenantId: PgColumn; unitId: PgColumn }) => and(eq(units.tenantId, t.tenantId), eq(units.id, t.unitId));
  // One after another: `exec` may be a transaction, whose one connection runs one query at a time.
  const table = await requestFigures(exec, tenantId, unit, coverage, year);
  const docs = await exec
      .select({ genre: records.genre, state: records.state, writtenOn: records.writtenOn, publishedAt: records.publishedAt, validity: records.validity, validityChangedOn: records.validityChangedOn })
      .from(records)
      .innerJoin(units, joinUnit(records))
      .where(and(eq(records.tenantId, tenantId), inArray(records.genre, ['rule', 'normative_document']), eq(records.state, 'published'), cover));
  const entered = await exec
      .select({ licensing: reportUnitFigures.licensing, penalty: reportUnitFigures.penalty, enforcement: reportUnitFigures.enforcement, feesWan: reportUnitFigures.feesWan })
      .from(reportUnitFigures)
      .innerJoin(units, joinUnit(reportUnitFigures))
      .where(and(eq(reportUnitFigures.tenantId, tenantId), eq(reportUnitFigures.year, year), cover));
  const appeals = await exec
      .select({ path: requestAppeals.path, outcome: requestAppeals.outcome, filedOn: requestAppeals.filedOn, decidedOn: requestAppeals.decidedOn })
      .from(requestAppeals)
      .innerJoin(disclosureRequests, and(eq(disclosureRequests.tenantId, requestAppeals.tenantId), eq(disclosureRequests.id, requestAppeals.requestId)))
      .innerJoin(units, joinUnit(disclosureRequests))
      .where(and(eq(requestAppeals.tenantId, tenantId), gte(requestAppeals.filedOn, first), lte(requestAppeals.filedOn, last), cover));
  const fees = await exec
      .select({ amount: disclosureRequests.feeAmount, paidOn: disclosureRequests.feePaidOn })
      .from(disclosureRequests)
      .innerJoin(units, joinUnit(disclosureRequests))
      .where(and(eq(disclosureRequests.tenantId, tenantId), gte(disclosureRequests.feePaidOn, first), lte(disclosureRequests.feePaidOn, last), cover));
  const documents: DocumentFact[] = docs.map((d) => ({
    genre: d.genre as DocumentFact['genre'],
    state: d.state,
    writtenOn: d.writtenOn,
    publishedOn: d.publishedAt ? toLocalDate(d.publishedAt) : null,
    validity: d.validity,
    validityChangedOn: d.validityChangedOn,
  }));
  return {
    format: '2021',
    section2: section2(documents, entered.map((e) => ({ ...e, feesWan: Number(e.feesWan) })), year),
    section3: section3FromTable(table),
    section4: appealTable(appeals, year, asOf),
    fees: feeTotal(fees, year),
  };
}
