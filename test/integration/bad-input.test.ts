// Bad input gets a clear answer, never a crash, and loses nothing. A property-based test (fast-check)
// sends generated bad requests to every operation of the OpenAPI document: malformed JSON, bodies of
// the wrong shape or type, missing fields, NUL characters, oversized bodies, wrong content types, bad
// path and query parameters, expired sessions and stale CSRF tokens. Every answer must be a 4xx JSON
// error with a Chinese message and no stack trace; afterwards no saved row may have changed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.ts';

interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
}

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: Schema; required?: boolean }[];
  body?: Schema;
}

let t: TestApp;
let office: Agent;
let secrecy: Agent;
/** Who may call an operation at all: the platform admin for tenants, the confidentiality reviewer for its override, else the office. */
const callerFor = (path: string) => (path.startsWith('/api/v1/tenants') ? admin : path.endsWith('/guard/override') ? secrecy : office);
let admin: Agent;
let operations: Operation[];
let realUnitId: string;

const CJK = /[\u4e00-\u9fff]/;

async function snapshot(): Promise<string> {
  const { rows: tables } = await t.database.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('audit_log', 'sessions') ORDER BY table_name",
  );
  const out: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await t.database.pool.query<{ d: string | null; n: string }>(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS d, count(*) AS n FROM "${table_name}" x`);
    out.push(`${table_name}:${rows[0]!.n}:${rows[0]!.d}`);
  }
  return out.join('\n');
}

beforeAll(async () => {
  t = await createTestApp();
  office = await loginAs(t.app, 'office');
  admin = await loginAs(t.app, 'admin');
  secrecy = await loginAs(t.app, 'secrecy');
  const doc = (await office.get('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };
  operations = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path: p,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
      });
    }
  }
  realUnitId = ((await office.get('/api/v1/units')).json() as { id: string }[])[0]!.id;
});

afterAll(async () => {
  await t?.close();
});

function fillPath(op: Operation, value: (name: string, schema: Schema) => string): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const p = op.params.find((x) => x.in === 'path' && x.name === name)!;
    return encodeURIComponent(value(name, p.schema));
  });
}

/** A valid-looking path, so that the body (not the path) is what is wrong. */
const goodPath = (op: Operation) => fillPath(op, (_n, s) => (s.type === 'integer' ? '2030' : s.format === 'date' ? '2024-10-01' : realUnitId));

function expectCleanError(res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(String(res.headers['content-type'])).toContain('application/json');
  const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message, what).toBe('string');
  expect(String(body.error!.message), `${what}: message should be Chinese`).toMatch(CJK);
  expect(res.body, `${what}: no stack trace`).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

/** A value a field of this schema can never accept, even with Fastify's type coercion. */
function wrongValue(schema: Schema): fc.Arbitrary<unknown> {
  const types = ([] as string[]).concat(schema.type ?? (schema.anyOf ? schema.anyOf.flatMap((s) => s.type ?? []) : []));
  if (types.includes('object') || types.includes('array')) return fc.oneof(fc.constant('不是对象'), fc.integer());
  // Objects are never coerced to scalars.
  return fc.oneof(fc.constant({ 错误: true }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { minKeys: 1, maxKeys: 3 }));
}

function badBodies(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const notObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.constant(null));
  if (!schema || schema.type !== 'object') return notObject;
  const required = schema.required ?? [];
  const arbs: fc.Arbitrary<unknown>[] = [notObject];
  if (required.length) {
    // Every required field missing, or present with a value of the wrong type.
    arbs.push(fc.constant({}));
    arbs.push(fc.record(Object.fromEntries(required.map((k) => [k, wrongValue(schema.properties?.[k] ?? {})]))));
  }
  return fc.oneof(...arbs);
}

describe('bad input to every operation in the OpenAPI document', () => {
  it('finds the operations to test', () => {
    expect(operations.length).toBeGreaterThan(35);
  });

  it('answers generated bad bodies with a 4xx Chinese error and changes nothing', async () => {
    const before = await snapshot();
    const withBody = operations.filter((op) => op.body && op.body.type === 'object' && (op.body.required ?? []).length > 0);
    expect(withBody.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody).chain((op) => fc.tuple(fc.constant(op), badBodies(op.body))),
        async ([op, body]) => {
          const agent = callerFor(op.path);
          const res = await agent.send({ method: op.method, url: goodPath(op), payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
          expectCleanError(res, `${op.method} ${op.path} ${JSON.stringify(body)}`);
        },
      ),
      { numRuns: 400 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed JSON, NUL characters, wrong content types and oversized bodies on every operation', async () => {
    const before = await snapshot();
    const writes = operations.filter((op) => op.method !== 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.oneof(
          fc.record({ kind: fc.constant('malformed' as const), text: fc.constantFrom('{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'undefined', '{"a":"\\x"}', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}') }),
          fc.record({ kind: fc.constant('nul' as const), text: fc.string({ maxLength: 20 }).map((s) => JSON.stringify({ name: `${s}\u0000`, username: 'a\u0000b', code: 'x\u0000', parentId: '\u0000' })) }),
          fc.record({ kind: fc.constant('type' as const), text: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream') }),
          fc.record({ kind: fc.constant('huge' as const), text: fc.constant('') }),
          fc.record({ kind: fc.constant('deep' as const), text: fc.integer({ min: 1000, max: 50000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) }),
        ),
        async (op, input) => {
          const agent = callerFor(op.path);
          let res;
          if (input.kind === 'type') {
            res = await agent.send({ method: op.method, url: goodPath(op), payload: '<a>1</a>', headers: { 'content-type': input.text } });
          } else if (input.kind === 'huge') {
            res = await agent.send({ method: op.method, url: goodPath(op), payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } });
            expect(res.statusCode).toBe(413);
          } else {
            res = await agent.send({ method: op.method, url: goodPath(op), payload: input.text, headers: { 'content-type': 'application/json' } });
          }
          expectCleanError(res, `${op.method} ${op.path} ${input.kind}`);
        },
      ),
      { numRuns: 300 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('answers bad path and query parameters with a 4xx Chinese error', async () => {
    const before = await snapshot();
    const withParams = operations.filter((op) => op.params.length > 0);
    expect(withParams.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withParams),
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom("1' OR '1'='1", '../../etc/passwd', '<script>alert(1)</script>', '-1', '99999999999999999999', '2024-02-30', 'NaN', '%00')),
        async (op, junk) => {
          const agent = callerFor(op.path);
          // Every parameter gets the junk; a parameter that happens to accept it must still not crash.
          const path = fillPath(op, () => junk);
          const query = op.params.filter((p) => p.in === 'query').map((p) => `${p.name}=${encodeURIComponent(junk)}`).join('&');
          const res = await agent.send({ method: op.method, url: query ? `${path}?${query}` : path, ...(op.method !== 'GET' ? { payload: {} } : {}) });
          expect(res.statusCode, `${op.method} ${op.path} ${junk} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expectCleanError(res, `${op.method} ${op.path} ${junk}`);
        },
      ),
      { numRuns: 400 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('answers a well-formed id that does not exist with 404 and a Chinese message', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const op of operations.filter((o) => o.params.some((p) => p.in === 'path' && p.schema.format === 'uuid'))) {
      const agent = callerFor(op.path);
      const res = await agent.send({ method: op.method, url: fillPath(op, () => missing), ...(op.method !== 'GET' ? { payload: {} } : {}) });
      expect(res.statusCode, `${op.method} ${op.path}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${op.method} ${op.path}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expectCleanError(res, `${op.method} ${op.path}`);
    }
  });

  it('answers an expired session and a stale CSRF token with a 4xx Chinese error on every write', async () => {
    const stale = await loginAs(t.app, 'office');
    const oldToken = stale.csrf!;
    await stale.post('/api/v1/auth/logout');
    await stale.login('office');
    const before = await snapshot();
    for (const op of operations.filter((o) => o.method !== 'GET' && !o.path.startsWith('/api/v1/auth/login'))) {
      const res = await stale.send({ method: op.method, url: goodPath(op), payload: {}, headers: { 'x-csrf-token': oldToken } });
      expectCleanError(res, `${op.method} ${op.path} stale csrf`);
      expect([401, 403]).toContain(res.statusCode);
    }
    const expired = new Agent(t.app);
    // Public routes (the open API) answer whoever asks, with or without a dead cookie.
    for (const op of operations.filter((o) => !o.path.startsWith('/api/v1/auth/login') && !o.path.startsWith('/api/v1/auth/session') && !o.path.startsWith('/api/v1/openapi') && !o.path.startsWith('/api/v1/public/'))) {
      // The server clears the dead cookie each time; a browser that kept sending it gets the same answer.
      expired.cookies.set('gk_sid', 'this-session-does-not-exist');
      const res = await expired.send({ method: op.method, url: goodPath(op), ...(op.method !== 'GET' ? { payload: {} } : {}) });
      expectCleanError(res, `${op.method} ${op.path} expired`);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
    }
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/public/') && !o.path.includes('{'))) {
      expired.cookies.set('gk_sid', 'this-session-does-not-exist');
      const res = await expired.send({ method: op.method, url: goodPath(op) });
      expect(res.statusCode, `${op.method} ${op.path} with a dead cookie`).toBe(200);
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers unknown routes and hosts without a stack trace', async () => {
    const res = await office.get('/api/v1/no-such-thing');
    expectCleanError(res, 'unknown route');
    expect(res.statusCode).toBe(404);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { host: 'unknown.example.org' }, payload: { username: 'office', password: 'x' } });
    expectCleanError(login, 'unknown host login');
    expect(login.json().error.code).toBe('TENANT_NOT_FOUND');
  });
});
