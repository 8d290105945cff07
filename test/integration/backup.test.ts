// `gongkai backup` then `gongkai restore` into an empty database gives back identical data, table by
// table, with the attachments; a non-empty target or a damaged file is refused with a clear message.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { createEmptyDatabase, createFixtureDatabase, type TestDatabase } from '../helpers/db.ts';
import { captureOutput } from '../helpers/output.ts';

let source: TestDatabase;
let target: TestDatabase;
let work: string;

async function tableDump(db: TestDatabase): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: db.dbUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const out = new Map<string, string[]>();
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ r: string }>(`SELECT x::text AS r FROM "${table_name}" x ORDER BY x::text`);
      out.set(table_name, rows.map((r) => r.r));
    }
    const { rows: m } = await client.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id');
    out.set('drizzle.__drizzle_migrations', m.map((r) => r.hash));
    return out;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  source = await createFixtureDatabase();
  target = await createEmptyDatabase();
  work = mkdtempSync(path.join(os.tmpdir(), 'gongkai-backup-test-'));
  // Some rows with awkward text, and an attachment in the blob folder.
  await source.pool.query(
    "INSERT INTO calendar_entries (tenant_id, date, kind, name, note) SELECT tenant_id, '2031-01-02', 'OFF', '测试\\t制表符', E'换行\\n反斜杠\\\\ 和引号 \" '' ' FROM tenants WHERE code = 'shifan'",
  );
  mkdirSync(path.join(work, 'blobs-src', 'ab'), { recursive: true });
  writeFileSync(path.join(work, 'blobs-src', 'ab', 'abcdef.pdf'), Buffer.from('%PDF-1.4 测试附件'));
});

afterAll(async () => {
  await source?.drop();
  await target?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const env = (db: TestDatabase, blobs: string) => ({ DATABASE_URL: db.dbUrl, BLOB_DIR: blobs, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: work });

describe('backup and restore', () => {
  it('round-trips every table and the attachments into an empty database', async () => {
    const file = path.join(work, 'backup.tar.gz');
    const b = await captureOutput(() => runCli(['backup', '--out', file]), env(source, path.join(work, 'blobs-src')));
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('1 个附件');

    const r = await captureOutput(() => runCli(['restore', file]), env(target, path.join(work, 'blobs-dst')));
    expect(r.code, r.stderr).toBe(0);

    const before = await tableDump(source);
    const after = await tableDump(target);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, rows] of before) {
      expect(after.get(table), `table ${table}`).toEqual(rows);
    }
    expect(before.get('units')!.length).toBeGreaterThan(40);
    expect(before.get('audit_log')!.length).toBeGreaterThan(60);
    expect(readFileSync(path.join(work, 'blobs-dst', 'ab', 'abcdef.pdf'), 'utf8')).toBe('%PDF-1.4 测试附件');

    // The restored log still verifies: nothing in it was changed on the way.
    const v = await captureOutput(() => runCli(['audit', 'verify']), env(target, path.join(work, 'blobs-dst')));
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('refuses to restore over existing data unless told to, and then replaces it', async () => {
    const file = path.join(work, 'backup.tar.gz');
    const again = await captureOutput(() => runCli(['restore', file]), env(target, path.join(work, 'blobs-dst2')));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已有数据');
    await target.pool.query("DELETE FROM calendar_entries WHERE name LIKE '测试%'");
    const forced = await captureOutput(() => runCli(['restore', file, '--force']), env(target, path.join(work, 'blobs-dst2')));
    expect(forced.code, forced.stderr).toBe(0);
    const { rows } = await target.pool.query("SELECT count(*)::int AS n FROM calendar_entries WHERE name LIKE '测试%'");
    expect(rows[0].n).toBe(1);
  });

  it('refuses a damaged or foreign file with a clear message', async () => {
    const bad = path.join(work, 'not-a-backup.tar.gz');
    writeFileSync(bad, 'hello');
    const r = await captureOutput(() => runCli(['restore', bad]), env(target, path.join(work, 'blobs-dst3')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/损坏|不是 Gongkai 备份/);
    const missing = await captureOutput(() => runCli(['restore', path.join(work, 'nope.tar.gz')]), env(target, path.join(work, 'blobs-dst3')));
    expect(missing.stderr).toContain('找不到备份文件');
  });
});
