// Calendar arithmetic on YYYY-MM-DD strings (no time zones involved).

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function ymd(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday. */
export function mondayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Every date from `from` to `to`, both included. */
export function expandRange(from: string, to: string): string[] {
  const out: string[] = [];
  if (to < from) return out;
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface RangeRow<K extends string = string> {
  name: string;
  kind: K;
  from: string;
  to: string;
  note: string;
}

/** Consecutive days with the same kind, name and note become one range. */
export function groupRanges<K extends string>(entries: { date: string; kind: K; name: string; note: string | null }[]): RangeRow<K>[] {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const rows: RangeRow<K>[] = [];
  for (const e of sorted) {
    const last = rows[rows.length - 1];
    const note = e.note ?? '';
    if (last && last.kind === e.kind && last.name === e.name && last.note === note && addDays(last.to, 1) === e.date) last.to = e.date;
    else rows.push({ name: e.name, kind: e.kind, from: e.date, to: e.date, note });
  }
  return rows;
}
