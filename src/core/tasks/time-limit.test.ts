import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { describeClause, dueAfterEvent, looksLikeTimeLimit, parseTaskTimeLimit, scheduleTimeLimit, timeClauses } from './time-limit.ts';

const cal = WorkingCalendar.builtin();
const p = parseTaskTimeLimit;
const dates = (text: string | null, year: number) => scheduleTimeLimit(p(text), year, cal).dueDates.map((d) => d.date);

describe('parseTaskTimeLimit: the phrases of the notices', () => {
  it('按季度 / 每季度 → quarterly', () => {
    expect(p('按季度公开')).toMatchObject({ kind: 'dated', needsReview: false, clauses: [{ kind: 'periodic', every: 'quarter' }] });
    expect(p('每季度')).toMatchObject({ clauses: [{ kind: 'periodic', every: 'quarter' }] });
  });
  it('每月 and 每年', () => {
    expect(p('每月').clauses).toMatchObject([{ kind: 'periodic', every: 'month' }]);
    expect(p('每年').clauses).toMatchObject([{ kind: 'periodic', every: 'year' }]);
  });
  it('年底前, X月底前, 每年年底前', () => {
    expect(p('年底前').clauses).toMatchObject([{ kind: 'by_date', month: 12, day: 31, monthEnd: true, yearly: false }]);
    expect(p('6月底前').clauses).toMatchObject([{ kind: 'by_date', month: 6, day: 30, monthEnd: true }]);
    expect(p('每年年底前').clauses).toMatchObject([{ kind: 'by_date', month: 12, yearly: true }]);
  });
  it('2022年年底前 / 2022年底前完成改造 keep their year', () => {
    expect(p('2022年年底前').clauses).toEqual([{ kind: 'by_date', month: 12, day: 31, monthEnd: true, yearly: false, year: 2022, text: '2022年年底前' }]);
    expect(p('2022年底前完成改造').clauses).toMatchObject([{ kind: 'by_date', year: 2022, month: 12 }]);
  });
  it('"8月底前…，长期落实更新" → a date, then ongoing', () => {
    const tl = p('8月底前通过区政府网站公开适用主体清单，归集展示相关信息，长期落实更新');
    expect(tl.kind).toBe('mixed');
    expect(tl.clauses).toMatchObject([
      { kind: 'by_date', month: 8, day: 31, text: '8月底前通过区政府网站公开适用主体清单，归集展示相关信息' },
      { kind: 'continuous', text: '长期落实更新' },
    ]);
    expect(tl.needsReview).toBe(false);
  });
  it('信息形成或者变更之日起20个工作日内 → 20 working days after formation', () => {
    expect(p('信息形成或者变更之日起20个工作日内公开')).toMatchObject({
      kind: 'event',
      clauses: [{ kind: 'after_event', workingDays: 20, event: 'formed_or_changed', eventText: '信息形成或者变更' }],
    });
  });
  it('处罚结果作出后7个工作日内 → 7 working days after the decision', () => {
    expect(p('处罚结果作出后7个工作日内').clauses).toMatchObject([{ kind: 'after_event', workingDays: 7, eventText: '处罚结果作出' }]);
    const both = p('信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开');
    expect(both.clauses).toHaveLength(2);
    expect(both.clauses[1]).toMatchObject({ workingDays: 7, appliesTo: '行政处罚信息' });
  });
  it('每月后10个工作日内 → monthly, 10 working days after the month', () => {
    expect(p('每月后10个工作日内公开年度计划任务量完成进度').clauses).toMatchObject([{ kind: 'periodic', every: 'month', withinWorkingDays: 10 }]);
  });
  it('长期坚持, 动态调整, 长期公示 → ongoing', () => {
    for (const t of ['长期坚持', '动态调整', '长期公示', '长期落实更新']) expect(p(t), t).toMatchObject({ kind: 'ongoing', clauses: [{ kind: 'continuous' }] });
  });
  it('疫情防控期间 → ongoing while the condition lasts', () => {
    const tl = p('疫情防控期间');
    expect(tl).toMatchObject({ kind: 'ongoing', needsReview: false, clauses: [{ kind: 'during', condition: '疫情防控' }] });
    expect(tl.description).toContain('疫情防控期间持续落实');
  });
  it('blank → no time limit: a yearly task', () => {
    for (const t of [null, undefined, '', '   ']) expect(p(t)).toMatchObject({ kind: 'blank', text: null, clauses: [], needsReview: false });
  });
  it('"长期坚持，抽查情况自信息形成之日起20个工作日内公开" → ongoing plus an event rule', () => {
    const tl = p('长期坚持，抽查情况自信息形成之日起20个工作日内公开');
    expect(tl.kind).toBe('mixed');
    expect(tl.clauses).toMatchObject([{ kind: 'continuous' }, { kind: 'after_event', workingDays: 20, appliesTo: '抽查情况' }]);
  });
  it('several clauses separated by ；', () => {
    const tl = p('保障性安居工程规划建设方案应在方案确定后20个工作日内公开；每月后10个工作日内公开年度计划任务量完成进度；分配结果确定后20个工作日内公开住房分配情况');
    expect(tl.clauses.map((c) => c.kind)).toEqual(['after_event', 'periodic', 'after_event']);
  });
  it('an extension clause is a note, not a deadline', () => {
    const tl = p('自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日');
    expect(tl.clauses).toHaveLength(1);
    expect(tl.clauses[0]).toMatchObject({ kind: 'after_event', workingDays: 20, eventText: '收到申请' });
    expect(tl.description).toContain('延期规定');
  });
  it('what is not understood is kept and flagged for a person', () => {
    const tl = p('视工作进展情况确定');
    expect(tl).toMatchObject({ kind: 'unparsed', text: '视工作进展情况确定', clauses: [], needsReview: true });
    expect(tl.reviewReason).toContain('需人工确定');
    const partly = p('6月底前；视情况另行通知');
    expect(partly).toMatchObject({ kind: 'dated', needsReview: true, unparsed: ['视情况另行通知'] });
  });
  it('Chinese numerals', () => {
    expect(p('信息形成之日起二十个工作日内').clauses).toMatchObject([{ workingDays: 20 }]);
    expect(p('十二月底前').clauses).toMatchObject([{ kind: 'by_date', month: 12 }]);
  });
});

describe('timeClauses', () => {
  it('splits at ；。 always, at a comma only between pieces that each carry a time', () => {
    expect(timeClauses('重大行政决策向社会公开征求意见的，征求意见期限不少于30日')).toEqual(['重大行政决策向社会公开征求意见的，征求意见期限不少于30日']);
    expect(timeClauses('6月底前；12月底前')).toEqual(['6月底前', '12月底前']);
    expect(timeClauses('各类保险参保人数等信息定期公开，医保目录一次性发布，动态调整')).toEqual(['各类保险参保人数等信息定期公开，医保目录一次性发布', '动态调整']);
  });
});

describe('looksLikeTimeLimit', () => {
  it('time limits yes, units and requirements no', () => {
    for (const t of ['长期坚持', '2022年年底前', '按季度公开', '疫情防控期间', '会议召开后1个工作日内', '每月']) expect(looksLikeTimeLimit(t), t).toBe(true);
    for (const t of ['县财政局', '做好政府公报编辑发行工作', '', '视情况而定']) expect(looksLikeTimeLimit(t), t).toBe(false);
  });
});

describe('scheduleTimeLimit: due dates through the calendar', () => {
  it('quarterly: 20 working days after each quarter (Art. 26), across the holidays', () => {
    // 2022-03-31 + 20 working days = 2022-04-28 (清明 4-3…4-5 off, 4-2 a make-up Saturday); 2022-06-30 → 07-28.
    expect(dates('按季度公开', 2022)).toEqual(['2022-04-28', '2022-07-28', '2022-11-02', '2023-02-02']);
  });
  it('每月后10个工作日内: 10 working days after each month', () => {
    const ds = dates('每月后10个工作日内公开', 2022);
    expect(ds).toHaveLength(12);
    // January 2022: 1-31 … 2-6 is the Spring Festival; the 10th working day after 1-31 is 2-18.
    expect(ds[0]).toBe('2022-02-18');
  });
  it('by a date in the plan year; 年底前 is 12-31; a named year only in that year', () => {
    expect(dates('6月底前', 2022)).toEqual(['2022-06-30']);
    expect(dates('年底前', 2024)).toEqual(['2024-12-31']);
    expect(dates('2022年年底前', 2022)).toEqual(['2022-12-31']);
    const other = scheduleTimeLimit(p('2022年年底前'), 2023, cal);
    expect(other.dueDates).toEqual([]);
    expect(other.needsReview).toBe(true);
    expect(other.notes[0]).toContain('2022年');
  });
  it('a named date on a rest day is kept, and says so', () => {
    const [d] = scheduleTimeLimit(p('年底前'), 2022, cal).dueDates;
    expect(d!.date).toBe('2022-12-31');
    expect(d!.onRestDay).toBe(true);
    expect(d!.explanation).toContain('休息日');
  });
  it('ongoing: reviewed on the last working day of the year', () => {
    expect(dates('长期坚持', 2022)).toEqual(['2022-12-30']);
  });
  it('blank: the last working day of the year, marked as assumed', () => {
    const s = scheduleTimeLimit(p(null), 2022, cal);
    expect(s.dueDates).toMatchObject([{ date: '2022-12-30', assumed: true }]);
    expect(s.dueDates[0]!.explanation).toContain('未写时限要求');
  });
  it('"8月底前…长期落实更新": 8-31 and the year-end review', () => {
    expect(dates('8月底前通过区政府网站公开适用主体清单，归集展示相关信息，长期落实更新', 2022)).toEqual(['2022-08-31', '2022-12-30']);
  });
  it('event-driven: no fixed date, a rule in working days', () => {
    const s = scheduleTimeLimit(p('信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开'), 2022, cal);
    expect(s.dueDates).toEqual([]);
    expect(s.eventRules).toMatchObject([
      { workingDays: 20, eventText: '信息形成或者变更', appliesTo: null },
      { workingDays: 7, eventText: '处罚结果作出', appliesTo: '行政处罚信息' },
    ]);
  });
  it('疫情防控期间: ongoing, no due date', () => {
    const s = scheduleTimeLimit(p('疫情防控期间'), 2022, cal);
    expect(s.dueDates).toEqual([]);
    expect(s.ongoing[0]).toContain('疫情防控');
  });
  it('unparsed: nothing scheduled, flagged', () => {
    const s = scheduleTimeLimit(p('视工作进展情况确定'), 2022, cal);
    expect(s).toMatchObject({ dueDates: [], eventRules: [], needsReview: true });
  });
});

describe('dueAfterEvent', () => {
  it('counts working days through the holiday calendar', () => {
    const tl = p('信息形成或者变更之日起20个工作日内公开');
    expect(dueAfterEvent(tl, '2024-09-30', cal)!.date).toBe('2024-11-01');
    const penalty = p('处罚结果作出后7个工作日内');
    // 2024-09-27 (Fri): 9-29 (Sun) is a make-up working day, 10-1…10-7 off, 10-12 (Sat) a make-up day.
    expect(dueAfterEvent(penalty, '2024-09-27', cal)!.date).toBe('2024-10-12');
  });
  it('picks the clause for the event', () => {
    const tl = p('信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开');
    expect(dueAfterEvent(tl, '2024-09-30', cal, { appliesTo: '行政处罚' })!.date).toBe(cal.dueDate('2024-09-30', 7));
    expect(dueAfterEvent(tl, '2024-09-30', cal)!.date).toBe('2024-11-01');
  });
  it('null without an event-driven clause', () => {
    expect(dueAfterEvent(p('年底前'), '2024-09-30', cal)).toBeNull();
    expect(dueAfterEvent(p(null), '2024-09-30', cal)).toBeNull();
  });
});

describe('describeClause', () => {
  it('reads back in Chinese', () => {
    expect(describeClause(p('2022年年底前').clauses[0]!)).toBe('2022年年底（12月31日）前完成');
    expect(describeClause(p('6月底前').clauses[0]!)).toBe('计划年度6月底前完成');
    expect(describeClause(p('长期坚持').clauses[0]!)).toContain('长期坚持');
  });
});
