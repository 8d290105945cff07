// An app on a fresh fixture database, and an agent that keeps cookies and the CSRF token like a browser.
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type App } from '../../src/server.ts';
import { createFixtureDatabase, createTestDatabase, type TestDatabase } from './db.ts';
import { PASSWORD } from './fixtures.ts';

export interface TestApp {
  app: App;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/gongkai-test-data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', REQUEST_FORM_RATE_LIMIT: '10000', ...overrides });
}

export async function createTestApp(opts: { fixtures?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = opts.fixtures === false ? await createTestDatabase() : await createFixtureDatabase();
  const config = testConfig(opts.env);
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Sent {
  method?: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  host?: string;
}

/** A client with a cookie jar; it sends the CSRF token on writes the way the console does. */
export class Agent {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  token: string | null = null;
  constructor(
    readonly app: App,
    readonly host = 'localhost',
  ) {}

  async send(req: Sent): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { host: req.host ?? this.host, ...(req.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const method = (req.method ?? 'GET').toUpperCase();
    if (this.csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await this.app.inject({
      method: method as 'GET',
      url: req.url,
      headers,
      ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('application/json')) {
      const body = res.json() as { csrfToken?: string | null };
      if (body && typeof body === 'object' && 'csrfToken' in body && body.csrfToken) this.csrf = body.csrfToken;
    }
    return res;
  }

  get(url: string) {
    return this.send({ url });
  }
  post(url: string, payload?: unknown) {
    return this.send({ method: 'POST', url, payload: payload ?? {} });
  }
  patch(url: string, payload: unknown) {
    return this.send({ method: 'PATCH', url, payload });
  }
  put(url: string, payload: unknown) {
    return this.send({ method: 'PUT', url, payload });
  }
  delete(url: string) {
    return this.send({ method: 'DELETE', url });
  }

  async login(username: string, password = PASSWORD, tenant?: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/login', { username, password, ...(tenant ? { tenant } : {}) });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res;
  }
}

export async function loginAs(app: App, username: string, tenant?: string): Promise<Agent> {
  const a = new Agent(app);
  await a.login(username, PASSWORD, tenant);
  return a;
}
