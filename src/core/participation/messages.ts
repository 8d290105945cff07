// Letters from the public (领导信箱 / 网友留言): answered within a number of working days that each
// government sets (no national figure; 5 working days is a common local rule and the default here),
// counted through the working-day calendar from the day the letter is received; a transfer to another
// unit does not restart the clock. Replies are published only with the writer's consent, masked.
import type { Deadline, LocalDate, WorkingCalendar } from '../calendar/index.ts';

export const DEFAULT_MESSAGE_REPLY_DAYS = 5;

export const MESSAGE_KINDS = ['leader', 'unit'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = { leader: '领导信箱', unit: '部门信箱' };

export const MESSAGE_CATEGORIES = ['consult', 'suggest', 'complain', 'report', 'other'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];
export const MESSAGE_CATEGORY_LABELS: Record<MessageCategory, string> = { consult: '咨询', suggest: '建议', complain: '投诉', report: '举报', other: '其他' };

export const MESSAGE_STATES = ['received', 'replied', 'closed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const MESSAGE_STATE_LABELS: Record<MessageState, string> = { received: '办理中', replied: '已答复', closed: '已办结' };

export function messageReplyDue(cal: WorkingCalendar, receivedOn: LocalDate, days = DEFAULT_MESSAGE_REPLY_DAYS): Deadline {
  return cal.addWorkingDays(receivedOn, days);
}

/** A satisfaction rating: 1 (very unsatisfied) … 5 (very satisfied). */
export const RATING_LABELS = ['', '很不满意', '不满意', '基本满意', '满意', '很满意'] as const;
export function isRating(n: unknown): n is 1 | 2 | 3 | 4 | 5 {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}
