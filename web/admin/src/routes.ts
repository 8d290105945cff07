// The console's pages, each loaded on first use, and the permission that shows it in the menu.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { PERMISSIONS } from './labels';
import { REPORT_PERMISSIONS } from './access';

export interface RouteDef {
  key: string;
  label: string;
  permission?: string;
  page: LazyExoticComponent<ComponentType>;
  /** Routes with a parameter (records/<id>): matched by pattern instead of by key. */
  pattern?: RegExp;
  /** Not in the menu; the menu entry to highlight instead. */
  menu?: string;
}

const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const RecordPage = lazy(() => import('./pages/RecordPage'));
const RequestPage = lazy(() => import('./pages/RequestPage'));
const TaskImportPage = lazy(() => import('./pages/tasks/TaskImportPage'));
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const ROUTES: RouteDef[] = [
  { key: 'records', label: '政府信息', permission: PERMISSIONS.recordsRead, page: RecordsPage },
  { key: 'records/new', label: '起草新信息', permission: PERMISSIONS.recordsEdit, page: RecordPage, menu: 'records' },
  { key: 'records/on-time', label: '按期公开率', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/OnTimePage')) },
  { key: 'records/:id', label: '政府信息', permission: PERMISSIONS.recordsRead, page: RecordPage, pattern: new RegExp(`^records/${UUID}$`, 'i'), menu: 'records' },
  { key: 'catalogue', label: '标准目录', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/CataloguePage')) },
  { key: 'catalogue/:id', label: '标准目录', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/CatalogueDomainPage')), pattern: new RegExp(`^catalogue/${UUID}$`, 'i'), menu: 'catalogue' },
  { key: 'obligations', label: '公开义务', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/ObligationsPage')) },
  { key: 'catalogue/nodes', label: '公开目录', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/CatalogueNodesPage')) },
  { key: 'requests', label: '依申请公开', permission: PERMISSIONS.requestsRead, page: lazy(() => import('./pages/RequestsPage')) },
  { key: 'requests/new', label: '登记申请', permission: PERMISSIONS.requestsHandle, page: lazy(() => import('./pages/RequestNewPage')), menu: 'requests' },
  // Notifications link here (src/modules/requests/reminders.ts): /admin/requests/<id>.
  { key: 'requests/:id', label: '依申请公开', permission: PERMISSIONS.requestsRead, page: RequestPage, pattern: new RegExp(`^requests/${UUID}$`, 'i'), menu: 'requests' },
  // The 协查 reminders link to /admin/request-assists.
  { key: 'request-assists', label: '依申请公开协查', permission: PERMISSIONS.requestsAssist, page: lazy(() => import('./pages/RequestAssistsPage')) },
  { key: 'requests/statistics', label: '依申请公开统计', permission: PERMISSIONS.requestsRead, page: lazy(() => import('./pages/RequestStatisticsPage')) },
  { key: 'requests/templates', label: '告知书模板', permission: PERMISSIONS.requestsManage, page: lazy(() => import('./pages/RequestTemplatesPage')) },
  { key: 'tasks', label: '工作任务', permission: PERMISSIONS.tasksRead, page: lazy(() => import('./pages/tasks/TasksPage')) },
  { key: 'tasks/import', label: '导入工作任务', permission: PERMISSIONS.tasksManage, page: TaskImportPage, menu: 'tasks' },
  { key: 'tasks/imports/:id', label: '导入工作任务', permission: PERMISSIONS.tasksManage, page: TaskImportPage, pattern: new RegExp(`^tasks/imports/${UUID}$`, 'i'), menu: 'tasks' },
  { key: 'tasks/plans/:id', label: '工作计划', permission: PERMISSIONS.tasksRead, page: lazy(() => import('./pages/tasks/TaskPlanPage')), pattern: new RegExp(`^tasks/plans/${UUID}$`, 'i'), menu: 'tasks' },
  // Reminders and 催办 link here (src/modules/tasks/sweep.ts): /admin/tasks/assignments/<id>.
  { key: 'tasks/assignments/:id', label: '单位任务', permission: PERMISSIONS.tasksRead, page: lazy(() => import('./pages/tasks/TaskAssignmentPage')), pattern: new RegExp(`^tasks/assignments/${UUID}$`, 'i'), menu: 'tasks' },
  { key: 'tasks/ledger', label: '工作台账', permission: PERMISSIONS.tasksRead, page: lazy(() => import('./pages/tasks/TaskLedgerPage')) },
  { key: 'reports', label: '年度报告', permission: REPORT_PERMISSIONS.read, page: lazy(() => import('./pages/reports/ReportsPage')) },
  { key: 'reports/:id', label: '年度报告', permission: REPORT_PERMISSIONS.read, page: lazy(() => import('./pages/reports/ReportPage')), pattern: new RegExp(`^reports/${UUID}$`, 'i'), menu: 'reports' },
  { key: 'reports/status', label: '年报发布情况', permission: PERMISSIONS.unitsManage, page: lazy(() => import('./pages/reports/ReportStatusPage')) },
  { key: 'consultations', label: '意见征集', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/ConsultationsPage')) },
  { key: 'consultations/:id', label: '意见征集', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/ConsultationPage')), pattern: new RegExp(`^consultations/${UUID}$`, 'i'), menu: 'consultations' },
  { key: 'decisions', label: '重大行政决策', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/DecisionsPage')) },
  { key: 'decisions/:id', label: '重大行政决策', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/DecisionPage')), pattern: new RegExp(`^decisions/${UUID}$`, 'i'), menu: 'decisions' },
  { key: 'messages', label: '留言办理', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/MessagesPage')) },
  // The new-letter and overdue notifications link here (src/modules/participation/messages.ts): /admin/messages/<id>.
  { key: 'messages/:id', label: '留言办理', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/MessagePage')), pattern: new RegExp(`^messages/${UUID}$`, 'i'), menu: 'messages' },
  { key: 'opinions', label: '政务舆情', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/OpinionsPage')) },
  // The escalation notifications link here (src/modules/participation/opinions.ts): /admin/opinions/<id>.
  { key: 'opinions/:id', label: '政务舆情', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/OpinionPage')), pattern: new RegExp(`^opinions/${UUID}$`, 'i'), menu: 'opinions' },
  { key: 'policy-qa', label: '政策问答', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/policy/PolicyQaPage')) },
  { key: 'proposals', label: '建议提案', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/ProposalsPage')) },
  // The 交办 notifications link here (src/modules/engagement/proposals.ts): /admin/proposals/<id>.
  { key: 'proposals/:id', label: '建议提案', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/ProposalPage')), pattern: new RegExp(`^proposals/${UUID}$`, 'i'), menu: 'proposals' },
  { key: 'interpretations', label: '政策解读', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/policy/InterpretationsPage')) },
  { key: 'events', label: '活动', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/EventsPage')) },
  { key: 'events/:id', label: '活动', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/participation/EventPage')), pattern: new RegExp(`^events/${UUID}$`, 'i'), menu: 'events' },
  { key: 'notifications', label: '通知', permission: PERMISSIONS.recordsRead, page: lazy(() => import('./pages/NotificationsPage')), menu: '' },
  { key: 'units', label: '单位管理', permission: PERMISSIONS.unitsRead, page: lazy(() => import('./pages/UnitsPage')) },
  { key: 'users', label: '用户与角色', permission: PERMISSIONS.usersRead, page: lazy(() => import('./pages/UsersPage')) },
  { key: 'calendar', label: '节假日日历', page: lazy(() => import('./pages/CalendarPage')) },
  { key: 'audit', label: '操作日志', permission: PERMISSIONS.auditRead, page: lazy(() => import('./pages/AuditPage')) },
  { key: 'tokens', label: '接口令牌', permission: PERMISSIONS.tokensManage, page: lazy(() => import('./pages/TokensPage')) },
  { key: 'site', label: '站点设置', permission: PERMISSIONS.siteManage, page: lazy(() => import('./pages/SitePage')) },
  { key: 'profile', label: '个人设置', page: lazy(() => import('./pages/ProfilePage')) },
];

/** The route definition for a path below /admin. */
export function matchRoute(route: string): RouteDef | undefined {
  return ROUTES.find((r) => (r.pattern ? r.pattern.test(route) : r.key === route));
}

/** Routes that appear in the menu. */
export const inMenu = (r: RouteDef): boolean => r.menu === undefined;
