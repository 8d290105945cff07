// One Fastify server: the JSON API (/api/v1, described by OpenAPI), the server-rendered public portal (/)
// and the built admin console (/admin).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, badRequest } from './core/errors.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { accessControl, describeAccess, type RouteInfo } from './http/access.ts';
import { sendError, toErrorResponse } from './http/errors.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { publishingRoutes } from './modules/publishing/routes.ts';
import { blobStoreFromConfig } from './modules/files/index.ts';
import { registerPageCache, type FrontPath, type PageCache } from './portal/cache.ts';
import { notifyRoutes } from './modules/notify/routes.ts';
import { catalogueRoutes } from './modules/catalogue/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { portalRoutes, renderPortalError } from './portal/routes.tsx';
import { publicApiRoutes } from './modules/public-api/routes.ts';
import { feedRoutes } from './portal/feeds.ts';
import { browseRoutes } from './portal/browse.tsx';
import { searchRoutes } from './modules/search/routes.ts';
import { requestRoutes } from './modules/requests/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { searchPortalRoutes } from './portal/search.tsx';
import { requestPortalRoutes } from './portal/requests.tsx';
import { interpretationRoutes } from './modules/interpretation/routes.ts';
import { interpretationPortalRoutes } from './portal/interpretations.tsx';
import { participationRoutes } from './modules/participation/routes.ts';
import { participationPortalRoutes } from './portal/participation.tsx';
import { engagementRoutes } from './modules/engagement/routes.ts';
import { engagementPortalRoutes } from './portal/engagement.tsx';
import { policyRoutes } from './modules/policy/routes.ts';
import { policyPortalRoutes } from './portal/policy.tsx';
import { gazetteRoutes } from './modules/gazette/routes.ts';
import { gazettePortalRoutes } from './portal/gazette.tsx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_DIST = path.join(ROOT, 'web', 'admin', 'dist');
const PORTAL_ASSETS = path.join(ROOT, 'src', 'portal', 'assets');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface AppOptions {
  config: Config;
  database: Database;
}

export interface App extends FastifyInstance {
  /** Every route with the access it declares: the authorisation matrix test walks this list. */
  routeList: RouteInfo[];
  /** Set while shutting down, so that /readyz tells the load balancer to stop sending requests. */
  draining: boolean;
  pageCache: PageCache;
}

function hasNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  }
  return false;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  if (req.routeOptions.config?.html) return true;
  return (req.headers.accept ?? '').includes('text/html');
}

/**
 * The HTTP/1 server Fastify would make itself (lib/server.js, getServerInstance), with the same settings
 * from the same options, but whose request event offers each request to the page cache's front path first.
 */
function serverWithFrontPath(front: () => FrontPath | undefined) {
  return (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, opts: Record<string, unknown>): http.Server => {
    const server = http.createServer((opts.http ?? {}) as http.ServerOptions, (req, res) => {
      if (!front()?.(req, res)) handler(req, res);
    });
    server.keepAliveTimeout = (opts.keepAliveTimeout as number | undefined) ?? 72_000;
    server.requestTimeout = (opts.requestTimeout as number | undefined) ?? 0;
    server.setTimeout((opts.connectionTimeout as number | undefined) ?? 0);
    const perSocket = (opts.maxRequestsPerSocket as number | null | undefined) ?? 0;
    if (perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}

export async function buildApp({ config, database }: AppOptions): Promise<App> {
  const db = database.db;
  // Fastify makes its server before the page cache exists: the server asks for the front path per request.
  let front: FrontPath | undefined;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: false },
    ajv: { customOptions: { allErrors: false } },
    // Malformed JSON with __proto__ tricks is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: 'idle',
    serverFactory: serverWithFrontPath(() => front),
  }) as unknown as App;
  app.routeList = [];
  app.draining = false;

  // First of all: its hooks serve cached public pages before any other hook runs, and move a tenant's
  // pages on after writes. Its front path serves them even before Fastify, from a listening server.
  const pageCache = registerPageCache(app, { db, config, pool: database.pool });
  app.pageCache = pageCache.cache;
  front = pageCache.front;
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true },
    csrfOpts: { hmacKey: config.sessionSecret },
    getUserInfo: (req: FastifyRequest) => req.principal?.sessionId ?? '',
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`),
  });
  await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
  // Uploads: one file per request, limited in size (UPLOAD_MAX_BYTES); routes read it with req.file().
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
  // JSON for the API and urlencoded forms for the portal; anything else is refused with 415.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Gongkai（公开）API',
        version: VERSION,
        description:
          '政务公开平台接口。控制台使用会话 Cookie（写操作须带 x-csrf-token 头）；系统对接使用接口令牌（Authorization: Bearer gk_…）。错误一律为 {"error": {"code", "message"}}。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gk_sid' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    hideUntagged: true,
  });

  // Each route's access is written into its OpenAPI description, so integrators see who may call it.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access || !route.schema || !route.url.startsWith('/api/v1')) return;
    const schema = route.schema as Record<string, unknown>;
    schema.description = `${schema.description ? `${String(schema.description)}\n\n` : ''}调用权限：${describeAccess(access)}`;
    if (access !== 'public') schema.security = [{ session: [] }, { token: [] }];
  });

  await app.register(accessControl, { db, config, routes: app.routeList });

  app.addHook('preValidation', async (req) => {
    // PostgreSQL cannot store NUL characters: refuse them here with a clear answer.
    if (hasNul(req.body) || hasNul(req.query) || hasNul(req.params)) throw badRequest('内容中含有不允许的控制字符（NUL）');
    // A route that takes no body says so, rather than silently ignoring what was sent.
    const takesUpload = ((req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
    if (takesUpload && !req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
    if (!takesUpload && req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '该接口不接受上传文件（multipart/form-data），请发送 JSON');
    if (req.body !== undefined && req.body !== null && !takesUpload && !req.routeOptions.schema?.body && !isEmptyObject(req.body) && req.url.startsWith('/api/')) {
      throw badRequest('该接口不需要请求体，请不要发送内容');
    }
  });

  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body, fault } = toErrorResponse(err, req);
    if (fault) req.log.error({ err }, 'request failed');
    else if (status >= 400) req.log.info({ code: body.error.code, status }, body.error.message);
    if (status === 429 && err instanceof AppError === false) reply.header('retry-after', '60');
    if (wantsHtml(req)) return renderPortalError(db, config, req, reply, status, body.error.message);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (wantsHtml(req)) return renderPortalError(db, config, req, reply, 404, '页面不存在');
    return sendError(reply, 404, 'NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`);
  });

  // ---- operations -----------------------------------------------------------------------------
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await database.pool.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });


  // ---- API ------------------------------------------------------------------------------------
  authRoutes(app, { db, config });
  orgRoutes(app, { db });
  calendarRoutes(app, { db });
  const blobs = blobStoreFromConfig(config);
  publishingRoutes(app, { db, blobs, config });
  gazetteRoutes(app, { db, blobs, config });
  requestRoutes(app, { db, blobs, config });
  reportRoutes(app, { db, blobs, config });
  taskRoutes(app, { db, blobs, config });
  interpretationRoutes(app, { db });
  participationRoutes(app, { db });
  engagementRoutes(app, { db });
  policyRoutes(app, { db });
  notifyRoutes(app, { db });
  catalogueRoutes(app, { db });
  auditRoutes(app, { db });
  publicApiRoutes(app, { db, config });
  searchRoutes(app, { db, config });

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    // The docs page (Swagger UI) sets a few inline styles of its own; scripts stay same-origin only.
    staticCSP: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  });

  // ---- portal and console --------------------------------------------------------------------
  await app.register(fastifyStatic, { root: PORTAL_ASSETS, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await adminConsole(app);
  portalRoutes(app, { db, config, blobs });
  browseRoutes(app, { db, config });
  feedRoutes(app, { db, config });
  searchPortalRoutes(app, { db, config });
  requestPortalRoutes(app, { db, config, blobs });
  interpretationPortalRoutes(app, { db, config });
  participationPortalRoutes(app, { db, config });
  engagementPortalRoutes(app, { db, config });
  policyPortalRoutes(app, { db, config });
  gazettePortalRoutes(app, { db, config, blobs });

  return app;
}

/** The built React console. index.html gets the request's CSP nonce for Ant Design's style tags. */
async function adminConsole(app: App) {
  const index = path.join(ADMIN_DIST, 'index.html');
  if (existsSync(path.join(ADMIN_DIST, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(ADMIN_DIST, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
    });
  }
  const serveIndex = async (_req: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(index)) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台尚未构建</title><p>管理控制台尚未构建。请运行 <code>npm run build:admin</code>（<code>npm start</code> 会自动构建）。</p></html>');
    }
    const nonce = (reply as unknown as { cspNonce: { style: string } }).cspNonce.style;
    const html = readFileSync(index, 'utf8').replaceAll('__CSP_NONCE__', nonce);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
  app.get('/admin', { config: { access: 'public', html: true }, schema: { hide: true } }, serveIndex);
  app.get('/admin/*', { config: { access: 'public', html: true }, schema: { hide: true } }, serveIndex);
}

