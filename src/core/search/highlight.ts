// Marking the searched words in a title or an excerpt of the body, in TypeScript on the plain text
// (ts_headline does not know where Chinese words begin and end). The result is a list of segments, and
// as HTML every character of the text is escaped; only the <mark> elements are ours.
import { fold } from './text.ts';

export interface Segment {
  text: string;
  /** A searched word. */
  hit: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function segmentsToHtml(segments: Segment[]): string {
  return segments.map((s) => (s.hit ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}

interface Hit {
  start: number;
  end: number;
  term: number;
}

const MAX_HITS = 500;

/** Occurrences of the terms (folded, longest first) in the text, overlapping and adjacent ones merged. */
function findHits(text: string, terms: string[]): Hit[] {
  const folded = fold(text);
  const hits: Hit[] = [];
  terms.forEach((t, term) => {
    const needle = fold(t);
    if (!needle) return;
    for (let at = folded.indexOf(needle); at >= 0 && hits.length < MAX_HITS; at = folded.indexOf(needle, at + needle.length)) {
      hits.push({ start: at, end: at + needle.length, term });
    }
  });
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    // Overlapping or touching occurrences are one mark: 森林防火, not 森林 and 防火.
    if (last && h.start <= last.end) {
      last.end = Math.max(last.end, h.end);
      continue;
    }
    out.push({ ...h });
  }
  return out;
}

function toSegments(text: string, hits: Hit[], from: number, to: number): Segment[] {
  const segs: Segment[] = [];
  let at = from;
  for (const h of hits) {
    if (h.end <= from || h.start >= to) continue;
    const s = Math.max(h.start, from);
    const e = Math.min(h.end, to);
    if (s > at) segs.push({ text: text.slice(at, s), hit: false });
    segs.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < to) segs.push({ text: text.slice(at, to), hit: false });
  return segs;
}

/** The whole text with the terms marked. */
export function highlight(text: string, terms: string[]): Segment[] {
  return toSegments(text, findHits(text, terms), 0, text.length);
}

/**
 * An excerpt of about `size` characters around the place where the most different terms occur close
 * together (the first such place), with the terms marked; null when no term occurs in the text.
 */
export function snippet(text: string, terms: string[], size = 120): Segment[] | null {
  const flat = text.replace(/\s+/g, ' ');
  const hits = findHits(flat, terms);
  if (!hits.length) return null;
  const lead = Math.floor(size / 5);
  let best = hits[0]!;
  let bestCount = 0;
  for (let i = 0; i < hits.length && i < 200; i++) {
    const from = hits[i]!.start;
    const seen = new Set<number>();
    for (let j = i; j < hits.length && hits[j]!.end <= from + size - lead; j++) seen.add(hits[j]!.term);
    if (seen.size > bestCount) {
      best = hits[i]!;
      bestCount = seen.size;
    }
  }
  let from = Math.max(0, best.start - lead);
  let to = Math.min(flat.length, from + size);
  from = Math.max(0, Math.min(from, to - size));
  // Do not cut a surrogate pair.
  if (from > 0 && /[\udc00-\udfff]/.test(flat[from]!)) from--;
  if (to < flat.length && /[\udc00-\udfff]/.test(flat[to]!)) to++;
  const segs = toSegments(flat, hits, from, to);
  if (from > 0) segs.unshift({ text: '…', hit: false });
  if (to < flat.length) segs.push({ text: '…', hit: false });
  return segs;
}

/** The beginning of a text, when no term occurs in it. */
export function excerpt(text: string, size = 120): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > size ? [{ text: chars.slice(0, size).join('') + '…', hit: false }] : flat ? [{ text: flat, hit: false }] : [];
}
