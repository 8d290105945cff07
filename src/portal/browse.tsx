// Browsing the published records by 发布机构 (unit), 主题分类 (topic), 体裁 (genre) and year of publication:
// stable, bookmarkable pages (`/zfxxgk/units/fgj/?page=2`) with an accessible pager. A page number past the
// end shows the last page; a junk parameter is ignored; an unknown unit, topic, genre or year is a 404 page
// in the site's frame. Only proactive records that are published or superseded are listed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/client.ts';
import { UNIT_KIND_LABELS } from '../core/org/tree.ts';
import type { UnitKind } from '../core/org/kinds.ts';
import { DEFAULT_TOPICS, GENRE_LABELS, GENRES, type Genre } from '../core/publishing/genres.ts';
import { hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import {
  listPublished,
  publishedGenres,
  publishedTopics,
  publishedYears,
  publishingUnits,
  unitByCode,
  type PublishedFilter,
  type PublishedItem,
  type PublishedPage,
  type PublishingUnit,
} from '../modules/publishing/public-lists.ts';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { renderHtml, renderPortalError } from './routes.tsx';

export const PAGE_SIZE = 20;

export const BROWSE_KINDS = [
  { slug: 'units', title: '按发布机构浏览', short: '发布机构' },
  { slug: 'topics', title: '按主题分类浏览', short: '主题分类' },
  { slug: 'genres', title: '按体裁浏览', short: '体裁' },
  { slug: 'years', title: '按年份浏览', short: '年份' },
] as const;
type BrowseSlug = (typeof BROWSE_KINDS)[number]['slug'];

export const browseIndexPath = (slug: BrowseSlug) => `/zfxxgk/${slug}/`;
export const unitBrowsePath = (code: string) => `/zfxxgk/units/${encodeURIComponent(code)}/`;
export const topicBrowsePath = (topic: string) => `/zfxxgk/topics/${encodeURIComponent(topic)}/`;
export const genreBrowsePath = (genre: string) => `/zfxxgk/genres/${encodeURIComponent(genre)}/`;
export const yearBrowsePath = (year: number) => `/zfxxgk/years/${year}/`;

/** Every browse page of a tenant (first pages only), for the sitemap. */
export async function browseUrls(exec: Executor, tenantId: string): Promise<string[]> {
  const [unitList, topics, genres, years] = await Promise.all([publishingUnits(exec, tenantId), publishedTopics(exec, tenantId), publishedGenres(exec, tenantId), publishedYears(exec, tenantId)]);
  return [
    ...BROWSE_KINDS.map((k) => browseIndexPath(k.slug)),
    ...unitList.map((u) => unitBrowsePath(u.code)),
    ...topics.map((t) => topicBrowsePath(t.topic)),
    ...genres.map((g) => genreBrowsePath(g.genre)),
    ...years.map((y) => yearBrowsePath(y.year)),
  ];
}

/** Units grouped for the public, in this order. */
const KIND_GROUPS: { label: string; kinds: UnitKind[] }[] = [
  { label: '人民政府及其办公机构', kinds: ['government', 'office', 'open_gov_office'] },
  { label: '政府工作部门', kinds: ['department'] },
  { label: '垂直管理单位', kinds: ['vertical'] },
  { label: '事业单位', kinds: ['institution'] },
  { label: '乡镇、街道和开发区', kinds: ['township', 'street', 'development_zone'] },
  { label: '村（社区）', kinds: ['village', 'community'] },
];

// ---- pieces ----------------------------------------------------------------------------------------------

function Crumbs(props: { here: string; middle?: { href: string; label: string } }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> ›{' '}
      {props.middle ? (
        <>
          <a href={props.middle.href}>{props.middle.label}</a> ›{' '}
        </>
      ) : null}
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}

/** Links to the four ways of browsing, the current one marked. */
function BrowseNav(props: { current: BrowseSlug }) {
  return (
    <nav aria-label="浏览方式" class="pager">
      {BROWSE_KINDS.map((k) => (
        <a href={browseIndexPath(k.slug)} aria-current={k.slug === props.current ? 'page' : undefined}>
          {k.title}
        </a>
      ))}
    </nav>
  );
}

/** Page numbers to show: the first, the last, and the current one with its neighbours; null is a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const want = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...want].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const [i, n] of sorted.entries()) {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  }
  return out;
}

export function Pager(props: { base: string; page: number; pages: number }) {
  const { base, page, pages } = props;
  if (pages <= 1) return null;
  const href = (p: number) => (p === 1 ? base : `${base}?page=${p}`);
  return (
    <nav aria-label="分页" class="pager">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          上一页
        </a>
      ) : null}
      {pageWindow(page, pages).map((n) =>
        n === null ? (
          <span aria-hidden="true">…</span>
        ) : (
          <a href={href(n)} aria-current={n === page ? 'page' : undefined} aria-label={`第 ${n} 页`}>
            {n}
          </a>
        ),
      )}
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      ) : null}
      <span>
        第 {page} / {pages} 页
      </span>
    </nav>
  );
}

export function BrowseList(props: { items: PublishedItem[] }) {
  if (!props.items.length) return <p class="empty">暂无信息。</p>;
  return (
    <ul class="record-list">
      {props.items.map((i) => (
        <li>
          <a href={`/zfxxgk/info/${i.id}`}>{i.title}</a>
          <span class="record-list-meta">
            <span>
              <span class="visually-hidden">发布机构：</span>
              {i.publisher}
            </span>
            {i.docNo ? (
              <span>
                <span class="visually-hidden">文号：</span>
                {i.docNo}
              </span>
            ) : null}
            {i.state === 'superseded' ? <span>已被替代</span> : i.validity && i.validity !== 'valid' ? <span>{i.validityLabel}</span> : null}
            {i.publishedOn ? (
              <span>
                <span class="visually-hidden">发布日期：</span>
                <time dateTime={i.publishedOn}>{i.publishedOn}</time>
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Feeds(props: { base: string }) {
  return (
    <p class="feeds">
      订阅本栏目：<a href={`${props.base}rss.xml`} type="application/rss+xml">RSS</a>　<a href={`${props.base}atom.xml`} type="application/atom+xml">Atom</a>
    </p>
  );
}

// ---- pages -----------------------------------------------------------------------------------------------

export function UnitsIndexPage(props: { tenant: TenantView; units: PublishingUnit[] }) {
  const groups = KIND_GROUPS.map((g) => ({ ...g, units: props.units.filter((u) => g.kinds.includes(u.kind)) })).filter((g) => g.units.length);
  const title = BROWSE_KINDS[0].title;
  return (
    <Layout tenant={props.tenant} title={title} current="/zfxxgk/">
      <Crumbs here={title} />
      <h1>{title}</h1>
      <BrowseNav current="units" />
      {!groups.length ? <p class="empty">暂无已发布的信息。</p> : null}
      {groups.map((g, i) => (
        <section aria-labelledby={`kind-${i}`} class="panel">
          <h2 id={`kind-${i}`}>{g.label}</h2>
          <ul class="record-list">
            {g.units.map((u) => (
              <li>
                <a href={unitBrowsePath(u.code)}>{u.name}</a>
                <span class="record-list-meta">
                  <span>{UNIT_KIND_LABELS[u.kind]}</span>
                  <span>{u.count} 条</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function FacetIndexPage(props: { tenant: TenantView; kind: 'topics' | 'genres' | 'years'; entries: { href: string; label: string; count: number }[] }) {
  const k = BROWSE_KINDS.find((x) => x.slug === props.kind)!;
  return (
    <Layout tenant={props.tenant} title={k.title} current="/zfxxgk/">
      <Crumbs here={k.title} />
      <h1>{k.title}</h1>
      <BrowseNav current={props.kind} />
      {props.entries.length ? (
        <ul class="record-list">
          {props.entries.map((e) => (
            <li>
              <a href={e.href}>{e.label}</a>
              <span class="record-list-meta">
                <span>{e.count} 条</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">暂无已发布的信息。</p>
      )}
    </Layout>
  );
}

export function BrowseListPage(props: { tenant: TenantView; kind: BrowseSlug; heading: string; intro?: string; base: string; result: PublishedPage; feeds?: boolean }) {
  const k = BROWSE_KINDS.find((x) => x.slug === props.kind)!;
  const { result } = props;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const title = result.page > 1 ? `${props.heading}（第 ${result.page} 页）` : props.heading;
  return (
    <Layout tenant={props.tenant} title={title} current="/zfxxgk/">
      <Crumbs here={props.heading} middle={{ href: browseIndexPath(props.kind), label: k.title }} />
      <h1>{props.heading}</h1>
      {props.intro ? <p>{props.intro}</p> : null}
      {props.feeds ? <Feeds base={props.base} /> : null}
      <p role="status">共 {result.total} 条</p>
      <BrowseList items={result.items} />
      <Pager base={props.base} page={result.page} pages={pages} />
    </Layout>
  );
}

// ---- routes ----------------------------------------------------------------------------------------------

function pageParam(v: unknown): number {
  if (typeof v !== 'string' || !/^\d{1,7}$/.test(v)) return 1;
  return Math.max(1, Number(v));
}

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export function browseRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };

  async function tenantOf(req: FastifyRequest, reply: FastifyReply): Promise<TenantView | null> {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) {
      await renderPortalError(db, config, req, reply, 404, '页面不存在');
      return null;
    }
    return tenant;
  }

  const notFound = (tenant: TenantView, reply: FastifyReply) => sendHtml(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);

  async function listPage(req: FastifyRequest, reply: FastifyReply, tenant: TenantView, p: { kind: BrowseSlug; heading: string; intro?: string; base: string; filter: PublishedFilter; feeds?: boolean }) {
    const page = pageParam((req.query as Record<string, unknown> | undefined)?.page);
    const result = await listPublished(db, tenant.tenantId, p.filter, page, PAGE_SIZE, { clamp: true });
    return sendHtml(reply, renderHtml(<BrowseListPage tenant={tenant} kind={p.kind} heading={p.heading} intro={p.intro} base={p.base} result={result} feeds={p.feeds} />));
  }

  // Addresses without their trailing slash go to the page's one address.
  for (const k of BROWSE_KINDS) {
    app.get(`/zfxxgk/${k.slug}`, opts, async (_req, reply) => reply.redirect(browseIndexPath(k.slug), 301));
    app.get<{ Params: { key: string } }>(`/zfxxgk/${k.slug}/:key`, opts, async (req, reply) => reply.redirect(`/zfxxgk/${k.slug}/${encodeURIComponent(req.params.key)}/`, 301));
  }

  app.get('/zfxxgk/units/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return sendHtml(reply, renderHtml(<UnitsIndexPage tenant={tenant} units={await publishingUnits(db, tenant.tenantId)} />));
  });

  app.get<{ Params: { code: string } }>('/zfxxgk/units/:code/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const code = req.params.code;
    const unit = code.length <= 64 ? await unitByCode(db, tenant.tenantId, code) : null;
    if (!unit) return notFound(tenant, reply);
    return listPage(req, reply, tenant, { kind: 'units', heading: unit.name, intro: `${unit.name}发布的政府信息，新的在前。`, base: unitBrowsePath(unit.code), filter: { unitId: unit.id }, feeds: true });
  });

  app.get('/zfxxgk/topics/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const topics = await publishedTopics(db, tenant.tenantId);
    return sendHtml(reply, renderHtml(<FacetIndexPage tenant={tenant} kind="topics" entries={topics.map((t) => ({ href: topicBrowsePath(t.topic), label: t.topic, count: t.count }))} />));
  });

  app.get<{ Params: { topic: string } }>('/zfxxgk/topics/:topic/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const topic = req.params.topic;
    // A customary topic always has its page (perhaps empty); another one only while something is filed under it.
    const known = topic.length <= 60 && ((DEFAULT_TOPICS as readonly string[]).includes(topic) || (await publishedTopics(db, tenant.tenantId)).some((t) => t.topic === topic));
    if (!known) return notFound(tenant, reply);
    return listPage(req, reply, tenant, { kind: 'topics', heading: topic, intro: `主题分类为「${topic}」的政府信息，新的在前。`, base: topicBrowsePath(topic), filter: { topic } });
  });

  app.get('/zfxxgk/genres/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const genres = await publishedGenres(db, tenant.tenantId);
    return sendHtml(reply, renderHtml(<FacetIndexPage tenant={tenant} kind="genres" entries={genres.map((g) => ({ href: genreBrowsePath(g.genre), label: g.label, count: g.count }))} />));
  });

  app.get<{ Params: { genre: string } }>('/zfxxgk/genres/:genre/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const genre = req.params.genre as Genre;
    if (!(GENRES as readonly string[]).includes(genre)) return notFound(tenant, reply);
    const label = GENRE_LABELS[genre];
    return listPage(req, reply, tenant, { kind: 'genres', heading: label, intro: `体裁为「${label}」的政府信息，新的在前。`, base: genreBrowsePath(genre), filter: { genre } });
  });

  app.get('/zfxxgk/years/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const years = await publishedYears(db, tenant.tenantId);
    return sendHtml(reply, renderHtml(<FacetIndexPage tenant={tenant} kind="years" entries={years.map((y) => ({ href: yearBrowsePath(y.year), label: `${y.year}年`, count: y.count }))} />));
  });

  app.get<{ Params: { year: string } }>('/zfxxgk/years/:year/', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const year = /^\d{4}$/.test(req.params.year) ? Number(req.params.year) : NaN;
    if (!(year >= 1949 && year <= new Date().getFullYear() + 1)) return notFound(tenant, reply);
    return listPage(req, reply, tenant, { kind: 'years', heading: `${year}年`, intro: `${year}年发布的政府信息，新的在前。`, base: yearBrowsePath(year), filter: { year } });
  });
}
