// The portal's page cache: ETag and Last-Modified, 304 on a matching If-None-Match, and a change visible at
// once: after a write through the API in this process, and after another process announces one.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpTenant } from '../../src/portal/cache.ts';
import { clearHostCache } from '../../src/http/access.ts';
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

// The front path answers from the listening server's request event, before Fastify: inject() never reaches
// it, so these tests go through a real socket.
describe('portal cache: the front path', () => {
  let port = 0;
  let recordId = '';
  let tenantId = '';
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    recordId = (await get('/api/v1/public/records')).json().items[0].id;
    tenantId = (await t.database.pool.query<{ tenant_id: string }>('SELECT tenant_id FROM records WHERE id = $1', [recordId])).rows[0]!.tenant_id;
  });

  interface Answer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
  }
  // fetch() would not let a test choose the Host header.
  const send = (method: string, url: string, headers: Record<string, string> = {}, agent: http.Agent | false = false) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: { host: 'localhost', ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  /** The answer, and whether the front path gave it. */
  const fetchPage = async (url: string, headers: Record<string, string> = {}, method = 'GET') => {
    const before = t.app.pageCache.frontHits;
    const res = await send(method, url, headers);
    return { ...res, front: t.app.pageCache.frontHits - before === 1 };
  };

  it('serves the second visit of a record page itself, with the same answer and headers as the first', async () => {
    const url = `/zfxxgk/info/${recordId}?t=front-1`;
    const first = await fetchPage(url);
    expect(first.status).toBe(200);
    expect(first.front).toBe(false);
    const hits = t.app.pageCache.hits;
    const again = await fetchPage(url, { cookie: 'gk_sid=not-a-session' });
    expect(again.front).toBe(true);
    // Front hits are hits too.
    expect(t.app.pageCache.hits).toBe(hits + 1);
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    for (const h of ['content-type', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'etag', 'last-modified', 'cache-control']) {
      expect(again.headers[h], h).toBeTruthy();
      expect(again.headers[h], h).toBe(first.headers[h]);
    }
    expect(again.headers['content-security-policy']).toContain("script-src 'self'");
    expect(again.headers['content-security-policy']).not.toContain('nonce-');
    expect(Number(again.headers['content-length'])).toBe(Buffer.byteLength(first.body));
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['x-request-id']).toBeUndefined();
    // The server keeps connections as Fastify's own would.
    const agent = new http.Agent({ keepAlive: true });
    try {
      const kept = await send('GET', url, {}, agent);
      expect(kept.headers['keep-alive']).toBe('timeout=72');
    } finally {
      agent.destroy();
    }
  });

  it('stops serving a page once its tenant has moved on, or while its host is not known to be the same', async () => {
    const url = `/zfxxgk/info/${recordId}?t=front-2`;
    await fetchPage(url);
    expect((await fetchPage(url)).front).toBe(true);
    const title = (await t.database.pool.query<{ title: string }>('SELECT title FROM records WHERE id = $1', [recordId])).rows[0]!.title;
    await t.database.pool.query('UPDATE records SET title = $2 WHERE id = $1', [recordId, '前置缓存测试：改过的标题']);
    try {
      bumpTenant(tenantId);
      const changed = await fetchPage(url);
      expect(changed.front).toBe(false);
      expect(changed.body).toContain('前置缓存测试：改过的标题');
      // The new page is the one served from now on.
      const next = await fetchPage(url);
      expect(next.front).toBe(true);
      expect(next.body).toContain('前置缓存测试：改过的标题');
      // A host the host cache no longer vouches for goes to Fastify, which looks it up again.
      clearHostCache();
      expect((await fetchPage(url)).front).toBe(false);
      expect((await fetchPage(url)).front).toBe(true);
    } finally {
      await t.database.pool.query('UPDATE records SET title = $2 WHERE id = $1', [recordId, title]);
      bumpTenant(tenantId);
    }
    // A staff write through the API moves the tenant on too.
    expect((await fetchPage(url)).front).toBe(false);
    expect((await fetchPage(url)).front).toBe(true);
    const office = await loginAs(t.app, 'office');
    const units = (await office.get('/api/v1/units')).json() as { id: string; code: string }[];
    const draft = await office.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '前置缓存测试：草稿', genre: 'notice', attribute: 'proactive' });
    expect(draft.statusCode).toBeLessThan(300);
    expect((await fetchPage(url)).front).toBe(false);
  });

  it('replays the open API\'s headers, its open origin among them', async () => {
    const url = '/api/v1/public/records?pageSize=3&t=front-api';
    const first = await fetchPage(url);
    const again = await fetchPage(url);
    expect(again.front).toBe(true);
    expect(again.body).toBe(first.body);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  it("never answers one government's host with another's page for the same address", async () => {
    const url = '/?t=front-3';
    const shifan = { host: 'localhost' };
    const duizhao = { host: 'duizhao.gongkai.localhost' };
    for (let round = 0; round < 2; round++) {
      const a = await fetchPage(url, shifan);
      const b = await fetchPage(url, duizhao);
      expect(a.front).toBe(round === 1);
      expect(b.front).toBe(round === 1);
      expect(a.body).toContain('示范县');
      expect(a.body).not.toContain('对照县');
      expect(b.body).toContain('对照县');
      expect(b.body).not.toContain('示范县');
      expect(a.headers.etag).not.toBe(b.headers.etag);
    }
    // Forwarded headers are part of the key whether trusted or not (here they are not): the host's own page.
    for (let round = 0; round < 2; round++) {
      const forwarded = await fetchPage(url, { ...shifan, 'x-forwarded-host': duizhao.host, 'x-forwarded-proto': 'https' });
      expect(forwarded.front).toBe(round === 1);
      expect(forwarded.body).toContain('示范县');
      expect(forwarded.body).not.toContain('对照县');
    }
  });

  it('keeps a page per accessibility choice, and answers a matching If-None-Match with 304', async () => {
    const url = `/zfxxgk/info/${recordId}?t=front-4`;
    const plain = await fetchPage(url);
    const large = await fetchPage(url, { cookie: 'gk_a11y=large' });
    expect(large.front).toBe(false);
    expect(large.body).toContain('a11y-large');
    expect(large.headers.etag).not.toBe(plain.headers.etag);
    const plainAgain = await fetchPage(url);
    const largeAgain = await fetchPage(url, { cookie: 'gk_sid=x; gk_a11y=large' });
    expect([plainAgain.front, largeAgain.front]).toEqual([true, true]);
    expect(plainAgain.body).toBe(plain.body);
    expect(plainAgain.body).not.toContain('a11y-large');
    expect(largeAgain.body).toBe(large.body);

    const notModified = await fetchPage(url, { 'if-none-match': String(plain.headers.etag) });
    expect(notModified.front).toBe(true);
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(plain.headers.etag);
    expect(notModified.headers['x-content-type-options']).toBe('nosniff');
    expect(notModified.headers['content-length']).toBeUndefined();
    // Another page's tag is no match.
    const other = await fetchPage(url, { 'if-none-match': String(large.headers.etag) });
    expect(other.status).toBe(200);
    expect(other.body).toBe(plain.body);
  });

  it('leaves HEAD and POST to Fastify', async () => {
    const url = `/zfxxgk/info/${recordId}?t=front-5`;
    await fetchPage(url);
    expect((await fetchPage(url)).front).toBe(true);
    const head = await fetchPage(url, {}, 'HEAD');
    expect(head.front).toBe(false);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await fetchPage(url, { 'content-type': 'application/x-www-form-urlencoded' }, 'POST');
    expect(post.front).toBe(false);
    expect(post.status).toBe(404);
  });
});
