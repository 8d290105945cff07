import { describe, expect, it } from 'vitest';
import { bigramSimilarity, cellText, compareKey, endsSentence, unitKey } from './text.ts';

describe('text helpers', () => {
  it('cellText collapses every kind of space', () => {
    expect(cellText('  a\u3000\u00a0 b\n c\u200b ')).toBe('a b c');
    expect(cellText(null)).toBe('');
  });
  it('compareKey ignores width, spaces and punctuation', () => {
    expect(compareKey('做好（一）公开， 工作。')).toBe(compareKey('做好(一)公开,工作'));
    expect(compareKey('ＡＢＣ１２３')).toBe('abc123');
  });
  it('unitKey keeps one bracket style', () => {
    expect(unitKey('市政府各部门（单位）')).toBe(unitKey('市政府各部门(单位)'));
    expect(unitKey(' 县 财政局 ')).toBe('县财政局');
  });
  it('endsSentence', () => {
    expect(endsSentence('做好公开。')).toBe(true);
    expect(endsSentence('做好公开；')).toBe(true);
    expect(endsSentence('做好“公开。”')).toBe(true);
    expect(endsSentence('推进决策公开')).toBe(false);
  });
  it('bigramSimilarity', () => {
    expect(bigramSimilarity('公开预决算信息', '公开预决算信息。')).toBe(1);
    expect(bigramSimilarity('公开预决算信息', '发布统计数据')).toBe(0);
    const s = bigramSimilarity('全面公开县级预决算和部门预决算', '全面公开县级预决算');
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(1);
    expect(bigramSimilarity('a', 'b')).toBe(0);
  });
});
