// POST /api/v1/records/import: 存量政府信息导入 from the console. The metadata sheet only (XLSX or CSV, field
// `file`); attachment files come with the command line (`gongkai import-records --files DIR`).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { withErrors } from '../../http/schemas.ts';
import type { BlobStore } from '../files/index.ts';
import { dryRunImport, runImport } from './import.ts';

const Issue = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
const Counts = Type.Record(Type.String(), Type.Integer());

const ImportAnswer = Type.Object({
  dryRun: Type.Boolean(),
  fileName: Type.String(),
  format: Type.Union([Type.String(), Type.Null()]),
  encoding: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer({ description: '读到的数据行数' }),
  toImport: Type.Integer({ description: '本次导入（或将导入）的行数' }),
  alreadyImported: Type.Integer({ description: '此前已导入、本次跳过的行数' }),
  attachments: Type.Integer(),
  states: Counts,
  errors: Type.Array(Issue),
  warnings: Type.Array(Issue),
  imported: Type.Optional(Type.Integer()),
  batches: Type.Optional(Type.Array(Type.Object({ id: Type.String(), rows: Type.Integer(), firstRow: Type.Integer(), lastRow: Type.Integer() }))),
});

export function importRoutes(server: FastifyInstance, { db, blobs, config }: { db: Db; blobs: BlobStore; config: Config }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/records/import',
    {
      config: { access: { permission: 'records.import' } },
      schema: {
        tags: ['政府信息'],
        summary: '批量导入存量政府信息（multipart/form-data，字段 file：XLSX 或 CSV 元数据表；dryRun=true 只检查不导入）',
        description:
          '按表头识别列：标题、发布机构（单位全称、简称、别名或编码）、发文机关、文号、索引号（不填则自动编号）、体裁、主题分类、主题词、成文日期、发布日期、形成日期、公开属性、公开属性依据、有效性、正文。' +
          '有任何一行出错时不导入任何信息，并逐行说明原因；每 1000 行为一批、一批一个事务，重复导入同一文件时已导入的行自动跳过。附件文件请用命令行 gongkai import-records --files 导入。',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ title: '只检查不导入' })) }),
        response: withErrors({ 200: ImportAnswer }),
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      let part;
      try {
        part = await req.file();
      } catch (e) {
        throw new AppError(400, 'BAD_UPLOAD', `上传内容无法读取：${(e as Error).message}`);
      }
      if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件：请在字段 file 中上传 XLSX 或 CSV 元数据表');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', `文件《${part.filename}》超过 ${Math.round(config.uploadMaxBytes / 1024 / 1024)} MB 的上限`);
        throw new AppError(400, 'BAD_UPLOAD', '上传中断，文件不完整，请重新上传');
      }
      const input = {
        fileName: part.filename || '导入文件',
        bytes: new Uint8Array(bytes),
        filesDir: null,
        maxFileBytes: config.uploadMaxBytes,
        noFilesMessage: '通过控制台导入时不能附带附件文件：请清空“附件”列，或用命令行 gongkai import-records --files 附件文件夹 导入',
      };
      const caller = callerOf(req);
      if (req.query.dryRun) return { dryRun: true, ...(await dryRunImport(db, caller, input)) };
      return { dryRun: false, ...(await runImport(db, blobs, caller, input)) };
    },
  );
}
