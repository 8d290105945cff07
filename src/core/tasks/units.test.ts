import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeUnit, looksLikeUnitList, splitRunTogether, splitUnits } from './units.ts';

const units = (s: string) => splitUnits(s).units;
const lead = (s: string) => splitUnits(s).lead;

describe('splitUnits: separators', () => {
  it('splits at 、，, ; and line breaks', () => {
    expect(units('区财政局、区税务局')).toEqual(['区财政局', '区税务局']);
    expect(units('区政府重大行政决策承办部门单位，区政府各部门单位')).toEqual(['区政府重大行政决策承办部门单位', '区政府各部门单位']);
    expect(units('县财政局,县审计局')).toEqual(['县财政局', '县审计局']);
    expect(units('县财政局\n县审计局')).toEqual(['县财政局', '县审计局']);
    expect(units('县财政局/县审计局')).toEqual(['县财政局', '县审计局']);
  });
  it('never splits inside brackets', () => {
    expect(units('区网信办、区政府各部门单位、各镇（街道、开发区）')).toEqual(['区网信办', '区政府各部门单位', '各镇（街道、开发区）']);
    expect(units('各镇(街道、开发区)、县直各部门')).toEqual(['各镇(街道、开发区)', '县直各部门']);
    expect(units('市政府办公室，各镇（街）、管委会，市各有关单位负责')).toEqual(['市政府办公室', '各镇（街）', '管委会', '市各有关单位']);
  });
  it('treats spaces between names as a separator', () => {
    expect(units('县财政局 县审计局')).toEqual(['县财政局', '县审计局']);
    expect(units('县财政局　县审计局')).toEqual(['县财政局', '县审计局']);
  });
  it('splits two names written together', () => {
    expect(units('区教体局、区民政局、区人社局区住建局、区应急管理局')).toEqual(['区教体局', '区民政局', '区人社局', '区住建局', '区应急管理局']);
    expect(splitRunTogether('区人社局区住建局区财政局')).toEqual(['区人社局', '区住建局', '区财政局']);
    expect(splitRunTogether('区住房城乡建设局')).toEqual(['区住房城乡建设局']);
    expect(splitRunTogether('泰安市生态环境局肥城分局')).toEqual(['泰安市生态环境局肥城分局']);
  });
  it('lists each unit once', () => {
    expect(units('市编办、市科工商务局、市水务局、市科工商务局分别负责')).toEqual(['市编办', '市科工商务局', '市水务局']);
  });
  it('keeps names as written, typos included (matching resolves them)', () => {
    expect(units('市科工商务局局牵头，市各有关单位负责')).toEqual(['市科工商务局局', '市各有关单位']);
    expect(units('泰安泰安市生态环境局肥城分局')).toEqual(['泰安泰安市生态环境局肥城分局']);
  });
  it('gives nothing for an empty text', () => {
    expect(splitUnits('')).toEqual({ units: [], lead: [], supporting: [], dropped: [], rejected: [] });
    expect(units('   ')).toEqual([]);
  });
});

describe('splitUnits: roles', () => {
  it('牵头 marks the lead; the marker applies to every name since the previous one', () => {
    expect(splitUnits('市编办牵头，市各有关单位负责')).toMatchObject({ units: ['市编办', '市各有关单位'], lead: ['市编办'], supporting: [] });
    expect(lead('市编办、市行政服务中心牵头，各镇（街）、管委会，市各有关单位负责')).toEqual(['市编办', '市行政服务中心']);
    expect(lead('区发改局牵头、有关职能部门落实')).toEqual(['区发改局']);
  });
  it('负责 against 配合: the responsible units lead', () => {
    const s = splitUnits('市发展和改革委员会、市委农办负责，各镇（街）、管委会，市各有关单位配合');
    expect(s.lead).toEqual(['市发展和改革委员会', '市委农办']);
    expect(s.supporting).toEqual(['各镇（街）', '管委会', '市各有关单位']);
    expect(s.units).toHaveLength(5);
    expect(lead('市政府办公室，市科工商务局负责，各镇（街）、管委会，市各有关单位配合')).toEqual(['市政府办公室', '市科工商务局']);
  });
  it('负责 alone, or 分别负责, names no lead', () => {
    expect(splitUnits('市政府办公室，各镇（街）、管委会，市各有关单位负责')).toMatchObject({ lead: [], supporting: [] });
    expect(splitUnits('市市场监督管理局、市住房和城乡建设局分别负责')).toMatchObject({ units: ['市市场监督管理局', '市住房和城乡建设局'], lead: [] });
  });
  it('协助 / 协办 / 参与 are supporting', () => {
    expect(splitUnits('县统计局牵头，县财政局协助，县审计局参与')).toMatchObject({ lead: ['县统计局'], supporting: ['县财政局', '县审计局'] });
  });
  it('bracketed markers: 区发改局（牵头）', () => {
    expect(splitUnits('区发改局（牵头）、区财政局')).toMatchObject({ units: ['区发改局', '区财政局'], lead: ['区发改局'] });
    expect(splitUnits('区发改局(牵头)、区财政局（配合）')).toMatchObject({ lead: ['区发改局'], supporting: ['区财政局'] });
  });
  it('labelled parts: 牵头单位：…；配合单位：…', () => {
    expect(splitUnits('牵头单位：县发改局；配合单位：县财政局、县统计局')).toMatchObject({
      units: ['县发改局', '县财政局', '县统计局'],
      lead: ['县发改局'],
      supporting: ['县财政局', '县统计局'],
    });
    expect(splitUnits('责任单位：县司法局、各行政执法部门')).toMatchObject({ units: ['县司法局', '各行政执法部门'], lead: [] });
  });
  it('a marker inside a name is part of the name', () => {
    expect(splitUnits('营商环境评价指标区牵头部门牵头、各职能部门落实')).toMatchObject({
      units: ['营商环境评价指标区牵头部门', '各职能部门'],
      lead: ['营商环境评价指标区牵头部门'],
    });
  });
  it('text after 具体落实 that names no unit is dropped', () => {
    const s = splitUnits('区司法局牵头、区政府重大行政决策承办部门单位具体落实区政府重大行政决策公开相关工作');
    expect(s.units).toEqual(['区司法局', '区政府重大行政决策承办部门单位']);
    expect(s.lead).toEqual(['区司法局']);
    expect(s.dropped).toEqual(['区政府重大行政决策公开相关工作']);
    expect(s.rejected).toEqual([]);
  });
  it('a second list after a marker without separator', () => {
    expect(splitUnits('市编办牵头市各有关单位负责')).toMatchObject({ units: ['市编办', '市各有关单位'], lead: ['市编办'] });
  });
});

describe('splitUnits: 等 and vague references', () => {
  it('等 ends the list', () => {
    expect(units('市发展和改革局、市工信局、市自然资源和规划局、市行政审批服务局等')).toEqual(['市发展和改革局', '市工信局', '市自然资源和规划局', '市行政审批服务局']);
    expect(units('各镇街区、市行政审批服务局等相关部门(单位)')).toEqual(['各镇街区', '市行政审批服务局']);
    expect(units('县农业农村局、县财政局、各乡镇（街道）等相关部门（单位）')).toEqual(['县农业农村局', '县财政局', '各乡镇（街道）']);
    expect(units('县财政局等部门')).toEqual(['县财政局']);
  });
  it('及相关部门（单位）, 及有关部门单位, bare 相关部门 are dropped', () => {
    expect(splitUnits('区科技局及相关部门单位')).toMatchObject({ units: ['区科技局'], dropped: ['相关部门单位'] });
    expect(units('区发改局、区退役军人事务局及有关部门单位')).toEqual(['区发改局', '区退役军人事务局']);
    expect(units('县财政局、相关部门')).toEqual(['县财政局']);
    expect(units('县财政局以及其他有关单位')).toEqual(['县财政局']);
  });
  it('collective names are kept (matching expands them)', () => {
    expect(units('各镇街区、市政府各部门(单位)')).toEqual(['各镇街区', '市政府各部门(单位)']);
    expect(units('各行政执法单位负责')).toEqual(['各行政执法单位']);
    expect(units('区属各部门、垂直管理部门、园区办、直属企事业单位')).toEqual(['区属各部门', '垂直管理部门', '园区办', '直属企事业单位']);
  });
});

describe('looksLikeUnit / looksLikeUnitList', () => {
  it('unit names of many shapes', () => {
    for (const n of [
      '市委编办',
      '区卫健局',
      '市国有资产运营中心',
      '泰安银保监分局肥城监管组',
      '人行肥城市支行',
      '市供电公司',
      '档案馆',
      '管委会',
      '各镇（街道、开发区）',
      '市政府各部门(单位)',
      '组织与人力资源部',
      '大数据发展办公室',
      '市广播电视台',
      '县委宣传部',
      '各乡镇人民政府',
    ]) {
      expect(looksLikeUnit(n), n).toBe(true);
    }
  });
  it('headings, requirements and fragments are not units', () => {
    for (const n of ['推进决策公开', '强化组', '重要部署', '充分利用各类新闻媒体平台', '推进决策执行', '减税降费', '规范化公开公共企事业单位信息', '2022年年底前', '并及时通过市政府门户网站', '加强组织领导', '']) {
      expect(looksLikeUnit(n), n).toBe(false);
    }
  });
  it('a requirement that starts with unit names is not a unit list', () => {
    expect(looksLikeUnitList('各镇街区、市政府各部门(单位)要对本单位工作进行回头看,逐项对照自查落实情况。')).toBe(false);
    expect(looksLikeUnitList('根据“放管服”改革等情况，及时通过网上办事大厅调整本部门权责清单，并及时对外公开。')).toBe(false);
    expect(looksLikeUnitList('推进决策、执行、管理、服务和结果全过程公开')).toBe(false);
    expect(looksLikeUnitList('区司法局牵头、行政规范性文件制定部门具体落实')).toBe(true);
    expect(looksLikeUnitList('市政府办公室，市科工商务局负责，各镇（街）、管委会，市各有关单位配合')).toBe(true);
  });
});

describe('splitUnits: property', () => {
  const POOL = ['县发展和改革局', '县财政局', '县教育和体育局', '县卫生健康局', '县政府办公室', '县委网信办', '县公共资源交易中心', '各乡镇（街道）', '县政府各部门（单位）', '县档案馆', '县医疗保障局', '县市场监督管理局'];
  it('names joined by any separator come back in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom('、', '，', ',', '；', '\n', ' '), { minLength: 8, maxLength: 8 }), (names, seps) => {
        const text = names.map((n, i) => (i ? seps[i]! : '') + n).join('');
        expect(splitUnits(text).units).toEqual(names);
      }),
    );
  });
  it('the last name marked 牵头 is the only lead', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 2, maxLength: 6 }), (names) => {
        const [first, ...rest] = names;
        const s = splitUnits(`${first}牵头，${rest.join('、')}负责`);
        expect(s.lead).toEqual([first]);
        expect(s.units).toEqual(names);
      }),
    );
  });
});
