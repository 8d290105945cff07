// Dates and times, always in Asia/Shanghai.

const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant as "YYYY-MM-DD HH:mm:ss" in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const p of dateTimeFormat.formatToParts(d)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today's date (YYYY-MM-DD) in Beijing. */
export function todayInShanghai(): string {
  return formatDateTime(new Date().toISOString()).slice(0, 10);
}

/** The current year in Beijing. */
export function currentYear(): number {
  return Number(todayInShanghai().slice(0, 4));
}

/** The instant at the start of a Beijing calendar day, for filters that take date-time. */
export function startOfDayIso(date: string): string {
  return `${date}T00:00:00+08:00`;
}

export function endOfDayIso(date: string): string {
  return `${date}T23:59:59.999+08:00`;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Weekday of a YYYY-MM-DD date (calendar arithmetic, independent of the time zone). */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? '';
}

/** A file size as people read it: 812 字节, 35.2 KB, 4.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
