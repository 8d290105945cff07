// The generated built-in data: complete, well-formed, and (when the shared rules are next to the repository)
// identical to holidays.csv. Nothing at run time reads ../shared; only this test does, if it is there.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CALENDAR, BUILTIN_SOURCES, BUILTIN_YEARS } from './holidays-cn.ts';
import { isLocalDate, weekday } from './local-date.ts';

const CSV = resolve(import.meta.dirname, '../../../../shared/rules/holidays.csv');

describe('BUILTIN_CALENDAR', () => {
  it('covers 2018–2026 with sources for every year', () => {
    expect(BUILTIN_YEARS).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of BUILTIN_YEARS) {
      expect(BUILTIN_SOURCES[y]!.length, String(y)).toBeGreaterThan(0);
      for (const u of BUILTIN_SOURCES[y]!) expect(u).toMatch(/^https?:\/\/www\.gov\.cn\//);
    }
    // The two late changes: 2019 劳动节 and the 2020 COVID extension each add a second notice.
    expect(BUILTIN_SOURCES[2019]).toHaveLength(2);
    expect(BUILTIN_SOURCES[2020]).toHaveLength(2);
  });

  it('is sorted, unique, valid; make-up days are weekends except 2020-02-03', () => {
    const dates = BUILTIN_CALENDAR.map((e) => e.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    for (const e of BUILTIN_CALENDAR) {
      expect(isLocalDate(e.date)).toBe(true);
      expect(['OFF', 'WORK']).toContain(e.kind);
      expect(e.name.length).toBeGreaterThan(0);
    }
    const weekdayWork = BUILTIN_CALENDAR.filter((e) => e.kind === 'WORK' && ![0, 6].includes(weekday(e.date)));
    expect(weekdayWork.map((e) => e.date)).toEqual(['2020-02-03']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(BUILTIN_CALENDAR)).toBe(true);
    expect(Object.isFrozen(BUILTIN_CALENDAR[0])).toBe(true);
    expect(Object.isFrozen(BUILTIN_SOURCES)).toBe(true);
  });

  it.skipIf(!existsSync(CSV))('matches holidays.csv row for row (regenerate with scripts/import-holidays.ts)', () => {
    const rows = readFileSync(CSV, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => {
        const [date, kind, name] = l.split(',');
        return { date, kind, name };
      });
    expect(BUILTIN_CALENDAR).toEqual(rows);
  });
});
