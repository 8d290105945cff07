// Deputies' suggestions and members' proposals (人大代表建议、政协委员提案): registered by the office with the
// number the congress or the CPPCC gave them, assigned to a lead unit (主办) and co-units (协办), answered by
// the lead unit within the tenant's months (default 3, see src/core/participation/proposals.ts) with a result
// category and a disclosure attribute, and published on the portal in full or as a summary — never when the
// reply is not to be disclosed. The lead unit's users handle it within their scope; the office sees all.
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import {
  daysLate,
  DEFAULT_PROPOSAL_REPLY_MONTHS,
  PROPOSAL_DISCLOSURE_LABELS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_RESULT_LABELS,
  PROPOSAL_STATE_LABELS,
  proposalReplyDue,
  publicReplyText,
  replyProblem,
  type ProposalDisclosure,
  type ProposalKind,
  type ProposalResult,
  type ProposalState,
} from '../../core/participation/proposals.ts';
import { applyMasks, findPersonalData } from '../../core/privacy/index.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { notify } from '../notify/service.ts';
import { tenants, units } from '../org/schema.ts';
import { requireUnit, rootOf, unitScopeCondition } from '../org/units.ts';
import { deputyProposals } from './schema.ts';

type Row = typeof deputyProposals.$inferSelect;

const masked = (s: string) => applyMasks(s, findPersonalData(s));
const plain = (s: string, max: number) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .trim()
    .slice(0, max);

async function replyMonths(exec: Executor, tenantId: string): Promise<number> {
  const [t] = await exec.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return t?.settings.proposalReplyMonths ?? DEFAULT_PROPOSAL_REPLY_MONTHS;
}

export interface ProposalInput {
  kind: ProposalKind;
  session: string;
  number: string;
  title: string;
  proposers: string[];
  content: string;
}

export interface ProposalView {
  id: string;
  kind: ProposalKind;
  kindLabel: string;
  session: string;
  number: string;
  title: string;
  proposers: string[];
  content: string;
  unitId: string;
  unitName: string;
  coUnits: { id: string; name: string }[];
  assignedOn: string | null;
  dueOn: string | null;
  dueExplanation: string | null;
  overdue: boolean;
  state: ProposalState;
  stateLabel: string;
  reply: string | null;
  result: ProposalResult | null;
  resultLabel: string | null;
  disclosure: ProposalDisclosure | null;
  disclosureLabel: string | null;
  disclosureReason: string | null;
  summary: string | null;
  repliedOn: string | null;
  daysLate: number | null;
  published: boolean;
  version: number;
}

function view(r: Row, unitName: string, names: Map<string, string>, today: LocalDate): ProposalView {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: PROPOSAL_KIND_LABELS[r.kind],
    session: r.session,
    number: r.number,
    title: r.title,
    proposers: r.proposers,
    content: r.content,
    unitId: r.unitId,
    unitName,
    coUnits: r.coUnitIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    assignedOn: r.assignedOn,
    dueOn: r.dueOn,
    dueExplanation: r.dueExplanation,
    overdue: r.state === 'assigned' && !!r.dueOn && today > r.dueOn,
    state: r.state,
    stateLabel: PROPOSAL_STATE_LABELS[r.state],
    reply: r.reply,
    result: r.result,
    resultLabel: r.result ? PROPOSAL_RESULT_LABELS[r.result] : null,
    disclosure: r.disclosure,
    disclosureLabel: r.disclosure ? PROPOSAL_DISCLOSURE_LABELS[r.disclosure] : null,
    disclosureReason: r.disclosureReason,
    summary: r.summary,
    repliedOn: r.repliedOn,
    daysLate: r.daysLate,
    published: r.published,
    version: r.version,
  };
}

async function unitNames(exec: Executor, tenantId: string): Promise<Map<string, string>> {
  const rows = await exec.select({ id: units.id, name: units.name }).from(units).where(eq(units.tenantId, tenantId));
  return new Map(rows.map((u) => [u.id, u.name]));
}

async function visible(exec: Executor, caller: Caller, id: string, lock = false) {
  const tenantId = caller.actor.tenantId;
  const q = exec.select().from(deputyProposals).where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('建议提案');
  const unit = await requireUnit(exec, tenantId, row.unitId);
  if (!can(caller, 'records.read', unit) && !(await readsACoUnit(exec, caller, row.coUnitIds))) throw notFound('建议提案');
  return { row, unit };
}

/**
 * A co-unit (协办单位) is told of the proposal and must be able to read it to contribute; writing (the
 * reply, publication) stays with the lead unit, which every action asserts on its own.
 */
async function readsACoUnit(exec: Executor, caller: Caller, coUnitIds: string[]): Promise<boolean> {
  for (const id of coUnitIds) {
    const u = await requireUnit(exec, caller.actor.tenantId, id).catch(() => null);
    if (u && can(caller, 'records.read', u)) return true;
  }
  return false;
}


function cleanInput(input: ProposalInput) {
  const v = { session: plain(input.session, 100), number: plain(input.number, 50), title: plain(input.title, 300), content: plain(input.content, 20000), proposers: [...new Set(input.proposers.map((p) => plain(p, 50)).filter(Boolean))] };
  if (!v.session) throw badRequest('请填写届次会次（如 县第十八届人民代表大会第三次会议）', { field: 'session' });
  if (!v.number) throw badRequest('请填写建议或提案的编号', { field: 'number' });
  if (!v.title) throw badRequest('请填写标题', { field: 'title' });
  if (!v.proposers.length) throw badRequest('请填写提出人（领衔代表或委员）', { field: 'proposers' });
  if (v.content.length < 10) throw badRequest('请填写建议或提案的内容（至少10个字）', { field: 'content' });
  return v;
}

/** The office registers a suggestion or proposal as the congress or CPPCC numbered it. */
export async function registerProposal(exec: Executor, caller: Caller, input: ProposalInput): Promise<ProposalView> {
  const tenantId = caller.actor.tenantId;
  const v = cleanInput(input);
  return exec.transaction(async (tx) => {
    const root = await rootOf(tx, tenantId);
    assertCan(caller, 'records.edit', root, root.name);
    const [dup] = await tx.select({ id: deputyProposals.id }).from(deputyProposals).where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.kind, input.kind), eq(deputyProposals.session, v.session), eq(deputyProposals.number, v.number)));
    if (dup) throw conflict(`${v.session}的${PROPOSAL_KIND_LABELS[input.kind]}${v.number}已经登记`, { field: 'number' });
    const [row] = await tx.insert(deputyProposals).values({ tenantId, kind: input.kind, ...v, unitId: root.id, createdBy: caller.actor.userId }).returning();
    await recordAudit(tx, caller.actor, { action: 'proposal.register', entityType: 'deputy_proposal', entityId: row!.id, summary: `登记${PROPOSAL_KIND_LABELS[input.kind]}${v.number}《${v.title}》`, after: { kind: input.kind, session: v.session, number: v.number } });
    return view(row!, root.name, new Map(), todayLocal());
  });
}

/**
 * The office assigns it to a lead unit and co-units; the reply is due the tenant's months (default 3) after
 * the first assignment. A re-assignment before the reply does not restart the clock.
 */
export async function assignProposal(exec: Executor, caller: Caller, id: string, input: { version: number; unitId: string; coUnitIds?: string[]; assignedOn?: LocalDate | null }, today = todayLocal()): Promise<ProposalView> {
  const tenantId = caller.actor.tenantId;
  const cal = await tenantCalendar(exec, tenantId);
  const months = await replyMonths(exec, tenantId);
  await exec.transaction(async (tx) => {
    const { row } = await visible(tx, caller, id, true);
    const root = await rootOf(tx, tenantId);
    assertCan(caller, 'records.edit', root, root.name);
    if (row.version !== input.version) throw staleVersion(`建议提案${row.number}`);
    if (row.state !== 'registered' && row.state !== 'assigned') throw new AppError(409, 'WRONG_STATE', '已答复的建议提案不能再交办');
    const lead = await requireUnit(tx, tenantId, input.unitId).catch(() => {
      throw badRequest('主办单位不存在', { field: 'unitId' });
    });
    const coUnitIds = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== lead.id);
    for (const u of coUnitIds) await requireUnit(tx, tenantId, u).catch(() => {
      throw badRequest('协办单位不存在', { field: 'coUnitIds' });
    });
    const assignedOn = row.assignedOn ?? input.assignedOn ?? today;
    if (assignedOn > today) throw badRequest('交办日期不能晚于今天', { field: 'assignedOn' });
    const due = row.dueOn ? { due: row.dueOn, explanation: row.dueExplanation! } : proposalReplyDue(cal, assignedOn, months);
    await tx
      .update(deputyProposals)
      .set({ unitId: lead.id, coUnitIds, assignedOn, dueOn: due.due, dueExplanation: due.explanation, state: 'assigned', version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.id, id)));
    for (const u of [lead.id, ...coUnitIds]) {
      await notify(tx, { tenantId, unitId: u, kind: 'proposal.assigned', dedupeKey: `proposal:${id}:assigned:${u}:${row.version}`, title: `交办${PROPOSAL_KIND_LABELS[row.kind]}${row.number}（${u === lead.id ? '主办' : '协办'}）：${row.title}`, body: `答复期限 ${due.due}。${due.explanation}`, link: `/admin/proposals/${id}`, entityId: id });
    }
    await recordAudit(tx, caller.actor, { action: 'proposal.assign', entityType: 'deputy_proposal', entityId: id, summary: `${PROPOSAL_KIND_LABELS[row.kind]}${row.number}交办${lead.name}主办${coUnitIds.length ? `，${coUnitIds.length}个单位协办` : ''}，${due.due}前答复`, before: { unitId: row.unitId }, after: { unitId: lead.id, coUnitIds, dueOn: due.due } });
  });
  return getProposal(exec, caller, id, today);
}

export interface ReplyProposalInput {
  version: number;
  reply: string;
  result: ProposalResult;
  disclosure: ProposalDisclosure;
  disclosureReason?: string | null;
  summary?: string | null;
}

/** The lead unit replies: the text, the result category and whether (and how) the reply is disclosed. */
export async function replyToProposal(exec: Executor, caller: Caller, id: string, input: ReplyProposalInput, today = todayLocal()): Promise<ProposalView> {
  const tenantId = caller.actor.tenantId;
  const reply = plain(input.reply, 50000);
  const p = replyProblem({ ...input, reply });
  if (p) throw badRequest(p.message, { field: p.field });
  await exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`建议提案${row.number}`);
    if (row.state !== 'assigned') throw new AppError(409, 'WRONG_STATE', row.state === 'registered' ? '建议提案尚未交办' : '建议提案已经答复');
    const late = daysLate(row.dueOn!, today);
    await tx
      .update(deputyProposals)
      .set({
        state: 'replied',
        reply,
        result: input.result,
        disclosure: input.disclosure,
        disclosureReason: input.disclosure === 'none' ? plain(input.disclosureReason!, 1000) : null,
        summary: input.disclosure === 'summary' ? plain(input.summary!, 5000) : null,
        repliedOn: today,
        repliedBy: caller.actor.userId,
        daysLate: late,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.id, id)));
    await recordAudit(tx, caller.actor, {
      action: 'proposal.reply',
      entityType: 'deputy_proposal',
      entityId: id,
      summary: `答复${PROPOSAL_KIND_LABELS[row.kind]}${row.number}：${PROPOSAL_RESULT_LABELS[input.result]}，${PROPOSAL_DISCLOSURE_LABELS[input.disclosure]}${late ? `（逾期${late}日）` : ''}`,
      after: { result: input.result, disclosure: input.disclosure, daysLate: late },
    });
  });
  return getProposal(exec, caller, id, today);
}

/** Publishes the reply on the portal: in full (全文公开) or its summary (摘要公开); 不公开 is refused. */
export async function publishProposal(exec: Executor, caller: Caller, id: string, input: { version: number }): Promise<ProposalView> {
  const tenantId = caller.actor.tenantId;
  await exec.transaction(async (tx) => {
    const { row, unit } = await visible(tx, caller, id, true);
    assertCan(caller, 'records.publish', unit, unit.name);
    if (row.version !== input.version) throw staleVersion(`建议提案${row.number}`);
    if (row.state !== 'replied') throw new AppError(409, 'WRONG_STATE', row.state === 'published' ? '答复已经公开' : '答复后才能公开');
    const shown = publicReplyText({ disclosure: row.disclosure!, reply: row.reply ?? '', summary: row.summary });
    if (!shown.ok) throw new AppError(409, 'NOT_DISCLOSABLE', shown.message);
    await tx.update(deputyProposals).set({ state: 'published', published: true, publishedAt: new Date(), version: row.version + 1, updatedAt: new Date() }).where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.id, id)));
    await recordAudit(tx, caller.actor, { action: 'proposal.publish', entityType: 'deputy_proposal', entityId: id, summary: `公开${PROPOSAL_KIND_LABELS[row.kind]}${row.number}的答复（${PROPOSAL_DISCLOSURE_LABELS[row.disclosure!]}）`, after: { published: true } });
  });
  return getProposal(exec, caller, id);
}

export async function getProposal(exec: Executor, caller: Caller, id: string, today = todayLocal()): Promise<ProposalView> {
  const { row, unit } = await visible(exec, caller, id);
  return view(row, unit.name, await unitNames(exec, caller.actor.tenantId), today);
}

export async function listProposals(exec: Executor, caller: Caller, opts: { state?: ProposalState; overdue?: boolean } = {}): Promise<ProposalView[]> {
  const tenantId = caller.actor.tenantId;
  const today = todayLocal();
  const rows = await exec
    .select({ p: deputyProposals, unitName: units.name })
    .from(deputyProposals)
    .innerJoin(units, and(eq(units.tenantId, deputyProposals.tenantId), eq(units.id, deputyProposals.unitId)))
    .where(
      and(
        eq(deputyProposals.tenantId, tenantId),
        or(
          unitScopeCondition(caller, 'records.read') ?? sql`true`,
          // …or one of its co-units (see readsACoUnit).
          sql`EXISTS (SELECT 1 FROM units co_unit WHERE co_unit.tenant_id = ${deputyProposals.tenantId} AND ${deputyProposals.coUnitIds} @> jsonb_build_array(co_unit.id::text) AND ${unitScopeCondition(caller, 'records.read', sql.raw('co_unit.id'), sql.raw('co_unit.path')) ?? sql`true`})`,
        ),
        opts.state ? eq(deputyProposals.state, opts.state) : undefined,
        opts.overdue ? sql`${deputyProposals.state} = 'assigned' AND ${deputyProposals.dueOn} < ${today}::date` : undefined,
      ),
    )
    .orderBy(desc(deputyProposals.session), deputyProposals.kind, deputyProposals.number)
    .limit(1000);
  const names = await unitNames(exec, tenantId);
  return rows.map((x) => view(x.p, x.unitName, names, today));
}

// ---- public ---------------------------------------------------------------------------------------------

export interface PublicProposal {
  id: string;
  kindLabel: string;
  session: string;
  number: string;
  title: string;
  proposers: string[];
  content: string;
  unitName: string;
  resultLabel: string;
  partLabel: string;
  replyText: string;
  repliedOn: string;
}

/** Published replies, in full or in summary as their disclosure attribute says, personal data masked. */
export async function publicProposals(exec: Executor, tenantId: string, id?: string): Promise<PublicProposal[]> {
  const rows = await exec
    .select({ p: deputyProposals, unitName: units.name })
    .from(deputyProposals)
    .innerJoin(units, and(eq(units.tenantId, deputyProposals.tenantId), eq(units.id, deputyProposals.unitId)))
    .where(and(eq(deputyProposals.tenantId, tenantId), eq(deputyProposals.published, true), sql`${deputyProposals.disclosure} IN ('full', 'summary')`, id ? eq(deputyProposals.id, id) : undefined))
    .orderBy(desc(deputyProposals.session), deputyProposals.kind, deputyProposals.number)
    .limit(500);
  return rows.flatMap(({ p, unitName }) => {
    const shown = publicReplyText({ disclosure: p.disclosure!, reply: p.reply ?? '', summary: p.summary });
    if (!shown.ok) return [];
    return [{ id: p.id, kindLabel: PROPOSAL_KIND_LABELS[p.kind], session: p.session, number: p.number, title: masked(p.title), proposers: p.proposers, content: masked(p.content), unitName, resultLabel: PROPOSAL_RESULT_LABELS[p.result!], partLabel: shown.partLabel, replyText: masked(shown.text), repliedOn: p.repliedOn ?? '' }];
  });
}
