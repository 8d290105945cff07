// The working-day calendar (工作日): every "N 个工作日" of administrative law is computed here.
//
// A Monday–Friday not listed is a working day; a Saturday/Sunday not listed as WORK is a rest day; a date
// listed OFF is a rest day (a holiday); a date listed WORK is a working day (调休上班日 when it is a
// weekend). "Within N working days of X" ends on the Nth working day after X: X itself is never counted.
//
// Pure: no I/O. The built-in data is generated from the 国务院办公厅 notices (holidays-cn.ts); a tenant's
// own entries (a new year's notice, a late change) are passed as overrides and win for their dates.
import { explainDeadline } from './explain.ts';
import { BUILTIN_CALENDAR } from './holidays-cn.ts';
import { fromEpochDay, parseLocalDate, toEpochDay, weekdayOfEpochDay } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

export type DayKind = 'OFF' | 'WORK';

export interface CalendarEntry {
  date: LocalDate;
  kind: DayKind;
  name: string;
  source?: 'builtin' | 'tenant';
  note?: string;
}

/** A period during which the clock stops (补正, 征求第三方意见 …). Inclusive; working days inside are not counted. */
export interface Pause {
  from: LocalDate;
  to: LocalDate;
  reason: string;
}

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  reason: 'weekday' | 'weekend' | 'holiday' | 'makeup';
  /** Name of the calendar entry for this date, if there is one (e.g. '春节'). */
  name?: string;
  source?: 'builtin' | 'tenant';
}

/** 'paused' only for a working day inside a pause; a rest day inside a pause keeps its own reason. */
export interface SkippedDay {
  date: LocalDate;
  reason: 'weekend' | 'holiday' | 'paused';
  /** The holiday's name, or the pause's reason. */
  name?: string;
}

export interface Deadline {
  /** The day the period runs from (not counted). */
  start: LocalDate;
  /** N. */
  workingDays: number;
  /** The Nth counted working day (= start when N = 0). */
  due: LocalDate;
  /** The working days counted, in order (the last one is `due`). */
  counted: LocalDate[];
  /** Every day strictly after start and before due that was not counted, with why. */
  skipped: SkippedDay[];
  /** Weekend days that were counted because they are 调休上班日. */
  makeUpDays: LocalDate[];
  pauses: Pause[];
  /** Chinese, e.g. '2027年节假日安排尚未录入，该年按常规周末计算，届时请核对'. */
  warnings: string[];
  /** Chinese, one paragraph a citizen can read. */
  explanation: string;
}

export interface PauseOptions {
  pauses?: readonly Pause[];
}

/** The largest N accepted; a larger one is certainly a mistake. */
export const MAX_WORKING_DAYS = 10000;
/** No computation walks further than this many calendar days (about 110 years). */
const MAX_SCAN_DAYS = 40000;

interface Resolved {
  date: LocalDate;
  kind: DayKind;
  name: string;
  source: 'builtin' | 'tenant';
  note?: string;
}

/** A pause as epoch days, merged with those it overlaps. */
interface Interval {
  a: number;
  b: number;
}

const isWeekendDay = (z: number) => {
  const w = weekdayOfEpochDay(z);
  return w === 0 || w === 6;
};

function checkCount(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`工作日数应为0至${MAX_WORKING_DAYS}之间的整数：${String(n)}`);
  }
}

function tooFar(): never {
  throw new RangeError(`期限计算超出可处理的范围（超过${MAX_SCAN_DAYS}个自然日），请检查工作日数或暂停期间`);
}

/** Validated pauses, sorted by start, and their union as disjoint intervals. */
function preparePauses(pauses: readonly Pause[] | undefined): { sorted: Pause[]; intervals: Interval[] } {
  if (!pauses || pauses.length === 0) return { sorted: [], intervals: [] };
  const items = pauses.map((p) => {
    if (p === null || typeof p !== 'object') throw new RangeError('暂停期间应包含开始日期、结束日期和原因');
    const a = toEpochDay(p.from);
    const b = toEpochDay(p.to);
    if (b < a) throw new RangeError(`暂停期间的开始日期不能晚于结束日期：${p.from} 至 ${p.to}`);
    if (typeof p.reason !== 'string') throw new RangeError('暂停期间应写明原因');
    return { pause: { from: p.from, to: p.to, reason: p.reason }, a, b };
  });
  items.sort((x, y) => x.a - y.a || x.b - y.b);
  const intervals: Interval[] = [];
  for (const { a, b } of items) {
    const last = intervals[intervals.length - 1];
    if (last && a <= last.b + 1) last.b = Math.max(last.b, b);
    else intervals.push({ a, b });
  }
  return { sorted: items.map((i) => i.pause), intervals };
}

/** What addWorkingDays records as it walks; null for the fast path. */
interface Trace {
  counted: LocalDate[];
  skipped: SkippedDay[];
  makeUpDays: LocalDate[];
}

export class WorkingCalendar {
  private readonly byDay = new Map<number, Resolved>();
  private readonly years: number[];
  /** Sorted epoch days whose status differs from the plain Mon–Fri rule, and prefix sums of the difference. */
  private readonly adjDays: Int32Array;
  private readonly adjPrefix: Int32Array;

  /** `overrides` (tenant entries) win over `entries` for the same date; within one list the later entry wins. */
  constructor(entries: readonly CalendarEntry[], overrides: readonly CalendarEntry[] = []) {
    this.put(entries, 'builtin');
    this.put(overrides, 'tenant');
    const years = new Set<number>();
    const adj: number[] = []; // epoch day * 4 + (difference + 1): sorts by day with one numeric sort
    for (const [z, r] of this.byDay) {
      years.add(Number(r.date.slice(0, 4)));
      const usual = isWeekendDay(z) ? 0 : 1;
      const actual = r.kind === 'WORK' ? 1 : 0;
      if (actual !== usual) adj.push(z * 4 + (actual - usual + 1));
    }
    this.years = [...years].sort((a, b) => a - b);
    const sortedAdj = Float64Array.from(adj).sort();
    this.adjDays = new Int32Array(sortedAdj.length);
    this.adjPrefix = new Int32Array(sortedAdj.length + 1);
    for (let i = 0; i < sortedAdj.length; i++) {
      const v = sortedAdj[i]!;
      const z = Math.floor(v / 4);
      this.adjDays[i] = z;
      this.adjPrefix[i + 1] = this.adjPrefix[i]! + (v - z * 4 - 1);
    }
  }

  private static builtinInstance: WorkingCalendar | undefined;

  /** The national calendar (BUILTIN_CALENDAR) with a tenant's entries on top. */
  static builtin(overrides: readonly CalendarEntry[] = []): WorkingCalendar {
    if (overrides.length > 0) return new WorkingCalendar(BUILTIN_CALENDAR, overrides);
    return (WorkingCalendar.builtinInstance ??= new WorkingCalendar(BUILTIN_CALENDAR));
  }

  private put(list: readonly CalendarEntry[], defaultSource: 'builtin' | 'tenant'): void {
    for (const e of list) {
      if (e === null || typeof e !== 'object') throw new RangeError('日历条目应为对象');
      const z = toEpochDay(e.date);
      if (e.kind !== 'OFF' && e.kind !== 'WORK') throw new RangeError(`日历条目类型应为 OFF（放假）或 WORK（上班）：${e.date} ${String(e.kind)}`);
      if (typeof e.name !== 'string' || e.name.trim() === '') throw new RangeError(`日历条目应写明名称：${e.date}`);
      const r: Resolved = { date: e.date, kind: e.kind, name: e.name, source: e.source ?? defaultSource };
      if (e.note !== undefined && e.note !== null) r.note = e.note;
      this.byDay.set(z, r);
    }
  }

  private working(z: number): boolean {
    const r = this.byDay.get(z);
    return r ? r.kind === 'WORK' : !isWeekendDay(z);
  }

  /** Working days among epoch days x..y (both included), pauses not considered. */
  private workingIn(x: number, y: number): number {
    if (y < x) return 0;
    const len = y - x + 1;
    const weeks = Math.floor(len / 7);
    let n = weeks * 5;
    const w0 = weekdayOfEpochDay(x + weeks * 7);
    for (let k = 0; k < len % 7; k++) {
      const w = (w0 + k) % 7;
      if (w !== 0 && w !== 6) n++;
    }
    return n + this.adjPrefix[lowerBound(this.adjDays, y + 1)]! - this.adjPrefix[lowerBound(this.adjDays, x)]!;
  }

  /** Years that have any entry (built-in or tenant). A year with none is "not covered". */
  coveredYears(): number[] {
    return [...this.years];
  }

  /** The calendar entries in force (overrides applied), sorted by date; only those of `year` if given. */
  entries(year?: number): CalendarEntry[] {
    const out: CalendarEntry[] = [];
    for (const r of this.byDay.values()) {
      if (year === undefined || r.date.startsWith(`${String(year).padStart(4, '0')}-`)) out.push({ ...r });
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /**
   * A warning for every year from `from` to `to` (both included) that has no entry, e.g.
   * '2027年节假日安排尚未录入，该年按常规周末计算，届时请核对'. Empty if to < from.
   */
  coverageWarnings(from: LocalDate, to: LocalDate): string[] {
    const a = Number(parseLocalDate(from).slice(0, 4));
    const b = Number(parseLocalDate(to).slice(0, 4));
    const out: string[] = [];
    for (let y = a; y <= b; y++) {
      if (!this.years.includes(y)) out.push(`${y}年节假日安排尚未录入，该年按常规周末计算，届时请核对`);
    }
    return out;
  }

  dayInfo(d: LocalDate): DayInfo {
    const z = toEpochDay(d);
    const weekend = isWeekendDay(z);
    const r = this.byDay.get(z);
    if (!r) return { date: d, working: !weekend, reason: weekend ? 'weekend' : 'weekday' };
    if (r.kind === 'OFF') return { date: d, working: false, reason: 'holiday', name: r.name, source: r.source };
    return { date: d, working: true, reason: weekend ? 'makeup' : 'weekday', name: r.name, source: r.source };
  }

  isWorkingDay(d: LocalDate): boolean {
    return this.working(toEpochDay(d));
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: LocalDate): LocalDate {
    const s = toEpochDay(d);
    let z = s + 1;
    while (!this.working(z)) if (++z - s > MAX_SCAN_DAYS) tooFar();
    return fromEpochDay(z);
  }

  /** The last working day strictly before d. */
  previousWorkingDay(d: LocalDate): LocalDate {
    const s = toEpochDay(d);
    let z = s - 1;
    while (!this.working(z)) if (s - --z > MAX_SCAN_DAYS) tooFar();
    return fromEpochDay(z);
  }

  /**
   * The Nth working day after `start` (start itself never counted), with the whole derivation. Working
   * days inside a pause are not counted. n = 0 gives due = start.
   */
  addWorkingDays(start: LocalDate, n: number, opts?: PauseOptions): Deadline {
    checkCount(n);
    const s = toEpochDay(start);
    const { sorted, intervals } = preparePauses(opts?.pauses);
    const trace: Trace = { counted: [], skipped: [], makeUpDays: [] };
    const dueZ = this.walk(s, n, intervals, sorted, trace);
    const due = fromEpochDay(dueZ);
    const warnings = n > 0 ? this.coverageWarnings(fromEpochDay(s + 1), due) : [];
    const deadline: Deadline = {
      start,
      workingDays: n,
      due,
      counted: trace.counted,
      skipped: trace.skipped,
      makeUpDays: trace.makeUpDays,
      pauses: sorted,
      warnings,
      explanation: '',
    };
    deadline.explanation = explainDeadline(deadline);
    return deadline;
  }

  /** Only the due date of addWorkingDays, without the derivation: for list pages. */
  dueDate(start: LocalDate, n: number, opts?: PauseOptions): LocalDate {
    checkCount(n);
    const { sorted, intervals } = preparePauses(opts?.pauses);
    return fromEpochDay(this.walk(toEpochDay(start), n, intervals, sorted, null));
  }

  /** Walks forward from epoch day s until n working days outside the pauses are counted; returns the last. */
  private walk(s: number, n: number, intervals: readonly Interval[], pauses: readonly Pause[], trace: Trace | null): number {
    let z = s;
    let counted = 0;
    let pi = 0;
    while (counted < n) {
      z++;
      if (z - s > MAX_SCAN_DAYS) tooFar();
      while (pi < intervals.length && intervals[pi]!.b < z) pi++;
      const paused = pi < intervals.length && intervals[pi]!.a <= z;
      const r = this.byDay.get(z);
      const weekend = isWeekendDay(z);
      const working = r ? r.kind === 'WORK' : !weekend;
      if (working && !paused) {
        counted++;
        if (trace) {
          const date = fromEpochDay(z);
          trace.counted.push(date);
          if (weekend) trace.makeUpDays.push(date);
        }
      } else if (trace) {
        const date = fromEpochDay(z);
        if (!working) {
          trace.skipped.push(r ? { date, reason: 'holiday', name: r.name } : { date, reason: 'weekend' });
        } else {
          const p = pauses.find((x) => x.from <= date && date <= x.to);
          trace.skipped.push(p ? { date, reason: 'paused', name: p.reason } : { date, reason: 'paused' });
        }
      }
    }
    return z;
  }

  /**
   * The date n working days before `due`: stepping back over working days, so that
   * addWorkingDays(workingDaysBefore(d, n), n).due === d when d is a working day. n = 0 gives due.
   * For reminders "5/3/1 个工作日前".
   */
  workingDaysBefore(due: LocalDate, n: number): LocalDate {
    checkCount(n);
    const s = toEpochDay(due);
    let z = s;
    for (let i = 0; i < n; i++) {
      do {
        z--;
        if (s - z > MAX_SCAN_DAYS) tooFar();
      } while (!this.working(z));
    }
    return fromEpochDay(z);
  }

  /**
   * Working days d with from < d <= to, working days inside a pause excluded. If to < from, the negative of
   * countWorkingDays(to, from). Computed arithmetically: fast for any span.
   */
  countWorkingDays(from: LocalDate, to: LocalDate, opts?: PauseOptions): number {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    const { intervals } = preparePauses(opts?.pauses);
    if (b < a) {
      const c = this.countBetween(b, a, intervals);
      return c === 0 ? 0 : -c;
    }
    return this.countBetween(a, b, intervals);
  }

  private countBetween(a: number, b: number, intervals: readonly Interval[]): number {
    let n = this.workingIn(a + 1, b);
    for (const p of intervals) n -= this.workingIn(Math.max(p.a, a + 1), Math.min(p.b, b));
    return n;
  }

  /** Working days by which `actual` is after `due`: 0 if on time, else countWorkingDays(due, actual). */
  workingDaysLate(due: LocalDate, actual: LocalDate): number {
    const a = toEpochDay(due);
    const b = toEpochDay(actual);
    return b <= a ? 0 : this.countBetween(a, b, []);
  }
}

/** First index i with arr[i] >= x. */
function lowerBound(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
