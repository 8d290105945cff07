import { describe, expect, it } from 'vitest';
import { chineseNumber, describeRule, isParsed, normalizeTimeText, parseTimeLimit, simpleRules } from './time-limit.ts';
import type { TimeLimitRule } from './time-limit.ts';

const p = parseTimeLimit;

describe('numerals and normalisation', () => {
  it('reads Chinese numerals', () => {
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('两')).toBe(2);
    expect(chineseNumber('一百二十')).toBe(120);
    expect(chineseNumber('二〇二六')).toBe(2026);
    expect(chineseNumber('x')).toBeNaN();
  });
  it('normalises numerals before units, full-width digits, spaces', () => {
    expect(normalizeTimeText('二十个工作日')).toBe('20工作日');
    expect(normalizeTimeText('２０ 个工作日')).toBe('20工作日');
    expect(normalizeTimeText('三日内')).toBe('3日内');
    expect(normalizeTimeText('十一月底前')).toBe('11月底前');
    expect(normalizeTimeText('第一季度')).toBe('第1季度');
  });
});

describe('after_event', () => {
  it('自信息形成或者变更之日起20个工作日内 → 20 / formed_or_changed', () => {
    expect(p('自信息形成或者变更之日起20个工作日内')).toEqual({
      kind: 'after_event',
      workingDays: 20,
      event: 'formed_or_changed',
      eventText: '信息形成或者变更',
      text: '自信息形成或者变更之日起20个工作日内',
    });
  });
  it('行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示 → 7 / decision, with the subject', () => {
    expect(p('行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示')).toEqual({
      kind: 'after_event',
      workingDays: 7,
      event: 'decision',
      eventText: '作出行政决定',
      appliesTo: '行政许可、行政处罚事项',
      text: '行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
    });
  });
  it('政府采购公告期限5个工作日 → 5 working days the notice stays up', () => {
    expect(p('政府采购公告期限5个工作日')).toEqual({
      kind: 'after_event',
      workingDays: 5,
      event: 'other',
      eventText: '政府采购公告',
      lasting: true,
      text: '政府采购公告期限5个工作日',
    });
  });
  it('Chinese numerals and no event named', () => {
    expect(p('自该政府信息形成或者变更之日起二十个工作日内予以公开')).toMatchObject({ kind: 'after_event', workingDays: 20, event: 'formed_or_changed' });
    // No event: Art. 26's formation is meant.
    expect(p('20个工作日内')).toMatchObject({ kind: 'after_event', workingDays: 20, event: 'formed_or_changed', eventText: '' });
    expect(describeRule(p('20个工作日内'))).toBe('自信息形成或者变更之日起20个工作日内公开');
  });
});

describe('periodic', () => {
  it.each([
    ['每月', 'month'],
    ['按月', 'month'],
    ['按季度', 'quarter'],
    ['每季度', 'quarter'],
    ['每季', 'quarter'],
    ['每半年', 'half_year'],
    ['每年', 'year'],
    ['按年度', 'year'],
  ] as const)('%s → %s', (text, every) => {
    expect(p(text)).toEqual({ kind: 'periodic', every, text });
  });
  it('每月后10个工作日内 → month, within 10 working days', () => {
    expect(p('每月后10个工作日内')).toEqual({ kind: 'periodic', every: 'month', withinWorkingDays: 10, text: '每月后10个工作日内' });
    expect(p('每季度结束后十个工作日内')).toMatchObject({ kind: 'periodic', every: 'quarter', withinWorkingDays: 10 });
  });
  it('named days after the period', () => {
    expect(p('每月10日前')).toMatchObject({ kind: 'periodic', every: 'month', dueOn: { monthOffset: 1, day: 10 } });
    expect(p('每月15日前公开当月计划')).toMatchObject({ kind: 'periodic', every: 'month', dueOn: { monthOffset: 0, day: 15 } });
    expect(p('每季度末')).toMatchObject({ kind: 'periodic', every: 'quarter', dueOn: { monthOffset: 0, day: 'end' } });
    expect(p('次年1月底前')).toMatchObject({ kind: 'periodic', every: 'year', dueOn: { monthOffset: 1, day: 'end' } });
    expect(p('每季度结束后15日内')).toMatchObject({ kind: 'periodic', every: 'quarter', withinDays: 15 });
  });
  it('每年1月31日前公开上一年度… → the previous year, due in January', () => {
    expect(p('每年1月31日前公布上一年度政府信息公开工作年度报告')).toMatchObject({ kind: 'periodic', every: 'year', dueOn: { monthOffset: 1, day: 31 } });
  });
});

describe('by_date', () => {
  it('每年3月31日前 → yearly 3/31', () => {
    expect(p('每年3月31日前')).toEqual({ kind: 'by_date', month: 3, day: 31, yearly: true, text: '每年3月31日前' });
  });
  it('每年1月底前 → yearly 1/31 (a named date of the year, like 每年3月31日前)', () => {
    expect(p('每年1月底前')).toEqual({ kind: 'by_date', month: 1, day: 31, yearly: true, monthEnd: true, text: '每年1月底前' });
  });
  it('年底前, 6月底前 → month ends, not yearly', () => {
    expect(p('年底前')).toEqual({ kind: 'by_date', month: 12, day: 31, yearly: false, monthEnd: true, text: '年底前' });
    expect(p('6月底前')).toEqual({ kind: 'by_date', month: 6, day: 30, yearly: false, monthEnd: true, text: '6月底前' });
    expect(p('2月底前')).toMatchObject({ month: 2, day: 28, monthEnd: true });
  });
  it('a year named', () => {
    expect(p('2026年6月30日前')).toMatchObject({ kind: 'by_date', month: 6, day: 30, year: 2026, yearly: false });
    expect(p('二〇二六年十一月底前')).toMatchObject({ kind: 'by_date', month: 11, day: 30, year: 2026, monthEnd: true });
  });
});

describe('continuous', () => {
  it.each(['及时公开', '实时公开', '动态更新', '长期公开', '常态化', '常态化公开', '及时公开，动态更新', '即时公开'])('%s', (text) => {
    expect(p(text)).toEqual({ kind: 'continuous', text });
  });
});

describe('unparsed', () => {
  it('keeps the text', () => {
    expect(p('按有关规定')).toEqual({ kind: 'unparsed', text: '按有关规定' });
    expect(p('')).toEqual({ kind: 'unparsed', text: '' });
    expect(p('   ')).toEqual({ kind: 'unparsed', text: '' });
    expect(isParsed(p('按有关规定'))).toBe(false);
    expect(describeRule(p('按有关规定'))).toBe('未能识别的公开时限“按有关规定”，需人工确定');
  });
});

describe('compound', () => {
  const text = '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示';
  it('keeps the general rule and the exception, and the whole text', () => {
    const r = p(text);
    expect(r).toEqual({
      kind: 'compound',
      text,
      rules: [
        { kind: 'after_event', workingDays: 20, event: 'formed_or_changed', eventText: '信息形成', text: '信息形成20个工作日内公开' },
        {
          kind: 'after_event',
          workingDays: 7,
          event: 'decision',
          eventText: '作出行政决定',
          appliesTo: '行政许可、行政处罚事项',
          text: '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
        },
      ],
    });
    expect(describeRule(r)).toBe('自信息形成之日起20个工作日内公开；其中，行政许可、行政处罚事项：自作出行政决定之日起7个工作日内公开');
    expect(simpleRules(r)).toHaveLength(2);
  });
  it('two limits in one sentence, separated by a comma', () => {
    const r = p('自信息形成之日起，20个工作日内公开，行政许可、行政处罚决定7个工作日内公示');
    expect(r.kind).toBe('compound');
    expect(simpleRules(r).map((x) => [x.kind, (x as { workingDays?: number }).workingDays])).toEqual([
      ['after_event', 20],
      ['after_event', 7],
    ]);
    expect(simpleRules(r)[1]).toMatchObject({ event: 'decision' });
  });
  it('a periodic rule with a continuous exception', () => {
    const r = p('每季度公开；其中重大事项及时公开');
    expect(r).toMatchObject({ kind: 'compound', rules: [{ kind: 'periodic', every: 'quarter' }, { kind: 'continuous', appliesTo: '重大事项' }] });
  });
  it('repeated or unreadable clauses beside a readable one do not make a compound', () => {
    expect(p('及时公开；动态更新')).toEqual({ kind: 'continuous', text: '及时公开；动态更新' });
    expect(p('自信息形成之日起20个工作日内公开。逾期未公开的，予以通报')).toMatchObject({ kind: 'after_event', workingDays: 20, text: '自信息形成之日起20个工作日内公开。逾期未公开的，予以通报' });
  });
});

// The phrases of rules/time-limits.md (the rule texts of the regulation, 国办 documents and local yearly notices).
describe('phrases from time-limits.md', () => {
  const cases: Array<[string, Partial<TimeLimitRule> & Record<string, unknown>]> = [
    ['自该政府信息形成或者变更之日起20个工作日内予以公开', { kind: 'after_event', workingDays: 20, event: 'formed_or_changed' }],
    ['行政许可、行政处罚等行政执法决定信息自作出执法决定之日起7个工作日内公开', { kind: 'after_event', workingDays: 7, event: 'decision' }],
    ['其他行政执法决定信息自作出执法决定之日起20个工作日内公开', { kind: 'after_event', workingDays: 20, event: 'decision', appliesTo: '其他行政执法决定信息' }],
    // 行政处罚法 Art. 48 ¶2 + Art. 85: its 三日 are working days.
    [
      '行政处罚决定被变更、撤销、确认违法或者确认无效的，应当在三日内撤回原行政处罚决定信息并公开说明理由',
      { kind: 'after_event', workingDays: 3, eventText: '行政处罚决定被变更、撤销、确认违法或者确认无效' },
    ],
    ['特别重大、重大突发事件发生后5小时内发布权威信息', { kind: 'after_event_natural', amount: 5, unit: 'hour', eventText: '特别重大、重大突发事件发生' }],
    ['最迟应在24小时内举行新闻发布会', { kind: 'after_event_natural', amount: 24, unit: 'hour', eventText: '' }],
    ['对其他政务舆情应在48小时内予以回应', { kind: 'after_event_natural', amount: 48, unit: 'hour' }],
    ['政策解读材料应与政策文件同步组织、同步审签、同步部署', { kind: 'after_event', workingDays: 0, eventText: '政策文件' }],
    ['重大行政决策征求意见期限一般不少于30日', { kind: 'after_event_natural', amount: 30, unit: 'day', lasting: true, eventText: '重大行政决策征求意见' }],
    ['重大行政决策合法性审查时间一般不少于7个工作日', { kind: 'after_event', workingDays: 7, lasting: true }],
    ['征求第三方意见，第三方应自收到征求意见书之日起15个工作日内提出意见', { kind: 'after_event', workingDays: 15, eventText: '收到征求意见书' }],
    ['县级以上地方人民政府于每年3月31日前公布本级政府信息公开工作年度报告', { kind: 'by_date', month: 3, day: 31, yearly: true }],
    ['相关解读材料要于文件公布后3个工作日内主动发布', { kind: 'after_event', workingDays: 3, event: 'other', eventText: '文件公布', appliesTo: '相关解读材料' }],
    ['规范性文件自印发之日起15个工作日内在政府网站公开', { kind: 'after_event', workingDays: 15, eventText: '印发', appliesTo: '规范性文件' }],
    ['常务会议决定事项会后1个工作日内发布解读', { kind: 'after_event', workingDays: 1 }],
    ['意见征集结束后3个工作日内公开意见采纳情况', { kind: 'after_event', workingDays: 3, event: 'other', eventText: '意见征集结束' }],
    ['行政执法决定被撤销后3个工作日内撤回', { kind: 'after_event', workingDays: 3 }],
    ['办事条件发生变化的，经批准后1个工作日内更新办事指南', { kind: 'after_event', workingDays: 1, event: 'decision', appliesTo: '办事条件发生变化' }],
    ['每月前10个工作日内公开保障性住房年度计划进展', { kind: 'periodic', every: 'month', withinWorkingDays: 10 }],
    ['年底前公开到村', { kind: 'by_date', month: 12, day: 31, yearly: false }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const r = p(text);
    expect(r).toMatchObject({ ...expected, text });
    expect(describeRule(r)).not.toMatch(/undefined/);
  });
  it('the 行政处罚法 reading is explained', () => {
    const r = p('行政处罚决定被变更、撤销、确认违法或者确认无效的，应当在三日内撤回原行政处罚决定信息并公开说明理由');
    expect(describeRule(r)).toContain('《行政处罚法》第八十五条');
  });
});

describe('describeRule', () => {
  it('describes every kind in Chinese', () => {
    expect(describeRule(p('每季度'))).toBe('每季度公开（未写明期限，按信息于每季度末形成、自形成之日起20个工作日内公开计算）');
    expect(describeRule(p('每月后10个工作日内'))).toBe('每月公开，于每月结束后10个工作日内公开');
    expect(describeRule(p('每月10日前'))).toBe('每月公开，于次月10日前公开上月信息');
    expect(describeRule(p('每年3月31日前'))).toBe('每年3月31日前公开');
    expect(describeRule(p('年底前'))).toBe('年底（12月31日）前公开（按每年计算）');
    expect(describeRule(p('6月底前'))).toBe('6月底前公开（按每年计算）');
    expect(describeRule(p('及时公开'))).toBe('及时公开、动态更新（持续性公开，无固定周期，年底复核）');
    expect(describeRule(p('政府采购公告期限5个工作日'))).toBe('政府采购公告期限为5个工作日，期满前应保持公开');
  });
  it('rules are plain JSON', () => {
    for (const t of ['每季度', '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示', '每月10日前', '年底前']) {
      const r = p(t);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });
  it('never throws on odd input', () => {
    for (const t of ['；；；', '其中', '的，', '0个工作日', '99月99日前', '每月99日前', '每年13月底前', '。'.repeat(50)]) {
      expect(() => p(t)).not.toThrow();
      expect(p(t).text).toBe(t.trim());
    }
  });
});

describe('describeRule, named days', () => {
  it('in the same month or after the period', () => {
    expect(describeRule(p('每月15日前公开当月计划'))).toBe('每月公开，于当月15日前公开');
    expect(describeRule(p('次年1月底前'))).toBe('每年公开，于次年1月底前公开上一年度信息');
    expect(describeRule(p('每季度末'))).toBe('每季度公开，于每季度末前公开');
  });
});
