// Hand-checked due dates of disclosure requests (counted by hand on the 2026 calendar, rules/holidays.csv).
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { consultationDue, feePaymentDue, reminderDue, requestClock, workingDaysUsed, type ClockFacts } from './clock.ts';
import { receiptDate } from './receipt.ts';

const cal = WorkingCalendar.builtin();
const facts = (over: Partial<ClockFacts> & { receivedOn: string }): ClockFacts => ({ correction: null, pauses: [], extensionDays: 0, ...over });

describe('the reply deadline (Art. 33: 20 working days from the receipt date)', () => {
  it('a request received the Friday before the 2026 Spring Festival holiday', () => {
    // 2/14 (Sat, make-up day) 1; 2/15–2/23 holiday; 2/24–2/27 2–5; 2/28 (Sat, make-up) 6; 3/2–3/6 7–11;
    // 3/9–3/13 12–16; 3/16–3/19 17–20.
    const c = requestClock(cal, facts({ receivedOn: '2026-02-13' }), '2026-02-13');
    expect(c).toMatchObject({ state: 'running', start: '2026-02-13', dueOn: '2026-03-19' });
    expect(c.deadline!.makeUpDays).toEqual(['2026-02-14', '2026-02-28']);
    expect(c.explanation).toContain('第三十三条');
    expect(c.explanation).toContain('春节假期9天');
    expect(c.explanation).toContain('2026年3月19日');
  });

  it('a request filed online during the National Day holiday and confirmed on the first working day', () => {
    const r = receiptDate({ channel: 'online', arrivedOn: '2026-10-03', confirmedOn: '2026-10-08' }, '2026-10-08');
    expect(r).toMatchObject({ ok: true, receivedOn: '2026-10-08' });
    if (!r.ok) return;
    expect(r.rule).toContain('双方确认之日');
    // 10/9 1; 10/10 (Sat, make-up) 2; 10/12–10/16 3–7; 10/19–10/23 8–12; 10/26–10/30 13–17; 11/2–11/4 18–20.
    expect(requestClock(cal, facts({ receivedOn: r.receivedOn }), '2026-10-08').dueOn).toBe('2026-11-04');
  });

  it('a letter signed for on a make-up working Saturday', () => {
    const r = receiptDate({ channel: 'post', arrivedOn: '2026-02-28' }, '2026-03-02');
    expect(r).toMatchObject({ ok: true, receivedOn: '2026-02-28' });
    // The Saturday itself is not counted; 3/2–3/27 are the 20 working days.
    expect(requestClock(cal, facts({ receivedOn: '2026-02-28' }), '2026-03-02').dueOn).toBe('2026-03-27');
  });

  it('a correction: stopped while waiting, then 20 working days from the corrected request', () => {
    const f = facts({ receivedOn: '2026-03-02', correction: { requestedOn: '2026-03-05', correctedOn: null } });
    const waiting = requestClock(cal, f, '2026-03-10');
    expect(waiting).toMatchObject({ state: 'stopped', dueOn: null, correctionNoticeDueOn: '2026-03-11' });
    expect(waiting.explanation).toContain('第三十条');
    // 3/23–3/27 1–5; 3/30–4/3 6–10; 4/4–4/6 清明; 4/7–4/10 11–14; 4/13–4/17 15–19; 4/20 20.
    const c = requestClock(cal, { ...f, correction: { requestedOn: '2026-03-05', correctedOn: '2026-03-20' } }, '2026-03-20');
    expect(c).toMatchObject({ state: 'running', start: '2026-03-20', dueOn: '2026-04-20' });
    expect(c.explanation).toContain('收到补正后的申请之日');
  });

  it('a third-party consultation: its working days are not counted', () => {
    expect(requestClock(cal, facts({ receivedOn: '2026-06-01' }), '2026-06-01').dueOn).toBe('2026-06-30');
    const f = facts({ receivedOn: '2026-06-01', pauses: [{ kind: 'third_party', from: '2026-06-08', to: '2026-06-12' }] });
    const c = requestClock(cal, f, '2026-06-15');
    // Five working days (6/8–6/12) later: 7/1, 7/2, 7/3, 7/6, 7/7.
    expect(c).toMatchObject({ state: 'running', dueOn: '2026-07-07' });
    expect(c.explanation).toContain('征求第三方意见（2026年6月8日至2026年6月12日），其间5个工作日不计入');
    // The party answers within 15 working days of the letter (Art. 32).
    expect(consultationDue(cal, '2026-06-08').due).toBe('2026-06-30');
  });

  it('an open consultation moves the due date on day by day, and says so', () => {
    const f = facts({ receivedOn: '2026-06-01', pauses: [{ kind: 'third_party', from: '2026-06-08', to: null }] });
    const c = requestClock(cal, f, '2026-06-10');
    expect(c.state).toBe('paused');
    // 6/8–6/10 paused so far: three days later than 6/30.
    expect(c.dueOn).toBe('2026-07-03');
    expect(c.explanation).toContain('目前征求第三方意见');
  });

  it('an extension of 20 working days', () => {
    const c = requestClock(cal, facts({ receivedOn: '2026-11-02', extensionDays: 20 }), '2026-11-20');
    expect(c.dueOn).toBe('2026-12-28');
    expect(c.explanation).toContain('经批准延长20个工作日，共40个工作日');
  });

  it('a correction, a consultation and an extension across the Mid-Autumn and National Day holidays', () => {
    // Received 9/24 (Thu); the correction notice is due 7 working days later: 9/28, 9/29, 9/30, 10/8, 10/9, 10/10 (Sat), 10/12.
    expect(requestClock(cal, facts({ receivedOn: '2026-09-24' }), '2026-09-24')).toMatchObject({ dueOn: '2026-10-29', correctionNoticeDueOn: '2026-10-12' });
    const f = facts({
      receivedOn: '2026-09-24',
      correction: { requestedOn: '2026-09-28', correctedOn: '2026-10-09' },
      pauses: [{ kind: 'third_party', from: '2026-10-12', to: '2026-10-16' }],
      extensionDays: 10,
    });
    // From 10/9: 10/10 (Sat) 1; 10/12–10/16 paused; 10/19–11/20 2–26; 11/23–11/26 27–30.
    const c = requestClock(cal, f, '2026-11-02');
    expect(c).toMatchObject({ start: '2026-10-09', dueOn: '2026-11-26' });
    expect(workingDaysUsed(cal, f, '2026-10-23')).toBe(6);
  });

  it('a consultation before the correction arrived does not move the restarted clock', () => {
    const f = facts({ receivedOn: '2026-03-02', correction: { requestedOn: '2026-03-03', correctedOn: '2026-03-20' }, pauses: [{ kind: 'other_organ', from: '2026-03-04', to: '2026-03-06' }] });
    expect(requestClock(cal, f, '2026-03-20').dueOn).toBe('2026-04-20');
  });
});

describe('other clocks', () => {
  it('gives 20 working days to pay a fee notice, from the day after it is received', () => {
    expect(feePaymentDue(cal, '2026-09-24').due).toBe('2026-10-29');
  });

  it('reminds at 5, 3 and 1 working days left, and when overdue', () => {
    expect(reminderDue(cal, '2026-03-19', '2026-03-10')).toBeNull();
    expect(reminderDue(cal, '2026-03-19', '2026-03-12')).toEqual({ kind: 'due', left: 5, threshold: 5 });
    expect(reminderDue(cal, '2026-03-19', '2026-03-13')).toEqual({ kind: 'due', left: 4, threshold: 5 });
    expect(reminderDue(cal, '2026-03-19', '2026-03-16')).toEqual({ kind: 'due', left: 3, threshold: 3 });
    expect(reminderDue(cal, '2026-03-19', '2026-03-18')).toEqual({ kind: 'due', left: 1, threshold: 1 });
    expect(reminderDue(cal, '2026-03-19', '2026-03-19')).toEqual({ kind: 'due', left: 0, threshold: 1 });
    expect(reminderDue(cal, '2026-03-19', '2026-03-23')).toEqual({ kind: 'overdue', daysLate: 2 });
  });
});

describe('the receipt date (Art. 31)', () => {
  it('is the day of handing in, of signing for, or of confirming', () => {
    expect(receiptDate({ channel: 'in_person', arrivedOn: '2026-05-06' }, '2026-05-06')).toMatchObject({ ok: true, receivedOn: '2026-05-06' });
    expect(receiptDate({ channel: 'fax', arrivedOn: '2026-05-06', confirmedOn: '2026-05-07' }, '2026-05-07')).toMatchObject({ ok: true, receivedOn: '2026-05-07' });
    const ordinary = receiptDate({ channel: 'post_ordinary', arrivedOn: '2026-05-06', confirmedOn: '2026-05-08' }, '2026-05-08');
    expect(ordinary).toMatchObject({ ok: true, receivedOn: '2026-05-08' });
    if (ordinary.ok) expect(ordinary.warnings[0]).toContain('应于收到当日');
  });

  it('refuses a future date, a missing confirmation and a confirmation before arrival', () => {
    expect(receiptDate({ channel: 'in_person', arrivedOn: '2026-05-07' }, '2026-05-06')).toMatchObject({ ok: false, field: 'arrivedOn' });
    expect(receiptDate({ channel: 'online', arrivedOn: '2026-05-06' }, '2026-05-06')).toMatchObject({ ok: false, field: 'confirmedOn' });
    expect(receiptDate({ channel: 'email', arrivedOn: '2026-05-06', confirmedOn: '2026-05-05' }, '2026-05-06')).toMatchObject({ ok: false, field: 'confirmedOn' });
  });
});
