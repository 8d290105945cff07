// /api/v1/public: the read-only open API of a government's site (published records, the catalogue, the units
// that publish). Anyone may call it; the tenant is the one whose site the host name serves, and an unknown
// host gets a 404, never another government's data. Every answer is serialised through its response schema,
// so a field that is not declared below can never leave, even by mistake.
import { openCors } from '../../http/cors.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { GENRES } from '../../core/publishing/genres.ts';
import type { Db } from '../../db/client.ts';
import { hostTenant } from '../../http/access.ts';
import { Enum, ErrorResponse, IdParams, Page, Paged } from '../../http/schemas.ts';
import type { TenantView } from '../org/tenants.ts';
import { catalogueApi, listRecordsApi, MAX_PAGE_SIZE, parseSince, recordApi, siteOrigin, unitsApi } from './service.ts';

const tags = ['公开数据接口'];
const NStr = Type.Union([Type.String(), Type.Null()]);
const Link = Type.Union([Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() }), Type.Null()]);

const Attachment = Type.Object(
  {
    name: Type.String({ title: '文件名' }),
    type: Type.String({ title: '文件类型（MIME）' }),
    size: Type.Integer({ title: '大小（字节）' }),
    url: Type.String({ title: '下载地址' }),
  },
  { title: '附件' },
);

const Common = {
  id: Type.String({ title: '标识' }),
  title: Type.String({ title: '标题' }),
  indexNo: Type.String({ title: '索引号' }),
  docNo: Type.Union([Type.String(), Type.Null()], { title: '文号' }),
  publisher: Type.String({ title: '发布机构' }),
  unit: Type.String({ title: '发布机构编码' }),
  issuer: Type.String({ title: '发文机关' }),
  url: Type.String({ title: '网页地址' }),
};

const Published = {
  writtenOn: Type.Union([Type.String(), Type.Null()], { title: '成文日期', description: 'YYYY-MM-DD' }),
  publishedAt: Type.Union([Type.String(), Type.Null()], { title: '发布时间', description: 'RFC 3339，北京时间（+08:00）' }),
  genre: Type.String({ title: '体裁编码' }),
  genreLabel: Type.String({ title: '体裁' }),
  topics: Type.Array(Type.String(), { title: '主题分类' }),
  validity: Type.Union([Type.String(), Type.Null()], { title: '有效性编码', description: '仅规范性文件和规章：valid 有效、amended 已修改、repealed 已废止、expired 已失效' }),
  validityLabel: Type.Union([Type.String(), Type.Null()], { title: '有效性' }),
  node: Type.Union([Type.String(), Type.Null()], { title: '公开目录编码' }),
  attachments: Type.Array(Attachment, { title: '附件' }),
};

const RecordItem = Type.Object(
  { ...Common, ...Published, state: Type.String({ title: '状态', description: 'published 已发布；superseded 已被新版本替代' }) },
  { title: '政府信息（列表项）' },
);

const RecordDetail = Type.Object(
  {
    ...Common,
    state: Type.String({ title: '状态', description: 'published 已发布；superseded 已被新版本替代；withdrawn 已撤回（只给出撤回说明，不含正文和附件）' }),
    withdrawnOn: Type.Optional(NStr),
    withdrawnNote: Type.Optional(Type.Union([Type.String(), Type.Null()], { title: '撤回说明' })),
    writtenOn: Type.Optional(Published.writtenOn),
    publishedAt: Type.Optional(Published.publishedAt),
    genre: Type.Optional(Published.genre),
    genreLabel: Type.Optional(Published.genreLabel),
    topics: Type.Optional(Published.topics),
    keywords: Type.Optional(Type.Array(Type.String(), { title: '主题词' })),
    validity: Type.Optional(Published.validity),
    validityLabel: Type.Optional(Published.validityLabel),
    effectiveOn: Type.Optional(Type.Union([Type.String(), Type.Null()], { title: '施行日期' })),
    expiresOn: Type.Optional(Type.Union([Type.String(), Type.Null()], { title: '有效期至' })),
    node: Type.Optional(Published.node),
    supersededBy: Type.Optional(Link),
    amendedBy: Type.Optional(Link),
    bodyHtml: Type.Optional(Type.String({ title: '正文（HTML）' })),
    attachments: Type.Optional(Published.attachments),
  },
  { title: '政府信息' },
);

const CatalogueNode = Type.Object(
  {
    code: Type.String({ title: '目录编码' }),
    name: Type.String({ title: '目录名称' }),
    description: NStr,
    parent: Type.Union([Type.String(), Type.Null()], { title: '上级目录编码' }),
    level: Type.Integer({ title: '层级（0 为顶层）' }),
    count: Type.Integer({ title: '本目录下的信息数' }),
    totalCount: Type.Integer({ title: '含下级目录的信息数' }),
    url: Type.String({ title: '网页地址' }),
    rss: Type.String({ title: 'RSS 订阅地址' }),
    atom: Type.String({ title: 'Atom 订阅地址' }),
  },
  { title: '公开目录节点' },
);

const PublishingUnit = Type.Object(
  {
    code: Type.String({ title: '单位编码' }),
    name: Type.String({ title: '单位名称' }),
    shortName: Type.String({ title: '简称' }),
    kind: Type.String({ title: '单位类型编码' }),
    kindLabel: Type.String({ title: '单位类型' }),
    parent: Type.Union([Type.String(), Type.Null()], { title: '上级单位编码' }),
    count: Type.Integer({ title: '已发布信息数' }),
    url: Type.String({ title: '网页地址' }),
    rss: Type.String({ title: 'RSS 订阅地址' }),
    atom: Type.String({ title: 'Atom 订阅地址' }),
  },
  { title: '发布机构' },
);

const RecordsQuery = Type.Object({
  page: Type.Optional(Page),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, title: '每页条数', description: `最多 ${MAX_PAGE_SIZE}` })),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, title: '发布机构编码', description: '见 /api/v1/public/units' })),
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 60, title: '主题分类', description: '如「综合政务」' })),
  genre: Type.Optional(Enum(GENRES, '体裁')),
  year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100, title: '发布年份', description: '按北京时间计' })),
  node: Type.Optional(Type.String({ minLength: 1, maxLength: 64, title: '公开目录编码', description: '见 /api/v1/public/catalogue' })),
  since: Type.Optional(Type.String({ minLength: 1, maxLength: 40, title: '发布时间起', description: 'YYYY-MM-DD（北京时间当日零时起），或 RFC 3339 时间，如 2026-03-01T08:00:00+08:00' })),
});

const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

/** The open API may be read from any web page (public data, no credentials): the static export's search uses it. */
export function publicApiRoutes(server: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  async function siteOf(req: FastifyRequest): Promise<{ tenant: TenantView; origin: string }> {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) throw new AppError(404, 'SITE_NOT_FOUND', `域名「${req.hostname}」没有对应的政府网站，请检查访问地址`);
    return { tenant, origin: siteOrigin(req, tenant) };
  }

  app.get(
    '/api/v1/public/records',
    {
      config: { access: 'public' },
      onRequest: openCors,
      schema: {
        tags,
        summary: '已发布的政府信息（分页，新的在前）',
        description: '本站点主动公开且已发布的政府信息，可按发布机构、主题分类、体裁、发布年份、公开目录和发布时间筛选。已撤回的信息不在列表中。页码超出范围时 items 为空。',
        querystring: RecordsQuery,
        response: { 200: Paged(RecordItem), ...errors },
      },
    },
    async (req) => {
      const { tenant, origin } = await siteOf(req);
      const { since, ...rest } = req.query;
      let sinceDate: Date | undefined;
      if (since !== undefined) {
        const d = parseSince(since);
        if (!d) throw new AppError(400, 'VALIDATION', '「发布时间起」（since）应为 YYYY-MM-DD 格式的日期或 RFC 3339 时间', { field: 'since', in: 'querystring' });
        sinceDate = d;
      }
      return listRecordsApi(db, tenant, origin, { ...rest, since: sinceDate });
    },
  );

  app.get(
    '/api/v1/public/records/:id',
    {
      config: { access: 'public' },
      onRequest: openCors,
      schema: {
        tags,
        summary: '一条已发布的政府信息（含正文和附件）',
        description: '已撤回的信息仍可查询，但只给出撤回日期和撤回说明，不含正文和附件。',
        params: IdParams,
        response: { 200: RecordDetail, ...errors },
      },
    },
    async (req) => {
      const { tenant, origin } = await siteOf(req);
      const record = await recordApi(db, tenant, origin, req.params.id);
      if (!record) throw new AppError(404, 'NOT_FOUND', '该政府信息不存在或未公开');
      return record;
    },
  );

  app.get(
    '/api/v1/public/catalogue',
    {
      config: { access: 'public' },
      onRequest: openCors,
      schema: {
        tags,
        summary: '法定主动公开内容目录（含各目录的信息数）',
        description: '目录树按先序（深度优先）排列，parent 为上级目录编码，level 为层级。',
        response: { 200: Type.Object({ items: Type.Array(CatalogueNode) }), ...errors },
      },
    },
    async (req) => {
      const { tenant, origin } = await siteOf(req);
      return catalogueApi(db, tenant, origin);
    },
  );

  app.get(
    '/api/v1/public/units',
    {
      config: { access: 'public' },
      onRequest: openCors,
      schema: {
        tags,
        summary: '发布信息的单位（发布机构）及其编码',
        description: '只列出有已发布信息的单位，按单位树的顺序排列；编码可用于 /api/v1/public/records 的 unit 参数。',
        response: { 200: Type.Object({ items: Type.Array(PublishingUnit) }), ...errors },
      },
    },
    async (req) => {
      const { tenant, origin } = await siteOf(req);
      return unitsApi(db, tenant, origin);
    },
  );
}
