import { describe, expect, it } from 'vitest';
import { requestTable, type RequestFact } from '../requests/statistics.ts';
import { checkFigures } from './checks.ts';
import { emptyFigures, section3FromTable, type ReportFigures } from './model.ts';

const facts: RequestFact[] = [
  // carried over from 2024, answered in 2025
  { applicantType: 'natural_person', receivedOn: '2024-12-20', resultOn: '2025-01-10', result: 'disclosed' },
  // received and answered in 2025
  { applicantType: 'natural_person', receivedOn: '2025-03-01', resultOn: '2025-03-20', result: 'withheld.third_party' },
  { applicantType: 'enterprise', receivedOn: '2025-05-01', resultOn: '2025-05-20', result: 'partial' },
  { applicantType: 'legal_service', receivedOn: '2025-06-01', resultOn: '2025-06-20', result: 'other.fee_unpaid' },
  // received in 2025, still open at the year's end
  { applicantType: 'research', receivedOn: '2025-12-28', resultOn: null, result: null },
];

function figures(): ReportFigures & { format: '2021' } {
  const f = emptyFigures('2021') as ReportFigures & { format: '2021' };
  f.section3 = section3FromTable(requestTable(facts, 2025));
  f.section4.reconsideration = { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 };
  return f;
}

describe('checkFigures', () => {
  it('passes figures generated from the requests, with last year matching', () => {
    const f = figures();
    expect(checkFigures(f, { year: 2024, carriedForward: { natural_person: 1, enterprise: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 1 } })).toEqual([]);
  });

  it('names the tampered cell first: its row total, then （七）总计 of its column', () => {
    const f = figures();
    f.section3.results.disclosed.enterprise = 3;
    const found = checkFigures(f);
    expect(found.map((x) => x.code)).toEqual(['ROW_TOTAL', 'RESULTS_TOTAL']);
    expect(found[0]!.cell).toBe('第三部分表格「（一）予以公开」行「总计」列');
    expect(found[0]!.message).toContain('应等于自然人与法人或其他组织各列之和 1 + 3 + 0 + 0 + 0 + 0 = 4');
    expect(found[1]!.cell).toBe('第三部分表格「（七）总计」行「法人或其他组织—商业企业」列');
    expect(found[1]!.expected).toBe(4);
    expect(found[1]!.actual).toBe(1);
  });

  it('finds a column that does not balance even when every sum inside the table is right', () => {
    const f = figures();
    f.section3.newThisYear.natural_person += 2;
    f.section3.newThisYear.total += 2;
    const found = checkFigures(f);
    expect(found.map((x) => x.cell)).toEqual(['第三部分表格「自然人」列', '第三部分表格「总计」列']);
    expect(found[0]!.message).toBe('第三部分表格「自然人」列不符合勾稽关系：第一项（3）加第二项（1）之和为 4，第三项（七）总计（2）加第四项（0）之和为 2，两者应相等');
  });

  it('finds （七）总计 that is not the sum of the result rows, per column', () => {
    const f = figures();
    // One more request counted as received and as answered, but in no result row.
    for (const row of [f.section3.resultsTotal, f.section3.newThisYear]) {
      row.other_org += 1;
      row.total += 1;
    }
    const found = checkFigures(f);
    expect(found.map((x) => x.code)).toEqual(['RESULTS_TOTAL', 'RESULTS_TOTAL']);
    expect(found.map((x) => x.cell)).toEqual(['第三部分表格「（七）总计」行「法人或其他组织—其他」列', '第三部分表格「（七）总计」行「总计」列']);
    expect(found[0]!.message).toBe('第三部分表格「（七）总计」行「法人或其他组织—其他」列为 1，应等于（一）至（六）各项办理结果之和 0');
  });

  it('compares 上年结转 with last year’s 结转下年度继续办理, cell by cell', () => {
    const found = checkFigures(figures(), { year: 2024, carriedForward: { natural_person: 2, enterprise: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 2 } });
    expect(found.map((x) => x.cell)).toEqual(['第三部分表格「二、上年结转政府信息公开申请数量」行「自然人」列', '第三部分表格「二、上年结转政府信息公开申请数量」行「总计」列']);
    expect(found[0]!.message).toBe('第三部分表格「二、上年结转政府信息公开申请数量」行「自然人」列为 1，与2024年度报告「四、结转下年度继续办理」的 2 不一致');
  });

  it('checks each 总计 of the appeals table against its four parts', () => {
    const f = figures();
    f.section4.litigationAfterReconsideration = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 1 };
    const found = checkFigures(f);
    expect(found).toHaveLength(1);
    expect(found[0]!.cell).toBe('第四部分表格「行政诉讼—复议后起诉」「总计」');
    expect(found[0]!.message).toBe('第四部分表格「行政诉讼—复议后起诉」「总计」为 1，应等于结果维持（1）、结果纠正（1）、其他结果（0）、尚未审结（0）之和 2');
  });

  it('refuses figures that are not whole numbers, naming the cell, in every table', () => {
    const f = figures();
    f.section2.rules.valid = 1.5;
    f.section2.feesWan = -2;
    f.section4.litigation.pending = -1;
    const cells = checkFigures(f).map((x) => x.cell);
    expect(cells).toEqual(['第二部分表格「规章」行「现行有效件数」', '第二部分表格「行政事业性收费」行「本年收费金额（单位：万元）」', '第四部分表格「行政诉讼—未经复议直接起诉」「尚未审结」']);
  });

  it('lets 本年增/减 of the 2019 layout be negative, but not the counts', () => {
    const f = emptyFigures('2019');
    if (f.format !== '2019') throw new Error();
    f.section2.licensing.change = -3;
    expect(checkFigures(f)).toEqual([]);
    f.section2.licensing.previous = -3;
    expect(checkFigures(f)[0]!.cell).toBe('第二部分表格「行政许可」行「上一年项目数量」');
  });
});
