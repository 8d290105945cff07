// Logging in, lockout, sessions, CSRF, TOTP, API tokens, password rules — through the HTTP API.
import { generate } from 'otplib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('login', () => {
  it('logs in with the demo password and reports the user, roles and a CSRF token', async () => {
    const a = new Agent(t.app);
    const res = await a.post('/api/v1/auth/login', { username: 'office', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.authenticated).toBe(true);
    expect(body.user.displayName).toBe('李秀梅');
    expect(body.user.permissions).toContain('org.units.manage');
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'gk_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // plain http in tests; Secure is set behind TLS (next test)
    const session = await a.get('/api/v1/auth/session');
    expect(session.json().user.username).toBe('office');
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const t2 = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const res = await t2.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { host: 'localhost', 'x-forwarded-proto': 'https' },
        payload: { username: 'office', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'gk_sid')!.secure).toBe(true);
    } finally {
      await t2.close();
    }
  });

  it('answers a wrong password with 401 and a Chinese message, and does not say whether the user exists', async () => {
    const a = new Agent(t.app);
    const wrong = await a.post('/api/v1/auth/login', { username: 'reviewer', password: 'nope-nope-nope' });
    const missing = await a.post('/api/v1/auth/login', { username: 'nobody-here', password: 'nope-nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(missing.statusCode).toBe(401);
    expect(wrong.json().error.message).toContain('用户名或密码错误');
    expect(missing.json().error.message).toBe('用户名或密码错误');
  });

  it('locks the account after 5 failures, refuses even the right password while locked, and an admin can unlock', async () => {
    const a = new Agent(t.app);
    for (let i = 1; i <= 4; i++) {
      const r = await a.post('/api/v1/auth/login', { username: 'leader', password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await a.post('/api/v1/auth/login', { username: 'leader', password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await a.post('/api/v1/auth/login', { username: 'leader', password: PASSWORD });
    expect(right.statusCode).toBe(423);

    const office = await loginAs(t.app, 'office');
    const list = await office.get('/api/v1/users?q=leader');
    const leader = list.json().items.find((u: { username: string }) => u.username === 'leader');
    expect(leader.locked).toBe(true);
    expect((await office.post(`/api/v1/users/${leader.id}/unlock`)).statusCode).toBe(200);
    expect((await a.post('/api/v1/auth/login', { username: 'leader', password: PASSWORD })).statusCode).toBe(200);

    const log = await office.get('/api/v1/audit?action=auth.lockout');
    expect(log.json().items.length).toBeGreaterThan(0);
  });

  it('rate-limits login attempts per client with a 429 and a Chinese message', async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const a = new Agent(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await a.post('/api/v1/auth/login', { username: 'nobody', password: 'x' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const last = await a.post('/api/v1/auth/login', { username: 'office', password: PASSWORD });
      expect(last.json().error.message).toMatch(/请求过于频繁，请 \d+ 秒后再试/);
    } finally {
      await limited.close();
    }
  });

  it('refuses an unknown tenant code with a 400 that names it', async () => {
    const a = new Agent(t.app);
    const r = await a.post('/api/v1/auth/login', { username: 'office', password: PASSWORD, tenant: 'no-such-place' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('no-such-place');
  });

  it('keeps tenants apart: the same request with another tenant code logs into that tenant only', async () => {
    const a = new Agent(t.app);
    expect((await a.post('/api/v1/auth/login', { username: 'office', password: PASSWORD, tenant: 'duizhao' })).statusCode).toBe(401);
    await a.login('other-office', PASSWORD, 'duizhao');
    const me = await a.get('/api/v1/auth/session');
    expect(me.json().tenant.code).toBe('duizhao');
  });

  it('refuses demo accounts when NODE_ENV=production', async () => {
    const prod = await createTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40) } });
    try {
      const r = await new Agent(prod.app).post('/api/v1/auth/login', { username: 'office', password: PASSWORD });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('DEMO_ACCOUNT');
    } finally {
      await prod.close();
    }
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token, and with a stale one', async () => {
    const a = await loginAs(t.app, 'office');
    const stale = a.csrf!;
    const noToken = await a.send({ method: 'POST', url: '/api/v1/calendar/entries', payload: { date: '2031-01-02', kind: 'OFF', name: '测试' }, headers: { 'x-csrf-token': '' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF');
    // A new login gives a new session: the old token is bound to the old session and no longer works.
    await a.post('/api/v1/auth/logout');
    await a.login('office');
    const withStale = await a.send({ method: 'POST', url: '/api/v1/calendar/entries', payload: { date: '2031-01-02', kind: 'OFF', name: '测试' }, headers: { 'x-csrf-token': stale } });
    expect(withStale.statusCode).toBe(403);
    expect(withStale.json().error.message).toContain('CSRF');
    const ok = await a.post('/api/v1/calendar/entries', { date: '2031-01-02', kind: 'OFF', name: '测试' });
    expect(ok.statusCode).toBe(200);
  });

  it('expires an idle session with a 401 SESSION_EXPIRED', async () => {
    const a = await loginAs(t.app, 'inspector');
    expect((await a.get('/api/v1/units')).statusCode).toBe(200);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours'`);
    const r = await a.get('/api/v1/units');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('SESSION_EXPIRED');
    expect(r.json().error.message).toContain('过期');
  });

  it('shares sessions through the database: a second server process accepts the cookie', async () => {
    const { buildApp } = await import('../../src/server.ts');
    const other = await buildApp({ config: t.config, database: t.database });
    try {
      const a = await loginAs(t.app, 'office');
      const b = new Agent(other);
      b.cookies = new Map(a.cookies);
      b.csrf = a.csrf;
      const r = await b.get('/api/v1/auth/session');
      expect(r.json().user.username).toBe('office');
      const w = await b.post('/api/v1/calendar/entries', { date: '2031-01-03', kind: 'OFF', name: '测试二' });
      expect(w.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('logout ends the session', async () => {
    const a = await loginAs(t.app, 'inspector');
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/v1/units')).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('refuses a weak new password with the rules it breaks, and accepts a good one', async () => {
    const a = await loginAs(t.app, 'editor2');
    const weak = await a.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('至少需要 10 个字符');
    const wrongOld = await a.post('/api/v1/auth/password', { oldPassword: 'not-it-at-all', newPassword: 'Qingshan-2026!' });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().error.message).toBe('原密码不正确');
    expect((await a.post('/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Qingshan-2026!' })).statusCode).toBe(200);
    const again = new Agent(t.app);
    expect((await again.post('/api/v1/auth/login', { username: 'editor2', password: 'Qingshan-2026!' })).statusCode).toBe(200);
  });

  it('makes a user created by an administrator change the initial password before anything else', async () => {
    const office = await loginAs(t.app, 'office');
    const units = (await office.get('/api/v1/units')).json() as { id: string; code: string }[];
    const fgj = units.find((u) => u.code === 'fgj')!;
    const created = await office.post('/api/v1/users', { username: 'newbie', displayName: '新同事', unitId: fgj.id, password: 'Initial-Pass-2026' });
    expect(created.statusCode).toBe(201);
    expect((await office.post(`/api/v1/users/${created.json().id}/grants`, { role: 'unit_editor', unitId: fgj.id })).statusCode).toBe(200);
    const n = new Agent(t.app);
    const login = await n.login('newbie', 'Initial-Pass-2026');
    expect(login.json().mustChangePassword).toBe(true);
    const blocked = await n.get('/api/v1/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await n.post('/api/v1/auth/password', { oldPassword: 'Initial-Pass-2026', newPassword: 'Changed-Pass-2026' })).statusCode).toBe(200);
    expect((await n.get('/api/v1/units')).statusCode).toBe(200);
  });
});

describe('TOTP second factor', () => {
  it('enrols, then asks for the code at login, refuses a wrong or replayed code, accepts the right one', async () => {
    const a = await loginAs(t.app, 'reviewer');
    const setup = await a.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toContain('<svg');
    expect((await a.post('/api/v1/auth/totp/enable', { code: '000000' })).statusCode).toBe(400);
    const code = await generate({ secret });
    expect((await a.post('/api/v1/auth/totp/enable', { code })).statusCode).toBe(200);

    const b = new Agent(t.app);
    const first = await b.login('reviewer');
    expect(first.json().totpRequired).toBe(true);
    expect(first.json().authenticated).toBe(false);
    const blocked = await b.get('/api/v1/units');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('TOTP_REQUIRED');
    // The code used to enable is spent: replaying it is refused.
    const replay = await b.post('/api/v1/auth/totp', { code });
    expect(replay.statusCode).toBe(401);
    const bad = await b.post('/api/v1/auth/totp', { code: '12345' });
    expect(bad.statusCode).toBe(400); // not six digits: refused by the schema
    // The next time step's code is valid (±1 step tolerance) and not yet used.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await b.post('/api/v1/auth/totp', { code: next });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().authenticated).toBe(true);
    expect((await b.get('/api/v1/units')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('lets an integration call the API with a bearer token (no CSRF), until the token is revoked', async () => {
    const office = await loginAs(t.app, 'office');
    const users = (await office.get('/api/v1/users?q=inspector')).json().items as { id: string; username: string }[];
    const inspector = users.find((u) => u.username === 'inspector')!;
    const created = await office.post('/api/v1/api-tokens', { name: '数据对接', userId: inspector.id });
    expect(created.statusCode).toBe(201);
    const { token, view } = created.json();
    expect(token).toMatch(/^gk_/);
    const integ = new Agent(t.app);
    integ.token = token;
    expect((await integ.get('/api/v1/units')).statusCode).toBe(200);
    // The token acts with its user's roles: an inspector cannot manage units.
    const root = ((await integ.get('/api/v1/units')).json() as { id: string; parentId: string | null }[]).find((u) => !u.parentId)!;
    const denied = await integ.post('/api/v1/units', { parentId: root.id, code: 'x1', name: '示范县某局', kind: 'department' });
    expect(denied.statusCode).toBe(403);
    expect((await office.delete(`/api/v1/api-tokens/${view.id}`)).statusCode).toBe(200);
    const after = await integ.get('/api/v1/units');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('BAD_TOKEN');
  });

  it('answers a malformed Authorization header with 401, not 500', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { host: 'localhost', authorization: 'Basic abc' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toContain('Bearer');
  });
});
