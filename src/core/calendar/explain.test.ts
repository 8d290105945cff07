import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.ts';
import { explainDeadline, formatDateZh, formatRangeZh } from './explain.ts';

describe('formatDateZh', () => {
  it('writes dates the Chinese way', () => {
    expect(formatDateZh('2024-10-29')).toBe('2024年10月29日');
    expect(formatDateZh('2024-10-29', true)).toBe('2024年10月29日（周二）'); // 2024-10-29 was a Tuesday
    expect(formatDateZh('2024-10-06', true)).toBe('2024年10月6日（周日）');
    expect(formatRangeZh('2024-05-06', '2024-05-20')).toBe('2024年5月6日至2024年5月20日');
    expect(formatRangeZh('2024-05-06', '2024-05-06')).toBe('2024年5月6日');
  });
});

describe('explainDeadline', () => {
  const cal = WorkingCalendar.builtin();

  it('National Day 2024, 20 working days', () => {
    // Worked out in calendar.test.ts: due Fri 11-01; skipped 10-01..07 (国庆节) and weekends 10-13, 19, 20, 26, 27.
    expect(cal.addWorkingDays('2024-09-30', 20).explanation).toBe(
      '自2024年9月30日（周一，不计入）起算20个工作日，跳过国庆节假期7天、周末5天，' +
        '计入调休上班日2024年10月12日（周六），截止日为2024年11月1日（周五）。',
    );
  });

  it('mentions pauses with the working days they hold', () => {
    // Start Wed 2024-05-01, pause 05-06 (Mon) .. 05-20 (Mon): working days inside are 05-06..10 (5),
    // Sat 05-11 W (1), 05-13..17 (5), 05-20 (1) = 12.
    const d = cal.addWorkingDays('2024-05-01', 20, { pauses: [{ from: '2024-05-06', to: '2024-05-20', reason: '征求第三方意见' }] });
    expect(d.explanation).toContain('暂停计算：征求第三方意见（2024年5月6日至2024年5月20日），其间12个工作日不计入');
    // Counting: 05-02..05 OFF (劳动节, 4 days after the start), 05-21..24 (1–4), 05-27..31 (5–9), 06-03..07 (10–14),
    // Mon 06-10 OFF (端午节), 06-11..14 (15–18), 06-17 (19), Tue 06-18 (20).
    expect(d.due).toBe('2024-06-18');
    expect(d.explanation).toContain('跳过劳动节假期4天、端午节假期1天');
    expect(d.explanation).toMatch(/截止日为2024年6月18日（周二）。$/);
  });

  it('n = 0 and warnings', () => {
    expect(cal.addWorkingDays('2024-10-03', 0).explanation).toBe('期限为0个工作日，截止日即为起算日2024年10月3日（周四）。');
    const d = cal.addWorkingDays('2026-12-30', 5);
    // Wed 12-30 → Thu 12-31 (1), Fri 2027-01-01 (2, no 2027 data), 01-04..06 (3–5).
    expect(d.due).toBe('2027-01-06');
    expect(d.explanation).toMatch(/截止日为2027年1月6日（周三）。注意：2027年节假日安排尚未录入，该年按常规周末计算，届时请核对。$/);
  });

  it('is a pure function of the derivation', () => {
    const d = cal.addWorkingDays('2018-02-09', 10);
    const { explanation, ...rest } = d;
    expect(explainDeadline(rest)).toBe(explanation);
  });
});
