// Public consultation on a draft (意见征集). 《重大行政决策程序暂行条例》(国务院令第713号) Art. 15: the period
// for public comment on a major administrative decision is generally not less than 30 days (calendar days:
// the regulation says 日, not 工作日); it may be shorter when the matter is urgent, and the reason must be
// explained. 《规章制定程序条例》 Arts. 15, 21: the same 30 days for draft rules. Other drafts: the period the
// drafting unit sets.
import { diffDays, type LocalDate } from '../calendar/index.ts';

export const CONSULTATION_KINDS = ['major_decision', 'rule', 'normative_document', 'other'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  major_decision: '重大行政决策',
  rule: '规章',
  normative_document: '行政规范性文件',
  other: '其他',
};

/** Minimum calendar days of comment, where the law sets one. */
export const MIN_DAYS: Partial<Record<ConsultationKind, { days: number; basis: string }>> = {
  major_decision: { days: 30, basis: '《重大行政决策程序暂行条例》第十五条' },
  rule: { days: 30, basis: '《规章制定程序条例》第十五条' },
};

/** Days of the period, both ends included. */
export function periodDays(startsOn: LocalDate, endsOn: LocalDate): number {
  return diffDays(startsOn, endsOn) + 1;
}

export interface PeriodInput {
  kind: ConsultationKind;
  startsOn: LocalDate;
  endsOn: LocalDate;
  urgent?: boolean;
  urgentReason?: string | null;
}

export type PeriodProblem = { field: string; message: string } | null;

export function periodProblem(p: PeriodInput): PeriodProblem {
  if (p.endsOn < p.startsOn) return { field: 'endsOn', message: '征集截止日期早于开始日期' };
  const days = periodDays(p.startsOn, p.endsOn);
  const min = MIN_DAYS[p.kind];
  if (!min || days >= min.days) return null;
  if (!p.urgent) {
    return { field: 'endsOn', message: `${CONSULTATION_KIND_LABELS[p.kind]}征求公众意见的期限一般不少于${min.days}日（${min.basis}），本次只有${days}日；情况紧急需要缩短的，请注明紧急并说明理由` };
  }
  if (!p.urgentReason?.trim()) return { field: 'urgentReason', message: `缩短征求意见期限（${days}日，少于${min.days}日）须说明理由（${min.basis}）` };
  return null;
}

export const COMMENT_STATES = ['pending', 'approved', 'rejected'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];
export const COMMENT_STATE_LABELS: Record<CommentState, string> = { pending: '待审核', approved: '已公开', rejected: '不予公开' };

export const CONSULTATION_STATES = ['draft', 'open', 'closed', 'reported'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const CONSULTATION_STATE_LABELS: Record<ConsultationState, string> = { draft: '草稿', open: '征集中', closed: '已结束', reported: '已公布采纳情况' };

/** The state on `today` of a published consultation: open within its period, closed after it. */
export function phaseOn(state: ConsultationState, startsOn: LocalDate, endsOn: LocalDate, today: LocalDate): ConsultationState | 'upcoming' {
  if (state !== 'open') return state;
  if (today < startsOn) return 'upcoming';
  return today > endsOn ? 'closed' : 'open';
}
