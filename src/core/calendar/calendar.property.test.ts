// Property-based tests: the calendar against a naive day-by-day oracle written independently here (a Map of
// the raw entries, weekdays from Date#getUTCDay), with the built-in data and with random tenant overrides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.ts';
import type { CalendarEntry, Pause } from './calendar.ts';
import { BUILTIN_CALENDAR } from './holidays-cn.ts';

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (z: number) => new Date(z * DAY).toISOString().slice(0, 10);

/** The rules, the slow and obvious way. */
function oracle(entries: readonly CalendarEntry[]) {
  const kinds = new Map<string, 'OFF' | 'WORK'>();
  for (const e of entries) kinds.set(e.date, e.kind); // later entries (the overrides) win
  const working = (d: string) => {
    const k = kinds.get(d);
    if (k) return k === 'WORK';
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    return w !== 0 && w !== 6;
  };
  const paused = (d: string, pauses: readonly Pause[]) => pauses.some((p) => p.from <= d && d <= p.to);
  const counts = (d: string, pauses: readonly Pause[]) => working(d) && !paused(d, pauses);
  return {
    working,
    due(start: string, n: number, pauses: readonly Pause[] = []) {
      let z = dayOf(start);
      for (let c = 0; c < n; ) if (counts(isoOf(++z), pauses)) c++;
      return isoOf(z);
    },
    count(from: string, to: string, pauses: readonly Pause[] = []) {
      const [a, b, sign] = from <= to ? [dayOf(from), dayOf(to), 1] : [dayOf(to), dayOf(from), -1];
      let c = 0;
      for (let z = a + 1; z <= b; z++) if (counts(isoOf(z), pauses)) c++;
      return c === 0 ? 0 : sign * c;
    },
  };
}

const dateIn = (from: string, to: string) => fc.integer({ min: dayOf(from), max: dayOf(to) }).map(isoOf);
const startArb = dateIn('2018-01-01', '2026-12-31');
const nArb = fc.integer({ min: 0, max: 60 });

const overridesArb: fc.Arbitrary<CalendarEntry[]> = fc.array(
  fc.record({
    date: dateIn('2018-01-01', '2027-12-31'),
    kind: fc.constantFrom<'OFF' | 'WORK'>('OFF', 'WORK'),
    name: fc.constantFrom('本地调整', '春节'),
  }),
  { maxLength: 40 },
);

/** Up to three pauses near `start` (some before it, some overlapping each other). */
const pausesNear = (start: string): fc.Arbitrary<Pause[]> =>
  fc.array(
    fc.record({ offset: fc.integer({ min: -10, max: 70 }), len: fc.integer({ min: 0, max: 25 }), reason: fc.constantFrom('补正', '征求第三方意见') }),
    { maxLength: 3 },
  ).map((ps) => ps.map((p) => ({ from: isoOf(dayOf(start) + p.offset), to: isoOf(dayOf(start) + p.offset + p.len), reason: p.reason })));

function checkDeadline(cal: WorkingCalendar, o: ReturnType<typeof oracle>, start: string, n: number, pauses: Pause[]) {
  const d = cal.addWorkingDays(start, n, { pauses });
  expect(d.due).toBe(o.due(start, n, pauses));
  expect(cal.dueDate(start, n, { pauses })).toBe(d.due);
  expect(cal.countWorkingDays(start, d.due, { pauses })).toBe(n);
  expect(cal.countWorkingDays(d.due, start, { pauses })).toBe(n === 0 ? 0 : -n);
  expect(d.counted).toHaveLength(n);
  if (n === 0) {
    expect(d.due).toBe(start);
    return;
  }
  expect(d.due > start).toBe(true);
  expect(cal.isWorkingDay(d.due)).toBe(true);
  expect(pauses.some((p) => p.from <= d.due && d.due <= p.to)).toBe(false);
  expect(d.counted.at(-1)).toBe(d.due);
  for (let i = 0; i < d.counted.length; i++) {
    const c = d.counted[i]!;
    expect(c > start).toBe(true);
    if (i > 0) expect(c > d.counted[i - 1]!).toBe(true);
    expect(o.working(c)).toBe(true);
  }
  // counted + skipped are exactly the days start < x <= due, each once.
  const all = [...d.counted, ...d.skipped.map((s) => s.date)].sort();
  const expected: string[] = [];
  for (let z = dayOf(start) + 1; z <= dayOf(d.due); z++) expected.push(isoOf(z));
  expect(all).toEqual(expected);
  for (const s of d.skipped) {
    if (s.reason === 'paused') expect(o.working(s.date) && pauses.some((p) => p.from <= s.date && s.date <= p.to)).toBe(true);
    else expect(o.working(s.date)).toBe(false);
    expect(s.reason === 'weekend').toBe(!o.working(s.date) && cal.dayInfo(s.date).reason === 'weekend');
  }
  for (const m of d.makeUpDays) {
    expect(d.counted).toContain(m);
    expect([0, 6]).toContain(new Date(`${m}T00:00:00Z`).getUTCDay());
  }
  expect(d.explanation).toContain('截止日为');
}

for (const [label, overridesGen] of [
  ['built-in calendar', fc.constant<CalendarEntry[]>([])],
  ['random tenant overrides', overridesArb],
] as const) {
  describe(`properties, ${label}`, () => {
    it('addWorkingDays agrees with the oracle, and its derivation is sound', () => {
      fc.assert(
        fc.property(overridesGen, startArb, nArb, (overrides, start, n) => {
          const cal = WorkingCalendar.builtin(overrides);
          checkDeadline(cal, oracle([...BUILTIN_CALENDAR, ...overrides]), start, n, []);
        }),
        { numRuns: 300 },
      );
    });

    it('with random pauses: due never inside a pause, never a rest day', () => {
      fc.assert(
        fc.property(
          overridesGen,
          startArb.chain((s) => fc.tuple(fc.constant(s), pausesNear(s))),
          nArb,
          (overrides, [start, pauses], n) => {
            const cal = WorkingCalendar.builtin(overrides);
            checkDeadline(cal, oracle([...BUILTIN_CALENDAR, ...overrides]), start, n, pauses);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('workingDaysBefore inverts addWorkingDays on working days', () => {
      fc.assert(
        fc.property(overridesGen, startArb, nArb, (overrides, any, n) => {
          const cal = WorkingCalendar.builtin(overrides);
          const d = cal.nextWorkingDay(any); // a working day
          const before = cal.workingDaysBefore(d, n);
          expect(cal.addWorkingDays(before, n).due).toBe(d);
          expect(cal.countWorkingDays(before, d)).toBe(n);
          if (n > 0) expect(cal.isWorkingDay(before)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('countWorkingDays (arithmetic) agrees with counting day by day', () => {
      fc.assert(
        fc.property(
          overridesGen,
          startArb.chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -800, max: 800 }), pausesNear(s))),
          (overrides, [from, span, pauses]) => {
            const cal = WorkingCalendar.builtin(overrides);
            const o = oracle([...BUILTIN_CALENDAR, ...overrides]);
            const to = isoOf(dayOf(from) + span);
            expect(cal.countWorkingDays(from, to)).toBe(o.count(from, to));
            expect(cal.countWorkingDays(from, to, { pauses })).toBe(o.count(from, to, pauses));
            expect(cal.workingDaysLate(from, to)).toBe(span <= 0 ? 0 : o.count(from, to));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('isWorkingDay / dayInfo agree with the oracle', () => {
      fc.assert(
        fc.property(overridesGen, dateIn('2017-06-01', '2028-06-30'), (overrides, d) => {
          const cal = WorkingCalendar.builtin(overrides);
          const w = oracle([...BUILTIN_CALENDAR, ...overrides]).working(d);
          expect(cal.isWorkingDay(d)).toBe(w);
          expect(cal.dayInfo(d).working).toBe(w);
          const next = cal.nextWorkingDay(d);
          expect(next > d && cal.isWorkingDay(next)).toBe(true);
          expect(cal.countWorkingDays(d, next)).toBe(1);
        }),
        { numRuns: 500 },
      );
    });
  });
}
