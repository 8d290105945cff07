// /api/v1/policy/…: the policy Q&A bank and its queue of unanswered questions (政策问答), the benefit-policy
// metadata of records and the figures of policy push (政策找人). Reading needs records.read, editing
// records.edit, each checked on the unit concerned by the service.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AUDIENCES, GROUPS, INDUSTRIES, MAX_AGE, SIZES, TOPICS } from '../../core/policy/target.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, LocalDate, Uuid, Version, withErrors } from '../../http/schemas.ts';
import { QUESTION_STATES } from './schema.ts';
import {
  answerQueued,
  assignQueued,
  benefitReach,
  createEntry,
  deleteBenefit,
  dismissQueued,
  getBenefit,
  getEntry,
  getPolicyOptions,
  listBenefits,
  listEntries,
  listQuestions,
  outboxSummary,
  putBenefit,
  subscriberSummary,
  updateEntry,
} from './service.ts';

const tags = ['政策问答和政策找人'];
const Any = Type.Object({}, { additionalProperties: true });
const RecordParams = Type.Object({ recordId: Uuid('政策文件') });

const Question = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '问题' });
const AnswerText = Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S', title: '答复内容' });
const RecordIds = Type.Array(Uuid('依据的政策文件'), { minItems: 1, maxItems: 20, title: '依据的政策文件' });
// Null first: with type coercion a null tried against the integer first would become 0.
const Age = Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: MAX_AGE, title: '年龄（周岁）' })]);
const NullableDate = (title: string) => Type.Union([Type.Null(), LocalDate(title)]);

const BenefitBody = Type.Object({
  version: Type.Integer({ minimum: 0, title: '版本号', description: '首次登记为 0；修改时为读取时的版本号' }),
  unitId: Uuid('责任单位'),
  audiences: Type.Array(Enum(AUDIENCES, '适用对象'), { minItems: 1, maxItems: 2, title: '适用对象' }),
  areas: Type.Array(Uuid('适用地区'), { maxItems: 100, title: '适用地区（不选为全县）' }),
  groups: Type.Array(Enum(GROUPS, '适用群体'), { maxItems: GROUPS.length, title: '适用群体（不选为不限）' }),
  industries: Type.Array(Enum(INDUSTRIES, '适用行业'), { maxItems: INDUSTRIES.length, title: '适用行业（不选为不限）' }),
  sizes: Type.Array(Enum(SIZES, '企业规模'), { maxItems: SIZES.length, title: '企业规模（不选为不限）' }),
  topics: Type.Array(Enum(TOPICS, '政策类别'), { minItems: 1, maxItems: TOPICS.length, title: '政策类别' }),
  ageMin: Age,
  ageMax: Age,
  localHukouOnly: Type.Boolean({ title: '限本地户籍' }),
  conditions: Type.Optional(Type.String({ maxLength: 5000, title: '申报条件' })),
  materials: Type.Optional(Type.Array(Type.String({ maxLength: 500, title: '申报材料' }), { maxItems: 50, title: '申报材料' })),
  process: Type.Optional(Type.String({ maxLength: 5000, title: '办理流程' })),
  contact: Type.Optional(Type.String({ maxLength: 1000, title: '咨询方式' })),
  startsOn: Type.Optional(NullableDate('办理开始日期')),
  endsOn: Type.Optional(NullableDate('办理截止日期')),
});

export function policyRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const read = { access: { permission: 'records.read' as const } };
  const edit = { access: { permission: 'records.edit' as const } };

  app.get('/api/v1/policy/options', { config: read, schema: { tags, summary: '政策找人的选项（对象、群体、行业、规模、类别、地区）', response: withErrors({ 200: Any }) } }, async (req) => getPolicyOptions(db, callerOf(req)));

  // ---- the Q&A bank ----
  app.get(
    '/api/v1/policy/qa',
    { config: read, schema: { tags, summary: '政策问答库', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, title: '关键词' })) }), response: withErrors({ 200: Type.Array(Any) }) } },
    async (req) => listEntries(db, callerOf(req), { q: req.query.q }),
  );
  app.post(
    '/api/v1/policy/qa',
    {
      config: edit,
      schema: {
        tags,
        summary: '新增问答（须关联至少一份政策文件作为依据）',
        body: Type.Object({ unitId: Type.Optional(Type.Union([Type.Null(), Uuid('负责单位')])), question: Question, answer: AnswerText, recordIds: RecordIds, published: Type.Optional(Type.Boolean({ title: '在门户网站使用' })) }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await createEntry(db, callerOf(req), req.body)),
  );
  app.get('/api/v1/policy/qa/:id', { config: read, schema: { tags, summary: '一条问答', params: IdParams, response: withErrors({ 200: Any }) } }, async (req) => getEntry(db, callerOf(req), req.params.id));
  app.patch(
    '/api/v1/policy/qa/:id',
    {
      config: edit,
      schema: {
        tags,
        summary: '修改问答，或停用（published: false）',
        params: IdParams,
        body: Type.Object({ version: Version, question: Type.Optional(Question), answer: Type.Optional(AnswerText), recordIds: Type.Optional(RecordIds), published: Type.Optional(Type.Boolean({ title: '在门户网站使用' })) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateEntry(db, callerOf(req), req.params.id, req.body),
  );

  // ---- the queue ----
  app.get(
    '/api/v1/policy/questions',
    { config: read, schema: { tags, summary: '未能自动答复的公众提问', querystring: Type.Object({ state: Type.Optional(Enum(QUESTION_STATES, '状态', 'open 待答复；answered 已答复；dismissed 已搁置')) }), response: withErrors({ 200: Type.Array(Any) }) } },
    async (req) => listQuestions(db, callerOf(req), { state: req.query.state }),
  );
  app.post(
    '/api/v1/policy/questions/:id/answer',
    {
      config: edit,
      schema: {
        tags,
        summary: '答复公众提问并加入问答库（问题中的个人信息自动隐去）',
        params: IdParams,
        body: Type.Object({ version: Version, question: Type.Optional(Question), answer: AnswerText, recordIds: RecordIds, published: Type.Optional(Type.Boolean({ title: '在门户网站使用' })) }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => answerQueued(db, callerOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/policy/questions/:id/dismiss',
    { config: edit, schema: { tags, summary: '搁置公众提问（须说明原因）', params: IdParams, body: Type.Object({ version: Version, note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', title: '搁置原因' }) }), response: withErrors({ 200: Any }) } },
    async (req) => dismissQueued(db, callerOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/policy/questions/:id/assign',
    { config: edit, schema: { tags, summary: '转交其他单位答复', params: IdParams, body: Type.Object({ version: Version, unitId: Uuid('答复单位') }), response: withErrors({ 200: Any }) } },
    async (req) => assignQueued(db, callerOf(req), req.params.id, req.body),
  );

  // ---- benefit-policy metadata ----
  app.get('/api/v1/policy/benefits', { config: read, schema: { tags, summary: '惠企利民政策（带适用对象等信息的政策文件）', response: withErrors({ 200: Type.Array(Any) }) } }, async (req) => listBenefits(db, callerOf(req)));
  app.get('/api/v1/policy/benefits/:recordId', { config: read, schema: { tags, summary: '一份政策文件的惠企利民政策信息', params: RecordParams, response: withErrors({ 200: Any }) } }, async (req) => getBenefit(db, callerOf(req), req.params.recordId));
  app.put(
    '/api/v1/policy/benefits/:recordId',
    {
      config: edit,
      schema: {
        tags,
        summary: '登记或修改政策的适用对象、申报条件、材料、流程、责任单位、咨询方式和办理期限',
        description: '文件发布后（或登记时已发布），政策推送任务在一个周期内（默认1分钟）把它推送给条件相符的订阅者；修改适用对象后，只向新符合条件的订阅者补充推送，不会重复推送。',
        params: RecordParams,
        body: BenefitBody,
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => putBenefit(db, callerOf(req), req.params.recordId, req.body),
  );
  app.delete(
    '/api/v1/policy/benefits/:recordId',
    { config: edit, schema: { tags, summary: '删除政策文件的惠企利民政策信息（须带版本号）', params: RecordParams, querystring: Type.Object({ version: Version }), response: withErrors({ 200: Any }) } },
    async (req) => deleteBenefit(db, callerOf(req), req.params.recordId, req.query.version),
  );
  app.get(
    '/api/v1/policy/benefits/:recordId/reach',
    { config: read, schema: { tags, summary: '按现有订阅，这项政策能推送给多少订阅者', params: RecordParams, response: withErrors({ 200: Any }) } },
    async (req) => benefitReach(db, callerOf(req), req.params.recordId),
  );

  // ---- figures ----
  app.get('/api/v1/policy/subscribers/summary', { config: read, schema: { tags, summary: '订阅者统计（不含个人信息；须对本级政府有查看权限）', response: withErrors({ 200: Any }) } }, async (req) => subscriberSummary(db, callerOf(req)));
  app.get('/api/v1/policy/outbox/summary', { config: read, schema: { tags, summary: '政策推送邮件发送情况（须对本级政府有查看权限）', response: withErrors({ 200: Any }) } }, async (req) => outboxSummary(db, callerOf(req), !!process.env.SMTP_URL));
}
