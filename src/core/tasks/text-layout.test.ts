import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from './document.ts';
import { textToDocument } from './text-layout.ts';

const tables = (text: string) => textToDocument(text).blocks.filter((b): b is TableBlock => b.kind === 'table');
const paras = (text: string) => textToDocument(text).blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
const texts = (t: TableBlock) => t.rows.map((r) => r.map((c) => c.text));

describe('tab_rows: one row per line, cells separated by tabs', () => {
  it('reads consecutive tab lines as one table, empty cells kept', () => {
    const [t] = tables('标题\n\n序号\t工作任务\t具体要求\t牵头及责任单位\n1\t任务甲\t要求一。\t县财政局负责\n2\t\t要求二。\t\n\n尾注');
    expect(t!.source).toBe('tab_rows');
    expect(t!.mergeKnown).toBe(false);
    expect(texts(t!)).toEqual([
      ['序号', '工作任务', '具体要求', '牵头及责任单位'],
      ['1', '任务甲', '要求一。', '县财政局负责'],
      ['2', '', '要求二。', ''],
    ]);
    expect(t!.line).toBe(3);
  });
  it('a blank line starts a new table (a page with its header repeated)', () => {
    expect(tables('序号\t要求\t责任单位\n1\t甲\t县财政局\n\n序号\t要求\t责任单位\n2\t乙\t县审计局')).toHaveLength(2);
  });
  it('a single line with a tab stays a paragraph', () => {
    expect(tables('联系人：\t张三')).toHaveLength(0);
    expect(paras('联系人：\t张三')[0]!.text).toBe('联系人：\t张三');
  });
});

describe('tab_cells: one cell per line, each starting with a tab', () => {
  const text = ['附件1', '任务分解表', '\t序号', '\t工作任务', '\t工作要求', '\t责任单位', '\t时限要求', '', '\t1', '\t任务甲', '\t要求一', '\t县财政局', '\t每季度', '', '\t2', '\t任务乙', '', '\t要求二', '\t县审计局', '\t', '', '附件2', '说明'].join('\n');
  it('reads the header, then rows of as many cells; a blank line inside a row is ignored', () => {
    const [t] = tables(text);
    expect(t!.source).toBe('tab_cells');
    expect(texts(t!)).toEqual([
      ['序号', '工作任务', '工作要求', '责任单位', '时限要求'],
      ['1', '任务甲', '要求一', '县财政局', '每季度'],
      ['2', '任务乙', '要求二', '县审计局', ''],
    ]);
    expect(paras(text).map((p) => p.text)).toEqual(['附件1', '任务分解表', '附件2', '说明']);
  });
  it('a cell that runs over several lines keeps its lines', () => {
    const [t] = tables(['\t序号', '\t工作任务', '\t工作要求', '\t责任单位', '', '\t1', '\t任务', '\t第一行', '接着写的第二行', '\t县财政局', '', '完'].join('\n'));
    expect(t!.rows[1]![2]!.text).toBe('第一行\n接着写的第二行');
    expect(t!.rows[1]![3]!.text).toBe('县财政局');
  });
  it('a second header starts a second table', () => {
    const two = ['\t序号', '\t工作任务', '\t工作要求', '\t责任单位', '', '\t1', '\t甲', '\t要求', '\t县财政局', '', '\t序号', '\t工作任务', '\t工作举措', '\t时限要求', '', '\t1', '\t乙', '\t举措', '\t4月底前'].join('\n');
    const ts = tables(two);
    expect(ts).toHaveLength(2);
    expect(texts(ts[1]!)[0]).toEqual(['序号', '工作任务', '工作举措', '时限要求']);
  });
  it('tab-led lines that are not a header are paragraphs', () => {
    expect(tables('\t第一段\n\t第二段\n\t第三段')).toHaveLength(0);
  });
});

describe('pipe tables', () => {
  it('Markdown style with outer bars and a rule line', () => {
    const [t] = tables('| 序号 | 工作要求 | 责任单位 |\n|---|:---:|---|\n| 1 | 要求一 | 县财政局 |\n| 2 |  | 县审计局 |');
    expect(t!.source).toBe('pipe');
    expect(texts(t!)).toEqual([
      ['序号', '工作要求', '责任单位'],
      ['1', '要求一', '县财政局'],
      ['2', '', '县审计局'],
    ]);
  });
  it('without outer bars, and with full-width bars', () => {
    expect(texts(tables('序号 | 工作要求 | 责任单位\n1 | 要求 | 县财政局')[0]!)[1]).toEqual(['1', '要求', '县财政局']);
    expect(texts(tables('序号｜工作要求｜责任单位\n1｜要求｜县财政局')[0]!)[1]).toEqual(['1', '要求', '县财政局']);
  });
});

describe('paragraphs', () => {
  it('one per non-blank line, with the blank lines before it; whitespace-only lines are blank', () => {
    const ps = paras('甲\n\n乙\n\n\n丙\n \n　\n丁');
    expect(ps.map((p) => [p.text, p.gapBefore, p.line])).toEqual([
      ['甲', 0, 1],
      ['乙', 1, 3],
      ['丙', 2, 6],
      ['丁', 2, 9],
    ]);
  });
  it('CRLF and CR line ends, a BOM', () => {
    expect(paras('\ufeff甲\r\n\r\n乙\r丙').map((p) => [p.text, p.gapBefore])).toEqual([
      ['甲', 0],
      ['乙', 1],
      ['丙', 0],
    ]);
  });
  it('empty text gives no blocks', () => {
    expect(textToDocument('').blocks).toEqual([]);
    expect(textToDocument('\n\n  \n').blocks).toEqual([]);
  });
});
