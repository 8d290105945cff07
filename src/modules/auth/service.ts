// Logging in and staying logged in: passwords, lockout, TOTP, server-side sessions, API tokens.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { actorOf, type Actor, type Principal } from '../../core/auth/principal.ts';
import { isRole, type Grant } from '../../core/auth/roles.ts';
import { AppError, badRequest, notFound, unauthorized } from '../../core/errors.ts';
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { roleGrants, tenants, users } from '../org/schema.ts';
import { requireUnit } from '../org/units.ts';
import { assertPasswordAcceptable, burnVerification, hashPassword, verifyPassword } from './passwords.ts';
import { apiTokens, sessions } from './schema.ts';

export const SESSION_COOKIE = 'gk_sid';
const TOKEN_PREFIX = 'gk_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginInput {
  tenantId: string;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  totpRequired: boolean;
  mustChangePassword: boolean;
  expiresAt: Date;
}

async function loadGrants(exec: Executor, tenantId: string, userId: string): Promise<Grant[]> {
  const rows = await exec
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, includeSubtree: roleGrants.includeSubtree })
    .from(roleGrants)
    .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId)));
  return rows.filter((r): r is Grant => isRole(r.role));
}

function loginActor(tenantId: string, label: string, ip: string | null, requestId?: string | null): Actor {
  return { tenantId, userId: null, label, ip, requestId: requestId ?? null };
}

async function newSession(db: Db, config: Config, tenantId: string, userId: string, state: string, ip: string | null, ua: string | null) {
  const token = randomBytes(32).toString('base64url');
  const id = sha256(token);
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3600_000);
  await db.insert(sessions).values({ tenantId, id, userId, state, expiresAt, ip, userAgent: ua?.slice(0, 300) ?? null });
  return { token, id, expiresAt };
}

export async function login(db: Db, config: Config, input: LoginInput): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const [user] = await db.select().from(users).where(and(eq(users.tenantId, input.tenantId), eq(users.username, username)));
  const denied = () => new AppError(401, 'LOGIN_FAILED', '用户名或密码错误');
  if (!user) {
    await burnVerification(input.password);
    await recordAudit(db, loginActor(input.tenantId, username, input.ip, input.requestId), {
      action: 'auth.login.failed',
      entityType: 'user',
      summary: `登录失败：用户名 ${username} 不存在`,
    });
    throw denied();
  }
  const label = `${user.displayName}（${user.username}）`;
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    // Even a right password is refused while locked: the lock must not become a password oracle.
    await burnVerification(input.password);
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError(423, 'ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试，或请管理员解锁`);
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock = failures >= config.loginMaxFailures;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(Date.now() + config.loginLockMinutes * 60_000) : user.lockedUntil })
        .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
      await recordAudit(tx, loginActor(user.tenantId, label, input.ip, input.requestId), {
        action: lock ? 'auth.lockout' : 'auth.login.failed',
        entityType: 'user',
        entityId: user.id,
        summary: lock ? `连续 ${failures} 次登录失败，账号锁定 ${config.loginLockMinutes} 分钟` : `登录失败（密码错误，第 ${failures} 次）`,
      });
    });
    if (lock) throw new AppError(423, 'ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定 ${config.loginLockMinutes} 分钟`);
    const left = config.loginMaxFailures - failures;
    throw new AppError(401, 'LOGIN_FAILED', `用户名或密码错误${left <= 2 ? `，再错 ${left} 次账号将被锁定` : ''}`);
  }
  if (!user.active) throw new AppError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员');
  if (user.isDemo && config.env === 'production') throw new AppError(403, 'DEMO_ACCOUNT', '演示账号在生产环境中不可使用');
  const [tenant] = await db.select({ active: tenants.active }).from(tenants).where(eq(tenants.tenantId, user.tenantId));
  if (!tenant?.active) throw new AppError(403, 'TENANT_DISABLED', '该政府站点已停用');
  const state = user.totpEnabled ? 'totp' : 'active';
  const s = await newSession(db, config, user.tenantId, user.id, state, input.ip, input.userAgent);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, ...(state === 'active' ? { lastLoginAt: new Date() } : {}) })
      .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
    await recordAudit(tx, { tenantId: user.tenantId, userId: user.id, label, ip: input.ip, requestId: input.requestId ?? null }, {
      action: state === 'active' ? 'auth.login' : 'auth.login.password',
      entityType: 'user',
      entityId: user.id,
      summary: state === 'active' ? '登录成功' : '密码正确，等待动态口令',
    });
  });
  return { token: s.token, sessionId: s.id, totpRequired: state === 'totp', mustChangePassword: user.mustChangePassword, expiresAt: s.expiresAt };
}

export type SessionLookup =
  | { status: 'ok'; principal: Principal; state: 'active' | 'totp'; mustChangePassword: boolean }
  | { status: 'expired' }
  | { status: 'none' };

/** Resolves a session cookie. Idle sessions expire; activity slides the idle window. */
export async function resolveSession(db: Db, config: Config, token: string): Promise<SessionLookup> {
  if (!token || token.length > 200) return { status: 'none' };
  const id = sha256(token);
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(eq(sessions.id, id));
  if (!row) return { status: 'expired' };
  const now = Date.now();
  const idleLimit = row.s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
  if (row.s.expiresAt.getTime() <= now || idleLimit <= now || !row.u.active) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: 'expired' };
  }
  // Touch at most once a minute: a busy console must not write on every request.
  if (now - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const grants = await loadGrants(db, row.u.tenantId, row.u.id);
  return {
    status: 'ok',
    state: row.s.state === 'totp' ? 'totp' : 'active',
    mustChangePassword: row.u.mustChangePassword,
    principal: {
      via: 'session',
      tenantId: row.u.tenantId,
      userId: row.u.id,
      username: row.u.username,
      displayName: row.u.displayName,
      unitId: row.u.unitId,
      grants,
      sessionId: id,
      isDemo: row.u.isDemo,
    },
  };
}

export async function logout(db: Db, principal: Principal, ip: string | null): Promise<void> {
  if (!principal.sessionId) return;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, principal.sessionId!));
    await recordAudit(tx, actorOf(principal, ip), { action: 'auth.logout', entityType: 'user', entityId: principal.userId, summary: '退出登录' });
  });
}

/** Removes sessions past their absolute or idle limit (run periodically). */
export async function purgeExpiredSessions(db: Db, config: Config): Promise<number> {
  const idleCutoff = new Date(Date.now() - config.sessionIdleMinutes * 60_000);
  const gone = await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff))).returning({ id: sessions.id });
  return gone.length;
}

async function checkTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    // One step either side tolerates a phone clock that is 30 s off; afterTimeStep refuses replays.
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30, ...(afterTimeStep !== null ? { afterTimeStep } : {}) });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** The second step of a login with TOTP enabled. */
export async function completeTotp(db: Db, config: Config, principal: Principal, code: string, ip: string | null): Promise<void> {
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, principal.tenantId), eq(users.id, principal.userId)));
  if (!u?.totpEnabled || !u.totpSecret) throw badRequest('该账号未启用动态口令');
  const step = await checkTotp(u.totpSecret, code, u.totpLastStep);
  if (step === null) {
    const failures = u.failedLogins + 1;
    const lock = failures >= config.loginMaxFailures;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(Date.now() + config.loginLockMinutes * 60_000) : u.lockedUntil })
        .where(and(eq(users.tenantId, u.tenantId), eq(users.id, u.id)));
      if (lock) await tx.delete(sessions).where(and(eq(sessions.tenantId, u.tenantId), eq(sessions.userId, u.id)));
      await recordAudit(tx, actorOf(principal, ip), {
        action: lock ? 'auth.lockout' : 'auth.totp.failed',
        entityType: 'user',
        entityId: u.id,
        summary: lock ? `动态口令连续错误 ${failures} 次，账号锁定` : '动态口令错误',
      });
    });
    if (lock) throw new AppError(423, 'ACCOUNT_LOCKED', `连续错误次数过多，账号已锁定 ${config.loginLockMinutes} 分钟`);
    throw new AppError(401, 'TOTP_FAILED', '动态口令不正确或已使用过，请输入验证器中当前显示的 6 位数字');
  }
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ state: 'active' }).where(eq(sessions.id, principal.sessionId!));
    await tx
      .update(users)
      .set({ totpLastStep: step, failedLogins: 0, lastLoginAt: new Date() })
      .where(and(eq(users.tenantId, u.tenantId), eq(users.id, u.id)));
    await recordAudit(tx, actorOf(principal, ip), { action: 'auth.login', entityType: 'user', entityId: u.id, summary: '登录成功（密码 + 动态口令）' });
  });
}

export async function changeOwnPassword(db: Db, principal: Principal, oldPassword: string, newPassword: string, ip: string | null): Promise<void> {
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, principal.tenantId), eq(users.id, principal.userId)));
  if (!u) throw unauthorized();
  if (!(await verifyPassword(u.passwordHash, oldPassword))) throw new AppError(400, 'WRONG_PASSWORD', '原密码不正确');
  if (oldPassword === newPassword) throw badRequest('新密码不能与原密码相同');
  assertPasswordAcceptable(newPassword, { username: u.username, displayName: u.displayName });
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, version: u.version + 1, updatedAt: new Date() })
      .where(and(eq(users.tenantId, u.tenantId), eq(users.id, u.id)));
    // Other sessions of this user end; the current one stays.
    await tx
      .delete(sessions)
      .where(and(eq(sessions.tenantId, u.tenantId), eq(sessions.userId, u.id), principal.sessionId ? sql`${sessions.id} <> ${principal.sessionId}` : undefined));
    await recordAudit(tx, actorOf(principal, ip), { action: 'user.password.change', entityType: 'user', entityId: u.id, summary: '修改本人密码' });
  });
}

export async function beginTotpSetup(db: Db, principal: Principal, issuer: string): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, principal.tenantId), eq(users.id, principal.userId)));
  if (!u) throw unauthorized();
  if (u.totpEnabled) throw badRequest('动态口令已启用；如需更换，请先停用');
  const secret = generateSecret();
  await db.update(users).set({ totpSecret: secret }).where(and(eq(users.tenantId, u.tenantId), eq(users.id, u.id)));
  const otpauthUrl = generateURI({ issuer, label: u.username, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, width: 200 });
  return { secret, otpauthUrl, qrSvg };
}

export async function enableTotp(db: Db, principal: Principal, code: string, ip: string | null): Promise<void> {
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, principal.tenantId), eq(users.id, principal.userId)));
  if (!u?.totpSecret) throw badRequest('请先生成动态口令密钥');
  if (u.totpEnabled) throw badRequest('动态口令已启用');
  const step = await checkTotp(u.totpSecret, code, null);
  if (step === null) throw new AppError(400, 'TOTP_FAILED', '动态口令不正确，请核对验证器中显示的 6 位数字');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(and(eq(users.tenantId, u.tenantId), eq(users.id, u.id)));
    await recordAudit(tx, actorOf(principal, ip), { action: 'user.totp.enable', entityType: 'user', entityId: u.id, summary: '启用动态口令（双因素登录）' });
  });
}

export async function disableTotp(db: Db, caller: Caller, userId: string, password: string | null): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  if (!u) throw notFound('用户');
  const self = caller.kind === 'user' && caller.principal.userId === userId;
  if (self) {
    if (!password || !(await verifyPassword(u.passwordHash, password))) throw new AppError(400, 'WRONG_PASSWORD', '密码不正确');
  } else if (caller.kind === 'user') {
    // An administrator may reset a lost second factor for a user in its scope.
    const unit = await requireUnit(db, tenantId, u.unitId);
    assertCan(caller, 'org.users.manage', unit, unit.name);
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    await recordAudit(tx, caller.actor, {
      action: 'user.totp.disable',
      entityType: 'user',
      entityId: userId,
      summary: self ? '停用本人的动态口令' : `停用用户 ${u.displayName}（${u.username}）的动态口令`,
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// API tokens

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export async function createApiToken(
  db: Db,
  caller: Caller,
  input: { name: string; userId: string; expiresAt?: Date | null },
): Promise<{ token: string; view: ApiTokenView }> {
  const tenantId = caller.actor.tenantId;
  const [u] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
  if (!u) throw notFound('用户');
  const unit = await requireUnit(db, tenantId, u.unitId);
  assertCan(caller, 'org.tokens.manage', unit, unit.name);
  if (input.expiresAt && input.expiresAt <= new Date()) throw badRequest('有效期必须晚于当前时间');
  const token = TOKEN_PREFIX + randomBytes(30).toString('base64url');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ tenantId, userId: u.id, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdBy: caller.actor.userId, expiresAt: input.expiresAt ?? null })
      .returning();
    const view = tokenView(row!, u.username);
    await recordAudit(tx, caller.actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: row!.id,
      summary: `为用户 ${u.username} 创建接口令牌「${input.name}」`,
      after: view,
    });
    return { token, view };
  });
}

function tokenView(r: typeof apiTokens.$inferSelect, username: string): ApiTokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    userId: r.userId,
    username,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revoked: r.revokedAt !== null,
  };
}

export async function listApiTokens(db: Db, caller: Caller): Promise<ApiTokenView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await db
    .select({ t: apiTokens, username: users.username, unitId: users.unitId })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(eq(apiTokens.tenantId, tenantId))
    .orderBy(asc(apiTokens.createdAt));
  const out: ApiTokenView[] = [];
  for (const r of rows) {
    const unit = await requireUnit(db, tenantId, r.unitId);
    if (can(caller, 'org.tokens.manage', unit)) out.push(tokenView(r.t, r.username));
  }
  return out;
}

export async function revokeApiToken(db: Db, caller: Caller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const [r] = await db
    .select({ t: apiTokens, u: users })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
  if (!r) throw notFound('接口令牌');
  const unit = await requireUnit(db, tenantId, r.u.unitId);
  assertCan(caller, 'org.tokens.manage', unit, unit.name);
  if (r.t.revokedAt) throw badRequest('该令牌已经吊销');
  await db.transaction(async (tx) => {
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
    await recordAudit(tx, caller.actor, { action: 'token.revoke', entityType: 'api_token', entityId: id, summary: `吊销接口令牌「${r.t.name}」` });
  });
}

export async function resolveApiToken(db: Db, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ t: apiTokens, u: users })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))));
  if (!row || !row.u.active) return null;
  if (!row.t.lastUsedAt || Date.now() - row.t.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t.id));
  }
  return {
    via: 'token',
    tenantId: row.u.tenantId,
    userId: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    unitId: row.u.unitId,
    grants: await loadGrants(db, row.u.tenantId, row.u.id),
    isDemo: row.u.isDemo,
  };
}

