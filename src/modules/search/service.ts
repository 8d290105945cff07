// Searching the published records of a tenant: the query parsed in core/search/query.ts, matched with the
// GIN index of record_search, ordered, and the page's titles and excerpts marked in TypeScript.
//
// Order, sort = relevance:
//   1. the records whose 文号 is the one typed (any bracket style);
//   2. records with every term in the title or 文号;
//   3. the other matches;
// within 2 and 3, current records before superseded ones, then by ts_rank_cd (A title, 文号, issuer,
// publisher… 1.0; B body 0.4; C attachments 0.2) while a group has at most RANK_LIMIT matches, else newest
// first: a query that broad has no meaningful ranking, and ranking reads every match's vector. sort = date:
// the 文号 matches, then newest first.
//
// First, the matches are counted in a sample: the first of record_search's 8 hash partitions, an eighth of
// every tenant's records (up to 1,250 matches there). Then:
// - Few matches (up to ESTIMATE_ABOVE by the sample, nearly every search that names something specific):
//   one statement, prepared once per connection, makes a single pass over the matches that the GIN index
//   gives, reading from each entry's heap tuple what it needs (state, date, genre, year and the small title
//   vector), counts them exactly, orders them, counts the facets, and returns the page's records. Only the
//   vectors of groups small enough to rank are read again (from TOAST). The filters (unit with its
//   sub-units, topic, genre, year) are lexemes of the vector (vector.ts); only validity, which depends on
//   today's date, reads the records of the matches.
// - Many matches (a common word): counting and ordering them all would read thousands of heap tuples for
//   a page of 20. The total is the sample's count × 8, shown as an estimate (约 6,100 条), and the page is
//   taken group by group of the order (title matches first, current first), each group newest first, from
//   a window of the newest months: every entry has its month of publication as a lexeme, so the GIN index
//   gives the group's matches in those months alone. Only the last page, or one past the real end, counts
//   exactly. Beyond MAX_COUNT matches the total says "more than 10,000".
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import { todayLocal } from '../../core/calendar/index.ts';
import { excerpt, highlight, segmentsToHtml, snippet, type Segment } from '../../core/search/highlight.ts';
import { filterQuery, hasTerms, highlightTerms, matchQuery, parseQuery, rankQuery, titleQuery, type ParsedQuery } from '../../core/search/query.ts';
import { filterLexeme, quoteLexeme } from '../../core/search/vector.ts';
import { INDEX_FORMAT } from './indexer.ts';
import { GENRE_LABELS, GENRES, type Genre } from '../../core/publishing/genres.ts';
import { VALIDITY_LABELS, validityOn, type Validity } from '../../core/publishing/validity.ts';
import type { Executor } from '../../db/client.ts';

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchParams {
  q?: string | null;
  unitId?: string | null;
  topic?: string | null;
  genre?: Genre | null;
  year?: number | null;
  /** 'valid' … as in the normative library; validity on today's date. */
  validity?: Validity | null;
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
}

export interface SearchItem {
  id: string;
  url: string;
  title: string;
  /** The title with the searched words marked, as segments and as escaped HTML with <mark>. */
  titleSegments: Segment[];
  titleHtml: string;
  snippet: Segment[];
  snippetHtml: string;
  /** Where the excerpt comes from. */
  snippetFrom: 'body' | 'attachment' | 'start' | null;
  publisher: string;
  issuer: string;
  docNo: string | null;
  indexNo: string;
  writtenOn: string | null;
  publishedOn: string | null;
  genre: string;
  genreLabel: string;
  topics: string[];
  state: 'published' | 'superseded';
  validity: Validity | null;
  validityLabel: string | null;
  /** Found by its 文号. */
  docNoMatch: boolean;
}

export interface SearchFacets {
  genres: { value: string; label: string; count: number }[];
  years: { year: number; count: number }[];
}

export interface SearchResult {
  query: string;
  sort: SearchSort;
  /** Number of matches; at most MAX_COUNT (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
  /** `total` is an estimate (many matches: counted in a sample of an eighth of the records). */
  totalEstimated: boolean;
  page: number;
  pageSize: number;
  pages: number;
  items: SearchItem[];
  /** Counts by genre and year, when the matches are few enough to count cheaply. */
  facets: SearchFacets | null;
  /** For the user: input shortened, words dropped, nothing to search for. */
  notices: string[];
  /** The query's words as marked (for clients that mark text themselves). */
  terms: string[];
  /** Ranked by relevance (false: too many matches, newest first within each group). */
  ranked: boolean;
}

export const MAX_COUNT = 10_000;
/** Up to this many matches in a group, the group is ranked (ts_rank_cd reads each match's vector from TOAST). */
export const RANK_LIMIT = 200;
/**
 * record_search is split into this many hash partitions by record (migration 0003): the first one holds an
 * eighth of every tenant's records, chosen by the hash of their ids, and serves as the sample.
 */
const PARTITIONS = 8;
/** More matches than this (estimated from the sample) are counted by estimate and paged by windows. */
export const ESTIMATE_ABOVE = 1_000;
/** The sample stops counting here: more than MAX_COUNT matches in all. */
const SAMPLE_CAP = MAX_COUNT / PARTITIONS;
/** A window of more months than this is not worth it: every match of the group is read instead. */
const MAX_WINDOW_MONTHS = 60;
const FACET_LIMIT = 1_000;
const MAX_PAGE_SIZE = 50;
const SNIPPET_SOURCE_CHARS = 20_000;
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

function filterLexemes(p: SearchParams): string[] {
  const out: string[] = [];
  if (p.genre) out.push(filterLexeme('g', p.genre));
  if (p.year) out.push(filterLexeme('y', String(p.year)));
  if (p.unitId) out.push(filterLexeme('u', p.unitId));
  if (p.topic) out.push(filterLexeme('t', p.topic));
  return out;
}

function and(...qs: (string | null)[]): string | null {
  const parts = qs.filter((x): x is string => !!x);
  return parts.length ? parts.map((p) => `(${p})`).join(' & ') : null;
}

/** The validity condition on today's date, as in the normative library. */
function validityCondition(v: Validity, today: string): SQL {
  if (v === 'valid') return sql`r.validity = 'valid' AND (r.expires_on IS NULL OR r.expires_on >= ${today}::date)`;
  if (v === 'expired') return sql`(r.validity = 'expired' OR (r.validity = 'valid' AND r.expires_on < ${today}::date))`;
  return sql`r.validity = ${v}`;
}

interface RowMeta extends Record<string, unknown> {
  id: string;
  title: string;
  issuer: string;
  doc_no: string | null;
  index_no: string;
  written_on: string | null;
  /** The day of publication in China Standard Time. */
  published_on: string | null;
  genre: string;
  topics: string[];
  state: 'published' | 'superseded';
  validity: Validity | null;
  expires_on: string | null;
  effective_on: string | null;
  validity_changed_on: string | null;
  amended_by_id: string | null;
  publisher: string;
  body: string;
  has_attachment_text: boolean;
}

const EMPTY_MESSAGE = '请输入要查找的词语，例如标题中的词、文号或发布机构名称。';

function emptyResult(pq: ParsedQuery, sort: SearchSort, pageSize: number, notices: string[]): SearchResult {
  return { query: pq.text, sort, total: 0, totalCapped: false, totalEstimated: false, page: 1, pageSize, pages: 1, items: [], facets: null, notices, terms: highlightTerms(pq), ranked: false };
}

interface Plan {
  tenantId: string;
  full: string;
  /** The terms alone, without filters: tested against each match's title vector. */
  terms: string;
  /** The terms in the title namespace (§) with the filters, for the GIN index. */
  title: string | null;
  rank: string | null;
  validity: SQL | null;
  exact: string[];
}

/**
 * The tenant condition of queries that must go through the GIN index. Written so that no B-tree index can
 * serve it: otherwise PostgreSQL may walk the primary key and test (de-TOAST) every vector of the tenant.
 */
const tenantOnly = (tenantId: string, alias = 's') => sql`(${sql.raw(alias)}.tenant_id = ${tenantId}::uuid) IS TRUE`;

/** How many matches `query` has, up to `cap` (the query hidden from the planner, so that it takes the GIN index). */
async function count(exec: Executor, p: Plan, query: string, cap = MAX_COUNT + 1): Promise<number> {
  const rows = await executePrepared<{ n: number }>(exec, sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM record_search s ${p.validity ? sql`JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${p.validity}` : sql``}
       WHERE s.vector @@ (SELECT ${query}::tsquery) AND ${tenantOnly(p.tenantId)}
         AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])
       LIMIT ${cap}) x`);
  return rows[0]?.n ?? 0;
}

interface Window {
  /** 文号 matches on the page. */
  fromExact: string[];
  /** Rows wanted from the other matches, and the first of them. */
  need: number;
  from: number;
}

function windowOf(page: number, pageSize: number, exact: string[]): Window {
  const offset = (page - 1) * pageSize;
  const fromExact = exact.slice(offset, offset + pageSize);
  return { fromExact, need: pageSize - fromExact.length, from: Math.max(0, offset - exact.length) };
}

/**
 * The one statement of a search (see the top of this file). Its rows are the page's records in order,
 * each with the counts and the facets; with no record on the page, one row of counts and nulls. With more
 * than MAX_COUNT matches (`n` is then MAX_COUNT + 1), only the 文号 matches of the page come back.
 */
function passSql(p: Plan, sort: SearchSort, w: Window): SQL {
  const relevance = sort === 'relevance';
  // A group (title matches, the others) is ranked when it is small and the page shows part of it: the
  // vectors of those rows alone are read again (by primary key) and scored.
  const score =
    relevance && p.rank
      ? sql`CASE WHEN CASE WHEN m.in_title THEN c.nt <= ${RANK_LIMIT} AND ${w.from} < c.nt ELSE c.n - c.nt <= ${RANK_LIMIT} AND ${w.from + w.need} > c.nt END
                 THEN (SELECT ts_rank_cd(${RANK_WEIGHTS}::float4[], v.vector, ${p.rank}::tsquery, 1) FROM record_search v WHERE v.tenant_id = ${p.tenantId} AND v.record_id = m.id)
                 ELSE 0 END DESC,`
      : sql``;
  const order = relevance ? sql`m.in_title DESC, m.current DESC, ${score} m.published_at DESC NULLS LAST, m.id DESC` : sql`m.published_at DESC NULLS LAST, m.id DESC`;
  const exactRows = p.exact.length
    ? sql`UNION ALL SELECT e.genre, e.year FROM record_search e WHERE e.tenant_id = ${p.tenantId} AND e.record_id = ANY(${sql.param(p.exact)}::uuid[])`
    : sql``;
  return sql`
    WITH m AS MATERIALIZED (
      SELECT s.record_id AS id, s.state = 'published' AS current, s.published_at, s.genre, s.year,
             ${relevance ? sql`s.title_vector @@ ${p.terms}::tsquery` : sql`false`} AS in_title
        FROM record_search s ${p.validity ? sql`JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${p.validity}` : sql``}
       WHERE s.vector @@ (SELECT ${p.full}::tsquery) AND ${tenantOnly(p.tenantId)}
         ${p.exact.length ? sql`AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])` : sql``}
       LIMIT ${MAX_COUNT + 1}
    ),
    c AS (SELECT count(*)::int AS n, (count(*) FILTER (WHERE m.in_title))::int AS nt FROM m),
    f AS (
      SELECT CASE WHEN c.n + ${p.exact.length} <= ${FACET_LIMIT} THEN (
               SELECT json_agg(json_build_array(g.genre, g.year, g.n))::text FROM (
                 SELECT x.genre, x.year, count(*)::int AS n FROM (SELECT m.genre, m.year FROM m ${exactRows}) x GROUP BY 1, 2) g)
             END AS facets
        FROM c
    ),
    page AS (
      SELECT x.id, x.ord
        FROM unnest(${sql.param(w.fromExact)}::uuid[] || ARRAY(SELECT m.id FROM m, c WHERE c.n <= ${MAX_COUNT} ORDER BY ${order} LIMIT ${w.need} OFFSET ${w.from}))
             WITH ORDINALITY AS x(id, ord)
    )
    SELECT c.n, c.nt AS n_title, f.facets, ${PAGE_COLUMNS}
      FROM c CROSS JOIN f
      LEFT JOIN (page p
                 JOIN records r ON r.tenant_id = ${p.tenantId} AND r.id = p.id AND r.state IN ('published', 'superseded') AND r.attribute = 'proactive'
                 JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id) ON true
     ORDER BY p.ord`;
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement, so that each connection plans it once (planning the
 * search's statement costs more than running it for most queries). The text of a search's statements
 * depends only on the shape of the search (sort, filters), so the names are few.
 */
async function executePrepared<T>(exec: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (!name) {
    name = `gk_search_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size > 1000) statementNames.clear();
    statementNames.set(built.sql, name);
  }
  return rowsOf<T>(await exec._.session.prepareQuery(built, undefined, name, false).execute());
}

interface PassRow extends RowMeta {
  n: number;
  n_title: number;
  facets: string | null;
}

async function onePass(exec: Executor, p: Plan, sort: SearchSort, w: Window): Promise<{ n: number; nTitle: number; rows: RowMeta[]; facets: [string, number | null, number][] | null }> {
  const rows = await executePrepared<PassRow>(exec, passSql(p, sort, w));
  const first = rows[0];
  return {
    n: first?.n ?? 0,
    nTitle: first?.n_title ?? 0,
    // Records withdrawn since they were indexed are not joined: never shown.
    rows: rows.filter((r) => r.id !== null),
    facets: first?.facets ? (JSON.parse(first.facets) as [string, number | null, number][]) : null,
  };
}

/**
 * PostgreSQL does not know that testing a tsvector means reading it from TOAST: for a query whose words
 * are common, it would rather read every vector than the GIN index. Every statement of a search hides the
 * query from the planner (it is an InitPlan's value), which then estimates few matches and always takes
 * the index. explainSearch shows the plan of a statement on a tiny table (tests) with these settings, as
 * PostgreSQL would plan it on a table of more than a few pages.
 */
const INDEX_ONLY_SETTINGS = sql`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`;

/**
 * The plan PostgreSQL chooses for a search's statement (for tests and diagnostics), as on a table of more
 * than a few pages: on a handful of pages, reading them all is cheaper, and PostgreSQL rightly does.
 */
export async function explainSearch(exec: Executor, tenantId: string, q: string): Promise<string> {
  const pq = parseQuery(q);
  const full = matchQuery(pq);
  if (!full) return '';
  const plan: Plan = { tenantId, full, terms: full, title: titleQuery(pq), rank: rankQuery(pq), validity: null, exact: [] };
  return exec.transaction(async (tx) => {
    await tx.execute(INDEX_ONLY_SETTINGS);
    const res = await tx.execute(sql`EXPLAIN ${passSql(plan, 'relevance', windowOf(1, 20, []))}`);
    return rowsOf<Record<string, string>>(res)
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  });
}

/**
 * Matches in the first partition of record_search (an eighth of the records, chosen by the hash of their
 * id, so an unbiased sample), up to `cap`, in all and per group of the order (title match, current): how
 * many there are in all, and how densely each group is spread over the months.
 */
async function sample(exec: Executor, p: Plan, cap: number): Promise<Sample> {
  const inTitle = sql`s.title_vector @@ (SELECT ${p.terms}::tsquery)`;
  const rows = await executePrepared<Sample>(exec, sql`
    SELECT count(*)::int AS n,
           (count(*) FILTER (WHERE x.in_title AND x.current))::int AS title_current,
           (count(*) FILTER (WHERE x.in_title AND NOT x.current))::int AS title_superseded,
           (count(*) FILTER (WHERE NOT x.in_title AND x.current))::int AS other_current
      FROM (
        SELECT ${inTitle} AS in_title, s.state = 'published' AS current
          FROM record_search_p0 s ${p.validity ? sql`JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${p.validity}` : sql``}
         WHERE s.vector @@ (SELECT ${p.full}::tsquery) AND ${tenantOnly(p.tenantId)}
           AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])
         LIMIT ${cap}) x`);
  return rows[0] ?? { n: 0, title_current: 0, title_superseded: 0, other_current: 0 };
}

interface Sample extends Record<string, unknown> {
  n: number;
  title_current: number;
  title_superseded: number;
  other_current: number;
}

/** A tenant's entries by month of publication, newest first, to size the windows (kept a minute). */
export interface Calendar {
  months: { month: string; n: number }[];
  size: number;
  /** Every entry has its month lexeme (none of an older shape, INDEX_FORMAT): windows may be used. */
  complete: boolean;
  at: number;
}
const calendars = new Map<string, Calendar>();

async function calendarOf(exec: Executor, tenantId: string): Promise<Calendar> {
  const hit = calendars.get(tenantId);
  if (hit && Date.now() - hit.at < 60_000) return hit;
  // Older than a minute: used once more while a new count runs (it costs a scan of the tenant's entries,
  // which no visitor should wait for). Months it lacks are in every window anyway (windowLexemes).
  // (Not inside a transaction, which may be over before the count.)
  if (hit && !(exec instanceof PgTransaction)) {
    hit.at = Date.now();
    void countCalendar(exec, tenantId).catch(() => {
      hit.at = 0;
    });
    return hit;
  }
  return countCalendar(exec, tenantId);
}

async function countCalendar(exec: Executor, tenantId: string): Promise<Calendar> {
  // The month as the indexer writes its lexeme (indexer.ts loadSources).
  const rows = rowsOf<{ month: string | null; n: number; stale: number }>(
    await exec.execute(sql`
      SELECT to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS n,
             (count(*) FILTER (WHERE index_format <> ${INDEX_FORMAT}))::int AS stale
        FROM record_search WHERE tenant_id = ${tenantId}
       GROUP BY 1 ORDER BY 1 DESC NULLS LAST`),
  );
  const cal: Calendar = {
    months: rows.filter((r) => r.month !== null).map((r) => ({ month: r.month!, n: r.n })),
    size: rows.reduce((t, r) => t + r.n, 0),
    complete: rows.every((r) => r.stale === 0),
    at: Date.now(),
  };
  if (calendars.size > 1000) calendars.clear();
  calendars.set(tenantId, cal);
  return cal;
}

/** Forgets the calendars (tests that rebuild the index). */
export function clearSearchCalendars(): void {
  calendars.clear();
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/**
 * The month lexemes of a window: every month from `since` on, up to the month after today's (a record
 * published since the calendar was counted, or dated a little ahead, is in no counted month but must be
 * in the window). Null: the window would be too wide to be worth it, so read every match.
 */
export function windowLexemes(cal: Pick<Calendar, 'months' | 'size'>, records: number, today: string): string[] | null {
  let sum = 0;
  let since: string | null = null;
  for (const m of cal.months) {
    sum += m.n;
    since = m.month;
    if (sum >= records) break;
  }
  if (!since || sum < records || sum * 2 > cal.size) return null;
  const newest = cal.months[0]!.month;
  const until = nextMonth(today.slice(0, 7) > newest ? today.slice(0, 7) : newest);
  const out: string[] = [];
  for (let m = since; m <= until && out.length <= MAX_WINDOW_MONTHS; m = nextMonth(m)) out.push(quoteLexeme(filterLexeme('p', m)));
  return out.length > MAX_WINDOW_MONTHS ? null : out;
}

/**
 * Rows [offset, offset + limit) of one group's matches, newest first, reading only the newest months that
 * should hold them: every match in months ≥ M is newer than every match before M, so the first rows of a
 * window that holds enough of them are the first rows of all. A window that holds too few is widened
 * (eight times as many months' worth), the last time to every match. Fewer than `limit` rows back means
 * the group ended.
 */
async function newest(exec: Executor, p: Plan, query: string, share: number, offset: number, limit: number, cal: Calendar, today: string, scale: number): Promise<string[]> {
  let expected = ((offset + limit) * 2 + 20) * scale;
  for (;;) {
    const months = cal.complete && share > 0 ? windowLexemes(cal, expected / share, today) : null;
    const q = months ? `(${query}) & (${months.join(' | ')})` : query;
    const rows = await executePrepared<{ id: string }>(exec, sql`
      SELECT s.record_id AS id
        FROM record_search s ${p.validity ? sql`JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${p.validity}` : sql``}
       WHERE s.vector @@ (SELECT ${q}::tsquery) AND ${tenantOnly(p.tenantId)}
         AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])
       ORDER BY s.published_at DESC NULLS LAST, s.record_id DESC
       LIMIT ${limit} OFFSET ${offset}`);
    if (rows.length >= limit || !months) return rows.map((r) => r.id);
    expected *= 8;
  }
}

/**
 * The page of a search with many matches, group after group of the order (title matches, then the others;
 * with relevance each current first), each newest first. A group's size is counted only when the page
 * lies past its end.
 */
async function windowedPage(exec: Executor, p: Plan, sort: SearchSort, w: Window, s: Sample, cal: Calendar, today: string, scale: number): Promise<string[]> {
  // Current is "not superseded": the GIN index then reads the short list of superseded entries, not the
  // long one of every published entry.
  const superseded = quoteLexeme(filterLexeme('s', 'superseded'));
  const groups: { query: string; sampled: number }[] = [];
  if (sort === 'date') groups.push({ query: p.full, sampled: s.n });
  else if (p.title) {
    groups.push({ query: `(${p.full}) & (${p.title}) & !${superseded}`, sampled: s.title_current });
    groups.push({ query: `(${p.full}) & (${p.title}) & ${superseded}`, sampled: s.title_superseded });
    groups.push({ query: `(${p.full}) & !(${p.title}) & !${superseded}`, sampled: s.other_current });
    groups.push({ query: `(${p.full}) & !(${p.title}) & ${superseded}`, sampled: s.n - s.title_current - s.title_superseded - s.other_current });
  } else {
    groups.push({ query: `(${p.full}) & !${superseded}`, sampled: s.title_current + s.other_current });
    groups.push({ query: `(${p.full}) & ${superseded}`, sampled: s.n - s.title_current - s.other_current });
  }
  const out: string[] = [];
  let offset = w.from;
  let need = w.need;
  for (const g of groups) {
    if (need <= 0) break;
    // The group's share of the tenant's records, from the sample (an eighth of them).
    const share = Math.min(1, (g.sampled * PARTITIONS) / Math.max(cal.size, 1));
    const ids = await newest(exec, p, g.query, share, offset, need, cal, today, scale);
    out.push(...ids);
    need -= ids.length;
    if (need <= 0) break;
    // The group ended within the page (the next starts at its first row), or before it: then its size says
    // where in the next group the page starts.
    offset = ids.length ? 0 : offset - (await count(exec, p, g.query, offset + 1));
  }
  return out;
}

/** Thresholds a test may lower to exercise the path of many matches on a small corpus. */
export interface SearchTuning {
  estimateAbove?: number;
  /** Multiplies the matches a first window is sized for (below 1: windows too narrow, widened). */
  windowScale?: number;
}

export async function searchRecords(exec: Executor, tenantId: string, params: SearchParams, tuning: SearchTuning = {}): Promise<SearchResult> {
  const sort: SearchSort = params.sort === 'date' ? 'date' : 'relevance';
  const pageSize = Math.min(Math.max(Math.trunc(params.pageSize ?? 20) || 20, 1), MAX_PAGE_SIZE);
  const pq = parseQuery(params.q ?? '');
  const notices = [...pq.notices];
  const mq = matchQuery(pq);
  if (!mq || !hasTerms(pq)) {
    if (pq.text) notices.push(`“${pq.text}”中没有可以查找的词语（标点和“的”“和”“关于”等虚词不参与查找）。`);
    else notices.push(EMPTY_MESSAGE);
    return emptyResult(pq, sort, pageSize, notices);
  }
  const fq = filterQuery(filterLexemes(params));
  const today = todayLocal();
  const plan: Plan = {
    tenantId,
    full: and(mq, fq)!,
    terms: mq,
    title: and(titleQuery(pq), fq),
    rank: rankQuery(pq),
    validity: params.validity ? validityCondition(params.validity, today) : null,
    exact: [],
  };
  const terms = highlightTerms(pq);

  // 1. The records whose 文号 was typed come first, whatever else matches.
  if (pq.docNos.length) {
    const res = await executePrepared<{ id: string }>(exec, sql`
      SELECT r.id FROM records r
        JOIN unnest(${sql.param(pq.docNos.map((d) => d.issuerCode))}::text[], ${sql.param(pq.docNos.map((d) => d.year))}::int[], ${sql.param(pq.docNos.map((d) => d.sequence))}::int[]) AS k(issuer, year, seq)
          ON r.doc_no_issuer = k.issuer AND r.doc_no_year = k.year AND r.doc_no_seq = k.seq
       WHERE r.tenant_id = ${tenantId} AND r.doc_no IS NOT NULL AND r.state IN ('published', 'superseded') AND r.attribute = 'proactive'
         AND EXISTS (SELECT 1 FROM record_search s WHERE s.tenant_id = r.tenant_id AND s.record_id = r.id ${fq ? sql`AND s.vector @@ ${fq}::tsquery` : sql``})
         ${plan.validity ? sql`AND ${plan.validity}` : sql``}
       ORDER BY r.published_at DESC NULLS LAST, r.id`);
    plan.exact = res.map((r) => r.id);
  }
  const exact = plan.exact;

  // 2. How many matches, from the sample of an eighth of the records: few enough to count and order them
  // all in one pass, or so many that the count is estimated and the page found by windows.
  const requested = Math.max(Math.trunc(params.page ?? 1) || 1, 1);
  let w = windowOf(requested, pageSize, exact);
  const smp = await sample(exec, plan, SAMPLE_CAP + 1);
  const first = smp.n * PARTITIONS <= (tuning.estimateAbove ?? ESTIMATE_ABOVE) ? await onePass(exec, plan, sort, w) : null;
  const crowded = (unranked: boolean) => {
    if (sort === 'relevance' && unranked) notices.push('找到的信息较多：标题中含有全部搜索词的排在前面，其余按发布日期从新到旧排列。增加词语或使用筛选条件可以缩小范围。');
  };

  if (first && first.n <= MAX_COUNT) {
    // 3. Counts, facets and the page, in one pass over the matches.
    const matched = first.n;
    const total = matched + exact.length;
    if (!total) return { ...emptyResult(pq, sort, pageSize, notices), terms };
    const pages = Math.max(1, Math.ceil(total / pageSize));
    // A page past the end shows the last page.
    const page = Math.min(requested, pages);
    let pass = first;
    if (page !== requested) {
      w = windowOf(page, pageSize, exact);
      pass = await onePass(exec, plan, sort, w);
    }
    const ranked = w.need > 0 && matched > 0 && sort === 'relevance' && !!plan.rank && (matched <= RANK_LIMIT || (pass.nTitle <= RANK_LIMIT && w.from + w.need <= pass.nTitle));
    const items = await pageItems(exec, tenantId, pass.rows, new Set(exact), terms, today);
    // Facets, when counting them cost little (the pass counts them when the matches are few).
    let facets: SearchFacets | null = null;
    if (pass.facets && total <= FACET_LIMIT) {
      const genres = new Map<string, number>();
      const years = new Map<number, number>();
      for (const [genre, year, n] of pass.facets) {
        genres.set(genre, (genres.get(genre) ?? 0) + n);
        if (year) years.set(year, (years.get(year) ?? 0) + n);
      }
      facets = {
        genres: GENRES.filter((g) => genres.has(g)).map((g) => ({ value: g, label: GENRE_LABELS[g], count: genres.get(g)! })),
        years: [...years].sort((a, b) => b[0] - a[0]).map(([year, count]) => ({ year, count })),
      };
    }
    crowded(matched > RANK_LIMIT);
    return { query: pq.text, sort, total, totalCapped: false, totalEstimated: false, page, pageSize, pages, items, facets, notices, terms, ranked };
  }

  // 4. Many matches: the count estimated from the sample (or more than MAX_COUNT), the page taken group
  // by group from the newest months.
  const cal = await calendarOf(exec, tenantId);
  let totalCapped = smp.n > SAMPLE_CAP || (first?.n ?? 0) > MAX_COUNT;
  let estimated = !totalCapped;
  let matched = totalCapped ? MAX_COUNT : roundEstimate(smp.n * PARTITIONS);
  let pages = Math.max(1, Math.ceil((matched + exact.length) / pageSize));
  let page = Math.min(requested, pages);
  const take = async () => {
    w = windowOf(page, pageSize, exact);
    return w.need > 0 ? windowedPage(exec, plan, sort, w, smp, cal, today, tuning.windowScale ?? 1) : [];
  };
  let ids = await take();
  const exactly = async () => {
    const n = await count(exec, plan, plan.full);
    totalCapped = n > MAX_COUNT;
    estimated = false;
    matched = Math.min(n, MAX_COUNT);
    pages = Math.max(1, Math.ceil((matched + exact.length) / pageSize));
  };
  if (estimated && w.need > 0 && ids.length < w.need && (ids.length > 0 || w.from === 0)) {
    // The matches ended on this page: now their number is known.
    estimated = false;
    matched = w.from + ids.length;
    pages = Math.max(1, Math.ceil((matched + exact.length) / pageSize));
  } else if (estimated && (page === pages || (w.need > 0 && ids.length === 0))) {
    // The last page by the estimate, or past the real end: only an exact count says where the end is.
    await exactly();
    const last = Math.min(requested, pages);
    if (last !== page || ids.length < w.need) {
      page = last;
      ids = await take();
    }
  }
  const rows = await pageRows(exec, tenantId, [...w.fromExact, ...ids]);
  const items = await pageItems(exec, tenantId, rows, new Set(exact), terms, today);
  crowded(true);
  return { query: pq.text, sort, total: matched + exact.length, totalCapped, totalEstimated: estimated, page, pageSize, pages, items, facets: null, notices, terms, ranked: false };
}

/** An estimated count as shown: to the hundred (约 6,100 条), to the thousand from 10,000 on. */
function roundEstimate(n: number): number {
  const unit = n >= 10_000 ? 1_000 : 100;
  return Math.max(unit, Math.round(n / unit) * unit);
}

/** The columns of a page's records, in the order of the page. */
const PAGE_COLUMNS = sql.raw(`r.id, r.title, r.issuer, r.doc_no, r.index_no, r.written_on::text AS written_on,
  to_char(r.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on, r.genre, r.topics, r.state,
  r.validity, r.expires_on::text AS expires_on, r.effective_on::text AS effective_on, r.validity_changed_on::text AS validity_changed_on, r.amended_by_id,
  u.name AS publisher, left(r.body_text, ${SNIPPET_SOURCE_CHARS}) AS body,
  EXISTS (SELECT 1 FROM record_attachments a WHERE a.tenant_id = r.tenant_id AND a.record_id = r.id AND a.text <> '') AS has_attachment_text`);

/** A page's records that are still public, in the order of `ids`. */
async function pageRows(exec: Executor, tenantId: string, ids: string[]): Promise<RowMeta[]> {
  if (!ids.length) return [];
  const res = await exec.execute(sql`
    SELECT ${PAGE_COLUMNS}
      FROM records r JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
     WHERE r.tenant_id = ${tenantId} AND r.id = ANY(${sql.param(ids)}::uuid[])
       AND r.state IN ('published', 'superseded') AND r.attribute = 'proactive'`);
  const byId = new Map(rowsOf<RowMeta>(res).map((r) => [r.id, r]));
  // Withdrawn between the count and now: never shown.
  return ids.map((id) => byId.get(id)).filter((r): r is RowMeta => !!r);
}

async function pageItems(exec: Executor, tenantId: string, rows: RowMeta[], exact: Set<string>, terms: string[], today: string): Promise<SearchItem[]> {
  const items: SearchItem[] = [];
  const needAttachments: string[] = [];
  for (const r of rows) {
    const snip = snippet(r.body, terms);
    // Only a record with attachment text can have its excerpt there: the others need no second query.
    if (!snip && r.has_attachment_text) needAttachments.push(r.id);
    const titleSegments = highlight(r.title, terms);
    const validity = r.validity ? validityOn({ validity: r.validity, expiresOn: r.expires_on, effectiveOn: r.effective_on, changedOn: r.validity_changed_on, amendedById: r.amended_by_id }, today) : null;
    const segs = snip ?? (r.has_attachment_text ? null : excerpt(r.body));
    items.push({
      id: r.id,
      url: `/zfxxgk/info/${r.id}`,
      title: r.title,
      titleSegments,
      titleHtml: segmentsToHtml(titleSegments),
      snippet: segs ?? [],
      snippetHtml: segs ? segmentsToHtml(segs) : '',
      snippetFrom: snip ? 'body' : segs?.length ? 'start' : null,
      publisher: r.publisher,
      issuer: r.issuer,
      docNo: r.doc_no,
      indexNo: r.index_no,
      writtenOn: r.written_on,
      publishedOn: r.published_on,
      genre: r.genre,
      genreLabel: GENRE_LABELS[r.genre as Genre] ?? r.genre,
      topics: r.topics,
      state: r.state,
      validity,
      validityLabel: validity ? VALIDITY_LABELS[validity] : null,
      docNoMatch: exact.has(r.id),
    });
  }
  if (needAttachments.length) {
    const res = await exec.execute(sql`
      SELECT a.record_id AS id, left(string_agg(left(a.text, ${SNIPPET_SOURCE_CHARS}), E'\n' ORDER BY a.sort_order, a.created_at), ${SNIPPET_SOURCE_CHARS}) AS text
        FROM record_attachments a
       WHERE a.tenant_id = ${tenantId} AND a.record_id = ANY(${sql.param(needAttachments)}::uuid[]) AND a.text <> ''
       GROUP BY a.record_id`);
    const texts = new Map(rowsOf<{ id: string; text: string }>(res).map((r) => [r.id, r.text]));
    const bodies = new Map(rows.map((r) => [r.id, r.body]));
    for (const item of items) {
      if (!needAttachments.includes(item.id)) continue;
      const text = texts.get(item.id);
      const snip = text ? snippet(text, terms) : null;
      const segs = snip ?? excerpt(bodies.get(item.id) ?? '');
      item.snippet = segs;
      item.snippetHtml = segmentsToHtml(segs);
      item.snippetFrom = snip ? 'attachment' : segs.length ? 'start' : null;
    }
  }
  return items;
}
