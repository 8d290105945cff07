// Reading notice files of every kind, and refusing what is not one. No database.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { enc, makeDoc, makeDocx, makePdf, makeZip, PNG_1X1 } from '../../core/files/fixtures.testing.ts';
import type { TableBlock } from '../../core/tasks/document.ts';
import { extractTasks } from '../../core/tasks/extract.ts';
import { decodeText, MAX_NOTICE_BYTES, NoticeReadError, readNotice, readNoticeFile, READ_MESSAGES } from './read-notice.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/notices');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-read-notice-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function refused(bytes: Uint8Array, name: string): Promise<NoticeReadError> {
  try {
    await readNotice(bytes, name);
  } catch (e) {
    if (e instanceof NoticeReadError) return e;
    throw e;
  }
  throw new Error(`${name} was not refused`);
}

const TABLE = '序号\t工作要求\t责任单位\n1\t公开预决算信息\t县财政局\n2\t发布统计数据\t县统计局';

describe('text files', () => {
  it('UTF-8, with or without BOM', async () => {
    for (const bytes of [enc(TABLE), Uint8Array.from([0xef, 0xbb, 0xbf, ...enc(TABLE)])]) {
      const doc = await readNotice(bytes, '通知.txt');
      expect(doc.format).toBe('text');
      expect(extractTasks(doc).tasks).toHaveLength(2);
    }
  });
  it('GB18030 / GBK', () => {
    // "县财政局" in GBK.
    expect(decodeText(Uint8Array.from([0xcf, 0xd8, 0xb2, 0xc6, 0xd5, 0xfe, 0xbe, 0xd6]))).toBe('县财政局');
  });
  it('UTF-16 with a BOM', async () => {
    const le = Buffer.from('\ufeff' + TABLE, 'utf16le');
    const doc = await readNotice(new Uint8Array(le), '通知.txt');
    expect(extractTasks(doc).tasks).toHaveLength(2);
  });
  it('HTML by extension or by content', async () => {
    const html = fixture('web-page-table.html');
    expect((await readNotice(html, 'notice.html')).format).toBe('html');
    expect((await readNotice(html, 'notice')).format).toBe('html');
    expect((await readNotice(enc('<p>一</p><p>二</p><p>三</p>'), 'a.txt')).format).toBe('text');
  });
});

describe('Word and Excel', { timeout: 30_000 }, () => {
  it('DOCX: paragraphs and tables with merged cells', async () => {
    const doc = await readNotice(fixture('word-table.docx'), 'notice.docx');
    expect(doc.format).toBe('docx');
    const table = doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows[4]![1]).toEqual({ text: '', merged: 'up' });
    expect(extractTasks(doc).tasks).toHaveLength(11);
  });
  it('DOCX decided by content, whatever the name', async () => {
    expect((await readNotice(fixture('word-table.docx'), 'notice.txt')).format).toBe('docx');
    expect((await readNotice(await makeDocx(['关于印发工作方案的通知']), 'x')).blocks).toEqual([{ kind: 'paragraph', text: '关于印发工作方案的通知' }]);
  });
  it('XLSX: each visible sheet a table, merged ranges marked, hidden sheets skipped', async () => {
    const doc = await readNotice(fixture('excel-table.xlsx'), 'notice.xlsx');
    expect(doc.format).toBe('xlsx');
    expect(doc.blocks).toHaveLength(1);
    const t = doc.blocks[0] as TableBlock;
    expect(t.name).toBe('任务分解表');
    expect(t.rows[0]![1]).toEqual({ text: '', merged: 'left' });
    expect(t.rows[3]![1]).toEqual({ text: '', merged: 'up' });
    const r = extractTasks(doc);
    expect(r.tasks).toHaveLength(11);
    expect(r.tasks.some((x) => x.requirement.includes('隐藏'))).toBe(false);
  });
});

describe('bad input: a clear Chinese message, nothing read', () => {
  it('an empty file', async () => {
    const e = await refused(new Uint8Array(0), '空.txt');
    expect(e.code).toBe('empty');
    expect(e.message).toBe(READ_MESSAGES.empty('空.txt'));
  });
  it('a file over the limit', async () => {
    const e = await refused(new Uint8Array(MAX_NOTICE_BYTES + 1), 'big.txt');
    expect(e.code).toBe('too_large');
    expect(e.message).toContain('太大');
  });
  it('a 100 MB file on disk is refused before it is read', async () => {
    const file = path.join(tmp, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, 100 * 1024 * 1024); // sparse: no real disk used
    await expect(readNoticeFile(file)).rejects.toMatchObject({ code: 'too_large', message: expect.stringContaining('100 MB') });
  });
  it('a missing file', async () => {
    await expect(readNoticeFile(path.join(tmp, 'nope.docx'))).rejects.toMatchObject({ code: 'not_found' });
  });
  it('a .docx that is really a ZIP of something else', async () => {
    const zip = makeZip([
      { name: 'photos/a.jpg', data: 'not really a photo' },
      { name: 'readme.txt', data: 'hello' },
    ]);
    const e = await refused(zip, '通知.docx');
    expect(e.code).toBe('zip_not_office');
    expect(e.message).toContain('压缩包');
    expect(e.message).toContain('「通知.docx」');
  });
  it('a damaged ZIP, and one that inflates to more than it declares', async () => {
    const good = fixture('word-table.docx');
    expect((await refused(good.subarray(0, 200), '坏.docx')).code).toBe('corrupt');
    const liar = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: 'x'.repeat(5000), declaredSize: 10 },
    ]);
    expect((await refused(liar, 'bomb.xlsx')).code).toBe('corrupt');
  });
  it('PDF, Word 97-2003, images and other binary files', async () => {
    expect((await refused(await makePdf(), 'a.pdf')).message).toContain('PDF');
    expect((await refused(makeDoc('通知'), 'a.doc')).message).toContain('97-2003');
    expect((await refused(PNG_1X1, 'a.png')).code).toBe('binary');
    expect((await refused(Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'a.exe')).code).toBe('binary');
  });
});
