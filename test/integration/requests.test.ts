// Disclosure requests through the HTTP API: registration with the Art. 31 receipt date, every step with its
// refusals, the clock with its derivation, 协查, fees, appeals, the ledger and the statistics; and who sees
// what: applicants' details only for those who handle the request, never in the audit log.
import ExcelJS from 'exceljs';
import { listZip, readZipEntry } from '../../src/core/files/zip.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal, WorkingCalendar } from '../../src/core/calendar/index.ts';
import { runRequestSweep, sendRequestReminders } from '../../src/modules/requests/reminders.ts';
import { intakeRequest } from '../../src/modules/requests/service.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let handler: Agent;
let office: Agent;
let inspector: Agent;
let leader: Agent;
let editor: Agent;
let other: Agent;
let units: { id: string; code: string; name: string }[];
let tenantId: string;
const today = todayLocal();
const cal = WorkingCalendar.builtin();

// Invented: valid checksums, no real person.
const PERSON = { type: 'natural_person', name: '赵小红', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000', address: '示范县人民路8号' };
const ORG = { type: 'legal_service', name: '示范县某某律师事务所', idType: 'credit_code', idNumber: '919999000012345T0R', contactPerson: '钱律师', email: 'lawyer@example.com' };

const unitId = (code: string) => units.find((u) => u.code === code)!.id;
const base = (over: Record<string, unknown> = {}) => ({
  applicant: PERSON,
  unitId: unitId('root'),
  infoTitle: '示范县2025年耕地地力保护补贴发放明细',
  description: '请公开示范县2025年耕地地力保护补贴发放到各乡镇的明细表',
  infoForm: 'electronic',
  delivery: 'email',
  channel: 'in_person',
  arrivedOn: today,
  ...over,
  ...(over.applicant ? {} : { applicant: { ...PERSON, email: 'zhao@example.com' } }),
});

async function register(over: Record<string, unknown> = {}, who = handler) {
  const res = await who.post('/api/v1/requests', base(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { request: Req; queryCode: string };
}

interface Req {
  id: string;
  number: string;
  state: string;
  version: number;
  dueOn: string | null;
  clock: { dueOn: string | null; explanation: string; state: string; correctionNoticeDueOn: string } | null;
  applicant: { name: string; idNumber: string; phone: string | null; masked: boolean };
  result: string | null;
  allowedEvents: string[];
  possibleRepeats: { id: string; number: string }[];
  events: { event: string; comment: string | null }[];
  fee: { amount: number; explanation: string } | null;
  assists: { id: string; dueOn: string; version: number }[];
  extensionDays: number;
  workingDaysUsed: number | null;
}

async function act(r: Req, body: Record<string, unknown>, who = handler) {
  return who.post(`/api/v1/requests/${r.id}/actions`, { version: r.version, ...body });
}
async function ok(r: Req, body: Record<string, unknown>, who = handler): Promise<Req> {
  const res = await act(r, body, who);
  expect(res.statusCode, `${String(body.event)}: ${res.body}`).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  [handler, office, inspector, leader, editor] = (await Promise.all(['handler', 'office', 'inspector', 'leader', 'editor'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
  other = await loginAs(t.app, 'other-office', 'duizhao');
  units = (await office.get('/api/v1/units')).json();
  tenantId = (await office.get('/api/v1/auth/session')).json().tenant.tenantId;
});
afterAll(async () => {
  await t?.close();
});

describe('registration', () => {
  it('registers a letter by its signing date and shows the due date with its derivation', async () => {
    const { request: r, queryCode } = await register({ channel: 'post', arrivedOn: '2026-02-13' });
    expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.number).toMatch(/^YSQ-2026-\d{5}$/);
    expect(r.state).toBe('registered');
    // Hand-checked in src/core/requests/clock.test.ts.
    expect(r.dueOn).toBe('2026-03-19');
    expect(r.clock!.explanation).toContain('第三十三条');
    expect(r.clock!.explanation).toContain('春节假期');
    expect(r.applicant).toMatchObject({ name: '赵小红', idNumber: '11010519491231002X', masked: false });
  });

  it('takes the confirmation date for an e-mailed request, and refuses one without it', async () => {
    const { request: r } = await register({ channel: 'email', arrivedOn: '2026-10-03', confirmedOn: '2026-10-08' });
    expect(r.dueOn).toBe('2026-11-04');
    const res = await handler.post('/api/v1/requests', base({ channel: 'email', arrivedOn: '2026-10-03' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('确认');
  });

  it('refuses bad input with a Chinese message naming the field, and saves nothing', async () => {
    const before = (await office.get('/api/v1/requests?pageSize=1')).json().total;
    const cases: [Record<string, unknown>, string][] = [
      [{ applicant: { ...PERSON, idNumber: '110105194912310021' } }, 'applicant.idNumber'],
      [{ applicant: { ...ORG, idNumber: '919999000012345T0S' } }, 'applicant.idNumber'],
      [{ description: '文件' }, 'description'],
      [{ arrivedOn: '2099-01-01' }, 'arrivedOn'],
      [{ applicant: { ...PERSON, phone: null } }, 'applicant.phone'],
      [{ delivery: 'post', applicant: { ...PERSON, address: '' } }, 'applicant.address'],
      [{ infoDocNo: '随便写的' }, 'infoDocNo'],
    ];
    for (const [over, field] of cases) {
      const res = await handler.post('/api/v1/requests', base(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details?.field, res.body).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const missing = await handler.post('/api/v1/requests', { unitId: unitId('root') });
    expect(missing.statusCode).toBe(400);
    expect((await office.get('/api/v1/requests?pageSize=1')).json().total).toBe(before);
  });
});

describe('the workflow through the API', () => {
  it('does not reply before registration, then registers a portal request on confirmation', async () => {
    const filed = await intakeRequest(t.database.db, tenantId, { applicant: { ...PERSON, email: 'zhao@example.com' } as never, unitId: unitId('root'), description: '请公开示范县2026年保障性住房建设计划的完成情况', infoForm: 'electronic', delivery: 'online' });
    let r = (await handler.get(`/api/v1/requests/${filed.id}`)).json() as Req;
    expect(r.state).toBe('submitted');
    expect(r.clock).toBeNull();
    const early = await act(r, { event: 'reply', result: 'disclosed' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'NOT_REGISTERED', message: expect.stringContaining('登记') });
    r = await ok(r, { event: 'register' });
    expect(r.state).toBe('registered');
    expect(r.dueOn).toBe(cal.addWorkingDays(today, 20).due);
  });

  it('corrects, consults, extends once, replies, and delivers; refusing what the law refuses', async () => {
    let { request: r } = await register();
    // Correction: the period restarts from the corrected request.
    r = await ok(r, { event: 'request_correction', comment: '请写明所需明细表的年度和乡镇范围' });
    expect(r.state).toBe('correction');
    expect(r.clock!.state).toBe('stopped');
    expect(r.dueOn).toBeNull();
    const again = await act(r, { event: 'request_correction', comment: 'x' });
    expect(again.statusCode).toBe(409);
    r = await ok(r, { event: 'receive_correction' });
    expect(r.dueOn).toBe(cal.addWorkingDays(today, 20).due);
    const second = await act(r, { event: 'request_correction', comment: '再补正' });
    expect(second.json().error.code).toBe('CORRECTION_ONCE');
    // A third-party consultation pauses the clock.
    const noParty = await act(r, { event: 'start_consultation', pauseKind: 'third_party' });
    expect(noParty.json().error.details.field).toBe('party');
    r = await ok(r, { event: 'start_consultation', pauseKind: 'third_party', party: '示范县某某农业合作社' });
    expect(r.state).toBe('consulting');
    expect(r.clock!.state).toBe('paused');
    const replyWhileConsulting = await act(r, { event: 'reply', result: 'disclosed' });
    expect(replyWhileConsulting.statusCode).toBe(409);
    const tooEarly = await act(r, { event: 'end_consultation', consultationOutcome: 'no_reply' });
    expect(tooEarly.json().error.message).toContain('15个工作日');
    r = await ok(r, { event: 'end_consultation', consultationOutcome: 'agreed' });
    // Today was paused: one working day later than before, if today is a working day.
    const paused = cal.isWorkingDay(today) ? 1 : 0;
    expect(r.dueOn).toBe(cal.addWorkingDays(today, 20 + paused).due);
    // Extension: once, with an approver and a reason.
    const noApprover = await act(r, { event: 'extend', extensionDays: 10, comment: '需要调取档案' });
    expect(noApprover.json().error.code).toBe('APPROVER_REQUIRED');
    const tooLong = await act(r, { event: 'extend', extensionDays: 25, approver: '孙主任', comment: '需要调取档案' });
    expect(tooLong.statusCode).toBe(400);
    r = await ok(r, { event: 'extend', extensionDays: 10, approver: '孙主任', comment: '需要调取档案' });
    expect(r.extensionDays).toBe(10);
    expect(r.clock!.explanation).toContain('经批准延长10个工作日');
    const twice = await act(r, { event: 'extend', extensionDays: 5, approver: '孙主任', comment: '再延' });
    expect(twice.json().error.code).toBe('EXTENSION_ONCE');
    // Reply: a result row; 部分公开 needs a reason.
    const noReason = await act(r, { event: 'reply', result: 'partial' });
    expect(noReason.json().error.details.field).toBe('comment');
    const { rows } = await t.database.pool.query("SELECT id FROM records WHERE state = 'published' AND title LIKE '青山镇%' LIMIT 1");
    r = await ok(r, { event: 'reply', result: 'partial', comment: '明细表中农户的身份证号码属于个人隐私，已作区分处理', recordIds: [rows[0].id] });
    expect(r.state).toBe('replied');
    expect(r.workingDaysUsed).toBe(0);
    expect((await act(r, { event: 'extend', extensionDays: 5, approver: 'x', comment: 'x' })).statusCode).toBe(409);
    r = await ok(r, { event: 'deliver', deliveryNote: '已通过电子邮件送达' });
    expect(r.state).toBe('closed');
    expect(r.allowedEvents).toEqual([]);
    expect(r.events.map((e) => e.event)).toEqual(['create', 'request_correction', 'receive_correction', 'start_consultation', 'end_consultation', 'extend', 'reply', 'deliver']);
    // A stale version is refused, nothing changes.
    const stale = await handler.post(`/api/v1/requests/${r.id}/actions`, { version: 1, event: 'withdraw' });
    expect(stale.statusCode).toBe(409);
  });

  it('transfers to the organ that holds the information only with its name or a reason', async () => {
    let { request: r } = await register();
    const bare = await act(r, { event: 'reply', result: 'unable.not_held', comment: '' });
    expect(bare.statusCode).toBe(400);
    r = await ok(r, { event: 'reply', result: 'unable.not_held', comment: '该信息由县农业农村局制作和保存', referOrgan: '示范县农业农村局，电话0000-12345690' });
    expect(r.result).toBe('unable.not_held');
  });

  it('computes a fee notice by pages, pauses for it, and records the payment', async () => {
    let { request: r } = await register();
    const free = await act(r, { event: 'issue_fee_notice', feeBasis: 'per_page', pages: 30 });
    expect(free.statusCode).toBe(400);
    expect(free.json().error.message).toContain('无需收费');
    r = await ok(r, { event: 'issue_fee_notice', feeBasis: 'per_page', pages: 120 });
    expect(r.state).toBe('awaiting_fee');
    expect(r.fee).toMatchObject({ amount: 1100 });
    expect((await act(r, { event: 'deem_fee_unpaid' })).json().error.code).toBe('NOT_YET');
    r = await ok(r, { event: 'record_payment' });
    expect(r.state).toBe('registered');
  });

  it('lets the applicant withdraw, counted as 其他处理', async () => {
    let { request: r } = await register();
    r = await ok(r, { event: 'withdraw', comment: '申请人电话告知撤回' });
    expect(r).toMatchObject({ state: 'withdrawn', result: 'other.other' });
  });

  it('flags a repeat of an answered request by the same applicant', async () => {
    const { request: first } = await register({ description: '请公开示范县2024年度农村公路养护资金的使用明细' });
    await ok(first, { event: 'reply', result: 'disclosed' });
    const { request: again } = await register({ description: '申请公开示范县2024年度农村公路养护资金使用明细。' });
    expect(again.possibleRepeats.map((p) => p.number)).toEqual([first.number]);
  });
});

describe('who sees what', () => {
  let r: Req;
  beforeAll(async () => {
    r = (await register()).request;
  });

  it('masks the applicant for an inspector, and the inspector cannot act', async () => {
    const seen = (await inspector.get(`/api/v1/requests/${r.id}`)).json() as Req;
    expect(seen.applicant).toMatchObject({ name: '赵**', idNumber: '110105********002X', phone: '138****8000', masked: true });
    expect(seen.allowedEvents).toEqual([]);
    expect((await act(r, { event: 'withdraw' }, inspector)).statusCode).toBe(403);
    const list = (await inspector.get('/api/v1/requests?pageSize=200')).json();
    expect(JSON.stringify(list)).not.toContain('11010519491231002X');
    expect(JSON.stringify(list)).not.toContain('赵小红');
  });

  it('hides the county government\'s requests from a department\'s leader, and everything from another tenant', async () => {
    expect((await leader.get(`/api/v1/requests/${r.id}`)).statusCode).toBe(404);
    // The leader of 县发改局 sees its own unit's requests only (the demo has some), masked.
    const own = (await leader.get('/api/v1/requests?pageSize=200')).json() as { total: number; items: { unitName: string; applicantName: string }[] };
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.items.map((i) => i.unitName))).toEqual(new Set(['示范县发展和改革局']));
    expect((await other.get(`/api/v1/requests/${r.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/requests')).json().total).toBe(0);
    expect((await act(r, { event: 'withdraw' }, other)).statusCode).toBe(404);
    expect((await editor.get('/api/v1/requests')).statusCode).toBe(403);
  });

  it('never writes the applicant\'s details into the audit log', async () => {
    const { rows } = await t.database.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'request' AND (coalesce(before::text, '') || coalesce(after::text, '') || summary) ~ '11010519491231002X|赵小红|13800138000'");
    expect(rows[0].n).toBe(0);
  });

  it('masks the ledger for the inspector and shows it in full to the handler', async () => {
    const read = async (who: Agent) => {
      const res = await who.get('/api/v1/requests/ledger.xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(2).values).toContain('申请编号');
      const rows: string[][] = [];
      ws.eachRow((row, n) => {
        if (n > 2) rows.push((row.values as unknown[]).slice(1).map(String));
      });
      return rows;
    };
    const full = await read(handler);
    const mine = full.find((row) => row[1] === r.number)!;
    expect(mine).toContain('赵小红');
    expect(mine).toContain('11010519491231002X');
    const masked = (await read(inspector)).find((row) => row[1] === r.number)!;
    expect(masked).toContain('赵**');
    expect(masked.join()).not.toContain('11010519491231002X');
  });
});

describe('协查 and appeals', () => {
  it('asks a department to assist; its editor answers, seeing the question only', async () => {
    let { request: r } = await register();
    const res = await handler.post(`/api/v1/requests/${r.id}/assists`, { unitId: unitId('fgj'), question: '请核实贵局是否保存有该补贴的乡镇明细表', workingDays: 3 });
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
    expect(r.assists[0]!.dueOn).toBe(cal.addWorkingDays(today, 3).due);
    const mine = (await editor.get('/api/v1/request-assists?open=true')).json() as { id: string; question: string; version: number }[];
    const a = mine.find((x) => x.id === r.assists[0]!.id)!;
    expect(a.question).toContain('乡镇明细表');
    expect(JSON.stringify(mine)).not.toContain('赵小红');
    // Another unit's editor may not answer it.
    const editor2 = await loginAs(t.app, 'editor2');
    expect((await editor2.post(`/api/v1/request-assists/${a.id}/answer`, { answer: '无', version: a.version })).statusCode).toBe(404);
    const answered = await editor.post(`/api/v1/request-assists/${a.id}/answer`, { answer: '我局保存有该明细表，已发送电子版', version: a.version });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().answeredOn).toBe(today);
  });

  it('records an appeal against a reply and its outcome', async () => {
    let { request: r } = await register();
    const early = await handler.post(`/api/v1/requests/${r.id}/appeals`, { path: 'reconsideration', filedOn: today, outcome: 'pending' });
    expect(early.statusCode).toBe(409);
    r = await ok(r, { event: 'reply', result: 'withheld.process_info', comment: '属于内部讨论过程中的记录' });
    const added = await handler.post(`/api/v1/requests/${r.id}/appeals`, { path: 'reconsideration', organ: '示范市人民政府', filedOn: today, outcome: 'pending' });
    expect(added.statusCode, added.body).toBe(201);
    const bad = await handler.put(`/api/v1/request-appeals/${added.json().id}`, { path: 'reconsideration', filedOn: today, outcome: 'upheld', version: 1 });
    expect(bad.json().error.details.field).toBe('decidedOn');
    const done = await handler.put(`/api/v1/request-appeals/${added.json().id}`, { path: 'reconsideration', filedOn: today, outcome: 'upheld', decidedOn: today, version: 1 });
    expect(done.json()).toMatchObject({ outcome: 'upheld', outcomeLabel: '结果维持' });
  });
});

describe('statistics and reminders', () => {
  it('counts this year\'s requests by applicant type and result, with 一 + 二 = 三 + 四', async () => {
    const year = Number(today.slice(0, 4));
    const s = (await office.get(`/api/v1/requests/statistics?year=${year}`)).json();
    for (const c of ['natural_person', 'enterprise', 'research', 'public_interest', 'legal_service', 'other_org', 'total']) {
      expect(s.newThisYear[c] + s.carriedOver[c], c).toBe(s.resultsTotal[c] + s.carriedForward[c]);
    }
    expect(s.results.disclosed.natural_person).toBeGreaterThanOrEqual(1);
    expect(s.results['other.other'].natural_person).toBeGreaterThanOrEqual(1);
  });

  it('reminds the unit at 5, 3 and 1 working days left and when overdue, each once', async () => {
    const { request: r } = await register({ channel: 'post', arrivedOn: '2026-02-13' }); // due 2026-03-19
    const sent = async (day: string) => {
      await sendRequestReminders(t.database.db, day);
      const { rows } = await t.database.pool.query("SELECT kind, title FROM notifications WHERE entity_id = $1 ORDER BY created_at", [r.id]);
      return rows as { kind: string; title: string }[];
    };
    expect(await sent('2026-03-11')).toEqual([]);
    expect((await sent('2026-03-12')).map((n) => n.title)).toEqual([`政府信息公开申请 ${r.number} 还有 5 个工作日到答复期限`]);
    expect(await sent('2026-03-13')).toHaveLength(1);
    expect(await sent('2026-03-16')).toHaveLength(2);
    expect(await sent('2026-03-18')).toHaveLength(3);
    expect(await sent('2026-03-18')).toHaveLength(3);
    const last = await sent('2026-03-20');
    expect(last.map((n) => n.kind)).toEqual(['request.due', 'request.due', 'request.due', 'request.overdue']);
    expect(last[3]!.title).toContain('已逾期');
    // The overdue list of the office shows it.
    const overdue = (await office.get('/api/v1/requests?overdue=true&pageSize=200')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(r.id);
    // The whole sweep runs under its lock and can run twice.
    expect(await runRequestSweep(t.database.db, '2026-03-20')).toMatchObject({ reminders: expect.any(Number) });
  });
});

describe('letters', () => {
  it('generates the reply letter as DOCX and PDF for the applicant, and the consultation letter for the third party only', async () => {
    let { request: r } = await register();
    const early = await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'reply' });
    expect(early.statusCode).toBe(409);
    r = await ok(r, { event: 'start_consultation', pauseKind: 'third_party', party: '示范县某某种植合作社' });
    const letter = await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'consultation' });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(letter.json().documents.map((d: { forApplicant: boolean }) => d.forApplicant)).toEqual([false, false]);
    r = await ok(r, { event: 'end_consultation', consultationOutcome: 'agreed' });
    r = await ok(r, { event: 'reply', result: 'disclosed' });
    const reply = await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'reply' });
    expect(reply.statusCode, reply.body).toBe(201);
    const [docx, pdf] = reply.json().documents as { id: string; fileName: string; mime: string; forApplicant: boolean; kind: string }[];
    expect(docx).toMatchObject({ kind: 'reply_letter', forApplicant: true, mime: expect.stringContaining('wordprocessingml') });
    expect(pdf!.fileName).toMatch(/^YSQ-\d{4}-\d{5}-答复告知书\.pdf$/);
    const file = await handler.get(`/api/v1/requests/${r.id}/documents/${pdf!.id}`);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const word = await handler.get(`/api/v1/requests/${r.id}/documents/${docx!.id}`);
    expect(word.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'correction' })).statusCode).toBe(409);
    expect((await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'no-such-letter' })).json().error.details.field).toBe('kind');
  });

  it('lets the office edit a template, refusing unknown placeholders, and uses it', async () => {
    expect((await handler.get('/api/v1/request-templates')).statusCode).toBe(403);
    const all = (await office.get('/api/v1/request-templates')).json() as { placeholders: { name: string }[]; templates: { kind: string; title: string; body: string; version: number }[] };
    expect(all.placeholders.map((p) => p.name)).toContain('申请人');
    const t0 = all.templates.find((x) => x.kind === 'disclosed')!;
    const bad = await office.put('/api/v1/request-templates/disclosed', { title: t0.title, body: `${t0.body}\n{{不存在的占位符}}`, version: t0.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('不存在的占位符');
    const saved = await office.put('/api/v1/request-templates/disclosed', { title: t0.title, body: `${t0.body}\n本机关特别提示：示范县专用模板。`, version: t0.version });
    expect(saved.statusCode, saved.body).toBe(200);
    let { request: r } = await register();
    r = await ok(r, { event: 'reply', result: 'disclosed' });
    const docs = (await handler.post(`/api/v1/requests/${r.id}/letters`, { kind: 'reply' })).json().documents as { id: string }[];
    const word = await handler.get(`/api/v1/requests/${r.id}/documents/${docs[0]!.id}`);
    const bytes = new Uint8Array(word.rawPayload);
    const entry = listZip(bytes)!.entries.find((e) => e.name === 'word/document.xml')!;
    const xml = Buffer.from(readZipEntry(bytes, entry)!).toString('utf8');
    expect(xml).toContain('示范县专用模板');
    const reset = await office.delete('/api/v1/request-templates/disclosed');
    expect(reset.statusCode).toBe(200);
    expect(((await office.get('/api/v1/request-templates')).json().templates as { kind: string; body: string }[]).find((x) => x.kind === 'disclosed')!.body).not.toContain('示范县专用模板');
  });
});
