// What the public sees of records: published ones in full, superseded ones with a banner, withdrawn ones
// as their public note only (a published page never silently disappears). Nothing else leaves here.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { todayLocal } from '../../core/calendar/index.ts';
import { GENRE_LABELS, type Genre } from '../../core/publishing/genres.ts';
import { validityOn, VALIDITY_LABELS, type Validity } from '../../core/publishing/validity.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import { recordAttachments, records } from './schema.ts';

export interface PublicAttachment {
  id: string;
  fileName: string;
  kind: string;
  mime: string;
  size: number;
}

export interface PublicRecord {
  id: string;
  state: 'published' | 'superseded' | 'withdrawn';
  title: string;
  indexNo: string;
  publisher: string;
  issuer: string;
  docNo: string | null;
  writtenOn: string | null;
  publishedOn: string | null;
  genre: string;
  genreLabel: string;
  topics: string[];
  keywords: string[];
  bodyHtml: string;
  validity: Validity | null;
  validityLabel: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  withdrawnOn: string | null;
  withdrawnNote: string | null;
  supersededBy: { id: string; title: string } | null;
  amendedBy: { id: string; title: string } | null;
  attachments: PublicAttachment[];
  updatedAt: Date;
}

const PUBLIC_STATES = ['published', 'superseded', 'withdrawn'] as const;

async function titleOf(exec: Executor, tenantId: string, id: string | null) {
  if (!id) return null;
  const [r] = await exec.select({ id: records.id, title: records.title, state: records.state }).from(records).where(and(eq(records.tenantId, tenantId), eq(records.id, id)));
  return r && (PUBLIC_STATES as readonly string[]).includes(r.state) ? { id: r.id, title: r.title } : null;
}

export async function publicRecord(exec: Executor, tenantId: string, id: string): Promise<PublicRecord | null> {
  const [row] = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), eq(records.id, id), inArray(records.state, [...PUBLIC_STATES]), eq(records.attribute, 'proactive')));
  if (!row) return null;
  const r = row.r;
  const withdrawn = r.state === 'withdrawn';
  const atts = withdrawn
    ? []
    : await exec
        .select({ id: recordAttachments.id, fileName: recordAttachments.fileName, kind: recordAttachments.kind, mime: recordAttachments.mime, size: recordAttachments.size })
        .from(recordAttachments)
        .where(and(eq(recordAttachments.tenantId, tenantId), eq(recordAttachments.recordId, id)))
        .orderBy(recordAttachments.sortOrder, recordAttachments.createdAt);
  const validity = r.validity ? validityOn({ validity: r.validity, expiresOn: r.expiresOn, effectiveOn: r.effectiveOn, changedOn: r.validityChangedOn, amendedById: r.amendedById }, todayLocal()) : null;
  return {
    id: r.id,
    state: r.state as PublicRecord['state'],
    title: r.title,
    indexNo: r.indexNo,
    publisher: row.publisher,
    issuer: r.issuer,
    docNo: r.docNo,
    writtenOn: r.writtenOn,
    publishedOn: r.publishedAt ? todayLocal(r.publishedAt) : null,
    genre: r.genre,
    genreLabel: GENRE_LABELS[r.genre] ?? r.genre,
    topics: r.topics,
    keywords: r.keywords,
    // A withdrawn record shows its note, not its content.
    bodyHtml: withdrawn ? '' : r.bodyHtml,
    validity,
    validityLabel: validity ? VALIDITY_LABELS[validity] : null,
    effectiveOn: r.effectiveOn,
    expiresOn: r.expiresOn,
    withdrawnOn: r.withdrawnAt ? todayLocal(r.withdrawnAt) : null,
    withdrawnNote: r.withdrawnNote,
    supersededBy: await titleOf(exec, tenantId, r.supersededById),
    amendedBy: await titleOf(exec, tenantId, r.amendedById),
    attachments: atts,
    updatedAt: r.updatedAt,
  };
}

export interface PublicListItem {
  id: string;
  title: string;
  publisher: string;
  issuer: string;
  docNo: string | null;
  writtenOn: string | null;
  publishedOn: string | null;
  validity: Validity | null;
  validityLabel: string | null;
  state: string;
}

function listItem(r: typeof records.$inferSelect, publisher: string, today: string): PublicListItem {
  const validity = r.validity ? validityOn({ validity: r.validity, expiresOn: r.expiresOn, effectiveOn: r.effectiveOn, changedOn: r.validityChangedOn, amendedById: r.amendedById }, today) : null;
  return {
    id: r.id,
    title: r.title,
    publisher,
    issuer: r.issuer,
    docNo: r.docNo,
    writtenOn: r.writtenOn,
    publishedOn: r.publishedAt ? todayLocal(r.publishedAt) : null,
    validity,
    validityLabel: validity ? VALIDITY_LABELS[validity] : null,
    state: r.state,
  };
}

export async function latestPublished(exec: Executor, tenantId: string, limit = 10, genres?: readonly Genre[]): Promise<PublicListItem[]> {
  const rows = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), eq(records.state, 'published'), genres?.length ? inArray(records.genre, [...genres]) : undefined))
    .orderBy(desc(records.publishedAt))
    .limit(limit);
  const today = todayLocal();
  return rows.map((x) => listItem(x.r, x.publisher, today));
}

export interface LibraryFilter {
  issuer?: string;
  year?: number;
  /** 'valid' by default: the library of currently valid documents. 'all' shows every validity. */
  validity?: Validity | 'all';
}

/** The library of normative documents of the tenant and its units (行政规范性文件库). */
export async function normativeLibrary(exec: Executor, tenantId: string, filter: LibraryFilter, page: number, pageSize: number) {
  const today = todayLocal();
  const conds: SQL[] = [eq(records.tenantId, tenantId), inArray(records.state, ['published', 'superseded']), inArray(records.genre, ['normative_document', 'rule'])];
  if (filter.issuer) conds.push(eq(records.issuer, filter.issuer));
  if (filter.year) conds.push(sql`extract(year from coalesce(${records.writtenOn}, ${records.formedOn})) = ${filter.year}`);
  const v = filter.validity ?? 'valid';
  // The validity on today's date: a valid document past its 有效期 counts as expired.
  if (v === 'valid') conds.push(sql`${records.validity} = 'valid' AND (${records.expiresOn} IS NULL OR ${records.expiresOn} >= ${today})`);
  else if (v === 'expired') conds.push(sql`(${records.validity} = 'expired' OR (${records.validity} = 'valid' AND ${records.expiresOn} < ${today}))`);
  else if (v !== 'all') conds.push(eq(records.validity, v));
  const where = and(...conds);
  const rows = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(where)
    .orderBy(desc(records.writtenOn), desc(records.publishedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = (await exec.select({ n: sql<number>`count(*)::int` }).from(records).where(where)) as [{ n: number }];
  const issuers = await exec
    .selectDistinct({ issuer: records.issuer })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), inArray(records.state, ['published', 'superseded']), inArray(records.genre, ['normative_document', 'rule'])))
    .orderBy(records.issuer);
  return { items: rows.map((x) => listItem(x.r, x.publisher, today)), total: n, page, pageSize, issuers: issuers.map((i) => i.issuer) };
}

/** Published records under a node of the 主动公开基本目录, newest first. */
export async function publishedInNode(exec: Executor, tenantId: string, nodeId: string, page: number, pageSize: number) {
  const where = and(eq(records.tenantId, tenantId), eq(records.catalogueNodeId, nodeId), inArray(records.state, ['published', 'superseded']), eq(records.attribute, 'proactive'));
  const rows = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(where)
    .orderBy(desc(records.publishedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = (await exec.select({ n: sql<number>`count(*)::int` }).from(records).where(where)) as [{ n: number }];
  const today = todayLocal();
  return { items: rows.map((x) => listItem(x.r, x.publisher, today)), total: n, page, pageSize };
}

/**
 * The records shown under two parts of the 政府信息公开 column: 政府信息公开制度 (the office's own rules on
 * disclosure) and 政府信息公开年报 (the yearly reports, newest year first). Found by their customary titles,
 * so a report published as a record is listed the day it is published.
 */
export async function columnPartRecords(exec: Executor, tenantId: string, part: 'rules' | 'reports'): Promise<(PublicListItem & { year: number | null })[]> {
  const cond =
    part === 'reports'
      ? sql`${records.title} LIKE '%政府信息公开%年度报告%'`
      : sql`${records.title} LIKE '%政府信息公开%' AND ${records.title} ~ '(制度|办法|规定|规则|细则)' AND ${records.title} NOT LIKE '%年度报告%'`;
  const rows = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), eq(records.state, 'published'), cond))
    .orderBy(desc(records.publishedAt))
    .limit(200);
  const today = todayLocal();
  return rows
    .map((x) => {
      const inTitle = /(\d{4})\s*年(?:度)?政府信息公开/.exec(x.r.title);
      const year = inTitle ? Number(inTitle[1]) : x.r.writtenOn ? Number(x.r.writtenOn.slice(0, 4)) : null;
      return { ...listItem(x.r, x.publisher, today), year };
    })
    .sort((a, b) => (part === 'reports' ? (b.year ?? 0) - (a.year ?? 0) : 0));
}
