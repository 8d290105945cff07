// Policy interpretations: drafted by the policy's own unit (谁起草、谁解读), attached before the policy is
// approved when it needs one (同步审签, enforced in the publishing workflow through hasInterpretation), due
// a few working days after the policy is published (tenant setting, default 3), published only once the
// policy is public, and shown with it on the portal.
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { formatDateZh, todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import { checklist, DEFAULT_INTERPRETATION_DAYS, FORM_LABELS, interpretationDue, missingElements, type InterpretationForm } from '../../core/interpretation/rules.ts';
import { bodyText, sanitizeBody } from '../../core/publishing/body.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { tenants, units } from '../org/schema.ts';
import { requireUnit, unitScopeCondition } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { interpretations, type InterpretationState } from './schema.ts';

type Row = typeof interpretations.$inferSelect;

export const STATE_LABELS: Record<InterpretationState, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };

export interface InterpretationView {
  id: string;
  recordId: string;
  recordTitle: string;
  recordState: string;
  unitId: string;
  unitName: string;
  form: InterpretationForm;
  formLabel: string;
  title: string;
  bodyHtml: string;
  mediaUrl: string | null;
  speaker: string | null;
  state: InterpretationState;
  stateLabel: string;
  checklist: { key: string; label: string; present: boolean }[];
  missing: string[];
  dueOn: string | null;
  dueExplanation: string | null;
  publishedAt: string | null;
  workingDaysLate: number | null;
  withdrawnNote: string | null;
  version: number;
}

function view(r: Row, recordTitle: string, recordState: string, unitName: string): InterpretationView {
  return {
    id: r.id,
    recordId: r.recordId,
    recordTitle,
    recordState,
    unitId: r.unitId,
    unitName,
    form: r.form,
    formLabel: FORM_LABELS[r.form],
    title: r.title,
    bodyHtml: r.bodyHtml,
    mediaUrl: r.mediaUrl,
    speaker: r.speaker,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    checklist: r.checklist,
    missing: r.checklist.filter((c) => !c.present).map((c) => c.label),
    dueOn: r.dueOn,
    dueExplanation: r.dueExplanation,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    workingDaysLate: r.workingDaysLate,
    withdrawnNote: r.withdrawnNote,
    version: r.version,
  };
}

async function interpretationDays(exec: Executor, tenantId: string): Promise<number> {
  const [t] = await exec.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return t?.settings.interpretationDays ?? DEFAULT_INTERPRETATION_DAYS;
}

/** True when the policy has an interpretation that is not withdrawn (the workflow's 同步审签 check). */
export async function hasInterpretation(exec: Executor, tenantId: string, recordId: string): Promise<boolean> {
  const [x] = await exec
    .select({ id: interpretations.id })
    .from(interpretations)
    .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.recordId, recordId), ne(interpretations.state, 'withdrawn')))
    .limit(1);
  return !!x;
}

/** The due date of an interpretation of a policy published on `publishedOn`, with its derivation. */
async function dueFor(exec: Executor, tenantId: string, publishedOn: LocalDate) {
  const [cal, days] = await Promise.all([tenantCalendar(exec, tenantId), interpretationDays(exec, tenantId)]);
  const d = interpretationDue(cal, publishedOn, days);
  return { dueOn: d.due, dueExplanation: `政策文件于${formatDateZh(publishedOn)}发布，解读材料应于其后${days}个工作日内发布。${d.explanation}` };
}

/** Called in the policy's publishing transaction: its interpretations now have a due date. */
export async function onPolicyPublished(exec: Executor, tenantId: string, recordId: string, publishedAt: Date): Promise<void> {
  const rows = await exec.select({ id: interpretations.id }).from(interpretations).where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.recordId, recordId), eq(interpretations.state, 'draft')));
  if (!rows.length) return;
  const due = await dueFor(exec, tenantId, todayLocal(publishedAt));
  await exec.update(interpretations).set(due).where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.recordId, recordId), eq(interpretations.state, 'draft')));
}

async function policyOf(exec: Executor, caller: Caller, recordId: string) {
  const tenantId = caller.actor.tenantId;
  const [rec] = await exec.select().from(records).where(and(eq(records.tenantId, tenantId), eq(records.id, recordId)));
  if (!rec) throw notFound('政策文件');
  const unit = await requireUnit(exec, tenantId, rec.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('政策文件');
  return { rec, unit };
}

async function visible(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(interpretations).where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('政策解读');
  const { rec, unit } = await policyOf(exec, caller, row.recordId);
  return { row, rec, unit };
}

export interface InterpretationInput {
  recordId: string;
  form: InterpretationForm;
  title: string;
  bodyHtml?: string;
  mediaUrl?: string | null;
  speaker?: string | null;
}

function checkMedia(form: InterpretationForm, mediaUrl: string | null | undefined) {
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) throw badRequest('音视频链接应为 http:// 或 https:// 开头的网址', { field: 'mediaUrl' });
  if ((form === 'audio' || form === 'video') && !mediaUrl) throw badRequest(`${FORM_LABELS[form]}须填写音视频的链接`, { field: 'mediaUrl' });
}

export async function createInterpretation(exec: Executor, caller: Caller, input: InterpretationInput): Promise<InterpretationView> {
  const tenantId = caller.actor.tenantId;
  checkMedia(input.form, input.mediaUrl);
  const title = input.title.trim();
  if (!title) throw badRequest('请填写解读的标题', { field: 'title' });
  return exec.transaction(async (tx) => {
    const { rec, unit } = await policyOf(tx, caller, input.recordId);
    // 谁起草、谁解读: the policy's own unit writes it.
    assertCan(caller, 'records.edit', unit, unit.name);
    if (rec.state === 'withdrawn' || rec.state === 'superseded') throw new AppError(409, 'WRONG_STATE', '已撤回或已被替代的政策文件不再解读');
    const body = sanitizeBody(input.bodyHtml ?? '');
    const text = bodyText(body);
    const due = rec.state === 'published' && rec.publishedAt ? await dueFor(tx, tenantId, todayLocal(rec.publishedAt)) : {};
    const [row] = await tx
      .insert(interpretations)
      .values({ tenantId, recordId: rec.id, unitId: unit.id, form: input.form, title, bodyHtml: body, bodyText: text, mediaUrl: input.mediaUrl ?? null, speaker: input.speaker?.trim() || null, checklist: checklist(`${title}\n${text}`), createdBy: caller.actor.userId, ...due })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'interpretation.create', entityType: 'interpretation', entityId: row!.id, summary: `起草《${rec.title}》的${FORM_LABELS[input.form]}《${title}》`, after: { recordId: rec.id, form: input.form, title } });
    return view(row!, rec.title, rec.state, unit.name);
  });
}

export async function updateInterpretation(exec: Executor, caller: Caller, id: string, patch: Partial<Omit<InterpretationInput, 'recordId'>> & { version: number }): Promise<InterpretationView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, rec, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== patch.version) throw staleVersion(`解读《${row.title}》`);
    if (row.state !== 'draft') throw new AppError(409, 'WRONG_STATE', `“${STATE_LABELS[row.state]}”的解读不能修改`);
    const form = patch.form ?? row.form;
    const mediaUrl = patch.mediaUrl !== undefined ? patch.mediaUrl : row.mediaUrl;
    checkMedia(form, mediaUrl);
    const title = patch.title !== undefined ? patch.title.trim() : row.title;
    if (!title) throw badRequest('请填写解读的标题', { field: 'title' });
    const body = patch.bodyHtml !== undefined ? sanitizeBody(patch.bodyHtml) : row.bodyHtml;
    const text = bodyText(body);
    const [u] = await tx
      .update(interpretations)
      .set({ form, title, bodyHtml: body, bodyText: text, mediaUrl: mediaUrl ?? null, speaker: patch.speaker !== undefined ? patch.speaker?.trim() || null : row.speaker, checklist: checklist(`${title}\n${text}`), version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.id, id), eq(interpretations.version, patch.version)))
      .returning();
    if (!u) throw staleVersion(`解读《${row.title}》`);
    await recordAudit(tx, caller.actor, { action: 'interpretation.update', entityType: 'interpretation', entityId: id, summary: `修改解读《${title}》`, after: { title, form } });
    return view(u, rec.title, rec.state, unit.name);
  });
}

/** Publishes a draft once its policy is public; late ones carry their working days late. */
export async function publishInterpretation(exec: Executor, caller: Caller, id: string, version: number): Promise<InterpretationView> {
  const tenantId = caller.actor.tenantId;
  const cal = await tenantCalendar(exec, tenantId);
  return exec.transaction(async (tx) => {
    const { row, rec, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== version) throw staleVersion(`解读《${row.title}》`);
    if (row.state !== 'draft') throw new AppError(409, 'WRONG_STATE', `“${STATE_LABELS[row.state]}”的解读不能发布`);
    if (rec.state !== 'published') throw new AppError(409, 'POLICY_NOT_PUBLISHED', `政策文件《${rec.title}》尚未发布；解读应在政策文件发布时或发布后发布`);
    if (!row.bodyText.trim() && !row.mediaUrl) throw badRequest('解读内容为空，不能发布', { field: 'bodyHtml' });
    const now = new Date();
    const today = todayLocal(now);
    const late = row.dueOn && today > row.dueOn ? cal.workingDaysLate(row.dueOn, today) : 0;
    const [u] = await tx
      .update(interpretations)
      .set({ state: 'published', publishedAt: now, workingDaysLate: late, version: row.version + 1, updatedAt: now })
      .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.id, id)))
      .returning();
    const missing = missingElements(`${row.title}\n${row.bodyText}`);
    await recordAudit(tx, caller.actor, {
      action: 'interpretation.publish',
      entityType: 'interpretation',
      entityId: id,
      summary: `发布《${rec.title}》的解读《${row.title}》${late ? `（逾期${late}个工作日）` : ''}${missing.length ? `；未涉及：${missing.join('、')}` : ''}`,
      after: { state: 'published', workingDaysLate: late },
    });
    return view(u!, rec.title, rec.state, unit.name);
  });
}

export async function withdrawInterpretation(exec: Executor, caller: Caller, id: string, input: { version: number; note: string }): Promise<InterpretationView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, rec, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.withdraw', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`解读《${row.title}》`);
    if (row.state === 'withdrawn') throw new AppError(409, 'WRONG_STATE', '解读已经撤回');
    if (!input.note.trim()) throw badRequest('请填写撤回说明', { field: 'note' });
    const [u] = await tx
      .update(interpretations)
      .set({ state: 'withdrawn', withdrawnNote: input.note.trim(), version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'interpretation.withdraw', entityType: 'interpretation', entityId: id, summary: `撤回解读《${row.title}》：${input.note.trim()}`, after: { state: 'withdrawn' } });
    return view(u!, rec.title, rec.state, unit.name);
  });
}

export async function getInterpretation(exec: Executor, caller: Caller, id: string): Promise<InterpretationView> {
  const { row, rec, unit } = await visible(exec, caller, id);
  return view(row, rec.title, rec.state, unit.name);
}

/** Interpretations of one policy (the record page's panel in the console). */
export async function interpretationsOfRecord(exec: Executor, caller: Caller, recordId: string): Promise<InterpretationView[]> {
  const { rec, unit } = await policyOf(exec, caller, recordId);
  const rows = await exec.select().from(interpretations).where(and(eq(interpretations.tenantId, caller.actor.tenantId), eq(interpretations.recordId, recordId))).orderBy(asc(interpretations.createdAt));
  return rows.map((r) => view(r, rec.title, rec.state, unit.name));
}

/**
 * Every interpretation of the policies whose unit the caller may read (the console's county-wide list),
 * newest first: a draft past its due date (overdue), or all of one state.
 */
export async function listInterpretations(exec: Executor, caller: Caller, opts: { state?: InterpretationState; overdue?: boolean } = {}, today = todayLocal()): Promise<InterpretationView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ i: interpretations, recordTitle: records.title, recordState: records.state, unitName: units.name })
    .from(interpretations)
    .innerJoin(records, and(eq(records.tenantId, interpretations.tenantId), eq(records.id, interpretations.recordId)))
    // Visible as the policy is (visible() above): by the policy's unit.
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(
      and(
        eq(interpretations.tenantId, tenantId),
        unitScopeCondition(caller, 'records.read'),
        opts.overdue ? and(eq(interpretations.state, 'draft'), lt(interpretations.dueOn, today)) : opts.state ? eq(interpretations.state, opts.state) : undefined,
      ),
    )
    .orderBy(desc(interpretations.createdAt))
    .limit(500);
  return rows.map((x) => view(x.i, x.recordTitle, x.recordState, x.unitName));
}

// ---- public ---------------------------------------------------------------------------------------------

export interface PublicInterpretation {
  id: string;
  title: string;
  form: InterpretationForm;
  formLabel: string;
  bodyHtml: string;
  mediaUrl: string | null;
  speaker: string | null;
  unitName: string;
  publishedOn: string;
  policy: { id: string; title: string; docNo: string | null };
}

const PUBLIC_POLICY_STATES = ['published', 'superseded'] as ('published' | 'superseded')[];

function publicView(r: Row, unitName: string, rec: { id: string; title: string; docNo: string | null }): PublicInterpretation {
  return { id: r.id, title: r.title, form: r.form, formLabel: FORM_LABELS[r.form], bodyHtml: r.bodyHtml, mediaUrl: r.mediaUrl, speaker: r.speaker, unitName, publishedOn: todayLocal(r.publishedAt!), policy: rec };
}

async function publicRows(exec: Executor, tenantId: string, where: ReturnType<typeof and>, limit: number, offset = 0) {
  return exec
    .select({ i: interpretations, unitName: units.name, recId: records.id, recTitle: records.title, recDocNo: records.docNo })
    .from(interpretations)
    .innerJoin(records, and(eq(records.tenantId, interpretations.tenantId), eq(records.id, interpretations.recordId)))
    .innerJoin(units, and(eq(units.tenantId, interpretations.tenantId), eq(units.id, interpretations.unitId)))
    .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.state, 'published'), inArray(records.state, PUBLIC_POLICY_STATES), eq(records.attribute, 'proactive'), where))
    .orderBy(desc(interpretations.publishedAt))
    .limit(limit)
    .offset(offset);
}

export async function publicInterpretation(exec: Executor, tenantId: string, id: string): Promise<PublicInterpretation | null> {
  const [x] = await publicRows(exec, tenantId, eq(interpretations.id, id), 1);
  return x ? publicView(x.i, x.unitName, { id: x.recId, title: x.recTitle, docNo: x.recDocNo }) : null;
}

/** Published interpretations of a public policy: the record page's 相关解读. */
export async function publicInterpretationsOf(exec: Executor, tenantId: string, recordId: string): Promise<PublicInterpretation[]> {
  const rows = await publicRows(exec, tenantId, eq(interpretations.recordId, recordId), 50);
  return rows.map((x) => publicView(x.i, x.unitName, { id: x.recId, title: x.recTitle, docNo: x.recDocNo }));
}

export async function latestInterpretations(exec: Executor, tenantId: string, limit: number, page = 1): Promise<{ total: number; items: PublicInterpretation[] }> {
  const rows = await publicRows(exec, tenantId, undefined, limit, (page - 1) * limit);
  const [{ n }] = (await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(interpretations)
    .innerJoin(records, and(eq(records.tenantId, interpretations.tenantId), eq(records.id, interpretations.recordId)))
    .where(and(eq(interpretations.tenantId, tenantId), eq(interpretations.state, 'published'), inArray(records.state, PUBLIC_POLICY_STATES), eq(records.attribute, 'proactive')))) as [{ n: number }];
  return { total: n, items: rows.map((x) => publicView(x.i, x.unitName, { id: x.recId, title: x.recTitle, docNo: x.recDocNo })) };
}

// ---- the clock ------------------------------------------------------------------------------------------

/** Warnings for interpretations not published by their due date (and policies still without one). */
export async function sendInterpretationWarnings(exec: Executor, today = todayLocal()): Promise<number> {
  const late = await exec
    .select({ tenantId: interpretations.tenantId, id: interpretations.id, unitId: interpretations.unitId, title: interpretations.title, dueOn: interpretations.dueOn, recordId: interpretations.recordId })
    .from(interpretations)
    .where(and(eq(interpretations.state, 'draft'), lt(interpretations.dueOn, today)));
  let sent = 0;
  for (const x of late) {
    if (await notify(exec, { tenantId: x.tenantId, unitId: x.unitId, kind: 'interpretation.overdue', dedupeKey: `interpretation:${x.id}:overdue:${x.dueOn}`, title: `解读《${x.title}》已逾期未发布`, body: `应于 ${x.dueOn} 前发布（政策文件发布后的解读期限）。`, link: `/admin/records/${x.recordId}`, entityId: x.id })) sent++;
  }
  // Published policies that need an interpretation and have none at all (e.g. imported ones).
  const bare = await exec
    .select({ tenantId: records.tenantId, id: records.id, unitId: records.unitId, title: records.title })
    .from(records)
    .leftJoin(interpretations, and(eq(interpretations.tenantId, records.tenantId), eq(interpretations.recordId, records.id), ne(interpretations.state, 'withdrawn')))
    .where(and(eq(records.needsInterpretation, true), eq(records.state, 'published'), isNull(interpretations.id)));
  for (const r of bare) {
    if (await notify(exec, { tenantId: r.tenantId, unitId: r.unitId, kind: 'interpretation.missing', dedupeKey: `record:${r.id}:interpretation-missing`, title: `《${r.title}》需要政策解读`, body: '该政策文件已发布，尚无政策解读；谁起草、谁解读，请尽快起草并发布。', link: `/admin/records/${r.id}`, entityId: r.id })) sent++;
  }
  return sent;
}
