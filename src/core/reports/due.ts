// When a report is due (regulation Art. 49): 县级以上人民政府部门 publish their report on the previous year
// before 1月31日; the report of a 县级以上地方人民政府 is published before 3月31日. Dates, not working days.
// Which units report at all, and when to remind them.
import { diffDays, formatDateZh, type LocalDate } from '../calendar/index.ts';
import type { UnitKind } from '../org/kinds.ts';

/**
 * Units that publish an annual report of their own: the government, its general office and departments,
 * townships, streets and development zones (which in practice report like departments). Villages and
 * communities, vertical units (they report in their own system), institutions and the open-government
 * office inside the general office do not.
 */
export const REPORTING_KINDS: readonly UnitKind[] = ['government', 'office', 'department', 'township', 'street', 'development_zone'];

export function isReportingKind(kind: UnitKind): boolean {
  return REPORTING_KINDS.includes(kind);
}

export interface ReportDue {
  year: number;
  due: LocalDate;
  /** The rule, with the article: shown next to the date. */
  rule: string;
}

/** The due date of the report on `year` of a unit: the government at the root by 3月31日, any other by 1月31日. */
export function reportDue(year: number, isGovernment: boolean): ReportDue {
  if (isGovernment) {
    const due = `${year + 1}-03-31`;
    return { year, due, rule: `《条例》第四十九条：县级以上地方人民政府的政府信息公开工作年度报告，于每年3月31日前向社会公布，${year}年度报告应于${formatDateZh(due)}前公布` };
  }
  const due = `${year + 1}-01-31`;
  return { year, due, rule: `《条例》第四十九条：县级以上人民政府部门应当于每年1月31日前公布本部门上一年度政府信息公开工作年度报告，${year}年度报告应于${formatDateZh(due)}前公布` };
}

/** Days before the due date at which a unit whose report is not yet published is reminded. */
export const REMINDER_DAYS = [30, 14, 7, 3, 1, 0] as const;

export type ReminderDue = { kind: 'warn'; threshold: number; daysLeft: number } | { kind: 'overdue'; daysLate: number } | null;

/** How long after the date an overdue report is still announced (once); later the status board says it. */
export const OVERDUE_NOTICE_DAYS = 60;

/**
 * The reminder due on `today` for a report due on `due` that is not published: the nearest threshold at
 * or above the days left (each sent once, by its dedupe key), or overdue once the date has passed. Nothing
 * earlier than 30 days before, nor later than 60 days after (a platform taken into use later does not
 * announce the years before it).
 */
export function reportReminder(due: LocalDate, today: LocalDate): ReminderDue {
  const left = diffDays(today, due);
  if (left < 0) return left >= -OVERDUE_NOTICE_DAYS ? { kind: 'overdue', daysLate: -left } : null;
  const threshold = [...REMINDER_DAYS].reverse().find((t) => left <= t);
  return threshold === undefined ? null : { kind: 'warn', threshold, daysLeft: left };
}

export type BoardStatus = 'none' | 'draft' | 'checked' | 'published' | 'overdue';

export const BOARD_STATUS_LABELS: Record<BoardStatus, string> = {
  none: '未开始',
  draft: '编写中',
  checked: '已校验待发布',
  published: '已发布',
  overdue: '逾期未发布',
};

/** The status board's status of a unit's report: overdue once the date has passed without publication. */
export function boardStatus(state: 'draft' | 'checked' | 'published' | null, everPublished: boolean, due: LocalDate, today: LocalDate): BoardStatus {
  if (state === 'published' || everPublished) return 'published';
  if (today > due) return 'overdue';
  return state ?? 'none';
}

/** The last day on which a report could still have been published on time, for lateness. */
export function daysLate(publishedOn: LocalDate, due: LocalDate): number {
  return Math.max(0, diffDays(due, publishedOn));
}

