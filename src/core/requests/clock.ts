// The statutory clock of a disclosure request, always through the working-day calendar and always with
// its derivation (rules/regulation.md §1.2):
// - Art. 33 ¶2: reply within 20 working days of the receipt date (Art. 31); one extension, approved by the
//   head of the 工作机构 and told to the applicant, of at most 20 working days; the time spent consulting
//   third parties and other organs (Arts. 32, 34) is not counted.
// - Art. 30: an unclear request gets one correction notice within 7 working days of receipt; the period
//   then runs from the day the corrected request is received.
// - 国办函〔2020〕109号 (via the 四川 notice): a fee notice is paid within 20 working days from the day
//   after it is received. Whether that time counts against the reply period is UNCONFIRMED, so it is a
//   tenant setting (feePausesClock); when it pauses, it is shown like a consultation.
// A pause covers its first and last day inclusive: the days on which the request waited on someone else.
import { formatDateZh, formatRangeZh } from '../calendar/explain.ts';
import type { Deadline, LocalDate, Pause, WorkingCalendar } from '../calendar/index.ts';

/** Art. 33 ¶2. */
export const REPLY_WORKING_DAYS = 20;
/** Art. 33 ¶2: 延长的期限最长不得超过20个工作日. */
export const MAX_EXTENSION_DAYS = 20;
/** Art. 30: 自收到申请之日起7个工作日内一次性告知. */
export const CORRECTION_NOTICE_DAYS = 7;
/** Arts. 32, 34: the third party, or the co-producing organ, answers within 15 working days. */
export const CONSULTATION_DAYS = 15;
/** 109号: payment within 20 working days from the day after the fee notice is received. */
export const FEE_PAYMENT_DAYS = 20;
/** A correction period the handler may shorten or lengthen; this is the default offered. */
export const DEFAULT_CORRECTION_PERIOD_DAYS = 15;
/** Reminders to the handler and the unit leader, in working days left. */
export const REMINDER_DAYS = [5, 3, 1] as const;

export type PauseKind = 'third_party' | 'co_producer' | 'other_organ' | 'fee';

export const PAUSE_LABELS: Record<PauseKind, string> = {
  third_party: '征求第三方意见',
  co_producer: '征求共同制作机关意见',
  other_organ: '征求其他机关意见',
  fee: '等待缴纳信息处理费',
};

export interface ClockPause {
  kind: PauseKind;
  from: LocalDate;
  /** null while it lasts. */
  to: LocalDate | null;
}

export interface ClockFacts {
  receivedOn: LocalDate;
  /** The correction notice (Art. 30) and, once it came, the day the corrected request was received. */
  correction: { requestedOn: LocalDate; correctedOn: LocalDate | null } | null;
  pauses: readonly ClockPause[];
  /** Working days added by the one extension; 0 without one. */
  extensionDays: number;
}

export interface ClockView {
  /** running: counting; paused: a consultation or fee notice is open; stopped: waiting for a correction. */
  state: 'running' | 'paused' | 'stopped';
  /** The day the period runs from (not counted): the receipt date, or the day the correction arrived. */
  start: LocalDate;
  startLabel: string;
  /** null while the clock is stopped for a correction. */
  dueOn: LocalDate | null;
  deadline: Deadline | null;
  /** Art. 30: the correction notice must go out by this day. */
  correctionNoticeDueOn: LocalDate;
  /** One paragraph a citizen can read: the rule, the dates, and the calendar's own derivation. */
  explanation: string;
}

function pausesOf(facts: ClockFacts, today: LocalDate): Pause[] {
  return facts.pauses.map((p) => ({ from: p.from, to: p.to ?? (today < p.from ? p.from : today), reason: PAUSE_LABELS[p.kind] }));
}

export function correctionNoticeDue(cal: WorkingCalendar, receivedOn: LocalDate): Deadline {
  return cal.addWorkingDays(receivedOn, CORRECTION_NOTICE_DAYS);
}

/** The reply deadline of a request as it stands on `today`, with how it was computed. */
export function requestClock(cal: WorkingCalendar, facts: ClockFacts, today: LocalDate): ClockView {
  const correctionNoticeDueOn = correctionNoticeDue(cal, facts.receivedOn).due;
  const corr = facts.correction;
  if (corr && !corr.correctedOn) {
    return {
      state: 'stopped',
      start: facts.receivedOn,
      startLabel: '收到申请之日',
      dueOn: null,
      deadline: null,
      correctionNoticeDueOn,
      explanation: `已于${formatDateZh(corr.requestedOn)}一次性告知申请人补正；答复期限自收到补正后的申请之日起重新计算20个工作日（《中华人民共和国政府信息公开条例》第三十条）。`,
    };
  }
  const start = corr?.correctedOn ?? facts.receivedOn;
  const startLabel = corr?.correctedOn ? '收到补正后的申请之日' : '收到申请之日';
  const n = REPLY_WORKING_DAYS + facts.extensionDays;
  const pauses = pausesOf(facts, today);
  const deadline = cal.addWorkingDays(start, n, { pauses });
  const open = facts.pauses.find((p) => p.to === null);
  const rule = [
    `依据《中华人民共和国政府信息公开条例》第三十三条，应自${startLabel}（${formatDateZh(start)}）起20个工作日内答复`,
    corr?.correctedOn ? `（${formatDateZh(corr.requestedOn)}告知补正，${formatDateZh(corr.correctedOn)}收到补正后的申请，期限重新计算，第三十条）` : '',
    facts.extensionDays ? `，经批准延长${facts.extensionDays}个工作日，共${n}个工作日` : '',
    pauses.length ? '；征求第三方和其他机关意见所需时间不计算在内' : '',
    '。',
  ].join('');
  const still = open ? `目前${PAUSE_LABELS[open.kind]}（自${formatDateZh(open.from)}起），其间不计入期限，截止日随之顺延。` : '';
  return { state: open ? 'paused' : 'running', start, startLabel, dueOn: deadline.due, deadline, correctionNoticeDueOn, explanation: rule + deadline.explanation + still };
}

/** Working days the handling took up to `on` (pauses not counted): the ledger's 用时. */
export function workingDaysUsed(cal: WorkingCalendar, facts: ClockFacts, on: LocalDate): number {
  const start = facts.correction?.correctedOn ?? facts.receivedOn;
  if (on <= start) return 0;
  return cal.countWorkingDays(start, on, { pauses: pausesOf(facts, on) });
}

/** The day by which a consultation's party must answer (Arts. 32, 34), counted from the day it is sent. */
export function consultationDue(cal: WorkingCalendar, sentOn: LocalDate): Deadline {
  return cal.addWorkingDays(sentOn, CONSULTATION_DAYS);
}

/** The last day to pay a fee notice received on `receivedOn` (109号: 20 working days from the next day). */
export function feePaymentDue(cal: WorkingCalendar, receivedOn: LocalDate): Deadline {
  return cal.addWorkingDays(receivedOn, FEE_PAYMENT_DAYS);
}

/** The reminder owed on `today`: the most urgent threshold reached, or 'overdue'; null when none is due. */
export function reminderDue(cal: WorkingCalendar, dueOn: LocalDate, today: LocalDate): { kind: 'overdue'; daysLate: number } | { kind: 'due'; left: number; threshold: number } | null {
  if (today > dueOn) return { kind: 'overdue', daysLate: cal.workingDaysLate(dueOn, today) };
  const left = cal.countWorkingDays(today, dueOn);
  const threshold = [...REMINDER_DAYS].sort((a, b) => a - b).find((n) => left <= n);
  return threshold === undefined ? null : { kind: 'due', left, threshold };
}

export function describePause(p: ClockPause): string {
  return `${PAUSE_LABELS[p.kind]}（${p.to ? formatRangeZh(p.from, p.to) : `自${formatDateZh(p.from)}起`}）`;
}
