import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../publishing/body.ts';
import { reportDocument, printGrid } from './document.ts';
import { sectionHeadings } from './format.ts';
import { reportHtml } from './html.ts';
import { occupancy, section2Grids, section3Grid, section4Grid, type Grid } from './layout.ts';
import { emptyFigures } from './model.ts';
import { defaultNarrative } from './narrative.ts';

const texts = (g: Grid) => g.rows.flat().map((c) => c.text);

// The rules file next to the repository (../shared), when it is there: its bold labels are the verbatim ones.
const RULES = new URL('../../../../shared/rules/annual-report.md', import.meta.url);
const haveRules = existsSync(RULES);

/** Every label the rules file sets in bold in the section's part (the verbatim labels). */
function boldLabels(from: string, to: string): string[] {
  if (!haveRules) return [];
  const md = readFileSync(RULES, 'utf8');
  const part = md.slice(md.indexOf(from), md.indexOf(to));
  return [...part.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);
}

describe('the tables of the 2021 format', () => {
  const f = emptyFigures('2021');

  it('lays out section 三 on 10 columns with the template’s merges and every label verbatim', () => {
    const g = section3Grid(f.section3, '2021');
    const occ = occupancy(g);
    expect(occ[0]).toHaveLength(10);
    expect(g.rows[0]![0]).toMatchObject({ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colSpan: 3, rowSpan: 3 });
    expect(g.rows[0]![1]).toMatchObject({ text: '申请人情况', colSpan: 7 });
    expect(g.rows[1]!.map((c) => [c.text, c.rowSpan ?? 1, c.colSpan ?? 1])).toEqual([['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]]);
    expect(g.rows[2]!.map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    const results = g.rows.flat().find((c) => c.text === '三、本年度办理结果')!;
    expect(results.rowSpan).toBe(22);
    expect(g.rows.flat().find((c) => c.text === '（三）不予公开')!.rowSpan).toBe(8);
    expect(g.rows.flat().find((c) => c.text === '（四）无法提供')!.rowSpan).toBe(3);
    expect(g.rows.flat().find((c) => c.text === '（五）不予处理')!.rowSpan).toBe(5);
    expect(g.rows.flat().find((c) => c.text === '（六）其他处理')!.rowSpan).toBe(3);
    expect(g.rows).toHaveLength(3 + 2 + 22 + 1);
    // Every data row ends in 7 numbers.
    for (const line of occ.slice(3)) expect(line.slice(3).every((x) => /^\d+$/.test(x.cell.text))).toBe(true);
    const labels = boldLabels('### 2.3', '### 2.4');
    const all = texts(g);
    if (haveRules) expect(labels.length).toBe(41);
    for (const l of labels.filter((l) => /[\u4e00-\u9fff]/.test(l))) expect(all, l).toContain(l);
  });

  it('lays out section 四 as 15 numbers under its three header rows', () => {
    const g = section4Grid(f.section4);
    const occ = occupancy(g);
    expect(occ.every((r) => r.length === 15)).toBe(true);
    expect(g.rows[3]).toHaveLength(15);
    expect(g.rows[1]!.slice(0, 5).every((c) => c.rowSpan === 2)).toBe(true);
    expect(texts(g)).toEqual(expect.arrayContaining(boldLabels('### 2.4', '### 2.5')));
  });

  it('lays out section 二 in four blocks with single values over three columns', () => {
    const grids = section2Grids(f);
    expect(grids.map((g) => g.caption)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    const print = printGrid(grids, true);
    occupancy(print);
    expect(print.rows.filter((r) => r.length === 1 && r[0]!.colSpan === 4).map((r) => r[0]!.text)).toEqual(grids.map((g) => g.caption));
    const all = grids.flatMap(texts);
    for (const l of ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '行政规范性文件', '本年处理决定数量', '行政许可', '行政处罚', '行政强制', '本年收费金额（单位：万元）', '行政事业性收费']) expect(all).toContain(l);
    expect(grids[1]!.rows[1]![1]).toMatchObject({ text: '0', colSpan: 3 });
  });
});

describe('the 2019 layout', () => {
  const f = emptyFigures('2019');
  it('has （六）其他处理 as one row (三、本年度办理结果 over 20 rows) and the older section 二', () => {
    const g = section3Grid(f.section3, '2019');
    occupancy(g);
    expect(g.rows.flat().find((c) => c.text === '三、本年度办理结果')!.rowSpan).toBe(20);
    expect(g.rows.flat().find((c) => c.text === '（六）其他处理')).toMatchObject({ colSpan: 2 });
    const grids = section2Grids(f);
    for (const g2 of grids) occupancy(g2);
    const all = [...grids.map((x) => x.caption), ...grids.flatMap(texts)];
    for (const l of ['本年新制作数量', '本年新公开数量', '对外公开总数量', '规范性文件', '上一年项目数量', '本年增/减', '处理决定数量', '其他对外管理服务事项', '采购项目数量', '采购总金额', '政府集中采购', '第二十条第（九）项']) expect(all).toContain(l);
    expect(sectionHeadings('2019').problems).toBe('五、政府信息公开工作存在的主要问题及改进情况');
  });
});

describe('reportHtml', () => {
  const doc = reportDocument({ title: '示范县人民政府2025年政府信息公开工作年度报告', figures: emptyFigures('2021'), narrative: defaultNarrative({ year: 2025, organName: '示范县人民政府', government: true }), context: { year: 2025, organName: '示范县人民政府', government: true } });
  const html = reportHtml(doc);

  it('has the six headings in order, captions, header cells with their scope and the merges', () => {
    const h2 = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
    expect(html.match(/<table>/g)).toHaveLength(6);
    expect(html.match(/<caption>/g)).toHaveLength(6);
    expect(html).toContain('<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>');
    expect(html).toContain('<th scope="colgroup" colspan="7">申请人情况</th>');
    expect(html).toContain('<th scope="row">规章</th>');
    expect(html).toContain('<h3>（一）主动公开</h3>');
    expect(html).toContain('统计期限自2025年1月1日起至2025年12月31日止');
    expect(html).not.toContain('{{');
  });

  it('comes through the record body’s sanitiser unchanged', () => {
    expect(sanitizeBody(html)).toBe(html.trim());
  });
});
