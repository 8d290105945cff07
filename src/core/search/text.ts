// Text rules shared by the indexer and the query parser, so that both sides turn the same characters into
// the same lexemes: full-width ASCII folded to half-width and Latin letters to lower case (one character for
// one, so offsets in the folded text are offsets in the original), Han runs, stop words, and the 文号 found
// in running text in any bracket style.
import { parseDocNo } from '../publishing/doc-no.ts';

/** Full-width ASCII (Ａ-Ｚ, ０-９, ［…) to half-width, the ideographic space to a space, A-Z to a-z. Length-preserving. */
export function fold(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000A-Z]/g, (ch) => {
    const c = ch.charCodeAt(0);
    if (c === 0x3000) return ' ';
    const half = c >= 0xff01 ? c - 0xfee0 : c;
    return String.fromCharCode(half >= 0x41 && half <= 0x5a ? half + 0x20 : half);
  });
}

/** CJK unified ideographs (with extension A, compatibility ideographs and the supplementary planes). */
export function isHanCode(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0x3005 && cp <= 0x3007);
}
export const isHan = (ch: string) => ch.length > 0 && isHanCode(ch.codePointAt(0)!);

/** A token worth a lexeme: has a letter or a digit, and no character that tsvector/tsquery syntax treats specially. */
const LEXEME_OK = /^[\p{L}\p{N}\p{M}]+$/u;
export const MAX_LEXEME_CHARS = 40;
export function isLexeme(tok: string): boolean {
  return tok.length > 0 && tok.length <= MAX_LEXEME_CHARS && LEXEME_OK.test(tok);
}

/**
 * Function words that carry no meaning on their own: dropped from queries (unless quoted) and not indexed
 * as words (they still count inside the bigrams of a phrase).
 */
export const STOP_WORDS = new Set([
  '的', '了', '和', '与', '及', '以及', '或', '或者', '等', '在', '是', '对', '为', '将', '把', '被', '从', '以', '于', '之', '其', '并', '而', '也',
  '就', '都', '由', '向', '给', '这', '那', '有', '中', '上', '下', '个', '关于', '对于', '有关', '一个', '我们', '你们', '他们', '这个', '那个',
  'the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'on', 'for',
]);

/** Adjacent Han character pairs of a string (within Han runs only), in order, repeats included. */
export function hanBigrams(s: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isHanCode(cp)) {
      const ch = w === 1 ? s[i]! : s.slice(i, i + 2);
      if (prev) out.push(prev + ch);
      prev = ch;
    } else prev = '';
    i += w;
  }
  return out;
}

/** Maximal runs of Han characters. */
export function hanRuns(s: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of s) {
    if (isHanCode(ch.codePointAt(0)!)) run += ch;
    else if (run) {
      out.push(run);
      run = '';
    }
  }
  if (run) out.push(run);
  return out;
}

export const DOC_NO_BRACKETS: [string, string][] = [
  ['〔', '〕'],
  ['[', ']'],
  ['(', ')'],
  ['（', '）'],
  ['［', '］'],
  ['【', '】'],
  ['〖', '〗'],
];

/**
 * 文号 in running text: an issuer code of Han letters (and a few Latin ones), a 4-digit year in any kind of
 * bracket, the sequence, 号. Matched on folded text, so full-width digits and brackets are already plain.
 */
const DOC_NO_IN_TEXT = /([\p{Script=Han}a-z]{1,20})\s*[〔\[(（［【〖｛{]\s*(\d{4})\s*[〕\])）］】〗｝}]\s*第?\s*(\d{1,6})\s*号/gu;

export interface DocNoHit {
  /** Offset and length of the whole match in the (folded) text. */
  start: number;
  length: number;
  /**
   * Canonical forms, longest issuer first. Where the issuer code starts is not known in running text
   * (根据肥政办字〔2020〕12号), so every suffix of 2 to 10 characters is a candidate.
   */
  forms: { normalized: string; issuerCode: string; year: number; sequence: number }[];
}

export function findDocNos(folded: string, maxHits = 50): DocNoHit[] {
  const hits: DocNoHit[] = [];
  for (const m of folded.matchAll(DOC_NO_IN_TEXT)) {
    if (hits.length >= maxHits) break;
    const issuer = Array.from(m[1]!);
    const forms: DocNoHit['forms'] = [];
    // Issuer codes run from 2 to 10 characters: the suffixes of that length are the candidates.
    const last = Math.max(0, issuer.length - 2);
    for (let i = Math.max(0, issuer.length - 10); i <= last; i++) {
      const r = parseDocNo(`${issuer.slice(i).join('')}〔${m[2]}〕${m[3]}号`);
      if (r.ok) forms.push({ normalized: r.docNo.normalized, issuerCode: r.docNo.issuerCode, year: r.docNo.year, sequence: r.docNo.sequence });
    }
    if (forms.length) hits.push({ start: m.index!, length: m[0].length, forms });
  }
  return hits;
}

/** The forms a 文号 takes in documents (for highlighting): each bracket style, canonical issuer and sequence. */
export function docNoSpellings(normalized: string): string[] {
  const m = /^(.+)〔(\d{4})〕(\d+)号$/u.exec(normalized);
  if (!m) return [normalized];
  return DOC_NO_BRACKETS.map(([o, c]) => fold(`${m[1]}${o}${m[2]}${c}${m[3]}号`));
}
