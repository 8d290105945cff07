// Every expected date below was worked out by hand from holidays.csv and a printed calendar; the reasoning
// is beside each case. Notation: "W" = a weekend day listed WORK (调休上班日), "OFF" = listed rest day.
import { describe, expect, it } from 'vitest';
import { MAX_WORKING_DAYS, WorkingCalendar } from './calendar.ts';
import type { CalendarEntry, Pause } from './calendar.ts';
import { BUILTIN_CALENDAR } from './holidays-cn.ts';

const cal = WorkingCalendar.builtin();
const due = (start: string, n: number, pauses?: Pause[]) => cal.addWorkingDays(start, n, pauses ? { pauses } : undefined).due;

describe('isWorkingDay / dayInfo', () => {
  it('make-up weekend days are working days', () => {
    expect(cal.isWorkingDay('2018-02-11')).toBe(true); // Sun, WORK (2018 春节)
    expect(cal.isWorkingDay('2024-02-04')).toBe(true); // Sun, WORK (2024 春节)
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Sat, WORK (2026 春节, before the 9-day break)
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Sat, WORK (2026 春节, after)
    expect(cal.isWorkingDay('2023-01-28')).toBe(true); // Sat, WORK (2023 春节)
    expect(cal.isWorkingDay('2019-04-28')).toBe(true); // Sun, WORK (2019 劳动节, second notice)
    expect(cal.isWorkingDay('2019-05-05')).toBe(true); // Sun, WORK (2019 劳动节, second notice)
    expect(cal.dayInfo('2024-10-12')).toEqual({ date: '2024-10-12', working: true, reason: 'makeup', name: '国庆节', source: 'builtin' });
  });

  it('holidays on weekdays are rest days', () => {
    expect(cal.isWorkingDay('2024-10-01')).toBe(false); // Tue, 国庆节
    expect(cal.isWorkingDay('2019-05-02')).toBe(false); // Thu, added by the 2019-03-22 change
    expect(cal.isWorkingDay('2019-05-03')).toBe(false); // Fri, same
    expect(cal.isWorkingDay('2025-05-02')).toBe(false); // Fri, 劳动节 is two days from 2025
    expect(cal.isWorkingDay('2025-01-28')).toBe(false); // Tue, 除夕 2025: a holiday under the 2024 revision
    expect(cal.dayInfo('2025-01-28')).toEqual({ date: '2025-01-28', working: false, reason: 'holiday', name: '春节', source: 'builtin' });
  });

  it('除夕 2024 (Fri 2024-02-09) was NOT a holiday', () => {
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
    expect(cal.dayInfo('2024-02-09')).toEqual({ date: '2024-02-09', working: true, reason: 'weekday' });
  });

  it('ordinary weekends are rest days even when next to a holiday and not listed', () => {
    expect(cal.isWorkingDay('2019-04-06')).toBe(false); // Sat after 清明 (Fri 04-05), not in the CSV
    expect(cal.dayInfo('2019-04-06')).toEqual({ date: '2019-04-06', working: false, reason: 'weekend' });
    expect(cal.isWorkingDay('2024-10-13')).toBe(false); // Sun after the make-up Saturday
    expect(cal.dayInfo('2024-10-14')).toEqual({ date: '2024-10-14', working: true, reason: 'weekday' });
  });

  it('2020 COVID extension: 01-31 (Fri) and 02-01 (Sat, cancelled make-up day) rest; 02-03 (Mon) working', () => {
    expect(cal.isWorkingDay('2020-01-31')).toBe(false);
    expect(cal.isWorkingDay('2020-02-01')).toBe(false);
    expect(cal.dayInfo('2020-02-01').reason).toBe('holiday');
    expect(cal.isWorkingDay('2020-02-02')).toBe(false);
    expect(cal.isWorkingDay('2020-02-03')).toBe(true);
    // Listed WORK but a Monday: simply a working day, not a make-up day.
    expect(cal.dayInfo('2020-02-03')).toMatchObject({ working: true, reason: 'weekday' });
  });

  it('years without data: plain Mon–Fri', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // Fri; 2027 notice not entered
    expect(cal.isWorkingDay('2027-01-02')).toBe(false); // Sat
    expect(cal.isWorkingDay('2017-12-29')).toBe(true); // Fri
  });

  it('rejects invalid dates', () => {
    expect(() => cal.isWorkingDay('2023-02-29')).toThrow(RangeError);
    expect(() => cal.dayInfo('2024-1-1')).toThrow(/日期格式应为/);
  });
});

describe('nextWorkingDay / workingDaysBefore', () => {
  it('nextWorkingDay is strictly after', () => {
    expect(cal.nextWorkingDay('2024-09-30')).toBe('2024-10-08'); // Mon → 10-01..07 OFF → Tue 10-08
    expect(cal.nextWorkingDay('2024-10-11')).toBe('2024-10-12'); // Fri → Sat 10-12 is W
    expect(cal.nextWorkingDay('2024-10-08')).toBe('2024-10-09'); // a working day is not its own next
    expect(cal.nextWorkingDay('2020-01-23')).toBe('2020-02-03'); // 01-24..02-02 OFF (COVID extension)
  });

  it('workingDaysBefore steps back over working days', () => {
    // Due Fri 2024-11-01: 10-31 (1), 10-30 (2), 10-29 (3), 10-28 (4), weekend 10-26/27, Fri 10-25 (5).
    expect(cal.workingDaysBefore('2024-11-01', 5)).toBe('2024-10-25');
    // Due Mon 10-14: Sun 10-13 rest, Sat 10-12 W (1), Fri 10-11 (2), Thu 10-10 (3).
    expect(cal.workingDaysBefore('2024-10-14', 3)).toBe('2024-10-10');
    // Due Tue 10-08: 10-07..10-01 OFF, Mon 09-30 (1).
    expect(cal.workingDaysBefore('2024-10-08', 1)).toBe('2024-09-30');
    expect(cal.workingDaysBefore('2024-10-08', 0)).toBe('2024-10-08');
    expect(() => cal.workingDaysBefore('2024-10-08', -1)).toThrow(RangeError);
  });
});

describe('addWorkingDays: hand-checked periods', () => {
  it('Spring Festival 2018 (two make-up days)', () => {
    // Start Fri 02-09. Sat 02-10 rest, Sun 02-11 W (1), 02-12..14 (2–4), 02-15..21 OFF, 02-22/23 (5, 6),
    // Sat 02-24 W (7), Sun 02-25 rest, 02-26..28 (8–10).
    expect(due('2018-02-09', 10)).toBe('2018-02-28');
  });

  it('Spring Festival 2020 with the COVID extension', () => {
    // Start Fri 01-17: Sat 01-18 rest, Sun 01-19 W (1), 01-20..23 (2–5).
    expect(due('2020-01-17', 5)).toBe('2020-01-23');
    // 6th: 01-24..02-02 are all OFF (10 days, incl. the cancelled make-up Sat 02-01) → Mon 02-03.
    expect(due('2020-01-17', 6)).toBe('2020-02-03');
    // Starting on a holiday (Fri 01-31): 02-01/02 OFF, 02-03..07 (1–5).
    expect(due('2020-01-31', 5)).toBe('2020-02-07');
  });

  it('Spring Festival 2023 across 元旦 (start 2022-12-30)', () => {
    // Start Fri 12-30. Sat 12-31, Sun 01-01, Mon 01-02 all OFF (元旦). 01-03..05 (1–3).
    expect(due('2022-12-30', 3)).toBe('2023-01-05');
    // Continue: 01-06 (4), 01-09..13 (5–9), 01-16..20 (10–14), 01-21..27 OFF (春节), Sat 01-28 W (15),
    // Sun 01-29 W (16), Mon 01-30 (17), 01-31 (18), 02-01 (19), Thu 02-02 (20).
    expect(due('2022-12-30', 20)).toBe('2023-02-02');
  });

  it('Spring Festival 2024: 除夕 (Fri 02-09) is a working day', () => {
    // Start Thu 02-08: Fri 02-09 (1). Then 02-10..17 OFF, Sun 02-18 W (2), Mon 02-19 (3).
    expect(due('2024-02-08', 1)).toBe('2024-02-09');
    expect(due('2024-02-08', 2)).toBe('2024-02-18');
    expect(due('2024-02-08', 3)).toBe('2024-02-19');
    // Start Fri 02-02: Sat 02-03 rest, Sun 02-04 W (1).
    expect(due('2024-02-02', 1)).toBe('2024-02-04');
  });

  it('Spring Festival 2025: 除夕 (Tue 01-28) is a holiday', () => {
    // Start Fri 01-24: Sat 01-25 rest, Sun 01-26 W (1), Mon 01-27 (2), 01-28..02-04 OFF (8 days), Wed 02-05 (3).
    expect(due('2025-01-24', 3)).toBe('2025-02-05');
    // 02-06 (4), 02-07 (5), Sat 02-08 W (6).
    expect(due('2025-01-24', 6)).toBe('2025-02-08');
  });

  it('Spring Festival 2026: the 9-day break', () => {
    // Start Fri 02-13: Sat 02-14 W (1). 02-15..23 OFF (9 days). Tue 02-24 (2), 02-25..27 (3–5),
    // Sat 02-28 W (6), Sun 03-01 rest, Mon 03-02 (7).
    expect(due('2026-02-13', 1)).toBe('2026-02-14');
    expect(due('2026-02-13', 2)).toBe('2026-02-24');
    expect(due('2026-02-13', 5)).toBe('2026-02-27');
    expect(due('2026-02-13', 6)).toBe('2026-02-28');
    expect(due('2026-02-13', 7)).toBe('2026-03-02');
  });

  it('National Day 2023: 中秋/国庆 combined 8-day break', () => {
    // Start Thu 09-28: 09-29..10-06 OFF (8 days), Sat 10-07 W (1), Sun 10-08 W (2), 10-09..11 (3–5).
    expect(due('2023-09-28', 5)).toBe('2023-10-11');
    // 10-12/13 (6, 7), 10-16..20 (8–12), 10-23..27 (13–17), 10-30/31 (18, 19), Wed 11-01 (20).
    expect(due('2023-09-28', 20)).toBe('2023-11-01');
  });

  it('National Day 2024, n = 1, 20 and 40 (20 + 20 extension)', () => {
    // Start Mon 09-30: 10-01..07 OFF, Tue 10-08 (1).
    expect(due('2024-09-30', 1)).toBe('2024-10-08');
    // 10-08..11 (1–4), Sat 10-12 W (5), 10-14..18 (6–10), 10-21..25 (11–15), 10-28..31 (16–19), Fri 11-01 (20).
    // (So 2024-10-29 would be the 17th, not the 20th.)
    expect(due('2024-09-30', 20)).toBe('2024-11-01');
    // 20 more: 11-04..08 (25), 11-11..15 (30), 11-18..22 (35), 11-25..29 (40): Fri 11-29.
    expect(due('2024-09-30', 40)).toBe('2024-11-29');
    expect(due(due('2024-09-30', 20), 20)).toBe('2024-11-29');
  });

  it('National Day 2025: 国庆/中秋 combined 8-day break', () => {
    // Start Fri 09-26: Sat 09-27 rest, Sun 09-28 W (1), 09-29/30 (2, 3), 10-01..08 OFF (8 days),
    // Thu 10-09 (4), Fri 10-10 (5), Sat 10-11 W (6), Sun 10-12 rest, 10-13..16 (7–10).
    expect(due('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('the 2019 Labour Day change', () => {
    // Start Fri 04-26: Sat 04-27 rest, Sun 04-28 W (1), 04-29/30 (2, 3), 05-01..04 OFF, Sun 05-05 W (4), Mon 05-06 (5).
    expect(due('2019-04-26', 5)).toBe('2019-05-06');
    // Start Tue 04-30, n = 1: 05-01..04 OFF (05-02 and 05-03 are weekdays made rest days by the second
    // notice), Sun 05-05 W (1).
    expect(due('2019-04-30', 1)).toBe('2019-05-05');
  });

  it('year boundary: start 2018-12-28 across 元旦 2019', () => {
    // Start Fri 12-28: Sat 12-29 W (1), 12-30 Sun OFF, 12-31 Mon OFF, 01-01 Tue OFF, 01-02..04 (2–4),
    // weekend 01-05/06, Mon 01-07 (5).
    expect(due('2018-12-28', 1)).toBe('2018-12-29');
    expect(due('2018-12-28', 2)).toBe('2019-01-02');
    expect(due('2018-12-28', 5)).toBe('2019-01-07');
  });

  it('a start on a holiday, a weekend or a working day is never counted', () => {
    expect(due('2024-10-03', 1)).toBe('2024-10-08'); // Thu, holiday → 10-04..07 OFF → Tue 10-08
    expect(due('2024-10-13', 1)).toBe('2024-10-14'); // Sun → Mon
    expect(due('2024-10-12', 1)).toBe('2024-10-14'); // Sat W (a working day) → not counted → Mon 10-14
    expect(due('2024-10-14', 1)).toBe('2024-10-15'); // Mon → Tue
  });

  it('n = 0: due is the start, whatever day it is', () => {
    const d = cal.addWorkingDays('2024-10-03', 0);
    expect(d).toMatchObject({ start: '2024-10-03', due: '2024-10-03', counted: [], skipped: [], makeUpDays: [], warnings: [] });
    expect(d.explanation).toContain('2024年10月3日');
  });

  it('a period running into 2027 warns, and still skips weekends', () => {
    // Start Sun 2026-12-20: 12-21..25 (5), 12-28..31 (9), Fri 2027-01-01 (10: no 2027 data, so a working day),
    // 01-04..08 (15), 01-11..15 (20). Weekends skipped: 12-26/27, 01-02/03, 01-09/10.
    const d = cal.addWorkingDays('2026-12-20', 20);
    expect(d.due).toBe('2027-01-15');
    expect(d.skipped.map((s) => s.date)).toEqual(['2026-12-26', '2026-12-27', '2027-01-02', '2027-01-03', '2027-01-09', '2027-01-10']);
    expect(d.skipped.every((s) => s.reason === 'weekend')).toBe(true);
    expect(d.warnings).toEqual(['2027年节假日安排尚未录入，该年按常规周末计算，届时请核对']);
    expect(d.explanation).toContain('2027年节假日安排尚未录入');
    // Ending on 2026-12-31 (Thu): 12-21..25 (5), 12-28..31 (9): no 2027 day involved, no warning.
    expect(cal.addWorkingDays('2026-12-20', 9).warnings).toEqual([]);
  });

  it('refuses a bad n or a bad date', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKING_DAYS + 1]) {
      expect(() => cal.addWorkingDays('2024-01-01', n), String(n)).toThrow(RangeError);
    }
    expect(() => cal.addWorkingDays('2024-01-01', -1)).toThrow(/工作日数应为/);
    expect(() => cal.addWorkingDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2024-01-01', MAX_WORKING_DAYS)).not.toThrow();
  });

  it('dueDate is the same as addWorkingDays(...).due', () => {
    expect(cal.dueDate('2024-09-30', 20)).toBe('2024-11-01');
    expect(cal.dueDate('2024-11-01', 10, { pauses: [{ from: '2024-11-06', to: '2024-11-08', reason: '补正' }] })).toBe('2024-11-20');
  });
});

describe('derivation', () => {
  it('Spring Festival 2018: counted, skipped, make-up days, explanation', () => {
    const d = cal.addWorkingDays('2018-02-09', 10);
    expect(d.counted).toHaveLength(10);
    expect(d.counted).toEqual([
      '2018-02-11', '2018-02-12', '2018-02-13', '2018-02-14', '2018-02-22',
      '2018-02-23', '2018-02-24', '2018-02-26', '2018-02-27', '2018-02-28',
    ]);
    expect(d.skipped).toEqual([
      { date: '2018-02-10', reason: 'weekend' },
      ...['15', '16', '17', '18', '19', '20', '21'].map((x) => ({ date: `2018-02-${x}`, reason: 'holiday', name: '春节' })),
      { date: '2018-02-25', reason: 'weekend' },
    ]);
    expect(d.makeUpDays).toEqual(['2018-02-11', '2018-02-24']);
    expect(d.warnings).toEqual([]);
    expect(d.explanation).toBe(
      '自2018年2月9日（周五，不计入）起算10个工作日，跳过春节假期7天、周末2天，' +
        '计入调休上班日2018年2月11日（周日）、2018年2月24日（周六），截止日为2018年2月28日（周三）。',
    );
  });

  it('2022-12-30 + 20: 元旦 and 春节, two make-up days', () => {
    const d = cal.addWorkingDays('2022-12-30', 20);
    expect(d.counted).toHaveLength(20);
    expect(d.counted.at(-1)).toBe('2023-02-02');
    const holidays = d.skipped.filter((s) => s.reason === 'holiday');
    // 12-31, 01-01, 01-02 元旦; 01-21..27 春节.
    expect(holidays.filter((s) => s.name === '元旦').map((s) => s.date)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
    expect(holidays.filter((s) => s.name === '春节')).toHaveLength(7);
    // Ordinary weekends: 01-07/08, 01-14/15.
    expect(d.skipped.filter((s) => s.reason === 'weekend').map((s) => s.date)).toEqual(['2023-01-07', '2023-01-08', '2023-01-14', '2023-01-15']);
    expect(d.makeUpDays).toEqual(['2023-01-28', '2023-01-29']);
    // 12-31 .. 02-02 is 34 days: 20 counted + 14 skipped.
    expect(d.counted.length + d.skipped.length).toBe(34);
    expect(d.explanation).toBe(
      '自2022年12月30日（周五，不计入）起算20个工作日，跳过元旦假期3天、春节假期7天、周末4天，' +
        '计入调休上班日2023年1月28日（周六）、2023年1月29日（周日），截止日为2023年2月2日（周四）。',
    );
  });

  it('National Day 2025: 国庆节、中秋节', () => {
    const d = cal.addWorkingDays('2025-09-26', 10);
    expect(d.counted).toHaveLength(10);
    expect(d.makeUpDays).toEqual(['2025-09-28', '2025-10-11']);
    expect(d.skipped.filter((s) => s.reason === 'holiday')).toHaveLength(8);
    expect(new Set(d.skipped.filter((s) => s.reason === 'holiday').map((s) => s.name))).toEqual(new Set(['国庆节、中秋节']));
    expect(d.skipped.filter((s) => s.reason === 'weekend').map((s) => s.date)).toEqual(['2025-09-27', '2025-10-12']);
    expect(d.explanation).toContain('国庆节、中秋节假期8天');
    expect(d.explanation).toContain('周末2天');
    expect(d.explanation).toContain('截止日为2025年10月16日（周四）');
  });

  it('2020-02-03 (a Monday listed WORK) is not reported as a make-up day', () => {
    // Start Fri 01-17, 6 days: Sun 01-19 W (1), 01-20..23 (2–5), 01-24..02-02 OFF, Mon 02-03 (6).
    const d = cal.addWorkingDays('2020-01-17', 6);
    expect(d.makeUpDays).toEqual(['2020-01-19']);
    expect(d.skipped.filter((s) => s.reason === 'holiday')).toHaveLength(10);
    expect(d.explanation).toContain('春节假期10天');
  });

  it('the same holiday in two years is labelled by year', () => {
    // 2018-12-28 + 300 working days reaches beyond 元旦 2020; 元旦 appears twice.
    const d = cal.addWorkingDays('2018-12-28', 300);
    expect(d.explanation).toContain('2019年元旦假期3天'); // 2018-12-30 .. 2019-01-01: 2019's 元旦
    expect(d.explanation).toContain('2020年元旦假期1天');
  });
});

describe('pauses', () => {
  it('a pause in the middle pushes the due date by the working days inside it', () => {
    // Without pause: start Fri 2024-11-01, 11-04..08 (5), 11-11..15 (10) → Fri 11-15.
    expect(due('2024-11-01', 10)).toBe('2024-11-15');
    // Pause Wed 11-06 .. Fri 11-08 holds 3 working days → 3 more: 11-18, 11-19, Wed 11-20.
    const pause: Pause = { from: '2024-11-06', to: '2024-11-08', reason: '补正' };
    const d = cal.addWorkingDays('2024-11-01', 10, { pauses: [pause] });
    expect(d.due).toBe('2024-11-20');
    expect(d.pauses).toEqual([pause]);
    expect(d.skipped.filter((s) => s.reason === 'paused')).toEqual([
      { date: '2024-11-06', reason: 'paused', name: '补正' },
      { date: '2024-11-07', reason: 'paused', name: '补正' },
      { date: '2024-11-08', reason: 'paused', name: '补正' },
    ]);
    expect(d.explanation).toContain('暂停计算：补正（2024年11月6日至2024年11月8日），其间3个工作日不计入');
    expect(cal.countWorkingDays('2024-11-01', '2024-11-20', { pauses: [pause] })).toBe(10);
    expect(cal.countWorkingDays('2024-11-01', '2024-11-20')).toBe(13);
  });

  it('a pause over a holiday adds nothing for the holiday days', () => {
    // 国庆 2024: 10-01..07 are all OFF, so pausing exactly over them changes nothing (due stays 11-01).
    const over = cal.addWorkingDays('2024-09-30', 20, { pauses: [{ from: '2024-10-01', to: '2024-10-07', reason: '征求第三方意见' }] });
    expect(over.due).toBe('2024-11-01');
    expect(over.skipped.filter((s) => s.reason === 'paused')).toEqual([]);
    expect(over.skipped.filter((s) => s.reason === 'holiday')).toHaveLength(7); // still reported as holiday
    expect(over.explanation).toContain('在计算期间内均为休息日，不影响期限');
    // Extending the pause to Wed 10-09 adds only 10-08 and 10-09 → two more working days: Mon 11-04, Tue 11-05.
    const longer = cal.addWorkingDays('2024-09-30', 20, { pauses: [{ from: '2024-10-01', to: '2024-10-09', reason: '征求第三方意见' }] });
    expect(longer.due).toBe('2024-11-05');
    expect(longer.skipped.filter((s) => s.reason === 'paused').map((s) => s.date)).toEqual(['2024-10-08', '2024-10-09']);
    expect(longer.explanation).toContain('其间2个工作日不计入');
  });

  it('a paused make-up day is not counted', () => {
    // Pause over Sat 10-12 (W) only: 1 working day lost → due 11-01 + 1 = Mon 11-04.
    const d = cal.addWorkingDays('2024-09-30', 20, { pauses: [{ from: '2024-10-12', to: '2024-10-13', reason: '补正' }] });
    expect(d.due).toBe('2024-11-04');
    expect(d.makeUpDays).toEqual([]);
    // Sun 10-13 is inside the pause but reported as a weekend: it would not have counted anyway.
    expect(d.skipped.find((s) => s.date === '2024-10-13')).toEqual({ date: '2024-10-13', reason: 'weekend' });
  });

  it('overlapping and outside pauses; all recorded, sorted', () => {
    const pauses: Pause[] = [
      { from: '2024-11-07', to: '2024-11-11', reason: 'B' },
      { from: '2024-11-06', to: '2024-11-08', reason: 'A' },
      { from: '2025-06-01', to: '2025-06-30', reason: '与本期限无关' },
    ];
    // Union 11-06 .. 11-11 holds 11-06, 07, 08, 11 = 4 working days → 11-15 + 4 = Thu 11-21.
    const d = cal.addWorkingDays('2024-11-01', 10, { pauses });
    expect(d.due).toBe('2024-11-21');
    expect(d.pauses.map((p) => p.reason)).toEqual(['A', 'B', '与本期限无关']);
    expect(d.explanation).toContain('与本期限无关（2025年6月1日至2025年6月30日）不在计算期间内，不影响期限');
  });

  it('a pause covering the start: days after the start but inside it are not counted', () => {
    // Pause 10-28 .. 10-30 from start Mon 10-28: 10-29, 10-30 paused; Thu 10-31 (1).
    expect(due('2024-10-28', 1, [{ from: '2024-10-28', to: '2024-10-30', reason: '补正' }])).toBe('2024-10-31');
  });

  it('guards against a pause that never ends and bad pauses', () => {
    const forever: Pause[] = [{ from: '2024-01-01', to: '9999-12-31', reason: '无限期' }];
    expect(() => cal.addWorkingDays('2024-01-01', 1, { pauses: forever })).toThrow(RangeError);
    expect(() => cal.dueDate('2024-01-01', 1, { pauses: forever })).toThrow(RangeError);
    expect(cal.countWorkingDays('2024-01-01', '2024-12-31', { pauses: forever })).toBe(0);
    expect(() => cal.addWorkingDays('2024-01-01', 1, { pauses: [{ from: '2024-01-05', to: '2024-01-04', reason: 'x' }] })).toThrow(
      /开始日期不能晚于结束日期/,
    );
    expect(() => cal.addWorkingDays('2024-01-01', 1, { pauses: [{ from: '2024-1-5', to: '2024-01-06', reason: 'x' }] })).toThrow(RangeError);
  });
});

describe('countWorkingDays / workingDaysLate', () => {
  it('counts from < d <= to, negative when reversed', () => {
    expect(cal.countWorkingDays('2024-09-30', '2024-11-01')).toBe(20); // see the n = 20 case above
    expect(cal.countWorkingDays('2024-11-01', '2024-09-30')).toBe(-20);
    expect(cal.countWorkingDays('2024-10-08', '2024-10-08')).toBe(0);
    expect(cal.countWorkingDays('2024-10-01', '2024-10-07')).toBe(0); // all holiday
    expect(Object.is(cal.countWorkingDays('2024-10-07', '2024-10-01'), 0)).toBe(true); // 0, not -0
    expect(cal.countWorkingDays('2024-10-11', '2024-10-14')).toBe(2); // Sat 10-12 W, Mon 10-14
    expect(cal.countWorkingDays('2018-12-28', '2019-01-07')).toBe(5); // see the 元旦 2019 case
    // 2024 in full: 366 days from a Monday = 52 weeks (260 weekdays) + Mon 12-30, Tue 12-31 → 262 weekdays.
    // Weekday holidays: 01-01; 02-12..16 (5); 04-04, 04-05; 05-01..03 (3); 06-10; 09-16, 09-17; 10-01..04, 10-07 (5)
    // → 1 + 5 + 2 + 3 + 1 + 2 + 5 = 19. Make-up weekend days: 02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29,
    // 10-12 → 8. 262 − 19 + 8 = 251 (the published figure for 2024).
    expect(cal.countWorkingDays('2023-12-31', '2024-12-31')).toBe(251);
  });

  it('workingDaysLate', () => {
    expect(cal.workingDaysLate('2024-11-01', '2024-11-01')).toBe(0);
    expect(cal.workingDaysLate('2024-11-01', '2024-10-20')).toBe(0); // early
    expect(cal.workingDaysLate('2024-11-01', '2024-11-03')).toBe(0); // Sat/Sun only: no working day late
    expect(cal.workingDaysLate('2024-11-01', '2024-11-04')).toBe(1); // Mon
    expect(cal.workingDaysLate('2024-09-30', '2024-10-08')).toBe(1); // the whole 国庆 break, then Tue 10-08
  });
});

describe('overrides (tenant entries)', () => {
  const cancel28: CalendarEntry = { date: '2026-02-28', kind: 'OFF', name: '春节（取消调休）', note: '模拟：取消2月28日调休上班' };
  const newYear2027: CalendarEntry = { date: '2027-01-01', kind: 'OFF', name: '元旦' };
  const tenant = WorkingCalendar.builtin([cancel28, newYear2027]);

  it('a tenant entry wins over the built-in one for its date', () => {
    expect(tenant.isWorkingDay('2026-02-28')).toBe(false);
    expect(tenant.dayInfo('2026-02-28')).toEqual({ date: '2026-02-28', working: false, reason: 'holiday', name: '春节（取消调休）', source: 'tenant' });
    // Start Fri 02-13, 6 days: Sat 02-14 W (1), 02-24..27 (2–5), Sat 02-28 now OFF, Sun 03-01 rest, Mon 03-02 (6).
    expect(tenant.addWorkingDays('2026-02-13', 6).due).toBe('2026-03-02');
    expect(cal.addWorkingDays('2026-02-13', 6).due).toBe('2026-02-28'); // the built-in calendar is unchanged
    expect(tenant.countWorkingDays('2026-02-27', '2026-03-02')).toBe(1);
    expect(cal.countWorkingDays('2026-02-27', '2026-03-02')).toBe(2);
  });

  it('a 2027 entry covers 2027: no warning, and the holiday is skipped', () => {
    expect(cal.coveredYears()).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(tenant.coveredYears()).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    const d = tenant.addWorkingDays('2026-12-20', 20);
    // Fri 2027-01-01 is now OFF, so what was the 20th (01-15) is the 19th; the 20th is Mon 01-18.
    expect(d.due).toBe('2027-01-18');
    expect(d.warnings).toEqual([]);
    expect(d.skipped).toContainEqual({ date: '2027-01-01', reason: 'holiday', name: '元旦' });
  });

  it('a tenant can turn a built-in holiday back into a working day', () => {
    const c = WorkingCalendar.builtin([{ date: '2024-10-07', kind: 'WORK', name: '国庆节（本地调整）' }]);
    expect(c.dayInfo('2024-10-07')).toMatchObject({ working: true, reason: 'weekday', source: 'tenant' });
    expect(c.addWorkingDays('2024-09-30', 1).due).toBe('2024-10-07');
  });

  it('entries() lists what is in force', () => {
    const e2026 = tenant.entries(2026);
    expect(e2026.find((e) => e.date === '2026-02-28')).toMatchObject({ kind: 'OFF', source: 'tenant', note: '模拟：取消2月28日调休上班' });
    expect(e2026.every((e) => e.date.startsWith('2026-'))).toBe(true);
    expect(tenant.entries()).toHaveLength(BUILTIN_CALENDAR.length + 1); // one replaced, one added
  });

  it('rejects malformed entries', () => {
    expect(() => WorkingCalendar.builtin([{ date: '2027-02-30', kind: 'OFF', name: 'x' }])).toThrow(RangeError);
    expect(() => WorkingCalendar.builtin([{ date: '2027-02-03', kind: 'HOLIDAY' as 'OFF', name: 'x' }])).toThrow(/OFF/);
    expect(() => WorkingCalendar.builtin([{ date: '2027-02-03', kind: 'OFF', name: ' ' }])).toThrow(RangeError);
  });

  it('builtin() without overrides is shared', () => {
    expect(WorkingCalendar.builtin()).toBe(cal);
  });
});
