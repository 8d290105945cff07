// Demo disclosure requests of 示范县: a year of invented requests in every shape the office meets (by letter,
// in person, online; corrected, consulted, extended, charged, transferred, abandoned, withdrawn, appealed)
// replayed through the service as they would have happened, and a few still open, dated relative to the
// day the demo is loaded so their clocks are live. Applicants are invented; ID numbers are made up with
// valid checksums and phone numbers use the fictional 0000 area code or 138 numbers of no one.
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { residentIdCheckChar } from '../../core/privacy/checks.ts';
import type { ApplicantInput } from '../../core/requests/applicant.ts';
import type { Db } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { actOnRequest, addAppeal, intakeRequest, registerRequest, type ActInput, type RegisterInput, type RequestView } from '../requests/service.ts';

/** An invented resident ID number with a valid check character. */
function demoId(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

const PEOPLE: ApplicantInput[] = [
  { type: 'natural_person', name: '王晓燕', idType: 'resident_id', idNumber: demoId('370983', '19780312', '402'), phone: '13800000101', address: '示范县青山镇石桥村3组', email: 'wxy@example.com' },
  { type: 'natural_person', name: '李建国', idType: 'resident_id', idNumber: demoId('370983', '19650907', '131'), phone: '13800000102', address: '示范县城关街道人民路18号' },
  { type: 'natural_person', name: '张丽', idType: 'resident_id', idNumber: demoId('370983', '19900521', '228'), phone: '13800000103', email: 'zhangli@example.com' },
  { type: 'natural_person', name: '陈大勇', idType: 'resident_id', idNumber: demoId('370983', '19830114', '515'), phone: '0000-12345777', address: '示范县河东街道幸福小区2栋' },
  { type: 'enterprise', name: '示范县青禾农业发展有限公司', idType: 'credit_code', idNumber: '919999000012345T0R', contactPerson: '赵经理', phone: '0000-12345888', email: 'qinghe@example.com' },
  { type: 'legal_service', name: '示范县明理律师事务所', idType: 'org_other', idNumber: '3199990000000001', contactPerson: '孙律师', email: 'mingli@example.com', address: '示范县人民路66号' },
];

interface Step extends Omit<ActInput, 'version'> {
  on: LocalDate;
}

interface Story {
  unit: string;
  who: number;
  input: Pick<RegisterInput, 'channel' | 'arrivedOn' | 'confirmedOn' | 'infoTitle' | 'infoDocNo' | 'description' | 'infoForm' | 'delivery'>;
  steps: Step[];
  appeal?: Parameters<typeof addAppeal>[3];
}

const STORIES: Story[] = [
  {
    unit: 'root',
    who: 1,
    input: { channel: 'post', arrivedOn: '2025-12-22', infoTitle: '示范县2025年城区道路改造项目立项批复', description: '申请公开示范县2025年城区道路改造项目的立项批复文件及概算', infoForm: 'paper', delivery: 'post' },
    steps: [{ event: 'reply', on: '2026-01-12', result: 'disclosed', comment: '所申请信息已制作完成，现予以提供' }, { event: 'deliver', on: '2026-01-14', deliveryNote: '挂号信寄出' }],
  },
  {
    unit: 'root',
    who: 0,
    input: { channel: 'in_person', arrivedOn: '2026-03-02', infoTitle: '示范县2026年政务公开工作要点', infoDocNo: '示政发〔2026〕3号', description: '申请获取示政发〔2026〕3号文件全文', infoForm: 'electronic', delivery: 'email' },
    steps: [{ event: 'reply', on: '2026-03-04', result: 'disclosed', comment: '该信息已主动公开，可在县政府门户网站政府信息公开专栏查阅' }, { event: 'deliver', on: '2026-03-04', deliveryNote: '电子邮件送达' }],
  },
  {
    unit: 'root',
    who: 4,
    input: { channel: 'email', arrivedOn: '2026-04-13', confirmedOn: '2026-04-13', description: '申请公开示范县有关农业项目的补助资金情况', infoForm: 'electronic', delivery: 'email' },
    steps: [
      { event: 'request_correction', on: '2026-04-15', comment: '请写明所需补助资金的项目名称、年度和发放范围', correctionDueOn: '2026-05-08' },
      { event: 'receive_correction', on: '2026-04-22' },
      { event: 'reply', on: '2026-05-18', result: 'partial', comment: '补助资金明细中农户的身份证号码和银行账号属于个人隐私，已作区分处理后提供' },
      { event: 'deliver', on: '2026-05-18', deliveryNote: '电子邮件送达' },
    ],
  },
  {
    unit: 'root',
    who: 2,
    input: { channel: 'fax', arrivedOn: '2026-06-01', confirmedOn: '2026-06-01', infoTitle: '示范县某某商贸公司享受税收优惠情况', description: '申请公开示范县某某商贸有限公司2025年享受的财政奖补和税收优惠明细', infoForm: 'electronic', delivery: 'email' },
    steps: [
      { event: 'start_consultation', on: '2026-06-08', pauseKind: 'third_party', party: '示范县某某商贸有限公司', comment: '涉及第三方商业秘密，书面征求其意见' },
      { event: 'end_consultation', on: '2026-06-19', consultationOutcome: 'objected', comment: '第三方书面答复不同意公开，理由为涉及商业秘密' },
      { event: 'reply', on: '2026-07-03', result: 'withheld.third_party', comment: '所申请信息涉及第三方商业秘密，经书面征求意见，第三方不同意公开，且不公开不会对公共利益造成重大影响' },
      { event: 'deliver', on: '2026-07-03', deliveryNote: '电子邮件送达' },
    ],
  },
  {
    unit: 'root',
    who: 5,
    input: { channel: 'post', arrivedOn: '2026-07-06', infoTitle: '青山镇石桥村集体土地征收补偿方案', description: '申请公开青山镇石桥村2025年集体土地征收的补偿安置方案及批复', infoForm: 'paper', delivery: 'post' },
    steps: [
      { event: 'extend', on: '2026-07-30', extensionDays: 10, approver: '县政府办公室 周主任', comment: '需调取档案并会同县自然资源局核实' },
      { event: 'reply', on: '2026-08-12', result: 'unable.not_held', comment: '经检索，本机关未制作、获取该信息；征收补偿方案由县自然资源局组织拟订和保存', referOrgan: '示范县自然资源局，地址：示范县人民路9号，电话：0000-12345666' },
      { event: 'deliver', on: '2026-08-14', deliveryNote: '挂号信寄出' },
    ],
    appeal: { path: 'reconsideration', organ: '示范市人民政府', filedOn: '2026-09-01', outcome: 'upheld', decidedOn: '2026-10-26', note: '复议决定维持原答复' },
  },
  {
    unit: 'root',
    who: 3,
    input: { channel: 'in_person', arrivedOn: '2026-09-07', infoTitle: '示范县2021—2025年城乡低保资金发放台账', description: '申请获取示范县2021年至2025年城乡低保资金逐月发放台账（汇总表）', infoForm: 'paper', delivery: 'collect' },
    steps: [
      { event: 'issue_fee_notice', on: '2026-09-10', feeBasis: 'per_page', pages: 150 },
      { event: 'record_payment', on: '2026-09-16' },
      { event: 'reply', on: '2026-10-09', result: 'disclosed', comment: '已复制汇总台账共150页' },
      { event: 'deliver', on: '2026-10-12', deliveryNote: '申请人当面领取' },
    ],
  },
  {
    unit: 'root',
    who: 1,
    input: { channel: 'post_ordinary', arrivedOn: '2026-10-12', confirmedOn: '2026-10-12', description: '申请公开有关部门的有关文件', infoForm: 'paper', delivery: 'post' },
    steps: [
      { event: 'request_correction', on: '2026-10-14', comment: '请写明所需文件的名称、文号或者制作机关、时间等特征，以便查找', correctionDueOn: '2026-10-28' },
      { event: 'deem_abandoned', on: '2026-11-02', comment: '补正期满未补正' },
    ],
  },
  {
    unit: 'root',
    who: 2,
    input: { channel: 'email', arrivedOn: '2026-05-11', confirmedOn: '2026-05-11', description: '申请公开示范县2026年义务教育阶段学校招生计划及学区划分', infoForm: 'electronic', delivery: 'email' },
    steps: [{ event: 'withdraw', on: '2026-05-13', comment: '申请人来电表示已在网站上找到，撤回申请' }],
  },
  {
    unit: 'fgj',
    who: 4,
    input: { channel: 'in_person', arrivedOn: '2026-08-17', infoTitle: '示范县2026年重点建设项目计划', description: '申请获取示范县2026年重点建设项目计划中农业类项目的投资额和建设进度', infoForm: 'electronic', delivery: 'email' },
    steps: [{ event: 'reply', on: '2026-09-02', result: 'disclosed', comment: '现提供重点建设项目计划中农业类项目的投资和进度情况' }, { event: 'deliver', on: '2026-09-02', deliveryNote: '电子邮件送达' }],
  },
];

export async function seedDemoRequests(db: Db, caller: Caller, unitIds: Map<string, string>, today = todayLocal()): Promise<number> {
  const cal = await tenantCalendar(db, caller.actor.tenantId);
  let n = 0;
  const replay = async (s: Story) => {
    if (s.input.arrivedOn > today) return;
    const { view } = await registerRequest(db, caller, { ...s.input, unitId: unitIds.get(s.unit)!, applicant: PEOPLE[s.who]! }, s.input.confirmedOn ?? s.input.arrivedOn);
    let r: RequestView = view;
    for (const { on, ...step } of s.steps) {
      if (on > today) break;
      r = await actOnRequest(db, caller, r.id, { ...step, version: r.version, on }, on);
    }
    if (s.appeal && s.appeal.filedOn <= today) await addAppeal(db, caller, r.id, s.appeal, s.appeal.decidedOn ?? s.appeal.filedOn);
    n++;
  };
  for (const s of STORIES) await replay(s);

  // Open requests, dated from the day of loading: one nearly due, one in consultation, one with a unit's 协查.
  const back = (days: number) => cal.workingDaysBefore(today, days);
  const open: Story[] = [
    { unit: 'root', who: 0, input: { channel: 'in_person', arrivedOn: back(17), infoTitle: '青山镇2026年耕地地力保护补贴发放明细', description: '申请公开青山镇2026年耕地地力保护补贴发放到石桥村的明细', infoForm: 'electronic', delivery: 'email' }, steps: [] },
    {
      unit: 'root',
      who: 4,
      input: { channel: 'email', arrivedOn: back(8), confirmedOn: back(8), description: '申请公开示范县2026年县级农业产业化龙头企业认定名单及评审打分情况', infoForm: 'electronic', delivery: 'email' },
      steps: [{ event: 'start_consultation', on: back(3), pauseKind: 'other_organ', party: '示范县农业农村局', comment: '评审打分由县农业农村局组织，征求其意见' }],
    },
    { unit: 'fgj', who: 2, input: { channel: 'post', arrivedOn: back(4), description: '申请公开示范县发展和改革局2026年价格监测报告', infoForm: 'electronic', delivery: 'email' }, steps: [] },
  ];
  for (const s of open) await replay(s);
  // A request filed online today, waiting for the office to confirm receipt.
  await intakeRequest(db, caller.actor.tenantId, { unitId: unitIds.get('root')!, applicant: PEOPLE[3]!, infoTitle: '示范县2026年老旧小区改造项目清单', description: '申请公开示范县2026年老旧小区改造项目清单及每个小区的改造内容', infoForm: 'electronic', delivery: 'online' }, today);
  return n + 1;
}
