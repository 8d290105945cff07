import { describe, expect, it } from 'vitest';
import { defaultDomains, findDomain, findDomainInText, PILOT_DOMAINS } from './domains.ts';
import { canonicalChannel, createCatalogueItem, normalizeChannels, otherChannels, STANDARD_CHANNELS, validateCatalogueItem } from './item.ts';
import type { CatalogueItemInput } from './item.ts';

describe('the 26 pilot domains', () => {
  it('are the canonical list of catalogue.md §4.2, in order', () => {
    expect(PILOT_DOMAINS.map((d) => d.name)).toEqual([
      '城乡规划',
      '重大建设项目',
      '公共资源交易',
      '财政预决算',
      '安全生产',
      '税收管理',
      '征地补偿',
      '国有土地上房屋征收与补偿',
      '环境保护（生态环境）',
      '公共文化服务',
      '扶贫',
      '救灾',
      '食品药品监管',
      '城市综合执法',
      '户籍管理',
      '涉农补贴',
      '就业',
      '社会保险',
      '社会救助',
      '养老服务',
      '公共法律服务',
      '医疗卫生（卫生健康）',
      '义务教育',
      '农村危房改造',
      '保障性住房',
      '市政服务',
    ]);
    expect(PILOT_DOMAINS.map((d) => d.sortOrder)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(new Set(PILOT_DOMAINS.map((d) => d.code)).size).toBe(26);
    for (const d of PILOT_DOMAINS) expect(d.code).toMatch(/^[a-z][a-z_]*$/);
  });
  it('note the uncertain and renamed ones', () => {
    expect(PILOT_DOMAINS[0]!.note).toContain('自然资源');
    expect(PILOT_DOMAINS[6]!.note).toContain('自然资源');
    expect(PILOT_DOMAINS[10]).toMatchObject({ name: '扶贫', aliases: ['乡村振兴'], note: '后多改称乡村振兴' });
  });
  it('the default list is a copy a tenant may edit; the constant is frozen', () => {
    const mine = defaultDomains();
    mine[0]!.name = '自然资源';
    expect(PILOT_DOMAINS[0]!.name).toBe('城乡规划');
    expect(Object.isFrozen(PILOT_DOMAINS)).toBe(true);
    expect(Object.isFrozen(PILOT_DOMAINS[0])).toBe(true);
  });
  it('are found by name, alternative name and alias', () => {
    expect(findDomain('生态环境', PILOT_DOMAINS)?.code).toBe('environmental_protection');
    expect(findDomain('环境保护', PILOT_DOMAINS)?.code).toBe('environmental_protection');
    expect(findDomain('环境保护(生态环境)', PILOT_DOMAINS)?.code).toBe('environmental_protection');
    expect(findDomain('卫生健康领域', PILOT_DOMAINS)?.code).toBe('medical_health');
    expect(findDomain('乡村振兴', PILOT_DOMAINS)?.code).toBe('poverty_alleviation');
    expect(findDomain('交通运输', PILOT_DOMAINS)).toBeUndefined();
    expect(findDomain('', PILOT_DOMAINS)).toBeUndefined();
    // The longest name wins: 国有土地上房屋征收与补偿, not 征地补偿.
    expect(findDomainInText('示范县国有土地上房屋征收与补偿领域基层政务公开标准目录', PILOT_DOMAINS)?.domain.code).toBe('state_land_housing_expropriation');
  });
});

const input = (over: Partial<CatalogueItemInput> = {}): CatalogueItemInput => ({
  seq: 1,
  level1: '审批服务',
  level2: '审批结果',
  content: '项目名称、审批文号、审批结果',
  basis: '《政府信息公开条例》',
  timeLimitText: '自信息形成或者变更之日起20个工作日内',
  responsibleText: '县发改局',
  channels: ['政府网站'],
  audiencePublic: true,
  audienceSpecific: false,
  modeProactive: true,
  modeRequest: false,
  levelCounty: true,
  levelTownship: false,
  ...over,
});

describe('channels', () => {
  it('canonical names, spelling variants, aliases', () => {
    expect(canonicalChannel('发布会／听证会')).toBe('发布会/听证会');
    expect(canonicalChannel('发布会、听证会')).toBe('发布会/听证会');
    expect(canonicalChannel('社区/企事业单位/村公示栏(电子屏)')).toBe('社区/企事业单位/村公示栏（电子屏）');
    expect(canonicalChannel('门户网站')).toBe('政府网站');
    expect(canonicalChannel('信用中国网站')).toBe('信用中国网站');
    expect(canonicalChannel('示范县发布公众号')).toBeUndefined();
  });
  it('normalised: standard order, then platforms, then free entries; duplicates and a lone 其他 beside entries dropped', () => {
    expect(normalizeChannels(['精准推送', ' 其他 ', '公共资源交易平台', '政府网站', '示范发布', '政府网站', ''])).toEqual([
      '政府网站',
      '精准推送',
      '公共资源交易平台',
      '示范发布',
    ]);
    expect(normalizeChannels(['其他'])).toEqual(['其他']);
    expect(otherChannels(['政府网站', '公共资源交易平台', '示范发布'])).toEqual(['示范发布']);
    expect(STANDARD_CHANNELS).toHaveLength(12);
  });
});

describe('createCatalogueItem', () => {
  it('trims, parses the time limit, normalises channels', () => {
    const item = createCatalogueItem(input({ level1: '  审批服务 ', channels: ['两微一端', '政府网站'], timeLimitText: ' 每季度 ' }));
    expect(item.level1).toBe('审批服务');
    expect(item.channels).toEqual(['政府网站', '两微一端']);
    expect(item.timeLimitText).toBe('每季度');
    expect(item.timeLimitRule).toEqual({ kind: 'periodic', every: 'quarter', text: '每季度' });
  });
  it('re-parses a rule that does not belong to the text', () => {
    const item = createCatalogueItem(input({ timeLimitText: '每月', timeLimitRule: { kind: 'continuous', text: '及时公开' } }));
    expect(item.timeLimitRule).toEqual({ kind: 'periodic', every: 'month', text: '每月' });
  });
});

describe('validateCatalogueItem', () => {
  it('a complete item has no issues', () => {
    expect(validateCatalogueItem(createCatalogueItem(input()))).toEqual([]);
  });
  it('names the field in Chinese', () => {
    const issues = validateCatalogueItem(
      createCatalogueItem(
        input({ level1: '', content: ' ', timeLimitText: '', responsibleText: '', channels: [], audiencePublic: false, modeProactive: false, seq: 0 }),
      ),
    );
    expect(issues.map((i) => [i.field, i.column, i.message, i.severity])).toEqual([
      ['seq', '序号', '“序号”应为正整数：0', 'error'],
      ['level1', '一级事项', '“一级事项”不能为空', 'error'],
      ['content', '公开内容（要素）', '“公开内容（要素）”不能为空', 'error'],
      ['timeLimitText', '公开时限', '“公开时限”不能为空', 'error'],
      ['responsibleText', '公开主体', '“公开主体”不能为空', 'error'],
      ['channels', '公开渠道和载体', '“公开渠道和载体”至少选择一项', 'error'],
      ['audiencePublic', '公开对象（全社会）', '“公开对象”至少选择一项（全社会或特定群众）', 'error'],
      ['modeProactive', '公开方式（主动）', '“公开方式”至少选择一项（主动或依申请公开）', 'error'],
    ]);
  });
  it('公开依据 and 公开层级 are optional; lengths are limited', () => {
    expect(validateCatalogueItem(createCatalogueItem(input({ basis: '', levelCounty: false, levelTownship: false })))).toEqual([]);
    const long = validateCatalogueItem(createCatalogueItem(input({ level2: '长'.repeat(201) })));
    expect(long.map((i) => i.message)).toEqual(['“二级事项”过长（201字），不能超过200字']);
  });
  it('an unreadable time limit is a warning, not an error', () => {
    const issues = validateCatalogueItem(createCatalogueItem(input({ timeLimitText: '按有关规定' })));
    expect(issues).toEqual([
      {
        field: 'timeLimitRule',
        column: '公开时限',
        message: '“公开时限”的“按有关规定”无法识别为期限规则，系统不会为该事项自动生成公开任务，请人工确认',
        severity: 'warning',
      },
    ]);
  });
  it('a stale rule and duplicate channels are errors', () => {
    const item = { ...createCatalogueItem(input()), timeLimitText: '每月' };
    expect(validateCatalogueItem(item).map((i) => i.message)).toEqual(['“公开时限”的解析结果与文字不一致，请重新保存']);
    const dup = { ...createCatalogueItem(input()), channels: ['政府网站', '政府网站'] };
    expect(validateCatalogueItem(dup).map((i) => i.message)).toEqual(['“公开渠道和载体”有重复项']);
  });
});
