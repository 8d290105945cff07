// What a unit owes for a catalogue item in a year: one obligation per period of the item's 公开时限, each with a
// due date and a Chinese explanation of how the due date was computed. Pure: the working-day calendar is passed in.
//
// How due dates are computed:
// - periodic (每月/每季度/每半年/每年): the period's information is "formed" on the period's last day. Unless the
//   rule names its own limit, Art. 26 of the regulation applies: within 20 working days of formation, i.e.
//   calendar.addWorkingDays(periodEnd, 20). A named limit replaces it: N 个工作日 → addWorkingDays(periodEnd, N);
//   N 日 → periodEnd + N calendar days; a named day (每月10日前 → the 10th of the next month; 次年1月底前).
// - by_date: the named date of that year. A named date on a rest day is kept (not moved) and the explanation says so.
// - continuous (及时/实时/动态更新…): one yearly obligation "keep it up to date", reviewed at year end: due on the
//   last working day of the year.
// - after_event / after_event_natural: event-driven, no periodic obligation. eventDue() computes the due date
//   for one event (a decision date, the date the information was formed …).
// - unparsed: nothing can be generated; the item needs a person to set its time limit.
import type { Deadline, LocalDate, WorkingCalendar } from '../calendar/index.ts';
import { addDays, dateParts, formatDateZh, parseLocalDate, WEEKDAY_ZH, weekday } from '../calendar/index.ts';
import type { PeriodUnit, SimpleTimeLimitRule, TimeLimitEvent, TimeLimitRule } from './time-limit.ts';
import { describeRule, simpleRules } from './time-limit.ts';

/** 条例 Art. 26: 自该政府信息形成或者变更之日起20个工作日内. */
export const ART26_WORKING_DAYS = 20;
const ART26 = '《政府信息公开条例》第二十六条';

/** A due date with how it was computed. */
export interface DueDate {
  date: LocalDate;
  /** Chinese, one paragraph: the rule, then the computation (the calendar's own explanation when working days were counted). */
  explanation: string;
  /** The working-day derivation, when the date was found by counting working days. */
  deadline?: Deadline;
  /** Chinese, e.g. '2027年节假日安排尚未录入，该年按常规周末计算，届时请核对'. */
  warnings: string[];
  /** The date is a rest day (a named date is kept as named, not moved). */
  onRestDay: boolean;
}

export interface Obligation {
  /**
   * '2026-03', '2026-Q1', '2026-H1', '2026'. Unique within one obligationPeriods() result (the obligations table's
   * unique key): when a later clause of a compound rule has the same period, its key gets '#n' (n = clause number).
   */
  periodKey: string;
  /** '2026年3月', '2026年第一季度', '2026年上半年', '2026年度'. */
  label: string;
  start: LocalDate;
  end: LocalDate;
  due: DueDate;
  /** The clause of the time limit this obligation comes from. */
  rule: SimpleTimeLimitRule;
  /** The information it is for, when the clause says (an exception of a compound rule). */
  appliesTo?: string;
}

export interface Period {
  periodKey: string;
  label: string;
  start: LocalDate;
  end: LocalDate;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

function lastDayOfMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9998) throw new RangeError(`年份应为1至9998之间的整数：${String(year)}`);
}

/** The periods of a year for a periodic rule, in order. */
export function periodsOfYear(every: PeriodUnit, year: number): Period[] {
  checkYear(year);
  const span = (key: string, label: string, m1: number, m2: number): Period => ({
    periodKey: key,
    label,
    start: iso(year, m1, 1),
    end: iso(year, m2, lastDayOfMonth(year, m2)),
  });
  switch (every) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => span(`${year}-${pad2(i + 1)}`, `${year}年${i + 1}月`, i + 1, i + 1));
    case 'quarter':
      return QUARTER_ZH.map((q, i) => span(`${year}-Q${i + 1}`, `${year}年${q}`, i * 3 + 1, i * 3 + 3));
    case 'half_year':
      return [span(`${year}-H1`, `${year}年上半年`, 1, 6), span(`${year}-H2`, `${year}年下半年`, 7, 12)];
    case 'year':
      return [span(`${year}`, `${year}年度`, 1, 12)];
  }
}

/** "该日为工作日。" or, for a rest day, what it is and that the date is kept. */
function restDayNote(calendar: WorkingCalendar, date: LocalDate): { note: string; onRestDay: boolean } {
  const info = calendar.dayInfo(date);
  if (info.working) {
    return { note: info.reason === 'makeup' ? `该日为调休上班日（${info.name ?? '调休'}），是工作日。` : '该日为工作日。', onRestDay: false };
  }
  const what = info.reason === 'holiday' ? `${info.name ?? ''}假期` : '周末';
  const prev = calendar.previousWorkingDay(date);
  return {
    note: `该日为休息日（${WEEKDAY_ZH[weekday(date)]}，${what}）：截止日仍为规定的该日，未顺延；此前最后一个工作日为${formatDateZh(prev, true)}，请在此前完成。`,
    onRestDay: true,
  };
}

function warningText(warnings: readonly string[]): string {
  return warnings.map((w) => `注意：${w}。`).join('');
}

/** A named date: kept as named, with a note when it is a rest day and a warning when its year has no calendar. */
function namedDue(calendar: WorkingCalendar, date: LocalDate, lead: string): DueDate {
  const { note, onRestDay } = restDayNote(calendar, date);
  const warnings = calendar.coverageWarnings(date, date);
  return { date, explanation: `${lead}截止日为${formatDateZh(date, true)}。${note}${warningText(warnings)}`, warnings, onRestDay };
}

/** N working days after `start` (not counted), with the calendar's explanation after `lead`. */
function countedDue(calendar: WorkingCalendar, start: LocalDate, n: number, lead: string): DueDate {
  const deadline = calendar.addWorkingDays(start, n);
  return {
    date: deadline.due,
    explanation: `${lead}${deadline.explanation}`,
    deadline,
    warnings: deadline.warnings,
    onRestDay: false,
  };
}

function quoted(rule: SimpleTimeLimitRule): string {
  return `按公开时限“${rule.text}”`;
}

/** The date `offset` months after the month of `end`, on `day` (clamped to the month's length) or its last day. */
function dayAfter(end: LocalDate, offset: number, day: number | 'end'): LocalDate {
  const { year, month } = dateParts(end);
  const k = year * 12 + (month - 1) + offset;
  const y = Math.floor(k / 12);
  const m = (k % 12) + 1;
  const last = lastDayOfMonth(y, m);
  return iso(y, m, day === 'end' ? last : Math.min(day, last));
}

function periodicDue(calendar: WorkingCalendar, rule: SimpleTimeLimitRule & { kind: 'periodic' }, p: Period): DueDate {
  const endZh = formatDateZh(p.end);
  if (rule.withinWorkingDays !== undefined) {
    return countedDue(calendar, p.end, rule.withinWorkingDays, `${quoted(rule)}，${p.label}的信息于本期最后一日（${endZh}）形成，应于其后${rule.withinWorkingDays}个工作日内公开：`);
  }
  if (rule.withinDays !== undefined) {
    const date = addDays(p.end, rule.withinDays);
    return namedDue(calendar, date, `${quoted(rule)}，自本期最后一日（${endZh}，不计入）起算${rule.withinDays}日（自然日），`);
  }
  if (rule.dueOn) {
    const date = dayAfter(p.end, rule.dueOn.monthOffset, rule.dueOn.day);
    return namedDue(calendar, date, `${quoted(rule)}，${p.label}的公开`);
  }
  return countedDue(
    calendar,
    p.end,
    ART26_WORKING_DAYS,
    `${quoted(rule)}（未写明期限）：${p.label}的信息视为于本期最后一日（${endZh}）形成，按${ART26}，自形成之日起${ART26_WORKING_DAYS}个工作日内公开：`,
  );
}

function obligationsOfSimple(rule: SimpleTimeLimitRule, year: number, calendar: WorkingCalendar): Obligation[] {
  const withScope = (o: Obligation): Obligation => {
    if (rule.appliesTo) o.appliesTo = rule.appliesTo;
    return o;
  };
  switch (rule.kind) {
    case 'periodic':
      return periodsOfYear(rule.every, year).map((p) => withScope({ ...p, due: periodicDue(calendar, rule, p), rule }));
    case 'by_date': {
      if (rule.year !== undefined && rule.year !== year) return [];
      const day = rule.monthEnd ? lastDayOfMonth(year, rule.month) : Math.min(rule.day, lastDayOfMonth(year, rule.month));
      const date = iso(year, rule.month, day);
      const lead = rule.yearly || rule.year !== undefined ? `${quoted(rule)}，` : `${quoted(rule)}（未写明年份，按每年计算），`;
      return [withScope({ periodKey: `${year}`, label: `${year}年`, start: iso(year, 1, 1), end: date, due: namedDue(calendar, date, lead), rule })];
    }
    case 'continuous': {
      const start = iso(year, 1, 1);
      const end = iso(year, 12, 31);
      const date = calendar.isWorkingDay(end) ? end : calendar.previousWorkingDay(end);
      const warnings = calendar.coverageWarnings(end, end);
      const explanation =
        `${quoted(rule)}，该事项须持续公开、动态更新，不按周期生成公开任务；每年对全年公开情况复核一次，` +
        `复核截止日为本年最后一个工作日${formatDateZh(date, true)}。${warningText(warnings)}`;
      return [withScope({ periodKey: `${year}`, label: `${year}年度`, start, end, due: { date, explanation, warnings, onRestDay: false }, rule })];
    }
    case 'after_event':
    case 'after_event_natural':
    case 'unparsed':
      return [];
  }
}

/**
 * The obligations of a rule in a year. Compound rules give the obligations of each clause (an exception
 * clause is usually event-driven and gives none). Sorted by due date, then period.
 */
export function obligationPeriods(rule: TimeLimitRule, year: number, calendar: WorkingCalendar): Obligation[] {
  checkYear(year);
  const out: Obligation[] = [];
  const keys = new Set<string>();
  simpleRules(rule).forEach((r, i) => {
    for (const o of obligationsOfSimple(r, year, calendar)) {
      if (keys.has(o.periodKey)) o.periodKey = `${o.periodKey}#${i + 1}`;
      keys.add(o.periodKey);
      out.push(o);
    }
  });
  return out.sort((a, b) => (a.due.date < b.due.date ? -1 : a.due.date > b.due.date ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
}

export interface EventDueOptions {
  /** Which clause of a compound rule: the one for this event (e.g. 'decision' for a 行政许可/行政处罚 decision). */
  event?: TimeLimitEvent;
  /** Or the clause whose appliesTo contains this text. */
  appliesTo?: string;
}

/**
 * The due date for one event (the date a decision was made, the information was formed …) under an
 * event-driven rule. For a compound rule, the clause chosen by `opts` (else the first event-driven one).
 * Null when the rule has no event-driven clause (periodic, by_date, continuous, unparsed).
 */
export function eventDue(rule: TimeLimitRule, eventDate: LocalDate, calendar: WorkingCalendar, opts: EventDueOptions = {}): DueDate | null {
  parseLocalDate(eventDate);
  const candidates = simpleRules(rule).filter(
    (r): r is Extract<SimpleTimeLimitRule, { kind: 'after_event' | 'after_event_natural' }> => r.kind === 'after_event' || r.kind === 'after_event_natural',
  );
  const chosen =
    (opts.appliesTo !== undefined ? candidates.find((r) => r.appliesTo?.includes(opts.appliesTo!)) : undefined) ??
    (opts.event !== undefined ? candidates.find((r) => r.event === opts.event) : undefined) ??
    candidates[0];
  if (!chosen) return null;
  const lead = `${quoted(chosen)}（${describeRule(chosen)}），事件日期为${formatDateZh(eventDate)}：`;
  if (chosen.kind === 'after_event') {
    if (chosen.lasting) {
      return countedDue(calendar, eventDate, chosen.workingDays, `${lead}公开后应至少保持${chosen.workingDays}个工作日，期满日计算如下（截止日即期满日，此前不得撤下）：`);
    }
    if (chosen.workingDays === 0) {
      return namedDue(calendar, eventDate, `${lead}应同步公开，`);
    }
    return countedDue(calendar, eventDate, chosen.workingDays, lead);
  }
  if (chosen.unit === 'day') {
    const date = addDays(eventDate, chosen.amount);
    const kind = chosen.lasting ? '期满日' : '截止日';
    const d = namedDue(calendar, date, `${lead}自${formatDateZh(eventDate)}（不计入）起算${chosen.amount}日（自然日），`);
    return chosen.lasting ? { ...d, explanation: d.explanation.replace('截止日为', `${kind}为`) } : d;
  }
  // Hours: the platform keeps dates only; the latest possible date is the event's date plus the whole days.
  const days = Math.ceil(chosen.amount / 24);
  const date = addDays(eventDate, days);
  const warnings = calendar.coverageWarnings(date, date);
  return {
    date,
    explanation:
      `${lead}时限按小时计算，实际截止时刻为事件发生时刻后${chosen.amount}小时；` +
      `此处只记日期，按事件发生当日后${days}日计，最迟为${formatDateZh(date, true)}。${warningText(warnings)}`,
    warnings,
    onRestDay: !calendar.isWorkingDay(date),
  };
}
