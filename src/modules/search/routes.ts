// GET /api/v1/public/search: full-text search of a government's published records, for anyone (the static
// export's search page calls it from the browser). The tenant is the one whose site the host name serves.
// Odd input never fails: an over-long query is shortened, one with nothing to search for answers with no
// results and a message in `notices`, a page past the end gives the last page.
import { openCors } from '../../http/cors.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { GENRES, type Genre } from '../../core/publishing/genres.ts';
import { VALIDITIES, type Validity } from '../../core/publishing/validity.ts';
import type { Db } from '../../db/client.ts';
import { hostTenant } from '../../http/access.ts';
import { Enum, ErrorResponse, Page } from '../../http/schemas.ts';
import { sql } from 'drizzle-orm';
import { searchRecords, SEARCH_SORTS, type SearchParams, type SearchResult, type SearchSort } from './service.ts';

const tags = ['公开数据接口'];
const NStr = Type.Union([Type.String(), Type.Null()]);

const Segment = Type.Object({ text: Type.String(), hit: Type.Boolean({ title: '是否为搜索词' }) }, { title: '文字片段' });

const SearchItem = Type.Object(
  {
    id: Type.String({ title: '标识' }),
    url: Type.String({ title: '网页地址（本站路径）' }),
    title: Type.String({ title: '标题' }),
    titleHtml: Type.String({ title: '标题（HTML，搜索词以 <mark> 标出，其余文字已转义）' }),
    titleSegments: Type.Array(Segment, { title: '标题（分段，hit 为搜索词）' }),
    snippetHtml: Type.String({ title: '摘要（HTML，搜索词以 <mark> 标出，其余文字已转义）' }),
    snippet: Type.Array(Segment, { title: '摘要（分段）' }),
    snippetFrom: Type.Union([Type.Literal('body'), Type.Literal('attachment'), Type.Literal('start'), Type.Null()], { title: '摘要出处', description: 'body 正文；attachment 附件；start 正文开头（正文中没有搜索词时）' }),
    publisher: Type.String({ title: '发布机构' }),
    issuer: Type.String({ title: '发文机关' }),
    docNo: Type.Union([Type.String(), Type.Null()], { title: '文号' }),
    indexNo: Type.String({ title: '索引号' }),
    writtenOn: Type.Union([Type.String(), Type.Null()], { title: '成文日期' }),
    publishedOn: Type.Union([Type.String(), Type.Null()], { title: '发布日期' }),
    genre: Type.String({ title: '体裁编码' }),
    genreLabel: Type.String({ title: '体裁' }),
    topics: Type.Array(Type.String(), { title: '主题分类' }),
    state: Type.String({ title: '状态', description: 'published 已发布；superseded 已被新版本替代' }),
    validity: NStr,
    validityLabel: Type.Union([Type.String(), Type.Null()], { title: '有效性' }),
    docNoMatch: Type.Boolean({ title: '按文号精确命中' }),
  },
  { title: '搜索结果' },
);

const Facets = Type.Union(
  [
    Type.Object({
      genres: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }), { title: '按体裁' }),
      years: Type.Array(Type.Object({ year: Type.Integer(), count: Type.Integer() }), { title: '按成文年份' }),
    }),
    Type.Null(),
  ],
  { title: '分类统计', description: '结果不多时给出；结果很多时为 null' },
);

const SearchAnswer = Type.Object(
  {
    query: Type.String({ title: '实际使用的搜索词' }),
    sort: Type.String({ title: '排序' }),
    total: Type.Integer({ title: '结果数' }),
    totalCapped: Type.Boolean({ title: '结果数超过上限', description: '为 true 时 total 为上限（只能翻阅前 10000 条）' }),
    totalEstimated: Type.Boolean({ title: '结果数为估计值', description: '结果很多时，total 按八分之一记录中的结果数估算（取整到百或千），pages 随之估算；翻到最后一页时按实际结果数给出' }),
    page: Type.Integer({ title: '页码' }),
    pageSize: Type.Integer({ title: '每页条数' }),
    pages: Type.Integer({ title: '总页数' }),
    items: Type.Array(SearchItem),
    facets: Facets,
    notices: Type.Array(Type.String(), { title: '提示', description: '如搜索词过长被截短、搜索词过多、没有可查找的词语' }),
    terms: Type.Array(Type.String(), { title: '标出的搜索词' }),
    ranked: Type.Boolean({ title: '按相关度排序', description: 'false：结果很多，标题命中的在前，其余按发布日期排列' }),
  },
  { title: '搜索结果页' },
);

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ title: '搜索词', description: '标题、正文、附件中的词语，或文号（任何括号写法，如 肥政办字[2020]12号）；用引号括起的词组须原样出现。超过 100 字的部分不使用。' })),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, title: '发布机构编码', description: '含下级单位；见 /api/v1/public/units' })),
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 60, title: '主题分类', description: '如「综合政务」' })),
  genre: Type.Optional(Enum(GENRES, '体裁')),
  year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100, title: '成文年份' })),
  validity: Type.Optional(Enum(VALIDITIES, '有效性', '规范性文件在今天的有效性')),
  sort: Type.Optional(Enum(SEARCH_SORTS, '排序', 'relevance 按相关度（默认，文号精确命中的在最前）；date 按发布日期从新到旧')),
  page: Type.Optional(Page),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20, title: '每页条数', description: '最多 50' })),
});

/** The unit whose code is given, in the tenant: its id, or undefined. */
export async function unitIdByCode(db: Db, tenantId: string, code: string): Promise<string | undefined> {
  const res = await db.execute(sql`SELECT id FROM units WHERE tenant_id = ${tenantId} AND code = ${code} LIMIT 1`);
  return (res.rows as { id: string }[])[0]?.id;
}

/** Search parameters from a query string's values (strings or absent); anything malformed is left out. */
export function paramsFrom(q: Record<string, unknown>): Omit<SearchParams, 'unitId'> & { unit?: string } {
  const str = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const s = (v: unknown, max: number) => {
    const x = str(v);
    return typeof x === 'string' && x.trim() && x.length <= max ? x.trim() : undefined;
  };
  const int = (v: unknown, min: number, max: number) => {
    const x = str(v);
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d{1,6}$/.test(x.trim()) ? Number(x.trim()) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const qv = str(q.q);
  const genre = s(q.genre, 40);
  const validity = s(q.validity, 20);
  return {
    q: typeof qv === 'string' ? qv : '',
    unit: s(q.unit, 64),
    topic: s(q.topic, 60),
    genre: genre && (GENRES as readonly string[]).includes(genre) ? (genre as Genre) : undefined,
    year: int(q.year, 1949, 2100),
    validity: validity && (VALIDITIES as readonly string[]).includes(validity) ? (validity as Validity) : undefined,
    sort: str(q.sort) === 'date' ? 'date' : 'relevance',
    page: int(q.page, 1, 100_000) ?? 1,
    pageSize: int(q.pageSize, 1, 50),
  };
}

/** Runs a search for a site's visitor; an unknown unit code finds nothing rather than everything. */
export async function searchSite(db: Db, tenantId: string, p: ReturnType<typeof paramsFrom>): Promise<SearchResult> {
  const { unit, ...rest } = p;
  let unitId: string | undefined;
  if (unit) unitId = (await unitIdByCode(db, tenantId, unit)) ?? '00000000-0000-0000-0000-000000000000';
  return searchRecords(db, tenantId, { ...rest, unitId, sort: (rest.sort ?? 'relevance') as SearchSort });
}

export function searchRoutes(server: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/public/search',
    {
      config: { access: 'public' },
      onRequest: openCors,
      schema: {
        tags,
        summary: '全文搜索已发布的政府信息',
        description:
          '在标题、文号、索引号、发布机构、正文和附件文字中查找（中文分词）。输入文号（任何括号写法）时，该文号的文件排在最前；其余按相关度（或按发布日期）排列，每条给出标出搜索词的标题和摘要。可按发布机构（含下级单位）、主题分类、体裁、成文年份、有效性筛选。搜索词无法使用时返回空结果，并在 notices 中说明；页码超出范围时返回最后一页。',
        querystring: SearchQuery,
        response: { 200: SearchAnswer, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req) => {
      const tenant = await hostTenant(db, config, req);
      if (!tenant) throw new AppError(404, 'SITE_NOT_FOUND', `域名「${req.hostname}」没有对应的政府网站，请检查访问地址`);
      return searchSite(db, tenant.tenantId, paramsFrom(req.query as Record<string, unknown>));
    },
  );
}
