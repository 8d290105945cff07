// /api/v1/task-*: work-plan tasks (工作要点 / 任务分解表). The office imports the yearly notice (upload → review →
// map unknown units → confirm), supervises (matrix, 催办, 通报), scores and looks back; units keep their ledger
// and report progress with evidence on their own tasks.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { DEFAULT_SCORE_SCHEME, SCORE_SCHEME_LABELS } from '../../core/tasks/scores.ts';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../core/tasks/status.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, ErrorResponse, IdParams, LocalDate, Ok, Uuid, Version, withErrors } from '../../http/schemas.ts';
import type { BlobStore } from '../files/index.ts';
import { contentDisposition } from '../publishing/attachments.ts';
import { circularFile, generateCircular, listCirculars, previewCircular } from './circulars.ts';
import { ROLE_LABELS } from './common.ts';
import { confirmImport, createImport, discardImport, getImport, IMPORT_STATUS_LABELS, listImports, NAME_STATUS_LABELS, updateImport } from './import.ts';
import { addLedgerRow, getLedger, LEDGER_COLUMNS, ledgerUnits, ledgerXlsx, removeLedgerRow, updateLedgerRow } from './ledger.ts';
import { lookBackPreview, runLookBack } from './look-back.ts';
import { ASSIGNMENT_ROLES, IMPORT_STATUSES } from './schema.ts';
import {
  acknowledgeUrge,
  addBonus,
  addEvidenceFile,
  evidenceFile,
  getAssignment,
  getPlan,
  getTask,
  listAssignments,
  listPlans,
  listUrges,
  PLAN_STATUS_LABELS,
  removeBonus,
  removeEvidence,
  reportProgress,
  sendUrge,
  updatePlan,
  updateTask,
} from './service.ts';
import { planMatrix, planScores, scoresXlsx } from './supervision.ts';

const tags = ['工作任务'];
const Any = Type.Object({}, { additionalProperties: true });
const AnyList = Type.Array(Any);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Year = (title: string) => Type.Integer({ minimum: 2000, maximum: 2100, title });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SchemeInput = Type.Object(
  {
    fullMarks: Type.Optional(Type.Number({ minimum: 1, maximum: 1000, title: SCORE_SCHEME_LABELS.fullMarks })),
    latePerPeriod: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.latePerPeriod })),
    latePerWorkingDay: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.latePerWorkingDay })),
    lateCap: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.lateCap })),
    missingEvidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.missingEvidence })),
    unacknowledgedUrge: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.unacknowledgedUrge })),
    bonusCap: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, title: SCORE_SCHEME_LABELS.bonusCap })),
    weights: Type.Optional(Type.Record(Type.String({ format: 'uuid' }), Type.Number({ minimum: 0, maximum: 100, title: '任务权重' }), { title: '任务权重（任务标识 → 权重）' })),
  },
  { title: '考核评分办法', additionalProperties: false },
);

const CircularInput = Type.Object(
  {
    title: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '标题' }))),
    docNo: Type.Optional(Nullable(Type.String({ maxLength: 80, title: '文号' }))),
    organName: Type.Optional(Nullable(Type.String({ maxLength: 100, title: '发文机关' }))),
    asOf: Type.Optional(Nullable(LocalDate('统计截止日期'))),
    goodPractice: Type.Optional(Type.Array(Type.Object({ unitId: Uuid('单位'), text: Type.String({ minLength: 1, maxLength: 1000, title: '典型做法' }) }), { maxItems: 50, title: '典型做法' })),
    requirements: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000, title: '工作要求' }), { maxItems: 20, title: '下一步工作要求' })),
    topUnits: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, title: '点名表扬得分前几名的单位' })),
  },
  { additionalProperties: false },
);

async function readUpload(req: FastifyRequest, config: Config): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
  let part;
  try {
    part = await req.file();
  } catch (e) {
    throw new AppError(400, 'BAD_UPLOAD', `上传内容无法读取：${(e as Error).message}`);
  }
  if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传');
  try {
    return { fileName: part.filename || '文件', bytes: new Uint8Array(await part.toBuffer()) };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', `文件《${part.filename}》超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB 的上限`);
    throw new AppError(400, 'BAD_UPLOAD', '上传中断，文件不完整，请重新上传');
  }
}

export function taskRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const read = { access: { permission: 'tasks.read' as const } };
  const manage = { access: { permission: 'tasks.manage' as const } };
  const report = { access: { permission: 'tasks.report' as const } };

  app.get(
    '/api/v1/task-meta',
    { config: read, schema: { tags, summary: '工作任务的选项：状态、分工角色、评分办法的默认值和名称、台账列', response: withErrors({ 200: Any }) } },
    async () => ({
      statuses: TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] })),
      roles: ASSIGNMENT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
      importStatuses: IMPORT_STATUSES.map((s) => ({ value: s, label: IMPORT_STATUS_LABELS[s] })),
      nameStatuses: Object.entries(NAME_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      planStatuses: Object.entries(PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      defaultScheme: DEFAULT_SCORE_SCHEME,
      schemeLabels: SCORE_SCHEME_LABELS,
      ledgerColumns: [...LEDGER_COLUMNS],
    }),
  );

  // ---- import ---------------------------------------------------------------------------------------

  app.post(
    '/api/v1/task-imports',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传工作要点或任务分解通知（Word、Excel、网页或纯文本；multipart/form-data，字段 file），识别出任务清单待确认',
        description: '不是通知、没有任务、没有责任单位列的文件以中文说明拒绝，不保存任何内容。识别结果须经人工核对、指定未识别的单位并确认后才生成任务。',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ year: Type.Optional(Year('计划年度（通知中没有写明时）')) }),
        response: withErrors({ 201: Any, 422: ErrorResponse }),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, config);
      return reply.code(201).send(await createImport(db, blobs, callerOf(req), file, req.query.year ? { year: req.query.year } : {}));
    },
  );

  app.get(
    '/api/v1/task-imports',
    { config: manage, schema: { tags, summary: '导入记录（待确认的在前）', querystring: Type.Object({ status: Type.Optional(Enum(IMPORT_STATUSES, '状态')) }), response: withErrors({ 200: AnyList }) } },
    async (req) => listImports(db, callerOf(req), req.query),
  );

  app.get(
    '/api/v1/task-imports/:id',
    { config: manage, schema: { tags, summary: '待确认的任务清单：每项任务的单位匹配、时限及截止日，需要人工指定的单位名称', params: IdParams, response: withErrors({ 200: Any }) } },
    async (req) => getImport(db, callerOf(req), req.params.id),
  );

  app.put(
    '/api/v1/task-imports/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '核对任务清单：修改名称和年度、排除或修改任务、为未识别的单位名称指定单位（或确认不是单位）',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, title: '计划名称' })),
            year: Type.Optional(Type.Union([Year('计划年度'), Type.Null()])),
            tasks: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    index: Type.Integer({ minimum: 0, maximum: 100000, title: '任务序号（从0起）' }),
                    include: Type.Optional(Type.Boolean({ title: '导入这项任务' })),
                    category: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '工作任务' }))),
                    requirement: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, title: '工作要求' })),
                    deadlineText: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '时限要求' }))),
                    unitsText: Type.Optional(Type.String({ maxLength: 2000, title: '责任单位' })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 2000 },
              ),
            ),
            mappings: Type.Optional(
              Type.Array(
                Type.Object(
                  { name: Type.String({ minLength: 1, maxLength: 200, title: '单位名称' }), unitIds: Type.Optional(Type.Array(Uuid('对应单位'), { maxItems: 500 })), ignore: Type.Optional(Type.Boolean({ title: '不是单位，忽略' })) },
                  { additionalProperties: false },
                ),
                { maxItems: 500 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateImport(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/task-imports/:id/confirm',
    {
      config: manage,
      schema: {
        tags,
        summary: '确认导入：生成工作计划、任务、各单位的分工、报送期和台账；指定到一个单位的名称保存为该单位的别名',
        description: '全部在一个事务中完成：任何一步失败，什么也不生成。还有未指定的单位名称时返回 409 并列出。',
        params: IdParams,
        body: Type.Object({ version: Version }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await confirmImport(db, callerOf(req), req.params.id, req.body.version)),
  );

  app.post(
    '/api/v1/task-imports/:id/discard',
    { config: manage, schema: { tags, summary: '放弃这次导入', params: IdParams, body: Type.Object({ version: Version }), response: withErrors({ 200: Any }) } },
    async (req) => discardImport(db, callerOf(req), req.params.id, req.body.version),
  );

  // ---- plans ----------------------------------------------------------------------------------------

  app.get(
    '/api/v1/task-plans',
    { config: read, schema: { tags, summary: '工作计划（政务公开办和督查员看全部；单位看有本单位任务的计划，只统计本单位任务）', response: withErrors({ 200: AnyList }) } },
    async (req) => listPlans(db, callerOf(req)),
  );

  app.get(
    '/api/v1/task-plans/:id',
    { config: read, schema: { tags, summary: '工作计划及其任务、各任务的责任单位和状态（单位只看到本单位的任务）', params: IdParams, response: withErrors({ 200: Any }) } },
    async (req) => getPlan(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/task-plans/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改工作计划名称或考核评分办法（任务权重、逾期和缺少佐证的扣分、加分上限）',
        params: IdParams,
        body: Type.Object({ version: Version, title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, title: '计划名称' })), scheme: Type.Optional(SchemeInput) }, { additionalProperties: false }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updatePlan(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/task-plans/:id/matrix',
    {
      config: read,
      schema: {
        tags,
        summary: '督查矩阵：单位 × 任务，每格为该单位该任务的状态（未开始、进行中、已完成、已逾期），可按状态、单位、单位类型、工作任务筛选',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Enum(TASK_STATUSES, '状态')),
          unitId: Type.Optional(Uuid('单位')),
          unitKind: Type.Optional(Type.String({ maxLength: 40, title: '单位类型' })),
          category: Type.Optional(Type.String({ maxLength: 500, title: '工作任务（类别）' })),
        }),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => planMatrix(db, callerOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/task-plans/:id/scores',
    {
      config: read,
      schema: { tags, summary: '考核得分和排名（按评分办法计算；单位只看到本单位，排名在全部单位中计算）', params: IdParams, querystring: Type.Object({ asOf: Type.Optional(LocalDate('计分截止日期')) }), response: withErrors({ 200: Any }) },
    },
    async (req) => planScores(db, callerOf(req), req.params.id, req.query.asOf),
  );

  app.get(
    '/api/v1/task-plans/:id/scores.xlsx',
    { config: read, schema: { tags, summary: '考核得分表（XLSX）', params: IdParams, querystring: Type.Object({ asOf: Type.Optional(LocalDate('计分截止日期')) }) } },
    async (req, reply) => {
      const { bytes, fileName } = await scoresXlsx(db, callerOf(req), req.params.id, req.query.asOf);
      return reply.type(XLSX).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store').send(bytes);
    },
  );

  app.post(
    '/api/v1/task-plans/:id/bonuses',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记加分项（典型经验、上级表扬等）',
        params: IdParams,
        body: Type.Object({ unitId: Uuid('单位'), points: Type.Number({ minimum: -100, maximum: 100, title: '分值' }), reason: Type.String({ minLength: 1, maxLength: 500, title: '理由' }) }, { additionalProperties: false }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await addBonus(db, callerOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/task-bonuses/:id',
    { config: manage, schema: { tags, summary: '删除加分项', params: IdParams, response: withErrors({ 200: Ok }) } },
    async (req) => {
      await removeBonus(db, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---- ledgers --------------------------------------------------------------------------------------

  app.get(
    '/api/v1/task-plans/:id/ledger-units',
    { config: read, schema: { tags, summary: '可以查看其工作台账的单位', params: IdParams, response: withErrors({ 200: AnyList }) } },
    async (req) => ledgerUnits(db, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/task-plans/:id/ledger',
    { config: read, schema: { tags, summary: '一个单位的工作台账（序号、工作任务、工作举措、时限要求、单位分管领导、责任科室）', params: IdParams, querystring: Type.Object({ unitId: Uuid('单位') }), response: withErrors({ 200: Any }) } },
    async (req) => getLedger(db, callerOf(req), req.params.id, req.query.unitId),
  );

  app.get(
    '/api/v1/task-plans/:id/ledger.xlsx',
    { config: read, schema: { tags, summary: '工作台账（XLSX，按附件2的格式；不指定单位时每个单位一张工作表）', params: IdParams, querystring: Type.Object({ unitId: Type.Optional(Uuid('单位')) }) } },
    async (req, reply) => {
      const { bytes, fileName } = await ledgerXlsx(db, callerOf(req), req.params.id, req.query.unitId);
      return reply.type(XLSX).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store').send(bytes);
    },
  );

  const LedgerFields = {
    task: Type.Optional(Type.String({ maxLength: 2000, title: '工作任务' })),
    measure: Type.Optional(Type.String({ maxLength: 5000, title: '工作举措' })),
    timeLimit: Type.Optional(Type.String({ maxLength: 500, title: '时限要求' })),
    leader: Type.Optional(Type.String({ maxLength: 100, title: '单位分管领导' })),
    section: Type.Optional(Type.String({ maxLength: 200, title: '责任科室' })),
  };

  app.post(
    '/api/v1/task-plans/:id/ledger',
    {
      config: report,
      schema: {
        tags,
        summary: '在本单位台账中增加一行（某项任务的又一项工作举措，或本单位自行增加的工作）',
        params: IdParams,
        body: Type.Object({ unitId: Uuid('单位'), afterRowId: Type.Optional(Type.Union([Uuid('插在哪一行之后'), Type.Null()])), ...LedgerFields }, { additionalProperties: false }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await addLedgerRow(db, callerOf(req), req.params.id, req.body)),
  );

  app.put(
    '/api/v1/task-ledger-rows/:id',
    { config: report, schema: { tags, summary: '修改台账的一行', params: IdParams, body: Type.Object({ version: Version, ...LedgerFields }, { additionalProperties: false }), response: withErrors({ 200: Any }) } },
    async (req) => updateLedgerRow(db, callerOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/task-ledger-rows/:id',
    { config: report, schema: { tags, summary: '删除本单位增加的台账行（分解下达的任务须保留）', params: IdParams, querystring: Type.Object({ version: Version }), response: withErrors({ 200: Any }) } },
    async (req) => removeLedgerRow(db, callerOf(req), req.params.id, req.query.version),
  );

  // ---- circulars ------------------------------------------------------------------------------------

  app.post(
    '/api/v1/task-plans/:id/circulars/preview',
    { config: manage, schema: { tags, summary: '预览通报：总体情况、逾期单位及其逾期任务、得分靠前的单位和典型做法（不保存）', params: IdParams, body: CircularInput, response: withErrors({ 200: Any }) } },
    async (req) => previewCircular(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/task-plans/:id/circulars',
    { config: manage, schema: { tags, summary: '印发通报：按公文格式生成 DOCX 并保存', params: IdParams, body: CircularInput, response: withErrors({ 201: Any }) } },
    async (req, reply) => reply.code(201).send(await generateCircular(db, blobs, callerOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/task-plans/:id/circulars',
    { config: read, schema: { tags, summary: '已印发的通报（发至参加本计划的各单位）', params: IdParams, response: withErrors({ 200: AnyList }) } },
    async (req) => listCirculars(db, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/task-circulars/:id/docx',
    { config: read, schema: { tags, summary: '下载通报（DOCX）', params: IdParams } },
    async (req, reply) => {
      const c = await circularFile(db, callerOf(req), req.params.id);
      const bytes = await blobs.get(c.blobKey);
      return reply.type(DOCX).header('content-disposition', contentDisposition(c.fileName)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );

  // ---- look-back ------------------------------------------------------------------------------------

  app.get(
    '/api/v1/task-plans/:id/look-back',
    { config: manage, schema: { tags, summary: '回头看：本计划未完成的任务和单位，以及可以结转到的下一年度计划', params: IdParams, response: withErrors({ 200: Any }) } },
    async (req) => lookBackPreview(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/task-plans/:id/look-back',
    {
      config: manage,
      schema: {
        tags,
        summary: '回头看：把未完成的任务（只对未完成的单位）结转到下一年度的计划，本计划结束报送',
        params: IdParams,
        body: Type.Object({ version: Version, targetPlanId: Type.Optional(Type.Union([Uuid('结转到的计划'), Type.Null()])), title: Type.Optional(Nullable(Type.String({ maxLength: 300, title: '新计划名称' }))) }, { additionalProperties: false }),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await runLookBack(db, callerOf(req), req.params.id, req.body)),
  );

  // ---- tasks and assignments ------------------------------------------------------------------------

  app.get(
    '/api/v1/tasks/:id',
    { config: read, schema: { tags, summary: '一项任务：时限及其计算、各责任单位的报送期、进展和佐证', params: IdParams, response: withErrors({ 200: Any }) } },
    async (req) => getTask(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改任务：内容、权重、对应的公开目录（在其下发布的信息自动计为佐证）、时限要求（未报送的报送期重新生成）',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            category: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '工作任务' }))),
            requirement: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, title: '工作要求' })),
            weight: Type.Optional(Type.Number({ minimum: 0, maximum: 100, title: '权重' })),
            catalogueNodeId: Type.Optional(Type.Union([Uuid('公开目录'), Type.Null()])),
            deadlineText: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '时限要求' }))),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => updateTask(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/task-assignments',
    {
      config: read,
      schema: {
        tags,
        summary: '各单位的任务（本人管辖范围内），可按计划、单位、状态筛选；不指定计划时为执行中的计划',
        querystring: Type.Object({ planId: Type.Optional(Uuid('工作计划')), unitId: Type.Optional(Uuid('单位')), status: Type.Optional(Enum(TASK_STATUSES, '状态')) }),
        response: withErrors({ 200: AnyList }),
      },
    },
    async (req) => listAssignments(db, callerOf(req), req.query),
  );

  app.get(
    '/api/v1/task-assignments/:id',
    { config: read, schema: { tags, summary: '一个单位的一项任务：报送期、进展、佐证和催办', params: IdParams, response: withErrors({ 200: Any }) } },
    async (req) => getAssignment(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/task-periods/:id/progress',
    {
      config: report,
      schema: {
        tags,
        summary: '报送一个报送期的工作进展：进行中或已完成，可引用本单位的政府信息作为佐证（已发布的计入佐证；尚未发布的，发布后自动计为完成）',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            state: Enum(['in_progress', 'done'] as const, '状态', 'in_progress 进行中；done 已完成'),
            text: Type.String({ minLength: 1, maxLength: 5000, title: '工作进展' }),
            recordIds: Type.Optional(Type.Array(Uuid('佐证信息'), { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Any }),
      },
    },
    async (req) => reportProgress(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/task-periods/:id/evidence',
    {
      config: report,
      schema: {
        tags,
        summary: '上传佐证材料（PDF、Word、Excel、图片；按内容判断类型；multipart/form-data，字段 file）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, config);
      return reply.code(201).send(await addEvidenceFile(db, blobs, callerOf(req), req.params.id, file, config.uploadMaxBytes));
    },
  );

  app.delete(
    '/api/v1/task-evidence/:id',
    { config: report, schema: { tags, summary: '删除佐证材料（自动关联的已发布信息除外）', params: IdParams, response: withErrors({ 200: Ok }) } },
    async (req) => {
      await removeEvidence(db, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/task-evidence/:id/file',
    { config: read, schema: { tags, summary: '下载佐证材料', params: IdParams } },
    async (req, reply) => {
      const f = await evidenceFile(db, callerOf(req), req.params.id);
      const bytes = await blobs.get(f.blobKey);
      return reply.type(f.mime).header('content-disposition', contentDisposition(f.fileName)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );

  // ---- 催办 ---------------------------------------------------------------------------------------------

  app.post(
    '/api/v1/task-urges',
    {
      config: manage,
      schema: {
        tags,
        summary: '催办：通知单位加快落实，单位须在期限内确认',
        body: Type.Object(
          {
            planId: Uuid('工作计划'),
            unitId: Uuid('单位'),
            taskId: Type.Optional(Type.Union([Uuid('任务'), Type.Null()])),
            message: Type.String({ minLength: 1, maxLength: 2000, title: '催办内容' }),
            replyWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, title: '确认期限（工作日）' })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Any }),
      },
    },
    async (req, reply) => reply.code(201).send(await sendUrge(db, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/task-urges',
    {
      config: read,
      schema: {
        tags,
        summary: '催办（本人管辖范围内的单位）',
        querystring: Type.Object({ planId: Type.Optional(Uuid('工作计划')), unitId: Type.Optional(Uuid('单位')), open: Type.Optional(Type.Boolean({ title: '只看未确认的' })) }),
        response: withErrors({ 200: AnyList }),
      },
    },
    async (req) => listUrges(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/task-urges/:id/acknowledge',
    {
      config: report,
      schema: { tags, summary: '确认收到催办并说明落实情况', params: IdParams, body: Type.Object({ version: Version, response: Type.String({ minLength: 1, maxLength: 2000, title: '落实情况' }) }, { additionalProperties: false }), response: withErrors({ 200: Any }) },
    },
    async (req) => acknowledgeUrge(db, callerOf(req), req.params.id, req.body),
  );
}
