// 存量政府信息导入 (bulk import of existing records) from a metadata sheet and, on the command line, a folder
// of attachment files.
//
// `dryRunImport` lists every row that would fail and why (the sheet's own problems, then units, scope,
// 文号/索引号 already used, attachment files); nothing is written. `runImport` refuses to start while there is
// any, then imports batch by batch: each batch is ONE transaction holding its records, their events, their
// attachments' rows, its import_batches row ('committed') and one audit entry, so a batch is all there or
// not at all, even when the process is killed mid-batch. Attachments are read, classified by content, their
// text extracted and their bytes stored (content-addressed) BEFORE the batch's transaction: a crash leaves at
// most unreferenced blobs. A re-run of the same file skips the rows already imported (by 索引号, else 文号,
// else unit + title + 形成日期), so a crashed import is simply run again.
//
// Speed: rows go in as multi-row INSERTs (≤ 1000 rows and < 65535 parameters per statement); index numbers
// are drawn from the same counters as `issueIndexNo`, advanced once per scope and batch; the calendar is
// loaded once and each 形成日期's Art. 26 due date computed once; the next batch is prepared while the
// database commits the current one.
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { and, eq } from 'drizzle-orm';
import type pg from 'pg';
import { can, type Caller } from '../../core/auth/caller.ts';
import { actorOf, type Principal } from '../../core/auth/principal.ts';
import { grantsAnywhere, isRole, PERMISSION_LABELS, type Grant } from '../../core/auth/roles.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { AppError, conflict, forbidden } from '../../core/errors.ts';
import { classifyUpload, mismatchMessage, sizeProblem, type FileKind } from '../../core/files/sniff.ts';
import { publicationDeadline } from '../../core/publishing/deadline.ts';
import { ATTRIBUTE_LABELS } from '../../core/publishing/disclosure.ts';
import { DEFAULT_INDEX_PATTERN, formatIndexNo, indexScope, type IndexNoParts } from '../../core/publishing/index-no.ts';
import { formatIssue, importBody, ImportFileError, IMPORT_COLUMNS, parseImportFile, type ImportRow, type ParsedImport, type RowIssue } from '../../core/publishing/import-rows.ts';
import { STATE_LABELS, type RecordState } from '../../core/publishing/workflow.ts';
import type { Db } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { extractText, type BlobStore } from '../files/index.ts';
import { tenants, unitAliases, units } from '../org/schema.ts';
import type { UnitRow } from '../org/units.ts';
import { cleanFileName } from './attachments.ts';
import { reviewOn } from './records.ts';

export interface ImportInput {
  /** The metadata sheet's name, kept with each batch (import_batches.file_name). */
  fileName: string;
  bytes: Uint8Array;
  /** Folder holding the files named in 附件 (command line). Absent: rows naming attachments are refused. */
  filesDir?: string | null;
  /** Largest attachment accepted (UPLOAD_MAX_BYTES; default 50 MB). */
  maxFileBytes?: number;
  /** The message for a row naming attachments when there is no folder (e.g. an upload through the console). */
  noFilesMessage?: string;
}

export interface ImportSummary {
  fileName: string;
  format: 'xlsx' | 'csv' | null;
  encoding: string | null;
  /** Data rows read (empty rows not counted). */
  rows: number;
  /** Rows that would be (or were) imported now. */
  toImport: number;
  /** Rows already imported by an earlier run (identified by 索引号, 文号, or unit + title + 形成日期). */
  alreadyImported: number;
  attachments: number;
  /** Rows to import by the state they get. */
  states: Partial<Record<RecordState, number>>;
  /** Problems that keep the import from starting. Empty when it can run. */
  errors: RowIssue[];
  /** Problems that do not (something ignored or not kept), for the person to check. */
  warnings: RowIssue[];
}

export interface ImportBatchResult {
  id: string;
  rows: number;
  firstRow: number;
  lastRow: number;
}

export interface ImportResult extends ImportSummary {
  imported: number;
  batches: ImportBatchResult[];
}

export interface ImportProgress {
  batch: number;
  batches: number;
  batchId: string;
  rows: number;
  firstRow: number;
  lastRow: number;
  /** Rows imported so far in this run. */
  imported: number;
  /** Rows this run imports in all. */
  total: number;
}

export interface ImportOptions {
  /** Rows per batch (= per transaction); default 1000. */
  batchSize?: number;
  /** Called after each batch has been committed. */
  onProgress?: (p: ImportProgress) => void;
}

/** The dry run found problems: nothing was imported. Its details carry every problem. */
export class ImportInvalidError extends AppError {
  constructor(readonly summary: ImportSummary) {
    super(400, 'IMPORT_INVALID', `导入文件中有 ${summary.errors.length} 处错误，未导入任何信息：${summary.errors.slice(0, 3).map(formatIssue).join('；')}${summary.errors.length > 3 ? '……' : ''}`, {
      // The answer stays a reasonable size; the dry run (and the command line) list every problem.
      errorCount: summary.errors.length,
      errors: summary.errors.slice(0, 1000),
      warnings: summary.warnings.slice(0, 1000),
    });
  }
}

const DEFAULT_BATCH = 1000;
const MAX_BATCH = 5000;
/** Rows per INSERT statement, and PostgreSQL's limit of bind parameters per statement. */
const MAX_ROWS_PER_STATEMENT = 1000;
const MAX_PARAMS = 65_535;
/** pg_advisory_lock(IMPORT_LOCK, hashtext(tenant)): one import per tenant at a time. */
const IMPORT_LOCK = 7_310_443;
const FILE_CONCURRENCY = 8;

// ---------------------------------------------------------------------------------------------------
// Checking

interface AttachmentPlan {
  fileName: string;
  path: string;
  size: number;
}

interface PlannedRow {
  row: ImportRow;
  unit: UnitRow;
  attachments: AttachmentPlan[];
  state: RecordState;
}

interface Checked {
  summary: ImportSummary;
  parsed: ParsedImport | null;
  pending: PlannedRow[];
  tenantCode: string;
  indexPattern: string;
}

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** The unit a 发布机构 cell names: full name, short name or alias of a current unit, a unit code, or an abolished unit's name. */
async function unitResolver(db: Db, tenantId: string) {
  const all = await db.select().from(units).where(eq(units.tenantId, tenantId));
  const aliases = await db.select({ unitId: unitAliases.unitId, alias: unitAliases.alias }).from(unitAliases).where(eq(unitAliases.tenantId, tenantId));
  const byId = new Map(all.map((u) => [u.id, u]));
  const active = new Map<string, UnitRow>();
  const abolished = new Map<string, UnitRow>();
  const codes = new Map<string, UnitRow>();
  for (const u of all) {
    const target = u.abolishedAt ? abolished : active;
    for (const n of [u.name, u.shortName]) if (!target.has(norm(n))) target.set(norm(n), u);
    codes.set(u.code.toLowerCase(), u);
  }
  for (const a of aliases) {
    const u = byId.get(a.unitId);
    if (u && !active.has(norm(a.alias))) active.set(norm(a.alias), u);
  }
  return (text: string): UnitRow | undefined => {
    const n = norm(text);
    return active.get(n) ?? codes.get(n.toLowerCase()) ?? abolished.get(n);
  };
}

/** Finds a file of the folder by its name as written, else by its Unicode-normalised, case-folded name. */
function fileFinder(dir: string) {
  const listings = new Map<string, Promise<Map<string, string>>>();
  const key = (s: string) => s.normalize('NFC').toLowerCase();
  const listing = (folder: string) => {
    let p = listings.get(folder);
    if (!p) {
      p = readdir(folder)
        .then((names) => new Map(names.map((n) => [key(n), n])))
        .catch(() => new Map<string, string>());
      listings.set(folder, p);
    }
    return p;
  };
  const root = path.resolve(dir);
  return async (name: string): Promise<{ path: string; size: number } | { problem: 'outside' | 'missing' | 'not_file' }> => {
    const full = path.resolve(root, name);
    if (!full.startsWith(root + path.sep)) return { problem: 'outside' };
    let s = await stat(full).catch(() => null);
    let found = full;
    if (!s) {
      const alt = (await listing(path.dirname(full))).get(key(path.basename(full)));
      if (alt) {
        found = path.join(path.dirname(full), alt);
        s = await stat(found).catch(() => null);
      }
    }
    if (!s) return { problem: 'missing' };
    if (!s.isFile()) return { problem: 'not_file' };
    return { path: found, size: s.size };
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

function stateOf(r: ImportRow): RecordState {
  // Published when it went out (a 发布日期) as proactive information; otherwise approved: on-request and
  // withheld records stay internal, and records without an attribute wait for it (源头认定).
  return r.attribute === 'proactive' && r.publishedOn ? 'published' : 'approved';
}

/** Everything the dry run and the import check, in bulk: one query per kind of check, not per row. */
async function check(db: Db, caller: Caller, input: ImportInput): Promise<Checked> {
  const tenantId = caller.actor.tenantId;
  if (caller.kind === 'user' && !grantsAnywhere(caller.principal.grants, 'records.import')) {
    throw forbidden(`您没有「${PERMISSION_LABELS['records.import']}」的权限`);
  }
  const [tenant] = await db.select({ code: tenants.code, settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  const tenantCode = tenant?.code ?? '';
  const indexPattern = (tenant?.settings as { indexPattern?: string } | undefined)?.indexPattern || DEFAULT_INDEX_PATTERN;
  const summary: ImportSummary = {
    fileName: input.fileName,
    format: null,
    encoding: null,
    rows: 0,
    toImport: 0,
    alreadyImported: 0,
    attachments: 0,
    states: {},
    errors: [],
    warnings: [],
  };
  let parsed: ParsedImport;
  try {
    parsed = await parseImportFile(input.bytes, input.fileName, { today: todayLocal() });
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    summary.errors.push({ row: 0, column: '', message: e.message });
    return { summary, parsed: null, pending: [], tenantCode, indexPattern };
  }
  summary.format = parsed.format;
  summary.encoding = parsed.encoding ?? null;
  summary.rows = parsed.rows.length;
  const errors: RowIssue[] = [...parsed.errors];
  const warnings: RowIssue[] = [...parsed.warnings];
  const col = (f: keyof typeof IMPORT_COLUMNS) => parsed.columns[f] ?? IMPORT_COLUMNS[f].label;

  // Units and scope.
  const resolve = await unitResolver(db, tenantId);
  const planned: (PlannedRow | null)[] = parsed.rows.map((r) => {
    if (!r.unit) return null;
    const unit = resolve(r.unit);
    if (!unit) {
      errors.push({ row: r.row, column: col('unit'), message: `${col('unit')}“${r.unit}”不是本站点的单位（可填写单位全称、简称、别名或单位编码）` });
      return null;
    }
    if (!can(caller, 'records.import', unit)) {
      errors.push({ row: r.row, column: col('unit'), message: `您没有对「${unit.name}」${PERMISSION_LABELS['records.import']}的权限` });
      return null;
    }
    return { row: r, unit, attachments: [], state: stateOf(r) };
  });

  // Rows with neither 文号 nor 索引号 are told apart by unit + title + 形成日期 (that is how a re-run finds them).
  const identities = new Map<string, number>();
  for (const p of planned) {
    if (!p || p.row.docNo || p.row.indexNo || !p.row.title || !p.row.formedOn) continue;
    const key = `${p.unit.id}\u0000${p.row.title}\u0000${p.row.formedOn}`;
    const first = identities.get(key);
    if (first !== undefined) {
      errors.push({
        row: p.row.row,
        column: col('title'),
        message: `与第${first}行的${col('title')}、${col('unit')}和日期都相同，两行都没有${col('docNo')}和${col('indexNo')}，疑似重复；确属两条信息的，请填写各自的${col('docNo')}或${col('indexNo')}`,
      });
    } else identities.set(key, p.row.row);
  }

  // Already in the database: this file's rows from an earlier run (skipped), or other records (errors).
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const indexNos = parsed.rows.filter((r) => r.indexNo).map((r) => r.indexNo!);
  const fileIndexNos = new Set(indexNos);
  const byIndex = new Map<string, { id: string; title: string; imported: boolean }>();
  for (let i = 0; i < indexNos.length; i += 20_000) {
    const { rows } = await pool.query<{ id: string; title: string; index_no: string; imported: boolean }>(
      'SELECT id, title, index_no, import_batch_id IS NOT NULL AS imported FROM records WHERE tenant_id = $1 AND index_no = ANY($2::text[])',
      [tenantId, indexNos.slice(i, i + 20_000)],
    );
    for (const r of rows) byIndex.set(r.index_no, r);
  }
  const docRows = parsed.rows.filter((r) => r.docNo);
  const docKey = (issuer: string, year: number, seq: number) => `${issuer}\u0000${year}\u0000${seq}`;
  const byDoc = new Map<string, { id: string; title: string; imported: boolean }>();
  for (let i = 0; i < docRows.length; i += 20_000) {
    const slice = docRows.slice(i, i + 20_000);
    const { rows } = await pool.query<{ id: string; title: string; doc_no_issuer: string; doc_no_year: number; doc_no_seq: number; imported: boolean }>(
      `SELECT r.id, r.title, r.doc_no_issuer, r.doc_no_year, r.doc_no_seq, r.import_batch_id IS NOT NULL AS imported
         FROM records r JOIN unnest($2::text[], $3::int[], $4::int[]) AS k(issuer, year, seq)
           ON r.doc_no_issuer = k.issuer AND r.doc_no_year = k.year AND r.doc_no_seq = k.seq
        WHERE r.tenant_id = $1 AND r.doc_no IS NOT NULL`,
      [tenantId, slice.map((r) => r.docNo!.issuerCode), slice.map((r) => r.docNo!.year), slice.map((r) => r.docNo!.sequence)],
    );
    for (const r of rows) byDoc.set(docKey(r.doc_no_issuer, r.doc_no_year, r.doc_no_seq), r);
  }
  const plainRows = planned.filter((p): p is PlannedRow => !!p && !p.row.docNo && !p.row.indexNo && !!p.row.title && !!p.row.formedOn);
  const byIdentity = new Set<string>();
  for (let i = 0; i < plainRows.length; i += 20_000) {
    const slice = plainRows.slice(i, i + 20_000);
    const { rows } = await pool.query<{ unit_id: string; title: string; formed_on: string; index_no: string }>(
      `SELECT r.unit_id, r.title, r.formed_on::text AS formed_on, r.index_no
         FROM records r JOIN unnest($2::uuid[], $3::text[], $4::date[]) AS k(unit_id, title, formed_on)
           ON r.unit_id = k.unit_id AND r.title = k.title AND r.formed_on = k.formed_on
        WHERE r.tenant_id = $1 AND r.import_batch_id IS NOT NULL AND r.doc_no IS NULL`,
      [tenantId, slice.map((p) => p.unit.id), slice.map((p) => p.row.title), slice.map((p) => p.row.formedOn)],
    );
    // A record holding one of this file's own 索引号 is that row's, not a row without numbers.
    for (const r of rows) if (!fileIndexNos.has(r.index_no)) byIdentity.add(`${r.unit_id}\u0000${r.title}\u0000${r.formed_on}`);
  }

  const pending: PlannedRow[] = [];
  const skipped = new Set<number>();
  parsed.rows.forEach((r, i) => {
    const p = planned[i];
    let sameRecord: string | null = null;
    if (r.indexNo) {
      const hit = byIndex.get(r.indexNo);
      if (hit?.imported && hit.title === r.title) sameRecord = hit.id;
      else if (hit) errors.push({ row: r.row, column: col('indexNo'), message: `${col('indexNo')}“${r.indexNo}”已被《${hit.title}》使用` });
    }
    if (r.docNo) {
      const hit = byDoc.get(docKey(r.docNo.issuerCode, r.docNo.year, r.docNo.sequence));
      if (hit && hit.id !== sameRecord) {
        if (!r.indexNo && hit.imported && hit.title === r.title) sameRecord = hit.id;
        else errors.push({ row: r.row, column: col('docNo'), message: `${col('docNo')}“${r.docNo.normalized}”已被《${hit.title}》使用（同一发文机关同一年度的文号不能重复）` });
      }
    }
    if (!r.indexNo && !r.docNo && p && byIdentity.has(`${p.unit.id}\u0000${r.title}\u0000${r.formedOn}`)) sameRecord = 'identity';
    if (sameRecord) skipped.add(r.row);
    else if (p) pending.push(p);
  });
  summary.alreadyImported = skipped.size;

  // Attachment files: present in the folder, not too large, and what their names say (by content).
  const finder = input.filesDir ? fileFinder(input.filesDir) : null;
  const maxBytes = input.maxFileBytes ?? 52_428_800;
  const jobs: { p: PlannedRow; name: string }[] = [];
  for (const p of pending) {
    if (!p.row.attachments.length) continue;
    if (!finder) {
      errors.push({ row: p.row.row, column: col('attachments'), message: input.noFilesMessage ?? `本行列出了${col('attachments')}，但没有指定附件所在的文件夹（--files）` });
      continue;
    }
    for (const name of p.row.attachments) jobs.push({ p, name });
  }
  const found = await mapLimit(jobs, FILE_CONCURRENCY, async ({ p, name }) => {
    const where = await finder!(name);
    const issue = (message: string) => ({ row: p.row.row, column: col('attachments'), message });
    if ('problem' in where) {
      if (where.problem === 'outside') return issue(`${col('attachments')}“${name}”不在附件文件夹中`);
      if (where.problem === 'not_file') return issue(`${col('attachments')}“${name}”是文件夹，不是文件`);
      return issue(`附件文件“${name}”在附件文件夹中找不到`);
    }
    const size = sizeProblem(where.size, maxBytes, name);
    if (size) return issue(size.message);
    const kind = await classifyUpload(new Uint8Array(await readFile(where.path)), name);
    if (!kind.ok) return issue(kind.message);
    if (!kind.nameMatches) return issue(mismatchMessage(name, kind.kind));
    return { fileName: cleanFileName(name), path: where.path, size: where.size };
  });
  jobs.forEach((j, i) => {
    const f = found[i]!;
    if ('message' in f) errors.push(f);
    else j.p.attachments.push(f);
  });

  // What would be imported: rows without any problem (nothing is, while there is one).
  const withErrors = new Set(errors.map((e) => e.row));
  const clean = pending.filter((p) => !withErrors.has(p.row.row));
  summary.toImport = clean.length;
  summary.attachments = clean.reduce((n, p) => n + p.attachments.length, 0);
  for (const p of clean) summary.states[p.state] = (summary.states[p.state] ?? 0) + 1;
  const order = new Map((Object.keys(IMPORT_COLUMNS) as (keyof typeof IMPORT_COLUMNS)[]).map((f, i) => [col(f), i]));
  const sort = (list: RowIssue[]) => list.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
  summary.errors = sort(errors);
  summary.warnings = sort(warnings);
  return { summary, parsed, pending, tenantCode, indexPattern };
}

/** Every row that would fail and why; nothing is saved. */
export async function dryRunImport(db: Db, caller: Caller, input: ImportInput): Promise<ImportSummary> {
  return (await check(db, caller, input)).summary;
}

// ---------------------------------------------------------------------------------------------------
// Importing

interface PreparedAttachment {
  fileName: string;
  kind: FileKind;
  mime: string;
  size: number;
  blobKey: string;
  sha256: string;
  text: string;
  extractWarning: string | null;
}

interface PreparedRow {
  id: string;
  p: PlannedRow;
  bodyHtml: string;
  bodyText: string;
  dueOn: string | null;
  dueExplanation: string | null;
  workingDaysLate: number | null;
  attributeReviewOn: string | null;
  /** Kept from the sheet, or drawn from this scope's counter in the batch's transaction. */
  indexNo: string | null;
  scope: string | null;
  parts: IndexNoParts;
  attachments: PreparedAttachment[];
}

/** Runs a list of INSERT … VALUES in statements of at most 1000 rows and 65535 parameters. */
async function insertRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const per = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length)));
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const tuples: string[] = new Array(chunk.length);
    for (let r = 0; r < chunk.length; r++) {
      const values = chunk[r]!;
      let t = '(';
      for (let c = 0; c < values.length; c++) {
        params.push(values[c]);
        t += (c ? ',$' : '$') + params.length;
      }
      tuples[r] = t + ')';
    }
    await client.query(head + tuples.join(','), params);
  }
}

const RECORD_COLUMNS = [
  'tenant_id',
  'id',
  'unit_id',
  'issuer',
  'title',
  'body_html',
  'body_text',
  'doc_no',
  'doc_no_issuer',
  'doc_no_year',
  'doc_no_seq',
  'index_no',
  'genre',
  'topics',
  'keywords',
  'written_on',
  'formed_on',
  'due_on',
  'due_explanation',
  'published_at',
  'working_days_late',
  'attribute',
  'attribute_ground',
  'attribute_review_on',
  'state',
  'validity',
  'import_batch_id',
  'created_by',
] as const;

const ATTACHMENT_COLUMNS = ['tenant_id', 'record_id', 'file_name', 'kind', 'mime', 'size', 'blob_key', 'sha256', 'text', 'extract_warning', 'sort_order', 'created_by'] as const;

function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string };
  if (err.code !== '23505') return null;
  if (err.constraint === 'records_index_no_uq') return '索引号与已有信息重复';
  if (err.constraint === 'records_doc_no_uq') return '文号与已有信息重复';
  return '与已有数据重复';
}

/**
 * Imports the sheet (and its attachments) batch by batch. Refuses to start while the dry run finds any
 * error. Rows imported by an earlier run of the same file are skipped.
 */
export async function runImport(db: Db, blobs: BlobStore, caller: Caller, input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const tenantId = caller.actor.tenantId;
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(opts.batchSize ?? DEFAULT_BATCH)));
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  // One connection for the whole import: it holds the tenant's import lock (released if the process dies)
  // and runs every batch's transaction.
  const client = await pool.connect();
  let locked = false;
  let failed = false;
  try {
    // A few seconds' grace: the session of an import killed a moment ago may still be ending on the server.
    for (let attempt = 0; !locked && attempt < 20; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [IMPORT_LOCK, tenantId]);
      locked = rows[0]!.ok;
    }
    if (!locked) throw conflict('本站点正在进行另一个存量信息导入，请等它结束后再试');
    const checked = await check(db, caller, input);
    if (checked.summary.errors.length) throw new ImportInvalidError(checked.summary);
    const result: ImportResult = { ...checked.summary, imported: 0, batches: [] };
    if (!checked.pending.length) return result;
    await importBatches(client, blobs, caller, input, checked, batchSize, result, opts.onProgress);
    // A bulk load changes the table's shape at once; autovacuum would notice only later, and until then
    // the planner works from the old statistics (an empty table after a first import).
    if (result.imported >= 1000) await client.query('ANALYZE records, record_events');
    return result;
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    const unlocked = !locked || (await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [IMPORT_LOCK, tenantId]).then(() => true, () => false));
    // A connection that failed, or still holds the lock, is closed rather than handed back to the pool.
    client.release(failed || !unlocked);
  }
}

async function importBatches(
  client: pg.PoolClient,
  blobs: BlobStore,
  caller: Caller,
  input: ImportInput,
  checked: Checked,
  batchSize: number,
  result: ImportResult,
  onProgress: ImportOptions['onProgress'],
): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const tx = drizzle(client, { schema });
  const calendar = await tenantCalendar(tx, tenantId);
  const today = todayLocal();
  const pattern = checked.indexPattern;
  const deadlines = new Map<string, { due: string; explanation: string }>();
  const deadline = (formedOn: string) => {
    let d = deadlines.get(formedOn);
    if (!d) {
      const x = publicationDeadline(calendar, formedOn);
      d = { due: x.due, explanation: [x.explanation, ...x.warnings].join(' ') };
      deadlines.set(formedOn, d);
    }
    return d;
  };
  const partsOf = (p: PlannedRow, dateForYear: string): IndexNoParts => ({
    unitCode: p.unit.code,
    orgCode: p.unit.orgCode,
    tenantCode: checked.tenantCode,
    year: Number(dateForYear.slice(0, 4)),
    month: Number(dateForYear.slice(5, 7)),
    catalogueCode: null,
  });

  // 索引号 kept from the old system that fall in one of our counters' scopes push that counter past them,
  // so that no number issued later (by this import or by the console) can collide with them.
  const [before, after] = pattern.split(/\{seq(?::\d)?\}/) as [string, string];
  const keptBumps = new Map<string, number>();
  for (const p of checked.pending) {
    const indexNo = p.row.indexNo;
    if (!indexNo) continue;
    for (const d of new Set([p.row.writtenOn || p.row.formedOn, p.row.publishedOn].filter((x): x is string => !!x))) {
      const parts = partsOf(p, d);
      const prefix = formatIndexNo(before, parts, 0);
      const suffix = formatIndexNo(after, parts, 0);
      if (!indexNo.startsWith(prefix) || !indexNo.endsWith(suffix) || indexNo.length <= prefix.length + suffix.length) continue;
      const digits = indexNo.slice(prefix.length, indexNo.length - suffix.length);
      if (!/^\d{1,9}$/.test(digits)) continue;
      const scope = indexScope(pattern, parts);
      keptBumps.set(scope, Math.max(keptBumps.get(scope) ?? 0, Number(digits)));
    }
  }

  // The foreign-key checks of the events (and attachments) look records up by key. PostgreSQL plans that
  // look-up once per session: planned while `records` is nearly empty, it scans the table, and a large first
  // import slows down quadratically. Statistics refreshed whenever the import has doubled the table keep the
  // plan an index look-up (a handful of ANALYZEs however many rows; none for a table already large).
  const { rows: sized } = await client.query<{ n: number }>("SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'records'::regclass");
  let analyzedAt = Number(sized[0]?.n ?? 0);
  let insertedSince = 0;

  const actorId = caller.actor.userId ?? null;
  const fileLabel = input.fileName;
  const batches: PlannedRow[][] = [];
  for (let i = 0; i < checked.pending.length; i += batchSize) batches.push(checked.pending.slice(i, i + batchSize));
  const total = checked.pending.length;

  /** CPU and file work of a batch, done outside its transaction (and while the previous one commits). */
  const prepare = async (batch: PlannedRow[]): Promise<PreparedRow[]> => {
    const out: PreparedRow[] = [];
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      const r = p.row;
      const body = importBody(r.body);
      const due = r.attribute === 'proactive' ? deadline(r.formedOn) : null;
      const parts = partsOf(p, r.writtenOn || r.formedOn);
      const attachments: PreparedAttachment[] = [];
      for (const a of p.attachments) {
        const bytes = new Uint8Array(await readFile(a.path));
        const problem = sizeProblem(bytes.length, input.maxFileBytes ?? 52_428_800, a.fileName);
        const kind = await classifyUpload(bytes, a.fileName);
        if (problem || !kind.ok || !kind.nameMatches) {
          throw new AppError(409, 'IMPORT_FILE_CHANGED', `第${r.row}行的附件“${a.fileName}”在检查之后被改动，已不符合要求；请重新运行导入（已导入的批次会自动跳过）`);
        }
        const extracted = await extractText(bytes, kind.kind);
        const stored = await blobs.put(bytes, { contentType: kind.mime });
        attachments.push({ fileName: a.fileName, kind: kind.kind, mime: kind.mime, size: stored.size, blobKey: stored.key, sha256: stored.sha256, text: extracted.text, extractWarning: extracted.warning ?? null });
      }
      out.push({
        id: randomUUID(),
        p,
        bodyHtml: body.html,
        bodyText: body.text,
        dueOn: due?.due ?? null,
        dueExplanation: due?.explanation ?? null,
        workingDaysLate: p.state === 'published' && due ? calendar.workingDaysLate(due.due, r.publishedOn!) : null,
        attributeReviewOn: reviewOn(r.attribute, today),
        indexNo: r.indexNo,
        scope: r.indexNo ? null : indexScope(pattern, parts),
        parts,
        attachments,
      });
      // Short slices: the answers to the batch being committed are not kept waiting behind this work.
      if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  };

  const commit = async (rows: PreparedRow[], n: number): Promise<ImportBatchResult> => {
    const batchId = randomUUID();
    const firstRow = rows[0]!.p.row.row;
    const lastRow = rows[rows.length - 1]!.p.row.row;
    await tx.transaction(async (t) => {
      // Index numbers: every scope's counter advanced once for the whole batch, in scope order.
      if (n === 0 && keptBumps.size) {
        const scopes = [...keptBumps.keys()].sort();
        await client.query(
          `INSERT INTO index_counters (tenant_id, scope, last_seq) SELECT $1, s, n FROM unnest($2::text[], $3::int[]) AS t(s, n)
           ON CONFLICT (tenant_id, scope) DO UPDATE SET last_seq = GREATEST(index_counters.last_seq, EXCLUDED.last_seq)`,
          [tenantId, scopes, scopes.map((s) => keptBumps.get(s)!)],
        );
      }
      const wanted = new Map<string, number>();
      for (const r of rows) if (r.scope) wanted.set(r.scope, (wanted.get(r.scope) ?? 0) + 1);
      if (wanted.size) {
        const scopes = [...wanted.keys()].sort();
        const { rows: counters } = await client.query<{ scope: string; last_seq: number }>(
          `INSERT INTO index_counters (tenant_id, scope, last_seq) SELECT $1, s, n FROM unnest($2::text[], $3::int[]) AS t(s, n)
           ON CONFLICT (tenant_id, scope) DO UPDATE SET last_seq = index_counters.last_seq + EXCLUDED.last_seq
           RETURNING scope, last_seq`,
          [tenantId, scopes, scopes.map((s) => wanted.get(s)!)],
        );
        const next = new Map(counters.map((c) => [c.scope, c.last_seq - wanted.get(c.scope)! + 1]));
        for (const r of rows) {
          if (!r.scope) continue;
          const seq = next.get(r.scope)!;
          next.set(r.scope, seq + 1);
          r.indexNo = formatIndexNo(pattern, r.parts, seq);
        }
      }
      await insertRows(
        client,
        'records',
        RECORD_COLUMNS,
        rows.map((x) => {
          const r = x.p.row;
          return [
            tenantId,
            x.id,
            x.p.unit.id,
            r.issuer || x.p.unit.name,
            r.title,
            x.bodyHtml,
            x.bodyText,
            r.docNo?.normalized ?? null,
            r.docNo?.issuerCode ?? null,
            r.docNo?.year ?? null,
            r.docNo?.sequence ?? null,
            x.indexNo,
            r.genre,
            r.topics,
            r.keywords,
            r.writtenOn,
            r.formedOn,
            x.dueOn,
            x.dueExplanation,
            x.p.state === 'published' ? r.publishedAt : null,
            x.workingDaysLate,
            r.attribute,
            r.attributeGround,
            x.attributeReviewOn,
            x.p.state,
            r.validity,
            batchId,
            actorId,
          ];
        }),
      );
      insertedSince += rows.length;
      if (insertedSince >= Math.max(analyzedAt, 500)) {
        // A small sample is enough to tell the planner the table's size (autovacuum refines it later).
        await client.query('SET LOCAL default_statistics_target = 10');
        await client.query('ANALYZE records (tenant_id, id)');
        analyzedAt += insertedSince;
        insertedSince = 0;
      }
      // One 'create' event per record, built by the database from three arrays.
      await client.query(
        `INSERT INTO record_events (tenant_id, record_id, actor_id, actor_label, event, to_state, comment, data)
         SELECT $1, t.id, $2, $3, 'create', t.state, '批量导入存量信息（《' || $4 || '》第' || t.row || '行）',
                jsonb_build_object('importBatchId', $5::text, 'fileName', $4::text, 'row', t.row, 'attribute', t.attribute)
           FROM unnest($6::uuid[], $7::text[], $8::int[], $9::text[]) AS t(id, state, row, attribute)`,
        [tenantId, actorId, caller.actor.label, fileLabel, batchId, rows.map((x) => x.id), rows.map((x) => x.p.state), rows.map((x) => x.p.row.row), rows.map((x) => x.p.row.attribute)],
      );
      const attachmentRows: unknown[][] = [];
      for (const x of rows) {
        x.attachments.forEach((a, i) => attachmentRows.push([tenantId, x.id, a.fileName, a.kind, a.mime, a.size, a.blobKey, a.sha256, a.text, a.extractWarning, (i + 1) * 10, actorId]));
      }
      if (attachmentRows.length) await insertRows(client, 'record_attachments', ATTACHMENT_COLUMNS, attachmentRows);
      await client.query('INSERT INTO import_batches (tenant_id, id, status, file_name, rows, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        tenantId,
        batchId,
        'committed',
        fileLabel,
        rows.length,
        actorId,
      ]);
      const states: Partial<Record<RecordState, number>> = {};
      for (const x of rows) states[x.p.state] = (states[x.p.state] ?? 0) + 1;
      const attribute: Record<string, number> = {};
      for (const x of rows) {
        const label = x.p.row.attribute ? ATTRIBUTE_LABELS[x.p.row.attribute] : '未认定';
        attribute[label] = (attribute[label] ?? 0) + 1;
      }
      // Last: the tenant's audit chain is locked from here to the commit only.
      await recordAudit(t, caller.actor, {
        action: 'record.import',
        entityType: 'import_batch',
        entityId: batchId,
        summary: `批量导入存量政府信息：《${fileLabel}》第 ${n + 1}/${batches.length} 批，${rows.length} 条（第${firstRow}–${lastRow}行；${Object.entries(states)
          .map(([s, c]) => `${STATE_LABELS[s as RecordState]} ${c} 条`)
          .join('，')}）`,
        after: {
          batchId,
          fileName: fileLabel,
          rows: rows.length,
          firstRow,
          lastRow,
          states,
          attributes: attribute,
          attachments: attachmentRows.length,
          firstIndexNo: rows[0]!.indexNo,
          lastIndexNo: rows[rows.length - 1]!.indexNo,
        },
      });
    });
    return { id: batchId, rows: rows.length, firstRow, lastRow };
  };

  let prepared: Promise<PreparedRow[]> | null = prepare(batches[0]!);
  for (let n = 0; n < batches.length; n++) {
    const rows = await prepared!;
    // The next batch is prepared while this one goes to the database.
    prepared = n + 1 < batches.length ? prepare(batches[n + 1]!) : null;
    prepared?.catch(() => {}); // awaited (and thrown) in the next round
    let done: ImportBatchResult;
    try {
      done = await commit(rows, n);
    } catch (e) {
      await prepared?.catch(() => {}); // nothing left running behind the error
      const first = rows[0]!.p.row.row;
      const last = rows[rows.length - 1]!.p.row.row;
      const dup = uniqueViolation(e);
      const why = dup ?? (e instanceof Error ? e.message : String(e));
      throw new AppError(
        dup ? 409 : 500,
        'IMPORT_BATCH_FAILED',
        `第 ${n + 1}/${batches.length} 批（第${first}–${last}行）导入失败，本批未导入任何信息：${why}。此前的 ${n} 批（${result.imported} 条）已导入；处理后重新运行同一文件即可继续（已导入的行会自动跳过）`,
      );
    }
    result.imported += done.rows;
    result.batches.push(done);
    onProgress?.({ batch: n + 1, batches: batches.length, batchId: done.id, rows: done.rows, firstRow: done.firstRow, lastRow: done.lastRow, imported: result.imported, total });
  }
}

/** The caller a command-line import acts as: a user of the tenant (its grants and scope apply), by username. */
export async function importCallerFor(db: Db, tenantId: string, username: string): Promise<Caller> {
  const [u] = await db.select().from(schema.users).where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.username, username)));
  if (!u) throw new AppError(404, 'NOT_FOUND', `本站点没有用户「${username}」`);
  if (!u.active) throw forbidden(`用户「${username}」已停用`);
  const rows = await db
    .select({ role: schema.roleGrants.role, unitId: schema.roleGrants.unitId, includeSubtree: schema.roleGrants.includeSubtree })
    .from(schema.roleGrants)
    .where(and(eq(schema.roleGrants.tenantId, tenantId), eq(schema.roleGrants.userId, u.id)));
  const principal: Principal = {
    via: 'session',
    tenantId,
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    grants: rows.filter((g): g is Grant => isRole(g.role)),
    isDemo: u.isDemo,
  };
  return { kind: 'user', principal, actor: actorOf(principal) };
}
