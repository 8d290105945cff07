// The state of a unit's work on a task, period by period, and when to remind it. Pure; the calendar is
// passed in.
//
// A task assigned to a unit (an assignment) has one period per due date of its time limit (按季度 → four,
// 每月 → twelve, 年底前 → one; event-driven or ongoing tasks one yearly period reviewed at the year's last
// working day). The unit reports on each period: 进行中 (in progress, with text) or 已完成 (done, with text and
// evidence). What the office sees:
//
//   not_started  未开始   nothing reported, not yet due
//   in_progress  进行中   reported in progress (or some periods done), nothing overdue
//   done         已完成   done (a period: reported done; an assignment: every period done)
//   overdue      已逾期   a period past its due date and not done
//
// A period done after its due date is done late, by the working days between (the calendar decides).
import type { LocalDate, WorkingCalendar } from '../calendar/index.ts';

/** What is stored for a period; overdue is derived from the date. */
export const PERIOD_STATES = ['not_started', 'in_progress', 'done'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  done: '已完成',
  overdue: '已逾期',
};

export interface PeriodFacts {
  dueOn: LocalDate;
  state: PeriodState;
  doneOn: LocalDate | null;
}

/** The status of one period on `today`. */
export function periodStatus(p: PeriodFacts, today: LocalDate): TaskStatus {
  if (p.state === 'done') return 'done';
  if (today > p.dueOn) return 'overdue';
  return p.state;
}

/** Working days a done period was late (0 on time or not done). */
export function periodLateDays(p: PeriodFacts, cal: WorkingCalendar): number {
  return p.state === 'done' && p.doneOn ? cal.workingDaysLate(p.dueOn, p.doneOn) : 0;
}

/** The status of an assignment (all its periods) on `today`. */
export function assignmentStatus(periods: readonly PeriodFacts[], today: LocalDate): TaskStatus {
  if (!periods.length) return 'not_started';
  const s = periods.map((p) => periodStatus(p, today));
  if (s.includes('overdue')) return 'overdue';
  if (s.every((x) => x === 'done')) return 'done';
  if (s.some((x) => x === 'done' || x === 'in_progress')) return 'in_progress';
  return 'not_started';
}

/** The period a report is about by default: the first one not done (else the last). */
export function currentPeriodIndex(periods: readonly PeriodFacts[]): number {
  const i = periods.findIndex((p) => p.state !== 'done');
  return i >= 0 ? i : periods.length - 1;
}

/** Working days before a due date on which the unit is reminded. */
export const TASK_REMINDER_DAYS = [5, 1] as const;

export type TaskReminder = { kind: 'due'; left: number; threshold: number } | { kind: 'overdue'; daysLate: number };

/**
 * The reminder due on `today` for a period not yet done: 5 and 1 working days before its due date (the
 * smallest threshold reached: a sweep that missed a day still sends the nearer one), on the due date itself
 * (left 0, threshold 0) and once it is overdue. Null when nothing is due yet.
 */
export function taskReminder(cal: WorkingCalendar, dueOn: LocalDate, today: LocalDate, thresholds: readonly number[] = TASK_REMINDER_DAYS): TaskReminder | null {
  if (today > dueOn) return { kind: 'overdue', daysLate: Math.max(1, cal.workingDaysLate(dueOn, today)) };
  const left = cal.countWorkingDays(today, dueOn);
  if (left <= 0) return { kind: 'due', left: 0, threshold: 0 };
  const threshold = [...thresholds].sort((a, b) => a - b).find((n) => left <= n);
  return threshold === undefined ? null : { kind: 'due', left, threshold };
}

/**
 * The period a record published on `publishedOn` belongs to: the earliest period not yet done whose due date
 * is on or after that day; when it came after every open period's due date, the last open period (done late).
 * -1 when every period is done.
 */
export function periodForPublication(periods: readonly PeriodFacts[], publishedOn: LocalDate): number {
  const open = periods.map((p, i) => ({ p, i })).filter((x) => x.p.state !== 'done');
  if (!open.length) return -1;
  const onTime = open.find((x) => x.p.dueOn >= publishedOn);
  return (onTime ?? open[open.length - 1]!).i;
}
