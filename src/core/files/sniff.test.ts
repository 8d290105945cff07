import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCfb } from './cfb.ts';
import {
  concat,
  enc,
  GIF_1X1,
  JPEG_HEAD,
  makeCfb,
  makeDoc,
  makeDocx,
  makeElf,
  makeExe,
  makeOoxml,
  makePdf,
  makeTar,
  makeXls,
  makeXlsx,
  makeZip,
  PNG_1X1,
  WEBP_HEAD,
} from './fixtures.testing.ts';
import { classifyUpload, displayName, extensionOf, mismatchMessage, sizeProblem, type UploadClassification } from './sniff.ts';
import { listZip, readZipEntry } from './zip.ts';

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

function accepted(r: UploadClassification) {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r;
}
function refused(r: UploadClassification) {
  if (r.ok) throw new Error(`accepted as ${r.kind}`);
  return r;
}

describe('classifyUpload: accepted kinds, decided by content', () => {
  it('tells a DOCX from an XLSX although both are ZIPs', async () => {
    const docx = accepted(await classifyUpload(await makeDocx(), '通知.docx'));
    expect(docx).toEqual({
      ok: true,
      kind: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
      nameMatches: true,
    });
    const xlsx = accepted(await classifyUpload(await makeXlsx(), '预算表.XLSX'));
    expect(xlsx).toMatchObject({ kind: 'xlsx', ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', nameMatches: true });
  });

  it('recognises PDF and images', async () => {
    expect(accepted(await classifyUpload(await makePdf(), 'a.pdf'))).toMatchObject({ kind: 'pdf', mime: 'application/pdf', nameMatches: true });
    expect(accepted(await classifyUpload(PNG_1X1, 'a.png'))).toMatchObject({ kind: 'png', mime: 'image/png', nameMatches: true });
    expect(accepted(await classifyUpload(GIF_1X1, 'a.gif'))).toMatchObject({ kind: 'gif', nameMatches: true });
    expect(accepted(await classifyUpload(JPEG_HEAD, '照片.JPEG'))).toMatchObject({ kind: 'jpeg', ext: 'jpg', mime: 'image/jpeg', nameMatches: true });
    expect(accepted(await classifyUpload(WEBP_HEAD, 'a.webp'))).toMatchObject({ kind: 'webp', mime: 'image/webp' });
  });

  it('tells legacy DOC from XLS by the streams of the OLE container (WPS names count as matching)', async () => {
    expect(accepted(await classifyUpload(makeDoc('测试'), '旧文件.doc'))).toMatchObject({ kind: 'doc', mime: 'application/msword', nameMatches: true });
    expect(accepted(await classifyUpload(makeDoc('测试'), '旧文件.wps'))).toMatchObject({ kind: 'doc', nameMatches: true });
    expect(accepted(await classifyUpload(makeXls(), '旧表.xls'))).toMatchObject({ kind: 'xls', mime: 'application/vnd.ms-excel', nameMatches: true });
    expect(accepted(await classifyUpload(makeXls(), '旧表.et'))).toMatchObject({ kind: 'xls', nameMatches: true });
    const biff5 = makeCfb([{ name: 'Book', data: concat(Uint8Array.from([0x09, 0x08, 0, 0]), Uint8Array.from([0x0a, 0, 0, 0])) }]);
    expect(accepted(await classifyUpload(biff5, 'old.xls')).kind).toBe('xls');
  });

  it('flags a name that does not match the content, and words the refusal naming both', async () => {
    const pdfAsDocx = accepted(await classifyUpload(await makePdf(), '通知.docx'));
    expect(pdfAsDocx).toMatchObject({ kind: 'pdf', ext: 'pdf', nameMatches: false });
    const message = mismatchMessage('通知.docx', 'pdf');
    expect(message).toContain('通知.docx');
    expect(message).toContain('.docx');
    expect(message).toContain('PDF');
    expect(message).toContain('.pdf');

    const docxAsXlsx = accepted(await classifyUpload(await makeDocx(), '表格.xlsx'));
    expect(docxAsXlsx).toMatchObject({ kind: 'docx', nameMatches: false });
    expect(mismatchMessage('表格.xlsx', 'docx')).toMatch(/「表格\.xlsx」扩展名是 \.xlsx，但内容是Word 文档/);

    expect(accepted(await classifyUpload(PNG_1X1, 'scan')).nameMatches).toBe(false);
    expect(mismatchMessage('scan', 'png')).toContain('没有扩展名');
  });
});

describe('classifyUpload: refusals', () => {
  it('refuses an empty file', async () => {
    const r = refused(await classifyUpload(new Uint8Array(), '空白.pdf'));
    expect(r.code).toBe('FILE_EMPTY');
    expect(r.message).toContain('文件为空');
    expect(r.message).toContain('空白.pdf');
  });

  it('refuses archives as 压缩包 and asks for the files themselves', async () => {
    const zip = makeZip([{ name: 'a.pdf', data: 'x' }, { name: 'b.docx', data: 'y' }]);
    for (const [bytes, name] of [
      [zip, '材料.zip'],
      [zip, '材料.pdf'],
      [gzipSync(enc('hello')), 'a.gz'],
      [concat(enc('Rar!\x1a\x07\x00'), new Uint8Array(32)), 'a.rar'],
      [concat(Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), new Uint8Array(32)), 'a.7z'],
      [makeTar(), 'a.tar'],
    ] as const) {
      const r = refused(await classifyUpload(bytes, name));
      expect(r.code, name).toBe('FILE_ARCHIVE');
      expect(r.message).toContain('压缩包');
      expect(r.message).toContain('解压');
      expect(r.message).toContain(name);
    }
  });

  it('refuses executables whatever their name', async () => {
    const cases: [Uint8Array, string][] = [
      [makeExe(), '公告.pdf'],
      [makeExe(), 'setup.exe'],
      [makeElf(), 'report.docx'],
      [Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1, 3, 0, 0, 0, 2, 0, 0, 0]), 'app'],
      [makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'a/Main.class', data: 'x' }]), 'tool.jar'],
      [makeZip([{ name: 'AndroidManifest.xml', data: 'x' }, { name: 'classes.dex', data: 'dex\n035' }]), '政务.apk'],
      [makeCfb([{ name: 'x', data: new Uint8Array(10) }], Uint8Array.from([0x84, 0x10, 0x0c, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46])), 'setup.msi'],
    ];
    for (const [bytes, name] of cases) {
      const r = refused(await classifyUpload(bytes, name));
      expect(r.code, name).toBe('FILE_EXECUTABLE');
      expect(r.message).toContain(name);
      expect(r.message).toContain('不能上传');
    }
  });

  it('refuses scripts, HTML and SVG', async () => {
    const cases: [string, string][] = [
      ['#!/bin/sh\nrm -rf /\n', 'run.sh'],
      ['#!/usr/bin/env python3\nprint(1)\n', '说明.pdf'],
      ['<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', '通知.html'],
      ['\uFEFF  <html><head><title>x</title></head></html>', 'page.htm'],
      ['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', 'logo.svg'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.png'],
      ['alert(document.cookie);\n', 'x.js'],
    ];
    for (const [text, name] of cases) {
      const r = refused(await classifyUpload(enc(text), name));
      expect(r.code, name).toBe('FILE_SCRIPT');
      expect(r.message).toContain(name);
      expect(r.message).toContain('脚本');
    }
  });

  it('refuses documents with macros', async () => {
    const docm = makeOoxml('word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml', [{ name: 'word/vbaProject.bin', data: 'x' }]);
    expect(refused(await classifyUpload(docm, '报告.docm')).code).toBe('FILE_MACRO');
    const docxWithVba = makeOoxml('word/document.xml', WORD_MAIN, [{ name: 'word/vbaProject.bin', data: 'x' }]);
    expect(refused(await classifyUpload(docxWithVba, '报告.docx')).code).toBe('FILE_MACRO');
    const xlsm = makeOoxml('xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    const r = refused(await classifyUpload(xlsm, '表.xlsm'));
    expect(r.code).toBe('FILE_MACRO');
    expect(r.message).toContain('宏');
    const docWithVba = makeCfb([
      { name: 'WordDocument', data: new Uint8Array(4096) },
      { name: '_VBA_PROJECT', data: new Uint8Array(100) },
    ]);
    expect(refused(await classifyUpload(docWithVba, 'old.doc')).code).toBe('FILE_MACRO');
  });

  it('refuses password-protected documents', async () => {
    expect(refused(await classifyUpload(makeDoc('x', { encrypted: true }), 'a.doc')).code).toBe('FILE_ENCRYPTED');
    expect(refused(await classifyUpload(makeXls({ encrypted: true }), 'a.xls')).code).toBe('FILE_ENCRYPTED');
    const ooxml = makeCfb([
      { name: 'EncryptionInfo', data: new Uint8Array(200) },
      { name: 'EncryptedPackage', data: new Uint8Array(5000) },
    ]);
    const r = refused(await classifyUpload(ooxml, '加密.docx'));
    expect(r.code).toBe('FILE_ENCRYPTED');
    expect(r.message).toContain('密码');
  });

  it('refuses other document types with the list of what is accepted', async () => {
    const pptx = makeOoxml('ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml');
    const r = refused(await classifyUpload(pptx, '汇报.pptx'));
    expect(r.code).toBe('FILE_UNSUPPORTED');
    expect(r.message).toContain('PowerPoint');
    expect(r.message).toContain('PDF、Word');
    const odt = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', deflate: false }, { name: 'content.xml', data: '<x/>' }]);
    expect(refused(await classifyUpload(odt, 'a.odt')).message).toContain('OpenDocument');
    const ofd = makeZip([{ name: 'OFD.xml', data: '<ofd:OFD/>' }, { name: 'Doc_0/Document.xml', data: '<x/>' }]);
    expect(refused(await classifyUpload(ofd, '公文.ofd')).message).toContain('OFD');
    expect(refused(await classifyUpload(enc('just some notes'), 'a.txt')).code).toBe('FILE_UNSUPPORTED');
    expect(refused(await classifyUpload(makeCfb([{ name: 'PowerPoint Document', data: new Uint8Array(10) }]), 'a.ppt')).code).toBe('FILE_UNSUPPORTED');
  });

  it('refuses damaged containers', async () => {
    const r = refused(await classifyUpload(concat(enc('PK\x03\x04'), new Uint8Array(100).fill(7)), '坏文件.docx'));
    expect(r.code).toBe('FILE_CORRUPT');
    expect(r.message).toContain('坏文件.docx');
    expect(r.message).toContain('损坏');
    // Declares word/document.xml as its main part but does not contain it.
    const missing = makeZip([{ name: '[Content_Types].xml', data: `<Types><Override PartName="/word/document.xml" ContentType="${WORD_MAIN}"/></Types>` }]);
    expect(refused(await classifyUpload(missing, 'a.docx')).code).toBe('FILE_CORRUPT');
    const cfb = makeDoc('x').slice(0, 600);
    expect(refused(await classifyUpload(cfb, 'a.doc')).code).toBe('FILE_CORRUPT');
  });
});

describe('helpers', () => {
  it('sizeProblem: empty, too large with the limit in MB, fine', () => {
    const max = 50 * 1024 * 1024;
    expect(sizeProblem(0, max)).toMatchObject({ code: 'FILE_EMPTY', message: expect.stringContaining('文件为空') });
    const big = sizeProblem(80 * 1024 * 1024, max, '视频.pdf')!;
    expect(big.code).toBe('FILE_TOO_LARGE');
    expect(big.message).toContain('50 MB');
    expect(big.message).toContain('80 MB');
    expect(big.message).toContain('视频.pdf');
    expect(sizeProblem(max + 1, max)!.message).toContain(`${max + 1} 字节`);
    expect(sizeProblem(max, max)).toBeNull();
    expect(sizeProblem(1, max)).toBeNull();
    expect(sizeProblem(2 * 1024 * 1024, 1.5 * 1024 * 1024)!.message).toContain('1.5 MB');
  });

  it('file names in messages lose folder paths and control characters', () => {
    expect(displayName('C:\\Users\\张三\\桌面\\通知.pdf')).toBe('通知.pdf');
    expect(displayName('a\u202Efdp.exe')).toBe('afdp.exe');
    expect(displayName('   ')).toBe('（未命名文件）');
    expect(displayName('长'.repeat(200)).length).toBeLessThan(90);
    expect(extensionOf('报告.Final.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('dir.d/file')).toBe('');
  });

  it('lists a ZIP and reads an entry, and the CFB reader finds mini and regular streams', async () => {
    const docx = await makeDocx();
    const listing = listZip(docx)!;
    expect(listing.entries.map((e) => e.name)).toContain('word/document.xml');
    const ct = listing.entries.find((e) => e.name === '[Content_Types].xml')!;
    expect(new TextDecoder().decode(readZipEntry(docx, ct))).toContain('wordprocessingml');
    expect(readZipEntry(docx, ct, 10)).toBeUndefined(); // larger than allowed
    expect(listZip(enc('PK\x03\x04 nothing'))).toBeUndefined();

    const small = enc('小流'.repeat(10));
    const large = new Uint8Array(9000).map((_, i) => i % 251);
    const cfb = readCfb(makeCfb([{ name: 'Small', data: small }, { name: 'Large', data: large }]))!;
    expect(cfb.entries.map((e) => e.name)).toEqual(['Root Entry', 'Small', 'Large']);
    expect(cfb.readStream('Small', 1000)).toEqual(small);
    expect(cfb.readStream('Large', 100_000)).toEqual(large);
    expect(cfb.readStream('Large', 10)).toEqual(large.subarray(0, 10));
    expect(cfb.readStream('Missing', 10)).toBeUndefined();
  });
});
