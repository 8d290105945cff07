// The portal's search page (/search): a plain GET form that works without JavaScript, filters and sort as
// query parameters (so a search is a bookmarkable URL), results with the searched words marked, and a
// useful page when nothing is found. Every text is escaped by Preact; marked words are <mark> elements
// built from segments, never HTML strings.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import type { Config } from '../config.ts';
import { DEFAULT_TOPICS, GENRE_LABELS, GENRES } from '../core/publishing/genres.ts';
import { VALIDITY_LABELS, VALIDITIES } from '../core/publishing/validity.ts';
import type { Segment } from '../core/search/highlight.ts';
import { MAX_QUERY_CHARS } from '../core/search/query.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { paramsFrom, searchSite } from '../modules/search/routes.ts';
import type { SearchResult } from '../modules/search/service.ts';
import { Layout, UnknownSitePage } from './layout.tsx';

export const SEARCH_PATH = '/search';

export type SearchForm = ReturnType<typeof paramsFrom>;

export interface UnitOption {
  code: string;
  name: string;
}

/** The URL of a search: parameters in a fixed order, defaults left out, so that one search has one URL. */
export function searchUrl(f: Partial<SearchForm>, page = 1): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.unit) q.set('unit', f.unit);
  if (f.topic) q.set('topic', f.topic);
  if (f.genre) q.set('genre', f.genre);
  if (f.year) q.set('year', String(f.year));
  if (f.validity) q.set('validity', f.validity);
  if (f.sort === 'date') q.set('sort', 'date');
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${SEARCH_PATH}?${s}` : SEARCH_PATH;
}

function Marked(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

/** The search box alone, for the header or the home page. */
export function SearchBox(props: { q?: string; id?: string }) {
  const id = props.id ?? 'site-search-q';
  return (
    <form role="search" method="get" action={SEARCH_PATH} class="search-box" aria-label="站内搜索">
      <label for={id}>搜索本站信息</label>
      <input id={id} type="search" name="q" value={props.q ?? ''} maxLength={MAX_QUERY_CHARS} placeholder="标题、正文中的词语或文号" />
      <button type="submit">搜索</button>
    </form>
  );
}

function pageWindow(page: number, pages: number): (number | null)[] {
  const set = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

function Pager(props: { form: SearchForm; page: number; pages: number }) {
  const { form, page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav aria-label="搜索结果分页" class="pager">
      {page > 1 ? (
        <a href={searchUrl(form, page - 1)} rel="prev">
          上一页
        </a>
      ) : null}
      {pageWindow(page, pages).map((n) =>
        n === null ? (
          <span aria-hidden="true">…</span>
        ) : (
          <a href={searchUrl(form, n)} aria-current={n === page ? 'page' : undefined} aria-label={`第 ${n} 页`}>
            {n}
          </a>
        ),
      )}
      {page < pages ? (
        <a href={searchUrl(form, page + 1)} rel="next">
          下一页
        </a>
      ) : null}
    </nav>
  );
}

function Filters(props: { form: SearchForm; units: UnitOption[]; years: number[] }) {
  const { form } = props;
  return (
    <fieldset class="filters search-filters">
      <legend>筛选和排序</legend>
      <label>
        发布机构
        <select name="unit">
          <option value="">全部</option>
          {props.units.map((u) => (
            <option value={u.code} selected={form.unit === u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        主题分类
        <select name="topic">
          <option value="">全部</option>
          {DEFAULT_TOPICS.map((t) => (
            <option value={t} selected={form.topic === t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        体裁
        <select name="genre">
          <option value="">全部</option>
          {GENRES.map((g) => (
            <option value={g} selected={form.genre === g}>
              {GENRE_LABELS[g]}
            </option>
          ))}
        </select>
      </label>
      <label>
        成文年份
        <select name="year">
          <option value="">全部</option>
          {props.years.map((y) => (
            <option value={String(y)} selected={form.year === y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        有效性
        <select name="validity">
          <option value="">全部</option>
          {VALIDITIES.map((v) => (
            <option value={v} selected={form.validity === v}>
              {VALIDITY_LABELS[v]}
            </option>
          ))}
        </select>
      </label>
      <label>
        排序
        <select name="sort">
          <option value="relevance" selected={form.sort !== 'date'}>
            按相关度
          </option>
          <option value="date" selected={form.sort === 'date'}>
            按发布日期
          </option>
        </select>
      </label>
    </fieldset>
  );
}

function NothingFound(props: { form: SearchForm; result: SearchResult }) {
  const { form, result } = props;
  const filtered = !!(form.unit || form.topic || form.genre || form.year || form.validity);
  return (
    <section aria-labelledby="nothing-heading" class="search-empty">
      <h2 id="nothing-heading">没有找到相关信息</h2>
      <p>
        没有找到与“<strong>{result.query}</strong>”相关的已公开信息{filtered ? '（在所选的筛选条件下）' : ''}。您可以：
      </p>
      <ul>
        {filtered ? (
          <li>
            <a href={searchUrl({ q: form.q, sort: form.sort })}>去掉筛选条件再找一次</a>；
          </li>
        ) : null}
        <li>检查文号的写法：发文机关代字、年份、序号，如“示政发〔2026〕3号”（方括号、圆括号也可以）；</li>
        <li>减少词语，或换用更常见的说法，词语之间可以用空格隔开；</li>
        <li>
          按目录浏览：<a href="/zfxxgk/catalogue/">法定主动公开内容</a>，或查阅<a href="/zfxxgk/gfxwj/">行政规范性文件库</a>；
        </li>
        <li>
          没有主动公开的信息，可以<a href="/zfxxgk/guide/">依申请公开</a>（见政府信息公开指南中的申请方式）。
        </li>
      </ul>
    </section>
  );
}

function ResultList(props: { result: SearchResult }) {
  return (
    <ol class="search-results record-list" start={(props.result.page - 1) * props.result.pageSize + 1}>
      {props.result.items.map((i) => (
        <li>
          <h3 class="search-result-title">
            <a href={i.url}>
              <Marked segments={i.titleSegments} />
            </a>
            {i.docNoMatch ? <span class="search-badge">（文号相符）</span> : null}
            {i.state === 'superseded' ? <span class="search-badge">（已被新版本替代）</span> : null}
            {i.validity && i.validity !== 'valid' ? <span class="search-badge">（{i.validityLabel}）</span> : null}
          </h3>
          {i.snippet.length ? (
            <p class="search-snippet">
              {i.snippetFrom === 'attachment' ? <span class="search-from">附件：</span> : null}
              <Marked segments={i.snippet} />
            </p>
          ) : null}
          <p class="record-list-meta">
            <span>发布机构：{i.publisher}</span>
            {i.docNo ? <span>文号：{i.docNo}</span> : null}
            {i.publishedOn ? <span>发布日期：{i.publishedOn}</span> : null}
          </p>
        </li>
      ))}
    </ol>
  );
}

export function SearchPage(props: { tenant: TenantView; form: SearchForm; result: SearchResult | null; units: UnitOption[]; years: number[] }) {
  const { form, result } = props;
  const title = result?.query ? `搜索：${result.query}` : '站内搜索';
  const facets = result?.facets;
  return (
    <Layout tenant={props.tenant} title={title} current="/search">
      <nav aria-label="当前位置" class="breadcrumb">
        <a href="/">首页</a> › <span aria-current="page">站内搜索</span>
      </nav>
      <h1>站内搜索</h1>
      <form role="search" method="get" action={SEARCH_PATH} class="search-form" aria-label="搜索本站已公开的政府信息">
        <p class="search-main">
          <label for="search-q">搜索词</label>
          <input id="search-q" type="search" name="q" value={result?.query ?? form.q ?? ''} maxLength={MAX_QUERY_CHARS} aria-describedby="search-hint" />
          <button type="submit">搜索</button>
        </p>
        <p id="search-hint" class="search-hint">
          可输入标题、正文、附件中的词语，或文号（如 示政发〔2026〕3号）；用引号括起的词组须原样出现。
        </p>
        <Filters form={form} units={props.units} years={props.years} />
      </form>
      {result ? (
        <>
          <p role="status" class="search-status">
            {result.total
              ? `找到${result.totalCapped ? '超过 ' : result.totalEstimated ? '约 ' : ' '}${result.total.toLocaleString('en-US')} 条与“${result.query}”相关的信息${result.pages > 1 ? `，第 ${result.page} / ${result.totalEstimated ? '约 ' : ''}${result.pages} 页` : ''}。`
              : result.query
                ? `没有找到与“${result.query}”相关的信息。`
                : '请输入搜索词。'}
          </p>
          {result.notices.length ? (
            <ul class="search-notices">
              {result.notices.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          ) : null}
          {result.items.length ? (
            <>
              {facets && (facets.genres.length > 1 || facets.years.length > 1) ? (
                <section aria-labelledby="facets-heading" class="search-facets">
                  <h2 id="facets-heading">按类别缩小范围</h2>
                  {facets.genres.length > 1 ? (
                    <ul aria-label="按体裁">
                      {facets.genres.map((g) => (
                        <li>
                          <a href={searchUrl({ ...form, genre: g.value as SearchForm['genre'] })}>
                            {g.label}（{g.count}）
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {facets.years.length > 1 ? (
                    <ul aria-label="按成文年份">
                      {facets.years.slice(0, 12).map((y) => (
                        <li>
                          <a href={searchUrl({ ...form, year: y.year })}>
                            {y.year}年（{y.count}）
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </section>
              ) : null}
              <h2 class="visually-hidden">搜索结果列表</h2>
              <ResultList result={result} />
              <Pager form={form} page={result.page} pages={result.pages} />
            </>
          ) : result.query ? (
            <NothingFound form={form} result={result} />
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

function renderHtml(vnode: VNode): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}

async function loadUnitOptions(db: Db, tenantId: string): Promise<UnitOption[]> {
  const res = await db.execute(sql`
    SELECT u.code, u.name FROM units u
     WHERE u.tenant_id = ${tenantId}
       AND EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = u.tenant_id AND r.unit_id = u.id AND r.state IN ('published', 'superseded'))
     ORDER BY array_length(u.path, 1), u.sort_order, u.code`);
  return res.rows as unknown as UnitOption[];
}

/**
 * The units for the filter, kept a minute per tenant: they do not depend on the query, and they change when
 * a unit publishes its first record, not with every search.
 */
const UNIT_OPTIONS_MS = 60_000;
const unitOptionsCache = new Map<string, { at: number; units: Promise<UnitOption[]> }>();

function unitOptions(db: Db, tenantId: string): Promise<UnitOption[]> {
  const hit = unitOptionsCache.get(tenantId);
  if (hit && Date.now() - hit.at < UNIT_OPTIONS_MS) return hit.units;
  const units = loadUnitOptions(db, tenantId);
  // A failure is not remembered: the next search asks again.
  units.catch(() => {
    if (unitOptionsCache.get(tenantId)?.units === units) unitOptionsCache.delete(tenantId);
  });
  if (unitOptionsCache.size > 1000) unitOptionsCache.clear();
  unitOptionsCache.set(tenantId, { at: Date.now(), units });
  return units;
}

export function searchPortalRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  app.get<{ Querystring: Record<string, unknown> }>(SEARCH_PATH, { config: { access: 'public' as const, html: true }, schema: { hide: true } }, async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return reply.code(404).type('text/html; charset=utf-8').send(renderHtml(<UnknownSitePage host={req.hostname} />));
    const form = paramsFrom(req.query ?? {});
    const typed = typeof form.q === 'string' && form.q.trim() !== '';
    const [result, units] = await Promise.all([typed ? searchSite(db, tenant.tenantId, form) : Promise.resolve(null), unitOptions(db, tenant.tenantId)]);
    const thisYear = new Date().getFullYear();
    const years = Array.from({ length: 20 }, (_, i) => thisYear - i);
    // The page is always answered for the page shown: past the end, that is the last page.
    return reply.type('text/html; charset=utf-8').send(renderHtml(<SearchPage tenant={tenant} form={{ ...form, page: result?.page ?? 1 }} result={result} units={units} years={years} />));
  });
}
