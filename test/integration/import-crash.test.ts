// A bulk import killed with SIGKILL in the middle leaves whole batches only, and running it again completes
// it without duplicates. The real command (`node bin/gongkai.mjs import-records`) against this run's
// database: the embedded PostgreSQL, or the external one when TEST_DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureDatabase, pgKind, type TestDatabase } from '../helpers/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROWS = 20_000;
const BATCH = 1000;

let db: TestDatabase;
let dir: string;
let file: string;

/** 20,000 records of a few units over ten years: a quarter with 文号, a tenth with their own 索引号, the rest with neither. */
function sheet(): string {
  const units = ['县发改局', 'fgj', '示范县财政局', '县政府办', 'czj', '县应急局'];
  const kinds = ['通知', '公告公示', '工作报告总结', '统计信息', '其他'];
  const lines = ['标题,发布机构,文号,索引号,体裁,主题分类,成文日期,发布日期,公开属性,正文'];
  for (let i = 0; i < ROWS; i++) {
    const year = 2015 + (i % 10);
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const docNo = i % 4 === 0 ? `示导字〔${year}〕${i + 1}号` : '';
    const indexNo = i % 10 === 5 ? `old-${year}-${String(i).padStart(6, '0')}` : '';
    const attribute = i % 20 === 7 ? '' : '主动公开';
    lines.push([`示范县存量信息第${i + 1}号：关于${year}年第${month}期工作的${kinds[i % kinds.length]}`, units[i % units.length], docNo, indexNo, kinds[i % kinds.length], '综合政务', date, date, attribute, `第一段，第${i + 1}条信息。`].join(','));
  }
  return lines.join('\n') + '\n';
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/** Runs the command; `killWhen` sees the output so far and may ask for a SIGKILL. */
function importRecords(killWhen?: (out: string) => boolean): Promise<Run> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'import-records', '--tenant', 'shifan', '--file', file, '--batch-size', String(BATCH)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.dbUrl, DATA_DIR: dir, NODE_ENV: 'development', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let killed = false;
  const seen = (d: Buffer) => {
    out += d.toString();
    if (!killed && killWhen?.(out)) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

async function state() {
  const q = async (text: string) => (await db.pool.query(text)).rows;
  // The server may still be finishing the dead client's last statement (even a COMMIT already sent):
  // count once no other session of this database is busy or inside a transaction.
  for (let i = 0; i < 100; i++) {
    const [{ busy }] = await q("SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'");
    if (!busy) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const [{ n }] = await q('SELECT count(*)::int AS n FROM records WHERE import_batch_id IS NOT NULL');
  const batches = await q(`
    SELECT b.id, b.status, b.rows,
           (SELECT count(*)::int FROM records r WHERE r.tenant_id = b.tenant_id AND r.import_batch_id = b.id) AS records,
           (SELECT count(*)::int FROM record_events e WHERE e.tenant_id = b.tenant_id AND e.data->>'importBatchId' = b.id::text) AS events,
           (SELECT count(*)::int FROM audit_log a WHERE a.tenant_id = b.tenant_id AND a.action = 'record.import' AND a.entity_id = b.id::text) AS audit
      FROM import_batches b`);
  const [{ orphans }] = await q('SELECT count(*)::int AS orphans FROM records r WHERE r.import_batch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = r.import_batch_id)');
  return { imported: n as number, batches, orphans: orphans as number };
}

beforeAll(async () => {
  db = await createFixtureDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-crash-'));
  file = path.join(dir, '存量信息.csv');
  writeFileSync(file, sheet());
});

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`import killed with SIGKILL (${pgKind()} PostgreSQL)`, () => {
  it('leaves whole batches only, and a second run completes the rest without duplicates', async () => {
    const killed = await importRecords((out) => /第 3\/20 批已导入/.test(out));
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const after = await state();
    expect(after.imported).toBeGreaterThanOrEqual(3 * BATCH);
    expect(after.imported).toBeLessThan(ROWS);
    expect(after.imported % BATCH).toBe(0);
    expect(after.orphans).toBe(0);
    expect(after.batches.length).toBe(after.imported / BATCH);
    for (const b of after.batches) expect(b).toMatchObject({ status: 'committed', rows: BATCH, records: BATCH, events: BATCH, audit: 1 });

    const again = await importRecords();
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain(`${after.imported} 条此前已导入（跳过）`);
    expect(again.out).toContain(`本次导入 ${ROWS - after.imported} 条`);
    const done = await state();
    expect(done.imported).toBe(ROWS);
    expect(done.orphans).toBe(0);
    for (const b of done.batches) expect(b.records).toBe(b.rows);
    expect(done.batches.reduce((n: number, b: { rows: number }) => n + b.rows, 0)).toBe(ROWS);
    const { rows } = await db.pool.query(
      "SELECT count(DISTINCT title)::int AS titles, count(DISTINCT index_no)::int AS index_nos, count(*) FILTER (WHERE index_no LIKE 'old-%')::int AS kept FROM records WHERE import_batch_id IS NOT NULL",
    );
    expect(rows[0]).toEqual({ titles: ROWS, index_nos: ROWS, kept: ROWS / 10 });
    // The audit chain stays whole across the crash.
    const verify = spawn(process.execPath, [path.join(ROOT, 'bin', 'gongkai.mjs'), 'audit', 'verify', '--tenant', 'shifan'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.dbUrl, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let verifyOut = '';
    verify.stdout!.on('data', (d) => (verifyOut += d));
    expect(await new Promise((resolve) => verify.on('exit', resolve))).toBe(0);
    expect(verifyOut).toContain('哈希链完整');
  }, 90_000);
});
