// Backup and restore as one file (.tar.gz): every application table as PostgreSQL COPY text taken in
// one consistent snapshot, the blob folder, and a manifest naming the schema version. It works the same
// on the embedded server and an external one of another major version, because it needs no pg_dump.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import * as tar from 'tar';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_DIR, migrate, type Database } from './client.ts';

export const BACKUP_FORMAT = 'gongkai-backup';

interface TableInfo {
  name: string;
  columns: string[];
  orderBy: string[];
  rows: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  serverVersion: string;
  /** Hashes of the migrations applied in the source database, in order. */
  migrations: string[];
  tables: TableInfo[];
  blobFiles: number;
}

const q = (ident: string) => '"' + ident.replace(/"/g, '""') + '"';

/**
 * Application tables (schema public) in an order that satisfies their foreign keys. A partitioned table
 * (record_search) is copied through its parent: its partitions are not listed, or each row would be
 * copied twice.
 */
async function tablesInDependencyOrder(client: pg.PoolClient | pg.Client): Promise<{ name: string; columns: string[]; orderBy: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND NOT c.relispartition ORDER BY c.relname",
  );
  const { rows: deps } = await client.query<{ child: string; parent: string }>(
    `SELECT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
       JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cc.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cc.relname <> pc.relname AND NOT cc.relispartition AND NOT pc.relispartition`,
  );
  const out: { name: string; columns: string[]; orderBy: string[] }[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: Set<string>) => {
    if (done.has(name)) return;
    if (stack.has(name)) throw new Error(`外键存在环：${[...stack, name].join(' → ')}`);
    stack.add(name);
    for (const d of deps) if (d.child === name) visit(d.parent, stack);
    stack.delete(name);
    done.add(name);
    out.push({ name, columns: [], orderBy: [] });
  };
  for (const t of tables) visit(t.name, new Set());
  for (const t of out) {
    const { rows: cols } = await client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
      [t.name],
    );
    t.columns = cols.map((c) => c.column_name);
    const { rows: pk } = await client.query<{ attname: string }>(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [`public.${q(t.name)}`],
    );
    t.orderBy = pk.length ? pk.map((p) => p.attname) : t.columns;
  }
  return out;
}

async function appliedMigrations(client: pg.PoolClient | pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id').catch(() => ({ rows: [] as { hash: string }[] }));
  return rows.map((r) => r.hash);
}

function walkFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(full, base));
    else if (entry.isFile()) out.push(path.relative(base, full));
  }
  return out;
}

export async function backup(database: Database, opts: { file: string; blobDir: string; appVersion: string }): Promise<BackupManifest> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'gongkai-backup-'));
  const client = await database.pool.connect();
  try {
    mkdirSync(path.join(work, 'tables'));
    // One snapshot for every table: the backup is consistent even while the server keeps writing.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInDependencyOrder(client);
    const infos: TableInfo[] = [];
    for (const t of tables) {
      const cols = t.columns.map(q).join(', ');
      const sql = `COPY (SELECT ${cols} FROM public.${q(t.name)} ORDER BY ${t.orderBy.map(q).join(', ')}) TO STDOUT`;
      await pipeline(client.query(copyTo(sql)), createWriteStream(path.join(work, 'tables', `${t.name}.copy`)));
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${q(t.name)}`);
      infos.push({ ...t, rows: Number(rows[0]!.n) });
    }
    const migrations = await appliedMigrations(client);
    const { rows: ver } = await client.query<{ v: string }>('SHOW server_version');
    await client.query('COMMIT');
    const blobs = walkFiles(opts.blobDir);
    if (blobs.length) cpSync(opts.blobDir, path.join(work, 'blobs'), { recursive: true });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      appVersion: opts.appVersion,
      serverVersion: ver[0]!.v,
      migrations,
      tables: infos,
      blobFiles: blobs.length,
    };
    writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
    await tar.c({ gzip: true, file: opts.file, cwd: work, portable: true }, ['manifest.json', 'tables', ...(blobs.length ? ['blobs'] : [])]);
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
    rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreError extends Error {}

/**
 * Restores a backup into a database that holds no application data (or, with `force`, whose data is
 * to be replaced). The schema is brought to the backup's migration level first, the data loaded in one
 * transaction, and then any newer migrations run over it, so an older backup restores into a newer release.
 */
export async function restore(database: Database, opts: { file: string; blobDir: string; force?: boolean }): Promise<BackupManifest> {
  if (!existsSync(opts.file) || !statSync(opts.file).isFile()) throw new RestoreError(`找不到备份文件：${opts.file}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'gongkai-restore-'));
  try {
    try {
      await tar.x({ file: opts.file, cwd: work, strict: true });
    } catch {
      throw new RestoreError('备份文件已损坏，或不是 Gongkai 备份文件');
    }
    const manifestPath = path.join(work, 'manifest.json');
    if (!existsSync(manifestPath)) throw new RestoreError('备份文件中没有 manifest.json，不是 Gongkai 备份文件');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== 1) throw new RestoreError('不认识的备份格式');

    // Bring the schema to exactly the backup's level.
    const all = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
    const known = all.map((m) => m.hash);
    const level = manifest.migrations.length;
    if (manifest.migrations.some((h, i) => known[i] !== h)) {
      throw new RestoreError('备份来自更新版本或不同分支的 Gongkai（数据库结构不一致），请用生成备份的版本恢复');
    }
    const client = await database.pool.connect();
    try {
      const applied = await appliedMigrations(client);
      if (applied.length > level) {
        if (!opts.force) throw new RestoreError('目标数据库的结构比备份新；请恢复到空数据库');
      }
      if (applied.length === 0 || applied.length < level) {
        await migrateTo(database, level);
      }
      const tables = await tablesInDependencyOrder(client);
      const names = new Set(tables.map((t) => t.name));
      for (const t of manifest.tables) if (!names.has(t.name)) throw new RestoreError(`目标数据库缺少表 ${t.name}`);
      await client.query('BEGIN');
      const existing = await client.query<{ n: string }>(
        `SELECT (${tables.map((t) => `(SELECT count(*) FROM public.${q(t.name)})`).join(' + ') || '0'})::text AS n`,
      );
      if (Number(existing.rows[0]!.n) > 0) {
        if (!opts.force) throw new RestoreError('目标数据库已有数据。恢复会覆盖全部数据，请确认后加 --force');
        await client.query(`TRUNCATE ${tables.map((t) => `public.${q(t.name)}`).join(', ')} CASCADE`);
      }
      for (const t of manifest.tables) {
        const file = path.join(work, 'tables', `${t.name}.copy`);
        if (!existsSync(file)) throw new RestoreError(`备份中缺少表 ${t.name} 的数据`);
        await pipeline(createReadStream(file), client.query(copyFrom(`COPY public.${q(t.name)} (${t.columns.map(q).join(', ')}) FROM STDIN`)));
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${q(t.name)}`);
        if (Number(rows[0]!.n) !== t.rows) throw new RestoreError(`表 ${t.name} 恢复后行数 ${rows[0]!.n} 与备份记录的 ${t.rows} 不符`);
      }
      await resetSequences(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    // Then whatever this release adds on top.
    await migrate(database);

    const blobs = path.join(work, 'blobs');
    if (existsSync(blobs)) {
      if (walkFiles(opts.blobDir).length && !opts.force) throw new RestoreError(`附件目录 ${opts.blobDir} 不为空；确认覆盖请加 --force`);
      mkdirSync(opts.blobDir, { recursive: true });
      cpSync(blobs, opts.blobDir, { recursive: true, force: true });
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the first `level` migrations only (the backup's schema), from a copy of the journal cut there. */
async function migrateTo(database: Database, level: number): Promise<void> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-migrations-'));
  try {
    mkdirSync(path.join(dir, 'meta'));
    const entries = journal.entries.slice(0, level);
    writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) cpSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    await drizzleMigrate(database.db, { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const r of rows) {
    await client.query(`SELECT setval('public.${q(r.seq)}', COALESCE((SELECT max(${q(r.col)}) FROM public.${q(r.tbl)}), 0) + 1, false)`);
  }
}
