import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_PATTERN, formatIndexNo, indexPatternProblem, indexScope } from './index-no.ts';

const parts = { unitCode: 'fgj', orgCode: '11990121MB0000001A', tenantCode: 'shifan', year: 2026, month: 3, catalogueCode: null };

describe('索引号', () => {
  it('formats the default pattern: unit code / year - 5-digit sequence', () => {
    expect(formatIndexNo(DEFAULT_INDEX_PATTERN, parts, 12)).toBe('fgj/2026-00012');
  });
  it('formats other patterns seen in practice', () => {
    expect(formatIndexNo('{orgCode}/{year}{month}-{seq:5}', parts, 13)).toBe('11990121MB0000001A/202603-00013');
    expect(formatIndexNo('{orgCode}/{year}-{seq}', { ...parts, orgCode: null }, 7)).toBe('fgj/2026-7');
  });
  it('draws one counter per unit and year (the scope leaves out only the sequence)', () => {
    expect(indexScope(DEFAULT_INDEX_PATTERN, parts)).toBe('fgj/2026-0000#');
    expect(indexScope(DEFAULT_INDEX_PATTERN, { ...parts, year: 2027 })).not.toBe(indexScope(DEFAULT_INDEX_PATTERN, parts));
    expect(indexScope(DEFAULT_INDEX_PATTERN, { ...parts, month: 9 })).toBe(indexScope(DEFAULT_INDEX_PATTERN, parts));
  });
  it('refuses patterns without exactly one sequence, or with unknown placeholders', () => {
    expect(indexPatternProblem(DEFAULT_INDEX_PATTERN)).toBeNull();
    expect(indexPatternProblem('{unitCode}/{year}')).toMatch(/流水号/);
    expect(indexPatternProblem('{seq}-{seq}')).toMatch(/流水号/);
    expect(indexPatternProblem('{unit}/{seq}')).toMatch(/占位符/);
  });
});
