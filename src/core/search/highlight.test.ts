import { describe, expect, it } from 'vitest';
import { excerpt, highlight, segmentsToHtml, snippet } from './highlight.ts';

describe('highlight', () => {
  it('marks every occurrence, longest term first, and escapes everything else', () => {
    const segs = highlight('<b>医疗保险</b>与保险&医疗', ['医疗保险', '保险']);
    expect(segmentsToHtml(segs)).toBe('&lt;b&gt;<mark>医疗保险</mark>&lt;/b&gt;与<mark>保险</mark>&amp;医疗');
  });

  it('ignores the width of Latin letters and digits, and their case', () => {
    expect(segmentsToHtml(highlight('ＧＤＰ增长２０２５', ['gdp', '2025']))).toBe('<mark>ＧＤＰ</mark>增长<mark>２０２５</mark>');
  });

  it('cuts an excerpt around the place where most terms meet', () => {
    const text = '甲'.repeat(300) + '危房改造' + '乙'.repeat(300) + '危房改造资金补助' + '丙'.repeat(300);
    const s = snippet(text, ['危房改造', '补助'], 60)!;
    const html = segmentsToHtml(s);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>危房改造</mark>资金<mark>补助</mark>');
    expect(s.map((x) => x.text).join('').length).toBeLessThanOrEqual(64);
  });

  it('gives no excerpt when no term occurs, and the beginning of the text instead when asked', () => {
    expect(snippet('没有相关内容', ['危房'])).toBeNull();
    expect(excerpt('一'.repeat(200), 10)).toEqual([{ text: '一'.repeat(10) + '…', hit: false }]);
  });
});
