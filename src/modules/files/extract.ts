// The text of an accepted attachment, for full-text search and for the confidentiality review before
// publication. Never throws: a file that cannot be read gives empty text and a Chinese warning that a
// person has to check it. Work is bounded: extracted text is capped, ZIP-based files are checked for
// decompression bombs before a library unpacks them, and PDF extraction stops at a time limit.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInflateRaw } from 'node:zlib';
import type { FileKind } from '../../core/files/sniff.ts';
import { listZip, type ZipEntry } from '../../core/files/zip.ts';

export interface ExtractedText {
  text: string;
  /** PDF only: number of pages. */
  pages?: number;
  /** Set when the text is missing or incomplete: what happened, in Chinese, for the person checking. */
  warning?: string;
  /** The same, for programs (e.g. to refuse password-protected PDFs, or to queue a manual check). */
  problem?: ExtractProblem;
}

export type ExtractProblem = 'corrupt' | 'encrypted' | 'unsupported' | 'image' | 'no_text' | 'too_large' | 'truncated' | 'timeout';

export interface ExtractOptions {
  /** Extracted text is cut here (default 5 million characters). */
  maxChars?: number;
  /** A .docx/.xlsx whose parts would inflate to more than this is not unpacked (default 256 MiB). */
  maxUnzippedBytes?: number;
  /** PDF extraction stops after this long (default 60 s). */
  timeLimitMs?: number;
}

export const MAX_TEXT_CHARS = 5_000_000;
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
export const EXTRACT_TIME_LIMIT_MS = 60_000;

export const EXTRACT_WARNINGS = {
  corrupt: '文件已损坏或无法读取，未能提取文字内容，请人工核对文件内容。',
  encrypted: '文件设置了打开密码，无法读取文字内容，请人工核对文件内容。',
  xls: 'Excel 97-2003（.xls）表格的内容暂时无法自动读取，未提取文字，请人工核对文件内容；建议另存为 .xlsx 后重新上传。',
  image: '图片中的文字无法自动识别（未提供 OCR 文字识别），请人工核对图片内容。',
  noTextPdf: '这份 PDF 没有可提取的文字（可能是扫描件或图片），请人工核对文件内容。',
  tooLargeUnzipped: '文件解压后的内容过大，未提取文字内容，请人工核对文件内容。',
  truncated: (max: number) => `文件的文字内容过长，只提取了前 ${max} 个字符，其余部分请人工核对。`,
  timeout: (done: number, total: number) => `文件过大，只在限定时间内提取了前 ${done} 页（共 ${total} 页）的文字，其余部分请人工核对。`,
} as const;

/** Accumulates text up to a limit. */
class TextSink {
  private parts: string[] = [];
  private length = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  /** Set once some text did not fit: stop feeding it. */
  get full(): boolean {
    return this.truncated;
  }
  add(s: string): void {
    if (!s) return;
    if (this.truncated) return;
    if (this.length + s.length > this.max) {
      s = s.slice(0, this.max - this.length);
      this.truncated = true;
    }
    this.parts.push(s);
    this.length += s.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

function cap(text: string, max: number): ExtractedText {
  if (text.length <= max) return { text };
  return { text: text.slice(0, max), warning: EXTRACT_WARNINGS.truncated(max), problem: 'truncated' };
}

const nothing = (problem: Exclude<ExtractProblem, 'truncated' | 'timeout'>): ExtractedText => {
  const warning = {
    corrupt: EXTRACT_WARNINGS.corrupt,
    encrypted: EXTRACT_WARNINGS.encrypted,
    unsupported: EXTRACT_WARNINGS.xls,
    image: EXTRACT_WARNINGS.image,
    no_text: EXTRACT_WARNINGS.noTextPdf,
    too_large: EXTRACT_WARNINGS.tooLargeUnzipped,
  }[problem];
  return { text: '', warning, problem };
};

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Checks a ZIP before a library inflates it: the declared sizes must stay under `max` in total, and
 * each deflated entry is inflated here (counting, not keeping, the bytes) to make sure it does not
 * produce more than it declares. A hostile archive that lies about its sizes is caught here instead of
 * exhausting the memory inside jszip.
 */
async function zipProblem(bytes: Uint8Array, max: number): Promise<'corrupt' | 'too_large' | undefined> {
  const listing = listZip(bytes);
  if (!listing) return 'corrupt';
  if (listing.truncated || listing.totalUncompressed > max) return 'too_large';
  for (const entry of listing.entries) {
    const ok = await inflatesAsDeclared(bytes, entry);
    if (!ok) return 'corrupt';
  }
  return undefined;
}

function inflatesAsDeclared(bytes: Uint8Array, entry: ZipEntry): Promise<boolean> {
  if (entry.name.endsWith('/') && entry.uncompressedSize === 0) return Promise.resolve(true);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length) return Promise.resolve(false);
  const start = at + 30 + (bytes[at + 26]! | (bytes[at + 27]! << 8)) + (bytes[at + 28]! | (bytes[at + 29]! << 8));
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return Promise.resolve(false);
  if (entry.method === 0) return Promise.resolve(entry.compressedSize === entry.uncompressedSize);
  if (entry.method !== 8) return Promise.resolve(false);
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let produced = 0;
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(ok);
    };
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) done(false);
    });
    inflate.on('error', () => done(false));
    inflate.on('end', () => done(produced === entry.uncompressedSize));
    inflate.end(data);
  });
}

/**
 * pdf.js's own data files (read from disk on Node). The CMaps are essential for Chinese: PDFs that use
 * the predefined Adobe-GB1 encodings with non-embedded fonts (STSong-Light and the like, common in
 * government PDFs) give no text at all without them.
 */
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfText(bytes: Uint8Array, maxChars: number, timeLimitMs: number): Promise<ExtractedText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may keep or transfer the buffer it is given: hand it a copy. On Node it runs in this thread
  // (no worker), evaluates nothing, loads no system fonts and logs nothing.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      return nothing(err instanceof Error && err.name === 'PasswordException' ? 'encrypted' : 'corrupt');
    }
    const pages = doc.numPages;
    const sink = new TextSink(maxChars);
    const deadline = Date.now() + timeLimitMs;
    let done = 0;
    for (let n = 1; n <= pages && !sink.full; n++) {
      if (Date.now() > deadline) return { text: sink.text(), pages, warning: EXTRACT_WARNINGS.timeout(done, pages), problem: 'timeout' };
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) line += '\n';
      }
      sink.add((n > 1 ? '\n' : '') + line.replace(/\n+$/, ''));
      page.cleanup();
      done = n;
    }
    const text = sink.text();
    if (sink.truncated) return { text, pages, warning: EXTRACT_WARNINGS.truncated(maxChars), problem: 'truncated' };
    if (pages > 0 && !text.trim()) return { ...nothing('no_text'), pages };
    return { text, pages };
  } finally {
    await task.destroy().catch(() => {});
  }
}

async function docxText(bytes: Uint8Array, maxChars: number): Promise<ExtractedText> {
  const mammoth = (await import('mammoth')).default;
  const result = await mammoth.extractRawText({ buffer: toBuffer(bytes) });
  return cap(result.value.replace(/\n{3,}/g, '\n\n').trim(), maxChars);
}

function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString(); // exceljs keeps spreadsheet dates as UTC
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

async function xlsxText(bytes: Uint8Array, maxChars: number): Promise<ExtractedText> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(toBuffer(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sink = new TextSink(maxChars);
  let first = true;
  // Every sheet, hidden ones included: the confidentiality review must see everything that is published.
  for (const sheet of workbook.worksheets) {
    if (sink.full) break;
    sink.add((first ? '' : '\n\n') + sheet.name);
    first = false;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (sink.full) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.isMerged && cell.master !== cell) return; // merged areas: the text once, in the top-left cell
        let text = '';
        try {
          const value = cell.value;
          const result = value && typeof value === 'object' && 'result' in value ? value.result : undefined;
          if (value instanceof Date) text = formatDate(value);
          else if (result instanceof Date) text = formatDate(result);
          else text = cell.text ?? '';
        } catch {
          text = '';
        }
        cells[col - 1] = text.replace(/[\t\r\n]+/g, ' ');
      });
      const line = Array.from(cells, (c) => c ?? '').join('\t').replace(/\t+$/, '');
      if (line.trim()) sink.add('\n' + line);
    });
  }
  const text = sink.text();
  return sink.truncated ? { text, warning: EXTRACT_WARNINGS.truncated(maxChars), problem: 'truncated' } : { text };
}

async function docText(bytes: Uint8Array, maxChars: number): Promise<ExtractedText> {
  const WordExtractor = (await import('word-extractor')).default;
  const doc = await new WordExtractor().extract(toBuffer(bytes));
  const raw = { filterUnicode: false };
  const parts = [doc.getBody(raw), doc.getFootnotes(raw), doc.getEndnotes(raw), doc.getHeaders(raw), doc.getAnnotations(raw), doc.getTextboxes(raw)];
  return cap(
    parts
      .map((p) => (p ?? '').trim())
      .filter(Boolean)
      .join('\n\n'),
    maxChars,
  );
}

/**
 * The text of an attachment whose kind `classifyUpload` decided. Never throws.
 */
export async function extractText(bytes: Uint8Array, kind: FileKind, options: ExtractOptions = {}): Promise<ExtractedText> {
  const maxChars = options.maxChars ?? MAX_TEXT_CHARS;
  try {
    switch (kind) {
      case 'pdf':
        return await pdfText(bytes, maxChars, options.timeLimitMs ?? EXTRACT_TIME_LIMIT_MS);
      case 'docx':
      case 'xlsx': {
        const problem = await zipProblem(bytes, options.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES);
        if (problem) return nothing(problem);
        return kind === 'docx' ? await docxText(bytes, maxChars) : await xlsxText(bytes, maxChars);
      }
      case 'doc':
        return await docText(bytes, maxChars);
      case 'xls':
        return nothing('unsupported');
      case 'png':
      case 'jpeg':
      case 'gif':
      case 'webp':
        return nothing('image');
      default:
        return nothing('corrupt');
    }
  } catch {
    return nothing('corrupt');
  }
}
