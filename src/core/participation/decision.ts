// Major administrative decisions (重大行政决策, 《重大行政决策程序暂行条例》, 国务院令第713号, in force
// 2019-09-01): each passes public participation (Arts. 14–18), expert argument (Arts. 19–21), risk
// assessment (Arts. 22–24), legality review (Arts. 25–28; generally not less than 7 working days, Art. 26),
// collective discussion and decision (Arts. 29–31), publication (Art. 32) and, later, evaluation of its
// implementation (Arts. 36–38). A stage may be not applicable (e.g. no expert argument needed), with a
// reason; the decision cannot be taken before the legality review (Art. 27: 不得提交集体讨论).
export const DECISION_STAGES = [
  { key: 'public_participation', label: '公众参与', basis: '第十四条至第十八条' },
  { key: 'expert_argument', label: '专家论证', basis: '第十九条至第二十一条' },
  { key: 'risk_assessment', label: '风险评估', basis: '第二十二条至第二十四条' },
  { key: 'legality_review', label: '合法性审查', basis: '第二十五条至第二十八条' },
  { key: 'collective_decision', label: '集体讨论决定', basis: '第二十九条至第三十一条' },
  { key: 'publication', label: '决策公布', basis: '第三十二条' },
  { key: 'post_evaluation', label: '决策后评估', basis: '第三十六条至第三十八条' },
] as const;

export type DecisionStageKey = (typeof DECISION_STAGES)[number]['key'];
export const STAGE_KEYS = DECISION_STAGES.map((s) => s.key) as DecisionStageKey[];

export const STAGE_STATUSES = ['pending', 'done', 'not_applicable'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];
export const STAGE_STATUS_LABELS: Record<StageStatus, string> = { pending: '未完成', done: '已完成', not_applicable: '不适用' };

export interface StageState {
  status: StageStatus;
  on: string | null;
  note: string | null;
  recordIds: string[];
}

export function emptyStages(): Record<DecisionStageKey, StageState> {
  return Object.fromEntries(STAGE_KEYS.map((k) => [k, { status: 'pending', on: null, note: null, recordIds: [] }])) as unknown as Record<DecisionStageKey, StageState>;
}

/** Why setting a stage would break the order the regulation requires; null when it may be set. */
export function stageProblem(stages: Record<DecisionStageKey, StageState>, key: DecisionStageKey, next: StageState): string | null {
  if (next.status === 'not_applicable' && !next.note?.trim()) return '不适用的环节请说明理由';
  if (next.status === 'done' && !next.on) return '请填写该环节完成的日期';
  if (next.status !== 'done') return null;
  const after = (k: DecisionStageKey) => stages[k].status === 'done' && stages[k].on && next.on! < stages[k].on!;
  if (key === 'collective_decision') {
    // Art. 27: without a legality review, or with one that found it unlawful, it may not be decided.
    if (stages.legality_review.status !== 'done') return '未经合法性审查的决策草案不得提交集体讨论（《重大行政决策程序暂行条例》第二十七条）';
    if (stages.public_participation.status === 'pending') return '请先完成公众参与环节，或说明不适用的理由';
    if (after('legality_review')) return '集体讨论决定的日期早于合法性审查';
  }
  if (key === 'publication' && stages.collective_decision.status !== 'done') return '决策经集体讨论决定后才能公布（第三十二条）';
  if (key === 'post_evaluation' && stages.publication.status !== 'done') return '决策公布并实施后才能评估（第三十六条）';
  return null;
}
