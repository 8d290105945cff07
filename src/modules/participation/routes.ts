// /api/v1/consultations and /api/v1/decisions: public consultations (意见征集) with moderation and the
// adoption report, and major administrative decisions (重大行政决策) with their stages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CONSULTATION_KINDS } from '../../core/participation/consultation.ts';
import { STAGE_KEYS, STAGE_STATUSES } from '../../core/participation/decision.ts';
import { MESSAGE_STATES } from '../../core/participation/messages.ts';
import { OPINION_LEVELS, RELEASE_KINDS } from '../../core/participation/opinion.ts';
import { badRequest } from '../../core/errors.ts';
import { actOnMessage, getMessage, listMessages, messageStatistics, type MessageAction } from './messages.ts';
import { addRelease, closeOpinion, getOpinion, listOpinions, registerOpinion } from './opinions.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, LocalDate, Uuid, Version, withErrors } from '../../http/schemas.ts';
import {
  actOnConsultation,
  createConsultation,
  createDecision,
  getConsultation,
  getDecision,
  listComments,
  listConsultations,
  listDecisions,
  reviewComment,
  updateConsultation,
  updateDecision,
} from './service.ts';

const tags = ['公众参与'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Any = Type.Object({}, { additionalProperties: true });

const ConsultationFields = {
  kind: Enum(CONSULTATION_KINDS, '类别', 'major_decision 重大行政决策；rule 规章；normative_document 行政规范性文件；other 其他'),
  decisionId: Nullable(Uuid('所属的重大行政决策事项')),
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '标题' }),
  draftHtml: Type.String({ maxLength: 2_000_000, title: '征求意见稿' }),
  explanationHtml: Type.String({ maxLength: 1_000_000, title: '起草说明' }),
  startsOn: LocalDate('开始日期'),
  endsOn: LocalDate('截止日期'),
  urgent: Type.Boolean({ title: '情况紧急，缩短期限' }),
  urgentReason: Nullable(Type.String({ maxLength: 1000, title: '缩短期限的理由' })),
  otherChannels: Nullable(Type.String({ maxLength: 1000, title: '其他提交意见的方式' })),
};

export function participationRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/consultations', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '意见征集列表', response: withErrors({ 200: Type.Array(Any) }) } }, async (req) => listConsultations(db, callerOf(req)));

  app.post(
    '/api/v1/consultations',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '起草意见征集',
        description: '重大行政决策和规章的征求意见期限一般不少于30日（《重大行政决策程序暂行条例》第十五条、《规章制定程序条例》第十五条）；紧急情况下缩短的，须注明并说明理由。',
        body: Type.Object({
          unitId: Uuid('起草单位'),
          kind: ConsultationFields.kind,
          title: ConsultationFields.title,
          startsOn: ConsultationFields.startsOn,
          endsOn: ConsultationFields.endsOn,
          decisionId: Type.Optional(ConsultationFields.decisionId),
          draftHtml: Type.Optional(ConsultationFields.draftHtml),
          explanationHtml: Type.Optional(ConsultationFields.explanationHtml),
          urgent: Type.Optional(ConsultationFields.urgent),
          urgentReason: Type.Optional(ConsultationFields.urgentReason),
          otherChannels: Type.Optional(ConsultationFields.otherChannels),
        }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await createConsultation(db, callerOf(req), req.body)),
  );

  app.get('/api/v1/consultations/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一项意见征集', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getConsultation(db, callerOf(req), req.params.id));

  app.patch(
    '/api/v1/consultations/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '修改意见征集（已开始的只能延长期限）',
        params: IdParams,
        body: Type.Object({
          version: Version,
          kind: Type.Optional(ConsultationFields.kind),
          title: Type.Optional(ConsultationFields.title),
          startsOn: Type.Optional(ConsultationFields.startsOn),
          endsOn: Type.Optional(ConsultationFields.endsOn),
          decisionId: Type.Optional(ConsultationFields.decisionId),
          draftHtml: Type.Optional(ConsultationFields.draftHtml),
          explanationHtml: Type.Optional(ConsultationFields.explanationHtml),
          urgent: Type.Optional(ConsultationFields.urgent),
          urgentReason: Type.Optional(ConsultationFields.urgentReason),
          otherChannels: Type.Optional(ConsultationFields.otherChannels),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateConsultation(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/consultations/:id/actions',
    {
      config: { access: { permission: 'records.publish' } },
      schema: {
        tags,
        summary: '发布征集、结束征集（提前结束须说明理由）、公布意见采纳情况（每条公开的意见须说明是否采纳及理由）',
        params: IdParams,
        body: Type.Object({ event: Enum(['open', 'close', 'report'] as const, '事项'), version: Version, reportHtml: Type.Optional(Nullable(Type.String({ maxLength: 1_000_000, title: '采纳情况说明' }))), reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '提前结束的理由' }))) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => actOnConsultation(db, callerOf(req), req.params.id, req.body),
  );

  app.get('/api/v1/consultations/:id/comments', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '收到的意见（含待审核的）', params: IdParams, response: withErrors({ 200: Type.Array(Any) }) } }, async (req) => listComments(db, callerOf(req), req.params.id));

  app.patch(
    '/api/v1/consultation-comments/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '审核意见（公开或不予公开并说明原因），说明采纳情况',
        params: IdParams,
        body: Type.Object({
          version: Version,
          state: Type.Optional(Enum(['approved', 'rejected'] as const, '审核结果')),
          moderationNote: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '审核说明' }))),
          adopted: Type.Optional(Type.Union([Type.Boolean({ title: '是否采纳' }), Type.Null()])),
          adoptionReason: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '采纳或不予采纳的理由' }))),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => reviewComment(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/decisions',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '重大行政决策事项目录', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })) }), response: withErrors({ 200: Type.Array(Any) }) } },
    async (req) => listDecisions(db, callerOf(req), req.query.year),
  );

  app.post(
    '/api/v1/decisions',
    {
      config: { access: { permission: 'records.edit' } },
      schema: { tags, summary: '列入重大行政决策事项目录', body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' }), title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '决策事项' }), unitId: Uuid('承办单位'), summary: Type.Optional(Nullable(Type.String({ maxLength: 5000, title: '简要说明' }))) }), response: withErrors({ 201: Any }) },
    },
    async (req, reply) => reply.code(201).send(await createDecision(db, callerOf(req), req.body)),
  );

  app.get('/api/v1/decisions/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一项重大行政决策及其各环节', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getDecision(db, callerOf(req), req.params.id));

  app.patch(
    '/api/v1/decisions/:id',
    {
      // Editing needs records.edit, publishing records.publish, both on the decision's unit (the service
      // checks each): a leader who may publish but not edit can still put it on the portal.
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '更新决策事项或其中一个环节（按条例的顺序：未经合法性审查不得集体讨论决定）；公开决策事项须有发布权限',
        params: IdParams,
        body: Type.Object({
          version: Version,
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '决策事项' })),
          summary: Type.Optional(Nullable(Type.String({ maxLength: 5000, title: '简要说明' }))),
          published: Type.Optional(Type.Boolean({ title: '在门户网站公开' })),
          stage: Type.Optional(
            Type.Object({
              key: Enum(STAGE_KEYS, '环节'),
              status: Enum(STAGE_STATUSES, '状态', 'pending 未完成；done 已完成；not_applicable 不适用'),
              on: Type.Optional(Nullable(LocalDate('完成日期'))),
              note: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '说明' }))),
              recordIds: Type.Optional(Type.Array(Uuid('相关文件'), { maxItems: 50 })),
            }),
          ),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateDecision(db, callerOf(req), req.params.id, req.body),
  );

  // ---- mailbox ----------------------------------------------------------------------------------------

  app.get(
    '/api/v1/messages',
    {
      config: { access: { permission: 'records.read' } },
      schema: { tags, summary: '网民留言（领导信箱、部门信箱）', querystring: Type.Object({ state: Type.Optional(Enum(MESSAGE_STATES, '状态')), overdue: Type.Optional(Type.Boolean({ title: '只看逾期未答复的' })) }), response: withErrors({ 200: Type.Array(Any) }) },
    },
    async (req) => listMessages(db, callerOf(req), req.query),
  );

  app.get(
    '/api/v1/messages/statistics',
    {
      config: { access: { permission: 'records.read' } },
      schema: { tags, summary: '留言办理统计：收到、答复、按期答复、逾期未答复、满意度', querystring: Type.Object({ from: LocalDate('收到日期起'), to: LocalDate('收到日期止') }), response: withErrors({ 200: Type.Array(Any) }) },
    },
    async (req) => messageStatistics(db, callerOf(req), req.query.from, req.query.to),
  );

  app.get('/api/v1/messages/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一条留言及其办理过程', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getMessage(db, callerOf(req), req.params.id));

  app.post(
    '/api/v1/messages/:id/actions',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '转办、答复、公开（须留言人同意，且有发布权限）、办结',
        description: '答复期限自收到留言之日起按工作日计算（默认5个工作日，可在站点设置中调整），转办不重新计算。',
        params: IdParams,
        body: Type.Object({
          event: Enum(['assign', 'reply', 'publish', 'close'] as const, '事项'),
          version: Version,
          unitId: Type.Optional(Uuid('转办到的单位')),
          reply: Type.Optional(Type.String({ maxLength: 10000, title: '答复内容' })),
          published: Type.Optional(Type.Boolean({ title: '在门户网站公开' })),
          comment: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '说明' }))),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => {
      const b = req.body;
      const action: MessageAction =
        b.event === 'assign'
          ? { event: 'assign', version: b.version, unitId: requireField(b.unitId, 'unitId', '请选择转办的单位'), comment: b.comment ?? null }
          : b.event === 'reply'
            ? { event: 'reply', version: b.version, reply: requireField(b.reply, 'reply', '请填写答复内容') }
            : b.event === 'publish'
              ? { event: 'publish', version: b.version, published: b.published ?? true }
              : { event: 'close', version: b.version, comment: b.comment ?? null };
      return actOnMessage(db, callerOf(req), req.params.id, action);
    },
  );

  // ---- 舆情 ---------------------------------------------------------------------------------------------

  app.get('/api/v1/opinions', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '政务舆情及其回应期限（小时）', response: withErrors({ 200: Type.Array(Any) }) } }, async (req) => listOpinions(db, callerOf(req)));

  app.post(
    '/api/v1/opinions',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '登记政务舆情',
        description: '特别重大、重大舆情：5小时内发布权威信息、24小时内举行新闻发布会（国办发〔2016〕80号）；其他：48小时内回应（国办发〔2016〕61号）。自发现时起计算。',
        body: Type.Object({
          title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '标题' }),
          source: Type.String({ minLength: 1, maxLength: 200, title: '来源' }),
          level: Enum(OPINION_LEVELS, '级别', 'particularly_major 特别重大；major 重大；general 一般'),
          detectedAt: Type.String({ format: 'date-time', title: '发现时间' }),
          unitId: Uuid('责任单位'),
          summary: Type.Optional(Nullable(Type.String({ maxLength: 5000, title: '概要' }))),
        }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await registerOpinion(db, callerOf(req), req.body)),
  );

  app.get('/api/v1/opinions/:id', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一条舆情', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getOpinion(db, callerOf(req), req.params.id));

  app.post(
    '/api/v1/opinions/:id/releases',
    {
      config: { access: { permission: 'records.publish' } },
      schema: {
        tags,
        summary: '记录一次发布或回应（权威信息、新闻发布会、回应、持续发布）',
        params: IdParams,
        body: Type.Object({
          kind: Enum(RELEASE_KINDS, '类别'),
          version: Version,
          at: Type.Optional(Nullable(Type.String({ format: 'date-time', title: '发布时间（默认现在）' }))),
          content: Type.String({ minLength: 1, maxLength: 10000, title: '内容' }),
          recordId: Type.Optional(Nullable(Uuid('发布的政府信息'))),
          url: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '链接' }))),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => addRelease(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/opinions/:id/close',
    { config: { access: { permission: 'records.publish' } }, schema: { tags, summary: '舆情处置完毕', params: IdParams, body: Type.Object({ version: Version, note: Type.String({ minLength: 1, maxLength: 2000, title: '处置情况' }) }), response: withErrors({ 200: Any }) } },
    async (req) => closeOpinion(db, callerOf(req), req.params.id, req.body),
  );
}

function requireField<T>(v: T | undefined | null, field: string, message: string): T {
  if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) throw badRequest(message, { field });
  return v;
}
