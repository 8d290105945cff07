// The platform around the API: schema invariants, OpenAPI, security headers, health, the portal shell
// chosen by host name, and the tenant's own calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const page = (host: string, url = '/') => t.app.inject({ method: 'GET', url, headers: { host, accept: 'text/html' } });

describe('schema', () => {
  it('gives every application table a tenant_id column', async () => {
    const { rows } = await t.database.pool.query<{ table_name: string; has: boolean }>(`
      SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant_id') AS has
        FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => !r.has).map((r) => r.table_name)).toEqual([]);
  });

  it('runs migrations again without change (idempotent start)', async () => {
    const { migrate } = await import('../../src/db/client.ts');
    const { rows: before } = await t.database.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    await migrate(t.database);
    const { rows: after } = await t.database.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('operations', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    t.app.draining = true;
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    t.app.draining = false;
  });

  it('sends security headers and a strict CSP without unsafe-inline', async () => {
    const res = await page('localhost');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
  });

  it('publishes an OpenAPI 3 document generated from the route schemas, and the docs page', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/units');
    const createUnit = doc.paths['/api/v1/units'].post;
    expect(createUnit.requestBody.content['application/json'].schema.required).toContain('name');
    expect(createUnit.description).toContain('调用权限');
    const docs = await t.app.inject({ url: '/api/docs/', headers: { accept: 'text/html' } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('limits the body size', async () => {
    const office = await loginAs(t.app, 'office');
    const res = await office.send({ method: 'POST', url: '/api/v1/calendar/entries', payload: JSON.stringify({ date: '2031-01-01', kind: 'OFF', name: 'x', note: 'y'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('过大');
  });
});

describe('portal shell', () => {
  it('serves the tenant chosen by the host name, with its name, navigation to 政府信息公开 and site information', async () => {
    const res = await page('localhost');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('示范县人民政府');
    expect(res.body).toMatch(/<a href="\/zfxxgk\/"[^>]*>政府信息公开<\/a>/);
    expect(res.body).toContain('跳到主要内容');
    expect(res.body).toContain('0000-12345678');
    const other = await page('duizhao.gongkai.localhost');
    expect(other.body).toContain('对照县人民政府');
    expect(other.body).not.toContain('示范县');
    const column = await page('localhost', '/zfxxgk/');
    expect(column.statusCode).toBe(200);
    for (const part of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报']) expect(column.body).toContain(part);
  });

  it('shows a plain "no such site" page for an unknown host on a multi-tenant install, never another tenant', async () => {
    const res = await page('unknown.example.org');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('未找到该网站');
    expect(res.body).not.toContain('示范县');
    expect(res.body).not.toContain('对照县');
  });

  it('escapes what it echoes: a host with markup is shown as text', async () => {
    const res = await page('<script>x</script>');
    expect(res.body).not.toContain('<script>x</script>');
  });

  it('falls back to the only tenant on a single-tenant install', async () => {
    const single = await createTestApp({ fixtures: false });
    try {
      const { seedDemo } = await import('../../src/modules/demo/seed.ts');
      await seedDemo(single.database.db, { production: false });
      const res = await single.app.inject({ method: 'GET', url: '/', headers: { host: 'www.some-other-name.gov.cn', accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('示范县人民政府');
    } finally {
      await single.close();
    }
  });

  it('answers a missing portal page with a 404 page in the tenant\'s frame', async () => {
    const res = await page('localhost', '/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('页面不存在');
    expect(res.body).toContain('示范县人民政府');
  });
});

describe('tenant calendar', () => {
  it('lets the office enter 2027 and the deadline arithmetic uses it, with the derivation', async () => {
    const office = await loginAs(t.app, 'office');
    const before = (await office.get('/api/v1/calendar/deadline?start=2027-09-29&days=5')).json();
    expect(before.warnings.join('')).toContain('2027');
    // An invented 2027 arrangement (the real one is not yet issued): 国庆 1–7 October off, 9 October at work.
    const entries = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'OFF', name: '国庆节' }));
    entries.push({ date: '2027-10-09', kind: 'WORK', name: '国庆节' });
    const put = await office.put('/api/v1/calendar/years/2027', { entries });
    expect(put.statusCode).toBe(200);
    expect(put.json().coveredYears).toContain(2027);
    const after = (await office.get('/api/v1/calendar/deadline?start=2027-09-29&days=5')).json();
    // 9-29 (Wed, not counted) → 9-30 Thu (1), 10-1…10-7 off, 10-8 Fri (2), 10-9 Sat make-up (3), 10-11 Mon (4), 10-12 Tue (5).
    expect(after.due).toBe('2027-10-12');
    expect(after.makeUpDays).toEqual(['2027-10-09']);
    expect(after.warnings).toEqual([]);
    expect(after.explanation).toContain('国庆节');
    // Another tenant's calendar is not affected.
    const other = await loginAs(t.app, 'other-office', 'duizhao');
    expect((await other.get('/api/v1/calendar/deadline?start=2027-09-29&days=5')).json().due).toBe('2027-10-06');
  });

  it('lets the office override a built-in day (a late change like 2020\'s) and undo it', async () => {
    const office = await loginAs(t.app, 'office');
    const cancel = await office.post('/api/v1/calendar/entries', { date: '2026-02-28', kind: 'OFF', name: '春节', note: '调休上班取消（演练）' });
    expect(cancel.json().overrides).toBe(true);
    expect((await office.get('/api/v1/calendar/days/2026-02-28')).json()).toMatchObject({ working: false, source: 'tenant' });
    expect((await office.delete(`/api/v1/calendar/entries/${cancel.json().id}`)).statusCode).toBe(200);
    expect((await office.get('/api/v1/calendar/days/2026-02-28')).json()).toMatchObject({ working: true, reason: 'makeup' });
  });

  it('refuses a year entry with a date of another year', async () => {
    const office = await loginAs(t.app, 'office');
    const r = await office.put('/api/v1/calendar/years/2028', { entries: [{ date: '2029-01-01', kind: 'OFF', name: '元旦' }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('不属于 2028 年');
  });
});

describe('portal accessibility toolbar and print view', () => {
  it('keeps large text and high contrast in a cookie, without JavaScript, and returns only to this site', async () => {
    const t2 = await createTestApp();
    try {
      const set = await t2.app.inject({ url: '/a11y/large?return=' + encodeURIComponent('/zfxxgk/'), headers: { host: 'localhost' } });
      expect(set.statusCode).toBe(303);
      expect(set.headers.location).toBe('/zfxxgk/');
      const cookie = String(set.headers['set-cookie']).split(';')[0]!;
      const both = await t2.app.inject({ url: '/a11y/contrast?return=/', headers: { host: 'localhost', cookie } });
      const cookie2 = String(both.headers['set-cookie']).split(';')[0]!;
      const page = await t2.app.inject({ url: '/zfxxgk/', headers: { host: 'localhost', cookie: cookie2 } });
      expect(page.body).toMatch(/<html lang="zh-CN" class="a11y-large a11y-contrast">/);
      expect(page.body).toContain('大字号<span class="a11y-state">（已开启）</span>');
      const off = await t2.app.inject({ url: '/a11y/reset?return=/', headers: { host: 'localhost', cookie: cookie2 } });
      expect(String(off.headers['set-cookie'])).toMatch(/^gk_a11y=;/);
      const evil = await t2.app.inject({ url: '/a11y/large?return=' + encodeURIComponent('//evil.example/'), headers: { host: 'localhost' } });
      expect(evil.headers.location).toBe('/');
      const record = (await t2.database.pool.query("SELECT id FROM records WHERE state = 'published' LIMIT 1")).rows[0].id;
      const print = await t2.app.inject({ url: `/zfxxgk/info/${record}?print=1`, headers: { host: 'localhost' } });
      expect(print.body).toContain('class="print-view"');
      expect(print.body).toContain('返回正常版');
    } finally {
      await t2.close();
    }
  });
});

describe('政府信息公开指南', () => {
  it('shows the office, its hours and phone and the update date; an edit is sanitised and re-dated', async () => {
    const t2 = await createTestApp();
    try {
      const page = await t2.app.inject({ url: '/zfxxgk/guide/', headers: { host: 'localhost' } });
      expect(page.statusCode).toBe(200);
      for (const text of ['政府信息公开工作机构', '办公时间', '0000-12345678', '更新日期：2026-03-20', '依申请公开']) expect(page.body).toContain(text);
      const office = await loginAs(t2.app, 'office');
      const tenant = (await office.get('/api/v1/tenant')).json();
      const res = await office.patch('/api/v1/tenant', { version: tenant.version, settings: { guide: { ...tenant.settings.guide, html: '<p>新的指南<script>alert(1)</script></p>', hours: '工作日 9:00—17:00' } } });
      expect(res.statusCode, res.body).toBe(200);
      const after = await t2.app.inject({ url: '/zfxxgk/guide/', headers: { host: 'localhost' } });
      expect(after.body).toContain('新的指南');
      expect(after.body).not.toContain('alert(1)');
      expect(after.body).toContain('工作日 9:00—17:00');
      expect(after.body).not.toContain('更新日期：2026-03-20');
      const editor = await loginAs(t2.app, 'editor');
      const denied = await editor.patch('/api/v1/tenant', { version: tenant.version + 1, settings: { guide: { html: 'x' } } });
      expect(denied.statusCode, denied.body).toBe(403);
    } finally {
      await t2.close();
    }
  });
});
