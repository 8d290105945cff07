// Hand-checked against the 2026 holiday notice: 端午节 2026-06-19 … 21 are rest days; 2026-02-28 (Sat) is a
// make-up working day (春节).
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { addMonths, daysLate, proposalReplyDue, publicReplyText, replyProblem } from './proposals.ts';

const cal = WorkingCalendar.builtin();

describe('addMonths', () => {
  it('keeps the day, or clamps it to the end of a shorter month', () => {
    expect(addMonths('2026-03-10', 3)).toBe('2026-06-10');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2028-11-30', 3)).toBe('2029-02-28');
    expect(addMonths('2027-11-29', 3)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
  });
});

describe('proposalReplyDue', () => {
  it('is three months after assignment by default, explained with the NPC rule', () => {
    const d = proposalReplyDue(cal, '2026-03-10');
    expect(d.due).toBe('2026-06-10');
    expect(d.explanation).toContain('《全国人民代表大会代表建议、批评和意见办理办法》');
    expect(d.explanation).toContain('自交办之日（2026年3月10日）起3个月内答复');
    expect(d.explanation).toContain('截止日为2026年6月10日（周三）');
  });

  it('moves a due date on a rest day to the next working day', () => {
    const d = proposalReplyDue(cal, '2026-03-20'); // 2026-06-20 is Saturday of 端午节
    expect(d.due).toBe('2026-06-22');
    expect(d.explanation).toContain('顺延至下一个工作日2026年6月22日（周一）');
    expect(proposalReplyDue(cal, '2025-11-28').due).toBe('2026-02-28'); // a make-up Saturday is a working day
  });

  it('uses the tenant setting when it differs, without citing the NPC rule', () => {
    const d = proposalReplyDue(cal, '2026-03-10', 2);
    expect(d.due).toBe('2026-05-11'); // 2026-05-10 is a Sunday
    expect(d.explanation).toContain('按本级规定');
    expect(d.explanation).not.toContain('全国人民代表大会');
  });
});

describe('replies', () => {
  it('needs a summary to publish a summary, and a reason not to publish', () => {
    const base = { reply: '经研究，已将该路段列入2027年改造计划。', result: 'B' as const };
    expect(replyProblem({ ...base, disclosure: 'full' })).toBeNull();
    expect(replyProblem({ ...base, disclosure: 'summary' })?.field).toBe('summary');
    expect(replyProblem({ ...base, disclosure: 'none' })?.field).toBe('disclosureReason');
    expect(replyProblem({ ...base, disclosure: 'none', disclosureReason: '涉及国家秘密' })).toBeNull();
    expect(replyProblem({ ...base, reply: '已办', disclosure: 'full' })?.field).toBe('reply');
  });

  it('shows the full text, the summary, or refuses', () => {
    expect(publicReplyText({ disclosure: 'full', reply: '全文', summary: '摘要' })).toEqual({ ok: true, text: '全文', partLabel: '答复全文' });
    expect(publicReplyText({ disclosure: 'summary', reply: '全文', summary: '摘要' })).toEqual({ ok: true, text: '摘要', partLabel: '答复摘要' });
    const none = publicReplyText({ disclosure: 'none', reply: '全文', summary: null });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toContain('不公开');
  });

  it('counts calendar days late', () => {
    expect(daysLate('2026-06-10', '2026-06-10')).toBe(0);
    expect(daysLate('2026-06-10', '2026-06-01')).toBe(0);
    expect(daysLate('2026-06-10', '2026-06-15')).toBe(5);
  });
});
