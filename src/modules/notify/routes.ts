// /api/v1/notifications: what the caller's units have been told (deadline warnings and reminders).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { IdParams, Ok, withErrors } from '../../http/schemas.ts';
import { listNotifications, markRead } from './service.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const View = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: NStr,
  entityId: NStr,
  read: Type.Boolean(),
  createdAt: Type.String(),
});

export function notifyRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/notifications',
    {
      config: { access: { permission: 'records.read' } },
      schema: {
        tags: ['通知'],
        summary: '本人所在单位收到的通知（发布期限预警等）',
        querystring: Type.Object({ unreadOnly: Type.Optional(Type.Boolean({ title: '只看未读' })) }),
        response: withErrors({ 200: Type.Array(View) }),
      },
    },
    async (req) => listNotifications(db, callerOf(req), { unreadOnly: req.query.unreadOnly }),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    { config: { access: { permission: 'records.read' } }, schema: { tags: ['通知'], summary: '标为已读', params: IdParams, response: withErrors({ 200: Ok }) } },
    async (req) => {
      await markRead(db, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
