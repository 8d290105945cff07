import { describe, expect, it } from 'vitest';
import { matchQuery, parseQuery, titleQuery } from './query.ts';
import { buildVector } from './vector.ts';

/** Lexemes of a tsvector literal (positions dropped). */
function lexemes(vector: string): Set<string> {
  const out = new Set<string>();
  for (const m of vector.matchAll(/'((?:[^']|'')*)'(?::[\dA-D,]+)?/g)) out.add(m[1]!.replace(/''/g, "'"));
  return out;
}

/** Does a document (its lexemes) satisfy a tsquery built from quoted lexemes, & | ! and parentheses? */
function satisfies(vector: Set<string>, tsquery: string): boolean {
  const js = tsquery
    .replace(/'((?:[^']|'')*)'/g, (_m, l: string) => String(vector.has(l.replace(/''/g, "'"))))
    .replace(/&/g, '&&')
    .replace(/\|/g, '||');
  return Function(`return (${js});`)() as boolean;
}

const doc = {
  title: ['示范县人民政府办公室关于印发示范县城区临时停车管理办法的通知', '示政办规〔2021〕2号'],
  a: ['示范县人民政府办公室', '示范县人民政府办公室', '县政府办'],
  whole: ['ZFB/2021-00002'],
  b: '各乡镇人民政府，县政府各部门：根据肥政办字[2020]12号文件精神，现将《示范县城区临时停车管理办法》印发给你们。',
  c: '附件：停车泊位收费标准表',
  filters: { s: 'published', g: 'normative_document', y: '2021', u: ['root', 'zfb'], t: ['城乡建设、环境保护'] },
};

describe('buildVector', () => {
  const v = buildVector(doc);
  const lex = lexemes(v);

  it('weights the title A, the body B and attachments C, with positions', () => {
    expect(v).toMatch(/'通知':\d+A/);
    expect(v).toMatch(/'印发':\d+A(,\d+[AB])*,\d+B/);
    expect(v).toMatch(/'收费':\d+C/);
  });

  it('indexes 文号 in canonical form, from the record and from running text', () => {
    expect(lex.has('示政办规〔2021〕2号')).toBe(true);
    expect(lex.has('肥政办字〔2020〕12号')).toBe(true);
    expect(lex.has('§示政办规〔2021〕2号')).toBe(true);
    expect(lex.has('§肥政办字〔2020〕12号')).toBe(false);
  });

  it('carries the filters in their own namespace', () => {
    for (const f of ['~s:published', '~g:normative_document', '~y:2021', '~u:root', '~u:zfb', '~t:城乡建设、环境保护']) expect(lex.has(f)).toBe(true);
  });

  it.each([
    ['示政办规(2021)2号', true, true],
    ['肥政办字（2020）12号', true, false],
    ['临时停车', true, true],
    ['县政府办', true, false],
    ['zfb/2021-00002', true, false],
    ['2021-00002', false, false],
    ['"停车管理办法"', true, true],
    ['停车 收费标准', true, false],
    ['各乡镇人民政府', true, false],
    ['临时 收费 乡镇', true, false],
    ['停车场', false, false],
    ['示政办规〔2021〕3号', false, false],
  ])('%s matches the document: %s (in the title and numbers: %s)', (q, all, inTitle) => {
    const p = parseQuery(q);
    expect(satisfies(lex, matchQuery(p)!)).toBe(all);
    expect(satisfies(lex, titleQuery(p)!)).toBe(inTitle);
  });
});
