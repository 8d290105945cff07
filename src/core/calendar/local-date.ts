// Local calendar dates ('YYYY-MM-DD', Asia/Shanghai). All arithmetic is done on a day number (days since
// 1970-01-01 in the proleptic Gregorian calendar), never on a Date in the process's time zone, so the
// results are the same whatever TZ the server runs in.

/** A calendar date in Asia/Shanghai, as 'YYYY-MM-DD' (years 0001–9999). */
export type LocalDate = string;

/** The time zone in which every LocalDate of the platform is meant. UTC+8, no DST since 1991. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const MIN_EPOCH_DAY = -719162; // 0001-01-01
const MAX_EPOCH_DAY = 2932896; // 9999-12-31

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The `len` ASCII digits from s[i] as a number, or -1. */
function digits(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = i; k < i + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Year, month, day of a well-formed date string, or null. */
function parts(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

/** True for a real calendar date written exactly as 'YYYY-MM-DD' (no spaces, no time, no other form). */
export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && parts(s) !== null;
}

function invalid(s: unknown): never {
  throw new RangeError(`日期格式应为 YYYY-MM-DD，且须为真实存在的日期：${typeof s === 'string' ? `“${s}”` : String(s)}`);
}

/** The date itself, validated; a RangeError with a Chinese message otherwise. */
export function parseLocalDate(s: unknown): LocalDate {
  if (typeof s !== 'string' || parts(s) === null) invalid(s);
  return s;
}

/** { year, month (1–12), day } of a date. */
export function dateParts(d: LocalDate): { year: number; month: number; day: number } {
  const [year, month, day] = (typeof d === 'string' && parts(d)) || invalid(d);
  return { year, month, day };
}

// Days from civil / civil from days: H. Hinnant, http://howardhinnant.github.io/date_algorithms.html
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 (negative before). Throws a RangeError on an invalid date. */
export function toEpochDay(d: LocalDate): number {
  const [y, m, day] = (typeof d === 'string' && parts(d)) || invalid(d);
  return daysFromCivil(y, m, day);
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad4 = (n: number) => String(n).padStart(4, '0');

/** The date of a day number (inverse of toEpochDay). Throws a RangeError outside 0001-01-01..9999-12-31. */
export function fromEpochDay(z: number): LocalDate {
  if (!Number.isInteger(z) || z < MIN_EPOCH_DAY || z > MAX_EPOCH_DAY) {
    throw new RangeError(`日期超出可处理的范围（0001-01-01 至 9999-12-31）`);
  }
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(z: number): number {
  return (((z + 4) % 7) + 7) % 7;
}

/** d plus n calendar days (n may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`天数应为整数：${n}`);
  return fromEpochDay(toEpochDay(d) + n);
}

/** 0 = Sunday, 1 = Monday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return weekdayOfEpochDay(toEpochDay(d));
}

/** Calendar days from a to b (positive if b is later). */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** -1, 0 or 1, for sorting. Both dates are validated. */
export function compareLocalDate(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  parseLocalDate(a);
  parseLocalDate(b);
  // Fixed-width, zero-padded strings sort like the dates they name.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every date from `from` to `to`, both included; empty if to < from. */
export function eachDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  const out: LocalDate[] = [];
  for (let z = a; z <= b; z++) out.push(fromEpochDay(z));
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (default Asia/Shanghai), independent of process.env.TZ. */
export function toLocalDate(instant: Date, timeZone: string = CHINA_TIME_ZONE): LocalDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('无效的时间，无法换算为日期');
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US with the Gregorian calendar and Latin digits, whatever the default locale is.
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', era: 'short' });
    formatters.set(timeZone, f);
  }
  let y = 0;
  let m = 0;
  let d = 0;
  let bc = false;
  for (const p of f.formatToParts(instant)) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') m = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'era') bc = p.value.startsWith('B');
  }
  if (bc || y < 1 || y > 9999) throw new RangeError('日期超出可处理的范围（0001-01-01 至 9999-12-31）');
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Today's date in Asia/Shanghai. */
export function todayLocal(now: Date = new Date()): LocalDate {
  return toLocalDate(now, CHINA_TIME_ZONE);
}
