// Lists of what the public sees, for browsing (by unit, topic, genre, year), feeds, the sitemap and the open
// API. Only proactive records that are published or superseded are listed; a withdrawn one answers at its
// own URL with its note (public.ts) but is never listed. Only public columns are selected here: nothing
// internal (who created it, the guard's override, personal fields, review comments, versions) can leave.
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { todayLocal } from '../../core/calendar/index.ts';
import { DEFAULT_TOPICS, GENRE_LABELS, GENRES, type Genre } from '../../core/publishing/genres.ts';
import { validityOn, VALIDITY_LABELS, type Validity } from '../../core/publishing/validity.ts';
import type { UnitKind } from '../../core/org/kinds.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import type { PublicListItem } from './public.ts';
import { catalogueNodes, recordAttachments, records } from './schema.ts';

/** The states in which a record is listed to the public. */
export const LISTED_STATES = ['published', 'superseded'] as const;

/** Publication years are counted in China's time zone: a record published at 00:30 on 1 January belongs to the new year. */
const ZONE = 'Asia/Shanghai';

export interface PublishedItem extends PublicListItem {
  indexNo: string;
  genre: Genre;
  genreLabel: string;
  topics: string[];
  publishedAt: Date | null;
  updatedAt: Date;
  unitCode: string;
  nodeCode: string | null;
  nodeName: string | null;
  /** The record's summary, or the start of its text: for feeds. */
  excerpt: string;
}

export interface PublishedFilter {
  unitId?: string;
  topic?: string;
  genre?: Genre;
  year?: number;
  nodeId?: string;
  /** Published at or after this moment. */
  since?: Date;
}

export interface PublishedPage {
  items: PublishedItem[];
  total: number;
  page: number;
  pageSize: number;
}

function listedConditions(tenantId: string): SQL[] {
  return [eq(records.tenantId, tenantId), inArray(records.state, [...LISTED_STATES]), eq(records.attribute, 'proactive')];
}

/** The first moment of a year in China's time zone. */
function yearStart(year: number): Date {
  return new Date(`${String(year).padStart(4, '0')}-01-01T00:00:00+08:00`);
}

function filterConditions(tenantId: string, f: PublishedFilter): SQL[] {
  const conds = listedConditions(tenantId);
  if (f.unitId) conds.push(eq(records.unitId, f.unitId));
  if (f.nodeId) conds.push(eq(records.catalogueNodeId, f.nodeId));
  if (f.genre) conds.push(eq(records.genre, f.genre));
  if (f.topic) conds.push(sql`${records.topics} @> ARRAY[${f.topic}]::text[]`);
  if (f.year) conds.push(gte(records.publishedAt, yearStart(f.year)), lt(records.publishedAt, yearStart(f.year + 1)));
  if (f.since) conds.push(gte(records.publishedAt, f.since));
  return conds;
}

const itemColumns = {
  id: records.id,
  title: records.title,
  issuer: records.issuer,
  docNo: records.docNo,
  indexNo: records.indexNo,
  genre: records.genre,
  topics: records.topics,
  writtenOn: records.writtenOn,
  publishedAt: records.publishedAt,
  updatedAt: records.updatedAt,
  state: records.state,
  validity: records.validity,
  effectiveOn: records.effectiveOn,
  expiresOn: records.expiresOn,
  validityChangedOn: records.validityChangedOn,
  amendedById: records.amendedById,
  excerpt: sql<string>`coalesce(nullif(${records.summary}, ''), left(${records.bodyText}, 200))`,
  publisher: units.name,
  unitCode: units.code,
  nodeCode: catalogueNodes.code,
  nodeName: catalogueNodes.name,
};


/** A selected row (itemColumns) as a list item, with its validity on `today`. */
function toItem(r: Record<string, unknown>, today: string): PublishedItem {
  const x = r as {
    id: string;
    title: string;
    issuer: string;
    docNo: string | null;
    indexNo: string;
    genre: Genre;
    topics: string[];
    writtenOn: string | null;
    publishedAt: Date | null;
    updatedAt: Date;
    state: string;
    validity: Validity | null;
    effectiveOn: string | null;
    expiresOn: string | null;
    validityChangedOn: string | null;
    amendedById: string | null;
    excerpt: string | null;
    publisher: string;
    unitCode: string;
    nodeCode: string | null;
    nodeName: string | null;
  };
  const validity = x.validity ? validityOn({ validity: x.validity, expiresOn: x.expiresOn, effectiveOn: x.effectiveOn, changedOn: x.validityChangedOn, amendedById: x.amendedById }, today) : null;
  return {
    id: x.id,
    title: x.title,
    publisher: x.publisher,
    issuer: x.issuer,
    docNo: x.docNo,
    writtenOn: x.writtenOn,
    publishedOn: x.publishedAt ? todayLocal(x.publishedAt) : null,
    validity,
    validityLabel: validity ? VALIDITY_LABELS[validity] : null,
    state: x.state,
    indexNo: x.indexNo,
    genre: x.genre,
    genreLabel: GENRE_LABELS[x.genre] ?? x.genre,
    topics: x.topics,
    publishedAt: x.publishedAt,
    updatedAt: x.updatedAt,
    unitCode: x.unitCode,
    nodeCode: x.nodeCode,
    nodeName: x.nodeName,
    excerpt: (x.excerpt ?? '').replace(/\s+/g, ' ').trim(),
  };
}

function selectItems(exec: Executor) {
  return exec
    .select(itemColumns)
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .leftJoin(catalogueNodes, and(eq(catalogueNodes.tenantId, records.tenantId), eq(catalogueNodes.id, records.catalogueNodeId)));
}

export async function countPublished(exec: Executor, tenantId: string, filter: PublishedFilter = {}): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(records)
    .where(and(...filterConditions(tenantId, filter)));
  return row?.n ?? 0;
}

/**
 * Listed records matching a filter, newest first. With `clamp`, a page past the end gives the last page
 * (the portal's pages); without, it gives an empty page (the API: a client paging on stops there).
 */
export async function listPublished(exec: Executor, tenantId: string, filter: PublishedFilter, page: number, pageSize: number, opts: { clamp?: boolean } = {}): Promise<PublishedPage> {
  const total = await countPublished(exec, tenantId, filter);
  const last = Math.max(1, Math.ceil(total / pageSize));
  const p = opts.clamp ? Math.min(Math.max(1, page), last) : Math.max(1, page);
  if (!total || (p - 1) * pageSize >= total) return { items: [], total, page: p, pageSize };
  const rows = await selectItems(exec)
    .where(and(...filterConditions(tenantId, filter)))
    .orderBy(desc(records.publishedAt), desc(records.id))
    .limit(pageSize)
    .offset((p - 1) * pageSize);
  const today = todayLocal();
  return { items: rows.map((r) => toItem(r, today)), total, page: p, pageSize };
}

/** The latest listed records (feeds): `limit` at most. */
export async function latestListed(exec: Executor, tenantId: string, filter: PublishedFilter, limit: number): Promise<PublishedItem[]> {
  const rows = await selectItems(exec)
    .where(and(...filterConditions(tenantId, filter)))
    .orderBy(desc(records.publishedAt), desc(records.id))
    .limit(limit);
  const today = todayLocal();
  return rows.map((r) => toItem(r, today));
}

/** A record as listed (published or superseded), or its public facts when withdrawn; null when not public. */
export async function listedRecordFacts(exec: Executor, tenantId: string, id: string): Promise<{ publishedAt: Date | null; unitCode: string; nodeCode: string | null; state: string } | null> {
  const [row] = await exec
    .select({ publishedAt: records.publishedAt, unitCode: units.code, nodeCode: catalogueNodes.code, state: records.state })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .leftJoin(catalogueNodes, and(eq(catalogueNodes.tenantId, records.tenantId), eq(catalogueNodes.id, records.catalogueNodeId)))
    .where(and(eq(records.tenantId, tenantId), eq(records.id, id), inArray(records.state, [...LISTED_STATES, 'withdrawn']), eq(records.attribute, 'proactive')));
  return row ?? null;
}

export interface ListedAttachment {
  id: string;
  recordId: string;
  fileName: string;
  kind: string;
  mime: string;
  size: number;
}

/** The attachments of listed records (a page of them at once). */
export async function attachmentsOf(exec: Executor, tenantId: string, recordIds: string[]): Promise<Map<string, ListedAttachment[]>> {
  const map = new Map<string, ListedAttachment[]>();
  if (!recordIds.length) return map;
  const rows = await exec
    .select({ id: recordAttachments.id, recordId: recordAttachments.recordId, fileName: recordAttachments.fileName, kind: recordAttachments.kind, mime: recordAttachments.mime, size: recordAttachments.size })
    .from(recordAttachments)
    .innerJoin(records, and(eq(records.tenantId, recordAttachments.tenantId), eq(records.id, recordAttachments.recordId)))
    .where(and(eq(recordAttachments.tenantId, tenantId), inArray(recordAttachments.recordId, recordIds), ...listedConditions(tenantId).slice(1)))
    .orderBy(asc(recordAttachments.sortOrder), asc(recordAttachments.createdAt));
  for (const r of rows) map.set(r.recordId, [...(map.get(r.recordId) ?? []), r]);
  return map;
}

// ---- facets ----------------------------------------------------------------------------------------------

export interface PublishingUnit {
  id: string;
  parentId: string | null;
  /** The parent unit's code (whether or not the parent publishes anything itself). */
  parentCode: string | null;
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  sortOrder: number;
  /** Depth in the unit tree (the government at the root is 0). */
  depth: number;
  count: number;
}

/** Units of the tenant with at least one listed record, in the order of the unit tree. */
export async function publishingUnits(exec: Executor, tenantId: string): Promise<PublishingUnit[]> {
  const rows = await exec
    .select({
      id: units.id,
      parentId: units.parentId,
      code: units.code,
      name: units.name,
      shortName: units.shortName,
      kind: units.kind,
      sortOrder: units.sortOrder,
      path: units.path,
      count: sql<number>`count(*)::int`,
    })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(...listedConditions(tenantId)))
    .groupBy(units.tenantId, units.id);
  // Tree order: by the sort keys of the path from the root, which needs every ancestor's sort order.
  const ancestorIds = [...new Set(rows.flatMap((r) => r.path))];
  const keys = new Map<string, { sortOrder: number; name: string; code: string }>();
  if (ancestorIds.length) {
    const anc = await exec
      .select({ id: units.id, sortOrder: units.sortOrder, name: units.name, code: units.code })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), inArray(units.id, ancestorIds)));
    for (const a of anc) keys.set(a.id, { sortOrder: a.sortOrder, name: a.name, code: a.code });
  }
  const sortKey = (path: string[]) => path.map((id) => keys.get(id) ?? { sortOrder: 0, name: '', code: '' });
  const cmp = (a: { path: string[] }, b: { path: string[] }) => {
    const ka = sortKey(a.path);
    const kb = sortKey(b.path);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x.sortOrder !== y.sortOrder) return x.sortOrder - y.sortOrder;
      if (x.name !== y.name) return x.name < y.name ? -1 : 1;
      if (a.path[i] !== b.path[i]) return a.path[i]! < b.path[i]! ? -1 : 1;
    }
    return ka.length - kb.length;
  };
  return rows.sort(cmp).map((r) => ({ id: r.id, parentId: r.parentId, parentCode: r.parentId ? (keys.get(r.parentId)?.code ?? null) : null, code: r.code, name: r.name, shortName: r.shortName, kind: r.kind, sortOrder: r.sortOrder, depth: r.path.length - 1, count: r.count }));
}

/** A unit of the tenant by its code (abolished ones too: their records stay published). */
export async function unitByCode(exec: Executor, tenantId: string, code: string) {
  const [u] = await exec
    .select({ id: units.id, code: units.code, name: units.name, shortName: units.shortName, kind: units.kind })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.code, code)));
  return u ?? null;
}

/** A catalogue node of the tenant by its code. */
export async function nodeByCode(exec: Executor, tenantId: string, code: string) {
  const [n] = await exec
    .select({ id: catalogueNodes.id, code: catalogueNodes.code, name: catalogueNodes.name, description: catalogueNodes.description })
    .from(catalogueNodes)
    .where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.code, code)));
  return n ?? null;
}

/** Topics in use with their counts: the customary ones in their customary order, then the tenant's own. */
export async function publishedTopics(exec: Executor, tenantId: string): Promise<{ topic: string; count: number }[]> {
  const rows = await exec
    .select({ topic: sql<string>`t.topic`, count: sql<number>`count(*)::int` })
    .from(sql`${records} CROSS JOIN LATERAL unnest(${records.topics}) AS t(topic)`)
    .where(and(...listedConditions(tenantId)))
    .groupBy(sql`t.topic`);
  const order = (t: string) => {
    const i = (DEFAULT_TOPICS as readonly string[]).indexOf(t);
    return i < 0 ? DEFAULT_TOPICS.length : i;
  };
  return rows.filter((r) => r.topic.trim()).sort((a, b) => order(a.topic) - order(b.topic) || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/** Genres in use with their counts, in the order of the genre list. */
export async function publishedGenres(exec: Executor, tenantId: string): Promise<{ genre: Genre; label: string; count: number }[]> {
  const rows = await exec
    .select({ genre: records.genre, count: sql<number>`count(*)::int` })
    .from(records)
    .where(and(...listedConditions(tenantId)))
    .groupBy(records.genre);
  return rows
    .filter((r) => (GENRES as readonly string[]).includes(r.genre))
    .sort((a, b) => GENRES.indexOf(a.genre) - GENRES.indexOf(b.genre))
    .map((r) => ({ genre: r.genre, label: GENRE_LABELS[r.genre], count: r.count }));
}

/** Publication years (China time) with their counts, newest first. */
export async function publishedYears(exec: Executor, tenantId: string): Promise<{ year: number; count: number }[]> {
  const year = sql<number>`extract(year from ${records.publishedAt} AT TIME ZONE ${sql.raw(`'${ZONE}'`)})::int`;
  const rows = await exec
    .select({ year, count: sql<number>`count(*)::int` })
    .from(records)
    .where(and(...listedConditions(tenantId), sql`${records.publishedAt} IS NOT NULL`))
    .groupBy(year)
    .orderBy(desc(year));
  return rows;
}

/** Listed records per catalogue node (nodes without any are absent). */
export async function countsByNode(exec: Executor, tenantId: string): Promise<Map<string, number>> {
  const rows = await exec
    .select({ nodeId: records.catalogueNodeId, count: sql<number>`count(*)::int` })
    .from(records)
    .where(and(...listedConditions(tenantId), sql`${records.catalogueNodeId} IS NOT NULL`))
    .groupBy(records.catalogueNodeId);
  return new Map(rows.map((r) => [r.nodeId!, r.count]));
}

// ---- sitemap ---------------------------------------------------------------------------------------------

/** Listed records for the sitemap, oldest first so that earlier parts of a split sitemap stay stable. */
export async function sitemapRecords(exec: Executor, tenantId: string, offset: number, limit: number): Promise<{ id: string; lastmod: Date }[]> {
  if (limit <= 0) return [];
  const rows = await exec
    .select({ id: records.id, updatedAt: records.updatedAt, publishedAt: records.publishedAt })
    .from(records)
    .where(and(...listedConditions(tenantId)))
    .orderBy(asc(records.publishedAt), asc(records.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ id: r.id, lastmod: r.publishedAt && r.publishedAt > r.updatedAt ? r.publishedAt : r.updatedAt }));
}
