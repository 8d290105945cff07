// /api/v1: tenants, units (tree, aliases) and users with their roles.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../core/auth/roles.ts';
import { UNIT_KINDS } from '../../core/org/kinds.ts';
import type { Db } from '../../db/client.ts';
import { callerOf, clearHostCache } from '../../http/access.ts';
import { IdParams, Ok, Page, PageSize, Paged, Uuid, Version, withErrors } from '../../http/schemas.ts';
import {
  abolishUnit,
  addAlias,
  createTenant,
  createUnit,
  createUser,
  getTenant,
  getUnit,
  getUser,
  grantRole,
  listTenants,
  listUnits,
  listUsers,
  moveUnit,
  removeAlias,
  resetPassword,
  revokeRole,
  unlockUser,
  updateTenant,
  updateUnit,
  updateUser,
} from './service.ts';
import { disableTotp } from '../auth/service.ts';
import { assertCan } from '../../core/auth/caller.ts';
import { rootOf } from './units.ts';

const Name = (title: string, max = 100) => Type.String({ minLength: 1, maxLength: max, title, pattern: '\\S' });
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', title: '编码', description: '小写字母、数字、- 或 _' });
const OrgCode = Type.Union([Type.String({ maxLength: 40, title: '统一社会信用代码' }), Type.Null()]);
const Kind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)), { title: '单位类型' });
const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)), { title: '角色' });

const TenantSettings = Type.Object(
  {
    portalTitle: Type.Optional(Type.String({ maxLength: 100, title: '网站名称' })),
    address: Type.Optional(Type.String({ maxLength: 200, title: '地址' })),
    phone: Type.Optional(Type.String({ maxLength: 50, title: '电话' })),
    icp: Type.Optional(Type.String({ maxLength: 50, title: 'ICP 备案号' })),
    police: Type.Optional(Type.String({ maxLength: 50, title: '公安备案号' })),
    siteCode: Type.Optional(Type.String({ maxLength: 50, title: '网站标识码' })),
    guide: Type.Optional(
      Type.Object(
        {
          html: Type.String({ maxLength: 200_000, title: '指南正文' }),
          officeName: Type.Optional(Type.String({ maxLength: 100, title: '工作机构名称' })),
          address: Type.Optional(Type.String({ maxLength: 200, title: '办公地址' })),
          hours: Type.Optional(Type.String({ maxLength: 200, title: '办公时间' })),
          phone: Type.Optional(Type.String({ maxLength: 50, title: '联系电话' })),
          fax: Type.Optional(Type.String({ maxLength: 50, title: '传真' })),
          email: Type.Optional(Type.String({ maxLength: 100, title: '电子邮箱' })),
          postcode: Type.Optional(Type.String({ maxLength: 10, title: '邮政编码' })),
          updatedOn: Type.Optional(Type.String({ format: 'date', title: '更新日期（由系统填写）' })),
        },
        { title: '政府信息公开指南' },
      ),
    ),
    proposalReplyMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, title: '建议提案答复期限（月）', description: '自交办之日起计算，默认3个月' })),
    indexPattern: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, title: '索引号格式', description: '占位符 {unitCode} {orgCode} {tenantCode} {year} {month} {catalogueCode} {seq:N}，默认 {unitCode}/{year}-{seq:5}' }),
    ),
  },
  { title: '站点设置' },
);

const TenantView = Type.Object({
  tenantId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  parentTenantId: Type.Union([Type.String(), Type.Null()], { description: '上级政府站点（市、省）：它汇总本站点的年度报告' }),
  hosts: Type.Array(Type.String()),
  settings: TenantSettings,
  active: Type.Boolean(),
  version: Type.Integer(),
});

const UnitView = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(Type.String()),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: Type.String(),
  orgCode: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  abolished: Type.Boolean(),
  aliases: Type.Array(Type.Object({ id: Type.String(), alias: Type.String(), source: Type.String() })),
  version: Type.Integer(),
});

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  isDemo: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  grants: Type.Array(
    Type.Object({ id: Type.String(), role: Type.String(), unitId: Type.String(), unitName: Type.String(), includeSubtree: Type.Boolean() }),
  ),
  version: Type.Integer(),
});

const Phone = Type.Union([Type.String({ maxLength: 30, pattern: '^[0-9+\\- ()]*$', title: '电话', description: '只能包含数字、空格和 + - ( )' }), Type.Null()]);
const Email = Type.Union([Type.String({ maxLength: 200, format: 'email', title: '电子邮箱' }), Type.Null()]);

export function orgRoutes(server: FastifyInstance, { db }: { db: Db }) {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  // ---- tenants ----------------------------------------------------------------------------------
  app.get(
    '/api/v1/tenants',
    {
      config: { access: { permission: 'platform.tenants.manage' } },
      schema: { tags: ['政府站点'], summary: '平台上的全部政府站点', response: withErrors({ 200: Type.Array(TenantView) }) },
    },
    async () => listTenants(db),
  );

  app.post(
    '/api/v1/tenants',
    {
      config: { access: { permission: 'platform.tenants.manage' } },
      schema: {
        tags: ['政府站点'],
        summary: '新增政府站点（租户）',
        body: Type.Object({
          code: Code,
          name: Name('政府全称'),
          shortName: Name('简称', 40),
          regionCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{6}$', title: '行政区划代码', description: '6 位数字' }), Type.Null()])),
          parentTenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid', title: '上级政府站点', description: '市、省级站点汇总其下级政府的年度报告' }), Type.Null()])),
          hosts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253, title: '域名' }), { maxItems: 20, title: '门户域名' })),
          settings: Type.Optional(TenantSettings),
          root: Type.Object(
            { code: Code, name: Name('根单位名称'), shortName: Name('根单位简称', 40), orgCode: Type.Optional(OrgCode) },
            { title: '根单位（人民政府）' },
          ),
        }),
        response: withErrors({ 201: TenantView }),
      },
    },
    async (req, reply) => {
      const t = await createTenant(db, callerOf(req), req.body);
      clearHostCache();
      return reply.code(201).send(t);
    },
  );

  app.get(
    '/api/v1/tenant',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['政府站点'], summary: '本站点信息', response: withErrors({ 200: TenantView }) },
    },
    async (req) => (await getTenant(db, req.principal!.tenantId))!,
  );

  const TenantPatch = Type.Object({
    name: Type.Optional(Name('政府全称')),
    shortName: Type.Optional(Name('简称', 40)),
    regionCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{6}$', title: '行政区划代码', description: '6 位数字' }), Type.Null()])),
    settings: Type.Optional(TenantSettings),
    version: Version,
  });

  app.patch(
    '/api/v1/tenant',
    {
      config: { access: { permission: 'org.site.manage' } },
      schema: { tags: ['政府站点'], summary: '修改本站点的名称和门户设置', body: TenantPatch, response: withErrors({ 200: TenantView }) },
    },
    async (req) => {
      const caller = callerOf(req);
      const root = await rootOf(db, caller.actor.tenantId);
      assertCan(caller, 'org.site.manage', root, root.name);
      const updated = await updateTenant(db, caller, caller.actor.tenantId, req.body);
      // The portal shows the new settings at once (other processes within HOST_CACHE_MS).
      clearHostCache();
      return updated;
    },
  );

  app.patch(
    '/api/v1/tenants/:id',
    {
      config: { access: { permission: 'platform.tenants.manage' } },
      schema: {
        tags: ['政府站点'],
        summary: '修改任一政府站点（含门户域名、启停）',
        params: IdParams,
        body: Type.Evaluate(Type.Intersect([
          TenantPatch,
          Type.Object({
            hosts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253, title: '域名' }), { maxItems: 20, title: '门户域名' })),
            active: Type.Optional(Type.Boolean({ title: '启用' })),
            parentTenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid', title: '上级政府站点', description: '市、省级站点汇总其下级政府的年度报告' }), Type.Null()])),
          }),
        ])),
        response: withErrors({ 200: TenantView }),
      },
    },
    async (req) => {
      const t = await updateTenant(db, callerOf(req), req.params.id, req.body);
      clearHostCache();
      return t;
    },
  );

  // ---- units ------------------------------------------------------------------------------------
  app.get(
    '/api/v1/units',
    {
      config: { access: { permission: 'org.units.read' } },
      schema: {
        tags: ['单位'],
        summary: '单位树（平铺列表，按 parentId 组树）',
        querystring: Type.Object({ includeAbolished: Type.Optional(Type.Boolean({ title: '包括已撤销单位' })) }),
        response: withErrors({ 200: Type.Array(UnitView) }),
      },
    },
    async (req) => listUnits(db, req.principal!.tenantId, { includeAbolished: req.query.includeAbolished ?? false }),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { access: { permission: 'org.units.read' } },
      schema: { tags: ['单位'], summary: '单位详情', params: IdParams, response: withErrors({ 200: UnitView }) },
    },
    async (req) => getUnit(db, req.principal!.tenantId, req.params.id),
  );

  app.post(
    '/api/v1/units',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '新增单位',
        body: Type.Object({
          parentId: Uuid('上级单位'),
          code: Code,
          name: Name('单位全称'),
          shortName: Type.Optional(Type.String({ maxLength: 40, title: '简称' })),
          kind: Kind,
          orgCode: Type.Optional(OrgCode),
          sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })),
          aliases: Type.Optional(Type.Array(Name('别名', 100), { maxItems: 50, title: '别名' })),
        }),
        response: withErrors({ 201: UnitView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createUnit(db, callerOf(req), req.body)),
  );

  app.patch(
    '/api/v1/units/:id',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '修改单位（更名时旧名自动保留为别名）',
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Name('单位全称')),
          shortName: Type.Optional(Type.String({ maxLength: 40, title: '简称' })),
          kind: Type.Optional(Kind),
          code: Type.Optional(Code),
          orgCode: Type.Optional(OrgCode),
          sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })),
          version: Version,
        }),
        response: withErrors({ 200: UnitView }),
      },
    },
    async (req) => updateUnit(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/units/:id/move',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '调整单位隶属（连同下级单位）',
        params: IdParams,
        body: Type.Object({ parentId: Uuid('新的上级单位'), version: Version }),
        response: withErrors({ 200: UnitView }),
      },
    },
    async (req) => moveUnit(db, callerOf(req), req.params.id, req.body.parentId, req.body.version),
  );

  app.post(
    '/api/v1/units/:id/abolish',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '撤销单位（保留历史，不再使用）',
        params: IdParams,
        body: Type.Object({ version: Version }),
        response: withErrors({ 200: UnitView }),
      },
    },
    async (req) => abolishUnit(db, callerOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/v1/units/:id/aliases',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '添加单位别名（如 县发改局）',
        params: IdParams,
        body: Type.Object({ alias: Name('别名') }),
        response: withErrors({ 201: Type.Object({ id: Type.String(), alias: Type.String(), source: Type.String() }) }),
      },
    },
    async (req, reply) => reply.code(201).send(await addAlias(db, callerOf(req), req.params.id, req.body.alias)),
  );

  app.delete(
    '/api/v1/units/:id/aliases/:aliasId',
    {
      config: { access: { permission: 'org.units.manage' } },
      schema: {
        tags: ['单位'],
        summary: '删除单位别名',
        params: Type.Object({ id: Uuid('单位'), aliasId: Uuid('别名') }),
        response: withErrors({ 200: Ok }),
      },
    },
    async (req) => {
      await removeAlias(db, callerOf(req), req.params.id, req.params.aliasId);
      return { ok: true as const };
    },
  );

  // ---- users ------------------------------------------------------------------------------------
  app.get(
    '/api/v1/users',
    {
      config: { access: { permission: 'org.users.read' } },
      schema: {
        tags: ['用户'],
        summary: '用户列表（仅管辖范围内）',
        querystring: Type.Object({
          unitId: Type.Optional(Uuid('单位')),
          includeSubunits: Type.Optional(Type.Boolean({ title: '含下级单位' })),
          q: Type.Optional(Type.String({ maxLength: 100, title: '关键词' })),
          page: Type.Optional(Page),
          pageSize: Type.Optional(PageSize),
        }),
        response: withErrors({ 200: Paged(UserView) }),
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const res = await listUsers(db, callerOf(req), { unitId: req.query.unitId, q: req.query.q, includeSubunits: req.query.includeSubunits }, page, pageSize);
      return { ...res, page, pageSize };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: { permission: 'org.users.read' } },
      schema: { tags: ['用户'], summary: '用户详情', params: IdParams, response: withErrors({ 200: UserView }) },
    },
    async (req) => getUser(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: {
        tags: ['用户'],
        summary: '新增用户',
        description: '新用户首次登录须修改初始密码。',
        body: Type.Object({
          username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', title: '用户名', description: '字母、数字和 . _ -' }),
          displayName: Name('姓名', 50),
          unitId: Uuid('所在单位'),
          password: Type.String({ minLength: 1, maxLength: 256, title: '初始密码' }),
          phone: Type.Optional(Phone),
          email: Type.Optional(Email),
        }),
        response: withErrors({ 201: UserView }),
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(db, callerOf(req), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: {
        tags: ['用户'],
        summary: '修改用户（调动单位、启用停用）',
        params: IdParams,
        body: Type.Object({
          displayName: Type.Optional(Name('姓名', 50)),
          unitId: Type.Optional(Uuid('所在单位')),
          phone: Type.Optional(Phone),
          email: Type.Optional(Email),
          active: Type.Optional(Type.Boolean({ title: '启用' })),
          version: Version,
        }),
        response: withErrors({ 200: UserView }),
      },
    },
    async (req) => updateUser(db, callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: {
        tags: ['用户'],
        summary: '重置用户密码（用户下次登录须修改）',
        params: IdParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256, title: '新密码' }) }),
        response: withErrors({ 200: Ok }),
      },
    },
    async (req) => {
      await resetPassword(db, callerOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: { tags: ['用户'], summary: '解除登录锁定', params: IdParams, response: withErrors({ 200: UserView }) },
    },
    async (req) => unlockUser(db, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users/:id/totp/reset',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: { tags: ['用户'], summary: '停用用户的动态口令（用户丢失手机时）', params: IdParams, response: withErrors({ 200: Ok }) },
    },
    async (req) => {
      await disableTotp(db, callerOf(req), req.params.id, null);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/users/:id/grants',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: {
        tags: ['用户'],
        summary: '授予角色',
        params: IdParams,
        body: Type.Object({ role: RoleName, unitId: Uuid('授权单位'), includeSubtree: Type.Optional(Type.Boolean({ title: '含下级单位' })) }),
        response: withErrors({ 200: UserView }),
      },
    },
    async (req) => grantRole(db, callerOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/users/:id/grants/:grantId',
    {
      config: { access: { permission: 'org.users.manage' } },
      schema: {
        tags: ['用户'],
        summary: '收回角色',
        params: Type.Object({ id: Uuid('用户'), grantId: Uuid('授权') }),
        response: withErrors({ 200: UserView }),
      },
    },
    async (req) => revokeRole(db, callerOf(req), req.params.id, req.params.grantId),
  );
}

