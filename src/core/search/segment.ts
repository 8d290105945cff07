// Chinese word segmentation (jieba, in-process). The dictionary (about 5 MB) is read once per process, on
// first use, so that importing this module costs nothing to processes that never search or index.
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let instance: Jieba | undefined;

function jieba(): Jieba {
  if (!instance) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    instance = JiebaClass.withDict(dict);
  }
  return instance;
}

/** Loads the dictionary now (e.g. at server start, so that the first search does not wait for it). */
export function warmUpSegmenter(): void {
  jieba();
}

export interface Piece {
  text: string;
  /** Offset in the input (UTF-16 code units). */
  start: number;
}

/**
 * The words of a text in order, with offsets: jieba's precise mode without the HMM, so that an unknown
 * name falls apart into single characters the same way wherever it occurs (in a document and in a query).
 */
export function cutWords(text: string): Piece[] {
  const out: Piece[] = [];
  let off = 0;
  for (const w of jieba().cut(text, false)) {
    out.push({ text: w, start: off });
    off += w.length;
  }
  return out;
}

/**
 * Search mode: every word of `cutWords`, preceded by the dictionary words of two and three characters
 * inside it (中华人民共和国 → 中华 华人 人民 共和 共和国 … 中华人民共和国), each with its offset.
 */
export function cutForIndex(text: string): Piece[] {
  const j = jieba();
  const base = cutWords(text);
  // The parts of the longer words, all in one call: cutForSearch gives each word's parts before the word.
  const long = base.filter((p) => p.text.length >= 3 && /[^\x00-\x7f]/.test(p.text));
  const parts = long.length ? j.cutForSearch(long.map((p) => p.text).join('\n'), false) : [];
  const out: Piece[] = [];
  let li = 0;
  let pending: string[] = [];
  for (const t of parts) {
    if (t !== '\n') {
      pending.push(t);
      continue;
    }
    addParts(long[li++], pending, out);
    pending = [];
  }
  if (li < long.length) addParts(long[li], pending, out);
  return out.length ? base.concat(out).sort((x, y) => x.start - y.start) : base;
}

function addParts(word: Piece | undefined, parts: string[], out: Piece[]) {
  if (!word) return;
  for (const p of parts) {
    if (p === word.text) continue;
    const at = word.text.indexOf(p);
    if (at >= 0) out.push({ text: p, start: word.start + at });
  }
}
