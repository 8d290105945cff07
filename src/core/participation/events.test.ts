// Hand-checked against the 2026 holiday notice: 国庆节 2026-10-01 … 07 are rest days and 2026-10-10 (Sat) is a
// make-up working day.
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { meetingOpinionsDue, meetingOpinionsExplanation, opinionsProblem, registrationProblem } from './events.ts';

const cal = WorkingCalendar.builtin();

describe('meetingOpinionsDue', () => {
  it('counts 3 working days after the meeting, over a weekend', () => {
    expect(meetingOpinionsDue(cal, '2026-11-13').due).toBe('2026-11-18'); // Fri → Mon, Tue, Wed
  });
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    const d = meetingOpinionsDue(cal, '2026-09-30');
    expect(d.due).toBe('2026-10-10'); // 8 Thu, 9 Fri, 10 Sat (调休上班)
    const text = meetingOpinionsExplanation(d);
    expect(text).toContain('会后3个工作日内公开');
    expect(text).toContain('国庆节');
    expect(cal.workingDaysLate(d.due, '2026-10-13')).toBe(2);
  });
});

describe('registrationProblem', () => {
  const open = { kind: 'open_day' as const, state: 'published' as const, capacity: 2, registrationClosesAt: new Date('2026-12-10T09:00:00+08:00') };
  const now = new Date('2026-12-05T09:00:00+08:00');
  it('accepts while open and under capacity', () => {
    expect(registrationProblem(open, 1, now)).toBeNull();
  });
  it('refuses after closing, over capacity, or for a kind without registration', () => {
    expect(registrationProblem(open, 0, new Date('2026-12-10T09:00:00+08:00'))).toBe('报名已截止');
    expect(registrationProblem(open, 2, now)).toContain('报名人数已满');
    expect(registrationProblem({ ...open, kind: 'press_conference' }, 0, now)).toBe('本活动不接受网上报名');
    expect(registrationProblem({ ...open, state: 'cancelled' }, 0, now)).toContain('已取消');
  });
});

describe('opinionsProblem', () => {
  it('needs at least one opinion, each with its representative and adoption', () => {
    expect(opinionsProblem([])?.field).toBe('opinions');
    expect(opinionsProblem([{ representative: '市民代表王某', opinion: '建议延长开放时间', adopted: true, response: '' }])?.field).toBe('opinions.0.response');
    expect(opinionsProblem([{ representative: '市民代表王某', opinion: '建议延长开放时间', adopted: true, response: '已延长至20时' }])).toBeNull();
  });
});
