import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  compareLocalDate,
  dateParts,
  diffDays,
  eachDay,
  fromEpochDay,
  isLocalDate,
  parseLocalDate,
  toEpochDay,
  todayLocal,
  toLocalDate,
  weekday,
} from './local-date.ts';

describe('isLocalDate / parseLocalDate', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    // 2024 and 2000 are leap years (2000: divisible by 400); 1900 is not (divisible by 100 only).
    for (const s of ['2024-01-01', '2024-02-29', '2000-02-29', '1900-02-28', '2023-12-31', '0001-01-01', '9999-12-31']) {
      expect(isLocalDate(s), s).toBe(true);
      expect(parseLocalDate(s)).toBe(s);
    }
  });

  it('rejects impossible dates and every other form', () => {
    const bad: unknown[] = [
      '2023-02-29', // 2023 is not a leap year
      '1900-02-29', // 1900 is not a leap year
      '2100-02-29', // neither is 2100
      '2024-04-31', // April has 30 days
      '2024-13-01', // no 13th month
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '0000-01-01',
      '20240101', // no separators
      '2024/01/01',
      '2024-1-01', // not zero-padded
      '',
      ' 2024-01-01', // leading space
      '2024-01-01 ',
      '2024-01-01T00:00:00Z',
      '２０２４-01-01', // full-width digits
      '+2024-01-01',
      null,
      undefined,
      20240101,
      new Date('2024-01-01T00:00:00Z'),
    ];
    for (const s of bad) {
      expect(isLocalDate(s), String(s)).toBe(false);
      expect(() => parseLocalDate(s), String(s)).toThrow(RangeError);
    }
  });

  it('explains the expected format in Chinese', () => {
    expect(() => parseLocalDate('2023-02-29')).toThrow(/日期格式应为 YYYY-MM-DD.*2023-02-29/);
  });

  it('dateParts', () => {
    expect(dateParts('2024-10-29')).toEqual({ year: 2024, month: 10, day: 29 });
    expect(() => dateParts('2024-10-32')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it('addDays across month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29'); // 2024 is a leap year
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01'); // 2023 is not
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01'); // 2024 has 366 days
    expect(addDays('2024-06-15', 0)).toBe('2024-06-15');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });

  it('weekday: 0 = Sunday … 6 = Saturday', () => {
    expect(weekday('1970-01-01')).toBe(4); // a Thursday
    expect(weekday('1969-12-31')).toBe(3); // Wednesday, before the epoch
    expect(weekday('2024-01-01')).toBe(1); // Monday
    expect(weekday('2000-02-29')).toBe(2); // Tuesday
    expect(weekday('2026-02-14')).toBe(6); // Saturday (a make-up working day)
    expect(weekday('2018-02-11')).toBe(0); // Sunday (a make-up working day)
  });

  it('epoch days agree with Date.UTC for every date 1900–2100 (sampled)', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }), (z) => {
        const d = fromEpochDay(z);
        const js = new Date(z * 86_400_000);
        expect(d).toBe(js.toISOString().slice(0, 10));
        expect(toEpochDay(d)).toBe(z);
        expect(weekday(d)).toBe(js.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('compareLocalDate, diffDays, eachDay', () => {
    expect(compareLocalDate('2024-01-01', '2024-01-02')).toBe(-1);
    expect(compareLocalDate('2024-01-02', '2024-01-02')).toBe(0);
    expect(compareLocalDate('2025-01-01', '2024-12-31')).toBe(1);
    expect(() => compareLocalDate('2024-01-01', '2024-1-2')).toThrow(RangeError);
    expect(diffDays('2024-02-01', '2024-03-01')).toBe(29);
    expect(diffDays('2024-03-01', '2024-02-01')).toBe(-29);
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2024-03-01', '2024-02-27')).toEqual([]);
    expect(eachDay('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
  });
});

describe('toLocalDate / todayLocal (Asia/Shanghai, whatever process.env.TZ is)', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  const cases: Array<[string, string]> = [
    // 15:59:59Z is 23:59:59 +08:00 on the same day: still 1 January in Shanghai.
    ['2024-01-01T15:59:59Z', '2024-01-01'],
    // 16:00:00Z is midnight +08:00: already 2 January.
    ['2024-01-01T16:00:00Z', '2024-01-02'],
    // New Year's Eve in UTC, 00:00 on 1 January in Shanghai.
    ['2023-12-31T16:00:00Z', '2024-01-01'],
    ['2023-12-31T15:59:59.999Z', '2023-12-31'],
    // 00:00Z is 08:00 in Shanghai, same date.
    ['2024-06-30T00:00:00Z', '2024-06-30'],
  ];

  for (const tz of [undefined, 'UTC', 'America/New_York', 'Pacific/Kiritimati']) {
    it(`gives the Shanghai date with TZ=${tz ?? '(unchanged)'}`, () => {
      if (tz) process.env.TZ = tz;
      for (const [iso, expected] of cases) {
        expect(toLocalDate(new Date(iso)), iso).toBe(expected);
        expect(todayLocal(new Date(iso)), iso).toBe(expected);
      }
    });
  }

  it('other time zones on request', () => {
    expect(toLocalDate(new Date('2024-01-01T16:00:00Z'), 'UTC')).toBe('2024-01-01');
    // 03:00Z on 1 January is 22:00 on 31 December in New York (UTC−5 in winter).
    expect(toLocalDate(new Date('2024-01-01T03:00:00Z'), 'America/New_York')).toBe('2023-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => toLocalDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('todayLocal() without argument is a date', () => {
    expect(isLocalDate(todayLocal())).toBe(true);
  });
});
