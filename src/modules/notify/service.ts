// Sending and reading notifications. Sending is idempotent by dedupe key.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import { unitScopeCondition } from '../org/units.ts';
import { notifications } from './schema.ts';

export interface NotificationInput {
  tenantId: string;
  unitId: string;
  kind: string;
  dedupeKey: string;
  title: string;
  body: string;
  link?: string | null;
  entityId?: string | null;
}

/** True when it was new (not sent before under the same key). */
export async function notify(exec: Executor, n: NotificationInput): Promise<boolean> {
  const rows = await exec
    .insert(notifications)
    .values({ ...n, link: n.link ?? null, entityId: n.entityId ?? null })
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Notifications of the units the caller works in (where it may read records). */
export async function listNotifications(exec: Executor, caller: Caller, opts: { unreadOnly?: boolean; limit?: number }) {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ n: notifications, unitName: units.name })
    .from(notifications)
    .innerJoin(units, and(eq(units.tenantId, notifications.tenantId), eq(units.id, notifications.unitId)))
    .where(and(eq(notifications.tenantId, tenantId), unitScopeCondition(caller, 'records.read'), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(opts.limit ?? 50);
  return rows.map(({ n, unitName }) => ({
    id: n.id,
    unitId: n.unitId,
    unitName,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    entityId: n.entityId,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  }));
}

export async function markRead(exec: Executor, caller: Caller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.id, id),
        sql`${notifications.unitId} IN (SELECT ${units.id} FROM ${units} WHERE ${units.tenantId} = ${tenantId} AND ${unitScopeCondition(caller, 'records.read') ?? sql`true`})`,
      ),
    )
    .returning({ id: notifications.id });
  if (!rows.length) throw notFound('通知');
}
