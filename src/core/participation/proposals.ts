// Deputies' suggestions and members' proposals (建议提案: 人大代表建议、政协委员提案). Each is registered with the
// number the congress or the CPPCC gave it, assigned to a lead unit (主办) and optional co-units (协办), and
// answered with a result category (A/B/C) and a disclosure attribute (全文公开 / 摘要公开 / 不公开 with a
// reason).
//
// The reply is due three months after assignment by default. This mirrors the national NPC rule,
// 《全国人民代表大会代表建议、批评和意见办理办法》 (answer within three months of assignment); it is NOT
// confirmed in ../shared/rules, and local congresses and CPPCCs set their own, so the number of months is a
// tenant setting (`proposalReplyMonths`). A due date that falls on a rest day moves to the next working day
// (the usual rule for periods ending on a holiday), through the tenant's working-day calendar.
import { formatDateZh, type LocalDate, type WorkingCalendar } from '../calendar/index.ts';
import { dateParts } from '../calendar/index.ts';

export const DEFAULT_PROPOSAL_REPLY_MONTHS = 3;
export const PROPOSAL_RULE = '《全国人民代表大会代表建议、批评和意见办理办法》';

export const PROPOSAL_KINDS = ['npc_suggestion', 'cppcc_proposal'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { npc_suggestion: '人大代表建议', cppcc_proposal: '政协委员提案' };

export const PROPOSAL_RESULTS = ['A', 'B', 'C'] as const;
export type ProposalResult = (typeof PROPOSAL_RESULTS)[number];
export const PROPOSAL_RESULT_LABELS: Record<ProposalResult, string> = { A: 'A类（已解决或基本解决）', B: 'B类（正在解决或列入计划解决）', C: 'C类（留作参考）' };

export const PROPOSAL_DISCLOSURES = ['full', 'summary', 'none'] as const;
export type ProposalDisclosure = (typeof PROPOSAL_DISCLOSURES)[number];
export const PROPOSAL_DISCLOSURE_LABELS: Record<ProposalDisclosure, string> = { full: '全文公开', summary: '摘要公开', none: '不公开' };

export const PROPOSAL_STATES = ['registered', 'assigned', 'replied', 'published'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = { registered: '待交办', assigned: '办理中', replied: '已答复', published: '已公开' };

/** The same day `months` later, or the month's last day when it has no such day (31 January + 1 = 28/29 February). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(d);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${y}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export interface ProposalDeadline {
  due: LocalDate;
  months: number;
  explanation: string;
}

/** The reply deadline of a proposal assigned on `assignedOn`, with the sentence that explains it. */
export function proposalReplyDue(cal: WorkingCalendar, assignedOn: LocalDate, months = DEFAULT_PROPOSAL_REPLY_MONTHS): ProposalDeadline {
  const end = addMonths(assignedOn, months);
  const due = cal.isWorkingDay(end) ? end : cal.nextWorkingDay(end);
  const basis = months === DEFAULT_PROPOSAL_REPLY_MONTHS ? `参照${PROPOSAL_RULE}，` : '按本级规定，';
  const moved = due === end ? '' : `该日为休息日，顺延至下一个工作日${formatDateZh(due, true)}；`;
  return { due, months, explanation: `${basis}自交办之日（${formatDateZh(assignedOn)}）起${months}个月内答复，期满日为${formatDateZh(end, true)}；${moved}截止日为${formatDateZh(due, true)}。` };
}

/** Calendar days by which a reply on `repliedOn` (or today, still unanswered) is after the due date; 0 if on time. */
export function daysLate(due: LocalDate, on: LocalDate): number {
  return on <= due ? 0 : Math.round((Date.parse(on) - Date.parse(due)) / 86_400_000);
}

export interface ReplyInput {
  reply: string;
  result: ProposalResult;
  disclosure: ProposalDisclosure;
  disclosureReason?: string | null;
  summary?: string | null;
}

/** Why a reply cannot be saved as it is; null when it can. */
export function replyProblem(r: ReplyInput): { field: string; message: string } | null {
  if (r.reply.trim().length < 10) return { field: 'reply', message: '请填写答复全文（至少10个字）' };
  if (r.disclosure === 'summary' && !r.summary?.trim()) return { field: 'summary', message: '摘要公开的答复须填写公开的摘要' };
  if (r.disclosure === 'none' && !r.disclosureReason?.trim()) return { field: 'disclosureReason', message: '不公开的答复须说明不公开的理由' };
  return null;
}

/** What the portal may show of a reply: the full text, the summary, or nothing (with the Chinese reason). */
export function publicReplyText(r: { disclosure: ProposalDisclosure; reply: string; summary: string | null }): { ok: true; text: string; partLabel: string } | { ok: false; message: string } {
  if (r.disclosure === 'full') return { ok: true, text: r.reply, partLabel: '答复全文' };
  if (r.disclosure === 'summary') return { ok: true, text: r.summary ?? '', partLabel: '答复摘要' };
  return { ok: false, message: '该答复的公开属性为“不公开”，不能在网站公开；如需公开，请先修改公开属性' };
}
