// /api/v1/reports: the statutory annual report (政府信息公开工作年度报告) — drafting from the data, importing
// older reports, the narrative with figures to insert, adjustments, checks, DOCX and PDF, publication as a
// government record, the figures units enter for section 二, the office's status board and the roll-up of
// member governments.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { resultRowName } from '../../core/reports/checks.ts';
import { BOARD_STATUS_LABELS, REPORTING_KINDS } from '../../core/reports/due.ts';
import { appealGroupName, REPORT_FORMAT_LABELS, REPORT_FORMATS, S2_2019, S2_2021, S3, SECTION_HEADINGS_2021 } from '../../core/reports/format.ts';
import type { Section2v2019, Section2v2021 } from '../../core/reports/model.ts';
import { NARRATIVE_LABELS } from '../../core/reports/narrative.ts';
import { RESULT_CODES } from '../../core/requests/results.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, Uuid, Version, withErrors } from '../../http/schemas.ts';
import type { BlobStore } from '../files/index.ts';
import { contentDisposition } from '../publishing/attachments.ts';
import { reportDocx, reportPdf } from './documents.ts';
import { publishReport } from './publish.ts';
import { rollupXlsx } from './rollup-xlsx.ts';
import { REPORT_COVERAGES, REPORT_STATES } from './schema.ts';
import {
  adjustFigures,
  checkReport,
  COVERAGE_LABELS,
  createReport,
  documentOf,
  getReport,
  importReport,
  listReports,
  MAX_YEAR,
  MIN_YEAR,
  regenerateFigures,
  rollup,
  STATE_LABELS,
  statusBoard,
  tenantName,
  updateReport,
  visibleReport,
  type FiguresInput,
} from './service.ts';
import { importUnitFigures, listUnitFigures, saveUnitFigures, unitFiguresXlsx } from './unit-figures.ts';

const tags = ['政府信息公开工作年度报告'];
const Year = Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR, title: '年度' });
const YearQuery = Type.Object({ year: Year });
const Loose = (title: string) => Type.Object({}, { additionalProperties: true, title });
const NStr = Type.Union([Type.String(), Type.Null()]);

// ---- the tables, field by field, titled with the template's own labels --------------------------------

const Count = (title: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, title });
const Counts7 = (title: string) =>
  Type.Object(
    { natural_person: Count('自然人'), enterprise: Count('商业企业'), research: Count('科研机构'), public_interest: Count('社会公益组织'), legal_service: Count('法律服务机构'), other_org: Count('其他'), total: Count('总计') },
    { title },
  );
const Results = Type.Object(Object.fromEntries(RESULT_CODES.map((c) => [c, Type.Optional(Counts7(resultRowName(c)))])) as Record<string, TSchema>, {
  title: S3.results,
  description: '按答复类型（办理结果）分列；未列出的行为 0',
});
const Section3 = Type.Object(
  { newThisYear: Counts7(S3.newThisYear), carriedOver: Counts7(S3.carriedOver), results: Results, resultsTotal: Counts7(S3.resultsTotal), carriedForward: Counts7(S3.carriedForward) },
  { title: SECTION_HEADINGS_2021.requests },
);
const AppealCounts = (title: string) => Type.Object({ upheld: Count('结果维持'), corrected: Count('结果纠正'), other: Count('其他结果'), pending: Count('尚未审结'), total: Count('总计') }, { title });
const Section4 = Type.Object(
  {
    reconsideration: AppealCounts(appealGroupName('reconsideration')),
    litigation: AppealCounts(appealGroupName('litigation')),
    litigationAfterReconsideration: AppealCounts(appealGroupName('litigationAfterReconsideration')),
  },
  { title: SECTION_HEADINGS_2021.appeals },
);
const Docs2021 = (title: string) => Type.Object({ issued: Count(S2_2021.issued), repealed: Count(S2_2021.repealed), valid: Count(S2_2021.valid) }, { title });
const Money = (title: string) => Type.Number({ minimum: 0, maximum: 1_000_000_000, title });
const Section2v2021Schema = Type.Object(
  {
    rules: Docs2021(S2_2021.rules),
    normativeDocuments: Docs2021(S2_2021.normativeDocuments),
    licensing: Count(`${S2_2021.licensing}（${S2_2021.decisions}）`),
    penalty: Count(`${S2_2021.penalty}（${S2_2021.decisions}）`),
    enforcement: Count(`${S2_2021.enforcement}（${S2_2021.decisions}）`),
    feesWan: Money(`${S2_2021.fees}（${S2_2021.feeAmount}）`),
  },
  { title: '第二部分表格（2021年格式）' },
);
const Docs2019 = (title: string) => Type.Object({ made: Count(S2_2019.made), published: Count(S2_2019.published), total: Count(S2_2019.total) }, { title });
const Item2019 = (title: string) => Type.Object({ previous: Count(S2_2019.previous), change: Type.Integer({ minimum: -10_000_000, maximum: 10_000_000, title: S2_2019.change }), decisions: Count(S2_2019.decisions) }, { title });
const Section2v2019Schema = Type.Object(
  {
    rules: Docs2019(S2_2019.rules),
    normativeDocuments: Docs2019(S2_2019.normativeDocuments),
    licensing: Item2019(S2_2019.licensing),
    otherServices: Item2019(S2_2019.otherServices),
    penalty: Item2019(S2_2019.penalty),
    enforcement: Item2019(S2_2019.enforcement),
    fees: Type.Object({ previous: Count(S2_2019.previous), change: Type.Integer({ minimum: -10_000_000, maximum: 10_000_000, title: S2_2019.change }) }, { title: S2_2019.fees }),
    procurement: Type.Object({ count: Count(S2_2019.procurementCount), amount: Money(S2_2019.procurementAmount) }, { title: S2_2019.procurement }),
  },
  { title: '第二部分表格（2019年格式）' },
);
const Fees = Type.Union([Type.Object({ amountYuan: Money('信息处理费（元）'), requests: Count('缴费申请件数') }), Type.Null()], { title: '信息处理费' });

const Narrative = Type.Object(
  {
    preamble: Type.Optional(Type.String({ maxLength: 20_000, title: NARRATIVE_LABELS.preamble })),
    overview: Type.Optional(Type.String({ maxLength: 50_000, title: NARRATIVE_LABELS.overview })),
    problems: Type.Optional(Type.String({ maxLength: 50_000, title: NARRATIVE_LABELS.problems })),
    other: Type.Optional(Type.String({ maxLength: 50_000, title: NARRATIVE_LABELS.other })),
  },
  { title: '文字部分（每行一段；{{名称}} 处插入数据）' },
);

const Summary = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  format: Type.String(),
  coverage: Type.String(),
  title: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  figureSource: Type.String(),
  publishedAt: NStr,
  recordId: NStr,
  due: Type.String({ title: '发布期限' }),
  version: Type.Integer(),
  updatedAt: Type.String(),
});

const PlaceholderView = Type.Object({ name: Type.String(), placeholder: Type.String(), value: Type.String(), source: Type.String() });
const Finding = Type.Object({ code: Type.String(), section: Type.String(), cell: Type.String(), message: Type.String() }, { additionalProperties: true });

const ReportView = Type.Object({
  ...Summary.properties,
  formatLabel: Type.String(),
  coverageLabel: Type.String(),
  figureSourceLabel: Type.String(),
  figures: Loose('报告数据（第二、三、四部分表格和信息处理费）'),
  figuresAsOf: NStr,
  adjustments: Type.Array(Loose('人工调整')),
  narrative: Type.Object({ preamble: Type.String(), overview: Type.String(), problems: Type.String(), other: Type.String() }),
  narrativeFromId: NStr,
  dueRule: Type.String(),
  daysLeft: Type.Integer(),
  findings: Type.Array(Finding, { title: '校验结果（不通过的单元格）' }),
  previous: Type.Union([Type.Object({ id: Type.String(), year: Type.Integer(), state: Type.String() }), Type.Null()]),
  placeholders: Type.Array(PlaceholderView),
  html: Type.String({ title: '发布到门户的正文（HTML）' }),
  checkedAt: NStr,
  checkedBy: NStr,
  publishedBy: NStr,
  publications: Type.Integer(),
  mayEdit: Type.Boolean(),
  mayPublish: Type.Boolean(),
  createdAt: Type.String(),
});

const UnitFigures = Type.Object({
  unitId: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  licensing: Type.Integer(),
  penalty: Type.Integer(),
  enforcement: Type.Integer(),
  feesWan: Type.Number(),
  note: NStr,
  source: NStr,
  updatedBy: NStr,
  updatedAt: NStr,
  version: Type.Integer({ description: '0：尚未填报' }),
  mayEdit: Type.Boolean(),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function readUpload(req: FastifyRequest, config: Config): Promise<Uint8Array> {
  if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
  let part;
  try {
    part = await req.file();
  } catch (e) {
    throw new AppError(400, 'BAD_UPLOAD', `上传内容无法读取：${(e as Error).message}`);
  }
  if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传');
  try {
    return new Uint8Array(await part.toBuffer());
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB 的上限`);
    throw new AppError(400, 'BAD_UPLOAD', '上传中断，文件不完整，请重新上传');
  }
}

function figuresInput(b: { section2?: Section2v2021; section2v2019?: Section2v2019; section3?: FiguresInput['section3']; section4?: FiguresInput['section4']; fees?: FiguresInput['fees'] }): FiguresInput {
  const section2 = b.section2 ?? b.section2v2019;
  return { ...(section2 ? { section2 } : {}), ...(b.section3 ? { section3: b.section3 } : {}), ...(b.section4 ? { section4: b.section4 } : {}), ...(b.fees !== undefined ? { fees: b.fees } : {}) };
}

export function reportRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/reports/meta',
    {
      config: { access: { permission: 'reports.read' } },
      schema: { tags, summary: '编写年度报告所需的选项：格式、汇总范围、状态、各部分标题', response: withErrors({ 200: Loose('选项') }) },
    },
    async () => ({
      formats: REPORT_FORMATS.map((f) => ({ value: f, label: REPORT_FORMAT_LABELS[f] })),
      coverages: REPORT_COVERAGES.map((c) => ({ value: c, label: COVERAGE_LABELS[c] })),
      states: REPORT_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
      boardStatuses: Object.entries(BOARD_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      sections: SECTION_HEADINGS_2021,
      narrative: NARRATIVE_LABELS,
      reportingUnitKinds: REPORTING_KINDS,
    }),
  );

  app.get(
    '/api/v1/reports',
    {
      config: { access: { permission: 'reports.read' } },
      schema: {
        tags,
        summary: '年度报告列表（本人有权查看的单位的）',
        querystring: Type.Object({ year: Type.Optional(Year), unitId: Type.Optional(Uuid('单位')), state: Type.Optional(Enum(REPORT_STATES, '状态')) }),
        response: withErrors({ 200: Type.Array(Summary) }),
      },
    },
    async (req) => listReports(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/reports',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '编写一个单位某年度的报告：按系统数据生成各表格，文字部分从上一年度的报告开始',
        description: '汇总范围 unit 只统计本单位，subtree 统计本单位及所属全部单位（政府的报告默认为 subtree）。2019、2020年度的报告采用2019年格式，只能导入。',
        body: Type.Object({ unitId: Uuid('单位'), year: Year, coverage: Type.Optional(Enum(REPORT_COVERAGES, '汇总范围', 'unit 本单位；subtree 本单位及所属全部单位')) }),
        response: withErrors({ 201: ReportView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createReport(db, callerOf(req), req.body)),
  );

  app.post(
    '/api/v1/reports/import',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '导入以往年度的报告（2021年格式或2019、2020年度的2019年格式），连同其各表格数据和文字',
        description: '第二部分表格按报告格式填写 section2（2021年格式）或 section2v2019（2019年格式）。complete 为 true 时，各行“总计”列、（七）总计和第四部分各“总计”由各项相加得出。',
        body: Type.Object({
          unitId: Uuid('单位'),
          year: Year,
          format: Type.Optional(Enum(REPORT_FORMATS, '报告格式', '2021：国办公开办函〔2021〕30号；2019：2019、2020年度报告的格式')),
          coverage: Type.Optional(Enum(REPORT_COVERAGES, '汇总范围')),
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, title: '报告标题' })),
          section2: Type.Optional(Section2v2021Schema),
          section2v2019: Type.Optional(Section2v2019Schema),
          section3: Section3,
          section4: Section4,
          fees: Type.Optional(Fees),
          complete: Type.Optional(Type.Boolean({ title: '自动计算各总计' })),
          narrative: Type.Optional(Narrative),
        }),
        response: withErrors({ 201: ReportView }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const section2 = b.section2 ?? b.section2v2019;
      if (!section2) throw new AppError(400, 'BAD_REQUEST', '缺少第二部分表格：2021年格式请填写 section2，2019年格式请填写 section2v2019', { field: 'section2' });
      const view = await importReport(db, callerOf(req), {
        unitId: b.unitId,
        year: b.year,
        ...(b.format ? { format: b.format } : {}),
        ...(b.coverage ? { coverage: b.coverage } : {}),
        ...(b.title ? { title: b.title } : {}),
        figures: { ...figuresInput(b), section2, section3: b.section3, section4: b.section4 },
        ...(b.complete !== undefined ? { complete: b.complete } : {}),
        ...(b.narrative ? { narrative: b.narrative } : {}),
      });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/reports/status',
    {
      config: { access: { permission: 'reports.read' } },
      schema: {
        tags,
        summary: '年度报告发布情况一览：各单位的报告未开始、编写中、已校验待发布、已发布或逾期未发布（《条例》第四十九条）',
        querystring: YearQuery,
        response: withErrors({
          200: Type.Object({
            year: Type.Integer(),
            today: Type.String(),
            counts: Loose('各状态的单位数'),
            rows: Type.Array(
              Type.Object({
                unitId: Type.String(),
                unitName: Type.String(),
                unitKind: Type.String(),
                government: Type.Boolean(),
                due: Type.String(),
                dueRule: Type.String(),
                daysLeft: Type.Integer(),
                status: Type.String(),
                statusLabel: Type.String(),
                report: Type.Union([Loose('报告'), Type.Null()]),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => statusBoard(db, callerOf(req), req.query.year),
  );

  const RollupView = Type.Object({
    year: Type.Integer(),
    members: Type.Array(Type.Object({ tenantId: Type.String(), code: Type.String(), name: Type.String(), report: Type.Union([Loose('已发布的报告'), Type.Null()]) })),
    published: Type.Integer(),
    summary: Loose('各表格的合计'),
    section2Reports: Type.Integer({ description: '第二部分按2021年格式汇总的报告份数' }),
  });

  app.get(
    '/api/v1/reports/rollup',
    {
      config: { access: { permission: 'reports.read' } },
      schema: { tags, summary: '所属政府（下级站点）某年度已发布的报告及各表格合计（市、省汇总）', querystring: YearQuery, response: withErrors({ 200: RollupView }) },
    },
    async (req) => rollup(db, callerOf(req), req.query.year),
  );

  app.get(
    '/api/v1/reports/rollup.xlsx',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '所属政府年度报告汇总表（XLSX：发布情况和各表格合计）', querystring: YearQuery } },
    async (req, reply) => {
      const caller = callerOf(req);
      const r = await rollup(db, caller, req.query.year);
      const bytes = await rollupXlsx(r, await tenantName(db, caller.actor.tenantId));
      return reply.type(XLSX).header('content-disposition', contentDisposition(`${req.query.year}年度政府信息公开工作年度报告汇总.xlsx`)).header('cache-control', 'no-store').send(bytes);
    },
  );

  app.get(
    '/api/v1/reports/unit-figures',
    {
      config: { access: { permission: 'reports.read' } },
      schema: { tags, summary: '各单位填报的第二部分数据（行政许可、行政处罚、行政强制决定数和行政事业性收费金额）', querystring: YearQuery, response: withErrors({ 200: Type.Array(UnitFigures) }) },
    },
    async (req) => listUnitFigures(db, callerOf(req), req.query.year),
  );

  app.put(
    '/api/v1/reports/unit-figures',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '填报一个单位某年度的第二部分数据',
        body: Type.Object({
          unitId: Uuid('单位'),
          year: Year,
          licensing: Count('行政许可（本年处理决定数量）'),
          penalty: Count('行政处罚（本年处理决定数量）'),
          enforcement: Count('行政强制（本年处理决定数量）'),
          feesWan: Money('行政事业性收费（本年收费金额，万元）'),
          note: Type.Optional(Type.Union([Type.String({ maxLength: 500, title: '备注' }), Type.Null()])),
          version: Type.Integer({ minimum: 0, title: '版本号', description: '读取时的版本号；尚未填报的为 0' }),
        }),
        response: withErrors({ 200: UnitFigures }),
      },
    },
    async (req) => saveUnitFigures(db, callerOf(req), req.body),
  );

  app.get(
    '/api/v1/reports/unit-figures.xlsx',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '第二部分数据填报表（XLSX，填好后可导入）', querystring: YearQuery } },
    async (req, reply) => {
      const bytes = await unitFiguresXlsx(db, callerOf(req), req.query.year);
      return reply.type(XLSX).header('content-disposition', contentDisposition(`${req.query.year}年度年报第二部分填报表.xlsx`)).header('cache-control', 'no-store').send(bytes);
    },
  );

  app.post(
    '/api/v1/reports/unit-figures/import',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '导入第二部分数据填报表（multipart/form-data，字段 file）：有任何一行不对则全部不导入，并列出各行问题',
        consumes: ['multipart/form-data'],
        querystring: YearQuery,
        response: withErrors({ 200: Type.Object({ updated: Type.Integer(), rows: Type.Integer() }) }),
      },
    },
    async (req) => importUnitFigures(db, callerOf(req), req.query.year, await readUpload(req, config)),
  );

  app.get(
    '/api/v1/reports/:id',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '报告详情：各表格、文字、校验结果、可插入的数据、发布期限、HTML 预览', params: IdParams, response: withErrors({ 200: ReportView }) } },
    async (req) => getReport(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/reports/:id',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '修改报告的标题和文字部分（前言，一、五、六）；{{名称}} 处在显示、导出和发布时填入数据',
        params: IdParams,
        body: Type.Object({ version: Version, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, title: '报告标题' })), narrative: Type.Optional(Narrative) }),
        response: withErrors({ 200: ReportView }),
      },
    },
    async (req) => updateReport(db, callerOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/v1/reports/:id/figures',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '人工调整报告的表格数据（须说明原因；调整记入报告和操作日志，发布前须通过校验）',
        params: IdParams,
        body: Type.Object({
          version: Version,
          reason: Type.String({ minLength: 1, maxLength: 1000, title: '调整原因' }),
          section2: Type.Optional(Section2v2021Schema),
          section2v2019: Type.Optional(Section2v2019Schema),
          section3: Type.Optional(Section3),
          section4: Type.Optional(Section4),
          fees: Type.Optional(Fees),
        }),
        response: withErrors({ 200: ReportView }),
      },
    },
    async (req) => adjustFigures(db, callerOf(req), req.params.id, { ...figuresInput(req.body), version: req.body.version, reason: req.body.reason }),
  );

  app.post(
    '/api/v1/reports/:id/generate',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '按系统数据重新生成报告的表格（人工调整不再保留），可同时改变汇总范围',
        params: IdParams,
        body: Type.Object({ version: Version, coverage: Type.Optional(Enum(REPORT_COVERAGES, '汇总范围')) }),
        response: withErrors({ 200: ReportView }),
      },
    },
    async (req) => regenerateFigures(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/reports/:id/check',
    {
      config: { access: { permission: 'reports.edit' } },
      schema: {
        tags,
        summary: '校验报告：各表格的勾稽关系、总计、与上年度报告的结转衔接、文字部分；全部通过则为“已校验待发布”',
        params: IdParams,
        body: Type.Object({ version: Version }),
        response: withErrors({ 200: ReportView }),
      },
    },
    async (req) => checkReport(db, callerOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/v1/reports/:id/publish',
    {
      config: { access: { permission: 'reports.publish' } },
      schema: {
        tags,
        summary: '审定并发布报告：成为门户“政府信息公开年报”栏目中的政府信息（附 DOCX 和 PDF）；再次发布为新版本',
        description: '有任何一项校验不通过时返回 409，并指明不通过的单元格。',
        params: IdParams,
        body: Type.Object({ version: Version }),
        response: withErrors({ 200: ReportView }),
      },
    },
    async (req) => publishReport(db, blobs, callerOf(req), req.params.id, req.body.version, { maxBytes: config.uploadMaxBytes }),
  );

  app.get(
    '/api/v1/reports/:id/placeholders',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '可插入文字部分的数据：名称、占位符、当前数值和出处', params: IdParams, response: withErrors({ 200: Type.Array(PlaceholderView) }) } },
    async (req) => (await getReport(db, callerOf(req), req.params.id)).placeholders,
  );

  app.get(
    '/api/v1/reports/:id/docx',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '报告的 Word 文档（DOCX）', params: IdParams } },
    async (req, reply) => {
      const { row, unit } = await visibleReport(db, callerOf(req), req.params.id);
      const bytes = await reportDocx(documentOf(row, unit));
      return reply.type(DOCX).header('content-disposition', contentDisposition(`${row.title}.docx`)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );

  app.get(
    '/api/v1/reports/:id/pdf',
    { config: { access: { permission: 'reports.read' } }, schema: { tags, summary: '报告的 PDF', params: IdParams } },
    async (req, reply) => {
      const { row, unit } = await visibleReport(db, callerOf(req), req.params.id);
      const bytes = await reportPdf(documentOf(row, unit));
      return reply.type('application/pdf').header('content-disposition', contentDisposition(`${row.title}.pdf`)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
    },
  );
}
