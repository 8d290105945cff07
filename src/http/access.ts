// Who may call what. Every route declares its access in `config.access`; a route without one makes the
// server refuse to start. Sessions (cookie) and API tokens (bearer) are resolved here, the route-level
// permission is checked before the body is even parsed, and cookie-authenticated writes need a CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import type { Caller } from '../core/auth/caller.ts';
import { actorOf, type Principal } from '../core/auth/principal.ts';
import { grantsAnywhere, PERMISSION_LABELS, type Permission } from '../core/auth/roles.ts';
import { AppError, forbidden, unauthorized } from '../core/errors.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { resolveApiToken, resolveSession, SESSION_COOKIE } from '../modules/auth/service.ts';
import { tenantForHost, type TenantView } from '../modules/org/tenants.ts';

export type Access =
  /** Anyone, logged in or not: the portal, the public API, login itself. */
  | 'public'
  /** Any logged-in staff member, acting on its own account. */
  | 'authenticated'
  /** Staff holding the permission on some unit; the service then checks the unit acted on. */
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the second factor is still awaited (the TOTP step, logout, session info). */
    allowPendingTotp?: boolean;
    /** Reachable while a password change is required (changing it, logout, session info). */
    allowPendingPasswordChange?: boolean;
    /** Errors on this route are rendered as an HTML page instead of JSON. */
    html?: boolean;
    /** Never kept by the portal's page cache (forms with one-time tokens, an applicant's own pages). */
    noCache?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionState: 'active' | 'totp' | null;
    mustChangePassword: boolean;
    /** Set when a session cookie was sent but is no longer valid. */
    sessionExpired: boolean;
  }
}

/** Routes that third-party plugins register (API docs, static files) are public by nature. */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs', '/admin/assets/', '/assets/'];

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export function describeAccess(access: Access): string {
  if (access === 'public') return '公开';
  if (access === 'authenticated') return '已登录用户';
  return `需要权限：${PERMISSION_LABELS[access.permission]}（${access.permission}）`;
}

const hostCache = new Map<string, { at: number; tenant: TenantView | undefined }>();
const HOST_CACHE_MS = 10_000;

/**
 * The tenant of the request's host from the short-lived cache, without waiting: `null` when the cache
 * does not know (then ask hostTenant). The page cache's hit path uses it.
 */
export function cachedHostTenant(req: FastifyRequest): TenantView | undefined | null {
  const hit = hostCache.get(req.hostname || '');
  return hit && Date.now() - hit.at < HOST_CACHE_MS ? hit.tenant : null;
}

/**
 * The id of the tenant the short-lived cache maps a host name to, while that answer is fresh: `undefined`
 * for a host of no tenant, `null` when the cache does not know. The page cache's front path, which runs
 * before Fastify, checks with it that a stored page's host still belongs to the same tenant.
 */
export function freshHostTenantId(hostname: string): string | undefined | null {
  const hit = hostCache.get(hostname);
  return hit && Date.now() - hit.at < HOST_CACHE_MS ? hit.tenant?.tenantId : null;
}

/** The tenant whose site the request's host name serves (cached briefly: hosts rarely change). */
export async function hostTenant(db: Db, config: Config, req: FastifyRequest): Promise<TenantView | undefined> {
  const host = req.hostname || '';
  const hit = hostCache.get(host);
  if (hit && Date.now() - hit.at < HOST_CACHE_MS) return hit.tenant;
  const tenant = await tenantForHost(db, host, config.defaultTenant);
  if (hostCache.size > 1000) hostCache.clear();
  hostCache.set(host, { at: Date.now(), tenant });
  return tenant;
}

export function clearHostCache() {
  hostCache.clear();
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.principal) throw unauthorized();
  return { kind: 'user', principal: req.principal, actor: actorOf(req.principal, req.ip, req.id) };
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip || null;
}

async function plugin(app: FastifyInstance, opts: { db: Db; config: Config; routes: RouteInfo[] }) {
  const { db, config } = opts;
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionState', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS') && !route.config?.access) return;
    if (!route.config?.access) {
      if (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
        route.config = { ...(route.config ?? {}), access: 'public' };
      } else {
        throw new Error(`Route ${methods.join(',')} ${route.url} does not declare who may call it (config.access)`);
      }
    }
    for (const m of methods) if (m !== 'HEAD') opts.routes.push({ method: m, url: route.url, access: route.config.access! });
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    await authenticate(req, reply);
    if (!access || access === 'public') return;
    const p = req.principal;
    if (!p) throw req.sessionExpired ? new AppError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录') : unauthorized();
    if (req.sessionState === 'totp' && !req.routeOptions.config.allowPendingTotp) {
      throw new AppError(401, 'TOTP_REQUIRED', '请先输入动态口令完成登录');
    }
    if (req.mustChangePassword && !req.routeOptions.config.allowPendingPasswordChange) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    if (typeof access === 'object' && !grantsAnywhere(p.grants, access.permission)) {
      throw forbidden(`您没有「${PERMISSION_LABELS[access.permission]}」的权限`);
    }
  });

  async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    const auth = req.headers.authorization;
    if (auth) {
      const [scheme, token] = auth.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError(401, 'BAD_TOKEN', '认证头格式应为 Authorization: Bearer <令牌>');
      const p = await resolveApiToken(db, token.trim());
      if (!p) throw new AppError(401, 'BAD_TOKEN', '接口令牌无效、已过期或已吊销');
      req.principal = p;
      req.sessionState = 'active';
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const found = await resolveSession(db, config, cookie);
    if (found.status === 'ok') {
      req.principal = found.principal;
      req.sessionState = found.state;
      req.mustChangePassword = found.mustChangePassword;
    } else {
      req.sessionExpired = true;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  }

  // Cookie-authenticated writes carry the CSRF token (header `x-csrf-token`) bound to their session.
  app.addHook('preValidation', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (req.principal?.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      app.csrfProtection(req, reply, done);
      return;
    }
    done();
  });
}

export const accessControl = fp(plugin, { name: 'gongkai-access' });

export function sessionCookieOptions(req: FastifyRequest, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
    ...(expires ? { expires } : {}),
  };
}
