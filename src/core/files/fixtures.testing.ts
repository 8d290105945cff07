// Test fixtures for the attachment tests, generated in memory (no binary files in the repository):
// real DOCX/XLSX/PDF made by the libraries, and hand-built ZIP and OLE (CFB) containers, executables,
// scripts and images. Only tests import this file.
import { crc32, deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const enc = (s: string) => new TextEncoder().encode(s);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const DOCX_TEXT = ['关于做好2026年政府信息公开工作的通知', '联系人：张三，身份证号 110101199003071234。'];

export async function makeDocx(paragraphs: string[] = DOCX_TEXT): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function makeXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('预算表');
  a.addRow(['项目', '金额（万元）', '日期']);
  a.addRow(['道路维修', 120.5, new Date(Date.UTC(2026, 2, 15))]);
  a.addRow(['合计', { formula: 'B2*2', result: 241 }]);
  a.getCell('A5').value = '合并单元格';
  a.mergeCells('A5:C5');
  const b = wb.addWorksheet('联系人');
  b.addRow(['姓名', '证件号码']);
  b.addRow(['李四', '110101199003071234']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A PDF with one page per text (standard fonts: Latin text only). Empty strings make pages without text. */
export async function makePdf(pages: string[] = ['Notice 2026 No. 15', 'ID 110101199003071234 page two']): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    if (text) page.drawText(text, { x: 50, y: 780, size: 12, font });
  }
  return doc.save();
}

/** A PDF written by hand from its objects (with a correct cross-reference table). */
function rawPdf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc(out);
}

/**
 * A Chinese PDF as many Chinese tools write them: the non-embedded STSong-Light font with the predefined
 * UniGB-UCS2-H encoding (text as UCS-2 codes). Readers need Adobe's CMaps to get the text back.
 */
export function makeChinesePdf(text: string): Uint8Array {
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  const content = `BT /F1 12 Tf 50 700 Td <${hex}> Tj ET`;
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      '/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

/**
 * A PDF protected by an open (user) password, standard security handler revision 2: the empty password
 * does not match its /U entry, so a reader asks for the password.
 */
export function makeEncryptedPdf(): Uint8Array {
  const o = '00'.repeat(32);
  const u = 'ab'.repeat(32);
  const id = '0123456789abcdef0123456789abcdef';
  return enc(
    [
      '%PDF-1.4',
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj',
      '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj',
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>\nendobj',
      `4 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <${o}> /U <${u}> /P -4 >>\nendobj`,
      `trailer\n<< /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] /Size 5 >>`,
      '%%EOF',
      '',
    ].join('\n'),
  );
}

export interface ZipInput {
  name: string;
  data: Uint8Array | string;
  deflate?: boolean;
  /** Overrides the uncompressed size written in the headers (to make a lying archive). */
  declaredSize?: number;
}

/** A ZIP archive written by hand (stored or deflated entries). */
export function makeZip(entries: ZipInput[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? enc(e.data) : e.data;
    const method = e.deflate === false ? 0 : 8;
    const data = method === 8 ? new Uint8Array(deflateRawSync(raw)) : raw;
    const name = enc(e.name);
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cd = concat(...centrals);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, offset, true);
  return concat(...locals, cd, end);
}

const CT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">';

/** A minimal OOXML package: [Content_Types].xml with one main part override, and that part. */
export function makeOoxml(partName: string, contentType: string, extra: ZipInput[] = []): Uint8Array {
  return makeZip([
    { name: '[Content_Types].xml', data: `${CT_HEAD}<Override PartName="/${partName}" ContentType="${contentType}"/></Types>` },
    { name: partName, data: '<?xml version="1.0"?><root/>' },
    ...extra,
  ]);
}

const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

/**
 * A Compound File Binary container (version 3, 512-byte sectors) holding the given streams in its
 * root storage. Streams under 4096 bytes go to the mini stream, as real files do.
 */
export function makeCfb(streams: { name: string; data: Uint8Array }[], rootClsid = new Uint8Array(16)): Uint8Array {
  const S = 512;
  const big = streams.filter((s) => s.data.length >= 4096);
  const small = streams.filter((s) => s.data.length < 4096);
  const miniStart = new Map<string, number>();
  const miniFat: number[] = [];
  const miniParts: Uint8Array[] = [];
  for (const s of small) {
    const count = Math.ceil(s.data.length / 64);
    if (count === 0) continue;
    miniStart.set(s.name, miniFat.length);
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? ENDOFCHAIN : miniFat.length + 1);
    const padded = new Uint8Array(count * 64);
    padded.set(s.data);
    miniParts.push(padded);
  }
  const miniStream = concat(...miniParts);
  const dirSectors = Math.ceil(((streams.length + 1) * 128) / S);
  const miniFatSectors = Math.ceil((miniFat.length * 4) / S);
  const containerSectors = Math.ceil(miniStream.length / S);
  const bigSectors = big.reduce((n, s) => n + Math.ceil(s.data.length / S), 0);
  const others = dirSectors + miniFatSectors + containerSectors + bigSectors;
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + others) fatSectors++;
  const total = fatSectors + others;
  const fat = new Array<number>(fatSectors * 128).fill(FREESECT);
  let next = 0;
  const alloc = (count: number): number => {
    if (count === 0) return ENDOFCHAIN;
    const start = next;
    for (let i = 0; i < count; i++) fat[start + i] = i === count - 1 ? ENDOFCHAIN : start + i + 1;
    next += count;
    return start;
  };
  for (let i = 0; i < fatSectors; i++) fat[next++] = FATSECT;
  const dirStart = alloc(dirSectors);
  const miniFatStart = alloc(miniFatSectors);
  const containerStart = alloc(containerSectors);
  const bigStart = new Map(big.map((s) => [s.name, alloc(Math.ceil(s.data.length / S))]));

  const file = new Uint8Array((total + 1) * S);
  const v = new DataView(file.buffer);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, fatSectors, true);
  v.setUint32(0x30, dirStart, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, miniFatSectors ? miniFatStart : ENDOFCHAIN, true);
  v.setUint32(0x40, miniFatSectors, true);
  v.setUint32(0x44, ENDOFCHAIN, true);
  v.setUint32(0x48, 0, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i < fatSectors ? i : FREESECT, true);
  const sectorAt = (s: number) => (s + 1) * S;
  fat.forEach((value, i) => v.setUint32(sectorAt(Math.floor(i / 128)) + (i % 128) * 4, value, true));
  // Directory: the root, then every stream as a chain of right siblings under it.
  const entry = (index: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const at = sectorAt(dirStart) + index * 128; // directory sectors are consecutive here
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true);
    v.setUint16(at + 64, (name.length + 1) * 2, true);
    file[at + 66] = type;
    file[at + 67] = 1;
    v.setUint32(at + 68, NOSTREAM, true);
    v.setUint32(at + 72, right, true);
    v.setUint32(at + 76, child, true);
    if (type === 5) file.set(rootClsid, at + 80);
    v.setUint32(at + 116, start, true);
    v.setUint32(at + 120, size, true);
  };
  entry(0, 'Root Entry', 5, containerSectors ? containerStart : ENDOFCHAIN, miniStream.length, streams.length ? 1 : NOSTREAM, NOSTREAM);
  streams.forEach((s, i) => {
    const start = s.data.length >= 4096 ? bigStart.get(s.name)! : (miniStart.get(s.name) ?? ENDOFCHAIN);
    entry(i + 1, s.name, 2, start, s.data.length, NOSTREAM, i + 1 < streams.length ? i + 2 : NOSTREAM);
  });
  miniFat.forEach((value, i) => v.setUint32(sectorAt(miniFatStart) + i * 4, value, true));
  file.set(miniStream, sectorAt(containerStart));
  for (const s of big) file.set(s.data, sectorAt(bigStart.get(s.name)!));
  return file;
}

/**
 * A minimal Word 97 binary document: a FIB in the WordDocument stream, the text (UTF-16) after it, and
 * a one-piece table in the 1Table stream. Enough for word-extractor to read the text back.
 */
export function makeDoc(text: string, opts: { encrypted?: boolean } = {}): Uint8Array {
  const TEXT_AT = 0x800;
  const body = text.replace(/\n/g, '\r') + '\r';
  const word = new Uint8Array(Math.max(4096, TEXT_AT + body.length * 2));
  const w = new DataView(word.buffer);
  w.setUint16(0, 0xa5ec, true); // wIdent
  w.setUint16(2, 0x00c1, true); // nFib (Word 97)
  w.setUint16(0x0a, 0x0200 | (opts.encrypted ? 0x0100 : 0), true); // fWhichTblStm (1Table), fEncrypted
  w.setUint32(0x18, TEXT_AT, true); // fcMin
  w.setUint32(0x4c, body.length, true); // ccpText
  w.setUint32(0x1a2, 0, true); // fcClx
  w.setUint32(0x1a6, 21, true); // lcbClx
  for (let i = 0; i < body.length; i++) w.setUint16(TEXT_AT + i * 2, body.charCodeAt(i), true);
  const table = new Uint8Array(64);
  const t = new DataView(table.buffer);
  table[0] = 0x02; // Pcdt
  t.setUint32(1, 16, true); // PlcPcd: 2 CPs + 1 PCD
  t.setUint32(5, 0, true);
  t.setUint32(9, body.length, true);
  t.setUint16(13, 0, true);
  t.setUint32(15, TEXT_AT, true); // fc, bit 30 clear: UTF-16
  return makeCfb([
    { name: 'WordDocument', data: word },
    { name: '1Table', data: table },
  ]);
}

/** A minimal BIFF8 workbook stream (BOF … EOF), optionally with a FILEPASS record (encrypted). */
export function makeXls(opts: { encrypted?: boolean } = {}): Uint8Array {
  const record = (type: number, data: Uint8Array) => {
    const r = new Uint8Array(4 + data.length);
    const v = new DataView(r.buffer);
    v.setUint16(0, type, true);
    v.setUint16(2, data.length, true);
    r.set(data, 4);
    return r;
  };
  const stream = concat(record(0x0809, new Uint8Array(16)), ...(opts.encrypted ? [record(0x002f, new Uint8Array(6))] : []), record(0x000a, new Uint8Array()));
  return makeCfb([{ name: 'Workbook', data: stream }]);
}

/** 'MZ', the DOS stub's pointer to the PE header, and 'PE\0\0'. */
export function makeExe(): Uint8Array {
  const b = new Uint8Array(256);
  b.set(enc('MZ'));
  new DataView(b.buffer).setUint32(0x3c, 0x80, true);
  b.set(enc('PE\0\0'), 0x80);
  b.set([0x4c, 0x01], 0x84); // i386
  return b;
}

export function makeElf(): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
  b.set([0x02, 0x00, 0x3e, 0x00], 16); // ET_EXEC, x86-64
  return b;
}

/** A POSIX tar header with a correct checksum (file-type checks it). */
export function makeTar(): Uint8Array {
  const h = new Uint8Array(1024);
  h.set(enc('notice.pdf'));
  h.set(enc('0000644\0'), 100);
  h.set(enc('00000000000\0'), 124);
  h.set(enc('ustar\u000000'), 257);
  h.fill(0x20, 148, 156);
  const sum = h.subarray(0, 512).reduce((a, b) => a + b, 0);
  h.set(enc(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return h;
}

/** A valid 1×1 PNG. */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
export const GIF_1X1 = Uint8Array.from(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
export const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
export const WEBP_HEAD = concat(enc('RIFF'), Uint8Array.from([26, 0, 0, 0]), enc('WEBPVP8 '), new Uint8Array(18));
