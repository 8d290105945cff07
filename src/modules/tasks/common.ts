// What the services of the tasks module share: who may act on what, the tenant's units for matching, the
// calendar, and the labels of the API.
import { and, eq, isNull } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { roleHas, type Permission } from '../../core/auth/roles.ts';
import { notFound } from '../../core/errors.ts';
import type { KnownUnit } from '../../core/tasks/match.ts';
import type { Executor } from '../../db/client.ts';
import { unitAliases, units } from '../org/schema.ts';
import { requireUnit, rootOf, type UnitRow } from '../org/units.ts';
import { taskAssignments, taskPlans, tasks, type AssignmentRole } from './schema.ts';

export const ROLE_LABELS: Record<AssignmentRole, string> = { lead: '牵头单位', responsible: '责任单位', supporting: '配合单位' };

export type PlanRow = typeof taskPlans.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;

/** Plan-wide work (import, supervision, circulars, scores, look-back) is the office's: tasks.manage on the root. */
export async function assertManage(exec: Executor, caller: Caller): Promise<UnitRow> {
  const root = await rootOf(exec, caller.actor.tenantId);
  assertCan(caller, 'tasks.manage', root, root.name);
  return root;
}

/** Does the caller see every unit's tasks (tasks.read on the root and its subtree)? */
export async function seesAll(exec: Executor, caller: Caller, permission: Permission = 'tasks.read'): Promise<boolean> {
  if (caller.kind === 'system') return true;
  const root = await rootOf(exec, caller.actor.tenantId);
  return caller.principal.grants.some((g) => g.unitId === root.id && g.includeSubtree && roleHas(g.role, permission));
}

export async function requirePlan(exec: Executor, tenantId: string, id: string, lock = false): Promise<PlanRow> {
  const q = exec.select().from(taskPlans).where(and(eq(taskPlans.tenantId, tenantId), eq(taskPlans.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('工作计划');
  return row;
}

export async function requireTask(exec: Executor, tenantId: string, id: string, lock = false): Promise<TaskRow> {
  const q = exec.select().from(tasks).where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('任务');
  return row;
}

/** An assignment the caller may see (tasks.read on its unit); else 404, never a hint that it exists. */
export async function visibleAssignment(exec: Executor, caller: Caller, id: string, permission: Permission = 'tasks.read'): Promise<{ row: AssignmentRow; unit: UnitRow }> {
  const [row] = await exec.select().from(taskAssignments).where(and(eq(taskAssignments.tenantId, caller.actor.tenantId), eq(taskAssignments.id, id)));
  if (!row) throw notFound('任务分工');
  const unit = await requireUnit(exec, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'tasks.read', unit)) throw notFound('任务分工');
  if (permission !== 'tasks.read') assertCan(caller, permission, unit, unit.name);
  return { row, unit };
}

/** The tenant's units (not abolished) with their aliases, as the matcher takes them. */
export async function knownUnits(exec: Executor, tenantId: string): Promise<KnownUnit[]> {
  const rows = await exec
    .select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), isNull(units.abolishedAt)));
  const aliases = await exec.select({ unitId: unitAliases.unitId, alias: unitAliases.alias }).from(unitAliases).where(eq(unitAliases.tenantId, tenantId));
  const byUnit = new Map<string, string[]>();
  for (const a of aliases) byUnit.set(a.unitId, [...(byUnit.get(a.unitId) ?? []), a.alias]);
  return rows.map((u) => ({ ...u, aliases: byUnit.get(u.id) ?? [] }));
}

/** Unit names by id, for views. */
export async function unitNames(exec: Executor, tenantId: string): Promise<Map<string, { name: string; path: string[]; kind: string; sortOrder: number }>> {
  const rows = await exec.select({ id: units.id, name: units.name, path: units.path, kind: units.kind, sortOrder: units.sortOrder }).from(units).where(eq(units.tenantId, tenantId));
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path, kind: r.kind, sortOrder: r.sortOrder }]));
}
