// Chinese labels for the codes the API uses.

export const UNIT_KIND_LABELS: Record<string, string> = {
  government: '人民政府',
  office: '政府办公室',
  open_gov_office: '政务公开办公室',
  department: '政府工作部门',
  township: '乡镇',
  street: '街道',
  development_zone: '开发区（园区）',
  village: '行政村',
  community: '社区',
  vertical: '垂直管理单位',
  institution: '事业单位',
};

export const UNIT_KIND_OPTIONS = Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }));

export const unitKindLabel = (kind: string): string => UNIT_KIND_LABELS[kind] ?? kind;

export const ROLE_LABELS: Record<string, string> = {
  platform_admin: '平台管理员',
  office_admin: '政务公开办管理员',
  unit_editor: '单位信息员（编辑）',
  unit_reviewer: '单位审核人',
  unit_leader: '单位分管领导',
  request_handler: '依申请公开承办人',
  confidentiality_reviewer: '保密审查员',
  inspector: '只读督查员',
};

export const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

export const DAY_KIND_LABELS: Record<string, string> = { OFF: '放假', WORK: '调休上班' };

export const CALENDAR_SOURCE_LABELS: Record<string, string> = { builtin: '内置', tenant: '本站录入' };

export const PERMISSIONS = {
  unitsRead: 'org.units.read',
  unitsManage: 'org.units.manage',
  usersRead: 'org.users.read',
  usersManage: 'org.users.manage',
  tokensManage: 'org.tokens.manage',
  siteManage: 'org.site.manage',
  calendarManage: 'calendar.manage',
  auditRead: 'audit.read',
  auditVerify: 'audit.verify',
  recordsRead: 'records.read',
  recordsEdit: 'records.edit',
  recordsReview: 'records.review',
  recordsConfidentiality: 'records.confidentiality',
  recordsGuardOverride: 'records.guard.override',
  recordsPublish: 'records.publish',
  recordsWithdraw: 'records.withdraw',
  recordsValidity: 'records.validity',
  catalogueManage: 'catalogue.manage',
  requestsRead: 'requests.read',
  requestsHandle: 'requests.handle',
  requestsAssist: 'requests.assist',
  requestsManage: 'requests.manage',
  tasksRead: 'tasks.read',
  tasksManage: 'tasks.manage',
  tasksReport: 'tasks.report',
} as const;

export const PASSWORD_RULES = '至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类，不能包含用户名或姓名，不能是常见弱密码。';

/** The same rules the server applies, checked before sending so the user learns early. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 128) return '密码不能超过 128 位';
  if (password !== password.trim()) return '密码首尾不能是空格';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少 3 类';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.totp.failed': '动态口令错误',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'calendar.entry.add': '新增日历条目',
  'calendar.entry.update': '修改日历条目',
  'calendar.entry.remove': '删除日历条目',
  'calendar.year.replace': '录入整年安排',
  'tenant.create': '新增政府站点',
  'tenant.update': '修改站点设置',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.rename': '单位更名',
  'unit.move': '调整隶属',
  'unit.abolish': '撤销单位',
  'unit.alias.add': '添加别名',
  'unit.alias.remove': '删除别名',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.enable': '启用用户',
  'user.disable': '停用用户',
  'user.unlock': '解除锁定',
  'user.password.change': '修改本人密码',
  'user.password.reset': '重置密码',
  'user.role.grant': '授予角色',
  'user.role.revoke': '收回角色',
  'user.totp.enable': '启用动态口令',
  'user.totp.disable': '停用动态口令',
  'record.create': '起草政府信息',
  'record.update': '修改政府信息',
  'record.mask': '遮盖个人信息',
  'record.guard.override': '个人信息检查放行',
  'record.submit': '提交审核',
  'record.pass_review': '审核通过',
  'record.pass_confidentiality': '保密审查通过',
  'record.reject': '退回修改',
  'record.publish': '发布',
  'record.unschedule': '取消定时发布',
  'record.publish_scheduled': '定时发布',
  'record.supersede': '替代',
  'record.withdraw': '撤回',
  'record.validity': '变更有效性',
  'record.attribute_review': '公开属性复核',
  'record.attribute.assign': '批量认定公开属性',
  'record.attachment.add': '上传附件',
  'record.attachment.remove': '删除附件',
  'catalogue.domains.seed': '载入试点领域',
  'catalogue.domain.create': '新增标准目录领域',
  'catalogue.item.create': '新增标准目录事项',
  'catalogue.item.update': '修改标准目录事项',
  'catalogue.import': '导入标准目录',
  'catalogue.obligations.generate': '生成公开义务',
  'catalogue.node.create': '新增公开目录节点',
  'request.intake': '收到网上申请',
  'request.register': '登记申请',
  'request.request_correction': '告知补正',
  'request.receive_correction': '收到补正',
  'request.deem_abandoned': '逾期未补正办结',
  'request.start_consultation': '征求意见',
  'request.end_consultation': '意见征询结束',
  'request.issue_fee_notice': '发出收费通知',
  'request.record_payment': '登记缴费',
  'request.deem_fee_unpaid': '逾期未缴费办结',
  'request.extend': '延期答复',
  'request.assign': '转办',
  'request.reply': '作出答复',
  'request.deliver': '送达',
  'request.withdraw': '申请撤回',
  'request.assist': '请求协查',
  'request.assist_reply': '答复协查',
  'request.appeal': '登记复议或诉讼',
  'request.appeal_update': '更新复议或诉讼',
  'request.document': '添加申请材料',
  'request.letter': '生成告知书',
  'request_template.save': '修改告知书模板',
  'request_template.reset': '恢复内置告知书模板',
  'task.import.upload': '上传工作任务通知',
  'task.import.discard': '放弃导入工作任务',
  'task.import.confirm': '确认导入工作任务',
  'task.plan.update': '修改工作计划',
  'task.update': '修改工作任务',
  'task.progress': '报送任务进展',
  'task.evidence.add': '上传佐证材料',
  'task.evidence.remove': '删除佐证材料',
  'task.urge': '催办',
  'task.urge.acknowledge': '确认催办',
  'task.bonus.add': '登记加分项',
  'task.bonus.remove': '删除加分项',
  'task.ledger.update': '修改工作台账',
  'task.ledger.add': '增加台账行',
  'task.ledger.remove': '删除台账行',
  'task.circular': '印发通报',
  'task.look_back': '回头看结转',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  tenant: '政府站点',
  api_token: '接口令牌',
  calendar_entry: '日历条目',
  calendar_year: '年度日历',
  record: '政府信息',
  catalogue: '标准目录',
  catalogue_domain: '标准目录领域',
  catalogue_item: '标准目录事项',
  catalogue_node: '公开目录',
  request: '依申请公开',
  request_letter_template: '告知书模板',
  task_import: '工作任务导入',
  task_plan: '工作计划',
  task: '工作任务',
  task_assignment: '单位任务',
  task_urge: '催办',
  task_ledger: '工作台账',
};

// ---- 政府信息 (mirrors src/core/publishing/*.ts; the API also answers with the labels) ----------------

export const RECORD_STATE_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '待审核',
  confidentiality_review: '保密审查中',
  approved: '已审定',
  scheduled: '定时发布',
  published: '已发布',
  superseded: '已被替代',
  withdrawn: '已撤回',
};

export const RECORD_STATE_OPTIONS = Object.entries(RECORD_STATE_LABELS).map(([value, label]) => ({ value, label }));

export const recordStateLabel = (state: string | null | undefined): string => (state ? RECORD_STATE_LABELS[state] ?? state : '');

/** The tag class of each state (the AA-contrast tags of styles.css). */
export const RECORD_STATE_TAGS: Record<string, string> = {
  draft: 'tag-neutral',
  submitted: 'tag-warning',
  confidentiality_review: 'tag-warning',
  approved: 'tag-info',
  scheduled: 'tag-info',
  published: 'tag-success',
  superseded: 'tag-neutral',
  withdrawn: 'tag-danger',
};

/** States in which a record is out, or will not be published any more: no deadline runs. */
export const RECORD_DONE_STATES = new Set(['published', 'superseded', 'withdrawn']);

export const ATTRIBUTE_LABELS: Record<string, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

export const ATTRIBUTE_OPTIONS = Object.entries(ATTRIBUTE_LABELS).map(([value, label]) => ({ value, label }));

/** Genres whose documents have a validity: normative documents and rules. */
export const VALIDITY_GENRES = new Set(['normative_document', 'rule']);

/** 有效性 (mirrors src/core/publishing/validity.ts). */
export const VALIDITY_LABELS: Record<string, string> = {
  valid: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

export const VALIDITY_TAGS: Record<string, string> = {
  valid: 'tag-success',
  amended: 'tag-info',
  repealed: 'tag-danger',
  expired: 'tag-neutral',
};

/** 公开义务的完成情况. */
export const OBLIGATION_STATUS_LABELS: Record<string, string> = {
  due: '待办',
  done_on_time: '按期完成',
  done_late: '逾期完成',
  missing: '缺失',
};

export const OBLIGATION_STATUS_TAGS: Record<string, string> = {
  due: 'tag-info',
  done_on_time: 'tag-success',
  done_late: 'tag-warning',
  missing: 'tag-danger',
};

export const OBLIGATION_STATUS_OPTIONS = Object.entries(OBLIGATION_STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** 主题分类 offered when drafting (the customary classification of government portals); others may be typed. */
export const DEFAULT_TOPICS = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '其他',
];

export const GUARD_WHERE_LABELS: Record<string, string> = {
  title: '标题',
  body: '正文',
  field: '个人信息字段',
  attachment: '附件',
};

// ---- 依申请公开 (the API answers with the labels; these only choose the look) ------------------------

/** The tag class of each request state. */
export const REQUEST_STATE_TAGS: Record<string, string> = {
  submitted: 'tag-warning',
  registered: 'tag-info',
  correction: 'tag-warning',
  consulting: 'tag-info',
  awaiting_fee: 'tag-warning',
  replied: 'tag-success',
  closed: 'tag-neutral',
  withdrawn: 'tag-neutral',
};

/** States in which the request is still being handled (src/core/requests/workflow.ts OPEN_STATES). */
export const REQUEST_OPEN_STATES = new Set(['submitted', 'registered', 'correction', 'consulting', 'awaiting_fee']);

// ---- 工作任务 (the API answers with the labels; these only choose the look) ------------------------

/** The tag class of each task status (未开始 / 进行中 / 已完成 / 已逾期). */
export const TASK_STATUS_TAGS: Record<string, string> = {
  not_started: 'tag-neutral',
  in_progress: 'tag-info',
  done: 'tag-success',
  overdue: 'tag-danger',
};

/** Short texts for the cells of the supervision matrix (the colour is never the only sign). */
export const TASK_STATUS_SHORT: Record<string, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  done: '完成',
  overdue: '逾期',
};

export const TASK_IMPORT_NAME_TAGS: Record<string, string> = {
  matched: 'tag-success',
  collective: 'tag-info',
  ambiguous: 'tag-warning',
  unmatched: 'tag-danger',
  mapped: 'tag-success',
  ignored: 'tag-neutral',
};

// ---- 年度报告 (the API answers with the labels; these only choose the look) ------------------------------

/** The tag class of a report's state (编写中 / 已校验待发布 / 已发布). */
export const REPORT_STATE_TAGS: Record<string, string> = { draft: 'tag-neutral', checked: 'tag-info', published: 'tag-success' };

/** The tag class of a unit's row on the status board (未开始 / 编写中 / 已校验待发布 / 已发布 / 逾期未发布). */
export const REPORT_BOARD_TAGS: Record<string, string> = { none: 'tag-neutral', draft: 'tag-warning', checked: 'tag-info', published: 'tag-success', overdue: 'tag-danger' };
