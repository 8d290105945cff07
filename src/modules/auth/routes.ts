// /api/v1/auth: logging in and out, the second factor, one's own password, API tokens.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { permissionsOf, ROLE_LABELS } from '../../core/auth/roles.ts';
import { AppError, badRequest } from '../../core/errors.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { callerOf, clientIp, hostTenant, sessionCookieOptions } from '../../http/access.ts';
import { IdParams, Ok, Uuid, withErrors } from '../../http/schemas.ts';
import { getTenantByCode, getTenant } from '../org/tenants.ts';
import { getUser } from '../org/users.ts';
import {
  beginTotpSetup,
  changeOwnPassword,
  completeTotp,
  createApiToken,
  disableTotp,
  enableTotp,
  listApiTokens,
  login,
  logout,
  resolveSession,
  revokeApiToken,
  SESSION_COOKIE,
} from './service.ts';

const SessionInfo = Type.Object({
  authenticated: Type.Boolean(),
  totpRequired: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  tenant: Type.Union([
    Type.Object({ tenantId: Type.String(), code: Type.String(), name: Type.String(), shortName: Type.String() }),
    Type.Null(),
  ]),
  user: Type.Union([
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      unitId: Type.String(),
      unitName: Type.String(),
      totpEnabled: Type.Boolean(),
      isDemo: Type.Boolean(),
      grants: Type.Array(
        Type.Object({ id: Type.String(), role: Type.String(), roleLabel: Type.String(), unitId: Type.String(), unitName: Type.String(), includeSubtree: Type.Boolean() }),
      ),
      permissions: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
});

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
});

export function authRoutes(server: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  async function sessionInfo(req: FastifyRequest, csrfToken: string | null) {
    const p = req.principal;
    const tenant = p ? await getTenant(db, p.tenantId) : await hostTenant(db, config, req);
    const tenantInfo = tenant ? { tenantId: tenant.tenantId, code: tenant.code, name: tenant.name, shortName: tenant.shortName } : null;
    if (!p) return { authenticated: false, totpRequired: false, mustChangePassword: false, csrfToken: null, tenant: tenantInfo, user: null };
    const pending = req.sessionState === 'totp';
    const user = pending ? null : await getUser(db, callerOf(req), p.userId);
    return {
      authenticated: !pending,
      totpRequired: pending,
      mustChangePassword: req.mustChangePassword,
      csrfToken,
      tenant: tenantInfo,
      user: user
        ? {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            unitId: user.unitId,
            unitName: user.unitName,
            totpEnabled: user.totpEnabled,
            isDemo: user.isDemo,
            grants: user.grants.map((g) => ({ id: g.id, role: g.role, roleLabel: ROLE_LABELS[g.role], unitId: g.unitId, unitName: g.unitName, includeSubtree: g.includeSubtree })),
            permissions: permissionsOf(p.grants),
          }
        : null,
    };
  }

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '用户名密码登录',
        description: '成功后设置会话 Cookie。启用动态口令的账号随后须调用 /auth/totp。连续失败达到上限后账号锁定。',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64, title: '用户名' }),
          password: Type.String({ minLength: 1, maxLength: 256, title: '密码' }),
          tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64, title: '政府站点编码', description: '多租户部署时选择登录哪个政府站点；省略时按访问域名确定' })),
        }),
        response: withErrors({ 200: SessionInfo, 423: Type.Any() }),
      },
    },
    async (req, reply) => {
      const tenant = req.body.tenant ? await getTenantByCode(db, req.body.tenant) : await hostTenant(db, config, req);
      if (!tenant || !tenant.active) throw new AppError(400, 'TENANT_NOT_FOUND', req.body.tenant ? `没有编码为「${req.body.tenant}」的政府站点` : '无法根据访问域名确定政府站点，请指定站点编码');
      const result = await login(db, config, {
        tenantId: tenant.tenantId,
        username: req.body.username,
        password: req.body.password,
        ip: clientIp(req),
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(req, result.expiresAt));
      // What follows is answered as the new session would answer it.
      const found = await resolveSession(db, config, result.token);
      if (found.status === 'ok') {
        req.principal = found.principal;
        req.sessionState = found.state;
        req.mustChangePassword = found.mustChangePassword;
      }
      const csrfToken = reply.generateCsrf({ userInfo: result.sessionId });
      return sessionInfo(req, csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/totp',
    {
      config: { access: 'authenticated', allowPendingTotp: true, allowPendingPasswordChange: true, rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '输入动态口令完成登录',
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$', title: '动态口令', description: '验证器显示的 6 位数字' }) }),
        response: withErrors({ 200: SessionInfo, 423: Type.Any() }),
      },
    },
    async (req, reply) => {
      if (req.sessionState !== 'totp') throw badRequest('当前会话不需要动态口令');
      await completeTotp(db, config, req.principal!, req.body.code, clientIp(req));
      req.sessionState = 'active';
      return sessionInfo(req, reply.generateCsrf({ userInfo: req.principal!.sessionId! }));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated', allowPendingTotp: true, allowPendingPasswordChange: true },
      schema: { tags: ['认证'], summary: '退出登录', response: withErrors({ 200: Ok }) },
    },
    async (req, reply) => {
      await logout(db, req.principal!, clientIp(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['认证'],
        summary: '当前会话',
        description: '未登录时 authenticated 为 false；已登录时返回用户、角色、权限和 CSRF 令牌（写操作须在 x-csrf-token 头中带上）。',
        response: withErrors({ 200: SessionInfo }),
      },
    },
    async (req, reply) => {
      const csrf = req.principal?.sessionId ? reply.generateCsrf({ userInfo: req.principal.sessionId }) : null;
      return sessionInfo(req, csrf);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true, rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '修改本人密码',
        body: Type.Object({
          oldPassword: Type.String({ minLength: 1, maxLength: 256, title: '原密码' }),
          newPassword: Type.String({ minLength: 1, maxLength: 256, title: '新密码' }),
        }),
        response: withErrors({ 200: Ok }),
      },
    },
    async (req) => {
      await changeOwnPassword(db, req.principal!, req.body.oldPassword, req.body.newPassword, clientIp(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['认证'],
        summary: '生成动态口令密钥',
        description: '返回密钥、otpauth 链接和二维码（SVG）；用验证器扫码后调用 /auth/totp/enable 确认。',
        response: withErrors({ 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() }) }),
      },
    },
    async (req) => {
      const tenant = await getTenant(db, req.principal!.tenantId);
      return beginTotpSetup(db, req.principal!, `Gongkai ${tenant?.shortName ?? ''}`.trim());
    },
  );

  app.post(
    '/api/v1/auth/totp/enable',
    {
      config: { access: 'authenticated', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '确认并启用动态口令',
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$', title: '动态口令', description: '验证器显示的 6 位数字' }) }),
        response: withErrors({ 200: Ok }),
      },
    },
    async (req) => {
      await enableTotp(db, req.principal!, req.body.code, clientIp(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp/disable',
    {
      config: { access: 'authenticated', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['认证'],
        summary: '停用本人的动态口令',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256, title: '密码' }) }),
        response: withErrors({ 200: Ok }),
      },
    },
    async (req) => {
      await disableTotp(db, callerOf(req), req.principal!.userId, req.body.password);
      return { ok: true as const };
    },
  );

  // ---- API tokens --------------------------------------------------------------------------------
  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: { permission: 'org.tokens.manage' } },
      schema: { tags: ['接口令牌'], summary: '接口令牌列表', response: withErrors({ 200: Type.Array(TokenView) }) },
    },
    async (req) => listApiTokens(db, callerOf(req)),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: { permission: 'org.tokens.manage' } },
      schema: {
        tags: ['接口令牌'],
        summary: '创建接口令牌',
        description: '令牌以该用户的身份和角色调用接口（Authorization: Bearer …）。令牌只在创建时显示一次。',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100, title: '令牌名称' }),
          userId: Uuid('所属用户'),
          expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time', title: '有效期至' }), Type.Null()])),
        }),
        response: withErrors({ 201: Type.Object({ token: Type.String(), view: TokenView }) }),
      },
    },
    async (req, reply) => {
      const created = await createApiToken(db, callerOf(req), {
        name: req.body.name,
        userId: req.body.userId,
        expiresAt: req.body.expiresAt ? new Date(req.body.expiresAt) : null,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: { permission: 'org.tokens.manage' } },
      schema: { tags: ['接口令牌'], summary: '吊销接口令牌', params: IdParams, response: withErrors({ 200: Ok }) },
    },
    async (req) => {
      await revokeApiToken(db, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
