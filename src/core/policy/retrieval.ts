// 政策问答: answering a typed question with the best matching entries of the Q&A bank and passages of
// published policies, by BM25 over segmented text. Pure: the service hands over the documents (bank
// entries, passages cut from records) and gets back ranked hits; nothing here reads the database.
//
// Text is cut with the project's segmenter in search mode (a word and the dictionary words inside it), so
// 高校毕业生 in a question meets 毕业生 in a policy. A question is read as a list of concepts (its words, less
// question words like 怎么 and 哪些); a small table maps everyday words to the words policies use (大学生 →
// 高校毕业生, 当兵 → 退役军人), added to the query at a lower weight. A hit is kept only when it covers
// enough of the question's concepts (weighted by how rare each is), so an off-topic question gets "没有找到
// 答案" rather than a random passage.
import { cutForIndex, cutWords } from '../search/segment.ts';
import { fold, isLexeme, STOP_WORDS } from '../search/text.ts';

/** Words of a question that say it is a question, not what it is about. */
const QUESTION_WORDS = new Set([
  '什么', '怎么', '怎么办', '怎样', '怎么样', '如何', '哪些', '哪个', '哪里', '哪儿', '哪', '多少', '几', '多久', '多长', '可以', '能否', '是否', '是不是', '有没有',
  '能不能', '可不可以', '请问', '需要', '一下', '我', '我们', '我家', '我的', '自己', '你好', '您好', '吗', '呢', '吧', '啊', '呀', '么', '啥', '谁', '要', '想', '能', '会',
  '还', '又', '再', '去', '来', '到', '让', '得', '该', '应该', '现在', '目前', '已经', '问', '请', '一', '个人', '什么样', '具体', '相关', '这种', '情况', '问题', '知道',
  '今年', '去年', '明年', '今天', '县里', '县', '咱们', '咱', '家里', '拿', '拿到', '领', '领到', '能领', '有', '没有', '没', '多', '最', '两个', '几个', '几号', '几', '时候',
  '什么时候', '多少钱', '给', '是', '在', '吧', '了', '的', '就', '都', '还有', '怎么算', '算',
]);

/**
 * Everyday words and the words policies use for the same thing. A key found anywhere in the question
 * adds its expansions to the query (at SYNONYM_WEIGHT); keys are matched on the folded question.
 */
export const SYNONYMS: Record<string, string[]> = {
  大学生: ['高校毕业生', '毕业生'],
  应届生: ['高校毕业生', '毕业生'],
  毕业生: ['高校毕业生'],
  刚毕业: ['高校毕业生', '毕业'],
  当兵: ['退役军人', '退役'],
  退伍: ['退役军人', '退役'],
  复员: ['退役军人', '退役'],
  转业: ['退役军人', '退役'],
  老兵: ['退役军人'],
  老人: ['老年人', '高龄'],
  老年: ['老年人'],
  岁数大: ['老年人', '高龄'],
  残疾: ['残疾人'],
  残障: ['残疾人'],
  外卖: ['新就业形态', '灵活就业'],
  骑手: ['新就业形态', '灵活就业'],
  快递员: ['新就业形态', '灵活就业'],
  网约车: ['新就业形态', '灵活就业'],
  跑腿: ['新就业形态'],
  下岗: ['失业'],
  没工作: ['失业', '就业'],
  找工作: ['就业', '求职'],
  工作: ['就业'],
  借钱: ['贷款'],
  贷款: ['担保贷款'],
  钱: ['补贴', '补助', '资金'],
  补助: ['补贴'],
  补贴: ['补助', '津贴'],
  津贴: ['补贴'],
  奖励: ['奖补', '补助'],
  小孩: ['儿童', '适龄儿童'],
  孩子: ['儿童', '适龄儿童', '子女'],
  上学: ['入学', '招生'],
  上小学: ['入学', '招生', '小学'],
  读书: ['入学', '就学'],
  买房: ['住房'],
  租房: ['租赁住房', '住房'],
  房子: ['住房'],
  种地: ['耕地', '种粮'],
  种田: ['耕地', '种粮'],
  公司: ['企业'],
  厂: ['企业'],
  工厂: ['企业', '制造业'],
  小企业: ['小微企业'],
  小微: ['小微企业'],
  招工: ['招用', '吸纳就业'],
  招人: ['招用', '吸纳就业'],
  雇人: ['招用', '吸纳就业'],
  开店: ['个体工商户', '创业'],
  个体户: ['个体工商户'],
  饭店: ['餐饮', '住宿餐饮'],
  餐馆: ['餐饮'],
  饭馆: ['餐饮'],
  酒店: ['住宿'],
  宾馆: ['住宿'],
  搞研发: ['研发'],
  科技公司: ['科技型', '企业'],
  工伤: ['职业伤害'],
  受伤: ['职业伤害', '伤害'],
  看病: ['医疗'],
  低保: ['最低生活保障'],
  社保: ['社会保险'],
  养老金: ['养老保险'],
  装电梯: ['加装电梯'],
  电梯: ['加装电梯'],
  材料: ['申报材料', '申请材料'],
  带什么: ['材料'],
  去哪: ['地点', '窗口'],
  在哪: ['地点', '窗口'],
  找谁: ['咨询', '联系'],
  截止: ['截止', '期限'],
  时间: ['时间', '期限'],
  什么时候: ['时间', '期限', '日期'],
  多少钱: ['标准', '金额', '元'],
  标准: ['标准'],
};
export const SYNONYM_WEIGHT = 0.7;

/** The lexemes of a text as indexed: folded, cut in search mode, function words left out. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const p of cutForIndex(fold(text))) {
    const t = p.text;
    if (isLexeme(t) && !STOP_WORDS.has(t)) out.push(t);
  }
  return out;
}

export interface QueryTerm {
  term: string;
  weight: number;
}

/** One thing the question is about: a word of it, with every term that stands for it. */
export interface Concept {
  word: string;
  /** The word as indexed (folded). */
  whole: string;
  /** The dictionary words inside it (计算 in 计算机): matching only these covers the concept by half. */
  parts: string[];
  /** The lexemes of its everyday-word expansions: matching one covers the concept. */
  synonyms: string[];
}

export interface ParsedQuestion {
  terms: QueryTerm[];
  concepts: Concept[];
}

export const MAX_QUESTION_CHARS = 300;

export function parseQuestion(input: string): ParsedQuestion {
  const q = fold(input.slice(0, MAX_QUESTION_CHARS));
  const weights = new Map<string, number>();
  const add = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
  // Synonym keys found in the question, with where they stand.
  const found: { start: number; end: number; expansions: string[] }[] = [];
  for (const [key, expansions] of Object.entries(SYNONYMS)) {
    for (let at = q.indexOf(key); at >= 0; at = q.indexOf(key, at + 1)) found.push({ start: at, end: at + key.length, expansions });
  }
  const concepts: Concept[] = [];
  for (const w of cutWords(q)) {
    // Long digit strings are phone, ID or card numbers: what a question is about is never one.
    if (!isLexeme(w.text) || STOP_WORDS.has(w.text) || /^\d{7,}$/.test(w.text)) continue;
    const syn = found.filter((f) => f.start < w.start + w.text.length && f.end > w.start).flatMap((f) => f.expansions.flatMap(tokens));
    for (const t of syn) add(t, SYNONYM_WEIGHT);
    // A question word (什么时候, 多少钱) is no concept of its own, but what it stands for still helps to rank.
    if (QUESTION_WORDS.has(w.text)) continue;
    const own = tokens(w.text).filter((t) => !QUESTION_WORDS.has(t));
    for (const t of own) add(t, 1);
    const whole = fold(w.text);
    // A single character inside a word (每 in 每个) says too little to cover it even by half.
    if (own.length) concepts.push({ word: w.text, whole, parts: own.filter((t) => t !== whole && t.length > 1), synonyms: [...new Set(syn)].filter((t) => t !== whole) });
  }
  return { terms: [...weights].map(([term, weight]) => ({ term, weight })), concepts };
}

// ---- the index --------------------------------------------------------------------------------------

export interface Field {
  text: string;
  /** How much an occurrence in this field counts (a bank entry's question more than its answer). */
  weight: number;
}

export interface PreparedDoc {
  id: string;
  /** Weighted term frequencies. */
  tf: Map<string, number>;
  /** Weighted length in terms. */
  length: number;
}

export function prepareDoc(id: string, fields: Field[]): PreparedDoc {
  const tf = new Map<string, number>();
  let length = 0;
  for (const f of fields) {
    for (const t of tokens(f.text)) {
      tf.set(t, (tf.get(t) ?? 0) + f.weight);
      length += f.weight;
    }
  }
  return { id, tf, length };
}

export interface Hit {
  id: string;
  score: number;
  /** Share (0–1) of the question's concepts, weighted by rarity, that the document covers. */
  coverage: number;
  /** The terms of the question found in the document (for highlighting). */
  matched: string[];
}

export const K1 = 1.2;
/** The weight in the coverage of a question word no document uses. */
export const UNKNOWN_WORD_WEIGHT = 2;
export const B = 0.75;

export class Bm25Index {
  readonly size: number;
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;
  /** Term → documents holding it, with the weighted frequency. */
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();

  constructor(private readonly docs: PreparedDoc[]) {
    this.size = docs.length;
    let total = 0;
    docs.forEach((d, i) => {
      total += d.length;
      for (const [t, f] of d.tf) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push({ doc: i, tf: f });
      }
    });
    this.avgLength = docs.length ? total / docs.length || 1 : 1;
  }

  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  search(q: ParsedQuestion, limit = 20): Hit[] {
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    for (const { term, weight } of q.terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const p of list) {
        const d = this.docs[p.doc]!;
        const part = (weight * idf * p.tf * (K1 + 1)) / (p.tf + K1 * (1 - B + (B * d.length) / this.avgLength));
        const s = scores.get(p.doc) ?? { score: 0, matched: new Set<string>() };
        s.score += part;
        s.matched.add(term);
        scores.set(p.doc, s);
      }
    }
    // A concept weighs as much as its word is rare in the documents; a word they never use (奶奶, 火星)
    // weighs as a common word: it neither makes a question answered nor rules it out alone.
    // A single character (岁, 月) is rare in a small corpus but says little: it weighs no more than that.
    const conceptWeights = q.concepts.map((c) => (!this.df.has(c.whole) ? UNKNOWN_WORD_WEIGHT : c.whole.length === 1 ? Math.min(this.idf(c.whole), UNKNOWN_WORD_WEIGHT) : this.idf(c.whole)));
    const totalWeight = conceptWeights.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    for (const [i, s] of scores) {
      let covered = 0;
      q.concepts.forEach((c, k) => {
        if (s.matched.has(c.whole) || c.synonyms.some((t) => s.matched.has(t))) covered += conceptWeights[k]!;
        else if (c.parts.some((t) => s.matched.has(t))) covered += conceptWeights[k]! / 2;
      });
      hits.push({ id: this.docs[i]!.id, score: s.score, coverage: totalWeight ? covered / totalWeight : 0, matched: [...s.matched].sort((a, b) => b.length - a.length) });
    }
    hits.sort((a, b) => b.score - a.score || b.coverage - a.coverage || (a.id < b.id ? -1 : 1));
    return hits.slice(0, limit);
  }
}

// ---- passages and answers ------------------------------------------------------------------------------

/**
 * A record's text cut into passages of about `max` characters: paragraph by paragraph, a long one at its
 * sentence ends, and short lines (a salutation, a list item) joined to what follows.
 */
export function splitPassages(text: string, max = 220, min = 40): string[] {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const pieces: string[] = [];
  for (const p of paragraphs) {
    if (p.length <= max) {
      pieces.push(p);
      continue;
    }
    const sentences = p.match(/[^。！？；!?;]+[。！？；!?;]?/g) ?? [p];
    let cur = '';
    for (const s of sentences) {
      if (cur && cur.length + s.length > max) {
        pieces.push(cur);
        cur = '';
      }
      cur += s;
      while (cur.length > max * 1.5) {
        pieces.push(cur.slice(0, max));
        cur = cur.slice(max);
      }
    }
    if (cur) pieces.push(cur);
  }
  const out: string[] = [];
  let pending = '';
  for (const p of pieces) {
    const joined = pending ? `${pending}${p}` : p;
    if (joined.length < min) {
      pending = joined;
      continue;
    }
    out.push(joined);
    pending = '';
  }
  if (pending) {
    if (out.length && out[out.length - 1]!.length + pending.length <= max * 1.5) out[out.length - 1] += pending;
    else out.push(pending);
  }
  return out;
}

export interface AnswerDoc {
  id: string;
  kind: 'qa' | 'passage';
  /** The records it comes from: a passage's record, or the records a bank entry cites. */
  recordIds: string[];
}

export interface RankedAnswer extends Hit {
  kind: 'qa' | 'passage';
  recordIds: string[];
}

/** Below these a hit is not an answer: it shares too little with the question. */
export const MIN_COVERAGE = 0.35;
export const MIN_SCORE = 2;
/** … or scores less than this share of the best answer's: a passage that shares a word or two, shown under a real answer. */
export const MIN_RELATIVE_SCORE = 0.4;

/**
 * The answers to show, best first: hits that cover enough of the question, one passage per record at most
 * (its best), bank entries as they come.
 */
export function rankAnswers(hits: Hit[], docs: Map<string, AnswerDoc>, limit = 5, thresholds = { coverage: MIN_COVERAGE, score: MIN_SCORE, relative: MIN_RELATIVE_SCORE }): RankedAnswer[] {
  const out: RankedAnswer[] = [];
  const seenRecords = new Set<string>();
  let best = 0;
  for (const h of hits) {
    if (out.length >= limit) break;
    if (h.coverage < thresholds.coverage || h.score < thresholds.score || h.score < best * thresholds.relative) continue;
    best = Math.max(best, h.score);
    const d = docs.get(h.id);
    if (!d) continue;
    if (d.kind === 'passage') {
      const r = d.recordIds[0]!;
      if (seenRecords.has(r)) continue;
      seenRecords.add(r);
    }
    out.push({ ...h, kind: d.kind, recordIds: d.recordIds });
  }
  return out;
}
