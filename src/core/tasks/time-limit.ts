// 时限要求 of a task: the text as written in the notice, read into clauses the platform can schedule.
// Pure; the working-day calendar is passed in. Built on the catalogue's parser (src/core/catalogue/
// time-limit.ts), which reads one 公开时限; a task's time limit adds what yearly notices write:
//
//   blank                         no time limit written: a yearly task, due at the end of the plan's year.
//   按季度 / 每季度 / 每月 / 每年     periodic: one due date per period (the catalogue's rule: 20 working days after
//                                 the period's end unless the text names a limit; 每月后10个工作日内 → 10).
//   年底前 / 6月底前 / 2022年年底前   by a date in the plan's year (a named year only in that year).
//   信息形成或者变更之日起20个工作日内 / 处罚结果作出后7个工作日内
//                                 event-driven, in working days through the calendar (dueAfterEvent).
//   长期坚持 / 动态调整 / 长期公示    ongoing: kept up all year, reviewed at the year's last working day.
//   疫情防控期间                    ongoing while a condition lasts ('during'): no due date.
//   "8月底前…，长期落实更新"         several clauses (a date, then ongoing); clauses are split at ；。 and at
//                                 commas between pieces that each carry a time, so "长期坚持，抽查情况自信息形成
//                                 之日起20个工作日内公开" is ongoing plus an event rule.
//
// What is not understood is kept as text and flagged for a person (needsReview); nothing is guessed.
import type { LocalDate, WorkingCalendar } from '../calendar/index.ts';
import { formatDateZh } from '../calendar/index.ts';
import { describeRule, eventDue, obligationPeriods, parseTimeLimit, simpleRules } from '../catalogue/index.ts';
import type { DueDate, EventDueOptions, SimpleTimeLimitRule, TimeLimitRule } from '../catalogue/index.ts';

/** Ongoing while a condition lasts: 疫情防控期间. */
export interface DuringClause {
  kind: 'during';
  text: string;
  /** "疫情防控". */
  condition: string;
}

export type TaskClause = SimpleTimeLimitRule | DuringClause;

export type TaskTimeLimitKind = 'blank' | 'dated' | 'event' | 'ongoing' | 'mixed' | 'unparsed';

export interface TaskTimeLimit {
  /** As written; null when the notice gives none. */
  text: string | null;
  kind: TaskTimeLimitKind;
  clauses: TaskClause[];
  /** Pieces of the text that were not understood (kept, never guessed). */
  unparsed: string[];
  needsReview: boolean;
  /** Chinese: why a person has to look at it. */
  reviewReason: string | null;
  /** Chinese: the rule as the platform reads it. */
  description: string;
}

const TIME_HINT =
  /\d+\s*个?(?:工作日|自然日|日|天|小时|个月|周)|[零一二两三四五六七八九十]+\s*个?(?:工作日|日|天|小时|个月)|每|按(?:月|季|年|半年|周)|逐月|季度|月底|月末|年底|年末|年内|年终|上半年|下半年|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月份?(?:底|末|前|中旬|上旬|下旬|份)|长期|动态|常态|持续|及时|实时|随时|定期|期间|同步|第一时间|即时|适时|滚动|常年|限期|立即|当天|当日/;
const DURING = /^(.{0,24}?)期间(?:内)?(?:持续|做好|落实|公开|发布)?/;
const YEAR_END_OF = /(\d{4})\s*年\s*(?:年底|年末|年终|底|末)/;
const EXTENSION = /延长/;

function splitTop(text: string, seps: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('（(《“'.includes(ch)) depth++;
    else if ('）)》”'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Clause texts: ；。 always split; a comma splits only between pieces that each carry a time. */
export function timeClauses(text: string): string[] {
  const out: string[] = [];
  for (const sentence of splitTop(text, /[；;。\n]/)) {
    const pieces = splitTop(sentence, /[，,]/);
    const groups: string[] = [];
    let lead = '';
    for (const p of pieces) {
      if (TIME_HINT.test(p)) {
        groups.push(lead ? `${lead}，${p}` : p);
        lead = '';
      } else if (groups.length) groups[groups.length - 1] = `${groups[groups.length - 1]}，${p}`;
      else lead = lead ? `${lead}，${p}` : p;
    }
    if (lead) groups.push(lead);
    out.push(...groups);
  }
  return out;
}

function clauseKey(c: TaskClause): string {
  const { text: _t, ...rest } = c as TaskClause & { appliesTo?: string };
  return JSON.stringify(rest, Object.keys(rest).sort());
}

function readClause(clause: string): TaskClause[] | null {
  const during = DURING.exec(clause);
  if (during && !/\d+\s*个?(?:工作日|日|天|小时)/.test(clause)) {
    const condition = during[1]!.replace(/^(?:在|于)/, '').trim();
    if (condition) return [{ kind: 'during', text: clause, condition }];
  }
  const yearEnd = YEAR_END_OF.exec(clause);
  if (yearEnd && !/\d+\s*个?(?:工作日|日|天)/.test(clause)) {
    return [{ kind: 'by_date', month: 12, day: 31, monthEnd: true, yearly: false, year: Number(yearEnd[1]), text: clause }];
  }
  const rule = parseTimeLimit(clause);
  const clauses = simpleRules(rule).filter((r) => r.kind !== 'unparsed');
  return clauses.length ? clauses : null;
}

/** Reads a task's 时限要求. Never throws; the text is kept as written. */
export function parseTaskTimeLimit(input: string | null | undefined): TaskTimeLimit {
  const text = typeof input === 'string' && input.trim() ? input.trim() : null;
  if (!text) {
    return {
      text: null,
      kind: 'blank',
      clauses: [],
      unparsed: [],
      needsReview: false,
      reviewReason: null,
      description: '未写时限要求：按年度工作任务，于本年度内完成',
    };
  }
  const clauses: TaskClause[] = [];
  const unparsed: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const c of timeClauses(text)) {
    if (EXTENSION.test(c) && /不得超过|不超过|最长/.test(c)) {
      notes.push(`“${c}”是延期规定，不作为本任务的截止日`);
      continue;
    }
    const read = readClause(c);
    if (!read) {
      unparsed.push(c);
      continue;
    }
    for (const r of read) {
      const k = clauseKey(r);
      if (seen.has(k)) continue;
      seen.add(k);
      clauses.push(r);
    }
  }
  const kinds = new Set(clauses.map(clauseGroup));
  const kind: TaskTimeLimitKind = clauses.length === 0 ? 'unparsed' : kinds.size > 1 ? 'mixed' : [...kinds][0]!;
  const reviewReason =
    clauses.length === 0
      ? `未能识别的时限要求“${text}”，需人工确定`
      : unparsed.length
        ? `时限要求中“${unparsed.join('；')}”未能识别，需人工核对`
        : null;
  const description = clauses.length
    ? [...clauses.map(describeClause), ...notes].join('；')
    : `未能识别的时限要求“${text}”，需人工确定`;
  return { text, kind, clauses, unparsed, needsReview: reviewReason !== null, reviewReason, description };
}

function clauseGroup(c: TaskClause): Exclude<TaskTimeLimitKind, 'blank' | 'mixed' | 'unparsed'> {
  switch (c.kind) {
    case 'periodic':
    case 'by_date':
      return 'dated';
    case 'after_event':
    case 'after_event_natural':
      return 'event';
    case 'continuous':
    case 'during':
      return 'ongoing';
    case 'unparsed':
      return 'dated'; // never kept
  }
}

/** A Chinese description of one clause. */
export function describeClause(c: TaskClause): string {
  if (c.kind === 'during') return `${c.condition}期间持续落实（随${c.condition}期间结束而结束，不设固定截止日）`;
  if (c.kind === 'by_date') {
    const when = c.month === 12 && c.monthEnd ? '年底（12月31日）' : c.monthEnd ? `${c.month}月底` : `${c.month}月${c.day}日`;
    const scope = c.appliesTo ? `${c.appliesTo}：` : '';
    return c.year !== undefined ? `${scope}${c.year}年${when}前完成` : c.yearly ? `${scope}每年${when}前完成` : `${scope}计划年度${when}前完成`;
  }
  if (c.kind === 'continuous') return `${c.appliesTo ? `${c.appliesTo}：` : ''}长期坚持、持续落实（无固定周期，年底复核）`;
  return describeRule(c as TimeLimitRule);
}

/** True when the text reads as a time limit (used to tell a 时限 cell from other text). */
export function looksLikeTimeLimit(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 160 || !TIME_HINT.test(t)) return false;
  const tl = parseTaskTimeLimit(t);
  return tl.clauses.length > 0 && tl.unparsed.length === 0;
}

// ---------------------------------------------------------------------------------------------------
// Schedule

export interface TaskDue {
  date: LocalDate;
  /** '2022年第一季度', '2022年'. */
  label: string;
  periodKey: string;
  /** Chinese: the rule, then how the date was computed. */
  explanation: string;
  /** The clause the date comes from. */
  clause: string;
  onRestDay: boolean;
  warnings: string[];
  /** No time limit was written: the date is the platform's assumption (year end). */
  assumed?: boolean;
}

export interface TaskEventRule {
  clause: string;
  /** N 个工作日 after the event, or calendar days / hours. */
  workingDays?: number;
  days?: number;
  hours?: number;
  /** The event as written ("信息形成或者变更", "处罚结果作出"). */
  eventText: string;
  appliesTo: string | null;
  /** The period is how long something stays published (公示期), not a deadline. */
  lasting: boolean;
  description: string;
}

export interface TaskSchedule {
  year: number;
  /** Fixed due dates in the year, sorted. */
  dueDates: TaskDue[];
  /** Deadlines that run from an event (computed by dueAfterEvent when it happens). */
  eventRules: TaskEventRule[];
  /** Chinese: what is ongoing without a due date (疫情防控期间). */
  ongoing: string[];
  needsReview: boolean;
  notes: string[];
}

const lastWorkingDayOfYear = (calendar: WorkingCalendar, year: number): LocalDate => {
  const end = `${String(year).padStart(4, '0')}-12-31`;
  return calendar.isWorkingDay(end) ? end : calendar.previousWorkingDay(end);
};

/** The due dates and event rules of a task's time limit in the plan's year, through the calendar. */
export function scheduleTimeLimit(tl: TaskTimeLimit, year: number, calendar: WorkingCalendar): TaskSchedule {
  const out: TaskSchedule = { year, dueDates: [], eventRules: [], ongoing: [], needsReview: tl.needsReview, notes: [] };
  if (tl.reviewReason) out.notes.push(tl.reviewReason);
  if (tl.kind === 'blank') {
    const date = lastWorkingDayOfYear(calendar, year);
    const warnings = calendar.coverageWarnings(date, date);
    out.dueDates.push({
      date,
      label: `${year}年`,
      periodKey: `${year}`,
      explanation: `通知未写时限要求，按年度工作任务计，应于本年度内完成：截止日为${year}年最后一个工作日${formatDateZh(date, true)}。`,
      clause: '',
      onRestDay: false,
      warnings,
      assumed: true,
    });
    return out;
  }
  for (const c of tl.clauses) {
    if (c.kind === 'during') {
      out.ongoing.push(describeClause(c));
      continue;
    }
    if (c.kind === 'after_event' || c.kind === 'after_event_natural') {
      out.eventRules.push({
        clause: c.text,
        ...(c.kind === 'after_event' ? { workingDays: c.workingDays } : c.unit === 'day' ? { days: c.amount } : { hours: c.amount }),
        eventText: c.eventText,
        appliesTo: c.appliesTo ?? null,
        lasting: Boolean(c.lasting),
        description: describeClause(c),
      });
      continue;
    }
    if (c.kind === 'by_date' && c.year !== undefined && c.year !== year) {
      out.needsReview = true;
      out.notes.push(`时限“${c.text}”写明的是${c.year}年，与计划年度${year}年不同，需人工确定`);
      continue;
    }
    for (const o of obligationPeriods(c, year, calendar)) out.dueDates.push(toDue(o.due, o.label, o.periodKey, c.text));
  }
  out.dueDates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

function toDue(d: DueDate, label: string, periodKey: string, clause: string): TaskDue {
  return { date: d.date, label, periodKey, explanation: d.explanation, clause, onRestDay: d.onRestDay, warnings: d.warnings };
}

/**
 * The due date of an event-driven clause for one event (the day the information was formed, the penalty
 * decided …), counted in working days through the calendar. Null when the time limit has no such clause.
 */
export function dueAfterEvent(tl: TaskTimeLimit, eventDate: LocalDate, calendar: WorkingCalendar, opts: EventDueOptions = {}): DueDate | null {
  const events = tl.clauses.filter((c): c is SimpleTimeLimitRule => c.kind === 'after_event' || c.kind === 'after_event_natural');
  if (!events.length) return null;
  const rule: TimeLimitRule = events.length === 1 ? events[0]! : { kind: 'compound', text: tl.text ?? '', rules: events };
  return eventDue(rule, eventDate, calendar, opts);
}
