// Art. 26 of the regulation: proactively disclosed information is published within 20 working days of the
// day it is formed or changed (自该政府信息形成或者变更之日起20个工作日内), unless a law sets another period.
import type { Deadline, WorkingCalendar } from '../calendar/index.ts';

export const PUBLICATION_WORKING_DAYS = 20;
/** Warnings to the unit, in working days before the due date. */
export const PUBLICATION_WARNINGS = [5, 1] as const;

export interface PublicationDeadline extends Deadline {
  /** The rule the deadline applies, with its source. */
  rule: string;
}

export function publicationDeadline(calendar: WorkingCalendar, formedOn: string, workingDays = PUBLICATION_WORKING_DAYS): PublicationDeadline {
  const d = calendar.addWorkingDays(formedOn, workingDays);
  const rule = workingDays === PUBLICATION_WORKING_DAYS ? '《政府信息公开条例》第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开' : `自信息形成或者变更之日起${workingDays}个工作日内公开（本单位适用的规定）`;
  return { ...d, rule, explanation: `${rule}。${d.explanation}` };
}

/** Working days late (0 when on time), counted by the calendar. */
export function workingDaysLate(calendar: WorkingCalendar, dueOn: string, publishedOn: string): number {
  return calendar.workingDaysLate(dueOn, publishedOn);
}
