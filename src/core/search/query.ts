// What the public types into the search box, turned into a tsquery (as a literal of quoted lexemes, passed
// as a bound parameter: no user text is ever part of SQL), the 文号 to look up exactly, the words to mark
// in the results, and the notices to show (input too long, too many words, nothing left to search for).
//
// - A 文号 in any bracket style (肥政办字[2020]12号) becomes its canonical lexeme 肥政办字〔2020〕12号 and is
//   looked up exactly as well.
// - "Quoted phrases" (also “…” 「…」 『…』) must occur as written: every pair of adjacent characters in it.
// - Other text is cut into words (jieba, precise mode) without function words (的, 和, 关于 …). Each word is
//   required; a word matches wherever its characters stand together (all its character pairs), so a
//   document that jieba cut differently around it is still found. A single character that jieba leaves on
//   its own (县, 局, 镇) goes with its neighbour: 县人民政府 requires 县人 as well as 人民政府.
// Nothing here can fail: any input gives a query or none, with a message saying why.
import { parseDocNo } from '../publishing/doc-no.ts';
import { cutWords } from './segment.ts';
import { docNoSpellings, findDocNos, fold, hanBigrams, hanRuns, isHan, isLexeme, STOP_WORDS } from './text.ts';
import { quoteLexeme, TITLE_PREFIX, wholeLexeme } from './vector.ts';

export const MAX_QUERY_CHARS = 100;
export const MAX_TERMS = 16;

export interface DocNoRef {
  normalized: string;
  issuerCode: string;
  year: number;
  sequence: number;
}

export interface QueryTerm {
  kind: 'docno' | 'phrase' | 'word';
  /** The term as shown to the user. */
  text: string;
  /** Lexemes that must all be present… */
  lexemes: string[];
  /** …unless this one is (an identifier typed whole: 索引号 fgj/2026-00012, 地块编号 SF2025-07). */
  whole?: string;
  /** Positional words, for ranking (ts_rank_cd). */
  rank: string[];
  /** Strings to mark in titles and snippets (folded). */
  highlight: string[];
}

export interface ParsedQuery {
  /** The query as used: trimmed, control characters removed, at most MAX_QUERY_CHARS. */
  text: string;
  truncated: boolean;
  terms: QueryTerm[];
  /** Terms left out because there were more than MAX_TERMS. */
  dropped: string[];
  /** 文号 in the query, for the exact lookup. */
  docNos: DocNoRef[];
  /** The whole query is one 文号. */
  isDocNo: boolean;
  notices: string[];
}

const QUOTES: [string, string][] = [
  ['"', '"'],
  ['“', '”'],
  ['「', '」'],
  ['『', '』'],
];

/** Words that often stand before a 文号 in a sentence and are not part of its issuer code. */
const DOC_NO_LEAD = /^(?:关于|根据|依据|按照|依照|印发|转发|执行|贯彻|落实|参照|见|附|对|的|和|与|及)+/u;

function clean(input: string): string {
  // Control characters (NUL included) and lone surrogates go; runs of spaces become one.
  return input
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function takeChars(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length > n ? chars.slice(0, n).join('') : s;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Lexemes of a run of text that must occur as written: its character pairs and its other tokens. */
function phraseLexemes(text: string): { lexemes: string[]; rank: string[] } {
  const pieces = cutWords(text).filter((p) => isLexeme(p.text));
  const lexemes: string[] = [];
  const rank: string[] = [];
  for (const p of pieces) {
    if (!STOP_WORDS.has(p.text)) rank.push(p.text);
    if (!isHan(p.text[0]!)) lexemes.push(p.text);
  }
  // Han runs: every adjacent pair; a run of one character stands for itself.
  for (const run of hanRuns(text)) {
    if (Array.from(run).length === 1) lexemes.push(run);
    else lexemes.push(...hanBigrams(run));
  }
  return { lexemes: uniq(lexemes), rank: uniq(rank) };
}

const singleHan = (p: string) => Array.from(p).length === 1 && isHan(p);

/** Word terms of a stretch of unquoted text. */
function wordTerms(text: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  // Groups of adjacent pieces: a word of two or more characters (or a number, a Latin word) starts a group;
  // a lone Han character joins the word before it, or else the one after it.
  type Group = { pieces: string[]; han: boolean };
  const groups: Group[] = [];
  let open: Group | null = null;
  let waiting: string[] = [];
  const flushWaiting = () => {
    if (waiting.length) groups.push({ pieces: waiting, han: true });
    waiting = [];
  };
  for (const p of cutWords(text)) {
    const t = p.text;
    if (!isLexeme(t) || STOP_WORDS.has(t)) {
      // A break: function words and punctuation end the group.
      flushWaiting();
      open = null;
      continue;
    }
    if (singleHan(t)) {
      if (open?.han) open.pieces.push(t);
      else waiting.push(t);
      continue;
    }
    const han = isHan(t[0]!);
    if (han) {
      open = { pieces: [...waiting, t], han: true };
      waiting = [];
    } else {
      flushWaiting();
      open = { pieces: [t], han: false };
    }
    groups.push(open);
  }
  flushWaiting();
  for (const g of groups) {
    const joined = g.pieces.join('');
    if (!g.han) {
      terms.push({ kind: 'word', text: joined, lexemes: [joined], rank: [joined], highlight: [joined] });
      continue;
    }
    const lexemes = Array.from(joined).length === 1 ? [joined] : uniq(hanBigrams(joined));
    const rank = uniq(g.pieces.filter((p) => !singleHan(p)).concat(Array.from(joined).length <= 4 ? [joined] : []));
    terms.push({ kind: 'word', text: joined, lexemes, rank: rank.length ? rank : [joined], highlight: [joined] });
  }
  // A lone character is a weak term: it narrows nothing worth its cost when there are others.
  const strong = terms.filter((t) => !(t.lexemes.length === 1 && singleHan(t.lexemes[0]!)));
  return strong.length ? strong.concat(terms.filter((t) => !strong.includes(t)).map((t) => ({ ...t, lexemes: [] }))) : terms;
}

export function parseQuery(input: unknown): ParsedQuery {
  const raw = typeof input === 'string' ? clean(input) : '';
  const text = takeChars(raw, MAX_QUERY_CHARS);
  const truncated = text.length < raw.length;
  const notices: string[] = [];
  if (truncated) notices.push(`搜索词过长，只使用了前 ${MAX_QUERY_CHARS} 个字。`);

  const whole = parseDocNo(text);
  const isDocNo = whole.ok;
  let rest = fold(text);
  const terms: QueryTerm[] = [];
  const docNos: DocNoRef[] = [];

  // 文号 first, so that their brackets are not taken for punctuation.
  const found = isDocNo && whole.ok ? [{ start: 0, length: rest.length, refs: [whole.docNo] }] : findDocNos(rest).map((h) => ({ start: h.start, length: h.length, refs: h.forms }));
  for (const h of found.reverse()) {
    let ref = h.refs[0]!;
    if (!isDocNo) {
      // The issuer code runs back to the start of the word: 关于肥政办字〔2020〕12号 → 肥政办字.
      const issuer = ref.issuerCode.replace(DOC_NO_LEAD, '');
      ref = h.refs.find((r) => r.issuerCode === issuer) ?? h.refs.find((r) => r.issuerCode.length <= issuer.length) ?? ref;
    }
    const d = { normalized: ref.normalized, issuerCode: ref.issuerCode, year: ref.year, sequence: ref.sequence };
    docNos.unshift(d);
    terms.unshift({ kind: 'docno', text: d.normalized, lexemes: [d.normalized], rank: [d.normalized], highlight: docNoSpellings(d.normalized) });
    rest = `${rest.slice(0, h.start)} ${rest.slice(h.start + h.length)}`;
  }

  // Quoted phrases; a quote without its partner is just punctuation.
  const phrases: QueryTerm[] = [];
  for (const [open, close] of QUOTES) {
    const re = new RegExp(`${open}([^${open}${close}]*)${close}`, 'gu');
    rest = rest.replace(re, (_m, inner: string) => {
      const p = inner.trim();
      if (p) {
        const { lexemes, rank } = phraseLexemes(p);
        if (lexemes.length) phrases.push({ kind: 'phrase', text: p, lexemes, rank, highlight: [p] });
      }
      return ' ';
    });
  }
  terms.push(...phrases);

  // Identifiers typed whole (索引号, codes with - / .): as typed, or their parts.
  rest = rest.replace(/(?<=^|\s)[0-9a-z][0-9a-z._\-/]*(?=\s|$)/g, (tok) => {
    if (!/[0-9]/.test(tok) || !/[._\-/]/.test(tok)) return tok;
    const whole = wholeLexeme(tok);
    const parts = tok.split(/[^0-9a-z]+/).filter(Boolean);
    if (whole && parts.length) terms.push({ kind: 'word', text: tok, lexemes: uniq(parts), whole, rank: [whole, ...parts], highlight: [tok] });
    return ' ';
  });

  // Everything else: words, between any punctuation.
  for (const chunk of rest.split(/[^\p{L}\p{N}\p{M}]+/u)) if (chunk) terms.push(...wordTerms(chunk));

  // The same term twice counts once.
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = `${t.kind}:${t.lexemes.join(' ')}:${t.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, MAX_TERMS);
  const dropped = unique.slice(MAX_TERMS).map((t) => t.text);
  if (dropped.length) notices.push(`搜索词过多，只使用了前 ${MAX_TERMS} 个词，未使用：${dropped.join('、')}。`);
  return { text, truncated, terms: kept, dropped, docNos, isDocNo, notices };
}

/** True when there is something to search for. */
export function hasTerms(q: ParsedQuery): boolean {
  return q.terms.some((t) => t.lexemes.length > 0);
}

function termQuery(t: QueryTerm, prefix: string): string | null {
  if (!t.lexemes.length) return null;
  const parts = t.lexemes.map((l) => quoteLexeme(prefix + l));
  const all = parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
  return t.whole ? `(${quoteLexeme(prefix + t.whole)} | ${all})` : all;
}

/**
 * The tsquery literal matching documents with every term: cast with `$1::tsquery`. With `prefix` '§' it
 * matches the title, numbers, issuer and publisher only (see vector.ts).
 */
export function matchQuery(q: ParsedQuery, prefix = ''): string | null {
  const parts = q.terms.map((t) => termQuery(t, prefix)).filter((x): x is string => !!x);
  return parts.length ? parts.join(' & ') : null;
}

/** The same query on the title, 文号, 索引号, issuer, publisher, keywords and topics only. */
export function titleQuery(q: ParsedQuery): string | null {
  return matchQuery(q, TITLE_PREFIX);
}

/** Any of the terms' words, for ts_rank_cd: occurrences and their closeness in weighted fields. */
export function rankQuery(q: ParsedQuery): string | null {
  const words = uniq(q.terms.flatMap((t) => t.rank)).filter((w) => w.length > 0);
  return words.length ? words.map(quoteLexeme).join(' | ') : null;
}

/** Strings to mark in titles and snippets, longest first. */
export function highlightTerms(q: ParsedQuery): string[] {
  return uniq(q.terms.flatMap((t) => t.highlight))
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** The tsquery literal of filter lexemes (genre, year, unit, topic), ANDed. */
export function filterQuery(lexemes: string[]): string | null {
  return lexemes.length ? lexemes.map(quoteLexeme).join(' & ') : null;
}
