import { describe, expect, it } from 'vitest';
import { findClassificationMarks } from './secrecy.ts';

const marks = (text: string) => findClassificationMarks(text).map((m) => [m.mark, m.text]);

describe('findClassificationMarks: documents that carry a mark', () => {
  it.each([
    ['机密★1年\n示范县人民政府\n关于……的通知', [['机密', '机密★1年']]],
    ['秘密★\n关于……的通知', [['秘密', '秘密★']]],
    ['绝密★启用前\n2025年全国硕士研究生招生考试', [['绝密', '绝密★启用前']]],
    ['★秘密\n会议纪要', [['秘密', '★秘密']]],
    ['000123\n机密★10年\n特急\n示范县人民政府文件', [['机密', '机密★10年']]],
    ['000123  秘密★5年  特急\n示范县人民政府文件', [['秘密', '秘密★5年']]],
    ['秘密\n关于……的通知', [['秘密', '秘密']]],
    ['  机密  \n关于……的报告', [['机密', '机密']]],
    ['机密 1年\n关于……的报告', [['机密', '机密 1年']]],
    ['机密（1年）\n关于……的报告', [['机密', '机密（1年）']]],
    ['秘密 ★ 六个月\n关于……的请示', [['秘密', '秘密 ★ 六个月']]],
    ['机密 关于调整某某事项的通知\n各乡镇……', [['机密', '机密']]],
    ['【绝密】\n关于……', [['绝密', '绝密']]],
    ['文件标题\n密级：机密\n保密期限：10年', [['机密', '机密']]],
    ['密级\t秘密\n', [['秘密', '秘密']]],
    ['正文……\n机密★\n附件', [['机密', '机密★']]],
  ])('%j', (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
  it('offsets point at the mark', () => {
    const text = '000123\n  机密★1年\n';
    const [m] = findClassificationMarks(text);
    expect(text.slice(m!.start, m!.end)).toBe('机密★1年');
  });
});

describe('findClassificationMarks: running text is not a mark', () => {
  it.each([
    '关于做好保守国家秘密工作的通知',
    '行政机关不得公开涉及国家秘密的政府信息。',
    '涉及商业秘密、个人隐私的政府信息，行政机关不得公开。',
    '工作人员应当保守秘密，不得泄露。',
    '保守国家秘密法\n第一条 为了保守国家秘密……',
    '国家秘密的密级分为绝密、机密、秘密三级。',
    '机密文件应当存放在保密柜中。',
    '秘密文件管理办法\n第一条',
    '★秘密文件管理要求：……',
    '商业秘密\n第二条 本办法所称商业秘密……',
    '国家秘密\n工作秘密\n商业秘密',
    '本文件不涉及国家秘密、工作秘密。',
    '依法保护个人秘密和商业秘密。',
  ])('%j', (text) => {
    expect(marks(text)).toEqual([]);
  });
  it('is linear on pathological input', () => {
    for (const text of ['秘密'.repeat(5e5), '秘密\n'.repeat(3e5), '★秘密★'.repeat(2e5)]) {
      const t0 = performance.now();
      findClassificationMarks(text);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });
});
