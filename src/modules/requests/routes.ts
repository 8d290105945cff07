// /api/v1/requests: disclosure requests (依申请公开) for staff: registration, every step of the workflow,
// 协查, appeals, documents, the ledger and the annual-report figures. The public side (intake, the
// applicant's page) is in src/portal/requests.tsx.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, ID_DOC_LABELS, ID_DOC_TYPES } from '../../core/requests/applicant.ts';
import { MAX_EXTENSION_DAYS, PAUSE_LABELS } from '../../core/requests/clock.ts';
import { FEE_BASIS_LABELS, FEE_BASES } from '../../core/requests/fees.ts';
import { CHANNEL_LABELS, CHANNELS } from '../../core/requests/receipt.ts';
import { REPLY_RESULTS, RESULT_CODES, RESULT_GROUP_LABELS, HANDLER_RESULTS } from '../../core/requests/results.ts';
import { EVENT_LABELS, REQUEST_EVENTS, REQUEST_STATES, STATE_LABELS } from '../../core/requests/workflow.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, LocalDate, NullableEnum, Page, PageSize, Uuid, Version, withErrors } from '../../http/schemas.ts';
import type { BlobStore } from '../files/index.ts';
import { contentDisposition } from '../publishing/attachments.ts';
import { addRequestDocument, DOCUMENT_KIND_LABELS, staffDocument } from './documents.ts';
import { ledgerXlsx, requestStatistics } from './ledger.ts';
import { generateLetter } from './letter-service.ts';
import { getTemplates, PLACEHOLDERS, resetTemplate, saveTemplate, type LetterChoice } from './letters.ts';
import { APPEAL_OUTCOMES, APPEAL_PATHS, DELIVERY_METHODS, INFO_FORMS, REQUEST_DOCUMENT_KINDS } from './schema.ts';
import {
  actOnRequest,
  addAppeal,
  addressableUnits,
  answerAssistance,
  APPEAL_OUTCOME_LABELS,
  APPEAL_PATH_LABELS,
  askAssistance,
  DELIVERY_LABELS,
  getRequest,
  INFO_FORM_LABELS,
  listAssists,
  listRequests,
  registerRequest,
  updateAppeal,
} from './service.ts';

const tags = ['依申请公开'];
const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (title: string, max = 2000) => Type.String({ maxLength: max, title });

const Applicant = Type.Object({
  type: Enum(APPLICANT_TYPES, '申请人类型'),
  name: Type.String({ minLength: 1, maxLength: 100, title: '姓名或名称' }),
  idType: Enum(ID_DOC_TYPES, '证件类型'),
  idNumber: Type.String({ minLength: 1, maxLength: 40, title: '证件号码或统一社会信用代码' }),
  contactPerson: Type.Optional(Nullable(Type.String({ maxLength: 50, title: '联系人（法人或其他组织）' }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30, title: '联系电话' }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '电子邮箱' }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300, title: '通信地址' }))),
  postcode: Type.Optional(Nullable(Type.String({ maxLength: 10, title: '邮政编码' }))),
});

export const RequestFields = {
  applicant: Applicant,
  unitId: Uuid('受理机关'),
  infoTitle: Nullable(Type.String({ maxLength: 300, title: '所需信息的名称' })),
  infoDocNo: Nullable(Type.String({ maxLength: 80, title: '文号' })),
  description: Type.String({ minLength: 1, maxLength: 5000, title: '所需信息的内容描述' }),
  infoForm: Enum(INFO_FORMS, '提供形式', 'paper 纸质；electronic 电子'),
  delivery: Enum(DELIVERY_METHODS, '获取方式', 'post 邮寄；email 电子邮件；collect 当面领取；online 网上获取；fax 传真'),
};

const RegisterInput = Type.Object({
  ...RequestFields,
  infoTitle: Type.Optional(RequestFields.infoTitle),
  infoDocNo: Type.Optional(RequestFields.infoDocNo),
  channel: Enum(
    CHANNELS.filter((c) => c !== 'online'),
    '提交方式',
  ),
  arrivedOn: LocalDate('收到日期（当面提交日、签收日或到达日）'),
  confirmedOn: Type.Optional(Nullable(LocalDate('与申请人确认收到的日期（平信、电子邮件、传真）'))),
  handlerId: Type.Optional(Nullable(Uuid('承办人'))),
  note: Type.Optional(Nullable(Text('登记备注', 1000))),
});

const ActInput = Type.Object({
  event: Enum(REQUEST_EVENTS, '办理事项'),
  version: Version,
  on: Type.Optional(Nullable(LocalDate('发生日期（默认今天）'))),
  comment: Type.Optional(Nullable(Text('说明、理由或补正事项', 5000))),
  correctionDueOn: Type.Optional(Nullable(LocalDate('补正期限'))),
  pauseKind: Type.Optional(NullableEnum(['third_party', 'co_producer', 'other_organ'] as const, '征求意见的对象类别')),
  party: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '征求意见的对象' }))),
  consultationOutcome: Type.Optional(NullableEnum(['agreed', 'objected', 'no_reply'] as const, '征求意见结果')),
  extensionDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS, title: '延长工作日数' }), Type.Null()])),
  approver: Type.Optional(Nullable(Type.String({ maxLength: 100, title: '批准人（工作机构负责人）' }))),
  unitId: Type.Optional(Nullable(Uuid('转办到的单位'))),
  handlerId: Type.Optional(Nullable(Uuid('承办人'))),
  result: Type.Optional(NullableEnum(RESULT_CODES, '答复类型')),
  referOrgan: Type.Optional(Nullable(Type.String({ maxLength: 300, title: '负责公开该信息的机关及联系方式' }))),
  recordIds: Type.Optional(Type.Array(Uuid('提供的政府信息'), { maxItems: 100 })),
  feeBasis: Type.Optional(NullableEnum(FEE_BASES, '收费方式')),
  pages: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000, title: '页数' }), Type.Null()])),
  deliveryNote: Type.Optional(Nullable(Text('送达情况', 1000))),
});

const Applicantview = Type.Object({
  type: Type.String(),
  typeLabel: Type.String(),
  name: Type.String(),
  idType: Type.String(),
  idTypeLabel: Type.String(),
  idNumber: Type.String(),
  contactPerson: NStr,
  phone: NStr,
  email: NStr,
  address: NStr,
  postcode: NStr,
  masked: Type.Boolean({ title: '申请人信息已隐去', description: '只有承办人可见申请人的完整信息' }),
});

const ListItem = Type.Object({
  id: Type.String(),
  number: Type.String({ title: '申请编号' }),
  state: Type.String(),
  stateLabel: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  channel: Type.String(),
  channelLabel: Type.String(),
  applicantType: Type.String(),
  applicantTypeLabel: Type.String(),
  applicantName: Type.String(),
  subject: Type.String(),
  arrivedOn: Type.String(),
  receivedOn: NStr,
  dueOn: NStr,
  overdue: Type.Boolean(),
  result: NStr,
  resultLabel: NStr,
  repliedOn: NStr,
  flags: Type.Array(Type.String()),
  version: Type.Integer(),
});

const AssistView = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  requestNumber: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  askedOn: Type.String(),
  dueOn: Type.String(),
  dueExplanation: NStr,
  question: Type.String(),
  answer: NStr,
  answeredOn: NStr,
  answeredByLabel: NStr,
  overdue: Type.Boolean(),
  version: Type.Integer(),
});

const AppealView = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  path: Type.String(),
  pathLabel: Type.String(),
  organ: NStr,
  caseNo: NStr,
  filedOn: Type.String(),
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  decidedOn: NStr,
  note: NStr,
  version: Type.Integer(),
});

const DocumentView = Type.Object({ id: Type.String(), kind: Type.String(), fileName: Type.String(), mime: Type.String(), size: Type.Integer(), forApplicant: Type.Boolean(), recordId: NStr, createdAt: Type.String() });

const RequestView = Type.Object({
    ...ListItem.properties,
    handlerId: NStr,
    handlerName: NStr,
    confirmedOn: NStr,
    receiptRule: NStr,
    applicant: Applicantview,
    infoTitle: NStr,
    infoDocNo: NStr,
    description: Type.String(),
    infoForm: Type.String(),
    infoFormLabel: Type.String(),
    delivery: Type.String(),
    deliveryLabel: Type.String(),
    correctionRequestedOn: NStr,
    correctionDueOn: NStr,
    correctionText: NStr,
    correctedOn: NStr,
    extensionDays: Type.Integer(),
    extensionApprover: NStr,
    extensionReason: NStr,
    extendedOn: NStr,
    clock: Type.Union([
      Type.Object({
        state: Type.String({ description: 'running 计时中；paused 征求意见或待缴费，暂停计时；stopped 待补正' }),
        start: Type.String(),
        startLabel: Type.String(),
        dueOn: NStr,
        correctionNoticeDueOn: Type.String({ title: '补正告知的最后期限（收到申请之日起7个工作日）' }),
        explanation: Type.String({ title: '期限如何计算' }),
        daysLeft: NInt,
      }),
      Type.Null(),
    ]),
    dueExplanation: NStr,
    fee: Type.Union([Type.Object({ basis: Type.String(), amount: Type.Number(), explanation: NStr, noticeOn: NStr, dueOn: NStr, paidOn: NStr }), Type.Null()]),
    resultGroupLabel: NStr,
    resultGround: NStr,
    replyText: NStr,
    referOrgan: NStr,
    workingDaysUsed: NInt,
    workingDaysLate: NInt,
    deliveredOn: NStr,
    deliveryNote: NStr,
    possibleRepeats: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
    excessiveVolume: Type.Boolean(),
    allowedEvents: Type.Array(Type.String()),
    mayHandle: Type.Boolean(),
    events: Type.Array(
      Type.Object({
        id: Type.String(),
        at: Type.String(),
        on: Type.String(),
        event: Type.String(),
        eventLabel: Type.String(),
        actorLabel: Type.String(),
        fromState: NStr,
        toState: NStr,
        comment: NStr,
        data: Type.Object({}, { additionalProperties: true }),
      }),
    ),
    pauses: Type.Array(
      Type.Object({ id: Type.String(), kind: Type.String(), kindLabel: Type.String(), party: NStr, fromOn: Type.String(), toOn: NStr, partyDueOn: NStr, outcome: NStr, note: NStr, text: Type.String() }),
    ),
    documents: Type.Array(DocumentView),
    records: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), docNo: NStr, state: Type.String() })),
    assists: Type.Array(AssistView),
    appeals: Type.Array(AppealView),
});

const ListQuery = Type.Object({
  unitId: Type.Optional(Uuid('承办单位')),
  state: Type.Optional(Enum(REQUEST_STATES, '状态')),
  overdue: Type.Optional(Type.Boolean({ title: '只看已逾期的' })),
  from: Type.Optional(LocalDate('收到日期起')),
  to: Type.Optional(LocalDate('收到日期止')),
  q: Type.Optional(Type.String({ maxLength: 100, title: '编号或内容中的文字' })),
  page: Type.Optional(Page),
  pageSize: Type.Optional(PageSize),
});

const AppealInput = Type.Object({
  path: Enum(APPEAL_PATHS, '途径', 'reconsideration 行政复议；litigation 未经复议直接起诉；litigation_after_reconsideration 复议后起诉'),
  organ: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '复议机关或法院' }))),
  caseNo: Type.Optional(Nullable(Type.String({ maxLength: 100, title: '案号' }))),
  filedOn: LocalDate('申请复议或起诉的日期'),
  outcome: Enum(APPEAL_OUTCOMES, '结果', 'upheld 结果维持；corrected 结果纠正；other 其他结果；pending 尚未审结'),
  decidedOn: Type.Optional(Nullable(LocalDate('审结日期'))),
  note: Type.Optional(Nullable(Text('说明', 2000))),
});

const count7 = Type.Object({ natural_person: Type.Integer(), enterprise: Type.Integer(), research: Type.Integer(), public_interest: Type.Integer(), legal_service: Type.Integer(), other_org: Type.Integer(), total: Type.Integer() });

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

export function requestRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/requests/meta',
    {
      config: { access: { permission: 'requests.read' } },
      schema: {
        tags,
        summary: '办理依申请公开所需的选项：受理机关、提交方式、申请人类型、答复类型（按年度报告的办理结果分类）等',
        response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }),
      },
    },
    async (req) => ({
      units: await addressableUnits(db, callerOf(req).actor.tenantId),
      channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
      applicantTypes: APPLICANT_TYPES.map((t) => ({ value: t, label: APPLICANT_TYPE_LABELS[t] })),
      idTypes: ID_DOC_TYPES.map((t) => ({ value: t, label: ID_DOC_LABELS[t] })),
      infoForms: INFO_FORMS.map((t) => ({ value: t, label: INFO_FORM_LABELS[t] })),
      deliveries: DELIVERY_METHODS.map((t) => ({ value: t, label: DELIVERY_LABELS[t] })),
      states: REQUEST_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
      events: REQUEST_EVENTS.map((e) => ({ value: e, label: EVENT_LABELS[e] })),
      results: REPLY_RESULTS.map((r) => ({ value: r.code, group: r.group, groupLabel: RESULT_GROUP_LABELS[r.group], label: r.label, short: r.short, ground: r.ground, provides: r.provides, reasonRequired: r.reasonRequired, handler: HANDLER_RESULTS.includes(r.code) })),
      pauseKinds: (['third_party', 'co_producer', 'other_organ'] as const).map((k) => ({ value: k, label: PAUSE_LABELS[k] })),
      feeBases: FEE_BASES.map((b) => ({ value: b, label: FEE_BASIS_LABELS[b] })),
      documentKinds: REQUEST_DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] })),
      appealPaths: APPEAL_PATHS.map((p) => ({ value: p, label: APPEAL_PATH_LABELS[p] })),
      appealOutcomes: APPEAL_OUTCOMES.map((o) => ({ value: o, label: APPEAL_OUTCOME_LABELS[o] })),
      maxExtensionDays: MAX_EXTENSION_DAYS,
    }),
  );

  app.get(
    '/api/v1/requests',
    {
      config: { access: { permission: 'requests.read' } },
      schema: { tags, summary: '申请列表（办理中的在前，按答复期限排列）', querystring: ListQuery, response: withErrors({ 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ListItem) }) }) },
    },
    async (req) => {
      const { page = 1, pageSize = 20, ...f } = req.query;
      return listRequests(db, callerOf(req), f, page, pageSize);
    },
  );

  app.post(
    '/api/v1/requests',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: {
        tags,
        summary: '登记以信函、传真、电子邮件或当面提交的申请',
        description: '收到申请之日按《条例》第三十一条确定：当面提交为提交之日；邮寄为签收之日；平常信函、电子邮件、传真为与申请人确认之日。返回申请和查询码（只显示这一次，请告知申请人）。',
        body: RegisterInput,
        response: withErrors({ 201: Type.Object({ request: RequestView, queryCode: Type.String({ title: '查询码（只显示这一次）' }) }) }),
      },
    },
    async (req, reply) => {
      const { view, queryCode } = await registerRequest(db, callerOf(req), req.body);
      return reply.code(201).send({ request: view, queryCode });
    },
  );

  app.get(
    '/api/v1/requests/ledger.xlsx',
    {
      config: { access: { permission: 'requests.read' } },
      schema: { tags, summary: '申请登记台账（XLSX），可按单位、期间、状态筛选；无办理权限的单位其申请人信息隐去', querystring: ListQuery },
    },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...f } = req.query;
      const bytes = await ledgerXlsx(db, callerOf(req), f);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('申请登记台账.xlsx'))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.get(
    '/api/v1/requests/statistics',
    {
      config: { access: { permission: 'requests.read' } },
      schema: {
        tags,
        summary: '年度报告第三部分：收到和处理政府信息公开申请情况（按申请人类型和办理结果）',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2008, maximum: 2100, title: '年度' }), unitId: Type.Optional(Uuid('单位（含下级）')) }),
        response: withErrors({
          200: Type.Object({ year: Type.Integer(), newThisYear: count7, carriedOver: count7, results: Type.Record(Type.String(), count7), resultsTotal: count7, carriedForward: count7 }),
        }),
      },
    },
    async (req) => requestStatistics(db, callerOf(req), req.query.year, req.query.unitId),
  );

  app.get(
    '/api/v1/requests/:id',
    { config: { access: { permission: 'requests.read' } }, schema: { tags, summary: '申请详情：申请人、期限及其计算过程、全部办理记录', params: IdParams, response: withErrors({ 200: RequestView }) } },
    async (req) => getRequest(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/requests/:id/actions',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: {
        tags,
        summary: '办理一步：登记、告知补正、收到补正、征求意见、延期、收费、转办、答复、送达、撤回等',
        description: '不允许的步骤返回 409 并说明原因（如未登记不能答复、只能延期一次、补正须在7个工作日内告知）。',
        params: IdParams,
        body: ActInput,
        response: withErrors({ 200: RequestView }),
      },
    },
    async (req) => actOnRequest(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/requests/:id/assists',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: {
        tags,
        summary: '请其他单位协查（有单独的回复期限，不晚于答复期限）',
        params: IdParams,
        body: Type.Object({ unitId: Uuid('协查单位'), question: Type.String({ minLength: 1, maxLength: 2000, title: '协查内容' }), workingDays: Type.Integer({ minimum: 1, maximum: 20, title: '回复期限（工作日）' }) }),
        response: withErrors({ 200: RequestView }),
      },
    },
    async (req) => askAssistance(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/request-assists',
    {
      config: { access: { permission: 'requests.assist' } },
      schema: { tags, summary: '本单位收到的协查（只有协查内容，不含申请人信息）', querystring: Type.Object({ open: Type.Optional(Type.Boolean({ title: '只看未答复的' })) }), response: withErrors({ 200: Type.Array(AssistView) }) },
    },
    async (req) => listAssists(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/request-assists/:id/answer',
    {
      config: { access: { permission: 'requests.assist' } },
      schema: { tags, summary: '答复协查', params: IdParams, body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 5000, title: '协查结果' }), version: Version }), response: withErrors({ 200: AssistView }) },
    },
    async (req) => answerAssistance(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/requests/:id/appeals',
    { config: { access: { permission: 'requests.handle' } }, schema: { tags, summary: '登记针对答复的行政复议或行政诉讼', params: IdParams, body: AppealInput, response: withErrors({ 201: AppealView }) } },
    async (req, reply) => reply.code(201).send(await addAppeal(db, callerOf(req), req.params.id, req.body)),
  );

  app.put(
    '/api/v1/request-appeals/:id',
    { config: { access: { permission: 'requests.handle' } }, schema: { tags, summary: '更新复议或诉讼的结果', params: IdParams, body: Type.Object({ ...AppealInput.properties, version: Version }), response: withErrors({ 200: AppealView }) } },
    async (req) => updateAppeal(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/requests/:id/documents',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: {
        tags,
        summary: '上传申请的材料（申请书扫描件、告知书、提供的信息、送达回证等；multipart/form-data，字段 file）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object({ kind: Enum(REQUEST_DOCUMENT_KINDS, '材料类别'), forApplicant: Type.Optional(Type.Boolean({ title: '申请人可在查询页下载' })) }),
        response: withErrors({ 201: DocumentView }),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, config);
      const doc = await addRequestDocument(db, blobs, callerOf(req), req.params.id, { ...file, kind: req.query.kind, ...(req.query.forApplicant !== undefined ? { forApplicant: req.query.forApplicant } : {}) }, config.uploadMaxBytes);
      return reply.code(201).send(doc);
    },
  );

  app.post(
    '/api/v1/requests/:id/letters',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: {
        tags,
        summary: '按模板生成告知书（DOCX 和 PDF），存入申请的材料',
        description: 'kind 为 reply（按申请的答复类型生成答复告知书），或 acknowledgement 登记回执、correction 补正告知书、extension 延期答复告知书、fee 收费通知书、consultation 征求意见函，或某一答复类型的编码。致申请人的告知书可在申请人查询页下载；征求意见函不可。',
        params: IdParams,
        body: Type.Object({ kind: Type.String({ minLength: 1, maxLength: 60, title: '告知书类别' }) }),
        response: withErrors({ 201: Type.Object({ documents: Type.Array(DocumentView) }) }),
      },
    },
    async (req, reply) => reply.code(201).send({ documents: await generateLetter(db, blobs, callerOf(req), req.params.id, req.body.kind as LetterChoice) }),
  );

  app.get(
    '/api/v1/request-templates',
    {
      config: { access: { permission: 'requests.manage' } },
      schema: {
        tags,
        summary: '告知书模板（内置的和本站修改过的）及可用的占位符',
        response: withErrors({
          200: Type.Object({
            placeholders: Type.Array(Type.Object({ name: Type.String(), description: Type.String(), optional: Type.Optional(Type.Boolean()) })),
            templates: Type.Array(Type.Object({}, { additionalProperties: true })),
          }),
        }),
      },
    },
    async (req) => ({ placeholders: [...PLACEHOLDERS], templates: await getTemplates(db, callerOf(req).actor.tenantId) }),
  );

  app.put(
    '/api/v1/request-templates/:kind',
    {
      config: { access: { permission: 'requests.manage' } },
      schema: {
        tags,
        summary: '修改一种告知书的模板（未知的占位符、括号不配对时拒绝并指出）',
        params: Type.Object({ kind: Type.String({ minLength: 1, maxLength: 60, title: '告知书类别' }) }),
        body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 200, title: '标题' }), body: Type.String({ minLength: 1, maxLength: 20000, title: '正文' }), version: Type.Integer({ minimum: 0, title: '版本号（内置模板为0）' }) }),
        response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }),
      },
    },
    async (req) => saveTemplate(db, callerOf(req), req.params.kind, req.body),
  );

  app.delete(
    '/api/v1/request-templates/:kind',
    {
      config: { access: { permission: 'requests.manage' } },
      schema: {
        tags,
        summary: '恢复内置模板',
        params: Type.Object({ kind: Type.String({ minLength: 1, maxLength: 60, title: '告知书类别' }) }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 0, title: '版本号' })) }),
        response: withErrors({ 200: Type.Object({}, { additionalProperties: true }) }),
      },
    },
    async (req) => resetTemplate(db, callerOf(req), req.params.kind, req.query.version),
  );

  app.get(
    '/api/v1/requests/:id/documents/:documentId',
    {
      config: { access: { permission: 'requests.handle' } },
      schema: { tags, summary: '下载申请的材料（只限承办人：材料中可能有申请人信息）', params: Type.Object({ id: Uuid('申请'), documentId: Uuid('材料') }) },
    },
    async (req, reply) => {
      const d = await staffDocument(db, callerOf(req), req.params.id, req.params.documentId);
      const bytes = await blobs.get(d.blobKey);
      return reply.type(d.mime).header('content-disposition', contentDisposition(d.fileName)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );
}
