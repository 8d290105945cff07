// Press conferences, online interviews, open days and meetings attended by public representatives
// (新闻发布会、在线访谈、政府开放日、列席会议): drafted by a unit, announced on the portal, held (with a
// transcript or a video link and the interpretations published with them) or cancelled with a reason. Open
// days and meetings take public registration up to a capacity and a closing time; staff select or decline
// registrants, whose phone numbers only staff see. After a meeting, the representatives' opinions and their
// adoption are published within 3 working days (tenant calendar); later is allowed and flagged late.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, toLocalDate, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import {
  EVENT_KIND_LABELS,
  EVENT_STATE_LABELS,
  meetingOpinionsDue,
  meetingOpinionsExplanation,
  opinionsProblem,
  REGISTRATION_STATE_LABELS,
  registrationProblem,
  takesRegistration,
  type EventKind,
  type EventState,
  type RegistrationState,
  type RepresentativeOpinion,
} from '../../core/participation/events.ts';
import { applyMasks, findPersonalData, maskHtml } from '../../core/privacy/index.ts';
import { maskName } from '../../core/requests/applicant.ts';
import { sanitizeBody } from '../../core/publishing/body.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { publicInterpretation } from '../interpretation/service.ts';
import { notify } from '../notify/service.ts';
import { units } from '../org/schema.ts';
import { requireUnit, unitScopeCondition } from '../org/units.ts';
import { engagementEvents, eventRegistrations } from './schema.ts';

type Row = typeof engagementEvents.$inferSelect;
type RegistrationRow = typeof eventRegistrations.$inferSelect;

const masked = (s: string) => applyMasks(s, findPersonalData(s));
const plain = (s: string, max: number) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .trim()
    .slice(0, max);

export interface EventInput {
  kind: EventKind;
  title: string;
  unitId: string;
  startsAt: string;
  place?: string;
  speakers?: { name: string; post: string }[];
  summary?: string | null;
  transcriptHtml?: string;
  videoUrl?: string | null;
  interpretationIds?: string[];
  capacity?: number | null;
  registrationClosesAt?: string | null;
}

export interface EventView {
  id: string;
  kind: EventKind;
  kindLabel: string;
  title: string;
  unitId: string;
  unitName: string;
  startsAt: string;
  place: string;
  speakers: { name: string; post: string }[];
  summary: string | null;
  transcriptHtml: string;
  videoUrl: string | null;
  interpretationIds: string[];
  capacity: number | null;
  registrationClosesAt: string | null;
  registrations: Record<RegistrationState, number>;
  state: EventState;
  stateLabel: string;
  heldOn: string | null;
  cancelReason: string | null;
  opinions: RepresentativeOpinion[];
  opinionsDueOn: string | null;
  opinionsDueExplanation: string | null;
  opinionsPublishedOn: string | null;
  opinionsWorkingDaysLate: number | null;
  opinionsOverdue: boolean;
  version: number;
}

function view(e: Row, unitName: string, counts: Record<RegistrationState, number>, today: LocalDate): EventView {
  return {
    id: e.id,
    kind: e.kind,
    kindLabel: EVENT_KIND_LABELS[e.kind],
    title: e.title,
    unitId: e.unitId,
    unitName,
    startsAt: e.startsAt.toISOString(),
    place: e.place,
    speakers: e.speakers,
    summary: e.summary,
    transcriptHtml: e.transcriptHtml,
    videoUrl: e.videoUrl,
    interpretationIds: e.interpretationIds,
    capacity: e.capacity,
    registrationClosesAt: e.registrationClosesAt?.toISOString() ?? null,
    registrations: counts,
    state: e.state,
    stateLabel: EVENT_STATE_LABELS[e.state],
    heldOn: e.heldOn,
    cancelReason: e.cancelReason,
    opinions: e.opinions,
    opinionsDueOn: e.opinionsDueOn,
    opinionsDueExplanation: e.opinionsDueExplanation,
    opinionsPublishedOn: e.opinionsPublishedOn,
    opinionsWorkingDaysLate: e.opinionsWorkingDaysLate,
    opinionsOverdue: !!e.opinionsDueOn && !e.opinionsPublishedOn && today > e.opinionsDueOn,
    version: e.version,
  };
}

async function countsOf(exec: Executor, tenantId: string, eventId: string): Promise<Record<RegistrationState, number>> {
  const rows = await exec
    .select({ state: eventRegistrations.state, n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.eventId, eventId)))
    .groupBy(eventRegistrations.state);
  const out: Record<RegistrationState, number> = { pending: 0, selected: 0, declined: 0 };
  for (const r of rows) out[r.state] = r.n;
  return out;
}

async function visible(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(engagementEvents).where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('活动');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('活动');
  return { row, unit };
}

function instant(s: string, field: string, what: string): Date {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw badRequest(`${what}格式不正确`, { field });
  return d;
}

/** The checked, cleaned fields of an event (from a whole input or a merged patch). */
async function cleanFields(exec: Executor, tenantId: string, input: Omit<EventInput, 'unitId'>) {
  const title = plain(input.title, 300);
  if (!title) throw badRequest('请填写活动名称', { field: 'title' });
  const startsAt = instant(input.startsAt, 'startsAt', '活动时间');
  const speakers = (input.speakers ?? []).map((s) => ({ name: plain(s.name, 50), post: plain(s.post, 100) }));
  if (speakers.some((s) => !s.name)) throw badRequest('请填写发布人或嘉宾的姓名', { field: 'speakers' });
  const videoUrl = input.videoUrl?.trim() || null;
  if (videoUrl && !/^https?:\/\/\S+$/i.test(videoUrl)) throw badRequest('视频链接应为 http:// 或 https:// 开头的网址', { field: 'videoUrl' });
  const interpretationIds = [...new Set(input.interpretationIds ?? [])];
  for (const i of interpretationIds) {
    if (!(await publicInterpretation(exec, tenantId, i))) throw badRequest('关联的政策解读不存在或尚未发布', { field: 'interpretationIds' });
  }
  const registration = takesRegistration(input.kind);
  const capacity = registration ? (input.capacity ?? null) : null;
  const closesAt = registration && input.registrationClosesAt ? instant(input.registrationClosesAt, 'registrationClosesAt', '报名截止时间') : null;
  if (!registration && (input.capacity || input.registrationClosesAt)) throw badRequest(`${EVENT_KIND_LABELS[input.kind]}不接受网上报名，请不要填写名额和报名截止时间`, { field: 'capacity' });
  if (closesAt && closesAt > startsAt) throw badRequest('报名截止时间应早于活动开始时间', { field: 'registrationClosesAt' });
  return { kind: input.kind, title, startsAt, place: plain(input.place ?? '', 200), speakers, summary: input.summary ? plain(input.summary, 5000) : null, transcriptHtml: sanitizeBody(input.transcriptHtml ?? ''), videoUrl, interpretationIds, capacity, registrationClosesAt: closesAt };
}

export async function createEvent(exec: Executor, caller: Caller, input: EventInput): Promise<EventView> {
  const tenantId = caller.actor.tenantId;
  const fields = await cleanFields(exec, tenantId, input);
  return exec.transaction(async (tx) => {
    const unit = await requireUnit(tx, tenantId, input.unitId);
    assertCan(caller, 'records.edit', unit, unit.name);
    const [row] = await tx.insert(engagementEvents).values({ tenantId, unitId: unit.id, ...fields, createdBy: caller.actor.userId }).returning();
    await recordAudit(tx, caller.actor, { action: 'event.create', entityType: 'engagement_event', entityId: row!.id, summary: `起草${EVENT_KIND_LABELS[input.kind]}《${fields.title}》`, after: { kind: input.kind, startsAt: fields.startsAt.toISOString() } });
    return view(row!, unit.name, { pending: 0, selected: 0, declined: 0 }, todayLocal());
  });
}

export async function updateEvent(exec: Executor, caller: Caller, id: string, patch: Partial<Omit<EventInput, 'unitId' | 'kind'>> & { version: number }): Promise<EventView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== patch.version) throw staleVersion(`活动《${row.title}》`);
    if (row.state === 'cancelled') throw new AppError(409, 'WRONG_STATE', '已取消的活动不能修改');
    const merged = {
      kind: row.kind,
      title: patch.title ?? row.title,
      startsAt: patch.startsAt ?? row.startsAt.toISOString(),
      place: patch.place ?? row.place,
      speakers: patch.speakers ?? row.speakers,
      summary: patch.summary !== undefined ? patch.summary : row.summary,
      transcriptHtml: patch.transcriptHtml ?? row.transcriptHtml,
      videoUrl: patch.videoUrl !== undefined ? patch.videoUrl : row.videoUrl,
      interpretationIds: patch.interpretationIds ?? row.interpretationIds,
      capacity: patch.capacity !== undefined ? patch.capacity : row.capacity,
      registrationClosesAt: patch.registrationClosesAt !== undefined ? patch.registrationClosesAt : (row.registrationClosesAt?.toISOString() ?? null),
    };
    // Once held, its time and registration are history: only the record of it (transcript, video, links) changes.
    if (row.state === 'held' && (merged.startsAt !== row.startsAt.toISOString() || merged.capacity !== row.capacity)) throw new AppError(409, 'WRONG_STATE', '活动已举行：只能补充实录、视频和相关解读，不能修改时间和名额');
    const fields = await cleanFields(tx, tenantId, merged);
    const [u] = await tx
      .update(engagementEvents)
      .set({ ...fields, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, id), eq(engagementEvents.version, patch.version)))
      .returning();
    if (!u) throw staleVersion(`活动《${row.title}》`);
    await recordAudit(tx, caller.actor, { action: 'event.update', entityType: 'engagement_event', entityId: id, summary: `修改${EVENT_KIND_LABELS[row.kind]}《${fields.title}》`, before: { startsAt: row.startsAt.toISOString() }, after: { startsAt: u.startsAt.toISOString() } });
    return view(u, unit.name, await countsOf(tx, tenantId, id), todayLocal());
  });
}

export type EventAction = { event: 'publish'; version: number } | { event: 'hold'; version: number; heldOn?: LocalDate | null } | { event: 'cancel'; version: number; reason: string };

/** publish (announce on the portal), hold (it took place; a meeting's opinions fall due), cancel (with a reason). */
export async function actOnEvent(exec: Executor, caller: Caller, id: string, input: EventAction, today = todayLocal()): Promise<EventView> {
  const tenantId = caller.actor.tenantId;
  const cal = await tenantCalendar(exec, tenantId);
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`活动《${row.title}》`);
    const set: Partial<typeof engagementEvents.$inferInsert> = { version: row.version + 1, updatedAt: new Date() };
    let summary: string;
    if (input.event === 'publish') {
      if (row.state !== 'draft') throw new AppError(409, 'WRONG_STATE', '只有草稿可以发布预告');
      if (takesRegistration(row.kind) && (!row.capacity || !row.registrationClosesAt)) throw badRequest(`${EVENT_KIND_LABELS[row.kind]}接受公众报名，请先填写名额和报名截止时间`, { field: 'capacity' });
      Object.assign(set, { state: 'published', publishedAt: new Date() });
      summary = `发布${EVENT_KIND_LABELS[row.kind]}预告《${row.title}》`;
    } else if (input.event === 'hold') {
      if (row.state !== 'published') throw new AppError(409, 'WRONG_STATE', '只有已预告的活动可以标记为已举行');
      const heldOn = input.heldOn ?? toLocalDate(row.startsAt);
      if (heldOn > today) throw badRequest('举行日期不能晚于今天', { field: 'heldOn' });
      if (heldOn < toLocalDate(row.startsAt)) throw badRequest('举行日期早于预告的活动时间', { field: 'heldOn' });
      Object.assign(set, { state: 'held', heldOn });
      if (row.kind === 'attended_meeting') {
        const due = meetingOpinionsDue(cal, heldOn);
        Object.assign(set, { opinionsDueOn: due.due, opinionsDueExplanation: meetingOpinionsExplanation(due) });
      }
      summary = `${EVENT_KIND_LABELS[row.kind]}《${row.title}》于${heldOn}举行`;
    } else {
      if (row.state !== 'draft' && row.state !== 'published') throw new AppError(409, 'WRONG_STATE', '已举行的活动不能取消');
      const reason = plain(input.reason, 1000);
      if (!reason) throw badRequest('请说明取消的原因', { field: 'reason' });
      Object.assign(set, { state: 'cancelled', cancelReason: reason });
      summary = `取消${EVENT_KIND_LABELS[row.kind]}《${row.title}》：${reason}`;
    }
    const [u] = await tx.update(engagementEvents).set(set).where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, id))).returning();
    await recordAudit(tx, caller.actor, { action: `event.${input.event}`, entityType: 'engagement_event', entityId: id, summary, before: { state: row.state }, after: { state: u!.state, opinionsDueOn: u!.opinionsDueOn } });
    return view(u!, unit.name, await countsOf(tx, tenantId, id), today);
  });
}

/** Publishes the public representatives' opinions of a held meeting and how each was adopted. */
export async function publishMeetingOpinions(exec: Executor, caller: Caller, id: string, input: { version: number; opinions: RepresentativeOpinion[] }, today = todayLocal()): Promise<EventView> {
  const tenantId = caller.actor.tenantId;
  const cal = await tenantCalendar(exec, tenantId);
  const opinions = input.opinions.map((o) => ({ representative: plain(o.representative, 100), opinion: plain(o.opinion, 5000), adopted: o.adopted, response: plain(o.response, 5000) }));
  const p = opinionsProblem(opinions);
  if (p) throw badRequest(p.message, { field: p.field });
  return exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`活动《${row.title}》`);
    if (row.kind !== 'attended_meeting') throw new AppError(409, 'WRONG_KIND', '只有列席会议需要公开公众代表的意见');
    if (row.state !== 'held' || !row.opinionsDueOn) throw new AppError(409, 'WRONG_STATE', '会议举行后才能公开公众代表的意见');
    // The first publication fixes the date and lateness; a later correction keeps them.
    const publishedOn = row.opinionsPublishedOn ?? today;
    const late = row.opinionsPublishedOn ? row.opinionsWorkingDaysLate : cal.workingDaysLate(row.opinionsDueOn, today);
    const [u] = await tx
      .update(engagementEvents)
      .set({ opinions, opinionsPublishedOn: publishedOn, opinionsWorkingDaysLate: late, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, id)))
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'event.opinions',
      entityType: 'engagement_event',
      entityId: id,
      summary: `公开列席会议《${row.title}》的公众代表意见${opinions.length}条及采纳情况${late ? `（逾期${late}个工作日）` : ''}`,
      after: { count: opinions.length, adopted: opinions.filter((o) => o.adopted).length, workingDaysLate: late },
    });
    return view(u!, unit.name, await countsOf(tx, tenantId, id), today);
  });
}

export async function getEvent(exec: Executor, caller: Caller, id: string): Promise<EventView> {
  const { row, unit } = await visible(exec, caller, id);
  return view(row, unit.name, await countsOf(exec, caller.actor.tenantId, id), todayLocal());
}

export async function listEvents(exec: Executor, caller: Caller, opts: { kind?: EventKind; state?: EventState } = {}): Promise<EventView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({ e: engagementEvents, unitName: units.name })
    .from(engagementEvents)
    .innerJoin(units, and(eq(units.tenantId, engagementEvents.tenantId), eq(units.id, engagementEvents.unitId)))
    .where(and(eq(engagementEvents.tenantId, tenantId), unitScopeCondition(caller, 'records.read'), opts.kind ? eq(engagementEvents.kind, opts.kind) : undefined, opts.state ? eq(engagementEvents.state, opts.state) : undefined))
    .orderBy(desc(engagementEvents.startsAt))
    .limit(500);
  const today = todayLocal();
  return Promise.all(rows.map(async (x) => view(x.e, x.unitName, await countsOf(exec, tenantId, x.e.id), today)));
}

// ---- registrations: staff -------------------------------------------------------------------------------

export interface RegistrationView {
  id: string;
  name: string;
  phone: string;
  organisation: string | null;
  reason: string;
  state: RegistrationState;
  stateLabel: string;
  decisionNote: string | null;
  submittedAt: string;
  version: number;
}

function registrationView(r: RegistrationRow): RegistrationView {
  return { id: r.id, name: r.name, phone: r.phone, organisation: r.organisation, reason: r.reason, state: r.state, stateLabel: REGISTRATION_STATE_LABELS[r.state], decisionNote: r.decisionNote, submittedAt: r.submittedAt.toISOString(), version: r.version };
}

export async function listRegistrations(exec: Executor, caller: Caller, eventId: string): Promise<RegistrationView[]> {
  await visible(exec, caller, eventId);
  const rows = await exec.select().from(eventRegistrations).where(and(eq(eventRegistrations.tenantId, caller.actor.tenantId), eq(eventRegistrations.eventId, eventId))).orderBy(asc(eventRegistrations.submittedAt));
  return rows.map(registrationView);
}

/** Staff select a registrant (within the capacity) or decline one (with a note the registrant is told). */
export async function decideRegistration(exec: Executor, caller: Caller, registrationId: string, input: { version: number; state: 'selected' | 'declined'; note?: string | null }): Promise<RegistrationView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const [r] = await tx.select().from(eventRegistrations).where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.id, registrationId))).for('update');
    if (!r) throw notFound('报名');
    const { row, unit } = await visible(tx, caller, r.eventId, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (r.version !== input.version) throw staleVersion('报名');
    if (row.state !== 'published') throw new AppError(409, 'WRONG_STATE', '活动已举行或已取消，不能再确定参加人员');
    const note = input.note ? plain(input.note, 500) : null;
    if (input.state === 'declined' && !note) throw badRequest('请说明未能安排的原因', { field: 'note' });
    if (input.state === 'selected' && r.state !== 'selected') {
      const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(eventRegistrations).where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.eventId, r.eventId), eq(eventRegistrations.state, 'selected')))) as [{ n: number }];
      if (row.capacity !== null && n >= row.capacity) throw new AppError(409, 'FULL', `已确定${n}人参加，名额（${row.capacity}人）已满`);
    }
    const [u] = await tx
      .update(eventRegistrations)
      .set({ state: input.state, decisionNote: note, decidedBy: caller.actor.userId, decidedAt: new Date(), version: r.version + 1 })
      .where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.id, registrationId)))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'event.registration', entityType: 'engagement_event', entityId: row.id, summary: `《${row.title}》的报名（${maskName(r.name)}）：${REGISTRATION_STATE_LABELS[input.state]}`, after: { registrationId, state: input.state } });
    return registrationView(u!);
  });
}

// ---- public ---------------------------------------------------------------------------------------------

export interface PublicEventItem {
  id: string;
  kindLabel: string;
  title: string;
  unitName: string;
  startsAt: string;
  place: string;
  stateLabel: string;
}

export interface PublicEvent extends PublicEventItem {
  kind: EventKind;
  speakers: { name: string; post: string }[];
  summary: string | null;
  transcriptHtml: string;
  videoUrl: string | null;
  interpretations: { id: string; title: string }[];
  capacity: number | null;
  registrationClosesAt: string | null;
  /** Null while the public may register; else why not (or null as well when the kind takes none). */
  registrationOpen: boolean;
  registrationNote: string | null;
  cancelReason: string | null;
  opinions: RepresentativeOpinion[];
  opinionsPublishedOn: string | null;
}

const PUBLIC_STATES: EventState[] = ['published', 'held', 'cancelled'];

/** Upcoming (announced, not yet held) and past (held or cancelled) events. */
export async function publicEvents(exec: Executor, tenantId: string, now = new Date()): Promise<{ upcoming: PublicEventItem[]; past: PublicEventItem[] }> {
  const rows = await exec
    .select({ e: engagementEvents, unitName: units.name })
    .from(engagementEvents)
    .innerJoin(units, and(eq(units.tenantId, engagementEvents.tenantId), eq(units.id, engagementEvents.unitId)))
    .where(and(eq(engagementEvents.tenantId, tenantId), inArray(engagementEvents.state, PUBLIC_STATES)))
    .orderBy(desc(engagementEvents.startsAt))
    .limit(300);
  const item = ({ e, unitName }: (typeof rows)[number]): PublicEventItem => ({ id: e.id, kindLabel: EVENT_KIND_LABELS[e.kind], title: e.title, unitName, startsAt: e.startsAt.toISOString(), place: e.place, stateLabel: e.state === 'published' && e.startsAt < now ? '待更新' : EVENT_STATE_LABELS[e.state] });
  return {
    upcoming: rows.filter((x) => x.e.state === 'published').reverse().map(item),
    past: rows.filter((x) => x.e.state !== 'published').map(item),
  };
}

export async function publicEvent(exec: Executor, tenantId: string, id: string, now = new Date()): Promise<PublicEvent | null> {
  const [x] = await exec
    .select({ e: engagementEvents, unitName: units.name })
    .from(engagementEvents)
    .innerJoin(units, and(eq(units.tenantId, engagementEvents.tenantId), eq(units.id, engagementEvents.unitId)))
    .where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, id), inArray(engagementEvents.state, PUBLIC_STATES)));
  if (!x) return null;
  const e = x.e;
  const interpretations: { id: string; title: string }[] = [];
  for (const i of e.interpretationIds) {
    const p = await publicInterpretation(exec, tenantId, i);
    if (p) interpretations.push({ id: p.id, title: p.title });
  }
  const taken = await takenPlaces(exec, tenantId, id);
  const problem = takesRegistration(e.kind) ? registrationProblem(e, taken, now) : null;
  return {
    id: e.id,
    kind: e.kind,
    kindLabel: EVENT_KIND_LABELS[e.kind],
    title: e.title,
    unitName: x.unitName,
    startsAt: e.startsAt.toISOString(),
    place: e.place,
    stateLabel: EVENT_STATE_LABELS[e.state],
    speakers: e.speakers,
    summary: e.summary ? masked(e.summary) : null,
    transcriptHtml: maskHtml(e.transcriptHtml),
    videoUrl: e.videoUrl,
    interpretations,
    capacity: e.capacity,
    registrationClosesAt: e.registrationClosesAt?.toISOString() ?? null,
    registrationOpen: takesRegistration(e.kind) && problem === null,
    registrationNote: problem,
    cancelReason: e.state === 'cancelled' ? e.cancelReason : null,
    opinions: e.opinionsPublishedOn ? e.opinions.map((o) => ({ ...o, representative: masked(o.representative), opinion: masked(o.opinion), response: masked(o.response) })) : [],
    opinionsPublishedOn: e.opinionsPublishedOn,
  };
}

async function takenPlaces(exec: Executor, tenantId: string, eventId: string): Promise<number> {
  const [{ n }] = (await exec.select({ n: sql<number>`count(*)::int` }).from(eventRegistrations).where(and(eq(eventRegistrations.tenantId, tenantId), eq(eventRegistrations.eventId, eventId), ne(eventRegistrations.state, 'declined')))) as [{ n: number }];
  return n;
}

/** A citizen registers on the portal; refused after closing or once the places are taken. */
export async function submitRegistration(exec: Executor, tenantId: string, eventId: string, input: { name: string; phone: string; organisation?: string | null; reason: string }, now = new Date()): Promise<{ id: string }> {
  const name = plain(input.name, 50);
  const phone = input.phone.replace(/[\s-]/g, '');
  const reason = plain(input.reason, 1000);
  if (!name) throw badRequest('请填写姓名', { field: 'name' });
  if (!/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone)) throw badRequest('请填写正确的联系电话（手机号码或带区号的固定电话）', { field: 'phone' });
  if (reason.length < 5) throw badRequest('请简要说明报名参加的理由（至少5个字）', { field: 'reason' });
  return exec.transaction(async (tx) => {
    // The event row is locked: two registrations for the last place cannot both get it.
    const [e] = await tx.select().from(engagementEvents).where(and(eq(engagementEvents.tenantId, tenantId), eq(engagementEvents.id, eventId), inArray(engagementEvents.state, PUBLIC_STATES))).for('update');
    if (!e) throw notFound('活动');
    const problem = registrationProblem(e, await takenPlaces(tx, tenantId, eventId), now);
    if (problem) throw new AppError(409, 'REGISTRATION_CLOSED', problem);
    const [row] = await tx.insert(eventRegistrations).values({ tenantId, eventId, name, phone, organisation: input.organisation ? plain(input.organisation, 100) || null : null, reason }).returning({ id: eventRegistrations.id });
    await recordAudit(tx, { tenantId, userId: null, label: '公众（网上报名）' }, { action: 'event.register', entityType: 'engagement_event', entityId: eventId, summary: `《${e.title}》收到一份报名（${maskName(name)}）`, after: { registrationId: row!.id } });
    await notify(tx, { tenantId, unitId: e.unitId, kind: 'event.registration', dedupeKey: `event:${eventId}:registration:${row!.id}`, title: `《${e.title}》收到新的报名`, body: '请在报名截止后确定参加人员。', link: `/admin/events/${eventId}`, entityId: eventId });
    return row!;
  });
}


