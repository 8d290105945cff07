// Tenants: the governments hosted on this installation, and the host names that pick each one's portal.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantHosts, tenants, units, type TenantSettings } from './schema.ts';
import { indexPatternProblem } from '../../core/publishing/index-no.ts';
import { sanitizeBody } from '../../core/publishing/body.ts';
import { todayLocal } from '../../core/calendar/index.ts';

export interface TenantView {
  tenantId: string;
  code: string;
  name: string;
  shortName: string;
  regionCode: string | null;
  /** The city or province whose roll-up of annual reports this government belongs to. */
  parentTenantId: string | null;
  hosts: string[];
  settings: TenantSettings;
  active: boolean;
  version: number;
}

/** Host names are compared without port and case: `Example.gov.cn:443` is `example.gov.cn`. */
export function normaliseHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

async function hostsOf(exec: Executor, tenantIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!tenantIds.length) return map;
  const rows = await exec.select().from(tenantHosts).where(inArray(tenantHosts.tenantId, tenantIds)).orderBy(asc(tenantHosts.host));
  for (const r of rows) map.set(r.tenantId, [...(map.get(r.tenantId) ?? []), r.host]);
  return map;
}

function view(row: typeof tenants.$inferSelect, hosts: string[]): TenantView {
  return {
    tenantId: row.tenantId,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    regionCode: row.regionCode,
    parentTenantId: row.parentTenantId,
    hosts,
    settings: row.settings,
    active: row.active,
    version: row.version,
  };
}

export async function listTenants(db: Db): Promise<TenantView[]> {
  const rows = await db.select().from(tenants).orderBy(asc(tenants.code));
  const hosts = await hostsOf(db, rows.map((r) => r.tenantId));
  return rows.map((r) => view(r, hosts.get(r.tenantId) ?? []));
}

export async function getTenant(exec: Executor, tenantId: string): Promise<TenantView | undefined> {
  const [row] = await exec.select().from(tenants).where(eq(tenants.tenantId, tenantId));
  if (!row) return undefined;
  return view(row, (await hostsOf(exec, [tenantId])).get(tenantId) ?? []);
}

export async function getTenantByCode(exec: Executor, code: string): Promise<TenantView | undefined> {
  const [row] = await exec.select().from(tenants).where(eq(tenants.code, code));
  return row ? view(row, (await hostsOf(exec, [row.tenantId])).get(row.tenantId) ?? []) : undefined;
}

export async function tenantCount(db: Db): Promise<number> {
  const [r] = await db.select({ n: count() }).from(tenants);
  return r?.n ?? 0;
}

/**
 * The tenant whose portal a host serves. An unknown host falls back to the default tenant only on an
 * installation with a single tenant (or one named by DEFAULT_TENANT): a multi-tenant installation never
 * shows one government's site under another's name.
 */
export async function tenantForHost(db: Db, host: string, defaultCode?: string): Promise<TenantView | undefined> {
  const h = normaliseHost(host);
  const [hit] = await db
    .select({ tenantId: tenantHosts.tenantId })
    .from(tenantHosts)
    .innerJoin(tenants, eq(tenants.tenantId, tenantHosts.tenantId))
    .where(and(eq(tenantHosts.host, h), eq(tenants.active, true)));
  if (hit) return getTenant(db, hit.tenantId);
  if (defaultCode) return getTenantByCode(db, defaultCode);
  const all = await db.select({ tenantId: tenants.tenantId }).from(tenants).where(eq(tenants.active, true)).limit(2);
  return all.length === 1 ? getTenant(db, all[0]!.tenantId) : undefined;
}

export interface TenantInput {
  code: string;
  name: string;
  shortName: string;
  regionCode?: string | null;
  parentTenantId?: string | null;
  hosts?: string[];
  settings?: TenantSettings;
  /** The government unit at the root of the new tenant's tree. */
  root: { code: string; name: string; shortName: string; orgCode?: string | null };
}

async function assertHostsFree(exec: Executor, hosts: string[], tenantId?: string) {
  if (!hosts.length) return;
  const taken = await exec.select().from(tenantHosts).where(inArray(tenantHosts.host, hosts));
  const other = taken.find((t) => t.tenantId !== tenantId);
  if (other) throw conflict(`域名 ${other.host} 已属于另一个政府站点`);
}

/** A parent must exist and must not be the tenant itself or one of its members (no cycles). */
async function assertParentAllowed(exec: Executor, tenantId: string | null, parentId: string) {
  let at: string | null = parentId;
  for (let depth = 0; at && depth < 50; depth++) {
    if (at === tenantId) throw badRequest('上级政府站点不能是它自己或它的下级站点', { field: 'parentTenantId' });
    const [row]: { parent: string | null }[] = await exec.select({ parent: tenants.parentTenantId }).from(tenants).where(eq(tenants.tenantId, at));
    if (!row) throw badRequest('上级政府站点不存在', { field: 'parentTenantId' });
    at = row.parent;
  }
}

/** The governments whose parent is this one (a city's counties, a province's cities), for the report roll-up. */
export async function listMemberTenants(exec: Executor, tenantId: string): Promise<{ tenantId: string; code: string; name: string; shortName: string }[]> {
  return exec
    .select({ tenantId: tenants.tenantId, code: tenants.code, name: tenants.name, shortName: tenants.shortName })
    .from(tenants)
    .where(and(eq(tenants.parentTenantId, tenantId), eq(tenants.active, true)))
    .orderBy(asc(tenants.code));
}

function assertPlatform(caller: Caller) {
  if (caller.kind === 'user' && !caller.principal.grants.some((g) => g.role === 'platform_admin')) {
    throw forbidden('只有平台管理员可以管理政府站点（租户）');
  }
}

export async function createTenant(db: Db, caller: Caller, input: TenantInput): Promise<TenantView> {
  assertPlatform(caller);
  const hosts = [...new Set((input.hosts ?? []).map(normaliseHost).filter(Boolean))];
  return db.transaction(async (tx) => {
    if (await getTenantByCode(tx, input.code)) throw conflict(`租户编码 ${input.code} 已被使用`);
    await assertHostsFree(tx, hosts);
    if (input.parentTenantId) await assertParentAllowed(tx, null, input.parentTenantId);
    const [row] = await tx
      .insert(tenants)
      .values({ code: input.code, name: input.name, shortName: input.shortName, regionCode: input.regionCode ?? null, parentTenantId: input.parentTenantId ?? null, settings: input.settings ?? {} })
      .returning();
    const t = row!;
    if (hosts.length) await tx.insert(tenantHosts).values(hosts.map((host) => ({ tenantId: t.tenantId, host })));
    const rootId = crypto.randomUUID();
    await tx.insert(units).values({
      tenantId: t.tenantId,
      id: rootId,
      parentId: null,
      path: [rootId],
      code: input.root.code,
      name: input.root.name,
      shortName: input.root.shortName,
      kind: 'government',
      orgCode: input.root.orgCode ?? null,
    });
    const created = view(t, hosts);
    // The new tenant's chain starts with its own creation.
    await recordAudit(tx, { ...caller.actor, tenantId: t.tenantId }, {
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: t.tenantId,
      summary: `创建政府站点「${t.name}」`,
      after: { ...created, rootUnit: input.root },
    });
    return created;
  });
}

export interface TenantPatch {
  name?: string;
  shortName?: string;
  regionCode?: string | null;
  parentTenantId?: string | null;
  hosts?: string[];
  settings?: TenantSettings;
  active?: boolean;
  version: number;
}

export async function updateTenant(db: Db, caller: Caller, tenantId: string, patch: TenantPatch): Promise<TenantView> {
  // Host names and activation belong to the platform: an office admin edits only names and settings.
  if (patch.hosts !== undefined || patch.active !== undefined || patch.parentTenantId !== undefined) assertPlatform(caller);
  return db.transaction(async (tx) => {
    const before = await getTenant(tx, tenantId);
    if (!before) throw notFound('政府站点');
    if (before.version !== patch.version) throw staleVersion('政府站点设置');
    // The guide's body is sanitised like a record's, and its date is the day it changed (Art. 12).
    if (patch.settings?.guide) patch.settings.guide = { ...patch.settings.guide, html: sanitizeBody(patch.settings.guide.html), updatedOn: todayLocal() };
    const patternProblem = patch.settings?.indexPattern !== undefined ? indexPatternProblem(patch.settings.indexPattern) : null;
    if (patternProblem) throw badRequest(patternProblem, { field: 'indexPattern' });
    if (patch.parentTenantId) await assertParentAllowed(tx, tenantId, patch.parentTenantId);
    const hosts = patch.hosts ? [...new Set(patch.hosts.map(normaliseHost).filter(Boolean))] : undefined;
    if (hosts) {
      await assertHostsFree(tx, hosts, tenantId);
      await tx.delete(tenantHosts).where(eq(tenantHosts.tenantId, tenantId));
      if (hosts.length) await tx.insert(tenantHosts).values(hosts.map((host) => ({ tenantId, host })));
    }
    const updated = await tx
      .update(tenants)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.shortName !== undefined ? { shortName: patch.shortName } : {}),
        ...(patch.regionCode !== undefined ? { regionCode: patch.regionCode } : {}),
        ...(patch.parentTenantId !== undefined ? { parentTenantId: patch.parentTenantId } : {}),
        ...(patch.settings !== undefined ? { settings: { ...before.settings, ...patch.settings } } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(tenants.tenantId, tenantId), eq(tenants.version, patch.version)))
      .returning({ v: tenants.version });
    if (!updated.length) throw staleVersion('政府站点设置');
    const after = (await getTenant(tx, tenantId))!;
    await recordAudit(tx, { ...caller.actor, tenantId }, {
      action: 'tenant.update',
      entityType: 'tenant',
      entityId: tenantId,
      summary: `修改政府站点「${after.name}」的设置`,
      before,
      after,
    });
    return after;
  });
}
