import { describe, expect, it } from 'vitest';
import { bodyText, sanitizeBody } from './body.ts';
import { validityChangeProblem, validityOn } from './validity.ts';

describe('record body', () => {
  it('keeps the document structure and drops scripts, handlers and styles', () => {
    const html = '<p style="color:red" onclick="x()">第一条<script>alert(1)</script></p><table><tr><td colspan="2">表</td></tr></table><a href="javascript:alert(1)">链接</a><img src="x" onerror="y">';
    const out = sanitizeBody(html);
    expect(out).not.toMatch(/script|onclick|onerror|style=|javascript:/);
    expect(out).toContain('<p>第一条</p>');
    expect(out).toContain('<td colspan="2">表</td>');
  });
  it('gives plain text with line breaks for search and the guard', () => {
    expect(bodyText('<p>第一条&nbsp;总则</p><p>第二条 a &lt; b</p>')).toBe('第一条 总则\n第二条 a < b');
  });
});

describe('validity', () => {
  const state = { validity: 'valid' as const, effectiveOn: '2024-01-01', expiresOn: '2026-12-31', changedOn: null, amendedById: null };
  it('counts a valid document past its 有效期 as expired', () => {
    expect(validityOn(state, '2026-12-31')).toBe('valid');
    expect(validityOn(state, '2027-01-01')).toBe('expired');
  });
  it('needs the amending record for 已修改, and never revives a repealed document', () => {
    expect(validityChangeProblem(state, { validity: 'amended', on: '2025-01-01' }, { writtenOn: '2023-12-01' })).toMatch(/关联/);
    expect(validityChangeProblem({ ...state, validity: 'repealed' }, { validity: 'valid', on: '2025-01-01' }, { writtenOn: null })).toMatch(/不能恢复/);
    expect(validityChangeProblem(state, { validity: 'repealed', on: '2023-01-01' }, { writtenOn: '2023-12-01' })).toMatch(/早于成文日期/);
    expect(validityChangeProblem(state, { validity: 'repealed', on: '2025-06-01' }, { writtenOn: '2023-12-01' })).toBeNull();
  });
});
