// Keeping record_search in step with the records: a published (or superseded) proactive record has an entry
// built from its current version; any other record has none. Publication, withdrawal and supersession call
// indexRecord in their own transaction; the background sweep (indexPending) catches everything else, such
// as records loaded in bulk or changed by hand, by comparing versions.
import { sql } from 'drizzle-orm';
import { buildVectors, type SearchDocument } from '../../core/search/vector.ts';
import type { Executor } from '../../db/client.ts';

/** Text taken from a record for its search document; PostgreSQL keeps positions only up to 16383 anyway. */
export const BODY_CHARS = 50_000;
export const ATTACHMENT_CHARS = 20_000;
export const ATTACHMENTS_CHARS = 50_000;
const BATCH = 250;
/**
 * The shape of the entries this code writes. An entry of an older shape is stale like one of an older
 * record version, and the sweep rebuilds it. 2: the publication month (~p:YYYY-MM) is a filter lexeme,
 * which the search's newest-first windows rely on (service.ts).
 */
export const INDEX_FORMAT = 2;

/** Records the public may find: published or superseded, and proactively disclosed. */
const INDEXABLE = sql.raw(`(r.state IN ('published', 'superseded') AND r.attribute = 'proactive')`);
const NOT_INDEXABLE = sql.raw(`(r.state IN ('published', 'superseded') AND r.attribute = 'proactive') IS NOT TRUE`);

interface SourceRow extends Record<string, unknown> {
  tenant_id: string;
  id: string;
  version: number;
  state: string;
  title: string;
  doc_no: string | null;
  index_no: string;
  issuer: string;
  keywords: string[];
  topics: string[];
  genre: string;
  day: string | null;
  /** The month of publication in China Standard Time (YYYY-MM), as searches count months (service.ts). */
  published_month: string | null;
  unit_path: string[];
  unit_name: string;
  unit_short: string;
  unit_aliases: string | null;
  body: string;
  att: string | null;
}

/** The search document of one record row. */
export function documentOf(r: SourceRow): SearchDocument {
  return {
    title: [r.title, r.doc_no ?? ''],
    a: [r.issuer, r.unit_name, r.unit_short !== r.unit_name ? r.unit_short : '', r.unit_aliases ?? '', r.keywords.join(' '), r.topics.join(' ')],
    whole: [r.index_no],
    b: r.body,
    c: (r.att ?? '').slice(0, ATTACHMENTS_CHARS),
    filters: {
      s: r.state,
      g: r.genre,
      y: r.day ? r.day.slice(0, 4) : '',
      p: r.published_month ?? '',
      u: r.unit_path,
      t: r.topics,
    },
  };
}

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

async function loadSources(exec: Executor, keys: { tenantId: string; id: string }[]): Promise<SourceRow[]> {
  if (!keys.length) return [];
  const res = await exec.execute(sql`
    SELECT r.tenant_id, r.id, r.version, r.state, r.title, r.doc_no, r.index_no, r.issuer, r.keywords, r.topics, r.genre,
           coalesce(r.written_on, r.formed_on)::text AS day,
           to_char(r.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS published_month,
           u.path::text[] AS unit_path, u.name AS unit_name, u.short_name AS unit_short,
           (SELECT string_agg(ua.alias, ' ' ORDER BY ua.alias) FROM unit_aliases ua WHERE ua.tenant_id = u.tenant_id AND ua.unit_id = u.id) AS unit_aliases,
           left(r.body_text, ${BODY_CHARS}) AS body,
           (SELECT string_agg(left(a.text, ${ATTACHMENT_CHARS}), E'\n\n' ORDER BY a.sort_order, a.created_at)
              FROM record_attachments a WHERE a.tenant_id = r.tenant_id AND a.record_id = r.id AND a.text <> '') AS att
      FROM unnest(${sql.param(keys.map((k) => k.tenantId))}::uuid[], ${sql.param(keys.map((k) => k.id))}::uuid[]) AS k(tenant_id, id)
      -- Driven by the keys, one primary-key look-up each, whatever the statistics say (right after a
      -- bulk import they say the table is empty, and a join would scan it once per key).
      CROSS JOIN LATERAL (SELECT * FROM records r WHERE r.tenant_id = k.tenant_id AND r.id = k.id OFFSET 0) r
      JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
     WHERE ${INDEXABLE}`);
  return rowsOf<SourceRow>(res);
}

/**
 * Writes the entries of these rows. The record must still be at the version read and still public when the
 * entry is written (checked under a share lock), so a withdrawal committed meanwhile is never undone.
 */
async function upsert(exec: Executor, rows: SourceRow[]): Promise<number> {
  if (!rows.length) return 0;
  const vectors: string[] = [];
  const titles: string[] = [];
  const kept: SourceRow[] = [];
  for (const r of rows) {
    try {
      const v = buildVectors(documentOf(r));
      vectors.push(v.vector);
      titles.push(v.title);
      kept.push(r);
    } catch {
      // Never seen; one odd record must not stop the others. It stays pending and is tried again.
    }
  }
  rows = kept;
  if (!rows.length) return 0;
  const res = await exec.execute(sql`
    INSERT INTO record_search (tenant_id, record_id, vector, title_vector, state, published_at, genre, year, record_version, index_format, indexed_at)
    SELECT x.tenant_id, x.record_id, x.vector::tsvector, x.title::tsvector, r.state, r.published_at, r.genre, r.year, x.version, ${INDEX_FORMAT}, now()
      FROM unnest(${sql.param(rows.map((r) => r.tenant_id))}::uuid[], ${sql.param(rows.map((r) => r.id))}::uuid[],
                  ${sql.param(vectors)}::text[], ${sql.param(titles)}::text[], ${sql.param(rows.map((r) => r.version))}::int[]) AS x(tenant_id, record_id, vector, title, version)
      -- The sort and facet values come from the very row whose version was read and is locked here.
      CROSS JOIN LATERAL (
        SELECT r.state, r.published_at, r.genre, extract(year from coalesce(r.written_on, r.formed_on))::int AS year
          FROM records r WHERE r.tenant_id = x.tenant_id AND r.id = x.record_id AND r.version = x.version AND ${INDEXABLE} FOR SHARE) r
     ORDER BY x.tenant_id, x.record_id
    ON CONFLICT (tenant_id, record_id) DO UPDATE
       SET vector = excluded.vector, title_vector = excluded.title_vector, state = excluded.state, published_at = excluded.published_at,
           genre = excluded.genre, year = excluded.year, record_version = excluded.record_version, index_format = excluded.index_format,
           indexed_at = excluded.indexed_at`);
  return (res as { rowCount?: number | null }).rowCount ?? rows.length;
}

/** Removes the entries of records that the public may no longer find (withdrawn, or never public). */
async function removeUnpublic(exec: Executor, tenantId: string | null, ids: string[] | null): Promise<number> {
  const res = await exec.execute(sql`
    DELETE FROM record_search s USING records r
     WHERE r.tenant_id = s.tenant_id AND r.id = s.record_id
       AND ${NOT_INDEXABLE}
       ${tenantId ? sql`AND s.tenant_id = ${tenantId}` : sql``}
       ${ids ? sql`AND s.record_id = ANY(${sql.param(ids)}::uuid[])` : sql``}`);
  return (res as { rowCount?: number | null }).rowCount ?? 0;
}

/** Index (or un-index) records of a tenant now, e.g. right after a batch of them was published. */
export async function indexRecords(exec: Executor, tenantId: string, ids: string[]): Promise<{ indexed: number; removed: number }> {
  let indexed = 0;
  let removed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const slice = [...new Set(ids.slice(i, i + BATCH))];
    indexed += await upsert(exec, await loadSources(exec, slice.map((id) => ({ tenantId, id }))));
    removed += await removeUnpublic(exec, tenantId, slice);
  }
  return { indexed, removed };
}

/**
 * Brings one record's entry up to date, in the caller's transaction: call it after publication, withdrawal,
 * supersession or any other change of a public record. A record the public may not find loses its entry.
 */
export async function indexRecord(exec: Executor, tenantId: string, recordId: string): Promise<void> {
  await indexRecords(exec, tenantId, [recordId]);
}

/** The keys of public records without an entry, or with one of an older version or shape. */
async function pendingKeys(exec: Executor, limit: number, tenantId?: string): Promise<{ tenantId: string; id: string }[]> {
  const res = await exec.execute(sql`
    SELECT r.tenant_id, r.id FROM records r
      LEFT JOIN record_search s ON s.tenant_id = r.tenant_id AND s.record_id = r.id
     WHERE ${INDEXABLE} AND (s.record_id IS NULL OR s.record_version <> r.version OR s.index_format <> ${INDEX_FORMAT})
       ${tenantId ? sql`AND r.tenant_id = ${tenantId}` : sql``}
     LIMIT ${limit}`);
  return rowsOf<{ tenant_id: string; id: string }>(res).map((r) => ({ tenantId: r.tenant_id, id: r.id }));
}

const INDEX_LOCK = 7_310_447;

/**
 * The sweep: indexes up to `limit` public records that have no entry or a stale one (records loaded in
 * bulk, changed by hand, or whose indexing failed), and removes entries of records no longer public.
 * Batches of 250, each in its own short transaction (a long one would hold up withdrawals); while another
 * process is indexing, this one stops at once.
 */
export async function indexPending(exec: Executor, opts: { limit?: number; tenantId?: string } = {}): Promise<{ indexed: number; removed: number }> {
  const limit = opts.limit ?? 5000;
  let indexed = 0;
  let removed = 0;
  let keys: { tenantId: string; id: string }[] = [];
  let first = true;
  // Written since the pending keys were last read: a round that writes nothing ends the sweep.
  let round = -1;
  while (indexed < limit) {
    const step = await exec.transaction(async (tx) => {
      const [got] = rowsOf<{ ok: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${INDEX_LOCK}) AS ok`));
      if (!got?.ok) return null;
      if (first) removed += await removeUnpublic(tx, opts.tenantId ?? null, null);
      if (!keys.length) {
        if (round === 0) return null;
        keys = await pendingKeys(tx, Math.min(limit - indexed, 5000), opts.tenantId);
        round = 0;
        if (!keys.length) return null;
      }
      return upsert(tx, await loadSources(tx, keys.splice(0, BATCH)));
    });
    first = false;
    if (step === null) break;
    indexed += step;
    round += step;
  }
  return { indexed, removed };
}

/** Rebuilds every entry of a tenant (after a change of the segmentation or its dictionary): `gongkai search reindex`. */
export async function reindexTenant(exec: Executor, tenantId: string, onProgress?: (done: number) => void): Promise<{ indexed: number; removed: number }> {
  const removed = await removeUnpublic(exec, tenantId, null);
  const gone = await exec.execute(sql`
    DELETE FROM record_search s WHERE s.tenant_id = ${tenantId}
       AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${INDEXABLE})`);
  let indexed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const res = await exec.execute(sql`
      SELECT r.id FROM records r WHERE r.tenant_id = ${tenantId} AND ${INDEXABLE} AND r.id > ${after}::uuid ORDER BY r.id LIMIT ${BATCH}`);
    const ids = rowsOf<{ id: string }>(res).map((r) => r.id);
    if (!ids.length) break;
    indexed += await upsert(exec, await loadSources(exec, ids.map((id) => ({ tenantId, id }))));
    after = ids[ids.length - 1]!;
    onProgress?.(indexed);
  }
  return { indexed, removed: removed + ((gone as { rowCount?: number | null }).rowCount ?? 0) };
}
