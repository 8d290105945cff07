// Benchmark of the public portal with 100,000 records: a record page, a catalogue page and search queries,
// driven by a load generator (wrk) for a fixed time, against two baselines measured in the same run on the
// same machine: nginx serving the static export of the same record page, and a bare Fastify route
// answering the same bytes. See bench/README.md.
//
//   npm run bench:portal                                  # 100,000 records, 15 s per target
//   BENCH_RECORDS=20000 BENCH_SECONDS=5 npm run bench:portal
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Caller } from '../src/core/auth/caller.ts';
import { systemActor } from '../src/core/auth/principal.ts';
import { ensureDatabase, migrate, openDatabase, type Database } from '../src/db/client.ts';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { LocalBlobStore } from '../src/modules/files/index.ts';
import { runImport } from '../src/modules/publishing/import.ts';
import { indexPending } from '../src/modules/search/indexer.ts';
import { fileFor } from '../src/portal/export-static.ts';
import { benchUnits, generateSheet, prng } from './corpus.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Search latency is measured as visitors see it, a few at a time, not at saturation (throughput is printed too). */
const SEARCH_CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 4);

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** wrk and nginx come from Debian's packages; installed here when missing (CI machines run as root). */
function ensureTools() {
  const missing = ['wrk', 'nginx'].filter((t) => spawnSync('sh', ['-c', `command -v ${t} || test -x /usr/sbin/${t}`]).status !== 0);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`bench:portal needs ${missing.join(' and ')}: apt-get install -y wrk nginx-light`);
  console.log(`installing ${missing.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'wrk', 'nginx-light'], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('apt-get install wrk nginx-light failed');
}

function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${url}: the process exited (${child.exitCode})`));
      try {
        const res = await fetch(url);
        if (res.ok) return resolve();
      } catch {
        // not up yet
      }
      if (Date.now() > until) return reject(new Error(`${url} did not answer in time`));
      setTimeout(poll, 250);
    };
    void poll();
  });
}

/**
 * One wrk run of SECONDS with CONNECTIONS connections on one thread. `paths` are requested in turn; with
 * `unique`, each request gets its own `n=` parameter, so no answer can come from a cache.
 */
function drive(dir: string, base: string, paths: string[], opts: { unique?: boolean; seconds?: number; connections?: number } = {}): Measured {
  const lua = path.join(dir, `wrk-${Math.random().toString(36).slice(2)}.lua`);
  writeFileSync(
    lua,
    `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local counter = 0
request = function()
  counter = counter + 1
  local p = paths[(counter % #paths) + 1]
  ${opts.unique ? 'p = p .. (string.find(p, "?", 1, true) and "&" or "?") .. "n=" .. counter' : ''}
  return wrk.format("GET", p)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %f %d %d %d %d %d %d\\n", summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
`,
  );
  const r = spawnSync('wrk', ['-t1', `-c${opts.connections ?? CONNECTIONS}`, `-d${opts.seconds ?? SECONDS}s`, '--timeout', '10s', '-s', lua, base], { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const [rps, p50, p95, p99, requests, errors, non2xx] = line.split(' ').slice(1).map(Number) as number[];
  return { rps: rps!, p50: p50! / 1000, p95: p95! / 1000, p99: p99! / 1000, requests: requests!, errors: errors!, non2xx: non2xx! };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const row = (name: string, m: Measured) =>
  `${name.padEnd(34)} ${Math.round(m.rps).toLocaleString('en-US').padStart(9)} req/s   p50 ${ms(m.p50).padStart(9)}   p95 ${ms(m.p95).padStart(9)}   p99 ${ms(m.p99).padStart(9)}${m.errors || m.non2xx ? `   (${m.errors} errors, ${m.non2xx} non-2xx)` : ''}`;

/** The demo county and RECORDS records loaded by the bulk import, then indexed for search. */
async function load(dir: string, database: Database) {
  const pool = database.pool;
  const blobs = new LocalBlobStore(path.join(dir, 'data', 'blobs'));
  await seedDemo(database.db, { production: false, blobs });
  const tenantId = (await pool.query<{ tenant_id: string }>("SELECT tenant_id FROM tenants WHERE code = 'shifan'")).rows[0]!.tenant_id;
  let started = performance.now();
  const sheet = generateSheet(await benchUnits(pool, tenantId), RECORDS);
  const caller: Caller = { kind: 'system', actor: systemActor(tenantId, '基准测试') };
  const imported = await runImport(database.db, blobs, caller, { fileName: 'bench.csv', bytes: new Uint8Array(sheet) }, { batchSize: 1000 });
  // The imported records go into catalogue nodes the way a county files them: by genre.
  await pool.query(`
    UPDATE records r SET catalogue_node_id = n.id FROM catalogue_nodes n
     WHERE r.tenant_id = n.tenant_id AND r.catalogue_node_id IS NULL AND r.import_batch_id IS NOT NULL
       AND n.code = CASE r.genre WHEN 'plan' THEN '03' WHEN 'statistics' THEN '04' WHEN 'budget' THEN '07' WHEN 'normative_document' THEN '02' WHEN 'notice' THEN '02' ELSE '15' END`);
  console.log(`${imported.imported.toLocaleString('en-US')} records imported in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  started = performance.now();
  // What the server's search sweep does after an import, all at once.
  const indexed = await indexPending(database.db, { limit: RECORDS * 2 });
  console.log(`${indexed.indexed.toLocaleString('en-US')} records indexed for search in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await pool.query('VACUUM ANALYZE');
  writeFileSync(path.join(dir, 'loaded'), new Date().toISOString());
}

async function main() {
  ensureTools();
  // BENCH_DATA_DIR keeps the loaded database for the next run (which then skips loading it).
  const keep = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-portal-'));
  mkdirSync(dir, { recursive: true });
  const loaded = keep !== null && existsSync(path.join(dir, 'loaded'));
  // As root the embedded PostgreSQL runs as the OS user postgres, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  let embedded: EmbeddedDatabase | undefined;
  try {
    // 1. The data: the demo county and RECORDS records loaded by the bulk import, then indexed for search.
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort() });
    await ensureDatabase(embedded.serverUrl('postgres'), 'gongkai');
    const url = embedded.serverUrl('gongkai');
    const database = openDatabase(url, { max: 4 });
    await migrate(database);
    const pool = database.pool;
    if (!loaded) await load(dir, database);
    else console.log(`reusing the database loaded in ${dir}`);
    const { rows: counts } = await pool.query<{ published: number; version: string }>("SELECT count(*)::int AS published, current_setting('server_version') AS version FROM records WHERE state = 'published'");
    // A record page of ordinary length, and the largest catalogue node.
    const record = (await pool.query<{ id: string }>("SELECT id FROM records WHERE state = 'published' AND import_batch_id IS NOT NULL AND length(body_text) BETWEEN 200 AND 600 ORDER BY id LIMIT 1")).rows[0]!.id;
    const node = (await pool.query<{ code: string; n: number }>("SELECT n.code, count(*)::int AS n FROM records r JOIN catalogue_nodes n ON n.id = r.catalogue_node_id WHERE r.state = 'published' GROUP BY n.code ORDER BY n DESC LIMIT 1")).rows[0]!;
    await database.close();

    // 2. The Gongkai server, in its own process, on that database (as `npm start` runs it).
    const gkPort = await freePort();
    const gk = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PORT: String(gkPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', DATA_DIR: path.join(dir, 'app'), BLOB_DIR: path.join(dir, 'data', 'blobs'), NODE_ENV: 'development' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gk);
    const gkBase = `http://127.0.0.1:${gkPort}`;
    await waitFor(`${gkBase}/readyz`, gk);
    const recordPath = `/zfxxgk/info/${record}`;
    const page = await fetch(gkBase + recordPath, { headers: { host: 'localhost' } });
    if (!page.ok) throw new Error(`record page: ${page.status}`);
    const html = Buffer.from(await page.arrayBuffer());

    // 3. The static export of that page, served by nginx (one worker: one core, like the Node process).
    const www = path.join(dir, 'www');
    const file = path.join(www, fileFor(recordPath, true));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
    const nginxPort = await freePort();
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/nginx-tmp; proxy_temp_path ${dir}/nginx-tmp; fastcgi_temp_path ${dir}/nginx-tmp; uwsgi_temp_path ${dir}/nginx-tmp; scgi_temp_path ${dir}/nginx-tmp;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${www};
    charset utf-8;
    location / { try_files $uri/__q/$args.html $uri $uri/index.html =404; }
  }
}
`,
    );
    mkdirSync(path.join(dir, 'nginx-tmp'), { recursive: true });
    const nginxBin = spawnSync('sh', ['-c', 'command -v nginx || echo /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim();
    const nginx = spawn(nginxBin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
    children.push(nginx);
    await waitFor(`http://127.0.0.1:${nginxPort}${recordPath}`, nginx);

    // 4. The bare Fastify route answering the same bytes.
    const barePort = await freePort();
    writeFileSync(path.join(dir, 'page.html'), html);
    const bare = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'bare-server.ts'), String(barePort), path.join(dir, 'page.html')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(bare);
    await waitFor(`http://127.0.0.1:${barePort}/`, bare);

    // 5. The queries: words and phrases people type, unit names and 文号 in every bracket style.
    const rnd = prng(4);
    const words = ['重点项目申报', '安全生产', '农村人居环境', '营商环境', '森林防火', '医疗保险', '招生入学', '防汛抗旱', '耕地保护', '消费券', '老旧小区改造', '河长制', '政务公开', '预算执行', '就业创业补贴', '统计数据', '实施方案', '工作总结', '专题会议纪要', '财政局', '教育局', '青山镇', '应急管理局', '示范县人民政府'];
    const queries: string[] = [];
    for (let i = 0; i < 300; i++) {
      const a = words[Math.floor(rnd() * words.length)]!;
      const b = words[Math.floor(rnd() * words.length)]!;
      queries.push(i % 10 === 0 ? `示政发[2026]3号` : i % 3 === 0 ? `${a} ${b}` : a);
    }
    const searchPaths = queries.map((q) => `/search?q=${encodeURIComponent(q)}`);

    const gkRecord = `${gkBase}${recordPath}`;
    console.log(`\nPostgreSQL ${counts[0]!.version} (embedded), ${os.cpus().length} CPUs, ${counts[0]!.published.toLocaleString('en-US')} published records; wrk: 1 thread, ${CONNECTIONS} connections, ${SECONDS} s per target (after a 3 s warm-up)\n`);
    const warm = (base: string, paths: string[], unique = false) => drive(dir, base, paths, { unique, seconds: 3 });
    warm(`http://127.0.0.1:${nginxPort}`, [recordPath]);
    const nginxM = drive(dir, `http://127.0.0.1:${nginxPort}`, [recordPath]);
    console.log(row('nginx, static export of the page', nginxM));
    warm(`http://127.0.0.1:${barePort}`, [recordPath]);
    const bareM = drive(dir, `http://127.0.0.1:${barePort}`, [recordPath]);
    console.log(row('bare Fastify, same bytes', bareM));
    warm(gkBase, [recordPath]);
    const recordM = drive(dir, gkBase, [recordPath]);
    console.log(row('Gongkai record page', recordM));
    const catalogue = `/zfxxgk/catalogue/${node.code}/`;
    warm(gkBase, [catalogue]);
    const catalogueM = drive(dir, gkBase, [catalogue]);
    console.log(row(`Gongkai catalogue page (${node.n.toLocaleString('en-US')})`, catalogueM));
    // Every record page different, and never from the cache: the page rendered from the database each time.
    const uncachedM = drive(dir, gkBase, [recordPath], { unique: true });
    console.log(row('Gongkai record page, uncached', uncachedM));
    warm(gkBase, searchPaths, true);
    const searchM = drive(dir, gkBase, searchPaths, { unique: true, connections: SEARCH_CONNECTIONS });
    console.log(row(`Gongkai search, ${SEARCH_CONNECTIONS} connections`, searchM));
    const searchLoadM = drive(dir, gkBase, searchPaths, { unique: true });
    console.log(row(`Gongkai search, ${CONNECTIONS} connections`, searchLoadM));

    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`\nrecord page / nginx static:   ${ratio(recordM.rps, nginxM.rps)}  (target ≥ 0.5×: ${recordM.rps >= 0.5 * nginxM.rps ? 'met' : 'NOT met'})`);
    console.log(`record page / bare Fastify:   ${ratio(recordM.rps, bareM.rps)}`);
    console.log(`catalogue page / nginx:       ${ratio(catalogueM.rps, nginxM.rps)}`);
    console.log(`uncached record page / nginx: ${ratio(uncachedM.rps, nginxM.rps)}`);
    console.log(`search p95: ${ms(searchM.p95)} with ${SEARCH_CONNECTIONS} connections (target ≤ 50 ms: ${searchM.p95 <= 50 ? 'met' : 'NOT met'}); ${ms(searchLoadM.p95)} with ${CONNECTIONS}`);
    const failures = [nginxM, bareM, recordM, catalogueM, uncachedM, searchM, searchLoadM].reduce((n, m) => n + m.errors + m.non2xx, 0);
    if (failures) console.log(`\n${failures} requests failed: the figures above are not to be trusted`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await embedded?.stop().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
