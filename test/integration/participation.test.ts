// Public consultations and major decisions: the 30-day rule (shorter only when urgent with a reason), the
// citizen's opinion through the portal form, moderation, personal data masked on the page, the adoption
// report that answers each opinion, and a decision's stages in the regulation's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayLocal } from '../../src/core/calendar/index.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let office: Agent;
let editor: Agent;
let editor2: Agent;
let fgj: string;
const today = todayLocal();
const DIGITS = '零一二三四五六七八九十';

const page = (url: string) => t.app.inject({ url, headers: { host: 'localhost' } });
function solve(html: string) {
  const token = /name="challengeToken" value="([^"]+)"/.exec(html)![1]!;
  const q = /请回答：(.)加(.)等于几？/.exec(html)!;
  return { challengeToken: token, challenge: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)) };
}
async function comment(id: string, body: string) {
  const form = await page(`/hdjl/yjzj/${id}`);
  return t.app.inject({
    method: 'POST',
    url: `/hdjl/yjzj/${id}/comments`,
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ body, name: '钱某', contact: '13900000000', ...solve(form.body) }).toString(),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  [office, editor, editor2] = (await Promise.all(['office', 'editor', 'editor2'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent];
  fgj = ((await office.get('/api/v1/units')).json() as { id: string; code: string }[]).find((u) => u.code === 'fgj')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('consultations', () => {
  it('refuses a 10-day consultation on a major decision unless urgent with a reason', async () => {
    const base = { unitId: fgj, kind: 'major_decision', title: '关于示范县价格调节基金使用办法（征求意见稿）的公告', draftHtml: '<p>第一条……</p>', startsOn: today, endsOn: addDays(today, 9) };
    const short = await editor.post('/api/v1/consultations', base);
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ details: { field: 'endsOn' }, message: expect.stringContaining('不少于30日') });
    expect(short.json().error.message).toContain('只有10日');
    const noReason = await editor.post('/api/v1/consultations', { ...base, urgent: true });
    expect(noReason.json().error.details.field).toBe('urgentReason');
    const urgent = await editor.post('/api/v1/consultations', { ...base, urgent: true, urgentReason: '防汛应急需要尽快出台' });
    expect(urgent.statusCode, urgent.body).toBe(201);
    const other = await editor.post('/api/v1/consultations', { ...base, kind: 'other' });
    expect(other.statusCode).toBe(201);
    // Another unit's editor may not draft for 县发改局.
    expect((await editor2.post('/api/v1/consultations', { ...base, endsOn: addDays(today, 40) })).statusCode).toBe(403);
  });

  it('takes opinions from the public, moderates them, masks personal data, and answers each in the report', async () => {
    let c = (await editor.post('/api/v1/consultations', { unitId: fgj, kind: 'major_decision', title: '关于示范县公共停车收费标准调整方案的征求意见公告', draftHtml: '<p>一、调整范围……</p>', explanationHtml: '<p>起草说明……</p>', startsOn: today, endsOn: addDays(today, 29) })).json();
    expect((await page(`/hdjl/yjzj/${c.id}`)).statusCode).toBe(404); // a draft is not public
    c = (await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'open', version: c.version })).json();
    const form = await page(`/hdjl/yjzj/${c.id}`);
    expect(form.body).toContain('提交意见');
    expect(form.headers['cache-control'] ?? '').not.toContain('max-age=0, must-revalidate');

    const sent = await comment(c.id, '<b>建议</b>夜间免费停车。我的手机13800000188。');
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
    expect(sent.headers.location).toContain('submitted=1');
    expect((await comment(c.id, '短')).statusCode).toBe(400);
    await comment(c.id, '广告：低价代办各类证件，加微信！');
    let pub = await page(`/hdjl/yjzj/${c.id}`);
    expect(pub.body).not.toContain('夜间免费停车'); // pending: not public yet

    const comments = (await editor.get(`/api/v1/consultations/${c.id}/comments`)).json() as { id: string; body: string; version: number; name: string }[];
    expect(comments[0]!.body).toBe('建议夜间免费停车。我的手机13800000188。'); // markup removed
    expect(comments[0]!.name).toBe('钱某');
    const ok = (await editor.send({ method: 'PATCH', url: `/api/v1/consultation-comments/${comments[0]!.id}`, payload: { version: comments[0]!.version, state: 'approved' } })).json();
    const reject = await editor.send({ method: 'PATCH', url: `/api/v1/consultation-comments/${comments[1]!.id}`, payload: { version: comments[1]!.version, state: 'rejected' } });
    expect(reject.json().error.details.field).toBe('moderationNote');
    await editor.send({ method: 'PATCH', url: `/api/v1/consultation-comments/${comments[1]!.id}`, payload: { version: comments[1]!.version, state: 'rejected', moderationNote: '与征集内容无关' } });
    pub = await page(`/hdjl/yjzj/${c.id}`);
    expect(pub.body).toContain('建议夜间免费停车');
    expect(pub.body).toContain('138****0188');
    expect(pub.body).not.toContain('13800000188');
    expect(pub.body).not.toContain('钱某');
    expect(pub.body).not.toContain('代办各类证件');

    const kept = solve((await page(`/hdjl/yjzj/${c.id}`)).body);
    // The report: not before the end; an early end needs a reason; every published opinion answered.
    expect((await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'report', version: c.version })).statusCode).toBe(409);
    expect((await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'close', version: c.version })).json().error.code).toBe('PERIOD_NOT_OVER');
    c = (await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'close', version: c.version, reason: '方案已决定暂缓' })).json();
    expect(c.state).toBe('closed');
    const late = await t.app.inject({
      method: 'POST',
      url: `/hdjl/yjzj/${c.id}/comments`,
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ body: '结束后才提交的意见', ...kept }).toString(),
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('不再接收意见');
    const unanswered = await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'report', version: c.version });
    expect(unanswered.json().error).toMatchObject({ code: 'UNANSWERED', message: expect.stringContaining('1 条') });
    const noReason = await editor.send({ method: 'PATCH', url: `/api/v1/consultation-comments/${ok.id}`, payload: { version: ok.version, adopted: false } });
    expect(noReason.json().error.details.field).toBe('adoptionReason');
    await editor.send({ method: 'PATCH', url: `/api/v1/consultation-comments/${ok.id}`, payload: { version: ok.version, adopted: true, adoptionReason: '夜间22时至次日7时免费' } });
    const reported = await office.post(`/api/v1/consultations/${c.id}/actions`, { event: 'report', version: c.version, reportHtml: '<p>共收到意见2条，采纳1条。</p><script>alert(1)</script>' });
    expect(reported.statusCode, reported.body).toBe(200);
    pub = await page(`/hdjl/yjzj/${c.id}`);
    expect(pub.body).toContain('意见采纳情况');
    expect(pub.body).toContain('已采纳</strong>：夜间22时至次日7时免费');
    expect(pub.body).not.toContain('<script>alert(1)');
  });

  it("lists the demo's consultations, with the adoption report of the finished one", async () => {
    const list = await page('/hdjl/yjzj/');
    expect(list.body).toContain('示范县城区停车设施建设专项规划');
    expect(list.body).toContain('示范县城市生活垃圾分类管理办法');
    const other = await t.app.inject({ url: '/hdjl/yjzj/', headers: { host: 'duizhao.gongkai.localhost' } });
    expect(other.body).not.toContain('示范县城区停车设施');
  });
});

describe('major decisions', () => {
  it('keeps the stages in order and links their documents on a public page', async () => {
    let d = (await office.post('/api/v1/decisions', { year: Number(today.slice(0, 4)), title: '示范县农贸市场布局规划', unitId: fgj })).json();
    const early = await office.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, stage: { key: 'collective_decision', status: 'done', on: today } } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('合法性审查');
    const na = await office.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, stage: { key: 'expert_argument', status: 'not_applicable' } } });
    expect(na.json().error.message).toContain('理由');
    const { rows } = await t.database.pool.query("SELECT id, title FROM records WHERE state = 'published' AND attribute = 'proactive' LIMIT 1");
    // 县发改局's editor may work on its decision, but not attach a record it may not read (another unit's draft).
    const foreign = await t.database.pool.query("SELECT r.id FROM records r JOIN units u ON u.id = r.unit_id WHERE r.state <> 'published' AND u.code <> 'fgj' LIMIT 1");
    expect((await editor.get(`/api/v1/records/${foreign.rows[0].id}`)).statusCode).toBe(404);
    const attach = await editor.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, stage: { key: 'public_participation', status: 'pending', recordIds: [foreign.rows[0].id] } } });
    expect(attach.statusCode, attach.body).toBe(400);
    expect(attach.json().error.message).toBe('所附的文件不存在，或您无权查看');
    for (const stage of [
      { key: 'public_participation', status: 'done', on: today },
      { key: 'expert_argument', status: 'not_applicable', note: '不涉及专业性技术性问题' },
      { key: 'risk_assessment', status: 'done', on: today },
      { key: 'legality_review', status: 'done', on: today, recordIds: [rows[0].id] },
      { key: 'collective_decision', status: 'done', on: today, note: '县政府常务会议审议通过' },
    ]) {
      const res = await office.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, stage } });
      expect(res.statusCode, res.body).toBe(200);
      d = res.json();
    }
    expect((await page(`/hdjl/zdjc/${d.id}`)).statusCode).toBe(404); // not yet published
    // 县发改局's leader may publish (records.publish) but not edit: publishing alone, yes; a stage or title
    // slipped in with it, no. Another unit's editor, neither.
    const leader = await loginAs(t.app, 'leader');
    expect((await leader.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, published: true, title: '改名' } })).statusCode).toBe(403);
    expect((await editor2.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, published: true } })).statusCode).toBe(404);
    const byLeader = await leader.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, published: true } });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    d = (await office.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: byLeader.json().version, published: false } })).json();
    const audit = await t.database.pool.query<{ summary: string }>(`SELECT summary FROM audit_log WHERE entity_id = $1 ORDER BY at DESC LIMIT 2`, [d.id]);
    expect(audit.rows.map((r) => r.summary)).toEqual(['重大行政决策《示范县农贸市场布局规划》：取消公开', '重大行政决策《示范县农贸市场布局规划》：公开']);
    d = (await office.send({ method: 'PATCH', url: `/api/v1/decisions/${d.id}`, payload: { version: d.version, published: true } })).json();
    const pub = await page(`/hdjl/zdjc/${d.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('县政府常务会议审议通过');
    expect(pub.body).toContain(`/zfxxgk/info/${rows[0].id}`);
    expect(pub.body).toContain('不涉及专业性技术性问题');
    const catalogue = await page('/hdjl/zdjc/');
    expect(catalogue.body).toContain('示范县农贸市场布局规划');
    expect(catalogue.body).toContain('示范县城区停车设施建设专项规划');
  });
});

describe('the mailbox', () => {
  async function write(form: Record<string, string>) {
    const pageRes = await page(`/hdjl/xx/write?kind=${form.kind ?? 'leader'}`);
    return t.app.inject({
      method: 'POST',
      url: '/hdjl/xx/write',
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ kind: 'leader', category: 'suggest', ...form, ...solve(pageRes.body) }).toString(),
    });
  }

  it('takes a letter, answers it on the working-day clock, publishes it with consent only, and lets the writer rate it', async () => {
    const bad = await write({ subject: '建议', body: '太短', writerName: '王某', phone: '13900000001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#m-body"');
    const res = await write({ subject: '建议延长图书馆开放时间', body: '县图书馆周末下午五点就关门，建议延长到晚上八点，方便上班族。', writerName: '王某某', phone: '13900000001', consentPublic: '1' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const number = /编号：<strong class="code">(XX-\d{4}-\d{5})<\/strong>/.exec(res.body)![1]!;
    const code = /查询码：<strong class="code">([A-Z2-9]{8})<\/strong>/.exec(res.body)![1]!;
    const list = (await office.get('/api/v1/messages?state=received')).json() as { id: string; number: string; dueOn: string; dueExplanation: string; version: number }[];
    let m = list.find((x) => x.number === number)!;
    expect(m.dueExplanation).toContain('5个工作日');
    // Transfer: the clock does not restart.
    const assigned = await office.post(`/api/v1/messages/${m.id}/actions`, { event: 'assign', version: m.version, unitId: fgj });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ unitName: '示范县发展和改革局', dueOn: m.dueOn });
    m = assigned.json();
    // Published only after the reply.
    expect((await editor.post(`/api/v1/messages/${m.id}/actions`, { event: 'publish', version: m.version, published: true })).json().error.code).toBe('WRONG_STATE');
    // Another unit's editor cannot touch it.
    expect((await editor2.post(`/api/v1/messages/${m.id}/actions`, { event: 'reply', version: m.version, reply: '不是我们的' })).statusCode).toBe(404);
    const replied = await editor.post(`/api/v1/messages/${m.id}/actions`, { event: 'reply', version: m.version, reply: '您好！县图书馆将自下月起周末开放至20时。' });
    expect(replied.json()).toMatchObject({ state: 'replied', workingDaysLate: 0 });
    m = replied.json();
    const published = await office.post(`/api/v1/messages/${m.id}/actions`, { event: 'publish', version: m.version, published: true });
    expect(published.statusCode, published.body).toBe(200);
    const pub = await page(`/hdjl/xx/${m.id}`);
    expect(pub.body).toContain('周末开放至20时');
    expect(pub.body).toContain('王**');
    expect(pub.body).not.toContain('13900000001');
    // The writer looks it up and rates it once.
    const q = await t.app.inject({ method: 'POST', url: '/hdjl/xx/query', headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ number, code }).toString() });
    expect(q.body).toContain('您对答复满意吗');
    const rate = (n: string) => t.app.inject({ method: 'POST', url: '/hdjl/xx/rate', headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ number, code, rating: n }).toString() });
    expect((await rate('5')).body).toContain('谢谢您的评价');
    expect((await rate('1')).statusCode).toBe(409);
    const stats = (await office.get(`/api/v1/messages/statistics?from=${today}&to=${today}`)).json() as { unitName: string; replied: number; onTime: number; averageRating: number }[];
    expect(stats.find((s) => s.unitName === '示范县发展和改革局')).toMatchObject({ replied: 1, onTime: 1, averageRating: 5 });
  });

  it('never publishes a letter whose writer did not consent', async () => {
    const res = await write({ subject: '反映邻居违建', body: '我家隔壁在楼顶加盖了一层，存在安全隐患，请处理。', writerName: '匿名', phone: '13900000002' });
    const number = /编号：<strong class="code">(XX-\d{4}-\d{5})<\/strong>/.exec(res.body)![1]!;
    let m = ((await office.get('/api/v1/messages')).json() as { id: string; number: string; version: number }[]).find((x) => x.number === number)!;
    m = (await office.post(`/api/v1/messages/${m.id}/actions`, { event: 'reply', version: m.version, reply: '已转县综合执法局调查处理。' })).json();
    const refused = await office.post(`/api/v1/messages/${m.id}/actions`, { event: 'publish', version: m.version, published: true });
    expect(refused.json().error.code).toBe('NO_CONSENT');
  });
});

describe('matters of public concern (舆情)', () => {
  it('gives 5 h and 24 h deadlines to a major one, 48 h to others, and escalates a missed one to the office', async () => {
    const detected = new Date(Date.now() - 6 * 3_600_000);
    const major = await office.post('/api/v1/opinions', { title: '网传示范县某化工厂爆炸', source: '微博', level: 'major', detectedAt: detected.toISOString(), unitId: fgj });
    expect(major.statusCode, major.body).toBe(201);
    const e = major.json();
    expect(e.deadlines.map((d: { hours: number; kind: string }) => [d.kind, d.hours])).toEqual([['authoritative_info', 5], ['press_conference', 24]]);
    expect(e.deadlines[0].explanation).toContain('国办发〔2016〕80号');
    expect(e.overdue).toBe(true);
    const { escalateOpinions } = await import('../../src/modules/participation/opinions.ts');
    expect(await escalateOpinions(t.database.db)).toBeGreaterThanOrEqual(2); // the unit and the office
    expect(await escalateOpinions(t.database.db)).toBe(0);
    const { rows } = await t.database.pool.query('SELECT u.code FROM notifications n JOIN units u ON u.id = n.unit_id WHERE n.entity_id = $1 ORDER BY u.code', [e.id]);
    expect(rows.map((r) => r.code)).toEqual(['fgj', 'root']);
    const released = await office.post(`/api/v1/opinions/${e.id}/releases`, { kind: 'authoritative_info', version: e.version, content: '县应急管理局通报：系设备故障冒烟，无人员伤亡。' });
    expect(released.json().deadlines[0]).toMatchObject({ met: true, late: true });
    const general = await office.post('/api/v1/opinions', { title: '网民反映某路段路灯不亮', source: '12345热线', level: 'general', detectedAt: new Date().toISOString(), unitId: fgj });
    expect(general.json().deadlines.map((d: { hours: number }) => d.hours)).toEqual([48]);
    expect((await office.post('/api/v1/opinions', { title: 'x', source: 'y', level: 'general', detectedAt: '2099-01-01T00:00:00Z', unitId: fgj })).json().error.details.field).toBe('detectedAt');
  });
});
