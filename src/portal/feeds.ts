// Machine access to the portal: RSS 2.0 and Atom 1.0 feeds of the latest published records (the whole site,
// each catalogue node, each unit), the sitemap (split into parts past 50,000 addresses) and robots.txt.
// Links are absolute, on the protocol and host the request came in on (behind a trusted proxy, the ones the
// visitor used). Every text is XML-escaped, and characters XML cannot carry are dropped.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { listNodes } from '../modules/publishing/nodes.ts';
import { countPublished, latestListed, nodeByCode, sitemapRecords, unitByCode, type PublishedFilter, type PublishedItem } from '../modules/publishing/public-lists.ts';
import { nodePath, recordPath, rfc3339China, rfc822China, siteOrigin, unitPath } from '../modules/public-api/service.ts';
import { browseUrls } from './browse.tsx';
import { COLUMN_PARTS } from './pages.tsx';
import { renderPortalError } from './routes.tsx';

export const FEED_SIZE = 50;
/** The sitemap protocol's limit of addresses per file. */
export const SITEMAP_MAX_URLS = 50_000;

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

// ---- XML -------------------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all: C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value, escaped for XML. */
export function xml(s: string | number): string {
  return String(s).replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<name attr="…">text</name>`, or nothing when the text is null. */
function el(name: string, text: string | null | undefined, attrs: Record<string, string> = {}): string {
  if (text === null || text === undefined) return '';
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xml(v)}"`)
    .join('');
  return `<${name}${a}>${xml(text)}</${name}>`;
}

function empty(name: string, attrs: Record<string, string>): string {
  return `<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xml(v)}"`)
    .join('')}/>`;
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

// ---- feeds -----------------------------------------------------------------------------------------------

export interface FeedSpec {
  /** Feed title, e.g. 示范县人民政府 - 政策文件. */
  title: string;
  description: string;
  /** Absolute URL of the HTML page the feed follows. */
  page: string;
  /** Absolute URL of this feed (its other format is beside it). */
  self: string;
  author: string;
  items: PublishedItem[];
}

const updatedOf = (i: PublishedItem) => (i.publishedAt && i.publishedAt > i.updatedAt ? i.publishedAt : i.updatedAt);

function newest(items: PublishedItem[]): Date | null {
  let d: Date | null = null;
  for (const i of items) {
    const u = updatedOf(i);
    if (!d || u > d) d = u;
  }
  return d;
}

export function rss(spec: FeedSpec, origin: string): string {
  const built = newest(spec.items);
  const items = spec.items.map((i) => {
    const url = origin + recordPath(i.id);
    return [
      '<item>',
      el('title', i.title),
      el('link', url),
      el('guid', url, { isPermaLink: 'true' }),
      i.publishedAt ? el('pubDate', rfc822China(i.publishedAt)) : '',
      el('dc:creator', i.publisher),
      el('category', i.genreLabel),
      ...i.topics.map((t) => el('category', t)),
      i.excerpt ? el('description', i.excerpt) : '',
      '</item>',
    ].join('');
  });
  return (
    PROLOG +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n' +
    [
      el('title', spec.title),
      el('link', spec.page),
      el('description', spec.description),
      el('language', 'zh-CN'),
      built ? el('lastBuildDate', rfc822China(built)) : '',
      empty('atom:link', { href: spec.self, rel: 'self', type: 'application/rss+xml' }),
      el('generator', 'Gongkai'),
    ]
      .filter(Boolean)
      .join('\n') +
    '\n' +
    items.join('\n') +
    (items.length ? '\n' : '') +
    '</channel>\n</rss>\n'
  );
}

export function atom(spec: FeedSpec, origin: string): string {
  const updated = newest(spec.items) ?? new Date();
  const entries = spec.items.map((i) => {
    const url = origin + recordPath(i.id);
    return [
      '<entry>',
      el('id', `urn:uuid:${i.id}`),
      el('title', i.title, { type: 'text' }),
      empty('link', { rel: 'alternate', type: 'text/html', href: url }),
      i.publishedAt ? el('published', rfc3339China(i.publishedAt)) : '',
      el('updated', rfc3339China(updatedOf(i))),
      `<author>${el('name', i.publisher)}</author>`,
      empty('category', { term: i.genre, label: i.genreLabel }),
      ...i.topics.map((t) => empty('category', { term: t })),
      i.excerpt ? el('summary', i.excerpt, { type: 'text' }) : '',
      '</entry>',
    ].join('');
  });
  return (
    PROLOG +
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n' +
    [
      el('id', spec.page),
      el('title', spec.title, { type: 'text' }),
      el('subtitle', spec.description, { type: 'text' }),
      el('updated', rfc3339China(updated)),
      empty('link', { rel: 'self', type: 'application/atom+xml', href: spec.self }),
      empty('link', { rel: 'alternate', type: 'text/html', href: spec.page }),
      `<author>${el('name', spec.author)}</author>`,
      el('generator', 'Gongkai'),
    ].join('\n') +
    '\n' +
    entries.join('\n') +
    (entries.length ? '\n' : '') +
    '</feed>\n'
  );
}

// ---- sitemap ---------------------------------------------------------------------------------------------

function urlset(urls: { loc: string; lastmod?: Date }[]): string {
  return (
    PROLOG +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    urls.map((u) => `<url>${el('loc', u.loc)}${u.lastmod ? el('lastmod', rfc3339China(u.lastmod)) : ''}</url>\n`).join('') +
    '</urlset>\n'
  );
}

function sitemapIndex(origin: string, parts: number): string {
  const items = Array.from({ length: parts }, (_, i) => `<sitemap>${el('loc', `${origin}/sitemap-${i + 1}.xml`)}</sitemap>\n`);
  return PROLOG + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + items.join('') + '</sitemapindex>\n';
}

/** The site's pages that are not records: home, the column and its parts, the catalogue, the browse pages. */
async function sitePaths(db: Db, tenantId: string): Promise<string[]> {
  const nodes = await listNodes(db, tenantId);
  const paths = ['/', '/zfxxgk/', ...COLUMN_PARTS.map((p) => `/zfxxgk/${p.slug}/`), '/zfxxgk/gfxwj/', ...nodes.map((n) => nodePath(n.code)), ...(await browseUrls(db, tenantId))];
  return [...new Set(paths)];
}

/**
 * The addresses of sitemap part `n` (1-based) of `parts`, the site's pages first and then every listed
 * record, oldest first (so that a new record only ever changes the last part).
 */
async function sitemapPart(db: Db, tenantId: string, origin: string, pages: string[], n: number, size: number) {
  const start = (n - 1) * size;
  const end = start + size;
  const urls: { loc: string; lastmod?: Date }[] = pages.slice(start, end).map((p) => ({ loc: origin + p }));
  const recordStart = Math.max(0, start - pages.length);
  const recordCount = end - pages.length - recordStart;
  for (const r of await sitemapRecords(db, tenantId, recordStart, recordCount)) urls.push({ loc: origin + recordPath(r.id), lastmod: r.lastmod });
  return urls;
}

// ---- routes ----------------------------------------------------------------------------------------------

export function feedRoutes(app: FastifyInstance, { db, config, sitemapMaxUrls = SITEMAP_MAX_URLS }: { db: Db; config: Config; sitemapMaxUrls?: number }) {
  const opts = { config: { access: 'public' as const }, schema: { hide: true } };

  async function tenantOf(req: FastifyRequest, reply: FastifyReply): Promise<TenantView | null> {
    const tenant = await hostTenant(db, config, req);
    // An unknown host gets the plain "no such site" page, never another government's feed.
    if (!tenant) await renderPortalError(db, config, req, reply, 404, '页面不存在');
    return tenant ?? null;
  }

  async function sendFeed(req: FastifyRequest, reply: FastifyReply, tenant: TenantView, format: 'rss' | 'atom', p: { title: string; description: string; pagePath: string; filter: PublishedFilter }) {
    const origin = siteOrigin(req, tenant);
    const spec: FeedSpec = {
      title: p.title,
      description: p.description,
      page: origin + p.pagePath,
      self: `${origin}${p.pagePath}${format}.xml`,
      author: tenant.name,
      items: await latestListed(db, tenant.tenantId, p.filter, FEED_SIZE),
    };
    return reply.type(format === 'rss' ? RSS_TYPE : ATOM_TYPE).send(format === 'rss' ? rss(spec, origin) : atom(spec, origin));
  }

  for (const format of ['rss', 'atom'] as const) {
    app.get(`/${format}.xml`, opts, async (req, reply) => {
      const tenant = await tenantOf(req, reply);
      if (!tenant) return;
      return sendFeed(req, reply, tenant, format, { title: `${tenant.name} - 最新信息`, description: `${tenant.name}最新发布的政府信息`, pagePath: '/', filter: {} });
    });

    app.get<{ Params: { code: string } }>(`/zfxxgk/catalogue/:code/${format}.xml`, opts, async (req, reply) => {
      const tenant = await tenantOf(req, reply);
      if (!tenant) return;
      const node = req.params.code.length <= 64 ? await nodeByCode(db, tenant.tenantId, req.params.code) : null;
      if (!node) return renderPortalError(db, config, req, reply, 404, '页面不存在');
      return sendFeed(req, reply, tenant, format, {
        title: `${tenant.name} - ${node.name}`,
        description: `${tenant.name}法定主动公开内容「${node.name}」栏目最新发布的政府信息`,
        pagePath: nodePath(node.code),
        filter: { nodeId: node.id },
      });
    });

    app.get<{ Params: { code: string } }>(`/zfxxgk/units/:code/${format}.xml`, opts, async (req, reply) => {
      const tenant = await tenantOf(req, reply);
      if (!tenant) return;
      const unit = req.params.code.length <= 64 ? await unitByCode(db, tenant.tenantId, req.params.code) : null;
      if (!unit) return renderPortalError(db, config, req, reply, 404, '页面不存在');
      return sendFeed(req, reply, tenant, format, {
        title: `${tenant.name} - ${unit.name}`,
        description: `${unit.name}最新发布的政府信息`,
        pagePath: unitPath(unit.code),
        filter: { unitId: unit.id },
      });
    });
  }

  app.get('/sitemap.xml', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const origin = siteOrigin(req, tenant);
    const pages = await sitePaths(db, tenant.tenantId);
    const total = pages.length + (await countPublished(db, tenant.tenantId));
    if (total > sitemapMaxUrls) return reply.type(XML_TYPE).send(sitemapIndex(origin, Math.ceil(total / sitemapMaxUrls)));
    return reply.type(XML_TYPE).send(urlset(await sitemapPart(db, tenant.tenantId, origin, pages, 1, sitemapMaxUrls)));
  });

  app.get<{ Params: { n: string } }>('/sitemap-:n(^\\d{1,6}).xml', opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const origin = siteOrigin(req, tenant);
    const pages = await sitePaths(db, tenant.tenantId);
    const total = pages.length + (await countPublished(db, tenant.tenantId));
    const parts = total > sitemapMaxUrls ? Math.ceil(total / sitemapMaxUrls) : 0;
    const n = Number(req.params.n);
    // Parts exist only when the sitemap is split; the small sitemap lives at /sitemap.xml alone.
    if (!(n >= 1 && n <= parts)) return renderPortalError(db, config, req, reply, 404, '页面不存在');
    return reply.type(XML_TYPE).send(urlset(await sitemapPart(db, tenant.tenantId, origin, pages, n, sitemapMaxUrls)));
  });

  app.get('/robots.txt', opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return reply.code(404).type('text/plain; charset=utf-8').send('# 未找到该网站\n');
    const origin = siteOrigin(req, tenant);
    return reply
      .type('text/plain; charset=utf-8')
      .send(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /a11y/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n'));
  });
}
