// Scoring units on a work plan (考核): a configurable scheme turns the state of every unit's tasks into a score
// out of 100 and a ranking. Pure.
//
// For each unit, over the tasks assigned to it, as of a date:
//
//   completion   Σ weight × (periods done ÷ periods due) ÷ Σ weight, over the tasks with a period due by then
//                (a task done early counts as due); × fullMarks. A weight is the task's own (default 1), so a
//                heavier task counts for more. A unit with nothing due yet starts from fullMarks.
//   − late       latePerPeriod for every period done after its due date (and latePerWorkingDay for each
//                working day it was late, if set), at most lateCap in all
//   − evidence   missingEvidence for every period reported done without any evidence (no published record,
//                no file)
//   − urges      unacknowledgedUrge for every 催办 the unit has not acknowledged by its reply date
//   + bonus      bonus items (good practice, 典型经验), at most bonusCap in all
//
// The score never goes below 0; it is rounded to one decimal. Units are ranked by score (ties share a rank,
// "1, 2, 2, 4"), then by name. A unit with nothing due yet has done nothing to be judged on: its full marks
// say so, but it ranks after every unit that had work due (above one that finished its tasks late would
// reward having none).

export interface ScoreScheme {
  fullMarks: number;
  /** Weights per task id; a task not listed weighs its own default (1). */
  weights: Record<string, number>;
  latePerPeriod: number;
  latePerWorkingDay: number;
  lateCap: number;
  missingEvidence: number;
  unacknowledgedUrge: number;
  bonusCap: number;
}

export const DEFAULT_SCORE_SCHEME: ScoreScheme = {
  fullMarks: 100,
  weights: {},
  latePerPeriod: 2,
  latePerWorkingDay: 0,
  lateCap: 20,
  missingEvidence: 1,
  unacknowledgedUrge: 1,
  bonusCap: 5,
};

export const SCORE_SCHEME_LABELS: Record<Exclude<keyof ScoreScheme, 'weights'>, string> = {
  fullMarks: '满分',
  latePerPeriod: '逾期完成每期扣分',
  latePerWorkingDay: '逾期每个工作日另扣分',
  lateCap: '逾期扣分上限',
  missingEvidence: '完成但无佐证材料每期扣分',
  unacknowledgedUrge: '催办逾期未确认每次扣分',
  bonusCap: '加分上限',
};

/** Problems with a scheme, in Chinese (empty when it is usable). */
export function schemeProblems(s: ScoreScheme): string[] {
  const out: string[] = [];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!num(s.fullMarks) || s.fullMarks <= 0 || s.fullMarks > 1000) out.push('满分应为大于 0、不超过 1000 的数');
  for (const k of ['latePerPeriod', 'latePerWorkingDay', 'lateCap', 'missingEvidence', 'unacknowledgedUrge', 'bonusCap'] as const) {
    if (!num(s[k]) || s[k] < 0 || s[k] > 1000) out.push(`${SCORE_SCHEME_LABELS[k]}应为 0 到 1000 之间的数`);
  }
  for (const [id, w] of Object.entries(s.weights ?? {})) if (!num(w) || w < 0 || w > 100) out.push(`任务权重应为 0 到 100 之间的数（${id}）`);
  return out;
}

/** A scheme with every field present (stored schemes may predate a field). */
export function normaliseScheme(s: Partial<ScoreScheme> | null | undefined): ScoreScheme {
  return { ...DEFAULT_SCORE_SCHEME, ...(s ?? {}), weights: { ...(s?.weights ?? {}) } };
}

export interface ScorePeriod {
  dueOn: string;
  done: boolean;
  /** Working days late when done (0 on time). */
  lateDays: number;
  evidence: number;
}

export interface ScoreAssignment {
  taskId: string;
  /** The task's default weight (stored with the task); the scheme's weights override it. */
  weight: number;
  periods: ScorePeriod[];
}

export interface ScoreUnitFacts {
  unitId: string;
  unitName: string;
  assignments: ScoreAssignment[];
  /** 催办 past their reply date and not acknowledged. */
  unacknowledgedUrges: number;
  bonuses: { points: number; reason: string }[];
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  rank: number;
  score: number;
  completion: number;
  /** Share of due periods done, weighted (0..1); null when nothing is due. */
  completionRate: number | null;
  deductions: { late: number; evidence: number; urges: number };
  bonus: number;
  counts: { tasks: number; periodsDue: number; periodsDone: number; late: number; overdue: number; withoutEvidence: number; unacknowledgedUrges: number };
  /** Chinese: how the score was reached. */
  explanation: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function fmt(n: number): string {
  return String(round1(n));
}

export function unitScore(u: ScoreUnitFacts, scheme: ScoreScheme, asOf: string): Omit<UnitScore, 'rank'> {
  let weightSum = 0;
  let earned = 0;
  let periodsDue = 0;
  let periodsDone = 0;
  let late = 0;
  let lateDays = 0;
  let overdue = 0;
  let withoutEvidence = 0;
  for (const a of u.assignments) {
    const w = scheme.weights[a.taskId] ?? a.weight;
    const due = a.periods.filter((p) => p.dueOn <= asOf || p.done);
    const done = due.filter((p) => p.done);
    for (const p of a.periods) {
      if (p.done && p.lateDays > 0) {
        late++;
        lateDays += p.lateDays;
      }
      if (p.done && p.evidence === 0) withoutEvidence++;
      if (!p.done && p.dueOn < asOf) overdue++;
    }
    periodsDue += due.length;
    periodsDone += done.length;
    if (!due.length || w <= 0) continue;
    weightSum += w;
    earned += (w * done.length) / due.length;
  }
  const rate = weightSum > 0 ? earned / weightSum : null;
  const completion = (rate ?? 1) * scheme.fullMarks;
  const lateDeduction = Math.min(scheme.lateCap, late * scheme.latePerPeriod + lateDays * scheme.latePerWorkingDay);
  const evidenceDeduction = withoutEvidence * scheme.missingEvidence;
  const urgeDeduction = u.unacknowledgedUrges * scheme.unacknowledgedUrge;
  const bonusRaw = u.bonuses.reduce((s, b) => s + b.points, 0);
  const bonus = Math.max(0, Math.min(scheme.bonusCap, bonusRaw));
  const score = Math.max(0, completion - lateDeduction - evidenceDeduction - urgeDeduction + bonus);
  const parts = [
    rate === null ? `尚无到期任务，按满分 ${fmt(scheme.fullMarks)} 计` : `完成率 ${fmt(rate * 100)}%（到期 ${periodsDue} 期，完成 ${periodsDone} 期，按任务权重加权）得 ${fmt(completion)} 分`,
    lateDeduction ? `逾期完成 ${late} 期扣 ${fmt(lateDeduction)} 分${lateDeduction === scheme.lateCap && late * scheme.latePerPeriod + lateDays * scheme.latePerWorkingDay > scheme.lateCap ? '（已达上限）' : ''}` : '',
    evidenceDeduction ? `${withoutEvidence} 期无佐证材料扣 ${fmt(evidenceDeduction)} 分` : '',
    urgeDeduction ? `${u.unacknowledgedUrges} 次催办逾期未确认扣 ${fmt(urgeDeduction)} 分` : '',
    bonus ? `加分 ${fmt(bonus)} 分${bonusRaw > scheme.bonusCap ? '（已达上限）' : ''}` : '',
  ].filter(Boolean);
  return {
    unitId: u.unitId,
    unitName: u.unitName,
    score: round1(score),
    completion: round1(completion),
    completionRate: rate === null ? null : Math.round(rate * 1000) / 1000,
    deductions: { late: round1(lateDeduction), evidence: round1(evidenceDeduction), urges: round1(urgeDeduction) },
    bonus: round1(bonus),
    counts: { tasks: u.assignments.length, periodsDue, periodsDone, late, overdue, withoutEvidence, unacknowledgedUrges: u.unacknowledgedUrges },
    explanation: `${parts.join('；')}；合计 ${fmt(score)} 分。`,
  };
}

/** Every unit's score and rank (ties share a rank; units with nothing due after the others). */
export function scoreUnits(units: readonly ScoreUnitFacts[], scheme: ScoreScheme, asOf: string): UnitScore[] {
  const judged = (s: Omit<UnitScore, 'rank'>) => (s.completionRate === null ? 1 : 0);
  const scored = units.map((u) => unitScore(u, scheme, asOf)).sort((a, b) => judged(a) - judged(b) || b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  let rank = 0;
  let last: string | null = null;
  return scored.map((s, i) => {
    const key = `${judged(s)}:${s.score}`;
    if (last === null || key !== last) rank = i + 1;
    last = key;
    return { ...s, rank };
  });
}
