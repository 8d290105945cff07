// A notice file (bytes and its name) → the paragraphs and tables the pure parser reads
// (src/core/tasks). The kind is decided by content, not by the name: DOCX (its word/document.xml, read with
// the project's bounded ZIP reader), XLSX (exceljs, merged cells kept), HTML or plain text (UTF-8, UTF-16 or
// GB18030/GBK). Anything else is refused with a Chinese message that says what to do; nothing is parsed
// half-way.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Cell, NoticeDocument, TableBlock } from '../../core/tasks/document.ts';
import { docxXmlToDocument } from '../../core/tasks/docx.ts';
import { htmlToDocument, looksLikeHtml } from '../../core/tasks/html.ts';
import { textToDocument } from '../../core/tasks/text-layout.ts';
import { isCfb } from '../../core/files/cfb.ts';
import { displayName } from '../../core/files/sniff.ts';
import { listZip, looksLikeZip, readZipEntry } from '../../core/files/zip.ts';

/** A notice is a few pages: 20 MB is far more than any real one. */
export const MAX_NOTICE_BYTES = 20 * 1024 * 1024;
/** What the parts of a DOCX/XLSX may inflate to. */
export const MAX_NOTICE_UNZIPPED = 100 * 1024 * 1024;

export type NoticeReadProblem = 'empty' | 'too_large' | 'not_found' | 'zip_not_office' | 'corrupt' | 'unsupported' | 'binary';

export class NoticeReadError extends Error {
  constructor(
    readonly code: NoticeReadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'NoticeReadError';
  }
}

const ACCEPTED = 'Word（.docx）、Excel（.xlsx）、网页（.html）或纯文本（.txt）';
const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;

export const READ_MESSAGES = {
  empty: (n: string) => `「${n}」是空文件（0 字节），没有可导入的内容。请选择通知的正文文件。`,
  tooLarge: (n: string, size: number) => `「${n}」太大（${mb(size)}），通知文件不能超过 ${mb(MAX_NOTICE_BYTES)}。请只导入通知正文和任务分解表。`,
  notFound: (n: string) => `找不到文件「${n}」，请检查路径。`,
  zipNotOffice: (n: string) =>
    `「${n}」是一个压缩包（ZIP），但里面不是 Word 文档或 Excel 表格（没有正文 word/document.xml，也没有工作簿 xl/workbook.xml）。请解压后选择通知本身，格式可以是 ${ACCEPTED}。`,
  corrupt: (n: string) => `「${n}」已损坏或无法读取。请用 Office 或 WPS 打开确认无误、重新保存后再导入。`,
  unzippedTooLarge: (n: string) => `「${n}」解压后的内容过大，不像是一份通知，未导入。`,
  pdf: (n: string) => `「${n}」是 PDF 文件，暂时不能从 PDF 中识别任务分解表。请导入通知的 ${ACCEPTED} 版本（可在 WPS 中把 PDF 转为 Word）。`,
  cfb: (n: string) => `「${n}」是 Word/Excel 97-2003 格式（.doc/.xls），暂时不能直接读取。请另存为 .docx 或 .xlsx 后重新导入。`,
  binary: (n: string) => `「${n}」不是文字文件（可能是图片、程序或其他二进制文件），不是一份通知。请选择 ${ACCEPTED} 格式的通知。`,
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text in UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030; null when it is not text. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return null;
  try {
    return utf8.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

/** The paragraphs and tables of a notice file. Throws NoticeReadError with a Chinese message. */
export async function readNotice(bytes: Uint8Array, fileName: string): Promise<NoticeDocument> {
  const name = displayName(fileName);
  if (bytes.length === 0) throw new NoticeReadError('empty', READ_MESSAGES.empty(name));
  if (bytes.length > MAX_NOTICE_BYTES) throw new NoticeReadError('too_large', READ_MESSAGES.tooLarge(name, bytes.length));
  if (looksLikeZip(bytes)) return readOffice(bytes, name);
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') throw new NoticeReadError('unsupported', READ_MESSAGES.pdf(name));
  if (isCfb(bytes)) throw new NoticeReadError('unsupported', READ_MESSAGES.cfb(name));
  const text = decodeText(bytes);
  if (text === null || /[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 8192))) throw new NoticeReadError('binary', READ_MESSAGES.binary(name));
  const ext = path.extname(fileName).toLowerCase();
  return ext === '.html' || ext === '.htm' || (ext !== '.txt' && looksLikeHtml(text)) ? htmlToDocument(text) : textToDocument(text);
}

async function readOffice(bytes: Uint8Array, name: string): Promise<NoticeDocument> {
  const listing = listZip(bytes);
  if (!listing) throw new NoticeReadError('corrupt', READ_MESSAGES.corrupt(name));
  if (listing.truncated || listing.totalUncompressed > MAX_NOTICE_UNZIPPED) throw new NoticeReadError('too_large', READ_MESSAGES.unzippedTooLarge(name));
  const entry = (n: string) => listing.entries.find((e) => e.name === n);
  const doc = entry('word/document.xml');
  if (doc) {
    const xml = readZipEntry(bytes, doc, MAX_NOTICE_UNZIPPED);
    if (!xml) throw new NoticeReadError('corrupt', READ_MESSAGES.corrupt(name));
    return docxXmlToDocument(new TextDecoder('utf-8').decode(xml));
  }
  if (entry('xl/workbook.xml')) {
    // exceljs inflates everything: first make sure no part inflates to more than it declares (a ZIP bomb).
    for (const e of listing.entries) {
      if (e.name.endsWith('/') && e.uncompressedSize === 0) continue;
      const data = readZipEntry(bytes, e, Math.max(1, e.uncompressedSize));
      if (!data || data.length !== e.uncompressedSize) throw new NoticeReadError('corrupt', READ_MESSAGES.corrupt(name));
    }
    return readXlsx(bytes, name);
  }
  throw new NoticeReadError('zip_not_office', READ_MESSAGES.zipNotOffice(name));
}

function cellString(cell: import('exceljs').Cell): string {
  const v = cell.value;
  const result = v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : undefined;
  const date = v instanceof Date ? v : result instanceof Date ? result : null;
  if (date) return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

async function readXlsx(bytes: Uint8Array, name: string): Promise<NoticeDocument> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new NoticeReadError('corrupt', READ_MESSAGES.corrupt(name));
  }
  const blocks: TableBlock[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state && sheet.state !== 'visible') continue;
    const rows: Cell[][] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master && cell.master !== cell) {
          cells.push({ text: '', merged: Number(cell.master.row) < r ? 'up' : 'left' });
        } else cells.push({ text: cellString(cell).replace(/\r\n?/g, '\n').trim() });
      }
      rows.push(cells);
    }
    if (rows.some((r) => r.some((c) => c.text))) blocks.push({ kind: 'table', rows, source: 'xlsx', mergeKnown: true, name: sheet.name });
  }
  return { format: 'xlsx', blocks };
}

/** Reads a notice from disk: refuses a missing or oversized file before reading it. */
export async function readNoticeFile(file: string): Promise<NoticeDocument> {
  const name = path.basename(file);
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    throw new NoticeReadError('not_found', READ_MESSAGES.notFound(file));
  }
  if (size === 0) throw new NoticeReadError('empty', READ_MESSAGES.empty(name));
  if (size > MAX_NOTICE_BYTES) throw new NoticeReadError('too_large', READ_MESSAGES.tooLarge(name, size));
  return readNotice(new Uint8Array(await readFile(file)), name);
}
