// 政策找人 and 政策问答 through HTTP and the portal: citizens and enterprises subscribe on the portal (with
// the challenge), confirm their address from the welcome e-mail caught by a local SMTP server, staff attach
// who a policy fits to a record and publish it through the workflow, and the sweep puts it into the inbox of
// exactly the subscribers it fits and sends each of those with a confirmed address exactly one e-mail,
// however often and however concurrently it runs, across an SMTP failure and a restart. Subscribers manage
// and cancel their subscription with their link; staff answer the questions the answerer could not.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyInbox, policyOutbox, policyQuestions, policySubscribers } from '../../src/modules/policy/schema.ts';
import { answerQuestion } from '../../src/modules/policy/service.ts';
import { runPolicySweep } from '../../src/modules/policy/sweep.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';
import { startSmtpCapture, type Captured, type SmtpCapture } from './policy-smtp.ts';

let t: TestApp;
let office: Agent;
let secrecy: Agent;
let smtp: SmtpCapture;
let tenantId: string;
let units: { id: string; code: string; name: string }[];
const unit = (code: string) => units.find((u) => u.code === code)!.id;
const DIGITS = '零一二三四五六七八九十';

type Form = Record<string, string | string[]>;
const encode = (form: Form) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
const get = (url: string, app = t.app) => app.inject({ url, headers: { host: 'localhost', accept: 'text/html' } });
const post = (url: string, form: Form, app = t.app) => app.inject({ method: 'POST', url, headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: encode(form) });

function solve(html: string): { challengeToken: string; challenge: string } {
  const token = /name="challengeToken" value="([^"]+)"/.exec(html)![1]!;
  const q = /请回答：(.)加(.)等于几？/.exec(html)!;
  return { challengeToken: token, challenge: String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!)) };
}

async function subscribeOnPortal(form: Form, app = t.app) {
  const page = await get('/zczr/', app);
  return post('/zczr/', { consent: 'yes', ...form, ...solve(page.body) }, app);
}

/** Subscribes and returns the management token shown once on the page. */
async function subscriber(email: string, form: Form): Promise<string> {
  const res = await subscribeOnPortal({ email, ...form });
  expect(res.statusCode, res.body.slice(0, 3000)).toBe(201);
  return decodeURIComponent(/\/zczr\/my\?t=([^"&<\s]+)/.exec(res.body)![1]!);
}

const sweep = () => runPolicySweep(t.database.db, { smtpUrl: smtp.url, log: { warn: () => {}, info: () => {} } });
const mailsTo = (address: string, kind?: 'policy' | 'welcome') => smtp.messages.filter((m) => m.to.includes(address) && (!kind || (kind === 'policy' ? m.subject.includes('新政策') : m.subject.includes('确认'))));
const linkIn = (m: Captured, path: string) => decodeURIComponent(new RegExp(`${path.replace('?', '\\?')}t=([A-Za-z0-9_%-]+)`).exec(m.text)![1]!);

async function confirmFromMail(address: string) {
  await sweep();
  const welcome = mailsTo(address, 'welcome').at(-1)!;
  const token = linkIn(welcome, '/zczr/confirm?');
  const page = await get(`/zczr/confirm?t=${encodeURIComponent(token)}`);
  expect(page.body).toContain('确认接收政策邮件');
  const done = await post('/zczr/confirm', { t: token });
  expect(done.statusCode).toBe(200);
  expect(done.body).toContain('邮箱已确认');
}

async function publish(recordId: string) {
  let r = (await office.get(`/api/v1/records/${recordId}`)).json() as { version: number };
  for (const [who, event] of [
    [office, 'submit'],
    [office, 'pass_review'],
    [secrecy, 'pass_confidentiality'],
    [office, 'publish'],
  ] as const) {
    const res = await who.post(`/api/v1/records/${recordId}/actions`, { event, version: r.version });
    expect(res.statusCode, `${event}: ${res.body}`).toBe(200);
    r = res.json();
  }
}

const BENEFIT = {
  version: 0,
  audiences: ['person', 'enterprise'],
  areas: [] as string[],
  groups: ['graduate'],
  industries: [],
  sizes: ['small', 'micro'],
  topics: ['employment', 'subsidy'],
  ageMin: null,
  ageMax: null,
  localHukouOnly: false,
  conditions: '毕业年度内的高校毕业生；招用高校毕业生的小微企业。',
  materials: ['身份证', '毕业证书'],
  process: '向县人力资源和社会保障局申请。',
  contact: '0000-12345601',
  startsOn: null,
  endsOn: '2099-12-31',
};

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpCapture();
  office = await loginAs(t.app, 'office');
  secrecy = await loginAs(t.app, 'secrecy');
  tenantId = (await getTenantByCode(t.database.db, 'shifan'))!.tenantId;
  units = (await office.get('/api/v1/units')).json();
});

afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('政策找人: a published policy reaches exactly the subscribers it fits, once', () => {
  const tokens: Record<string, string> = {};
  let recordId: string;

  it('subscribes citizens and enterprises on the portal, each getting a welcome e-mail to confirm', async () => {
    tokens.grad = await subscriber('grad@example.cn', { kind: 'person', area: unit('qsz'), groups: ['graduate'], interests: ['employment'] });
    tokens.gradHousing = await subscriber('housing@example.cn', { kind: 'person', area: unit('bsz'), groups: ['graduate'], interests: ['housing'] });
    tokens.veteran = await subscriber('veteran@example.cn', { kind: 'person', groups: ['veteran'] });
    tokens.small = await subscriber('small@example.cn', { kind: 'enterprise', size: 'small', industry: 'C', enterpriseGroups: ['startup'] });
    tokens.large = await subscriber('large@example.cn', { kind: 'enterprise', size: 'large', industry: 'C' });
    tokens.unconfirmed = await subscriber('unconfirmed@example.cn', { kind: 'person', groups: ['graduate', 'disabled'], birthYear: '2003' });
    tokens.leaver = await subscriber('leaver@example.cn', { kind: 'person', groups: ['graduate'] });
    for (const a of ['grad', 'housing', 'veteran', 'small', 'large', 'leaver']) await confirmFromMail(`${a}@example.cn`);
    expect(mailsTo('unconfirmed@example.cn', 'welcome')).toHaveLength(1);
    // The welcome e-mail is erased from the outbox once sent: it carried the links.
    const sent = await t.database.db.select().from(policyOutbox).where(and(eq(policyOutbox.tenantId, tenantId), eq(policyOutbox.kind, 'welcome')));
    expect(sent.every((m) => m.status === 'sent' && !m.body.includes('?t='))).toBe(true);
    // The token itself is never stored.
    const rows = await t.database.db.select({ tokenHash: policySubscribers.tokenHash }).from(policySubscribers).where(eq(policySubscribers.tenantId, tenantId));
    expect(rows.some((r) => r.tokenHash === tokens.grad)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('lets a subscriber cancel: the address and profile are erased and the link says so', async () => {
    const page = await get(`/zczr/my/cancel?t=${encodeURIComponent(tokens.leaver!)}`);
    expect(page.body).toContain('确认取消订阅');
    const res = await post('/zczr/my/cancel', { t: tokens.leaver! });
    expect(res.body).toContain('订阅已取消');
    const [row] = await t.database.db.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.email, 'leaver@example.cn')));
    expect(row).toBeUndefined();
    expect((await get(`/zczr/my?t=${encodeURIComponent(tokens.leaver!)}`)).body).toContain('订阅已取消');
    expect((await get('/zczr/my?t=not-a-token')).statusCode).toBe(404);
  });

  it('attaches who a draft policy fits; nothing is announced before publication', async () => {
    const r = await office.post('/api/v1/records', { unitId: unit('rsj'), title: '示范县2027年高校毕业生就业见习补贴通知', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>高校毕业生参加就业见习，按每人每月1800元给予见习补贴。</p>' });
    expect(r.statusCode).toBe(201);
    recordId = r.json().id;
    const put = await office.put(`/api/v1/policy/benefits/${recordId}`, { ...BENEFIT, unitId: unit('rsj') });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().targetText).toBe('个人（高校毕业生）、企业和个体工商户；全县范围；规模：小型企业、微型企业');
    const reach = (await office.get(`/api/v1/policy/benefits/${recordId}/reach`)).json();
    // grad, housing (not by interest: 住房保障 only), unconfirmed, small; by e-mail: grad, small.
    expect(reach).toMatchObject({ subscribers: 3, byEmail: 2 });
    const before = smtp.messages.length;
    expect((await sweep()).announced).toBe(0);
    expect(smtp.messages.length).toBe(before);
  });

  it('announces it after publication to exactly the matching subscribers, one e-mail each, however often the sweep runs', async () => {
    await publish(recordId);
    const runs = await Promise.all([sweep(), sweep(), sweep()]);
    expect(runs.reduce((n, r) => n + r.announced, 0)).toBe(1);
    await sweep();
    const inbox = await t.database.db
      .select({ email: policySubscribers.email })
      .from(policyInbox)
      .innerJoin(policySubscribers, and(eq(policySubscribers.tenantId, policyInbox.tenantId), eq(policySubscribers.id, policyInbox.subscriberId)))
      .where(and(eq(policyInbox.tenantId, tenantId), eq(policyInbox.recordId, recordId)));
    expect(inbox.map((r) => r.email).sort()).toEqual(['grad@example.cn', 'small@example.cn', 'unconfirmed@example.cn']);
    const policyMails = smtp.messages.filter((m) => m.subject.includes('示范县2027年高校毕业生就业见习补贴通知'));
    expect(policyMails.map((m) => m.to.join()).sort()).toEqual(['grad@example.cn', 'small@example.cn']);
    const mail = policyMails.find((m) => m.to.includes('grad@example.cn'))!;
    expect(mail.text).toContain(`/zfxxgk/info/${recordId}`);
    expect(mail.text).toContain('本政策适用于高校毕业生，您是高校毕业生');
    expect(mail.text).not.toContain('?t=');
    expect(mail.headers['list-unsubscribe']).toContain('/zczr/link');
  });

  it('shows the subscriber their inbox with why it fits, and every current policy that fits', async () => {
    const page = await get(`/zczr/my?t=${encodeURIComponent(tokens.grad!)}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('示范县2027年高校毕业生就业见习补贴通知');
    expect(page.body).toContain('【新】');
    expect(page.body).toContain('gr***@example.cn（已确认）');
    // The demo county's graduate policy, published before the subscription, is listed as fitting now.
    expect(page.body).toContain('示范县高校毕业生就业创业扶持办法');
    expect((await get(`/zczr/my?t=${encodeURIComponent(tokens.grad!)}`)).body).not.toContain('【新】');
    const guide = await get(`/zczr/zc/${recordId}`);
    expect(guide.body).toContain('申报指南');
    expect(guide.body).toContain('毕业证书');
  });

  it('tells newly fitting subscribers when who it fits is widened, and nobody twice', async () => {
    const current = (await office.get(`/api/v1/policy/benefits/${recordId}`)).json() as { version: number };
    const res = await office.put(`/api/v1/policy/benefits/${recordId}`, { ...BENEFIT, version: current.version, unitId: unit('rsj'), groups: ['graduate', 'veteran'] });
    expect(res.statusCode, res.body).toBe(200);
    await sweep();
    await sweep();
    const policyMails = smtp.messages.filter((m) => m.subject.includes('示范县2027年高校毕业生就业见习补贴通知'));
    expect(policyMails.map((m) => m.to.join()).sort()).toEqual(['grad@example.cn', 'small@example.cn', 'veteran@example.cn']);
    // Only a change of who it fits announces again: other edits do not.
    const again = (await office.get(`/api/v1/policy/benefits/${recordId}`)).json() as { version: number; notifiedAt: string };
    const edit = await office.put(`/api/v1/policy/benefits/${recordId}`, { ...BENEFIT, version: again.version, unitId: unit('rsj'), groups: ['graduate', 'veteran'], contact: '0000-99999999' });
    expect(edit.json().notifiedAt).toBe(again.notifiedAt);
  });

  it('keeps an e-mail through an SMTP failure and sends it once the server answers again', async () => {
    const r = await office.post('/api/v1/records', { unitId: unit('rsj'), title: '示范县退役军人职业技能培训补贴通知', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>退役军人参加培训免收培训费。</p>' });
    const id = r.json().id as string;
    expect((await office.put(`/api/v1/policy/benefits/${id}`, { ...BENEFIT, unitId: unit('tyjr'), audiences: ['person'], groups: ['veteran'], sizes: [] })).statusCode).toBe(200);
    await publish(id);
    smtp.failing = true;
    const failed = await sweep();
    expect(failed.failed).toBe(1);
    const [row] = await t.database.db.select().from(policyOutbox).where(and(eq(policyOutbox.tenantId, tenantId), eq(policyOutbox.recordId, id)));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toContain('451');
    smtp.failing = false;
    // Not before its retry time …
    expect((await sweep()).sent).toBe(0);
    // … and then once.
    const later = { smtpUrl: smtp.url, now: new Date(Date.now() + 5 * 60_000) };
    expect((await runPolicySweep(t.database.db, later)).sent).toBe(1);
    expect((await runPolicySweep(t.database.db, later)).sent).toBe(0);
    expect(smtp.messages.filter((m) => m.subject.includes('示范县退役军人职业技能培训补贴通知')).map((m) => m.to.join())).toEqual(['veteran@example.cn']);
  });

  it('keeps e-mails in the outbox and says so when no SMTP server is configured', async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const warnings: string[] = [];
    try {
      await subscriber('later@example.cn', { kind: 'person' });
      const r = await runPolicySweep(t.database.db, { log: { warn: (_o, msg) => warnings.push(msg) } });
      expect(r.sent).toBe(0);
      expect(r.pending).toBeGreaterThan(0);
      expect(warnings.join()).toContain('no SMTP server is configured');
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
    // The next sweep with a server sends it.
    await sweep();
    expect(mailsTo('later@example.cn', 'welcome')).toHaveLength(1);
  });

  it('changes a profile and address: the new address is confirmed before any policy goes to it', async () => {
    const page = await get(`/zczr/my/edit?t=${encodeURIComponent(tokens.small!)}`);
    expect(page.body).toContain('value="small@example.cn"');
    const res = await post('/zczr/my/edit', { t: tokens.small!, kind: 'enterprise', size: 'micro', industry: 'H', email: 'new-small@example.cn' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('saved=1');
    const [row] = await t.database.db.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.email, 'new-small@example.cn')));
    expect(row).toMatchObject({ size: 'micro', industry: 'H', emailConfirmedAt: null });
    await sweep();
    expect(mailsTo('new-small@example.cn', 'welcome')).toHaveLength(1);
  });

  it('sends a lost management link again to the address only, invalidating the old one', async () => {
    const form = await get('/zczr/link');
    const res = await post('/zczr/link', { email: 'grad@example.cn', ...solve(form.body) });
    expect(res.body).toContain('请查收邮件');
    // An unknown address gets the very same answer.
    const form2 = await get('/zczr/link');
    expect((await post('/zczr/link', { email: 'nobody@example.cn', ...solve(form2.body) })).body).toContain('请查收邮件');
    await sweep();
    const mail = smtp.messages.filter((m) => m.to.includes('grad@example.cn') && m.subject.includes('管理链接'));
    expect(mail).toHaveLength(1);
    const fresh = linkIn(mail[0]!, '/zczr/my?');
    expect((await get(`/zczr/my?t=${encodeURIComponent(fresh)}`)).statusCode).toBe(200);
    expect((await get(`/zczr/my?t=${encodeURIComponent(tokens.grad!)}`)).statusCode).toBe(404);
    // Asked again at once: no second mail (no mail-bombing through the form).
    const form3 = await get('/zczr/link');
    await post('/zczr/link', { email: 'grad@example.cn', ...solve(form3.body) });
    await sweep();
    expect(smtp.messages.filter((m) => m.to.includes('grad@example.cn') && m.subject.includes('管理链接'))).toHaveLength(1);
    expect(smtp.messages.some((m) => m.to.includes('nobody@example.cn'))).toBe(false);
  });

  it('gives staff figures without personal data', async () => {
    const s = (await office.get('/api/v1/policy/subscribers/summary')).json();
    expect(s.active).toBeGreaterThanOrEqual(6);
    expect(s.cancelled).toBe(1);
    expect(JSON.stringify(s)).not.toContain('@example.cn');
    const o = (await office.get('/api/v1/policy/outbox/summary')).json();
    expect(o.sent).toBeGreaterThan(5);
    const list = (await office.get('/api/v1/policy/benefits')).json() as { recordId: string; notifiedCount: number }[];
    expect(list.find((b) => b.recordId === recordId)?.notifiedCount).toBe(4);
  });
});

describe('政策找人: bad input on the portal', () => {
  it('names every wrong field in Chinese, keeps what was typed, and saves nothing', async () => {
    const count = async () => (await t.database.db.select().from(policySubscribers)).length + (await t.database.db.select().from(policyOutbox)).length;
    const before = await count();
    const page = await get('/zczr/');
    const res = await post('/zczr/', { kind: 'person', birthYear: '85年', email: '<script>alert(1)</script>', area: 'nowhere', ...solve(page.body) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('提交的内容有问题');
    expect(res.body).toContain('出生年份请填写四位数字');
    expect(res.body).toContain('请从列表中选择所在的乡镇（街道）');
    expect(res.body).toContain('请阅读并勾选同意');
    expect(res.body).toContain('href="#f-birthYear"');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
    const bad = await subscribeOnPortal({ kind: 'person', email: 'a@<b>.cn' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('电子邮箱格式不正确');
    const noKind = await subscribeOnPortal({ email: 'x@example.cn' });
    expect(noKind.body).toContain('请选择您是个人还是企业');
    const wrongChallenge = await post('/zczr/', { kind: 'person', email: 'x@example.cn', consent: 'yes', challengeToken: solve(page.body).challengeToken, challenge: '99' });
    expect(wrongChallenge.body).toContain('验证问题回答不正确');
    const honeypot = await post('/zczr/', { kind: 'person', email: 'x@example.cn', consent: 'yes', website: 'http://spam', ...solve(page.body) });
    expect(honeypot.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('refuses a flood of subscriptions from one address', async () => {
    const limited = await createTestApp({ env: { REQUEST_FORM_RATE_LIMIT: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await subscribeOnPortal({ kind: 'person', email: `flood${i}@example.cn` }, limited.app)).statusCode);
      expect(statuses).toEqual([201, 201, 429]);
      const blocked = await subscribeOnPortal({ kind: 'person', email: 'flood9@example.cn' }, limited.app);
      expect(blocked.body).toContain('请求过于频繁');
      const page = await get(`/zcwd/?q=${encodeURIComponent('夜市摊位费')}`, limited.app);
      const asks = [];
      for (let i = 0; i < 3; i++) asks.push((await post('/zcwd/ask', { question: `洪水问题第${i}个：高龄津贴怎么领`, ...solve(page.body) }, limited.app)).statusCode);
      expect(asks[2]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('政策问答: the queue and the bank', () => {
  it('sends an unanswered question to the queue as plain text, once', async () => {
    const q = '<b>我</b>是个体户，电话13812345678，想问夜市摊位费有没有减免？<script>alert(1)</script>';
    const page = await get(`/zcwd/?q=${encodeURIComponent(q)}`);
    expect(page.body).toContain('没有找到答案');
    expect(page.body).not.toContain('<script>alert(1)');
    const sent = await post('/zcwd/ask', { question: q, ...solve(page.body) });
    expect(sent.statusCode).toBe(201);
    expect(sent.body).toContain('问题已提交');
    const again = await get('/zcwd/?q=x');
    await post('/zcwd/ask', { question: q, ...solve(again.body) });
    const queued = (await office.get('/api/v1/policy/questions?state=open')).json() as { question: string; maskedQuestion: string }[];
    const mine = queued.filter((x) => x.question.includes('夜市摊位费'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.question).toBe('我是个体户，电话13812345678，想问夜市摊位费有没有减免？');
    expect(mine[0]!.maskedQuestion).toContain('138****5678');
    const tooShort = await post('/zcwd/ask', { question: '？', ...solve(again.body) });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('问题太短');
  });

  it('answers it into the bank with its personal data masked; the answerer then finds it', async () => {
    const [q] = ((await office.get('/api/v1/policy/questions?state=open')).json() as { id: string; version: number; question: string }[]).filter((x) => x.question.includes('夜市摊位费'));
    const rec = (await office.get('/api/v1/records?pageSize=200')).json() as { items: { id: string; title: string }[] };
    const source = rec.items.find((r) => r.title === '示范县促进住宿餐饮业恢复发展若干措施')!;
    const noSource = await office.post(`/api/v1/policy/questions/${q!.id}/answer`, { version: q!.version, answer: '夜市摊位费按规定减免。', recordIds: [] });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.message).toMatch(/依据的政策文件|至少/);
    const stale = await office.post(`/api/v1/policy/questions/${q!.id}/answer`, { version: q!.version + 5, answer: '夜市摊位费按规定减免。', recordIds: [source.id] });
    expect(stale.statusCode).toBe(409);
    const res = await office.post(`/api/v1/policy/questions/${q!.id}/answer`, { version: q!.version, answer: '个体餐饮摊点可以参加“示范美食季”消费券核销，夜市摊位费减免请咨询县商务局商贸股。', recordIds: [source.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entry.question).toContain('138****5678');
    expect((await office.post(`/api/v1/policy/questions/${q!.id}/dismiss`, { version: res.json().question.version, note: '重复' })).statusCode).toBe(409);
    const found = await answerQuestion(t.database.db, tenantId, '夜市摊位费能减免吗');
    expect(found.answers[0]?.kind).toBe('qa');
    expect(found.answers[0]?.sources.map((s) => s.id)).toEqual([source.id]);
    const portal = await get(`/zcwd/?q=${encodeURIComponent('夜市摊位费能减免吗')}`);
    expect(portal.body).toContain(`href="/zfxxgk/info/${source.id}"`);
    expect(portal.body).not.toContain('13812345678');
  });

  it('keeps the bank: create, refuse bad or stale edits, retire an entry from the portal', async () => {
    const rec = (await office.get('/api/v1/records?pageSize=200')).json() as { items: { id: string; title: string }[] };
    const source = rec.items.find((r) => r.title === '示范县高龄津贴发放管理办法')!;
    const created = await office.post('/api/v1/policy/qa', { question: '<i>高龄津贴</i>能补发吗？', answer: '从审批通过的次月起发放，不补发以前月份。', recordIds: [source.id] });
    expect(created.statusCode, created.body).toBe(201);
    const e = created.json() as { id: string; version: number; question: string; unitName: string };
    expect(e.question).toBe('高龄津贴能补发吗？');
    expect(e.unitName).toBe('示范县民政局');
    expect((await office.post('/api/v1/policy/qa', { question: '问题问题', answer: '答复答复', recordIds: ['00000000-0000-4000-8000-000000000000'] })).json().error.message).toBe('关联的政策文件不存在');
    expect((await office.patch(`/api/v1/policy/qa/${e.id}`, { version: 99, answer: '改为每月十五日发放。' })).statusCode).toBe(409);
    const retired = await office.patch(`/api/v1/policy/qa/${e.id}`, { version: e.version, published: false });
    expect(retired.json().published).toBe(false);
    const found = await answerQuestion(t.database.db, tenantId, '高龄津贴能补发吗');
    expect(found.answers.some((a) => a.kind === 'qa' && a.title === '高龄津贴能补发吗？')).toBe(false);
    const listed = (await office.get(`/api/v1/policy/qa?q=${encodeURIComponent('补发')}`)).json() as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('refuses metadata that could reach nobody, naming the field, and saves nothing', async () => {
    const rec = (await office.get('/api/v1/records?pageSize=200')).json() as { items: { id: string; title: string }[] };
    const id = rec.items.find((r) => r.title === '示范县突发地质灾害应急预案')!.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ groups: ['high_tech'], audiences: ['person'], sizes: [] }, '不适用于个人'],
      [{ audiences: ['person'], sizes: ['small'] }, '行业和企业规模只能用于面向企业的政策'],
      [{ ageMin: 60, ageMax: 18, audiences: ['person'], sizes: [] }, '年龄上限不能小于年龄下限'],
      [{ areas: [unit('czj')] }, '不是本县的乡镇（街道）'],
      [{ startsOn: '2027-02-01', endsOn: '2027-01-01' }, '截止日期不能早于开始日期'],
    ];
    for (const [patch, message] of cases) {
      const res = await office.put(`/api/v1/policy/benefits/${id}`, { ...BENEFIT, unitId: unit('yjj'), ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect((await office.get(`/api/v1/policy/benefits/${id}`)).statusCode).toBe(404);
    const queued = await t.database.db.select().from(policyQuestions).where(eq(policyQuestions.tenantId, tenantId));
    expect(queued.every((q) => !q.question.includes('<'))).toBe(true);
  });
});
