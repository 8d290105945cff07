// The open API's answers (/api/v1/public/…): published records, the catalogue and the units that publish,
// built field by field from public data only. Links are absolute, on the host and protocol the request came
// in on, so an answer can be used as it is by whoever fetched it.
import type { FastifyRequest } from 'fastify';
import type { Genre } from '../../core/publishing/genres.ts';
import { UNIT_KIND_LABELS } from '../../core/org/tree.ts';
import type { Executor } from '../../db/client.ts';
import type { TenantView } from '../org/tenants.ts';
import { listNodes } from '../publishing/nodes.ts';
import { publicRecord } from '../publishing/public.ts';
import {
  attachmentsOf,
  countsByNode,
  listedRecordFacts,
  listPublished,
  nodeByCode,
  publishingUnits,
  unitByCode,
  type ListedAttachment,
  type PublishedFilter,
  type PublishedItem,
} from '../publishing/public-lists.ts';

// ---- links and dates -------------------------------------------------------------------------------------

const HOST_OK = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `https://www.example.gov.cn`: the protocol and host of the request (behind a trusted proxy, the ones the
 * visitor used). A host header that is not a host name falls back to the tenant's first host.
 */
export function siteOrigin(req: FastifyRequest, tenant: Pick<TenantView, 'hosts'>): string {
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  const host = typeof req.host === 'string' && HOST_OK.test(req.host) ? req.host.toLowerCase() : (tenant.hosts[0] ?? 'localhost');
  return `${protocol}://${host}`;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 in China time: `2026-03-20T09:30:00+08:00`. */
export function rfc3339China(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** RFC 822 (as RSS 2.0 wants it, four-digit year) in China time: `Fri, 20 Mar 2026 09:30:00 +0800`. */
export function rfc822China(d: Date): string {
  const s = new Date(d.getTime() + CHINA_OFFSET_MS);
  return `${DAYS[s.getUTCDay()]}, ${pad(s.getUTCDate())} ${MONTHS[s.getUTCMonth()]} ${s.getUTCFullYear()} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())} +0800`;
}

export const recordPath = (id: string) => `/zfxxgk/info/${id}`;
export const filePath = (id: string) => `/zfxxgk/files/${id}`;
export const unitPath = (code: string) => `/zfxxgk/units/${encodeURIComponent(code)}/`;
export const nodePath = (code: string) => `/zfxxgk/catalogue/${encodeURIComponent(code)}/`;

// ---- answers ---------------------------------------------------------------------------------------------

export interface ApiAttachment {
  name: string;
  /** MIME type, decided by content when it was uploaded. */
  type: string;
  size: number;
  url: string;
}

export interface ApiRecord {
  id: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  publisher: string;
  unit: string;
  issuer: string;
  writtenOn: string | null;
  publishedAt: string | null;
  genre: Genre;
  genreLabel: string;
  topics: string[];
  validity: string | null;
  validityLabel: string | null;
  state: string;
  node: string | null;
  url: string;
  attachments: ApiAttachment[];
}

export interface ApiQuery {
  page?: number;
  pageSize?: number;
  unit?: string;
  topic?: string;
  genre?: Genre;
  year?: number;
  node?: string;
  since?: string;
}

export const MAX_PAGE_SIZE = 100;

function apiAttachment(origin: string, a: Pick<ListedAttachment, 'id' | 'fileName' | 'mime' | 'size'>): ApiAttachment {
  return { name: a.fileName, type: a.mime, size: a.size, url: origin + filePath(a.id) };
}

function apiItem(origin: string, i: PublishedItem, atts: ListedAttachment[]): ApiRecord {
  return {
    id: i.id,
    title: i.title,
    indexNo: i.indexNo,
    docNo: i.docNo,
    publisher: i.publisher,
    unit: i.unitCode,
    issuer: i.issuer,
    writtenOn: i.writtenOn,
    publishedAt: i.publishedAt ? rfc3339China(i.publishedAt) : null,
    genre: i.genre,
    genreLabel: i.genreLabel,
    topics: i.topics,
    validity: i.validity,
    validityLabel: i.validityLabel,
    state: i.state,
    node: i.nodeCode,
    url: origin + recordPath(i.id),
    attachments: atts.map((a) => apiAttachment(origin, a)),
  };
}

/** Parses `since`: a date (China time, from its start) or an RFC 3339 moment. Null when it is neither. */
export function parseSince(v: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // The calendar date must exist (no 30 February).
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  const z = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : '+08:00';
  const t = new Date(`${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${z}`);
  return Number.isNaN(t.getTime()) ? null : t;
}

export async function listRecordsApi(exec: Executor, tenant: TenantView, origin: string, q: Omit<ApiQuery, 'since'> & { since?: Date }) {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, MAX_PAGE_SIZE);
  const empty = { total: 0, page, pageSize, items: [] as ApiRecord[] };
  const filter: PublishedFilter = { topic: q.topic, genre: q.genre, year: q.year, since: q.since };
  // An unknown unit or node has nothing published: an empty list, not an error.
  if (q.unit) {
    const u = await unitByCode(exec, tenant.tenantId, q.unit);
    if (!u) return empty;
    filter.unitId = u.id;
  }
  if (q.node) {
    const n = await nodeByCode(exec, tenant.tenantId, q.node);
    if (!n) return empty;
    filter.nodeId = n.id;
  }
  const result = await listPublished(exec, tenant.tenantId, filter, page, pageSize);
  const atts = await attachmentsOf(exec, tenant.tenantId, result.items.map((i) => i.id));
  return { total: result.total, page: result.page, pageSize: result.pageSize, items: result.items.map((i) => apiItem(origin, i, atts.get(i.id) ?? [])) };
}

/** One record: in full when published or superseded; a withdrawn one as its note only. Null when not public. */
export async function recordApi(exec: Executor, tenant: TenantView, origin: string, id: string) {
  const r = await publicRecord(exec, tenant.tenantId, id);
  const facts = r ? await listedRecordFacts(exec, tenant.tenantId, id) : null;
  if (!r || !facts) return null;
  const base = {
    id: r.id,
    title: r.title,
    indexNo: r.indexNo,
    docNo: r.docNo,
    publisher: r.publisher,
    unit: facts.unitCode,
    issuer: r.issuer,
    state: r.state,
    url: origin + recordPath(r.id),
  };
  if (r.state === 'withdrawn') return { ...base, withdrawnOn: r.withdrawnOn, withdrawnNote: r.withdrawnNote };
  const link = (x: { id: string; title: string } | null) => (x ? { id: x.id, title: x.title, url: origin + recordPath(x.id) } : null);
  return {
    ...base,
    writtenOn: r.writtenOn,
    publishedAt: facts.publishedAt ? rfc3339China(facts.publishedAt) : null,
    genre: r.genre,
    genreLabel: r.genreLabel,
    topics: r.topics,
    keywords: r.keywords,
    validity: r.validity,
    validityLabel: r.validityLabel,
    effectiveOn: r.effectiveOn,
    expiresOn: r.expiresOn,
    node: facts.nodeCode,
    supersededBy: link(r.supersededBy),
    amendedBy: link(r.amendedBy),
    bodyHtml: r.bodyHtml,
    attachments: r.attachments.map((a) => apiAttachment(origin, a)),
  };
}

/** The catalogue tree, depth first, each node with its records and those of its descendants. */
export async function catalogueApi(exec: Executor, tenant: TenantView, origin: string) {
  const nodes = await listNodes(exec, tenant.tenantId);
  const counts = await countsByNode(exec, tenant.tenantId);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, typeof nodes>();
  for (const n of nodes) {
    // A node whose parent is missing is shown at the top rather than lost.
    const parent = n.parentId && byId.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const total = new Map<string, number>();
  for (const n of nodes) for (const anc of n.path) if (byId.has(anc)) total.set(anc, (total.get(anc) ?? 0) + (counts.get(n.id) ?? 0));
  const items: { code: string; name: string; description: string | null; parent: string | null; level: number; count: number; totalCount: number; url: string; rss: string; atom: string }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, level: number) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      const path = nodePath(n.code);
      items.push({
        code: n.code,
        name: n.name,
        description: n.description,
        parent: n.parentId ? (byId.get(n.parentId)?.code ?? null) : null,
        level,
        count: counts.get(n.id) ?? 0,
        totalCount: total.get(n.id) ?? 0,
        url: origin + path,
        rss: `${origin}${path}rss.xml`,
        atom: `${origin}${path}atom.xml`,
      });
      walk(n.id, level + 1);
    }
  };
  walk(null, 0);
  return { items };
}

/** The units that have published records, in the order of the unit tree. */
export async function unitsApi(exec: Executor, tenant: TenantView, origin: string) {
  const list = await publishingUnits(exec, tenant.tenantId);
  return {
    items: list.map((u) => ({
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      kindLabel: UNIT_KIND_LABELS[u.kind] ?? u.kind,
      parent: u.parentCode,
      count: u.count,
      url: origin + unitPath(u.code),
      rss: `${origin}${unitPath(u.code)}rss.xml`,
      atom: `${origin}${unitPath(u.code)}atom.xml`,
    })),
  };
}
