// Policy Q&A (政策问答) and policy push (政策找人).
//
// Q&A: staff keep a bank of questions and answers, each citing the records it rests on. The public types a
// question; the answerer ranks bank entries and passages of published records by BM25 (src/core/policy/
// retrieval.ts) and every answer links its sources. A question it cannot answer goes to a queue; staff answer
// it into the bank (its asker's personal data masked), or set it aside with a note.
//
// Push: a record may carry benefit-policy metadata (who it fits, conditions, materials, process, unit,
// contact, dates). Citizens and enterprises subscribe with a profile and an e-mail address and manage the
// subscription themselves through a link carrying a secret token (only its SHA-256 is kept). Once a record
// with metadata is published, the sweep (sweep.ts) puts it into the inbox of exactly the subscribers it fits
// (the SQL selection below states the rule of src/core/policy/target.ts) and queues one e-mail to each of
// them whose address is confirmed.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import type { Actor } from '../../core/auth/principal.ts';
import { formatDateZh, todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, forbidden, notFound, staleVersion } from '../../core/errors.ts';
import { maskEmail, normaliseEmail, plainText } from '../../core/policy/input.ts';
import { linksMail, welcomeMail } from '../../core/policy/mail.ts';
import { Bm25Index, parseQuestion, prepareDoc, rankAnswers, splitPassages, type AnswerDoc, type PreparedDoc } from '../../core/policy/retrieval.ts';
import {
  AUDIENCE_LABELS,
  describeTarget,
  explain,
  fits,
  GROUP_LABELS,
  groupsFor,
  INDUSTRY_LABELS,
  normaliseProfile,
  normaliseTarget,
  profileProblems,
  SIZE_LABELS,
  targetProblems,
  TOPIC_LABELS,
  type Names,
  type Profile,
  type Target,
} from '../../core/policy/target.ts';
import { applyMasks, findPersonalData } from '../../core/privacy/index.ts';
import { highlight, type Segment } from '../../core/search/highlight.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { units } from '../org/schema.ts';
import { getTenant } from '../org/tenants.ts';
import { requireUnit, rootOf, unitScopeCondition } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { policyBenefits, policyInbox, policyOutbox, policyQaEntries, policyQuestions, policySubscribers, type OutboxState, type QuestionState } from './schema.ts';

type EntryRow = typeof policyQaEntries.$inferSelect;
type QuestionRow = typeof policyQuestions.$inferSelect;
type BenefitRow = typeof policyBenefits.$inferSelect;
export type SubscriberRow = typeof policySubscribers.$inferSelect;

export const PORTAL_QA = '/zcwd/';
export const PORTAL_PUSH = '/zczr/';

const publicActor = (tenantId: string, label: string): Actor => ({ tenantId, userId: null, label, ip: null, requestId: null });

export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const isPublicRecord = () => and(eq(records.state, 'published'), eq(records.attribute, 'proactive'));

// ---- areas and labels ------------------------------------------------------------------------------------

export interface AreaOption {
  id: string;
  name: string;
}

/** The areas a subscriber may be in and a policy may be limited to: townships, streets and zones. */
export async function policyAreas(exec: Executor, tenantId: string): Promise<AreaOption[]> {
  const rows = await exec
    .select({ id: units.id, name: units.shortName, full: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.kind, ['township', 'street', 'development_zone']), isNull(units.abolishedAt)))
    .orderBy(asc(units.sortOrder), asc(units.name));
  return rows.map((r) => ({ id: r.id, name: r.name || r.full }));
}

function namesFrom(areas: AreaOption[]): Names {
  const m = new Map(areas.map((a) => [a.id, a.name]));
  return { area: (c) => m.get(c) ?? '（已撤销的地区）' };
}

export function policyOptions(areas: AreaOption[]) {
  const opts = <T extends string>(labels: Record<T, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: label as string }));
  return {
    audiences: opts(AUDIENCE_LABELS),
    groups: opts(GROUP_LABELS),
    industries: opts(INDUSTRY_LABELS),
    sizes: opts(SIZE_LABELS),
    topics: opts(TOPIC_LABELS),
    areas: areas.map((a) => ({ value: a.id, label: a.name })),
  };
}

export async function getPolicyOptions(exec: Executor, caller: Caller) {
  return policyOptions(await policyAreas(exec, caller.actor.tenantId));
}

// ---- Q&A bank --------------------------------------------------------------------------------------------

export interface EntryView {
  id: string;
  unitId: string;
  unitName: string;
  question: string;
  answer: string;
  records: { id: string; title: string; public: boolean }[];
  published: boolean;
  sourceQuestionId: string | null;
  updatedAt: string;
  version: number;
}

async function recordTitles(exec: Executor, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { title: string; public: boolean; unitId: string }>();
  const rows = await exec
    .select({ id: records.id, title: records.title, state: records.state, attribute: records.attribute, unitId: records.unitId })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), inArray(records.id, ids)));
  return new Map(rows.map((r) => [r.id, { title: r.title, public: r.state === 'published' && r.attribute === 'proactive', unitId: r.unitId }]));
}

async function entryViews(exec: Executor, tenantId: string, rows: { e: EntryRow; unitName: string }[]): Promise<EntryView[]> {
  const titles = await recordTitles(exec, tenantId, [...new Set(rows.flatMap((r) => r.e.recordIds))]);
  return rows.map(({ e, unitName }) => ({
    id: e.id,
    unitId: e.unitId,
    unitName,
    question: e.question,
    answer: e.answer,
    records: e.recordIds.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)!.title, public: titles.get(id)!.public })),
    published: e.published,
    sourceQuestionId: e.sourceQuestionId,
    updatedAt: e.updatedAt.toISOString(),
    version: e.version,
  }));
}

export interface EntryInput {
  unitId?: string | null;
  question: string;
  answer: string;
  recordIds: string[];
  published?: boolean;
}

function cleanEntry(input: { question?: string; answer?: string }) {
  const question = input.question !== undefined ? plainText(input.question, 300) : undefined;
  const answer = input.answer !== undefined ? plainText(input.answer, 10_000) : undefined;
  if (question !== undefined && question.length < 4) throw badRequest('请填写问题（至少4个字）', { field: 'question' });
  if (answer !== undefined && answer.length < 4) throw badRequest('请填写答复内容（至少4个字）', { field: 'answer' });
  return { question, answer };
}

async function checkRecords(exec: Executor, tenantId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) throw badRequest('请至少关联一份政策文件作为答复的依据', { field: 'recordIds' });
  const found = await recordTitles(exec, tenantId, unique);
  if (found.size !== unique.length) throw badRequest('关联的政策文件不存在', { field: 'recordIds' });
  return { ids: unique, found };
}

export async function createEntry(exec: Executor, caller: Caller, input: EntryInput, sourceQuestionId: string | null = null): Promise<EntryView> {
  const tenantId = caller.actor.tenantId;
  const { question, answer } = cleanEntry(input);
  return exec.transaction(async (tx) => {
    const { ids, found } = await checkRecords(tx, tenantId, input.recordIds);
    const unit = await requireUnit(tx, tenantId, input.unitId ?? found.get(ids[0]!)!.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const [e] = await tx
      .insert(policyQaEntries)
      .values({ tenantId, unitId: unit.id, question: question!, answer: answer!, recordIds: ids, published: input.published ?? true, sourceQuestionId, createdBy: caller.actor.userId })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'policy_qa.create', entityType: 'policy_qa', entityId: e!.id, summary: `政策问答库新增问答「${question}」`, after: { question, recordIds: ids } });
    return (await entryViews(tx, tenantId, [{ e: e!, unitName: unit.name }]))[0]!;
  });
}

async function visibleEntry(exec: Executor, caller: Caller, id: string, lock = false) {
  const q = exec.select().from(policyQaEntries).where(and(eq(policyQaEntries.tenantId, caller.actor.tenantId), eq(policyQaEntries.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('问答');
  const unit = await requireUnit(exec, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('问答');
  return { row, unit };
}

export async function getEntry(exec: Executor, caller: Caller, id: string): Promise<EntryView> {
  const { row, unit } = await visibleEntry(exec, caller, id);
  return (await entryViews(exec, caller.actor.tenantId, [{ e: row, unitName: unit.name }]))[0]!;
}

export async function updateEntry(exec: Executor, caller: Caller, id: string, patch: Partial<Omit<EntryInput, 'unitId'>> & { version: number }): Promise<EntryView> {
  const tenantId = caller.actor.tenantId;
  const { question, answer } = cleanEntry(patch);
  return exec.transaction(async (tx) => {
    const { row, unit } = await visibleEntry(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== patch.version) throw staleVersion('该问答');
    const recordIds = patch.recordIds !== undefined ? (await checkRecords(tx, tenantId, patch.recordIds)).ids : row.recordIds;
    const [u] = await tx
      .update(policyQaEntries)
      .set({ question: question ?? row.question, answer: answer ?? row.answer, recordIds, published: patch.published ?? row.published, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(policyQaEntries.tenantId, tenantId), eq(policyQaEntries.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'policy_qa.update',
      entityType: 'policy_qa',
      entityId: id,
      summary: `修改政策问答「${u!.question}」${patch.published === false ? '（停用）' : patch.published === true && !row.published ? '（启用）' : ''}`,
      before: { question: row.question, answer: row.answer, recordIds: row.recordIds, published: row.published },
      after: { question: u!.question, answer: u!.answer, recordIds: u!.recordIds, published: u!.published },
    });
    return (await entryViews(tx, tenantId, [{ e: u!, unitName: unit.name }]))[0]!;
  });
}

export async function listEntries(exec: Executor, caller: Caller, opts: { q?: string } = {}): Promise<EntryView[]> {
  const tenantId = caller.actor.tenantId;
  const q = opts.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await exec
    .select({ e: policyQaEntries, unitName: units.name })
    .from(policyQaEntries)
    .innerJoin(units, and(eq(units.tenantId, policyQaEntries.tenantId), eq(units.id, policyQaEntries.unitId)))
    .where(and(eq(policyQaEntries.tenantId, tenantId), unitScopeCondition(caller, 'records.read'), like ? sql`(${policyQaEntries.question} ILIKE ${like} OR ${policyQaEntries.answer} ILIKE ${like})` : undefined))
    .orderBy(desc(policyQaEntries.updatedAt))
    .limit(1000);
  return entryViews(exec, tenantId, rows);
}

// ---- the queue of unanswered questions ---------------------------------------------------------------

export interface QuestionView {
  id: string;
  unitId: string;
  unitName: string;
  question: string;
  /** The question as the public would see it once answered: personal data masked. */
  maskedQuestion: string;
  state: QuestionState;
  entryId: string | null;
  note: string | null;
  askedAt: string;
  handledAt: string | null;
  version: number;
}

export function maskPersonal(text: string): string {
  return applyMasks(text, findPersonalData(text));
}

function questionView(q: QuestionRow, unitName: string): QuestionView {
  return {
    id: q.id,
    unitId: q.unitId,
    unitName,
    question: q.question,
    maskedQuestion: maskPersonal(q.question),
    state: q.state,
    entryId: q.entryId,
    note: q.note,
    askedAt: q.askedAt.toISOString(),
    handledAt: q.handledAt?.toISOString() ?? null,
    version: q.version,
  };
}

export const MIN_QUESTION_CHARS = 4;
export const MAX_QUESTION_CHARS = 300;

/** A question from the portal that found no answer: into the queue (once, however often it is sent). */
export async function queueQuestion(exec: Executor, tenantId: string, text: string): Promise<{ id: string; duplicate: boolean }> {
  const question = plainText(text, MAX_QUESTION_CHARS);
  if (question.length < MIN_QUESTION_CHARS) throw badRequest(`问题太短，请用一句完整的话描述您的问题（至少${MIN_QUESTION_CHARS}个字）`, { field: 'question' });
  return exec.transaction(async (tx) => {
    // The same question still open is not queued twice.
    const [same] = await tx.select({ id: policyQuestions.id }).from(policyQuestions).where(and(eq(policyQuestions.tenantId, tenantId), eq(policyQuestions.state, 'open'), eq(policyQuestions.question, question))).limit(1);
    if (same) return { id: same.id, duplicate: true };
    const root = await rootOf(tx, tenantId);
    const [row] = await tx.insert(policyQuestions).values({ tenantId, unitId: root.id, question }).returning({ id: policyQuestions.id });
    await recordAudit(tx, publicActor(tenantId, '公众（政策问答）'), { action: 'policy_question.ask', entityType: 'policy_question', entityId: row!.id, summary: '政策问答收到一个未能自动答复的问题', after: { questionId: row!.id } });
    return { id: row!.id, duplicate: false };
  });
}

export async function listQuestions(exec: Executor, caller: Caller, opts: { state?: QuestionState } = {}): Promise<QuestionView[]> {
  const rows = await exec
    .select({ q: policyQuestions, unitName: units.name })
    .from(policyQuestions)
    .innerJoin(units, and(eq(units.tenantId, policyQuestions.tenantId), eq(units.id, policyQuestions.unitId)))
    .where(and(eq(policyQuestions.tenantId, caller.actor.tenantId), unitScopeCondition(caller, 'records.read'), opts.state ? eq(policyQuestions.state, opts.state) : undefined))
    .orderBy(desc(policyQuestions.askedAt))
    .limit(1000);
  return rows.map((r) => questionView(r.q, r.unitName));
}

async function lockedQuestion(exec: Executor, caller: Caller, id: string, version: number) {
  const [row] = await exec.select().from(policyQuestions).where(and(eq(policyQuestions.tenantId, caller.actor.tenantId), eq(policyQuestions.id, id))).for('update');
  if (!row) throw notFound('问题');
  const unit = await requireUnit(exec, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('问题');
  assertCan(caller, 'records.edit', unit, unit.name);
  if (row.version !== version) throw staleVersion('该问题');
  if (row.state !== 'open') throw new AppError(409, 'WRONG_STATE', row.state === 'answered' ? '该问题已经答复' : '该问题已经搁置');
  return { row, unit };
}

/** Answer a queued question: the answer goes into the bank (the question masked of personal data). */
export async function answerQueued(
  exec: Executor,
  caller: Caller,
  id: string,
  input: { version: number; question?: string; answer: string; recordIds: string[]; published?: boolean },
): Promise<{ question: QuestionView; entry: EntryView }> {
  return exec.transaction(async (tx) => {
    const { row, unit } = await lockedQuestion(tx, caller, id, input.version);
    const entry = await createEntry(tx, caller, { unitId: unit.id, question: maskPersonal(input.question ?? row.question), answer: input.answer, recordIds: input.recordIds, published: input.published }, row.id);
    const [u] = await tx
      .update(policyQuestions)
      .set({ state: 'answered', entryId: entry.id, handledBy: caller.actor.userId, handledAt: new Date(), version: row.version + 1 })
      .where(and(eq(policyQuestions.tenantId, caller.actor.tenantId), eq(policyQuestions.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'policy_question.answer', entityType: 'policy_question', entityId: id, summary: `答复公众提问并加入政策问答库「${entry.question}」`, after: { entryId: entry.id } });
    return { question: questionView(u!, unit.name), entry };
  });
}

export async function dismissQueued(exec: Executor, caller: Caller, id: string, input: { version: number; note: string }): Promise<QuestionView> {
  const note = plainText(input.note, 1000);
  if (!note) throw badRequest('请说明搁置的原因（如与政策无关、重复提问）', { field: 'note' });
  return exec.transaction(async (tx) => {
    const { row, unit } = await lockedQuestion(tx, caller, id, input.version);
    const [u] = await tx
      .update(policyQuestions)
      .set({ state: 'dismissed', note, handledBy: caller.actor.userId, handledAt: new Date(), version: row.version + 1 })
      .where(and(eq(policyQuestions.tenantId, caller.actor.tenantId), eq(policyQuestions.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'policy_question.dismiss', entityType: 'policy_question', entityId: id, summary: `搁置公众提问：${note}` });
    return questionView(u!, unit.name);
  });
}

/** Hand a queued question to the unit that should answer it. */
export async function assignQueued(exec: Executor, caller: Caller, id: string, input: { version: number; unitId: string }): Promise<QuestionView> {
  return exec.transaction(async (tx) => {
    const { row } = await lockedQuestion(tx, caller, id, input.version);
    const target = await requireUnit(tx, caller.actor.tenantId, input.unitId);
    const [u] = await tx
      .update(policyQuestions)
      .set({ unitId: target.id, version: row.version + 1 })
      .where(and(eq(policyQuestions.tenantId, caller.actor.tenantId), eq(policyQuestions.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'policy_question.assign', entityType: 'policy_question', entityId: id, summary: `公众提问转交${target.name}答复`, before: { unitId: row.unitId }, after: { unitId: target.id } });
    return questionView(u!, target.name);
  });
}

// ---- the answerer ------------------------------------------------------------------------------------------

interface TenantIndex {
  fingerprint: string;
  index: Bm25Index;
  docs: Map<string, AnswerDoc & { title: string; text: string }>;
  /** Prepared documents by id and version, reused by the next build. */
  prepared: Map<string, PreparedDoc>;
}

const indexes = new Map<string, TenantIndex>();
const building = new Map<string, Promise<TenantIndex>>();
/** Records indexed per tenant: the most recently published ones. */
export const MAX_INDEXED_RECORDS = 5000;

async function fingerprintOf(exec: Executor, tenantId: string): Promise<string> {
  const [r] = (await exec.execute(sql`
    SELECT
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM records WHERE tenant_id = ${tenantId} AND state = 'published' AND attribute = 'proactive') AS r,
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM policy_qa_entries WHERE tenant_id = ${tenantId} AND published) AS q,
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM policy_benefits WHERE tenant_id = ${tenantId}) AS b
  `)).rows as { r: string; q: string; b: string }[];
  return `${r!.r}|${r!.q}|${r!.b}`;
}

function benefitText(b: Pick<BenefitRow, 'conditions' | 'materials' | 'process' | 'contact' | 'startsOn' | 'endsOn'>, target: Target, names: Names): string {
  const lines = [`适用对象：${describeTarget(target, names)}`];
  if (b.conditions) lines.push(`申报条件：${b.conditions}`);
  if (b.materials.length) lines.push(`申报材料：${b.materials.join('；')}`);
  if (b.process) lines.push(`办理流程：${b.process}`);
  if (b.contact) lines.push(`咨询方式：${b.contact}`);
  const period = periodText(b.startsOn, b.endsOn);
  if (period) lines.push(`办理期限：${period}`);
  return lines.join('\n');
}

export function periodText(startsOn: string | null, endsOn: string | null): string | null {
  if (startsOn && endsOn) return `${formatDateZh(startsOn)}至${formatDateZh(endsOn)}`;
  if (startsOn) return `${formatDateZh(startsOn)}起`;
  if (endsOn) return `截至${formatDateZh(endsOn)}`;
  return null;
}

async function buildIndex(exec: Executor, tenantId: string, fingerprint: string, previous?: TenantIndex): Promise<TenantIndex> {
  const recs = await exec
    .select({ id: records.id, title: records.title, bodyText: records.bodyText, updatedAt: records.updatedAt })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), isPublicRecord()))
    .orderBy(desc(records.publishedAt))
    .limit(MAX_INDEXED_RECORDS);
  const entries = await exec.select().from(policyQaEntries).where(and(eq(policyQaEntries.tenantId, tenantId), eq(policyQaEntries.published, true)));
  const benefits = await exec.select().from(policyBenefits).where(eq(policyBenefits.tenantId, tenantId));
  const names = namesFrom(await policyAreas(exec, tenantId));
  const indexed = new Set(recs.map((r) => r.id));
  const docs = new Map<string, AnswerDoc & { title: string; text: string }>();
  const prepared = new Map<string, PreparedDoc>();
  const reuse = (key: string, make: () => PreparedDoc) => {
    const p = previous?.prepared.get(key) ?? make();
    prepared.set(key, p);
    return p;
  };
  const list: PreparedDoc[] = [];
  for (const r of recs) {
    const stamp = r.updatedAt.getTime();
    splitPassages(r.bodyText).forEach((text, i) => {
      const id = `p:${r.id}:${i}`;
      docs.set(id, { id, kind: 'passage', recordIds: [r.id], title: r.title, text });
      list.push({ ...reuse(`${id}@${stamp}`, () => prepareDoc(id, [{ text: r.title, weight: 0.5 }, { text, weight: 1 }])), id });
    });
  }
  for (const b of benefits) {
    if (!indexed.has(b.recordId)) continue;
    const r = recs.find((x) => x.id === b.recordId)!;
    const id = `b:${b.recordId}`;
    const text = benefitText(b, targetOf(b), names);
    docs.set(id, { id, kind: 'passage', recordIds: [b.recordId], title: r.title, text });
    list.push({ ...reuse(`${id}@${b.updatedAt.getTime()}`, () => prepareDoc(id, [{ text: r.title, weight: 0.5 }, { text, weight: 1 }])), id });
  }
  for (const e of entries) {
    const id = `q:${e.id}`;
    docs.set(id, { id, kind: 'qa', recordIds: e.recordIds, title: e.question, text: e.answer });
    list.push({ ...reuse(`${id}@${e.updatedAt.getTime()}`, () => prepareDoc(id, [{ text: e.question, weight: 1.5 }, { text: e.answer, weight: 1 }])), id });
  }
  return { fingerprint, index: new Bm25Index(list), docs, prepared };
}

async function tenantIndex(exec: Executor, tenantId: string): Promise<TenantIndex> {
  const fingerprint = await fingerprintOf(exec, tenantId);
  const have = indexes.get(tenantId);
  if (have?.fingerprint === fingerprint) return have;
  const key = `${tenantId}|${fingerprint}`;
  let p = building.get(key);
  if (!p) {
    p = buildIndex(exec, tenantId, fingerprint, have).finally(() => building.delete(key));
    building.set(key, p);
  }
  const built = await p;
  if (indexes.size > 50 && !indexes.has(tenantId)) indexes.delete(indexes.keys().next().value!);
  indexes.set(tenantId, built);
  return built;
}

export interface Answer {
  kind: 'qa' | 'passage';
  /** A bank entry's question, or the title of the passage's record. */
  title: string;
  text: Segment[];
  sources: { id: string; title: string }[];
  score: number;
  coverage: number;
}

export interface AnswerResult {
  question: string;
  answers: Answer[];
}

/** The best answers to a question from the bank and the published policies, each with its sources. */
export async function answerQuestion(exec: Executor, tenantId: string, input: string, limit = 5): Promise<AnswerResult> {
  const question = plainText(input, MAX_QUESTION_CHARS);
  if (!question) return { question, answers: [] };
  const t = await tenantIndex(exec, tenantId);
  const parsed = parseQuestion(question);
  const ranked = rankAnswers(t.index.search(parsed, 60), t.docs, limit);
  const titles = await recordTitles(exec, tenantId, [...new Set(ranked.flatMap((r) => r.recordIds))]);
  const answers: Answer[] = [];
  for (const r of ranked) {
    const d = t.docs.get(r.id)!;
    const sources = r.recordIds.filter((id) => titles.get(id)?.public).map((id) => ({ id, title: titles.get(id)!.title }));
    if (!sources.length) continue;
    answers.push({ kind: r.kind, title: r.kind === 'qa' ? maskPersonal(d.title) : d.title, text: highlight(d.text, r.matched.filter((m) => m.length > 1 || !/[\u4e00-\u9fff]/.test(m))), sources, score: r.score, coverage: r.coverage });
  }
  return { question, answers };
}

// ---- benefit-policy metadata -----------------------------------------------------------------------------

export interface BenefitInput extends Target {
  unitId: string;
  conditions?: string;
  materials?: string[];
  process?: string;
  contact?: string;
  startsOn?: LocalDate | null;
  endsOn?: LocalDate | null;
}

export interface BenefitView extends Target {
  recordId: string;
  recordTitle: string;
  recordState: string;
  unitId: string;
  unitName: string;
  conditions: string;
  materials: string[];
  process: string;
  contact: string;
  startsOn: string | null;
  endsOn: string | null;
  /** 适用对象 in words. */
  targetText: string;
  notifiedAt: string | null;
  notifiedCount: number | null;
  version: number;
}

export function targetOf(b: Pick<BenefitRow, 'audiences' | 'areas' | 'groups' | 'industries' | 'sizes' | 'topics' | 'ageMin' | 'ageMax' | 'localHukouOnly'>): Target {
  return { audiences: b.audiences, areas: b.areas, groups: b.groups, industries: b.industries, sizes: b.sizes, topics: b.topics, ageMin: b.ageMin, ageMax: b.ageMax, localHukouOnly: b.localHukouOnly };
}

async function benefitView(exec: Executor, b: BenefitRow, record: { title: string; state: string }, names: Names): Promise<BenefitView> {
  const [u] = await exec.select({ name: units.name }).from(units).where(and(eq(units.tenantId, b.tenantId), eq(units.id, b.unitId)));
  const t = targetOf(b);
  return {
    ...t,
    recordId: b.recordId,
    recordTitle: record.title,
    recordState: record.state,
    unitId: b.unitId,
    unitName: u?.name ?? '',
    conditions: b.conditions,
    materials: b.materials,
    process: b.process,
    contact: b.contact,
    startsOn: b.startsOn,
    endsOn: b.endsOn,
    targetText: describeTarget(t, names),
    notifiedAt: b.notifiedAt?.toISOString() ?? null,
    notifiedCount: b.notifiedCount,
    version: b.version,
  };
}

async function visibleRecord(exec: Executor, caller: Caller, recordId: string) {
  const [r] = await exec.select({ id: records.id, title: records.title, state: records.state, unitId: records.unitId }).from(records).where(and(eq(records.tenantId, caller.actor.tenantId), eq(records.id, recordId)));
  if (!r) throw notFound('政府信息');
  const unit = await requireUnit(exec, caller.actor.tenantId, r.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('政府信息');
  return { record: r, unit };
}

export async function getBenefit(exec: Executor, caller: Caller, recordId: string): Promise<BenefitView> {
  const { record } = await visibleRecord(exec, caller, recordId);
  const [b] = await exec.select().from(policyBenefits).where(and(eq(policyBenefits.tenantId, caller.actor.tenantId), eq(policyBenefits.recordId, recordId)));
  if (!b) throw notFound('该文件的惠企利民政策信息');
  return benefitView(exec, b, record, namesFrom(await policyAreas(exec, caller.actor.tenantId)));
}

/** Attach or change a record's benefit-policy metadata. `version` 0 attaches it for the first time. */
export async function putBenefit(exec: Executor, caller: Caller, recordId: string, input: BenefitInput & { version: number }): Promise<BenefitView> {
  const tenantId = caller.actor.tenantId;
  const target = normaliseTarget(input);
  const problem = targetProblems(target)[0];
  if (problem) throw badRequest(problem.message, { field: problem.field });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) throw badRequest('办理截止日期不能早于开始日期', { field: 'endsOn' });
  const materials = (input.materials ?? []).map((m) => plainText(m, 500)).filter(Boolean);
  const fields = {
    conditions: plainText(input.conditions ?? '', 5000),
    materials,
    process: plainText(input.process ?? '', 5000),
    contact: plainText(input.contact ?? '', 1000),
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
  };
  return exec.transaction(async (tx) => {
    const { record, unit } = await visibleRecord(tx, caller, recordId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const areas = await policyAreas(tx, tenantId);
    const unknown = target.areas.filter((a) => !areas.some((x) => x.id === a));
    if (unknown.length) throw badRequest('所选地区不是本县的乡镇（街道）', { field: 'areas' });
    const responsible = await requireUnit(tx, tenantId, input.unitId).catch(() => {
      throw badRequest('责任单位不存在', { field: 'unitId' });
    });
    const [old] = await tx.select().from(policyBenefits).where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId))).for('update');
    if ((old?.version ?? 0) !== input.version) throw staleVersion(`《${record.title}》的惠企利民政策信息`);
    // Who it fits changed: the sweep announces it again, to those it newly fits only (dedupe keys).
    const refit = !old || JSON.stringify(targetOf(old)) !== JSON.stringify(target);
    const values = { ...target, ...fields, unitId: responsible.id, version: (old?.version ?? 0) + 1, updatedAt: new Date(), ...(refit ? { notifiedAt: null } : {}) };
    const [b] = old
      ? await tx.update(policyBenefits).set(values).where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId))).returning()
      : await tx.insert(policyBenefits).values({ tenantId, recordId, ...values, createdBy: caller.actor.userId }).returning();
    const names = namesFrom(areas);
    await recordAudit(tx, caller.actor, {
      action: old ? 'policy_benefit.update' : 'policy_benefit.create',
      entityType: 'record',
      entityId: recordId,
      summary: `${old ? '修改' : '登记'}《${record.title}》的惠企利民政策信息（适用对象：${describeTarget(target, names)}）`,
      before: old ? { target: targetOf(old), endsOn: old.endsOn } : null,
      after: { target, endsOn: fields.endsOn },
    });
    return benefitView(tx, b!, record, names);
  });
}

export async function deleteBenefit(exec: Executor, caller: Caller, recordId: string, version: number): Promise<{ ok: true }> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { record, unit } = await visibleRecord(tx, caller, recordId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const [old] = await tx.select().from(policyBenefits).where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId))).for('update');
    if (!old) throw notFound('该文件的惠企利民政策信息');
    if (old.version !== version) throw staleVersion(`《${record.title}》的惠企利民政策信息`);
    await tx.delete(policyBenefits).where(and(eq(policyBenefits.tenantId, tenantId), eq(policyBenefits.recordId, recordId)));
    await recordAudit(tx, caller.actor, { action: 'policy_benefit.delete', entityType: 'record', entityId: recordId, summary: `删除《${record.title}》的惠企利民政策信息`, before: { target: targetOf(old) } });
    return { ok: true as const };
  });
}

export async function listBenefits(exec: Executor, caller: Caller): Promise<BenefitView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ b: policyBenefits, title: records.title, state: records.state })
    .from(policyBenefits)
    .innerJoin(records, and(eq(records.tenantId, policyBenefits.tenantId), eq(records.id, policyBenefits.recordId)))
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(policyBenefits.tenantId, tenantId), unitScopeCondition(caller, 'records.read')))
    .orderBy(desc(policyBenefits.updatedAt))
    .limit(1000);
  const names = namesFrom(await policyAreas(exec, tenantId));
  return Promise.all(rows.map((r) => benefitView(exec, r.b, { title: r.title, state: r.state }, names)));
}

// ---- the selection: who a policy reaches ------------------------------------------------------------------

const s = policySubscribers;
const param = (xs: readonly string[]) => sql`${sql.param([...xs])}::text[]`;

/**
 * The SQL form of `fits` (src/core/policy/target.ts), criterion by criterion, over active subscribers;
 * tested against the rule on generated subscribers (test/integration/policy-match.test.ts).
 */
export function matchCondition(tenantId: string, t: Target, year: number): SQL {
  const conds: SQL[] = [eq(s.tenantId, tenantId), eq(s.status, 'active'), sql`${s.kind} = ANY(${param(t.audiences)})`];
  if (t.areas.length) conds.push(sql`(${s.area} IS NOT NULL AND ${s.area} = ANY(${param(t.areas)}))`);
  const personGroups = groupsFor(t, 'person');
  const enterpriseGroups = groupsFor(t, 'enterprise');
  if (personGroups.length) conds.push(sql`(${s.kind} <> 'person' OR ${s.groups} && ${param(personGroups)})`);
  const enterprise: SQL[] = [];
  if (enterpriseGroups.length) enterprise.push(sql`${s.groups} && ${param(enterpriseGroups)}`);
  if (t.industries.length) enterprise.push(sql`(${s.industry} IS NOT NULL AND ${s.industry} = ANY(${param(t.industries)}))`);
  if (t.sizes.length) enterprise.push(sql`(${s.size} IS NOT NULL AND ${s.size} = ANY(${param(t.sizes)}))`);
  if (enterprise.length) conds.push(sql`(${s.kind} <> 'enterprise' OR (${sql.join(enterprise, sql` AND `)}))`);
  const person: SQL[] = [];
  if (t.ageMin !== null || t.ageMax !== null) {
    const age: SQL[] = [sql`${s.birthYear} IS NOT NULL`];
    if (t.ageMin !== null) age.push(sql`${year}::int - ${s.birthYear} >= ${t.ageMin}::int`);
    if (t.ageMax !== null) age.push(sql`${year}::int - ${s.birthYear} <= ${t.ageMax}::int`);
    person.push(sql`(${sql.join(age, sql` AND `)})`);
  }
  if (t.localHukouOnly) person.push(sql`${s.localHukou}`);
  if (person.length) conds.push(sql`(${s.kind} <> 'person' OR (${sql.join(person, sql` AND `)}))`);
  conds.push(sql`(cardinality(${s.interests}) = 0 OR ${s.interests} && ${param(t.topics)})`);
  return and(...conds)!;
}

export function profileOf(r: Pick<SubscriberRow, 'kind' | 'area' | 'groups' | 'industry' | 'size' | 'interests' | 'birthYear' | 'localHukou'>): Profile {
  return { kind: r.kind, area: r.area, groups: r.groups, industry: r.industry, size: r.size, interests: r.interests, birthYear: r.birthYear, localHukou: r.localHukou };
}

/** Ids of the active subscribers a target reaches in `year`, by the SQL selection. */
export async function matchingSubscriberIds(exec: Executor, tenantId: string, t: Target, year: number): Promise<string[]> {
  const rows = await exec.select({ id: s.id }).from(s).where(matchCondition(tenantId, t, year)).orderBy(asc(s.id));
  return rows.map((r) => r.id);
}

/** How many subscribers a record's policy reaches now, and how many of them by e-mail. */
export async function benefitReach(exec: Executor, caller: Caller, recordId: string): Promise<{ subscribers: number; byEmail: number; notifiedCount: number | null }> {
  await visibleRecord(exec, caller, recordId);
  const [b] = await exec.select().from(policyBenefits).where(and(eq(policyBenefits.tenantId, caller.actor.tenantId), eq(policyBenefits.recordId, recordId)));
  if (!b) throw notFound('该文件的惠企利民政策信息');
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int`, mail: sql<number>`count(*) FILTER (WHERE ${s.emailConfirmedAt} IS NOT NULL AND ${s.email} IS NOT NULL)::int` })
    .from(s)
    .where(matchCondition(caller.actor.tenantId, targetOf(b), Number(todayLocal().slice(0, 4))));
  return { subscribers: r?.n ?? 0, byEmail: r?.mail ?? 0, notifiedCount: b.notifiedCount };
}

// ---- subscribers (the public side) ---------------------------------------------------------------------

export interface SubscriptionInput {
  profile: Profile;
  email: string;
}

function checkProfile(p: Profile, today = todayLocal()) {
  const problems = profileProblems(p, Number(today.slice(0, 4)));
  if (problems.length) throw badRequest(problems[0]!.message, { field: problems[0]!.field, problems });
}

async function checkArea(exec: Executor, tenantId: string, area: string | null) {
  if (area === null) return;
  const areas = await policyAreas(exec, tenantId);
  if (!areas.some((a) => a.id === area)) throw badRequest('请从列表中选择所在的乡镇（街道）', { field: 'area' });
}

function checkEmail(input: string): string {
  const email = normaliseEmail(input);
  if (!email) throw badRequest(input.trim() ? '电子邮箱格式不正确，请检查，如 zhangsan@example.com' : '请填写电子邮箱，用于接收政策推送', { field: 'email' });
  return email;
}

/** The profile in words, for e-mails and the subscriber's own pages. */
export function describeProfile(p: Profile, names: Names): string {
  const parts: string[] = [AUDIENCE_LABELS[p.kind]];
  if (p.area) parts.push(names.area(p.area));
  if (p.groups.length) parts.push(p.groups.map((g) => GROUP_LABELS[g]).join('、'));
  if (p.industry) parts.push(INDUSTRY_LABELS[p.industry]);
  if (p.size) parts.push(SIZE_LABELS[p.size]);
  if (p.birthYear) parts.push(`${p.birthYear}年出生`);
  if (p.localHukou) parts.push('本地户籍');
  parts.push(p.interests.length ? `关注${p.interests.map((i) => TOPIC_LABELS[i]).join('、')}` : '关注全部政策类别');
  return parts.join('，');
}

export async function siteName(exec: Executor, tenantId: string): Promise<string> {
  const t = await getTenant(exec, tenantId);
  return t?.settings.portalTitle || `${t?.name ?? ''}门户网站`;
}

export const manageUrl = (siteUrl: string, token: string) => `${siteUrl}${PORTAL_PUSH}my?t=${encodeURIComponent(token)}`;
export const confirmUrl = (siteUrl: string, token: string) => `${siteUrl}${PORTAL_PUSH}confirm?t=${encodeURIComponent(token)}`;

async function queueWelcome(exec: Executor, sub: SubscriberRow, token: string, confirmToken: string, names: Names) {
  const mail = welcomeMail({ site: await siteName(exec, sub.tenantId), manageUrl: manageUrl(sub.siteUrl, token), confirmUrl: confirmUrl(sub.siteUrl, confirmToken), profile: describeProfile(profileOf(sub), names) });
  await exec
    .insert(policyOutbox)
    .values({ tenantId: sub.tenantId, kind: 'welcome', dedupeKey: `welcome:${sub.id}:${sub.version}`, subscriberId: sub.id, toAddress: sub.email!, subject: mail.subject, body: mail.text, secret: true })
    .onConflictDoNothing();
}

/** A new subscription: the profile, the address (to be confirmed), the secret management token (returned once). */
export async function subscribe(exec: Executor, tenantId: string, input: SubscriptionInput & { siteUrl: string }): Promise<{ token: string; subscriber: SubscriberRow }> {
  const profile = normaliseProfile(input.profile);
  checkProfile(profile);
  const email = checkEmail(input.email);
  const token = newSecret();
  const confirmToken = newSecret();
  return exec.transaction(async (tx) => {
    await checkArea(tx, tenantId, profile.area);
    const [sub] = await tx
      .insert(policySubscribers)
      .values({ tenantId, ...profile, email, tokenHash: hashSecret(token), confirmHash: hashSecret(confirmToken), siteUrl: input.siteUrl })
      .returning();
    await queueWelcome(tx, sub!, token, confirmToken, namesFrom(await policyAreas(tx, tenantId)));
    await recordAudit(tx, publicActor(tenantId, '公众（政策订阅）'), { action: 'policy_subscriber.create', entityType: 'policy_subscriber', entityId: sub!.id, summary: `新增政策订阅（${AUDIENCE_LABELS[profile.kind]}）`, after: { kind: profile.kind } });
    return { token, subscriber: sub! };
  });
}

/** The subscription a management token opens (an active or a cancelled one), or null. */
export async function subscriberByToken(exec: Executor, tenantId: string, token: string): Promise<SubscriberRow | null> {
  if (!token || token.length > 100) return null;
  const [sub] = await exec.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.tokenHash, hashSecret(token))));
  return sub ?? null;
}

/** Confirms the address a confirmation link was sent to. */
export async function confirmEmail(exec: Executor, tenantId: string, confirmToken: string): Promise<SubscriberRow | null> {
  if (!confirmToken || confirmToken.length > 100) return null;
  return exec.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(policySubscribers)
      .where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.confirmHash, hashSecret(confirmToken)), eq(policySubscribers.status, 'active')))
      .for('update');
    if (!sub) return null;
    const [u] = await tx
      .update(policySubscribers)
      .set({ emailConfirmedAt: new Date(), confirmHash: null, updatedAt: new Date() })
      .where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.id, sub.id)))
      .returning();
    await recordAudit(tx, publicActor(tenantId, '公众（政策订阅）'), { action: 'policy_subscriber.confirm', entityType: 'policy_subscriber', entityId: sub.id, summary: '政策订阅者确认了电子邮箱' });
    return u!;
  });
}

/** The subscriber changes their profile or address; a new address is confirmed again. */
export async function updateSubscription(exec: Executor, sub: SubscriberRow, token: string, input: SubscriptionInput): Promise<SubscriberRow> {
  if (sub.status !== 'active') throw new AppError(409, 'CANCELLED', '该订阅已经取消，请重新订阅');
  const profile = normaliseProfile(input.profile);
  checkProfile(profile);
  const email = checkEmail(input.email);
  return exec.transaction(async (tx) => {
    await checkArea(tx, sub.tenantId, profile.area);
    const [cur] = await tx.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, sub.tenantId), eq(policySubscribers.id, sub.id))).for('update');
    if (!cur || cur.status !== 'active') throw new AppError(409, 'CANCELLED', '该订阅已经取消，请重新订阅');
    const newAddress = email !== cur.email;
    const confirmToken = newAddress ? newSecret() : null;
    const [u] = await tx
      .update(policySubscribers)
      .set({ ...profile, email, ...(newAddress ? { emailConfirmedAt: null, confirmHash: hashSecret(confirmToken!) } : {}), version: cur.version + 1, updatedAt: new Date() })
      .where(and(eq(policySubscribers.tenantId, sub.tenantId), eq(policySubscribers.id, sub.id)))
      .returning();
    if (newAddress) {
      // Nothing more goes to the old address.
      await tx
        .update(policyOutbox)
        .set({ status: 'cancelled', body: '' })
        .where(and(eq(policyOutbox.tenantId, sub.tenantId), eq(policyOutbox.subscriberId, sub.id), eq(policyOutbox.status, 'pending')));
      await queueWelcome(tx, u!, token, confirmToken!, namesFrom(await policyAreas(tx, sub.tenantId)));
    }
    await recordAudit(tx, publicActor(sub.tenantId, '公众（政策订阅）'), { action: 'policy_subscriber.update', entityType: 'policy_subscriber', entityId: sub.id, summary: `政策订阅者修改了订阅条件${newAddress ? '和电子邮箱' : ''}` });
    return u!;
  });
}

/** Cancelled by the subscriber: the address and the profile are erased, nothing more is sent. */
export async function cancelSubscription(exec: Executor, sub: SubscriberRow): Promise<void> {
  await exec.transaction(async (tx) => {
    const [cur] = await tx.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, sub.tenantId), eq(policySubscribers.id, sub.id))).for('update');
    if (!cur || cur.status !== 'active') return;
    await tx
      .update(policySubscribers)
      .set({ status: 'cancelled', cancelledAt: new Date(), email: null, emailConfirmedAt: null, confirmHash: null, area: null, groups: [], industry: null, size: null, interests: [], birthYear: null, localHukou: false, version: cur.version + 1, updatedAt: new Date() })
      .where(and(eq(policySubscribers.tenantId, sub.tenantId), eq(policySubscribers.id, sub.id)));
    await tx.update(policyOutbox).set({ status: 'cancelled', body: '', toAddress: '' }).where(and(eq(policyOutbox.tenantId, sub.tenantId), eq(policyOutbox.subscriberId, sub.id), eq(policyOutbox.status, 'pending')));
    await tx.delete(policyInbox).where(and(eq(policyInbox.tenantId, sub.tenantId), eq(policyInbox.subscriberId, sub.id)));
    await recordAudit(tx, publicActor(sub.tenantId, '公众（政策订阅）'), { action: 'policy_subscriber.cancel', entityType: 'policy_subscriber', entityId: sub.id, summary: '政策订阅者取消了订阅（邮箱和订阅条件已删除）' });
  });
}

export const LINK_MAIL_EVERY_MINUTES = 10;

/**
 * A lost management link: new tokens for every active subscription of the address, sent to it (at most
 * once in LINK_MAIL_EVERY_MINUTES). The answer is the same whether the address is known or not.
 */
export async function resendLinks(exec: Executor, tenantId: string, emailInput: string, now = new Date()): Promise<void> {
  const email = checkEmail(emailInput);
  await exec.transaction(async (tx) => {
    const subs = await tx.select().from(policySubscribers).where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.email, email), eq(policySubscribers.status, 'active'))).orderBy(asc(policySubscribers.createdAt)).for('update');
    if (!subs.length) return;
    const bucket = Math.floor(now.getTime() / (LINK_MAIL_EVERY_MINUTES * 60_000));
    const dedupeKey = `links:${hashSecret(email)}:${bucket}`;
    const [recent] = await tx
      .select({ id: policyOutbox.id })
      .from(policyOutbox)
      .where(and(eq(policyOutbox.tenantId, tenantId), eq(policyOutbox.kind, 'links'), eq(policyOutbox.toAddress, email), sql`${policyOutbox.createdAt} > ${new Date(now.getTime() - LINK_MAIL_EVERY_MINUTES * 60_000)}`))
      .limit(1);
    if (recent) return;
    const names = namesFrom(await policyAreas(tx, tenantId));
    const links: { manageUrl: string; profile: string }[] = [];
    for (const sub of subs) {
      const token = newSecret();
      await tx.update(policySubscribers).set({ tokenHash: hashSecret(token), updatedAt: new Date() }).where(and(eq(policySubscribers.tenantId, tenantId), eq(policySubscribers.id, sub.id)));
      links.push({ manageUrl: manageUrl(sub.siteUrl, token), profile: describeProfile(profileOf(sub), names) });
    }
    const mail = linksMail({ site: await siteName(tx, tenantId), links });
    await tx.insert(policyOutbox).values({ tenantId, kind: 'links', dedupeKey, subscriberId: subs[0]!.id, toAddress: email, subject: mail.subject, body: mail.text, secret: true }).onConflictDoNothing();
    await recordAudit(tx, publicActor(tenantId, '公众（政策订阅）'), { action: 'policy_subscriber.links', entityType: 'policy_subscriber', entityId: subs[0]!.id, summary: `重新发送政策订阅管理链接（${subs.length}个订阅）` });
  });
}

// ---- what a subscriber sees ---------------------------------------------------------------------------

export interface PublicBenefit {
  recordId: string;
  title: string;
  publishedOn: string | null;
  unitName: string;
  target: Target;
  targetText: string;
  conditions: string;
  materials: string[];
  process: string;
  contact: string;
  startsOn: string | null;
  endsOn: string | null;
  period: string | null;
  /** The application period is over. */
  ended: boolean;
}

/** Benefit policies the public may read: their records are published; ended ones last (or left out). */
export async function publicBenefits(exec: Executor, tenantId: string, opts: { recordId?: string; includeEnded?: boolean } = {}, today = todayLocal()): Promise<PublicBenefit[]> {
  const rows = await exec
    .select({ b: policyBenefits, title: records.title, publishedAt: records.publishedAt, unitName: units.name })
    .from(policyBenefits)
    .innerJoin(records, and(eq(records.tenantId, policyBenefits.tenantId), eq(records.id, policyBenefits.recordId)))
    .innerJoin(units, and(eq(units.tenantId, policyBenefits.tenantId), eq(units.id, policyBenefits.unitId)))
    .where(and(eq(policyBenefits.tenantId, tenantId), isPublicRecord(), opts.recordId ? eq(policyBenefits.recordId, opts.recordId) : undefined))
    .orderBy(desc(records.publishedAt))
    .limit(500);
  const names = namesFrom(await policyAreas(exec, tenantId));
  return rows
    .map(({ b, title, publishedAt, unitName }) => {
      const target = targetOf(b);
      return {
        recordId: b.recordId,
        title,
        publishedOn: publishedAt ? todayLocal(publishedAt) : null,
        unitName,
        target,
        targetText: describeTarget(target, names),
        conditions: b.conditions,
        materials: b.materials,
        process: b.process,
        contact: b.contact,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        period: periodText(b.startsOn, b.endsOn),
        ended: b.endsOn !== null && b.endsOn < today,
      };
    })
    .filter((b) => opts.includeEnded || opts.recordId || !b.ended);
}

export interface InboxItem {
  id: string;
  recordId: string;
  title: string;
  reasons: string[];
  receivedOn: string;
  unread: boolean;
  ended: boolean;
  period: string | null;
}

export interface SubscriberPage {
  status: 'active' | 'cancelled';
  profile: Profile;
  profileText: string;
  email: string | null;
  emailMasked: string | null;
  emailConfirmed: boolean;
  inbox: InboxItem[];
  /** Every current policy that fits the profile now, with why. */
  current: (PublicBenefit & { reasons: string[] })[];
}

export async function subscriberPage(exec: Executor, sub: SubscriberRow, today = todayLocal()): Promise<SubscriberPage> {
  const areas = await policyAreas(exec, sub.tenantId);
  const names = namesFrom(areas);
  const profile = profileOf(sub);
  const rows = await exec
    .select({ m: policyInbox, title: records.title, endsOn: policyBenefits.endsOn, startsOn: policyBenefits.startsOn })
    .from(policyInbox)
    .innerJoin(records, and(eq(records.tenantId, policyInbox.tenantId), eq(records.id, policyInbox.recordId)))
    .leftJoin(policyBenefits, and(eq(policyBenefits.tenantId, policyInbox.tenantId), eq(policyBenefits.recordId, policyInbox.recordId)))
    .where(and(eq(policyInbox.tenantId, sub.tenantId), eq(policyInbox.subscriberId, sub.id), isPublicRecord()))
    .orderBy(desc(policyInbox.createdAt))
    .limit(200);
  const year = Number(today.slice(0, 4));
  const current = sub.status === 'active' ? (await publicBenefits(exec, sub.tenantId, {}, today)).flatMap((b) => {
    const e = explain(b.target, profile, year, names);
    return e.fits ? [{ ...b, reasons: e.checks.map((c) => c.text) }] : [];
  }) : [];
  return {
    status: sub.status,
    profile,
    profileText: describeProfile(profile, names),
    email: sub.email,
    emailMasked: sub.email ? maskEmail(sub.email) : null,
    emailConfirmed: !!sub.emailConfirmedAt,
    inbox: rows.map((r) => ({
      id: r.m.id,
      recordId: r.m.recordId,
      title: r.title,
      reasons: r.m.reasons,
      receivedOn: todayLocal(r.m.createdAt),
      unread: !r.m.readAt,
      ended: r.endsOn !== null && r.endsOn < today,
      period: periodText(r.startsOn, r.endsOn),
    })),
    current,
  };
}

export async function markInboxRead(exec: Executor, sub: SubscriberRow): Promise<void> {
  await exec.update(policyInbox).set({ readAt: new Date() }).where(and(eq(policyInbox.tenantId, sub.tenantId), eq(policyInbox.subscriberId, sub.id), isNull(policyInbox.readAt)));
}

// ---- staff figures -----------------------------------------------------------------------------------

/** Subscribers are the whole government's: only those who may read records of the root unit see the figures. */
async function assertTenantWide(exec: Executor, caller: Caller) {
  const root = await rootOf(exec, caller.actor.tenantId);
  if (!can(caller, 'records.read', root)) throw forbidden('订阅者统计涉及全县，只有对本级政府有查看权限的人员可以查看');
}

export async function subscriberSummary(exec: Executor, caller: Caller) {
  await assertTenantWide(exec, caller);
  const tenantId = caller.actor.tenantId;
  const [totals] = (await exec.execute(sql`
    SELECT count(*) FILTER (WHERE status = 'active')::int AS active,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
           count(*) FILTER (WHERE status = 'active' AND kind = 'person')::int AS persons,
           count(*) FILTER (WHERE status = 'active' AND kind = 'enterprise')::int AS enterprises,
           count(*) FILTER (WHERE status = 'active' AND email_confirmed_at IS NOT NULL)::int AS confirmed
    FROM policy_subscribers WHERE tenant_id = ${tenantId}`)).rows as { active: number; cancelled: number; persons: number; enterprises: number; confirmed: number }[];
  const byGroup = (await exec.execute(sql`SELECT g AS key, count(*)::int AS n FROM policy_subscribers, unnest(groups) g WHERE tenant_id = ${tenantId} AND status = 'active' GROUP BY g ORDER BY n DESC`)).rows as { key: string; n: number }[];
  const byArea = (await exec.execute(sql`SELECT coalesce(area, '') AS key, count(*)::int AS n FROM policy_subscribers WHERE tenant_id = ${tenantId} AND status = 'active' GROUP BY area ORDER BY n DESC`)).rows as { key: string; n: number }[];
  const names = namesFrom(await policyAreas(exec, tenantId));
  return {
    ...totals!,
    byGroup: byGroup.map((g) => ({ group: g.key, label: GROUP_LABELS[g.key as keyof typeof GROUP_LABELS] ?? g.key, count: g.n })),
    byArea: byArea.map((a) => ({ area: a.key || null, label: a.key ? names.area(a.key) : '未填写', count: a.n })),
  };
}

export async function outboxSummary(exec: Executor, caller: Caller, smtpConfigured: boolean) {
  await assertTenantWide(exec, caller);
  const rows = await exec
    .select({ status: policyOutbox.status, n: sql<number>`count(*)::int` })
    .from(policyOutbox)
    .where(eq(policyOutbox.tenantId, caller.actor.tenantId))
    .groupBy(policyOutbox.status);
  const counts: Record<OutboxState, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = r.n;
  const [last] = await exec
    .select({ error: policyOutbox.lastError, at: policyOutbox.nextAttemptAt })
    .from(policyOutbox)
    .where(and(eq(policyOutbox.tenantId, caller.actor.tenantId), sql`${policyOutbox.lastError} IS NOT NULL`))
    .orderBy(desc(policyOutbox.nextAttemptAt))
    .limit(1);
  return { smtpConfigured, ...counts, lastError: last?.error ?? null };
}
