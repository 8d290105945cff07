// /api/v1/calendar: the holiday calendar editor's data, and deadline arithmetic with its derivation.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { callerOf } from '../../http/access.ts';
import { IdParams, LocalDate, Ok, withErrors } from '../../http/schemas.ts';
import { listEntries, removeEntry, replaceYear, tenantCalendar, upsertEntry } from './service.ts';

const Kind = Type.Union([Type.Literal('OFF'), Type.Literal('WORK')], { title: '类型', description: 'OFF 放假；WORK 上班（调休）' });

const EntryView = Type.Object({
  id: Type.Union([Type.String(), Type.Null()]),
  date: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  overrides: Type.Boolean(),
});

const EntryInput = Type.Object({
  date: LocalDate('日期'),
  kind: Kind,
  name: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', title: '名称', description: '如 春节、国庆节' }),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 300, title: '说明' }), Type.Null()])),
});

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100, title: '年份' }) });

const Deadline = Type.Object({
  start: Type.String(),
  workingDays: Type.Integer(),
  due: Type.String(),
  counted: Type.Array(Type.String()),
  skipped: Type.Array(Type.Object({ date: Type.String(), reason: Type.String(), name: Type.Optional(Type.String()) })),
  makeUpDays: Type.Array(Type.String()),
  pauses: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), reason: Type.String() })),
  warnings: Type.Array(Type.String()),
  explanation: Type.String(),
});

export function calendarRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/calendar/years/:year',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['工作日日历'],
        summary: '某年的节假日和调休安排（内置 + 本站点录入）',
        params: YearParams,
        response: withErrors({ 200: Type.Object({ entries: Type.Array(EntryView), coveredYears: Type.Array(Type.Integer()) }) }),
      },
    },
    async (req) => listEntries(db, req.principal!.tenantId, req.params.year),
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags: ['工作日日历'],
        summary: '录入某年的全部安排（替换本站点该年的录入）',
        description: '国务院办公厅发布新一年放假通知后，在此录入放假日（OFF）和调休上班日（WORK）。',
        params: YearParams,
        body: Type.Object({ entries: Type.Array(EntryInput, { maxItems: 120, title: '安排' }) }),
        response: withErrors({ 200: Type.Object({ entries: Type.Array(EntryView), coveredYears: Type.Array(Type.Integer()) }) }),
      },
    },
    async (req) => replaceYear(db, callerOf(req), req.params.year, req.body.entries),
  );

  app.post(
    '/api/v1/calendar/entries',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags: ['工作日日历'],
        summary: '新增或修改某一天（如临时调整）',
        body: EntryInput,
        response: withErrors({ 200: EntryView }),
      },
    },
    async (req) => upsertEntry(db, callerOf(req), req.body),
  );

  app.delete(
    '/api/v1/calendar/entries/:id',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: { tags: ['工作日日历'], summary: '删除本站点录入的某一天', params: IdParams, response: withErrors({ 200: Ok }) },
    },
    async (req) => {
      await removeEntry(db, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/calendar/deadline',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['工作日日历'],
        summary: '计算“自某日起 N 个工作日”的截止日，并说明计算过程',
        querystring: Type.Object({
          start: LocalDate('起算日'),
          days: Type.Integer({ minimum: 0, maximum: 1000, title: '工作日数' }),
        }),
        response: withErrors({ 200: Deadline }),
      },
    },
    async (req) => {
      const calendar = await tenantCalendar(db, req.principal!.tenantId);
      return calendar.addWorkingDays(req.query.start, req.query.days);
    },
  );

  app.get(
    '/api/v1/calendar/days/:date',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['工作日日历'],
        summary: '某天是否工作日',
        params: Type.Object({ date: LocalDate('日期') }),
        response: withErrors({
          200: Type.Object({ date: Type.String(), working: Type.Boolean(), reason: Type.String(), name: Type.Optional(Type.String()), source: Type.Optional(Type.String()) }),
        }),
      },
    },
    async (req) => {
      const calendar = await tenantCalendar(db, req.principal!.tenantId);
      return calendar.dayInfo(req.params.date);
    },
  );
}

