// Signals for the handler, never decisions: a request that repeats one the same applicant already had
// answered (Art. 36(六): 重复申请, not processed again), and an applicant whose requests far exceed a
// reasonable quantity or frequency (Art. 35: the organ may ask for reasons; 不予处理 4). The handler sees
// the earlier requests and decides.

/** Text reduced to what identifies it: no spaces, punctuation or brackets, full-width folded. */
export function normaliseDescription(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Jaccard similarity of the character bigrams of two descriptions, 0 … 1. */
export function descriptionSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseDescription(a));
  const y = bigrams(normaliseDescription(b));
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

/** At or above this, an earlier answered request of the same applicant is shown as a possible repeat. */
export const REPEAT_THRESHOLD = 0.6;

export interface EarlierRequest {
  id: string;
  number: string;
  description: string;
  docNo: string | null;
  answered: boolean;
}

/** The applicant's earlier answered requests that this one may repeat, most similar first. */
export function possibleRepeats(description: string, docNo: string | null, earlier: readonly EarlierRequest[]): (EarlierRequest & { similarity: number })[] {
  const norm = docNo ? normaliseDescription(docNo) : '';
  return earlier
    .filter((e) => e.answered)
    .map((e) => {
      const sameDoc = !!norm && !!e.docNo && normaliseDescription(e.docNo) === norm;
      return { ...e, similarity: sameDoc ? 1 : descriptionSimilarity(description, e.description) };
    })
    .filter((e) => e.similarity >= REPEAT_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity);
}

/** Art. 35: flagged when the applicant filed more than `limit` requests in the window (default: a month). */
export function excessiveVolume(countInWindow: number, limit: number): boolean {
  return countInWindow > limit;
}

/** Minimum length of a description that can identify anything (Art. 29(二)). */
export const MIN_DESCRIPTION_CHARS = 8;

export function descriptionProblem(text: string): string | null {
  const n = normaliseDescription(text).length;
  if (n === 0) return '请描述所需政府信息（名称、文号或者便于查询的其他特征性描述）';
  if (n < MIN_DESCRIPTION_CHARS) return `所需信息的描述太短（${n}个字），无法据此查找；请写明信息的名称、文号或其他特征（《条例》第二十九条）`;
  if (text.length > 5000) return '所需信息的描述过长（最多5000字），请分项提出或作为附件提交';
  return null;
}
