// Staff accounts and the roles they hold on units.
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { isRole, ROLE_LABELS, type Grant, type Role } from '../../core/auth/roles.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { escapeLike, recordAudit } from '../audit/service.ts';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords.ts';
import { sessions } from '../auth/schema.ts';
import { roleGrants, units, users } from './schema.ts';
import { requireUnit, unitScopeCondition } from './units.ts';

export type UserRow = typeof users.$inferSelect;

export interface GrantView extends Grant {
  id: string;
  unitName: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  grants: GrantView[];
  version: number;
}

export async function grantsOf(exec: Executor, tenantId: string, userIds: string[]): Promise<Map<string, GrantView[]>> {
  const map = new Map<string, GrantView[]>();
  if (!userIds.length) return map;
  const rows = await exec
    .select({ g: roleGrants, unitName: units.name })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(and(eq(roleGrants.tenantId, tenantId), inArray(roleGrants.userId, userIds)))
    .orderBy(asc(roleGrants.createdAt));
  for (const { g, unitName } of rows) {
    if (!isRole(g.role)) continue;
    map.set(g.userId, [...(map.get(g.userId) ?? []), { id: g.id, role: g.role, unitId: g.unitId, includeSubtree: g.includeSubtree, unitName }]);
  }
  return map;
}

function view(u: UserRow, unitName: string, grants: GrantView[]): UserView {
  const locked = !!u.lockedUntil && u.lockedUntil > new Date();
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    unitName,
    phone: u.phone,
    email: u.email,
    active: u.active,
    locked,
    lockedUntil: locked ? u.lockedUntil!.toISOString() : null,
    totpEnabled: u.totpEnabled,
    mustChangePassword: u.mustChangePassword,
    isDemo: u.isDemo,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    grants,
    version: u.version,
  };
}

async function requireUser(exec: Executor, tenantId: string, id: string) {
  const [row] = await exec
    .select({ u: users, unit: units })
    .from(users)
    .innerJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound('用户');
  return row;
}

export async function getUser(exec: Executor, caller: Caller, id: string): Promise<UserView> {
  const { u, unit } = await requireUser(exec, caller.actor.tenantId, id);
  const self = caller.kind === 'user' && caller.principal.userId === id;
  if (!self) assertCan(caller, 'org.users.read', unit, unit.name);
  return view(u, unit.name, (await grantsOf(exec, caller.actor.tenantId, [id])).get(id) ?? []);
}

export async function listUsers(
  exec: Executor,
  caller: Caller,
  filter: { unitId?: string; q?: string; includeSubunits?: boolean },
  page: number,
  pageSize: number,
): Promise<{ total: number; items: UserView[] }> {
  const tenantId = caller.actor.tenantId;
  const conds: (SQL | undefined)[] = [eq(users.tenantId, tenantId), unitScopeCondition(caller, 'org.users.read')];
  if (filter.unitId) {
    const unit = await requireUnit(exec, tenantId, filter.unitId);
    conds.push(filter.includeSubunits ? sql`${unit.id}::uuid = ANY(${units.path})` : eq(users.unitId, unit.id));
  }
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  const where = and(...conds);
  const [total] = await exec
    .select({ n: count() })
    .from(users)
    .innerJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .where(where);
  const rows = await exec
    .select({ u: users, unitName: units.name })
    .from(users)
    .innerJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .where(where)
    .orderBy(asc(units.sortOrder), asc(users.username))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const grants = await grantsOf(exec, tenantId, rows.map((r) => r.u.id));
  return { total: total?.n ?? 0, items: rows.map((r) => view(r.u, r.unitName, grants.get(r.u.id) ?? [])) };
}

export interface UserInput {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
  phone?: string | null;
  email?: string | null;
  mustChangePassword?: boolean;
  isDemo?: boolean;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export async function createUser(exec: Executor, caller: Caller, input: UserInput): Promise<UserView> {
  const tenantId = caller.actor.tenantId;
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw badRequest('用户名只能由小写字母、数字和 . _ - 组成，2 到 64 个字符，以字母或数字开头');
  assertPasswordAcceptable(input.password, { username, displayName: input.displayName });
  const passwordHash = await hashPassword(input.password);
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'org.users.manage', unit, unit.name);
    if (unit.abolishedAt) throw badRequest(`单位「${unit.name}」已撤销`);
    const [clash] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
    if (clash) throw conflict(`用户名 ${username} 已被使用`);
    const [row] = await tx
      .insert(users)
      .values({
        tenantId,
        username,
        displayName: input.displayName.trim(),
        unitId: unit.id,
        phone: input.phone ?? null,
        email: input.email ?? null,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? caller.kind === 'user',
        isDemo: input.isDemo ?? false,
      })
      .returning();
    const created = view(row!, unit.name, []);
    await recordAudit(tx, caller.actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row!.id,
      summary: `新增用户 ${created.displayName}（${username}），所在单位「${unit.name}」`,
      after: created,
    });
    return created;
  });
}

export interface UserPatch {
  displayName?: string;
  unitId?: string;
  phone?: string | null;
  email?: string | null;
  active?: boolean;
  version: number;
}

export async function updateUser(exec: Executor, caller: Caller, id: string, patch: UserPatch): Promise<UserView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { u, unit } = await requireUser(tx, tenantId, id);
    assertCan(caller, 'org.users.manage', unit, unit.name);
    if (u.version !== patch.version) throw staleVersion(`用户 ${u.displayName}`);
    if (caller.kind === 'user' && caller.principal.userId === id && patch.active === false) throw badRequest('不能停用自己的账号');
    let newUnit = unit;
    if (patch.unitId && patch.unitId !== u.unitId) {
      newUnit = await requireUnit(tx, tenantId, patch.unitId);
      assertCan(caller, 'org.users.manage', newUnit, newUnit.name);
      if (newUnit.abolishedAt) throw badRequest(`单位「${newUnit.name}」已撤销`);
    }
    const grants = (await grantsOf(tx, tenantId, [id])).get(id) ?? [];
    const before = view(u, unit.name, grants);
    const [row] = await tx
      .update(users)
      .set({
        ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
        ...(patch.unitId !== undefined ? { unitId: newUnit.id } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        version: u.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.version, patch.version)))
      .returning();
    if (!row) throw staleVersion(`用户 ${u.displayName}`);
    // A disabled account is signed out everywhere at once.
    if (patch.active === false) await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, id)));
    const after = view(row, newUnit.name, grants);
    await recordAudit(tx, caller.actor, {
      action: patch.active === false ? 'user.disable' : patch.active === true && !u.active ? 'user.enable' : 'user.update',
      entityType: 'user',
      entityId: id,
      summary: `修改用户 ${after.displayName}（${after.username}）`,
      before,
      after,
    });
    return after;
  });
}

export async function resetPassword(exec: Executor, caller: Caller, id: string, password: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const { u, unit } = await requireUser(exec, tenantId, id);
  assertCan(caller, 'org.users.manage', unit, unit.name);
  assertPasswordAcceptable(password, { username: u.username, displayName: u.displayName });
  const passwordHash = await hashPassword(password);
  await exec.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: caller.kind === 'user', failedLogins: 0, lockedUntil: null, version: u.version + 1, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, id)));
    await recordAudit(tx, caller.actor, {
      action: 'user.password.reset',
      entityType: 'user',
      entityId: id,
      summary: `重置用户 ${u.displayName}（${u.username}）的密码`,
    });
  });
}

export async function unlockUser(exec: Executor, caller: Caller, id: string): Promise<UserView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { u, unit } = await requireUser(tx, tenantId, id);
    assertCan(caller, 'org.users.manage', unit, unit.name);
    const [row] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, version: u.version + 1, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      summary: `解除用户 ${u.displayName}（${u.username}）的登录锁定`,
      before: { failedLogins: u.failedLogins, lockedUntil: u.lockedUntil },
    });
    return view(row!, unit.name, (await grantsOf(tx, tenantId, [id])).get(id) ?? []);
  });
}

export interface GrantInput {
  role: Role;
  unitId: string;
  includeSubtree?: boolean;
}

export async function grantRole(exec: Executor, caller: Caller, userId: string, input: GrantInput): Promise<UserView> {
  const tenantId = caller.actor.tenantId;
  if (!isRole(input.role)) throw badRequest('未知的角色');
  return exec.transaction(async (tx) => {
    const { u, unit: home } = await requireUser(tx, tenantId, userId);
    assertCan(caller, 'org.users.manage', home, home.name);
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'org.users.manage', unit, unit.name);
    // Nobody hands out more than they hold: the platform role only comes from a platform admin.
    if (input.role === 'platform_admin' && caller.kind === 'user' && !caller.principal.grants.some((g) => g.role === 'platform_admin')) {
      throw forbidden('只有平台管理员可以授予平台管理员角色');
    }
    const [existing] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId), eq(roleGrants.role, input.role), eq(roleGrants.unitId, unit.id)));
    if (existing) throw conflict(`${u.displayName} 已在「${unit.name}」担任${ROLE_LABELS[input.role]}`);
    const [g] = await tx
      .insert(roleGrants)
      .values({ tenantId, userId, role: input.role, unitId: unit.id, includeSubtree: input.includeSubtree ?? false, grantedBy: caller.actor.userId })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'user.role.grant',
      entityType: 'user',
      entityId: userId,
      summary: `授予 ${u.displayName}（${u.username}）在「${unit.name}」${input.includeSubtree ? '及其下级单位' : ''}的${ROLE_LABELS[input.role]}角色`,
      after: { grantId: g!.id, role: input.role, unitId: unit.id, unitName: unit.name, includeSubtree: g!.includeSubtree },
    });
    return view(u, home.name, (await grantsOf(tx, tenantId, [userId])).get(userId) ?? []);
  });
}

export async function revokeRole(exec: Executor, caller: Caller, userId: string, grantId: string): Promise<UserView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { u, unit: home } = await requireUser(tx, tenantId, userId);
    assertCan(caller, 'org.users.manage', home, home.name);
    const [g] = await tx.select().from(roleGrants).where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId), eq(roleGrants.id, grantId)));
    if (!g) throw notFound('角色授权');
    const unit = await requireUnit(tx, tenantId, g.unitId);
    assertCan(caller, 'org.users.manage', unit, unit.name);
    if (g.role === 'platform_admin' && caller.kind === 'user' && !caller.principal.grants.some((x) => x.role === 'platform_admin')) {
      throw forbidden('只有平台管理员可以收回平台管理员角色');
    }
    await tx.delete(roleGrants).where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.id, grantId)));
    await recordAudit(tx, caller.actor, {
      action: 'user.role.revoke',
      entityType: 'user',
      entityId: userId,
      summary: `收回 ${u.displayName}（${u.username}）在「${unit.name}」的${isRole(g.role) ? ROLE_LABELS[g.role] : g.role}角色`,
      before: { grantId: g.id, role: g.role, unitId: g.unitId, unitName: unit.name, includeSubtree: g.includeSubtree },
    });
    return view(u, home.name, (await grantsOf(tx, tenantId, [userId])).get(userId) ?? []);
  });
}
