// Demo press conferences and public events of 示范县, and deputies' suggestions and members' proposals: a
// press conference already held, with its transcript and the demo interpretation linked; an open day coming
// up with registration open; a meeting attended by public representatives whose opinions were published
// within the 3 working days; two replied proposals, one published in full and one in summary. Dates run from
// the day the demo is loaded. Names are invented; no records are created here.
import type { Caller } from '../../core/auth/caller.ts';
import { addDays, todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import { actOnEvent, createEvent, publishMeetingOpinions } from '../engagement/events.ts';
import { assignProposal, publishProposal, registerProposal, replyToProposal } from '../engagement/proposals.ts';
import { latestInterpretations } from '../interpretation/service.ts';

const at = (d: LocalDate, time: string) => new Date(`${d}T${time}:00+08:00`).toISOString();

export async function seedDemoEngagement(db: Db, caller: Caller, unitIds: Map<string, string>, today = todayLocal()): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const root = unitIds.get('root')!;
  const { items } = await latestInterpretations(db, tenantId, 1);

  // A press conference held ten days ago, with its transcript and the interpretation it presented.
  const pcDay = addDays(today, -10);
  let pc = await createEvent(db, caller, {
    kind: 'press_conference',
    unitId: root,
    title: '示范县2026年优化营商环境政策新闻发布会',
    startsAt: at(pcDay, '10:00'),
    place: '县政府新闻发布厅',
    speakers: [
      { name: '赵国栋', post: '县人民政府副县长' },
      { name: '孙丽', post: '县发展和改革局局长' },
    ],
    summary: '介绍示范县优化营商环境的新举措，并回答记者提问。',
    transcriptHtml:
      '<p><strong>主持人：</strong>各位记者朋友，上午好！欢迎出席今天的新闻发布会。</p><p><strong>赵国栋：</strong>今年以来，我县围绕企业全生命周期，推出“一件事一次办”等20项举措……</p><p><strong>记者：</strong>小微企业如何申请贷款贴息？</p><p><strong>孙丽：</strong>符合条件的小微企业可通过县政务服务网在线申请，10个工作日内办结。</p>',
    videoUrl: 'https://video.example.gov.cn/shifan/fbh-2026-01',
    interpretationIds: items[0] ? [items[0].id] : [],
  });
  pc = await actOnEvent(db, caller, pc.id, { event: 'publish', version: pc.version }, pcDay);
  await actOnEvent(db, caller, pc.id, { event: 'hold', version: pc.version }, pcDay);

  // An open day in two weeks, registration open until four days before.
  const openDay = addDays(today, 14);
  const od = await createEvent(db, caller, {
    kind: 'open_day',
    unitId: unitIds.get('zjj') ?? root,
    title: '“走进县住建局”政府开放日：城区停车设施建设现场',
    startsAt: at(openDay, '09:00'),
    place: '县住房和城乡建设局（示范县人民路20号）集合',
    speakers: [{ name: '钱伟', post: '县住房和城乡建设局副局长' }],
    summary: '参观人民路公共停车场建设现场，听取城区停车设施建设专项规划介绍，现场交流。',
    capacity: 30,
    registrationClosesAt: at(addDays(openDay, -4), '17:00'),
  });
  await actOnEvent(db, caller, od.id, { event: 'publish', version: od.version });

  // A meeting of the county government attended by public representatives, opinions published in time.
  const meetingDay = addDays(today, -20);
  let mt = await createEvent(db, caller, {
    kind: 'attended_meeting',
    unitId: root,
    title: '县人民政府第12次常务会议（邀请公众代表列席）',
    startsAt: at(meetingDay, '15:00'),
    place: '县政府第一会议室',
    summary: '审议《示范县城市生活垃圾分类管理办法（草案）》，邀请市民代表、企业代表列席并发表意见。',
    capacity: 5,
    registrationClosesAt: at(addDays(meetingDay, -3), '17:00'),
  });
  mt = await actOnEvent(db, caller, mt.id, { event: 'publish', version: mt.version }, addDays(meetingDay, -10));
  mt = await actOnEvent(db, caller, mt.id, { event: 'hold', version: mt.version }, meetingDay);
  await publishMeetingOpinions(
    db,
    caller,
    mt.id,
    {
      version: mt.version,
      opinions: [
        { representative: '市民代表 王某', opinion: '建议在老旧小区增加厨余垃圾投放点，并延长投放时间。', adopted: true, response: '已在办法第十二条中规定投放点设置标准，投放时间由各小区按实际延长。' },
        { representative: '企业代表 李某', opinion: '建议对餐饮企业设置过渡期，给予分类设备购置补贴。', adopted: false, response: '补贴政策由县财政局另行研究；办法施行前已预留3个月准备期。' },
      ],
    },
    addDays(meetingDay, 2),
  );

  // Two suggestions/proposals of this year's sessions, answered; one published in full, one in summary.
  const assigned = addDays(today, -60);
  const npc = await registerProposal(db, caller, {
    kind: 'npc_suggestion',
    session: '示范县第十八届人民代表大会第六次会议',
    number: '第12号',
    title: '关于在人民路北段增设公交站点的建议',
    proposers: ['周建国', '郑慧'],
    content: '人民路北段居民小区集中，最近的公交站点步行需15分钟以上，老年人出行不便。建议增设公交站点，并优化1路公交线路。',
  });
  let v = await assignProposal(db, caller, npc.id, { version: npc.version, unitId: unitIds.get('fgj') ?? root, assignedOn: assigned }, assigned);
  v = await replyToProposal(db, caller, npc.id, { version: v.version, reply: '周建国、郑慧代表：您提出的《关于在人民路北段增设公交站点的建议》收悉。经会同县交通运输局现场踏勘，已在人民路北段增设“人民路北”公交站点，并调整1路公交线路途经该站，已于10月1日启用。感谢您对我县工作的关心和支持。', result: 'A', disclosure: 'full' }, addDays(assigned, 40));
  await publishProposal(db, caller, npc.id, { version: v.version });

  const cppcc = await registerProposal(db, caller, {
    kind: 'cppcc_proposal',
    session: '政协示范县第十届委员会第五次会议',
    number: '第35号',
    title: '关于加快推进城区停车设施建设的提案',
    proposers: ['冯志远'],
    content: '城区停车供需矛盾突出，建议加快编制停车设施专项规划，鼓励社会资本建设立体停车库，推进机关单位停车场错时开放。',
  });
  v = await assignProposal(db, caller, cppcc.id, { version: cppcc.version, unitId: unitIds.get('zjj') ?? root, coUnitIds: [unitIds.get('fgj') ?? root].filter((u) => u !== (unitIds.get('zjj') ?? root)), assignedOn: assigned }, assigned);
  v = await replyToProposal(
    db,
    caller,
    cppcc.id,
    {
      version: v.version,
      reply: '冯志远委员：您提出的《关于加快推进城区停车设施建设的提案》收悉。县住建局已组织编制《示范县城区停车设施建设专项规划（2026—2035年）》，并经公开征求意见；人民路、河东小区等8处公共停车场列入2026—2028年建设计划；机关单位停车场错时开放正在会同有关单位研究，涉及安保管理的具体方案将另行商定。',
      result: 'B',
      disclosure: 'summary',
      summary: '县住建局已编制城区停车设施建设专项规划并公开征求意见，人民路、河东小区等8处公共停车场列入2026—2028年建设计划；机关单位停车场错时开放正在研究。',
    },
    addDays(assigned, 50),
  );
  await publishProposal(db, caller, cppcc.id, { version: v.version });
}
