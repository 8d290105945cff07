// What the signed-in user may do on one unit, and which workflow steps a record offers. Both mirror the
// server (src/core/auth/roles.ts and src/core/publishing/workflow.ts) only to decide which buttons to show:
// the server checks every request again and its 403/409 message is what the user is told.
import { ROLE_PERMISSIONS } from '../../../src/core/auth/roles.ts';
import { EVENT_LABELS, eventPermission, eventsFrom, RECORD_STATES, type RecordState } from '../../../src/core/publishing/workflow.ts';
import type { Grant, SessionUser, Unit } from './types';

function grantCovers(grant: Grant, permission: string, unit: Pick<Unit, 'id' | 'path'>): boolean {
  if (!(ROLE_PERMISSIONS as Record<string, readonly string[] | undefined>)[grant.role]?.includes(permission as never)) return false;
  return grant.unitId === unit.id || (grant.includeSubtree && unit.path.includes(grant.unitId));
}

/**
 * May the user use `permission` on this unit? When the unit is not known (the unit list has not loaded),
 * the answer falls back to "somewhere", as the menu does.
 */
export function canOnUnit(user: SessionUser | null, permission: string, unit: Pick<Unit, 'id' | 'path'> | undefined): boolean {
  if (!user) return false;
  if (!unit) return user.permissions.includes(permission);
  return user.grants.some((g) => grantCovers(g, permission, unit));
}

// ---- workflow --------------------------------------------------------------------------------------------

export type RecordEvent = 'submit' | 'pass_review' | 'pass_confidentiality' | 'reject' | 'publish' | 'unschedule' | 'supersede' | 'withdraw';

interface Step {
  event: RecordEvent;
  label: string;
  from: readonly string[];
}

/** Button texts, shorter than the history's labels (EVENT_LABELS). */
const BUTTON_LABELS: Record<RecordEvent, string> = {
  submit: '提交审核',
  pass_review: '审核通过',
  pass_confidentiality: '保密审查通过',
  publish: '发布',
  unschedule: '取消定时发布',
  reject: '退回修改',
  supersede: '替代',
  withdraw: '撤回',
};
const ORDER: readonly RecordEvent[] = ['submit', 'pass_review', 'pass_confidentiality', 'publish', 'unschedule', 'reject', 'supersede', 'withdraw'];

/** The steps a person may take, in the order their buttons appear; the states come from the server's rules. */
export const RECORD_STEPS: readonly Step[] = ORDER.map((event) => ({
  event,
  label: BUTTON_LABELS[event] ?? EVENT_LABELS[event],
  from: RECORD_STATES.filter((state) => eventsFrom(state).includes(event)),
}));

/** The permission a step needs on the record's unit (sending back depends on the step the record is at). */
export function stepPermission(event: RecordEvent, state: string): string {
  return eventPermission(event, state as RecordState) ?? 'records.publish';
}

/** The annual report's permissions (src/core/auth/roles.ts). */
export const REPORT_PERMISSIONS = { read: 'reports.read', edit: 'reports.edit', publish: 'reports.publish' } as const;
