// The life of a record: draft → submitted → confidentiality review (保密审查, Art. 17) → approved → published
// now or scheduled; sent back to draft with a comment at any review step; published → superseded by a newer
// record, or withdrawn with a public note (the page keeps answering with the note: a published page never
// silently disappears). Each step is an explicit event; who may take it is a permission on the record's unit.
import type { Permission } from '../auth/roles.ts';
import { ATTRIBUTE_LABELS, type DisclosureAttribute } from './disclosure.ts';

export const RECORD_STATES = ['draft', 'submitted', 'confidentiality_review', 'approved', 'scheduled', 'published', 'superseded', 'withdrawn'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const STATE_LABELS: Record<RecordState, string> = {
  draft: '草稿',
  submitted: '待审核',
  confidentiality_review: '保密审查中',
  approved: '已审定',
  scheduled: '定时发布',
  published: '已发布',
  superseded: '已被替代',
  withdrawn: '已撤回',
};

export const RECORD_EVENTS = ['submit', 'pass_review', 'pass_confidentiality', 'reject', 'publish', 'unschedule', 'publish_scheduled', 'supersede', 'withdraw'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

export const EVENT_LABELS: Record<RecordEvent, string> = {
  submit: '提交审核',
  pass_review: '审核通过，送保密审查',
  pass_confidentiality: '保密审查通过',
  reject: '退回修改',
  publish: '发布',
  unschedule: '取消定时发布',
  publish_scheduled: '定时发布',
  supersede: '被新版本替代',
  withdraw: '撤回',
};

interface Step {
  from: readonly RecordState[];
  /** The permission that allows the step, checked on the record's unit; null: only the system. */
  permission: Permission | null;
  needsComment?: string;
}

const STEPS: Record<RecordEvent, Step> = {
  submit: { from: ['draft'], permission: 'records.edit' },
  pass_review: { from: ['submitted'], permission: 'records.review' },
  pass_confidentiality: { from: ['confidentiality_review'], permission: 'records.confidentiality' },
  reject: { from: ['submitted', 'confidentiality_review', 'approved', 'scheduled'], permission: null, needsComment: '退回时请写明修改意见' },
  publish: { from: ['approved'], permission: 'records.publish' },
  unschedule: { from: ['scheduled'], permission: 'records.publish' },
  publish_scheduled: { from: ['scheduled'], permission: null },
  supersede: { from: ['published'], permission: 'records.withdraw' },
  withdraw: { from: ['published'], permission: 'records.withdraw', needsComment: '撤回时请填写向公众说明的撤回说明' },
};

/** The events a person (not the system) may take from a state: the console offers these buttons. */
export function eventsFrom(state: RecordState): RecordEvent[] {
  return RECORD_EVENTS.filter((e) => STEPS[e].from.includes(state) && e !== 'publish_scheduled');
}

/** Who may send a record back depends on the step it is at. */
export function rejectPermission(state: RecordState): Permission {
  return state === 'confidentiality_review' ? 'records.confidentiality' : state === 'scheduled' || state === 'approved' ? 'records.publish' : 'records.review';
}

export function eventPermission(event: RecordEvent, state: RecordState): Permission | null {
  return event === 'reject' ? rejectPermission(state) : STEPS[event].permission;
}

export interface TransitionInput {
  state: RecordState;
  attribute: DisclosureAttribute | null;
  event: RecordEvent;
  comment?: string | null;
  /** For publish: when to publish; null or past means now. */
  publishAt?: Date | null;
  now: Date;
  /** For the system-only events. */
  bySystem?: boolean;
  /** The record is a policy that needs an interpretation (政策解读), and whether one is attached. */
  needsInterpretation?: boolean;
  interpretationAttached?: boolean;
}

export type TransitionResult =
  | { ok: true; to: RecordState }
  | { ok: false; reason: 'wrong_state' | 'system_only' | 'comment_required' | 'not_proactive' | 'no_attribute' | 'no_interpretation'; message: string };

export function transition(input: TransitionInput): TransitionResult {
  const step = STEPS[input.event];
  const label = EVENT_LABELS[input.event];
  if (!step.from.includes(input.state)) {
    const allowed = step.from.map((s) => STATE_LABELS[s]).join('、');
    return { ok: false, reason: 'wrong_state', message: `“${STATE_LABELS[input.state]}”状态的信息不能${label}（只有${allowed}的信息可以）` };
  }
  if (eventPermission(input.event, input.state) === null && !input.bySystem) return { ok: false, reason: 'system_only', message: `“${label}”由系统执行` };
  if (step.needsComment && !input.comment?.trim()) return { ok: false, reason: 'comment_required', message: step.needsComment };
  switch (input.event) {
    case 'submit':
      // 源头认定: the attribute is decided before the record goes anywhere.
      if (!input.attribute) return { ok: false, reason: 'no_attribute', message: '尚未认定公开属性（主动公开、依申请公开或不予公开），请先认定再提交' };
      return { ok: true, to: 'submitted' };
    case 'pass_review':
      return { ok: true, to: 'confidentiality_review' };
    case 'pass_confidentiality':
      // 同步审签 (国办发〔2016〕80号): a policy that needs an interpretation is approved with it, not before.
      if (input.needsInterpretation && !input.interpretationAttached) {
        return { ok: false, reason: 'no_interpretation', message: '该政策文件需要同步解读：请起草单位先起草并关联政策解读（谁起草、谁解读），再审定（同步组织、同步审签、同步部署）' };
      }
      return { ok: true, to: 'approved' };
    case 'reject':
      return { ok: true, to: 'draft' };
    case 'publish':
      // Art. 13: only proactive information is published; on-request and withheld records stay internal.
      if (input.attribute !== 'proactive') return { ok: false, reason: 'not_proactive', message: `公开属性为“${input.attribute ? ATTRIBUTE_LABELS[input.attribute] : '未认定'}”的信息不能主动发布` };
      return { ok: true, to: input.publishAt && input.publishAt.getTime() > input.now.getTime() ? 'scheduled' : 'published' };
    case 'unschedule':
      return { ok: true, to: 'approved' };
    case 'publish_scheduled':
      return { ok: true, to: 'published' };
    case 'supersede':
      return { ok: true, to: 'superseded' };
    case 'withdraw':
      return { ok: true, to: 'withdrawn' };
  }
}

/** Content may be edited only while the record is a draft; published content changes by a new version. */
export function editable(state: RecordState): boolean {
  return state === 'draft';
}

/** States whose records are public on the portal (a withdrawn record shows its note only). */
export function publicState(state: RecordState): boolean {
  return state === 'published' || state === 'superseded' || state === 'withdrawn';
}
