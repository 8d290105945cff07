// /api/v1/gazette: issues of the government gazette (政府公报), their tables of contents, publication as
// PDF, and back issues loaded from their original PDFs.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError, badRequest } from '../../core/errors.ts';
import { isLocalDate } from '../../core/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { IdParams, LocalDate, Ok, Uuid, Version, withErrors } from '../../http/schemas.ts';
import type { BlobStore } from '../files/index.ts';
import { contentDisposition } from '../publishing/attachments.ts';
import { addBackIssue, createIssue, deleteIssue, GAZETTE_SECTIONS, getIssue, listIssues, MAX_ARTICLES, publishIssue, regeneratePdf, setArticles, staffIssuePdf, updateIssue } from './service.ts';

const tags = ['政府公报'];
const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);

const Year = Type.Integer({ minimum: 1949, maximum: 2100, title: '年份' });
const IssueNumber = Type.Integer({ minimum: 1, maximum: 999, title: '期号', description: '本年度的第几期' });
const TotalNumber = Type.Union([Type.Integer({ minimum: 1, maximum: 99999 }), Type.Null()], { title: '总期号' });
const Title = Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: '标题', description: '不填则为「本站点名称公报 2026年第3期（总第45期）」' });
const PublishedOn = Type.Union([LocalDate('出版日期'), Type.Null()], { title: '出版日期' });

const ArticleInput = Type.Object(
  {
    id: Type.Optional(Type.Union([Uuid('文章'), Type.Null()])),
    recordId: Type.Optional(Type.Union([Uuid('政府信息'), Type.Null()])),
    title: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    section: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { title: '文章', description: '已发布的政府信息（recordId，标题取自该信息），或只填标题（title）；id 为本期已有的文章（保留并移到此位置）' },
);
const Articles = Type.Array(ArticleInput, { maxItems: MAX_ARTICLES, title: '文章' });

const ArticleView = Type.Object({
  id: Type.String(),
  recordId: NStr,
  title: Type.String(),
  section: NStr,
  sortOrder: Type.Integer(),
  docNo: NStr,
  recordState: NStr,
});

const IssueView = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  number: Type.Integer(),
  totalNumber: NInt,
  title: Type.String(),
  label: Type.String(),
  publishedOn: NStr,
  published: Type.Boolean(),
  isBackIssue: Type.Boolean(),
  pdfSize: NInt,
  articleCount: Type.Integer(),
  articles: Type.Array(ArticleView),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** The fields and the file of a multipart upload (fields may come before or after the file). */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fields: Record<string, string>; file: { fileName: string; bytes: Uint8Array } | null }> {
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Uint8Array } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer().catch(() => undefined);
          continue;
        }
        try {
          file = { fileName: part.filename || '公报.pdf', bytes: new Uint8Array(await part.toBuffer()) };
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', `文件《${part.filename}》超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限`);
          throw new AppError(400, 'BAD_UPLOAD', '上传中断，文件不完整，请重新上传');
        }
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(400, 'BAD_UPLOAD', `上传内容无法读取：${(e as Error).message}`);
  }
  return { fields, file };
}

function intField(fields: Record<string, string>, name: string, label: string, required: boolean): number | null {
  const v = fields[name]?.trim();
  if (!v) {
    if (required) throw badRequest(`请填写${label}（字段 ${name}）`, { field: name });
    return null;
  }
  if (!/^\d{1,5}$/.test(v)) throw badRequest(`${label}应为整数（字段 ${name}）`, { field: name });
  return Number(v);
}

export function gazetteRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/gazette/issues',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '公报期次列表（新的在前；不含文章明细）',
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(IssueView), sections: Type.Array(Type.String()) }) }),
      },
    },
    async (req) => ({ items: await listIssues(db, callerOf(req), req.query), sections: [...GAZETTE_SECTIONS] }),
  );

  app.post(
    '/api/v1/gazette/issues',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: {
        tags,
        summary: '新建一期公报（可同时给出目录）',
        description: '期号在同一年度内不能重复，总期号在全部公报中不能重复。文章须为本站点已发布的政府信息，或只有标题的文章。',
        body: Type.Object({
          year: Year,
          number: IssueNumber,
          totalNumber: Type.Optional(TotalNumber),
          title: Type.Optional(Title),
          publishedOn: Type.Optional(PublishedOn),
          articles: Type.Optional(Articles),
        }),
        response: withErrors({ 201: IssueView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createIssue(db, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/gazette/issues/:id',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一期公报及其目录', params: IdParams, response: withErrors({ 200: IssueView }) } },
    async (req) => getIssue(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/gazette/issues/:id',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: {
        tags,
        summary: '修改未出版的一期（年份、期号、总期号、标题、出版日期；须带版本号）',
        params: IdParams,
        body: Type.Object({ version: Version, year: Type.Optional(Year), number: Type.Optional(IssueNumber), totalNumber: Type.Optional(TotalNumber), title: Type.Optional(Title), publishedOn: Type.Optional(PublishedOn) }),
        response: withErrors({ 200: IssueView }),
      },
    },
    async (req) => updateIssue(db, callerOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/gazette/issues/:id',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: { tags, summary: '删除未出版的一期（须带版本号）', params: IdParams, querystring: Type.Object({ version: Version }), response: withErrors({ 200: Ok }) },
    },
    async (req) => {
      await deleteIssue(db, callerOf(req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/gazette/issues/:id/articles',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: {
        tags,
        summary: '设置未出版的一期的目录：文章、栏目和顺序（添加、删除、调整顺序都提交完整的目录；须带版本号）',
        description: '同一栏目的文章排在一起，栏目按首次出现的顺序排列。',
        params: IdParams,
        body: Type.Object({ version: Version, articles: Articles }),
        response: withErrors({ 200: IssueView }),
      },
    },
    async (req) => setArticles(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/gazette/issues/:id/publish',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: {
        tags,
        summary: '出版：生成本期的 PDF 并在门户网站公布（须带版本号）',
        description: '出版日期不填则用新建时填写的日期，仍未填写则为今天。出版后目录不能再修改。',
        params: IdParams,
        body: Type.Object({ version: Version, publishedOn: Type.Optional(PublishedOn) }),
        response: withErrors({ 200: IssueView }),
      },
    },
    async (req) => publishIssue(db, blobs, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/gazette/issues/:id/regenerate',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: { tags, summary: '重新生成已出版一期的 PDF（往期公报的原件除外；须带版本号）', params: IdParams, body: Type.Object({ version: Version }), response: withErrors({ 200: IssueView }) },
    },
    async (req) => regeneratePdf(db, blobs, callerOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/gazette/issues/:id/pdf',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '下载本期 PDF（未出版的为按当前目录生成的校样）', params: IdParams } },
    async (req, reply) => {
      const pdf = await staffIssuePdf(db, blobs, callerOf(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(pdf.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf.bytes));
    },
  );

  app.post(
    '/api/v1/gazette/back-issues',
    {
      config: { access: { permission: 'gazette.manage' } },
      schema: {
        tags,
        summary: '载入一期往期公报（multipart/form-data：文件字段 file 为 PDF 原件；字段 year、number、publishedOn，可选 totalNumber、title）',
        description: `PDF 原件即为本期的 PDF，载入后即在门户网站公布。只接受 PDF（按文件内容判断），不超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB。`,
        consumes: ['multipart/form-data'],
        response: withErrors({ 201: IssueView }),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 PDF 文件（字段名 file）');
      const { fields, file } = await readUpload(req, config.uploadMaxBytes);
      if (!file) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传往期公报的 PDF');
      const year = intField(fields, 'year', '年份', true)!;
      const number = intField(fields, 'number', '期号', true)!;
      const totalNumber = intField(fields, 'totalNumber', '总期号', false);
      const publishedOn = fields.publishedOn?.trim() || '';
      if (!isLocalDate(publishedOn)) throw badRequest('请填写出版日期，格式为 YYYY-MM-DD（字段 publishedOn）', { field: 'publishedOn' });
      const title = fields.title?.trim() || null;
      if (title && title.length > 200) throw badRequest('标题过长（不超过 200 个字）', { field: 'title' });
      const created = await addBackIssue(db, blobs, callerOf(req), { year, number, totalNumber, title, publishedOn, fileName: file.fileName, bytes: file.bytes }, config.uploadMaxBytes);
      return reply.code(201).send(created);
    },
  );
}
