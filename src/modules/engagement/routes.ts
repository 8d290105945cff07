// /api/v1/events and /api/v1/proposals: press conferences, online interviews, open days and meetings attended
// by public representatives (with registrations and the representatives' opinions), and deputies'
// suggestions and members' proposals (登记、交办、答复、公开).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../core/errors.ts';
import { EVENT_KINDS, EVENT_STATES } from '../../core/participation/events.ts';
import { PROPOSAL_DISCLOSURES, PROPOSAL_KINDS, PROPOSAL_RESULTS, PROPOSAL_STATES } from '../../core/participation/proposals.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, LocalDate, Uuid, Version, withErrors } from '../../http/schemas.ts';
import { actOnEvent, createEvent, decideRegistration, getEvent, listEvents, listRegistrations, publishMeetingOpinions, updateEvent, type EventAction } from './events.ts';
import { assignProposal, getProposal, listProposals, publishProposal, registerProposal, replyToProposal } from './proposals.ts';

const tags = ['公众参与'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Any = Type.Object({}, { additionalProperties: true });

const EventFields = {
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '活动名称' }),
  startsAt: Type.String({ format: 'date-time', title: '活动时间' }),
  place: Type.String({ maxLength: 200, title: '地点（在线访谈可填网址或栏目）' }),
  speakers: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }), post: Type.String({ maxLength: 100, title: '职务' }) }), { maxItems: 30, title: '发布人、访谈嘉宾' }),
  summary: Nullable(Type.String({ maxLength: 5000, title: '简介' })),
  transcriptHtml: Type.String({ maxLength: 2_000_000, title: '文字实录' }),
  videoUrl: Nullable(Type.String({ maxLength: 1000, title: '视频链接' })),
  interpretationIds: Type.Array(Uuid('相关政策解读'), { maxItems: 20 }),
  capacity: Type.Union([Type.Integer({ minimum: 1, maximum: 10000, title: '名额' }), Type.Null()]),
  registrationClosesAt: Nullable(Type.String({ format: 'date-time', title: '报名截止时间' })),
};

const Opinion = Type.Object({
  representative: Type.String({ maxLength: 100, title: '提出意见的代表（如 市民代表 王某）' }),
  opinion: Type.String({ maxLength: 5000, title: '意见' }),
  adopted: Type.Boolean({ title: '是否采纳' }),
  response: Type.String({ maxLength: 5000, title: '采纳情况或不予采纳的理由' }),
});

export function engagementRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  // ---- events -------------------------------------------------------------------------------------------

  app.get(
    '/api/v1/events',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '新闻发布会、在线访谈、政府开放日、列席会议', querystring: Type.Object({ kind: Type.Optional(Enum(EVENT_KINDS, '类别')), state: Type.Optional(Enum(EVENT_STATES, '状态')) }), response: withErrors({ 200: Type.Array(Any) }) } },
    async (req) => listEvents(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/events',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '起草活动（新闻发布会、在线访谈、政府开放日、列席会议）',
        description: '政府开放日和列席会议接受公众网上报名，须填写名额和报名截止时间（早于活动时间）。',
        body: Type.Object({
          kind: Enum(EVENT_KINDS, '类别', 'press_conference 新闻发布会；online_interview 在线访谈；open_day 政府开放日；attended_meeting 列席会议'),
          unitId: Uuid('主办单位'),
          title: EventFields.title,
          startsAt: EventFields.startsAt,
          place: Type.Optional(EventFields.place),
          speakers: Type.Optional(EventFields.speakers),
          summary: Type.Optional(EventFields.summary),
          transcriptHtml: Type.Optional(EventFields.transcriptHtml),
          videoUrl: Type.Optional(EventFields.videoUrl),
          interpretationIds: Type.Optional(EventFields.interpretationIds),
          capacity: Type.Optional(EventFields.capacity),
          registrationClosesAt: Type.Optional(EventFields.registrationClosesAt),
        }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await createEvent(db, callerOf(req), req.body)),
  );

  app.get('/api/v1/events/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一项活动', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getEvent(db, callerOf(req), req.params.id));

  app.patch(
    '/api/v1/events/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '修改活动；举行后只能补充实录、视频链接和相关解读',
        params: IdParams,
        body: Type.Object({
          version: Version,
          title: Type.Optional(EventFields.title),
          startsAt: Type.Optional(EventFields.startsAt),
          place: Type.Optional(EventFields.place),
          speakers: Type.Optional(EventFields.speakers),
          summary: Type.Optional(EventFields.summary),
          transcriptHtml: Type.Optional(EventFields.transcriptHtml),
          videoUrl: Type.Optional(EventFields.videoUrl),
          interpretationIds: Type.Optional(EventFields.interpretationIds),
          capacity: Type.Optional(EventFields.capacity),
          registrationClosesAt: Type.Optional(EventFields.registrationClosesAt),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateEvent(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/events/:id/actions',
    {
      config: { access: { permission: 'records.publish' } },
      schema: {
        tags,
        summary: '发布预告、标记已举行（列席会议自举行之日起3个工作日内公开公众代表意见）、取消（须说明原因）',
        params: IdParams,
        body: Type.Object({
          event: Enum(['publish', 'hold', 'cancel'] as const, '事项'),
          version: Version,
          heldOn: Type.Optional(Nullable(LocalDate('举行日期（默认为预告的活动日期）'))),
          reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '取消的原因' }))),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => {
      const b = req.body;
      const action: EventAction = b.event === 'cancel' ? { event: 'cancel', version: b.version, reason: requireField(b.reason, 'reason', '请说明取消的原因') } : b.event === 'hold' ? { event: 'hold', version: b.version, heldOn: b.heldOn ?? null } : { event: 'publish', version: b.version };
      return actOnEvent(db, callerOf(req), req.params.id, action);
    },
  );

  app.put(
    '/api/v1/events/:id/opinions',
    {
      config: { access: { permission: 'records.publish' } },
      schema: {
        tags,
        summary: '公开列席会议公众代表的意见及采纳情况',
        description: '应在会议举行之日起3个工作日内公开（按工作日历计算）；逾期仍可公开，但记录逾期的工作日数。',
        params: IdParams,
        body: Type.Object({ version: Version, opinions: Type.Array(Opinion, { maxItems: 200 }) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => publishMeetingOpinions(db, callerOf(req), req.params.id, req.body),
  );

  app.get('/api/v1/events/:id/registrations', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '公众报名（含联系电话，仅工作人员可见）', params: IdParams, response: withErrors({ 200: Type.Array(Any) }) } }, async (req) => listRegistrations(db, callerOf(req), req.params.id));

  app.patch(
    '/api/v1/event-registrations/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '确定参加（不超过名额）或未能安排（须说明原因）',
        params: IdParams,
        body: Type.Object({ version: Version, state: Enum(['selected', 'declined'] as const, '结果'), note: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '说明' }))) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => decideRegistration(db, callerOf(req), req.params.id, req.body),
  );

  // ---- 建议提案 -----------------------------------------------------------------------------------------

  app.get(
    '/api/v1/proposals',
    {
      config: { access: { permission: 'records.read' } },
      schema: { tags, summary: '人大代表建议、政协委员提案', querystring: Type.Object({ state: Type.Optional(Enum(PROPOSAL_STATES, '状态')), overdue: Type.Optional(Type.Boolean({ title: '只看逾期未答复的' })) }), response: withErrors({ 200: Type.Array(Any) }) },
    },
    async (req) => listProposals(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/proposals',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '登记建议或提案（政务公开办）',
        body: Type.Object({
          kind: Enum(PROPOSAL_KINDS, '类别', 'npc_suggestion 人大代表建议；cppcc_proposal 政协委员提案'),
          session: Type.String({ minLength: 1, maxLength: 100, title: '届次会次' }),
          number: Type.String({ minLength: 1, maxLength: 50, title: '编号（人大、政协给出的）' }),
          title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '标题' }),
          proposers: Type.Array(Type.String({ maxLength: 50 }), { minItems: 1, maxItems: 100, title: '提出人' }),
          content: Type.String({ minLength: 1, maxLength: 20000, title: '内容' }),
        }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await registerProposal(db, callerOf(req), req.body)),
  );

  app.get('/api/v1/proposals/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一件建议或提案', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getProposal(db, callerOf(req), req.params.id));

  app.post(
    '/api/v1/proposals/:id/assign',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '交办主办单位和协办单位（政务公开办）',
        description: '自交办之日起3个月内答复（默认，参照《全国人民代表大会代表建议、批评和意见办理办法》，可在站点设置中调整）；重新交办不重新计算期限。',
        params: IdParams,
        body: Type.Object({ version: Version, unitId: Uuid('主办单位'), coUnitIds: Type.Optional(Type.Array(Uuid('协办单位'), { maxItems: 20 })), assignedOn: Type.Optional(Nullable(LocalDate('交办日期（默认今天）'))) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => assignProposal(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/proposals/:id/reply',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '答复（主办单位）：答复全文、办理结果类别、公开属性',
        params: IdParams,
        body: Type.Object({
          version: Version,
          reply: Type.String({ minLength: 1, maxLength: 50000, title: '答复全文' }),
          result: Enum(PROPOSAL_RESULTS, '办理结果', 'A 已解决或基本解决；B 正在解决或列入计划解决；C 留作参考'),
          disclosure: Enum(PROPOSAL_DISCLOSURES, '公开属性', 'full 全文公开；summary 摘要公开；none 不公开（须说明理由）'),
          disclosureReason: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '不公开的理由' }))),
          summary: Type.Optional(Nullable(Type.String({ maxLength: 5000, title: '公开的摘要' }))),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => replyToProposal(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/proposals/:id/publish',
    { config: { access: { permission: 'records.publish' } }, schema: { tags, summary: '在门户网站公开答复（全文公开或摘要公开；不公开的不能公开）', params: IdParams, body: Type.Object({ version: Version }), response: withErrors({ 200: Any }) } },
    async (req) => publishProposal(db, callerOf(req), req.params.id, req.body),
  );
}

function requireField<T>(v: T | undefined | null, field: string, message: string): T {
  if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) throw badRequest(message, { field });
  return v;
}
