// /api/v1/audit: the audit log viewer's data, and the chain check.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { assertCan } from '../../core/auth/caller.ts';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { Page, PageSize, Paged, withErrors } from '../../http/schemas.ts';
import { rootOf } from '../org/units.ts';
import { listAudit, listAuditActions, verifyAudit } from './service.ts';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

export function auditRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  // The log covers the whole government, so reading it needs the permission at the root.
  async function assertRoot(caller: ReturnType<typeof callerOf>, permission: 'audit.read' | 'audit.verify') {
    const root = await rootOf(db, caller.actor.tenantId);
    assertCan(caller, permission, root, root.name);
  }

  app.get(
    '/api/v1/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['操作日志'],
        summary: '操作日志（按时间倒序）',
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ maxLength: 100, title: '操作人' })),
          action: Type.Optional(Type.String({ maxLength: 100, title: '操作类型' })),
          entityType: Type.Optional(Type.String({ maxLength: 100, title: '对象类型' })),
          entityId: Type.Optional(Type.String({ maxLength: 100, title: '对象标识' })),
          q: Type.Optional(Type.String({ maxLength: 200, title: '摘要关键词' })),
          from: Type.Optional(Type.String({ format: 'date-time', title: '起始时间' })),
          to: Type.Optional(Type.String({ format: 'date-time', title: '截止时间' })),
          page: Type.Optional(Page),
          pageSize: Type.Optional(PageSize),
        }),
        response: withErrors({ 200: Type.Evaluate(Type.Intersect([Paged(Entry), Type.Object({ actions: Type.Array(Type.String()) })])) }),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      await assertRoot(caller, 'audit.read');
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const { total, items } = await listAudit(
        db,
        caller.actor.tenantId,
        {
          actor: req.query.actor,
          action: req.query.action,
          entityType: req.query.entityType,
          entityId: req.query.entityId,
          q: req.query.q,
          from: req.query.from ? new Date(req.query.from) : undefined,
          to: req.query.to ? new Date(req.query.to) : undefined,
        },
        page,
        pageSize,
      );
      return {
        total,
        page,
        pageSize,
        actions: await listAuditActions(db, caller.actor.tenantId),
        items: items.map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { access: { permission: 'audit.verify' } },
      schema: {
        tags: ['操作日志'],
        summary: '校验本站点操作日志的哈希链',
        response: withErrors({
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            problem: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
          }),
        }),
      },
    },
    async (req) => {
      const caller = callerOf(req);
      await assertRoot(caller, 'audit.verify');
      const [report] = await verifyAudit(db, caller.actor.tenantId);
      return { ok: report?.ok ?? true, entries: report?.entries ?? 0, ...(report?.problem ? { problem: report.problem } : {}) };
    },
  );
}
