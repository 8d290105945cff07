import { describe, expect, it } from 'vitest';
import { classifyUpload } from '../../core/files/sniff.ts';
import { concat, enc, makeChinesePdf, makeDoc, makeDocx, makeEncryptedPdf, makeOoxml, makePdf, makeXls, makeXlsx, makeZip, PNG_1X1 } from '../../core/files/fixtures.testing.ts';
import { EXTRACT_WARNINGS, extractText } from './extract.ts';

describe('extractText', () => {
  it('reads a DOCX: Chinese text and the ID number', async () => {
    const r = await extractText(await makeDocx(), 'docx');
    expect(r.warning).toBeUndefined();
    expect(r.text).toContain('关于做好2026年政府信息公开工作的通知');
    expect(r.text).toContain('110101199003071234');
  });

  it('reads every sheet of an XLSX, rows as lines, cells separated by tabs', async () => {
    const r = await extractText(await makeXlsx(), 'xlsx');
    expect(r.warning).toBeUndefined();
    const lines = r.text.split('\n');
    expect(lines).toContain('预算表');
    expect(lines).toContain('项目\t金额（万元）\t日期');
    expect(lines).toContain('道路维修\t120.5\t2026-03-15');
    expect(lines).toContain('合计\t241');
    expect(lines).toContain('合并单元格'); // once, not once per merged cell
    expect(lines).toContain('联系人');
    expect(lines).toContain('李四\t110101199003071234');
    expect(r.text.indexOf('预算表')).toBeLessThan(r.text.indexOf('联系人'));
  });

  it('reads every page of a PDF', async () => {
    const r = await extractText(await makePdf(['Notice 2026 No. 15', 'ID 110101199003071234 page two', 'Third page']), 'pdf');
    expect(r.warning).toBeUndefined();
    expect(r.pages).toBe(3);
    expect(r.text.split('\n')).toEqual(['Notice 2026 No. 15', 'ID 110101199003071234 page two', 'Third page']);
  });

  it('reads Chinese from a PDF with a non-embedded CJK font (needs pdf.js CMaps)', async () => {
    const r = await extractText(makeChinesePdf('关于政府信息公开的通知'), 'pdf');
    expect(r).toEqual({ text: '关于政府信息公开的通知', pages: 1 });
  });

  it('warns about a PDF without text (a scan)', async () => {
    const r = await extractText(await makePdf(['', '']), 'pdf');
    expect(r).toEqual({ text: '', pages: 2, warning: EXTRACT_WARNINGS.noTextPdf, problem: 'no_text' });
  });

  it('says so when a PDF needs a password to open', async () => {
    const bytes = makeEncryptedPdf();
    expect(await classifyUpload(bytes, 'a.pdf')).toMatchObject({ ok: true, kind: 'pdf' });
    expect(await extractText(bytes, 'pdf')).toEqual({ text: '', warning: EXTRACT_WARNINGS.encrypted, problem: 'encrypted' });
  });

  it('reads a legacy Word 97 DOC', async () => {
    const bytes = makeDoc('关于征求意见的公告\n身份证号 110101199003071234');
    expect(await classifyUpload(bytes, 'a.doc')).toMatchObject({ ok: true, kind: 'doc' });
    const r = await extractText(bytes, 'doc');
    expect(r.warning).toBeUndefined();
    expect(r.text).toContain('关于征求意见的公告');
    expect(r.text).toContain('110101199003071234');
  });

  it('gives empty text and a warning for XLS and images', async () => {
    const xls = await extractText(makeXls(), 'xls');
    expect(xls.text).toBe('');
    expect(xls.warning).toContain('人工核对');
    expect(xls.problem).toBe('unsupported');
    const png = await extractText(PNG_1X1, 'png');
    expect(png.text).toBe('');
    expect(png.warning).toContain('OCR');
    expect(png.problem).toBe('image');
  });

  it('never throws on damaged files', async () => {
    const damaged = [
      [concat(enc('%PDF-1.7\n'), new Uint8Array(500).fill(0x41)), 'pdf'],
      [enc('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF'), 'pdf'],
      [makeOoxml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'), 'docx'],
      [makeZip([{ name: 'xl/workbook.xml', data: 'not xml <<<' }]), 'xlsx'],
      [concat(enc('PK\x03\x04'), new Uint8Array(64)), 'docx'],
      [makeXls(), 'doc'],
      [new Uint8Array(3000).fill(0xd0), 'doc'],
    ] as const;
    for (const [bytes, kind] of damaged) {
      const r = await extractText(bytes, kind);
      expect(r.text, kind).toBe('');
      expect(r.warning, kind).toBeDefined();
      expect(r.problem, kind).toBe('corrupt');
    }
    expect((await extractText(new Uint8Array(10), 'docx')).warning).toBe(EXTRACT_WARNINGS.corrupt);
  });

  it('caps the text', async () => {
    const r = await extractText(await makeDocx(['甲'.repeat(3000), '乙'.repeat(3000)]), 'docx', { maxChars: 1000 });
    expect(r.text).toHaveLength(1000);
    expect(r.warning).toBe(EXTRACT_WARNINGS.truncated(1000));
    expect(r.problem).toBe('truncated');
    const pdf = await extractText(await makePdf(['A'.repeat(60), 'B'.repeat(60), 'C'.repeat(60)]), 'pdf', { maxChars: 100 });
    expect(pdf.text).toHaveLength(100);
    expect(pdf.warning).toContain('100');
    const xlsx = await extractText(await makeXlsx(), 'xlsx', { maxChars: 20 });
    expect(xlsx.text).toHaveLength(20);
    expect(xlsx.warning).toBeDefined();
  });

  it('does not unpack ZIPs that would inflate too much or lie about their sizes', async () => {
    const docx = await makeDocx();
    expect((await extractText(docx, 'docx', { maxUnzippedBytes: 1000 })).warning).toBe(EXTRACT_WARNINGS.tooLargeUnzipped);
    // A 20 MB entry of zeros that declares 100 bytes: refused before any library inflates it.
    const lying = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: new Uint8Array(20 * 1024 * 1024), declaredSize: 100 },
    ]);
    expect(lying.length).toBeLessThan(100_000);
    expect((await extractText(lying, 'docx')).warning).toBe(EXTRACT_WARNINGS.corrupt);
  });
});
