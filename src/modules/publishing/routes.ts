// /api/v1/records: drafting, the review workflow, the personal-data guard, validity and history.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest } from '../../core/errors.ts';
import type { Config } from '../../config.ts';
import type { BlobStore } from '../files/index.ts';
import { addAttachment, contentDisposition, listAttachments, removeAttachment, staffAttachment } from './attachments.ts';
import { ATTRIBUTES, LEGAL_GROUNDS } from '../../core/publishing/disclosure.ts';
import { GENRE_LABELS, GENRES } from '../../core/publishing/genres.ts';
import { VALIDITIES } from '../../core/publishing/validity.ts';
import { RECORD_EVENTS, RECORD_STATES } from '../../core/publishing/workflow.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, NullableEnum, IdParams, LocalDate, Ok, Page, PageSize, Paged, Uuid, Version, withErrors } from '../../http/schemas.ts';
import { draftCleanupList } from './cleanup.ts';
import { onTimeRates } from './deadlines.ts';
import { maskFindings, overrideGuard, OVERRIDE_BASES, recordGuard } from './guard.ts';
import { assignAttributes, reviewAttribute } from './attribute-review.ts';
import { actOnRecord, createRecord, getRecord, listRecords, recordHistory, setValidity, updateRecord } from './records.ts';

const lit = Enum;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NStr = Type.Union([Type.String(), Type.Null()]);

const PersonalField = Type.Object({
  field: Type.String({ minLength: 1, maxLength: 40, title: '字段名' }),
  value: Type.String({ minLength: 1, maxLength: 200, title: '字段值' }),
});

const Fields = {
  issuer: Type.String({ maxLength: 200, title: '发文机关' }),
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '标题' }),
  bodyHtml: Type.String({ maxLength: 2_000_000, title: '正文' }),
  summary: Nullable(Type.String({ maxLength: 2000, title: '内容概述' })),
  docNo: Nullable(Type.String({ maxLength: 80, title: '文号' })),
  genre: lit(GENRES, '体裁'),
  topics: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 10, title: '主题分类' }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, title: '主题词' }),
  catalogueNodeId: Nullable(Uuid('公开目录')),
  standardItemId: Nullable(Uuid('标准目录事项')),
  writtenOn: Nullable(LocalDate('成文日期')),
  formedOn: Nullable(LocalDate('形成或变更日期')),
  attribute: lit(ATTRIBUTES, '公开属性'),
  attributeGround: NullableEnum(LEGAL_GROUNDS.map((g) => g.code), '公开属性依据'),
  attributeReason: Nullable(Type.String({ maxLength: 1000, title: '公开属性说明' })),
  effectiveOn: Nullable(LocalDate('施行日期')),
  expiresOn: Nullable(LocalDate('有效期至')),
  supersedesId: Nullable(Uuid('替代的旧信息')),
  needsInterpretation: Type.Boolean({ title: '需要政策解读' }),
  personalFields: Type.Array(PersonalField, { maxItems: 50, title: '个人信息字段' }),
};

const RecordInput = Type.Object({
  unitId: Uuid('发布机构'),
  title: Fields.title,
  genre: Fields.genre,
  attribute: Fields.attribute,
  issuer: Type.Optional(Fields.issuer),
  bodyHtml: Type.Optional(Fields.bodyHtml),
  summary: Type.Optional(Fields.summary),
  docNo: Type.Optional(Fields.docNo),
  topics: Type.Optional(Fields.topics),
  keywords: Type.Optional(Fields.keywords),
  catalogueNodeId: Type.Optional(Fields.catalogueNodeId),
  standardItemId: Type.Optional(Fields.standardItemId),
  writtenOn: Type.Optional(Fields.writtenOn),
  formedOn: Type.Optional(Fields.formedOn),
  attributeGround: Type.Optional(Fields.attributeGround),
  attributeReason: Type.Optional(Fields.attributeReason),
  effectiveOn: Type.Optional(Fields.effectiveOn),
  expiresOn: Type.Optional(Fields.expiresOn),
  supersedesId: Type.Optional(Fields.supersedesId),
  needsInterpretation: Type.Optional(Fields.needsInterpretation),
  personalFields: Type.Optional(Fields.personalFields),
});

const RecordPatch = Type.Object({
  version: Version,
  title: Type.Optional(Fields.title),
  genre: Type.Optional(Fields.genre),
  attribute: Type.Optional(Fields.attribute),
  issuer: Type.Optional(Fields.issuer),
  bodyHtml: Type.Optional(Fields.bodyHtml),
  summary: Type.Optional(Fields.summary),
  docNo: Type.Optional(Fields.docNo),
  topics: Type.Optional(Fields.topics),
  keywords: Type.Optional(Fields.keywords),
  catalogueNodeId: Type.Optional(Fields.catalogueNodeId),
  standardItemId: Type.Optional(Fields.standardItemId),
  writtenOn: Type.Optional(Fields.writtenOn),
  formedOn: Type.Optional(Fields.formedOn),
  attributeGround: Type.Optional(Fields.attributeGround),
  attributeReason: Type.Optional(Fields.attributeReason),
  effectiveOn: Type.Optional(Fields.effectiveOn),
  expiresOn: Type.Optional(Fields.expiresOn),
  supersedesId: Type.Optional(Fields.supersedesId),
  needsInterpretation: Type.Optional(Fields.needsInterpretation),
  personalFields: Type.Optional(Fields.personalFields),
});

const RecordView = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  issuer: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  summary: NStr,
  docNo: NStr,
  indexNo: Type.String(),
  genre: Type.String(),
  genreLabel: Type.String(),
  topics: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  catalogueNodeId: NStr,
  standardItemId: NStr,
  writtenOn: NStr,
  formedOn: Type.String(),
  dueOn: NStr,
  dueExplanation: NStr,
  publishedAt: NStr,
  scheduledAt: NStr,
  workingDaysLate: Type.Union([Type.Integer(), Type.Null()]),
  attribute: NStr,
  attributeLabel: Type.String(),
  attributeGround: NStr,
  attributeGroundText: NStr,
  attributeReason: NStr,
  attributeReviewOn: NStr,
  state: Type.String(),
  stateLabel: Type.String(),
  lastComment: NStr,
  withdrawnAt: NStr,
  withdrawnNote: NStr,
  supersedesId: NStr,
  supersededById: NStr,
  validity: NStr,
  validityLabel: NStr,
  effectiveOn: NStr,
  expiresOn: NStr,
  validityChangedOn: NStr,
  amendedById: NStr,
  needsInterpretation: Type.Boolean(),
  personalFields: Type.Array(PersonalField),
  guardOverride: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Finding = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  where: Type.String(),
  attachment: Type.Optional(Type.String()),
  masked: Type.String(),
  context: Type.String(),
});

const GuardView = Type.Object({
  findings: Type.Array(Finding),
  unmasked: Type.Array(Finding),
  marks: Type.Array(Type.Object({ mark: Type.String(), text: Type.String() })),
  blocking: Type.Boolean(),
  overridden: Type.Boolean(),
});

const ListQuery = Type.Object({
  page: Type.Optional(Page),
  pageSize: Type.Optional(PageSize),
  unitId: Type.Optional(Uuid('单位')),
  state: Type.Optional(lit(RECORD_STATES, '状态')),
  attribute: Type.Optional(lit(ATTRIBUTES, '公开属性')),
  genre: Type.Optional(lit(GENRES, '体裁')),
  q: Type.Optional(Type.String({ maxLength: 100, title: '关键词' })),
  overdue: Type.Optional(Type.Boolean({ title: '只看逾期未发布' })),
  reviewDue: Type.Optional(Type.Boolean({ title: '只看到期待复核公开属性的（条例第十八条）' })),
  noAttribute: Type.Optional(Type.Boolean({ title: '只看尚未认定公开属性的（存量信息）' })),
});

const tags = ['政府信息'];

const AttachmentView = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  fileName: Type.String(),
  kind: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  extractWarning: NStr,
  textLength: Type.Integer(),
  createdAt: Type.String(),
});

const AttachmentParams = Type.Object({ id: Uuid('信息'), attachmentId: Uuid('附件') });

export function publishingRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/records/:id/attachments',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '上传附件（multipart/form-data，字段 file）',
        description: `按文件内容判断类型：接受 PDF、Word、Excel 和图片；拒绝可执行文件、脚本和压缩包；单个文件不超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB。`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: withErrors({ 201: AttachmentView }),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      let part;
      try {
        part = await req.file();
      } catch (e) {
        throw new AppError(400, 'BAD_UPLOAD', `上传内容无法读取：${(e as Error).message}`);
      }
      if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', `文件《${part.filename}》超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB 的上限`);
        throw new AppError(400, 'BAD_UPLOAD', '上传中断，文件不完整，请重新上传');
      }
      const created = await addAttachment(db, blobs, callerOf(req), req.params.id, { fileName: part.filename || '附件', bytes: new Uint8Array(bytes) }, config.uploadMaxBytes);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/records/:id/attachments',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '信息的附件', params: IdParams, response: withErrors({ 200: Type.Array(AttachmentView) }) } },
    async (req) => listAttachments(db, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/records/:id/attachments/:attachmentId',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '下载附件（工作人员，含未发布信息的附件）', params: AttachmentParams } },
    async (req, reply) => {
      const a = await staffAttachment(db, callerOf(req), req.params.id, req.params.attachmentId);
      const bytes = await blobs.get(a.blobKey);
      return reply.header('content-type', a.mime).header('content-disposition', contentDisposition(a.fileName)).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );

  app.delete(
    '/api/v1/records/:id/attachments/:attachmentId',
    { config: { access: { permission: 'records.edit' } }, schema: { tags, summary: '删除草稿的附件', params: AttachmentParams, response: withErrors({ 200: Ok }) } },
    async (req) => {
      await removeAttachment(db, callerOf(req), req.params.id, req.params.attachmentId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/records/options',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '起草用的选项：体裁、公开属性依据（条例第十四、十五、十六条）、放行依据',
        response: withErrors({
          200: Type.Object({
            genres: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
            grounds: Type.Array(Type.Object({ code: Type.String(), article: Type.String(), label: Type.String() })),
            overrideBases: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async () => ({ genres: GENRES.map((g) => ({ value: g, label: GENRE_LABELS[g] })), grounds: [...LEGAL_GROUNDS], overrideBases: [...OVERRIDE_BASES] }),
  );

  app.get(
    '/api/v1/records',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '政府信息列表（本人管辖范围内）', querystring: ListQuery, response: withErrors({ 200: Paged(RecordView) }) } },
    async (req) => {
      const { page = 1, pageSize = 20, ...filter } = req.query;
      return listRecords(db, callerOf(req), filter as never, page, pageSize);
    },
  );

  app.post(
    '/api/v1/records',
    {
      config: { access: { permission: 'records.edit' } },
      schema: { tags, summary: '起草政府信息（源头认定公开属性）', body: RecordInput, response: withErrors({ 201: RecordView }) },
    },
    async (req, reply) => reply.code(201).send(await createRecord(db, callerOf(req), req.body as never)),
  );

  app.get(
    '/api/v1/records/:id',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一条政府信息', params: IdParams, response: withErrors({ 200: RecordView }) } },
    async (req) => getRecord(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/records/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: { tags, summary: '修改草稿（须带读取时的版本号）', params: IdParams, body: RecordPatch, response: withErrors({ 200: RecordView }) },
    },
    async (req) => updateRecord(db, callerOf(req), req.params.id, req.body as never),
  );

  app.post(
    '/api/v1/records/:id/actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '流程操作：提交、审核、保密审查、退回、发布（或定时）、取消定时、替代、撤回',
        description: '每一步所需的权限取决于操作和当前状态，在该信息所属单位上检查。不允许的操作回答 409 并说明原因。',
        params: IdParams,
        body: Type.Object({
          event: lit(RECORD_EVENTS.filter((e) => e !== 'publish_scheduled'), '操作'),
          version: Version,
          comment: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '意见或说明' }))),
          publishAt: Type.Optional(Nullable(Type.String({ format: 'date-time', title: '定时发布时间' }))),
          supersededById: Type.Optional(Nullable(Uuid('替代它的新信息'))),
        }),
        response: withErrors({ 200: RecordView }),
      },
    },
    async (req) => actOnRecord(db, callerOf(req), req.params.id, req.body as never),
  );

  app.post(
    '/api/v1/records/:id/validity',
    {
      config: { access: { permission: 'records.validity' } },
      schema: {
        tags,
        summary: '变更规范性文件的有效性（有效、已修改、已废止、已失效）',
        params: IdParams,
        body: Type.Object({
          validity: lit(VALIDITIES, '有效性'),
          on: LocalDate('变更日期'),
          amendedById: Type.Optional(Nullable(Uuid('修改它的文件'))),
          note: Type.Optional(Nullable(Type.String({ maxLength: 1000, title: '说明' }))),
          version: Version,
        }),
        response: withErrors({ 200: RecordView }),
      },
    },
    async (req) => setValidity(db, callerOf(req), req.params.id, req.body as never),
  );

  app.get(
    '/api/v1/records/:id/history',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '信息的全部流程记录（谁、何时、做了什么、为什么）',
        params: IdParams,
        response: withErrors({
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              at: Type.String(),
              actorLabel: Type.String(),
              event: Type.String(),
              eventLabel: Type.String(),
              fromState: NStr,
              toState: NStr,
              comment: NStr,
              data: Type.Object({}, { additionalProperties: true }),
            }),
          ),
        }),
      },
    },
    async (req) => recordHistory(db, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/records/:id/guard',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '个人信息和密级标志检查结果', params: IdParams, response: withErrors({ 200: GuardView }) } },
    async (req) => recordGuard(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/records/:id/guard/mask',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '一键遮盖检查出的个人信息（不指定则全部遮盖）',
        params: IdParams,
        body: Type.Object({ version: Version, findingIds: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000, title: '要遮盖的检查结果' })) }),
        response: withErrors({ 200: RecordView }),
      },
    },
    async (req) => maskFindings(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/records/:id/guard/override',
    {
      config: { access: { permission: 'records.guard.override' } },
      schema: {
        tags,
        summary: '保密审查员说明理由后放行个人信息检查结果（如惩戒公示、强制性信息披露）',
        params: IdParams,
        body: Type.Object({ version: Version, basis: lit(OVERRIDE_BASES, '放行依据'), reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', title: '理由' }) }),
        response: withErrors({ 200: RecordView }),
      },
    },
    async (req) => overrideGuard(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/records/on-time',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '各单位按期公开率（条例第二十六条：形成或变更之日起20个工作日内）',
        querystring: Type.Object({ from: LocalDate('起始日期'), to: LocalDate('截止日期') }),
        response: withErrors({
          200: Type.Array(
            Type.Object({
              unitId: Type.String(),
              unitName: Type.String(),
              published: Type.Integer(),
              onTime: Type.Integer(),
              late: Type.Integer(),
              lateDays: Type.Integer(),
              overdueOpen: Type.Integer(),
              rate: Type.Union([Type.Number(), Type.Null()]),
            }),
          ),
        }),
      },
    },
    async (req) => {
      if (req.query.to < req.query.from) throw badRequest('截止日期早于起始日期', { field: 'to' });
      return onTimeRates(db, callerOf(req), req.query.from, req.query.to);
    },
  );

  app.post(
    '/api/v1/records/cleanup-list',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '生成行政规范性文件清理结果（作为一条待审核的草稿信息）',
        body: Type.Object({ unitId: Uuid('发布机构'), title: Type.Optional(Fields.title), asOf: Type.Optional(LocalDate('清理截止日期')) }),
        response: withErrors({ 201: RecordView }),
      },
    },
    async (req, reply) => reply.code(201).send(await draftCleanupList(db, callerOf(req), req.body)),
  );

  app.post(
    '/api/v1/records/:id/attribute-review',
    {
      config: { access: { permission: 'records.review' } },
      schema: {
        tags,
        summary: '公开属性年度复核（条例第十八条）：维持并说明理由，或转为主动公开（已审定的随即发布）',
        params: IdParams,
        body: Type.Object({ decision: Enum(['keep', 'convert'] as const, '复核结论', 'keep 维持；convert 转为主动公开'), reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', title: '理由' }), version: Version }),
        response: withErrors({ 200: RecordView }),
      },
    },
    async (req) => reviewAttribute(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/records/attributes',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '为尚未认定公开属性的存量信息批量认定公开属性',
        body: Type.Object({
          ids: Type.Array(Uuid('信息'), { minItems: 1, maxItems: 500, title: '信息' }),
          attribute: Fields.attribute,
          attributeGround: Type.Optional(Fields.attributeGround),
          attributeReason: Type.Optional(Fields.attributeReason),
        }),
        response: withErrors({ 200: Type.Object({ updated: Type.Integer() }) }),
      },
    },
    async (req) => assignAttributes(db, callerOf(req), req.body),
  );
}
