// The demo government: 示范县, a fictional county (region code 990121 does not exist). Its tree has the
// shape of a real county's: the government and its offices, departments, vertical-management units,
// townships and streets with their villages and communities, and a development zone.
import type { UnitKind } from '../../../core/org/kinds.ts';

export interface DemoUnit {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  orgCode?: string;
  aliases: string[];
  children?: DemoUnit[];
}

export const DEMO_TENANT = {
  code: 'shifan',
  name: '示范县人民政府',
  shortName: '示范县',
  regionCode: '990121',
  // localhost and the loopback addresses: `npm start` serves the demo at http://localhost:3000.
  hosts: ['localhost', '127.0.0.1', '[::1]', 'shifan.gongkai.localhost'],
  portalTitle: '示范县人民政府门户网站',
  address: '示范县人民路 1 号县政府大楼 3 楼（邮编 999001）',
  phone: '0000-12345678',
};

/** 政府信息公开指南 of the demo county (Art. 12 of the regulation lists what it must say). */
export const DEMO_GUIDE = {
  html: [
    '<p>为便于公民、法人和其他组织获取示范县人民政府的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>',
    '<h2>一、主动公开</h2>',
    '<p>（一）公开范围：本机关依照条例第十九条、第二十条、第二十一条主动公开的政府信息，具体见“法定主动公开内容”栏目。</p>',
    '<p>（二）公开方式：通过本网站、《示范县人民政府公报》、新闻发布会以及县档案馆、县图书馆和县政务服务中心设立的政府信息公开查阅点公开。</p>',
    '<p>（三）公开时限：属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。</p>',
    '<h2>二、依申请公开</h2>',
    '<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请应当采用书面形式，可以通过本网站在线提交、信函、传真或者当面提交。</p>',
    '<p>本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。</p>',
    '<p>依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>',
    '<h2>三、监督和救济</h2>',
    '<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者县政务公开办投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>',
  ].join(''),
  officeName: '示范县人民政府办公室（县政务公开办公室）',
  address: '示范县人民路 1 号县政府大楼 3 楼 305 室',
  postcode: '999001',
  hours: '工作日 上午 8:30—12:00，下午 14:00—17:30（法定节假日除外）',
  phone: '0000-12345678',
  fax: '0000-12345679',
  email: 'zwgk@shifan.gov.example',
  updatedOn: '2026-03-20',
};

const d = (code: string, name: string, shortName: string, aliases: string[] = [], children?: DemoUnit[]): DemoUnit => ({
  code,
  name,
  shortName,
  kind: 'department',
  aliases,
  ...(children ? { children } : {}),
});
const inst = (code: string, name: string, shortName: string, aliases: string[] = []): DemoUnit => ({ code, name, shortName, kind: 'institution', aliases });
const v = (code: string, town: string, name: string): DemoUnit => ({ code, name: `示范县${town}${name}村民委员会`, shortName: `${name}村`, kind: 'village', aliases: [`${town}${name}村`] });
const c = (code: string, street: string, name: string): DemoUnit => ({ code, name: `示范县${street}${name}社区居民委员会`, shortName: `${name}社区`, kind: 'community', aliases: [`${street}${name}社区`] });

export const DEMO_UNIT_TREE: DemoUnit = {
  code: 'root',
  name: '示范县人民政府',
  shortName: '县政府',
  kind: 'government',
  orgCode: '11990121MB0000001A',
  aliases: ['示范县政府'],
  children: [
    {
      code: 'zfb',
      name: '示范县人民政府办公室',
      shortName: '县政府办',
      kind: 'office',
      aliases: ['县府办', '县政府办公室', '示范县政府办'],
      children: [
        { code: 'gkb', name: '示范县政务公开办公室', shortName: '县政务公开办', kind: 'open_gov_office', aliases: ['县政务公开办公室', '政务公开办'] },
        inst('dsb', '示范县地方志编纂中心', '县地方志中心'),
      ],
    },
    d('fgj', '示范县发展和改革局', '县发改局', ['县发展和改革局', '发改局', '县发展改革局']),
    d('jyj', '示范县教育和体育局', '县教体局', ['县教育和体育局', '县教育局', '教体局']),
    d('kjj', '示范县科学技术局', '县科技局', ['县科学技术局']),
    d('gxj', '示范县工业和信息化局', '县工信局', ['县工业和信息化局', '工信局']),
    d('gaj', '示范县公安局', '县公安局', ['公安局']),
    d('mzj', '示范县民政局', '县民政局', ['民政局']),
    d('sfj', '示范县司法局', '县司法局', ['司法局']),
    d('czj', '示范县财政局', '县财政局', ['财政局']),
    d('rsj', '示范县人力资源和社会保障局', '县人社局', ['县人力资源和社会保障局', '人社局', '县人力资源社会保障局']),
    d('zrj', '示范县自然资源局', '县自然资源局', ['自然资源局']),
    d('zjj', '示范县住房和城乡建设局', '县住建局', ['县住房和城乡建设局', '住建局']),
    d('jtj', '示范县交通运输局', '县交通运输局', ['县交通局', '交通运输局']),
    d('slj', '示范县水利局', '县水利局', ['水利局']),
    d('nyj', '示范县农业农村局', '县农业农村局', ['县农业局', '农业农村局']),
    d('swj', '示范县商务局', '县商务局', ['商务局']),
    d('wlj', '示范县文化和旅游局', '县文旅局', ['县文化和旅游局', '文旅局', '县文化旅游局']),
    d('wjw', '示范县卫生健康委员会', '县卫健委', ['县卫生健康委员会', '卫健委', '县卫生健康局'], [inst('rmyy', '示范县人民医院', '县人民医院')]),
    d('tyjr', '示范县退役军人事务局', '县退役军人事务局', ['县退役军人局', '退役军人事务局']),
    d('yjj', '示范县应急管理局', '县应急局', ['县应急管理局', '应急管理局']),
    d('sjj', '示范县审计局', '县审计局', ['审计局']),
    d('scj', '示范县市场监督管理局', '县市场监管局', ['县市场监督管理局', '市场监管局']),
    d('tjj', '示范县统计局', '县统计局', ['统计局']),
    d('ybj', '示范县医疗保障局', '县医保局', ['县医疗保障局', '医保局']),
    d('xfj', '示范县信访局', '县信访局', ['信访局']),
    d('zwj', '示范县政务服务管理局', '县政务服务局', ['县政务服务管理局', '县数据局', '政务服务局'], [
      inst('ggzy', '示范县公共资源交易中心', '县公共资源交易中心', ['县交易中心']),
    ]),
    d('cgj', '示范县城市管理局', '县城管局', ['县城市管理局', '城管局', '县综合行政执法局']),
    inst('rmt', '示范县融媒体中心', '县融媒体中心'),
    { code: 'sw', name: '国家税务总局示范县税务局', shortName: '县税务局', kind: 'vertical', aliases: ['示范县税务局', '税务局'] },
    { code: 'qxj', name: '示范县气象局', shortName: '县气象局', kind: 'vertical', aliases: ['气象局'] },
    { code: 'sthj', name: '示范市生态环境局示范县分局', shortName: '县生态环境分局', kind: 'vertical', aliases: ['县生态环境局', '生态环境分局', '县环保局'] },
    { code: 'ycj', name: '示范县烟草专卖局', shortName: '县烟草局', kind: 'vertical', aliases: ['烟草专卖局'] },
    {
      code: 'qsz',
      name: '示范县青山镇人民政府',
      shortName: '青山镇',
      kind: 'township',
      aliases: ['青山镇人民政府', '青山镇政府'],
      children: [v('qsz-qs', '青山镇', '青山'), v('qsz-sq', '青山镇', '石桥'), v('qsz-lt', '青山镇', '柳塘'), v('qsz-ds', '青山镇', '大树')],
    },
    {
      code: 'bsz',
      name: '示范县白沙镇人民政府',
      shortName: '白沙镇',
      kind: 'township',
      aliases: ['白沙镇人民政府', '白沙镇政府'],
      children: [v('bsz-bs', '白沙镇', '白沙'), v('bsz-hk', '白沙镇', '河口'), v('bsz-dl', '白沙镇', '东岭')],
    },
    {
      code: 'lhx',
      name: '示范县莲花乡人民政府',
      shortName: '莲花乡',
      kind: 'township',
      aliases: ['莲花乡人民政府', '莲花乡政府'],
      children: [v('lhx-lh', '莲花乡', '莲花'), v('lhx-sp', '莲花乡', '上坪')],
    },
    {
      code: 'cdjd',
      name: '示范县人民政府城东街道办事处',
      shortName: '城东街道',
      kind: 'street',
      aliases: ['城东街道办事处', '城东街道办'],
      children: [c('cdjd-dm', '城东街道', '东门'), c('cdjd-xh', '城东街道', '新华'), c('cdjd-bh', '城东街道', '滨河')],
    },
    {
      code: 'cxjd',
      name: '示范县人民政府城西街道办事处',
      shortName: '城西街道',
      kind: 'street',
      aliases: ['城西街道办事处', '城西街道办'],
      children: [c('cxjd-xy', '城西街道', '西园'), c('cxjd-wc', '城西街道', '文昌')],
    },
    { code: 'kfq', name: '示范县经济开发区管理委员会', shortName: '县经开区', kind: 'development_zone', aliases: ['示范经济开发区', '经开区管委会', '县经济开发区'] },
  ],
};
