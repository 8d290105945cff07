// The unit tree of a government: departments, townships and streets, villages and communities, and
// their aliases. Every change is checked against the caller's scope and written to the audit log.
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { assertCan, scopeOf, type Caller } from '../../core/auth/caller.ts';
import type { Permission } from '../../core/auth/roles.ts';
import { badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import type { UnitKind } from '../../core/org/kinds.ts';
import { moveProblem, placementProblem } from '../../core/org/tree.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { roleGrants, unitAliases, units, users } from './schema.ts';

export type UnitRow = typeof units.$inferSelect;

export interface UnitView {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  orgCode: string | null;
  sortOrder: number;
  abolished: boolean;
  aliases: { id: string; alias: string; source: string }[];
  version: number;
}

function view(u: UnitRow, aliases: { id: string; alias: string; source: string }[] = []): UnitView {
  return {
    id: u.id,
    parentId: u.parentId,
    path: u.path,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind,
    orgCode: u.orgCode,
    sortOrder: u.sortOrder,
    abolished: u.abolishedAt !== null,
    aliases,
    version: u.version,
  };
}

/** SQL condition selecting the units where a caller holds a permission. */
export function unitScopeCondition(caller: Caller, permission: Permission, unitIdColumn: AnyPgColumn | SQL = units.id, pathColumn: AnyPgColumn | SQL = units.path): SQL | undefined {
  const scope = scopeOf(caller, permission);
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.units.length) parts.push(sql`${unitIdColumn} IN (${sql.join(scope.units.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (scope.subtrees.length) parts.push(sql`${pathColumn} && ${sql`ARRAY[${sql.join(scope.subtrees.map((id) => sql`${id}::uuid`), sql`, `)}]`}`);
  return parts.length ? or(...parts) : sql`false`;
}

/** The government at the root of a tenant's tree: tenant-wide settings are checked against it. */
export async function rootOf(exec: Executor, tenantId: string): Promise<UnitRow> {
  const [root] = await exec.select().from(units).where(and(eq(units.tenantId, tenantId), isNull(units.parentId))).limit(1);
  if (!root) throw notFound('根单位');
  return root;
}

export async function findUnit(exec: Executor, tenantId: string, id: string): Promise<UnitRow | undefined> {
  const [u] = await exec.select().from(units).where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  return u;
}

/** A unit of the caller's tenant, or 404 (another tenant's units do not exist for the caller). */
export async function requireUnit(exec: Executor, tenantId: string, id: string): Promise<UnitRow> {
  const u = await findUnit(exec, tenantId, id);
  if (!u) throw notFound('单位');
  return u;
}

async function aliasesOf(exec: Executor, tenantId: string, unitIds?: string[]) {
  const rows = await exec
    .select()
    .from(unitAliases)
    .where(and(eq(unitAliases.tenantId, tenantId), unitIds ? inArray(unitAliases.unitId, unitIds) : undefined))
    .orderBy(asc(unitAliases.alias));
  const map = new Map<string, { id: string; alias: string; source: string }[]>();
  for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), { id: r.id, alias: r.alias, source: r.source }]);
  return map;
}

/** The tenant's whole tree: every staff member may read it (units are public knowledge). */
export async function listUnits(exec: Executor, tenantId: string, opts: { includeAbolished?: boolean } = {}): Promise<UnitView[]> {
  const rows = await exec
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), opts.includeAbolished ? undefined : isNull(units.abolishedAt)))
    .orderBy(asc(units.sortOrder), asc(units.name));
  const aliases = await aliasesOf(exec, tenantId);
  return rows.map((u) => view(u, aliases.get(u.id) ?? []));
}

export async function getUnit(exec: Executor, tenantId: string, id: string): Promise<UnitView> {
  const u = await requireUnit(exec, tenantId, id);
  return view(u, (await aliasesOf(exec, tenantId, [id])).get(id) ?? []);
}

/** Names, short names and aliases must each point at one unit only, or matching notices would guess. */
async function assertNameFree(exec: Executor, tenantId: string, names: string[], exceptUnitId?: string) {
  const list = [...new Set(names.filter(Boolean))];
  if (!list.length) return;
  const clash = await exec
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        isNull(units.abolishedAt),
        or(inArray(units.name, list), inArray(units.shortName, list)),
        exceptUnitId ? ne(units.id, exceptUnitId) : undefined,
      ),
    )
    .limit(1);
  if (clash[0]) throw conflict(`名称已被单位「${clash[0].name}」使用`);
  const aliasClash = await exec
    .select({ alias: unitAliases.alias, unitId: unitAliases.unitId })
    .from(unitAliases)
    .where(and(eq(unitAliases.tenantId, tenantId), inArray(unitAliases.alias, list), exceptUnitId ? ne(unitAliases.unitId, exceptUnitId) : undefined))
    .limit(1);
  if (aliasClash[0]) throw conflict(`「${aliasClash[0].alias}」已是另一个单位的别名`);
}

export interface UnitInput {
  parentId: string | null;
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  orgCode?: string | null;
  sortOrder?: number;
  aliases?: string[];
}

export async function createUnit(exec: Executor, caller: Caller, input: UnitInput): Promise<UnitView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    let parent: UnitRow | undefined;
    if (input.parentId) {
      parent = await requireUnit(tx, tenantId, input.parentId);
      if (parent.abolishedAt) throw badRequest(`上级单位「${parent.name}」已撤销，不能在其下新增单位`);
      assertCan(caller, 'org.units.manage', parent, parent.name);
    } else {
      const [root] = await tx.select({ id: units.id }).from(units).where(and(eq(units.tenantId, tenantId), isNull(units.parentId))).limit(1);
      if (root) throw badRequest('每个政府站点只有一个根单位，请选择上级单位');
      if (caller.kind === 'user') throw badRequest('请选择上级单位');
    }
    const problem = placementProblem(input.kind, parent?.kind ?? null);
    if (problem) throw badRequest(problem);
    const shortName = input.shortName?.trim() || input.name;
    const [codeClash] = await tx.select({ name: units.name }).from(units).where(and(eq(units.tenantId, tenantId), eq(units.code, input.code)));
    if (codeClash) throw conflict(`单位编码 ${input.code} 已被「${codeClash.name}」使用`);
    await assertNameFree(tx, tenantId, [input.name, shortName, ...(input.aliases ?? [])]);
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(units)
      .values({
        tenantId,
        id,
        parentId: parent?.id ?? null,
        path: [...(parent?.path ?? []), id],
        code: input.code,
        name: input.name,
        shortName,
        kind: input.kind,
        orgCode: input.orgCode ?? null,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning();
    const aliases = [...new Set((input.aliases ?? []).filter((a) => a && a !== input.name && a !== shortName))];
    const aliasRows = aliases.length
      ? await tx.insert(unitAliases).values(aliases.map((alias) => ({ tenantId, unitId: id, alias }))).returning()
      : [];
    const created = view(row!, aliasRows.map((a) => ({ id: a.id, alias: a.alias, source: a.source })));
    await recordAudit(tx, caller.actor, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: id,
      summary: `新增单位「${created.name}」${parent ? `（上级：${parent.name}）` : '（根单位）'}`,
      after: created,
    });
    return created;
  });
}

export interface UnitPatch {
  name?: string;
  shortName?: string;
  kind?: UnitKind;
  code?: string;
  orgCode?: string | null;
  sortOrder?: number;
  version: number;
}

export async function updateUnit(exec: Executor, caller: Caller, id: string, patch: UnitPatch): Promise<UnitView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const before = await getUnit(tx, tenantId, id);
    assertCan(caller, 'org.units.manage', before, before.name);
    if (before.version !== patch.version) throw staleVersion(`单位「${before.name}」`);
    if (patch.kind && patch.kind !== before.kind) {
      const parent = before.parentId ? await requireUnit(tx, tenantId, before.parentId) : undefined;
      const problem = placementProblem(patch.kind, parent?.kind ?? null);
      if (problem) throw badRequest(problem);
      const children = await tx.select({ kind: units.kind }).from(units).where(and(eq(units.tenantId, tenantId), eq(units.parentId, id)));
      for (const c of children) {
        const p = placementProblem(c.kind, patch.kind);
        if (p) throw badRequest(`改变类型后下级单位不再合规：${p}`);
      }
    }
    if (patch.code && patch.code !== before.code) {
      const [clash] = await tx.select({ name: units.name }).from(units).where(and(eq(units.tenantId, tenantId), eq(units.code, patch.code)));
      if (clash) throw conflict(`单位编码 ${patch.code} 已被「${clash.name}」使用`);
    }
    const names = [patch.name, patch.shortName].filter((n): n is string => !!n && n !== before.name && n !== before.shortName);
    await assertNameFree(tx, tenantId, names, id);
    const [row] = await tx
      .update(units)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.shortName !== undefined ? { shortName: patch.shortName || patch.name || before.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.orgCode !== undefined ? { orgCode: patch.orgCode } : {}),
        ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, patch.version)))
      .returning();
    if (!row) throw staleVersion(`单位「${before.name}」`);
    const after = view(row, before.aliases);
    // A renamed unit keeps its old name as an alias: last year's notices still use it.
    if (patch.name && patch.name !== before.name) {
      await tx.insert(unitAliases).values({ tenantId, unitId: id, alias: before.name, source: 'rename' }).onConflictDoNothing();
    }
    await recordAudit(tx, caller.actor, {
      action: patch.name && patch.name !== before.name ? 'unit.rename' : 'unit.update',
      entityType: 'unit',
      entityId: id,
      summary: patch.name && patch.name !== before.name ? `单位「${before.name}」更名为「${after.name}」` : `修改单位「${after.name}」`,
      before,
      after,
    });
    return getUnit(tx, tenantId, id);
  });
}

export async function moveUnit(exec: Executor, caller: Caller, id: string, newParentId: string, version: number): Promise<UnitView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, id);
    assertCan(caller, 'org.units.manage', unit, unit.name);
    if (unit.version !== version) throw staleVersion(`单位「${unit.name}」`);
    if (!unit.parentId) throw badRequest('根单位不能移动');
    const parent = await requireUnit(tx, tenantId, newParentId);
    assertCan(caller, 'org.units.manage', parent, parent.name);
    const cycle = moveProblem(id, parent.path);
    if (cycle) throw badRequest(cycle);
    if (parent.abolishedAt) throw badRequest(`上级单位「${parent.name}」已撤销`);
    const problem = placementProblem(unit.kind, parent.kind);
    if (problem) throw badRequest(problem);
    const oldParent = await requireUnit(tx, tenantId, unit.parentId);
    // Re-root the whole subtree's paths: the part from this unit down stays, the ancestors change.
    const depth = unit.path.length; // position of this unit in its own path (1-based)
    await tx.execute(sql`
      UPDATE units SET path = ${sql`ARRAY[${sql.join(parent.path.map((p) => sql`${p}::uuid`), sql`, `)}]`} || path[${depth}:]
      WHERE tenant_id = ${tenantId} AND ${id}::uuid = ANY(path)`);
    const [row] = await tx
      .update(units)
      .set({ parentId: parent.id, version: unit.version + 1, updatedAt: new Date() })
      .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, version)))
      .returning();
    if (!row) throw staleVersion(`单位「${unit.name}」`);
    await recordAudit(tx, caller.actor, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      summary: `单位「${unit.name}」从「${oldParent.name}」调整到「${parent.name}」之下`,
      before: { parentId: oldParent.id, parentName: oldParent.name, path: unit.path },
      after: { parentId: parent.id, parentName: parent.name, path: row.path },
    });
    return getUnit(tx, tenantId, id);
  });
}

/** Units are closed, never deleted: records and requests keep pointing at them. */
export async function abolishUnit(exec: Executor, caller: Caller, id: string, version: number): Promise<UnitView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, id);
    assertCan(caller, 'org.units.manage', unit, unit.name);
    if (!unit.parentId) throw badRequest('根单位不能撤销');
    if (unit.abolishedAt) throw badRequest(`单位「${unit.name}」已经撤销`);
    const [child] = await tx
      .select({ name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.parentId, id), isNull(units.abolishedAt)))
      .limit(1);
    if (child) throw badRequest(`请先撤销或调整下级单位（如「${child.name}」）`);
    const [user] = await tx
      .select({ name: users.displayName })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.unitId, id), eq(users.active, true)))
      .limit(1);
    if (user) throw badRequest(`该单位仍有在用账号（如 ${user.name}），请先调整或停用`);
    const [row] = await tx
      .update(units)
      .set({ abolishedAt: new Date(), version: unit.version + 1, updatedAt: new Date() })
      .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.version, version)))
      .returning();
    if (!row) throw staleVersion(`单位「${unit.name}」`);
    await tx.delete(roleGrants).where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.unitId, id)));
    await recordAudit(tx, caller.actor, {
      action: 'unit.abolish',
      entityType: 'unit',
      entityId: id,
      summary: `撤销单位「${unit.name}」`,
      before: view(unit),
      after: view(row),
    });
    return getUnit(tx, tenantId, id);
  });
}

export async function addAlias(exec: Executor, caller: Caller, unitId: string, alias: string, source: 'manual' | 'import' = 'manual') {
  const tenantId = caller.actor.tenantId;
  const text = alias.trim();
  if (!text) throw badRequest('别名不能为空');
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, unitId);
    assertCan(caller, 'org.units.manage', unit, unit.name);
    if (text === unit.name || text === unit.shortName) throw badRequest('别名与单位名称相同，无需添加');
    await assertNameFree(tx, tenantId, [text], unitId);
    const [existing] = await tx.select().from(unitAliases).where(and(eq(unitAliases.tenantId, tenantId), eq(unitAliases.alias, text)));
    if (existing) throw conflict(`「${text}」已经是该单位的别名`);
    const [row] = await tx.insert(unitAliases).values({ tenantId, unitId, alias: text, source }).returning();
    await recordAudit(tx, caller.actor, {
      action: 'unit.alias.add',
      entityType: 'unit',
      entityId: unitId,
      summary: `为单位「${unit.name}」添加别名「${text}」`,
      after: { alias: text, source },
    });
    return { id: row!.id, alias: row!.alias, source: row!.source };
  });
}

export async function removeAlias(exec: Executor, caller: Caller, unitId: string, aliasId: string) {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, unitId);
    assertCan(caller, 'org.units.manage', unit, unit.name);
    const [row] = await tx
      .delete(unitAliases)
      .where(and(eq(unitAliases.tenantId, tenantId), eq(unitAliases.unitId, unitId), eq(unitAliases.id, aliasId)))
      .returning();
    if (!row) throw notFound('别名');
    await recordAudit(tx, caller.actor, {
      action: 'unit.alias.remove',
      entityType: 'unit',
      entityId: unitId,
      summary: `删除单位「${unit.name}」的别名「${row.alias}」`,
      before: { alias: row.alias, source: row.source },
    });
  });
}

/**
 * Find the unit a name refers to, by full name, short name or alias (exact match, spaces ignored).
 * Used by importers of notices.
 */
export async function matchUnitName(exec: Executor, tenantId: string, name: string): Promise<UnitRow | undefined> {
  const n = name.replace(/\s+/g, '');
  const [hit] = await exec
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), isNull(units.abolishedAt), or(eq(units.name, n), eq(units.shortName, n))))
    .limit(1);
  if (hit) return hit;
  const [alias] = await exec
    .select({ unitId: unitAliases.unitId })
    .from(unitAliases)
    .where(and(eq(unitAliases.tenantId, tenantId), eq(unitAliases.alias, n)));
  return alias ? findUnit(exec, tenantId, alias.unitId) : undefined;
}
