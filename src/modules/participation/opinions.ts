// Matters of public concern (政务舆情): registered with their source and level, answered within hours
// (5 h authoritative information and a 24 h press conference for 特别重大/重大; 48 h otherwise), with every
// release recorded and, when a deadline passes unmet, escalated to the open-government office.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import { deadlineStatus, OPINION_LEVEL_LABELS, opinionDeadlines, RELEASE_KIND_LABELS, type OpinionLevel, type ReleaseKind } from '../../core/participation/opinion.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { notify } from '../notify/service.ts';
import { units } from '../org/schema.ts';
import { requireUnit, rootOf, unitScopeCondition } from '../org/units.ts';
import { opinionEvents, opinionReleases } from './schema.ts';

type Row = typeof opinionEvents.$inferSelect;
type ReleaseRow = typeof opinionReleases.$inferSelect;

export interface OpinionView {
  id: string;
  title: string;
  source: string;
  level: OpinionLevel;
  levelLabel: string;
  detectedAt: string;
  unitId: string;
  unitName: string;
  summary: string | null;
  state: 'open' | 'closed';
  closingNote: string | null;
  deadlines: { kind: string; label: string; hours: number; due: string; explanation: string; met: boolean; late: boolean; at: string | null }[];
  overdue: boolean;
  releases: { id: string; kind: ReleaseKind; kindLabel: string; at: string; content: string; recordId: string | null; url: string | null }[];
  version: number;
}

function view(e: Row, unitName: string, releases: ReleaseRow[], now: Date): OpinionView {
  const rel = releases.map((r) => ({ kind: r.kind, at: r.at }));
  const deadlines = opinionDeadlines(e.level, e.detectedAt).map((d) => {
    const st = deadlineStatus(d, rel, now);
    return { kind: d.kind, label: d.label, hours: d.hours, due: d.due.toISOString(), explanation: d.explanation, met: st.met, late: st.late, at: st.at?.toISOString() ?? null };
  });
  return {
    id: e.id,
    title: e.title,
    source: e.source,
    level: e.level,
    levelLabel: OPINION_LEVEL_LABELS[e.level],
    detectedAt: e.detectedAt.toISOString(),
    unitId: e.unitId,
    unitName,
    summary: e.summary,
    state: e.state,
    closingNote: e.closingNote,
    deadlines,
    overdue: e.state === 'open' && deadlines.some((d) => !d.met && d.late),
    releases: releases.map((r) => ({ id: r.id, kind: r.kind, kindLabel: RELEASE_KIND_LABELS[r.kind], at: r.at.toISOString(), content: r.content, recordId: r.recordId, url: r.url })),
    version: e.version,
  };
}

async function releasesOf(exec: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, ReleaseRow[]>();
  const rows = await exec.select().from(opinionReleases).where(and(eq(opinionReleases.tenantId, tenantId), inArray(opinionReleases.eventId, ids))).orderBy(asc(opinionReleases.at));
  const out = new Map<string, ReleaseRow[]>();
  for (const r of rows) out.set(r.eventId, [...(out.get(r.eventId) ?? []), r]);
  return out;
}

async function visible(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(opinionEvents).where(and(eq(opinionEvents.tenantId, tenantId), eq(opinionEvents.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('舆情');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('舆情');
  return { row, unit };
}

export async function registerOpinion(exec: Executor, caller: Caller, input: { title: string; source: string; level: OpinionLevel; detectedAt: string; unitId: string; summary?: string | null }): Promise<OpinionView> {
  const tenantId = caller.actor.tenantId;
  const detectedAt = new Date(input.detectedAt);
  if (Number.isNaN(detectedAt.getTime())) throw badRequest('发现时间格式不正确', { field: 'detectedAt' });
  if (detectedAt.getTime() > Date.now() + 60_000) throw badRequest('发现时间晚于现在', { field: 'detectedAt' });
  if (!input.title.trim()) throw badRequest('请填写舆情标题', { field: 'title' });
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const [e] = await tx.insert(opinionEvents).values({ tenantId, title: input.title.trim(), source: input.source.trim(), level: input.level, detectedAt, unitId: unit.id, summary: input.summary?.trim() || null, createdBy: caller.actor.userId }).returning();
    await recordAudit(tx, caller.actor, { action: 'opinion.register', entityType: 'opinion', entityId: e!.id, summary: `登记${OPINION_LEVEL_LABELS[input.level]}舆情《${e!.title}》（来源：${e!.source}）`, after: { level: input.level, detectedAt: detectedAt.toISOString() } });
    return view(e!, unit.name, [], new Date());
  });
}

export async function addRelease(exec: Executor, caller: Caller, id: string, input: { kind: ReleaseKind; at?: string | null; content: string; recordId?: string | null; url?: string | null; version: number }): Promise<OpinionView> {
  const tenantId = caller.actor.tenantId;
  const at = input.at ? new Date(input.at) : new Date();
  if (Number.isNaN(at.getTime())) throw badRequest('发布时间格式不正确', { field: 'at' });
  if (at.getTime() > Date.now() + 60_000) throw badRequest('发布时间晚于现在', { field: 'at' });
  if (!input.content.trim()) throw badRequest('请填写发布或回应的内容', { field: 'content' });
  if (input.url && !/^https?:\/\/\S+$/i.test(input.url)) throw badRequest('链接应为 http:// 或 https:// 开头的网址', { field: 'url' });
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`舆情《${row.title}》`);
    if (row.state === 'closed') throw new AppError(409, 'WRONG_STATE', '舆情已处置完毕');
    if (at < row.detectedAt) throw badRequest('发布时间早于发现时间', { field: 'at' });
    await tx.insert(opinionReleases).values({ tenantId, eventId: id, kind: input.kind, at, content: input.content.trim(), recordId: input.recordId ?? null, url: input.url ?? null, createdBy: caller.actor.userId });
    const [u] = await tx.update(opinionEvents).set({ version: row.version + 1, updatedAt: new Date() }).where(and(eq(opinionEvents.tenantId, tenantId), eq(opinionEvents.id, id))).returning();
    await recordAudit(tx, caller.actor, { action: 'opinion.release', entityType: 'opinion', entityId: id, summary: `舆情《${row.title}》：${RELEASE_KIND_LABELS[input.kind]}`, after: { kind: input.kind, at: at.toISOString() } });
    return view(u!, unit.name, (await releasesOf(tx, tenantId, [id])).get(id) ?? [], new Date());
  });
}

export async function closeOpinion(exec: Executor, caller: Caller, id: string, input: { version: number; note: string }): Promise<OpinionView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`舆情《${row.title}》`);
    if (row.state === 'closed') throw new AppError(409, 'WRONG_STATE', '舆情已处置完毕');
    const releases = (await releasesOf(tx, tenantId, [id])).get(id) ?? [];
    if (!releases.length) throw new AppError(409, 'NO_RESPONSE', '尚未发布任何权威信息或回应，不能结束处置');
    if (!input.note.trim()) throw badRequest('请填写处置情况', { field: 'note' });
    const [u] = await tx.update(opinionEvents).set({ state: 'closed', closedAt: new Date(), closingNote: input.note.trim(), version: row.version + 1, updatedAt: new Date() }).where(and(eq(opinionEvents.tenantId, tenantId), eq(opinionEvents.id, id))).returning();
    await recordAudit(tx, caller.actor, { action: 'opinion.close', entityType: 'opinion', entityId: id, summary: `舆情《${row.title}》处置完毕：${input.note.trim()}`, after: { state: 'closed' } });
    return view(u!, unit.name, releases, new Date());
  });
}

export async function getOpinion(exec: Executor, caller: Caller, id: string): Promise<OpinionView> {
  const { row, unit } = await visible(exec, caller, id);
  return view(row, unit.name, (await releasesOf(exec, caller.actor.tenantId, [id])).get(id) ?? [], new Date());
}

export async function listOpinions(exec: Executor, caller: Caller): Promise<OpinionView[]> {
  const rows = await exec
    .select({ e: opinionEvents, unitName: units.name })
    .from(opinionEvents)
    .innerJoin(units, and(eq(units.tenantId, opinionEvents.tenantId), eq(units.id, opinionEvents.unitId)))
    .where(and(eq(opinionEvents.tenantId, caller.actor.tenantId), unitScopeCondition(caller, 'records.read')))
    .orderBy(desc(opinionEvents.detectedAt))
    .limit(300);
  const rel = await releasesOf(exec, caller.actor.tenantId, rows.map((r) => r.e.id));
  const now = new Date();
  return rows.map((x) => view(x.e, x.unitName, rel.get(x.e.id) ?? [], now));
}

/**
 * Escalation: a deadline passed unmet goes to the responsible unit and, above it, to the government's
 * open-government office (its root unit), once per deadline.
 */
export async function escalateOpinions(exec: Executor, now = new Date()): Promise<number> {
  const open = await exec.select().from(opinionEvents).where(eq(opinionEvents.state, 'open'));
  let n = 0;
  const byTenant = new Map<string, string>();
  for (const e of open) {
    const releases = (await exec.select().from(opinionReleases).where(and(eq(opinionReleases.tenantId, e.tenantId), eq(opinionReleases.eventId, e.id)))).map((r) => ({ kind: r.kind, at: r.at }));
    for (const d of opinionDeadlines(e.level, e.detectedAt)) {
      const st = deadlineStatus(d, releases, now);
      if (st.met || !st.late) continue;
      if (!byTenant.has(e.tenantId)) byTenant.set(e.tenantId, (await rootOf(exec, e.tenantId)).id);
      for (const unitId of new Set([e.unitId, byTenant.get(e.tenantId)!])) {
        const sent = await notify(exec, {
          tenantId: e.tenantId,
          unitId,
          kind: 'opinion.overdue',
          dedupeKey: `opinion:${e.id}:${d.kind}:${unitId}`,
          title: `舆情《${e.title}》超过${d.hours}小时未${d.label}`,
          body: d.explanation,
          link: `/admin/opinions/${e.id}`,
          entityId: e.id,
        });
        if (sent) n++;
      }
    }
  }
  return n;
}
