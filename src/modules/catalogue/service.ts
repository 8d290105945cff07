// The standard disclosure catalogue of a tenant: its domains (the 26 pilot domains by default, editable),
// their items with every column of the standard table, XLSX in and out, and the obligations each item
// creates for its responsible units per period; publishing a record under an item fulfils one.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { createCatalogueItem, defaultDomains, describeRule, obligationPeriods, validateCatalogueItem, type CatalogueItem, type CatalogueItemInput, type TimeLimitRule } from '../../core/catalogue/index.ts';
import { badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { units } from '../org/schema.ts';
import { matchUnitName, rootOf, unitScopeCondition } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { catalogueDomains, catalogueItems, obligations } from './schema.ts';
import { exportCatalogueXlsx, importCatalogueXlsx } from './xlsx.ts';

async function assertManage(exec: Executor, caller: Caller) {
  const root = await rootOf(exec, caller.actor.tenantId);
  assertCan(caller, 'catalogue.manage', root, root.name);
}

export async function listDomains(exec: Executor, tenantId: string) {
  const rows = await exec
    .select({ d: catalogueDomains, items: sql<number>`(SELECT count(*)::int FROM ${catalogueItems} i WHERE i.tenant_id = ${catalogueDomains.tenantId} AND i.domain_id = ${catalogueDomains.id})` })
    .from(catalogueDomains)
    .where(eq(catalogueDomains.tenantId, tenantId))
    .orderBy(asc(catalogueDomains.sortOrder), asc(catalogueDomains.name));
  return rows.map(({ d, items }) => ({ id: d.id, code: d.code, name: d.name, sortOrder: d.sortOrder, items, version: d.version }));
}

/** Loads the 26 pilot domains into a tenant that has none yet. */
export async function seedDomains(exec: Executor, caller: Caller): Promise<number> {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  const existing = await listDomains(exec, tenantId);
  if (existing.length) return 0;
  const rows = defaultDomains().map((d) => ({ tenantId, code: d.code, name: d.name, sortOrder: d.sortOrder }));
  await exec.insert(catalogueDomains).values(rows);
  await recordAudit(exec, caller.actor, { action: 'catalogue.domains.seed', entityType: 'catalogue', summary: `载入基层政务公开标准化规范化 ${rows.length} 个试点领域` });
  return rows.length;
}

export async function createDomain(exec: Executor, caller: Caller, input: { code: string; name: string; sortOrder?: number }) {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  const [clash] = await exec.select().from(catalogueDomains).where(and(eq(catalogueDomains.tenantId, tenantId), sql`(${catalogueDomains.code} = ${input.code} OR ${catalogueDomains.name} = ${input.name})`));
  if (clash) throw conflict(`领域「${clash.name}」（${clash.code}）已存在`);
  const [row] = await exec.insert(catalogueDomains).values({ tenantId, code: input.code, name: input.name.trim(), sortOrder: input.sortOrder ?? 1000 }).returning();
  await recordAudit(exec, caller.actor, { action: 'catalogue.domain.create', entityType: 'catalogue_domain', entityId: row!.id, summary: `新增领域「${row!.name}」`, after: row });
  return { id: row!.id, code: row!.code, name: row!.name, sortOrder: row!.sortOrder, items: 0, version: row!.version };
}

async function requireDomain(exec: Executor, tenantId: string, id: string) {
  const [d] = await exec.select().from(catalogueDomains).where(and(eq(catalogueDomains.tenantId, tenantId), eq(catalogueDomains.id, id)));
  if (!d) throw notFound('领域');
  return d;
}

export interface ItemView extends Omit<CatalogueItem, 'timeLimitRule'> {
  id: string;
  domainId: string;
  timeLimitRule: TimeLimitRule;
  timeLimitDescription: string;
  responsibleUnitIds: string[];
  responsibleUnitNames: string[];
  version: number;
}

function itemView(r: typeof catalogueItems.$inferSelect, unitNames: Map<string, string>): ItemView {
  const rule = r.timeLimitRule as TimeLimitRule;
  return {
    id: r.id,
    domainId: r.domainId,
    seq: r.seq,
    level1: r.level1,
    level2: r.level2,
    content: r.content,
    basis: r.basis,
    timeLimitText: r.timeLimitText,
    timeLimitRule: rule,
    timeLimitDescription: describeRule(rule),
    responsibleText: r.responsibleText,
    responsibleUnitIds: r.responsibleUnitIds,
    responsibleUnitNames: r.responsibleUnitIds.map((id) => unitNames.get(id) ?? ''),
    channels: r.channels,
    audiencePublic: r.audiencePublic,
    audienceSpecific: r.audienceSpecific,
    modeProactive: r.modeProactive,
    modeRequest: r.modeRequest,
    levelCounty: r.levelCounty,
    levelTownship: r.levelTownship,
    version: r.version,
  };
}

async function unitNameMap(exec: Executor, tenantId: string): Promise<Map<string, string>> {
  const rows = await exec.select({ id: units.id, name: units.name }).from(units).where(eq(units.tenantId, tenantId));
  return new Map(rows.map((u) => [u.id, u.name]));
}

export async function listItems(exec: Executor, tenantId: string, domainId: string): Promise<ItemView[]> {
  await requireDomain(exec, tenantId, domainId);
  const rows = await exec.select().from(catalogueItems).where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.domainId, domainId))).orderBy(asc(catalogueItems.seq));
  const names = await unitNameMap(exec, tenantId);
  return rows.map((r) => itemView(r, names));
}

/**
 * The units named in 公开主体: split on 、，,；; and matched by name or alias. Collective words such as
 * 各乡镇（街道） are matched later by the task importer; here an unmatched name is reported, not guessed.
 */
export async function matchResponsible(exec: Executor, tenantId: string, text: string): Promise<{ ids: string[]; unmatched: string[] }> {
  const names = text
    .split(/[、，,；;\s]+/)
    .map((n) => n.replace(/^(由|负责单位[:：]?)/, '').trim())
    .filter(Boolean);
  const ids: string[] = [];
  const unmatched: string[] = [];
  for (const n of names) {
    const u = await matchUnitName(exec, tenantId, n);
    if (u) {
      if (!ids.includes(u.id)) ids.push(u.id);
    } else unmatched.push(n);
  }
  return { ids, unmatched };
}

export interface ItemInput extends Omit<CatalogueItemInput, 'seq'> {
  seq?: number;
  responsibleUnitIds?: string[];
}

function assertValid(item: CatalogueItem) {
  const errors = validateCatalogueItem(item).filter((i) => i.severity === 'error');
  if (errors.length) throw badRequest(errors.map((e) => e.message).join('；'), { field: errors[0]!.field });
}

export async function createItem(exec: Executor, caller: Caller, domainId: string, input: ItemInput): Promise<ItemView> {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    await requireDomain(tx, tenantId, domainId);
    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${catalogueItems.seq}), 0) + 1` }).from(catalogueItems).where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.domainId, domainId)))) as [{ next: number }];
    const item = createCatalogueItem({ ...input, seq: input.seq ?? next });
    assertValid(item);
    const unitIds = input.responsibleUnitIds ?? (await matchResponsible(tx, tenantId, item.responsibleText)).ids;
    await assertUnits(tx, tenantId, unitIds);
    const [row] = await tx.insert(catalogueItems).values({ tenantId, domainId, ...item, responsibleUnitIds: unitIds }).returning();
    await recordAudit(tx, caller.actor, { action: 'catalogue.item.create', entityType: 'catalogue_item', entityId: row!.id, summary: `新增标准目录事项「${item.level1} / ${item.level2}」`, after: item });
    return itemView(row!, await unitNameMap(tx, tenantId));
  });
}

async function assertUnits(exec: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await exec.select({ id: units.id }).from(units).where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
  if (found.length !== new Set(ids).size) throw badRequest('公开主体中有不存在的单位', { field: 'responsibleUnitIds' });
}

export async function updateItem(exec: Executor, caller: Caller, id: string, input: ItemInput & { version: number }): Promise<ItemView> {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const [before] = await tx.select().from(catalogueItems).where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.id, id))).for('update');
    if (!before) throw notFound('标准目录事项');
    if (before.version !== input.version) throw staleVersion(`事项「${before.level2 || before.level1}」`);
    const item = createCatalogueItem({ ...input, seq: input.seq ?? before.seq });
    assertValid(item);
    const unitIds = input.responsibleUnitIds ?? (await matchResponsible(tx, tenantId, item.responsibleText)).ids;
    await assertUnits(tx, tenantId, unitIds);
    const [row] = await tx
      .update(catalogueItems)
      .set({ ...item, responsibleUnitIds: unitIds, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.id, id), eq(catalogueItems.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`事项「${before.level2 || before.level1}」`);
    await recordAudit(tx, caller.actor, { action: 'catalogue.item.update', entityType: 'catalogue_item', entityId: id, summary: `修改标准目录事项「${item.level1} / ${item.level2}」`, before, after: item });
    return itemView(row, await unitNameMap(tx, tenantId));
  });
}

export async function exportDomainXlsx(exec: Executor, tenantId: string, domainId: string): Promise<{ fileName: string; bytes: Buffer }> {
  const d = await requireDomain(exec, tenantId, domainId);
  const items = await listItems(exec, tenantId, domainId);
  return { fileName: `${d.name}领域基层政务公开标准目录.xlsx`, bytes: await exportCatalogueXlsx(d.name, items) };
}

export interface ImportResult {
  dryRun: boolean;
  items: number;
  errors: { row: number; column: string; message: string }[];
  warnings: { row: number; column: string; message: string }[];
  unmatchedUnits: string[];
}

/** Imports a sheet in the standard layout into a domain: a dry run reports; a real run replaces all or nothing. */
export async function importDomainXlsx(exec: Executor, caller: Caller, domainId: string, bytes: Uint8Array, dryRun: boolean): Promise<ImportResult> {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  const d = await requireDomain(exec, tenantId, domainId);
  const parsed = await importCatalogueXlsx(Buffer.from(bytes));
  const matched = await Promise.all(parsed.items.map((i) => matchResponsible(exec, tenantId, i.responsibleText)));
  const unmatchedUnits = [...new Set(matched.flatMap((m) => m.unmatched))];
  const result: ImportResult = {
    dryRun,
    items: parsed.items.length,
    errors: parsed.errors,
    warnings: (parsed as { warnings?: ImportResult['warnings'] }).warnings ?? [],
    unmatchedUnits,
  };
  if (dryRun) return result;
  if (parsed.errors.length) throw badRequest(`表格中有 ${parsed.errors.length} 处错误，未导入任何事项：${parsed.errors.slice(0, 3).map((e) => `第${e.row}行“${e.column}”${e.message}`).join('；')}`, { errors: parsed.errors });
  if (!parsed.items.length) throw badRequest('表格中没有找到标准目录事项（需要“一级事项”“二级事项”等表头）');
  await exec.transaction(async (tx) => {
    // Items with obligations already met keep them: replace only items that no record points at yet.
    await tx.delete(catalogueItems).where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.domainId, domainId), sql`NOT EXISTS (SELECT 1 FROM ${obligations} o WHERE o.tenant_id = ${catalogueItems.tenantId} AND o.item_id = ${catalogueItems.id} AND o.record_id IS NOT NULL)`));
    await tx.insert(catalogueItems).values(parsed.items.map((item, i) => ({ tenantId, domainId, ...item, responsibleUnitIds: matched[i]!.ids })));
    await recordAudit(tx, caller.actor, { action: 'catalogue.import', entityType: 'catalogue_domain', entityId: domainId, summary: `从表格导入「${d.name}」领域标准目录 ${parsed.items.length} 项` });
  });
  return result;
}

/** Creates the obligations of every item for its responsible units in a year (idempotent). */
export async function generateObligations(exec: Executor, caller: Caller, year: number): Promise<{ created: number; skipped: { item: string; reason: string }[] }> {
  await assertManage(exec, caller);
  const tenantId = caller.actor.tenantId;
  const calendar = await tenantCalendar(exec, tenantId);
  const items = await exec.select().from(catalogueItems).where(and(eq(catalogueItems.tenantId, tenantId), eq(catalogueItems.modeProactive, true)));
  let created = 0;
  const skipped: { item: string; reason: string }[] = [];
  await exec.transaction(async (tx) => {
    for (const item of items) {
      const name = `${item.level1} / ${item.level2}`;
      if (!item.responsibleUnitIds.length) {
        skipped.push({ item: name, reason: '没有匹配到公开主体单位' });
        continue;
      }
      const periods = obligationPeriods(item.timeLimitRule as TimeLimitRule, year, calendar);
      if (!periods.length) {
        skipped.push({ item: name, reason: `时限“${item.timeLimitText || '（空）'}”按事件计算（如信息形成后 N 个工作日），不生成按期义务` });
        continue;
      }
      const rows = item.responsibleUnitIds.flatMap((unitId) =>
        periods.map((p) => ({ tenantId, itemId: item.id, unitId, periodKey: p.periodKey, label: p.label, periodStart: p.start, periodEnd: p.end, dueOn: p.due.date, dueExplanation: p.due.explanation })),
      );
      const ins = await tx.insert(obligations).values(rows).onConflictDoNothing().returning({ id: obligations.id });
      created += ins.length;
    }
    await recordAudit(tx, caller.actor, { action: 'catalogue.obligations.generate', entityType: 'catalogue', summary: `生成 ${year} 年标准目录公开义务 ${created} 项` });
  });
  return { created, skipped };
}

export type ObligationStatus = 'due' | 'done_on_time' | 'done_late' | 'missing';

function statusOf(o: typeof obligations.$inferSelect, today: string): ObligationStatus {
  if (o.recordId) return (o.workingDaysLate ?? 0) > 0 ? 'done_late' : 'done_on_time';
  return o.dueOn < today ? 'missing' : 'due';
}

/** The dashboard: per unit (within the caller's scope) counts by status, and the obligations themselves. */
export async function obligationDashboard(exec: Executor, caller: Caller, filter: { year: number; unitId?: string; status?: ObligationStatus }) {
  const tenantId = caller.actor.tenantId;
  const today = todayLocal();
  const rows = await exec
    .select({ o: obligations, unitName: units.name, level1: catalogueItems.level1, level2: catalogueItems.level2, domainName: catalogueDomains.name, recordTitle: records.title })
    .from(obligations)
    .innerJoin(units, and(eq(units.tenantId, obligations.tenantId), eq(units.id, obligations.unitId)))
    .innerJoin(catalogueItems, and(eq(catalogueItems.tenantId, obligations.tenantId), eq(catalogueItems.id, obligations.itemId)))
    .innerJoin(catalogueDomains, and(eq(catalogueDomains.tenantId, catalogueItems.tenantId), eq(catalogueDomains.id, catalogueItems.domainId)))
    .leftJoin(records, and(eq(records.tenantId, obligations.tenantId), eq(records.id, obligations.recordId)))
    .where(and(eq(obligations.tenantId, tenantId), unitScopeCondition(caller, 'records.read'), sql`${obligations.periodKey} LIKE ${filter.year + '%'}`, filter.unitId ? eq(obligations.unitId, filter.unitId) : undefined))
    .orderBy(asc(obligations.dueOn), asc(units.name));
  const all = rows.map((r) => ({
    id: r.o.id,
    unitId: r.o.unitId,
    unitName: r.unitName,
    domain: r.domainName,
    item: `${r.level1}${r.level2 ? ` / ${r.level2}` : ''}`,
    itemId: r.o.itemId,
    periodKey: r.o.periodKey,
    label: r.o.label,
    dueOn: r.o.dueOn,
    dueExplanation: r.o.dueExplanation,
    status: statusOf(r.o, today),
    recordId: r.o.recordId,
    recordTitle: r.recordTitle,
    workingDaysLate: r.o.workingDaysLate,
  }));
  const units_ = new Map<string, { unitId: string; unitName: string; due: number; done_on_time: number; done_late: number; missing: number }>();
  for (const o of all) {
    const u = units_.get(o.unitId) ?? { unitId: o.unitId, unitName: o.unitName, due: 0, done_on_time: 0, done_late: 0, missing: 0 };
    u[o.status]++;
    units_.set(o.unitId, u);
  }
  const totals = { due: 0, done_on_time: 0, done_late: 0, missing: 0 };
  for (const u of units_.values()) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u[k];
  return { year: filter.year, totals, units: [...units_.values()].sort((a, b) => b.missing - a.missing || a.unitName.localeCompare(b.unitName, 'zh-CN')), obligations: filter.status ? all.filter((o) => o.status === filter.status) : all };
}
