// The search document of a record, as a PostgreSQL tsvector literal built here rather than by to_tsvector:
// PostgreSQL's own parser splits Chinese differently with the database's locale (under C.UTF-8 it cuts
// 肥政办字〔2020〕12号 at the brackets, under other locales it keeps them), so the same text would index
// differently on the embedded and an external server. Built here, the lexemes are exactly the ones the query
// parser (query.ts) produces from the same characters.
//
// Lexemes of a document:
// - words (jieba search mode, folded), each at its character offset, weighted A (title, numbers, issuer,
//   publisher, keywords, topics), B (body) or C (attachment text), for ranking;
// - every pair of adjacent Han characters (bigrams), without positions: a query term matches wherever its
//   characters occur together, however jieba happened to cut the document around it;
// - each 文号 found in the text, canonical (肥政办字〔2020〕12号), and its issuer code;
// - the 索引号 whole, as one lexeme (its year and sequence would otherwise count as words of the record);
// - the title and 文号 once more under the prefix §, so that "all terms in the title" is answered by the
//   GIN index alone (and the same lexemes without the prefix as a separate, small title vector, tested on
//   each match where a search reads every match anyway);
// - filter attributes (genre, year, units, topics) under the prefix ~, for counts that never leave the index,
//   and the month of publication (~p:2026-11), so that a search can ask for its newest matches alone.
// Characters § and ~ never reach a query lexeme (isLexeme), so nothing typed can hit those namespaces.
import { findDocNos, fold, hanBigrams, isLexeme, STOP_WORDS } from './text.ts';
import { cutForIndex } from './segment.ts';

/** PostgreSQL keeps positions up to 16383 (and 255 per lexeme); later occurrences only count as present. */
export const MAX_POS = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
/** A gap between fields, so that no phrase spans two of them. */
const FIELD_GAP = 8;

export const TITLE_PREFIX = '§';
export const FILTER_PREFIX = '~';

export type Weight = 'A' | 'B' | 'C';
const WEIGHT_CODE: Record<Weight, number> = { A: 3, B: 2, C: 1 };
const WEIGHT_LETTER = ['D', 'C', 'B', 'A'] as const;

export interface SearchDocument {
  /** Title and 文号: weight A, and in the title namespace (a match here ranks first). */
  title: string[];
  /** Issuer, publisher (name, short name, aliases), keywords, topics: weight A. */
  a: string[];
  /** Identifiers kept whole, one lexeme each (索引号 fgj/2026-00012): weight A. */
  whole: string[];
  /** Body text: weight B. */
  b: string;
  /** Attachment text (already capped): weight C. */
  c: string;
  /** Filter attributes, e.g. { g: 'notice', y: '2024', u: [...unit path], t: [...topics] }. */
  filters: Record<string, string | string[]>;
}

export const filterLexeme = (key: string, value: string) => `${FILTER_PREFIX}${key}:${value}`;

class Builder {
  /** Lexeme → positions, each position × 4 + weight code. An empty list: present without a position. */
  readonly lexemes = new Map<string, number[]>();

  add(lex: string, pos: number | null, weight: Weight) {
    let list = this.lexemes.get(lex);
    if (!list) {
      list = [];
      this.lexemes.set(lex, list);
    }
    if (pos === null || list.length >= MAX_POSITIONS_PER_LEXEME) return;
    list.push(Math.min(Math.max(pos, 1), MAX_POS) * 4 + WEIGHT_CODE[weight]);
  }

  addPresent(lex: string) {
    if (!this.lexemes.has(lex)) this.lexemes.set(lex, []);
  }

  /** One field's text from position `base` on; returns the lexemes it added (for the title namespace). */
  field(text: string, base: number, weight: Weight, collect?: Set<string>) {
    const folded = fold(text);
    for (const p of cutForIndex(folded)) {
      if (!isLexeme(p.text) || STOP_WORDS.has(p.text)) continue;
      this.add(p.text, base + p.start, weight);
      collect?.add(p.text);
    }
    for (const bg of hanBigrams(folded)) {
      this.addPresent(bg);
      collect?.add(bg);
    }
    for (const hit of findDocNos(folded)) {
      for (const f of hit.forms) {
        this.add(f.normalized, base + hit.start, weight);
        this.add(f.issuerCode, base + hit.start, weight);
        collect?.add(f.normalized);
        collect?.add(f.issuerCode);
      }
    }
  }

  literal(): string {
    const parts: string[] = [];
    for (const [lex, list] of this.lexemes) {
      if (!list.length) {
        parts.push(quoteLexeme(lex));
        continue;
      }
      // One entry per position (the highest weight wins), in increasing order.
      const byPos = new Map<number, number>();
      for (const e of list) {
        const pos = e >> 2;
        byPos.set(pos, Math.max(byPos.get(pos) ?? 0, e & 3));
      }
      const positions = [...byPos].sort((x, y) => x[0] - y[0]).map(([pos, w]) => `${pos}${WEIGHT_LETTER[w]}`);
      parts.push(`${quoteLexeme(lex)}:${positions.join(',')}`);
    }
    return parts.join(' ');
  }
}

/** An identifier as one lexeme (folded, without spaces); null when it has no letter or digit. */
export function wholeLexeme(s: string): string | null {
  const w = fold(s).replace(/\s+/g, '');
  if (!w || w.length > 80 || !/[\p{L}\p{N}]/u.test(w) || /^[§~]/.test(w)) return null;
  return w;
}

/** A lexeme quoted for tsvector/tsquery input: in quotes, with quotes and backslashes escaped. */
export function quoteLexeme(lex: string): string {
  return `'${lex.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function buildVector(doc: SearchDocument): string {
  return buildVectors(doc).vector;
}

/**
 * The document's vector, and the lexemes of its title and 文号 alone (the ones under § in the vector,
 * without the prefix and without positions) as a vector of their own.
 */
export function buildVectors(doc: SearchDocument): { vector: string; title: string } {
  const b = new Builder();
  const title = new Set<string>();
  let pos = 1;
  for (const part of doc.title) {
    if (!part) continue;
    b.field(part, pos, 'A', title);
    pos += part.length + FIELD_GAP;
  }
  for (const lex of title) b.addPresent(TITLE_PREFIX + lex);
  for (const part of doc.a) {
    if (!part) continue;
    b.field(part, pos, 'A');
    pos += part.length + FIELD_GAP;
  }
  for (const w of doc.whole) {
    const lex = wholeLexeme(w);
    if (lex) b.add(lex, pos, 'A');
    pos += FIELD_GAP;
  }
  if (doc.b) {
    b.field(doc.b, pos, 'B');
    pos += doc.b.length + FIELD_GAP;
  }
  if (doc.c) b.field(doc.c, Math.min(pos, MAX_POS), 'C');
  for (const [key, value] of Object.entries(doc.filters)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v) b.addPresent(filterLexeme(key, v));
  }
  return { vector: b.literal(), title: [...title].map(quoteLexeme).join(' ') };
}
