// Government records (政府信息): drafting with the disclosure attribute decided at the source, the review
// workflow, publication on the Art. 26 clock, withdrawal with a public note, supersession, and the record's
// own history. Every change is checked against the caller's unit scope and written to the audit log.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import { parseDocNo } from '../../core/publishing/doc-no.ts';
import { ATTRIBUTE_LABELS, attributeProblem, groundText, type DisclosureAttribute } from '../../core/publishing/disclosure.ts';
import { publicationDeadline, workingDaysLate } from '../../core/publishing/deadline.ts';
import { GENRE_LABELS, hasValidity, type Genre } from '../../core/publishing/genres.ts';
import { DEFAULT_INDEX_PATTERN, formatIndexNo, indexScope } from '../../core/publishing/index-no.ts';
import { bodyText, sanitizeBody } from '../../core/publishing/body.ts';
import { VALIDITY_LABELS, validityChangeProblem, type Validity } from '../../core/publishing/validity.ts';
import { editable, EVENT_LABELS, eventPermission, STATE_LABELS, transition, type RecordEvent, type RecordState } from '../../core/publishing/workflow.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { tenants } from '../org/schema.ts';
import { requireUnit, unitScopeCondition, type UnitRow } from '../org/units.ts';
import { units } from '../org/schema.ts';
import { catalogueNodes, indexCounters, recordAttachments, recordEvents, records, type PersonalField } from './schema.ts';
import { guardForRecord, type GuardResult } from './guard.ts';
import { fulfilObligation } from './obligation-link.ts';
import { PORTAL_CHANNEL } from './changes.ts';
import { indexRecords } from '../search/indexer.ts';
import { hasInterpretation, onPolicyPublished } from '../interpretation/service.ts';

export type RecordRow = typeof records.$inferSelect;

export interface RecordView {
  id: string;
  unitId: string;
  unitName: string;
  issuer: string;
  title: string;
  bodyHtml: string;
  summary: string | null;
  docNo: string | null;
  indexNo: string;
  genre: Genre;
  genreLabel: string;
  topics: string[];
  keywords: string[];
  catalogueNodeId: string | null;
  standardItemId: string | null;
  writtenOn: string | null;
  formedOn: string;
  dueOn: string | null;
  dueExplanation: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  workingDaysLate: number | null;
  attribute: DisclosureAttribute | null;
  attributeLabel: string;
  attributeGround: string | null;
  attributeGroundText: string | null;
  attributeReason: string | null;
  attributeReviewOn: string | null;
  state: RecordState;
  stateLabel: string;
  lastComment: string | null;
  withdrawnAt: string | null;
  withdrawnNote: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  validity: Validity | null;
  validityLabel: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  validityChangedOn: string | null;
  amendedById: string | null;
  needsInterpretation: boolean;
  personalFields: PersonalField[];
  guardOverride: RecordRow['guardOverride'];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function recordView(r: RecordRow, unitName: string): RecordView {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName,
    issuer: r.issuer,
    title: r.title,
    bodyHtml: r.bodyHtml,
    summary: r.summary,
    docNo: r.docNo,
    indexNo: r.indexNo,
    genre: r.genre,
    genreLabel: GENRE_LABELS[r.genre] ?? r.genre,
    topics: r.topics,
    keywords: r.keywords,
    catalogueNodeId: r.catalogueNodeId,
    standardItemId: r.standardItemId,
    writtenOn: r.writtenOn,
    formedOn: r.formedOn,
    dueOn: r.dueOn,
    dueExplanation: r.dueExplanation,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    workingDaysLate: r.workingDaysLate,
    attribute: r.attribute,
    attributeLabel: r.attribute ? ATTRIBUTE_LABELS[r.attribute] : '未认定',
    attributeGround: r.attributeGround,
    attributeGroundText: r.attributeGround ? groundText(r.attributeGround) : null,
    attributeReason: r.attributeReason,
    attributeReviewOn: r.attributeReviewOn,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    lastComment: r.lastComment,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawnNote: r.withdrawnNote,
    supersedesId: r.supersedesId,
    supersededById: r.supersededById,
    validity: r.validity,
    validityLabel: r.validity ? VALIDITY_LABELS[r.validity] : null,
    effectiveOn: r.effectiveOn,
    expiresOn: r.expiresOn,
    validityChangedOn: r.validityChangedOn,
    amendedById: r.amendedById,
    needsInterpretation: r.needsInterpretation,
    personalFields: r.personalFields,
    guardOverride: r.guardOverride,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface RecordInput {
  unitId: string;
  issuer?: string;
  title: string;
  bodyHtml?: string;
  summary?: string | null;
  docNo?: string | null;
  genre: Genre;
  topics?: string[];
  keywords?: string[];
  catalogueNodeId?: string | null;
  standardItemId?: string | null;
  writtenOn?: string | null;
  formedOn?: string | null;
  attribute: DisclosureAttribute;
  attributeGround?: string | null;
  attributeReason?: string | null;
  effectiveOn?: string | null;
  expiresOn?: string | null;
  supersedesId?: string | null;
  needsInterpretation?: boolean;
  personalFields?: PersonalField[];
}

export type RecordPatch = Partial<Omit<RecordInput, 'unitId'>> & { version: number };

async function unitName(exec: Executor, tenantId: string, unitId: string): Promise<string> {
  const [u] = await exec.select({ name: units.name }).from(units).where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)));
  return u?.name ?? '';
}

async function requireRecordRow(exec: Executor, tenantId: string, id: string, lock = false): Promise<RecordRow> {
  const q = exec.select().from(records).where(and(eq(records.tenantId, tenantId), eq(records.id, id)));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw notFound('政府信息');
  return r;
}

/** A record the caller may see: unknown and out-of-scope records answer alike (no probing). */
async function visibleRecord(exec: Executor, caller: Caller, id: string, lock = false): Promise<{ row: RecordRow; unit: UnitRow }> {
  const row = await requireRecordRow(exec, caller.actor.tenantId, id, lock);
  const unit = await requireUnit(exec, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('政府信息');
  return { row, unit };
}

export async function getRecord(exec: Executor, caller: Caller, id: string): Promise<RecordView> {
  const { row, unit } = await visibleRecord(exec, caller, id);
  return recordView(row, unit.name);
}

function checkDates(v: { writtenOn?: string | null; formedOn?: string | null; effectiveOn?: string | null; expiresOn?: string | null }, publishedOn?: string) {
  if (v.writtenOn && publishedOn && v.writtenOn > publishedOn) throw badRequest(`成文日期 ${v.writtenOn} 晚于发布日期 ${publishedOn}`, { field: 'writtenOn' });
  if (v.formedOn && v.writtenOn && v.formedOn < v.writtenOn) throw badRequest(`形成日期 ${v.formedOn} 早于成文日期 ${v.writtenOn}`, { field: 'formedOn' });
  if (v.effectiveOn && v.expiresOn && v.expiresOn < v.effectiveOn) throw badRequest(`有效期至 ${v.expiresOn} 早于施行日期 ${v.effectiveOn}`, { field: 'expiresOn' });
}

interface DocNoParts {
  docNo: string | null;
  docNoIssuer: string | null;
  docNoYear: number | null;
  docNoSeq: number | null;
}

function docNoParts(input: string | null | undefined): DocNoParts {
  if (!input?.trim()) return { docNo: null, docNoIssuer: null, docNoYear: null, docNoSeq: null };
  const r = parseDocNo(input);
  if (!r.ok) throw badRequest(r.message, { field: 'docNo' });
  return { docNo: r.docNo.normalized, docNoIssuer: r.docNo.issuerCode, docNoYear: r.docNo.year, docNoSeq: r.docNo.sequence };
}

async function assertDocNoFree(exec: Executor, tenantId: string, parts: DocNoParts, exceptId?: string) {
  if (!parts.docNo) return;
  const [clash] = await exec
    .select({ id: records.id, title: records.title })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), eq(records.docNoIssuer, parts.docNoIssuer!), eq(records.docNoYear, parts.docNoYear!), eq(records.docNoSeq, parts.docNoSeq!)));
  if (clash && clash.id !== exceptId) throw conflict(`文号 ${parts.docNo} 已被《${clash.title}》使用（同一发文机关同一年度的文号不能重复）`, { field: 'docNo' });
}

/** Issues the next 索引号: the counter row is locked until the transaction ends, so none is issued twice. */
export async function issueIndexNo(exec: Executor, tenantId: string, unit: UnitRow, year: number, catalogueCode: string | null, month = 1): Promise<string> {
  const [tenant] = await exec.select({ code: tenants.code, settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  const pattern = (tenant?.settings as { indexPattern?: string } | undefined)?.indexPattern || DEFAULT_INDEX_PATTERN;
  const parts = { unitCode: unit.code, orgCode: unit.orgCode, tenantCode: tenant?.code ?? '', year, month, catalogueCode };
  const scope = indexScope(pattern, parts);
  const [row] = await exec
    .insert(indexCounters)
    .values({ tenantId, scope, lastSeq: 1 })
    .onConflictDoUpdate({ target: [indexCounters.tenantId, indexCounters.scope], set: { lastSeq: sql`${indexCounters.lastSeq} + 1` } })
    .returning({ seq: indexCounters.lastSeq });
  return formatIndexNo(pattern, parts, row!.seq);
}

async function catalogueCode(exec: Executor, tenantId: string, nodeId: string | null | undefined): Promise<string | null> {
  if (!nodeId) return null;
  const [n] = await exec.select({ code: catalogueNodes.code }).from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.id, nodeId)));
  if (!n) throw badRequest('所选公开目录不存在', { field: 'catalogueNodeId' });
  return n.code;
}

async function addEvent(
  exec: Executor,
  caller: Caller,
  recordId: string,
  event: (typeof recordEvents.$inferInsert)['event'],
  opts: { from?: RecordState | null; to?: RecordState | null; comment?: string | null; data?: Record<string, unknown> } = {},
) {
  await exec.insert(recordEvents).values({
    tenantId: caller.actor.tenantId,
    recordId,
    at: new Date(),
    actorId: caller.actor.userId ?? null,
    actorLabel: caller.actor.label,
    event,
    fromState: opts.from ?? null,
    toState: opts.to ?? null,
    comment: opts.comment ?? null,
    data: opts.data ?? {},
  });
}

/** The Art. 26 due date for a proactive record, with its derivation; none for records not to be published. */
async function dueFields(exec: Executor, tenantId: string, attribute: DisclosureAttribute | null, formedOn: string) {
  if (attribute !== 'proactive') return { dueOn: null, dueExplanation: null };
  const d = publicationDeadline(await tenantCalendar(exec, tenantId), formedOn);
  return { dueOn: d.due, dueExplanation: [d.explanation, ...d.warnings].join(' ') };
}

/** Art. 18: records not proactively disclosed are reviewed once a year. */
export function reviewOn(attribute: DisclosureAttribute | null, from: string): string | null {
  if (attribute !== 'on_request' && attribute !== 'withheld') return null;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, Math.min(d, 28)));
  return next.toISOString().slice(0, 10);
}

function cleanList(list: string[] | undefined): string[] {
  return [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];
}

export async function createRecord(exec: Executor, caller: Caller, input: RecordInput): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  const title = input.title.trim();
  if (!title) throw badRequest('标题不能为空', { field: 'title' });
  const ap = attributeProblem(input.attribute, input.attributeGround);
  if (ap) throw badRequest(ap, { field: 'attributeGround' });
  const today = todayLocal();
  const formedOn = input.formedOn || input.writtenOn || today;
  checkDates({ ...input, formedOn });
  const doc = docNoParts(input.docNo);
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (unit.abolishedAt) throw badRequest(`单位「${unit.name}」已撤销`, { field: 'unitId' });
    await assertDocNoFree(tx, tenantId, doc);
    const code = await catalogueCode(tx, tenantId, input.catalogueNodeId);
    if (input.supersedesId) await requireRecordRow(tx, tenantId, input.supersedesId);
    const year = Number((input.writtenOn || formedOn).slice(0, 4));
    const month = Number((input.writtenOn || formedOn).slice(5, 7));
    const indexNo = await issueIndexNo(tx, tenantId, unit, year, code, month);
    const body = sanitizeBody(input.bodyHtml ?? '');
    const [row] = await tx
      .insert(records)
      .values({
        tenantId,
        unitId: unit.id,
        issuer: input.issuer?.trim() || unit.name,
        title,
        bodyHtml: body,
        bodyText: bodyText(body),
        summary: input.summary ?? null,
        ...doc,
        indexNo,
        genre: input.genre,
        topics: cleanList(input.topics),
        keywords: cleanList(input.keywords),
        catalogueNodeId: input.catalogueNodeId ?? null,
        standardItemId: input.standardItemId ?? null,
        writtenOn: input.writtenOn ?? null,
        formedOn,
        ...(await dueFields(tx, tenantId, input.attribute, formedOn)),
        attribute: input.attribute,
        attributeGround: input.attributeGround ?? null,
        attributeReason: input.attributeReason ?? null,
        attributeReviewOn: reviewOn(input.attribute, formedOn),
        validity: hasValidity(input.genre) ? 'valid' : null,
        effectiveOn: input.effectiveOn ?? null,
        expiresOn: input.expiresOn ?? null,
        supersedesId: input.supersedesId ?? null,
        needsInterpretation: input.needsInterpretation ?? false,
        personalFields: input.personalFields ?? [],
        createdBy: caller.actor.userId ?? null,
      })
      .returning();
    const view = recordView(row!, unit.name);
    await addEvent(tx, caller, row!.id, 'create', { to: 'draft', data: { attribute: view.attribute, attributeGround: view.attributeGround } });
    await recordAudit(tx, caller.actor, { action: 'record.create', entityType: 'record', entityId: row!.id, summary: `起草政府信息《${title}》（${ATTRIBUTE_LABELS[input.attribute]}）`, after: view });
    return view;
  });
}

export async function updateRecord(exec: Executor, caller: Caller, id: string, patch: RecordPatch): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (before.version !== patch.version) throw staleVersion(`《${before.title}》`);
    if (!editable(before.state)) throw badRequest(`“${STATE_LABELS[before.state]}”状态的信息不能修改；请先退回为草稿`);
    const attribute = patch.attribute ?? before.attribute;
    const ground = patch.attributeGround !== undefined ? patch.attributeGround : patch.attribute === 'proactive' ? null : before.attributeGround;
    const ap = attribute ? attributeProblem(attribute, ground) : null;
    if (ap) throw badRequest(ap, { field: 'attributeGround' });
    const title = patch.title !== undefined ? patch.title.trim() : before.title;
    if (!title) throw badRequest('标题不能为空', { field: 'title' });
    const merged = {
      writtenOn: patch.writtenOn !== undefined ? patch.writtenOn : before.writtenOn,
      formedOn: patch.formedOn || before.formedOn,
      effectiveOn: patch.effectiveOn !== undefined ? patch.effectiveOn : before.effectiveOn,
      expiresOn: patch.expiresOn !== undefined ? patch.expiresOn : before.expiresOn,
    };
    checkDates(merged);
    const doc = patch.docNo !== undefined ? docNoParts(patch.docNo) : null;
    if (doc) await assertDocNoFree(tx, tenantId, doc, id);
    if (patch.catalogueNodeId) await catalogueCode(tx, tenantId, patch.catalogueNodeId);
    const body = patch.bodyHtml !== undefined ? sanitizeBody(patch.bodyHtml) : null;
    const clockChanged = merged.formedOn !== before.formedOn || attribute !== before.attribute;
    const [row] = await tx
      .update(records)
      .set({
        title,
        ...(patch.issuer !== undefined ? { issuer: patch.issuer.trim() || unit.name } : {}),
        ...(body !== null ? { bodyHtml: body, bodyText: bodyText(body) } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
        ...(doc ?? {}),
        ...(patch.genre !== undefined ? { genre: patch.genre, validity: hasValidity(patch.genre) ? (before.validity ?? 'valid') : null } : {}),
        ...(patch.topics !== undefined ? { topics: cleanList(patch.topics) } : {}),
        ...(patch.keywords !== undefined ? { keywords: cleanList(patch.keywords) } : {}),
        ...(patch.catalogueNodeId !== undefined ? { catalogueNodeId: patch.catalogueNodeId } : {}),
        ...(patch.standardItemId !== undefined ? { standardItemId: patch.standardItemId } : {}),
        ...merged,
        ...(clockChanged ? await dueFields(tx, tenantId, attribute, merged.formedOn) : {}),
        attribute,
        attributeGround: ground ?? null,
        ...(patch.attributeReason !== undefined ? { attributeReason: patch.attributeReason } : {}),
        attributeReviewOn: attribute === before.attribute ? before.attributeReviewOn : reviewOn(attribute, todayLocal()),
        ...(patch.supersedesId !== undefined ? { supersedesId: patch.supersedesId } : {}),
        ...(patch.needsInterpretation !== undefined ? { needsInterpretation: patch.needsInterpretation } : {}),
        ...(patch.personalFields !== undefined ? { personalFields: patch.personalFields } : {}),
        // An edited text must be checked again: an earlier override covered the earlier findings only.
        ...((body !== null && body !== before.bodyHtml) || title !== before.title || (patch.personalFields !== undefined && JSON.stringify(patch.personalFields) !== JSON.stringify(before.personalFields)) ? { guardOverride: null } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, patch.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    if (attribute !== before.attribute || (ground ?? null) !== before.attributeGround) {
      await addEvent(tx, caller, id, 'attribute', {
        comment: patch.attributeReason ?? null,
        data: { from: before.attribute, to: attribute, fromGround: before.attributeGround, toGround: ground ?? null },
      });
    }
    await addEvent(tx, caller, id, 'update');
    const after = recordView(row, unit.name);
    await recordAudit(tx, caller.actor, { action: 'record.update', entityType: 'record', entityId: id, summary: `修改政府信息《${after.title}》`, before: recordView(before, unit.name), after });
    return after;
  });
}

export interface ActInput {
  event: RecordEvent;
  version: number;
  comment?: string | null;
  publishAt?: string | null;
  supersededById?: string | null;
}

/** One workflow step, refused with the reason when the state, the role or the version does not allow it. */
export async function actOnRecord(exec: Executor, caller: Caller, id: string, input: ActInput): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    const permission = eventPermission(input.event, before.state);
    if (permission) assertCan(caller, permission, unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`《${before.title}》`);
    const now = new Date();
    const publishAt = input.publishAt ? new Date(input.publishAt) : null;
    if (publishAt && Number.isNaN(publishAt.getTime())) throw badRequest('定时发布时间格式不正确', { field: 'publishAt' });
    const interpretationAttached = input.event === 'pass_confidentiality' && before.needsInterpretation ? await hasInterpretation(tx, tenantId, id) : undefined;
    const t = transition({ state: before.state, attribute: before.attribute, event: input.event, comment: input.comment, publishAt, now, bySystem: caller.kind === 'system', needsInterpretation: before.needsInterpretation, interpretationAttached });
    if (!t.ok) {
      if (t.reason === 'comment_required' || t.reason === 'no_attribute') throw badRequest(t.message, { field: t.reason === 'no_attribute' ? 'attribute' : 'comment' });
      throw new AppError(409, t.reason === 'not_proactive' ? 'NOT_PROACTIVE' : t.reason === 'no_interpretation' ? 'NO_INTERPRETATION' : 'WRONG_STATE', t.message);
    }
    const set: Partial<typeof records.$inferInsert> = { state: t.to, version: before.version + 1, updatedAt: now };
    let guard: GuardResult | null = null;
    if (input.event === 'reject') set.lastComment = input.comment!.trim();
    if (input.event === 'submit') set.lastComment = null;
    if (input.event === 'publish' || input.event === 'publish_scheduled') {
      guard = await guardForRecord(tx, before);
      assertPublishable(before, guard);
      if (t.to === 'scheduled') set.scheduledAt = publishAt;
      else Object.assign(set, await publicationFields(tx, tenantId, before, now));
    }
    if (input.event === 'unschedule') set.scheduledAt = null;
    if (input.event === 'withdraw') {
      set.withdrawnAt = now;
      set.withdrawnNote = input.comment!.trim();
    }
    if (input.event === 'supersede') {
      if (!input.supersededById) throw badRequest('请选择替代它的新信息', { field: 'supersededById' });
      const newer = await requireRecordRow(tx, tenantId, input.supersededById);
      if (newer.id === id) throw badRequest('信息不能替代它自己', { field: 'supersededById' });
      set.supersededById = newer.id;
    }
    const [row] = await tx
      .update(records)
      .set(set)
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    await addEvent(tx, caller, id, input.event, {
      from: before.state,
      to: t.to,
      comment: input.comment ?? null,
      data: { ...(publishAt ? { publishAt: publishAt.toISOString() } : {}), ...(guard ? { guardFindings: guard.findings.length, overridden: guard.overridden } : {}) },
    });
    const after = recordView(row, unit.name);
    await recordAudit(tx, caller.actor, {
      action: `record.${input.event}`,
      entityType: 'record',
      entityId: id,
      summary: `《${before.title}》：${EVENT_LABELS[input.event]}（${STATE_LABELS[before.state]} → ${STATE_LABELS[t.to]}）${input.comment ? `，意见：${input.comment}` : ''}`,
      before: { state: before.state, version: before.version },
      after: { state: t.to, version: row.version, comment: input.comment ?? null },
    });
    if (t.to === 'published') await afterPublication(tx, caller, row);
    // Withdrawn or superseded: the search index follows in the same transaction.
    else if (isPublicState(before.state)) await indexRecords(tx, tenantId, [id]);
    return after;
  });
}

/** States in which a record is on the portal (and, when proactive, in the search index). */
function isPublicState(state: string): boolean {
  return state === 'published' || state === 'superseded' || state === 'withdrawn';
}

function assertPublishable(r: RecordRow, guard: GuardResult) {
  // Classification marks: information marked secret is never published (Art. 14; 保密法). No override.
  if (guard.marks.length) {
    throw new AppError(409, 'CLASSIFIED', `信息含有密级标志“${guard.marks.map((m) => m.text).join('、')}”，不得公开发布`, { marks: guard.marks });
  }
  if (guard.blocking) {
    throw new AppError(409, 'PERSONAL_DATA', `信息中还有 ${guard.unmasked.length} 处未遮盖的个人信息（${[...new Set(guard.unmasked.map((f) => f.label))].join('、')}），请遮盖后再发布，或由保密审查员说明理由后放行`, {
      findings: guard.unmasked.map((f) => ({ id: f.id, label: f.label, where: f.where, context: f.context })),
    });
  }
  const today = todayLocal();
  if (r.writtenOn && r.writtenOn > today) throw badRequest(`成文日期 ${r.writtenOn} 晚于发布日期 ${today}`, { field: 'writtenOn' });
}

async function publicationFields(exec: Executor, tenantId: string, r: RecordRow, now: Date) {
  const publishedOn = todayLocal(now);
  const late = r.dueOn ? workingDaysLate(await tenantCalendar(exec, tenantId), r.dueOn, publishedOn) : null;
  return { publishedAt: now, scheduledAt: null, workingDaysLate: late };
}

/** What publication sets off: the record it replaces is superseded; the catalogue obligation is fulfilled. */
async function afterPublication(exec: Executor, caller: Caller, r: RecordRow) {
  if (r.supersedesId) {
    const [old] = await exec.select().from(records).where(and(eq(records.tenantId, r.tenantId), eq(records.id, r.supersedesId))).for('update');
    if (old && old.state === 'published') {
      await exec
        .update(records)
        .set({ state: 'superseded', supersededById: r.id, version: old.version + 1, updatedAt: new Date() })
        .where(and(eq(records.tenantId, r.tenantId), eq(records.id, old.id)));
      await addEvent(exec, caller, old.id, 'supersede', { from: 'published', to: 'superseded', data: { supersededById: r.id } });
      await recordAudit(exec, caller.actor, { action: 'record.supersede', entityType: 'record', entityId: old.id, summary: `《${old.title}》被《${r.title}》替代`, after: { supersededById: r.id } });
    }
  }
  if (r.standardItemId) await fulfilObligation(exec, r);
  // Its interpretations are now due (a few working days after publication).
  await onPolicyPublished(exec, r.tenantId, r.id, r.publishedAt ?? new Date());
  // Findable at once: the search entry is written in the publishing transaction (the sweep is the fallback).
  await indexRecords(exec, r.tenantId, r.supersedesId ? [r.id, r.supersedesId] : [r.id]);
}

/** Scheduled records whose time has come, published by the system (any server process; none twice). */
export async function publishDueScheduled(exec: Executor, caller: (tenantId: string) => Caller, now = new Date()): Promise<number> {
  const due = await exec
    .select({ tenantId: records.tenantId, id: records.id, version: records.version })
    .from(records)
    .where(and(eq(records.state, 'scheduled'), sql`${records.scheduledAt} <= ${now}`))
    .limit(100);
  let n = 0;
  for (const d of due) {
    try {
      await actOnRecord(exec, caller(d.tenantId), d.id, { event: 'publish_scheduled', version: d.version });
      // Every server process drops its cached pages of the tenant once this commits.
      await exec.execute(sql`SELECT pg_notify(${PORTAL_CHANNEL}, ${d.tenantId})`);
      n++;
    } catch {
      // Taken by another process, changed meanwhile, or blocked by the guard: the console shows why.
    }
  }
  return n;
}

export interface ValidityInput {
  validity: Validity;
  on: string;
  amendedById?: string | null;
  note?: string | null;
  version: number;
}

export async function setValidity(exec: Executor, caller: Caller, id: string, input: ValidityInput): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    assertCan(caller, 'records.validity', unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`《${before.title}》`);
    if (!before.validity) throw badRequest(`《${before.title}》不是规范性文件，没有有效性`);
    const problem = validityChangeProblem(
      { validity: before.validity, effectiveOn: before.effectiveOn, expiresOn: before.expiresOn, changedOn: before.validityChangedOn, amendedById: before.amendedById },
      input,
      { writtenOn: before.writtenOn },
    );
    if (problem) throw badRequest(problem, { field: 'validity' });
    if (input.amendedById) await requireRecordRow(tx, tenantId, input.amendedById);
    const [row] = await tx
      .update(records)
      .set({ validity: input.validity, validityChangedOn: input.on, amendedById: input.amendedById ?? null, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    await addEvent(tx, caller, id, 'validity', { comment: input.note ?? null, data: { from: before.validity, to: input.validity, on: input.on, amendedById: input.amendedById ?? null } });
    await recordAudit(tx, caller.actor, {
      action: 'record.validity',
      entityType: 'record',
      entityId: id,
      summary: `《${before.title}》有效性：${VALIDITY_LABELS[before.validity]} → ${VALIDITY_LABELS[input.validity]}（${input.on}）`,
      before: { validity: before.validity },
      after: { validity: input.validity, on: input.on, amendedById: input.amendedById ?? null },
    });
    if (isPublicState(row.state)) await indexRecords(tx, tenantId, [id]);
    return recordView(row, unit.name);
  });
}

export interface RecordFilter {
  unitId?: string;
  state?: RecordState;
  attribute?: DisclosureAttribute;
  genre?: Genre;
  q?: string;
  overdue?: boolean;
  reviewDue?: boolean;
  noAttribute?: boolean;
}

export async function listRecords(exec: Executor, caller: Caller, filter: RecordFilter, page: number, pageSize: number) {
  const tenantId = caller.actor.tenantId;
  const conds: (SQL | undefined)[] = [eq(records.tenantId, tenantId), unitScopeCondition(caller, 'records.read')];
  if (filter.unitId) conds.push(eq(records.unitId, filter.unitId));
  if (filter.state) conds.push(eq(records.state, filter.state));
  if (filter.attribute) conds.push(eq(records.attribute, filter.attribute));
  if (filter.genre) conds.push(eq(records.genre, filter.genre));
  if (filter.q) conds.push(sql`(${records.title} ILIKE ${'%' + filter.q.replace(/[\\%_]/g, '\\$&') + '%'} OR ${records.docNo} = ${filter.q} OR ${records.indexNo} = ${filter.q})`);
  if (filter.reviewDue) conds.push(sql`${records.attribute} IN ('on_request','withheld') AND ${records.attributeReviewOn} <= ${todayLocal()}`);
  if (filter.noAttribute) conds.push(sql`${records.attribute} IS NULL`);
  if (filter.overdue) conds.push(sql`${records.dueOn} < ${todayLocal()} AND ${records.state} NOT IN ('published','superseded','withdrawn') AND ${records.attribute} = 'proactive'`);
  const where = and(...conds);
  const rows = await exec
    .select({ r: records, unitName: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(where)
    .orderBy(desc(records.updatedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = (await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(where)) as [{ n: number }];
  return { items: rows.map((x) => recordView(x.r, x.unitName)), total: n, page, pageSize };
}

export async function recordHistory(exec: Executor, caller: Caller, id: string) {
  await visibleRecord(exec, caller, id);
  const rows = await exec.select().from(recordEvents).where(and(eq(recordEvents.tenantId, caller.actor.tenantId), eq(recordEvents.recordId, id))).orderBy(recordEvents.at);
  return rows.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorLabel: e.actorLabel,
    event: e.event,
    eventLabel: (EVENT_LABELS as Record<string, string>)[e.event] ?? { create: '起草', update: '修改', attribute: '变更公开属性', validity: '变更有效性', guard_override: '个人信息检查放行', attribute_review: '公开属性年度审查', attachment: '附件' }[e.event as string] ?? e.event,
    fromState: e.fromState,
    toState: e.toState,
    comment: e.comment,
    data: e.data,
  }));
}

export async function attachmentsOf(exec: Executor, tenantId: string, recordIds: string[]) {
  if (!recordIds.length) return [];
  return exec.select().from(recordAttachments).where(and(eq(recordAttachments.tenantId, tenantId), inArray(recordAttachments.recordId, recordIds))).orderBy(recordAttachments.sortOrder, recordAttachments.createdAt);
}

export { requireRecordRow, visibleRecord, addEvent, assertPublishable, publicationFields, afterPublication, dueFields };
