// Letters from the public (领导信箱 / 网友留言): received on the portal with a number and query code, assigned
// and transferred between units, answered within the tenant's working days (default 5) through the
// calendar, published with the writer's consent (masked), rated by the writer, and counted.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { formatDateZh, todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound, staleVersion } from '../../core/errors.ts';
import { maskName } from '../../core/requests/applicant.ts';
import {
  DEFAULT_MESSAGE_REPLY_DAYS,
  isRating,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_KIND_LABELS,
  MESSAGE_STATE_LABELS,
  messageReplyDue,
  RATING_LABELS,
  type MessageCategory,
  type MessageKind,
  type MessageState,
} from '../../core/participation/messages.ts';
import { applyMasks, findPersonalData } from '../../core/privacy/index.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { tenants, units } from '../org/schema.ts';
import { requireUnit, rootOf, unitScopeCondition } from '../org/units.ts';
import { hashQueryCode, newQueryCode } from '../requests/service.ts';
import { messageEvents, messages } from './schema.ts';

type Row = typeof messages.$inferSelect;

const masked = (s: string) => applyMasks(s, findPersonalData(s));
const plain = (s: string, max: number) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .trim()
    .slice(0, max);

async function replyDays(exec: Executor, tenantId: string): Promise<number> {
  const [t] = await exec.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return t?.settings.messageReplyDays ?? DEFAULT_MESSAGE_REPLY_DAYS;
}

async function issueNumber(exec: Executor, tenantId: string, year: number): Promise<string> {
  const [{ n }] = (await exec.execute(sql`
    SELECT count(*)::int + 1 AS n FROM messages WHERE tenant_id = ${tenantId} AND number LIKE ${`XX-${year}-%`}`)).rows as [{ n: number }];
  return `XX-${year}-${String(n).padStart(5, '0')}`;
}

export interface MessageInput {
  kind: MessageKind;
  unitId?: string | null;
  category: MessageCategory;
  subject: string;
  body: string;
  writerName: string;
  phone?: string | null;
  email?: string | null;
  consentPublic?: boolean;
}

/** A letter from the public: numbered, with a query code shown once, due in working days. */
export async function submitMessage(exec: Executor, tenantId: string, input: MessageInput, today = todayLocal()): Promise<{ number: string; queryCode: string; dueOn: string; unitName: string }> {
  const subject = plain(input.subject, 100);
  const body = plain(input.body, 5000);
  const name = plain(input.writerName, 50);
  if (!subject) throw badRequest('请填写留言标题', { field: 'subject' });
  if (body.length < 10) throw badRequest('留言内容太短，请写明您反映的问题或建议（至少10个字）', { field: 'body' });
  if (!name) throw badRequest('请填写姓名或称呼', { field: 'writerName' });
  const phone = input.phone?.replace(/[\s-]/g, '') || null;
  const email = input.email?.trim() || null;
  if (!phone && !email) throw badRequest('请留下电话或电子邮箱，便于答复', { field: 'phone' });
  if (phone && !/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone)) throw badRequest('联系电话格式不正确', { field: 'phone' });
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest('电子邮箱格式不正确', { field: 'email' });
  const cal = await tenantCalendar(exec, tenantId);
  const days = await replyDays(exec, tenantId);
  return exec.transaction(async (tx) => {
    const unit = input.kind === 'leader' || !input.unitId ? await rootOf(tx, tenantId) : await requireUnit(tx, tenantId, input.unitId).catch(() => null);
    if (!unit) throw badRequest('请选择留言的部门', { field: 'unitId' });
    // One number at a time per tenant.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7310460, hashtext(${tenantId}))`);
    const number = await issueNumber(tx, tenantId, Number(today.slice(0, 4)));
    const queryCode = newQueryCode();
    const due = messageReplyDue(cal, today, days);
    const [row] = await tx
      .insert(messages)
      .values({ tenantId, number, queryCodeHash: hashQueryCode(queryCode), kind: input.kind, category: input.category, unitId: unit.id, subject, body, writerName: name, phone, email, consentPublic: !!input.consentPublic, receivedOn: today, dueOn: due.due, dueExplanation: `应自收到留言之日起${days}个工作日内答复。${due.explanation}` })
      .returning();
    await tx.insert(messageEvents).values({ tenantId, messageId: row!.id, actorLabel: '网友', event: 'receive', data: { kind: input.kind } });
    await recordAudit(tx, { tenantId, userId: null, label: '网友（网上留言）' }, { action: 'message.receive', entityType: 'message', entityId: row!.id, summary: `收到${MESSAGE_KIND_LABELS[input.kind]}留言 ${number}（${unit.name}）`, after: { number, unitId: unit.id, category: input.category } });
    await notify(tx, { tenantId, unitId: unit.id, kind: 'message.new', dedupeKey: `message:${row!.id}:new`, title: `新留言 ${number}：${subject}`, body: `答复期限 ${due.due}。`, link: `/admin/messages/${row!.id}`, entityId: row!.id });
    return { number, queryCode, dueOn: due.due, unitName: unit.name };
  });
}

export interface MessageView {
  id: string;
  number: string;
  kind: MessageKind;
  kindLabel: string;
  category: MessageCategory;
  categoryLabel: string;
  unitId: string;
  unitName: string;
  subject: string;
  body: string;
  writerName: string;
  phone: string | null;
  email: string | null;
  consentPublic: boolean;
  state: MessageState;
  stateLabel: string;
  receivedOn: string;
  dueOn: string;
  dueExplanation: string;
  overdue: boolean;
  reply: string | null;
  repliedOn: string | null;
  workingDaysLate: number | null;
  published: boolean;
  rating: number | null;
  ratingLabel: string | null;
  ratingComment: string | null;
  events: { at: string; actorLabel: string; event: string; comment: string | null; data: Record<string, unknown> }[];
  version: number;
}

function view(r: Row, unitName: string, events: MessageView['events'], today: LocalDate): MessageView {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    kindLabel: MESSAGE_KIND_LABELS[r.kind],
    category: r.category,
    categoryLabel: MESSAGE_CATEGORY_LABELS[r.category],
    unitId: r.unitId,
    unitName,
    subject: r.subject,
    body: r.body,
    writerName: r.writerName,
    phone: r.phone,
    email: r.email,
    consentPublic: r.consentPublic,
    state: r.state,
    stateLabel: MESSAGE_STATE_LABELS[r.state],
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    dueExplanation: r.dueExplanation,
    overdue: r.state === 'received' && today > r.dueOn,
    reply: r.reply,
    repliedOn: r.repliedOn,
    workingDaysLate: r.workingDaysLate,
    published: r.published,
    rating: r.rating,
    ratingLabel: r.rating ? RATING_LABELS[r.rating] ?? null : null,
    ratingComment: r.ratingComment,
    events,
    version: r.version,
  };
}

async function visible(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(messages).where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('留言');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit)) throw notFound('留言');
  return { row, unit };
}

export async function getMessage(exec: Executor, caller: Caller, id: string): Promise<MessageView> {
  const { row, unit } = await visible(exec, caller, id);
  const events = await exec.select().from(messageEvents).where(and(eq(messageEvents.tenantId, caller.actor.tenantId), eq(messageEvents.messageId, id))).orderBy(asc(messageEvents.at));
  return view(row, unit.name, events.map((e) => ({ at: e.at.toISOString(), actorLabel: e.actorLabel, event: e.event, comment: e.comment, data: e.data })), todayLocal());
}

export async function listMessages(exec: Executor, caller: Caller, opts: { state?: MessageState; overdue?: boolean }) {
  const today = todayLocal();
  const rows = await exec
    .select({ m: messages, unitName: units.name })
    .from(messages)
    .innerJoin(units, and(eq(units.tenantId, messages.tenantId), eq(units.id, messages.unitId)))
    .where(
      and(
        eq(messages.tenantId, caller.actor.tenantId),
        unitScopeCondition(caller, 'records.read'),
        opts.state ? eq(messages.state, opts.state) : undefined,
        opts.overdue ? sql`${messages.state} = 'received' AND ${messages.dueOn} < ${today}::date` : undefined,
      ),
    )
    .orderBy(sql`${messages.state} = 'received' DESC`, asc(messages.dueOn), desc(messages.receivedOn))
    .limit(500);
  return rows.map((x) => view(x.m, x.unitName, [], today));
}

export type MessageAction =
  | { event: 'assign'; version: number; unitId: string; comment?: string | null }
  | { event: 'reply'; version: number; reply: string }
  | { event: 'publish'; version: number; published: boolean }
  | { event: 'close'; version: number; comment?: string | null };

export async function actOnMessage(exec: Executor, caller: Caller, id: string, input: MessageAction, today = todayLocal()): Promise<MessageView> {
  const tenantId = caller.actor.tenantId;
  const cal = await tenantCalendar(exec, tenantId);
  await exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, input.event === 'publish' ? 'records.publish' : 'records.edit', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`留言 ${row.number} `);
    const set: Partial<typeof messages.$inferInsert> = { version: row.version + 1, updatedAt: new Date() };
    let comment: string | null = null;
    const data: Record<string, unknown> = {};
    if (input.event === 'assign') {
      if (row.state !== 'received') throw new AppError(409, 'WRONG_STATE', '已答复的留言不能转办');
      const target = await requireUnit(tx, tenantId, input.unitId);
      if (target.id === row.unitId) throw badRequest('请选择另一个单位', { field: 'unitId' });
      // The clock runs on from the day of receipt: a transfer does not buy time.
      set.unitId = target.id;
      comment = input.comment?.trim() || null;
      Object.assign(data, { from: unit.name, to: target.name });
      await notify(tx, { tenantId, unitId: target.id, kind: 'message.assigned', dedupeKey: `message:${id}:assigned:${target.id}:${row.version}`, title: `转办留言 ${row.number}：${row.subject}`, body: `答复期限 ${row.dueOn}（自收到留言之日起计算，转办不重新计算）。`, link: `/admin/messages/${id}`, entityId: id });
    } else if (input.event === 'reply') {
      if (row.state !== 'received') throw new AppError(409, 'WRONG_STATE', '留言已经答复');
      const reply = plain(input.reply, 10000);
      if (reply.length < 5) throw badRequest('请填写答复内容', { field: 'reply' });
      const late = today > row.dueOn ? cal.workingDaysLate(row.dueOn, today) : 0;
      Object.assign(set, { state: 'replied', reply, repliedOn: today, repliedBy: caller.actor.userId, workingDaysLate: late });
      data.workingDaysLate = late;
    } else if (input.event === 'publish') {
      if (input.published && !row.consentPublic) throw new AppError(409, 'NO_CONSENT', '留言人未同意公开，不能公开');
      if (input.published && row.state === 'received') throw new AppError(409, 'WRONG_STATE', '答复后才能公开');
      set.published = input.published;
      data.published = input.published;
    } else {
      if (row.state !== 'replied') throw new AppError(409, 'WRONG_STATE', '答复后才能办结');
      set.state = 'closed';
      comment = input.comment?.trim() || null;
    }
    await tx.update(messages).set(set).where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
    await tx.insert(messageEvents).values({ tenantId, messageId: id, actorId: caller.actor.userId, actorLabel: caller.actor.label, event: input.event, comment, data });
    await recordAudit(tx, caller.actor, { action: `message.${input.event}`, entityType: 'message', entityId: id, summary: `留言 ${row.number}：${{ assign: '转办', reply: '答复', publish: '公开设置', close: '办结' }[input.event]}${data.workingDaysLate ? `（逾期${data.workingDaysLate}个工作日）` : ''}`, after: { ...data, state: set.state ?? row.state } });
  });
  return getMessage(exec, caller, id);
}

/** Counts per unit and state, on-time replies and the average rating, for a period. */
export async function messageStatistics(exec: Executor, caller: Caller, from: LocalDate, to: LocalDate) {
  const rows = await exec
    .select({
      unitId: messages.unitId,
      unitName: units.name,
      received: sql<number>`count(*)::int`,
      replied: sql<number>`count(*) FILTER (WHERE ${messages.repliedOn} IS NOT NULL)::int`,
      onTime: sql<number>`count(*) FILTER (WHERE ${messages.repliedOn} IS NOT NULL AND coalesce(${messages.workingDaysLate}, 0) = 0)::int`,
      overdueOpen: sql<number>`count(*) FILTER (WHERE ${messages.state} = 'received' AND ${messages.dueOn} < ${todayLocal()}::date)::int`,
      rated: sql<number>`count(${messages.rating})::int`,
      averageRating: sql<number | null>`round(avg(${messages.rating}), 2)::float`,
    })
    .from(messages)
    .innerJoin(units, and(eq(units.tenantId, messages.tenantId), eq(units.id, messages.unitId)))
    .where(and(eq(messages.tenantId, caller.actor.tenantId), unitScopeCondition(caller, 'records.read'), sql`${messages.receivedOn} BETWEEN ${from}::date AND ${to}::date`))
    .groupBy(messages.unitId, units.name)
    .orderBy(units.name);
  return rows;
}

/** Reminders for letters not answered in time: to the unit, once when due tomorrow and once overdue. */
export async function sendMessageReminders(exec: Db | Executor, today = todayLocal()): Promise<number> {
  const rows = await exec.select().from(messages).where(and(eq(messages.state, 'received'), sql`${messages.dueOn} < ${today}::date`));
  let n = 0;
  for (const m of rows) {
    if (await notify(exec, { tenantId: m.tenantId, unitId: m.unitId, kind: 'message.overdue', dedupeKey: `message:${m.id}:overdue:${m.dueOn}`, title: `留言 ${m.number} 已逾期未答复`, body: `答复期限 ${m.dueOn}。${m.dueExplanation}`, link: `/admin/messages/${m.id}`, entityId: m.id })) n++;
  }
  return n;
}

// ---- public ---------------------------------------------------------------------------------------------

export interface PublicMessage {
  id: string;
  number: string;
  subject: string;
  body: string;
  writer: string;
  categoryLabel: string;
  unitName: string;
  receivedOn: string;
  reply: string;
  repliedOn: string;
  ratingLabel: string | null;
}

function publicView(r: Row, unitName: string): PublicMessage {
  return {
    id: r.id,
    number: r.number,
    subject: masked(r.subject),
    body: masked(r.body),
    writer: maskName(r.writerName),
    categoryLabel: MESSAGE_CATEGORY_LABELS[r.category],
    unitName,
    receivedOn: r.receivedOn,
    reply: masked(r.reply ?? ''),
    repliedOn: r.repliedOn ?? '',
    ratingLabel: r.rating ? RATING_LABELS[r.rating] ?? null : null,
  };
}

/** Letters the writers let be published and staff published, with their replies, masked. */
export async function publicMessages(exec: Executor, tenantId: string, limit = 50, id?: string): Promise<PublicMessage[]> {
  const rows = await exec
    .select({ m: messages, unitName: units.name })
    .from(messages)
    .innerJoin(units, and(eq(units.tenantId, messages.tenantId), eq(units.id, messages.unitId)))
    .where(and(eq(messages.tenantId, tenantId), eq(messages.published, true), eq(messages.consentPublic, true), sql`${messages.repliedOn} IS NOT NULL`, id ? eq(messages.id, id) : undefined))
    .orderBy(desc(messages.repliedOn))
    .limit(limit);
  return rows.map((x) => publicView(x.m, x.unitName));
}

/** The writer's own letter, by number and query code. */
export async function messageForWriter(exec: Executor, tenantId: string, number: string, code: string) {
  const [x] = await exec
    .select({ m: messages, unitName: units.name })
    .from(messages)
    .innerJoin(units, and(eq(units.tenantId, messages.tenantId), eq(units.id, messages.unitId)))
    .where(and(eq(messages.tenantId, tenantId), eq(messages.number, number.trim().toUpperCase()), eq(messages.queryCodeHash, hashQueryCode(code))));
  if (!x) return null;
  const m = x.m;
  return {
    id: m.id,
    number: m.number,
    subject: m.subject,
    stateLabel: MESSAGE_STATE_LABELS[m.state],
    unitName: x.unitName,
    receivedOn: m.receivedOn,
    dueOn: m.dueOn,
    dueExplanation: m.dueExplanation,
    reply: m.reply,
    repliedOn: m.repliedOn,
    rating: m.rating,
    mayRate: m.state !== 'received' && m.rating === null,
    version: m.version,
  };
}

/** The writer rates the reply once (好差评 of the answer). */
export async function rateMessage(exec: Executor, tenantId: string, number: string, code: string, rating: unknown, comment: string | null): Promise<void> {
  if (!isRating(rating)) throw badRequest('请选择满意程度', { field: 'rating' });
  await exec.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), eq(messages.number, number.trim().toUpperCase()), eq(messages.queryCodeHash, hashQueryCode(code))))
      .for('update');
    if (!m) throw notFound('留言');
    if (m.state === 'received') throw new AppError(409, 'WRONG_STATE', '留言尚未答复，答复后可以评价');
    if (m.rating !== null) throw new AppError(409, 'ALREADY_RATED', '已经评价过了');
    await tx.update(messages).set({ rating, ratingComment: comment ? plain(comment, 500) : null, ratedAt: new Date(), version: m.version + 1 }).where(and(eq(messages.tenantId, tenantId), eq(messages.id, m.id)));
    await tx.insert(messageEvents).values({ tenantId, messageId: m.id, actorLabel: '留言人', event: 'rate', data: { rating } });
    await recordAudit(tx, { tenantId, userId: null, label: '留言人（网上评价）' }, { action: 'message.rate', entityType: 'message', entityId: m.id, summary: `留言 ${m.number} 评价：${RATING_LABELS[rating]}`, after: { rating } });
  });
}

