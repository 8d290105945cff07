// Roles and what each may do. A role is granted on a unit, optionally with the unit's subtree; a user
// may act on a unit only where one of its grants both carries the permission and covers that unit.

export const ROLES = [
  'platform_admin',
  'office_admin',
  'unit_editor',
  'unit_reviewer',
  'unit_leader',
  'request_handler',
  'confidentiality_reviewer',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: '平台管理员',
  office_admin: '政务公开办管理员',
  unit_editor: '单位信息员（编辑）',
  unit_reviewer: '单位审核人',
  unit_leader: '单位分管领导',
  request_handler: '依申请公开承办人',
  confidentiality_reviewer: '保密审查员',
  inspector: '只读督查员',
};

export const PERMISSIONS = [
  'platform.tenants.manage',
  'org.site.manage',
  'org.units.read',
  'org.units.manage',
  'org.users.read',
  'org.users.manage',
  'org.tokens.manage',
  'calendar.manage',
  'audit.read',
  'audit.verify',
  'records.read',
  'records.edit',
  'records.review',
  'records.confidentiality',
  'records.guard.override',
  'records.publish',
  'records.withdraw',
  'records.validity',
  'records.import',
  'catalogue.manage',
  'gazette.manage',
  'requests.read',
  'requests.handle',
  'requests.assist',
  'requests.manage',
  'reports.read',
  'reports.edit',
  'reports.publish',
  'tasks.read',
  'tasks.manage',
  'tasks.report',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'platform.tenants.manage': '管理平台上的政府站点（租户）',
  'org.site.manage': '修改本站点名称和门户设置',
  'org.units.read': '查看单位',
  'org.units.manage': '管理单位（新增、调整、改名、别名）',
  'org.users.read': '查看用户',
  'org.users.manage': '管理用户和角色',
  'org.tokens.manage': '管理接口令牌',
  'calendar.manage': '维护节假日日历',
  'audit.read': '查看操作日志',
  'audit.verify': '校验操作日志完整性',
  'records.read': '查看政府信息（含未发布的）',
  'records.edit': '起草和修改政府信息、提交审核',
  'records.review': '审核政府信息、复核公开属性',
  'records.confidentiality': '保密审查',
  'records.guard.override': '个人信息检查的例外放行（须说明理由）',
  'records.publish': '发布已审定的政府信息',
  'records.withdraw': '撤回或替代已发布的政府信息',
  'records.validity': '维护规范性文件的有效性',
  'records.import': '批量导入存量政府信息',
  'catalogue.manage': '维护公开目录、事项标准目录和索引号规则',
  'gazette.manage': '编辑政府公报',
  'requests.read': '查看依申请公开办理情况（申请人信息隐去）',
  'requests.handle': '办理依申请公开（登记、补正、征求意见、延期、答复，可见申请人信息）',
  'requests.assist': '答复依申请公开协查',
  'requests.manage': '维护依申请公开告知书模板和办理设置',
  'reports.read': '查看政府信息公开工作年度报告',
  'reports.edit': '编写年度报告（填报数据、撰写文字部分）',
  'reports.publish': '审定并发布年度报告',
  'tasks.read': '查看政务公开工作任务、台账和进度',
  'tasks.manage': '导入工作要点、分解任务、督查、通报和考核（政务公开办）',
  'tasks.report': '报送本单位的任务台账和工作进展',
};

const ALL_STAFF_READ: Permission[] = ['org.units.read', 'records.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: ['platform.tenants.manage', 'org.units.read', 'org.users.read', 'audit.read', 'audit.verify'],
  office_admin: [
    'org.site.manage',
    'org.units.read',
    'org.units.manage',
    'org.users.read',
    'org.users.manage',
    'org.tokens.manage',
    'calendar.manage',
    'audit.read',
    'audit.verify',
    'records.read',
    'records.edit',
    'records.review',
    'records.publish',
    'records.withdraw',
    'records.validity',
    'records.import',
    'catalogue.manage',
    'gazette.manage',
    'requests.read',
    'requests.handle',
    'requests.assist',
    'requests.manage',
    'reports.read',
    'reports.edit',
    'reports.publish',
    'tasks.read',
    'tasks.manage',
    'tasks.report',
  ],
  // The editor (信息员) drafts and, once the record is approved, publishes it.
  unit_editor: [...ALL_STAFF_READ, 'records.edit', 'records.publish', 'records.validity', 'requests.assist', 'reports.read', 'reports.edit', 'tasks.read', 'tasks.report'],
  unit_reviewer: [...ALL_STAFF_READ, 'records.review'],
  unit_leader: [...ALL_STAFF_READ, 'org.users.read', 'records.review', 'records.publish', 'records.withdraw', 'records.validity', 'requests.read', 'requests.assist', 'reports.read', 'reports.publish', 'tasks.read', 'tasks.report'],
  // 依申请公开承办人: handles requests and alone (with the office) sees the applicants' details.
  request_handler: [...ALL_STAFF_READ, 'requests.read', 'requests.handle', 'requests.assist'],
  // 保密审查 (Art. 17) is its own role: nobody else passes it or overrides the personal-data guard.
  confidentiality_reviewer: [...ALL_STAFF_READ, 'records.confidentiality', 'records.guard.override'],
  inspector: [...ALL_STAFF_READ, 'org.users.read', 'audit.read', 'requests.read', 'reports.read', 'tasks.read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface Grant {
  role: Role;
  unitId: string;
  includeSubtree: boolean;
}

/** A unit as far as scope is concerned: its id and its ancestors from the root down to itself. */
export interface ScopedUnit {
  id: string;
  path: readonly string[];
}

/** Does any grant give `permission` over `unit`? */
export function grantsCover(grants: readonly Grant[], permission: Permission, unit: ScopedUnit): boolean {
  return grants.some(
    (g) => roleHas(g.role, permission) && (g.unitId === unit.id || (g.includeSubtree && unit.path.includes(g.unitId))),
  );
}

/** Does any grant give `permission` anywhere at all? (The route-level check; services then check the unit.) */
export function grantsAnywhere(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((g) => roleHas(g.role, permission));
}

export function permissionsOf(grants: readonly Grant[]): Permission[] {
  const set = new Set<Permission>();
  for (const g of grants) for (const p of ROLE_PERMISSIONS[g.role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}
