// 存量政府信息导入: the metadata sheet of existing records (XLSX, or CSV in UTF-8 with or without BOM, or
// GB18030/GBK as Excel on Chinese Windows saves it), read and checked row by row.
//
// Columns are found by their header text (in the first 10 rows; order free, extra columns ignored):
//   标题* | 发布机构* (unit name, short name, alias or code) | 发文机关 | 文号 | 索引号 | 体裁 | 主题分类 (、-separated) |
//   主题词 | 成文日期 | 发布日期 | 形成日期 | 公开属性 (主动公开/依申请公开/不予公开/empty = 未认定) |
//   公开属性依据 (code or article text of LEGAL_GROUNDS) | 有效性 | 正文 (text or HTML) | 附件 (file names, ; or 、)
// Every problem is reported as { row, column, message } with a Chinese message naming the column; what needs
// the database (units, 文号/索引号 already used, attachment files) is checked by modules/publishing/import.ts.
//
// Pure: bytes in, rows and problems out. No database, no file system.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { bodyText, sanitizeBody } from './body.ts';
import { parseDocNo } from './doc-no.ts';
import { ATTRIBUTE_LABELS, LEGAL_GROUNDS, type DisclosureAttribute } from './disclosure.ts';
import { DEFAULT_TOPICS, GENRE_LABELS, GENRES, hasValidity, type Genre } from './genres.ts';
import { VALIDITIES, VALIDITY_LABELS, type Validity } from './validity.ts';

export interface RowIssue {
  /** Row of the sheet, 1-based as Excel shows it (0: the file as a whole). */
  row: number;
  /** The column's header as the sheet names it ('' for the file as a whole). */
  column: string;
  /** Chinese, naming the column. */
  message: string;
}

export interface ImportDocNo {
  normalized: string;
  issuerCode: string;
  year: number;
  sequence: number;
}

export interface ImportRow {
  row: number;
  title: string;
  /** 发布机构 as written: matched to a unit (name, short name, alias or code) with the database. */
  unit: string;
  issuer: string | null;
  docNo: ImportDocNo | null;
  indexNo: string | null;
  genre: Genre;
  topics: string[];
  keywords: string[];
  writtenOn: string | null;
  publishedOn: string | null;
  /** 发布日期 with its time when the cell has one (China Standard Time), else 00:00 that day. */
  publishedAt: Date | null;
  /** 形成日期, else 成文日期, else 发布日期: the Art. 26 clock starts here. '' only on a row with errors. */
  formedOn: string;
  /** null: 未认定 (historical records without one, decided later). */
  attribute: DisclosureAttribute | null;
  attributeGround: string | null;
  validity: Validity | null;
  /** 正文 as written (text or HTML): turned into safe HTML by `importBody` when it is imported. */
  body: string;
  /** File names relative to the attachment folder. */
  attachments: string[];
  /** False when the row has at least one error. */
  ok: boolean;
}

export interface ParsedImport {
  format: 'xlsx' | 'csv';
  /** CSV only: the encoding the bytes were read in. */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le';
  sheetName?: string;
  headerRow: number;
  /** The columns found, by field, with their header text. */
  columns: Partial<Record<ImportField, string>>;
  /** Every non-empty data row, including those with errors (ok = false). */
  rows: ImportRow[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

export type ImportField =
  | 'title'
  | 'unit'
  | 'issuer'
  | 'docNo'
  | 'indexNo'
  | 'genre'
  | 'topics'
  | 'keywords'
  | 'writtenOn'
  | 'publishedOn'
  | 'formedOn'
  | 'attribute'
  | 'ground'
  | 'validity'
  | 'body'
  | 'attachments';

/** The standard header of each field (what a template carries) and the other headers seen in practice. */
export const IMPORT_COLUMNS: Record<ImportField, { label: string; aliases: string[]; required?: boolean }> = {
  title: { label: '标题', aliases: ['名称', '信息名称', '文件标题', '信息标题', '文件名称'], required: true },
  unit: { label: '发布机构', aliases: ['发布单位', '公开主体', '信息发布机构', '发布主体'], required: true },
  issuer: { label: '发文机关', aliases: ['发文单位', '制发机关', '发文机构'] },
  docNo: { label: '文号', aliases: ['发文字号', '发文文号', '文件编号'] },
  indexNo: { label: '索引号', aliases: [] },
  genre: { label: '体裁', aliases: ['文种', '信息体裁', '体裁分类'] },
  topics: { label: '主题分类', aliases: ['主题', '信息分类'] },
  keywords: { label: '主题词', aliases: ['关键词', '关键字'] },
  writtenOn: { label: '成文日期', aliases: ['成文时间'] },
  publishedOn: { label: '发布日期', aliases: ['发布时间', '公开日期', '公开时间'] },
  formedOn: { label: '形成日期', aliases: ['形成或变更日期', '形成时间', '生成日期'] },
  attribute: { label: '公开属性', aliases: ['公开方式', '公开类型'] },
  ground: { label: '公开属性依据', aliases: ['不予公开依据', '不公开依据', '公开依据', '依据'] },
  validity: { label: '有效性', aliases: ['效力状态', '时效性'] },
  body: { label: '正文', aliases: ['内容', '正文内容', '全文'] },
  attachments: { label: '附件', aliases: ['附件文件', '附件名称', '附件文件名'] },
};

export const TITLE_MAX = 300;
export const ISSUER_MAX = 200;
export const INDEX_NO_MAX = 100;
export const BODY_MAX = 2_000_000;
export const TOPICS_MAX = 10;
export const KEYWORDS_MAX = 20;
const HEADER_SCAN_ROWS = 10;

export interface ParseOptions {
  /** Today in China (YYYY-MM-DD): no date may lie after it. */
  today: string;
  /** For the plausibility of 文号 years. */
  now?: Date;
}

// ---------------------------------------------------------------------------------------------------
// Cells

type Cell = string | number | Date | null;

function normalizeHeader(s: string): string {
  return s
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '') // 发布机构（单位名称或编码）, 标题(必填)
    .replace(/^\d+[.、]/, '');
}

const HEADER_LOOKUP: Map<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  for (const [field, c] of Object.entries(IMPORT_COLUMNS) as [ImportField, (typeof IMPORT_COLUMNS)[ImportField]][]) {
    for (const name of [c.label, ...c.aliases]) m.set(normalizeHeader(name), field);
  }
  return m;
})();

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  // PostgreSQL cannot store NUL characters: they never mean anything in a sheet.
  if (typeof v === 'string') return v.includes('\u0000') ? v.replace(/\u0000/g, '') : v;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  return String(v);
}

const pad = (n: number) => String(n).padStart(2, '0');

function toHalfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/／/g, '/').replace(/－/g, '-').replace(/．/g, '.');
}

/** An exceljs cell value as text, number or date (rich text, formulas and hyperlinks by their text). */
function excelCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return excelCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return excelCell((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------------
// Dates

export type DateResult = { ok: true; date: string; time: string | null } | { ok: false; message: string } | null;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function fromSerial(serial: number): { date: string; time: string | null } {
  // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included).
  const ms = Math.round(serial * 86_400_000);
  const t = new Date(Date.UTC(1899, 11, 30) + ms);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const secs = t.getUTCHours() * 3600 + t.getUTCMinutes() * 60 + t.getUTCSeconds();
  return { date, time: secs ? `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}` : null };
}

const DATE_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}(?:\.\d+)?)\s*秒?)?\s*分?)?$/;

/**
 * A date cell: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, an Excel date (cell or serial
 * number), optionally with a time (2024-03-01 10:30). null for an empty cell.
 */
export function parseDateCell(v: Cell, column: string): DateResult {
  if (v === null) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, message: `${column}不是有效的日期` };
    // exceljs gives the sheet's wall-clock date and time as UTC.
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const secs = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
    return { ok: true, date, time: secs ? `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}` : null };
  }
  if (typeof v === 'number') {
    if (v > 20_000 && v < 80_000) return { ok: true, ...fromSerial(v) };
    if (Number.isInteger(v) && v > 19_000_000 && v < 30_000_000) return parseDateCell(String(v), column);
    return { ok: false, message: `${column}“${v}”不是日期` };
  }
  const s = toHalfWidth(v).replace(/[\u3000]/g, ' ').trim();
  if (!s) return null;
  let y: number, m: number, d: number;
  let time: string | null = null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const serial = /^\d{5}(\.\d+)?$/.exec(s);
  const match = DATE_RE.exec(s);
  if (compact) [y, m, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
  else if (serial) return parseDateCell(Number(s), column);
  else if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[4] !== undefined) {
      const hh = Number(match[4]);
      const mm = Number(match[5]);
      const ss = Math.floor(Number(match[6] ?? 0));
      if (hh > 23 || mm > 59 || ss > 59) return { ok: false, message: `${column}“${v}”中的时间不正确` };
      time = `${pad(hh)}:${pad(mm)}:${pad(ss)}`;
    }
  } else return { ok: false, message: `${column}“${v}”格式不正确，应如 2024-03-01、2024/3/1 或 2024年3月1日` };
  if (!validYmd(y, m, d)) return { ok: false, message: `${column}“${v}”不是有效的日期` };
  return { ok: true, date: `${y}-${pad(m)}-${pad(d)}`, time };
}

// ---------------------------------------------------------------------------------------------------
// Field values

const GENRE_SYNONYMS: Record<string, Genre> = {
  规范性文件: 'normative_document',
  行政规范性文件: 'normative_document',
  政府规章: 'rule',
  公告: 'announcement',
  公示: 'announcement',
  公告公示: 'announcement',
  通告: 'announcement',
  规划: 'plan',
  计划: 'plan',
  方案: 'plan',
  工作报告: 'report',
  报告: 'report',
  总结: 'report',
  工作总结: 'report',
  统计: 'statistics',
  统计数据: 'statistics',
  预算: 'budget',
  决算: 'budget',
  预决算: 'budget',
  财政预决算: 'budget',
  纪要: 'meeting_minutes',
  人事: 'personnel',
  任免: 'personnel',
  人事任免: 'personnel',
};

const GENRE_LOOKUP: Map<string, Genre> = (() => {
  const m = new Map<string, Genre>();
  for (const g of GENRES) {
    m.set(g, g);
    m.set(GENRE_LABELS[g], g);
  }
  for (const [k, g] of Object.entries(GENRE_SYNONYMS)) m.set(k, g);
  return m;
})();

const ATTRIBUTE_LOOKUP: Record<string, DisclosureAttribute | null> = {
  主动公开: 'proactive',
  主动: 'proactive',
  proactive: 'proactive',
  依申请公开: 'on_request',
  依申请: 'on_request',
  on_request: 'on_request',
  不予公开: 'withheld',
  不公开: 'withheld',
  withheld: 'withheld',
  未认定: null,
  待认定: null,
  '': null,
};

const VALIDITY_LOOKUP: Map<string, Validity> = (() => {
  const m = new Map<string, Validity>();
  for (const v of VALIDITIES) {
    m.set(v, v);
    m.set(VALIDITY_LABELS[v], v);
    m.set(VALIDITY_LABELS[v].replace(/^已/, ''), v);
  }
  m.set('现行有效', 'valid');
  m.set('已修订', 'amended');
  m.set('修订', 'amended');
  return m;
})();

const ARTICLE_RE = /第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+款)?/;
const groundKey = (s: string) => s.replace(/《[^》]*》/g, '').replace(/[\s\u3000：:，,。.、；;（）()“”"'‘’]/g, '');

/** The legal ground of a cell: its code (art14-secret), or its article and text as the regulation words it. */
export function matchGround(text: string): { ok: true; code: string } | { ok: false; message: string } {
  const t = text.trim();
  const byCode = LEGAL_GROUNDS.find((g) => g.code === t.toLowerCase());
  if (byCode) return { ok: true, code: byCode.code };
  const key = groundKey(t);
  const byLabel = LEGAL_GROUNDS.filter((g) => key.includes(groundKey(g.label))).sort((a, b) => b.label.length - a.label.length);
  const article = ARTICLE_RE.exec(t)?.[0];
  if (byLabel[0]) {
    const g = byLabel[0];
    if (article && !g.article.startsWith(article) && !article.startsWith(g.article)) {
      return { ok: false, message: `公开属性依据“${t}”中的条款（${article}）与内容（${g.label}）不符，应为${g.article}` };
    }
    return { ok: true, code: g.code };
  }
  if (article) {
    const candidates = LEGAL_GROUNDS.filter((g) => g.article === article || g.article.startsWith(article));
    if (candidates.length === 1) return { ok: true, code: candidates[0]!.code };
    if (candidates.length > 1) {
      return { ok: false, message: `公开属性依据“${t}”只写了${article}，该条有 ${candidates.length} 项，请写明是哪一项：${candidates.map((g) => g.label).join('；')}` };
    }
  }
  return { ok: false, message: `公开属性依据“${t}”不是条例第十四、十五、十六条中的一项；可填写代码（如 art15-privacy）或条款和内容（如“第十五条 涉及个人隐私……”）` };
}

const TOPICS_BY_LENGTH = [...DEFAULT_TOPICS].sort((a, b) => b.length - a.length);

/** 主题分类 separated by 、 (or ；，): the standard topics that contain 、 themselves are kept whole. */
export function splitTopics(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[;；,，\n]+/)) {
    let rest = part.trim();
    for (const t of TOPICS_BY_LENGTH) {
      if (t.includes('、') && rest.includes(t)) {
        out.push(t);
        rest = rest.split(t).join('、');
      }
    }
    for (const p of rest.split(/[、]+/)) if (p.trim()) out.push(p.trim());
  }
  return [...new Set(out)];
}

/** Attachment file names: separated by ; or 、 (or new lines). */
export function splitFileNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[;；、\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A 索引号 kept from the old system must look like one: 3–100 characters, no spaces, letters, digits and
 * the separators seen in practice (/ - _ . ( )); it must contain a digit.
 */
export function indexNoProblem(s: string): string | null {
  if (s.length > INDEX_NO_MAX) return `索引号“${s.slice(0, 30)}…”过长（不超过 ${INDEX_NO_MAX} 个字符）`;
  if (s.length < 3 || !/^[0-9A-Za-z][0-9A-Za-z/\-_.()]*$/.test(s) || !/\d/.test(s)) {
    return `索引号“${s}”格式不正确：只能由字母、数字和 / - _ . ( ) 组成，如 11340000MB0000000X/2024-00012；不填则自动编号`;
  }
  return null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * The body of an imported record: HTML is sanitised like the console's editor does; plain text becomes one
 * paragraph per line (no HTML parser needed: the fast path of a large import).
 */
export function importBody(raw: string): { html: string; text: string } {
  const s = raw.replace(/\r\n?/g, '\n').trim();
  if (!s) return { html: '', text: '' };
  if (/<[a-zA-Z!/][^>]*>/.test(s)) {
    const html = sanitizeBody(s);
    return { html, text: bodyText(html) };
  }
  const paras = s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { html: paras.map((p) => `<p>${p.replace(/[&<>]/g, (c) => ESCAPES[c]!)}</p>`).join(''), text: paras.join('\n') };
}

// ---------------------------------------------------------------------------------------------------
// Reading the file

interface Table {
  format: 'xlsx' | 'csv';
  encoding?: ParsedImport['encoding'];
  sheetName?: string;
  /** [sheet row number, cells] for every row that has any cell. */
  rows: [number, Cell[]][];
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isCfb = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export class ImportFileError extends Error {}

/** The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which includes GBK). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportFileError('无法读取这个 Excel 文件（.xlsx）：文件可能已损坏或加密，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入');
  }
  // The first sheet whose first rows hold a header; else the first sheet (its missing columns are reported).
  let chosen: { ws: ExcelJS.Worksheet; rows: [number, Cell[]][] } | undefined;
  for (const ws of wb.worksheets) {
    const rows: [number, Cell[]][] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: Cell[] = [];
      const count = Math.min(row.cellCount, 200);
      for (let c = 1; c <= count; c++) cells.push(excelCell(row.getCell(c).value));
      rows.push([n, cells]);
    });
    chosen ??= { ws, rows };
    if (findHeader(rows)) {
      chosen = { ws, rows };
      break;
    }
  }
  if (!chosen) throw new ImportFileError('Excel 文件中没有工作表');
  return { format: 'xlsx', sheetName: chosen.ws.name, rows: chosen.rows };
}

function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeCsv(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportFileError(`CSV 文件格式有误${line ? `（约第 ${line} 行）` : ''}：${(e as Error).message}。请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV 再导入`);
  }
  const rows: [number, Cell[]][] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.length === 1 && r[0] === '') continue;
    rows.push([i + 1, r]);
  }
  return { format: 'csv', encoding, rows };
}

function findHeader(rows: [number, Cell[]][]): { index: number; columns: Map<number, ImportField>; texts: Map<number, string>; duplicates: string[] } | undefined {
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const cells = rows[i]![1];
    const columns = new Map<number, ImportField>();
    const texts = new Map<number, string>();
    const seen = new Set<ImportField>();
    const duplicates: string[] = [];
    cells.forEach((c, idx) => {
      const field = HEADER_LOOKUP.get(normalizeHeader(cellText(c)));
      if (!field) return;
      if (seen.has(field)) {
        duplicates.push(cellText(c).trim());
        return;
      }
      seen.add(field);
      columns.set(idx, field);
      texts.set(idx, cellText(c).trim());
    });
    if (seen.has('title') && seen.has('unit')) return { index: i, columns, texts, duplicates };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Rows

/**
 * Reads the sheet and checks every row: required fields, dates, 文号, dates in order, attribute and its
 * ground, genre, validity, and duplicates of 文号 and 索引号 within the file.
 */
export async function parseImportFile(bytes: Uint8Array, fileName: string, opts: ParseOptions): Promise<ParsedImport> {
  const lower = fileName.toLowerCase();
  let table: Table;
  if (isZip(bytes)) table = await readXlsx(bytes);
  else if (isCfb(bytes) || lower.endsWith('.xls') || lower.endsWith('.et')) {
    throw new ImportFileError('不支持 Excel 97-2003 格式（.xls）：请用 Excel 或 WPS 另存为 .xlsx 或 CSV 后再导入');
  } else if (lower.endsWith('.xlsx')) throw new ImportFileError('这个 .xlsx 文件无法读取（不是有效的 Excel 文件），请检查后重新导入');
  else if (bytes.length === 0) throw new ImportFileError('文件为空');
  else table = readCsv(bytes);
  return checkRows(table, opts);
}

function checkRows(table: Table, opts: ParseOptions): ParsedImport {
  const header = findHeader(table.rows);
  const base = { format: table.format, ...(table.encoding ? { encoding: table.encoding } : {}), ...(table.sheetName ? { sheetName: table.sheetName } : {}) };
  if (!header) {
    const missing = (['title', 'unit'] as const).map((f) => `“${IMPORT_COLUMNS[f].label}”`).join('和');
    return { ...base, headerRow: 0, columns: {}, rows: [], errors: [{ row: 0, column: '', message: `没有找到表头：前 ${HEADER_SCAN_ROWS} 行中须有${missing}等列（列名见导入模板）` }], warnings: [] };
  }
  const headerRow = table.rows[header.index]![0];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  for (const d of header.duplicates) errors.push({ row: headerRow, column: d, message: `表头中“${d}”列重复出现，请只保留一列` });
  const colOf = new Map<ImportField, number>();
  const columns: Partial<Record<ImportField, string>> = {};
  for (const [idx, field] of header.columns) {
    colOf.set(field, idx);
    columns[field] = header.texts.get(idx)!;
  }
  const name = (f: ImportField) => columns[f] ?? IMPORT_COLUMNS[f].label;
  const rows: ImportRow[] = [];
  const docNos = new Map<string, number>();
  const indexNos = new Map<string, number>();
  const maxYear = (opts.now ?? new Date()).getFullYear() + 1;

  for (let i = header.index + 1; i < table.rows.length; i++) {
    const [rowNo, cells] = table.rows[i]!;
    const raw = (f: ImportField): Cell => {
      const idx = colOf.get(f);
      return idx === undefined ? null : (cells[idx] ?? null);
    };
    const text = (f: ImportField) => cellText(raw(f)).replace(/\r\n?/g, '\n').trim();
    if ([...colOf.values()].every((idx) => !cellText(cells[idx] ?? null).trim())) continue; // an empty row
    let ok = true;
    const err = (f: ImportField | '', message: string) => {
      ok = false;
      errors.push({ row: rowNo, column: f ? name(f) : '', message });
    };
    const warn = (f: ImportField, message: string) => warnings.push({ row: rowNo, column: name(f), message });

    const title = text('title').replace(/\s*\n\s*/g, ' ');
    if (!title) err('title', `${name('title')}不能为空`);
    else if (title.length > TITLE_MAX) err('title', `${name('title')}过长（${title.length} 个字，不超过 ${TITLE_MAX} 个字）`);
    const unit = text('unit');
    if (!unit) err('unit', `${name('unit')}不能为空（填写单位全称、简称、别名或编码）`);
    const issuer = text('issuer') || null;
    if (issuer && issuer.length > ISSUER_MAX) err('issuer', `${name('issuer')}过长（不超过 ${ISSUER_MAX} 个字）`);

    let docNo: ImportDocNo | null = null;
    const docNoText = text('docNo');
    if (docNoText) {
      const r = parseDocNo(docNoText, opts.now);
      if (!r.ok) err('docNo', r.message.replace(/^文号/, name('docNo')));
      else {
        docNo = { normalized: r.docNo.normalized, issuerCode: r.docNo.issuerCode, year: r.docNo.year, sequence: r.docNo.sequence };
        const key = `${docNo.issuerCode}\u0000${docNo.year}\u0000${docNo.sequence}`;
        const first = docNos.get(key);
        if (first !== undefined) err('docNo', `${name('docNo')}“${docNo.normalized}”与第${first}行重复（同一发文机关同一年度的文号不能重复）`);
        else docNos.set(key, rowNo);
      }
    }

    let indexNo: string | null = toHalfWidth(text('indexNo')) || null;
    if (indexNo) {
      const p = indexNoProblem(indexNo);
      if (p) {
        err('indexNo', p.replace(/^索引号/, name('indexNo')));
        indexNo = null;
      } else {
        const first = indexNos.get(indexNo);
        if (first !== undefined) err('indexNo', `${name('indexNo')}“${indexNo}”与第${first}行重复（索引号不能重复）`);
        else indexNos.set(indexNo, rowNo);
      }
    }

    let genre: Genre = 'other';
    const genreText = text('genre');
    if (genreText) {
      const g = GENRE_LOOKUP.get(genreText.replace(/\s/g, ''));
      if (g) genre = g;
      else err('genre', `${name('genre')}“${genreText}”不认识，可填写：${GENRES.map((x) => GENRE_LABELS[x]).join('、')}`);
    }

    const topics = splitTopics(text('topics'));
    if (topics.length > TOPICS_MAX) err('topics', `${name('topics')}最多 ${TOPICS_MAX} 个（本行 ${topics.length} 个）`);
    const longTopic = topics.find((t) => t.length > 60);
    if (longTopic) err('topics', `${name('topics')}“${longTopic.slice(0, 20)}…”过长（每个不超过 60 个字）`);
    const keywords = [...new Set(text('keywords').split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean))];
    if (keywords.length > KEYWORDS_MAX) err('keywords', `${name('keywords')}最多 ${KEYWORDS_MAX} 个（本行 ${keywords.length} 个）`);
    const longKeyword = keywords.find((t) => t.length > 40);
    if (longKeyword) err('keywords', `${name('keywords')}“${longKeyword.slice(0, 20)}…”过长（每个不超过 40 个字）`);

    const date = (f: 'writtenOn' | 'publishedOn' | 'formedOn') => {
      const r = parseDateCell(raw(f), name(f));
      if (!r) return null;
      if (!r.ok) {
        err(f, r.message);
        return null;
      }
      const year = Number(r.date.slice(0, 4));
      if (year < 1949 || year > maxYear) {
        err(f, `${name(f)} ${r.date} 不合理（年份应在 1949 至 ${maxYear} 之间）`);
        return null;
      }
      if (r.date > opts.today) {
        err(f, `${name(f)} ${r.date} 晚于今天（${opts.today}），存量信息的日期不能在将来`);
        return null;
      }
      return r;
    };
    const written = date('writtenOn');
    const published = date('publishedOn');
    const formed = date('formedOn');
    const writtenOn = written?.date ?? null;
    const publishedOn = published?.date ?? null;
    if (writtenOn && publishedOn && writtenOn > publishedOn) err('writtenOn', `${name('writtenOn')} ${writtenOn} 晚于${name('publishedOn')} ${publishedOn}`);
    if (formed && writtenOn && formed.date < writtenOn) err('formedOn', `${name('formedOn')} ${formed.date} 早于${name('writtenOn')} ${writtenOn}`);
    const formedOn = formed?.date ?? writtenOn ?? publishedOn ?? '';
    if (!formedOn && !text('writtenOn') && !text('publishedOn') && !text('formedOn')) {
      err('writtenOn', `${name('writtenOn')}、${name('publishedOn')}和${name('formedOn')}至少要填一个`);
    }

    let attribute: DisclosureAttribute | null = null;
    const attrText = text('attribute').replace(/\s/g, '');
    if (Object.hasOwn(ATTRIBUTE_LOOKUP, attrText)) attribute = ATTRIBUTE_LOOKUP[attrText]!;
    else err('attribute', `${name('attribute')}“${attrText}”不认识，应为“主动公开”“依申请公开”“不予公开”或留空（未认定）`);
    let attributeGround: string | null = null;
    const groundText = text('ground');
    if (groundText) {
      const g = matchGround(groundText);
      if (!g.ok) err('ground', g.message.replace(/^公开属性依据/, name('ground')));
      else attributeGround = g.code;
    }
    if (attribute === 'on_request' || attribute === 'withheld') {
      if (!groundText) err('ground', `${name('attribute')}为“${ATTRIBUTE_LABELS[attribute]}”时，${name('ground')}必须填写（条例第十四、十五、十六条中的一项）`);
    } else if (attributeGround) {
      warn('ground', `${name('attribute')}为“${attribute ? ATTRIBUTE_LABELS[attribute] : '未认定'}”，不需要${name('ground')}，已忽略`);
      attributeGround = null;
    }
    if (!attribute && publishedOn) warn('publishedOn', `${name('attribute')}未认定的信息导入为“已审定”，认定为主动公开之前不在门户上公开；${name('publishedOn')}未保存`);

    let validity: Validity | null = hasValidity(genre) ? 'valid' : null;
    const validityText = text('validity').replace(/\s/g, '');
    if (validityText) {
      const v = VALIDITY_LOOKUP.get(validityText);
      if (!v) err('validity', `${name('validity')}“${validityText}”不认识，应为“有效”“已修改”“已废止”或“已失效”`);
      else if (!hasValidity(genre)) warn('validity', `只有行政规范性文件和规章有${name('validity')}，本行体裁为“${GENRE_LABELS[genre]}”，已忽略`);
      else validity = v;
    }

    const body = cellText(raw('body'));
    if (body.length > BODY_MAX) err('body', `${name('body')}过长（不超过 ${BODY_MAX} 个字符）`);
    const attachments = splitFileNames(text('attachments'));
    for (const f of attachments) {
      if (f.includes('..') || /^[/\\]|^[A-Za-z]:/.test(f) || /[\u0000-\u001f]/.test(f)) {
        err('attachments', `${name('attachments')}“${f}”应是附件文件夹中的文件名（不能是绝对路径或含有 ..）`);
      }
    }

    rows.push({
      row: rowNo,
      title,
      unit,
      issuer,
      docNo,
      indexNo,
      genre,
      topics,
      keywords,
      writtenOn,
      publishedOn,
      publishedAt: publishedOn ? new Date(`${publishedOn}T${published?.time ?? '00:00:00'}+08:00`) : null,
      formedOn,
      attribute,
      attributeGround,
      validity,
      body,
      attachments,
      ok,
    });
  }
  if (!rows.length && !errors.length) errors.push({ row: headerRow, column: '', message: '表头下面没有数据行' });
  return { ...base, headerRow, columns, rows, errors, warnings };
}

/** `第N行「列」：message`, the way the command line and the console print a problem. */
export function formatIssue(i: RowIssue): string {
  if (!i.row) return i.message;
  return `第${i.row}行${i.column ? `「${i.column}」` : ''}：${i.message}`;
}
