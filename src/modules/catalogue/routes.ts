// /api/v1/catalogue: the standard disclosure catalogue (domains, items, XLSX in and out), the obligations it
// creates, and the 主动公开基本目录 tree.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, Uuid, Version, withErrors } from '../../http/schemas.ts';
import { contentDisposition } from '../publishing/attachments.ts';
import { createNode, listNodes } from '../publishing/nodes.ts';
import { createDomain, createItem, exportDomainXlsx, generateObligations, importDomainXlsx, listDomains, listItems, obligationDashboard, seedDomains, updateItem } from './service.ts';

const tags = ['标准目录'];
const NStr = Type.Union([Type.String(), Type.Null()]);
const Text = (title: string, max = 2000) => Type.String({ maxLength: max, title });

const ItemInput = Type.Object({
  seq: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, title: '序号' })),
  level1: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', title: '一级事项' }),
  level2: Text('二级事项', 200),
  content: Text('公开内容（要素）'),
  basis: Text('公开依据'),
  timeLimitText: Text('公开时限', 500),
  responsibleText: Text('公开主体', 500),
  responsibleUnitIds: Type.Optional(Type.Array(Uuid('公开主体单位'), { maxItems: 200 })),
  channels: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 40, title: '公开渠道和载体' }),
  audiencePublic: Type.Boolean({ title: '公开对象：全社会' }),
  audienceSpecific: Type.Boolean({ title: '公开对象：特定群众' }),
  modeProactive: Type.Boolean({ title: '公开方式：主动' }),
  modeRequest: Type.Boolean({ title: '公开方式：依申请公开' }),
  levelCounty: Type.Boolean({ title: '公开层级：县级' }),
  levelTownship: Type.Boolean({ title: '公开层级：乡级' }),
});

const ItemView = Type.Object({
  id: Type.String(),
  domainId: Type.String(),
  seq: Type.Integer(),
  level1: Type.String(),
  level2: Type.String(),
  content: Type.String(),
  basis: Type.String(),
  timeLimitText: Type.String(),
  timeLimitRule: Type.Object({}, { additionalProperties: true }),
  timeLimitDescription: Type.String(),
  responsibleText: Type.String(),
  responsibleUnitIds: Type.Array(Type.String()),
  responsibleUnitNames: Type.Array(Type.String()),
  channels: Type.Array(Type.String()),
  audiencePublic: Type.Boolean(),
  audienceSpecific: Type.Boolean(),
  modeProactive: Type.Boolean(),
  modeRequest: Type.Boolean(),
  levelCounty: Type.Boolean(),
  levelTownship: Type.Boolean(),
  version: Type.Integer(),
});

const DomainView = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), sortOrder: Type.Integer(), items: Type.Integer(), version: Type.Integer() });
const RowMessage = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
const STATUSES = ['due', 'done_on_time', 'done_late', 'missing'] as const;

export function catalogueRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/catalogue/domains', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '标准目录的领域', response: withErrors({ 200: Type.Array(DomainView) }) } }, async (req) =>
    listDomains(db, req.principal!.tenantId),
  );

  app.post(
    '/api/v1/catalogue/domains',
    {
      config: { access: { permission: 'catalogue.manage' } },
      schema: {
        tags,
        summary: '新增领域',
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', title: '编码' }), name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', title: '名称' }), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })) }),
        response: withErrors({ 201: DomainView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createDomain(db, callerOf(req), req.body)),
  );

  app.post(
    '/api/v1/catalogue/domains/seed',
    { config: { access: { permission: 'catalogue.manage' } }, schema: { tags, summary: '载入 26 个试点领域（仅在尚无领域时）', response: withErrors({ 200: Type.Object({ created: Type.Integer() }) }) } },
    async (req) => ({ created: await seedDomains(db, callerOf(req)) }),
  );

  app.get('/api/v1/catalogue/domains/:id/items', { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '领域的标准目录事项', params: IdParams, response: withErrors({ 200: Type.Array(ItemView) }) } }, async (req) =>
    listItems(db, req.principal!.tenantId, req.params.id),
  );

  app.post(
    '/api/v1/catalogue/domains/:id/items',
    { config: { access: { permission: 'catalogue.manage' } }, schema: { tags, summary: '新增事项（公开时限同时保存为规则）', params: IdParams, body: ItemInput, response: withErrors({ 201: ItemView }) } },
    async (req, reply) => reply.code(201).send(await createItem(db, callerOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/v1/catalogue/items/:id',
    { config: { access: { permission: 'catalogue.manage' } }, schema: { tags, summary: '修改事项（须带版本号）', params: IdParams, body: Type.Evaluate(Type.Intersect([ItemInput, Type.Object({ version: Version })])), response: withErrors({ 200: ItemView }) } },
    async (req) => updateItem(db, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/catalogue/domains/:id/xlsx',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '按标准表格式导出（XLSX）', params: IdParams } },
    async (req, reply) => {
      const x = await exportDomainXlsx(db, req.principal!.tenantId, req.params.id);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', contentDisposition(x.fileName)).send(x.bytes);
    },
  );

  app.post(
    '/api/v1/catalogue/domains/:id/import',
    {
      config: { access: { permission: 'catalogue.manage' } },
      schema: {
        tags,
        summary: '从标准表格式的 XLSX 导入（dryRun=true 只检查不导入）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ title: '只检查' })) }),
        response: withErrors({ 200: Type.Object({ dryRun: Type.Boolean(), items: Type.Integer(), errors: Type.Array(RowMessage), warnings: Type.Array(RowMessage), unmatchedUnits: Type.Array(Type.String()) }) }),
      },
    },
    async (req) => {
      const part = await req.file();
      if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传 XLSX');
      const bytes = await part.toBuffer().catch(() => {
        throw new AppError(413, 'FILE_TOO_LARGE', '文件过大或上传中断');
      });
      return importDomainXlsx(db, callerOf(req), req.params.id, new Uint8Array(bytes), req.query.dryRun ?? false);
    },
  );

  app.post(
    '/api/v1/catalogue/obligations/generate',
    {
      config: { access: { permission: 'catalogue.manage' } },
      schema: {
        tags,
        summary: '按标准目录为各公开主体生成某年的公开义务（可重复执行）',
        body: Type.Object({ year: Type.Integer({ minimum: 2018, maximum: 2100, title: '年份' }) }),
        response: withErrors({ 200: Type.Object({ created: Type.Integer(), skipped: Type.Array(Type.Object({ item: Type.String(), reason: Type.String() })) }) }),
      },
    },
    async (req) => generateObligations(db, callerOf(req), req.body.year),
  );

  app.get(
    '/api/v1/catalogue/obligations',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '公开义务完成情况：待办、按期完成、逾期完成、缺失，按单位汇总并可查看明细',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2018, maximum: 2100, title: '年份' }), unitId: Type.Optional(Uuid('单位')), status: Type.Optional(Enum(STATUSES, '状态')) }),
        response: withErrors({
          200: Type.Object({
            year: Type.Integer(),
            totals: Type.Object({ due: Type.Integer(), done_on_time: Type.Integer(), done_late: Type.Integer(), missing: Type.Integer() }),
            units: Type.Array(Type.Object({ unitId: Type.String(), unitName: Type.String(), due: Type.Integer(), done_on_time: Type.Integer(), done_late: Type.Integer(), missing: Type.Integer() })),
            obligations: Type.Array(
              Type.Object({
                id: Type.String(),
                unitId: Type.String(),
                unitName: Type.String(),
                domain: Type.String(),
                item: Type.String(),
                itemId: Type.String(),
                periodKey: Type.String(),
                label: Type.String(),
                dueOn: Type.String(),
                dueExplanation: Type.String(),
                status: Type.String(),
                recordId: NStr,
                recordTitle: NStr,
                workingDaysLate: Type.Union([Type.Integer(), Type.Null()]),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => obligationDashboard(db, callerOf(req), req.query),
  );

  const NodeView = Type.Object({ id: Type.String(), parentId: NStr, path: Type.Array(Type.String()), code: Type.String(), name: Type.String(), description: NStr, sortOrder: Type.Integer(), version: Type.Integer() });
  app.get('/api/v1/catalogue/nodes', { config: { access: { permission: 'records.read' } }, schema: { tags: ['公开目录'], summary: '主动公开基本目录', response: withErrors({ 200: Type.Array(NodeView) }) } }, async (req) =>
    listNodes(db, req.principal!.tenantId),
  );
  app.post(
    '/api/v1/catalogue/nodes',
    {
      config: { access: { permission: 'catalogue.manage' } },
      schema: {
        tags: ['公开目录'],
        summary: '新增公开目录节点',
        body: Type.Object({
          parentId: Type.Optional(Type.Union([Uuid('上级目录'), Type.Null()])),
          code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$', title: '目录编码' }),
          name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', title: '名称' }),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 500, title: '说明' }), Type.Null()])),
          sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })),
        }),
        response: withErrors({ 201: NodeView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createNode(db, callerOf(req), req.body)),
  );
}
