// The public portal's routes. The request's host name picks the tenant; an unknown host gets a plain
// page saying so, never another government's site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { UnknownSitePage } from './layout.tsx';
import { COLUMN_PARTS, ColumnPage, ColumnPartPage, ErrorPage, HomePage, NOTICE_GENRES, NotFoundPage } from './pages.tsx';
import { A11Y_COOKIE, A11Y_PREFS, parsePrefs, renderInPage, runInPage, safeReturnPath, type A11yPref } from './context.ts';
import { CatalogueNodePage, CatalogueTreePage, LibraryPage, RecordPage } from './records.tsx';
import { GuidePage } from './guide.tsx';
import { listNodes } from '../modules/publishing/nodes.ts';
import { latestInterpretations, publicInterpretationsOf } from '../modules/interpretation/service.ts';
import type { BlobStore } from '../modules/files/index.ts';
import { contentDisposition, publicAttachment } from '../modules/publishing/attachments.ts';
import { columnPartRecords, latestPublished, normativeLibrary, publicRecord, publishedInNode, type LibraryFilter } from '../modules/publishing/public.ts';
import { VALIDITIES, type Validity } from '../core/publishing/validity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function intParam(v: unknown, min: number, max: number): number | undefined {
  if (typeof v !== 'string' || !/^\d{1,6}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

export function renderHtml(vnode: VNode): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

async function tenantOr404(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply): Promise<TenantView | null> {
  const tenant = await hostTenant(db, config, req);
  if (!tenant) {
    sendHtml(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return null;
  }
  return tenant;
}

/** Errors on portal pages are pages too, in the tenant's frame when the host is known. */
export async function renderPortalError(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  let tenant: TenantView | undefined;
  try {
    tenant = await hostTenant(db, config, req);
  } catch {
    tenant = undefined;
  }
  if (!tenant) return sendHtml(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
  const page = status === 404 ? <NotFoundPage tenant={tenant} /> : <ErrorPage tenant={tenant} message={status >= 500 ? '服务器暂时无法处理您的请求，请稍后再试。' : message} />;
  // Outside a portal route the visitor's accessibility choices are read here, so an error page keeps them.
  const ctx = { prefs: parsePrefs(req.cookies?.[A11Y_COOKIE]), path: req.url, print: false };
  return sendHtml(reply, renderInPage(ctx, () => renderHtml(page)), status);
}

export function portalRoutes(app: FastifyInstance, { db, config, blobs }: { db: Db; config: Config; blobs: BlobStore }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };

  // Every portal page knows the visitor's accessibility choices and its own path (src/portal/context.ts).
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.routeOptions.config?.html) return done();
    const query = req.query as Record<string, unknown> | undefined;
    runInPage({ prefs: parsePrefs(req.cookies?.[A11Y_COOKIE]), path: req.url, print: query?.print === '1' }, done);
  });

  // The toolbar: a link per choice, kept in a cookie for a year; no JavaScript needed.
  app.get<{ Params: { pref: string }; Querystring: { return?: string } }>('/a11y/:pref', opts, async (req, reply) => {
    const prefs = parsePrefs(req.cookies?.[A11Y_COOKIE]);
    const pref = req.params.pref;
    if (pref === 'reset') prefs.clear();
    else if ((A11Y_PREFS as readonly string[]).includes(pref)) {
      const p = pref as A11yPref;
      if (prefs.has(p)) prefs.delete(p);
      else prefs.add(p);
    }
    reply.setCookie(A11Y_COOKIE, [...prefs].join(','), { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(safeReturnPath(req.query?.return), 303);
  });

  app.get('/', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const [latest, notices, jd] = await Promise.all([latestPublished(db, tenant.tenantId, 10), latestPublished(db, tenant.tenantId, 8, NOTICE_GENRES), latestInterpretations(db, tenant.tenantId, 5)]);
    return sendHtml(reply, renderHtml(<HomePage tenant={tenant} latest={latest} notices={notices} interpretations={jd.items} />));
  });

  app.get('/zfxxgk', opts, async (_req, reply) => reply.redirect('/zfxxgk/', 301));
  app.get('/zfxxgk/', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (tenant) return sendHtml(reply, renderHtml(<ColumnPage tenant={tenant} />));
  });

  app.get<{ Params: { part: string } }>('/zfxxgk/:part/', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const part = COLUMN_PARTS.find((p) => p.slug === req.params.part);
    if (!part) return sendHtml(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    if (part.slug === 'guide') return sendHtml(reply, renderHtml(<GuidePage tenant={tenant} />));
    if (part.slug === 'catalogue') return sendHtml(reply, renderHtml(<CatalogueTreePage tenant={tenant} nodes={await listNodes(db, tenant.tenantId)} />));
    const items = part.slug === 'rules' || part.slug === 'reports' ? await columnPartRecords(db, tenant.tenantId, part.slug) : [];
    return sendHtml(reply, renderHtml(<ColumnPartPage tenant={tenant} part={part} items={items} />));
  });

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>('/zfxxgk/catalogue/:code/', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const node = (await listNodes(db, tenant.tenantId)).find((n) => n.code === req.params.code);
    if (!node) return sendHtml(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    const pageSize = 20;
    const first = await publishedInNode(db, tenant.tenantId, node.id, 1, pageSize);
    const last = Math.max(1, Math.ceil(first.total / pageSize));
    const page = Math.min(intParam(req.query?.page, 1, 100000) ?? 1, last);
    const result = page === 1 ? first : await publishedInNode(db, tenant.tenantId, node.id, page, pageSize);
    return sendHtml(reply, renderHtml(<CatalogueNodePage tenant={tenant} node={node} result={result} />));
  });

  app.get<{ Params: { id: string } }>('/zfxxgk/info/:id', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const record = UUID.test(req.params.id) ? await publicRecord(db, tenant.tenantId, req.params.id) : null;
    if (!record) return sendHtml(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    const jd = record.state === 'withdrawn' ? [] : await publicInterpretationsOf(db, tenant.tenantId, record.id);
    return sendHtml(reply, renderHtml(<RecordPage tenant={tenant} record={record} interpretations={jd} />));
  });

  app.get('/zfxxgk/gfxwj', opts, async (_req, reply) => reply.redirect('/zfxxgk/gfxwj/', 301));
  app.get<{ Querystring: Record<string, string> }>('/zfxxgk/gfxwj/', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const q = req.query ?? {};
    const thisYear = new Date().getFullYear();
    const validity = typeof q.validity === 'string' && ((VALIDITIES as readonly string[]).includes(q.validity) || q.validity === 'all') ? (q.validity as Validity | 'all') : undefined;
    const filter: LibraryFilter = {
      issuer: typeof q.issuer === 'string' && q.issuer.length <= 200 && q.issuer ? q.issuer : undefined,
      year: intParam(q.year, 1949, thisYear + 1),
      validity,
    };
    const pageSize = 20;
    let page = intParam(q.page, 1, 100000) ?? 1;
    let result = await normativeLibrary(db, tenant.tenantId, filter, page, pageSize);
    // A page past the end shows the last page rather than an empty list.
    const last = Math.max(1, Math.ceil(result.total / pageSize));
    if (page > last) {
      page = last;
      result = await normativeLibrary(db, tenant.tenantId, filter, page, pageSize);
    }
    const years = Array.from({ length: 15 }, (_, i) => thisYear - i);
    return sendHtml(reply, renderHtml(<LibraryPage tenant={tenant} filter={filter} result={result} years={years} />));
  });

  app.get<{ Params: { id: string } }>('/zfxxgk/files/:id', opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const a = UUID.test(req.params.id) ? await publicAttachment(db, tenant.tenantId, req.params.id) : null;
    if (!a) return sendHtml(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    const bytes = await blobs.get(a.blobKey);
    return reply
      .header('content-type', a.mime)
      .header('content-disposition', contentDisposition(a.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', `"${a.sha256}"`)
      .send(Buffer.from(bytes));
  });
}
