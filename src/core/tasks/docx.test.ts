import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listZip, readZipEntry } from '../files/zip.ts';
import type { TableBlock } from './document.ts';
import { docxXmlToDocument } from './docx.ts';
import { extractTasks } from './extract.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(text)}</w:tc>`;
const body = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${inner}</w:body></w:document>`;

describe('docxXmlToDocument', () => {
  it('paragraphs: runs joined, tabs as spaces, breaks as new paragraphs, deleted text skipped', () => {
    const xml = body(
      '<w:p><w:r><w:t>关于印发</w:t></w:r><w:r><w:t>工作方案</w:t></w:r><w:r><w:tab/><w:t>的通知</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>' +
        '<w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>',
    );
    expect(docxXmlToDocument(xml).blocks).toEqual([
      { kind: 'paragraph', text: '关于印发工作方案 的通知' },
      { kind: 'paragraph', text: '第一行' },
      { kind: 'paragraph', text: '第二行' },
    ]);
  });
  it('tables: vMerge continue is merged up, gridSpan leaves merged-left cells', () => {
    const xml = body(
      `<w:tbl><w:tr>${tc('序号')}${tc('工作任务')}${tc('责任单位')}</w:tr>` +
        `<w:tr>${tc('1')}${tc('甲', '<w:vMerge w:val="restart"/>')}${tc('县财政局', '<w:vMerge w:val="restart"/>')}</w:tr>` +
        `<w:tr>${tc('2')}${tc('', '<w:vMerge/>')}${tc('', '<w:vMerge w:val="continue"/>')}</w:tr>` +
        `<w:tr>${tc('二、小节', '<w:gridSpan w:val="3"/>')}</w:tr></w:tbl>`,
    );
    const t = docxXmlToDocument(xml).blocks[0] as TableBlock;
    expect(t).toMatchObject({ kind: 'table', source: 'docx', mergeKnown: true });
    expect(t.rows[2]).toEqual([{ text: '2' }, { text: '', merged: 'up' }, { text: '', merged: 'up' }]);
    expect(t.rows[3]).toEqual([{ text: '二、小节' }, { text: '', merged: 'left' }, { text: '', merged: 'left' }]);
  });
  it('several paragraphs in a cell are lines; a nested table adds its text', () => {
    const xml = body(`<w:tbl><w:tr><w:tc>${p('县财政局')}${p('县审计局')}</w:tc><w:tc><w:tbl><w:tr>${tc('内')}</w:tr></w:tbl></w:tc></w:tr></w:tbl>`);
    const t = docxXmlToDocument(xml).blocks[0] as TableBlock;
    expect(t.rows[0]!.map((c) => c.text)).toEqual(['县财政局\n县审计局', '内']);
  });
  it('the Word fixture: merged cells read as in the text version', () => {
    const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/notices/word-table.docx')));
    const listing = listZip(bytes)!;
    const xml = new TextDecoder().decode(readZipEntry(bytes, listing.entries.find((e) => e.name === 'word/document.xml')!)!);
    const r = extractTasks(docxXmlToDocument(xml));
    expect(r.status).toBe('ok');
    expect(r.tasks).toHaveLength(11);
    expect(r.tasks[3]).toMatchObject({ category: '行政执法公示', units: ['县司法局', '各行政执法部门'], unitsFrom: 'above', deadlineFrom: 'above' });
    expect(r.tasks[9]).toMatchObject({ deadlineText: null, unitsFrom: 'own' });
    expect(r.title).toBe('示范县人民政府办公室关于印发2025年示范县政务公开工作方案的通知');
  });
});
