// Scoring an import against hand-labelled gold files (scripts/eval-import.ts, eval.test.ts). Pure.
//
// Matching predicted tasks to gold tasks: by requirement text. Both texts are reduced to a compare key
// (NFKC, no whitespace, no punctuation); the similarity of two tasks is the Dice coefficient of the
// character bigrams of their keys (1 = same text). Pairs with similarity ≥ MATCH_THRESHOLD (0.5) are
// matched greedily, most similar first (ties: the pair closest in document order), each task at most once.
//
// Counting, per matched pair, with unit names compared after NFKC and without whitespace (one bracket style):
//   units     true positives = units in both; false positives = predicted only; false negatives = gold only.
//   lead      the same on lead_units.
//   timelimit one item per task whose deadline_text is not null; a pair scores a true positive when both have
//             one and their compare keys are equal; otherwise the predicted one is a false positive and the gold
//             one a false negative.
// An unmatched predicted task counts all its units, leads and time limit as false positives; an unmatched gold
// task all of its own as false negatives. Precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their
// harmonic mean; with nothing predicted and nothing in the gold, precision, recall and F1 are 1 (the parser
// correctly found nothing, e.g. a prose plan without units). Overall figures add the counts of all documents
// (micro average).
import type { NoticeTaskJson } from './notice.ts';
import { bigramSimilarity, compareKey, unitKey } from './text.ts';

export const MATCH_THRESHOLD = 0.5;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface DocumentScore {
  predicted: number;
  gold: number;
  matched: number;
  units: Prf;
  lead: Prf;
  timelimit: Prf;
  /** Pairs as [predicted index, gold index, similarity]. */
  pairs: Array<[number, number, number]>;
}

export const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? (c.fp === 0 ? 1 : 0) : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

/** Greedy one-to-one matching by requirement similarity. */
export function matchTasks(pred: readonly NoticeTaskJson[], gold: readonly NoticeTaskJson[]): Array<[number, number, number]> {
  const candidates: Array<[number, number, number]> = [];
  const goldKeys = gold.map((g) => compareKey(g.requirement));
  pred.forEach((p, i) => {
    const pk = compareKey(p.requirement);
    gold.forEach((g, j) => {
      const s = pk === goldKeys[j] ? 1 : bigramSimilarity(p.requirement, g.requirement);
      if (s >= MATCH_THRESHOLD) candidates.push([i, j, s]);
    });
  });
  const span = Math.max(pred.length, gold.length, 1);
  candidates.sort((a, b) => b[2] - a[2] || Math.abs(a[0] / span - a[1] / span) - Math.abs(b[0] / span - b[1] / span));
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: Array<[number, number, number]> = [];
  for (const c of candidates) {
    if (usedP.has(c[0]) || usedG.has(c[1])) continue;
    usedP.add(c[0]);
    usedG.add(c[1]);
    pairs.push(c);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

function setCounts(pred: readonly string[], gold: readonly string[]): Counts {
  const p = new Set(pred.map(unitKey));
  const g = new Set(gold.map(unitKey));
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

const hasDeadline = (t: NoticeTaskJson) => typeof t.deadline_text === 'string' && t.deadline_text.trim() !== '';

/** Scores one document's predicted tasks against its gold tasks. */
export function scoreDocument(pred: readonly NoticeTaskJson[], gold: readonly NoticeTaskJson[]): DocumentScore {
  const pairs = matchTasks(pred, gold);
  let units = zero();
  let lead = zero();
  let time = zero();
  const matchedP = new Set(pairs.map((p) => p[0]));
  const matchedG = new Set(pairs.map((p) => p[1]));
  for (const [i, j] of pairs) {
    const p = pred[i]!;
    const g = gold[j]!;
    units = addCounts(units, setCounts(p.units, g.units));
    lead = addCounts(lead, setCounts(p.lead_units, g.lead_units));
    const pd = hasDeadline(p);
    const gd = hasDeadline(g);
    if (pd && gd && compareKey(p.deadline_text!) === compareKey(g.deadline_text!)) time.tp++;
    else {
      if (pd) time.fp++;
      if (gd) time.fn++;
    }
  }
  pred.forEach((p, i) => {
    if (matchedP.has(i)) return;
    units = addCounts(units, setCounts(p.units, []));
    lead = addCounts(lead, setCounts(p.lead_units, []));
    if (hasDeadline(p)) time.fp++;
  });
  gold.forEach((g, j) => {
    if (matchedG.has(j)) return;
    units = addCounts(units, setCounts([], g.units));
    lead = addCounts(lead, setCounts([], g.lead_units));
    if (hasDeadline(g)) time.fn++;
  });
  return { predicted: pred.length, gold: gold.length, matched: pairs.length, units: prf(units), lead: prf(lead), timelimit: prf(time), pairs };
}

export interface OverallScore {
  units: Prf;
  lead: Prf;
  timelimit: Prf;
  predicted: number;
  gold: number;
  matched: number;
}

export function overall(scores: readonly DocumentScore[]): OverallScore {
  let units = zero();
  let lead = zero();
  let time = zero();
  for (const s of scores) {
    units = addCounts(units, s.units);
    lead = addCounts(lead, s.lead);
    time = addCounts(time, s.timelimit);
  }
  return {
    units: prf(units),
    lead: prf(lead),
    timelimit: prf(time),
    predicted: scores.reduce((n, s) => n + s.predicted, 0),
    gold: scores.reduce((n, s) => n + s.gold, 0),
    matched: scores.reduce((n, s) => n + s.matched, 0),
  };
}

const f3 = (x: number) => x.toFixed(3);

/** "P=0.982 R=1.000 F1=0.991 (tp 54, fp 1, fn 0)". */
export const formatPrf = (p: Prf) => `P=${f3(p.precision)} R=${f3(p.recall)} F1=${f3(p.f1)} (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

/** The last line of eval:import. */
export const overallLine = (o: OverallScore) => `overall units F1=${f3(o.units.f1)} lead F1=${f3(o.lead.f1)} timelimit F1=${f3(o.timelimit.f1)}`;

/** Checks that a parsed gold file has the expected shape; returns its tasks or a Chinese problem. */
export function readGold(json: unknown): { tasks: NoticeTaskJson[] } | { problem: string } {
  if (!json || typeof json !== 'object' || !Array.isArray((json as { tasks?: unknown }).tasks)) return { problem: '金标准文件应为 {"tasks":[…]}' };
  const tasks: NoticeTaskJson[] = [];
  for (const [i, t] of ((json as { tasks: unknown[] }).tasks).entries()) {
    const o = t as Record<string, unknown>;
    const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!o || typeof o.requirement !== 'string' || !strings(o.units) || !strings(o.lead_units ?? [])) return { problem: `第${i + 1}项任务的格式不对（需要 requirement、units、lead_units）` };
    tasks.push({
      category: typeof o.category === 'string' ? o.category : null,
      requirement: o.requirement,
      units: o.units as string[],
      lead_units: (o.lead_units ?? []) as string[],
      deadline_text: typeof o.deadline_text === 'string' ? o.deadline_text : null,
    });
  }
  return { tasks };
}
