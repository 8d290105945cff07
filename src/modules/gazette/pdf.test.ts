import { describe, expect, it } from 'vitest';
import { extractText } from '../files/extract.ts';
import { defaultIssueTitle, htmlToBlocks, issueDocument, textToBlocks } from './document.ts';
import { breakLines, renderPdf, type Block } from './pdf.ts';
import { parseBackIssueName } from './service.ts';

// Every character is 1 wide, ASCII ½: easy to count.
const measure = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 128 ? 0.5 : 1), 0);
const texts = (text: string, width: number, indent = 0) => breakLines(text, width, measure, indent).map((l) => l.text);

describe('breakLines', () => {
  it('breaks Chinese text between any two characters', () => {
    expect(texts('一二三四五六七', 3)).toEqual(['一二三', '四五六', '七']);
  });

  it('hangs a closing mark at the end of the line instead of starting the next with it', () => {
    expect(texts('一二三，四五六。', 3)).toEqual(['一二三，', '四五六。']);
  });

  it('moves an opening mark down with what follows', () => {
    expect(texts('一二《三四》五', 3)).toEqual(['一二', '《三四》', '五']);
  });

  it('keeps Latin words and numbers whole, and cuts only what is longer than a line', () => {
    expect(texts('共计2026.5万元', 4)).toEqual(['共计', '2026.5万', '元']);
    expect(texts('abcdefghijkl', 2)).toEqual(['abcd', 'efgh', 'ijkl']);
  });

  it('indents the first line and keeps explicit line breaks', () => {
    expect(texts('一二三四五', 3, 2)).toEqual(['一', '二三四', '五']);
    const lines = breakLines('一二\n三', 10, measure);
    expect(lines.map((l) => [l.text, l.last])).toEqual([
      ['一二', true],
      ['三', true],
    ]);
  });
});

describe('htmlToBlocks', () => {
  it('turns a record body into paragraphs, bold sub-headings, numbered list items and tables', () => {
    const blocks = htmlToBlocks(
      '<p>各单位：</p><p>　　现将有关事项\n  通知如下。</p><h3>一、总体要求</h3><ol><li>甲</li><li>乙</li></ol><table><thead><tr><th>项目</th><th>金额</th></tr></thead><tbody><tr><td>道路</td><td>120</td></tr></tbody></table><p>A &amp; B<br>第二行</p>',
    );
    expect(blocks).toEqual<Block[]>([
      { kind: 'paragraph', text: '各单位：' },
      { kind: 'paragraph', text: '现将有关事项通知如下。' },
      { kind: 'paragraph', text: '一、总体要求', bold: true },
      { kind: 'paragraph', text: '1. 甲' },
      { kind: 'paragraph', text: '2. 乙' },
      {
        kind: 'table',
        rows: [
          ['项目', '金额'],
          ['道路', '120'],
        ],
        headerRows: 1,
      },
      { kind: 'paragraph', text: 'A & B\n第二行' },
    ]);
  });

  it('uses the plain text when there is no HTML', () => {
    expect(textToBlocks('第一段\n\n　　第二段\n')).toEqual([
      { kind: 'paragraph', text: '第一段' },
      { kind: 'paragraph', text: '第二段' },
    ]);
  });
});

describe('back-issue file names', () => {
  it('reads the year, number and total number', () => {
    expect(parseBackIssueName('2019-03.pdf')).toEqual({ year: 2019, number: 3, totalNumber: null });
    expect(parseBackIssueName('2019年第3期.PDF')).toEqual({ year: 2019, number: 3, totalNumber: null });
    expect(parseBackIssueName('2019年第12期（总第45期）.pdf')).toEqual({ year: 2019, number: 12, totalNumber: 45 });
    expect(parseBackIssueName('/x/y/2019_7.pdf')).toEqual({ year: 2019, number: 7, totalNumber: null });
    expect(parseBackIssueName('公报.pdf')).toBeNull();
    expect(parseBackIssueName('2019-03.docx')).toBeNull();
  });
});

describe('renderPdf', () => {
  it('prints Chinese with an embedded font, a table of contents with page numbers, and numbered pages', async () => {
    const long = '为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，进一步激发市场主体活力，结合我县实际，现就有关事项通知如下。'.repeat(40);
    const bytes = await renderPdf({
      info: { title: '测试文档', createdAt: new Date('2026-03-31T00:00:00+08:00') },
      cover: [{ kind: 'heading', level: 1, text: '封面标题' }],
      toc: { title: '目录' },
      body: [
        { kind: 'heading', level: 1, text: '第一部分', toc: { page: false } },
        { kind: 'heading', level: 2, text: '第一篇文章', toc: true, bookmark: true },
        { kind: 'paragraph', text: long },
        { kind: 'heading', level: 2, text: '第二篇文章', toc: true, newPage: true, bookmark: true },
        { kind: 'table', headerRows: 1, rows: [['序号', '事项'], ['1', '道路维修']] },
      ],
    });
    const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
    expect(head).toBe('%PDF-');
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf).toContain('/FontFile2'); // the font is embedded…
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/); // …as a subset
    const text = await extractText(bytes, 'pdf');
    expect(text.pages).toBe(5); // cover, contents, the long article on two pages, the second article
    const pages = text.text.split('\n');
    expect(text.text).toContain('封面标题');
    // The contents give the page each article starts on, counting from the first page of the body.
    const toc = text.text.slice(text.text.indexOf('目'), text.text.indexOf('第一部分', text.text.indexOf('第二篇文章')));
    expect(toc.replace(/\s+/g, '')).toMatch(/第一部分第一篇文章1第二篇文章3/);
    expect(pages.some((l) => l.replace(/\s+/g, '') === '—1—')).toBe(true);
    expect(text.text.replace(/\s+/g, '')).toContain('道路维修');
    // The same model and date give the same file.
    const again = await renderPdf({
      info: { title: '测试文档', createdAt: new Date('2026-03-31T00:00:00+08:00') },
      cover: [{ kind: 'heading', level: 1, text: '封面标题' }],
      toc: { title: '目录' },
      body: [
        { kind: 'heading', level: 1, text: '第一部分', toc: { page: false } },
        { kind: 'heading', level: 2, text: '第一篇文章', toc: true, bookmark: true },
        { kind: 'paragraph', text: long },
        { kind: 'heading', level: 2, text: '第二篇文章', toc: true, newPage: true, bookmark: true },
        { kind: 'table', headerRows: 1, rows: [['序号', '事项'], ['1', '道路维修']] },
      ],
    });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
  });

  it('prints a gazette issue: cover, contents by section, each document with its 文号, text and issuer', async () => {
    const bytes = await renderPdf(
      issueDocument({
        tenantName: '示范县人民政府',
        title: defaultIssueTitle('示范县人民政府', 2026, 3, 45),
        year: 2026,
        number: 3,
        totalNumber: 45,
        publishedOn: '2026-03-31',
        articles: [
          {
            title: '示范县人民政府关于印发《示范县河长制工作方案》的通知',
            section: '县政府文件',
            record: { docNo: '示政〔2026〕3号', issuer: '示范县人民政府', writtenOn: '2026-03-01', bodyHtml: '<p>各乡镇人民政府：</p><p>现将方案印发给你们。</p>', bodyText: '', attachments: ['方案.docx'], withdrawn: null },
          },
          {
            title: '已撤回的通知',
            section: '部门文件',
            record: { docNo: null, issuer: '示范县财政局', writtenOn: null, bodyHtml: '<p>原文不应出现</p>', bodyText: '', attachments: [], withdrawn: { on: '2026-04-01', note: '事项已调整' } },
          },
        ],
      }),
    );
    const text = (await extractText(bytes, 'pdf')).text.replace(/\s+/g, '');
    for (const s of ['示范县人民政府公报', '2026年第3期', '（总第45期）', '2026年3月31日出版', '目录', '县政府文件', '部门文件', '示政〔2026〕3号', '现将方案印发给你们。', '附件：方案.docx', '2026年3月1日', '本文件已于2026年4月1日撤回。撤回说明：事项已调整']) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain('原文不应出现');
  });

  it('does not print the issuer and date again under a text that already ends with them', async () => {
    const doc = issueDocument({
      tenantName: '示范县人民政府',
      title: 't',
      year: 2026,
      number: 1,
      totalNumber: null,
      publishedOn: '2026-01-31',
      articles: [
        {
          title: '通知',
          section: null,
          record: { docNo: null, issuer: '示范县人民政府', writtenOn: '2026-01-05', bodyHtml: '<p>正文。</p><p>示范县人民政府</p><p>2026年1月5日</p>', bodyText: '', attachments: [], withdrawn: null },
        },
      ],
    });
    const texts = doc.body.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
    expect(texts.filter((t) => t === '示范县人民政府')).toHaveLength(1);
    expect(doc.cover?.length).toBeGreaterThan(0);
  });
});
