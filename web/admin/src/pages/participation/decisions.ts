// The views of /api/v1/decisions (src/modules/participation/service.ts, DecisionView): a major
// administrative decision (重大行政决策) in the year's catalogue, with its stages in the order of
// 《重大行政决策程序暂行条例》 (src/core/participation/decision.ts). The server sends each stage's label,
// basis and status label; only the status choices are named here, for the form.
export type DecisionStageKey = 'public_participation' | 'expert_argument' | 'risk_assessment' | 'legality_review' | 'collective_decision' | 'publication' | 'post_evaluation';
export type StageStatus = 'pending' | 'done' | 'not_applicable';

export const STAGE_STATUS_LABELS: Record<StageStatus, string> = { pending: '未完成', done: '已完成', not_applicable: '不适用' };

export interface DecisionStage {
  key: DecisionStageKey;
  label: string;
  /** The articles of the regulation, e.g. 《重大行政决策程序暂行条例》第二十五条至第二十八条. */
  basis: string;
  status: StageStatus;
  statusLabel: string;
  on: string | null;
  note: string | null;
  /** The records attached to the stage that still exist (id and title). */
  records: { id: string; title: string }[];
}

export interface Decision {
  id: string;
  year: number;
  title: string;
  unitId: string;
  unitName: string;
  summary: string | null;
  published: boolean;
  stages: DecisionStage[];
  /** The consultations (意见征集) held as its public participation. */
  consultations: { id: string; title: string; state: string }[];
  version: number;
}

/** Stages done out of those that apply (a stage not applicable does not count), and the next one to do. */
export function decisionProgress(d: Pick<Decision, 'stages'>): { done: number; applicable: number; next: DecisionStage | undefined } {
  return {
    done: d.stages.filter((s) => s.status === 'done').length,
    applicable: d.stages.filter((s) => s.status !== 'not_applicable').length,
    next: d.stages.find((s) => s.status === 'pending'),
  };
}
