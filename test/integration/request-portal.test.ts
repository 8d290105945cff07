// The citizen's side of 依申请公开 on the portal: the form (with its challenge, honeypot and rate limit),
// the acknowledgement with number and query code, the applicant's page (status, due date, letters), the
// download of a letter, withdrawal; and that nothing of the applicant appears on a public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';
import { makePdf } from '../../src/core/files/fixtures.testing.ts';

let t: TestApp;
let handler: Agent;
let rootId: string;
const DIGITS = '零一二三四五六七八九十';

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: 'localhost', accept: 'text/html', ...headers } });
const postForm = (url: string, form: Record<string, string>, headers: Record<string, string> = {}, app = t.app) =>
  app.inject({ method: 'POST', url, headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(form).toString() });

/** Reads the challenge off a form page and answers it as a person would. */
function solve(html: string): { challengeToken: string; challenge: string } {
  const token = /name="challengeToken" value="([^"]+)"/.exec(html)![1]!;
  const q = /请回答：(.)加(.)等于几？/.exec(html)!;
  return { challengeToken: token, challenge: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)) };
}

const PERSON = { type: 'person', name: '孙小美', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13900139000', address: '示范县青山镇石桥村5组', description: '请公开青山镇2026年耕地地力保护补贴发放到石桥村的明细', infoForm: 'electronic', delivery: 'online' };

async function apply(form: Record<string, string>, headers: Record<string, string> = {}, app = t.app) {
  const page = await app.inject({ url: `/zfxxgk/ysqgk/apply?type=${form.type === 'org' ? 'org' : 'person'}`, headers: { host: 'localhost' } });
  return postForm('/zfxxgk/ysqgk/apply', { unitId: rootId, ...form, ...solve(page.body) }, headers, app);
}

function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

beforeAll(async () => {
  t = await createTestApp();
  handler = await loginAs(t.app, 'handler');
  rootId = ((await handler.get('/api/v1/units')).json() as { id: string; parentId: string | null }[]).find((u) => !u.parentId)!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('applying on the portal', () => {
  it('explains how to apply and offers the two forms, never from the page cache', async () => {
    const intro = await get('/zfxxgk/ysqgk/');
    expect(intro.statusCode).toBe(200);
    expect(intro.body).toContain('第二十九条');
    expect(intro.body).toContain('/zfxxgk/ysqgk/apply?type=org');
    const a = await get('/zfxxgk/ysqgk/apply');
    const b = await get('/zfxxgk/ysqgk/apply');
    expect(a.headers['cache-control']).toBe('no-store');
    expect(solve(a.body).challengeToken).not.toBe(solve(b.body).challengeToken);
    expect(a.body).toContain('示范县发展和改革局');
  });

  it('refuses a wrong answer, a filled honeypot and a bad ID number, keeping what was typed', async () => {
    const page = await get('/zfxxgk/ysqgk/apply');
    const wrong = await postForm('/zfxxgk/ysqgk/apply', { unitId: rootId, ...PERSON, challengeToken: solve(page.body).challengeToken, challenge: '99' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证问题回答不正确');
    expect(wrong.body).toContain('value="孙小美"');
    const bot = await apply({ ...PERSON, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    const bad = await apply({ ...PERSON, idNumber: '110105194912310021' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-idNumber"');
    expect(bad.body).toMatch(/id="f-idNumber"[^>]*aria-invalid="true"/);
    expect(bad.body).toContain('请公开青山镇2026年耕地地力保护补贴发放到石桥村的明细</textarea>');
    const short = await apply({ ...PERSON, description: '文件' });
    expect(short.body).toContain('href="#f-description"');
    const { rows } = await t.database.pool.query("SELECT count(*)::int AS n FROM disclosure_requests WHERE applicant_name = '孙小美'");
    expect(rows[0].n).toBe(0);
  });

  it('files a request and shows its number and query code; staff then see it waiting for registration', async () => {
    const res = await apply(PERSON);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const number = /<strong class="code">(YSQ-\d{4}-\d{5})<\/strong>/.exec(res.body)![1]!;
    const code = /查询码：<strong class="code">([A-Z2-9]{8})<\/strong>/.exec(res.body)![1]!;
    expect(res.body).not.toContain('11010519491231002X');
    const list = (await handler.get('/api/v1/requests?state=submitted')).json() as { items: { number: string; channel: string }[] };
    expect(list.items.find((i) => i.number === number)).toMatchObject({ channel: 'online' });
    // The organisation's form has its own fields.
    const org = await apply({ type: 'org', applicantType: 'legal_service', name: '示范县某某律师事务所', idType: 'credit_code', idNumber: '919999000012345T0R', contactPerson: '钱律师', email: 'lawyer@example.com', description: '请公开示范县2026年政府购买法律服务项目的合同', infoForm: 'paper', delivery: 'email' });
    expect(org.statusCode, org.body.slice(0, 400)).toBe(201);
    (globalThis as Record<string, unknown>).__filed = { number, code };
  });
});

describe("the applicant's page", () => {
  let number: string;
  let code: string;
  beforeAll(() => {
    ({ number, code } = (globalThis as Record<string, unknown>).__filed as { number: string; code: string });
  });

  it('opens only with the right number and code, and says nothing of which was wrong', async () => {
    const bad = await postForm('/zfxxgk/ysqgk/query', { number, code: 'AAAAAAAA' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('申请编号或查询码不正确');
    expect((await get('/zfxxgk/ysqgk/status')).statusCode).toBe(303);
    const good = await postForm('/zfxxgk/ysqgk/query', { number: number.toLowerCase(), code: code.toLowerCase() });
    expect(good.statusCode).toBe(303);
    const page = await get('/zfxxgk/ysqgk/status', { cookie: cookieOf(good) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`申请 ${number}`);
    expect(page.body).toContain('待登记');
    // The applicant's own details are not shown back on a web page.
    for (const s of ['11010519491231002X', '13900139000', '石桥村5组']) expect(page.body).not.toContain(s);
  });

  it('shows the due date after registration, the reply letter after the reply, and lets it be downloaded', async () => {
    const list = (await handler.get(`/api/v1/requests?q=${number}`)).json() as { items: { id: string; version: number }[] };
    let r = list.items[0]!;
    r = (await handler.post(`/api/v1/requests/${r.id}/actions`, { event: 'register', version: r.version })).json();
    const login = await postForm('/zfxxgk/ysqgk/query', { number, code });
    const cookie = cookieOf(login);
    let page = await get('/zfxxgk/ysqgk/status', { cookie });
    expect(page.body).toContain('答复期限');
    expect(page.body).toContain('第三十三条');
    r = (await handler.post(`/api/v1/requests/${r.id}/actions`, { event: 'reply', result: 'disclosed', version: r.version })).json();
    const boundary = '----x';
    const pdf = await makePdf();
    const upload = await handler.send({
      method: 'POST',
      url: `/api/v1/requests/${r.id}/documents?kind=reply_letter`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="答复告知书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from(pdf), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const incoming = await handler.send({
      method: 'POST',
      url: `/api/v1/requests/${r.id}/documents?kind=incoming`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from(pdf), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    page = await get('/zfxxgk/ysqgk/status', { cookie });
    expect(page.body).toContain('予以公开');
    expect(page.body).toContain('答复告知书.pdf');
    expect(page.body).not.toContain('申请书.pdf');
    const file = await get(`/zfxxgk/ysqgk/files/${upload.json().id}`, { cookie });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // Not without the cookie, and not a document that is not for the applicant.
    expect((await get(`/zfxxgk/ysqgk/files/${upload.json().id}`)).statusCode).toBe(303);
    expect((await get(`/zfxxgk/ysqgk/files/${incoming.json().id}`, { cookie })).statusCode).toBe(404);
  });

  it('withdraws a request that is still open, only with the code', async () => {
    const res = await apply({ ...PERSON, description: '请公开示范县2026年农村饮水安全工程的建设计划和进度' });
    const n = /<strong class="code">(YSQ-\d{4}-\d{5})<\/strong>/.exec(res.body)![1]!;
    const c = /查询码：<strong class="code">([A-Z2-9]{8})<\/strong>/.exec(res.body)![1]!;
    const cookie = cookieOf(await postForm('/zfxxgk/ysqgk/query', { number: n, code: c }));
    const wrong = await postForm('/zfxxgk/ysqgk/withdraw', { code: 'ZZZZZZZZ' }, { cookie });
    expect(wrong.statusCode).toBe(400);
    const ok = await postForm('/zfxxgk/ysqgk/withdraw', { code: c, reason: '已从别处获得' }, { cookie });
    expect(ok.statusCode).toBe(303);
    const page = await get('/zfxxgk/ysqgk/status', { cookie });
    expect(page.body).toContain('已撤回');
    expect(page.body).not.toContain('撤回申请</h2>');
    const { rows } = await t.database.pool.query('SELECT state, result, result_on::text FROM disclosure_requests WHERE number = $1', [n]);
    expect(rows[0]).toEqual({ state: 'withdrawn', result: 'other.other', result_on: todayLocal() });
  });
});

describe('a flood of submissions', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { REQUEST_FORM_RATE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('is refused from one address while another applicant goes on', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const flood: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await limited.app.inject({ url: '/zfxxgk/ysqgk/apply', headers: { host: 'localhost' }, remoteAddress: '10.0.0.1' });
      const res = await limited.app.inject({
        method: 'POST',
        url: '/zfxxgk/ysqgk/apply',
        remoteAddress: '10.0.0.1',
        headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded', ...from('10.0.0.1') },
        payload: new URLSearchParams({ ...PERSON, ...solve(page.body), description: `请公开示范县某项目的第${i + 1}期建设资金明细` }).toString(),
      });
      flood.push(res.statusCode);
      if (res.statusCode === 429) expect(res.body).toContain('请求过于频繁');
    }
    expect(flood).toEqual([201, 201, 201, 429, 429]);
    const page = await limited.app.inject({ url: '/zfxxgk/ysqgk/apply', headers: { host: 'localhost' }, remoteAddress: '10.0.0.2' });
    const other = await limited.app.inject({
      method: 'POST',
      url: '/zfxxgk/ysqgk/apply',
      remoteAddress: '10.0.0.2',
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...PERSON, name: '周大伟', ...solve(page.body), description: '请公开示范县2026年老旧小区改造项目清单' }).toString(),
    });
    expect(other.statusCode).toBe(201);
  });
});
