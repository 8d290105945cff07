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
// One statement answers a search of up to MAX_COUNT matches (nearly all of them), prepared once per
// connection: a single pass over the matches that the GIN index gives, reading from each entry's heap tuple
// what it needs (state, date, genre, year and the small title vector), counts them, orders them, counts the
// facets when they are few, and returns the page's records. Only the vectors of the groups small enough to
// rank are read again (from TOAST). The filters (unit with its sub-units, topic, genre, year) are lexemes of
// the vector (vector.ts); only validity, which depends on today's date, reads the records of the matches.
// More matches than MAX_COUNT: the count stops there (record_search is split into partitions, and those
// after the ones that gave enough matches are not read), and the page is found by walking the tenant's
// records newest first (records_published_idx) and keeping the matches, so that no query sorts them all.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { todayLocal } from '../../core/calendar/index.ts';
import { excerpt, highlight, segmentsToHtml, snippet, type Segment } from '../../core/search/highlight.ts';
import { filterQuery, hasTerms, highlightTerms, matchQuery, parseQuery, rankQuery, titleQuery, type ParsedQuery } from '../../core/search/query.ts';
import { filterLexeme, quoteLexeme } from '../../core/search/vector.ts';
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
export const RANK_LIMIT = 500;
/** More than MAX_COUNT matches: up to this many in a group, the group is ordered from the index side. */
const JOIN_LIMIT = 1_000;
/**
 * What testing one record in a walk costs (its entry read, its vector de-TOASTed and tested), in units of
 * one match read through the GIN index: a walk probes when that is cheaper than hashing all matches.
 */
const PROBE_COST = 5;
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
  return { query: pq.text, sort, total: 0, totalCapped: false, page: 1, pageSize, pages: 1, items: [], facets: null, notices, terms: highlightTerms(pq), ranked: false };
}

/** Entries of a tenant, for the share of records a query matches (kept a minute). */
const sizes = new Map<string, { at: number; n: number }>();
async function indexSize(exec: Executor, tenantId: string): Promise<number> {
  const hit = sizes.get(tenantId);
  if (hit && Date.now() - hit.at < 60_000) return hit.n;
  const n = rowsOf<{ n: number }>(await exec.execute(sql`SELECT count(*)::int AS n FROM record_search WHERE tenant_id = ${tenantId}`))[0]?.n ?? 0;
  if (sizes.size > 1000) sizes.clear();
  sizes.set(tenantId, { at: Date.now(), n });
  return n;
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

function countSql(p: Plan, query: string, cap: number): SQL {
  return sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM record_search s ${p.validity ? sql`JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id AND ${p.validity}` : sql``}
       WHERE s.vector @@ ${query}::tsquery AND ${tenantOnly(p.tenantId)}
         ${p.exact.length ? sql`AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])` : sql``}
       LIMIT ${cap}) x`;
}

async function count(exec: Executor, p: Plan, query: string, cap = MAX_COUNT + 1): Promise<number> {
  return rowsOf<{ n: number }>(await exec.execute(countSql(p, query, cap)))[0]?.n ?? 0;
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
 * are common, it would rather read every vector than the GIN index. The search's statement hides the
 * query from the planner (it is an InitPlan's value), which then estimates few matches and always takes
 * the index. The statements for more than MAX_COUNT matches see their queries: they run in a transaction
 * with these settings (nor is it worth compiling their expressions with JIT).
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
 * All matches of `query`, from the GIN index, joined to their records for the date: ordered by title
 * match (`inTitle`), rank (`ranked`) and date. For a few hundred or thousand matches.
 */
async function orderAll(exec: Executor, p: Plan, query: string, opts: { inTitle: boolean; ranked: boolean; currentFirst: boolean }, limit: number, offset: number): Promise<string[]> {
  const inTitle = opts.inTitle && p.title ? sql`(s.record_id IN (SELECT t.record_id FROM record_search t WHERE t.vector @@ ${p.title}::tsquery AND ${tenantOnly(p.tenantId, 't')}))` : sql`false`;
  const score = opts.ranked && p.rank ? sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], s.vector, ${p.rank}::tsquery, 1)` : sql`0::float4`;
  const res = await exec.execute(sql`
    SELECT x.record_id AS id FROM (
      SELECT s.record_id, ${inTitle} AS in_title, ${score} AS score
        FROM record_search s
       WHERE s.vector @@ ${query}::tsquery AND ${tenantOnly(p.tenantId)}
         ${p.exact.length ? sql`AND s.record_id <> ALL(${sql.param(p.exact)}::uuid[])` : sql``}
    ) x
    JOIN records r ON r.tenant_id = ${p.tenantId} AND r.id = x.record_id ${p.validity ? sql`AND ${p.validity}` : sql``}
    ORDER BY x.in_title DESC, ${opts.currentFirst ? sql`(r.state = 'published') DESC,` : sql``} x.score DESC, r.published_at DESC NULLS LAST, r.id DESC
    LIMIT ${limit} OFFSET ${offset}`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

/**
 * Rows [offset, offset + limit) of one group of matches (`n` of them, at most MAX_COUNT counted): all
 * ordered from the index when they are few (ranked when fewer than RANK_LIMIT and `rank`), or when the
 * page is near their end; else by walking the records newest first.
 */
async function segment(exec: Executor, p: Plan, query: string, n: number, sort: SearchSort, limit: number, offset: number, pre: SQL | null = null): Promise<string[]> {
  if (limit <= 0 || offset >= n) return [];
  const relevance = sort === 'relevance';
  if (n <= JOIN_LIMIT || ((offset + limit) * 4 > n && n <= MAX_COUNT)) return orderAll(exec, p, query, { inTitle: false, ranked: relevance && n <= RANK_LIMIT, currentFirst: relevance }, limit, offset);
  const size = Math.max(await indexSize(exec, p.tenantId), n);
  return (await walk(exec, p, query, offset + limit, n / size, size, relevance, pre)).slice(offset).map((x) => x.id);
}

/**
 * Many matches: the tenant's records newest first (records_published_idx, one state at a time), keeping
 * those that match, until `need` are found. A record is tested against a hash of all matches, or, when
 * matches are dense enough for few records to be tested, against its own entry (a correlated probe; OFFSET 0
 * keeps PostgreSQL from hashing it).
 * `share` is the estimated share of the tenant's `size` records that match. `pre`, a condition on the entry
 * `s` that every match meets, is tested first: it spares reading the vectors of records it rules out.
 */
async function walk(exec: Executor, p: Plan, query: string, need: number, share: number, size: number, currentFirst: boolean, pre: SQL | null): Promise<{ id: string; at: number }[]> {
  const hit =
    // About need / share records are tested one by one, against share × size matches hashed.
    (need / Math.max(share, 1e-4)) * PROBE_COST <= share * size
      ? sql`EXISTS (SELECT 1 FROM record_search s WHERE s.tenant_id = r.tenant_id AND s.record_id = r.id ${pre ? sql`AND ${pre}` : sql``} AND s.vector @@ ${query}::tsquery OFFSET 0)`
      : sql`(r.id IN (SELECT s.record_id FROM record_search s WHERE s.vector @@ ${query}::tsquery AND ${tenantOnly(p.tenantId)}))`;
  const found: { id: string; at: number }[] = [];
  for (const state of ['published', 'superseded'] as const) {
    // Superseded records are few: how many match (from the index) says whether to walk them at all.
    // With current records first, they are needed only when the published ones run out.
    const want = state === 'published' ? need : need - (currentFirst ? found.length : 0);
    if (want <= 0) continue;
    const n = state === 'published' ? want : Math.min(want, await count(exec, p, `(${query}) & ${quoteLexeme(filterLexeme('s', 'superseded'))}`, want));
    if (n <= 0) continue;
    let scan = Math.min(size + 1, Math.ceil((n / Math.max(share, 1e-4)) * 2) + 200);
    for (;;) {
      const res = await exec.execute(sql`
        SELECT x.id, x.published_at FROM (
          SELECT r.id, r.published_at, ${hit} AS hit
            FROM records r
           WHERE r.tenant_id = ${p.tenantId} AND r.state = ${state} AND r.attribute = 'proactive'
             ${p.validity ? sql`AND ${p.validity}` : sql``}
             ${p.exact.length ? sql`AND r.id <> ALL(${sql.param(p.exact)}::uuid[])` : sql``}
           ORDER BY r.published_at DESC, r.id DESC
           LIMIT ${scan}) x
         WHERE x.hit
         LIMIT ${n}`);
      const rows = rowsOf<{ id: string; published_at: Date | string | null }>(res);
      // Too few within the first `scan` records (the share was misjudged): once more, all the way.
      if (rows.length < n && scan <= size) {
        scan = size + 1;
        continue;
      }
      for (const r of rows) found.push({ id: r.id, at: r.published_at ? new Date(r.published_at).getTime() : 0 });
      break;
    }
  }
  return (currentFirst ? found : found.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))).slice(0, need);
}

export async function searchRecords(exec: Executor, tenantId: string, params: SearchParams): Promise<SearchResult> {
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

  // 2. Counts, facets and the page, in one pass over the matches.
  const requested = Math.max(Math.trunc(params.page ?? 1) || 1, 1);
  let w = windowOf(requested, pageSize, exact);
  let pass = await onePass(exec, plan, sort, w);
  const matched = pass.n;
  const totalCapped = matched > MAX_COUNT;
  const total = Math.min(matched, MAX_COUNT) + exact.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end shows the last page.
  const page = Math.min(requested, pages);
  if (!total) return { ...emptyResult(pq, sort, pageSize, notices), terms };
  if (page !== requested) {
    w = windowOf(page, pageSize, exact);
    if (!totalCapped) pass = await onePass(exec, plan, sort, w);
  }

  let ranked = false;
  let rows = pass.rows;
  if (!totalCapped) {
    if (w.need > 0 && matched > 0 && sort === 'relevance' && plan.rank) ranked = matched <= RANK_LIMIT || (pass.nTitle <= RANK_LIMIT && w.from + w.need <= pass.nTitle);
  } else {
    // 3. Too many to order them all: matches with every term in the title and numbers (ranked, when
    // few), then the others, each group newest first, by walking the records.
    const seen = pass.nTitle;
    const others = await exec.transaction(async (tx) => {
      await tx.execute(INDEX_ONLY_SETTINGS);
      if (w.need <= 0) return [];
      if (sort === 'date' || !plan.title) return segment(tx, plan, plan.full, matched, sort, w.need, w.from);
      const titled = and(plan.full, plan.title)!;
      // When the pass already saw more than JOIN_LIMIT title matches and the page lies well within
      // them, the group is walked whatever its exact size: no need to count it.
      const inTitle = seen > JOIN_LIMIT && (w.from + w.need) * 4 <= seen ? seen : await count(tx, plan, titled);
      ranked = inTitle <= RANK_LIMIT && !!plan.rank && w.from + w.need <= inTitle;
      const inTitleVector = sql`s.title_vector @@ ${plan.terms}::tsquery`;
      const found = await segment(tx, plan, titled, inTitle, sort, w.need, w.from, inTitleVector);
      if (found.length >= w.need) return found;
      const rest = `(${plan.full}) & !(${plan.title})`;
      return found.concat(await segment(tx, plan, rest, Math.max(matched - inTitle, 0), sort, w.need - found.length, Math.max(0, w.from - inTitle), sql`NOT (${inTitleVector})`));
    });
    rows = await pageRows(exec, tenantId, [...w.fromExact, ...others]);
  }
  const items = await pageItems(exec, tenantId, rows, new Set(exact), terms, today);

  // 4. Facets, when counting them cost little (the pass counts them when the matches are few).
  let facets: SearchFacets | null = null;
  if (pass.facets && matched + exact.length <= FACET_LIMIT) {
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
  if (sort === 'relevance' && matched > RANK_LIMIT) notices.push('找到的信息较多：标题中含有全部搜索词的排在前面，其余按发布日期从新到旧排列。增加词语或使用筛选条件可以缩小范围。');
  return { query: pq.text, sort, total, totalCapped, page, pageSize, pages, items, facets, notices, terms, ranked };
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
