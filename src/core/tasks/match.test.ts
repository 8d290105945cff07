import { describe, expect, it } from 'vitest';
import { buildUnitIndex, canonicalUnitName, collectiveKinds, matchUnitName, matchUnitNames, resolveUnits, type KnownUnit } from './match.ts';

const UNITS: KnownUnit[] = [
  { id: 'root', name: '示范区人民政府', shortName: '示范区', kind: 'government' },
  { id: 'office', name: '示范区人民政府办公室', shortName: '区政府办公室', kind: 'office' },
  { id: 'fgj', name: '示范区发展和改革局', shortName: '区发展和改革局', kind: 'department' },
  { id: 'czj', name: '示范区财政局', shortName: '区财政局', kind: 'department', aliases: ['区财政'] },
  { id: 'zjj', name: '示范区住房和城乡建设局', shortName: '区住房和城乡建设局', kind: 'department' },
  { id: 'rsj', name: '示范区人力资源和社会保障局', shortName: '区人力资源和社会保障局', kind: 'department' },
  { id: 'scj', name: '示范区市场监督管理局', shortName: '区市场监督管理局', kind: 'department' },
  { id: 'wxb', name: '中共示范区委网络安全和信息化委员会办公室', shortName: '区委网信办', kind: 'department' },
  { id: 'gaj', name: '示范区公安分局', shortName: '区公安分局', kind: 'vertical' },
  { id: 'dag', name: '示范区档案馆', shortName: '区档案馆', kind: 'institution' },
  { id: 'qs', name: '青山镇人民政府', shortName: '青山镇', kind: 'township' },
  { id: 'ls', name: '绿水镇人民政府', shortName: '绿水镇', kind: 'township' },
  { id: 'dh', name: '东湖街道办事处', shortName: '东湖街道', kind: 'street' },
  { id: 'kfq', name: '示范经济开发区管理委员会', shortName: '开发区管委会', kind: 'development_zone' },
  { id: 'cun', name: '青山村', shortName: '青山村', kind: 'village' },
];
const index = buildUnitIndex(UNITS);
const m = (name: string) => matchUnitName(name, index);

describe('by name, short name, alias', () => {
  it('the exact name, short name or alias', () => {
    expect(m('示范区财政局')).toMatchObject({ status: 'matched', unitIds: ['czj'], via: 'name' });
    expect(m('区财政局')).toMatchObject({ status: 'matched', unitIds: ['czj'], via: 'short_name' });
    expect(m('区财政')).toMatchObject({ status: 'matched', unitIds: ['czj'], via: 'alias' });
    expect(m(' 区 财政局 ')).toMatchObject({ unitIds: ['czj'] });
  });
  it('full-width and half-width brackets are the same', () => {
    const idx = buildUnitIndex([{ id: 'x', name: '示范区综合行政执法局（城市管理局）', kind: 'department' }]);
    expect(matchUnitName('示范区综合行政执法局(城市管理局)', idx)).toMatchObject({ status: 'matched', unitIds: ['x'] });
  });
});

describe('by canonical name: abbreviations and variants', () => {
  it.each([
    ['区发改局', 'fgj'],
    ['区住建局', 'zjj'],
    ['区住房城乡建设局', 'zjj'],
    ['区人社局', 'rsj'],
    ['区市场监管局', 'scj'],
    ['区政府办', 'office'],
    ['区人民政府办公室', 'office'],
    ['中共示范区委网信办', 'wxb'],
  ])('%s → %s', (name, id) => {
    const r = m(name);
    expect(r).toMatchObject({ status: 'matched', unitIds: [id] });
    expect(r.via === 'canonical' || r.via === 'short_name').toBe(true);
  });
  it('units known only by their full name, with the place in front, or by no prefix at all', () => {
    const idx = buildUnitIndex([
      { id: 'a', name: '示范区发展和改革局', kind: 'department' },
      { id: 'b', name: '市场监督管理局', kind: 'department' },
      { id: 'c', name: '示范区人民政府办公室', kind: 'office' },
    ]);
    expect(matchUnitName('区发改局', idx)).toMatchObject({ status: 'matched', unitIds: ['a'], via: 'canonical' });
    expect(matchUnitName('区市场监管局', idx)).toMatchObject({ status: 'matched', unitIds: ['b'] });
    expect(matchUnitName('区政府办公室', idx)).toMatchObject({ status: 'matched', unitIds: ['c'] });
  });
  it('says a canonical match should be confirmed', () => {
    expect(m('区发改局').note).toContain('请确认');
  });
  it('canonicalUnitName', () => {
    expect(canonicalUnitName('区发改局')).toBe(canonicalUnitName('区发展和改革局'));
    expect(canonicalUnitName('区住房城乡建设局')).toBe(canonicalUnitName('示范区住房和城乡建设局'.slice(2)));
    expect(canonicalUnitName('市政府办公室')).toBe(canonicalUnitName('市人民政府办公室'));
    expect(canonicalUnitName('区地方金融监管局')).toBe(canonicalUnitName('区金融监管局'));
    expect(canonicalUnitName('县政府办公室')).not.toContain('公室公室');
  });
  it('several units with the same canonical name: ambiguous', () => {
    const idx = buildUnitIndex([
      { id: 'a', name: '甲县发展和改革局', kind: 'department' },
      { id: 'b', name: '乙区发展和改革局', kind: 'department' },
    ]);
    expect(matchUnitName('发改局', idx)).toMatchObject({ status: 'ambiguous', unitIds: ['a', 'b'] });
  });
});

describe('collective names expand', () => {
  const kinds = (name: string) => collectiveKinds(name)?.kinds;
  it('townships and streets', () => {
    expect(kinds('各镇街区')).toEqual(['township', 'street', 'development_zone']);
    expect(kinds('各镇（街道、开发区）')).toEqual(['township', 'street', 'development_zone']);
    expect(kinds('各乡镇（街道）')).toEqual(['township', 'street']);
    expect(kinds('各镇（街）')).toEqual(['township', 'street']);
    expect(kinds('各乡镇人民政府')).toEqual(['township']);
    expect(kinds('各街道')).toEqual(['street']);
    expect(m('各镇街区')).toMatchObject({ status: 'collective', via: 'collective', unitIds: ['qs', 'ls', 'dh', 'kfq'] });
    expect(m('各镇（街道、开发区）').unitIds).toEqual(['qs', 'ls', 'dh', 'kfq']);
  });
  it('departments', () => {
    expect(kinds('市政府各部门（单位）')).toEqual(['department', 'institution']);
    expect(kinds('区政府各部门单位')).toEqual(['department', 'institution']);
    expect(kinds('县直各有关单位')).toEqual(['department', 'institution']);
    expect(kinds('各职能部门')).toEqual(['department']);
    expect(kinds('区属各部门')).toEqual(['department']);
    expect(m('市政府各部门(单位)')).toMatchObject({ status: 'collective', unitIds: ['fgj', 'czj', 'zjj', 'rsj', 'scj', 'wxb', 'dag'] });
    expect(m('区属各部门').unitIds).toEqual(['fgj', 'czj', 'zjj', 'rsj', 'scj', 'wxb']);
  });
  it('vertical units, institutions, development zones, villages', () => {
    expect(m('垂直管理部门').unitIds).toEqual(['gaj']);
    expect(m('直属企事业单位').unitIds).toEqual(['dag']);
    expect(m('管委会').unitIds).toEqual(['kfq']);
    expect(m('各村（社区）').unitIds).toEqual(['cun']);
  });
  it('a collective name with no unit of its kind is unmatched, with a note', () => {
    const r = matchUnitName('各镇街区', buildUnitIndex([{ id: 'a', name: '示范县财政局', kind: 'department' }]));
    expect(r.status).toBe('unmatched');
    expect(r.note).toContain('还没有这类单位');
  });
  it('names that only look collective are not expanded', () => {
    expect(collectiveKinds('各行政执法单位')).toBeNull();
    expect(collectiveKinds('区政府重大行政决策承办部门单位')).toBeNull();
    expect(collectiveKinds('区财政局')).toBeNull();
  });
});

describe('matchUnitNames', () => {
  it('each name once; unmatched and ambiguous listed for a person', () => {
    const r = matchUnitNames(['区发改局', '各镇街区', '区统计局', '区发改局', '各行政执法单位', '区统计局'], UNITS);
    expect(r.matches.map((x) => [x.name, x.status])).toEqual([
      ['区发改局', 'matched'],
      ['各镇街区', 'collective'],
      ['区统计局', 'unmatched'],
      ['各行政执法单位', 'unmatched'],
    ]);
    expect(r.unmatched).toEqual(['区统计局', '各行政执法单位']);
    expect(r.matches[2]!.note).toContain('作为别名保存');
  });
  it('a mapping kept as an alias matches next year', () => {
    const next = UNITS.map((u) => (u.id === 'czj' ? { ...u, aliases: ['区财政', '区统计局'] } : u));
    expect(matchUnitNames(['区统计局'], next).matches[0]).toMatchObject({ status: 'matched', via: 'alias', unitIds: ['czj'] });
  });
  it('an alias shared by two units is ambiguous', () => {
    const twice = [...UNITS, { id: 'x', name: '另一个财政单位', kind: 'department', aliases: ['区财政'] }];
    expect(matchUnitNames(['区财政'], twice).ambiguous).toEqual(['区财政']);
  });
});

describe('resolveUnits', () => {
  it('the units of one task: matched, expanded, each once; the rest for a person', () => {
    const r = resolveUnits(['区财政局', '各镇（街）', '青山镇', '区统计局'], index);
    expect(r.unitIds).toEqual(['czj', 'qs', 'ls', 'dh']);
    expect(r.unresolved.map((m) => m.name)).toEqual(['区统计局']);
  });
});
