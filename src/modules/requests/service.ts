// Disclosure requests (依申请公开) from intake to closing: registration with the Art. 31 receipt date, every
// step of src/core/requests/workflow.ts with its event, the Art. 33 clock recomputed after each step and
// stored with its derivation, routing (assignment, 协查), fees, replies, and the applicant's own view.
// Applicants' details are shown in full only to those who handle the request (requests.handle on its unit);
// everybody else sees them masked, and they never enter the audit log.
import { createHash, randomInt } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate, type WorkingCalendar } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import { parseDocNo } from '../../core/publishing/doc-no.ts';
import {
  APPLICANT_TYPE_LABELS,
  applicantProblems,
  ID_DOC_LABELS,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseIdNumber,
  type ApplicantInput,
} from '../../core/requests/applicant.ts';
import {
  consultationDue,
  DEFAULT_CORRECTION_PERIOD_DAYS,
  describePause,
  feePaymentDue,
  PAUSE_LABELS,
  requestClock,
  workingDaysUsed,
  type ClockFacts,
  type ClockView,
  type PauseKind,
} from '../../core/requests/clock.ts';
import { computeFee, type FeeBasis } from '../../core/requests/fees.ts';
import { CHANNEL_LABELS, receiptDate, type Channel } from '../../core/requests/receipt.ts';
import { descriptionProblem, excessiveVolume, possibleRepeats } from '../../core/requests/repeat.ts';
import { replyResult, RESULT_GROUP_LABELS, type ResultCode } from '../../core/requests/results.ts';
import { CLOCK_STATES, EVENT_LABELS, eventsIn, OPEN_STATES, requestTransition, STATE_LABELS, type RequestEvent, type RequestSnapshot, type RequestState } from '../../core/requests/workflow.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { tenants, units, users, type RequestSettings } from '../org/schema.ts';
import { requireUnit, unitScopeCondition, type UnitRow } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import {
  disclosureRequests,
  requestAppeals,
  requestAssists,
  requestCounters,
  requestDocuments,
  requestEvents,
  requestPauses,
  requestRecords,
  type DeliveryMethod,
  type InfoForm,
} from './schema.ts';

export type RequestRow = typeof disclosureRequests.$inferSelect;
type PauseRow = typeof requestPauses.$inferSelect;

export const INFO_FORM_LABELS: Record<InfoForm, string> = { paper: '纸质', electronic: '电子' };
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = { post: '邮寄', email: '电子邮件', collect: '当面领取', online: '网上获取', fax: '传真' };
const CONSULTATION_KINDS: PauseKind[] = ['third_party', 'co_producer', 'other_organ'];

// ---- settings, numbers, keys ----------------------------------------------------------------------

export async function requestSettings(exec: Executor, tenantId: string): Promise<Required<Pick<RequestSettings, 'feePausesClock' | 'monthlyVolumeLimit'>> & RequestSettings & { tenantName: string }> {
  const [t] = await exec.select({ name: tenants.name, settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  const s = t?.settings.requests ?? {};
  return { ...s, feePausesClock: s.feePausesClock ?? true, monthlyVolumeLimit: s.monthlyVolumeLimit ?? 10, tenantName: t?.name ?? '' };
}

async function issueNumber(exec: Executor, tenantId: string, year: number): Promise<string> {
  const res = await exec.execute(sql`
    INSERT INTO request_counters (tenant_id, year, seq) VALUES (${tenantId}, ${year}, 1)
    ON CONFLICT (tenant_id, year) DO UPDATE SET seq = request_counters.seq + 1
    RETURNING seq`);
  const seq = (res.rows[0] as { seq: number }).seq;
  return `YSQ-${year}-${String(seq).padStart(5, '0')}`;
}

/** 8 characters without look-alikes (no 0/O, 1/I/L): read over the phone, typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function hashQueryCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

/** The same applicant across requests, without comparing the numbers themselves. */
export function applicantKey(tenantId: string, a: Pick<ApplicantInput, 'idType' | 'idNumber'>): string {
  return createHash('sha256').update(`${tenantId}|${a.idType}|${normaliseIdNumber(a.idType, a.idNumber)}`).digest('hex');
}

// ---- views ----------------------------------------------------------------------------------------

export interface ApplicantView {
  type: string;
  typeLabel: string;
  name: string;
  idType: string;
  idTypeLabel: string;
  idNumber: string;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  /** true when the caller may not see the details: then they are masked. */
  masked: boolean;
}

function applicantView(r: RequestRow, full: boolean): ApplicantView {
  const org = r.applicantType !== 'natural_person';
  return {
    type: r.applicantType,
    typeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
    // An organisation's name is not personal data; a person's is.
    name: full || org ? r.applicantName : maskName(r.applicantName),
    idType: r.applicantIdType,
    idTypeLabel: ID_DOC_LABELS[r.applicantIdType],
    idNumber: full || r.applicantIdType === 'credit_code' ? r.applicantIdNumber : maskIdNumber(r.applicantIdNumber),
    contactPerson: full ? r.contactPerson : r.contactPerson ? maskName(r.contactPerson) : null,
    phone: full ? r.phone : r.phone ? maskPhone(r.phone) : null,
    email: full ? r.email : r.email ? r.email.replace(/^(.).*(@.*)$/, '$1***$2') : null,
    address: full ? r.address : r.address ? '［已隐去］' : null,
    postcode: full ? r.postcode : null,
    masked: !full,
  };
}

export interface RequestListItem {
  id: string;
  number: string;
  state: RequestState;
  stateLabel: string;
  unitId: string;
  unitName: string;
  channel: Channel;
  channelLabel: string;
  applicantType: string;
  applicantTypeLabel: string;
  applicantName: string;
  subject: string;
  arrivedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  result: string | null;
  resultLabel: string | null;
  repliedOn: string | null;
  flags: string[];
  version: number;
}

export interface RequestView extends RequestListItem {
  handlerId: string | null;
  handlerName: string | null;
  confirmedOn: string | null;
  receiptRule: string | null;
  applicant: ApplicantView;
  infoTitle: string | null;
  infoDocNo: string | null;
  description: string;
  infoForm: InfoForm;
  infoFormLabel: string;
  delivery: DeliveryMethod;
  deliveryLabel: string;
  correctionRequestedOn: string | null;
  correctionDueOn: string | null;
  correctionText: string | null;
  correctedOn: string | null;
  extensionDays: number;
  extensionApprover: string | null;
  extensionReason: string | null;
  extendedOn: string | null;
  clock: (Omit<ClockView, 'deadline'> & { daysLeft: number | null }) | null;
  dueExplanation: string | null;
  fee: { basis: FeeBasis; amount: number; explanation: string | null; noticeOn: string | null; dueOn: string | null; paidOn: string | null } | null;
  resultGroupLabel: string | null;
  resultGround: string | null;
  replyText: string | null;
  referOrgan: string | null;
  workingDaysUsed: number | null;
  workingDaysLate: number | null;
  deliveredOn: string | null;
  deliveryNote: string | null;
  possibleRepeats: { id: string; number: string }[];
  excessiveVolume: boolean;
  allowedEvents: RequestEvent[];
  mayHandle: boolean;
  events: { id: string; at: string; on: string; event: string; eventLabel: string; actorLabel: string; fromState: string | null; toState: string | null; comment: string | null; data: Record<string, unknown> }[];
  pauses: { id: string; kind: PauseKind; kindLabel: string; party: string | null; fromOn: string; toOn: string | null; partyDueOn: string | null; outcome: string | null; note: string | null; text: string }[];
  documents: { id: string; kind: string; fileName: string; mime: string; size: number; forApplicant: boolean; recordId: string | null; createdAt: string }[];
  records: { id: string; title: string; docNo: string | null; state: string }[];
  assists: AssistView[];
  appeals: AppealView[];
}

export interface AssistView {
  id: string;
  requestId: string;
  requestNumber: string;
  unitId: string;
  unitName: string;
  askedOn: string;
  dueOn: string;
  dueExplanation: string | null;
  question: string;
  answer: string | null;
  answeredOn: string | null;
  answeredByLabel: string | null;
  overdue: boolean;
  version: number;
}

export interface AppealView {
  id: string;
  requestId: string;
  path: string;
  pathLabel: string;
  organ: string | null;
  caseNo: string | null;
  filedOn: string;
  outcome: string;
  outcomeLabel: string;
  decidedOn: string | null;
  note: string | null;
  version: number;
}

export const APPEAL_PATH_LABELS = { reconsideration: '行政复议', litigation: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' } as const;
export const APPEAL_OUTCOME_LABELS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

function subjectOf(r: RequestRow): string {
  const s = r.infoTitle?.trim() || r.description.trim();
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function flagsOf(r: RequestRow): string[] {
  const f: string[] = [];
  if (r.possibleRepeatOf.length) f.push('疑似重复申请');
  if (r.excessiveVolume) f.push('申请数量明显超过合理范围');
  return f;
}

function listItem(r: RequestRow, unitName: string, full: boolean, today: LocalDate): RequestListItem {
  const clockRunning = (CLOCK_STATES as readonly string[]).includes(r.state);
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    unitId: r.unitId,
    unitName,
    channel: r.channel,
    channelLabel: CHANNEL_LABELS[r.channel],
    applicantType: r.applicantType,
    applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
    applicantName: full || r.applicantType !== 'natural_person' ? r.applicantName : maskName(r.applicantName),
    subject: subjectOf(r),
    arrivedOn: r.arrivedOn,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    overdue: clockRunning && r.state !== 'consulting' && !!r.dueOn && today > r.dueOn,
    result: r.result,
    resultLabel: r.result ? replyResult(r.result).short : null,
    repliedOn: r.repliedOn,
    flags: flagsOf(r),
    version: r.version,
  };
}

// ---- clock ------------------------------------------------------------------------------------------

function clockFacts(r: RequestRow, pauses: readonly PauseRow[], feePausesClock: boolean): ClockFacts | null {
  if (!r.receivedOn) return null;
  return {
    receivedOn: r.receivedOn,
    correction: r.correctionRequestedOn ? { requestedOn: r.correctionRequestedOn, correctedOn: r.correctedOn } : null,
    pauses: pauses.filter((p) => p.kind !== 'fee' || feePausesClock).map((p) => ({ kind: p.kind, from: p.fromOn, to: p.toOn })),
    extensionDays: r.extensionDays,
  };
}

async function pausesOf(exec: Executor, tenantId: string, requestId: string): Promise<PauseRow[]> {
  return exec.select().from(requestPauses).where(and(eq(requestPauses.tenantId, tenantId), eq(requestPauses.requestId, requestId))).orderBy(asc(requestPauses.fromOn), asc(requestPauses.createdAt));
}

/** The clock of a request on `today`, from its row and pauses. */
export function clockOf(cal: WorkingCalendar, r: RequestRow, pauses: readonly PauseRow[], feePausesClock: boolean, today: LocalDate): ClockView | null {
  const facts = clockFacts(r, pauses, feePausesClock);
  return facts ? requestClock(cal, facts, today) : null;
}

/** Writes the due date and its derivation onto the row (after every step, and daily for a paused clock). */
async function storeClock(exec: Executor, r: RequestRow, cal: WorkingCalendar, feePausesClock: boolean, today: LocalDate): Promise<RequestRow> {
  const pauses = await pausesOf(exec, r.tenantId, r.id);
  const c = clockOf(cal, r, pauses, feePausesClock, today);
  const dueOn = c?.dueOn ?? null;
  const dueExplanation = c?.explanation ?? null;
  if (dueOn === r.dueOn && dueExplanation === r.dueExplanation) return r;
  const [row] = await exec
    .update(disclosureRequests)
    .set({ dueOn, dueExplanation })
    .where(and(eq(disclosureRequests.tenantId, r.tenantId), eq(disclosureRequests.id, r.id)))
    .returning();
  return row!;
}

/** The stored due date of one request brought up to `today` (the daily sweep, for paused clocks). */
export async function refreshClock(exec: Executor, r: RequestRow, today = todayLocal()): Promise<RequestRow> {
  const [settings, cal] = await Promise.all([requestSettings(exec, r.tenantId), tenantCalendar(exec, r.tenantId)]);
  return storeClock(exec, r, cal, settings.feePausesClock, today);
}

// ---- access -----------------------------------------------------------------------------------------

async function requireRow(exec: Executor, tenantId: string, id: string, lock = false): Promise<RequestRow> {
  const q = exec.select().from(disclosureRequests).where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('申请');
  return row;
}

/** The request, if the caller may see it (requests.read on its unit); else 404, never a hint it exists. */
async function visible(exec: Executor, caller: Caller, id: string, lock = false): Promise<{ row: RequestRow; unit: UnitRow }> {
  const row = await requireRow(exec, caller.actor.tenantId, id, lock);
  const unit = await requireUnit(exec, caller.actor.tenantId, row.unitId);
  if (!can(caller, 'requests.read', unit)) throw notFound('申请');
  return { row, unit };
}

async function addEvent(exec: Executor, caller: Caller, requestId: string, event: string, e: { on: LocalDate; from?: RequestState | null; to?: RequestState | null; comment?: string | null; data?: Record<string, unknown> }) {
  const [row] = await exec
    .insert(requestEvents)
    .values({
      tenantId: caller.actor.tenantId,
      requestId,
      on: e.on,
      actorId: caller.actor.userId,
      actorLabel: caller.actor.label,
      event,
      fromState: e.from ?? null,
      toState: e.to ?? null,
      comment: e.comment ?? null,
      data: e.data ?? {},
    })
    .returning({ id: requestEvents.id });
  return row!.id;
}

/** What the audit log keeps of a request: never the applicant's details. */
function auditShape(r: RequestRow) {
  return { number: r.number, state: r.state, unitId: r.unitId, handlerId: r.handlerId, receivedOn: r.receivedOn, dueOn: r.dueOn, result: r.result, extensionDays: r.extensionDays, version: r.version };
}

// ---- intake -----------------------------------------------------------------------------------------

export interface RequestInput {
  unitId?: string | null;
  applicant: ApplicantInput;
  infoTitle?: string | null;
  infoDocNo?: string | null;
  description: string;
  infoForm: InfoForm;
  delivery: DeliveryMethod;
}

export interface RegisterInput extends RequestInput {
  channel: Channel;
  arrivedOn: LocalDate;
  confirmedOn?: LocalDate | null;
  handlerId?: string | null;
  note?: string | null;
}

function checkInput(input: RequestInput) {
  const problems = applicantProblems(input.applicant, { needsPostalAddress: input.delivery === 'post', needsEmail: input.delivery === 'email' });
  if (problems.length) throw badRequest(problems[0]!.message, { field: problems[0]!.field, problems });
  const d = descriptionProblem(input.description);
  if (d) throw badRequest(d, { field: 'description' });
  if (input.infoDocNo?.trim()) {
    const p = parseDocNo(input.infoDocNo);
    if (!p.ok) throw badRequest(`文号“${input.infoDocNo}”无法识别：${p.message}；不确定的可以不填，写在描述中`, { field: 'infoDocNo' });
  }
}

function normaliseDoc(input: string | null | undefined): string | null {
  if (!input?.trim()) return null;
  const p = parseDocNo(input);
  return p.ok ? p.docNo.normalized : input.trim();
}

/** The organs a request may be addressed to: the government and the units that answer for themselves. */
const ADDRESSABLE_KINDS = ['government', 'office', 'open_gov_office', 'department', 'township', 'street', 'development_zone', 'vertical'];

export async function addressableUnits(exec: Executor, tenantId: string) {
  return exec
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.kind, ADDRESSABLE_KINDS as never[]), sql`${units.abolishedAt} IS NULL`))
    .orderBy(sql`array_length(${units.path}, 1)`, asc(units.sortOrder), asc(units.code));
}

async function signals(exec: Executor, tenantId: string, key: string, description: string, docNo: string | null, arrivedOn: LocalDate, limit: number, excludeId?: string) {
  const earlier = await exec
    .select({ id: disclosureRequests.id, number: disclosureRequests.number, description: disclosureRequests.description, docNo: disclosureRequests.infoDocNo, result: disclosureRequests.result, arrivedOn: disclosureRequests.arrivedOn })
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.applicantKey, key), excludeId ? sql`${disclosureRequests.id} <> ${excludeId}` : undefined))
    .orderBy(desc(disclosureRequests.arrivedOn))
    .limit(500);
  const repeats = possibleRepeats(
    description,
    docNo,
    earlier.map((e) => ({ id: e.id, number: e.number, description: e.description, docNo: e.docNo, answered: e.result !== null && e.result !== 'other.other' })),
  );
  const month = arrivedOn.slice(0, 7);
  const inMonth = earlier.filter((e) => e.arrivedOn.slice(0, 7) === month).length + 1;
  return { possibleRepeatOf: repeats.map((r) => r.id), excessiveVolume: excessiveVolume(inMonth, limit), nthInMonth: inMonth };
}

/** A request filed by the applicant on the portal: waits for staff to confirm receipt (Art. 31(三)). */
export async function intakeRequest(exec: Executor, tenantId: string, input: RequestInput, today = todayLocal()): Promise<{ id: string; number: string; queryCode: string; unitName: string }> {
  checkInput(input);
  const settings = await requestSettings(exec, tenantId);
  return exec.transaction(async (tx) => {
    const unitId = input.unitId ?? settings.defaultUnitId ?? null;
    const unit = unitId ? await requireUnit(tx, tenantId, unitId).catch(() => null) : (await addressableUnits(tx, tenantId))[0];
    if (!unit || !ADDRESSABLE_KINDS.includes(unit.kind)) throw badRequest('请选择受理申请的机关', { field: 'unitId' });
    const number = await issueNumber(tx, tenantId, Number(today.slice(0, 4)));
    const queryCode = newQueryCode();
    const key = applicantKey(tenantId, input.applicant);
    const docNo = normaliseDoc(input.infoDocNo);
    const sig = await signals(tx, tenantId, key, input.description, docNo, today, settings.monthlyVolumeLimit);
    const [row] = await tx
      .insert(disclosureRequests)
      .values({
        tenantId,
        number,
        queryCodeHash: hashQueryCode(queryCode),
        unitId: unit.id,
        state: 'submitted',
        channel: 'online',
        arrivedOn: today,
        ...applicantColumns(tenantId, input.applicant),
        infoTitle: input.infoTitle?.trim() || null,
        infoDocNo: docNo,
        description: input.description.trim(),
        infoForm: input.infoForm,
        delivery: input.delivery,
        possibleRepeatOf: sig.possibleRepeatOf,
        excessiveVolume: sig.excessiveVolume,
      })
      .returning();
    const caller: Caller = { kind: 'system', actor: { tenantId, userId: null, label: '申请人（网上申请）' } };
    await addEvent(tx, caller, row!.id, 'create', { on: today, to: 'submitted', data: { channel: 'online' } });
    await recordAudit(tx, caller.actor, { action: 'request.intake', entityType: 'request', entityId: row!.id, summary: `收到网上政府信息公开申请 ${number}（${unit.name}）`, after: auditShape(row!) });
    return { id: row!.id, number, queryCode, unitName: unit.name };
  });
}

function applicantColumns(tenantId: string, a: ApplicantInput) {
  return {
    applicantType: a.type,
    applicantName: a.name.trim(),
    applicantIdType: a.idType,
    applicantIdNumber: normaliseIdNumber(a.idType, a.idNumber),
    applicantKey: applicantKey(tenantId, a),
    contactPerson: a.contactPerson?.trim() || null,
    phone: a.phone?.replace(/\s/g, '') || null,
    email: a.email?.trim() || null,
    address: a.address?.trim() || null,
    postcode: a.postcode?.trim() || null,
  };
}

/**
 * A request that came by letter, fax, e-mail or in person, registered by staff (already received).
 * `today` is the day the registration is judged on (the demo loader replays history with it).
 */
export async function registerRequest(exec: Executor, caller: Caller, input: RegisterInput, today = todayLocal()): Promise<{ view: RequestView; queryCode: string }> {
  const tenantId = caller.actor.tenantId;
  checkInput(input);
  if (input.channel === 'online') throw badRequest('网上申请由申请人在门户网站提交；请选择实际的提交方式', { field: 'channel' });
  const receipt = receiptDate({ channel: input.channel, arrivedOn: input.arrivedOn, confirmedOn: input.confirmedOn ?? null }, today);
  if (!receipt.ok) throw badRequest(receipt.message, { field: receipt.field });
  const settings = await requestSettings(exec, tenantId);
  const cal = await tenantCalendar(exec, tenantId);
  const result = await exec.transaction(async (tx) => {
    if (!input.unitId) throw badRequest('请选择承办单位', { field: 'unitId' });
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'requests.handle', unit, unit.name);
    if (input.handlerId) await requireHandler(tx, tenantId, input.handlerId);
    const number = await issueNumber(tx, tenantId, Number(receipt.receivedOn.slice(0, 4)));
    const queryCode = newQueryCode();
    const key = applicantKey(tenantId, input.applicant);
    const docNo = normaliseDoc(input.infoDocNo);
    const sig = await signals(tx, tenantId, key, input.description, docNo, input.arrivedOn, settings.monthlyVolumeLimit);
    const [inserted] = await tx
      .insert(disclosureRequests)
      .values({
        tenantId,
        number,
        queryCodeHash: hashQueryCode(queryCode),
        unitId: unit.id,
        handlerId: input.handlerId ?? (caller.kind === 'user' ? caller.principal.userId : null),
        state: 'registered',
        channel: input.channel,
        arrivedOn: input.arrivedOn,
        confirmedOn: input.confirmedOn ?? null,
        receivedOn: receipt.receivedOn,
        receiptRule: receipt.rule,
        ...applicantColumns(tenantId, input.applicant),
        infoTitle: input.infoTitle?.trim() || null,
        infoDocNo: docNo,
        description: input.description.trim(),
        infoForm: input.infoForm,
        delivery: input.delivery,
        possibleRepeatOf: sig.possibleRepeatOf,
        excessiveVolume: sig.excessiveVolume,
        createdBy: caller.actor.userId,
      })
      .returning();
    const row = await storeClock(tx, inserted!, cal, settings.feePausesClock, today);
    await addEvent(tx, caller, row.id, 'create', { on: receipt.receivedOn, to: 'registered', comment: input.note ?? null, data: { channel: input.channel, receiptRule: receipt.rule, warnings: receipt.warnings } });
    await recordAudit(tx, caller.actor, { action: 'request.register', entityType: 'request', entityId: row.id, summary: `登记政府信息公开申请 ${number}（${CHANNEL_LABELS[input.channel]}，${unit.name}）`, after: auditShape(row) });
    return { id: row.id, queryCode };
  });
  return { view: await getRequest(exec, caller, result.id), queryCode: result.queryCode };
}

async function requireHandler(exec: Executor, tenantId: string, userId: string) {
  const [u] = await exec.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  if (!u) throw badRequest('承办人不存在', { field: 'handlerId' });
  return u;
}

// ---- steps ------------------------------------------------------------------------------------------

export interface ActInput {
  event: RequestEvent;
  version: number;
  on?: LocalDate | null;
  comment?: string | null;
  /** request_correction: the last day to correct (default: 15 working days after the notice). */
  correctionDueOn?: LocalDate | null;
  /** start_consultation. */
  pauseKind?: PauseKind | null;
  party?: string | null;
  /** end_consultation. */
  consultationOutcome?: 'agreed' | 'objected' | 'no_reply' | null;
  /** extend. */
  extensionDays?: number | null;
  approver?: string | null;
  /** assign. */
  unitId?: string | null;
  handlerId?: string | null;
  /** reply. */
  result?: ResultCode | null;
  referOrgan?: string | null;
  recordIds?: string[] | null;
  /** issue_fee_notice. */
  feeBasis?: FeeBasis | null;
  pages?: number | null;
  /** deliver. */
  deliveryNote?: string | null;
}

function snapshot(r: RequestRow, pauses: readonly PauseRow[], cal: WorkingCalendar): RequestSnapshot {
  const open = pauses.find((p) => p.toOn === null && p.kind !== 'fee');
  return {
    state: r.state,
    receivedOn: r.receivedOn,
    correctionRequestedOn: r.correctionRequestedOn,
    correctedOn: r.correctedOn,
    correctionDueOn: r.correctionDueOn,
    correctionNoticeDueOn: r.receivedOn ? cal.addWorkingDays(r.receivedOn, 7).due : null,
    extensionDays: r.extensionDays,
    dueOn: r.dueOn,
    consultationDueOn: open?.partyDueOn ?? null,
    feeDueOn: r.feeDueOn,
  };
}

const EVENT_PERMISSION: Record<RequestEvent, 'requests.handle'> = Object.fromEntries(
  (['register', 'request_correction', 'receive_correction', 'deem_abandoned', 'start_consultation', 'end_consultation', 'issue_fee_notice', 'record_payment', 'deem_fee_unpaid', 'extend', 'assign', 'reply', 'deliver', 'withdraw'] as RequestEvent[]).map((e) => [e, 'requests.handle']),
) as Record<RequestEvent, 'requests.handle'>;

/**
 * One step of a request, refused with the workflow's reason, the caller's scope or a stale version.
 * `today` is the day the step is judged on (the demo loader replays history with it).
 */
export async function actOnRequest(exec: Executor, caller: Caller, id: string, input: ActInput, today = todayLocal()): Promise<RequestView> {
  const tenantId = caller.actor.tenantId;
  const settings = await requestSettings(exec, tenantId);
  const cal = await tenantCalendar(exec, tenantId);
  await exec.transaction(async (tx) => {
    const { row: before, unit } = await visible(tx, caller, id, true);
    assertCan(caller, EVENT_PERMISSION[input.event], unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`申请 ${before.number} `);
    const pauses = await pausesOf(tx, tenantId, id);
    const on = input.on ?? today;
    const t = requestTransition(snapshot(before, pauses, cal), {
      event: input.event,
      today,
      on,
      comment: input.comment,
      extensionDays: input.extensionDays ?? undefined,
      approver: input.approver,
      result: input.result,
      consultationOutcome: input.consultationOutcome,
    });
    if (!t.ok) {
      const status = t.code === 'COMMENT_REQUIRED' || t.code === 'RESULT_REQUIRED' || t.code === 'BAD_EXTENSION' || t.code === 'APPROVER_REQUIRED' || t.code === 'BAD_DATE' ? 400 : 409;
      throw new AppError(status, t.code, t.message, t.field ? { field: t.field } : undefined);
    }
    const set: Partial<typeof disclosureRequests.$inferInsert> = { state: t.to, version: before.version + 1, updatedAt: new Date() };
    const data: Record<string, unknown> = {};
    const comment = input.comment?.trim() || null;
    switch (input.event) {
      case 'register': {
        const receipt = receiptDate({ channel: before.channel, arrivedOn: before.arrivedOn, confirmedOn: on }, today);
        if (!receipt.ok) throw badRequest(receipt.message, { field: 'on' });
        Object.assign(set, { confirmedOn: on, receivedOn: receipt.receivedOn, receiptRule: receipt.rule, handlerId: before.handlerId ?? (caller.kind === 'user' ? caller.principal.userId : null) });
        data.receiptRule = receipt.rule;
        break;
      }
      case 'request_correction': {
        const due = input.correctionDueOn ?? cal.addWorkingDays(on, DEFAULT_CORRECTION_PERIOD_DAYS).due;
        if (due <= on) throw badRequest('补正期限应晚于告知日期', { field: 'correctionDueOn' });
        Object.assign(set, { correctionRequestedOn: on, correctionDueOn: due, correctionText: comment });
        data.correctionDueOn = due;
        break;
      }
      case 'receive_correction':
        set.correctedOn = on;
        break;
      case 'start_consultation': {
        const kind = input.pauseKind ?? 'third_party';
        if (!CONSULTATION_KINDS.includes(kind)) throw badRequest('征求意见的对象应为第三方、共同制作机关或其他机关', { field: 'pauseKind' });
        if (!input.party?.trim()) throw badRequest('请填写征求意见的对象（第三方或机关名称）', { field: 'party' });
        const partyDue = consultationDue(cal, on).due;
        await tx.insert(requestPauses).values({ tenantId, requestId: id, kind, party: input.party.trim(), fromOn: on, partyDueOn: partyDue, note: comment });
        Object.assign(data, { kind, party: input.party.trim(), partyDueOn: partyDue });
        break;
      }
      case 'end_consultation': {
        const open = pauses.find((p) => p.toOn === null && p.kind !== 'fee');
        if (open && on < open.fromOn) throw badRequest('结束日期早于开始征求意见的日期', { field: 'on' });
        if (open) await tx.update(requestPauses).set({ toOn: on, outcome: input.consultationOutcome ?? null, note: comment ?? open.note }).where(and(eq(requestPauses.tenantId, tenantId), eq(requestPauses.id, open.id)));
        data.outcome = input.consultationOutcome ?? null;
        break;
      }
      case 'issue_fee_notice': {
        const basis = input.feeBasis;
        if (!basis) throw badRequest('请选择收费方式（按件或按量，只能选一种）', { field: 'feeBasis' });
        let fee;
        if (basis === 'per_page') {
          if (input.pages === undefined || input.pages === null || !Number.isInteger(input.pages) || input.pages < 0) throw badRequest('按量计收须填写页数', { field: 'pages' });
          fee = computeFee({ basis, pages: input.pages });
        } else {
          fee = computeFee({ basis, n: await nthInMonth(tx, tenantId, before) });
        }
        if (fee.amount === 0) throw badRequest(`${fee.explanation}无需收费，不必发出收费通知`, { field: 'feeBasis' });
        const due = feePaymentDue(cal, on).due;
        Object.assign(set, { feeBasis: basis, feeAmount: fee.amount, feeExplanation: fee.explanation, feeNoticeOn: on, feeDueOn: due, feePaidOn: null });
        await tx.insert(requestPauses).values({ tenantId, requestId: id, kind: 'fee', party: before.applicantType === 'natural_person' ? '申请人' : before.applicantName, fromOn: on, partyDueOn: due, note: fee.explanation });
        Object.assign(data, { basis, amount: fee.amount, dueOn: due, explanation: fee.explanation });
        break;
      }
      case 'record_payment':
      case 'deem_fee_unpaid': {
        const open = pauses.find((p) => p.toOn === null && p.kind === 'fee');
        if (open) await tx.update(requestPauses).set({ toOn: on, outcome: input.event === 'record_payment' ? 'paid' : 'unpaid' }).where(and(eq(requestPauses.tenantId, tenantId), eq(requestPauses.id, open.id)));
        if (input.event === 'record_payment') set.feePaidOn = on;
        break;
      }
      case 'extend':
        Object.assign(set, { extensionDays: input.extensionDays!, extensionApprover: input.approver!.trim(), extensionReason: comment, extendedOn: on });
        Object.assign(data, { extensionDays: input.extensionDays, approver: input.approver!.trim() });
        break;
      case 'assign': {
        if (!input.unitId && !input.handlerId) throw badRequest('请选择转办的单位或承办人', { field: 'unitId' });
        if (input.unitId && input.unitId !== before.unitId) {
          const target = await requireUnit(tx, tenantId, input.unitId);
          if (!ADDRESSABLE_KINDS.includes(target.kind)) throw badRequest(`“${target.name}”不是可以受理申请的机关`, { field: 'unitId' });
          set.unitId = target.id;
          set.handlerId = input.handlerId ?? null;
          Object.assign(data, { fromUnit: unit.name, toUnit: target.name });
        }
        if (input.handlerId) {
          const h = await requireHandler(tx, tenantId, input.handlerId);
          set.handlerId = h.id;
          data.handler = h.name;
        }
        break;
      }
      case 'reply': {
        const res = replyResult(input.result!);
        if (input.result === 'unable.not_held' && !input.referOrgan?.trim() && !comment) throw badRequest('本机关不掌握的，请写明理由；能确定负责公开的机关的，请写明其名称和联系方式（《条例》第三十六条第（五）项）', { field: 'referOrgan' });
        const provided = [...new Set(input.recordIds ?? [])];
        if (provided.length && !res.provides) throw badRequest(`“${res.short}”不提供信息，不能附上政府信息`, { field: 'recordIds' });
        for (const rid of provided) {
          const [rec] = await tx.select({ id: records.id }).from(records).where(and(eq(records.tenantId, tenantId), eq(records.id, rid)));
          if (!rec) throw badRequest('所附的政府信息不存在', { field: 'recordIds' });
          await tx.insert(requestRecords).values({ tenantId, requestId: id, recordId: rid }).onConflictDoNothing();
        }
        const facts = clockFacts(before, pauses, settings.feePausesClock);
        const used = facts ? workingDaysUsed(cal, facts, on) : null;
        const late = before.dueOn && on > before.dueOn ? cal.workingDaysLate(before.dueOn, on) : 0;
        Object.assign(set, { result: input.result!, resultOn: on, repliedOn: on, replyText: comment, referOrgan: input.referOrgan?.trim() || null, workingDaysUsed: used, workingDaysLate: late });
        Object.assign(data, { result: input.result, resultLabel: res.label, workingDaysUsed: used, workingDaysLate: late, recordIds: provided });
        break;
      }
      case 'deliver':
        Object.assign(set, { deliveredOn: on, deliveryNote: input.deliveryNote?.trim() || comment });
        break;
      case 'deem_abandoned':
      case 'withdraw':
        Object.assign(set, { result: t.result!, resultOn: on });
        for (const p of pauses.filter((x) => x.toOn === null)) await tx.update(requestPauses).set({ toOn: on }).where(and(eq(requestPauses.tenantId, tenantId), eq(requestPauses.id, p.id)));
        break;
      default:
        break;
    }
    if (t.result && input.event !== 'reply' && input.event !== 'withdraw' && input.event !== 'deem_abandoned') Object.assign(set, { result: t.result, resultOn: on });
    const [updated] = await tx
      .update(disclosureRequests)
      .set(set)
      .where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.id, id), eq(disclosureRequests.version, input.version)))
      .returning();
    if (!updated) throw staleVersion(`申请 ${before.number} `);
    const row = await storeClock(tx, updated, cal, settings.feePausesClock, today);
    await addEvent(tx, caller, id, input.event, { on, from: before.state, to: row.state, comment, data });
    await recordAudit(tx, caller.actor, {
      action: `request.${input.event}`,
      entityType: 'request',
      entityId: id,
      summary: `申请 ${before.number}：${EVENT_LABELS[input.event]}${before.state !== row.state ? `（${STATE_LABELS[before.state]} → ${STATE_LABELS[row.state]}）` : ''}`,
      before: auditShape(before),
      after: auditShape(row),
    });
  });
  return getRequest(exec, caller, id);
}

/** Art. 4 of 109号: the request's place among the applicant's requests of its calendar month. */
async function nthInMonth(exec: Executor, tenantId: string, r: RequestRow): Promise<number> {
  const day = r.receivedOn ?? r.arrivedOn;
  const res = await exec.execute(sql`
    SELECT count(*)::int AS n FROM disclosure_requests
     WHERE tenant_id = ${tenantId} AND applicant_key = ${r.applicantKey}
       AND date_trunc('month', coalesce(received_on, arrived_on)) = date_trunc('month', ${day}::date)
       AND (coalesce(received_on, arrived_on), number) <= (${day}::date, ${r.number})`);
  return (res.rows[0] as { n: number }).n;
}

// ---- reading ----------------------------------------------------------------------------------------

export async function getRequest(exec: Executor, caller: Caller, id: string): Promise<RequestView> {
  const tenantId = caller.actor.tenantId;
  const { row: r, unit } = await visible(exec, caller, id);
  const full = can(caller, 'requests.handle', unit);
  const today = todayLocal();
  const [settings, cal, pauses, events, docs, recs, assists, appeals] = await Promise.all([
    requestSettings(exec, tenantId),
    tenantCalendar(exec, tenantId),
    pausesOf(exec, tenantId, id),
    exec.select().from(requestEvents).where(and(eq(requestEvents.tenantId, tenantId), eq(requestEvents.requestId, id))).orderBy(asc(requestEvents.at)),
    exec.select().from(requestDocuments).where(and(eq(requestDocuments.tenantId, tenantId), eq(requestDocuments.requestId, id))).orderBy(asc(requestDocuments.createdAt)),
    exec
      .select({ id: records.id, title: records.title, docNo: records.docNo, state: records.state })
      .from(requestRecords)
      .innerJoin(records, and(eq(records.tenantId, requestRecords.tenantId), eq(records.id, requestRecords.recordId)))
      .where(and(eq(requestRecords.tenantId, tenantId), eq(requestRecords.requestId, id))),
    assistsWhere(exec, tenantId, eq(requestAssists.requestId, id), today),
    appealsOf(exec, tenantId, id),
  ]);
  const handler = r.handlerId ? (await exec.select({ name: users.displayName }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, r.handlerId))))[0] : undefined;
  const repeats = r.possibleRepeatOf.length
    ? await exec.select({ id: disclosureRequests.id, number: disclosureRequests.number }).from(disclosureRequests).where(and(eq(disclosureRequests.tenantId, tenantId), inArray(disclosureRequests.id, r.possibleRepeatOf)))
    : [];
  const open = (OPEN_STATES as readonly string[]).includes(r.state);
  const c = open ? clockOf(cal, r, pauses, settings.feePausesClock, today) : null;
  const { deadline, ...clock } = c ?? { deadline: null };
  const daysLeft = c?.dueOn ? (today > c.dueOn ? -cal.workingDaysLate(c.dueOn, today) : cal.countWorkingDays(today, c.dueOn)) : null;
  const res = r.result ? replyResult(r.result) : null;
  void deadline;
  return {
    ...listItem(r, unit.name, full, today),
    handlerId: r.handlerId,
    handlerName: handler?.name ?? null,
    confirmedOn: r.confirmedOn,
    receiptRule: r.receiptRule,
    applicant: applicantView(r, full),
    infoTitle: r.infoTitle,
    infoDocNo: r.infoDocNo,
    description: r.description,
    infoForm: r.infoForm,
    infoFormLabel: INFO_FORM_LABELS[r.infoForm],
    delivery: r.delivery,
    deliveryLabel: DELIVERY_LABELS[r.delivery],
    correctionRequestedOn: r.correctionRequestedOn,
    correctionDueOn: r.correctionDueOn,
    correctionText: r.correctionText,
    correctedOn: r.correctedOn,
    extensionDays: r.extensionDays,
    extensionApprover: r.extensionApprover,
    extensionReason: r.extensionReason,
    extendedOn: r.extendedOn,
    clock: c ? { ...(clock as Omit<ClockView, 'deadline'>), daysLeft } : null,
    dueExplanation: r.dueExplanation,
    fee: r.feeBasis ? { basis: r.feeBasis, amount: Number(r.feeAmount ?? 0), explanation: r.feeExplanation, noticeOn: r.feeNoticeOn, dueOn: r.feeDueOn, paidOn: r.feePaidOn } : null,
    resultGroupLabel: res ? RESULT_GROUP_LABELS[res.group] : null,
    resultGround: res?.ground ?? null,
    replyText: r.replyText,
    referOrgan: r.referOrgan,
    workingDaysUsed: r.workingDaysUsed,
    workingDaysLate: r.workingDaysLate,
    deliveredOn: r.deliveredOn,
    deliveryNote: r.deliveryNote,
    possibleRepeats: repeats,
    excessiveVolume: r.excessiveVolume,
    allowedEvents: full ? eventsIn(r.state) : [],
    mayHandle: full,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      on: e.on,
      event: e.event,
      eventLabel: EVENT_LABELS[e.event as keyof typeof EVENT_LABELS] ?? e.event,
      actorLabel: e.actorLabel,
      fromState: e.fromState,
      toState: e.toState,
      comment: e.comment,
      data: e.data,
    })),
    pauses: pauses.map((p) => ({ id: p.id, kind: p.kind, kindLabel: PAUSE_LABELS[p.kind], party: p.party, fromOn: p.fromOn, toOn: p.toOn, partyDueOn: p.partyDueOn, outcome: p.outcome, note: p.note, text: describePause({ kind: p.kind, from: p.fromOn, to: p.toOn }) })),
    documents: docs.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName, mime: d.mime, size: d.size, forApplicant: d.forApplicant, recordId: d.recordId, createdAt: d.createdAt.toISOString() })),
    records: recs,
    assists,
    appeals,
  };
}

export interface RequestFilter {
  unitId?: string;
  state?: RequestState;
  overdue?: boolean;
  from?: LocalDate;
  to?: LocalDate;
  q?: string;
}

function filterConditions(caller: Caller, f: RequestFilter, today: LocalDate): SQL[] {
  const conds: SQL[] = [eq(disclosureRequests.tenantId, caller.actor.tenantId)];
  const scope = unitScopeCondition(caller, 'requests.read');
  if (scope) conds.push(scope);
  if (f.unitId) conds.push(eq(disclosureRequests.unitId, f.unitId));
  if (f.state) conds.push(eq(disclosureRequests.state, f.state));
  if (f.overdue) conds.push(sql`${disclosureRequests.state} IN ('registered', 'awaiting_fee') AND ${disclosureRequests.dueOn} < ${today}::date`);
  if (f.from) conds.push(gte(sql`coalesce(${disclosureRequests.receivedOn}, ${disclosureRequests.arrivedOn})`, f.from));
  if (f.to) conds.push(lte(sql`coalesce(${disclosureRequests.receivedOn}, ${disclosureRequests.arrivedOn})`, f.to));
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(${disclosureRequests.number} ILIKE ${like} OR ${disclosureRequests.description} ILIKE ${like} OR ${disclosureRequests.infoTitle} ILIKE ${like})`);
  }
  return conds;
}

export async function listRequests(exec: Executor, caller: Caller, f: RequestFilter, page: number, pageSize: number) {
  const today = todayLocal();
  const where = and(...filterConditions(caller, f, today));
  const [{ total }] = (await exec
    .select({ total: sql<number>`count(*)::int` })
    .from(disclosureRequests)
    .innerJoin(units, and(eq(units.tenantId, disclosureRequests.tenantId), eq(units.id, disclosureRequests.unitId)))
    .where(where)) as [{ total: number }];
  const rows = await exec
    .select({ r: disclosureRequests, unitName: units.name, unitPath: units.path })
    .from(disclosureRequests)
    .innerJoin(units, and(eq(units.tenantId, disclosureRequests.tenantId), eq(units.id, disclosureRequests.unitId)))
    .where(where)
    .orderBy(sql`${disclosureRequests.state} IN ('submitted', 'registered', 'correction', 'consulting', 'awaiting_fee') DESC`, asc(disclosureRequests.dueOn), desc(disclosureRequests.arrivedOn), desc(disclosureRequests.number))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    total,
    page,
    pageSize,
    items: rows.map((x) => listItem(x.r, x.unitName, can(caller, 'requests.handle', { id: x.r.unitId, path: x.unitPath }), today)),
  };
}

// ---- 协查 ----------------------------------------------------------------------------------------------

async function assistsWhere(exec: Executor, tenantId: string, cond: SQL, today: LocalDate): Promise<AssistView[]> {
  const rows = await exec
    .select({ a: requestAssists, unitName: units.name, number: disclosureRequests.number })
    .from(requestAssists)
    .innerJoin(units, and(eq(units.tenantId, requestAssists.tenantId), eq(units.id, requestAssists.unitId)))
    .innerJoin(disclosureRequests, and(eq(disclosureRequests.tenantId, requestAssists.tenantId), eq(disclosureRequests.id, requestAssists.requestId)))
    .where(and(eq(requestAssists.tenantId, tenantId), cond))
    .orderBy(asc(requestAssists.askedOn), asc(requestAssists.createdAt));
  return rows.map(({ a, unitName, number }) => ({
    id: a.id,
    requestId: a.requestId,
    requestNumber: number,
    unitId: a.unitId,
    unitName,
    askedOn: a.askedOn,
    dueOn: a.dueOn,
    dueExplanation: a.dueExplanation,
    question: a.question,
    answer: a.answer,
    answeredOn: a.answeredOn,
    answeredByLabel: a.answeredByLabel,
    overdue: !a.answeredOn && today > a.dueOn,
    version: a.version,
  }));
}

/** Asks another unit to help find or check the information, with its own deadline in working days. */
export async function askAssistance(exec: Executor, caller: Caller, requestId: string, input: { unitId: string; question: string; workingDays: number }): Promise<RequestView> {
  const tenantId = caller.actor.tenantId;
  const today = todayLocal();
  const cal = await tenantCalendar(exec, tenantId);
  await exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, requestId, true);
    assertCan(caller, 'requests.handle', unit, unit.name);
    if (!(OPEN_STATES as readonly string[]).includes(row.state) || row.state === 'submitted') throw new AppError(409, 'WRONG_STATE', `“${STATE_LABELS[row.state]}”的申请不能请求协查`);
    const target = await requireUnit(tx, tenantId, input.unitId);
    if (target.id === row.unitId) throw badRequest('协查单位不能是承办单位本身', { field: 'unitId' });
    if (!input.question.trim()) throw badRequest('请写明需要协助查找或核实的内容', { field: 'question' });
    const d = cal.addWorkingDays(today, input.workingDays);
    if (row.dueOn && d.due > row.dueOn) throw badRequest(`协查期限 ${d.due} 晚于答复期限 ${row.dueOn}，请缩短`, { field: 'workingDays' });
    const [a] = await tx.insert(requestAssists).values({ tenantId, requestId, unitId: target.id, askedOn: today, dueOn: d.due, dueExplanation: d.explanation, question: input.question.trim() }).returning();
    await addEvent(tx, caller, requestId, 'assist', { on: today, comment: input.question.trim(), data: { assistId: a!.id, unit: target.name, dueOn: d.due } });
    await recordAudit(tx, caller.actor, { action: 'request.assist', entityType: 'request', entityId: requestId, summary: `申请 ${row.number}：请${target.name}协查，${d.due}前回复`, after: { assistId: a!.id, unitId: target.id, dueOn: d.due } });
  });
  return getRequest(exec, caller, requestId);
}

/** 协查 addressed to the units where the caller may assist: the question only, never the applicant. */
export async function listAssists(exec: Executor, caller: Caller, opts: { open?: boolean } = {}): Promise<AssistView[]> {
  const scope = unitScopeCondition(caller, 'requests.assist');
  return assistsWhere(exec, caller.actor.tenantId, and(scope ?? sql`true`, opts.open ? sql`${requestAssists.answeredOn} IS NULL` : undefined)!, todayLocal());
}

export async function answerAssistance(exec: Executor, caller: Caller, assistId: string, input: { answer: string; version: number }): Promise<AssistView> {
  const tenantId = caller.actor.tenantId;
  const today = todayLocal();
  return exec.transaction(async (tx) => {
    const [a] = await tx.select().from(requestAssists).where(and(eq(requestAssists.tenantId, tenantId), eq(requestAssists.id, assistId))).for('update');
    if (!a) throw notFound('协查');
    const unit = await requireUnit(tx, tenantId, a.unitId);
    if (!can(caller, 'requests.assist', unit)) throw notFound('协查');
    if (a.version !== input.version) throw staleVersion('该协查');
    if (a.answeredOn) throw new AppError(409, 'ALREADY_ANSWERED', '该协查已经答复');
    if (!input.answer.trim()) throw badRequest('请填写协查结果', { field: 'answer' });
    await tx
      .update(requestAssists)
      .set({ answer: input.answer.trim(), answeredOn: today, answeredBy: caller.actor.userId, answeredByLabel: caller.actor.label, version: a.version + 1 })
      .where(and(eq(requestAssists.tenantId, tenantId), eq(requestAssists.id, assistId)));
    await addEvent(tx, caller, a.requestId, 'assist_reply', { on: today, comment: input.answer.trim(), data: { assistId, unit: unit.name } });
    await recordAudit(tx, caller.actor, { action: 'request.assist_reply', entityType: 'request', entityId: a.requestId, summary: `${unit.name}答复协查`, after: { assistId } });
    return (await assistsWhere(tx, tenantId, eq(requestAssists.id, assistId), today))[0]!;
  });
}

// ---- appeals ----------------------------------------------------------------------------------------

async function appealsOf(exec: Executor, tenantId: string, requestId: string): Promise<AppealView[]> {
  const rows = await exec.select().from(requestAppeals).where(and(eq(requestAppeals.tenantId, tenantId), eq(requestAppeals.requestId, requestId))).orderBy(asc(requestAppeals.filedOn));
  return rows.map(appealView);
}

function appealView(a: typeof requestAppeals.$inferSelect): AppealView {
  return {
    id: a.id,
    requestId: a.requestId,
    path: a.path,
    pathLabel: APPEAL_PATH_LABELS[a.path],
    organ: a.organ,
    caseNo: a.caseNo,
    filedOn: a.filedOn,
    outcome: a.outcome,
    outcomeLabel: APPEAL_OUTCOME_LABELS[a.outcome],
    decidedOn: a.decidedOn,
    note: a.note,
    version: a.version,
  };
}

export interface AppealInput {
  path: keyof typeof APPEAL_PATH_LABELS;
  organ?: string | null;
  caseNo?: string | null;
  filedOn: LocalDate;
  outcome: keyof typeof APPEAL_OUTCOME_LABELS;
  decidedOn?: LocalDate | null;
  note?: string | null;
}

function checkAppeal(input: AppealInput, repliedOn: string | null, today = todayLocal()) {
  if (input.filedOn > today) throw badRequest('申请复议或起诉的日期晚于今天', { field: 'filedOn' });
  if (repliedOn && input.filedOn < repliedOn) throw badRequest(`申请复议或起诉的日期早于答复日期 ${repliedOn}`, { field: 'filedOn' });
  if (input.outcome === 'pending' && input.decidedOn) throw badRequest('尚未审结的，不应填写审结日期', { field: 'decidedOn' });
  if (input.outcome !== 'pending' && !input.decidedOn) throw badRequest('请填写审结日期', { field: 'decidedOn' });
  if (input.decidedOn && input.decidedOn < input.filedOn) throw badRequest('审结日期早于申请日期', { field: 'decidedOn' });
}

export async function addAppeal(exec: Executor, caller: Caller, requestId: string, input: AppealInput, today = todayLocal()): Promise<AppealView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, requestId, true);
    assertCan(caller, 'requests.handle', unit, unit.name);
    if (!row.repliedOn && !row.result) throw new AppError(409, 'WRONG_STATE', '申请尚未作出处理决定，没有可以复议或起诉的答复');
    checkAppeal(input, row.repliedOn, today);
    const [a] = await tx.insert(requestAppeals).values({ tenantId, requestId, path: input.path, organ: input.organ?.trim() || null, caseNo: input.caseNo?.trim() || null, filedOn: input.filedOn, outcome: input.outcome, decidedOn: input.decidedOn ?? null, note: input.note?.trim() || null }).returning();
    await addEvent(tx, caller, requestId, 'appeal', { on: input.filedOn, comment: input.note ?? null, data: { appealId: a!.id, path: input.path, outcome: input.outcome } });
    await recordAudit(tx, caller.actor, { action: 'request.appeal', entityType: 'request', entityId: requestId, summary: `申请 ${row.number}：登记${APPEAL_PATH_LABELS[input.path]}（${APPEAL_OUTCOME_LABELS[input.outcome]}）`, after: appealView(a!) });
    return appealView(a!);
  });
}

export async function updateAppeal(exec: Executor, caller: Caller, appealId: string, input: AppealInput & { version: number }): Promise<AppealView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const [a] = await tx.select().from(requestAppeals).where(and(eq(requestAppeals.tenantId, tenantId), eq(requestAppeals.id, appealId))).for('update');
    if (!a) throw notFound('复议或诉讼记录');
    const { row, unit } = await visible(tx, caller, a.requestId);
    assertCan(caller, 'requests.handle', unit, unit.name);
    if (a.version !== input.version) throw staleVersion('该复议或诉讼记录');
    checkAppeal(input, row.repliedOn);
    const [u] = await tx
      .update(requestAppeals)
      .set({ path: input.path, organ: input.organ?.trim() || null, caseNo: input.caseNo?.trim() || null, filedOn: input.filedOn, outcome: input.outcome, decidedOn: input.decidedOn ?? null, note: input.note?.trim() || null, version: a.version + 1, updatedAt: new Date() })
      .where(and(eq(requestAppeals.tenantId, tenantId), eq(requestAppeals.id, appealId)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'request.appeal_update', entityType: 'request', entityId: a.requestId, summary: `申请 ${row.number}：更新${APPEAL_PATH_LABELS[input.path]}结果（${APPEAL_OUTCOME_LABELS[input.outcome]}）`, before: appealView(a), after: appealView(u!) });
    return appealView(u!);
  });
}

// ---- the applicant's own view ------------------------------------------------------------------------

export interface ApplicantPage {
  number: string;
  state: RequestState;
  stateLabel: string;
  unitName: string;
  arrivedOn: string;
  receivedOn: string | null;
  subject: string;
  dueOn: string | null;
  dueExplanation: string | null;
  paused: string | null;
  correction: { requestedOn: string; dueOn: string | null; text: string | null } | null;
  extension: { days: number; reason: string | null } | null;
  fee: { amount: number; explanation: string | null; dueOn: string | null; paidOn: string | null } | null;
  result: string | null;
  repliedOn: string | null;
  documents: { id: string; kind: string; fileName: string; size: number }[];
  records: { id: string; title: string }[];
  mayWithdraw: boolean;
}

/** The request found by its number and query code (compared in constant time by hash); null otherwise. */
export async function findForApplicant(exec: Executor, tenantId: string, number: string, code: string): Promise<RequestRow | null> {
  const [r] = await exec
    .select()
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.number, number.trim().toUpperCase()), eq(disclosureRequests.queryCodeHash, hashQueryCode(code))));
  return r ?? null;
}

/** A request by id within a tenant, without any access check: for the applicant's signed cookie only. */
export async function requestRow(exec: Executor, tenantId: string, id: string): Promise<RequestRow | null> {
  const [r] = await exec.select().from(disclosureRequests).where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.id, id)));
  return r ?? null;
}

export async function applicantPage(exec: Executor, r: RequestRow): Promise<ApplicantPage> {
  const [unit] = await exec.select({ name: units.name }).from(units).where(and(eq(units.tenantId, r.tenantId), eq(units.id, r.unitId)));
  const docs = await exec
    .select({ id: requestDocuments.id, kind: requestDocuments.kind, fileName: requestDocuments.fileName, size: requestDocuments.size })
    .from(requestDocuments)
    .where(and(eq(requestDocuments.tenantId, r.tenantId), eq(requestDocuments.requestId, r.id), eq(requestDocuments.forApplicant, true)))
    .orderBy(asc(requestDocuments.createdAt));
  const recs = await exec
    .select({ id: records.id, title: records.title })
    .from(requestRecords)
    .innerJoin(records, and(eq(records.tenantId, requestRecords.tenantId), eq(records.id, requestRecords.recordId)))
    .where(and(eq(requestRecords.tenantId, r.tenantId), eq(requestRecords.requestId, r.id), inArray(records.state, ['published', 'superseded'])));
  const open = (OPEN_STATES as readonly string[]).includes(r.state);
  const pauses = open ? await pausesOf(exec, r.tenantId, r.id) : [];
  const openPause = pauses.find((p) => p.toOn === null);
  return {
    number: r.number,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    unitName: unit?.name ?? '',
    arrivedOn: r.arrivedOn,
    receivedOn: r.receivedOn,
    subject: subjectOf(r),
    dueOn: open ? r.dueOn : null,
    dueExplanation: open ? r.dueExplanation : null,
    paused: openPause ? describePause({ kind: openPause.kind, from: openPause.fromOn, to: null }) : null,
    correction: r.correctionRequestedOn ? { requestedOn: r.correctionRequestedOn, dueOn: r.correctionDueOn, text: r.correctionText } : null,
    extension: r.extensionDays ? { days: r.extensionDays, reason: r.extensionReason } : null,
    fee: r.feeBasis ? { amount: Number(r.feeAmount ?? 0), explanation: r.feeExplanation, dueOn: r.feeDueOn, paidOn: r.feePaidOn } : null,
    result: r.result ? replyResult(r.result).short : null,
    repliedOn: r.repliedOn,
    documents: docs,
    records: recs,
    mayWithdraw: open,
  };
}

/** The applicant withdraws a request that is still being handled (with the number and the query code). */
export async function withdrawByApplicant(exec: Executor, r: RequestRow, reason: string | null): Promise<void> {
  const caller: Caller = { kind: 'system', actor: { tenantId: r.tenantId, userId: null, label: '申请人（网上撤回）' } };
  await actOnRequest(exec, caller, r.id, { event: 'withdraw', version: r.version, comment: reason?.trim() || '申请人撤回申请' }).catch((e: unknown) => {
    throw e;
  });
}

/** A document the applicant may download: only of this request, only one marked for them. */
export async function applicantDocument(exec: Executor, r: RequestRow, documentId: string) {
  const [d] = await exec
    .select()
    .from(requestDocuments)
    .where(and(eq(requestDocuments.tenantId, r.tenantId), eq(requestDocuments.requestId, r.id), eq(requestDocuments.id, documentId), eq(requestDocuments.forApplicant, true)));
  return d ?? null;
}
