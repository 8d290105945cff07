// Policy interpretations: a policy that needs one cannot be approved without it (同步审签); it is drafted by
// the policy's unit (谁起草、谁解读), published only once the policy is public, due 3 working days after
// the policy's publication through the calendar, warned about when late, and shown with the policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal, WorkingCalendar } from '../../src/core/calendar/index.ts';
import { sendInterpretationWarnings } from '../../src/modules/interpretation/service.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let editor: Agent;
let reviewer: Agent;
let secrecy: Agent;
let editor2: Agent;
let fgj: string;
const today = todayLocal();
const cal = WorkingCalendar.builtin();

const BODY = '<h2>一、起草背景</h2><p>为促进民营经济发展，依据《中华人民共和国中小企业促进法》制定本措施。</p><h2>二、主要内容</h2><p>从融资、用地、人才三方面提出12条措施。</p>';

async function step(who: Agent, r: { id: string; version: number }, event: string) {
  return who.post(`/api/v1/records/${r.id}/actions`, { event, version: r.version });
}

beforeAll(async () => {
  t = await createTestApp();
  [editor, reviewer, secrecy, editor2] = (await Promise.all(['editor', 'reviewer', 'secrecy', 'editor2'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent, Agent];
  fgj = ((await editor.get('/api/v1/units')).json() as { id: string; code: string }[]).find((u) => u.code === 'fgj')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('同步审签: a policy that needs an interpretation', () => {
  it('is refused approval until its unit attaches one, and is then approved', async () => {
    const created = await editor.post('/api/v1/records', { unitId: fgj, title: '示范县关于支持民营经济发展的若干措施', genre: 'normative_document', attribute: 'proactive', docNo: '示发改规〔2026〕1号', writtenOn: today, bodyHtml: '<p>第一条 ……</p>', needsInterpretation: true });
    expect(created.statusCode, created.body).toBe(201);
    let r = created.json();
    r = (await step(editor, r, 'submit')).json();
    r = (await step(reviewer, r, 'pass_review')).json();
    const refused = await step(secrecy, r, 'pass_confidentiality');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'NO_INTERPRETATION', message: expect.stringContaining('同步审签') });

    // 谁起草、谁解读: another unit's editor may not write it.
    const stranger = await editor2.post('/api/v1/interpretations', { recordId: r.id, form: 'text', title: '解读', bodyHtml: BODY });
    expect([403, 404]).toContain(stranger.statusCode);
    const video = await editor.post('/api/v1/interpretations', { recordId: r.id, form: 'video', title: '视频解读' });
    expect(video.json().error.details.field).toBe('mediaUrl');
    const jd = await editor.post('/api/v1/interpretations', { recordId: r.id, form: 'text', title: '《示范县关于支持民营经济发展的若干措施》政策解读', bodyHtml: BODY });
    expect(jd.statusCode, jd.body).toBe(201);
    // The checklist warns about what is missing; it does not refuse.
    expect(jd.json().missing).toEqual(expect.arrayContaining(['与原政策相比的变化', '适用范围和对象', '如何申请办理']));
    expect(jd.json().missing).not.toContain('起草背景');

    const approved = await step(secrecy, r, 'pass_confidentiality');
    expect(approved.statusCode, approved.body).toBe(200);
    r = approved.json();

    // Not public before its policy.
    let interp = jd.json();
    const early = await editor.post(`/api/v1/interpretations/${interp.id}/publish`, { version: interp.version });
    expect(early.json().error.code).toBe('POLICY_NOT_PUBLISHED');

    r = (await step(editor, r, 'publish')).json();
    interp = (await editor.get(`/api/v1/interpretations/${interp.id}`)).json();
    expect(interp.dueOn).toBe(cal.addWorkingDays(today, 3).due);
    expect(interp.dueExplanation).toContain('3个工作日');
    const published = await editor.post(`/api/v1/interpretations/${interp.id}/publish`, { version: interp.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', workingDaysLate: 0 });

    // On the portal: the policy links its interpretation, the interpretation its policy, the list has it.
    const page = await t.app.inject({ url: `/zfxxgk/info/${r.id}`, headers: { host: 'localhost' } });
    expect(page.body).toContain('相关解读');
    expect(page.body).toContain(`/zfxxgk/zcjd/${interp.id}`);
    const jdPage = await t.app.inject({ url: `/zfxxgk/zcjd/${interp.id}`, headers: { host: 'localhost' } });
    expect(jdPage.statusCode).toBe(200);
    expect(jdPage.body).toContain(`/zfxxgk/info/${r.id}`);
    const list = await t.app.inject({ url: '/zfxxgk/zcjd/', headers: { host: 'localhost' } });
    expect(list.body).toContain('《示范县关于支持民营经济发展的若干措施》政策解读');
    const home = await t.app.inject({ url: '/', headers: { host: 'localhost' } });
    expect(home.body).toContain('id="jd-heading"');
  });

  it('lists the interpretations of every policy the user may see, by state and overdue, and no other unit\'s', async () => {
    const all = (await editor.get('/api/v1/interpretations')).json() as { title: string; unitName: string; state: string; recordTitle: string }[];
    expect(all.map((i) => i.title)).toContain('《示范县关于支持民营经济发展的若干措施》政策解读');
    expect(new Set(all.map((i) => i.unitName))).toEqual(new Set(['示范县发展和改革局']));
    const published = (await editor.get('/api/v1/interpretations?state=published')).json() as { state: string }[];
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((i) => i.state === 'published')).toBe(true);
    const drafts = (await editor.get('/api/v1/interpretations?state=draft')).json() as { title: string }[];
    expect(drafts.map((d) => d.title)).not.toContain('《示范县关于支持民营经济发展的若干措施》政策解读');
    // 县发改局's interpretations are not another unit's editor's business.
    const other = (await editor2.get('/api/v1/interpretations')).json() as { unitName: string }[];
    expect(other.some((i) => i.unitName === '示范县发展和改革局')).toBe(false);
    expect((await editor.get('/api/v1/interpretations?state=nonsense')).statusCode).toBe(400);
  });

  it("shows the demo's interpretation on its policy, and none of a draft", async () => {
    const list = await t.app.inject({ url: '/zfxxgk/zcjd/', headers: { host: 'localhost' } });
    expect(list.body).toContain('一图读懂《示范县2026年义务教育阶段学校招生工作方案》');
    const other = await t.app.inject({ url: '/zfxxgk/zcjd/', headers: { host: 'duizhao.gongkai.localhost' } });
    expect(other.body).not.toContain('一图读懂');
    expect((await t.app.inject({ url: '/zfxxgk/zcjd/00000000-0000-0000-0000-000000000000', headers: { host: 'localhost' } })).statusCode).toBe(404);
  });

  it('warns the unit when an interpretation is late, once', async () => {
    const { rows } = await t.database.pool.query(
      `INSERT INTO interpretations (tenant_id, record_id, unit_id, form, title, due_on)
       SELECT tenant_id, id, unit_id, 'text', '迟到的解读', '2026-01-05' FROM records WHERE state = 'published' LIMIT 1 RETURNING id`,
    );
    expect(await sendInterpretationWarnings(t.database.db, '2026-01-06')).toBeGreaterThanOrEqual(1);
    expect(await sendInterpretationWarnings(t.database.db, '2026-01-07')).toBe(0);
    const n = await t.database.pool.query("SELECT title FROM notifications WHERE entity_id = $1", [rows[0].id]);
    expect(n.rows.map((x) => x.title)).toEqual(['解读《迟到的解读》已逾期未发布']);
    // The office's list of overdue drafts has it (due 2026-01-05, still a draft).
    const office = await loginAs(t.app, 'office');
    const overdue = (await office.get('/api/v1/interpretations?overdue=true')).json() as { title: string; state: string }[];
    expect(overdue.map((i) => i.title)).toContain('迟到的解读');
    expect(overdue.every((i) => i.state === 'draft')).toBe(true);
  });
});
