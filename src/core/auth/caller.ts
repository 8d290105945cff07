// Services take a Caller: either a staff member (whose grants are checked against the unit acted on) or
// the system itself (CLI commands, seeding, jobs), which is trusted and logged as such.
import { forbidden } from '../errors.ts';
import type { Actor, Principal } from './principal.ts';
import { grantsCover, roleHas, type Permission, type ScopedUnit, PERMISSION_LABELS } from './roles.ts';

export type Caller = { kind: 'user'; principal: Principal; actor: Actor } | { kind: 'system'; actor: Actor };

export function can(caller: Caller, permission: Permission, unit: ScopedUnit): boolean {
  return caller.kind === 'system' || grantsCover(caller.principal.grants, permission, unit);
}

export function assertCan(caller: Caller, permission: Permission, unit: ScopedUnit, unitName?: string): void {
  if (!can(caller, permission, unit)) {
    throw forbidden(`您没有${unitName ? `对「${unitName}」` : '对该单位'}${PERMISSION_LABELS[permission]}的权限`);
  }
}

/** The units (and subtrees) where the caller holds a permission: for filtering lists. */
export function scopeOf(caller: Caller, permission: Permission): { all: true } | { all: false; units: string[]; subtrees: string[] } {
  if (caller.kind === 'system') return { all: true };
  const units: string[] = [];
  const subtrees: string[] = [];
  for (const g of caller.principal.grants) {
    if (!roleHas(g.role, permission)) continue;
    (g.includeSubtree ? subtrees : units).push(g.unitId);
  }
  return { all: false, units, subtrees };
}
