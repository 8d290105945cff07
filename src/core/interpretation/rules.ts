// Policy interpretation (政策解读). 国办发〔2016〕80号: interpretation is organised, signed off and deployed
// together with its policy (同步组织、同步审签、同步部署) by the unit that drafted it (谁起草、谁解读). A
// policy marked as needing one cannot be approved before an interpretation is attached. The time limit
// after the policy's publication is a local rule (3 working days in linyi-county-2022-plan.txt; the
// national "3 working days" is UNCONFIRMED, rules/time-limits.md), so it is a tenant setting with that
// default, counted through the working-day calendar like every other deadline.
import type { Deadline, LocalDate, WorkingCalendar } from '../calendar/index.ts';

export const INTERPRETATION_FORMS = ['text', 'graphic', 'audio', 'video', 'qa', 'press_conference', 'expert_article'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];

export const FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字解读',
  graphic: '图解',
  audio: '音频解读',
  video: '视频解读',
  qa: '问答解读',
  press_conference: '新闻发布会',
  expert_article: '专家解读',
};

/** Default working days after the policy's publication within which its interpretation is published. */
export const DEFAULT_INTERPRETATION_DAYS = 3;

export function interpretationDue(cal: WorkingCalendar, policyPublishedOn: LocalDate, days = DEFAULT_INTERPRETATION_DAYS): Deadline {
  return cal.addWorkingDays(policyPublishedOn, days);
}

/** The elements a good interpretation covers; each is found by the headings and phrases writers use. */
export const CHECKLIST = [
  { key: 'background', label: '起草背景', patterns: [/背景/, /出台.{0,4}(原因|缘由)/, /为什么.{0,6}(出台|制定)/] },
  { key: 'basis', label: '政策依据', patterns: [/依据/, /根据《/] },
  { key: 'purpose', label: '目标任务', patterns: [/目的/, /目标/, /意义/] },
  { key: 'measures', label: '主要内容和举措', patterns: [/主要(内容|措施|举措|任务)/, /重点(内容|措施|举措|任务)/, /政策措施/] },
  { key: 'changes', label: '与原政策相比的变化', patterns: [/变化/, /新旧/, /(调整|修订|修改)(了|的)?(内容|之处|情况)?/, /(增加|删除|取消)了/, /相比/] },
  { key: 'scope', label: '适用范围和对象', patterns: [/适用(范围|对象)/, /实施范围/, /(哪些|什么)(人|企业|单位|群体).{0,4}(可以|能够)?(享受|申请)/, /享受对象/] },
  { key: 'howto', label: '如何申请办理', patterns: [/如何(申请|办理|享受)/, /(申请|办理)(条件|流程|程序|方式|材料)/, /咨询(电话|方式)/] },
] as const;

export type ChecklistKey = (typeof CHECKLIST)[number]['key'];

export interface ChecklistItem {
  key: ChecklistKey;
  label: string;
  present: boolean;
}

/** Which of the elements the text covers; the missing ones are warned about (not refused). */
export function checklist(text: string): ChecklistItem[] {
  return CHECKLIST.map((c) => ({ key: c.key, label: c.label, present: c.patterns.some((p) => p.test(text)) }));
}

export function missingElements(text: string): string[] {
  return checklist(text)
    .filter((c) => !c.present)
    .map((c) => c.label);
}
