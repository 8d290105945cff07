// Demo public participation of 示范县: a major decision going through its stages, whose public consultation
// ended with an adoption report, and a consultation open now (dated from the day the demo is loaded).
// Opinions are invented; one carries a made-up phone number to show it masked on the portal.
import type { Caller } from '../../core/auth/caller.ts';
import { addDays, todayLocal } from '../../core/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import { actOnConsultation, createConsultation, createDecision, listComments, reviewComment, submitComment, updateDecision } from '../participation/service.ts';
import { actOnMessage, listMessages, rateMessage, submitMessage } from '../participation/messages.ts';
import { addRelease, registerOpinion } from '../participation/opinions.ts';

export async function seedDemoParticipation(db: Db, caller: Caller, unitIds: Map<string, string>, today = todayLocal()): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const zjj = unitIds.get('zjj') ?? unitIds.get('root')!;
  let d = await createDecision(db, caller, { year: 2026, title: '示范县城区停车设施建设专项规划（2026—2035年）', unitId: zjj, summary: '规划城区公共停车场布局和建设时序，缓解老城区停车难。' });

  let c = await createConsultation(db, caller, {
    unitId: zjj,
    kind: 'major_decision',
    decisionId: d.id,
    title: '关于《示范县城区停车设施建设专项规划（2026—2035年）（征求意见稿）》公开征求意见的公告',
    explanationHtml: '<p>为科学布局城区停车设施，县住房和城乡建设局组织编制了本规划，现公开征求社会公众意见。</p>',
    draftHtml: '<p>一、规划范围：示范县城区，面积约28平方公里。</p><p>二、规划目标：到2035年，城区公共停车泊位达到1.2万个。</p><p>三、近期建设：2026—2028年建设人民路、河东小区等8处公共停车场。</p>',
    startsOn: '2026-05-06',
    endsOn: '2026-06-05',
    otherChannels: '信函寄至示范县住房和城乡建设局规划股（示范县人民路20号），或发送电子邮件至 zjj@example.gov.cn',
  });
  c = await actOnConsultation(db, caller, c.id, { event: 'open', version: c.version }, '2026-05-06');
  const opinions = [
    '建议在县人民医院周边增设一处公共停车场，看病停车太难。',
    '老城区道路窄，建议优先建设立体停车库，少占地。',
    '希望停车场收费标准公开透明，前半小时免费。我的电话13800000199，欢迎联系。',
    '这个规划没用，全是浪费钱！！！',
  ];
  for (const body of opinions) await submitComment(db, tenantId, c.id, { body }, '2026-05-20');
  if (today > '2026-06-05') {
    const answers: Record<number, { adopted: boolean; reason: string } | 'reject'> = {
      0: { adopted: true, reason: '已在近期建设项目中增加县人民医院东侧公共停车场。' },
      1: { adopted: true, reason: '规划明确老城区以机械式立体停车库为主。' },
      2: { adopted: false, reason: '收费标准由价格主管部门另行制定并公开，不属于本规划内容，已转县发展和改革局研究。' },
      3: 'reject',
    };
    const comments = await listComments(db, caller, c.id);
    for (const [i, m] of comments.entries()) {
      const a = answers[i];
      if (a === 'reject') {
        await reviewComment(db, caller, m.id, { version: m.version, state: 'rejected', moderationNote: '未提出具体意见' });
        continue;
      }
      const approved = await reviewComment(db, caller, m.id, { version: m.version, state: 'approved' });
      if (a) await reviewComment(db, caller, m.id, { version: approved.version, adopted: a.adopted, adoptionReason: a.reason });
    }
    c = await actOnConsultation(db, caller, c.id, { event: 'close', version: c.version });
    await actOnConsultation(db, caller, c.id, { event: 'report', version: c.version, reportHtml: '<p>征求意见期间共收到意见4条，公开3条，采纳2条。未采纳的意见已说明理由。</p>' });
  }
  for (const [key, on, note] of [
    ['public_participation', '2026-06-05', '公开征求意见31日，采纳情况已公布'],
    ['expert_argument', '2026-06-18', '组织交通规划、城市规划专家论证会'],
    ['risk_assessment', '2026-06-25', '社会稳定风险评估为低风险'],
    ['legality_review', '2026-07-10', '县司法局合法性审查通过'],
  ] as const) {
    if (on > today) break;
    d = await updateDecision(db, caller, d.id, { version: d.version, stage: { key, status: 'done', on, note } });
  }
  await updateDecision(db, caller, d.id, { version: d.version, published: true });

  // Open now: a draft rule, 30 days from five days ago.
  const start = addDays(today, -5);
  const open = await createConsultation(db, caller, {
    unitId: unitIds.get('root')!,
    kind: 'rule',
    title: '关于《示范县城市生活垃圾分类管理办法（征求意见稿）》公开征求意见的公告',
    explanationHtml: '<p>为推进生活垃圾分类，县政府起草了本办法，现公开征求意见。</p>',
    draftHtml: '<p>第一条 为了加强城市生活垃圾分类管理，制定本办法。</p><p>第二条 本县城区的生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾。</p>',
    startsOn: start,
    endsOn: addDays(start, 29),
  });
  const opened = await actOnConsultation(db, caller, open.id, { event: 'open', version: open.version });
  await submitComment(db, tenantId, opened.id, { body: '建议在小区增设厨余垃圾投放点，并安排人员指导分类。' }, today);
  const [first] = await listComments(db, caller, opened.id);
  if (first) await reviewComment(db, caller, first.id, { version: first.version, state: 'approved' });

  // Letters to the mailbox: answered ones (some published with consent, one rated), and one still open.
  const letters = [
    { kind: 'leader' as const, category: 'suggest' as const, subject: '建议在人民路增设公交站点', body: '人民路北段居民较多，最近的公交站要走一公里，建议增设一个站点，方便老人出行。', writerName: '周先生', phone: '13800000201', consentPublic: true, on: '2026-09-01', reply: '您好！经县交通运输局现场踏勘，已在人民路北段增设“人民路北”公交站点，将于10月1日启用。感谢您的建议。', replyOn: '2026-09-07', rating: 5 },
    { kind: 'leader' as const, category: 'consult' as const, subject: '咨询城乡居民医保缴费时间', body: '请问2027年度城乡居民医保什么时候开始缴费？可以在手机上缴吗？', writerName: '吴女士', phone: '13800000202', consentPublic: true, on: '2026-10-09', reply: '您好！2027年度城乡居民医保集中缴费期为2026年9月1日至12月31日，可通过“示范县医保”公众号或各银行网点缴纳。', replyOn: '2026-10-12' },
    { kind: 'leader' as const, category: 'complain' as const, subject: '小区门口夜间施工噪音扰民', body: '幸福小区门口的道路施工每天晚上11点以后还在作业，严重影响休息，希望有关部门管一管。', writerName: '郑先生', phone: '13800000203', consentPublic: false, on: '2026-11-02', reply: '您好！县住建局已责令施工单位夜间22时后停止高噪声作业，并安排人员夜间巡查。', replyOn: '2026-11-05' },
  ];
  for (const l of letters) {
    if (l.on > today) continue;
    const done = await submitMessage(db, tenantId, { kind: l.kind, category: l.category, subject: l.subject, body: l.body, writerName: l.writerName, phone: l.phone, consentPublic: l.consentPublic }, l.on);
    const [m] = (await listMessages(db, caller, {})).filter((x) => x.number === done.number);
    if (!m || l.replyOn > today) continue;
    let v = await actOnMessage(db, caller, m.id, { event: 'reply', version: m.version, reply: l.reply }, l.replyOn);
    if (l.consentPublic) v = await actOnMessage(db, caller, m.id, { event: 'publish', version: v.version, published: true }, l.replyOn);
    if (l.rating) await rateMessage(db, tenantId, done.number, done.queryCode, l.rating, null);
  }
  await submitMessage(db, tenantId, { kind: 'unit', unitId: unitIds.get('jyj') ?? null, category: 'consult', subject: '咨询义务教育入学划片范围', body: '请问青山镇中心小学2027年的招生划片范围会调整吗？什么时候公布？', writerName: '冯女士', email: 'feng@example.com', consentPublic: true }, today);

  // A matter of public concern handled within its 48 hours.
  const detected = new Date(Date.now() - 30 * 3_600_000);
  const op = await registerOpinion(db, caller, { title: '网传“示范县自来水停水三天”', source: '本地微信群', level: 'general', detectedAt: detected.toISOString(), unitId: unitIds.get('root')!, summary: '网传全城停水三天，经核实为河东片区计划检修停水8小时。' });
  await addRelease(db, caller, op.id, { kind: 'response', version: op.version, at: new Date(detected.getTime() + 6 * 3_600_000).toISOString(), content: '县水务局通过政府网站和政务新媒体发布澄清：河东片区因管网检修于本周六8时至16时停水，其余片区正常供水。' });
}
