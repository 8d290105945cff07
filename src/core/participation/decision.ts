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

/**
 * Why setting a stage would break the order the regulation requires; null when it may be set. Checked both
 * ways: a stage may not be done before the ones it needs, and a stage that a done one needs may not be
 * undone (nor dated after it). Only the rules that involve the stage being set are checked, so an old
 * record that breaks some other rule can still be completed.
 */
export function stageProblem(stages: Record<DecisionStageKey, StageState>, key: DecisionStageKey, next: StageState): string | null {
  if (next.status === 'not_applicable' && !next.note?.trim()) return '不适用的环节请说明理由';
  if (next.status === 'done' && !next.on) return '请填写该环节完成的日期';
  const s = { ...stages, [key]: next };
  const done = (k: DecisionStageKey) => s[k].status === 'done';
  /** `later` is done and dated before `earlier`, which is done too. */
  const datedBefore = (earlier: DecisionStageKey, later: DecisionStageKey) => done(earlier) && done(later) && !!s[earlier].on && !!s[later].on && s[later].on! < s[earlier].on!;
  const rules: { involves: DecisionStageKey[]; problem: () => string | null }[] = [
    // Art. 27: without a legality review, or with one that found it unlawful, it may not be decided.
    {
      involves: ['collective_decision', 'legality_review'],
      problem: () => (done('collective_decision') && !done('legality_review') ? (key === 'collective_decision' ? '未经合法性审查的决策草案不得提交集体讨论（《重大行政决策程序暂行条例》第二十七条）' : '集体讨论决定已经完成，合法性审查不能再改为未完成或不适用（第二十七条）') : null),
    },
    {
      involves: ['collective_decision', 'public_participation'],
      problem: () => (done('collective_decision') && s.public_participation.status === 'pending' ? (key === 'collective_decision' ? '请先完成公众参与环节，或说明不适用的理由' : '集体讨论决定已经完成，公众参与不能再改为未完成') : null),
    },
    { involves: ['collective_decision', 'legality_review'], problem: () => (datedBefore('legality_review', 'collective_decision') ? '集体讨论决定的日期早于合法性审查' : null) },
    // Art. 32: published after it was decided.
    {
      involves: ['publication', 'collective_decision'],
      problem: () => (done('publication') && !done('collective_decision') ? (key === 'publication' ? '决策经集体讨论决定后才能公布（第三十二条）' : '决策已经公布，集体讨论决定不能再改为未完成或不适用（第三十二条）') : null),
    },
    { involves: ['publication', 'collective_decision'], problem: () => (datedBefore('collective_decision', 'publication') ? '决策公布的日期早于集体讨论决定' : null) },
    // Art. 36: evaluated once published and carried out.
    {
      involves: ['post_evaluation', 'publication'],
      problem: () => (done('post_evaluation') && !done('publication') ? (key === 'post_evaluation' ? '决策公布并实施后才能评估（第三十六条）' : '决策后评估已经完成，决策公布不能再改为未完成或不适用（第三十六条）') : null),
    },
    { involves: ['post_evaluation', 'publication'], problem: () => (datedBefore('publication', 'post_evaluation') ? '决策后评估的日期早于决策公布' : null) },
  ];
  for (const r of rules) {
    if (!r.involves.includes(key)) continue;
    const problem = r.problem();
    if (problem) return problem;
  }
  return null;
}
