// What an uploaded file really is, decided by its content and never by its name: government records
// are published to the public, so an executable named 公告.pdf, a macro-laden spreadsheet or an HTML page
// with scripts must never get through. The accepted kinds are the ones a record's attachments need:
// PDF, Word and Excel (current and 97-2003 formats) and common images. Everything else is refused with a
// Chinese message that names the file and says what to do instead.
import { fileTypeFromBuffer } from 'file-type';
import { isCfb, readCfb } from './cfb.ts';
import { listZip, looksLikeZip, readZipEntry, type ZipListing } from './zip.ts';

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'png' | 'jpeg' | 'gif' | 'webp';

export type UploadRefusalCode =
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE'
  | 'FILE_ARCHIVE'
  | 'FILE_EXECUTABLE'
  | 'FILE_SCRIPT'
  | 'FILE_MACRO'
  | 'FILE_ENCRYPTED'
  | 'FILE_CORRUPT'
  | 'FILE_UNSUPPORTED';

export type UploadClassification =
  | { ok: true; kind: FileKind; mime: string; ext: string; nameMatches: boolean }
  | { ok: false; code: UploadRefusalCode; message: string };

export const FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg', 'gif', 'webp'];

export const KIND_INFO: Record<FileKind, { mime: string; ext: string; label: string; names: readonly string[] }> = {
  pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档', names: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word 文档（.docx）', names: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', label: 'Excel 表格（.xlsx）', names: ['xlsx'] },
  // WPS Office saves its own .wps/.et files in the same binary formats as Word/Excel 97-2003.
  doc: { mime: 'application/msword', ext: 'doc', label: 'Word 97-2003 文档（.doc）', names: ['doc', 'wps'] },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls', label: 'Excel 97-2003 表格（.xls）', names: ['xls', 'et'] },
  png: { mime: 'image/png', ext: 'png', label: 'PNG 图片', names: ['png'] },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片', names: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  gif: { mime: 'image/gif', ext: 'gif', label: 'GIF 图片', names: ['gif'] },
  webp: { mime: 'image/webp', ext: 'webp', label: 'WebP 图片', names: ['webp'] },
};

export const ACCEPTED_TYPES_TEXT = 'PDF、Word（.docx、.doc）、Excel（.xlsx、.xls）和图片（PNG、JPEG、GIF、WebP）';

/** The file name as shown in messages: without a client's folder path, control characters, or excess length. */
export function displayName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!base) return '（未命名文件）';
  return base.length > 80 ? base.slice(0, 60) + '…' + base.slice(-16) : base;
}

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot < 0 || dot === base.length - 1 ? '' : base.slice(dot + 1).trim().toLowerCase();
}

const MB = 1024 * 1024;
/** Megabytes with at most one decimal: 50, 1.5, 0.3. */
const mb = (bytes: number) => String(Math.round((bytes / MB) * 10) / 10);

/** Size check, done by the caller with the configured UPLOAD_MAX_BYTES: `null` when the size is fine. */
export function sizeProblem(size: number, max: number, fileName?: string): { code: 'FILE_EMPTY' | 'FILE_TOO_LARGE'; message: string } | null {
  const who = fileName === undefined ? '' : `「${displayName(fileName)}」`;
  if (size <= 0) return { code: 'FILE_EMPTY', message: `${who}文件为空（0 字节），请检查后重新选择文件上传。` };
  if (size > max) {
    const shown = mb(size) === mb(max) ? `${size} 字节` : `${mb(size)} MB`;
    return { code: 'FILE_TOO_LARGE', message: `${who}文件太大（${shown}），单个文件不能超过 ${mb(max)} MB。请压缩图片或拆分文件后重新上传。` };
  }
  return null;
}

/** The message for an accepted kind whose file name says something else (e.g. a PDF named 通知.docx). */
export function mismatchMessage(fileName: string, kind: FileKind): string {
  const info = KIND_INFO[kind];
  const ext = extensionOf(fileName);
  const name = displayName(fileName);
  const said = ext ? `扩展名是 .${ext}` : '没有扩展名';
  return `文件「${name}」${said}，但内容是${info.label}，两者不符。请确认选择的文件正确，并把扩展名改为 .${info.ext} 后重新上传。`;
}

function refuse(code: UploadRefusalCode, message: string): UploadClassification {
  return { ok: false, code, message };
}

function accept(kind: FileKind, fileName: string): UploadClassification {
  const info = KIND_INFO[kind];
  return { ok: true, kind, mime: info.mime, ext: info.ext, nameMatches: info.names.includes(extensionOf(fileName)) };
}

const refusals = {
  empty: (n: string) => refuse('FILE_EMPTY', `「${n}」文件为空（0 字节），请检查后重新选择文件上传。`),
  archive: (n: string, what: string) =>
    refuse('FILE_ARCHIVE', `「${n}」是压缩包（${what}），系统不接受压缩包。请解压后，把其中的文件逐个上传（支持 ${ACCEPTED_TYPES_TEXT}）。`),
  executable: (n: string, what: string) => refuse('FILE_EXECUTABLE', `「${n}」是可执行程序或安装包（${what}），出于安全原因不能上传。`),
  script: (n: string, what: string) =>
    refuse('FILE_SCRIPT', `「${n}」是网页或脚本文件（${what}），可能包含会被执行的脚本，出于安全原因不能上传。请转换为 PDF 后再上传。`),
  macro: (n: string, what: string) =>
    refuse('FILE_MACRO', `「${n}」包含宏（${what}），出于安全原因不能上传。请在 Office 或 WPS 中另存为不含宏的 .docx 或 .xlsx 文件后再上传。`),
  encrypted: (n: string) =>
    refuse('FILE_ENCRYPTED', `「${n}」设置了打开密码（已加密），系统无法检查和公开其内容。请取消密码后重新保存，再上传。`),
  corrupt: (n: string) => refuse('FILE_CORRUPT', `「${n}」已损坏或无法读取。请用原软件打开确认无误、重新保存后再上传。`),
  unsupported: (n: string, what: string | undefined) =>
    refuse('FILE_UNSUPPORTED', `「${n}」的文件类型${what ? `（${what}）` : ''}不支持上传。可以上传 ${ACCEPTED_TYPES_TEXT}。`),
};

const ARCHIVES: Record<string, string> = {
  zip: 'ZIP', rar: 'RAR', '7z': '7z', tar: 'TAR', gz: 'GZIP', 'tar.gz': 'GZIP', bz2: 'BZIP2', xz: 'XZ', zst: 'Zstandard', lz: 'LZIP',
  lz4: 'LZ4', lzh: 'LZH', arj: 'ARJ', cab: 'CAB', Z: 'Z', cpio: 'CPIO', ar: 'AR', ace: 'ACE', asar: 'ASAR', dmg: 'DMG 磁盘映像',
};
const EXECUTABLES: Record<string, string> = {
  exe: 'Windows 程序', elf: 'Linux 程序', macho: 'macOS 程序', class: 'Java 类文件', jar: 'Java 程序包', apk: 'Android 安装包',
  xpi: '浏览器扩展', crx: '浏览器扩展', wasm: 'WebAssembly', deb: 'Debian 安装包', rpm: 'RPM 安装包', lnk: 'Windows 快捷方式',
  chm: '编译的 HTML 帮助文件', swf: 'Flash 程序', reg: 'Windows 注册表文件',
};
const OTHER_TYPES: Record<string, string> = {
  pptx: 'PowerPoint 演示文稿', ppsx: 'PowerPoint 演示文稿', potx: 'PowerPoint 模板', odt: 'OpenDocument 文档', ods: 'OpenDocument 表格',
  odp: 'OpenDocument 演示文稿', epub: 'EPUB 电子书', rtf: 'RTF 文档', tif: 'TIFF 图片', bmp: 'BMP 图片', heic: 'HEIC 图片', avif: 'AVIF 图片',
  mp3: '音频', mp4: '视频', mov: '视频', avi: '视频', wav: '音频', ps: 'PostScript', psd: 'Photoshop 文件', xml: 'XML',
};

const CONTENT_TYPE_KIND: [RegExp, 'docx' | 'xlsx' | 'macro' | 'other', string][] = [
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.(document|template)\.main\+xml$/, 'docx', ''],
  [/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.(sheet|template)\.main\+xml$/, 'xlsx', ''],
  [/^application\/vnd\.ms-word\.(document|template)\.macroenabled(template)?\.main\+xml$/i, 'macro', 'Word 启用宏的文档'],
  [/^application\/vnd\.ms-excel\.(sheet|template|addin)\.macroenabled\.main\+xml$/i, 'macro', 'Excel 启用宏的工作簿'],
  [/^application\/vnd\.ms-excel\.sheet\.binary\.macroenabled\.main$/i, 'other', 'Excel 二进制工作簿（.xlsb）'],
  [/^application\/vnd\.(openxmlformats-officedocument\.presentationml|ms-powerpoint)\./i, 'other', 'PowerPoint 演示文稿'],
];

/** A part name of [Content_Types].xml ("/word/document.xml") as a ZIP entry name. */
function partPath(partName: string): string {
  const path = partName.replace(/^\//, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function classifyZip(bytes: Uint8Array, fileName: string, name: string): UploadClassification {
  const listing: ZipListing | undefined = listZip(bytes);
  if (!listing) return refusals.corrupt(name);
  const names = listing.entries.map((e) => e.name);
  const lowerNames = new Set(names.map((n) => n.toLowerCase()));
  const has = (n: string) => lowerNames.has(n.toLowerCase()); // OPC part names are case-insensitive
  if (names.some((n) => /^META-INF\/MANIFEST\.MF$/i.test(n) || /^META-INF\/mozilla\.rsa$/i.test(n))) return refusals.executable(name, 'Java 程序包或浏览器扩展');
  if (names.some((n) => /^classes\d*\.dex$/.test(n) || n === 'AndroidManifest.xml')) return refusals.executable(name, 'Android 安装包');
  if (names.some((n) => /^Payload\/[^/]+\.app\//.test(n))) return refusals.executable(name, 'iOS 安装包');
  const contentTypes = listing.entries.find((e) => e.name === '[Content_Types].xml');
  if (contentTypes) {
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return refusals.macro(name, 'VBA 代码');
    const xml = readZipEntry(bytes, contentTypes, 1024 * 1024);
    if (!xml) return refusals.corrupt(name);
    const text = new TextDecoder('utf-8').decode(xml);
    if (/application\/vnd\.ms-office\.vbaProject/i.test(text)) return refusals.macro(name, 'VBA 代码');
    // Which part is the main document, and of which kind.
    for (const m of text.matchAll(/<Override\b[^>]*>/g)) {
      const partName = /PartName\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1];
      const type = /ContentType\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1]?.trim();
      if (!partName || !type) continue;
      const hit = CONTENT_TYPE_KIND.find(([re]) => re.test(type));
      if (!hit) continue;
      const [, kind, what] = hit;
      if (kind === 'macro') return refusals.macro(name, what);
      if (kind === 'other') return refusals.unsupported(name, what);
      if (!has(partPath(partName))) return refusals.corrupt(name);
      return accept(kind, fileName);
    }
    // Content types without an override for the main part: fall back on the conventional part names.
    if (has('word/document.xml')) return accept('docx', fileName);
    if (has('xl/workbook.xml')) return accept('xlsx', fileName);
    return refusals.unsupported(name, 'Office Open XML 文件');
  }
  const mimetype = listing.entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const type = new TextDecoder().decode(readZipEntry(bytes, mimetype, 1024) ?? new Uint8Array()).trim();
    if (type.startsWith('application/vnd.oasis.opendocument.')) return refusals.unsupported(name, 'OpenDocument（ODF）文档，请另存为 .docx 或 .xlsx');
    if (type === 'application/epub+zip') return refusals.unsupported(name, 'EPUB 电子书');
  }
  if (has('OFD.xml')) return refusals.unsupported(name, 'OFD 版式文档，请转换为 PDF');
  return refusals.archive(name, 'ZIP');
}

function classifyCfb(bytes: Uint8Array, fileName: string, name: string): UploadClassification {
  const cfb = readCfb(bytes);
  if (!cfb) return refusals.corrupt(name);
  // Windows Installer packages (.msi, .msp, .mst) have root CLSIDs 000C108x-0000-0000-C000-000000000046.
  if (/^000C108[0-9A-F]-0000-0000-C000-000000000046$/.test(cfb.rootClsid)) return refusals.executable(name, 'Windows 安装包');
  // Password-protected .docx/.xlsx are CFB containers holding the encrypted package.
  if (cfb.has('EncryptionInfo') && cfb.has('EncryptedPackage')) return refusals.encrypted(name);
  if (cfb.has('_VBA_PROJECT')) return refusals.macro(name, 'VBA 代码');
  if (cfb.has('WordDocument')) {
    const fib = cfb.readStream('WordDocument', 64);
    if (!fib || fib.length < 12) return refusals.corrupt(name);
    const flags = fib[10]! | (fib[11]! << 8);
    if (flags & 0x0100) return refusals.encrypted(name); // fEncrypted
    return accept('doc', fileName);
  }
  const book = cfb.has('Workbook') ? 'Workbook' : cfb.has('Book') ? 'Book' : undefined;
  if (book) {
    const head = cfb.readStream(book, 64 * 1024);
    if (!head || head.length < 4) return refusals.corrupt(name);
    // BIFF records of the workbook globals: a FILEPASS record (0x002F) before EOF (0x000A) means encryption.
    for (let p = 0; p + 4 <= head.length; ) {
      const type = head[p]! | (head[p + 1]! << 8);
      const len = head[p + 2]! | (head[p + 3]! << 8);
      if (type === 0x002f) return refusals.encrypted(name);
      if (type === 0x000a) break;
      p += 4 + len;
    }
    return accept('xls', fileName);
  }
  if (cfb.has('PowerPoint Document')) return refusals.unsupported(name, 'PowerPoint 97-2003 演示文稿');
  if (cfb.has('__properties_version1.0')) return refusals.unsupported(name, 'Outlook 邮件');
  return refusals.unsupported(name, 'OLE 复合文档');
}

/** A short look at text content: is this a web page, SVG or script? */
function scriptKind(bytes: Uint8Array, fileName: string): string | undefined {
  let head = bytes.subarray(0, 4096);
  let encoding = 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  if (encoding !== 'utf-8') head = head.subarray(2);
  const text = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '').trimStart();
  const lower = text.toLowerCase();
  if (text.startsWith('#!')) return '脚本';
  if (/<svg[\s>]/.test(lower) || lower.startsWith('<!doctype svg')) return 'SVG 图像';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|script|iframe|meta|title|style|link|object|embed|form|div|a|img)[\s>]/.test(lower)) return 'HTML 网页';
  if (/<script[\s>]/.test(lower)) return 'HTML 网页';
  if (/^@echo\s+off/i.test(text)) return 'Windows 批处理脚本';
  const ext = extensionOf(fileName);
  const byName: Record<string, string> = {
    js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', vbs: 'VBScript', vbe: 'VBScript', wsf: 'Windows 脚本', hta: 'HTML 应用',
    ps1: 'PowerShell 脚本', bat: 'Windows 批处理脚本', cmd: 'Windows 批处理脚本', sh: '脚本', py: 'Python 脚本', php: 'PHP 脚本',
    jsp: 'JSP 网页', asp: 'ASP 网页', aspx: 'ASP.NET 网页', htm: 'HTML 网页', html: 'HTML 网页', xhtml: 'HTML 网页', shtml: 'HTML 网页',
    svg: 'SVG 图像', mht: 'MHT 网页', mhtml: 'MHT 网页',
  };
  return byName[ext];
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

/** Where "%PDF-" starts within the first KiB (readers accept a little junk before the header). */
function pdfHeaderAt(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return i;
  }
  return -1;
}

/**
 * Decides what an upload is from its bytes. Accepted kinds come with `nameMatches` (the caller refuses
 * a mismatch with `mismatchMessage`); everything else is refused with a Chinese message naming the file.
 * The size limit is the caller's (see `sizeProblem`).
 */
export async function classifyUpload(bytes: Uint8Array, fileName: string): Promise<UploadClassification> {
  const name = displayName(fileName);
  if (bytes.length === 0) return refusals.empty(name);

  // Executables and scripts first, whatever else they might also look like (a self-extracting archive
  // is an EXE with a ZIP inside).
  if (startsWith(bytes, [0x4d, 0x5a])) return refusals.executable(name, 'Windows 程序');
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return refusals.executable(name, 'Linux 程序');
  for (const sig of [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]]) {
    if (startsWith(bytes, sig)) return refusals.executable(name, 'macOS 程序或 Java 类文件');
  }
  if (startsWith(bytes, [0x23, 0x21]) || startsWith(bytes, [0xef, 0xbb, 0xbf, 0x23, 0x21])) return refusals.script(name, '脚本');

  if (isCfb(bytes)) return classifyCfb(bytes, fileName, name);
  if (looksLikeZip(bytes)) return classifyZip(bytes, fileName, name);

  let detected: { ext: string; mime: string } | undefined;
  try {
    detected = await fileTypeFromBuffer(bytes);
  } catch {
    detected = undefined;
  }
  const ext = detected?.ext;
  if (ext === 'pdf' || ext === 'ai') return accept('pdf', fileName); // an Illustrator file saved with PDF compatibility is a PDF
  if (ext === 'png' || ext === 'apng') return accept('png', fileName);
  if (ext === 'jpg') return accept('jpeg', fileName);
  if (ext === 'gif') return accept('gif', fileName);
  if (ext === 'webp') return accept('webp', fileName);
  if (ext && ARCHIVES[ext]) return refusals.archive(name, ARCHIVES[ext]!);
  if (ext && EXECUTABLES[ext]) return refusals.executable(name, EXECUTABLES[ext]!);
  const script = scriptKind(bytes, fileName);
  if (script) return refusals.script(name, script);
  if (!ext && pdfHeaderAt(bytes) > 0) return accept('pdf', fileName);
  if (ext) return refusals.unsupported(name, OTHER_TYPES[ext] ?? `.${ext}`);
  return refusals.unsupported(name, undefined);
}
