import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from './document.ts';
import { extractTasks } from './extract.ts';
import { spansToGrid } from './grid.ts';
import { htmlToDocument, looksLikeHtml } from './html.ts';

const blocks = (html: string) => htmlToDocument(html).blocks;
const table = (html: string) => blocks(html).find((b): b is TableBlock => b.kind === 'table')!;

describe('spansToGrid', () => {
  it('row and column spans become merged cells', () => {
    const g = spansToGrid([
      [
        { text: 'a', rowSpan: 2, colSpan: 1 },
        { text: 'b', rowSpan: 1, colSpan: 2 },
      ],
      [
        { text: 'c', rowSpan: 1, colSpan: 1 },
        { text: 'd', rowSpan: 1, colSpan: 1 },
      ],
    ]);
    expect(g).toEqual([
      [{ text: 'a' }, { text: 'b' }, { text: '', merged: 'left' }],
      [{ text: '', merged: 'up' }, { text: 'c' }, { text: 'd' }],
    ]);
  });
  it('a row span larger than the table is cut at its end', () => {
    expect(spansToGrid([[{ text: 'a', rowSpan: 99, colSpan: 1 }], []])).toHaveLength(2);
  });
});

describe('htmlToDocument', () => {
  it('paragraphs and a table, in order; entities decoded; scripts and head skipped', () => {
    const b = blocks('<html><head><title>标题</title><script>var t="<p>脚本</p>";</script></head><body><p>第一段&amp;附件</p><div>第二段<br>第三段</div><table><tr><td>序号</td><td>要求</td></tr><tr><td>1</td><td>做好&nbsp;公开</td></tr></table><p>尾注</p></body></html>');
    expect(b.map((x) => (x.kind === 'paragraph' ? x.text : 'TABLE'))).toEqual(['第一段&附件', '第二段', '第三段', 'TABLE', '尾注']);
    const t = b[3] as TableBlock;
    expect(t).toMatchObject({ source: 'html', mergeKnown: true });
    expect(t.rows[1]![1]!.text).toBe('做好 公开');
  });
  it('rowspan and colspan are kept as merged cells', () => {
    const t = table('<table><tr><th>任务</th><th>要求</th><th>单位</th></tr><tr><td rowspan="2">甲</td><td>一</td><td rowspan=2>县财政局</td></tr><tr><td>二</td></tr><tr><td colspan="3">二、小节</td></tr></table>');
    expect(t.rows[2]).toEqual([{ text: '', merged: 'up' }, { text: '二' }, { text: '', merged: 'up' }]);
    expect(t.rows[3]).toEqual([{ text: '二、小节' }, { text: '', merged: 'left' }, { text: '', merged: 'left' }]);
  });
  it('a table inside a cell adds its text to the cell', () => {
    const t = table('<table><tr><td>外</td><td><table><tr><td>内一</td><td>内二</td></tr></table></td></tr></table>');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]![1]!.text).toContain('内一 内二');
  });
  it('paragraphs inside a cell become lines of the cell', () => {
    expect(table('<table><tr><td><p>县财政局</p><p>县审计局</p></td></tr></table>').rows[0]![0]!.text).toBe('县财政局\n县审计局');
  });
  it('an unclosed table still counts', () => {
    expect(table('<table><tr><td>a</td><td>b</td>').rows[0]!.map((c) => c.text)).toEqual(['a', 'b']);
  });
  it('a notice page read end to end', () => {
    const html = `<p>示范县2025年政务公开工作任务分解表</p><table>
      <tr><td>序号</td><td>工作任务</td><td>工作要求</td><td>责任单位</td><td>时限要求</td></tr>
      <tr><td>1</td><td rowspan="2">执法公示</td><td>公开行政处罚信息</td><td rowspan="2">县司法局牵头、各行政执法部门具体落实</td><td rowspan="2">长期坚持</td></tr>
      <tr><td>2</td><td>更新执法公示平台</td></tr></table>`;
    const r = extractTasks(htmlToDocument(html));
    expect(r.tasks.map((t) => [t.category, t.requirement, t.units, t.leadUnits, t.deadlineText])).toEqual([
      ['执法公示', '公开行政处罚信息', ['县司法局', '各行政执法部门'], ['县司法局'], '长期坚持'],
      ['执法公示', '更新执法公示平台', ['县司法局', '各行政执法部门'], ['县司法局'], '长期坚持'],
    ]);
  });
});

describe('looksLikeHtml', () => {
  it('by the start of the text or its closing tags', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml('  <table><tr><td>1</td></tr></table>')).toBe(true);
    expect(looksLikeHtml('通知\n<p>一</p><p>二</p><p>三</p>')).toBe(true);
    expect(looksLikeHtml('序号\t工作要求\n1\t公开 <标题> 信息')).toBe(false);
    expect((blocks('') as ParagraphBlock[]).length).toBe(0);
  });
});
