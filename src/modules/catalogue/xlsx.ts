// 政务公开事项标准目录 as an Excel sheet, in the standard layout (rules/catalogue.md §4.1):
//
//   row 1     title, merged over all columns ("重大建设项目领域政务公开事项标准目录")
//   rows 2–3  序号 | 公开事项 (一级事项, 二级事项) | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
//             公开对象 (全社会, 特定群众) | 公开方式 (主动, 依申请公开) | 公开层级 (县级, 乡级)
//   rows 4–   one item per row; 一级事项 merged over the rows of the same 一级事项; √ in the boolean columns;
//             channels as a checkbox list "■政府网站 □两微一端 … □其他" (or a plain list, see ExportOptions).
//
// The import reads that layout and the variants found in local catalogues: the header is found by looking for
// 一级事项/二级事项 in the first 10 rows and the columns by their header text (extra or reordered columns work;
// a single 公开对象/公开方式/公开层级 column with the words in it works too), merged cells are read as their
// value (a merged 一级事项 applies to every row it covers; a blank 一级事项 under a filled one is carried down),
// √ ✓ ✔ ☑ 是 ● ■ Y mean yes and blank × ✗ 否 □ ☐ N mean no, empty rows and note/section rows are skipped, 序号 is
// optional. Every problem is reported with its row, column and a Chinese message; rows with errors are left out.
import ExcelJS from 'exceljs';
import {
  canonicalChannel,
  createCatalogueItem,
  findDomainInText,
  ITEM_FIELD_LABELS,
  normalizeChannels,
  OTHER_CHANNEL_LABEL,
  PILOT_DOMAINS,
  STANDARD_CHANNELS,
  validateCatalogueItem,
} from '../../core/catalogue/index.ts';
import type { CatalogueItem, CatalogueItemInput } from '../../core/catalogue/index.ts';

export interface ImportIssue {
  /** 1-based row of the sheet (0 when the file itself cannot be read). */
  row: number;
  /** The column's Chinese name (e.g. 公开时限, 公开对象（全社会）); '' for a problem of the whole file. */
  column: string;
  /** Chinese, naming the row and the column, e.g. "第5行（F列）“公开时限”不能为空". */
  message: string;
}

export interface CatalogueImport {
  /** The valid items, in sheet order. */
  items: CatalogueItem[];
  /** Problems that kept a row (or the whole sheet) from being imported. */
  errors: ImportIssue[];
  /** Problems that did not, e.g. a 公开时限 the platform cannot compute due dates from. */
  warnings: ImportIssue[];
  /** The domain named in the title above the header, as written (e.g. "生态环境"). */
  domainName?: string;
  /** The worksheet read. */
  sheetName?: string;
}

export interface ExportOptions {
  /** The title row; default "{domainName}领域政务公开事项标准目录". */
  title?: string;
  /** 'checkbox' (default): "■政府网站 □两微一端 …", as in the standard table; 'list': "政府网站、政务服务中心". */
  channelStyle?: 'checkbox' | 'list';
}

/** Rows read at most (data rows after the header). */
export const MAX_IMPORT_ROWS = 5000;

const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
const CHECKED = '■';
const UNCHECKED = '□';
const TICK = '√';

// ---------------------------------------------------------------------------------------------------
// Channels as text

/** The channels as the cell text: a checkbox list of the standard options (then chosen platforms and 其他), or a plain list. */
export function formatChannels(channels: readonly string[], style: 'checkbox' | 'list' = 'checkbox'): string {
  const normal = normalizeChannels(channels);
  if (style === 'list') return normal.join('、');
  const chosen = new Set(normal);
  const parts: string[] = STANDARD_CHANNELS.map((c) => `${chosen.has(c) ? CHECKED : UNCHECKED}${c}`);
  const others: string[] = [];
  for (const c of normal) {
    if ((STANDARD_CHANNELS as readonly string[]).includes(c)) continue;
    if (canonicalChannel(c)) parts.push(`${CHECKED}${c}`); // a domain platform
    else if (c !== OTHER_CHANNEL_LABEL) others.push(c);
  }
  const otherChosen = others.length > 0 || normal.includes(OTHER_CHANNEL_LABEL);
  parts.push(`${otherChosen ? CHECKED : UNCHECKED}${OTHER_CHANNEL_LABEL}${others.length > 0 ? `：${others.join('、')}` : ''}`);
  return parts.join(' ');
}

const BOX_MARKS = '■□☑☐☒✓✔√';
const BOX_CHOSEN = new Set(['■', '☑', '☒', '✓', '✔', '√']);
const ENTRY_SEPARATORS = /[、，,；;\n]+/;

/** Entries of a "其他：A、B" / "其他（A）" token: ['A', 'B']; a bare 其他 gives ['其他']. */
function otherEntries(token: string): string[] {
  const rest = token
    .replace(/^其他/, '')
    .replace(/^[：:\s]+/, '')
    .replace(/^[（(]|[）)]$/g, '')
    .trim();
  if (!rest) return [OTHER_CHANNEL_LABEL];
  return rest
    .split(ENTRY_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The channels of a cell: a ■/□ checkbox list (only ■ entries kept) or a plain list separated by 、，; or spaces. */
export function parseChannels(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return [];
  const out: string[] = [];
  const addToken = (token: string) => {
    const s = token.trim().replace(/^[、，,；;]+|[、，,；;]+$/g, '').trim();
    if (!s) return;
    if (/^其他/.test(s)) out.push(...otherEntries(s));
    else out.push(s);
  };
  if (new RegExp(`[${BOX_MARKS}]`).test(t)) {
    const re = new RegExp(`([${BOX_MARKS}])\\s*([^${BOX_MARKS}]*)`, 'g');
    for (const m of t.matchAll(re)) {
      if (!BOX_CHOSEN.has(m[1]!)) continue;
      const token = m[2]!.trim().replace(/[、，,；;\s]+$/, '');
      // "■政府网站、政务服务中心" without a box each: a list after one box.
      if (/^其他/.test(token)) addToken(token);
      else for (const part of token.split(ENTRY_SEPARATORS)) addToken(part);
    }
  } else {
    // A plain list. Spaces separate too, unless they sit inside a "其他：…" tail.
    const [head, ...tail] = t.split(/(?=其他[：:（(])/);
    for (const part of (head ?? '').split(/[、，,；;\n\s]+/)) addToken(part);
    for (const part of tail) addToken(part);
  }
  return normalizeChannels(out);
}

// ---------------------------------------------------------------------------------------------------
// Marks

const TRUE_MARKS = new Set(['√', '✓', '✔', '☑', '☒', '是', '●', '■', 'Y', 'YES', 'TRUE', '1', 'V', '有']);
const FALSE_MARKS = new Set(['', '×', '✗', '✘', 'X', '否', '□', '☐', 'N', 'NO', 'FALSE', '0', '-', '—', '－', '/', '／', '无']);

/** true / false for a mark cell; undefined when the text is not a mark. */
export function parseMark(text: string): boolean | undefined {
  const t = text.replace(/[\s\u3000]+/g, '').toUpperCase();
  if (TRUE_MARKS.has(t)) return true;
  if (FALSE_MARKS.has(t)) return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Export

interface ColumnSpec {
  header: string;
  width: number;
  center?: boolean;
}

const COLUMNS: ColumnSpec[] = [
  { header: '序号', width: 6, center: true },
  { header: '一级事项', width: 14, center: true },
  { header: '二级事项', width: 16 },
  { header: '公开内容（要素）', width: 36 },
  { header: '公开依据', width: 36 },
  { header: '公开时限', width: 20 },
  { header: '公开主体', width: 16 },
  { header: '公开渠道和载体', width: 26 },
  { header: '全社会', width: 7, center: true },
  { header: '特定群众', width: 7, center: true },
  { header: '主动', width: 7, center: true },
  { header: '依申请公开', width: 7, center: true },
  { header: '县级', width: 7, center: true },
  { header: '乡级', width: 7, center: true },
];
/** The header groups of row 2: [first column, last column, text] (1-based). Single columns span rows 2–3. */
const HEADER_GROUPS: Array<[number, number, string]> = [
  [2, 3, '公开事项'],
  [9, 10, '公开对象'],
  [11, 12, '公开方式'],
  [13, 14, '公开层级'],
];

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function defaultTitle(domainName: string): string {
  const name = domainName.trim();
  return `${name}${name.endsWith('领域') ? '' : '领域'}政务公开事项标准目录`;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\. */
function sheetNameOf(domainName: string): string {
  const s = domainName.replace(/[[\]:*?/\\]/g, '').trim().slice(0, 31);
  return s || '标准目录';
}

/** The catalogue of one domain as an .xlsx file in the standard layout. */
export async function exportCatalogueXlsx(domainName: string, items: readonly CatalogueItem[], options: ExportOptions = {}): Promise<Buffer> {
  const style = options.channelStyle ?? 'checkbox';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet(sheetNameOf(domainName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:3' },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = COLUMNS.length;

  // Title.
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = options.title ?? defaultTitle(domainName);
  title.font = { name: TITLE_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 36;

  // Header, two rows.
  const headerCell = (r: number, c: number, text: string) => {
    const cell = ws.getCell(r, c);
    cell.value = text;
    cell.font = { name: TITLE_FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  };
  const grouped = new Set<number>();
  for (const [a, b, text] of HEADER_GROUPS) {
    for (let c = a; c <= b; c++) {
      grouped.add(c);
      headerCell(3, c, COLUMNS[c - 1]!.header);
      headerCell(2, c, text);
    }
    ws.mergeCells(2, a, 2, b);
  }
  for (let c = 1; c <= last; c++) {
    if (grouped.has(c)) continue;
    headerCell(2, c, COLUMNS[c - 1]!.header);
    headerCell(3, c, COLUMNS[c - 1]!.header);
    ws.mergeCells(2, c, 3, c);
  }
  ws.getRow(2).height = 22;
  ws.getRow(3).height = 30;

  // Items.
  const first = 4;
  items.forEach((item, i) => {
    const values: Array<string | number> = [
      item.seq,
      item.level1,
      item.level2,
      item.content,
      item.basis,
      item.timeLimitText,
      item.responsibleText,
      formatChannels(item.channels, style),
      item.audiencePublic ? TICK : '',
      item.audienceSpecific ? TICK : '',
      item.modeProactive ? TICK : '',
      item.modeRequest ? TICK : '',
      item.levelCounty ? TICK : '',
      item.levelTownship ? TICK : '',
    ];
    const row = ws.getRow(first + i);
    values.forEach((v, k) => {
      const cell = row.getCell(k + 1);
      cell.value = v === '' ? null : v;
      cell.font = { name: BODY_FONT, size: 10 };
      cell.alignment = { horizontal: COLUMNS[k]!.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  });
  // 一级事项 merged over consecutive rows of the same 一级事项.
  let runStart = 0;
  for (let i = 1; i <= items.length; i++) {
    const same = i < items.length && items[i]!.level1 !== '' && items[i]!.level1 === items[runStart]!.level1;
    if (same) continue;
    if (i - 1 > runStart) ws.mergeCells(first + runStart, 2, first + i - 1, 2);
    runStart = i;
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------------
// Import

type Field =
  | 'seq'
  | 'level1'
  | 'level2'
  | 'content'
  | 'basis'
  | 'timeLimitText'
  | 'responsibleText'
  | 'channels'
  | 'audiencePublic'
  | 'audienceSpecific'
  | 'modeProactive'
  | 'modeRequest'
  | 'levelCounty'
  | 'levelTownship'
  | 'audienceText'
  | 'modeText'
  | 'levelText';

/** Patterns on a sub-header (row with 一级事项): the columns under a group header. */
const SUB_PATTERNS: Array<[Field, RegExp]> = [
  ['level1', /一级(?:事项)?/],
  ['level2', /二级(?:事项)?/],
  ['audiencePublic', /全社会/],
  ['audienceSpecific', /特定(?:群众|群体|对象|人群)/],
  ['modeRequest', /依申请/],
  ['modeProactive', /^主动(?:公开)?$/],
  ['levelCounty', /^县(?:（[^）]*）)?级$|^县区级$|^县级公开$/],
  ['levelTownship', /^(?:乡|镇|乡镇|乡（镇）|乡镇（街道）|乡（镇、街道）)级(?:公开)?$|^乡镇（街道）$/],
];
/** Patterns of single columns (on the sub-header, else on the group header above it). */
const SINGLE_PATTERNS: Array<[Field, RegExp]> = [
  ['seq', /^(?:序号|编号|序列号)$/],
  ['content', /公开内容/],
  ['basis', /公开依据|依据/],
  ['timeLimitText', /公开时限|时限/],
  ['responsibleText', /公开主体|责任主体|责任单位/],
  ['channels', /渠道|载体/],
  ['audienceText', /^公开对象$/],
  ['modeText', /^公开方式$/],
  ['levelText', /^公开层级$/],
];

const FIELD_LABEL: Record<Field, string> = {
  seq: ITEM_FIELD_LABELS.seq,
  level1: ITEM_FIELD_LABELS.level1,
  level2: ITEM_FIELD_LABELS.level2,
  content: ITEM_FIELD_LABELS.content,
  basis: ITEM_FIELD_LABELS.basis,
  timeLimitText: ITEM_FIELD_LABELS.timeLimitText,
  responsibleText: ITEM_FIELD_LABELS.responsibleText,
  channels: ITEM_FIELD_LABELS.channels,
  audiencePublic: ITEM_FIELD_LABELS.audiencePublic,
  audienceSpecific: ITEM_FIELD_LABELS.audienceSpecific,
  modeProactive: ITEM_FIELD_LABELS.modeProactive,
  modeRequest: ITEM_FIELD_LABELS.modeRequest,
  levelCounty: ITEM_FIELD_LABELS.levelCounty,
  levelTownship: ITEM_FIELD_LABELS.levelTownship,
  audienceText: '公开对象',
  modeText: '公开方式',
  levelText: '公开层级',
};

function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

function matchField(text: string, patterns: Array<[Field, RegExp]>): Field | undefined {
  const k = headerKey(text);
  if (!k) return undefined;
  for (const [f, re] of patterns) if (re.test(k)) return f;
  return undefined;
}

/** The text of a cell value (rich text, formulas, hyperlinks, dates as 2026年6月30日). */
function valueText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return valueText((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

const cleanText = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+$/g, ''))
    .join('\n')
    .trim();

interface SheetReader {
  ws: ExcelJS.Worksheet;
  text(r: number, c: number): string;
  /** True for a cell that is part of a merge but not its top-left cell. */
  isSlave(r: number, c: number): boolean;
  /** Columns a master cell spans to the right. */
  spanRight(r: number, c: number): number;
  /** The last column holding a value (at most MAX_IMPORT_COLUMNS). */
  lastColumn: number;
  /** The rows holding a value (merged cells included), ascending: rows only formatted are not visited. */
  rows: number[];
}

/** Columns read at most: a catalogue has 14; sheets formatted out to column XFD are not walked to the end. */
export const MAX_IMPORT_COLUMNS = 100;

function reader(ws: ExcelJS.Worksheet): SheetReader {
  const cell = (r: number, c: number) => ws.getRow(r).getCell(c);
  let lastColumn = 0;
  const rows: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    rows.push(n);
    row.eachCell({ includeEmpty: false }, (_c, col) => {
      if (col > lastColumn) lastColumn = col;
    });
  });
  rows.sort((a, b) => a - b);
  lastColumn = Math.min(lastColumn, MAX_IMPORT_COLUMNS);
  return {
    ws,
    text: (r, c) => cleanText(valueText(cell(r, c).value)),
    isSlave: (r, c) => {
      const x = cell(r, c);
      return x.type === ExcelJS.ValueType.Merge && x.master !== x;
    },
    spanRight: (r, c) => {
      const master = cell(r, c);
      let n = 1;
      while (c + n <= lastColumn && cell(r, c + n).type === ExcelJS.ValueType.Merge && cell(r, c + n).master === master) n++;
      return n;
    },
    lastColumn,
    rows,
  };
}

/** The header row (with 一级事项/二级事项) in the first 10 rows, or 0. */
function findHeaderRow(s: SheetReader): number {
  for (const r of s.rows) {
    if (r > 10) break;
    for (let c = 1; c <= s.lastColumn; c++) {
      const k = headerKey(s.text(r, c));
      if (k.includes('一级事项') || k.includes('二级事项')) return r;
    }
  }
  return 0;
}

/** Column letter(s) of a 1-based column. */
function columnLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function mapColumns(s: SheetReader, headerRow: number): Map<Field, number> {
  const map = new Map<Field, number>();
  // The row above is a group header unless it is a title (one text over the whole row) or absent.
  let groupRow = headerRow - 1;
  if (groupRow >= 1) {
    const texts = new Set<string>();
    for (let c = 1; c <= s.lastColumn; c++) {
      const t = s.text(groupRow, c);
      if (t) texts.add(t);
    }
    if (texts.size <= 1) groupRow = 0;
  }
  for (let c = 1; c <= s.lastColumn; c++) {
    const sub = s.text(headerRow, c);
    const group = groupRow >= 1 ? s.text(groupRow, c) : '';
    const field = matchField(sub, SUB_PATTERNS) ?? matchField(sub, SINGLE_PATTERNS) ?? (sub ? undefined : matchField(group, SINGLE_PATTERNS));
    if (field && !map.has(field)) map.set(field, c);
  }
  return map;
}

/** The domain named in the title rows above the header: "示范县生态环境领域基层政务公开标准目录" → "生态环境". */
export function domainNameFromTitle(title: string): string | undefined {
  const t = headerKey(title);
  if (!t) return undefined;
  const stem = t.replace(/(?:领域)?(?:基层)?(?:政务公开|政府信息公开)?(?:事项)?(?:标准化?)?(?:目录|清单)(?:（[^）]*）)?$/, '');
  const known = findDomainInText(stem, PILOT_DOMAINS);
  if (known) {
    const at = stem.lastIndexOf(known.matched);
    if (at >= 0 && at + known.matched.length === stem.length) return known.matched;
  }
  if (!t.includes('领域')) return known?.matched;
  const beforeDomain = t.slice(0, t.indexOf('领域'));
  // Strip a place name ("示范县", "锡林浩特市", "青山镇人民政府") when at least two characters precede its suffix.
  const place = /^.{2,}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道)(?:人民政府|政府)?/.exec(beforeDomain);
  const rest = place && beforeDomain.length - place[0].length >= 2 ? beforeDomain.slice(place[0].length) : beforeDomain;
  return rest || undefined;
}

/** The catalogue items of an .xlsx file: the first worksheet with a header row is read. */
export async function importCatalogueXlsx(data: Buffer | Uint8Array | ArrayBuffer): Promise<CatalogueImport> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    const buf = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return { items: [], errors: [{ row: 0, column: '', message: '文件无法读取，请上传 Excel（.xlsx）格式的标准目录' }], warnings };
  }

  let sheet: SheetReader | undefined;
  let headerRow = 0;
  for (const ws of wb.worksheets) {
    const s = reader(ws);
    const r = findHeaderRow(s);
    if (r > 0) {
      sheet = s;
      headerRow = r;
      break;
    }
  }
  if (!sheet) {
    return { items: [], errors: [{ row: 0, column: '', message: '未找到表头：各工作表的前10行中都没有“一级事项”或“二级事项”' }], warnings };
  }
  const s = sheet;
  const result: CatalogueImport = { items: [], errors, warnings, sheetName: s.ws.name };

  // Title above the header.
  for (let r = 1; r < headerRow && result.domainName === undefined; r++) {
    for (let c = 1; c <= s.lastColumn; c++) {
      const t = s.text(r, c);
      if (!t) continue;
      const name = domainNameFromTitle(t);
      if (name) result.domainName = name;
      break;
    }
  }

  const cols = mapColumns(s, headerRow);
  const missing: string[] = [];
  const need = (ok: boolean, label: string) => ok || missing.push(label);
  need(cols.has('level1'), '一级事项');
  need(cols.has('level2'), '二级事项');
  need(cols.has('content'), '公开内容（要素）');
  need(cols.has('timeLimitText'), '公开时限');
  need(cols.has('responsibleText'), '公开主体');
  need(cols.has('channels'), '公开渠道和载体');
  need(cols.has('audiencePublic') || cols.has('audienceSpecific') || cols.has('audienceText'), '公开对象');
  need(cols.has('modeProactive') || cols.has('modeRequest') || cols.has('modeText'), '公开方式');
  for (const label of missing) {
    errors.push({ row: headerRow, column: label, message: `第${headerRow}行（表头）：未找到“${label}”列` });
  }
  if (missing.length > 0) return result;

  const mappedColumns = [...new Set(cols.values())];
  const at = (field: Field) => cols.get(field);
  const letterOf = (field: Field) => {
    const c = at(field);
    return c === undefined ? '' : `（${columnLetter(c)}列）`;
  };
  const issue = (row: number, field: Field, message: string): ImportIssue => ({
    row,
    column: FIELD_LABEL[field],
    message: `第${row}行${letterOf(field)}${message}`,
  });

  interface Pending {
    row: number;
    item: CatalogueItem;
    seqCell: number | undefined;
    failed: boolean;
  }
  const pending: Pending[] = [];
  let previousLevel1 = '';
  let dataRows = 0;

  for (const r of s.rows) {
    if (r <= headerRow) continue;
    // Skip rows with nothing of their own (empty, or only covered by merges from above).
    const own: Array<{ c: number; t: string }> = [];
    for (let c = 1; c <= s.lastColumn; c++) {
      if (s.isSlave(r, c)) continue;
      const t = s.text(r, c);
      if (t) own.push({ c, t });
    }
    if (own.length === 0) continue;
    if (own.length === 1) {
      const only = own[0]!;
      // A note under the table, or a section heading ("一、环境质量", or any text merged across the row).
      if (/^(?:注|备注|说明|填表|制表|审核|联系)/.test(only.t) || /^[一二三四五六七八九十]+[、.．]/.test(only.t) || s.spanRight(r, only.c) >= 3) continue;
    }
    // A row of column numbers under the header (1 2 3 …).
    if (r === headerRow + 1 && own.length >= 3 && own.every((o, i) => o.t === String(Number(own[0]!.t) + i))) continue;
    if (!own.some((o) => mappedColumns.includes(o.c))) continue; // only text in unmapped columns: not an item

    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) {
      errors.push({ row: r, column: '', message: `第${r}行：一次最多导入${MAX_IMPORT_ROWS}条事项，其后的行未导入` });
      break;
    }

    const rowErrors: ImportIssue[] = [];
    const text = (field: Field) => {
      const c = at(field);
      return c === undefined ? '' : s.text(r, c);
    };
    const mark = (field: Field): boolean => {
      const c = at(field);
      if (c === undefined) return false;
      const t = s.text(r, c);
      const v = parseMark(t);
      if (v === undefined) {
        rowErrors.push(issue(r, field, `“${FIELD_LABEL[field]}”无法识别“${t.slice(0, 20)}”，应填√（是）或留空（否）`));
        return false;
      }
      return v;
    };

    let level1 = text('level1');
    if (!level1 && previousLevel1) level1 = previousLevel1; // merged or left blank under the one above
    if (level1) previousLevel1 = level1;

    let audiencePublic = mark('audiencePublic');
    let audienceSpecific = mark('audienceSpecific');
    if (at('audienceText') !== undefined && at('audiencePublic') === undefined && at('audienceSpecific') === undefined) {
      const t = text('audienceText');
      audiencePublic = /全社会|社会公众|公众/.test(t);
      audienceSpecific = /特定/.test(t);
      if (t && !audiencePublic && !audienceSpecific) rowErrors.push(issue(r, 'audienceText', `“公开对象”无法识别“${t.slice(0, 20)}”，应为全社会或特定群众`));
    }
    let modeProactive = mark('modeProactive');
    let modeRequest = mark('modeRequest');
    if (at('modeText') !== undefined && at('modeProactive') === undefined && at('modeRequest') === undefined) {
      const t = text('modeText');
      modeProactive = /主动/.test(t);
      modeRequest = /依申请/.test(t);
      if (t && !modeProactive && !modeRequest) rowErrors.push(issue(r, 'modeText', `“公开方式”无法识别“${t.slice(0, 20)}”，应为主动或依申请公开`));
    }
    let levelCounty = mark('levelCounty');
    let levelTownship = mark('levelTownship');
    if (at('levelText') !== undefined && at('levelCounty') === undefined && at('levelTownship') === undefined) {
      const t = text('levelText');
      levelCounty = /县/.test(t);
      levelTownship = /乡|镇|街道/.test(t);
      if (t && !levelCounty && !levelTownship) rowErrors.push(issue(r, 'levelText', `“公开层级”无法识别“${t.slice(0, 20)}”，应为县级或乡级`));
    }

    const seqText = at('seq') !== undefined && !s.isSlave(r, at('seq')!) ? text('seq') : '';
    const seqCell = /^\d{1,6}$/.test(seqText) && !/^0\d/.test(seqText) && Number(seqText) > 0 ? Number(seqText) : undefined;

    const input: CatalogueItemInput = {
      seq: pending.length + 1,
      level1,
      level2: text('level2'),
      content: text('content'),
      basis: text('basis'),
      timeLimitText: text('timeLimitText'),
      responsibleText: text('responsibleText'),
      channels: parseChannels(text('channels')),
      audiencePublic,
      audienceSpecific,
      modeProactive,
      modeRequest,
      levelCounty,
      levelTownship,
    };
    const item = createCatalogueItem(input);
    for (const v of validateCatalogueItem(item)) {
      if (v.field === 'seq') continue; // assigned below
      let entry: ImportIssue;
      if (v.field === 'audiencePublic' || v.field === 'modeProactive') {
        // "至少选择一项": the group, located at its first column in the sheet.
        const group: Field[] = v.field === 'audiencePublic' ? ['audiencePublic', 'audienceSpecific', 'audienceText'] : ['modeProactive', 'modeRequest', 'modeText'];
        entry = issue(r, group.find((f) => at(f) !== undefined) ?? group[0]!, v.message);
        entry.column = v.field === 'audiencePublic' ? '公开对象' : '公开方式';
      } else {
        entry = issue(r, v.field === 'timeLimitRule' ? 'timeLimitText' : v.field, v.message);
      }
      if (v.severity === 'error') rowErrors.push(entry);
      else warnings.push(entry);
    }
    errors.push(...rowErrors);
    pending.push({ row: r, item, seqCell, failed: rowErrors.length > 0 });
  }

  // 序号: the sheet's numbers when every row has its own and they are distinct; else the row order.
  const numbers = pending.map((p) => p.seqCell);
  const useSheet = numbers.length > 0 && numbers.every((n) => n !== undefined) && new Set(numbers).size === numbers.length;
  pending.forEach((p, i) => {
    p.item.seq = useSheet ? p.seqCell! : i + 1;
  });
  result.items = pending.filter((p) => !p.failed).map((p) => p.item);
  if (pending.length === 0 && errors.length === 0) {
    warnings.push({ row: headerRow, column: '', message: `第${headerRow}行（表头）之后没有事项` });
  }
  return result;
}
