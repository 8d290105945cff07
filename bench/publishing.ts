// Benchmark of the bulk import of existing records (存量政府信息导入) against a plain multi-row INSERT of the
// same rows, on the same PostgreSQL server in the same run. See bench/README.md.
//
//   npm run bench:publishing                 # 100,000 rows
//   BENCH_ROWS=20000 npm run bench:publishing
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { Caller } from '../src/core/auth/caller.ts';
import { systemActor } from '../src/core/auth/principal.ts';
import { ensureDatabase, migrate, openDatabase, type Database } from '../src/db/client.ts';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { LocalBlobStore } from '../src/modules/files/index.ts';
import { dryRunImport, runImport } from '../src/modules/publishing/import.ts';
import { benchUnits, generateSheet } from './corpus.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 1000;

const COLUMNS = [
  'tenant_id', 'id', 'unit_id', 'issuer', 'title', 'body_html', 'body_text', 'doc_no', 'doc_no_issuer', 'doc_no_year', 'doc_no_seq', 'index_no', 'genre', 'topics', 'keywords',
  'written_on', 'formed_on', 'due_on', 'due_explanation', 'published_at', 'working_days_late', 'attribute', 'attribute_ground', 'attribute_review_on', 'state', 'validity', 'import_batch_id', 'created_by',
];

/** The baseline: the same rows, as plain multi-row INSERTs of BATCH rows, one transaction per batch. */
async function plainInsert(pool: pg.Pool, table: string, rows: unknown[][]): Promise<number> {
  const client = await pool.connect();
  try {
    const head = `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES `;
    const started = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => '(' + r.map((v) => (params.push(v), '$' + params.length)).join(',') + ')');
      await client.query('BEGIN');
      await client.query(head + tuples.join(','), params);
      await client.query('COMMIT');
    }
    return performance.now() - started;
  } finally {
    client.release();
  }
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} records/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  const open: Database[] = [];
  try {
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const server = embedded;
    await ensureDatabase(server.serverUrl('postgres'), 'gongkai');
    const seeded = openDatabase(server.serverUrl('gongkai'), { max: 4 });
    await migrate(seeded);
    const blobs = new LocalBlobStore(path.join(dataDir, 'blobs'));
    await seedDemo(seeded.db, { production: false, blobs });
    await seeded.close();
    // A second copy of the seeded database: the import runs once in each and the faster run counts.
    const admin = openDatabase(server.serverUrl('postgres'), { max: 1 });
    await admin.pool.query('CREATE DATABASE gongkai_2 TEMPLATE gongkai');
    await admin.close();
    const connect = (name: string) => {
      const d = openDatabase(server.serverUrl(name), { max: 4 });
      open.push(d);
      return d;
    };
    const database = connect('gongkai');
    const pool = database.pool;
    const { rows: t } = await pool.query<{ tenant_id: string }>("SELECT tenant_id FROM tenants WHERE code = 'shifan'");
    const tenantId = t[0]!.tenant_id;
    const units = await benchUnits(pool, tenantId);
    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;

    let started = performance.now();
    const sheet = generateSheet(units, ROWS);
    const generated = performance.now() - started;
    console.log(`PostgreSQL ${version} (embedded), ${os.cpus().length} CPUs; ${ROWS.toLocaleString('en-US')} rows generated (${(sheet.length / 1e6).toFixed(1)} MB CSV) in ${secs(generated)}`);

    const caller: Caller = { kind: 'system', actor: systemActor(tenantId, '基准测试') };
    const input = { fileName: 'bench.csv', bytes: new Uint8Array(sheet) };
    started = performance.now();
    const dry = await dryRunImport(database.db, caller, input);
    const dryMs = performance.now() - started;
    if (dry.errors.length) throw new Error(`the generated sheet has errors: ${JSON.stringify(dry.errors.slice(0, 5))}`);
    console.log(`dry run (parse + check, no writes):      ${secs(dryMs)}  ${rate(ROWS, dryMs)}`);

    const importRuns: number[] = [];
    for (const d of [database, connect('gongkai_2')]) {
      await d.pool.query('CHECKPOINT');
      started = performance.now();
      const result = await runImport(d.db, blobs, caller, input, { batchSize: BATCH });
      importRuns.push(performance.now() - started);
      if (result.imported !== ROWS) throw new Error(`imported ${result.imported} of ${ROWS}`);
    }
    const importMs = Math.min(...importRuns);
    console.log(`import (runImport: parse, check, insert): ${secs(importMs)}  ${rate(ROWS, importMs)}  (best of ${importRuns.map(secs).join(', ')}; batches of ${BATCH}, each with its events, batch row and audit entry)`);

    // The baseline inserts exactly the rows the import stored, read back from the records table in the
    // order they were written (physical order: the table only grew), so every index sees the same order.
    const { rows } = await pool.query({ text: `SELECT ${COLUMNS.join(', ')} FROM records WHERE import_batch_id IS NOT NULL ORDER BY ctid`, rowMode: 'array' });
    await pool.query('CREATE TABLE bench_plain (LIKE records INCLUDING DEFAULTS)');
    await pool.query('CREATE TABLE bench_indexed (LIKE records INCLUDING ALL)');
    // Twice too, keeping the faster: the floor, not a run that happened to share the machine with something.
    const plainRuns: number[] = [];
    for (let run = 0; run < 2; run++) {
      await pool.query('TRUNCATE bench_plain');
      await pool.query('CHECKPOINT');
      plainRuns.push(await plainInsert(pool, 'bench_plain', rows as unknown[][]));
    }
    const plainMs = Math.min(...plainRuns);
    console.log(`plain INSERT into a copy without indexes: ${secs(plainMs)}  ${rate(ROWS, plainMs)}  (baseline; best of ${plainRuns.map(secs).join(', ')})`);
    await pool.query('CHECKPOINT');
    const indexedMs = await plainInsert(pool, 'bench_indexed', rows as unknown[][]);
    console.log(`plain INSERT into a copy with indexes:    ${secs(indexedMs)}  ${rate(ROWS, indexedMs)}  (for information)`);
    // The same table shape as `records` itself: its indexes and its foreign keys to tenants and units.
    await pool.query('CREATE TABLE bench_keyed (LIKE records INCLUDING ALL)');
    await pool.query('ALTER TABLE bench_keyed ADD FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id), ADD FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)');
    await pool.query('CHECKPOINT');
    const keyedMs = await plainInsert(pool, 'bench_keyed', rows as unknown[][]);
    console.log(`plain INSERT into a copy with indexes and foreign keys: ${secs(keyedMs)}  ${rate(ROWS, keyedMs)}  (for information)`);
    console.log(
      `ratio import / plain insert: ${(importMs / plainMs).toFixed(2)}×  (import / indexed copy: ${(importMs / indexedMs).toFixed(2)}×; import / indexed copy with foreign keys: ${(importMs / keyedMs).toFixed(2)}×; dry run alone: ${(dryMs / plainMs).toFixed(2)}×)`,
    );
  } finally {
    for (const d of open) await d.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
