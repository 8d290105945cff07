// Press conferences and public events (新闻发布会、在线访谈、政府开放日、列席会议) and deputies' suggestions and
// members' proposals (建议提案), through the HTTP API and the portal: registration closed after its time or
// over capacity, registrants' phones never public, the representatives' opinions due in 3 working days
// across a weekend and a holiday and flagged late, the proposal's 3-month reply deadline, a 不公开 reply
// refused publication, unit scope, and bad input answered 400 in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal, WorkingCalendar } from '../../src/core/calendar/index.ts';
import { daysLate, proposalReplyDue } from '../../src/core/participation/proposals.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let office: Agent;
let editor: Agent;
let editor2: Agent;
let fgj: string;
const today = todayLocal();
const cal = WorkingCalendar.builtin();
const DIGITS = '零一二三四五六七八九十';
const HAN = /[\u4e00-\u9fa5]/;

const page = (url: string) => t.app.inject({ url, headers: { host: 'localhost' } });
function solve(html: string) {
  const token = /name="challengeToken" value="([^"]+)"/.exec(html)![1]!;
  const q = /请回答：(.)加(.)等于几？/.exec(html)!;
  return { challengeToken: token, challenge: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)) };
}
async function register(id: string, fields: Record<string, string>, solved?: { challengeToken: string; challenge: string }) {
  const s = solved ?? solve((await page(`/hdjl/hd/${id}`)).body);
  return t.app.inject({
    method: 'POST',
    url: `/hdjl/hd/${id}/register`,
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, ...s }).toString(),
  });
}
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  [office, editor, editor2] = (await Promise.all(['office', 'editor', 'editor2'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent];
  fgj = ((await office.get('/api/v1/units')).json() as { id: string; code: string }[]).find((u) => u.code === 'fgj')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('proposals (建议提案)', () => {
  const base = { kind: 'npc_suggestion', session: '示范县第十八届人民代表大会第七次会议', title: '关于改善城区老旧小区电梯加装的建议', proposers: ['测试代表'], content: '老旧小区多为六层以下住宅，老年人上下楼困难，建议出台加装电梯补贴办法。' };

  it('is registered by the office with its own number, once; bad input is refused in Chinese', async () => {
    const ok = await office.post('/api/v1/proposals', { ...base, number: '第1号' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ state: 'registered', stateLabel: '待交办', kindLabel: '人大代表建议' });
    const dup = await office.post('/api/v1/proposals', { ...base, number: '第1号' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('已经登记');
    const noProposer = await office.post('/api/v1/proposals', { ...base, number: '第2号', proposers: ['  '] });
    expect(noProposer.statusCode).toBe(400);
    expect(noProposer.json().error).toMatchObject({ details: { field: 'proposers' }, message: expect.stringMatching(HAN) });
    const badKind = await office.post('/api/v1/proposals', { ...base, number: '第2号', kind: 'petition' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toMatch(HAN);
    // A unit's editor does not register: the office does.
    expect((await editor.post('/api/v1/proposals', { ...base, number: '第3号' })).statusCode).toBe(403);
  });

  it('is due 3 months after assignment, moved off a holiday, explained, and flagged when late', async () => {
    const p = (await office.post('/api/v1/proposals', { ...base, number: '第10号' })).json();
    expect((await editor.post(`/api/v1/proposals/${p.id}/reply`, { version: p.version, reply: '尚未交办就答复的内容，应当被拒绝。', result: 'A', disclosure: 'full' })).statusCode).toBe(404); // not fgj's yet
    const a = await office.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, unitId: fgj, assignedOn: '2026-03-20' });
    expect(a.statusCode, a.body).toBe(200);
    const v = a.json();
    // 2026-06-20 is the Saturday of 端午节: the next working day.
    expect(v.dueOn).toBe('2026-06-22');
    expect(v.dueExplanation).toContain('《全国人民代表大会代表建议、批评和意见办理办法》');
    expect(v.dueExplanation).toContain('顺延至下一个工作日2026年6月22日（周一）');
    expect(v.overdue).toBe(today > '2026-06-22');
    expect(v.state).toBe('assigned');

    // Another unit's user neither sees nor acts on it.
    expect((await editor2.get(`/api/v1/proposals/${p.id}`)).statusCode).toBe(404);
    expect(((await editor2.get('/api/v1/proposals')).json() as { id: string }[]).some((x) => x.id === p.id)).toBe(false);
    expect((await editor2.post(`/api/v1/proposals/${p.id}/reply`, { version: v.version, reply: '其他单位的答复内容，应当被拒绝。', result: 'A', disclosure: 'full' })).statusCode).toBe(404);
    // The lead unit sees it, but the office assigns.
    expect(((await editor.get('/api/v1/proposals')).json() as { id: string }[]).some((x) => x.id === p.id)).toBe(true);
    expect((await editor.post(`/api/v1/proposals/${p.id}/assign`, { version: v.version, unitId: fgj })).statusCode).toBe(403);

    // 不公开 needs a reason; once replied it cannot be published.
    const noReason = await editor.post(`/api/v1/proposals/${p.id}/reply`, { version: v.version, reply: '经研究，该建议涉及的事项正在论证中，暂不具备实施条件。', result: 'C', disclosure: 'none' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ details: { field: 'disclosureReason' }, message: expect.stringContaining('不公开的理由') });
    const replied = await editor.post(`/api/v1/proposals/${p.id}/reply`, { version: v.version, reply: '经研究，该建议涉及的事项正在论证中，暂不具备实施条件。', result: 'C', disclosure: 'none', disclosureReason: '涉及正在研究的过程性信息' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ state: 'replied', resultLabel: 'C类（留作参考）', disclosureLabel: '不公开', daysLate: daysLate('2026-06-22', today) });
    const refused = await office.post(`/api/v1/proposals/${p.id}/publish`, { version: replied.json().version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'NOT_DISCLOSABLE', message: expect.stringContaining('不公开') });
    expect((await page(`/hdjl/jyta/${p.id}`)).statusCode).toBe(404);
    // Stale versions are refused.
    expect((await office.post(`/api/v1/proposals/${p.id}/publish`, { version: 1 })).json().error.code).toBe('STALE_VERSION');
  });

  it('lets a co-unit read a proposal it helps with, but not answer or publish it', async () => {
    const qsz = ((await office.get('/api/v1/units')).json() as { id: string; code: string }[]).find((u) => u.code === 'qsz')!.id;
    const p = (await office.post('/api/v1/proposals', { ...base, number: '第21号', title: '关于改造青山镇农贸市场的建议' })).json();
    const hidden = (await editor2.get(`/api/v1/proposals/${p.id}`)).statusCode;
    expect(hidden).toBe(404);
    const a = (await office.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, unitId: fgj, coUnitIds: [qsz] })).json();
    expect(a.coUnits.map((u: { id: string }) => u.id)).toEqual([qsz]);
    // 青山镇 (editor2's) is told of it, and can now read it, in the list too…
    const seen = await editor2.get(`/api/v1/proposals/${p.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().title).toBe('关于改造青山镇农贸市场的建议');
    const listed = await editor2.get('/api/v1/proposals');
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { id: string }[]).some((x) => x.id === p.id)).toBe(true);
    // …but the answer is the lead unit's.
    expect((await editor2.post(`/api/v1/proposals/${p.id}/reply`, { version: a.version, reply: '协办单位不能代替主办单位答复。', result: 'A', disclosure: 'full' })).statusCode).toBe(403);
    expect((await editor2.post(`/api/v1/proposals/${p.id}/publish`, { version: a.version })).statusCode).toBe(403);
  });

  it('publishes the full reply or only the summary, masked, and follows the tenant setting', async () => {
    const full = (await office.post('/api/v1/proposals', { ...base, kind: 'cppcc_proposal', session: '政协示范县第十届委员会第六次会议', number: '第8号', title: '关于增设社区养老服务站的提案' })).json();
    let v = (await office.post(`/api/v1/proposals/${full.id}/assign`, { version: full.version, unitId: fgj })).json();
    expect(v.assignedOn).toBe(today);
    expect(v.dueOn).toBe(proposalReplyDue(cal, today).due);
    v = (await editor.post(`/api/v1/proposals/${full.id}/reply`, { version: v.version, reply: '委员您好：已在城区新建社区养老服务站3个。联系人电话13800000177。', result: 'A', disclosure: 'full' })).json();
    expect(v.daysLate).toBe(0);
    // Another unit's user may not publish it.
    expect((await editor2.post(`/api/v1/proposals/${full.id}/publish`, { version: v.version })).statusCode).toBe(404);
    expect((await office.post(`/api/v1/proposals/${full.id}/publish`, { version: v.version })).statusCode).toBe(200);
    const pub = await page(`/hdjl/jyta/${full.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('答复全文');
    expect(pub.body).toContain('已在城区新建社区养老服务站3个');
    expect(pub.body).toContain('138****0177');
    expect(pub.body).not.toContain('13800000177');

    const tenant = (await office.get('/api/v1/tenant')).json();
    const set = await office.send({ method: 'PATCH', url: '/api/v1/tenant', payload: { version: tenant.version, settings: { proposalReplyMonths: 2 } } });
    expect(set.statusCode, set.body).toBe(200);
    const summary = (await office.post('/api/v1/proposals', { ...base, number: '第11号', title: '关于完善农村客运班线的建议' })).json();
    v = (await office.post(`/api/v1/proposals/${summary.id}/assign`, { version: summary.version, unitId: fgj, assignedOn: '2026-03-10' })).json();
    expect(v.dueOn).toBe('2026-05-11'); // 2 months: 2026-05-10 is a Sunday
    expect(v.dueExplanation).toContain('按本级规定');
    const noSummary = await editor.post(`/api/v1/proposals/${summary.id}/reply`, { version: v.version, reply: '经研究，已新开通两条农村客运班线，其余线路正在论证。', result: 'B', disclosure: 'summary' });
    expect(noSummary.json().error.details.field).toBe('summary');
    v = (await editor.post(`/api/v1/proposals/${summary.id}/reply`, { version: v.version, reply: '经研究，已新开通两条农村客运班线，其余线路内部论证细节如下……', result: 'B', disclosure: 'summary', summary: '已新开通两条农村客运班线，其余线路正在论证。' })).json();
    await office.post(`/api/v1/proposals/${summary.id}/publish`, { version: v.version });
    const s = await page(`/hdjl/jyta/${summary.id}`);
    expect(s.body).toContain('答复摘要');
    expect(s.body).toContain('其余线路正在论证');
    expect(s.body).not.toContain('内部论证细节');
    await office.send({ method: 'PATCH', url: '/api/v1/tenant', payload: { version: set.json().version, settings: { proposalReplyMonths: 3 } } });

    const list = await page('/hdjl/jyta/');
    expect(list.body).toContain('关于增设社区养老服务站的提案');
    expect(list.body).toContain('关于在人民路北段增设公交站点的建议'); // demo
    expect(list.body).not.toContain('关于改善城区老旧小区电梯加装的建议');
    expect((await page('/zfxxgk/')).body).toContain('href="/hdjl/jyta/"');
    expect((await t.app.inject({ url: '/hdjl/jyta/', headers: { host: 'duizhao.gongkai.localhost' } })).body).not.toContain('人民路北段');
  });
});

describe('events (新闻发布会、政府开放日、列席会议)', () => {
  it('links published interpretations and shows the transcript, sanitised; bad input is refused in Chinese', async () => {
    const jd = /href="\/zfxxgk\/zcjd\/([0-9a-f-]{36})"/.exec((await page('/zfxxgk/zcjd/')).body)![1]!;
    const base = { kind: 'press_conference', unitId: fgj, title: '示范县价格工作新闻发布会', startsAt: inHours(-2), place: '县政府新闻发布厅', speakers: [{ name: '测试发布人', post: '县发展和改革局局长' }] };
    const missing = await editor.post('/api/v1/events', { ...base, interpretationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('关联的政策解读不存在或尚未发布');
    const badVideo = await editor.post('/api/v1/events', { ...base, videoUrl: 'javascript:alert(1)' });
    expect(badVideo.json().error).toMatchObject({ details: { field: 'videoUrl' }, message: expect.stringMatching(HAN) });
    const registration = await editor.post('/api/v1/events', { ...base, capacity: 10 });
    expect(registration.json().error.message).toContain('不接受网上报名');
    const badTime = await editor.post('/api/v1/events', { ...base, startsAt: 'tomorrow' });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.message).toMatch(HAN);

    let e = (await editor.post('/api/v1/events', { ...base, interpretationIds: [jd], transcriptHtml: '<p>主持人：欢迎。</p><script>alert(1)</script>' })).json();
    expect((await page(`/hdjl/hd/${e.id}`)).statusCode).toBe(404); // a draft is not public
    expect((await editor2.post(`/api/v1/events/${e.id}/actions`, { event: 'publish', version: e.version })).statusCode).toBe(404);
    e = (await office.post(`/api/v1/events/${e.id}/actions`, { event: 'publish', version: e.version })).json();
    e = (await office.post(`/api/v1/events/${e.id}/actions`, { event: 'hold', version: e.version })).json();
    expect(e.state).toBe('held');
    const moved = await editor.send({ method: 'PATCH', url: `/api/v1/events/${e.id}`, payload: { version: e.version, startsAt: inHours(5) } });
    expect(moved.statusCode).toBe(409);
    e = (await editor.send({ method: 'PATCH', url: `/api/v1/events/${e.id}`, payload: { version: e.version, videoUrl: 'https://video.example.gov.cn/fbh' } })).json();
    const pub = await page(`/hdjl/hd/${e.id}`);
    expect(pub.body).toContain('相关解读');
    expect(pub.body).toContain(`/zfxxgk/zcjd/${jd}`);
    expect(pub.body).toContain('主持人：欢迎。');
    expect(pub.body).not.toContain('<script>alert(1)');
    expect(pub.body).toContain('测试发布人');
    expect(pub.body).toContain('https://video.example.gov.cn/fbh');
    expect(pub.body).not.toContain('网上报名');

    // Another unit's user neither sees nor changes it.
    expect((await editor2.get(`/api/v1/events/${e.id}`)).statusCode).toBe(404);
    expect((await editor2.send({ method: 'PATCH', url: `/api/v1/events/${e.id}`, payload: { version: e.version, title: '改' } })).statusCode).toBe(404);
    expect(((await editor2.get('/api/v1/events')).json() as { id: string }[]).some((x) => x.id === e.id)).toBe(false);
  });

  it('takes registrations until full or closed; phones only for staff; staff select or decline', async () => {
    const base = { kind: 'open_day', unitId: fgj, title: '“走进县发改局”政府开放日', startsAt: inHours(24 * 10), place: '县发展和改革局' };
    const noCapacity = (await editor.post('/api/v1/events', base)).json();
    const refused = await office.post(`/api/v1/events/${noCapacity.id}/actions`, { event: 'publish', version: noCapacity.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('名额和报名截止时间');
    const late = await editor.post('/api/v1/events', { ...base, capacity: 2, registrationClosesAt: inHours(24 * 11) });
    expect(late.json().error).toMatchObject({ details: { field: 'registrationClosesAt' }, message: '报名截止时间应早于活动开始时间' });

    let e = (await editor.post('/api/v1/events', { ...base, capacity: 1, registrationClosesAt: inHours(24 * 5) })).json();
    e = (await office.post(`/api/v1/events/${e.id}/actions`, { event: 'publish', version: e.version })).json();
    const form = await page(`/hdjl/hd/${e.id}`);
    expect(form.body).toContain('提交报名');
    expect(form.body).toContain('名额1人');
    const fields = { name: '孙小梅', phone: '13900000166', organisation: '示范县实验小学', reason: '想了解物价调控工作，带学生开展社会实践。' };
    // The honeypot and a wrong answer to the challenge are refused.
    const bot = await register(e.id, { ...fields, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    const wrong = await register(e.id, fields, { ...solve(form.body), challenge: '99' });
    expect(wrong.statusCode).toBe(400);
    const badPhone = await register(e.id, { ...fields, phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('请填写正确的联系电话');
    const ok = await register(e.id, fields);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    expect(ok.headers.location).toContain('registered=1');
    const full = await register(e.id, { ...fields, name: '周大为', phone: '13900000155' }, solve(form.body));
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('报名人数已满');

    // The portal never shows a registrant's phone; staff see it.
    const pub = await page(`/hdjl/hd/${e.id}`);
    expect(pub.body).not.toContain('13900000166');
    expect(pub.body).not.toContain('孙小梅');
    expect(pub.body).toContain('报名人数已满');
    const regs = (await editor.get(`/api/v1/events/${e.id}/registrations`)).json() as { id: string; phone: string; version: number }[];
    expect(regs).toHaveLength(1);
    expect(regs[0]!.phone).toBe('13900000166');
    expect((await editor2.get(`/api/v1/events/${e.id}/registrations`)).statusCode).toBe(404);
    const noNote = await editor.send({ method: 'PATCH', url: `/api/v1/event-registrations/${regs[0]!.id}`, payload: { version: regs[0]!.version, state: 'declined' } });
    expect(noNote.json().error.details.field).toBe('note');
    const selected = await editor.send({ method: 'PATCH', url: `/api/v1/event-registrations/${regs[0]!.id}`, payload: { version: regs[0]!.version, state: 'selected' } });
    expect(selected.json()).toMatchObject({ state: 'selected', stateLabel: '已确定参加' });
    expect((await editor2.send({ method: 'PATCH', url: `/api/v1/event-registrations/${regs[0]!.id}`, payload: { version: selected.json().version, state: 'declined', note: '改' } })).statusCode).toBe(404);

    // Registration after its closing time is refused.
    let closed = (await editor.post('/api/v1/events', { ...base, title: '已截止报名的开放日', capacity: 50, registrationClosesAt: inHours(-1) })).json();
    closed = (await office.post(`/api/v1/events/${closed.id}/actions`, { event: 'publish', version: closed.version })).json();
    const closedPage = await page(`/hdjl/hd/${closed.id}`);
    expect(closedPage.body).not.toContain('提交报名');
    expect(closedPage.body).toContain('报名已截止');
    const tooLate = await register(closed.id, fields, solve(form.body));
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.body).toContain('报名已截止');

    const list = await page('/hdjl/hd/');
    expect(list.body).toContain('活动预告');
    expect(list.body).toContain('“走进县发改局”政府开放日');
    expect(list.body).not.toContain('13900000166');
    expect((await page('/hdjl/')).body).toContain('href="/hdjl/hd/"');
  });

  it("publishes the representatives' opinions within 3 working days of the meeting, across the National Day holiday, flagged late", async () => {
    const meeting = async (startsAt: string, title: string) => {
      let m = (await editor.post('/api/v1/events', { kind: 'attended_meeting', unitId: fgj, title, startsAt, capacity: 3, registrationClosesAt: new Date(new Date(startsAt).getTime() - 86_400_000).toISOString() })).json();
      m = (await office.post(`/api/v1/events/${m.id}/actions`, { event: 'publish', version: m.version })).json();
      return m as { id: string; version: number };
    };
    const opinions = [
      { representative: '市民代表 何某', opinion: '建议价格听证会提前公布方案。联系电话13800000144。', adopted: true, response: '已规定听证方案提前10日公布。' },
      { representative: '企业代表 吕某', opinion: '建议降低停车收费标准。', adopted: false, response: '收费标准已按成本核定，暂不调整。' },
    ];
    // Held Wednesday 30 September 2026: 1–7 October are the holiday, Saturday 10 October a make-up working day.
    let m = await meeting('2026-09-30T15:00:00+08:00', '县发改局价格工作座谈会（公众代表列席）');
    const early = await office.send({ method: 'PUT', url: `/api/v1/events/${m.id}/opinions`, payload: { version: m.version, opinions } });
    expect(early.statusCode).toBe(409); // not held yet
    const held = (await office.post(`/api/v1/events/${m.id}/actions`, { event: 'hold', version: m.version })).json();
    expect(held.opinionsDueOn).toBe('2026-10-10');
    expect(held.opinionsDueExplanation).toContain('会后3个工作日内公开');
    expect(held.opinionsDueExplanation).toContain('国庆节');
    expect(held.opinionsOverdue).toBe(today > '2026-10-10');
    const incomplete = await office.send({ method: 'PUT', url: `/api/v1/events/${m.id}/opinions`, payload: { version: held.version, opinions: [{ ...opinions[0], response: ' ' }] } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error).toMatchObject({ details: { field: 'opinions.0.response' }, message: expect.stringContaining('采纳情况') });
    expect((await editor2.send({ method: 'PUT', url: `/api/v1/events/${m.id}/opinions`, payload: { version: held.version, opinions } })).statusCode).toBe(404);
    const published = await office.send({ method: 'PUT', url: `/api/v1/events/${m.id}/opinions`, payload: { version: held.version, opinions } });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().opinionsWorkingDaysLate).toBe(cal.workingDaysLate('2026-10-10', today));
    expect(published.json().opinionsWorkingDaysLate).toBeGreaterThan(0);
    const pub = await page(`/hdjl/hd/${m.id}`);
    expect(pub.body).toContain('公众代表意见及采纳情况');
    expect(pub.body).toContain('已采纳</strong>：已规定听证方案提前10日公布。');
    expect(pub.body).toContain('138****0144');
    expect(pub.body).not.toContain('13800000144');

    // Held on a Friday: due the Wednesday after the weekend.
    m = await meeting('2026-11-13T09:00:00+08:00', '县发改局周五座谈会（公众代表列席）');
    expect((await office.post(`/api/v1/events/${m.id}/actions`, { event: 'hold', version: m.version })).json().opinionsDueOn).toBe('2026-11-18');

    // Held today, published today: on time.
    m = await meeting(inHours(-1), '县发改局今日座谈会（公众代表列席）');
    const h = (await office.post(`/api/v1/events/${m.id}/actions`, { event: 'hold', version: m.version })).json();
    expect(h.opinionsDueOn).toBe(cal.addWorkingDays(today, 3).due);
    const onTime = (await office.send({ method: 'PUT', url: `/api/v1/events/${m.id}/opinions`, payload: { version: h.version, opinions } })).json();
    expect(onTime.opinionsWorkingDaysLate).toBe(0);
    expect((await page(`/hdjl/hd/${m.id}`)).body).toContain('企业代表 吕某');
  });

  it("shows the demo's held press conference with its interpretation, the open day taking registrations, and the meeting's opinions", async () => {
    const list = await page('/hdjl/hd/');
    expect(list.body).toContain('示范县2026年优化营商环境政策新闻发布会');
    expect(list.body).toContain('“走进县住建局”政府开放日');
    const ids = [...list.body.matchAll(/href="\/hdjl\/hd\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    const pages = await Promise.all(ids.map((id) => page(`/hdjl/hd/${id}`)));
    const pc = pages.find((p) => p.body.includes('优化营商环境政策新闻发布会'))!;
    expect(pc.body).toContain('文字实录');
    expect(pc.body).toContain('相关解读');
    expect(pages.find((p) => p.body.includes('“走进县住建局”政府开放日'))!.body).toContain('提交报名');
    expect(pages.find((p) => p.body.includes('第12次常务会议'))!.body).toContain('公众代表意见及采纳情况');
    expect((await t.app.inject({ url: '/hdjl/hd/', headers: { host: 'duizhao.gongkai.localhost' } })).body).not.toContain('优化营商环境');
  });
});
