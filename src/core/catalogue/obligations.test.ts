// Expected dates worked out by hand from rules/holidays.csv (2026: 元旦 01-01..03 OFF, 01-04 Sun WORK; 春节 02-14 Sat WORK,
// 02-15..23 OFF, 02-28 Sat WORK; 清明 04-04..06 OFF; 劳动节 05-01..05 OFF, 05-09 Sat WORK; 端午 06-19..21 OFF;
// 09-20 Sun WORK; 中秋 09-25..27 OFF; 国庆 10-01..07 OFF, 10-10 Sat WORK). 2027 has no data: plain weekends.
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { eventDue, obligationPeriods, periodsOfYear } from './obligations.ts';
import { parseTimeLimit } from './time-limit.ts';

const cal = WorkingCalendar.builtin();
const ob = (text: string, year = 2026) => obligationPeriods(parseTimeLimit(text), year, cal);

describe('periodsOfYear', () => {
  it('months, quarters, halves, the year', () => {
    const months = periodsOfYear('month', 2026);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ periodKey: '2026-02', label: '2026年2月', start: '2026-02-01', end: '2026-02-28' });
    expect(periodsOfYear('month', 2028)[1]!.end).toBe('2028-02-29');
    expect(periodsOfYear('quarter', 2026).map((p) => [p.periodKey, p.label, p.start, p.end])).toEqual([
      ['2026-Q1', '2026年第一季度', '2026-01-01', '2026-03-31'],
      ['2026-Q2', '2026年第二季度', '2026-04-01', '2026-06-30'],
      ['2026-Q3', '2026年第三季度', '2026-07-01', '2026-09-30'],
      ['2026-Q4', '2026年第四季度', '2026-10-01', '2026-12-31'],
    ]);
    expect(periodsOfYear('half_year', 2026).map((p) => p.label)).toEqual(['2026年上半年', '2026年下半年']);
    expect(periodsOfYear('year', 2026)).toEqual([{ periodKey: '2026', label: '2026年度', start: '2026-01-01', end: '2026-12-31' }]);
    expect(() => periodsOfYear('year', 0)).toThrow(RangeError);
  });
});

describe('periodic, default: Art. 26, 20 working days after the period end', () => {
  const q = ob('每季度');
  it('four quarters', () => {
    expect(q.map((o) => o.periodKey)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
  it('Q1: across 清明', () => {
    // From Tue 03-31: 04-01..03 (1–3), 04-04..06 OFF, 04-07..10 (4–7), 04-13..17 (8–12), 04-20..24 (13–17), 04-27..29 (18–20).
    expect(q[0]!.due.date).toBe('2026-04-29');
    expect(q[0]!.due.explanation).toContain('跳过清明节假期3天');
  });
  it('Q2: no holiday', () => {
    // From Tue 06-30: 07-01..03 (1–3), 07-06..10 (4–8), 07-13..17 (9–13), 07-20..24 (14–18), 07-27 (19), 07-28 (20).
    expect(q[1]!.due.date).toBe('2026-07-28');
  });
  it('Q3: the National Day holiday and its make-up Saturday', () => {
    // From Wed 09-30: 10-01..07 OFF (国庆节, 7 days), Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 WORK (3), Sun 10-11 rest,
    // 10-12..16 (4–8), 10-19..23 (9–13), 10-26..30 (14–18), Mon 11-02 (19), Tue 11-03 (20).
    const q3 = q[2]!;
    expect(q3).toMatchObject({ periodKey: '2026-Q3', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' });
    expect(q3.due.date).toBe('2026-11-03');
    expect(q3.due.deadline?.skipped.filter((s) => s.reason === 'holiday').map((s) => s.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(q3.due.deadline?.makeUpDays).toEqual(['2026-10-10']);
    expect(q3.due.explanation).toBe(
      '按公开时限“每季度”（未写明期限）：2026年第三季度的信息视为于本期最后一日（2026年9月30日）形成，' +
        '按《政府信息公开条例》第二十六条，自形成之日起20个工作日内公开：' +
        '自2026年9月30日（周三，不计入）起算20个工作日，跳过国庆节假期7天、周末7天，计入调休上班日2026年10月10日（周六），' +
        '截止日为2026年11月3日（周二）。',
    );
    expect(q3.due.warnings).toEqual([]);
    expect(q3.due.onRestDay).toBe(false);
  });
  it('Q4: due in 2027, which has no holiday data: warned', () => {
    // From Thu 12-31: Fri 2027-01-01 (1, no data), 01-04..08 (2–6), 01-11..15 (7–11), 01-18..22 (12–16), 01-25..28 (17–20).
    expect(q[3]!.due.date).toBe('2027-01-28');
    expect(q[3]!.due.warnings).toEqual(['2027年节假日安排尚未录入，该年按常规周末计算，届时请核对']);
    expect(q[3]!.due.explanation).toContain('注意：2027年节假日安排尚未录入');
  });
  it('monthly: January 2026 across the Spring Festival, two make-up Saturdays', () => {
    // From Sat 01-31: 02-02..06 (1–5), 02-09..13 (6–10), Sat 02-14 WORK (11), 02-15..23 OFF (9 days), 02-24..27 (12–15),
    // Sat 02-28 WORK (16), 03-02..05 (17–20).
    const jan = ob('每月')[0]!;
    expect(jan.periodKey).toBe('2026-01');
    expect(jan.due.date).toBe('2026-03-05');
    expect(jan.due.explanation).toContain('跳过春节假期9天');
    expect(jan.due.explanation).toContain('计入调休上班日2026年2月14日（周六）、2026年2月28日（周六）');
  });
  it('half-yearly and yearly', () => {
    expect(ob('每半年').map((o) => [o.periodKey, o.due.date])).toEqual([
      ['2026-H1', '2026-07-28'], // = Q2
      ['2026-H2', '2027-01-28'], // = Q4
    ]);
    expect(ob('每年').map((o) => [o.periodKey, o.label, o.due.date])).toEqual([['2026', '2026年度', '2027-01-28']]);
  });
});

describe('periodic with its own limit', () => {
  it('每月后10个工作日内: 10 working days after the month end', () => {
    const m = ob('每月后10个工作日内');
    expect(m).toHaveLength(12);
    // From Sat 01-31: 02-02..06 (1–5), 02-09..13 (6–10).
    expect(m[0]!.due.date).toBe('2026-02-13');
    // From Sat 02-28 (itself a make-up day, not counted: it is the start): 03-02..06 (1–5), 03-09..13 (6–10).
    expect(m[1]!.due.date).toBe('2026-03-13');
    // From Wed 09-30: 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12..16 (4–8), 10-19 (9), 10-20 (10).
    expect(m[8]!.due.date).toBe('2026-10-20');
    expect(m[8]!.due.explanation).toMatch(/^按公开时限“每月后10个工作日内”，2026年9月的信息于本期最后一日（2026年9月30日）形成，应于其后10个工作日内公开：/);
    expect(m[8]!.due.explanation).toContain('跳过国庆节假期7天');
  });
  it('每季度结束后15日内: calendar days; a date on a rest day is kept and said so', () => {
    const q = ob('每季度结束后15日内');
    expect(q[0]!.due.date).toBe('2026-04-15'); // Wed
    expect(q[0]!.due.onRestDay).toBe(false);
    // Q3: 09-30 + 15 = Thu 10-15, a working day.
    expect(q[2]!.due.date).toBe('2026-10-15');
    // Q2: 06-30 + 15 = Wed 07-15.
    expect(q[1]!.due.date).toBe('2026-07-15');
  });
  it('每月10日前: the 10th of the next month', () => {
    const m = ob('每月10日前');
    expect(m[0]!.due.date).toBe('2026-02-10');
    // December: Sun 2027-01-10, a weekend (2027 not entered): kept, explained, warned.
    const dec = m[11]!;
    expect(dec.due.date).toBe('2027-01-10');
    expect(dec.due.onRestDay).toBe(true);
    expect(dec.due.explanation).toContain('该日为休息日（周日，周末）：截止日仍为规定的该日，未顺延；此前最后一个工作日为2027年1月8日（周五）');
    expect(dec.due.warnings).toHaveLength(1);
  });
  it('上一年度 … 1月31日前: the year\'s report due in January of the next year', () => {
    const y = ob('每年1月31日前公布上一年度政府信息公开工作年度报告');
    expect(y.map((o) => [o.periodKey, o.label, o.due.date])).toEqual([['2026', '2026年度', '2027-01-31']]);
  });
});

describe('by_date', () => {
  it('每年3月31日前: the named date of the year', () => {
    const [o, ...rest] = ob('每年3月31日前');
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ periodKey: '2026', label: '2026年', start: '2026-01-01', end: '2026-03-31' });
    expect(o!.due).toEqual({
      date: '2026-03-31',
      explanation: '按公开时限“每年3月31日前”，截止日为2026年3月31日（周二）。该日为工作日。',
      warnings: [],
      onRestDay: false,
    });
  });
  it('a named date inside the National Day holiday is kept, not moved, and the explanation says so', () => {
    const [o] = ob('每年10月5日前');
    expect(o!.due.date).toBe('2026-10-05');
    expect(o!.due.onRestDay).toBe(true);
    expect(o!.due.explanation).toBe(
      '按公开时限“每年10月5日前”，截止日为2026年10月5日（周一）。' +
        '该日为休息日（周一，国庆节假期）：截止日仍为规定的该日，未顺延；此前最后一个工作日为2026年9月30日（周三），请在此前完成。',
    );
  });
  it('a named date on a weekend; 月底 follows the year (2月 in a leap year)', () => {
    const [jan] = ob('每年1月底前');
    expect(jan!.due.date).toBe('2026-01-31'); // Sat
    expect(jan!.due.explanation).toContain('该日为休息日（周六，周末）');
    expect(jan!.due.explanation).toContain('2026年1月30日（周五）');
    expect(ob('2月底前', 2028)[0]!.due.date).toBe('2028-02-29');
    expect(ob('2月底前', 2026)[0]!.due.date).toBe('2026-02-28'); // Sat, but a make-up working day
    expect(ob('2月底前', 2026)[0]!.due.explanation).toContain('该日为调休上班日（春节），是工作日');
  });
  it('年底前 / 6月底前 without 每年: every year, said so', () => {
    expect(ob('年底前')[0]!.due.date).toBe('2026-12-31');
    expect(ob('年底前')[0]!.due.explanation).toContain('未写明年份，按每年计算');
    expect(ob('6月底前')[0]!.due.date).toBe('2026-06-30');
  });
  it('a rule for another year gives nothing', () => {
    expect(ob('2025年6月30日前')).toEqual([]);
    expect(ob('2026年6月30日前').map((o) => o.due.date)).toEqual(['2026-06-30']);
  });
});

describe('continuous, event-driven, unparsed', () => {
  it('continuous: one yearly review on the last working day', () => {
    const [o, ...rest] = ob('及时公开');
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ periodKey: '2026', label: '2026年度', start: '2026-01-01', end: '2026-12-31' });
    expect(o!.due.date).toBe('2026-12-31'); // Thu
    expect(o!.due.explanation).toContain('持续公开、动态更新');
    expect(o!.due.explanation).toContain('复核截止日为本年最后一个工作日2026年12月31日（周四）');
    // 2022-12-31 was Sat and 元旦 → Fri 12-30.
    expect(ob('实时公开', 2022)[0]!.due.date).toBe('2022-12-30');
  });
  it('after_event and unparsed rules give no periodic obligation', () => {
    expect(ob('自信息形成或者变更之日起20个工作日内')).toEqual([]);
    expect(ob('政府采购公告期限5个工作日')).toEqual([]);
    expect(ob('24小时内')).toEqual([]);
    expect(ob('按有关规定')).toEqual([]);
  });
  it('compound: the clauses\' obligations, exceptions marked with what they apply to', () => {
    const os = ob('每季度公开；其中重大事项及时公开');
    expect(os.map((o) => [o.periodKey, o.appliesTo ?? ''])).toEqual([
      ['2026-Q1', ''],
      ['2026-Q2', ''],
      ['2026-Q3', ''],
      ['2026', '重大事项'],
      ['2026-Q4', ''],
    ]); // sorted by due date
    expect(ob('信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示')).toEqual([]);
    // Same period in two clauses: the keys stay unique (the obligations table's unique index).
    expect(ob('每年；其中重大事项及时公开').map((o) => [o.periodKey, o.appliesTo ?? '', o.due.date])).toEqual([
      ['2026#2', '重大事项', '2026-12-31'],
      ['2026', '', '2027-01-28'],
    ]);
  });
});

describe('eventDue', () => {
  const compound = parseTimeLimit('信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示');
  it('a decision on Mon 2026-09-28 under the 7-working-day exception', () => {
    // 09-29 (1), 09-30 (2), 10-01..07 OFF, 10-08 (3), 10-09 (4), Sat 10-10 WORK (5), 10-12 (6), 10-13 (7).
    const d = eventDue(compound, '2026-09-28', cal, { event: 'decision' })!;
    expect(d.date).toBe('2026-10-13');
    expect(d.deadline?.workingDays).toBe(7);
    expect(d.explanation).toBe(
      '按公开时限“其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示”（行政许可、行政处罚事项：自作出行政决定之日起7个工作日内公开），' +
        '事件日期为2026年9月28日：自2026年9月28日（周一，不计入）起算7个工作日，跳过国庆节假期7天、周末1天，' +
        '计入调休上班日2026年10月10日（周六），截止日为2026年10月13日（周二）。',
    );
    expect(eventDue(compound, '2026-09-28', cal, { appliesTo: '行政处罚' })!.date).toBe('2026-10-13');
  });
  it('the general clause by default', () => {
    // 09-29, 09-30 (1, 2), 10-08, 10-09, 10-10 (3–5), 10-12..16 (6–10), 10-19..23 (11–15), 10-26..30 (16–20).
    expect(eventDue(compound, '2026-09-28', cal)!.date).toBe('2026-10-30');
    expect(eventDue(parseTimeLimit('自信息形成或者变更之日起20个工作日内'), '2026-09-28', cal)!.date).toBe('2026-10-30');
  });
  it('a notice period (公告期限) ends N working days after publication', () => {
    // From Fri 2026-09-25 (中秋 OFF, still the start): 09-26/27 OFF, Mon 09-28 (1), 09-29 (2), 09-30 (3), 10-08 (4), 10-09 (5).
    const d = eventDue(parseTimeLimit('政府采购公告期限5个工作日'), '2026-09-25', cal)!;
    expect(d.date).toBe('2026-10-09');
    expect(d.explanation).toContain('公开后应至少保持5个工作日');
  });
  it('同步: the event\'s own date', () => {
    const d = eventDue(parseTimeLimit('政策解读材料应与政策文件同步发布'), '2026-05-08', cal)!;
    expect(d.date).toBe('2026-05-08');
    expect(d.explanation).toContain('应同步公开');
  });
  it('calendar days and hours', () => {
    const d = eventDue(parseTimeLimit('公示期30日'), '2026-09-01', cal)!;
    expect(d.date).toBe('2026-10-01');
    expect(d.onRestDay).toBe(true);
    expect(d.explanation).toContain('期满日为2026年10月1日（周四）');
    expect(d.explanation).toContain('未顺延');
    const h = eventDue(parseTimeLimit('48小时内予以回应'), '2026-09-28', cal)!;
    expect(h.date).toBe('2026-09-30');
    expect(h.explanation).toContain('实际截止时刻为事件发生时刻后48小时');
  });
  it('null for rules without an event', () => {
    expect(eventDue(parseTimeLimit('每季度'), '2026-09-28', cal)).toBeNull();
    expect(eventDue(parseTimeLimit('及时公开'), '2026-09-28', cal)).toBeNull();
    expect(eventDue(parseTimeLimit('按有关规定'), '2026-09-28', cal)).toBeNull();
    expect(() => eventDue(parseTimeLimit('20个工作日内'), '2026-9-28', cal)).toThrow(RangeError);
  });
});
