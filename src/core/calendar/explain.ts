// The Chinese explanation of a deadline, one paragraph a citizen can read, e.g.
// 自2024年9月30日（周一，不计入）起算20个工作日，跳过国庆节假期7天、周末5天，计入调休上班日2024年10月12日（周六），
// 截止日为2024年11月1日（周五）。
import type { Deadline } from './calendar.ts';
import { addDays, dateParts, weekday } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

export const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** 2024年10月29日, or 2024年10月29日（周二） with `withWeekday`. */
export function formatDateZh(d: LocalDate, withWeekday = false): string {
  const { year, month, day } = dateParts(d);
  const s = `${year}年${month}月${day}日`;
  return withWeekday ? `${s}（${WEEKDAY_ZH[weekday(d)]}）` : s;
}

/** '2024年5月6日至2024年5月20日', or one date if from = to. */
export function formatRangeZh(from: LocalDate, to: LocalDate): string {
  return from === to ? formatDateZh(from) : `${formatDateZh(from)}至${formatDateZh(to)}`;
}

/** The explanation of a deadline (everything but the explanation itself is used). */
export function explainDeadline(d: Omit<Deadline, 'explanation'>): string {
  const startText = `${formatDateZh(d.start)}（${WEEKDAY_ZH[weekday(d.start)]}，不计入）`;
  if (d.workingDays === 0) {
    return [`期限为0个工作日，截止日即为起算日${formatDateZh(d.due, true)}。`, ...d.warnings.map((w) => `注意：${w}。`)].join('');
  }

  // Holidays, grouped into runs of consecutive dates with the same name.
  const runs: Array<{ name: string; last: LocalDate; days: number }> = [];
  let weekends = 0;
  for (const s of d.skipped) {
    if (s.reason === 'weekend') weekends++;
    if (s.reason !== 'holiday') continue;
    const name = s.name ?? '节假日';
    const run = runs[runs.length - 1];
    if (run && run.name === name && addDays(run.last, 1) === s.date) {
      run.last = s.date;
      run.days++;
    } else {
      runs.push({ name, last: s.date, days: 1 });
    }
  }
  // The same holiday twice (a period longer than a year): give every holiday its year.
  const names = runs.map((r) => r.name);
  const withYear = new Set(names).size < names.length;
  const skippedParts = runs.map((r) => `${withYear ? `${Number(r.last.slice(0, 4))}年` : ''}${r.name}假期${r.days}天`);
  if (weekends > 0) skippedParts.push(`周末${weekends}天`);

  const clauses = [`自${startText}起算${d.workingDays}个工作日`];
  if (skippedParts.length > 0) clauses.push(`跳过${skippedParts.join('、')}`);
  if (d.makeUpDays.length > 0) clauses.push(`计入调休上班日${d.makeUpDays.map((x) => formatDateZh(x, true)).join('、')}`);

  if (d.pauses.length > 0) {
    const pauseTexts = d.pauses.map((p) => {
      const label = `${p.reason}（${formatRangeZh(p.from, p.to)}）`;
      // Outside the days start < x <= due (ISO dates compare as strings).
      if (p.to <= d.start || p.from > d.due) return `${label}不在计算期间内，不影响期限`;
      const k = d.skipped.filter((s) => s.reason === 'paused' && p.from <= s.date && s.date <= p.to).length;
      return k > 0 ? `${label}，其间${k}个工作日不计入` : `${label}在计算期间内均为休息日，不影响期限`;
    });
    clauses.push(`暂停计算：${pauseTexts.join('；')}`);
  }
  clauses.push(`截止日为${formatDateZh(d.due, true)}`);
  return `${clauses.join('，')}。${d.warnings.map((w) => `注意：${w}。`).join('')}`;
}
