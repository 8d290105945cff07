import { describe, expect, it } from 'vitest';
import { Bm25Index, parseQuestion, prepareDoc, rankAnswers, splitPassages, tokens, type AnswerDoc } from './retrieval.ts';

const DOCS: [string, string, string][] = [
  ['p:a:0', '示范县高龄津贴发放管理办法', '具有本县户籍、年满80周岁的老年人，按月享受高龄津贴。'],
  ['p:a:1', '示范县高龄津贴发放管理办法', '津贴标准：80至89周岁每人每月100元，90至99周岁每人每月300元。'],
  ['p:b:0', '示范县高校毕业生就业创业扶持办法', '高校毕业生参加就业见习，按每人每月1500元标准给予见习单位见习补贴。'],
  ['p:c:0', '示范县退役军人就业创业扶持若干措施', '退役军人创业可申请最高30万元创业担保贷款，财政按规定贴息。'],
  ['p:d:0', '示范县突发地质灾害应急预案', '本预案适用于本县行政区域内自然因素或者人为活动引发的地质灾害应急防治工作。'],
];

function index() {
  const prepared = DOCS.map(([id, title, text]) => prepareDoc(id, [{ text: title, weight: 0.5 }, { text, weight: 1 }]));
  const docs = new Map<string, AnswerDoc>(DOCS.map(([id]) => [id, { id, kind: 'passage', recordIds: [id.split(':')[1]!] }]));
  return { bm25: new Bm25Index(prepared), docs };
}

describe('政策问答: retrieval', () => {
  it('cuts text into lexemes in search mode, leaving function words out', () => {
    const t = tokens('高校毕业生的就业补贴');
    expect(t).toContain('毕业生');
    expect(t).toContain('就业');
    expect(t).not.toContain('的');
  });

  it('reads a question as concepts without its question words, adding everyday-word expansions', () => {
    const q = parseQuestion('我奶奶今年92岁了，每个月能领多少高龄津贴？');
    const words = q.concepts.map((c) => c.word);
    expect(words).toContain('高龄');
    expect(words).not.toContain('多少');
    expect(words).not.toContain('今年');
    const veteran = parseQuestion('退伍了自己创业有贷款吗');
    expect(veteran.terms.find((t) => t.term === '退役军人')?.weight).toBeLessThan(1);
  });

  it('ranks the passage that answers first', () => {
    const { bm25, docs } = index();
    const hits = rankAnswers(bm25.search(parseQuestion('90岁老人每月高龄津贴标准是多少？')), docs);
    expect(hits[0]?.recordIds).toEqual(['a']);
    expect(hits[0]?.matched).toContain('津贴');
    expect(rankAnswers(bm25.search(parseQuestion('当兵回来创业能贷款吗')), docs)[0]?.recordIds).toEqual(['c']);
    expect(rankAnswers(bm25.search(parseQuestion('大学生见习补贴每月多少')), docs)[0]?.recordIds).toEqual(['b']);
  });

  it('keeps one passage per record, and answers nothing to an off-topic question', () => {
    const { bm25, docs } = index();
    const hits = rankAnswers(bm25.search(parseQuestion('高龄津贴')), docs);
    expect(hits.filter((h) => h.recordIds[0] === 'a')).toHaveLength(1);
    expect(rankAnswers(bm25.search(parseQuestion('火星移民签证怎么办理？')), docs)).toEqual([]);
    expect(rankAnswers(bm25.search(parseQuestion('')), docs)).toEqual([]);
    expect(rankAnswers(bm25.search(parseQuestion('<script>alert(1)</script>')), docs)).toEqual([]);
  });

  it('cuts records into passages at paragraphs and sentence ends, joining short lines', () => {
    const text = ['各乡镇人民政府：', '第一条 '.padEnd(150, '甲') + '。' + '乙'.repeat(150) + '。', '第二条 本办法自发布之日起施行。'].join('\n');
    const p = splitPassages(text, 220, 40);
    expect(p[0]!.startsWith('各乡镇人民政府：第一条')).toBe(true);
    expect(p.every((x) => x.length <= 330)).toBe(true);
    expect(p.join('')).toBe(text.replace(/\n/g, ''));
    expect(splitPassages('')).toEqual([]);
  });
});
