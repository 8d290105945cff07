// The reporting periods of a task in its plan's year, from its time limit (time-limit.ts) through the
// calendar. Pure.
//
// Every task gets at least one period, so that every unit has something to report on and the office
// something to check:
//   dated (按季度, 每月, 6月底前, 年底前 …)   one period per due date of the year
//   event-driven (信息形成之日起20个工作日内)  one yearly period, due on the year's last working day: the unit
//                                          reports what it published as the events happened
//   ongoing (长期坚持, 疫情防控期间)         one yearly period, reviewed on the year's last working day
//   blank                                  one yearly period (the year's last working day, an assumption)
//   not understood                         one yearly period, flagged for a person
// A due date falling after the year (the fourth quarter's report in January) stays: it is the real date.
import type { LocalDate, WorkingCalendar } from '../calendar/index.ts';
import { formatDateZh } from '../calendar/index.ts';
import { parseTaskTimeLimit, scheduleTimeLimit, type TaskTimeLimit } from './time-limit.ts';

export interface TaskPeriodPlan {
  periodKey: string;
  label: string;
  dueOn: LocalDate;
  /** Chinese: the rule, then how the date was computed. */
  explanation: string;
  /** The date is the platform's assumption (no time limit written, or only an event rule). */
  assumed: boolean;
}

export interface TaskSchedulePlan {
  timeLimit: TaskTimeLimit;
  periods: TaskPeriodPlan[];
  needsReview: boolean;
  /** Chinese notes for the reviewer. */
  notes: string[];
  /** Event-driven rules and ongoing clauses, in Chinese, shown beside the periods. */
  rules: string[];
}

function yearEnd(calendar: WorkingCalendar, year: number): LocalDate {
  const end = `${String(year).padStart(4, '0')}-12-31`;
  return calendar.isWorkingDay(end) ? end : calendar.previousWorkingDay(end);
}

/** The periods of a task whose time limit reads `text`, in `year`. */
export function planPeriods(text: string | null, year: number, calendar: WorkingCalendar): TaskSchedulePlan {
  const timeLimit = parseTaskTimeLimit(text);
  const s = scheduleTimeLimit(timeLimit, year, calendar);
  const periods: TaskPeriodPlan[] = [];
  const seen = new Set<string>();
  for (const d of s.dueDates) {
    let key = d.periodKey;
    // Two clauses may give the same period key (8月底前 and 长期 both "2026"): keep both, keyed apart.
    for (let i = 2; seen.has(key); i++) key = `${d.periodKey}#${i}`;
    seen.add(key);
    periods.push({ periodKey: key, label: d.label, dueOn: d.date, explanation: d.explanation, assumed: Boolean(d.assumed) });
  }
  const rules = [...s.eventRules.map((e) => e.description), ...s.ongoing];
  if (!periods.length) {
    const date = yearEnd(calendar, year);
    const why = s.eventRules.length
      ? `时限要求为事件触发（${s.eventRules.map((e) => e.description).join('；')}），不按固定周期生成截止日；全年落实情况于本年最后一个工作日${formatDateZh(date, true)}前报送。`
      : s.ongoing.length
        ? `${s.ongoing.join('；')}；全年落实情况于本年最后一个工作日${formatDateZh(date, true)}前报送。`
        : `${timeLimit.reviewReason ?? '时限要求未能识别'}；暂按本年最后一个工作日${formatDateZh(date, true)}计，请人工确定。`;
    periods.push({ periodKey: `${year}`, label: `${year}年度`, dueOn: date, explanation: why, assumed: true });
  }
  periods.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.periodKey.localeCompare(b.periodKey)));
  return { timeLimit, periods, needsReview: s.needsReview, notes: s.notes, rules };
}
