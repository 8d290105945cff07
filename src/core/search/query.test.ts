import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasTerms, highlightTerms, matchQuery, MAX_QUERY_CHARS, MAX_TERMS, parseQuery, rankQuery, titleQuery } from './query.ts';

/** The lexemes of a tsquery literal built by matchQuery, and what is left once they are taken out. */
function lexemesOf(tsquery: string): { lexemes: string[]; rest: string } {
  const lexemes: string[] = [];
  const rest = tsquery.replace(/'((?:[^'\\]|''|\\.)*)'/g, (_m, l: string) => {
    lexemes.push(l.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
    return 'L';
  });
  return { lexemes, rest };
}

describe('parseQuery', () => {
  it.each(['肥政办字〔2020〕12号', '肥政办字[2020]12号', '肥政办字(2020)12号', '肥政办字（2020）12号', '肥政办字［2020］12号', ' 肥政办字 【2020】 12 号 '])('reads %s as the 文号 肥政办字〔2020〕12号', (q) => {
    const p = parseQuery(q);
    expect(p.isDocNo).toBe(true);
    expect(p.docNos.map((d) => d.normalized)).toEqual(['肥政办字〔2020〕12号']);
    expect(matchQuery(p)).toBe("'肥政办字〔2020〕12号'");
  });

  it('finds a 文号 inside other words, without the words before its issuer code', () => {
    const p = parseQuery('关于肥政办字［2020］12号的通知');
    expect(p.isDocNo).toBe(false);
    expect(p.docNos.map((d) => d.normalized)).toEqual(['肥政办字〔2020〕12号']);
    expect(matchQuery(p)).toBe("'肥政办字〔2020〕12号' & '通知'");
  });

  it('requires every word, as the pairs of characters that make it up', () => {
    const p = parseQuery('城乡居民 医疗保险');
    expect(matchQuery(p)).toBe("('城乡' & '乡居' & '居民') & ('医疗' & '疗保' & '保险')");
    expect(titleQuery(p)).toBe("('§城乡' & '§乡居' & '§居民') & ('§医疗' & '§疗保' & '§保险')");
    expect(rankQuery(p)).toContain("'医疗保险'");
  });

  it('keeps a lone character with its neighbour', () => {
    expect(matchQuery(parseQuery('县人民政府'))).toBe("('县人' & '人民' & '民政' & '政府')");
    expect(matchQuery(parseQuery('青山镇'))).toBe("('青山' & '山镇')");
  });

  it('drops function words and punctuation, and keeps Latin words and numbers in lower case', () => {
    const p = parseQuery('关于 GDP的增长，２０２５年！');
    expect(matchQuery(p)).toBe("'gdp' & '增长' & '2025'");
  });

  it('matches a quoted phrase as written, function words included', () => {
    const p = parseQuery('“发展和改革” 通知');
    expect(p.terms[0]).toMatchObject({ kind: 'phrase', text: '发展和改革' });
    expect(matchQuery(p)).toBe("('发展' & '展和' & '和改' & '改革') & '通知'");
    expect(highlightTerms(p)).toEqual(['发展和改革', '通知']);
  });

  it('treats an unbalanced quote as punctuation', () => {
    expect(matchQuery(parseQuery('"未闭合的引号'))).toBe(matchQuery(parseQuery('未闭合的引号')));
  });

  it('shortens long input and drops words beyond the limit, saying so', () => {
    const long = parseQuery('政务公开'.repeat(3000));
    expect(Array.from(long.text).length).toBe(MAX_QUERY_CHARS);
    expect(long.truncated).toBe(true);
    expect(long.notices.join()).toContain('过长');
    const many = parseQuery(Array.from({ length: 30 }, (_, i) => `词${i}号`).join(' '));
    expect(many.terms.length).toBe(MAX_TERMS);
    expect(many.dropped.length).toBeGreaterThan(0);
    expect(many.notices.join()).toContain('过多');
  });

  it.each(['', '   ', '！！！？？', '的', '的 和 关于', '\u0000\u0001'])('has nothing to search for in %j', (q) => {
    const p = parseQuery(q);
    expect(hasTerms(p)).toBe(false);
    expect(matchQuery(p)).toBeNull();
  });

  it('never lets typed text reach the § and ~ namespaces or the tsquery syntax', () => {
    for (const q of ["'; DROP TABLE records; --", '<script>alert(1)</script>', "a' | 'b", '§标题 ~g:notice', '(a & b) | !c <-> d:*', '\\\'\\']) {
      const m = matchQuery(parseQuery(q));
      if (!m) continue;
      const { lexemes, rest } = lexemesOf(m);
      expect(rest).toMatch(/^[L&|() ]*$/);
      for (const l of lexemes) expect(l).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    }
  });

  it('gives a well-formed query or none for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (q) => {
        const p = parseQuery(q);
        for (const m of [matchQuery(p), titleQuery(p), rankQuery(p)]) {
          if (m === null) continue;
          const { rest } = lexemesOf(m);
          expect(rest).toMatch(/^[L&|() !]*$/);
          // Parentheses balance.
          let depth = 0;
          for (const c of rest) {
            depth += c === '(' ? 1 : c === ')' ? -1 : 0;
            expect(depth).toBeGreaterThanOrEqual(0);
          }
          expect(depth).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
