// Government records through the HTTP API: drafting with the disclosure attribute, the review workflow with
// every refusal (wrong role, wrong unit, wrong state, stale version), the personal-data guard, publication
// on the Art. 26 clock, withdrawal with a public note, supersession, validity and the normative library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPublishingSweep } from '../../src/modules/publishing/jobs.ts';
import { sendDeadlineWarnings } from '../../src/modules/publishing/deadlines.ts';
import { tenantCalendar } from '../../src/modules/calendar/service.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

interface Rec {
  id: string;
  state: string;
  version: number;
  indexNo: string;
  docNo: string | null;
  dueOn: string | null;
  dueExplanation: string | null;
  workingDaysLate: number | null;
  title: string;
  bodyHtml: string;
  validity: string | null;
  supersededById: string | null;
}

let t: TestApp;
let office: Agent, editor: Agent, reviewer: Agent, leader: Agent, secrecy: Agent, editor2: Agent, inspector: Agent, other: Agent;
let units: { id: string; code: string; name: string }[];
const unit = (code: string) => units.find((u) => u.code === code)!;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  [office, editor, reviewer, leader, secrecy, editor2, inspector] = (await Promise.all(['office', 'editor', 'reviewer', 'leader', 'secrecy', 'editor2', 'inspector'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent, Agent, Agent];
  other = await loginAs(t.app, 'other-office', 'duizhao');
  units = (await office.get('/api/v1/units')).json();
  tenantId = (await office.get('/api/v1/auth/session')).json().tenant.tenantId;
});
afterAll(async () => {
  await t?.close();
});

const draft = (over: Record<string, unknown> = {}) => ({
  unitId: unit('fgj').id,
  title: '示范县发展和改革局关于做好2026年度重点项目申报工作的通知',
  genre: 'notice',
  attribute: 'proactive',
  bodyHtml: '<p>各有关单位：</p><p>现将有关事项通知如下。</p>',
  writtenOn: todayLocal(),
  topics: ['国民经济管理、国有资产监管'],
  ...over,
});

async function create(over: Record<string, unknown> = {}, who = editor): Promise<Rec> {
  const r = await who.post('/api/v1/records', draft(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

async function act(who: Agent, rec: Rec, event: string, extra: Record<string, unknown> = {}) {
  return who.post(`/api/v1/records/${rec.id}/actions`, { event, version: rec.version, ...extra });
}

/** Takes a record through review to published, checking each step's answer. */
async function publish(rec: Rec): Promise<Rec> {
  let r = rec;
  for (const [who, event] of [
    [editor, 'submit'],
    [reviewer, 'pass_review'],
    [secrecy, 'pass_confidentiality'],
    [editor, 'publish'],
  ] as const) {
    const res = await act(who, r, event);
    expect(res.statusCode, `${event}: ${res.body}`).toBe(200);
    r = res.json();
  }
  return r;
}

async function countRecords(): Promise<number> {
  const { rows } = await t.database.pool.query('SELECT count(*)::int AS n FROM records');
  return rows[0].n;
}

describe('drafting', () => {
  it('issues a 索引号 per unit and year, parses the 文号, and computes the Art. 26 due date with its derivation', async () => {
    const a = await create({ docNo: '示发改字[2026] 7 号', formedOn: '2026-09-21', writtenOn: '2026-09-21' });
    expect(a.docNo).toBe('示发改字〔2026〕7号');
    expect(a.indexNo).toMatch(/^fgj\/2026-\d{5}$/);
    // 2026-09-21 + 20 working days, across the National Day holiday (10-01 … 10-07 off; 09-20 and 10-10 make-up days).
    const cal = await tenantCalendar(t.database.db, tenantId);
    expect(a.dueOn).toBe(cal.dueDate('2026-09-21', 20));
    expect(a.dueExplanation).toContain('第二十六条');
    expect(a.dueExplanation).toContain('国庆');
    const b = await create({ title: '第二份通知' });
    expect(Number(b.indexNo.slice(-5))).toBe(Number(a.indexNo.slice(-5)) + 1);
  });

  it('refuses bad input with a Chinese message naming the field, and saves nothing', async () => {
    const before = await countRecords();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ docNo: '发改委12号文' }, 400, /文号/],
      [{ attribute: 'withheld' }, 400, /法律依据/],
      [{ attribute: 'on_request', attributeGround: 'art99' }, 400, /公开属性依据/],
      [{ writtenOn: '2026-05-10', formedOn: '2026-05-01' }, 400, /形成日期.*早于成文日期/],
      [{ title: '   ' }, 400, /标题/],
      [{ genre: 'poem' }, 400, /体裁/],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 404, /单位/],
    ];
    for (const [over, status, message] of cases) {
      const r = await editor.post('/api/v1/records', draft(over));
      expect(r.statusCode, JSON.stringify(over)).toBe(status);
      expect(r.json().error.message).toMatch(message);
    }
    expect(await countRecords()).toBe(before);
  });

  it('refuses a duplicate 文号 of the same issuer and year, in any bracket style', async () => {
    await create({ docNo: '示发改字〔2025〕30号', title: '甲' });
    const dup = await editor.post('/api/v1/records', draft({ docNo: '示发改字（2025）30号', title: '乙' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('示发改字〔2025〕30号');
    expect((await editor.post('/api/v1/records', draft({ docNo: '示发改字〔2024〕30号', title: '丙' }))).statusCode).toBe(201);
  });

  it('keeps a withheld record with its legal ground, and records attribute changes in its history', async () => {
    const w = await create({ attribute: 'withheld', attributeGround: 'art16-process', attributeReason: '内部讨论稿' });
    const got = (await editor.get(`/api/v1/records/${w.id}`)).json();
    expect(got.attributeGroundText).toContain('第十六条');
    expect(got.attributeReviewOn).toBeTruthy();
    expect(got.dueOn).toBeNull();
    const changed = await editor.patch(`/api/v1/records/${w.id}`, { version: w.version, attribute: 'proactive', attributeGround: null, attributeReason: '讨论已结束' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().dueOn).toBeTruthy();
    const history = (await editor.get(`/api/v1/records/${w.id}/history`)).json() as { event: string; data: Record<string, unknown> }[];
    expect(history.find((h) => h.event === 'attribute')?.data).toMatchObject({ from: 'withheld', to: 'proactive', fromGround: 'art16-process' });
  });

  it('refuses an editor of another unit, and hides records from another tenant', async () => {
    const r = await editor2.post('/api/v1/records', draft());
    expect(r.statusCode).toBe(403);
    const mine = await create({ title: '别的单位看不到修改权' });
    expect((await editor2.patch(`/api/v1/records/${mine.id}`, { version: mine.version, title: 'x' })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/records/${mine.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/records')).json().items).toEqual([]);
    // The read-only inspector sees it but cannot change it.
    expect((await inspector.get(`/api/v1/records/${mine.id}`)).statusCode).toBe(200);
    expect((await inspector.patch(`/api/v1/records/${mine.id}`, { version: mine.version, title: 'x' })).statusCode).toBe(403);
  });

  it('refuses a stale update and keeps what was saved', async () => {
    const r = await create({ title: '原标题' });
    const first = await editor.patch(`/api/v1/records/${r.id}`, { version: r.version, title: '第一次修改' });
    expect(first.statusCode).toBe(200);
    const second = await office.patch(`/api/v1/records/${r.id}`, { version: r.version, title: '第二次修改' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('STALE_VERSION');
    expect((await editor.get(`/api/v1/records/${r.id}`)).json().title).toBe('第一次修改');
  });
});

describe('workflow', () => {
  it('goes draft → submitted → confidentiality review → approved → published, each step in the history and audit log', async () => {
    const r = await publish(await create({ title: '流程测试通知' }));
    expect(r.state).toBe('published');
    expect(r.workingDaysLate).toBe(0);
    const history = (await editor.get(`/api/v1/records/${r.id}/history`)).json() as { event: string; actorLabel: string }[];
    expect(history.map((h) => h.event)).toEqual(['create', 'submit', 'pass_review', 'pass_confidentiality', 'publish']);
    expect(history[3]!.actorLabel).toContain('吴静');
    const audit = (await office.get(`/api/v1/audit?entityId=${r.id}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['record.create', 'record.submit', 'record.pass_review', 'record.pass_confidentiality', 'record.publish']));
  });

  it('refuses the wrong role, the wrong unit, the wrong state and a stale version at each step', async () => {
    let r = await create({ title: '拒绝测试' });
    // Wrong state: nothing but submit from a draft.
    const early = await act(reviewer, r, 'pass_review');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('草稿');
    r = (await act(editor, r, 'submit')).json();
    // Wrong role: the editor cannot pass its own review; the reviewer cannot pass the confidentiality review.
    expect((await act(editor, r, 'pass_review')).statusCode).toBe(403);
    // Wrong unit: 青山镇's editor holds every right only on its own town.
    expect((await act(editor2, r, 'reject', { comment: 'x' })).statusCode).toBe(404);
    // Stale version.
    const stale = await act(reviewer, { ...r, version: r.version - 1 }, 'pass_review');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    r = (await act(reviewer, r, 'pass_review')).json();
    expect((await act(reviewer, r, 'pass_confidentiality')).statusCode).toBe(403);
    // Sent back with a comment: a draft again, editable, and the comment kept.
    expect((await act(secrecy, r, 'reject')).statusCode).toBe(400);
    const back = await act(secrecy, r, 'reject', { comment: '第三段涉及内部讨论，请删除' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ state: 'draft', lastComment: '第三段涉及内部讨论，请删除' });
    // A published record cannot be edited.
    const pub = await publish(back.json());
    const edit = await editor.patch(`/api/v1/records/${pub.id}`, { version: pub.version, title: 'x' });
    expect(edit.statusCode).toBe(400);
    expect((await act(editor, pub, 'submit')).statusCode).toBe(409);
  });

  it('does not publish a record that is not proactive', async () => {
    let r = await create({ title: '依申请公开的信息', attribute: 'on_request', attributeGround: 'art15-privacy' });
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      r = (await act(who, r, e)).json();
    const res = await act(editor, r, 'publish');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOT_PROACTIVE');
  });

  it('publishes a scheduled record when its time comes, by the sweep of any server process', async () => {
    let r = await create({ title: '定时发布的通知' });
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      r = (await act(who, r, e)).json();
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await act(editor, r, 'publish', { publishAt: at });
    expect(scheduled.json().state).toBe('scheduled');
    await runPublishingSweep(t.database.db, new Date());
    expect((await editor.get(`/api/v1/records/${r.id}`)).json().state).toBe('scheduled');
    const swept = await runPublishingSweep(t.database.db, new Date(Date.now() + 2 * 3600_000));
    expect(swept?.published).toBeGreaterThanOrEqual(1);
    expect((await editor.get(`/api/v1/records/${r.id}`)).json().state).toBe('published');
  });

  it('withdraws with a public note: the URL keeps answering with the note, never a 404', async () => {
    const r = await publish(await create({ title: '将被撤回的通知', bodyHtml: '<p>原内容甲乙丙</p>' }));
    const page = await t.app.inject({ url: `/zfxxgk/info/${r.id}`, headers: { host: 'localhost' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('原内容甲乙丙');
    expect(page.body).toContain(r.indexNo);
    expect((await act(editor, r, 'withdraw', { comment: '内容有误' })).statusCode).toBe(403);
    expect((await act(leader, r, 'withdraw', { comment: '  ' })).statusCode).toBe(400);
    const w = await act(leader, r, 'withdraw', { comment: '该通知所述事项已调整，另行发布。' });
    expect(w.statusCode).toBe(200);
    const after = await t.app.inject({ url: `/zfxxgk/info/${r.id}`, headers: { host: 'localhost' } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('该通知所述事项已调整，另行发布。');
    expect(after.body).not.toContain('原内容甲乙丙');
  });

  it('supersedes the old record when its replacement is published', async () => {
    const old = await publish(await create({ title: '旧版办事指南' }));
    const neu = await publish(await create({ title: '新版办事指南', supersedesId: old.id }));
    const o = (await editor.get(`/api/v1/records/${old.id}`)).json();
    expect(o.state).toBe('superseded');
    expect(o.supersededById).toBe(neu.id);
    const page = await t.app.inject({ url: `/zfxxgk/info/${old.id}`, headers: { host: 'localhost' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('已被新版本替代');
    expect(page.body).toContain('新版办事指南');
  });
});

describe('personal-data and secrecy guard', () => {
  const id = '11010519491231002X';

  it('blocks publication while an ID number is unmasked, finds it in context, and masks it with one click', async () => {
    let r = await create({ title: '行政处罚决定书', bodyHtml: `<p>当事人：张某，身份证号码：${id}，联系电话：13800138000。</p>` });
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      r = (await act(who, r, e)).json();
    const blocked = await act(editor, r, 'publish');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('PERSONAL_DATA');
    const guard = (await editor.get(`/api/v1/records/${r.id}/guard`)).json();
    expect(guard.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['id_card', 'mobile']);
    expect(JSON.stringify(guard)).not.toContain(id);
    // Masking happens on a draft: send it back, mask, and go through review again.
    r = (await act(editor, r, 'reject', { comment: '请遮盖个人信息' })).json();
    const masked = await editor.post(`/api/v1/records/${r.id}/guard/mask`, { version: r.version, findingIds: [guard.findings[0].id] });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json().bodyHtml).toContain('110105********002X');
    expect(masked.json().bodyHtml).toContain('13800138000');
    const all = await editor.post(`/api/v1/records/${r.id}/guard/mask`, { version: masked.json().version });
    expect(all.json().bodyHtml).not.toContain('13800138000');
    const pub = await publish(all.json());
    const page = await t.app.inject({ url: `/zfxxgk/info/${pub.id}`, headers: { host: 'localhost' } });
    expect(page.body).not.toContain(id);
    expect(page.body).toContain('110105********002X');
  });

  it('lets only a confidentiality reviewer override, with a basis and reason, recorded', async () => {
    let r = await create({ title: '失信被执行人惩戒公示', bodyHtml: `<p>被执行人李某，身份证号码 ${id}。</p>` });
    expect((await editor.post(`/api/v1/records/${r.id}/guard/override`, { version: r.version, basis: '惩戒公示', reason: '依法公示' })).statusCode).toBe(403);
    const none = await secrecy.post(`/api/v1/records/${r.id}/guard/override`, { version: r.version, basis: '惩戒公示', reason: '' });
    expect(none.statusCode).toBe(400);
    const ok = await secrecy.post(`/api/v1/records/${r.id}/guard/override`, { version: r.version, basis: '惩戒公示', reason: '依据失信惩戒规定公示身份信息' });
    expect(ok.statusCode, ok.body).toBe(200);
    r = await publish(ok.json());
    expect(r.state).toBe('published');
    const history = (await editor.get(`/api/v1/records/${r.id}/history`)).json() as { event: string; comment: string }[];
    expect(history.find((h) => h.event === 'guard_override')?.comment).toContain('惩戒公示');
  });

  it('never publishes a record carrying a classification mark', async () => {
    let r = await create({ title: '某某工作方案', bodyHtml: '<p>机密★1年</p><p>正文内容。</p>' });
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      r = (await act(who, r, e)).json();
    const res = await act(editor, r, 'publish');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CLASSIFIED');
  });
});

describe('deadlines', () => {
  it('warns the unit 5 and 1 working days before the due date, once each, and flags late publication in working days', async () => {
    const cal = await tenantCalendar(t.database.db, tenantId);
    const today = todayLocal();
    // Formed so that today is 5 working days before the due date.
    const due5 = cal.addWorkingDays(today, 5).due;
    let formed = today;
    for (let i = 0; i < 60 && cal.dueDate(formed, 20) !== due5; i++) formed = new Date(Date.parse(formed) - 86_400_000).toISOString().slice(0, 10);
    const r = await create({ title: '期限预警测试', formedOn: formed, writtenOn: formed });
    expect(r.dueOn).toBe(due5);
    expect(await sendDeadlineWarnings(t.database.db, today)).toBeGreaterThanOrEqual(1);
    expect(await sendDeadlineWarnings(t.database.db, today)).toBe(0);
    const notes = (await editor.get('/api/v1/notifications')).json() as { title: string; entityId: string }[];
    expect(notes.find((n) => n.entityId === r.id)?.title).toContain('5 个工作日');
    expect((await editor2.get('/api/v1/notifications')).json().some((n: { entityId: string }) => n.entityId === r.id)).toBe(false);

    // Formed long ago: published late, by the working days counted by the calendar.
    const old = await create({ title: '迟发的信息', formedOn: '2026-01-05', writtenOn: '2026-01-05' });
    const pub = await publish(old);
    expect(pub.workingDaysLate).toBe(cal.workingDaysLate(old.dueOn!, today));
    expect(pub.workingDaysLate).toBeGreaterThan(100);
    const rates = (await office.get(`/api/v1/records/on-time?from=${today}&to=${today}`)).json() as { unitName: string; late: number; rate: number }[];
    const fgj = rates.find((x) => x.unitName === '示范县发展和改革局')!;
    expect(fgj.late).toBeGreaterThanOrEqual(1);
    expect(fgj.rate).toBeLessThan(1);
  });
});

describe('normative documents', () => {
  it('keeps validity, lists currently valid documents in the library, and drafts a clean-up list', async () => {
    const a = await publish(await create({ title: '示范县农村集体资产管理办法', genre: 'normative_document', docNo: '示政规〔2024〕1号', writtenOn: '2024-03-01', formedOn: '2024-03-01', issuer: '示范县人民政府' }));
    const b = await publish(await create({ title: '示范县城区停车管理办法', genre: 'normative_document', docNo: '示政规〔2025〕2号', writtenOn: '2025-04-01', formedOn: '2025-04-01', issuer: '示范县人民政府' }));
    expect(a.validity).toBe('valid');
    expect((await editor2.post(`/api/v1/records/${b.id}/validity`, { validity: 'repealed', on: '2026-06-01', version: b.version })).statusCode).toBe(404);
    const rep = await leader.post(`/api/v1/records/${b.id}/validity`, { validity: 'repealed', on: '2026-06-01', version: b.version });
    expect(rep.statusCode, rep.body).toBe(200);
    const lib = await t.app.inject({ url: '/zfxxgk/gfxwj/', headers: { host: 'localhost' } });
    expect(lib.statusCode).toBe(200);
    expect(lib.body).toContain('示范县农村集体资产管理办法');
    expect(lib.body).not.toContain('示范县城区停车管理办法');
    const repealed = await t.app.inject({ url: '/zfxxgk/gfxwj/?validity=repealed&year=2025&issuer=' + encodeURIComponent('示范县人民政府'), headers: { host: 'localhost' } });
    expect(repealed.body).toContain('示范县城区停车管理办法');
    const bad = await t.app.inject({ url: '/zfxxgk/gfxwj/?validity=<script>&year=abc&page=999999', headers: { host: 'localhost' } });
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('<script>');
    const list = await office.post('/api/v1/records/cleanup-list', { unitId: unit('root').id });
    expect(list.statusCode, list.body).toBe(201);
    expect(list.json().state).toBe('draft');
    expect(list.json().bodyHtml).toContain('示范县农村集体资产管理办法');
    expect(list.json().bodyHtml).toMatch(/已废止的行政规范性文件（\d+ 件）<\/h3><table>[\s\S]*示范县城区停车管理办法/);
  });
});

describe('attachments', () => {
  const boundary = '----gongkai-test-boundary';
  const multipart = (fileName: string, bytes: Uint8Array, type = 'application/octet-stream') =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const upload = (who: Agent, rec: Rec, fileName: string, bytes: Uint8Array) =>
    who.send({ method: 'POST', url: `/api/v1/records/${rec.id}/attachments`, payload: multipart(fileName, bytes), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });

  it('accepts documents by content, refuses executables, archives, mismatched names and empty files, and scans their text', async () => {
    const { makeDocx, makeExe, makeZip, makePdf, enc } = await import('../../src/core/files/fixtures.testing.ts');
    let r = await create({ title: '带附件的通知' });
    const docx = await makeDocx(['附件一：名单', '王某某 身份证号码 11010519491231002X']);
    const ok = await upload(editor, r, '名单.docx', docx);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: '名单.docx', kind: 'docx' });
    expect(ok.json().textLength).toBeGreaterThan(10);
    const refusals: [string, Uint8Array, number, RegExp][] = [
      ['setup.exe', makeExe(), 415, /程序/],
      ['report.pdf', makeExe(), 415, /程序/],
      ['files.zip', makeZip([{ name: 'a.txt', data: enc('hello') }]), 415, /压缩/],
      ['scan.docx', await makePdf(), 415, /PDF/],
      ['empty.pdf', new Uint8Array(0), 400, /空/],
    ];
    for (const [name, bytes, status, message] of refusals) {
      const res = await upload(editor, r, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await editor.get(`/api/v1/records/${r.id}/attachments`)).json()).toHaveLength(1);
    // Not JSON, not anyone's: a JSON body is refused; another unit's editor cannot upload.
    const json = await editor.post(`/api/v1/records/${r.id}/attachments`, { file: 'x' });
    expect(json.statusCode, json.body).toBe(415);
    expect((await upload(editor2, r, 'a.docx', docx)).statusCode).toBe(404);

    // The ID number inside the attachment blocks publication like one in the body.
    r = (await editor.get(`/api/v1/records/${r.id}`)).json();
    const guard = (await editor.get(`/api/v1/records/${r.id}/guard`)).json();
    expect(guard.findings).toEqual([expect.objectContaining({ kind: 'id_card', where: 'attachment', attachment: '名单.docx' })]);
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      r = (await act(who, r, e)).json();
    expect((await act(editor, r, 'publish')).json().error.code).toBe('PERSONAL_DATA');

    // Replaced by a masked version, it goes out; the public can download it with its type and size.
    r = (await act(editor, r, 'reject', { comment: '请替换附件' })).json();
    await editor.delete(`/api/v1/records/${r.id}/attachments/${ok.json().id}`);
    // A file larger than the JSON body limit (1 MB) goes through: uploads have their own limit.
    const big = await makePdf(['x'.repeat(10)]);
    const padded = new Uint8Array(big.length + 2_000_000);
    padded.set(big);
    padded.fill(0x20, big.length);
    const bigRes = await upload(editor, r, '大文件.pdf', padded);
    expect(bigRes.statusCode, bigRes.body).toBe(201);
    await editor.delete(`/api/v1/records/${r.id}/attachments/${bigRes.json().id}`);
    const masked = await upload(editor, r, '名单（公开版）.docx', await makeDocx(['附件一：名单', '王某某 身份证号码 110105********002X']));
    expect(masked.statusCode).toBe(201);
    const pub = await publish((await editor.get(`/api/v1/records/${r.id}`)).json());
    const page = await t.app.inject({ url: `/zfxxgk/info/${pub.id}`, headers: { host: 'localhost' } });
    expect(page.body).toContain('名单（公开版）.docx');
    expect(page.body).toMatch(/Word，\d+(\.\d)? KB/);
    const file = await t.app.inject({ url: `/zfxxgk/files/${masked.json().id}`, headers: { host: 'localhost' } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
    // The first, unmasked file was never public.
    expect((await t.app.inject({ url: `/zfxxgk/files/${ok.json().id}`, headers: { host: 'localhost' } })).statusCode).toBe(404);
  });
});

describe('review of non-public records (Art. 18)', () => {
  it('keeps the attribute with a reason and sets the next yearly review, or converts and publishes an approved record', async () => {
    let w = await create({ title: '内部讨论稿（复核测试）', attribute: 'withheld', attributeGround: 'art16-process' });
    for (const [who, e] of [
      [editor, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
    ] as const)
      w = (await act(who, w, e)).json();
    expect(w.state).toBe('approved');
    const due = (await office.get('/api/v1/records?reviewDue=true')).json();
    expect(due.items.some((r: Rec) => r.id === w.id)).toBe(false);
    // Only reviewers review; an editor cannot.
    expect((await editor.post(`/api/v1/records/${w.id}/attribute-review`, { decision: 'keep', reason: '仍在讨论', version: w.version })).statusCode).toBe(403);
    const kept = await reviewer.post(`/api/v1/records/${w.id}/attribute-review`, { decision: 'keep', reason: '讨论尚未结束', version: w.version });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().attribute).toBe('withheld');
    expect(kept.json().attributeReviewOn > todayLocal()).toBe(true);
    const converted = await reviewer.post(`/api/v1/records/${w.id}/attribute-review`, { decision: 'convert', reason: '决策已作出，转为主动公开', version: kept.json().version });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ attribute: 'proactive', state: 'published', attributeGround: null });
    const page = await t.app.inject({ url: `/zfxxgk/info/${w.id}`, headers: { host: 'localhost' } });
    expect(page.statusCode).toBe(200);
    const history = (await editor.get(`/api/v1/records/${w.id}/history`)).json() as { event: string; comment: string }[];
    expect(history.filter((h) => h.event === 'attribute_review').map((h) => h.comment)).toEqual(['讨论尚未结束', '决策已作出，转为主动公开']);
  });

  it('assigns attributes to historical records that have none, all or nothing', async () => {
    const a = await create({ title: '存量信息甲' });
    const b = await create({ title: '存量信息乙' });
    await t.database.pool.query('UPDATE records SET attribute = NULL, due_on = NULL WHERE id = ANY($1)', [[a.id, b.id]]);
    const none = (await office.get('/api/v1/records?noAttribute=true')).json().items.map((r: Rec) => r.id);
    expect(none).toEqual(expect.arrayContaining([a.id, b.id]));
    // A record without an attribute cannot go into review.
    const fresh = (await editor.get(`/api/v1/records/${a.id}`)).json();
    const refused = await act(editor, fresh, 'submit');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('公开属性');
    expect((await office.post('/api/v1/records/attributes', { ids: [a.id, b.id], attribute: 'withheld' })).statusCode).toBe(400);
    const decided = await create({ title: '已认定' });
    const mixed = await office.post('/api/v1/records/attributes', { ids: [a.id, b.id, decided.id], attribute: 'on_request', attributeGround: 'art15-privacy' });
    expect(mixed.statusCode).toBe(400);
    expect((await editor.get(`/api/v1/records/${a.id}`)).json().attribute).toBeNull();
    const ok = await office.post('/api/v1/records/attributes', { ids: [a.id, b.id], attribute: 'on_request', attributeGround: 'art15-privacy', attributeReason: '涉及个人信息' });
    expect(ok.json()).toEqual({ updated: 2 });
    expect((await editor.get(`/api/v1/records/${b.id}`)).json()).toMatchObject({ attribute: 'on_request', attributeGround: 'art15-privacy' });
  });
});

describe('standard catalogue and obligations', () => {
  it('imports and exports the standard table, creates obligations per unit and period, and a publication fulfils one', async () => {
    const domains = (await office.get('/api/v1/catalogue/domains')).json() as { id: string; name: string; items: number }[];
    expect(domains.length).toBeGreaterThanOrEqual(26);
    const safety = domains.find((d) => d.name === '安全生产')!;
    const items = (await office.get(`/api/v1/catalogue/domains/${safety.id}/items`)).json() as { id: string; level2: string; timeLimitRule: { kind: string }; responsibleUnitNames: string[] }[];
    const inspection = items.find((i) => i.level2 === '安全生产执法检查情况')!;
    expect(inspection.timeLimitRule.kind).toBe('periodic');
    expect(inspection.responsibleUnitNames).toEqual(['示范县应急管理局']);

    // Export, then import into a new domain: the same items come back.
    const xlsx = await office.get(`/api/v1/catalogue/domains/${safety.id}/xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const target = (await office.post('/api/v1/catalogue/domains', { code: 'safety-copy', name: '安全生产（副本）' })).json();
    const boundary = '----catalogue';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="目录.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), xlsx.rawPayload, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const send = (dryRun: boolean) => office.send({ method: 'POST', url: `/api/v1/catalogue/domains/${target.id}/import?dryRun=${dryRun}`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const dry = await send(true);
    expect(dry.json()).toMatchObject({ dryRun: true, items: items.length, errors: [] });
    expect((await office.get(`/api/v1/catalogue/domains/${target.id}/items`)).json()).toEqual([]);
    expect((await send(false)).statusCode).toBe(200);
    const copied = (await office.get(`/api/v1/catalogue/domains/${target.id}/items`)).json() as { level2: string; timeLimitText: string }[];
    expect(copied.map((i) => [i.level2, i.timeLimitText])).toEqual(items.map((i) => [i.level2, (i as unknown as { timeLimitText: string }).timeLimitText]));

    // Quarterly item → four obligations for 县应急局 this year; generating again adds none.
    const year = Number(todayLocal().slice(0, 4));
    // The copied item is new: its obligations are created once; generating again adds none.
    expect((await office.post('/api/v1/catalogue/obligations/generate', { year })).json().created).toBe(4);
    expect((await office.post('/api/v1/catalogue/obligations/generate', { year })).json().created).toBe(0);
    const board = (await office.get(`/api/v1/catalogue/obligations?year=${year}`)).json();
    const mine = board.obligations.filter((o: { itemId: string }) => o.itemId === inspection.id);
    expect(mine.map((o: { periodKey: string }) => o.periodKey)).toEqual([`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`]);
    expect(mine[0].dueExplanation).toMatch(/工作日/);

    // A record published under the item fulfils the obligation of its period, late or on time by the calendar.
    const yjj = unit('yjj');
    let r = (await office.post('/api/v1/records', draft({ unitId: yjj.id, title: `${year}年第一季度安全生产执法检查情况`, standardItemId: inspection.id, formedOn: `${year}-03-31`, writtenOn: `${year}-03-31` }))).json();
    for (const [who, e] of [
      [office, 'submit'],
      [office, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
      [office, 'publish'],
    ] as const)
      r = (await act(who, r, e)).json();
    expect(r.state).toBe('published');
    const after = (await office.get(`/api/v1/catalogue/obligations?year=${year}&unitId=${yjj.id}`)).json();
    const q1 = after.obligations.find((o: { periodKey: string; itemId: string }) => o.itemId === inspection.id && o.periodKey === `${year}-Q1`);
    expect(q1.recordId).toBe(r.id);
    expect(q1.status).toBe(q1.workingDaysLate > 0 ? 'done_late' : 'done_on_time');
    expect(after.totals.done_late + after.totals.done_on_time).toBeGreaterThanOrEqual(1);
    // Another unit's editor sees none of 县应急局's obligations.
    const others = (await editor2.get(`/api/v1/catalogue/obligations?year=${year}`)).json();
    expect(others.obligations.some((o: { unitId: string }) => o.unitId === yjj.id)).toBe(false);
  });
});

describe('upload limit', () => {
  it('refuses a file over UPLOAD_MAX_BYTES with 413 and a Chinese message naming the limit', async () => {
    const small = await createTestApp({ env: { UPLOAD_MAX_BYTES: '2048' } });
    try {
      const ed = await loginAs(small.app, 'editor');
      const units2 = (await ed.get('/api/v1/units')).json() as { id: string; code: string }[];
      const r = (await ed.post('/api/v1/records', draft({ unitId: units2.find((u) => u.code === 'fgj')!.id }))).json();
      const { makePdf } = await import('../../src/core/files/fixtures.testing.ts');
      const pdf = await makePdf(['x'.repeat(4000)]);
      const padded = new Uint8Array(Math.max(pdf.length, 5000));
      padded.set(pdf);
      const boundary = '----limit';
      const res = await ed.send({
        method: 'POST',
        url: `/api/v1/records/${r.id}/attachments`,
        payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="大.pdf"\r\n\r\n`), Buffer.from(padded), Buffer.from(`\r\n--${boundary}--\r\n`)]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.message).toMatch(/大\.pdf.*MB|超过/);
      expect((await ed.get(`/api/v1/records/${r.id}/attachments`)).json()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('索引号 pattern', () => {
  it('follows the tenant setting, refuses a pattern without a sequence, and never reissues a number', async () => {
    const tenant = (await office.get('/api/v1/tenant')).json();
    const bad = await office.patch('/api/v1/tenant', { settings: { indexPattern: '{orgCode}/{year}' }, version: tenant.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('流水号');
    const ok = await office.patch('/api/v1/tenant', { settings: { indexPattern: '{tenantCode}-{unitCode}/{year}{month}-{seq:4}' }, version: tenant.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const a = await create({ title: '按新格式编号', writtenOn: '2026-03-05', formedOn: '2026-03-05' });
    expect(a.indexNo).toMatch(/^shifan-fgj\/202603-\d{4}$/);
    // A deleted draft's number is not handed out again: the counter only moves forward.
    await t.database.pool.query('DELETE FROM record_events WHERE record_id = $1', [a.id]);
    await t.database.pool.query('DELETE FROM records WHERE id = $1', [a.id]);
    const b = await create({ title: '下一条', writtenOn: '2026-03-06', formedOn: '2026-03-06' });
    expect(Number(b.indexNo.slice(-4))).toBe(Number(a.indexNo.slice(-4)) + 1);
    await office.patch('/api/v1/tenant', { settings: { indexPattern: '{unitCode}/{year}-{seq:5}' }, version: ok.json().version });
  });
});
