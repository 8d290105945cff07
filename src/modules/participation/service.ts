// Consultations on drafts (意见征集) and major administrative decisions (重大行政决策). A consultation is
// drafted by a unit, opened for its period (30 days at least for a major decision or a rule unless urgent
// with a reason), collects opinions from the public (moderated; personal data never shown), and ends with
// an adoption report that answers every published opinion: adopted or not, and why. A major decision
// passes its stages in the regulation's order, and its public page links every stage's documents.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import {
  COMMENT_STATE_LABELS,
  CONSULTATION_KIND_LABELS,
  CONSULTATION_STATE_LABELS,
  periodDays,
  periodProblem,
  phaseOn,
  type CommentState,
  type ConsultationKind,
  type ConsultationState,
} from '../../core/participation/consultation.ts';
import { DECISION_STAGES, emptyStages, STAGE_STATUS_LABELS, stageProblem, type DecisionStageKey, type StageState } from '../../core/participation/decision.ts';
import { applyMasks, findPersonalData } from '../../core/privacy/index.ts';
import { sanitizeBody } from '../../core/publishing/body.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { units } from '../org/schema.ts';
import { requireUnit, unitScopeCondition } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { consultationComments, consultations, majorDecisions } from './schema.ts';

type ConsultationRow = typeof consultations.$inferSelect;
type CommentRow = typeof consultationComments.$inferSelect;
type DecisionRow = typeof majorDecisions.$inferSelect;

/** The public text of an opinion: plain, with every ID, phone, card and e-mail masked. */
export function publicCommentText(body: string): string {
  return applyMasks(body, findPersonalData(body));
}

/** An opinion as typed: plain text only (markup removed), bounded. */
function cleanComment(body: string): string {
  return body
    .replace(/<[^>]*>/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .trim()
    .slice(0, 5000);
}

// ---- consultations: staff ----------------------------------------------------------------------------

export interface ConsultationInput {
  unitId: string;
  kind: ConsultationKind;
  decisionId?: string | null;
  title: string;
  draftHtml?: string;
  explanationHtml?: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  urgent?: boolean;
  urgentReason?: string | null;
  otherChannels?: string | null;
}

export interface ConsultationView {
  id: string;
  unitId: string;
  unitName: string;
  kind: ConsultationKind;
  kindLabel: string;
  decisionId: string | null;
  title: string;
  draftHtml: string;
  explanationHtml: string;
  startsOn: string;
  endsOn: string;
  days: number;
  urgent: boolean;
  urgentReason: string | null;
  otherChannels: string | null;
  state: ConsultationState;
  phase: string;
  phaseLabel: string;
  reportHtml: string | null;
  reportedAt: string | null;
  counts: Record<CommentState, number>;
  version: number;
}

const PHASE_LABELS: Record<string, string> = { ...CONSULTATION_STATE_LABELS, upcoming: '即将开始' };

function consultationView(c: ConsultationRow, unitName: string, counts: Record<CommentState, number>, today: LocalDate): ConsultationView {
  const phase = phaseOn(c.state, c.startsOn, c.endsOn, today);
  return {
    id: c.id,
    unitId: c.unitId,
    unitName,
    kind: c.kind,
    kindLabel: CONSULTATION_KIND_LABELS[c.kind],
    decisionId: c.decisionId,
    title: c.title,
    draftHtml: c.draftHtml,
    explanationHtml: c.explanationHtml,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    days: periodDays(c.startsOn, c.endsOn),
    urgent: c.urgent,
    urgentReason: c.urgentReason,
    otherChannels: c.otherChannels,
    state: c.state,
    phase,
    phaseLabel: PHASE_LABELS[phase] ?? phase,
    reportHtml: c.reportHtml,
    reportedAt: c.reportedAt?.toISOString() ?? null,
    counts,
    version: c.version,
  };
}

async function countsOf(exec: Executor, tenantId: string, id: string): Promise<Record<CommentState, number>> {
  const rows = await exec
    .select({ state: consultationComments.state, n: sql<number>`count(*)::int` })
    .from(consultationComments)
    .where(and(eq(consultationComments.tenantId, tenantId), eq(consultationComments.consultationId, id)))
    .groupBy(consultationComments.state);
  const out: Record<CommentState, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const r of rows) out[r.state] = r.n;
  return out;
}

async function visibleConsultation(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(consultations).where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('意见征集');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('意见征集');
  return { row, unit };
}

function checkPeriod(input: Pick<ConsultationInput, 'kind' | 'startsOn' | 'endsOn' | 'urgent' | 'urgentReason'>) {
  const p = periodProblem({ kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn, urgent: input.urgent, urgentReason: input.urgentReason });
  if (p) throw badRequest(p.message, { field: p.field });
}

export async function createConsultation(exec: Executor, caller: Caller, input: ConsultationInput): Promise<ConsultationView> {
  const tenantId = caller.actor.tenantId;
  const title = input.title.trim();
  if (!title) throw badRequest('请填写标题', { field: 'title' });
  checkPeriod(input);
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (input.decisionId) await requireDecision(tx, tenantId, input.decisionId);
    const [row] = await tx
      .insert(consultations)
      .values({
        tenantId,
        unitId: unit.id,
        kind: input.kind,
        decisionId: input.decisionId ?? null,
        title,
        draftHtml: sanitizeBody(input.draftHtml ?? ''),
        explanationHtml: sanitizeBody(input.explanationHtml ?? ''),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        urgent: input.urgent ?? false,
        urgentReason: input.urgentReason?.trim() || null,
        otherChannels: input.otherChannels?.trim() || null,
        createdBy: caller.actor.userId,
      })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'consultation.create', entityType: 'consultation', entityId: row!.id, summary: `起草意见征集《${title}》（${periodDays(input.startsOn, input.endsOn)}日）`, after: { title, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn, urgent: input.urgent ?? false } });
    return consultationView(row!, unit.name, { pending: 0, approved: 0, rejected: 0 }, todayLocal());
  });
}

export async function updateConsultation(exec: Executor, caller: Caller, id: string, patch: Partial<Omit<ConsultationInput, 'unitId'>> & { version: number }): Promise<ConsultationView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visibleConsultation(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== patch.version) throw staleVersion(`意见征集《${row.title}》`);
    if (row.state !== 'draft' && row.state !== 'open') throw new AppError(409, 'WRONG_STATE', '已结束的意见征集不能修改');
    const merged = {
      kind: patch.kind ?? row.kind,
      startsOn: patch.startsOn ?? row.startsOn,
      endsOn: patch.endsOn ?? row.endsOn,
      urgent: patch.urgent ?? row.urgent,
      urgentReason: patch.urgentReason !== undefined ? patch.urgentReason : row.urgentReason,
    };
    // Once open, the period may be lengthened, never shortened nor moved: the public relies on it.
    if (row.state === 'open' && (merged.startsOn !== row.startsOn || merged.endsOn < row.endsOn || merged.kind !== row.kind)) {
      throw new AppError(409, 'PERIOD_FIXED', '征集已开始：期限只能延长，不能提前结束或更改开始日期和类别');
    }
    checkPeriod(merged);
    if (patch.decisionId) await requireDecision(tx, tenantId, patch.decisionId);
    const title = patch.title !== undefined ? patch.title.trim() : row.title;
    if (!title) throw badRequest('请填写标题', { field: 'title' });
    const [u] = await tx
      .update(consultations)
      .set({
        ...merged,
        urgentReason: merged.urgentReason?.trim() || null,
        title,
        ...(patch.decisionId !== undefined ? { decisionId: patch.decisionId } : {}),
        ...(patch.draftHtml !== undefined ? { draftHtml: sanitizeBody(patch.draftHtml) } : {}),
        ...(patch.explanationHtml !== undefined ? { explanationHtml: sanitizeBody(patch.explanationHtml) } : {}),
        ...(patch.otherChannels !== undefined ? { otherChannels: patch.otherChannels?.trim() || null } : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id), eq(consultations.version, patch.version)))
      .returning();
    if (!u) throw staleVersion(`意见征集《${row.title}》`);
    await recordAudit(tx, caller.actor, { action: 'consultation.update', entityType: 'consultation', entityId: id, summary: `修改意见征集《${title}》`, before: { startsOn: row.startsOn, endsOn: row.endsOn }, after: { startsOn: u.startsOn, endsOn: u.endsOn } });
    return consultationView(u, unit.name, await countsOf(tx, tenantId, id), todayLocal());
  });
}

export type ConsultationEvent = 'open' | 'close' | 'report';

/** open (publish for comment), close (after its period, or early only with a reason), report (the adoption report). */
export async function actOnConsultation(
  exec: Executor,
  caller: Caller,
  id: string,
  input: { event: ConsultationEvent; version: number; reportHtml?: string | null; reason?: string | null },
  today = todayLocal(),
): Promise<ConsultationView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visibleConsultation(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`意见征集《${row.title}》`);
    const set: Partial<typeof consultations.$inferInsert> = { version: row.version + 1, updatedAt: new Date() };
    let summary = '';
    if (input.event === 'open') {
      if (row.state !== 'draft') throw new AppError(409, 'WRONG_STATE', '只有草稿可以发布征集');
      if (!row.draftHtml.trim()) throw badRequest('请先填写征求意见稿', { field: 'draftHtml' });
      if (row.endsOn < today) throw badRequest('征集截止日期已过，请修改期限后再发布', { field: 'endsOn' });
      checkPeriod(row);
      Object.assign(set, { state: 'open', publishedAt: new Date() });
      summary = `发布意见征集《${row.title}》（${row.startsOn} 至 ${row.endsOn}）`;
    } else if (input.event === 'close') {
      if (row.state !== 'open') throw new AppError(409, 'WRONG_STATE', '只有征集中的意见征集可以结束');
      if (today <= row.endsOn && !input.reason?.trim()) throw new AppError(409, 'PERIOD_NOT_OVER', `征集期至 ${row.endsOn}，提前结束须说明理由`);
      Object.assign(set, { state: 'closed' });
      summary = `结束意见征集《${row.title}》${input.reason ? `，理由：${input.reason}` : ''}`;
    } else {
      if (row.state !== 'closed' && !(row.state === 'open' && today > row.endsOn)) throw new AppError(409, 'WRONG_STATE', '征集结束后才能公布意见采纳情况');
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(consultationComments)
        .where(and(eq(consultationComments.tenantId, tenantId), eq(consultationComments.consultationId, id), inArray(consultationComments.state, ['pending', 'approved']), sql`(${consultationComments.state} = 'pending' OR ${consultationComments.adopted} IS NULL OR coalesce(${consultationComments.adoptionReason}, '') = '')`))) as [{ n: number }];
      if (n) throw new AppError(409, 'UNANSWERED', `还有 ${n} 条意见未审核或未说明采纳情况，请逐条说明是否采纳及理由后再公布`);
      Object.assign(set, { state: 'reported', reportHtml: sanitizeBody(input.reportHtml ?? ''), reportedAt: new Date() });
      summary = `公布意见征集《${row.title}》的意见采纳情况`;
    }
    const [u] = await tx.update(consultations).set(set).where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id))).returning();
    await recordAudit(tx, caller.actor, { action: `consultation.${input.event}`, entityType: 'consultation', entityId: id, summary, before: { state: row.state }, after: { state: u!.state } });
    return consultationView(u!, unit.name, await countsOf(tx, tenantId, id), today);
  });
}

export async function getConsultation(exec: Executor, caller: Caller, id: string): Promise<ConsultationView> {
  const { row, unit } = await visibleConsultation(exec, caller, id);
  return consultationView(row, unit.name, await countsOf(exec, caller.actor.tenantId, id), todayLocal());
}

export async function listConsultations(exec: Executor, caller: Caller): Promise<ConsultationView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ c: consultations, unitName: units.name })
    .from(consultations)
    .innerJoin(units, and(eq(units.tenantId, consultations.tenantId), eq(units.id, consultations.unitId)))
    .where(and(eq(consultations.tenantId, tenantId), unitScopeCondition(caller, 'records.read')))
    .orderBy(desc(consultations.startsOn), desc(consultations.createdAt))
    .limit(500);
  const today = todayLocal();
  return Promise.all(rows.map(async (x) => consultationView(x.c, x.unitName, await countsOf(exec, tenantId, x.c.id), today)));
}

export interface CommentView {
  id: string;
  body: string;
  publicText: string;
  name: string | null;
  contact: string | null;
  state: CommentState;
  stateLabel: string;
  moderationNote: string | null;
  adopted: boolean | null;
  adoptionReason: string | null;
  submittedAt: string;
  version: number;
}

function commentView(c: CommentRow): CommentView {
  return {
    id: c.id,
    body: c.body,
    publicText: publicCommentText(c.body),
    name: c.name,
    contact: c.contact,
    state: c.state,
    stateLabel: COMMENT_STATE_LABELS[c.state],
    moderationNote: c.moderationNote,
    adopted: c.adopted,
    adoptionReason: c.adoptionReason,
    submittedAt: c.submittedAt.toISOString(),
    version: c.version,
  };
}

export async function listComments(exec: Executor, caller: Caller, consultationId: string): Promise<CommentView[]> {
  await visibleConsultation(exec, caller, consultationId);
  const rows = await exec.select().from(consultationComments).where(and(eq(consultationComments.tenantId, caller.actor.tenantId), eq(consultationComments.consultationId, consultationId))).orderBy(asc(consultationComments.submittedAt));
  return rows.map(commentView);
}

/** Moderation (approve / reject with a note) and the adoption answer, by the consultation's unit. */
export async function reviewComment(
  exec: Executor,
  caller: Caller,
  commentId: string,
  input: { version: number; state?: 'approved' | 'rejected'; moderationNote?: string | null; adopted?: boolean | null; adoptionReason?: string | null },
): Promise<CommentView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const [c] = await tx.select().from(consultationComments).where(and(eq(consultationComments.tenantId, tenantId), eq(consultationComments.id, commentId))).for('update');
    if (!c) throw notFound('意见');
    const { row, unit } = await visibleConsultation(tx, caller, c.consultationId);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (c.version !== input.version) throw staleVersion('该条意见');
    if (row.state === 'reported') throw new AppError(409, 'WRONG_STATE', '采纳情况已经公布，不能再修改');
    if (input.state === 'rejected' && !input.moderationNote?.trim()) throw badRequest('不予公开的意见请说明原因（如含有侮辱性言论、与征集内容无关）', { field: 'moderationNote' });
    const state = input.state ?? c.state;
    if (input.adopted !== undefined && input.adopted !== null) {
      if (state !== 'approved') throw badRequest('只有公开的意见需要说明采纳情况', { field: 'adopted' });
      if (!input.adoptionReason?.trim()) throw badRequest('请说明采纳或不予采纳的理由', { field: 'adoptionReason' });
    }
    const [u] = await tx
      .update(consultationComments)
      .set({
        state,
        ...(input.state ? { moderationNote: input.moderationNote?.trim() || null, moderatedBy: caller.actor.userId, moderatedAt: new Date() } : {}),
        ...(input.adopted !== undefined ? { adopted: input.adopted, adoptionReason: input.adoptionReason?.trim() || null } : {}),
        version: c.version + 1,
      })
      .where(and(eq(consultationComments.tenantId, tenantId), eq(consultationComments.id, commentId)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'consultation.comment_review',
      entityType: 'consultation',
      entityId: row.id,
      summary: `《${row.title}》的意见：${COMMENT_STATE_LABELS[state]}${input.adopted === true ? '，采纳' : input.adopted === false ? '，不予采纳' : ''}`,
      after: { commentId, state, adopted: u!.adopted },
    });
    return commentView(u!);
  });
}

// ---- consultations: public -------------------------------------------------------------------------------

export interface PublicConsultation {
  id: string;
  title: string;
  kindLabel: string;
  unitName: string;
  draftHtml: string;
  explanationHtml: string;
  startsOn: string;
  endsOn: string;
  days: number;
  urgent: boolean;
  urgentReason: string | null;
  otherChannels: string | null;
  phase: string;
  phaseLabel: string;
  /** Published opinions, masked; after the report, each with its adoption. */
  comments: { id: string; text: string; submittedOn: string; adopted: boolean | null; adoptionReason: string | null }[];
  reportHtml: string | null;
  reportedOn: string | null;
  decision: { id: string; title: string } | null;
}

const PUBLIC_STATES: ConsultationState[] = ['open', 'closed', 'reported'];

export async function publicConsultations(exec: Executor, tenantId: string): Promise<{ id: string; title: string; unitName: string; startsOn: string; endsOn: string; phase: string; phaseLabel: string }[]> {
  const rows = await exec
    .select({ c: consultations, unitName: units.name })
    .from(consultations)
    .innerJoin(units, and(eq(units.tenantId, consultations.tenantId), eq(units.id, consultations.unitId)))
    .where(and(eq(consultations.tenantId, tenantId), inArray(consultations.state, PUBLIC_STATES)))
    .orderBy(desc(consultations.startsOn))
    .limit(200);
  const today = todayLocal();
  return rows.map(({ c, unitName }) => {
    const phase = phaseOn(c.state, c.startsOn, c.endsOn, today);
    return { id: c.id, title: c.title, unitName, startsOn: c.startsOn, endsOn: c.endsOn, phase, phaseLabel: PHASE_LABELS[phase] ?? phase };
  });
}

export async function publicConsultation(exec: Executor, tenantId: string, id: string): Promise<PublicConsultation | null> {
  const [x] = await exec
    .select({ c: consultations, unitName: units.name })
    .from(consultations)
    .innerJoin(units, and(eq(units.tenantId, consultations.tenantId), eq(units.id, consultations.unitId)))
    .where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id), inArray(consultations.state, PUBLIC_STATES)));
  if (!x) return null;
  const c = x.c;
  const comments = await exec
    .select()
    .from(consultationComments)
    .where(and(eq(consultationComments.tenantId, tenantId), eq(consultationComments.consultationId, id), eq(consultationComments.state, 'approved')))
    .orderBy(asc(consultationComments.submittedAt));
  const decision = c.decisionId ? (await exec.select({ id: majorDecisions.id, title: majorDecisions.title, published: majorDecisions.published }).from(majorDecisions).where(and(eq(majorDecisions.tenantId, tenantId), eq(majorDecisions.id, c.decisionId))))[0] : undefined;
  const reported = c.state === 'reported';
  const phase = phaseOn(c.state, c.startsOn, c.endsOn, todayLocal());
  return {
    id: c.id,
    title: c.title,
    kindLabel: CONSULTATION_KIND_LABELS[c.kind],
    unitName: x.unitName,
    draftHtml: c.draftHtml,
    explanationHtml: c.explanationHtml,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    days: periodDays(c.startsOn, c.endsOn),
    urgent: c.urgent,
    urgentReason: c.urgentReason,
    otherChannels: c.otherChannels,
    phase,
    phaseLabel: PHASE_LABELS[phase] ?? phase,
    comments: comments.map((m) => ({ id: m.id, text: publicCommentText(m.body), submittedOn: todayLocal(m.submittedAt), adopted: reported ? m.adopted : null, adoptionReason: reported ? m.adoptionReason : null })),
    reportHtml: reported ? c.reportHtml : null,
    reportedOn: reported && c.reportedAt ? todayLocal(c.reportedAt) : null,
    decision: decision?.published ? { id: decision.id, title: decision.title } : null,
  };
}

/** An opinion from the public: accepted while the consultation is open, held for moderation. */
export async function submitComment(exec: Executor, tenantId: string, consultationId: string, input: { body: string; name?: string | null; contact?: string | null }, today = todayLocal()): Promise<{ id: string }> {
  const body = cleanComment(input.body);
  if (body.length < 5) throw badRequest('意见内容太短，请写明您的具体意见和建议', { field: 'body' });
  return exec.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, consultationId)));
    if (!c || !PUBLIC_STATES.includes(c.state)) throw notFound('意见征集');
    const phase = phaseOn(c.state, c.startsOn, c.endsOn, today);
    if (phase !== 'open') throw new AppError(409, 'NOT_OPEN', phase === 'upcoming' ? `征集自 ${c.startsOn} 开始` : `征集已于 ${c.endsOn} 结束，不再接收意见`);
    const [row] = await tx
      .insert(consultationComments)
      .values({ tenantId, consultationId, body, name: input.name?.trim().slice(0, 50) || null, contact: input.contact?.trim().slice(0, 100) || null })
      .returning({ id: consultationComments.id });
    await recordAudit(tx, { tenantId, userId: null, label: '公众（网上意见）' }, { action: 'consultation.comment', entityType: 'consultation', entityId: consultationId, summary: `《${c.title}》收到一条意见`, after: { commentId: row!.id } });
    return row!;
  });
}

// ---- major decisions ----------------------------------------------------------------------------------

async function requireDecision(exec: Executor, tenantId: string, id: string) {
  const [d] = await exec.select().from(majorDecisions).where(and(eq(majorDecisions.tenantId, tenantId), eq(majorDecisions.id, id)));
  if (!d) throw badRequest('重大行政决策事项不存在', { field: 'decisionId' });
  return d;
}

export interface DecisionView {
  id: string;
  year: number;
  title: string;
  unitId: string;
  unitName: string;
  summary: string | null;
  published: boolean;
  stages: { key: DecisionStageKey; label: string; basis: string; status: string; statusLabel: string; on: string | null; note: string | null; records: { id: string; title: string }[] }[];
  consultations: { id: string; title: string; state: string }[];
  version: number;
}

async function decisionView(exec: Executor, d: DecisionRow, unitName: string): Promise<DecisionView> {
  const ids = Object.values(d.stages).flatMap((s) => s.recordIds);
  const recs = ids.length ? await exec.select({ id: records.id, title: records.title }).from(records).where(and(eq(records.tenantId, d.tenantId), inArray(records.id, ids))) : [];
  const title = new Map(recs.map((r) => [r.id, r.title]));
  const cons = await exec.select({ id: consultations.id, title: consultations.title, state: consultations.state }).from(consultations).where(and(eq(consultations.tenantId, d.tenantId), eq(consultations.decisionId, d.id)));
  return {
    id: d.id,
    year: d.year,
    title: d.title,
    unitId: d.unitId,
    unitName,
    summary: d.summary,
    published: d.published,
    stages: DECISION_STAGES.map((s) => {
      const st = d.stages[s.key];
      return { key: s.key, label: s.label, basis: `《重大行政决策程序暂行条例》${s.basis}`, status: st.status, statusLabel: STAGE_STATUS_LABELS[st.status], on: st.on, note: st.note, records: st.recordIds.filter((i) => title.has(i)).map((i) => ({ id: i, title: title.get(i)! })) };
    }),
    consultations: cons,
    version: d.version,
  };
}

async function visibleDecision(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(majorDecisions).where(and(eq(majorDecisions.tenantId, tenantId), eq(majorDecisions.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('重大行政决策事项');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('重大行政决策事项');
  return { row, unit };
}

export async function createDecision(exec: Executor, caller: Caller, input: { year: number; title: string; unitId: string; summary?: string | null }): Promise<DecisionView> {
  const tenantId = caller.actor.tenantId;
  if (!input.title.trim()) throw badRequest('请填写决策事项名称', { field: 'title' });
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const [d] = await tx.insert(majorDecisions).values({ tenantId, year: input.year, title: input.title.trim(), unitId: unit.id, summary: input.summary?.trim() || null, stages: emptyStages(), createdBy: caller.actor.userId }).returning();
    await recordAudit(tx, caller.actor, { action: 'decision.create', entityType: 'major_decision', entityId: d!.id, summary: `列入${input.year}年重大行政决策事项目录：《${d!.title}》`, after: { year: input.year, title: d!.title } });
    return decisionView(tx, d!, unit.name);
  });
}

export async function updateDecision(
  exec: Executor,
  caller: Caller,
  id: string,
  input: { version: number; title?: string; summary?: string | null; published?: boolean; stage?: { key: DecisionStageKey; status: StageState['status']; on?: string | null; note?: string | null; recordIds?: string[] } },
): Promise<DecisionView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visibleDecision(tx, caller, id, true);
    // Each part of the change needs its own permission on the decision's unit: publishing it does not let
    // anyone change its stages, nor does editing it let anyone put it on the portal.
    if (input.published !== undefined) assertCan(caller, 'records.publish', unit, unit.name);
    if (input.title !== undefined || input.summary !== undefined || input.stage) assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`决策事项《${row.title}》`);
    const stages = structuredClone(row.stages);
    if (input.stage) {
      const next: StageState = { status: input.stage.status, on: input.stage.on ?? null, note: input.stage.note?.trim() || null, recordIds: [...new Set(input.stage.recordIds ?? stages[input.stage.key].recordIds)] };
      const problem = stageProblem(stages, input.stage.key, next);
      if (problem) throw badRequest(problem, { field: `stages.${input.stage.key}` });
      if (next.recordIds.length) {
        // Only records the user may read can be attached: the decision's page shows their titles to anyone
        // who sees the decision.
        const found = await tx
          .select({ id: records.id })
          .from(records)
          .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
          .where(and(eq(records.tenantId, tenantId), inArray(records.id, next.recordIds), unitScopeCondition(caller, 'records.read')));
        if (found.length !== next.recordIds.length) throw badRequest('所附的文件不存在，或您无权查看', { field: 'recordIds' });
      }
      stages[input.stage.key] = next;
    }
    const title = input.title !== undefined ? input.title.trim() : row.title;
    if (!title) throw badRequest('请填写决策事项名称', { field: 'title' });
    const [u] = await tx
      .update(majorDecisions)
      .set({ title, stages, ...(input.summary !== undefined ? { summary: input.summary?.trim() || null } : {}), ...(input.published !== undefined ? { published: input.published } : {}), version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(majorDecisions.tenantId, tenantId), eq(majorDecisions.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'decision.update',
      entityType: 'major_decision',
      entityId: id,
      summary: `重大行政决策《${title}》${input.stage ? `：${DECISION_STAGES.find((s) => s.key === input.stage!.key)!.label}${STAGE_STATUS_LABELS[input.stage.status]}` : ''}${input.published === true && !row.published ? '：公开' : input.published === false && row.published ? '：取消公开' : ''}`,
      before: { stages: row.stages, published: row.published },
      after: { stages: u!.stages, published: u!.published },
    });
    return decisionView(tx, u!, unit.name);
  });
}

export async function getDecision(exec: Executor, caller: Caller, id: string): Promise<DecisionView> {
  const { row, unit } = await visibleDecision(exec, caller, id);
  return decisionView(exec, row, unit.name);
}

export async function listDecisions(exec: Executor, caller: Caller, year?: number): Promise<DecisionView[]> {
  const rows = await exec
    .select({ d: majorDecisions, unitName: units.name })
    .from(majorDecisions)
    .innerJoin(units, and(eq(units.tenantId, majorDecisions.tenantId), eq(units.id, majorDecisions.unitId)))
    .where(and(eq(majorDecisions.tenantId, caller.actor.tenantId), unitScopeCondition(caller, 'records.read'), year ? eq(majorDecisions.year, year) : undefined))
    .orderBy(desc(majorDecisions.year), asc(majorDecisions.createdAt));
  return Promise.all(rows.map((x) => decisionView(exec, x.d, x.unitName)));
}

/** The public catalogue of a year, or one decision's page: published decisions only, public records only. */
export async function publicDecisions(exec: Executor, tenantId: string, opts: { year?: number; id?: string }): Promise<DecisionView[]> {
  const rows = await exec
    .select({ d: majorDecisions, unitName: units.name })
    .from(majorDecisions)
    .innerJoin(units, and(eq(units.tenantId, majorDecisions.tenantId), eq(units.id, majorDecisions.unitId)))
    .where(and(eq(majorDecisions.tenantId, tenantId), eq(majorDecisions.published, true), opts.year ? eq(majorDecisions.year, opts.year) : undefined, opts.id ? eq(majorDecisions.id, opts.id) : undefined))
    .orderBy(desc(majorDecisions.year), asc(majorDecisions.createdAt));
  const out: DecisionView[] = [];
  for (const x of rows) {
    const v = await decisionView(exec, x.d, x.unitName);
    // Only documents the public may read are linked.
    const ids = v.stages.flatMap((s) => s.records.map((r) => r.id));
    const open = ids.length ? new Set((await exec.select({ id: records.id }).from(records).where(and(eq(records.tenantId, tenantId), inArray(records.id, ids), inArray(records.state, ['published', 'superseded']), eq(records.attribute, 'proactive')))).map((r) => r.id)) : new Set<string>();
    v.stages = v.stages.map((s) => ({ ...s, records: s.records.filter((r) => open.has(r.id)) }));
    v.consultations = v.consultations.filter((c) => PUBLIC_STATES.includes(c.state as ConsultationState));
    out.push(v);
  }
  return out;
}
