// Personal data in a record's rich-text body. The text is what a reader sees: text nodes only (not tags,
// not attributes), concatenated per block so that a number split by inline markup (138<b>0013</b>8000) is
// still one number, plus the targets of mailto: and tel: links, which a reader also gets by clicking.
// Masking edits only the characters it masks: every tag, attribute and entity elsewhere stays byte for byte.
import { Parser } from 'htmlparser2';
import { findPersonalData } from './detect.ts';
import type { DetectOptions, Finding } from './types.ts';

export interface HtmlFinding extends Finding {
  /**
   * Stable for the same HTML: `${kind}:${hash of value}:${occurrence}` (occurrence = how many findings of
   * the same kind and value come before it in the document), so a UI can mask one finding with one click.
   * The hash is short and not secret: it identifies, it does not protect.
   */
  id: string;
  /** 'text': `start`/`end` are offsets into `htmlToText(html)`; 'attribute': into the decoded attribute value. */
  in: 'text' | 'attribute';
  /** For `in: 'attribute'`: the attribute's name (href). */
  attribute?: string;
  /** Source range in the HTML covering the value (it may contain tags when the value is split across them). */
  htmlStart: number;
  htmlEnd: number;
}

/** Elements that end a line of text; the text of two blocks is never joined into one value. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
/** Table cells: separated by a tab, so a row still reads as one line ("密级\t机密"). */
const CELL = new Set(['td', 'th']);
/** Elements whose content is never shown. */
const HIDDEN = new Set(['script', 'style', 'template']);
/** Link schemes whose target is personal data a reader gets by clicking. */
const LINK_SCHEME = /^\s*(mailto|tel|sms):/i;

/** A text with, for each UTF-16 unit, its source range in the HTML ([-1, -1) for inserted separators). */
interface MappedText {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/** A growable pair of Int32 columns (source start, source end), one row per UTF-16 unit of text. */
class RangeColumns {
  from: Int32Array;
  to: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.from = new Int32Array(Math.max(16, capacity));
    this.to = new Int32Array(Math.max(16, capacity));
  }
  push(start: number, end: number): void {
    if (this.length === this.from.length) {
      const from = new Int32Array(this.from.length * 2);
      const to = new Int32Array(this.to.length * 2);
      from.set(this.from);
      to.set(this.to);
      this.from = from;
      this.to = to;
    }
    this.from[this.length] = start;
    this.to[this.length++] = end;
  }
  done(): { from: Int32Array; to: Int32Array } {
    return { from: this.from.subarray(0, this.length), to: this.to.subarray(0, this.length) };
  }
}

interface MappedAttr extends MappedText {
  name: string;
  /** How the value is quoted in the source: '"', "'", or null when unquoted. */
  quote: string | null;
}

interface Scan {
  body: MappedText;
  attrs: MappedAttr[];
}

function scanHtml(html: string): Scan {
  // Chunks joined at the end: reading back from a string being built by += would flatten it every time.
  const chunks: string[] = [];
  let last = '';
  const cols = new RangeColumns(html.length + 16);
  const attrs: MappedAttr[] = [];
  let hidden = 0;
  let pre = 0;
  const add = (s: string) => {
    if (!s) return;
    chunks.push(s);
    last = s[s.length - 1]!;
  };
  const separate = (sep: '\n' | '\t') => {
    if (!chunks.length || last === '\n' || (last === '\t' && sep === '\t')) return;
    if (last === '\t') {
      // A row ends after a cell: the tab becomes the line break.
      chunks[chunks.length - 1] = chunks[chunks.length - 1]!.slice(0, -1) + '\n';
      last = '\n';
      return;
    }
    add(sep);
    cols.push(-1, -1);
  };
  const parser: Parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hidden++;
        if (name === 'pre') pre++;
        if (BLOCK.has(name)) separate('\n');
        else if (CELL.has(name)) separate('\t');
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (BLOCK.has(name)) separate('\n');
        else if (CELL.has(name)) separate('\t');
      },
      ontext(data) {
        if (hidden) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (html.slice(start, end) === data) {
          // Source newlines and tabs render as spaces (outside <pre>).
          add(pre ? data : data.replace(/[\n\r\t\f]/g, ' '));
          for (let i = start; i < end; i++) cols.push(i, i + 1);
        } else if (html[start] === '&') {
          // A character reference (&amp; &#49; &nbsp;): its character(s) stand for the whole reference.
          add(data);
          for (let i = 0; i < data.length; i++) cols.push(start, end);
        }
        // Anything else (CDATA inside <svg>/<math>) is not body text and cannot be mapped: skipped.
      },
      onattribute(name, value, quote) {
        if (name !== 'href' || !LINK_SCHEME.test(value)) return;
        const mapped = mapAttribute(html, parser.startIndex, name.length, parser.endIndex, value, quote);
        if (mapped) attrs.push({ ...mapped, name });
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { body: { text: chunks.join(''), ...cols.done() }, attrs };
}

/** Source positions of the characters of an attribute value, or null when they cannot be told apart. */
function mapAttribute(html: string, nameStart: number, nameLength: number, end: number, value: string, quote: string | null | undefined): Omit<MappedAttr, 'name'> | null {
  if (quote === undefined) return null;
  let i = nameStart + nameLength;
  while (i < end && /\s/.test(html[i]!)) i++;
  if (html[i] !== '=') return null;
  i++;
  while (i < end && /\s/.test(html[i]!)) i++;
  if (quote !== null) {
    if (html[i] !== quote) return null;
    i++;
  }
  const raw = html.slice(i, end);
  if (raw === value) {
    const cols = new RangeColumns(raw.length);
    for (let k = 0; k < raw.length; k++) cols.push(i + k, i + k + 1);
    return { text: value, ...cols.done(), quote };
  }
  if (raw.includes('<')) return null;
  // Decode the references with the same tokenizer, as text, keeping their positions.
  const inner = scanHtml(raw).body;
  if (inner.text !== value || inner.from.some((p) => p < 0)) return null;
  return { text: value, from: inner.from.map((p) => p + i), to: inner.to.map((p) => p + i), quote };
}

/** The text of an HTML body as a reader sees it: blocks on their own lines, cells separated by tabs. */
export function htmlToText(html: string): string {
  return scanHtml(html).body.text;
}

/** 53-bit string hash (cyrb53), as 12 hex digits: short, stable, same in Node and browsers. */
export function shortHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0').slice(-12);
}

/**
 * Gives each finding its id `${prefix}${kind}:${hash}:${occurrence}`, counting occurrences of the same kind
 * and value in the given order (continuing from `counts` when several texts share one numbering).
 */
export function assignIds<T extends Finding>(findings: readonly T[], prefix = '', counts = new Map<string, number>()): (T & { id: string })[] {
  return findings.map((f) => {
    const key = `${f.kind}:${shortHash(`${f.kind}\u0000${f.value}`)}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return { ...f, id: `${prefix}${key}:${n}` };
  });
}

function sourceRange(map: MappedText, start: number, end: number): [number, number] {
  let s = -1;
  let e = -1;
  for (let i = start; i < end; i++) {
    if (map.from[i]! < 0) continue;
    if (s < 0) s = map.from[i]!;
    e = map.to[i]!;
  }
  return [s, e];
}

interface Analysed {
  findings: HtmlFinding[];
  scan: Scan;
  /** For each finding, the mapped text it was found in. */
  maps: MappedText[];
}

function analyse(html: string, opts: DetectOptions): Analysed {
  const scan = scanHtml(html);
  const found: { f: Omit<HtmlFinding, 'id'>; map: MappedText }[] = [];
  for (const f of findPersonalData(scan.body.text, opts)) {
    const [htmlStart, htmlEnd] = sourceRange(scan.body, f.start, f.end);
    if (htmlStart >= 0) found.push({ f: { ...f, in: 'text', htmlStart, htmlEnd }, map: scan.body });
  }
  for (const a of scan.attrs) {
    for (const f of findPersonalData(a.text, opts)) {
      const [htmlStart, htmlEnd] = sourceRange(a, f.start, f.end);
      found.push({ f: { ...f, in: 'attribute', attribute: a.name, htmlStart, htmlEnd }, map: a });
    }
  }
  found.sort((x, y) => x.f.htmlStart - y.f.htmlStart);
  return { findings: assignIds(found.map((x) => x.f)), scan, maps: found.map((x) => x.map) };
}

/**
 * Personal data in an HTML body: in its text (across inline tags, not across blocks) and in mailto:/tel:
 * links. Sorted by position in the HTML.
 */
export function findPersonalDataInHtml(html: string, opts: DetectOptions = {}): HtmlFinding[] {
  return analyse(html, opts).findings;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s/g, '&#32;');

/** Source edits that turn the finding's value into its mask, touching only the characters that change. */
function editsFor(map: MappedText, f: Finding, escape: (s: string) => string): Edit[] {
  const { start, end, value, masked } = f;
  const edits: Edit[] = [];
  const replace = (i: number, s: string) => {
    if (map.from[i]! < 0) return;
    const last = edits[edits.length - 1];
    // Several units from one character reference (an astral &#...;) share one source range.
    if (last && last.start === map.from[i] && last.end === map.to[i]) last.text += s;
    else edits.push({ start: map.from[i]!, end: map.to[i]!, text: s });
  };
  if (masked.length === value.length) {
    // Unit by unit, so that tags between the characters stay where they are.
    for (let k = 0; k < value.length; ) {
      let n = 1;
      while (k + n < value.length && map.from[start + k + n] === map.from[start + k] && map.to[start + k + n] === map.to[start + k]) n++;
      const was = value.slice(k, k + n);
      const now = masked.slice(k, k + n);
      if (was !== now && map.from[start + k]! >= 0) edits.push({ start: map.from[start + k]!, end: map.to[start + k]!, text: escape(now) });
      k += n;
    }
    return edits;
  }
  // Different lengths (e-mail): replace the part between the common prefix and suffix.
  let p = 0;
  while (p < value.length && p < masked.length && value[p] === masked[p]) p++;
  let q = 0;
  while (q < value.length - p && q < masked.length - p && value[value.length - 1 - q] === masked[masked.length - 1 - q]) q++;
  const middle = escape(masked.slice(p, masked.length - q));
  if (p + q === value.length) {
    // Pure insertion after the prefix.
    const at = p > 0 ? map.to[start + p - 1]! : map.from[start]!;
    if (at >= 0) edits.push({ start: at, end: at, text: middle });
    return edits;
  }
  let first = true;
  for (let i = start + p; i < end - q; i++) {
    replace(i, first ? middle : '');
    first = false;
  }
  return edits;
}

/**
 * `html` with the findings of the given ids (all findings when `ids` is omitted) masked in place. Ids are
 * those of `findPersonalDataInHtml(html, opts)` (pass the same `opts`); unknown ids are ignored. Nothing
 * but the masked characters changes.
 */
export function maskHtml(html: string, ids?: readonly string[], opts: DetectOptions = {}): string {
  const { findings, maps, scan } = analyse(html, opts);
  const wanted = ids ? new Set(ids) : null;
  const edits: Edit[] = [];
  findings.forEach((f, k) => {
    if (wanted && !wanted.has(f.id)) return;
    const map = maps[k]!;
    const attr = map === scan.body ? null : (map as MappedAttr);
    const escape = attr ? (attr.quote === null ? escapeAttr : (s: string) => escapeAttr(s).replace(/&#32;/g, ' ')) : escapeText;
    edits.push(...editsFor(map, f, escape));
  });
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) continue;
    out += html.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + html.slice(pos);
}
