import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { planPeriods } from './periods.ts';
import { assignmentStatus, currentPeriodIndex, periodForPublication, periodLateDays, periodStatus, taskReminder, type PeriodFacts } from './status.ts';

const cal = WorkingCalendar.builtin();
const p = (dueOn: string, state: PeriodFacts['state'] = 'not_started', doneOn: string | null = null): PeriodFacts => ({ dueOn, state, doneOn });

describe('period and assignment status', () => {
  it('a period is overdue once past its due date and not done; done stays done', () => {
    expect(periodStatus(p('2026-04-28'), '2026-04-28')).toBe('not_started');
    expect(periodStatus(p('2026-04-28'), '2026-04-29')).toBe('overdue');
    expect(periodStatus(p('2026-04-28', 'in_progress'), '2026-04-29')).toBe('overdue');
    expect(periodStatus(p('2026-04-28', 'in_progress'), '2026-04-01')).toBe('in_progress');
    expect(periodStatus(p('2026-04-28', 'done', '2026-05-06'), '2026-06-01')).toBe('done');
  });

  it('an assignment: overdue wins, then done when all are, then in progress', () => {
    expect(assignmentStatus([], '2026-01-01')).toBe('not_started');
    expect(assignmentStatus([p('2026-04-28', 'done', '2026-04-01'), p('2026-07-28')], '2026-05-01')).toBe('in_progress');
    expect(assignmentStatus([p('2026-04-28', 'done', '2026-04-01'), p('2026-07-28')], '2026-08-01')).toBe('overdue');
    expect(assignmentStatus([p('2026-04-28', 'done', '2026-04-01'), p('2026-07-28', 'done', '2026-07-01')], '2026-08-01')).toBe('done');
    expect(assignmentStatus([p('2026-04-28'), p('2026-07-28')], '2026-03-01')).toBe('not_started');
  });

  it('late days come from the calendar (working days after the due date)', () => {
    // 2026-04-28 (Tue) due, done 2026-05-06 (Wed): 4月29日, 4月30日, 5月6日; 5月1日—5日 are the Labour Day holiday.
    expect(periodLateDays(p('2026-04-28', 'done', '2026-05-06'), cal)).toBe(3);
    expect(periodLateDays(p('2026-04-28', 'done', '2026-04-28'), cal)).toBe(0);
    expect(periodLateDays(p('2026-04-28', 'in_progress'), cal)).toBe(0);
  });

  it('the current period is the first one not done', () => {
    expect(currentPeriodIndex([p('2026-04-28', 'done', '2026-04-01'), p('2026-07-28'), p('2026-10-28')])).toBe(1);
    expect(currentPeriodIndex([p('2026-04-28', 'done', '2026-04-01')])).toBe(0);
  });

  it('a publication belongs to the earliest open period due on or after it, else the last open one', () => {
    const periods = [p('2026-04-28', 'done', '2026-04-01'), p('2026-07-28'), p('2026-10-28')];
    expect(periodForPublication(periods, '2026-05-10')).toBe(1);
    expect(periodForPublication(periods, '2026-09-01')).toBe(2);
    expect(periodForPublication(periods, '2026-12-01')).toBe(2);
    expect(periodForPublication([p('2026-04-28', 'done', '2026-04-01')], '2026-05-01')).toBe(-1);
  });
});

describe('reminders before each due date', () => {
  it('at 5 and 1 working days left, on the day, and once overdue', () => {
    // 2026-06-30 is a Tuesday.
    expect(taskReminder(cal, '2026-06-30', '2026-06-15')).toBeNull();
    expect(taskReminder(cal, '2026-06-30', '2026-06-23')).toEqual({ kind: 'due', left: 5, threshold: 5 });
    expect(taskReminder(cal, '2026-06-30', '2026-06-26')).toEqual({ kind: 'due', left: 2, threshold: 5 });
    expect(taskReminder(cal, '2026-06-30', '2026-06-29')).toEqual({ kind: 'due', left: 1, threshold: 1 });
    expect(taskReminder(cal, '2026-06-30', '2026-06-30')).toEqual({ kind: 'due', left: 0, threshold: 0 });
    expect(taskReminder(cal, '2026-06-30', '2026-07-02')).toEqual({ kind: 'overdue', daysLate: 2 });
  });
});

describe('planPeriods: every task gets something to report on', () => {
  it('按季度 → four quarters; 每月后10个工作日内 → twelve months', () => {
    const q = planPeriods('按季度公开', 2026, cal);
    expect(q.periods.map((x) => x.label)).toEqual(['2026年第一季度', '2026年第二季度', '2026年第三季度', '2026年第四季度']);
    expect(q.periods.every((x) => !x.assumed)).toBe(true);
    expect(planPeriods('每月后10个工作日内公开', 2026, cal).periods).toHaveLength(12);
  });

  it('6月底前 → one period on 6月30日; blank → the year end, assumed', () => {
    expect(planPeriods('6月底前', 2026, cal).periods).toMatchObject([{ dueOn: '2026-06-30', assumed: false }]);
    const blank = planPeriods(null, 2026, cal);
    expect(blank.periods).toMatchObject([{ dueOn: '2026-12-31', assumed: true, label: '2026年' }]);
  });

  it('event-driven and 疫情防控期间 → one yearly period with the rule beside it', () => {
    const e = planPeriods('信息形成或者变更之日起20个工作日内公开', 2026, cal);
    expect(e.periods).toHaveLength(1);
    expect(e.periods[0]).toMatchObject({ dueOn: '2026-12-31', assumed: true });
    expect(e.rules[0]).toContain('20个工作日');
    expect(e.periods[0]!.explanation).toContain('事件触发');
    const d = planPeriods('疫情防控期间', 2026, cal);
    expect(d.periods).toHaveLength(1);
    expect(d.rules[0]).toContain('疫情防控期间');
  });

  it('"8月底前…，长期落实更新" → two periods, keyed apart', () => {
    const m = planPeriods('8月底前通过县政府网站公开适用主体清单，长期落实更新', 2026, cal);
    expect(m.periods.map((x) => x.dueOn)).toEqual(['2026-08-31', '2026-12-31']);
    expect(new Set(m.periods.map((x) => x.periodKey)).size).toBe(2);
  });

  it('what is not understood is kept and flagged', () => {
    const u = planPeriods('视情况而定', 2026, cal);
    expect(u.needsReview).toBe(true);
    expect(u.periods).toHaveLength(1);
    expect(u.periods[0]!.explanation).toContain('人工');
  });

  it('a named year other than the plan year is flagged, not scheduled', () => {
    const y = planPeriods('2025年年底前', 2026, cal);
    expect(y.needsReview).toBe(true);
    expect(y.notes.join('')).toContain('2025年');
  });
});
