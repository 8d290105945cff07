// The portal's page cache: ETag and Last-Modified, 304 on a matching If-None-Match, and a change visible at
// once: after a write through the API in this process, and after another process announces one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: 'localhost', ...headers } });

describe('portal cache', () => {
  it('answers with an ETag and Last-Modified, and 304 when the page has not changed', async () => {
    const first = await get('/');
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await get('/');
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body);
    const notModified = await get('/', { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // The accessibility choice is part of the page: another cookie, another page.
    const large = await get('/', { cookie: 'gk_a11y=large' });
    expect(large.headers.etag).not.toBe(etag);
    expect(large.body).toContain('a11y-large');
  });

  it('serves a hit with the same security headers as the first answer, no cookie and no nonce', async () => {
    const url = '/zfxxgk/gfxwj/?validity=all';
    const first = await get(url);
    const before = t.app.pageCache.hits;
    const hit = await get(url, { cookie: 'gk_sid=not-a-session; gk_a11y=' });
    expect(t.app.pageCache.hits).toBe(before + 1);
    expect(hit.body).toBe(first.body);
    for (const h of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'etag', 'last-modified', 'cache-control']) {
      expect(hit.headers[h], h).toBeTruthy();
      if (h !== 'content-security-policy') expect(hit.headers[h], h).toBe(first.headers[h]);
    }
    expect(String(hit.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(hit.headers['content-security-policy'])).not.toContain('nonce-');
    // A dead session cookie does not matter to a public page, and nothing is set on a hit.
    expect(hit.headers['set-cookie']).toBeUndefined();
    expect(hit.statusCode).toBe(200);
  });

  it('never keeps the console page: each answer has its own CSP nonce, in the header and the page', async () => {
    const before = t.app.pageCache.hits;
    const answers = [await get('/admin/'), await get('/admin/units')];
    expect(t.app.pageCache.hits).toBe(before);
    for (const res of answers) {
      expect(res.headers['cache-control']).toBe('no-store');
      // Without a console build the page says so (503); with one, its nonce is the header's.
      if (res.statusCode === 200) {
        const nonce = /name="csp-nonce" content="([0-9a-f]+)"/.exec(res.body)?.[1];
        expect(String(res.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
      }
    }
    expect(answers[0]!.headers['content-security-policy']).not.toBe(answers[1]!.headers['content-security-policy']);
  });

  it('renders a page once when many visitors ask for it at the same moment', async () => {
    const url = '/zfxxgk/years/2026/?page=1';
    const before = { misses: t.app.pageCache.misses, coalesced: t.app.pageCache.coalesced };
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(url)));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(t.app.pageCache.misses - before.misses).toBe(10);
    expect(t.app.pageCache.coalesced - before.coalesced).toBe(9);
    // A page that is not stored (a 404) lets its waiters go, and each gets its own answer.
    const missing = await Promise.all(Array.from({ length: 3 }, () => get('/zfxxgk/units/no-such-unit/')));
    expect(missing.map((a) => a.statusCode)).toEqual([404, 404, 404]);
  });

  it('shows a publication at once, and a change announced by another server process', async () => {
    const before = await get('/');
    const office = await loginAs(t.app, 'office');
    const units = (await office.get('/api/v1/units')).json() as { id: string; code: string }[];
    let r = (await office.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '缓存测试：刚发布的通知', genre: 'notice', attribute: 'proactive' })).json();
    const secrecy = await loginAs(t.app, 'secrecy');
    for (const [who, event] of [
      [office, 'submit'],
      [office, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
      [office, 'publish'],
    ] as const)
      r = (await who.post(`/api/v1/records/${r.id}/actions`, { event, version: r.version })).json();
    expect(r.state).toBe('published');
    const after = await get('/', { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('缓存测试：刚发布的通知');

    // Another process changed the database and announced it: this process hears it and drops its pages.
    await get(`/zfxxgk/info/${r.id}`);
    await t.database.pool.query("UPDATE records SET title = '缓存测试：另一进程改过的标题' WHERE id = $1", [r.id]);
    const stale = await get(`/zfxxgk/info/${r.id}`);
    expect(stale.body).toContain('缓存测试：刚发布的通知');
    const tenantId = (await office.get('/api/v1/auth/session')).json().tenant.tenantId;
    await t.database.pool.query("SELECT pg_notify('gongkai_portal', $1)", [tenantId]);
    let fresh = '';
    for (let i = 0; i < 50 && !fresh.includes('另一进程改过的标题'); i++) {
      await new Promise((res) => setTimeout(res, 20));
      fresh = (await get(`/zfxxgk/info/${r.id}`)).body;
    }
    expect(fresh).toContain('缓存测试：另一进程改过的标题');
    expect(t.app.pageCache.hits).toBeGreaterThan(0);
  });
});
