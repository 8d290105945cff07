import { describe, expect, it } from 'vitest';
import { emptyFigures } from './model.ts';
import { defaultNarrative, fillPlaceholders, isSubheading, narrativeFindings, paragraphs, placeholders } from './narrative.ts';

const ctx = { year: 2025, organName: '示范县发展和改革局', government: false };

describe('placeholders', () => {
  const f = emptyFigures('2021');
  f.section3.newThisYear = { natural_person: 3, enterprise: 1, research: 0, public_interest: 0, legal_service: 1, other_org: 0, total: 5 };
  f.fees = { amountYuan: 1250.5, requests: 2 };
  const list = placeholders(f, ctx);

  it('lists the figures with their values and where they come from', () => {
    const by = Object.fromEntries(list.map((p) => [p.name, p]));
    expect(by['本年新收申请数']).toEqual({ name: '本年新收申请数', placeholder: '{{本年新收申请数}}', value: '5', source: '第三部分表格「一、本年新收政府信息公开申请数量」行「总计」列' });
    expect(by['法人或其他组织申请数']!.value).toBe('2');
    expect(by['信息处理费']!.value).toBe('1250.50');
    expect(by['单位名称']!.value).toBe('示范县发展和改革局');
  });

  it('fills them in, leaving unknown ones for the check to find', () => {
    expect(fillPlaceholders('共收到申请{{本年新收申请数}}件，{{ 报告年度 }}年，{{不存在}}', list)).toBe('共收到申请5件，2025年，{{不存在}}');
    const n = { ...defaultNarrative(ctx), problems: '{{不存在}}' };
    const found = narrativeFindings(n, list);
    expect(found.find((x) => x.code === 'NARRATIVE_PLACEHOLDER')!.message).toBe('第五部分「存在的主要问题及改进情况」中的“{{不存在}}”不是可插入的数据项（可用的见“插入数据”列表）');
  });

  it('finds text still to be written and empty sections', () => {
    const found = narrativeFindings({ ...defaultNarrative(ctx), other: ' \n ' }, list);
    expect(found.map((x) => [x.code, x.cell])).toEqual([
      ['NARRATIVE_TODO', '第一部分「总体情况」'],
      ['NARRATIVE_TODO', '第五部分「存在的主要问题及改进情况」'],
      ['NARRATIVE_EMPTY', '第六部分「其他需要报告的事项」'],
    ]);
    expect(narrativeFindings({ preamble: '', overview: '写好了。', problems: '写好了。', other: '写好了。' }, list)).toEqual([]);
  });

  it('has no fee placeholder for a report without fee figures (2019 layout)', () => {
    expect(placeholders(emptyFigures('2019'), ctx).some((p) => p.name === '信息处理费')).toBe(false);
  });
});

describe('paragraphs', () => {
  it('splits lines, drops the typed indent, knows sub-headings', () => {
    expect(paragraphs('　　第一段。\r\n\n  （一）主动公开\n第二段')).toEqual(['第一段。', '（一）主动公开', '第二段']);
    expect(isSubheading('（一）主动公开')).toBe(true);
    expect(isSubheading('（一）主动公开政府信息2136条。')).toBe(false);
  });
});
