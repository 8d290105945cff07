// 通报: generated from the plan's state on a date — the totals, the units late (each with its overdue tasks),
// the best-scoring units and the good practice the office names — as a DOCX in the official layout, kept
// with the plan (the file that went out) and listed for every unit that takes part.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { circularDocument, circularText, type CircularDocument, type CircularLateUnit } from '../../core/tasks/circular.ts';
import { normaliseScheme, scoreUnits } from '../../core/tasks/scores.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { BlobStore } from '../files/index.ts';
import { units } from '../org/schema.ts';
import { requireUnit } from '../org/units.ts';
import { circularDocx } from './circular-docx.ts';
import { assertManage, requirePlan } from './common.ts';
import { taskCirculars } from './schema.ts';
import { listBonuses, unacknowledgedUrges, visiblePlan } from './service.ts';
import { factsAsOf, planFacts, scoreFacts } from './supervision.ts';

export interface CircularInput {
  title?: string | null;
  docNo?: string | null;
  organName?: string | null;
  asOf?: LocalDate | null;
  goodPractice?: { unitId: string; text: string }[];
  requirements?: string[];
  /** How many of the best-scoring units to name (0: none). */
  topUnits?: number;
}

export interface CircularPreview {
  document: CircularDocument;
  text: string;
  lateUnits: (CircularLateUnit & { unitId: string })[];
}

export interface CircularView {
  id: string;
  planId: string;
  title: string;
  docNo: string | null;
  issuedOn: string;
  asOf: string;
  lateUnits: string[];
  goodUnits: string[];
  text: string;
  fileName: string;
  size: number;
  createdByLabel: string;
  createdAt: string;
}

async function defaultOrgan(exec: Executor, tenantId: string): Promise<string> {
  const [office] = await exec
    .select({ name: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.kind, 'office'), isNull(units.abolishedAt)))
    .orderBy(asc(units.sortOrder))
    .limit(1);
  if (office) return office.name;
  const [root] = await exec.select({ name: units.name }).from(units).where(and(eq(units.tenantId, tenantId), isNull(units.parentId)));
  return root?.name ?? '政务公开办';
}

async function compose(exec: Executor, caller: Caller, planId: string, input: CircularInput, today: LocalDate): Promise<CircularPreview & { goodUnitIds: string[] }> {
  const tenantId = caller.actor.tenantId;
  await assertManage(exec, caller);
  const plan = await requirePlan(exec, tenantId, planId);
  const asOf = input.asOf ?? today;
  const facts = factsAsOf(await planFacts(exec, caller, planId, true), asOf);
  const periodsOf = new Map<string, typeof facts.periods>();
  for (const p of facts.periods) periodsOf.set(p.assignmentId, [...(periodsOf.get(p.assignmentId) ?? []), p]);
  const taskOf = new Map(facts.tasks.map((t) => [t.id, t]));
  const late = new Map<string, CircularLateUnit & { unitId: string; sortOrder: number }>();
  let periodsDue = 0;
  let periodsDone = 0;
  let overduePeriods = 0;
  for (const a of facts.assignments) {
    for (const p of periodsOf.get(a.id) ?? []) {
      const done = p.state === 'done';
      if (p.dueOn <= asOf || done) periodsDue++;
      if (done) periodsDone++;
      const overdue = !done && p.dueOn < asOf;
      if (overdue) overduePeriods++;
      if (overdue || (done && p.lateDays > 0)) {
        let u = late.get(a.unitId);
        if (!u) late.set(a.unitId, (u = { unitId: a.unitId, unitName: a.unitName, overdue: [], lateDone: 0, sortOrder: a.sortOrder }));
        if (overdue) u.overdue.push({ requirement: taskOf.get(a.taskId)?.requirement ?? '', label: p.label, dueOn: p.dueOn });
        else u.lateDone++;
      }
    }
  }
  const good: { unitName: string; text: string }[] = [];
  const goodUnitIds: string[] = [];
  for (const g of input.goodPractice ?? []) {
    if (!g.text.trim()) continue;
    const unit = await requireUnit(exec, tenantId, g.unitId).catch(() => {
      throw badRequest('典型做法中的单位不存在', { field: 'goodPractice' });
    });
    good.push({ unitName: unit.name, text: g.text });
    goodUnitIds.push(unit.id);
  }
  let topUnits: { unitName: string; score: number }[] = [];
  const n = input.topUnits ?? 3;
  if (n > 0) {
    const [urges, bonuses] = await Promise.all([unacknowledgedUrges(exec, tenantId, planId, asOf), listBonuses(exec, tenantId, planId)]);
    topUnits = scoreUnits(scoreFacts(facts, urges, bonuses), normaliseScheme(plan.scheme), asOf)
      .filter((u) => u.completionRate !== null && u.counts.overdue === 0 && u.counts.late === 0)
      .slice(0, n)
      .map((u) => ({ unitName: u.unitName, score: u.score }));
  }
  const lateUnits = [...late.values()].sort((a, b) => b.overdue.length - a.overdue.length || a.sortOrder - b.sortOrder);
  const document = circularDocument({
    organName: input.organName?.trim() || (await defaultOrgan(exec, tenantId)),
    planTitle: plan.title,
    year: plan.year,
    asOf,
    issuedOn: today,
    title: input.title ?? null,
    docNo: input.docNo ?? null,
    totals: { tasks: facts.tasks.length, units: new Set(facts.assignments.map((a) => a.unitId)).size, periodsDue, periodsDone, overduePeriods },
    lateUnits,
    goodPractice: good,
    topUnits,
    ...(input.requirements ? { requirements: input.requirements } : {}),
  });
  return { document, text: circularText(document), lateUnits: lateUnits.map(({ sortOrder: _s, ...u }) => u), goodUnitIds };
}

export async function previewCircular(exec: Executor, caller: Caller, planId: string, input: CircularInput, today = todayLocal()): Promise<CircularPreview> {
  const { goodUnitIds: _g, ...preview } = await compose(exec, caller, planId, input, today);
  return preview;
}

function view(c: typeof taskCirculars.$inferSelect, names: Map<string, string>): CircularView {
  return {
    id: c.id,
    planId: c.planId,
    title: c.title,
    docNo: c.docNo,
    issuedOn: c.issuedOn,
    asOf: c.asOf,
    lateUnits: c.lateUnitIds.map((id) => names.get(id) ?? id),
    goodUnits: c.goodUnitIds.map((id) => names.get(id) ?? id),
    text: c.text,
    fileName: c.fileName,
    size: c.size,
    createdByLabel: c.createdByLabel,
    createdAt: c.createdAt.toISOString(),
  };
}

async function namesOf(exec: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await exec.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.tenantId, tenantId), inArray(units.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function generateCircular(db: Db, blobs: BlobStore, caller: Caller, planId: string, input: CircularInput, today = todayLocal()): Promise<CircularView> {
  const tenantId = caller.actor.tenantId;
  const c = await compose(db, caller, planId, input, today);
  const bytes = await circularDocx(c.document);
  const stored = await blobs.put(bytes, { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const fileName = `${c.document.title}.docx`.replace(/[\\/:*?"<>|]/g, '');
  const row = await db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const [r] = await tx
      .insert(taskCirculars)
      .values({
        tenantId,
        planId,
        title: c.document.title,
        docNo: c.document.docNo,
        issuedOn: today,
        asOf: input.asOf ?? today,
        lateUnitIds: c.lateUnits.map((u) => u.unitId),
        goodUnitIds: [...new Set(c.goodUnitIds)],
        text: c.text,
        fileName,
        blobKey: stored.key,
        size: stored.size,
        createdBy: caller.actor.userId,
        createdByLabel: caller.actor.label,
      })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'task.circular',
      entityType: 'task_plan',
      entityId: planId,
      summary: `印发通报《${c.document.title}》${c.lateUnits.length ? `，通报逾期单位 ${c.lateUnits.length} 个` : ''}`,
      after: { circularId: r!.id, lateUnits: c.lateUnits.map((u) => u.unitName), goodUnits: c.goodUnitIds.length },
    });
    return r!;
  });
  return view(row, await namesOf(db, tenantId, [...row.lateUnitIds, ...row.goodUnitIds]));
}

/** The circulars of a plan: sent to every unit, so whoever takes part in the plan may read them. */
export async function listCirculars(exec: Executor, caller: Caller, planId: string): Promise<CircularView[]> {
  await visiblePlan(exec, caller, planId);
  const rows = await exec.select().from(taskCirculars).where(and(eq(taskCirculars.tenantId, caller.actor.tenantId), eq(taskCirculars.planId, planId))).orderBy(desc(taskCirculars.createdAt));
  const names = await namesOf(exec, caller.actor.tenantId, [...new Set(rows.flatMap((r) => [...r.lateUnitIds, ...r.goodUnitIds]))]);
  return rows.map((r) => view(r, names));
}

export async function circularFile(exec: Executor, caller: Caller, id: string): Promise<{ fileName: string; blobKey: string }> {
  const [c] = await exec.select().from(taskCirculars).where(and(eq(taskCirculars.tenantId, caller.actor.tenantId), eq(taskCirculars.id, id)));
  if (!c) throw notFound('通报');
  await visiblePlan(exec, caller, c.planId).catch(() => {
    throw notFound('通报');
  });
  return { fileName: c.fileName, blobKey: c.blobKey };
}
