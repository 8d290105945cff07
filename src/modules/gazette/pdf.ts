// PDF documents from a small document model: a cover page, a table of contents with page numbers, then
// headings, paragraphs and tables, on A4 pages with page numbers in the footer. Built for the gazette
// (政府公报) and meant for every printed document of the platform (the annual report next).
//
// Text is set in Noto Serif SC (思源宋体, SIL Open Font License), shipped by the npm package
// @expo-google-fonts/noto-serif-sc so that a server needs nothing installed besides Node and npm; only
// the glyphs a document uses are embedded (subset), so a gazette issue stays small. Lines are broken
// the way Chinese text is set: between any two characters, never before a closing punctuation mark
// (which hangs in the margin instead) nor after an opening one, Latin words and numbers kept whole; and
// justified by spreading the characters of every line but a paragraph's last.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  /** Font size in points (default 12). */
  size?: number;
  bold?: boolean;
  /** '#rrggbb' (default black). */
  color?: string;
  align?: Align;
  /** Distance between baselines as a multiple of the size (default 1.6). */
  lineHeight?: number;
  /** First-line indent in characters (em); Chinese paragraphs customarily indent by 2. */
  indent?: number;
  /** Extra space between characters, in points. */
  letterSpacing?: number;
  /** Space before and after the block, in points. */
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface HeadingBlock extends TextStyle {
  kind: 'heading';
  text: string;
  /** 1 (part or section), 2 (document title), 3 (sub-heading): sets the default style. */
  level: 1 | 2 | 3;
  /** Start a new page with this heading. */
  newPage?: boolean;
  /** List the heading in the table of contents: `true`, or the text to show there and whether to give its page. */
  toc?: boolean | { text?: string; page?: boolean };
  /** Add a bookmark (PDF outline entry); level 2 and 3 bookmarks nest under the last level 1. */
  bookmark?: boolean;
}

export interface ParagraphBlock extends TextStyle {
  kind: 'paragraph';
  text: string;
}

/** A cell that spans columns or rows (a row then lists only the cells that start in it), or is aligned or bold. */
export interface TableCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** Rows of cells; the first `headerRows` rows are set in bold on a grey ground. */
  rows: (string | TableCell)[][];
  headerRows?: number;
  /** Relative column widths (default equal). */
  widths?: number[];
  /** Font size of the cells (default 10.5). */
  size?: number;
  /** Space inside the cells, in points (default 4). */
  padding?: number;
  /** Start a new page unless this much room is left for the table, in points (default: four lines). */
  minSpace?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface RuleBlock {
  kind: 'rule';
  color?: string;
  /** Line thickness in points (default 1). */
  thickness?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | RuleBlock | { kind: 'spacer'; height: number } | { kind: 'pageBreak' };

export interface PdfDocumentModel {
  info: {
    title: string;
    author?: string;
    subject?: string;
    keywords?: string[];
    /** Stored as the creation date; the same model with the same date gives the same bytes. */
    createdAt?: Date;
  };
  /** Page margins in points (default 2.5 cm on every side). */
  margins?: { top: number; right: number; bottom: number; left: number };
  /** Blocks of the first page, which carries no page number. */
  cover?: Block[];
  /** A table of contents after the cover: every heading marked `toc`, with the page it starts on. */
  toc?: { title: string };
  /** The content; its first page is page 1. */
  body: Block[];
  /** Page numbers in the footer of the body's pages (default `— 1 —`); `false` for none. */
  pageNumbers?: false | { format?: (n: number) => string };
}

/** 2.5 cm in points. */
export const CM = 72 / 2.54;
const DEFAULT_MARGINS = { top: 2.5 * CM, right: 2.5 * CM, bottom: 2.5 * CM, left: 2.5 * CM };

const HEADING_STYLE: Record<1 | 2 | 3, TextStyle> = {
  1: { size: 18, bold: true, align: 'center', lineHeight: 1.5, spaceBefore: 6, spaceAfter: 18 },
  2: { size: 16, bold: true, align: 'center', lineHeight: 1.5, spaceBefore: 6, spaceAfter: 12 },
  3: { size: 14, bold: true, align: 'left', lineHeight: 1.5, spaceBefore: 8, spaceAfter: 6 },
};
const PARAGRAPH_STYLE: TextStyle = { size: 12, align: 'justify', lineHeight: 1.6, indent: 2, spaceBefore: 0, spaceAfter: 4 };

// ---- fonts ------------------------------------------------------------------------------------------

const FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';
const FONT_FILES = { regular: '400Regular/NotoSerifSC_400Regular.ttf', bold: '700Bold/NotoSerifSC_700Bold.ttf' } as const;
type FontName = keyof typeof FONT_FILES;

let fontDir: string | undefined;
const fontCache = new Map<FontName, Promise<Buffer>>();

/** The font's bytes (read once, then kept: about 15 MB each). */
function fontBytes(name: FontName): Promise<Buffer> {
  let p = fontCache.get(name);
  if (!p) {
    fontDir ??= path.dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`));
    p = readFile(path.join(fontDir, FONT_FILES[name]));
    p.catch(() => fontCache.delete(name));
    fontCache.set(name, p);
  }
  return p;
}

// ---- line breaking ----------------------------------------------------------------------------------

/** Characters that never start a line (closing marks, pauses): they hang at the end of the previous one. */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉’”…—·,.;:?!)]}%‰℃']);
/** Characters that never end a line (opening marks): they move down with what follows. */
const NO_END = new Set([...'（《「『【〔〈‘“([{']);

/** Latin words, numbers (with their decimal points, dashes and slashes) and runs of spaces stay together. */
const TOKEN = /[A-Za-z0-9]+(?:[.\-/:@_][A-Za-z0-9]+)*|[ \t]+|[\s\S]/gu;

export interface Line {
  text: string;
  /** Width as measured (with any letter spacing). */
  width: number;
  /** The last line of its paragraph (not justified). */
  last: boolean;
}

/**
 * Breaks a paragraph into lines no wider than `width`, measuring with `measure` (text → points). A single
 * token wider than a line is cut between characters.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number, firstLineIndent = 0): Line[] {
  const tokens = text.replace(/\r\n?/g, '\n').match(TOKEN) ?? [];
  const lines: Line[] = [];
  let current: string[] = [];
  let currentWidth = 0;
  let limit = width - firstLineIndent;
  const push = (last: boolean) => {
    while (current.length && /^[ \t]+$/.test(current[current.length - 1]!)) current.pop(); // no trailing spaces
    const t = current.join('');
    lines.push({ text: t, width: measure(t), last });
    current = [];
    currentWidth = 0;
    limit = width;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '\n') {
      push(true);
      continue;
    }
    if (!current.length && /^[ \t]+$/.test(tok) && lines.length && !lines[lines.length - 1]!.last) continue; // no leading spaces after a wrap
    const w = measure(tok);
    if (currentWidth + w <= limit + 0.01 || !current.length || NO_START.has(tok)) {
      if (!current.length && w > limit && tok.length > 1) {
        // A token longer than the line: cut it between characters.
        const chars = [...tok];
        let piece = '';
        for (const ch of chars) {
          if (piece && measure(piece + ch) > limit) {
            current = [piece];
            push(false);
            piece = '';
          }
          piece += ch;
        }
        current = [piece];
        currentWidth = measure(piece);
        continue;
      }
      current.push(tok);
      currentWidth += w;
      continue;
    }
    // The token does not fit: an opening mark at the end of the line moves down with it.
    const carried: string[] = [];
    while (current.length > 1 && NO_END.has(current[current.length - 1]!)) carried.unshift(current.pop()!);
    push(false);
    for (const c of carried) {
      current.push(c);
      currentWidth += measure(c);
    }
    i--; // place the token again on the new line
  }
  if (current.length || !lines.length || lines[lines.length - 1]!.last === false) push(true);
  return lines;
}

// ---- rendering --------------------------------------------------------------------------------------

type Doc = PDFKit.PDFDocument;

interface TocEntry {
  text: string;
  level: 1 | 2 | 3;
  showPage: boolean;
  anchor: string;
  /** Body page number, set while rendering. */
  page?: number;
}

function headingStyle(b: HeadingBlock): Required<Pick<TextStyle, 'size' | 'align' | 'lineHeight' | 'spaceBefore' | 'spaceAfter'>> & TextStyle {
  const base = HEADING_STYLE[b.level];
  return { ...base, ...definedOnly(b) } as never;
}

function paragraphStyle(b: ParagraphBlock): TextStyle {
  return { ...PARAGRAPH_STYLE, ...definedOnly(b) };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

class Renderer {
  private bookmarkParent: PDFKit.PDFOutline | null = null;
  private tocIndex = 0;
  firstBodyPage = 0;

  constructor(
    readonly doc: Doc,
    readonly toc: TocEntry[],
  ) {}

  get pageIndex(): number {
    return this.doc.bufferedPageRange().count - 1;
  }

  get contentWidth(): number {
    const p = this.doc.page;
    return p.width - p.margins.left - p.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage() {
    this.doc.addPage();
  }

  /** Sets font and size; returns the distance between baselines. */
  private setFont(style: TextStyle): number {
    const size = style.size ?? 12;
    this.doc.font(style.bold ? 'bold' : 'regular').fontSize(size);
    this.doc.fillColor(style.color ?? '#000000');
    return size * (style.lineHeight ?? 1.6);
  }

  private measure = (s: string) => this.doc.widthOfString(s);

  /** The lines of a text in a style, and the distance between them. */
  layout(text: string, style: TextStyle, width = this.contentWidth): { lines: Line[]; pitch: number; size: number } {
    const pitch = this.setFont(style);
    const size = style.size ?? 12;
    const indent = (style.indent ?? 0) * size;
    const spacing = style.letterSpacing ?? 0;
    const measure = spacing ? (s: string) => this.measure(s) + spacing * [...s].length : this.measure;
    return { lines: breakLines(text, width, measure, indent), pitch, size };
  }

  /**
   * A centred text broken into lines of even length: the narrowest width that still gives as few lines,
   * so that a title never ends with one character alone on its last line.
   */
  balanced(text: string, style: TextStyle): { lines: Line[]; pitch: number; size: number } {
    const first = this.layout(text, style);
    if (first.lines.length < 2 || style.align !== 'center') return first;
    let lo = this.contentWidth / 2;
    let hi = this.contentWidth;
    for (let k = 0; k < 10; k++) {
      const mid = (lo + hi) / 2;
      if (this.layout(text, style, mid).lines.length <= first.lines.length) hi = mid;
      else lo = mid;
    }
    return this.layout(text, style, hi);
  }

  /** Draws laid-out lines from the current position, moving to a new page when one is full. */
  drawLines(lines: Line[], pitch: number, size: number, style: TextStyle, x0 = this.doc.page.margins.left, width = this.contentWidth) {
    const doc = this.doc;
    const indent = (style.indent ?? 0) * size;
    const spacing = style.letterSpacing ?? 0;
    // The text sits in the middle of its line pitch.
    const lead = (pitch - size * 1.2) / 2;
    lines.forEach((line, i) => {
      if (doc.y + pitch > this.bottom + 0.01) {
        this.newPage();
        this.setFont(style);
      }
      const start = i === 0 ? indent : 0;
      const avail = width - start;
      const chars = [...line.text].length;
      // The measured width includes the letter spacing after every character, the last one's too.
      const natural = Math.max(0, line.width - (chars ? spacing : 0));
      let x = x0 + start;
      let characterSpacing = spacing;
      const align = style.align ?? 'left';
      if (align === 'center') x += Math.max(0, (avail - natural) / 2);
      else if (align === 'right') x += Math.max(0, avail - natural);
      else if (align === 'justify' && !line.last && chars > 1 && natural < avail) characterSpacing = spacing + (avail - natural) / (chars - 1);
      const top = doc.y;
      if (line.text) doc.text(line.text, x, top + lead, { lineBreak: false, characterSpacing });
      // doc.text moves y by its own line height: the next line starts exactly one pitch below.
      doc.y = top + pitch;
    });
  }

  private text(text: string, style: TextStyle) {
    const { lines, pitch, size } = this.layout(text, style);
    this.drawLines(lines, pitch, size, style);
  }

  /** Space before a block, dropped at the top of a page. */
  private space(points: number | undefined) {
    if (!points) return;
    if (this.doc.y <= this.doc.page.margins.top + 0.01) return;
    if (this.doc.y + points > this.bottom) this.newPage();
    else this.doc.y += points;
  }

  render(block: Block) {
    const doc = this.doc;
    switch (block.kind) {
      case 'pageBreak':
        this.newPage();
        return;
      case 'spacer':
        if (doc.y + block.height > this.bottom) this.newPage();
        else doc.y += block.height;
        return;
      case 'rule': {
        this.space(block.spaceBefore ?? 4);
        const t = block.thickness ?? 1;
        if (doc.y + t > this.bottom) this.newPage();
        const y = doc.y + t / 2;
        doc.save().lineWidth(t).strokeColor(block.color ?? '#000000').moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).stroke().restore();
        doc.y += t;
        this.space(block.spaceAfter ?? 4);
        return;
      }
      case 'paragraph': {
        const style = paragraphStyle(block);
        this.space(style.spaceBefore);
        this.text(block.text, style);
        this.space(style.spaceAfter);
        return;
      }
      case 'heading': {
        const style = headingStyle(block);
        if (block.newPage && !this.pageIsEmpty()) this.newPage();
        else this.space(style.spaceBefore);
        const { lines, pitch, size } = this.balanced(block.text, style);
        // Keep the heading with at least two lines of what follows.
        const needed = lines.length * pitch + (style.spaceAfter ?? 0) + 2 * 12 * 1.6;
        if (doc.y + needed > this.bottom && !this.pageIsEmpty()) this.newPage();
        this.mark(block);
        this.drawLines(lines, pitch, size, style);
        this.space(style.spaceAfter);
        return;
      }
      case 'table':
        this.table(block);
        return;
    }
  }

  private pageIsEmpty(): boolean {
    return this.doc.y <= this.doc.page.margins.top + 0.01;
  }

  /** Records where a heading is: its table-of-contents page, a link target, a bookmark. */
  private mark(block: HeadingBlock) {
    const doc = this.doc;
    if (block.toc) {
      const entry = this.toc[this.tocIndex++];
      if (entry) {
        entry.page = this.pageIndex - this.firstBodyPage + 1;
        doc.addNamedDestination(entry.anchor, 'XYZ', doc.page.margins.left, doc.page.height - doc.y, null);
      }
    }
    if (block.bookmark) {
      if (block.level === 1 || !this.bookmarkParent) {
        const item = doc.outline.addItem(block.text);
        if (block.level === 1) this.bookmarkParent = item;
      } else {
        this.bookmarkParent.addItem(block.text);
      }
    }
  }

  private table(block: TableBlock) {
    const doc = this.doc;
    if (!block.rows.length) return;
    this.space(block.spaceBefore ?? 6);
    const size = block.size ?? 10.5;
    const merged = block.rows.some((r) => r.some((c) => typeof c !== 'string'));
    const columns = Math.max(...block.rows.map((r) => r.reduce((n, c) => n + (typeof c === 'string' ? 1 : (c.colSpan ?? 1)), 0)));
    const rel = block.widths && block.widths.length === columns ? block.widths : Array.from({ length: columns }, () => 1);
    const total = rel.reduce((a, b) => a + b, 0);
    const widths = rel.map((w) => (w / total) * this.contentWidth);
    const header = block.headerRows ?? 0;
    // At least one row must fit: start a new page when not even two lines are left.
    if (doc.y + (block.minSpace ?? size * 4) > this.bottom && !this.pageIsEmpty()) this.newPage();
    doc.font('regular').fontSize(size).fillColor('#000000');
    doc.x = doc.page.margins.left;
    doc.table({
      // Rows of plain text are filled up to the full width; rows with merged cells list only the cells that start in them.
      data: merged
        ? block.rows.map((r) =>
            r.map((c) => (typeof c === 'string' ? c : { text: c.text, colSpan: c.colSpan ?? 1, rowSpan: c.rowSpan ?? 1, align: { x: c.align ?? 'left', y: 'center' }, ...(c.bold ? { font: { src: 'bold' } } : {}) })),
          )
        : block.rows.map((r) => Array.from({ length: columns }, (_, i) => r[i] ?? '')),
      columnStyles: (i: number) => ({ width: widths[i]! }),
      rowStyles: (i: number) => (i < header ? { font: { src: 'bold' }, backgroundColor: '#eeeeee' } : {}),
      defaultStyle: { padding: block.padding ?? 4, border: 0.5, borderColor: '#000000', textOptions: { lineGap: 2 } },
    } as never);
    doc.x = doc.page.margins.left;
    this.space(block.spaceAfter ?? 6);
  }
}

function tocEntries(body: Block[]): TocEntry[] {
  const out: TocEntry[] = [];
  for (const b of body) {
    if (b.kind !== 'heading' || !b.toc) continue;
    const opts = typeof b.toc === 'object' ? b.toc : {};
    out.push({ text: opts.text ?? b.text, level: b.level, showPage: opts.page ?? true, anchor: `toc-${out.length + 1}` });
  }
  return out;
}

const TOC_TITLE: TextStyle = { size: 18, bold: true, align: 'center', lineHeight: 1.5, letterSpacing: 12 };
const TOC_LEVEL: Record<1 | 2 | 3, TextStyle> = {
  1: { size: 13, bold: true, lineHeight: 1.7 },
  2: { size: 12, lineHeight: 1.7 },
  3: { size: 11, lineHeight: 1.6 },
};
const TOC_INDENT: Record<1 | 2 | 3, number> = { 1: 0, 2: 1, 3: 2 };

interface TocLayout {
  entry: TocEntry;
  lines: Line[];
  pitch: number;
  size: number;
  x: number;
  width: number;
  style: TextStyle;
  /** Index of the table-of-contents page and the y at which the entry starts there. */
  page: number;
  y: number;
}

/** Places the table of contents on as many pages as it needs (`firstPage` is the index of its first page). */
function layoutToc(r: Renderer, entries: TocEntry[], title: string, firstPage: number): { items: TocLayout[]; pages: number; titleY: number } {
  const doc = r.doc;
  const top = doc.page.margins.top;
  const left = doc.page.margins.left;
  const numberWidth = 40;
  const titleLayout = r.layout(title, TOC_TITLE);
  let y = top + titleLayout.lines.length * titleLayout.pitch + 18;
  let page = firstPage;
  const items: TocLayout[] = [];
  const measure = (entry: TocEntry) => {
    const style = TOC_LEVEL[entry.level];
    const indent = TOC_INDENT[entry.level] * (style.size ?? 12);
    const width = r.contentWidth - indent - (entry.showPage ? numberWidth : 0);
    return { style, indent, width, ...r.layout(entry.text, { ...style, indent: 0 }, width) };
  };
  entries.forEach((entry, i) => {
    const { style, indent, width, lines, pitch, size } = measure(entry);
    const before = entry.level === 1 && items.length ? 6 : 0;
    let height = before + lines.length * pitch;
    // A section's heading stays with its first entry.
    const next = entries[i + 1];
    if (entry.level < 3 && next && next.level > entry.level) {
      const n = measure(next);
      height += n.lines.length * n.pitch;
    }
    if (y + height > r.bottom) {
      page++;
      y = top;
    } else y += before;
    items.push({ entry, lines, pitch, size, x: left + indent, width, style, page, y });
    y += lines.length * pitch;
  });
  return { items, pages: page - firstPage + 1, titleY: top };
}

function drawToc(r: Renderer, title: string, laid: ReturnType<typeof layoutToc>, firstPage: number) {
  const doc = r.doc;
  doc.switchToPage(firstPage);
  doc.y = laid.titleY;
  const t = r.layout(title, TOC_TITLE);
  r.drawLines(t.lines, t.pitch, t.size, TOC_TITLE);
  const right = doc.page.width - doc.page.margins.right;
  for (const it of laid.items) {
    doc.switchToPage(it.page);
    doc.y = it.y;
    const style = { ...it.style, align: 'left' as const };
    r.layout(it.entry.text, style, it.width); // sets the font
    r.drawLines(it.lines, it.pitch, it.size, style, it.x, it.width);
    const lastTop = doc.y - it.pitch;
    if (it.entry.showPage && it.entry.page !== undefined) {
      const num = String(it.entry.page);
      const numWidth = doc.widthOfString(num);
      const textY = lastTop + (it.pitch - it.size * 1.2) / 2;
      doc.text(num, right - numWidth, textY, { lineBreak: false });
      // Dot leaders from the end of the entry's last line to its page number.
      const last = it.lines[it.lines.length - 1]!;
      const from = it.x + last.width + 6;
      const to = right - numWidth - 6;
      const dotY = textY + it.size * 0.85;
      doc.save().fillColor('#555555');
      for (let x = from; x <= to; x += 4) doc.circle(x, dotY, 0.6).fill();
      doc.restore();
    }
    // The entry links to its heading.
    doc.goTo(it.x, it.y, right - it.x, it.lines.length * it.pitch, it.entry.anchor);
  }
}

/** Renders the model as a PDF (A4). */
export async function renderPdf(model: PdfDocumentModel): Promise<Uint8Array> {
  // Loaded on first use: the server and the command line start without it.
  const [{ default: PDFDocument }, regular, bold] = await Promise.all([import('pdfkit'), fontBytes('regular'), fontBytes('bold')]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: model.margins ?? DEFAULT_MARGINS,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: model.info.title,
      ...(model.info.author ? { Author: model.info.author } : {}),
      ...(model.info.subject ? { Subject: model.info.subject } : {}),
      ...(model.info.keywords?.length ? { Keywords: model.info.keywords.join(', ') } : {}),
      Creator: 'Gongkai（公开）',
      Producer: 'Gongkai（公开） / PDFKit',
      CreationDate: model.info.createdAt ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  // PDFKit's tables put the font back after every cell by its source, which for a registered font is the
  // font's bytes: each cell would parse the whole 15 MB font again (seconds per table). By name it is cached.
  const font = doc.font.bind(doc) as (src: unknown, family?: unknown, size?: unknown) => PDFKit.PDFDocument;
  (doc as unknown as { font: typeof font }).font = (src, family, size) => font(src === regular ? 'regular' : src === bold ? 'bold' : src, family, size);
  doc.font('regular');

  const toc = model.toc ? tocEntries(model.body) : [];
  const r = new Renderer(doc, toc);

  // Cover.
  let started = false;
  if (model.cover?.length) {
    for (const b of model.cover) r.render(b);
    started = true;
  }
  // Table of contents: its pages are reserved now and filled in once the page numbers are known.
  let tocFirst = -1;
  let tocLaid: ReturnType<typeof layoutToc> | undefined;
  if (model.toc) {
    if (started) r.newPage();
    tocFirst = r.pageIndex;
    tocLaid = layoutToc(r, toc, model.toc.title, tocFirst);
    for (let i = 1; i < tocLaid.pages; i++) r.newPage();
    started = true;
  }
  // Body.
  if (started) r.newPage();
  r.firstBodyPage = r.pageIndex;
  doc.y = doc.page.margins.top;
  for (const b of model.body) r.render(b);

  if (model.toc && tocLaid) drawToc(r, model.toc.title, tocLaid, tocFirst);

  // Page numbers.
  if (model.pageNumbers !== false) {
    const format = (model.pageNumbers && model.pageNumbers.format) || ((n: number) => `— ${n} —`);
    const range = doc.bufferedPageRange();
    for (let i = r.firstBodyPage; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const label = format(i - r.firstBodyPage + 1);
      doc.font('regular').fontSize(10.5).fillColor('#000000');
      const w = doc.widthOfString(label);
      const y = doc.page.height - doc.page.margins.bottom + (doc.page.margins.bottom - 10.5) / 2 - 6;
      doc.text(label, (doc.page.width - w) / 2, y, { lineBreak: false });
    }
  }
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
