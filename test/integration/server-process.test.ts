// The real process, as `npm start` runs it: first start migrates and loads the demo government, the
// portal and API answer, a second server cannot open the same embedded data folder, and SIGTERM lets
// in-flight requests finish, then stops the database cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { createEmptyDatabase, pgKind, type TestDatabase } from '../helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '::', LOG_LEVEL: 'info', NODE_ENV: 'development', LOGIN_RATE_LIMIT: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + 90_000;
  while (!out.includes('已启动')) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, output: () => out, exited };
}

async function exercise(s: Running) {
  // IPv4 and IPv6 both answer on HOST=::.
  for (const host of ['127.0.0.1', '[::1]']) {
    const res = await fetch(`http://${host}:${s.port}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('示范县人民政府');
  }
  const login = await fetch(`http://127.0.0.1:${s.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: 'Gongkai-Demo-2026' }),
  });
  expect(login.status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${s.port}/readyz`)).status).toBe(200);
  // Logs are JSON lines (pino).
  const line = s.output().split('\n').find((l) => l.includes('"msg":"incoming request"'))!;
  expect(JSON.parse(line).level).toBe(30);
}

function postOnNewConnection(port: number, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: url, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function stopWithInFlight(s: Running) {
  // Requests in flight when SIGTERM arrives still get their answers.
  // Each on a connection of its own: an idle keep-alive connection may rightly be closed at shutdown.
  const inFlight = Array.from({ length: 30 }, () => postOnNewConnection(s.port, '/api/v1/auth/login', { username: 'inspector', password: 'Gongkai-Demo-2026' }));
  // SIGTERM once the server has read every one of them (a connection whose request has not arrived yet is
  // idle, and closing idle connections at shutdown is right): thirty argon2 verifications keep it busy.
  const seen = () => s.output().split('\n').filter((l) => l.includes('"msg":"incoming request"') && l.includes('/api/v1/auth/login') && l.includes('"method":"POST"')).length;
  const before = seen();
  const deadline = Date.now() + 20_000;
  while (seen() - before < inFlight.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  s.child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  expect(statuses.every((st) => st === 200)).toBe(true);
  expect(await s.exited).toBe(0);
  expect(s.output()).toContain('shutting down on SIGTERM');
}

// Each test starts whole server processes (one initialises a PostgreSQL cluster and loads the whole demo
// government, twice over): minutes on a busy two-core CI machine, not the default 30 s.
describe('server process', { timeout: 240_000 }, () => {
  it('starts on an external PostgreSQL named by DATABASE_URL: migrates, seeds the demo, serves, stops cleanly', async () => {
    const db: TestDatabase = await createEmptyDatabase();
    cleanups.push(() => db.drop());
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-proc-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const s = await startServer({ DATABASE_URL: db.dbUrl, DATA_DIR: dataDir });
    expect(s.output()).toContain('loaded the demo government');
    await exercise(s);
    await stopWithInFlight(s);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM units');
    expect(rows[0].n).toBeGreaterThanOrEqual(40);
  });

  it.runIf(pgKind() === 'embedded')('starts its own embedded PostgreSQL in DATA_DIR/pg, locks the folder against a second server, and releases it on stop', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-proc-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pgPort = await freePort();
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '' };
    const s = await startServer(env);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    await exercise(s);

    // A second server on the same folder is refused with a clear message.
    const second = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let secondOut = '';
    second.stderr!.on('data', (d) => (secondOut += d));
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(secondOut).toContain('正被另一个 Gongkai 进程使用');

    // Meanwhile a command beside the live server shares its database instead of failing on the lock.
    const verify = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'audit', 'verify'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let verifyOut = '';
    verify.stdout!.on('data', (d) => (verifyOut += d));
    expect(await new Promise((resolve) => verify.on('exit', resolve))).toBe(0);
    expect(verifyOut).toContain('哈希链完整');

    await stopWithInFlight(s);
    expect(existsSync(path.join(dataDir, 'pg.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // Restart on the same folder: the data is still there, and the demo is not loaded twice.
    const again = await startServer(env);
    expect(again.output()).not.toContain('loaded the demo government');
    await exercise(again);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
