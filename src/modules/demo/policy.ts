// Demo 政策问答 and 政策找人 of 示范县: benefit policies (惠民惠企政策) published with who they fit, their
// conditions, materials, process, unit, contact and dates; one more approved but not yet published, so
// that publishing it shows the push; and a Q&A bank citing them and other demo records. All invented;
// phone numbers use the fictional 0000 area code. The published ones are marked announced: they were
// published "in the story", before anybody subscribed.
import { and, eq } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import type { Genre } from '../../core/publishing/genres.ts';
import type { Target } from '../../core/policy/target.ts';
import type { Db } from '../../db/client.ts';
import { listNodes } from '../publishing/nodes.ts';
import { actOnRecord, createRecord } from '../publishing/records.ts';
import { records } from '../publishing/schema.ts';
import { policyBenefits } from '../policy/schema.ts';
import { createEntry, putBenefit } from '../policy/service.ts';

interface DemoBenefit {
  unit: string;
  title: string;
  genre: Genre;
  docNo?: string;
  writtenOn: string;
  /** Published (back-dated to this day), or only approved (the push demo). */
  publishedOn: string | null;
  topics: string[];
  paragraphs: string[];
  target: Partial<Target> & Pick<Target, 'audiences' | 'topics'>;
  /** Unit codes of the areas it is limited to. */
  areas?: string[];
  conditions: string;
  materials: string[];
  process: string;
  contact: string;
  startsOn?: string;
  endsOn?: string;
}

export const DEMO_BENEFITS: DemoBenefit[] = [
  {
    unit: 'rsj',
    title: '示范县高校毕业生就业创业扶持办法',
    genre: 'normative_document',
    docNo: '示人社规〔2026〕2号',
    writtenOn: '2026-03-10',
    publishedOn: '2026-03-16',
    topics: ['劳动、人事、监察'],
    paragraphs: [
      '第一条 为促进高校毕业生在本县就业创业，根据国家和省有关稳就业政策，结合本县实际，制定本办法。',
      '第二条 本办法适用于毕业年度和离校2年内未就业的全日制普通高校毕业生（以下简称高校毕业生），以及在本县企业就业的高校毕业生。',
      '第三条 求职创业补贴。毕业年度内有就业创业意愿并积极求职创业的低保家庭、零就业家庭、脱贫家庭和残疾高校毕业生，给予每人3000元一次性求职创业补贴。',
      '第四条 就业见习补贴。高校毕业生参加县人力资源和社会保障局认定的就业见习基地见习，见习期3至12个月，按每人每月1500元标准给予见习单位见习补贴。',
      '第五条 吸纳就业补贴。本县中小微企业招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同并缴纳社会保险费的，按每人1500元给予企业一次性吸纳就业补贴。',
      '第六条 创业扶持。高校毕业生在本县首次创办小微企业或个体工商户，正常经营6个月以上的，给予1万元一次性创业补贴；可申请最高30万元创业担保贷款，按规定给予贴息。',
      '第七条 生活补贴。到本县企业就业的全日制本科及以上学历高校毕业生，3年内按本科每月500元、硕士每月1000元、博士每月2000元发放生活补贴。',
      '第八条 申请补贴的，向县人力资源和社会保障局就业服务中心提出，或者登录省人社网上办事大厅办理。咨询电话：0000-12345601。',
      '第九条 本办法自2026年4月1日起施行，有效期至2028年3月31日。',
    ],
    target: { audiences: ['person', 'enterprise'], groups: ['graduate'], sizes: ['medium', 'small', 'micro'], topics: ['employment', 'subsidy', 'finance'] },
    conditions: '个人：毕业年度或离校2年内未就业的全日制普通高校毕业生（求职创业补贴限低保、零就业、脱贫家庭和残疾毕业生）。企业：本县中小微企业，招用上述高校毕业生并签订1年以上劳动合同、缴纳社会保险费。',
    materials: ['身份证', '毕业证书（毕业年度内的可提供就业推荐表）', '劳动合同或营业执照（按补贴项目提供）', '本人或企业银行账户信息'],
    process: '向县人力资源和社会保障局就业服务中心提出申请，或登录省人社网上办事大厅办理；经审核公示无异议后，补贴直接拨付到个人或企业账户。',
    contact: '县人力资源和社会保障局就业服务中心，0000-12345601',
    startsOn: '2026-04-01',
    endsOn: '2028-03-31',
  },
  {
    unit: 'tyjr',
    title: '示范县退役军人就业创业扶持若干措施',
    genre: 'opinion',
    docNo: '示退役发〔2026〕4号',
    writtenOn: '2026-04-15',
    publishedOn: '2026-04-20',
    topics: ['民政、扶贫、救灾'],
    paragraphs: [
      '一、适用对象。本县户籍的自主就业退役士兵、退役军官，以及在本县落户的其他退役军人。',
      '二、创业补贴。退役军人在本县首次创业，领取营业执照并正常经营1年以上的，给予5000元一次性创业补贴；入驻县退役军人创业孵化基地的，3年内免收场地租金。',
      '三、创业担保贷款。退役军人创业可申请最高30万元创业担保贷款，合伙创业的最高可达200万元，财政按规定贴息。',
      '四、技能培训。退役军人参加职业技能培训的，免收培训费，培训期间按每天60元发放生活补助。',
      '五、企业吸纳奖励。企业招用自主就业退役士兵，与其签订1年以上劳动合同并依法缴纳社会保险的，按每人每年6000元定额依次扣减增值税、城市维护建设税等税费。',
      '六、办理渠道。向县退役军人事务局就业创业服务股申请，地址：示范县人民路88号，咨询电话：0000-12345602。',
    ],
    target: { audiences: ['person', 'enterprise'], groups: ['veteran'], localHukouOnly: true, topics: ['employment', 'subsidy', 'finance', 'tax'] },
    conditions: '个人：本县户籍的退役军人。企业：招用自主就业退役士兵并签订1年以上劳动合同、依法缴纳社会保险的企业。',
    materials: ['身份证', '退役证件', '营业执照（申请创业补贴的）', '劳动合同和社会保险缴费证明（企业申请税费扣减的）'],
    process: '向县退役军人事务局就业创业服务股提出申请，审核通过后发放补贴；税费扣减向主管税务机关申报享受。',
    contact: '县退役军人事务局就业创业服务股（示范县人民路88号），0000-12345602',
  },
  {
    unit: 'mzj',
    title: '示范县高龄津贴发放管理办法',
    genre: 'normative_document',
    docNo: '示民规〔2026〕1号',
    writtenOn: '2026-01-12',
    publishedOn: '2026-01-19',
    topics: ['民政、扶贫、救灾'],
    paragraphs: [
      '第一条 为弘扬敬老爱老传统，提高高龄老年人生活质量，制定本办法。',
      '第二条 具有本县户籍、年满80周岁的老年人，按月享受高龄津贴。',
      '第三条 津贴标准：80至89周岁每人每月100元，90至99周岁每人每月300元，100周岁及以上每人每月800元。',
      '第四条 申请人或者其家属持身份证、户口簿和本人银行账户，向户籍所在地村（社区）提出申请，经乡镇（街道）审核、县民政局审批后，从次月起发放。',
      '第五条 高龄津贴按季度通过“一卡通”发放到老年人本人账户。老年人死亡或者户籍迁出本县的，从次月起停发。',
      '第六条 咨询电话：县民政局养老服务股 0000-12345603。',
    ],
    target: { audiences: ['person'], ageMin: 80, localHukouOnly: true, topics: ['elderly_care', 'subsidy', 'social_security'] },
    conditions: '具有本县户籍、年满80周岁的老年人。',
    materials: ['老年人身份证', '户口簿', '老年人本人银行账户（社保卡或“一卡通”）'],
    process: '向户籍所在地村（社区）提出申请，乡镇（街道）审核、县民政局审批，审批通过的从次月起按季度发放。',
    contact: '县民政局养老服务股，0000-12345603',
  },
  {
    unit: 'mzj',
    title: '示范县困难残疾人生活补贴和重度残疾人护理补贴实施细则',
    genre: 'normative_document',
    docNo: '示民规〔2026〕2号',
    writtenOn: '2026-02-20',
    publishedOn: '2026-02-26',
    topics: ['民政、扶贫、救灾'],
    paragraphs: [
      '第一条 困难残疾人生活补贴的对象为具有本县户籍、持有第二代残疾人证的低保家庭残疾人，补贴标准为每人每月90元。',
      '第二条 重度残疾人护理补贴的对象为具有本县户籍、持有残疾等级为一级或者二级的第二代残疾人证的残疾人，补贴标准为一级每人每月120元、二级每人每月90元。',
      '第三条 申请人向户籍所在地乡镇（街道）社会事务办提出申请，也可以通过“全国残疾人两项补贴网上申请”平台办理，所需材料为身份证、残疾人证和户口簿。',
      '第四条 补贴资金按月发放到残疾人本人账户，实行“跨省通办”。',
      '第五条 咨询电话：县民政局社会救助股 0000-12345604。',
    ],
    target: { audiences: ['person'], groups: ['disabled'], localHukouOnly: true, topics: ['social_security', 'subsidy'] },
    conditions: '具有本县户籍、持有第二代残疾人证；生活补贴限低保家庭残疾人，护理补贴限一级、二级残疾人。',
    materials: ['身份证', '第二代残疾人证', '户口簿'],
    process: '向户籍所在地乡镇（街道）社会事务办申请，或通过“全国残疾人两项补贴网上申请”平台办理；审核通过后按月发放。',
    contact: '县民政局社会救助股，0000-12345604',
  },
  {
    unit: 'rsj',
    title: '示范县2026年稳岗扩岗补贴申领公告',
    genre: 'announcement',
    writtenOn: '2026-11-02',
    publishedOn: '2026-11-04',
    topics: ['劳动、人事、监察'],
    paragraphs: [
      '一、失业保险稳岗返还。2025年度未裁员或裁员率不高于5.5%（参保职工30人及以下的企业不高于参保职工总数20%）的参保企业，中小微企业按企业及其职工上年度实际缴纳失业保险费的60%返还，大型企业按30%返还。',
      '二、扩岗补助。企业招用16至24岁登记失业青年，签订劳动合同并按月足额缴纳失业保险费的，按每招用1人1500元发放一次性扩岗补助。',
      '三、申领方式。符合条件的企业无需申报，由县社会保险中心通过大数据比对“免申即享”，资金直接拨付到企业对公账户；未能比对的企业，可于2027年3月31日前到县人力资源和社会保障局服务大厅申请。',
      '四、咨询电话：0000-12345605。',
    ],
    target: { audiences: ['enterprise'], topics: ['employment', 'subsidy'] },
    conditions: '在本县参加失业保险、2025年度未裁员或裁员率符合规定的企业；扩岗补助限招用16至24岁登记失业青年的企业。',
    materials: ['无需申报（免申即享）；未能比对的企业提供营业执照、对公账户信息和参保证明'],
    process: '县社会保险中心大数据比对后直接拨付；未能比对的企业到县人力资源和社会保障局服务大厅申请。',
    contact: '县社会保险中心，0000-12345605',
    startsOn: '2026-11-04',
    endsOn: '2027-03-31',
  },
  {
    unit: 'rsj',
    title: '示范县新就业形态劳动者权益保障服务指引',
    genre: 'notice',
    writtenOn: '2026-06-18',
    publishedOn: '2026-06-22',
    topics: ['劳动、人事、监察'],
    paragraphs: [
      '一、本指引所称新就业形态劳动者，是指依托互联网平台从事外卖配送、网约车驾驶、快递收派、同城货运等工作的劳动者。',
      '二、职业伤害保障。在平台注册接单的骑手、网约车司机等，由平台企业按单缴纳职业伤害保障费用，劳动者本人无需缴费；在接单配送过程中受到事故伤害的，由平台或者本人向县社会保险中心申请职业伤害保障待遇。',
      '三、参加社会保险。新就业形态劳动者可以灵活就业人员身份参加本县企业职工基本养老保险和职工基本医疗保险，不受户籍限制。',
      '四、暖心驿站。全县建成“户外劳动者服务站”42个，提供饮水、充电、休息、如厕等服务，名单在县总工会网站公布。',
      '五、权益维护。遇到劳动报酬、休息、算法规则等争议的，可拨打12333或者到县劳动人事争议仲裁院申请调解仲裁。',
    ],
    target: { audiences: ['person'], groups: ['new_employment'], topics: ['social_security', 'employment'] },
    conditions: '依托互联网平台从事外卖配送、网约车驾驶、快递收派、同城货运等工作的劳动者。',
    materials: ['身份证', '平台注册和接单记录（申请职业伤害保障待遇的）'],
    process: '职业伤害由平台或本人向县社会保险中心申请；以灵活就业人员身份参保的，到县社会保险中心或通过网上办事大厅登记。',
    contact: '劳动保障咨询 12333；县社会保险中心',
  },
  {
    unit: 'kjj',
    title: '示范县科技型中小企业研发费用补助办法',
    genre: 'normative_document',
    docNo: '示科规〔2026〕1号',
    writtenOn: '2026-08-03',
    publishedOn: '2026-08-10',
    topics: ['科技、教育'],
    paragraphs: [
      '第一条 为激励企业加大研发投入，提升自主创新能力，制定本办法。',
      '第二条 补助对象为在本县登记注册、入库国家科技型中小企业评价系统的企业，以及本县的高新技术企业和专精特新企业。',
      '第三条 补助标准：按企业上年度研发费用加计扣除额的10%给予补助，单个企业最高50万元；首次认定为高新技术企业的，另给予一次性奖励20万元。',
      '第四条 申报材料：申报书、上年度企业所得税年度纳税申报表及研发费用加计扣除优惠明细表、营业执照复印件。',
      '第五条 每年5月1日至6月30日集中申报，县科学技术局会同县财政局审核后公示7日，无异议的拨付资金。咨询电话：0000-12345606。',
    ],
    target: { audiences: ['enterprise'], groups: ['high_tech', 'specialized'], industries: ['C', 'I', 'M'], sizes: ['medium', 'small', 'micro'], topics: ['innovation', 'subsidy', 'tax'] },
    conditions: '在本县登记注册、入库国家科技型中小企业评价系统的企业，或本县高新技术企业、专精特新企业；上年度有研发费用加计扣除。',
    materials: ['申报书', '上年度企业所得税年度纳税申报表及研发费用加计扣除优惠明细表', '营业执照复印件'],
    process: '每年5月1日至6月30日向县科学技术局申报，县科学技术局会同县财政局审核，公示7日无异议后拨付。',
    contact: '县科学技术局，0000-12345606',
    startsOn: '2027-05-01',
    endsOn: '2027-06-30',
  },
  {
    unit: 'qsz',
    title: '青山镇扶持粮食生产规模经营实施办法',
    genre: 'notice',
    writtenOn: '2026-09-01',
    publishedOn: '2026-09-03',
    topics: ['农业、林业、水利'],
    paragraphs: [
      '一、扶持对象。在青山镇范围内流转土地连片种植粮食50亩以上的种粮大户，以及经认定的家庭农场、农民专业合作社。',
      '二、规模经营补贴。按实际种植面积每亩补贴50元，单户最高3万元。',
      '三、农机作业补贴。开展机耕、机插、机收统一作业服务的，按每亩20元给予补助。',
      '四、申报办法。每年10月31日前向镇农业综合服务中心申报，提供土地流转合同、种植面积核实表和银行账户。咨询电话：0000-12345607。',
    ],
    target: { audiences: ['person', 'enterprise'], groups: ['farmer', 'agri_business'], topics: ['agriculture', 'subsidy'] },
    areas: ['qsz'],
    conditions: '在青山镇流转土地连片种植粮食50亩以上的种粮大户，或经认定的家庭农场、农民专业合作社。',
    materials: ['土地流转合同', '种植面积核实表', '银行账户信息'],
    process: '每年10月31日前向青山镇农业综合服务中心申报，镇里核实面积并公示后发放。',
    contact: '青山镇农业综合服务中心，0000-12345607',
    endsOn: '2027-10-31',
  },
  {
    unit: 'zjj',
    title: '示范县城镇老旧住宅加装电梯补助办法',
    genre: 'normative_document',
    docNo: '示建规〔2026〕3号',
    writtenOn: '2026-05-08',
    publishedOn: '2026-05-14',
    topics: ['城乡建设、环境保护'],
    paragraphs: [
      '第一条 本县城区（城东街道、城西街道）2000年以前建成、未列入征收计划的4层及以上住宅，业主自愿加装电梯的，适用本办法。',
      '第二条 加装电梯每台补助20万元，其中县财政承担15万元，街道承担5万元。',
      '第三条 加装电梯应当经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决业主双四分之三以上同意。',
      '第四条 申请材料：加装电梯申请表、业主表决结果和书面协议、设计方案、施工单位资质证明。向所在街道办事处提出申请，由县住房和城乡建设局会同有关部门联合审查。',
      '第五条 咨询电话：0000-12345608。',
    ],
    target: { audiences: ['person'], topics: ['housing', 'subsidy', 'elderly_care'] },
    areas: ['cdjd', 'cxjd'],
    conditions: '城东街道、城西街道2000年以前建成、未列入征收计划的4层及以上住宅，经业主依法表决同意加装电梯。',
    materials: ['加装电梯申请表', '业主表决结果和书面协议', '设计方案', '施工单位资质证明'],
    process: '向所在街道办事处提出申请，县住房和城乡建设局会同有关部门联合审查，竣工验收后拨付补助。',
    contact: '县住房和城乡建设局，0000-12345608',
  },
  {
    unit: 'wlj',
    title: '示范县促进住宿餐饮业恢复发展若干措施',
    genre: 'opinion',
    writtenOn: '2026-11-20',
    publishedOn: '2026-11-25',
    topics: ['商贸、海关、旅游'],
    paragraphs: [
      '一、对年营业额增长10%以上的限额以上住宿餐饮企业，给予一次性奖励5万元。',
      '二、开展“示范美食季”活动，县财政安排消费券500万元，分批在线上平台发放，个体餐馆可以自愿报名参与核销。',
      '三、小微住宿餐饮企业和个体工商户申请创业担保贷款的，最高可申请50万元，财政全额贴息1年。',
      '四、住宿餐饮企业新招用登记失业人员的，按每人2000元给予吸纳就业补贴。',
      '五、申报时间为2026年12月1日至2027年6月30日，向县文化和旅游局产业发展股申报。咨询电话：0000-12345609。',
    ],
    target: { audiences: ['enterprise'], industries: ['H'], topics: ['business', 'subsidy', 'finance'] },
    conditions: '本县住宿和餐饮业企业、个体工商户；营业额增长奖励限限额以上企业，贴息贷款限小微企业和个体工商户。',
    materials: ['营业执照', '上年度和本年度营业额证明', '贷款合同（申请贴息的）', '劳动合同（申请吸纳就业补贴的）'],
    process: '向县文化和旅游局产业发展股申报，县文化和旅游局会同县商务局、县财政局审核后拨付。',
    contact: '县文化和旅游局产业发展股，0000-12345609',
    startsOn: '2026-12-01',
    endsOn: '2027-06-30',
  },
  {
    unit: 'jyj',
    title: '示范县家庭经济困难学生资助实施办法',
    genre: 'normative_document',
    docNo: '示教体规〔2026〕2号',
    writtenOn: '2026-11-28',
    publishedOn: null,
    topics: ['科技、教育'],
    paragraphs: [
      '一、学前教育阶段，对家庭经济困难幼儿按每生每年1000元减免保育教育费。',
      '二、义务教育阶段，对家庭经济困难寄宿生按小学每生每年1000元、初中每生每年1250元发放生活补助。',
      '三、普通高中国家助学金平均每生每年2000元，分两档发放。',
      '四、资助对象为本县户籍或在本县就读的低保家庭、特困供养、残疾学生和其他家庭经济困难学生。向就读学校提出申请，学校审核后报县学生资助管理中心。咨询电话：0000-12345610。',
    ],
    target: { audiences: ['person'], groups: ['low_income', 'disabled'], topics: ['education', 'subsidy'] },
    conditions: '本县户籍或在本县就读的低保家庭、特困供养、残疾学生和其他家庭经济困难学生。',
    materials: ['学生资助申请表', '低保证、残疾证等家庭经济困难证明（如有）'],
    process: '向就读学校提出申请，学校评议审核后报县学生资助管理中心，资助资金发放到学生或家长账户。',
    contact: '县学生资助管理中心，0000-12345610',
  },
];

/** The bank: questions people ask, answered with the documents that say so (cited by title). */
export const DEMO_QA: { question: string; answer: string; records: string[] }[] = [
  {
    question: '高校毕业生一次性求职创业补贴怎么申请？',
    answer: '毕业年度内有就业创业意愿并积极求职创业的低保家庭、零就业家庭、脱贫家庭和残疾高校毕业生，可以申请每人3000元一次性求职创业补贴。向县人力资源和社会保障局就业服务中心提出申请，或者登录省人社网上办事大厅办理。',
    records: ['示范县高校毕业生就业创业扶持办法'],
  },
  {
    question: '退役军人创业可以申请多少贷款？',
    answer: '退役军人创业可申请最高30万元创业担保贷款，合伙创业的最高可达200万元，财政按规定贴息。向县退役军人事务局就业创业服务股申请。',
    records: ['示范县退役军人就业创业扶持若干措施'],
  },
  {
    question: '80岁以上老人的高龄津贴每月发多少？',
    answer: '具有本县户籍的老年人：80至89周岁每人每月100元，90至99周岁每人每月300元，100周岁及以上每人每月800元，按季度发放到本人账户。',
    records: ['示范县高龄津贴发放管理办法'],
  },
  {
    question: '申请重度残疾人护理补贴需要哪些材料？',
    answer: '需要身份证、第二代残疾人证和户口簿，向户籍所在地乡镇（街道）社会事务办申请，也可以通过“全国残疾人两项补贴网上申请”平台办理。',
    records: ['示范县困难残疾人生活补贴和重度残疾人护理补贴实施细则'],
  },
  {
    question: '企业的失业保险稳岗返还需要自己申报吗？',
    answer: '一般不需要。县社会保险中心通过大数据比对“免申即享”，资金直接拨付到企业对公账户；未能比对的企业，可在2027年3月31日前到县人力资源和社会保障局服务大厅申请。',
    records: ['示范县2026年稳岗扩岗补贴申领公告'],
  },
  {
    question: '外卖骑手送餐途中出了事故有什么保障？',
    answer: '平台企业按单为骑手缴纳职业伤害保障费用，骑手本人不用缴费；在接单配送过程中受到事故伤害的，由平台或者本人向县社会保险中心申请职业伤害保障待遇。',
    records: ['示范县新就业形态劳动者权益保障服务指引'],
  },
  {
    question: '首次认定为高新技术企业有奖励吗？',
    answer: '有。首次认定为高新技术企业的，给予一次性奖励20万元；此外按上年度研发费用加计扣除额的10%给予补助，单个企业最高50万元。每年5月1日至6月30日集中申报。',
    records: ['示范县科技型中小企业研发费用补助办法'],
  },
  {
    question: '老旧小区加装电梯政府补助多少钱？',
    answer: '城东街道、城西街道2000年以前建成的4层及以上住宅加装电梯，每台补助20万元，其中县财政承担15万元、街道承担5万元。向所在街道办事处提出申请。',
    records: ['示范县城镇老旧住宅加装电梯补助办法'],
  },
  {
    question: '孩子上小学什么时候网上报名？',
    answer: '适龄儿童少年入学报名时间为7月1日至7月10日，家长可以通过“示范县教育招生平台”网上报名。公办学校按划片范围招生。',
    records: ['示范县2026年义务教育阶段学校招生工作方案'],
  },
  {
    question: '事业单位公开招聘什么时候报名？',
    answer: '2026年县属事业单位公开招聘工作人员86名，报名时间为2026年4月20日至4月24日，咨询方式见县人力资源和社会保障局门户网站。',
    records: ['示范县2026年事业单位公开招聘工作人员公告'],
  },
  {
    question: '耕地地力保护补贴每亩补多少钱？',
    answer: '青山镇2026年耕地地力保护补贴标准为每亩105.5元，已发放到户。',
    records: ['青山镇2026年耕地地力保护补贴发放情况公示'],
  },
  {
    question: '种粮大户在青山镇有什么补贴？',
    answer: '在青山镇流转土地连片种植粮食50亩以上的种粮大户和家庭农场、农民专业合作社，按实际种植面积每亩补贴50元，单户最高3万元；开展统一机械化作业的，每亩补助20元。每年10月31日前向镇农业综合服务中心申报。',
    records: ['青山镇扶持粮食生产规模经营实施办法'],
  },
];

export async function seedDemoPolicy(db: Db, caller: Caller, unitIds: Map<string, string>, today = todayLocal()): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const node = (await listNodes(db, tenantId)).find((n) => n.code === '02')?.id ?? null;
  for (const d of DEMO_BENEFITS) {
    let r = await createRecord(db, caller, {
      unitId: unitIds.get(d.unit)!,
      title: d.title,
      genre: d.genre,
      docNo: d.docNo ?? null,
      writtenOn: d.writtenOn,
      formedOn: d.writtenOn,
      attribute: 'proactive',
      topics: d.topics,
      catalogueNodeId: node,
      bodyHtml: d.paragraphs.map((p) => `<p>${p}</p>`).join(''),
    });
    const target: Target = { areas: [], groups: [], industries: [], sizes: [], ageMin: null, ageMax: null, localHukouOnly: false, ...d.target };
    await putBenefit(db, caller, r.id, {
      ...target,
      areas: (d.areas ?? []).map((code) => unitIds.get(code)!).filter(Boolean),
      version: 0,
      unitId: unitIds.get(d.unit)!,
      conditions: d.conditions,
      materials: d.materials,
      process: d.process,
      contact: d.contact,
      startsOn: d.startsOn ?? null,
      endsOn: d.endsOn ?? null,
    });
    const events = d.publishedOn ? (['submit', 'pass_review', 'pass_confidentiality', 'publish'] as const) : (['submit', 'pass_review', 'pass_confidentiality'] as const);
    for (const event of events) r = await actOnRecord(db, caller, r.id, { event, version: r.version });
    if (d.publishedOn) {
      const on = d.publishedOn > today ? today : d.publishedOn;
      await db.update(records).set({ publishedAt: new Date(`${on}T10:00:00+08:00`) }).where(and(eq(records.tenantId, tenantId), eq(records.id, r.id)));
      // Published before anybody subscribed: nothing to announce.
      await db.update(policyBenefits).set({ notifiedAt: new Date(`${on}T10:05:00+08:00`), notifiedCount: 0 }).where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, r.id)));
    }
  }
  const byTitle = new Map((await db.select({ id: records.id, title: records.title }).from(records).where(eq(records.tenantId, tenantId))).map((r) => [r.title, r.id]));
  for (const q of DEMO_QA) {
    const recordIds = q.records.map((t) => byTitle.get(t)).filter((x): x is string => !!x);
    if (recordIds.length) await createEntry(db, caller, { question: q.question, answer: q.answer, recordIds });
  }
}
