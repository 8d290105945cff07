// /api/v1/interpretations: policy interpretations (政策解读), drafted by the policy's unit.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { FORM_LABELS, INTERPRETATION_FORMS } from '../../core/interpretation/rules.ts';
import { INTERPRETATION_STATES } from './schema.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Enum, IdParams, Uuid, Version, withErrors } from '../../http/schemas.ts';
import { createInterpretation, getInterpretation, interpretationsOfRecord, listInterpretations, publishInterpretation, updateInterpretation, withdrawInterpretation } from './service.ts';

const tags = ['政策解读'];
const NStr = Type.Union([Type.String(), Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Fields = {
  form: Enum(INTERPRETATION_FORMS, '解读形式', INTERPRETATION_FORMS.map((f) => `${f} ${FORM_LABELS[f]}`).join('；')),
  title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', title: '标题' }),
  bodyHtml: Type.String({ maxLength: 2_000_000, title: '解读内容' }),
  mediaUrl: Nullable(Type.String({ maxLength: 1000, title: '音视频链接' })),
  speaker: Nullable(Type.String({ maxLength: 200, title: '解读人' })),
};

const View = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  recordTitle: Type.String(),
  recordState: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  form: Type.String(),
  formLabel: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  mediaUrl: NStr,
  speaker: NStr,
  state: Type.String(),
  stateLabel: Type.String(),
  checklist: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), present: Type.Boolean() }), { title: '解读要素检查' }),
  missing: Type.Array(Type.String(), { title: '未涉及的要素（提醒，不阻止发布）' }),
  dueOn: NStr,
  dueExplanation: NStr,
  publishedAt: NStr,
  workingDaysLate: Type.Union([Type.Integer(), Type.Null()]),
  withdrawnNote: NStr,
  version: Type.Integer(),
});

export function interpretationRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/records/:id/interpretations',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '政策文件的解读', params: IdParams, response: withErrors({ 200: Type.Array(View) }) } },
    async (req) => interpretationsOfRecord(db, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/interpretations',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags,
        summary: '政策解读（本人所在单位可见的全部政策文件的解读）',
        querystring: Type.Object({ state: Type.Optional(Enum(INTERPRETATION_STATES, '状态', 'draft 草稿；published 已发布；withdrawn 已撤回')), overdue: Type.Optional(Type.Boolean({ title: '只看逾期未发布的草稿' })) }),
        response: withErrors({ 200: Type.Array(View) }),
      },
    },
    async (req) => listInterpretations(db, callerOf(req), req.query),
  );

  app.post(
    '/api/v1/interpretations',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '起草政策解读（谁起草、谁解读：由政策文件的起草单位起草）',
        description: '需要解读的政策文件，须在审定前关联解读（同步审签）；政策发布后，解读应在规定的工作日内发布（默认3个工作日，可在站点设置中调整）。',
        body: Type.Object({ recordId: Uuid('政策文件'), form: Fields.form, title: Fields.title, bodyHtml: Type.Optional(Fields.bodyHtml), mediaUrl: Type.Optional(Fields.mediaUrl), speaker: Type.Optional(Fields.speaker) }),
        response: withErrors({ 201: View }),
      },
    },
    async (req, reply) => reply.code(201).send(await createInterpretation(db, callerOf(req), req.body)),
  );

  app.get(
    '/api/v1/interpretations/:id',
    { config: { access: { permission: 'records.read' } }, schema: { tags, summary: '一篇解读', params: IdParams, response: withErrors({ 200: View }) } },
    async (req) => getInterpretation(db, callerOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/interpretations/:id',
    {
      config: { access: { permission: 'records.edit' } },
      schema: {
        tags,
        summary: '修改解读草稿',
        params: IdParams,
        body: Type.Object({ version: Version, form: Type.Optional(Fields.form), title: Type.Optional(Fields.title), bodyHtml: Type.Optional(Fields.bodyHtml), mediaUrl: Type.Optional(Fields.mediaUrl), speaker: Type.Optional(Fields.speaker) }),
        response: withErrors({ 200: View }),
      },
    },
    async (req) => updateInterpretation(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/interpretations/:id/publish',
    { config: { access: { permission: 'records.publish' } }, schema: { tags, summary: '发布解读（政策文件须已发布）', params: IdParams, body: Type.Object({ version: Version }), response: withErrors({ 200: View }) } },
    async (req) => publishInterpretation(db, callerOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/v1/interpretations/:id/withdraw',
    {
      config: { access: { permission: 'records.withdraw' } },
      schema: { tags, summary: '撤回解读', params: IdParams, body: Type.Object({ version: Version, note: Type.String({ minLength: 1, maxLength: 1000, title: '撤回说明' }) }), response: withErrors({ 200: View }) },
    },
    async (req) => withdrawInterpretation(db, callerOf(req), req.params.id, req.body),
  );
}
