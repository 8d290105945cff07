// Press conferences, online interviews, open days and meetings attended by public representatives
// (新闻发布会、在线访谈、政府开放日、列席会议). An event is drafted, published (announced), then held or
// cancelled. Open days and meetings take public registration up to a capacity and a closing time. After a
// meeting attended by public representatives, their opinions and how they were adopted are published within
// 3 working days of the meeting, counted through the working-day calendar; publishing later is allowed but
// recorded as late by the number of working days.
import type { Deadline, LocalDate, WorkingCalendar } from '../calendar/index.ts';

export const EVENT_KINDS = ['press_conference', 'online_interview', 'open_day', 'attended_meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = { press_conference: '新闻发布会', online_interview: '在线访谈', open_day: '政府开放日', attended_meeting: '列席会议' };

/** Kinds the public registers for on the portal. */
export const REGISTRATION_KINDS: readonly EventKind[] = ['open_day', 'attended_meeting'];
export const takesRegistration = (kind: EventKind) => REGISTRATION_KINDS.includes(kind);

export const EVENT_STATES = ['draft', 'published', 'held', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const EVENT_STATE_LABELS: Record<EventState, string> = { draft: '草稿', published: '已预告', held: '已举行', cancelled: '已取消' };

export const REGISTRATION_STATES = ['pending', 'selected', 'declined'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = { pending: '待确认', selected: '已确定参加', declined: '未能安排' };

/** Working days after the meeting within which the representatives' opinions and their adoption are published. */
export const MEETING_OPINION_DAYS = 3;

export function meetingOpinionsDue(cal: WorkingCalendar, heldOn: LocalDate): Deadline {
  return cal.addWorkingDays(heldOn, MEETING_OPINION_DAYS);
}

export function meetingOpinionsExplanation(d: Deadline): string {
  return `列席会议的公众代表意见及采纳情况应在会后${MEETING_OPINION_DAYS}个工作日内公开。${d.explanation}`;
}

/** Whether the public may register now, and if not, why (in Chinese). */
export function registrationProblem(
  e: { kind: EventKind; state: EventState; capacity: number | null; registrationClosesAt: Date | null },
  taken: number,
  now: Date,
): string | null {
  if (!takesRegistration(e.kind) || e.capacity === null || !e.registrationClosesAt) return '本活动不接受网上报名';
  if (e.state !== 'published') return e.state === 'cancelled' ? '活动已取消，不再接受报名' : '活动已举行，不再接受报名';
  if (now >= e.registrationClosesAt) return '报名已截止';
  if (taken >= e.capacity) return `报名人数已满（名额${e.capacity}人）`;
  return null;
}

export interface RepresentativeOpinion {
  /** The representative as published: name (or 某代表) and sector, e.g. 市民代表 王某. */
  representative: string;
  opinion: string;
  adopted: boolean;
  /** How it was adopted, or why not. */
  response: string;
}

export function opinionsProblem(list: readonly RepresentativeOpinion[]): { field: string; message: string } | null {
  if (!list.length) return { field: 'opinions', message: '请至少填写一条公众代表的意见' };
  for (const [i, o] of list.entries()) {
    if (!o.representative.trim()) return { field: `opinions.${i}.representative`, message: `第${i + 1}条意见：请填写提出意见的代表` };
    if (!o.opinion.trim()) return { field: `opinions.${i}.opinion`, message: `第${i + 1}条意见：请填写意见内容` };
    if (!o.response.trim()) return { field: `opinions.${i}.response`, message: `第${i + 1}条意见：请说明采纳情况或不予采纳的理由` };
  }
  return null;
}
