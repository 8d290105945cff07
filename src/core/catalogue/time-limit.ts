// 公开时限 of a catalogue item: the free text of the standard table, parsed into a rule the platform can
// compute obligations and due dates from. The original text is always kept beside the rule (`text`), and
// a text the parser does not understand becomes { kind: 'unparsed' }: it is never guessed into a rule.
//
// Kinds:
//   after_event          N 个工作日 after an event (信息形成或者变更 / 作出行政决定 / another event), or how long a
//                        notice stays up (公告期限5个工作日 → lasting). Event-driven: no periodic obligation.
//   after_event_natural  N 日 (calendar days) or N 小时 after an event (舆情 5/24/48 小时, 公示期30日 …).
//   periodic             每月 / 每季度 / 每半年 / 每年, with the limit after the period's end if the text names
//                        one (每月后10个工作日内, 每季度结束后15日内, 每月10日前 → 次月10日, 次年1月底前).
//   by_date              a named date in the year: 每年3月31日前 (yearly), 6月底前, 年底前.
//   continuous           及时公开 / 实时公开 / 动态更新 / 长期公开 / 常态化 …
//   unparsed             anything else.
//   compound             several clauses: rules[0] is the general rule, the others exceptions (with appliesTo),
//                        e.g. "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示".
//
// The rule is plain JSON (stored in catalogue_items.time_limit_rule): no undefined values, no dates.

export type TimeLimitEvent = 'formed_or_changed' | 'decision' | 'other';
export type PeriodUnit = 'month' | 'quarter' | 'half_year' | 'year';

interface RuleBase {
  /** The text the rule was parsed from (the whole 公开时限, or the clause of a compound). */
  text: string;
  /** Which information the rule is for, when the text says ("行政许可、行政处罚事项"). */
  appliesTo?: string;
}

export interface AfterEventRule extends RuleBase {
  kind: 'after_event';
  /** 0 = at the same time as the event (同步发布). */
  workingDays: number;
  event: TimeLimitEvent;
  /** The event as written ("信息形成或者变更", "作出行政决定"); '' when the text names none. */
  eventText: string;
  /** The N working days are how long the notice stays published (公告期限, 公示期), not a deadline. */
  lasting?: boolean;
  /** Why the rule reads the text the way it does, Chinese. */
  note?: string;
}

export interface AfterEventNaturalRule extends RuleBase {
  kind: 'after_event_natural';
  amount: number;
  /** 'day' = 自然日 (calendar days), 'hour' = 小时. */
  unit: 'day' | 'hour';
  event: TimeLimitEvent;
  eventText: string;
  lasting?: boolean;
}

/** A date in the months after a period: monthOffset 0 = the period's last month, 1 = the month after … */
export interface PeriodDueOn {
  monthOffset: number;
  /** Day of that month, or 'end' for its last day (月底). */
  day: number | 'end';
}

export interface PeriodicRule extends RuleBase {
  kind: 'periodic';
  every: PeriodUnit;
  /** Working days after the period's end (每月后10个工作日内). */
  withinWorkingDays?: number;
  /** Calendar days after the period's end (每季度结束后15日内). */
  withinDays?: number;
  /** A named day after the period (每月10日前 → 次月10日; 次年1月底前). */
  dueOn?: PeriodDueOn;
}

export interface ByDateRule extends RuleBase {
  kind: 'by_date';
  month: number;
  /** Day of month; for a month end (月底) the last day in a common year, with monthEnd set. */
  day: number;
  /** The text says 每年. */
  yearly: boolean;
  /** The text says 月底/月末/年底: the month's last day whatever the year (2月 → 28 or 29). */
  monthEnd?: boolean;
  /** The text names a year ("2026年6月30日前"): the rule applies to that year only. */
  year?: number;
}

export interface ContinuousRule extends RuleBase {
  kind: 'continuous';
}

export interface UnparsedRule extends RuleBase {
  kind: 'unparsed';
}

export type SimpleTimeLimitRule = AfterEventRule | AfterEventNaturalRule | PeriodicRule | ByDateRule | ContinuousRule | UnparsedRule;

/** Several clauses. rules[0] is the general rule; the others are exceptions or additional requirements. */
export interface CompoundTimeLimitRule {
  kind: 'compound';
  text: string;
  rules: SimpleTimeLimitRule[];
}

export type TimeLimitRule = SimpleTimeLimitRule | CompoundTimeLimitRule;

/** The simple rules of a rule: itself, or the clauses of a compound. */
export function simpleRules(rule: TimeLimitRule): SimpleTimeLimitRule[] {
  return rule.kind === 'compound' ? rule.rules : [rule];
}

/** True when at least one clause was understood. */
export function isParsed(rule: TimeLimitRule): boolean {
  return simpleRules(rule).some((r) => r.kind !== 'unparsed');
}

// ---------------------------------------------------------------------------------------------------
// Normalisation

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十 → 20, 十五 → 15, 一百 → 100, 二〇二六 → 2026. NaN if not a numeral. */
export function chineseNumber(s: string): number {
  if (!s) return NaN;
  if (!/[十百千]/.test(s)) {
    let v = 0;
    for (const c of s) {
      const d = CN_DIGIT[c];
      if (d === undefined) return NaN;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let cur = 0;
  for (const c of s) {
    const d = CN_DIGIT[c];
    if (d !== undefined) cur = d;
    else if (c === '十' || c === '百' || c === '千') {
      const unit = c === '十' ? 10 : c === '百' ? 100 : 1000;
      total += (cur === 0 ? 1 : cur) * unit;
      cur = 0;
    } else return NaN;
  }
  return total + cur;
}

/**
 * The text the patterns run on: no spaces, ASCII digits, Chinese numerals before a unit as digits
 * ("二十个工作日" → "20个工作日", "三日" → "3日"), "个" dropped before a unit, full-width brackets.
 */
export function normalizeTimeText(s: string): string {
  let t = s.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  // A year written in numerals: 二〇二六年.
  t = t.replace(/([零〇一二三四五六七八九]{4})(?=年)/g, (m) => String(chineseNumber(m)));
  t = t.replace(/(?<!同|第)([零〇一二两三四五六七八九十百]+)(?=个?(?:工作日|自然日|日历日|日|天|小时|个月|月|季度|周))/g, (m) => {
    const v = chineseNumber(m);
    return Number.isNaN(v) ? m : String(v);
  });
  t = t.replace(/第([一二三四])(?=季度)/g, (_m, d: string) => `第${CN_DIGIT[d]}`);
  t = t.replace(/(\d+)个(?=工作日|自然日|日历日|小时|月|季度)/g, '$1');
  return t.replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，').replace(/;/g, '；').replace(/:/g, '：');
}

// ---------------------------------------------------------------------------------------------------
// Patterns (on normalised text)

const WORKING_DAYS = /(\d+)工作日/;
const HOURS = /(\d+)(?:小时|钟头)/;
// N日 / N天 / N自然日, but not a date (3月31日, 每月10日前) and not "7日前" (before an event).
const NATURAL_DAYS = /(?<![月\d])(\d+)(自然日|日历日|日|天)(?!前|之前|以前)/;
const FULL_DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/;
const MONTH_END = /(?:(\d{4})年)?(\d{1,2})月份?(?:底|末)/;
const DAY_ONLY = /(?<!\d)(\d{1,2})[日号](?:之前|以前|前|止|为止)/;
const YEAR_END = /年底|年末|年终|年内/;
const FIRST_HALF_END = /上半年/;
const SECOND_HALF_END = /下半年/;
/** The text is about the year before the due date ("公开上一年度…", "次年1月底前"). */
const PREVIOUS_YEAR = /上一?年度?|次年|翌年/;
const THIS_MONTH = /当月|本月/;
const PERIOD_END = /(?:每|按)(?:个)?(?:月|季度?|半年|年度?)(?:底|末)/;
const LASTING = /期限|公示期|公告期|期为|不少于|不得少于|至少|期满/;
const SAME_TIME = /同步(?:发布|公开|印发|推送|组织|审签|部署|解读)|同时(?:发布|公开|印发)/;
const CONTINUOUS = /及时|实时|即时|随时|动态|长期|常态化|持续|常年|适时|第一时间|滚动/;

const PERIOD_PATTERNS: Array<[PeriodUnit, RegExp]> = [
  ['half_year', /(?:每|按)半年|半年度|半年[1一]次/],
  ['quarter', /(?:每|按|逐)(?:个)?季度?|(?<!第\d|\d)季度/],
  ['month', /每个?月|按月|逐月|月度|(?:每|按)1月(?!\d)/],
  ['year', /每个?年度?|按年度?|逐年|年度(?:更新|公开|发布)|[1一]年[1一]次|^年度$/],
];

function detectPeriod(t: string): PeriodUnit | undefined {
  for (const [unit, re] of PERIOD_PATTERNS) if (re.test(t)) return unit;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface FoundDate {
  month: number;
  day: number;
  monthEnd: boolean;
  year?: number;
}

function detectDate(t: string): FoundDate | undefined {
  const full = FULL_DATE.exec(t);
  if (full) {
    const month = Number(full[2]);
    const day = Number(full[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month)) {
      const d: FoundDate = { month, day, monthEnd: false };
      if (full[1]) d.year = Number(full[1]);
      return d;
    }
  }
  const end = MONTH_END.exec(t);
  if (end) {
    const month = Number(end[2]);
    if (month >= 1 && month <= 12) {
      const d: FoundDate = { month, day: daysInMonth(2001, month), monthEnd: true };
      if (end[1]) d.year = Number(end[1]);
      return d;
    }
  }
  if (YEAR_END.test(t)) return { month: 12, day: 31, monthEnd: true };
  if (FIRST_HALF_END.test(t)) return { month: 6, day: 30, monthEnd: true };
  if (SECOND_HALF_END.test(t)) return { month: 12, day: 31, monthEnd: true };
  return undefined;
}

/** Subject (appliesTo) and event of the words before a duration: "行政许可事项应自作出行政决定之日起". */
function splitEvent(prefix: string, lasting: boolean): { subject: string; eventText: string } {
  let p = prefix.replace(/[，、：:]+$/, '');
  p = p.replace(/(?:之日起|之日后|之日|日起|起|以后|之后|后|内)+$/, '');
  const marker = /(?:应当|应|须|需|要|必须)?(?:自(?!然)|从|(?<!关|对|由|属|等|少|低|多|高|大|小|早|晚|迟)于|(?<![存现实所])在)/.exec(p);
  let subject = '';
  let eventText = p;
  if (marker) {
    subject = p.slice(0, marker.index);
    eventText = p.slice(marker.index + marker[0].length);
  }
  eventText = eventText.replace(/(?:之日起|之日后|之日|日起|起|以后|之后|后)+$/, '');
  if (lasting) eventText = eventText.replace(/(?:的)?(?:公告|公示)?(?:期限|期为|期)?(?:一般)?(?:不少于|不得少于|至少|为)?$/, (m) => (m.startsWith('公告') || m.startsWith('公示') ? m.slice(0, 2) : ''));
  subject = subject
    .replace(/^其中/, '')
    .replace(/(?:最迟|至迟|最长|最短|一般|原则上|均|都|并|须|应当|应)+$/, '')
    .replace(/[，、的]+$/, '');
  return { subject, eventText };
}

/** The event of an event text; an empty one is Art. 26's 信息形成或者变更 for working days, else 'other'. */
function classifyEvent(eventText: string, ifEmpty: TimeLimitEvent = 'formed_or_changed'): TimeLimitEvent {
  if (!eventText) return ifEmpty;
  if (/作出.*决定|决定作出|行政决定|处罚决定|许可决定|执法决定|审批|批准|批复|核准/.test(eventText)) return 'decision';
  if (/形成|变更|制作|产生|生成/.test(eventText)) return 'formed_or_changed';
  if (/决定/.test(eventText)) return 'decision';
  return 'other';
}

const PENALTY_LAW_DAYS = new Set([2, 3, 5, 7]);
const PENALTY_LAW_NOTE = '依《行政处罚法》第八十五条，该法所称“二日”“三日”“五日”“七日”指工作日，不含法定节假日';

/** One clause (no ；). Null for an empty clause. */
function parseClause(raw: string): SimpleTimeLimitRule | null {
  const text = raw.trim().replace(/^[，、。：:]+|[，、。：:]+$/g, '');
  let t = normalizeTimeText(text).replace(/^[，、。：]+|[，、。：]+$/g, '');
  if (!t) return null;
  let appliesTo = '';
  const exception = t.startsWith('其中');
  if (exception) t = t.slice(2).replace(/^[，、：]+/, '');
  const whose = /^(.{1,40}?)的[，：]/.exec(t);
  if (whose && t.length > whose[0].length) {
    appliesTo = whose[1]!;
    t = t.slice(whose[0].length);
  }
  // "行政处罚决定被撤销的，应当在三日内…": the "…的" names the event when the clause names none.
  const eventOf = (prefix: string, lasting: boolean) => {
    const e = splitEvent(prefix, lasting);
    if (!e.eventText && appliesTo && /被|后|时|发生|变更|变化|撤销|作出|形成/.test(appliesTo)) {
      e.eventText = appliesTo;
      appliesTo = '';
    }
    return e;
  };
  const withScope = <R extends SimpleTimeLimitRule>(r: R, subject = ''): R => {
    const scope = appliesTo || subject;
    if (scope) r.appliesTo = scope;
    return r;
  };

  // The subject of an exception clause without a duration ("其中重大事项及时公开"): the words before the keyword.
  const subjectBefore = (re: RegExp): string => {
    if (!exception || appliesTo) return '';
    const m = re.exec(t);
    if (!m || m.index === 0) return '';
    return t
      .slice(0, m.index)
      .replace(/(?:应当|应|须|需|要|必须|均|都|于|在)+$/, '')
      .replace(/[，、的]+$/, '');
  };

  const date = detectDate(t);
  // "1月31日前公开上一年度…": a yearly period even without 每年.
  const period = detectPeriod(t) ?? (date && PREVIOUS_YEAR.test(t) ? 'year' : undefined);
  const wd = WORKING_DAYS.exec(t);
  const hours = HOURS.exec(t);
  const natural = NATURAL_DAYS.exec(t);
  const dayOnly = DAY_ONLY.exec(t);

  if (period) {
    const periodSubject = subjectBefore(PERIOD_PATTERNS.find(([u]) => u === period)![1]);
    if (period === 'year' && date && !PREVIOUS_YEAR.test(t)) {
      return withScope(byDate(text, date, true), periodSubject);
    }
    const r: PeriodicRule = { kind: 'periodic', every: period, text };
    if (PERIOD_END.test(t)) r.dueOn = { monthOffset: 0, day: 'end' };
    else if (period === 'year' && date) r.dueOn = { monthOffset: date.month, day: date.monthEnd ? 'end' : date.day };
    else if (dayOnly && !date) r.dueOn = { monthOffset: THIS_MONTH.test(t) ? 0 : 1, day: Number(dayOnly[1]) };
    else if (wd) r.withinWorkingDays = Number(wd[1]);
    else if (natural) r.withinDays = Number(natural[1]);
    if (r.dueOn && r.dueOn.day !== 'end' && (r.dueOn.day < 1 || r.dueOn.day > 31)) return withScope({ kind: 'unparsed', text });
    return withScope(r, periodSubject);
  }
  if (date && !wd && !natural && !hours) {
    return withScope(byDate(text, date, false), subjectBefore(/\d{4}年|\d{1,2}月|年底|年末|年终|年内|上半年|下半年/));
  }
  if (wd) {
    const lasting = LASTING.test(t);
    const { subject, eventText } = eventOf(t.slice(0, wd.index), lasting);
    const r: AfterEventRule = { kind: 'after_event', workingDays: Number(wd[1]), event: classifyEvent(eventText), eventText, text };
    if (lasting) r.lasting = true;
    return withScope(r, subject);
  }
  if (hours || natural) {
    const m = (hours ?? natural)!;
    const amount = Number(m[1]);
    const lasting = LASTING.test(t);
    const { subject, eventText } = eventOf(t.slice(0, m.index), lasting);
    const event = classifyEvent(eventText, 'other');
    // 行政处罚法 Art. 85: its 二日/三日/五日/七日 are working days.
    if (!hours && m[2] === '日' && PENALTY_LAW_DAYS.has(amount) && /行政处罚/.test(t)) {
      const r: AfterEventRule = { kind: 'after_event', workingDays: amount, event, eventText, text, note: PENALTY_LAW_NOTE };
      if (lasting) r.lasting = true;
      return withScope(r, subject);
    }
    const r: AfterEventNaturalRule = { kind: 'after_event_natural', amount, unit: hours ? 'hour' : 'day', event, eventText, text };
    if (lasting) r.lasting = true;
    return withScope(r, subject);
  }
  const same = SAME_TIME.exec(t);
  if (same) {
    const before = t.slice(0, same.index).replace(/^.*?与/, '').replace(/[，、]+$/, '');
    return withScope({ kind: 'after_event', workingDays: 0, event: 'other', eventText: before, text });
  }
  if (CONTINUOUS.test(t)) return withScope({ kind: 'continuous', text }, subjectBefore(CONTINUOUS));
  return withScope({ kind: 'unparsed', text });
}

function byDate(text: string, d: FoundDate, yearly: boolean): ByDateRule {
  const r: ByDateRule = { kind: 'by_date', month: d.month, day: d.day, yearly, text };
  if (d.monthEnd) r.monthEnd = true;
  if (d.year !== undefined) {
    r.year = d.year;
    r.yearly = false;
  }
  return r;
}

const DURATION_G = /\d+(?:工作日|小时|自然日|日历日|日|天)|(?:每|按)(?:个)?(?:月|季度?|半年|年)/g;

/** Clauses: split at ；。 and before 其中; a clause with two durations is split again at the comma between. */
function splitClauses(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[；;。\n\r]+|[，,]?(?=其中)/)) {
    const p = part.trim();
    if (!p) continue;
    const pieces = p.split(/[，,]/);
    let chunk = '';
    let chunkHasDuration = false;
    for (const piece of pieces) {
      const has = (normalizeTimeText(piece).match(DURATION_G) ?? []).length > 0;
      if (chunk && chunkHasDuration && has) {
        out.push(chunk);
        chunk = piece;
        chunkHasDuration = has;
      } else {
        chunk = chunk ? `${chunk}，${piece}` : piece;
        chunkHasDuration ||= has;
      }
    }
    if (chunk.trim()) out.push(chunk);
  }
  return out;
}

/** Key of a rule without its text, to drop repeated clauses ("及时公开；动态更新"). */
function ruleKey(r: SimpleTimeLimitRule): string {
  const { text: _text, ...rest } = r;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** The rule of a 公开时限 text. Never throws; the original text is always kept. */
export function parseTimeLimit(input: string): TimeLimitRule {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { kind: 'unparsed', text };
  const clauses = splitClauses(text)
    .map(parseClause)
    .filter((r): r is SimpleTimeLimitRule => r !== null);
  const parsed: SimpleTimeLimitRule[] = [];
  const seen = new Set<string>();
  for (const r of clauses) {
    if (r.kind === 'unparsed') continue; // an unparsed clause beside understood ones stays in `text` only
    const k = ruleKey(r);
    if (seen.has(k)) continue;
    seen.add(k);
    parsed.push(r);
  }
  if (parsed.length === 0) return { kind: 'unparsed', text };
  if (parsed.length === 1) return { ...parsed[0]!, text };
  return { kind: 'compound', text, rules: parsed };
}

// ---------------------------------------------------------------------------------------------------
// Description

const EVERY_ZH: Record<PeriodUnit, string> = { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' };
const PERIOD_ZH: Record<PeriodUnit, string> = { month: '月', quarter: '季度', half_year: '半年', year: '年度' };
const PREVIOUS_ZH: Record<PeriodUnit, string> = { month: '上月', quarter: '上季度', half_year: '上一半年度', year: '上一年度' };

/** "次月", "次年3月", "季度结束后第1个月": the month monthOffset after a period's last month. */
function monthAfterZh(every: PeriodUnit, offset: number): string {
  if (offset === 0) return every === 'month' ? '当月' : `本${PERIOD_ZH[every]}最后一个月`;
  if (every === 'month') return offset === 1 ? '次月' : `${offset}个月后的当月`;
  if (every === 'year') return `次年${offset}月`;
  return `${PERIOD_ZH[every]}结束后第${offset}个月`;
}

function eventZh(eventText: string, event: TimeLimitEvent): string {
  if (eventText) return eventText;
  return event === 'formed_or_changed' ? '信息形成或者变更' : event === 'decision' ? '作出决定' : '相关事件发生';
}

function describeSimple(r: SimpleTimeLimitRule): string {
  const scope = r.appliesTo ? `${r.appliesTo}：` : '';
  switch (r.kind) {
    case 'after_event': {
      let s: string;
      if (r.lasting) s = `${r.eventText || '公告（公示）'}期限为${r.workingDays}个工作日，期满前应保持公开`;
      else if (r.workingDays === 0) s = `与${r.eventText || '相关文件'}同步公开`;
      else s = `自${eventZh(r.eventText, r.event)}之日起${r.workingDays}个工作日内公开`;
      return `${scope}${s}${r.note ? `（${r.note}）` : ''}`;
    }
    case 'after_event_natural': {
      const unit = r.unit === 'hour' ? '小时' : '日（自然日）';
      if (r.lasting) return `${scope}${r.eventText || '公告（公示）'}期限为${r.amount}${unit}，期满前应保持公开`;
      const from = r.unit === 'hour' ? `自${eventZh(r.eventText, r.event)}起` : `自${eventZh(r.eventText, r.event)}之日起`;
      return `${scope}${from}${r.amount}${unit}内公开`;
    }
    case 'periodic': {
      const every = EVERY_ZH[r.every];
      const per = PERIOD_ZH[r.every];
      if (r.withinWorkingDays !== undefined) return `${scope}${every}公开，于每${per}结束后${r.withinWorkingDays}个工作日内公开`;
      if (r.withinDays !== undefined) return `${scope}${every}公开，于每${per}结束后${r.withinDays}日（自然日）内公开`;
      if (r.dueOn) {
        const day = r.dueOn.day === 'end' ? '底' : `${r.dueOn.day}日`;
        if (r.dueOn.monthOffset === 0) {
          return r.dueOn.day === 'end' ? `${scope}${every}公开，于每${per}末前公开` : `${scope}${every}公开，于${monthAfterZh(r.every, 0)}${day}前公开`;
        }
        return `${scope}${every}公开，于${monthAfterZh(r.every, r.dueOn.monthOffset)}${day}前公开${PREVIOUS_ZH[r.every]}信息`;
      }
      return `${scope}${every}公开（未写明期限，按信息于每${per}末形成、自形成之日起20个工作日内公开计算）`;
    }
    case 'by_date': {
      const when = r.month === 12 && r.monthEnd ? '年底（12月31日）' : r.monthEnd ? `${r.month}月底` : `${r.month}月${r.day}日`;
      if (r.year !== undefined) return `${scope}${r.year}年${when}前公开`;
      return r.yearly ? `${scope}每年${when}前公开` : `${scope}${when}前公开（按每年计算）`;
    }
    case 'continuous':
      return `${scope}及时公开、动态更新（持续性公开，无固定周期，年底复核）`;
    case 'unparsed':
      return `${scope}未能识别的公开时限“${r.text}”，需人工确定`;
  }
}

/** A Chinese description of the rule, for the catalogue page and the obligation explanation. */
export function describeRule(rule: TimeLimitRule): string {
  if (rule.kind !== 'compound') return describeSimple(rule);
  const [general, ...rest] = rule.rules;
  const head = general ? describeSimple(general) : '';
  return rest.length === 0 ? head : `${head}；其中，${rest.map(describeSimple).join('；')}`;
}
