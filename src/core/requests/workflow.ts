// The life of a disclosure request as a state machine with an explicit event for every step (Art. 45:
// 申请登记、审核、办理、答复、归档). A refused step says why, in Chinese, with a code the interface can act on.
//
//   submitted ─register→ registered ─reply→ replied ─deliver→ closed
//                            │  ↑                    (also: withdraw from any open state → withdrawn)
//        request_correction  │  │ receive_correction
//                            ↓  │
//                         correction ─deem_abandoned→ closed (（六）1)
//   registered ─start_consultation→ consulting ─end_consultation→ registered
//   registered ─issue_fee_notice→ awaiting_fee ─record_payment→ registered | ─deem_fee_unpaid→ closed (（六）2)
//   registered | consulting | awaiting_fee ─extend→ (same state; once, ≤ 20 working days, before the due date)
//   any open state ─assign→ (same state: another unit or handler)
import { MAX_EXTENSION_DAYS } from './clock.ts';
import type { LocalDate } from '../calendar/index.ts';
import { formatDateZh } from '../calendar/explain.ts';
import { HANDLER_RESULTS, replyResult, type ResultCode } from './results.ts';

export const REQUEST_STATES = ['submitted', 'registered', 'correction', 'consulting', 'awaiting_fee', 'replied', 'closed', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const STATE_LABELS: Record<RequestState, string> = {
  submitted: '待登记',
  registered: '办理中',
  correction: '待补正',
  consulting: '征求意见中',
  awaiting_fee: '待缴费',
  replied: '已答复',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** States in which the request is still being handled (and may be withdrawn). */
export const OPEN_STATES: readonly RequestState[] = ['submitted', 'registered', 'correction', 'consulting', 'awaiting_fee'];
/** States whose clock is running or paused: reminders and the overdue list look at these. */
export const CLOCK_STATES: readonly RequestState[] = ['registered', 'consulting', 'awaiting_fee'];

export const REQUEST_EVENTS = [
  'register',
  'request_correction',
  'receive_correction',
  'deem_abandoned',
  'start_consultation',
  'end_consultation',
  'issue_fee_notice',
  'record_payment',
  'deem_fee_unpaid',
  'extend',
  'assign',
  'reply',
  'deliver',
  'withdraw',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

export const EVENT_LABELS: Record<RequestEvent | 'create' | 'assist' | 'assist_reply' | 'appeal' | 'note', string> = {
  create: '登记申请',
  register: '确认收到并登记',
  request_correction: '告知补正',
  receive_correction: '收到补正',
  deem_abandoned: '逾期未补正，视为放弃',
  start_consultation: '征求意见',
  end_consultation: '意见征询结束',
  issue_fee_notice: '发出收费通知',
  record_payment: '已缴费',
  deem_fee_unpaid: '逾期未缴费，不再处理',
  extend: '延期答复',
  assign: '转办',
  reply: '作出答复',
  deliver: '送达',
  withdraw: '申请人撤回',
  assist: '请求协查',
  assist_reply: '协查回复',
  appeal: '行政复议或诉讼',
  note: '备注',
};

export type Refusal = { ok: false; code: string; message: string; field?: string };
export type Allowed = { ok: true; to: RequestState; result?: ResultCode };

/** What the workflow needs to know of a request to judge a step. */
export interface RequestSnapshot {
  state: RequestState;
  receivedOn: LocalDate | null;
  correctionRequestedOn: LocalDate | null;
  correctedOn: LocalDate | null;
  /** The last day the applicant may correct (set with the notice). */
  correctionDueOn: LocalDate | null;
  /** Art. 30: the notice must go out by this day. */
  correctionNoticeDueOn: LocalDate | null;
  extensionDays: number;
  dueOn: LocalDate | null;
  consultationDueOn: LocalDate | null;
  feeDueOn: LocalDate | null;
}

export interface StepInput {
  event: RequestEvent;
  today: LocalDate;
  /** The date the step happened (defaults to today); never in the future. */
  on?: LocalDate;
  comment?: string | null;
  extensionDays?: number;
  approver?: string | null;
  result?: ResultCode | null;
  consultationOutcome?: 'agreed' | 'objected' | 'no_reply' | null;
  byApplicant?: boolean;
}

const refuse = (code: string, message: string, field?: string): Refusal => ({ ok: false, code, message, ...(field ? { field } : {}) });

function needOpen(s: RequestSnapshot): Refusal | null {
  if (s.state === 'closed' || s.state === 'replied') return refuse('WRONG_STATE', `申请已${STATE_LABELS[s.state]}，不能再办理此事项`);
  if (s.state === 'withdrawn') return refuse('WRONG_STATE', '申请人已撤回申请');
  return null;
}

/** Judges one step: the state it leads to, or why it is refused. */
export function requestTransition(s: RequestSnapshot, step: StepInput): Allowed | Refusal {
  const on = step.on ?? step.today;
  if (on > step.today) return refuse('BAD_DATE', `日期 ${on} 晚于今天`, 'on');
  const comment = step.comment?.trim() ?? '';
  switch (step.event) {
    case 'register':
      if (s.state !== 'submitted') return refuse('WRONG_STATE', `申请已经登记（当前为“${STATE_LABELS[s.state]}”）`);
      return { ok: true, to: 'registered' };

    case 'request_correction': {
      if (s.state === 'submitted') return refuse('NOT_REGISTERED', '请先确认收到并登记申请，再告知补正');
      if (s.correctionRequestedOn) return refuse('CORRECTION_ONCE', `已于${formatDateZh(s.correctionRequestedOn)}告知过补正；《条例》第三十条要求一次性告知，不能再次要求补正`);
      if (s.state !== 'registered') return needOpen(s) ?? refuse('WRONG_STATE', `“${STATE_LABELS[s.state]}”时不能告知补正`);
      if (s.correctionNoticeDueOn && on > s.correctionNoticeDueOn) {
        return refuse('CORRECTION_TOO_LATE', `补正告知应在收到申请之日起7个工作日内作出（截止${formatDateZh(s.correctionNoticeDueOn)}），已超过期限；请按原申请办理答复`);
      }
      if (!comment) return refuse('COMMENT_REQUIRED', '请写明需要补正的事项（一次性告知全部内容）', 'comment');
      return { ok: true, to: 'correction' };
    }

    case 'receive_correction':
      if (s.state !== 'correction') return refuse('WRONG_STATE', '申请不在待补正状态');
      if (s.correctionRequestedOn && on < s.correctionRequestedOn) return refuse('BAD_DATE', '收到补正的日期早于告知补正的日期', 'on');
      return { ok: true, to: 'registered' };

    case 'deem_abandoned':
      if (s.state !== 'correction') return refuse('WRONG_STATE', '只有待补正的申请才能因逾期未补正而终止');
      if (s.correctionDueOn && step.today <= s.correctionDueOn) return refuse('NOT_YET', `补正期限至${formatDateZh(s.correctionDueOn)}，期满后仍未补正的才视为放弃申请`);
      return { ok: true, to: 'closed', result: 'other.no_correction' };

    case 'start_consultation':
      if (s.state === 'submitted') return refuse('NOT_REGISTERED', '请先确认收到并登记申请');
      if (s.state === 'consulting') return refuse('WRONG_STATE', '已有正在进行的意见征询，请先结束它');
      if (s.state !== 'registered') return needOpen(s) ?? refuse('WRONG_STATE', `“${STATE_LABELS[s.state]}”时不能征求意见`);
      return { ok: true, to: 'consulting' };

    case 'end_consultation':
      if (s.state !== 'consulting') return refuse('WRONG_STATE', '没有正在进行的意见征询');
      if (step.consultationOutcome === 'no_reply' && s.consultationDueOn && on <= s.consultationDueOn) {
        return refuse('NOT_YET', `对方的答复期限至${formatDateZh(s.consultationDueOn)}（15个工作日），期满未答复的才能按“逾期未提出意见”处理`);
      }
      return { ok: true, to: 'registered' };

    case 'issue_fee_notice':
      if (s.state === 'submitted') return refuse('NOT_REGISTERED', '请先确认收到并登记申请');
      if (s.state !== 'registered') return needOpen(s) ?? refuse('WRONG_STATE', `“${STATE_LABELS[s.state]}”时不能发出收费通知`);
      // 109号: the fee notice is sent within the request-handling period.
      if (s.dueOn && on > s.dueOn) return refuse('TOO_LATE', `收费通知应在答复期限内发出（截止${formatDateZh(s.dueOn)}）`);
      return { ok: true, to: 'awaiting_fee' };

    case 'record_payment':
      if (s.state !== 'awaiting_fee') return refuse('WRONG_STATE', '申请不在待缴费状态');
      return { ok: true, to: 'registered' };

    case 'deem_fee_unpaid':
      if (s.state !== 'awaiting_fee') return refuse('WRONG_STATE', '申请不在待缴费状态');
      if (s.feeDueOn && step.today <= s.feeDueOn) return refuse('NOT_YET', `缴费期限至${formatDateZh(s.feeDueOn)}，期满仍未缴纳的才不再处理`);
      return { ok: true, to: 'closed', result: 'other.fee_unpaid' };

    case 'extend': {
      if (s.state === 'submitted') return refuse('NOT_REGISTERED', '请先确认收到并登记申请');
      if (!['registered', 'consulting', 'awaiting_fee'].includes(s.state)) return needOpen(s) ?? refuse('WRONG_STATE', `“${STATE_LABELS[s.state]}”时不能延期`);
      if (s.extensionDays > 0) return refuse('EXTENSION_ONCE', `已经延期过一次（${s.extensionDays}个工作日）；《条例》第三十三条只允许延长一次`);
      const n = step.extensionDays ?? 0;
      if (!Number.isInteger(n) || n < 1 || n > MAX_EXTENSION_DAYS) return refuse('BAD_EXTENSION', `延长的期限应为1至${MAX_EXTENSION_DAYS}个工作日（《条例》第三十三条）`, 'extensionDays');
      if (!step.approver?.trim()) return refuse('APPROVER_REQUIRED', '延期须经政府信息公开工作机构负责人同意，请填写批准人', 'approver');
      if (!comment) return refuse('COMMENT_REQUIRED', '请写明延期的理由（将告知申请人）', 'comment');
      if (s.dueOn && step.today > s.dueOn) return refuse('TOO_LATE', `答复期限已于${formatDateZh(s.dueOn)}届满，不能再延期`);
      return { ok: true, to: s.state };
    }

    case 'assign': {
      const closed = needOpen(s);
      if (closed) return closed;
      return { ok: true, to: s.state };
    }

    case 'reply': {
      if (s.state === 'submitted') return refuse('NOT_REGISTERED', '申请尚未登记，不能答复；请先确认收到并登记');
      if (s.state === 'correction') return refuse('WRONG_STATE', '申请待补正：请在收到补正后答复，或补正期满后按逾期未补正处理');
      if (s.state === 'consulting') return refuse('WRONG_STATE', '意见征询尚未结束，请先记录征询结果');
      if (s.state === 'awaiting_fee') return refuse('WRONG_STATE', '申请人尚未缴费：请在缴费后答复，或期满后按逾期未缴费处理');
      if (s.state !== 'registered') return needOpen(s) ?? refuse('WRONG_STATE', `“${STATE_LABELS[s.state]}”时不能答复`);
      if (!step.result || !HANDLER_RESULTS.includes(step.result)) return refuse('RESULT_REQUIRED', '请选择答复类型（按年度报告的办理结果分类）', 'result');
      if (step.result === 'unable.unclear_after_correction' && !s.correctedOn) return refuse('WRONG_RESULT', '“补正后申请内容仍不明确”只适用于已经补正过的申请', 'result');
      if (replyResult(step.result).reasonRequired && !comment) return refuse('COMMENT_REQUIRED', '该答复类型须向申请人说明理由，请填写', 'comment');
      return { ok: true, to: 'replied', result: step.result };
    }

    case 'deliver':
      if (s.state !== 'replied') return refuse('WRONG_STATE', '申请还没有答复，不能记录送达');
      return { ok: true, to: 'closed' };

    case 'withdraw': {
      const closed = needOpen(s);
      if (closed) return closed;
      return { ok: true, to: 'withdrawn', result: 'other.other' };
    }
  }
}

/** Events that make sense in a state: the console offers these (each may still be refused on its details). */
export function eventsIn(state: RequestState): RequestEvent[] {
  switch (state) {
    case 'submitted':
      return ['register', 'assign', 'withdraw'];
    case 'registered':
      return ['reply', 'request_correction', 'start_consultation', 'issue_fee_notice', 'extend', 'assign', 'withdraw'];
    case 'correction':
      return ['receive_correction', 'deem_abandoned', 'assign', 'withdraw'];
    case 'consulting':
      return ['end_consultation', 'extend', 'assign', 'withdraw'];
    case 'awaiting_fee':
      return ['record_payment', 'deem_fee_unpaid', 'extend', 'assign', 'withdraw'];
    case 'replied':
      return ['deliver'];
    default:
      return [];
  }
}
