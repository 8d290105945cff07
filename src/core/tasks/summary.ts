// A readable Chinese summary of an imported notice, for `gongkai import-notice FILE` (without --json): what
// was recognised, every task with its units and time limit read into due dates through the calendar, and
// what a person has to check before confirming. Pure: the calendar is passed in.
import type { WorkingCalendar } from '../calendar/index.ts';
import type { NoticeParse } from './extract.ts';
import { parseTaskTimeLimit, scheduleTimeLimit } from './time-limit.ts';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}……` : s);

export interface SummaryOptions {
  /** The year due dates are computed for when the notice names none (default: this year). */
  fallbackYear: number;
  /** Due dates shown per task (default 4). */
  maxDueDates?: number;
}

export function noticeSummary(parse: NoticeParse, calendar: WorkingCalendar, opts: SummaryOptions): string[] {
  const lines: string[] = [];
  const name = parse.title ? `《${parse.title}》` : '这份通知';
  if (parse.status !== 'ok') {
    lines.push(`${name}：${parse.message ?? '没有识别出工作任务'}`);
    return lines;
  }
  const year = parse.planYear ?? opts.fallbackYear;
  const units = new Set(parse.tasks.flatMap((t) => t.units));
  lines.push(`${name}${parse.planYear ? `（${parse.planYear}年）` : ''}`);
  lines.push(`识别为：${parse.layout?.detail ?? ''}，共 ${parse.tasks.length} 项任务，涉及 ${units.size} 个单位名称。`);
  let review = 0;
  parse.tasks.forEach((t, i) => {
    lines.push('');
    lines.push(`${i + 1}. ${t.category ? `【${t.category}】` : ''}${cut(t.requirement, 60)}`);
    const support = t.supportingUnits.length ? `；配合：${t.supportingUnits.join('、')}` : '';
    const lead = t.leadUnits.length ? `（牵头：${t.leadUnits.join('、')}${support}）` : support ? `（${support.slice(1)}）` : '';
    const from = t.unitsFrom === 'above' ? '（同上一行，合并单元格）' : t.unitsFrom === 'heading' ? '（同所属小标题）' : '';
    lines.push(`   责任单位：${t.units.length ? t.units.join('、') : '未识别，需补充'}${lead}${from}`);
    const tl = parseTaskTimeLimit(t.deadlineText);
    const schedule = scheduleTimeLimit(tl, year, calendar);
    lines.push(`   时限要求：${t.deadlineText ?? '（未写）'} → ${tl.description}`);
    const max = opts.maxDueDates ?? 4;
    if (schedule.dueDates.length) {
      const shown = schedule.dueDates.slice(0, max).map((d) => `${d.date}${d.label !== `${year}年` && d.label !== `${year}年度` ? `（${d.label}）` : ''}`);
      lines.push(`   ${year}年截止日：${shown.join('、')}${schedule.dueDates.length > max ? ` 等 ${schedule.dueDates.length} 个` : ''}${schedule.dueDates.some((d) => d.assumed) ? '（未写时限，按年底计）' : ''}`);
    }
    for (const e of schedule.eventRules) lines.push(`   事件触发：${e.description}`);
    if (schedule.needsReview) {
      review++;
      lines.push(`   需人工确定：${schedule.notes.join('；')}`);
    }
  });
  lines.push('');
  if (review) lines.push(`有 ${review} 项任务的时限要求需人工确定。`);
  for (const w of parse.warnings) lines.push(`注意：${w}`);
  lines.push('以上为识别结果，尚未导入；确认无误后由政务公开办在系统中确认导入。');
  return lines;
}
