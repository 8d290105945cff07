// The authorisation matrix: for every route the server registers, an anonymous caller, a user of another
// tenant, a user of another unit and a user with the wrong role are refused; and the rightful caller,
// sending the very same request, succeeds (so a denial can never come from a malformed request).
// A route added without a row here fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, type Permission } from '../../src/core/auth/roles.ts';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { createUser, grantRole } from '../../src/modules/org/users.ts';
import { addAlias, listUnits } from '../../src/modules/org/units.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { notify } from '../../src/modules/notify/service.ts';
import { makePdf } from '../../src/core/files/fixtures.testing.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { submitComment } from '../../src/modules/participation/service.ts';
import { queueQuestion } from '../../src/modules/policy/service.ts';
import { submitMessage } from '../../src/modules/participation/messages.ts';
import { submitRegistration } from '../../src/modules/engagement/events.ts';
import { Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

interface Ids {
  tenantId: string;
  root: string;
  /** The unit acted on (县财政局) and a unit the "other unit" user holds every role in (青山镇). */
  unitB: string;
  unitX: string;
  aliasB: string;
  userB: string;
  grantB: string;
  tokenB: string;
  entry: string;
  /** A draft record of unit B (with an ID number in it), its attachment, a notification to unit B. */
  recordB: string;
  attachmentB: string;
  notificationB: string;
  domainB: string;
  itemB: string;
  xlsx: Buffer;
  /** A draft gazette issue of the county, and a PDF for back issues. */
  gazetteIssue: string;
  pdf: Uint8Array;
  /** A replied disclosure request to unit B, with an appeal and a document; a 协查 asked of unit B. */
  requestB: string;
  appealB: string;
  documentB: string;
  assistB: string;
  /** 县财政局's 2025 annual report (a draft), and a section 二 figure sheet naming 县财政局 by its code. */
  reportB: string;
  figuresXlsx: Buffer;
  /** A draft interpretation of record B. */
  interpretationB: string;
  /** An open consultation of unit B with one opinion, and a major decision of unit B. */
  consultationB: string;
  commentB: string;
  decisionB: string;
  /** A letter to unit B and a matter of public concern of unit B. */
  messageB: string;
  opinionB: string;
  /** An open day of unit B with one registration, and a deputy's suggestion assigned to unit B. */
  eventB: string;
  registrationB: string;
  proposalB: string;
  /** A Q&A bank entry citing record B (so of unit B), and a question queued to the government. */
  qaB: string;
  questionB: string;
  /** 工作任务: a task breakdown notice; a plan confirmed from it whose one task is 县财政局's (the task, its
   *  assignment, period and ledger row, a file as evidence, a 催办, a bonus item, a circular); another
   *  import of the notice left to review. */
  notice: Uint8Array;
  importB: string;
  planB: string;
  taskB: string;
  assignmentB: string;
  periodB: string;
  ledgerRowB: string;
  evidenceB: string;
  urgeB: string;
  bonusB: string;
  circularB: string;
}

interface Req {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

const BOUNDARY = '----matrix-boundary';
const upload = (url: string, fileName: string, bytes: Uint8Array): Req => ({
  method: 'POST',
  url,
  payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(bytes), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
});
const backIssue = (n: number, pdf: Uint8Array): Req => {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    method: 'POST',
    url: '/api/v1/gazette/back-issues',
    payload: Buffer.concat([
      Buffer.from(field('year', '2033') + field('number', String(n)) + field('publishedOn', '2033-01-31') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="往期.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(pdf),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
};
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const itemPayload = (n: number) => ({
  level1: `矩阵事项${n}`,
  level2: '二级',
  content: '内容',
  basis: '依据',
  timeLimitText: '每季度',
  responsibleText: '县财政局',
  channels: ['政府网站'],
  audiencePublic: true,
  audienceSpecific: false,
  modeProactive: true,
  modeRequest: false,
  levelCounty: true,
  levelTownship: false,
});

interface Case {
  /** The request, aimed at data of unit B in tenant 示范县. */
  build: (ids: Ids, n: number) => Req;
  /** Who may do it: 'office' (政务公开办管理员 of the county), 'admin' (platform admin), 'self' (any logged-in user on itself). */
  rightful: 'office' | 'admin' | 'self' | 'secrecy';
  /** Why a user holding the roles only in another unit may still do this (else it must be refused). */
  otherUnitAllowed?: string;
  /** Text that must not appear in an answer to someone who may not see unit B's data. */
  leak?: (ids: Ids) => string;
  /** Status the rightful caller gets (default: any 2xx). */
  ok?: number;
}

const requestPayload = (unitId: string) => ({
  unitId,
  applicant: { type: 'natural_person', name: '矩阵申请人', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000' },
  description: '矩阵申请：请公开示范县财政局2026年部门预算的说明',
  infoForm: 'electronic',
  delivery: 'online',
  channel: 'in_person',
  arrivedOn: todayLocal(),
});

const unitPayload = (parent: string, n: number) => ({ parentId: parent, code: `m${n}`, name: `示范县矩阵测试办${n}`, kind: 'institution' });

const zero7 = { natural_person: 0, enterprise: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, total: 0 };
const zero5 = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
const reportImport = (unitId: string) => ({
  unitId,
  year: 2024,
  section2: { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 0, repealed: 0, valid: 0 }, licensing: 0, penalty: 0, enforcement: 0, feesWan: 0 },
  section3: { newThisYear: zero7, carriedOver: zero7, results: {}, resultsTotal: zero7, carriedForward: zero7 },
  section4: { reconsideration: zero5, litigation: zero5, litigationAfterReconsideration: zero5 },
});

// A task breakdown notice with one task, for 县财政局 (it names no county: another tenant may import it too).
const TASK_NOTICE = `
矩阵政办字〔2026〕9号

关于印发2026年政务公开矩阵测试任务分解表的通知

各乡镇人民政府，县政府有关部门：
《2026年政务公开矩阵测试任务分解表》现印发给你们，请认真贯彻执行。

县人民政府办公室
2026年2月10日

附件
2026年政务公开矩阵测试任务分解表
\t序号
\t工作任务
\t工作要求
\t责任单位
\t时限要求

\t1
\t财政信息公开
\t矩阵任务：公开财政专项资金管理办法及其执行情况
\t县财政局
\t年底前
`;

const MATRIX: Record<string, Case> = {
  'POST /api/v1/auth/totp': { build: () => ({ method: 'POST', url: '/api/v1/auth/totp', payload: { code: '123456' } }), rightful: 'self', ok: 400 },
  'POST /api/v1/auth/logout': { build: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), rightful: 'self' },
  'POST /api/v1/auth/password': {
    build: () => ({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: 'wrong-old-password', newPassword: 'Another-Pass-2026' } }),
    rightful: 'self',
    ok: 400,
  },
  'POST /api/v1/auth/totp/setup': { build: () => ({ method: 'POST', url: '/api/v1/auth/totp/setup' }), rightful: 'self' },
  'POST /api/v1/auth/totp/enable': { build: () => ({ method: 'POST', url: '/api/v1/auth/totp/enable', payload: { code: '000000' } }), rightful: 'self', ok: 400 },
  'POST /api/v1/auth/totp/disable': { build: () => ({ method: 'POST', url: '/api/v1/auth/totp/disable', payload: { password: PASSWORD } }), rightful: 'self' },

  'GET /api/v1/api-tokens': { build: () => ({ method: 'GET', url: '/api/v1/api-tokens' }), rightful: 'office', leak: () => '矩阵令牌' },
  'POST /api/v1/api-tokens': { build: (i) => ({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: '另一个令牌', userId: i.userB } }), rightful: 'office', ok: 201 },
  'DELETE /api/v1/api-tokens/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/api-tokens/${i.tokenB}` }), rightful: 'office' },

  'GET /api/v1/tenants': { build: () => ({ method: 'GET', url: '/api/v1/tenants' }), rightful: 'admin', leak: () => '示范县' },
  'POST /api/v1/tenants': {
    build: (_i, n) => ({ method: 'POST', url: '/api/v1/tenants', payload: { code: `mt${n}`, name: `矩阵县${n}人民政府`, shortName: `矩阵县${n}`, root: { code: 'root', name: `矩阵县${n}人民政府`, shortName: `矩阵县${n}` } } }),
    rightful: 'admin',
    ok: 201,
  },
  'GET /api/v1/tenant': { build: () => ({ method: 'GET', url: '/api/v1/tenant' }), rightful: 'self' },
  'PATCH /api/v1/tenant': { build: () => ({ method: 'PATCH', url: '/api/v1/tenant', payload: { settings: { phone: '0000-1111' }, version: 999 } }), rightful: 'office', ok: 409 },
  'PATCH /api/v1/tenants/:id': {
    build: (i) => ({ method: 'PATCH', url: `/api/v1/tenants/${i.tenantId}`, payload: { settings: { phone: '0000-2222' }, version: 999 } }),
    rightful: 'admin',
    ok: 409,
  },

  'GET /api/v1/units': { build: () => ({ method: 'GET', url: '/api/v1/units' }), rightful: 'office', otherUnitAllowed: '单位树对本站点全体工作人员可见', leak: () => '示范县' },
  'GET /api/v1/units/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/units/${i.unitB}` }), rightful: 'office', otherUnitAllowed: '单位树对本站点全体工作人员可见' },
  'POST /api/v1/units': { build: (i, n) => ({ method: 'POST', url: '/api/v1/units', payload: unitPayload(i.unitB, n) }), rightful: 'office', ok: 201 },
  'PATCH /api/v1/units/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/units/${i.unitB}`, payload: { sortOrder: 5, version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/units/:id/move': { build: (i) => ({ method: 'POST', url: `/api/v1/units/${i.unitB}/move`, payload: { parentId: i.root, version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/units/:id/abolish': { build: (i) => ({ method: 'POST', url: `/api/v1/units/${i.unitB}/abolish`, payload: { version: 999 } }), rightful: 'office', ok: 400 },
  'POST /api/v1/units/:id/aliases': { build: (i, n) => ({ method: 'POST', url: `/api/v1/units/${i.unitB}/aliases`, payload: { alias: `矩阵别名${n}` } }), rightful: 'office', ok: 201 },
  'DELETE /api/v1/units/:id/aliases/:aliasId': { build: (i) => ({ method: 'DELETE', url: `/api/v1/units/${i.unitB}/aliases/${i.aliasB}` }), rightful: 'office' },

  'GET /api/v1/users': { build: () => ({ method: 'GET', url: '/api/v1/users?pageSize=200' }), rightful: 'office', leak: () => 'matrix-b' },
  'GET /api/v1/users/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/users/${i.userB}` }), rightful: 'office' },
  'POST /api/v1/users': {
    build: (i, n) => ({ method: 'POST', url: '/api/v1/users', payload: { username: `mu${n}`, displayName: '矩阵用户', unitId: i.unitB, password: 'Matrix-Pass-2026' } }),
    rightful: 'office',
    ok: 201,
  },
  'PATCH /api/v1/users/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/users/${i.userB}`, payload: { displayName: '改名', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/users/:id/password': { build: (i) => ({ method: 'POST', url: `/api/v1/users/${i.userB}/password`, payload: { password: 'Reset-Pass-2026' } }), rightful: 'office' },
  'POST /api/v1/users/:id/unlock': { build: (i) => ({ method: 'POST', url: `/api/v1/users/${i.userB}/unlock` }), rightful: 'office' },
  'POST /api/v1/users/:id/totp/reset': { build: (i) => ({ method: 'POST', url: `/api/v1/users/${i.userB}/totp/reset` }), rightful: 'office' },
  'POST /api/v1/users/:id/grants': {
    build: (i) => ({ method: 'POST', url: `/api/v1/users/${i.userB}/grants`, payload: { role: 'unit_reviewer', unitId: i.unitB } }),
    rightful: 'office',
  },
  'DELETE /api/v1/users/:id/grants/:grantId': { build: (i) => ({ method: 'DELETE', url: `/api/v1/users/${i.userB}/grants/${i.grantB}` }), rightful: 'office' },

  'GET /api/v1/calendar/years/:year': { build: () => ({ method: 'GET', url: '/api/v1/calendar/years/2031' }), rightful: 'self', leak: () => '矩阵假日' },
  'PUT /api/v1/calendar/years/:year': {
    build: () => ({ method: 'PUT', url: '/api/v1/calendar/years/2032', payload: { entries: [{ date: '2032-01-01', kind: 'OFF', name: '元旦' }] } }),
    rightful: 'office',
  },
  'POST /api/v1/calendar/entries': { build: () => ({ method: 'POST', url: '/api/v1/calendar/entries', payload: { date: '2033-01-03', kind: 'OFF', name: '测试' } }), rightful: 'office' },
  'DELETE /api/v1/calendar/entries/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/calendar/entries/${i.entry}` }), rightful: 'office' },
  'GET /api/v1/calendar/deadline': { build: () => ({ method: 'GET', url: '/api/v1/calendar/deadline?start=2024-09-30&days=20' }), rightful: 'self' },
  'GET /api/v1/calendar/days/:date': { build: () => ({ method: 'GET', url: '/api/v1/calendar/days/2024-10-01' }), rightful: 'self' },

  'GET /api/v1/records/options': { build: () => ({ method: 'GET', url: '/api/v1/records/options' }), rightful: 'office', otherUnitAllowed: '起草选项（体裁、法律依据）是公共的' },
  'GET /api/v1/records': { build: () => ({ method: 'GET', url: '/api/v1/records?pageSize=200' }), rightful: 'office', leak: () => '矩阵信息' },
  'POST /api/v1/records': { build: (i, n) => ({ method: 'POST', url: '/api/v1/records', payload: { unitId: i.unitB, title: `矩阵新信息${n}`, genre: 'notice', attribute: 'proactive' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/records/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}` }), rightful: 'office' },
  'PATCH /api/v1/records/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/records/${i.recordB}`, payload: { title: '改', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/records/:id/actions': { build: (i) => ({ method: 'POST', url: `/api/v1/records/${i.recordB}/actions`, payload: { event: 'submit', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/records/:id/validity': { build: (i) => ({ method: 'POST', url: `/api/v1/records/${i.recordB}/validity`, payload: { validity: 'repealed', on: '2026-01-01', version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/records/:id/history': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}/history` }), rightful: 'office' },
  'GET /api/v1/records/:id/guard': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}/guard` }), rightful: 'office' },
  'POST /api/v1/records/:id/guard/mask': { build: (i) => ({ method: 'POST', url: `/api/v1/records/${i.recordB}/guard/mask`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/records/:id/guard/override': { build: (i) => ({ method: 'POST', url: `/api/v1/records/${i.recordB}/guard/override`, payload: { version: 999, basis: '惩戒公示', reason: '矩阵' } }), rightful: 'secrecy', ok: 409 },
  'GET /api/v1/records/on-time': { build: () => ({ method: 'GET', url: '/api/v1/records/on-time?from=2026-01-01&to=2026-12-31' }), rightful: 'office', leak: () => '示范县财政局' },
  'POST /api/v1/records/cleanup-list': { build: (i) => ({ method: 'POST', url: '/api/v1/records/cleanup-list', payload: { unitId: i.unitB } }), rightful: 'office', ok: 201 },
  'POST /api/v1/records/:id/attachments': { build: (i) => upload(`/api/v1/records/${i.recordB}/attachments`, '图.png', PNG), rightful: 'office', ok: 201 },
  'GET /api/v1/records/:id/attachments': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}/attachments` }), rightful: 'office' },
  'GET /api/v1/records/:id/attachments/:attachmentId': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}/attachments/${i.attachmentB}` }), rightful: 'office' },
  'DELETE /api/v1/records/:id/attachments/:attachmentId': { build: (i) => ({ method: 'DELETE', url: `/api/v1/records/${i.recordB}/attachments/${i.attachmentB}` }), rightful: 'office' },

  'GET /api/v1/notifications': { build: () => ({ method: 'GET', url: '/api/v1/notifications' }), rightful: 'office', leak: () => '矩阵通知' },
  'POST /api/v1/notifications/:id/read': { build: (i) => ({ method: 'POST', url: `/api/v1/notifications/${i.notificationB}/read` }), rightful: 'office' },

  'GET /api/v1/catalogue/domains': { build: () => ({ method: 'GET', url: '/api/v1/catalogue/domains' }), rightful: 'office', otherUnitAllowed: '标准目录对本站点全体工作人员可见' },
  'POST /api/v1/catalogue/domains': { build: (_i, n) => ({ method: 'POST', url: '/api/v1/catalogue/domains', payload: { code: `md${n}`, name: `矩阵领域${n}` } }), rightful: 'office', ok: 201 },
  'POST /api/v1/catalogue/domains/seed': { build: () => ({ method: 'POST', url: '/api/v1/catalogue/domains/seed' }), rightful: 'office' },
  'GET /api/v1/catalogue/domains/:id/items': { build: (i) => ({ method: 'GET', url: `/api/v1/catalogue/domains/${i.domainB}/items` }), rightful: 'office', otherUnitAllowed: '标准目录对本站点全体工作人员可见' },
  'POST /api/v1/catalogue/domains/:id/items': { build: (i, n) => ({ method: 'POST', url: `/api/v1/catalogue/domains/${i.domainB}/items`, payload: itemPayload(n) }), rightful: 'office', ok: 201 },
  'PATCH /api/v1/catalogue/items/:id': { build: (i, n) => ({ method: 'PATCH', url: `/api/v1/catalogue/items/${i.itemB}`, payload: { ...itemPayload(n), version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/catalogue/domains/:id/xlsx': { build: (i) => ({ method: 'GET', url: `/api/v1/catalogue/domains/${i.domainB}/xlsx` }), rightful: 'office', otherUnitAllowed: '标准目录对本站点全体工作人员可见' },
  'POST /api/v1/catalogue/domains/:id/import': { build: (i) => upload(`/api/v1/catalogue/domains/${i.domainB}/import?dryRun=true`, '目录.xlsx', i.xlsx), rightful: 'office' },
  'POST /api/v1/catalogue/obligations/generate': { build: () => ({ method: 'POST', url: '/api/v1/catalogue/obligations/generate', payload: { year: 2031 } }), rightful: 'office' },
  'GET /api/v1/catalogue/obligations': { build: () => ({ method: 'GET', url: '/api/v1/catalogue/obligations?year=2026' }), rightful: 'office', leak: () => '示范县财政局' },
  'GET /api/v1/catalogue/nodes': { build: () => ({ method: 'GET', url: '/api/v1/catalogue/nodes' }), rightful: 'office', otherUnitAllowed: '公开目录对本站点全体工作人员可见' },
  'POST /api/v1/catalogue/nodes': { build: (_i, n) => ({ method: 'POST', url: '/api/v1/catalogue/nodes', payload: { code: `mn${n}`, name: `矩阵目录${n}` } }), rightful: 'office', ok: 201 },

  'POST /api/v1/records/:id/attribute-review': { build: (i) => ({ method: 'POST', url: `/api/v1/records/${i.recordB}/attribute-review`, payload: { decision: 'keep', reason: '矩阵', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/records/attributes': { build: (i) => ({ method: 'POST', url: '/api/v1/records/attributes', payload: { ids: [i.recordB], attribute: 'proactive' } }), rightful: 'office', ok: 400 },

  'GET /api/v1/gazette/issues': { build: () => ({ method: 'GET', url: '/api/v1/gazette/issues' }), rightful: 'office', otherUnitAllowed: '公报对本站点全体工作人员可见' },
  'POST /api/v1/gazette/issues': { build: (_i, n) => ({ method: 'POST', url: '/api/v1/gazette/issues', payload: { year: 2032, number: n } }), rightful: 'office', ok: 201 },
  'GET /api/v1/gazette/issues/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/gazette/issues/${i.gazetteIssue}` }), rightful: 'office', otherUnitAllowed: '公报对本站点全体工作人员可见' },
  'PATCH /api/v1/gazette/issues/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/gazette/issues/${i.gazetteIssue}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'DELETE /api/v1/gazette/issues/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/gazette/issues/${i.gazetteIssue}?version=999` }), rightful: 'office', ok: 409 },
  'PUT /api/v1/gazette/issues/:id/articles': { build: (i) => ({ method: 'PUT', url: `/api/v1/gazette/issues/${i.gazetteIssue}/articles`, payload: { version: 999, articles: [] } }), rightful: 'office', ok: 409 },
  'POST /api/v1/gazette/issues/:id/publish': { build: (i) => ({ method: 'POST', url: `/api/v1/gazette/issues/${i.gazetteIssue}/publish`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/gazette/issues/:id/regenerate': { build: (i) => ({ method: 'POST', url: `/api/v1/gazette/issues/${i.gazetteIssue}/regenerate`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/gazette/issues/:id/pdf': { build: (i) => ({ method: 'GET', url: `/api/v1/gazette/issues/${i.gazetteIssue}/pdf` }), rightful: 'office', otherUnitAllowed: '公报对本站点全体工作人员可见（未出版的为校样）' },
  'POST /api/v1/gazette/back-issues': { build: (i, n) => backIssue(n, i.pdf), rightful: 'office', ok: 201 },

  'GET /api/v1/requests/meta': { build: () => ({ method: 'GET', url: '/api/v1/requests/meta' }), rightful: 'office', otherUnitAllowed: '办理选项（机关、答复类型）对本站点办理人员是公共的' },
  'GET /api/v1/requests': { build: () => ({ method: 'GET', url: '/api/v1/requests?pageSize=200' }), rightful: 'office', leak: () => '矩阵申请' },
  'POST /api/v1/requests': { build: (i) => ({ method: 'POST', url: '/api/v1/requests', payload: requestPayload(i.unitB) }), rightful: 'office', ok: 201 },
  'GET /api/v1/requests/ledger.xlsx': { build: () => ({ method: 'GET', url: '/api/v1/requests/ledger.xlsx' }), rightful: 'office', otherUnitAllowed: '台账只含本人有权查看的单位的申请（见 requests.test.ts）' },
  'GET /api/v1/requests/statistics': { build: () => ({ method: 'GET', url: '/api/v1/requests/statistics?year=2026' }), rightful: 'office', otherUnitAllowed: '统计只含本人有权查看的单位的申请' },
  'GET /api/v1/requests/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/requests/${i.requestB}` }), rightful: 'office' },
  'POST /api/v1/requests/:id/actions': { build: (i) => ({ method: 'POST', url: `/api/v1/requests/${i.requestB}/actions`, payload: { event: 'deliver', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/requests/:id/assists': { build: (i) => ({ method: 'POST', url: `/api/v1/requests/${i.requestB}/assists`, payload: { unitId: i.root, question: '矩阵', workingDays: 2 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/request-assists': { build: () => ({ method: 'GET', url: '/api/v1/request-assists' }), rightful: 'office', leak: () => '矩阵协查' },
  'POST /api/v1/request-assists/:id/answer': { build: (i) => ({ method: 'POST', url: `/api/v1/request-assists/${i.assistB}/answer`, payload: { answer: '矩阵', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/requests/:id/appeals': { build: (i) => ({ method: 'POST', url: `/api/v1/requests/${i.requestB}/appeals`, payload: { path: 'litigation', filedOn: todayLocal(), outcome: 'pending' } }), rightful: 'office', ok: 201 },
  'PUT /api/v1/request-appeals/:id': { build: (i) => ({ method: 'PUT', url: `/api/v1/request-appeals/${i.appealB}`, payload: { path: 'reconsideration', filedOn: todayLocal(), outcome: 'pending', version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/requests/:id/documents': { build: (i) => upload(`/api/v1/requests/${i.requestB}/documents?kind=incoming`, '申请书.png', PNG), rightful: 'office', ok: 201 },
  'GET /api/v1/requests/:id/documents/:documentId': { build: (i) => ({ method: 'GET', url: `/api/v1/requests/${i.requestB}/documents/${i.documentB}` }), rightful: 'office' },

  'POST /api/v1/requests/:id/letters': { build: (i) => ({ method: 'POST', url: `/api/v1/requests/${i.requestB}/letters`, payload: { kind: 'reply' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/request-templates': { build: () => ({ method: 'GET', url: '/api/v1/request-templates' }), rightful: 'office', otherUnitAllowed: '模板属于整个站点，只有站点级的 requests.manage 可改（见 PUT）' },
  'PUT /api/v1/request-templates/:kind': { build: () => ({ method: 'PUT', url: '/api/v1/request-templates/disclosed', payload: { title: '矩阵', body: '{{申请人}}：矩阵', version: 999 } }), rightful: 'office', ok: 409 },
  'DELETE /api/v1/request-templates/:kind': { build: () => ({ method: 'DELETE', url: '/api/v1/request-templates/disclosed?version=999' }), rightful: 'office', ok: 409 },

  'GET /api/v1/consultations': { build: () => ({ method: 'GET', url: '/api/v1/consultations' }), rightful: 'office', leak: () => '矩阵征集' },
  'POST /api/v1/consultations': { build: (i) => ({ method: 'POST', url: '/api/v1/consultations', payload: { unitId: i.unitB, kind: 'other', title: '矩阵新征集', startsOn: '2031-01-01', endsOn: '2031-01-10' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/consultations/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/consultations/${i.consultationB}` }), rightful: 'office' },
  'PATCH /api/v1/consultations/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/consultations/${i.consultationB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/consultations/:id/actions': { build: (i) => ({ method: 'POST', url: `/api/v1/consultations/${i.consultationB}/actions`, payload: { event: 'close', version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/consultations/:id/comments': { build: (i) => ({ method: 'GET', url: `/api/v1/consultations/${i.consultationB}/comments` }), rightful: 'office' },
  'PATCH /api/v1/consultation-comments/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/consultation-comments/${i.commentB}`, payload: { version: 999, state: 'approved' } }), rightful: 'office', ok: 409 },
  'GET /api/v1/decisions': { build: () => ({ method: 'GET', url: '/api/v1/decisions' }), rightful: 'office', leak: () => '矩阵决策' },
  'POST /api/v1/decisions': { build: (i) => ({ method: 'POST', url: '/api/v1/decisions', payload: { year: 2031, title: '矩阵新决策', unitId: i.unitB } }), rightful: 'office', ok: 201 },
  'GET /api/v1/decisions/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/decisions/${i.decisionB}` }), rightful: 'office' },
  'PATCH /api/v1/decisions/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/decisions/${i.decisionB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },

  'GET /api/v1/messages': { build: () => ({ method: 'GET', url: '/api/v1/messages' }), rightful: 'office', leak: () => '矩阵来信' },
  'GET /api/v1/messages/statistics': { build: () => ({ method: 'GET', url: '/api/v1/messages/statistics?from=2020-01-01&to=2099-12-31' }), rightful: 'office', leak: () => '示范县财政局' },
  'GET /api/v1/messages/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/messages/${i.messageB}` }), rightful: 'office' },
  'POST /api/v1/messages/:id/actions': { build: (i) => ({ method: 'POST', url: `/api/v1/messages/${i.messageB}/actions`, payload: { event: 'close', version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/opinions': { build: () => ({ method: 'GET', url: '/api/v1/opinions' }), rightful: 'office', leak: () => '矩阵舆情' },
  'POST /api/v1/opinions': { build: (i) => ({ method: 'POST', url: '/api/v1/opinions', payload: { title: '矩阵新舆情', source: '网络', level: 'general', detectedAt: new Date().toISOString(), unitId: i.unitB } }), rightful: 'office', ok: 201 },
  'GET /api/v1/opinions/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/opinions/${i.opinionB}` }), rightful: 'office' },
  'POST /api/v1/opinions/:id/releases': { build: (i) => ({ method: 'POST', url: `/api/v1/opinions/${i.opinionB}/releases`, payload: { kind: 'response', version: 999, content: '矩阵' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/opinions/:id/close': { build: (i) => ({ method: 'POST', url: `/api/v1/opinions/${i.opinionB}/close`, payload: { version: 999, note: '矩阵' } }), rightful: 'office', ok: 409 },

  'GET /api/v1/events': { build: () => ({ method: 'GET', url: '/api/v1/events' }), rightful: 'office', leak: () => '矩阵开放日' },
  'POST /api/v1/events': { build: (i) => ({ method: 'POST', url: '/api/v1/events', payload: { kind: 'press_conference', unitId: i.unitB, title: '矩阵新发布会', startsAt: '2031-01-10T10:00:00+08:00' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/events/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/events/${i.eventB}` }), rightful: 'office' },
  'PATCH /api/v1/events/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/events/${i.eventB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/events/:id/actions': { build: (i) => ({ method: 'POST', url: `/api/v1/events/${i.eventB}/actions`, payload: { event: 'cancel', version: 999, reason: '矩阵' } }), rightful: 'office', ok: 409 },
  'PUT /api/v1/events/:id/opinions': {
    build: (i) => ({ method: 'PUT', url: `/api/v1/events/${i.eventB}/opinions`, payload: { version: 999, opinions: [{ representative: '矩阵代表', opinion: '矩阵意见', adopted: true, response: '矩阵采纳' }] } }),
    rightful: 'office',
    ok: 409,
  },
  'GET /api/v1/events/:id/registrations': { build: (i) => ({ method: 'GET', url: `/api/v1/events/${i.eventB}/registrations` }), rightful: 'office' },
  'PATCH /api/v1/event-registrations/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/event-registrations/${i.registrationB}`, payload: { version: 999, state: 'selected' } }), rightful: 'office', ok: 409 },
  'GET /api/v1/proposals': { build: () => ({ method: 'GET', url: '/api/v1/proposals' }), rightful: 'office', leak: () => '矩阵建议' },
  'POST /api/v1/proposals': { build: (_i, n) => ({ method: 'POST', url: '/api/v1/proposals', payload: { kind: 'npc_suggestion', session: '矩阵会议', number: `矩阵第${n}号`, title: '矩阵新建议', proposers: ['矩阵代表'], content: '矩阵建议：建议如下，请研究办理。' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/proposals/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/proposals/${i.proposalB}` }), rightful: 'office' },
  'POST /api/v1/proposals/:id/assign': { build: (i) => ({ method: 'POST', url: `/api/v1/proposals/${i.proposalB}/assign`, payload: { version: 999, unitId: i.unitB } }), rightful: 'office', ok: 409 },
  'POST /api/v1/proposals/:id/reply': { build: (i) => ({ method: 'POST', url: `/api/v1/proposals/${i.proposalB}/reply`, payload: { version: 999, reply: '矩阵答复：经研究已经办理完毕。', result: 'A', disclosure: 'full' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/proposals/:id/publish': { build: (i) => ({ method: 'POST', url: `/api/v1/proposals/${i.proposalB}/publish`, payload: { version: 999 } }), rightful: 'office', ok: 409 },

  'GET /api/v1/records/:id/interpretations': { build: (i) => ({ method: 'GET', url: `/api/v1/records/${i.recordB}/interpretations` }), rightful: 'office' },
  'GET /api/v1/interpretations': { build: () => ({ method: 'GET', url: '/api/v1/interpretations' }), rightful: 'office', leak: () => '矩阵解读' },
  'POST /api/v1/interpretations': { build: (i) => ({ method: 'POST', url: '/api/v1/interpretations', payload: { recordId: i.recordB, form: 'text', title: '矩阵解读二' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/interpretations/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/interpretations/${i.interpretationB}` }), rightful: 'office' },
  'PATCH /api/v1/interpretations/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/interpretations/${i.interpretationB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/interpretations/:id/publish': { build: (i) => ({ method: 'POST', url: `/api/v1/interpretations/${i.interpretationB}/publish`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/interpretations/:id/withdraw': { build: (i) => ({ method: 'POST', url: `/api/v1/interpretations/${i.interpretationB}/withdraw`, payload: { version: 999, note: '矩阵' } }), rightful: 'office', ok: 409 },

  'GET /api/v1/reports/meta': { build: () => ({ method: 'GET', url: '/api/v1/reports/meta' }), rightful: 'office', otherUnitAllowed: '编写选项（格式、汇总范围、标题）是公共的' },
  'GET /api/v1/reports': { build: () => ({ method: 'GET', url: '/api/v1/reports' }), rightful: 'office', leak: () => '示范县财政局' },
  'POST /api/v1/reports': { build: (i) => ({ method: 'POST', url: '/api/v1/reports', payload: { unitId: i.unitB, year: 2026 } }), rightful: 'office', ok: 201 },
  'POST /api/v1/reports/import': { build: (i) => ({ method: 'POST', url: '/api/v1/reports/import', payload: reportImport(i.unitB) }), rightful: 'office', ok: 201 },
  'GET /api/v1/reports/status': { build: () => ({ method: 'GET', url: '/api/v1/reports/status?year=2025' }), rightful: 'office', leak: () => '示范县财政局' },
  'GET /api/v1/reports/rollup': { build: () => ({ method: 'GET', url: '/api/v1/reports/rollup?year=2025' }), rightful: 'office' },
  'GET /api/v1/reports/rollup.xlsx': { build: () => ({ method: 'GET', url: '/api/v1/reports/rollup.xlsx?year=2025' }), rightful: 'office' },
  'GET /api/v1/reports/unit-figures': { build: () => ({ method: 'GET', url: '/api/v1/reports/unit-figures?year=2025' }), rightful: 'office', leak: () => '示范县财政局' },
  'PUT /api/v1/reports/unit-figures': {
    build: (i) => ({ method: 'PUT', url: '/api/v1/reports/unit-figures', payload: { unitId: i.unitB, year: 2026, licensing: 1, penalty: 2, enforcement: 3, feesWan: 4.5, version: 0 } }),
    rightful: 'office',
  },
  'GET /api/v1/reports/unit-figures.xlsx': { build: () => ({ method: 'GET', url: '/api/v1/reports/unit-figures.xlsx?year=2025' }), rightful: 'office', leak: () => '示范县财政局' },
  'POST /api/v1/reports/unit-figures/import': { build: (i) => upload('/api/v1/reports/unit-figures/import?year=2027', '填报表.xlsx', i.figuresXlsx), rightful: 'office' },
  'GET /api/v1/reports/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/reports/${i.reportB}` }), rightful: 'office' },
  'PATCH /api/v1/reports/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/reports/${i.reportB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'PUT /api/v1/reports/:id/figures': {
    build: (i) => ({ method: 'PUT', url: `/api/v1/reports/${i.reportB}/figures`, payload: { version: 999, reason: '矩阵', section4: { reconsideration: zero5, litigation: zero5, litigationAfterReconsideration: zero5 } } }),
    rightful: 'office',
    ok: 409,
  },
  'POST /api/v1/reports/:id/generate': { build: (i) => ({ method: 'POST', url: `/api/v1/reports/${i.reportB}/generate`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/reports/:id/check': { build: (i) => ({ method: 'POST', url: `/api/v1/reports/${i.reportB}/check`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/reports/:id/publish': { build: (i) => ({ method: 'POST', url: `/api/v1/reports/${i.reportB}/publish`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/reports/:id/placeholders': { build: (i) => ({ method: 'GET', url: `/api/v1/reports/${i.reportB}/placeholders` }), rightful: 'office' },
  'GET /api/v1/reports/:id/docx': { build: (i) => ({ method: 'GET', url: `/api/v1/reports/${i.reportB}/docx` }), rightful: 'office' },
  'GET /api/v1/reports/:id/pdf': { build: (i) => ({ method: 'GET', url: `/api/v1/reports/${i.reportB}/pdf` }), rightful: 'office' },

  'GET /api/v1/policy/options': { build: () => ({ method: 'GET', url: '/api/v1/policy/options' }), rightful: 'office', otherUnitAllowed: '政策找人的选项（群体、行业、规模、地区）是公共的' },
  'GET /api/v1/policy/qa': { build: () => ({ method: 'GET', url: '/api/v1/policy/qa' }), rightful: 'office', leak: () => '矩阵问答' },
  'POST /api/v1/policy/qa': { build: (i, n) => ({ method: 'POST', url: '/api/v1/policy/qa', payload: { question: `矩阵新问答${n}`, answer: '矩阵答复内容', recordIds: [i.recordB] } }), rightful: 'office', ok: 201 },
  'GET /api/v1/policy/qa/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/policy/qa/${i.qaB}` }), rightful: 'office' },
  'PATCH /api/v1/policy/qa/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/policy/qa/${i.qaB}`, payload: { version: 999, answer: '矩阵改后的答复' } }), rightful: 'office', ok: 409 },
  'GET /api/v1/policy/questions': { build: () => ({ method: 'GET', url: '/api/v1/policy/questions' }), rightful: 'office', leak: () => '矩阵提问' },
  'POST /api/v1/policy/questions/:id/answer': { build: (i) => ({ method: 'POST', url: `/api/v1/policy/questions/${i.questionB}/answer`, payload: { version: 999, answer: '矩阵答复内容', recordIds: [i.recordB] } }), rightful: 'office', ok: 409 },
  'POST /api/v1/policy/questions/:id/dismiss': { build: (i) => ({ method: 'POST', url: `/api/v1/policy/questions/${i.questionB}/dismiss`, payload: { version: 999, note: '矩阵' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/policy/questions/:id/assign': { build: (i) => ({ method: 'POST', url: `/api/v1/policy/questions/${i.questionB}/assign`, payload: { version: 999, unitId: i.unitB } }), rightful: 'office', ok: 409 },
  'GET /api/v1/policy/benefits': { build: () => ({ method: 'GET', url: '/api/v1/policy/benefits' }), rightful: 'office', leak: () => '矩阵信息' },
  'GET /api/v1/policy/benefits/:recordId': { build: (i) => ({ method: 'GET', url: `/api/v1/policy/benefits/${i.recordB}` }), rightful: 'office' },
  'PUT /api/v1/policy/benefits/:recordId': {
    build: (i) => ({ method: 'PUT', url: `/api/v1/policy/benefits/${i.recordB}`, payload: { version: 999, unitId: i.unitB, audiences: ['person'], areas: [], groups: [], industries: [], sizes: [], topics: ['subsidy'], ageMin: null, ageMax: null, localHukouOnly: false } }),
    rightful: 'office',
    ok: 409,
  },
  'DELETE /api/v1/policy/benefits/:recordId': { build: (i) => ({ method: 'DELETE', url: `/api/v1/policy/benefits/${i.recordB}?version=999` }), rightful: 'office', ok: 409 },
  'GET /api/v1/policy/benefits/:recordId/reach': { build: (i) => ({ method: 'GET', url: `/api/v1/policy/benefits/${i.recordB}/reach` }), rightful: 'office' },
  'GET /api/v1/policy/subscribers/summary': { build: () => ({ method: 'GET', url: '/api/v1/policy/subscribers/summary' }), rightful: 'office' },
  'GET /api/v1/policy/outbox/summary': { build: () => ({ method: 'GET', url: '/api/v1/policy/outbox/summary' }), rightful: 'office' },

  'GET /api/v1/task-meta': { build: () => ({ method: 'GET', url: '/api/v1/task-meta' }), rightful: 'office', otherUnitAllowed: '工作任务的选项（状态、分工角色、评分办法的默认值、台账列）是公共的' },
  'POST /api/v1/task-imports': { build: (i) => upload('/api/v1/task-imports', '矩阵任务分解表.txt', i.notice), rightful: 'office', ok: 201 },
  'GET /api/v1/task-imports': { build: () => ({ method: 'GET', url: '/api/v1/task-imports' }), rightful: 'office' },
  'GET /api/v1/task-imports/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/task-imports/${i.importB}` }), rightful: 'office' },
  'PUT /api/v1/task-imports/:id': { build: (i) => ({ method: 'PUT', url: `/api/v1/task-imports/${i.importB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/task-imports/:id/confirm': { build: (i) => ({ method: 'POST', url: `/api/v1/task-imports/${i.importB}/confirm`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'POST /api/v1/task-imports/:id/discard': { build: (i) => ({ method: 'POST', url: `/api/v1/task-imports/${i.importB}/discard`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/task-plans': { build: () => ({ method: 'GET', url: '/api/v1/task-plans' }), rightful: 'office', leak: () => '矩阵工作计划' },
  'GET /api/v1/task-plans/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}` }), rightful: 'office' },
  'PATCH /api/v1/task-plans/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/task-plans/${i.planB}`, payload: { version: 999, title: '改' } }), rightful: 'office', ok: 409 },
  'GET /api/v1/task-plans/:id/matrix': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/matrix` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/scores': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/scores` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/scores.xlsx': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/scores.xlsx` }), rightful: 'office' },
  'POST /api/v1/task-plans/:id/bonuses': { build: (i) => ({ method: 'POST', url: `/api/v1/task-plans/${i.planB}/bonuses`, payload: { unitId: i.unitB, points: 1, reason: '矩阵加分二' } }), rightful: 'office', ok: 201 },
  'DELETE /api/v1/task-bonuses/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/task-bonuses/${i.bonusB}` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/ledger-units': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/ledger-units` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/ledger': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/ledger?unitId=${i.unitB}` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/ledger.xlsx': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/ledger.xlsx?unitId=${i.unitB}` }), rightful: 'office' },
  'POST /api/v1/task-plans/:id/ledger': { build: (i) => ({ method: 'POST', url: `/api/v1/task-plans/${i.planB}/ledger`, payload: { unitId: i.unitB, task: '矩阵自行增加的工作', measure: '矩阵举措' } }), rightful: 'office', ok: 201 },
  'PUT /api/v1/task-ledger-rows/:id': { build: (i) => ({ method: 'PUT', url: `/api/v1/task-ledger-rows/${i.ledgerRowB}`, payload: { version: 999, measure: '改' } }), rightful: 'office', ok: 409 },
  'DELETE /api/v1/task-ledger-rows/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/task-ledger-rows/${i.ledgerRowB}?version=999` }), rightful: 'office', ok: 409 },
  'POST /api/v1/task-plans/:id/circulars/preview': { build: (i) => ({ method: 'POST', url: `/api/v1/task-plans/${i.planB}/circulars/preview`, payload: {} }), rightful: 'office' },
  'POST /api/v1/task-plans/:id/circulars': { build: (i) => ({ method: 'POST', url: `/api/v1/task-plans/${i.planB}/circulars`, payload: {} }), rightful: 'office', ok: 201 },
  'GET /api/v1/task-plans/:id/circulars': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/circulars` }), rightful: 'office' },
  'GET /api/v1/task-circulars/:id/docx': { build: (i) => ({ method: 'GET', url: `/api/v1/task-circulars/${i.circularB}/docx` }), rightful: 'office' },
  'GET /api/v1/task-plans/:id/look-back': { build: (i) => ({ method: 'GET', url: `/api/v1/task-plans/${i.planB}/look-back` }), rightful: 'office' },
  'POST /api/v1/task-plans/:id/look-back': { build: (i) => ({ method: 'POST', url: `/api/v1/task-plans/${i.planB}/look-back`, payload: { version: 999 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/tasks/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/tasks/${i.taskB}` }), rightful: 'office' },
  'PATCH /api/v1/tasks/:id': { build: (i) => ({ method: 'PATCH', url: `/api/v1/tasks/${i.taskB}`, payload: { version: 999, weight: 2 } }), rightful: 'office', ok: 409 },
  'GET /api/v1/task-assignments': { build: () => ({ method: 'GET', url: '/api/v1/task-assignments' }), rightful: 'office', leak: () => '矩阵任务' },
  'GET /api/v1/task-assignments/:id': { build: (i) => ({ method: 'GET', url: `/api/v1/task-assignments/${i.assignmentB}` }), rightful: 'office' },
  'POST /api/v1/task-periods/:id/progress': { build: (i) => ({ method: 'POST', url: `/api/v1/task-periods/${i.periodB}/progress`, payload: { version: 999, state: 'in_progress', text: '矩阵进展' } }), rightful: 'office', ok: 409 },
  'POST /api/v1/task-periods/:id/evidence': { build: (i) => upload(`/api/v1/task-periods/${i.periodB}/evidence`, '佐证.png', PNG), rightful: 'office', ok: 201 },
  'GET /api/v1/task-evidence/:id/file': { build: (i) => ({ method: 'GET', url: `/api/v1/task-evidence/${i.evidenceB}/file` }), rightful: 'office' },
  'DELETE /api/v1/task-evidence/:id': { build: (i) => ({ method: 'DELETE', url: `/api/v1/task-evidence/${i.evidenceB}` }), rightful: 'office' },
  'POST /api/v1/task-urges': { build: (i) => ({ method: 'POST', url: '/api/v1/task-urges', payload: { planId: i.planB, unitId: i.unitB, taskId: i.taskB, message: '矩阵催办：再次催办' } }), rightful: 'office', ok: 201 },
  'GET /api/v1/task-urges': { build: () => ({ method: 'GET', url: '/api/v1/task-urges' }), rightful: 'office', leak: () => '矩阵催办' },
  'POST /api/v1/task-urges/:id/acknowledge': { build: (i) => ({ method: 'POST', url: `/api/v1/task-urges/${i.urgeB}/acknowledge`, payload: { version: 999, response: '矩阵落实情况' } }), rightful: 'office', ok: 409 },

  'GET /api/v1/audit': { build: () => ({ method: 'GET', url: '/api/v1/audit' }), rightful: 'office', leak: () => '示范县' },
  'POST /api/v1/audit/verify': { build: () => ({ method: 'POST', url: '/api/v1/audit/verify' }), rightful: 'office' },
};

let t: TestApp;
let ids: Ids;
const agents = new Map<string, Agent>();
let n = 0;

async function agentFor(username: string, tenant?: string): Promise<Agent> {
  const key = `${tenant ?? ''}/${username}`;
  if (!agents.has(key)) agents.set(key, await loginAs(t.app, username, tenant));
  return agents.get(key)!;
}

/** A user holding every role that lacks `permission`, over the whole county. */
async function wrongRoleUser(permission: Permission): Promise<Agent> {
  const username = `wrong-${permission.replace(/\./g, '-')}`;
  if (!agents.has(username)) {
    const caller: Caller = { kind: 'system', actor: systemActor(ids.tenantId, '测试') };
    const u = await createUser(t.database.db, caller, { username, displayName: '错角色', unitId: ids.root, password: PASSWORD, mustChangePassword: false });
    const roles = ROLES.filter((r) => !ROLE_PERMISSIONS[r].includes(permission));
    for (const role of roles) await grantRole(t.database.db, caller, u.id, { role, unitId: ids.root, includeSubtree: true });
    agents.set(username, await loginAs(t.app, username));
  }
  return agents.get(username)!;
}

beforeAll(async () => {
  t = await createTestApp();
  const tenant = (await getTenantByCode(t.database.db, 'shifan'))!;
  const caller: Caller = { kind: 'system', actor: systemActor(tenant.tenantId, '测试') };
  const units = await listUnits(t.database.db, tenant.tenantId);
  const unit = (code: string) => units.find((u) => u.code === code)!;
  const alias = await addAlias(t.database.db, caller, unit('czj').id, '矩阵别名');
  const userB = await createUser(t.database.db, caller, { username: 'matrix-b', displayName: '财政局矩阵', unitId: unit('czj').id, password: PASSWORD, mustChangePassword: false });
  const withGrant = await grantRole(t.database.db, caller, userB.id, { role: 'unit_editor', unitId: unit('czj').id });
  // The "other unit" user: every role, on 青山镇 only.
  const x = await createUser(t.database.db, caller, { username: 'matrix-x', displayName: '青山镇全角色', unitId: unit('qsz').id, password: PASSWORD, mustChangePassword: false });
  for (const role of ROLES) if (role !== 'platform_admin') await grantRole(t.database.db, caller, x.id, { role, unitId: unit('qsz').id });
  const office = await agentFor('office');
  const token = await office.post('/api/v1/api-tokens', { name: '矩阵令牌', userId: userB.id });
  const entry = await office.post('/api/v1/calendar/entries', { date: '2031-05-06', kind: 'OFF', name: '矩阵假日' });
  const record = await office.post('/api/v1/records', { unitId: unit('czj').id, title: '矩阵信息', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>身份证号码 11010519491231002X</p>' });
  const att = await office.send(upload(`/api/v1/records/${record.json().id}/attachments`, '附图.png', PNG));
  await notify(t.database.db, { tenantId: tenant.tenantId, unitId: unit('czj').id, kind: 'test', dedupeKey: 'matrix', title: '矩阵通知', body: '给财政局' });
  const [notification] = (await office.get('/api/v1/notifications')).json() as { id: string; title: string }[];
  const domains = (await office.get('/api/v1/catalogue/domains')).json() as { id: string }[];
  const item = await office.post(`/api/v1/catalogue/domains/${domains[0]!.id}/items`, itemPayload(0));
  const xlsx = await office.get(`/api/v1/catalogue/domains/${domains[0]!.id}/xlsx`);
  const gazette = await office.post('/api/v1/gazette/issues', { year: 2031, number: 1, articles: [{ title: '矩阵公报文章', section: '人事任免' }] });
  const request = (await office.post('/api/v1/requests', requestPayload(unit('czj').id))).json().request as { id: string; version: number };
  const replied = (await office.post(`/api/v1/requests/${request.id}/actions`, { event: 'reply', result: 'disclosed', version: request.version })).json() as { id: string };
  const appeal = await office.post(`/api/v1/requests/${replied.id}/appeals`, { path: 'reconsideration', filedOn: todayLocal(), outcome: 'pending' });
  const document = await office.send(upload(`/api/v1/requests/${replied.id}/documents?kind=incoming`, '申请书.png', PNG));
  const interpretation = await office.post('/api/v1/interpretations', { recordId: record.json().id, form: 'text', title: '矩阵解读', bodyHtml: '<p>背景</p>' });
  const consultation = (await office.post('/api/v1/consultations', { unitId: unit('czj').id, kind: 'other', title: '矩阵征集', draftHtml: '<p>稿</p>', startsOn: todayLocal(), endsOn: '2099-12-31' })).json() as { id: string; version: number };
  await office.post(`/api/v1/consultations/${consultation.id}/actions`, { event: 'open', version: consultation.version });
  const opinion = await submitComment(t.database.db, tenant.tenantId, consultation.id, { body: '矩阵意见：建议如下' });
  const decision = await office.post('/api/v1/decisions', { year: 2031, title: '矩阵决策', unitId: unit('czj').id });
  const letter = await submitMessage(t.database.db, tenant.tenantId, { kind: 'unit', unitId: unit('czj').id, category: 'consult', subject: '矩阵来信', body: '矩阵来信：咨询财政补贴政策的办理流程', writerName: '矩阵', phone: '13800138000' });
  const messageB = ((await office.get('/api/v1/messages')).json() as { id: string; number: string }[]).find((m) => m.number === letter.number)!.id;
  const opinionEvent = await office.post('/api/v1/opinions', { title: '矩阵舆情', source: '网络', level: 'general', detectedAt: new Date().toISOString(), unitId: unit('czj').id });
  const openDay = (await office.post('/api/v1/events', { kind: 'open_day', unitId: unit('czj').id, title: '矩阵开放日', startsAt: '2099-06-01T09:00:00+08:00', capacity: 10, registrationClosesAt: '2099-05-25T17:00:00+08:00' })).json() as { id: string; version: number };
  await office.post(`/api/v1/events/${openDay.id}/actions`, { event: 'publish', version: openDay.version });
  const registration = await submitRegistration(t.database.db, tenant.tenantId, openDay.id, { name: '矩阵报名', phone: '13800138000', reason: '矩阵报名：想参加开放日' });
  const proposal = (await office.post('/api/v1/proposals', { kind: 'npc_suggestion', session: '矩阵会议', number: '矩阵第0号', title: '矩阵建议', proposers: ['矩阵代表'], content: '矩阵建议：建议如下，请研究办理。' })).json() as { id: string; version: number };
  await office.post(`/api/v1/proposals/${proposal.id}/assign`, { version: proposal.version, unitId: unit('czj').id });
  const rootRequest = (await office.post('/api/v1/requests', requestPayload(units.find((u) => !u.parentId)!.id))).json().request as { id: string };
  const assisted = (await office.post(`/api/v1/requests/${rootRequest.id}/assists`, { unitId: unit('czj').id, question: '矩阵协查：请核实', workingDays: 3 })).json() as { assists: { id: string }[] };
  const reportB = (await office.post('/api/v1/reports', { unitId: unit('czj').id, year: 2025 })).json() as { id: string };
  const ExcelJS = (await import('exceljs')).default;
  const sheet = new ExcelJS.Workbook();
  const sheetRows = sheet.addWorksheet('填报');
  sheetRows.addRow(['单位编码', '行政许可（本年处理决定数量）', '行政处罚（本年处理决定数量）', '行政强制（本年处理决定数量）', '行政事业性收费（本年收费金额，万元）']);
  sheetRows.addRow(['czj', 1, 2, 3, 0.5]);
  // 政策问答和政策找人: an entry citing record B, its policy metadata, a question queued to the government.
  const qa = await office.post('/api/v1/policy/qa', { question: '矩阵问答：有什么补贴', answer: '矩阵答复内容', recordIds: [record.json().id] });
  await office.put(`/api/v1/policy/benefits/${record.json().id}`, { version: 0, unitId: unit('czj').id, audiences: ['person'], areas: [], groups: [], industries: [], sizes: [], topics: ['subsidy'], ageMin: null, ageMax: null, localHukouOnly: false });
  const question = await queueQuestion(t.database.db, tenant.tenantId, '矩阵提问：有什么补贴');
  // 工作任务: the notice imported, renamed and confirmed; 县财政局's assignment, its period and ledger row; a file
  // as evidence, a 催办, a bonus item and a circular; the notice imported once more and left to review.
  const notice = new TextEncoder().encode(TASK_NOTICE);
  const taskImport = (await office.send(upload('/api/v1/task-imports', '矩阵任务分解表.txt', notice))).json() as { id: string; version: number };
  const reviewed = (await office.put(`/api/v1/task-imports/${taskImport.id}`, { version: taskImport.version, title: '矩阵工作计划' })).json() as { version: number };
  const { planId } = (await office.post(`/api/v1/task-imports/${taskImport.id}/confirm`, { version: reviewed.version })).json() as { planId: string };
  const draftImport = (await office.send(upload('/api/v1/task-imports', '矩阵任务分解表.txt', notice))).json() as { id: string };
  const [assignment] = (await office.get(`/api/v1/task-assignments?planId=${planId}&unitId=${unit('czj').id}`)).json() as { id: string; taskId: string }[];
  const [period] = ((await office.get(`/api/v1/task-assignments/${assignment!.id}`)).json() as { periods: { id: string }[] }).periods;
  const evidence = (await office.send(upload(`/api/v1/task-periods/${period!.id}/evidence`, '佐证.png', PNG))).json() as { id: string };
  const [ledgerRow] = ((await office.get(`/api/v1/task-plans/${planId}/ledger?unitId=${unit('czj').id}`)).json() as { rows: { id: string }[] }).rows;
  const urge = (await office.post('/api/v1/task-urges', { planId, unitId: unit('czj').id, taskId: assignment!.taskId, message: '矩阵催办：请加快落实' })).json() as { id: string };
  const bonus = (await office.post(`/api/v1/task-plans/${planId}/bonuses`, { unitId: unit('czj').id, points: 1, reason: '矩阵加分' })).json() as { id: string };
  const circular = (await office.post(`/api/v1/task-plans/${planId}/circulars`, {})).json() as { id: string };
  ids = {
    tenantId: tenant.tenantId,
    root: units.find((u) => !u.parentId)!.id,
    unitB: unit('czj').id,
    unitX: unit('qsz').id,
    aliasB: alias.id,
    userB: userB.id,
    grantB: withGrant.grants[0]!.id,
    tokenB: token.json().view.id,
    entry: entry.json().id,
    recordB: record.json().id,
    attachmentB: att.json().id,
    notificationB: notification!.id,
    domainB: domains[0]!.id,
    itemB: item.json().id,
    xlsx: xlsx.rawPayload,
    gazetteIssue: gazette.json().id,
    pdf: await makePdf(),
    requestB: replied.id,
    appealB: appeal.json().id,
    documentB: document.json().id,
    assistB: assisted.assists[0]!.id,
    reportB: reportB.id,
    figuresXlsx: Buffer.from(await sheet.xlsx.writeBuffer()),
    interpretationB: interpretation.json().id,
    consultationB: consultation.id,
    commentB: opinion.id,
    decisionB: decision.json().id,
    messageB,
    opinionB: opinionEvent.json().id,
    eventB: openDay.id,
    registrationB: registration.id,
    proposalB: proposal.id,
    qaB: qa.json().id,
    questionB: question.id,
    notice,
    importB: draftImport.id,
    planB: planId,
    taskB: assignment!.taskId,
    assignmentB: assignment!.id,
    periodB: period!.id,
    ledgerRowB: ledgerRow!.id,
    evidenceB: evidence.id,
    urgeB: urge.id,
    bonusB: bonus.id,
    circularB: circular.id,
  };
});

afterAll(async () => {
  await t?.close();
});

/** A fingerprint of every row a tenant has, but the log and the sessions (which refusals may touch). */
async function digest(tenantId: string): Promise<string> {
  const { rows: tables } = await t.database.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT IN ('audit_log', 'sessions') ORDER BY table_name",
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await t.database.pool.query<{ d: string | null }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM "${table_name}" x WHERE tenant_id = $1`,
      [tenantId],
    );
    parts.push(`${table_name}:${rows[0]!.d}`);
  }
  return parts.join(',');
}

const refused = (status: number) => status === 401 || status === 403 || status === 404;

describe('authorisation matrix', () => {
  it('has a row for every non-public route, and a route for every row', () => {
    const guarded = t.app.routeList.filter((r) => r.access !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(guarded.length).toBeGreaterThan(30);
    expect([...guarded].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('declares public only what is meant to be public', () => {
    const publicApi = t.app.routeList.filter((r) => r.access === 'public' && r.url.startsWith('/api/v1')).map((r) => `${r.method} ${r.url}`);
    // The open API (/api/v1/public/…) is public and read-only; elsewhere only the login and the session probe.
    const openApi = publicApi.filter((k) => k.startsWith('GET /api/v1/public/'));
    expect(openApi.length).toBeGreaterThan(0);
    expect(publicApi.filter((k) => !openApi.includes(k)).sort()).toEqual(['GET /api/v1/auth/session', 'GET /api/v1/openapi.json', 'POST /api/v1/auth/login']);
    expect(publicApi.filter((k) => k.includes('/api/v1/public/') && !k.startsWith('GET '))).toEqual([]);
  });

  for (const [key, c] of Object.entries(MATRIX)) {
    it(`${key}: refuses the anonymous caller, another tenant, another unit and the wrong role; allows the rightful caller`, async () => {
      const route = t.app.routeList.find((r) => `${r.method} ${r.url}` === key)!;
      const req = c.build(ids, ++n);
      const send = (a: Agent) => a.send({ method: req.method, url: req.url, payload: req.payload, ...(req.headers ? { headers: req.headers } : {}) });

      // 1. Anonymous.
      const anon = await send(new Agent(t.app));
      expect(anon.statusCode, `${key} anonymous`).toBe(401);
      expect(anon.json().error.message).toMatch(/登录/);

      if (c.rightful !== 'self') {
        const other = await agentFor('other-office', 'duizhao');
        const x = await agentFor('matrix-x');
        const wrong = typeof route.access === 'object' ? await wrongRoleUser(route.access.permission) : undefined;
        const before = await digest(ids.tenantId);

        // 2. Another tenant's office administrator: refused, or answered from its own tenant only.
        const o = await send(other);
        expect(o.statusCode, `${key} other tenant`).toBeLessThan(500);
        expect(o.body, `${key} other tenant leaks`).not.toContain('示范县');
        expect(o.body).not.toContain(ids.unitB);

        // 3. A user holding every role, but in another unit.
        const xr = await send(x);
        if (c.otherUnitAllowed) {
          expect(xr.statusCode, `${key} other unit (${c.otherUnitAllowed})`).toBeLessThan(300);
        } else if (!refused(xr.statusCode)) {
          expect(xr.statusCode, `${key} other unit`).toBeLessThan(300);
          expect(c.leak, `${key}: an other-unit caller got ${xr.statusCode}; a list route must name what would leak`).toBeDefined();
          expect(xr.body, `${key} other unit leaks`).not.toContain(c.leak!(ids));
        }

        // 4. The wrong role, over the whole county.
        if (wrong) {
          const w = await send(wrong);
          expect(w.statusCode, `${key} wrong role`).toBe(403);
          expect(w.json().error.message).toMatch(/权限/);
        }
        // None of them changed anything of the county's.
        expect(await digest(ids.tenantId), `${key}: a refused caller changed data`).toBe(before);
      }

      // 5. The rightful caller, same request.
      const rightful = c.rightful === 'admin' ? await agentFor('admin') : c.rightful === 'office' ? await agentFor('office') : c.rightful === 'secrecy' ? await agentFor('secrecy') : await loginAs(t.app, 'inspector');
      const res = await send(rightful);
      if (c.ok) expect(res.statusCode, `${key} rightful: ${res.body}`).toBe(c.ok);
      else expect(res.statusCode, `${key} rightful: ${res.body}`).toBeLessThan(300);
      if (res.statusCode >= 400) expect(res.json().error.code).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    });
  }
});
