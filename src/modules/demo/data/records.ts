// Demo records of 示范县: invented documents in the shapes a county publishes (notices, plans, normative
// documents, statistics, budgets). No real person's data; phone numbers use the fictional 0000 area code.
import type { Genre } from '../../../core/publishing/genres.ts';

export interface DemoRecord {
  unit: string;
  title: string;
  genre: Genre;
  docNo?: string;
  issuer?: string;
  writtenOn: string;
  /** Working days after forming when it went out (negative: not yet published). */
  publishedAfter: number;
  node: string;
  topics: string[];
  paragraphs: string[];
  validity?: 'repealed';
  /** An attachment generated at seeding (a table with masked personal data). */
  attachment?: string;
  withdrawn?: string;
  /** A policy interpreted by its drafting unit (政策解读), attached before approval and published with it. */
  interpretation?: { form: 'text' | 'graphic' | 'qa'; title: string; paragraphs: string[] };
}

export const DEMO_RECORDS: DemoRecord[] = [
  {
    unit: 'root',
    title: '示范县人民政府关于印发《示范县2026年政务公开工作要点》的通知',
    genre: 'notice',
    docNo: '示政发〔2026〕3号',
    issuer: '示范县人民政府',
    writtenOn: '2026-03-16',
    publishedAfter: 4,
    node: '02',
    topics: ['综合政务'],
    paragraphs: ['各乡镇人民政府、街道办事处，县政府各部门、各直属机构：', '现将《示范县2026年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。', '一、以政务公开助力高质量发展。围绕重点项目、营商环境、民生实事，及时发布政策文件和执行情况。', '二、强化政策解读和回应关切。坚持“谁起草、谁解读”，政策文件与解读材料同步组织、同步审签、同步部署。', '三、夯实公开基础。加强政府信息管理，动态更新政府信息公开指南和主动公开目录。'],
  },
  {
    unit: 'root',
    title: '示范县农村集体资产管理暂行办法',
    genre: 'normative_document',
    docNo: '示政规〔2025〕1号',
    issuer: '示范县人民政府',
    writtenOn: '2025-06-10',
    publishedAfter: 6,
    node: '02',
    topics: ['农业、林业、水利'],
    paragraphs: ['第一条 为规范农村集体资产管理，保障农村集体经济组织及其成员的合法权益，制定本办法。', '第二条 本办法适用于本县行政区域内农村集体经济组织的资产管理活动。', '第三条 农村集体资产的发包、租赁、出让等事项，应当在村务公开栏公示不少于7日。', '第四条 本办法自2025年7月1日起施行，有效期5年。'],
  },
  {
    unit: 'zfb',
    title: '示范县人民政府办公室关于印发示范县城区临时停车管理办法的通知',
    genre: 'normative_document',
    docNo: '示政办规〔2021〕2号',
    issuer: '示范县人民政府办公室',
    writtenOn: '2021-04-20',
    publishedAfter: 12,
    node: '02',
    topics: ['城乡建设、环境保护'],
    paragraphs: ['各乡镇人民政府、街道办事处，县政府各部门：', '《示范县城区临时停车管理办法》已经县政府同意，现印发给你们，请认真贯彻执行。'],
    validity: 'repealed',
  },
  {
    unit: 'fgj',
    title: '示范县2026年重点建设项目计划',
    genre: 'plan',
    docNo: '示发改投资〔2026〕5号',
    writtenOn: '2026-02-24',
    publishedAfter: 9,
    node: '10',
    topics: ['国民经济管理、国有资产监管'],
    paragraphs: ['2026年全县安排重点建设项目56个，总投资186.4亿元，年度计划投资42.7亿元。', '其中产业项目24个、基础设施项目18个、社会民生项目14个。', '各项目责任单位要倒排工期，按月报送项目进展情况。'],
  },
  {
    unit: 'fgj',
    title: '示范县发展和改革局2026年部门预算',
    genre: 'budget',
    writtenOn: '2026-02-06',
    publishedAfter: 18,
    node: '07',
    topics: ['财政、金融、审计'],
    paragraphs: ['一、部门基本情况。示范县发展和改革局内设办公室、规划科、投资科、价格科等4个科室。', '二、收支预算情况。2026年收入预算合计586.20万元，支出预算合计586.20万元。', '三、“三公”经费预算情况。2026年“三公”经费预算8.50万元，比上年减少0.60万元。'],
  },
  {
    unit: 'czj',
    title: '示范县2025年财政预算执行情况和2026年财政预算',
    genre: 'budget',
    writtenOn: '2026-01-20',
    publishedAfter: 15,
    node: '07',
    topics: ['财政、金融、审计'],
    paragraphs: ['2025年全县一般公共预算收入完成21.36亿元，增长5.2%。', '2026年全县一般公共预算收入预期22.40亿元，增长4.9%。'],
  },
  {
    unit: 'tjj',
    title: '2026年1—9月示范县国民经济运行情况',
    genre: 'statistics',
    writtenOn: '2026-10-22',
    publishedAfter: 3,
    node: '04',
    topics: ['国民经济管理、国有资产监管'],
    paragraphs: ['初步核算，前三季度全县地区生产总值182.6亿元，按不变价格计算，同比增长5.6%。', '规模以上工业增加值同比增长7.1%；社会消费品零售总额同比增长4.8%。'],
  },
  {
    unit: 'tjj',
    title: '示范县2025年国民经济和社会发展统计公报',
    genre: 'statistics',
    writtenOn: '2026-03-28',
    publishedAfter: 22,
    node: '04',
    topics: ['国民经济管理、国有资产监管'],
    paragraphs: ['2025年全县实现地区生产总值241.3亿元，比上年增长5.4%。', '年末全县户籍人口52.7万人。'],
  },
  {
    unit: 'rsj',
    title: '示范县2026年事业单位公开招聘工作人员公告',
    genre: 'announcement',
    writtenOn: '2026-04-08',
    publishedAfter: 1,
    node: '14',
    topics: ['劳动、人事、监察'],
    paragraphs: ['根据工作需要，县属事业单位公开招聘工作人员86名。', '报名时间：2026年4月20日至4月24日。咨询方式见县人力资源和社会保障局门户网站。'],
  },
  {
    unit: 'scj',
    title: '示范县市场监督管理局2026年第三季度食品安全监督抽检信息',
    genre: 'announcement',
    writtenOn: '2026-10-15',
    publishedAfter: 8,
    node: '13',
    topics: ['市场监管、安全生产监管'],
    paragraphs: ['本季度共抽检食品样品420批次，合格412批次，不合格8批次。', '对不合格产品，已依法责令相关经营者下架、召回，并立案调查。'],
  },
  {
    unit: 'yjj',
    title: '示范县突发地质灾害应急预案',
    genre: 'plan',
    docNo: '示应急〔2026〕11号',
    writtenOn: '2026-05-12',
    publishedAfter: 10,
    node: '12',
    topics: ['民政、扶贫、救灾'],
    paragraphs: ['为高效有序做好突发地质灾害应急防治工作，避免或最大程度减轻灾害造成的损失，制定本预案。', '本预案适用于本县行政区域内自然因素或人为活动引发的地质灾害应急防治工作。'],
  },
  {
    unit: 'jyj',
    title: '示范县2026年义务教育阶段学校招生工作方案',
    genre: 'plan',
    docNo: '示教体〔2026〕17号',
    writtenOn: '2026-05-28',
    publishedAfter: 5,
    node: '11',
    topics: ['科技、教育'],
    paragraphs: ['坚持义务教育免试就近入学原则，公办学校按划片范围招生。', '适龄儿童少年入学报名时间为7月1日至7月10日，家长可通过“示范县教育招生平台”网上报名。'],
    interpretation: {
      form: 'qa',
      title: '一图读懂《示范县2026年义务教育阶段学校招生工作方案》',
      paragraphs: [
        '一、出台背景。为落实义务教育免试就近入学要求，依据《中华人民共和国义务教育法》和上级教育部门有关文件，制定本方案。',
        '二、主要内容。公办学校按划片范围招生，民办学校与公办学校同步招生。',
        '三、与去年相比的变化。今年新增网上报名渠道，取消纸质材料现场审核。',
        '四、适用范围。本县户籍及符合条件的随迁子女中的适龄儿童少年。',
        '五、如何申请办理。7月1日至7月10日登录“示范县教育招生平台”报名；咨询电话：0000-12345680。',
      ],
    },
  },
  {
    unit: 'zjj',
    title: '示范县2026年保障性住房建设计划',
    genre: 'plan',
    writtenOn: '2026-03-02',
    publishedAfter: 26,
    node: '11',
    topics: ['城乡建设、环境保护'],
    paragraphs: ['2026年计划筹集保障性租赁住房320套，实施城镇老旧小区改造12个，惠及居民1860户。'],
  },
  {
    unit: 'qsz',
    title: '青山镇2026年耕地地力保护补贴发放情况公示',
    genre: 'announcement',
    writtenOn: '2026-09-10',
    publishedAfter: 2,
    node: '11',
    topics: ['农业、林业、水利'],
    attachment: '青山镇2026年耕地地力保护补贴发放明细.xlsx',
    paragraphs: ['根据县农业农村局、县财政局有关文件，青山镇2026年耕地地力保护补贴已发放到户，补贴标准每亩105.5元。', '青山村发放1.86万元，石桥村发放1.42万元，柳塘村发放1.13万元，大树村发放0.98万元。', '公示期7日。如有异议，请向镇农业综合服务中心反映。'],
  },
  {
    unit: 'swj',
    title: '示范县促进县域商业体系建设若干措施',
    genre: 'opinion',
    writtenOn: '2026-07-07',
    publishedAfter: 7,
    node: '02',
    topics: ['商贸、海关、旅游'],
    paragraphs: ['一、支持乡镇商贸中心改造提升，对改造面积1000平方米以上的给予一次性补助。', '二、完善农村物流配送体系，推动快递进村全覆盖。'],
    withdrawn: '本文件所列补助标准有误，已撤回修改，修改后将重新发布。',
  },
  {
    unit: 'zfb',
    title: '示范县人民政府办公室关于印发《示范县政府信息公开工作制度》的通知',
    genre: 'notice',
    docNo: '示政办发〔2025〕6号',
    issuer: '示范县人民政府办公室',
    writtenOn: '2025-03-04',
    publishedAfter: 3,
    node: '15',
    topics: ['综合政务'],
    paragraphs: [
      '各乡镇人民政府、街道办事处，县政府各部门：',
      '《示范县政府信息公开工作制度》已经县政府同意，现印发给你们，请认真贯彻执行。',
      '一、公开属性源头认定。公文起草时同步明确主动公开、依申请公开或不予公开，不予公开的须注明法律依据。',
      '二、发布前审查。拟公开的政府信息经单位审核和保密审查后发布，严防泄露国家秘密、商业秘密和个人隐私。',
      '三、依申请公开办理。县政务公开办统一受理，承办单位在法定期限内答复，答复前经法制审核。',
    ],
  },
  {
    unit: 'root',
    title: '示范县人民政府2023年政府信息公开工作年度报告',
    genre: 'report',
    issuer: '示范县人民政府',
    writtenOn: '2024-03-19',
    publishedAfter: 2,
    node: '15',
    topics: ['综合政务'],
    paragraphs: ['本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式编制。', '一、总体情况。2023年，示范县坚持以公开为常态、不公开为例外，全年主动公开政府信息2136条。'],
  },
  {
    unit: 'root',
    title: '示范县人民政府2025年政府信息公开工作年度报告',
    genre: 'report',
    issuer: '示范县人民政府',
    writtenOn: '2026-03-18',
    publishedAfter: 3,
    node: '15',
    topics: ['综合政务'],
    paragraphs: ['本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式编制。', '一、总体情况。2025年，示范县持续深化政务公开，全年主动公开政府信息2415条，办理政府信息公开申请57件。'],
  },
];
