// Shapes of the JSON the server answers with (see src/modules/*/routes.ts).

export interface Grant {
  id: string;
  role: string;
  roleLabel?: string;
  unitId: string;
  unitName: string;
  includeSubtree: boolean;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  totpEnabled: boolean;
  isDemo: boolean;
  grants: Grant[];
  permissions: string[];
}

export interface TenantInfo {
  tenantId: string;
  code: string;
  name: string;
  shortName: string;
}

export interface SessionInfo {
  authenticated: boolean;
  totpRequired: boolean;
  mustChangePassword: boolean;
  csrfToken: string | null;
  tenant: TenantInfo | null;
  user: SessionUser | null;
}

export interface Ok {
  ok: true;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface UnitAlias {
  id: string;
  alias: string;
  source: string;
}

export interface Unit {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  name: string;
  shortName: string;
  kind: string;
  orgCode: string | null;
  sortOrder: number;
  abolished: boolean;
  aliases: UnitAlias[];
  version: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  grants: Grant[];
  version: number;
}

export type DayKind = 'OFF' | 'WORK';

export interface CalendarEntry {
  id: string | null;
  date: string;
  kind: string;
  name: string;
  note: string | null;
  source: string;
  overrides: boolean;
}

export interface CalendarYear {
  entries: CalendarEntry[];
  coveredYears: number[];
}

export interface EntryInput {
  date: string;
  kind: DayKind;
  name: string;
  note?: string | null;
}

export interface DeadlineResult {
  start: string;
  workingDays: number;
  due: string;
  counted: string[];
  skipped: { date: string; reason: string; name?: string }[];
  makeUpDays: string[];
  pauses: { from: string; to: string; reason: string }[];
  warnings: string[];
  explanation: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
  hash: string;
}

export interface AuditPage extends Paged<AuditEntry> {
  actions: string[];
}

export interface AuditVerify {
  ok: boolean;
  entries: number;
  problem?: { seq: number; reason: string };
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export interface TenantSettings {
  portalTitle?: string;
  address?: string;
  phone?: string;
  icp?: string;
  police?: string;
  siteCode?: string;
}

export interface Tenant {
  tenantId: string;
  code: string;
  name: string;
  shortName: string;
  regionCode: string | null;
  hosts: string[];
  settings: TenantSettings;
  active: boolean;
  version: number;
}

// ---- 政府信息 (src/modules/publishing/routes.ts) ----------------------------------------------------

export interface PersonalField {
  field: string;
  value: string;
}

export interface GuardOverride {
  by?: string;
  byLabel?: string;
  at?: string;
  reason?: string;
  basis?: string;
  findingIds?: string[];
}

export interface RecordView {
  id: string;
  unitId: string;
  unitName: string;
  issuer: string;
  title: string;
  bodyHtml: string;
  summary: string | null;
  docNo: string | null;
  indexNo: string;
  genre: string;
  genreLabel: string;
  topics: string[];
  keywords: string[];
  catalogueNodeId: string | null;
  standardItemId: string | null;
  writtenOn: string | null;
  formedOn: string;
  dueOn: string | null;
  dueExplanation: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  workingDaysLate: number | null;
  /** null: a historical record whose attribute has not been decided yet (存量信息). */
  attribute: string | null;
  attributeLabel: string;
  attributeGround: string | null;
  attributeGroundText: string | null;
  attributeReason: string | null;
  attributeReviewOn: string | null;
  state: string;
  stateLabel: string;
  lastComment: string | null;
  withdrawnAt: string | null;
  withdrawnNote: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  validity: string | null;
  validityLabel: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  validityChangedOn: string | null;
  amendedById: string | null;
  needsInterpretation: boolean;
  personalFields: PersonalField[];
  guardOverride: GuardOverride | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LegalGround {
  code: string;
  article: string;
  label: string;
}

export interface RecordOptions {
  genres: { value: string; label: string }[];
  grounds: LegalGround[];
  overrideBases: string[];
  /** The upload limit (UPLOAD_MAX_BYTES), when the server says it. */
  uploadMaxBytes?: number;
}

export interface Attachment {
  id: string;
  recordId: string;
  fileName: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  extractWarning: string | null;
  textLength: number;
  createdAt: string;
}

export interface GuardFinding {
  id: string;
  kind: string;
  label: string;
  where: string;
  attachment?: string;
  masked: string;
  context: string;
}

export interface GuardView {
  findings: GuardFinding[];
  unmasked: GuardFinding[];
  marks: { mark: string; text: string }[];
  blocking: boolean;
  overridden: boolean;
}

export interface RecordHistoryEntry {
  id: string;
  at: string;
  actorLabel: string;
  event: string;
  eventLabel: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface OnTimeRow {
  unitId: string;
  unitName: string;
  published: number;
  onTime: number;
  late: number;
  lateDays: number;
  overdueOpen: number;
  rate: number | null;
}

export interface Notification {
  id: string;
  unitId: string;
  unitName: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  entityId: string | null;
  read: boolean;
  createdAt: string;
}

// ---- 标准目录、公开义务、公开目录 (src/modules/catalogue/routes.ts) ----------------------------------

export interface CatalogueDomain {
  id: string;
  code: string;
  name: string;
  sortOrder: number;
  items: number;
  version: number;
}

/** The fields of a standard-catalogue item as the form sends them (ItemInput). */
export interface CatalogueItemInput {
  seq?: number;
  level1: string;
  level2: string;
  content: string;
  basis: string;
  timeLimitText: string;
  responsibleText: string;
  responsibleUnitIds?: string[];
  channels: string[];
  audiencePublic: boolean;
  audienceSpecific: boolean;
  modeProactive: boolean;
  modeRequest: boolean;
  levelCounty: boolean;
  levelTownship: boolean;
}

export interface CatalogueItem extends Required<Omit<CatalogueItemInput, 'responsibleUnitIds'>> {
  id: string;
  domainId: string;
  timeLimitRule: Record<string, unknown> & { kind?: string };
  timeLimitDescription: string;
  responsibleUnitIds: string[];
  responsibleUnitNames: string[];
  version: number;
}

export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

export interface CatalogueImportResult {
  dryRun: boolean;
  items: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  unmatchedUnits: string[];
}

export type ObligationStatus = 'due' | 'done_on_time' | 'done_late' | 'missing';

export interface ObligationCounts {
  due: number;
  done_on_time: number;
  done_late: number;
  missing: number;
}

export interface ObligationUnitRow extends ObligationCounts {
  unitId: string;
  unitName: string;
}

export interface Obligation {
  id: string;
  unitId: string;
  unitName: string;
  domain: string;
  item: string;
  itemId: string;
  periodKey: string;
  label: string;
  dueOn: string;
  dueExplanation: string;
  status: string;
  recordId: string | null;
  recordTitle: string | null;
  workingDaysLate: number | null;
}

export interface ObligationBoard {
  year: number;
  totals: ObligationCounts;
  units: ObligationUnitRow[];
  obligations: Obligation[];
}

export interface CatalogueNode {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
  version: number;
}

// ---- 依申请公开 (src/modules/requests/routes.ts) ------------------------------------------------------

export interface Option {
  value: string;
  label: string;
}

/** A reply type: one result row of the annual report's table, with its group and legal ground. */
export interface RequestResultOption extends Option {
  group: string;
  groupLabel: string;
  short: string;
  ground: string;
  provides: boolean;
  reasonRequired: boolean;
  /** Chosen by a handler (the others come from a deemed abandonment, an unpaid fee or a withdrawal). */
  handler: boolean;
}

export interface RequestMeta {
  units: { id: string; code: string; name: string; kind: string }[];
  channels: Option[];
  applicantTypes: Option[];
  idTypes: Option[];
  infoForms: Option[];
  deliveries: Option[];
  states: Option[];
  events: Option[];
  results: RequestResultOption[];
  pauseKinds: Option[];
  feeBases: Option[];
  documentKinds: Option[];
  appealPaths: Option[];
  appealOutcomes: Option[];
  maxExtensionDays: number;
}

export interface RequestListItem {
  id: string;
  number: string;
  state: string;
  stateLabel: string;
  unitId: string;
  unitName: string;
  channel: string;
  channelLabel: string;
  applicantType: string;
  applicantTypeLabel: string;
  applicantName: string;
  subject: string;
  arrivedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  result: string | null;
  resultLabel: string | null;
  repliedOn: string | null;
  flags: string[];
  version: number;
}

export interface RequestApplicant {
  type: string;
  typeLabel: string;
  name: string;
  idType: string;
  idTypeLabel: string;
  idNumber: string;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  masked: boolean;
}

export interface RequestClock {
  /** running 计时中；paused 征求意见或待缴费，暂停计时；stopped 待补正. */
  state: 'running' | 'paused' | 'stopped';
  start: string;
  startLabel: string;
  dueOn: string | null;
  correctionNoticeDueOn: string;
  explanation: string;
  daysLeft: number | null;
}

export interface RequestEventEntry {
  id: string;
  at: string;
  on: string;
  event: string;
  eventLabel: string;
  actorLabel: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface RequestPause {
  id: string;
  kind: string;
  kindLabel: string;
  party: string | null;
  fromOn: string;
  toOn: string | null;
  partyDueOn: string | null;
  outcome: string | null;
  note: string | null;
  text: string;
}

export interface RequestDocument {
  id: string;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  forApplicant: boolean;
  recordId: string | null;
  createdAt: string;
}

export interface RequestAssist {
  id: string;
  requestId: string;
  requestNumber: string;
  unitId: string;
  unitName: string;
  askedOn: string;
  dueOn: string;
  dueExplanation: string | null;
  question: string;
  answer: string | null;
  answeredOn: string | null;
  answeredByLabel: string | null;
  overdue: boolean;
  version: number;
}

export interface RequestAppeal {
  id: string;
  requestId: string;
  path: string;
  pathLabel: string;
  organ: string | null;
  caseNo: string | null;
  filedOn: string;
  outcome: string;
  outcomeLabel: string;
  decidedOn: string | null;
  note: string | null;
  version: number;
}

export interface RequestView extends RequestListItem {
  handlerId: string | null;
  handlerName: string | null;
  confirmedOn: string | null;
  receiptRule: string | null;
  applicant: RequestApplicant;
  infoTitle: string | null;
  infoDocNo: string | null;
  description: string;
  infoForm: string;
  infoFormLabel: string;
  delivery: string;
  deliveryLabel: string;
  correctionRequestedOn: string | null;
  correctionDueOn: string | null;
  correctionText: string | null;
  correctedOn: string | null;
  extensionDays: number;
  extensionApprover: string | null;
  extensionReason: string | null;
  extendedOn: string | null;
  clock: RequestClock | null;
  dueExplanation: string | null;
  fee: { basis: string; amount: number; explanation: string | null; noticeOn: string | null; dueOn: string | null; paidOn: string | null } | null;
  resultGroupLabel: string | null;
  resultGround: string | null;
  replyText: string | null;
  referOrgan: string | null;
  workingDaysUsed: number | null;
  workingDaysLate: number | null;
  deliveredOn: string | null;
  deliveryNote: string | null;
  possibleRepeats: { id: string; number: string }[];
  excessiveVolume: boolean;
  allowedEvents: string[];
  mayHandle: boolean;
  events: RequestEventEntry[];
  pauses: RequestPause[];
  documents: RequestDocument[];
  records: { id: string; title: string; docNo: string | null; state: string }[];
  assists: RequestAssist[];
  appeals: RequestAppeal[];
}

export type ApplicantColumn = 'natural_person' | 'enterprise' | 'research' | 'public_interest' | 'legal_service' | 'other_org' | 'total';
export type ApplicantCounts = Record<ApplicantColumn, number>;

/** Section 三 of the annual report (GET /requests/statistics). */
export interface RequestStatistics {
  year: number;
  newThisYear: ApplicantCounts;
  carriedOver: ApplicantCounts;
  /** By result code (RequestMeta.results). */
  results: Record<string, ApplicantCounts>;
  resultsTotal: ApplicantCounts;
  carriedForward: ApplicantCounts;
}

/** One letter's wording (GET /request-templates). */
export interface LetterTemplateView {
  kind: string;
  label: string;
  title: string;
  body: string;
  /** The tenant's own wording (else the built-in one). */
  custom: boolean;
  /** The version read (0 or null for the built-in wording). */
  version: number | null;
  updatedAt?: string | null;
  /** The built-in wording, when the server sends it. */
  builtIn?: { title: string; body: string };
}

export interface LetterTemplates {
  placeholders: { name: string; description: string; optional?: boolean }[];
  templates: LetterTemplateView[];
}

// ---- 工作任务 (src/modules/tasks) -------------------------------------------------------------------

export interface TaskMeta {
  statuses: Option[];
  roles: Option[];
  importStatuses: Option[];
  nameStatuses: Option[];
  planStatuses: Option[];
  defaultScheme: TaskScoreScheme;
  schemeLabels: Record<string, string>;
  ledgerColumns: string[];
}

export interface TaskScoreScheme {
  fullMarks: number;
  weights: Record<string, number>;
  latePerPeriod: number;
  latePerWorkingDay: number;
  lateCap: number;
  missingEvidence: number;
  unacknowledgedUrge: number;
  bonusCap: number;
}

export interface TaskImportListItem {
  id: string;
  status: string;
  statusLabel: string;
  fileName: string;
  title: string;
  year: number | null;
  tasks: number;
  planId: string | null;
  createdByLabel: string;
  createdAt: string;
}

export interface TaskImportName {
  name: string;
  status: string;
  statusLabel: string;
  units: { id: string; name: string }[];
  candidates: { id: string; name: string }[];
  note: string;
  matchStatus: string;
  taskCount: number;
  keepsAlias: boolean;
}

export interface TaskImportTask {
  index: number;
  include: boolean;
  category: string | null;
  categories: string[];
  requirement: string;
  units: string[];
  leadUnits: string[];
  supportingUnits: string[];
  deadlineText: string | null;
  source: string;
  unitsFrom: string;
  edited: boolean;
  resolved: { id: string; name: string; role: string; roleLabel: string }[];
  unresolved: string[];
  timeLimit: { description: string; needsReview: boolean; note: string | null; dueDates: { date: string; label: string }[]; rules: string[] };
  problems: string[];
}

export interface TaskImportView {
  id: string;
  status: string;
  statusLabel: string;
  fileName: string;
  title: string;
  year: number | null;
  layout: string | null;
  warnings: string[];
  planId: string | null;
  createdByLabel: string;
  createdAt: string;
  version: number;
  tasks: TaskImportTask[];
  names: TaskImportName[];
  summary: { tasks: number; included: number; units: number; unmatched: number; ambiguous: number; needsReview: number };
  problems: string[];
  ready: boolean;
}

export interface TaskImportResult {
  planId: string;
  tasks: number;
  assignments: number;
  periods: number;
  aliases: { name: string; unitName: string }[];
}

export interface TaskPlanListItem {
  id: string;
  year: number;
  title: string;
  status: string;
  statusLabel: string;
  sourceFileName: string | null;
  taskCount: number;
  unitCount: number;
  periodsDue: number;
  periodsDone: number;
  overduePeriods: number;
  lookedBackAt: string | null;
  carriedToPlanId: string | null;
  createdAt: string;
  version: number;
}

export interface TaskBrief {
  id: string;
  planId: string;
  seq: number;
  category: string | null;
  requirement: string;
  deadlineText: string | null;
  deadlineDescription: string;
  deadlineRules: string[];
  needsReview: boolean;
  reviewNote: string | null;
  unitsText: string;
  catalogueNodeId: string | null;
  catalogueNodeName: string | null;
  weight: number;
  carriedFromTaskId: string | null;
  source: string | null;
  version: number;
}

export interface TaskPlanTask extends TaskBrief {
  units: { assignmentId: string; unitId: string; unitName: string; role: string; roleLabel: string; status: string; statusLabel: string }[];
}

export interface TaskPlanView extends TaskPlanListItem {
  scheme: TaskScoreScheme;
  tasks: TaskPlanTask[];
  mayManage: boolean;
  seesAll: boolean;
}

export interface TaskEvidence {
  id: string;
  kind: 'record' | 'file';
  recordId: string | null;
  recordTitle: string | null;
  recordState: string | null;
  recordStateLabel: string | null;
  counts: boolean;
  publishedOn: string | null;
  fileName: string | null;
  mime: string | null;
  size: number | null;
  automatic: boolean;
  createdByLabel: string;
  createdAt: string;
}

export interface TaskProgressEntry {
  id: string;
  state: string;
  stateLabel: string;
  text: string;
  automatic: boolean;
  reportedOn: string;
  actorLabel: string;
  createdAt: string;
}

export interface TaskPeriod {
  id: string;
  periodKey: string;
  label: string;
  dueOn: string;
  explanation: string;
  assumed: boolean;
  state: string;
  status: string;
  statusLabel: string;
  doneOn: string | null;
  lateDays: number;
  version: number;
  evidenceCount: number;
  progress: TaskProgressEntry[];
  evidence: TaskEvidence[];
}

export interface TaskUrge {
  id: string;
  planId: string;
  planTitle: string;
  taskId: string | null;
  taskSeq: number | null;
  taskRequirement: string | null;
  assignmentId: string | null;
  unitId: string;
  unitName: string;
  message: string;
  sentOn: string;
  replyBy: string;
  sentByLabel: string;
  acknowledged: boolean;
  acknowledgedOn: string | null;
  acknowledgedByLabel: string | null;
  response: string | null;
  overdue: boolean;
  version: number;
}

export interface TaskAssignmentView {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  taskId: string;
  unitId: string;
  unitName: string;
  role: string;
  roleLabel: string;
  nameAsWritten: string;
  task: TaskBrief;
  status: string;
  statusLabel: string;
  periods: TaskPeriod[];
  urges: TaskUrge[];
  mayReport: boolean;
}

export interface TaskAssignmentListItem {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  taskId: string;
  seq: number;
  category: string | null;
  requirement: string;
  deadlineText: string | null;
  unitId: string;
  unitName: string;
  role: string;
  roleLabel: string;
  status: string;
  statusLabel: string;
  nextDue: { label: string; dueOn: string } | null;
  periodsDone: number;
  periodsTotal: number;
  overduePeriods: number;
  evidence: number;
  openUrges: number;
}

export interface TaskMatrixCell {
  taskId: string;
  unitId: string;
  assignmentId: string;
  role: string;
  roleLabel: string;
  status: string;
  statusLabel: string;
  periodsDone: number;
  periodsTotal: number;
  overduePeriods: number;
  evidence: number;
  nextDue: { label: string; dueOn: string } | null;
}

export interface TaskMatrix {
  planId: string;
  asOf: string;
  categories: string[];
  tasks: { id: string; seq: number; category: string | null; requirement: string }[];
  units: { id: string; name: string; kind: string; counts: Record<string, number>; openUrges: number }[];
  cells: TaskMatrixCell[];
  totals: Record<string, number>;
}

export interface TaskUnitScore {
  unitId: string;
  unitName: string;
  rank: number;
  score: number;
  completion: number;
  completionRate: number | null;
  deductions: { late: number; evidence: number; urges: number };
  bonus: number;
  counts: { tasks: number; periodsDue: number; periodsDone: number; late: number; overdue: number; withoutEvidence: number; unacknowledgedUrges: number };
  explanation: string;
}

export interface TaskBonus {
  id: string;
  unitId: string;
  unitName: string;
  points: number;
  reason: string;
  createdByLabel: string;
  createdAt: string;
}

export interface TaskScoreBoard {
  planId: string;
  asOf: string;
  scheme: TaskScoreScheme;
  rankedUnits: number;
  units: TaskUnitScore[];
  bonuses: TaskBonus[];
}

export interface TaskLedgerRow {
  id: string;
  number: number;
  assignmentId: string | null;
  taskSeq: number | null;
  task: string;
  measure: string;
  timeLimit: string;
  leader: string;
  section: string;
  base: boolean;
  updatedBy: string | null;
  version: number;
}

export interface TaskLedgerView {
  planId: string;
  planTitle: string;
  year: number;
  unitId: string;
  unitName: string;
  rows: TaskLedgerRow[];
  incomplete: number;
  mayEdit: boolean;
}

export interface TaskCircular {
  id: string;
  planId: string;
  title: string;
  docNo: string | null;
  issuedOn: string;
  asOf: string;
  lateUnits: string[];
  goodUnits: string[];
  text: string;
  fileName: string;
  size: number;
  createdByLabel: string;
  createdAt: string;
}

export interface TaskCircularPreview {
  text: string;
  lateUnits: { unitId: string; unitName: string; overdue: { requirement: string; label: string; dueOn: string }[]; lateDone: number }[];
}

export interface TaskLookBack {
  planId: string;
  planTitle: string;
  year: number;
  status: string;
  lookedBackAt: string | null;
  carriedToPlanId: string | null;
  tasks: number;
  unfinished: { taskId: string; seq: number; category: string | null; requirement: string; deadlineText: string | null; units: { assignmentId: string; unitId: string; unitName: string; role: string; roleLabel: string; status: string; statusLabel: string; openPeriods: string[] }[] }[];
  targets: { id: string; title: string; year: number }[];
  version: number;
}

// ---- 政府信息公开工作年度报告 (src/modules/reports/routes.ts) ------------------------------------------

export interface ReportSummary {
  id: string;
  unitId: string;
  unitName: string;
  year: number;
  format: string;
  coverage: string;
  title: string;
  state: string;
  stateLabel: string;
  figureSource: string;
  publishedAt: string | null;
  recordId: string | null;
  due: string;
  version: number;
  updatedAt: string;
}

export interface ReportFinding {
  code: string;
  section: string;
  cell: string;
  row?: string;
  column?: string;
  expected?: number;
  actual?: number;
  message: string;
}

export interface ReportPlaceholder {
  name: string;
  placeholder: string;
  value: string;
  source: string;
}

export interface ReportNarrative {
  preamble: string;
  overview: string;
  problems: string;
  other: string;
}

export interface ReportView extends ReportSummary {
  formatLabel: string;
  coverageLabel: string;
  figureSourceLabel: string;
  /** The figures as src/core/reports/model.ts ReportFigures (drawn with src/core/reports/layout.ts). */
  figures: import('../../../src/core/reports/model.ts').ReportFigures;
  figuresAsOf: string | null;
  adjustments: { at: string; by: string; reason: string; cells: string[] }[];
  narrative: ReportNarrative;
  narrativeFromId: string | null;
  dueRule: string;
  daysLeft: number;
  findings: ReportFinding[];
  previous: { id: string; year: number; state: string } | null;
  placeholders: ReportPlaceholder[];
  html: string;
  checkedAt: string | null;
  checkedBy: string | null;
  publishedBy: string | null;
  publications: number;
  mayEdit: boolean;
  mayPublish: boolean;
  createdAt: string;
}

export interface ReportMeta {
  formats: { value: string; label: string }[];
  coverages: { value: string; label: string }[];
  states: { value: string; label: string }[];
  boardStatuses: { value: string; label: string }[];
  sections: Record<string, string>;
  narrative: Record<string, string>;
  reportingUnitKinds: string[];
}

export interface ReportBoardRow {
  unitId: string;
  unitName: string;
  unitKind: string;
  government: boolean;
  due: string;
  dueRule: string;
  daysLeft: number;
  status: string;
  statusLabel: string;
  report: { id: string; title: string; state: string; stateLabel: string; publishedAt: string | null; daysLate: number | null; recordId: string | null } | null;
}

export interface ReportBoard {
  year: number;
  today: string;
  counts: Record<string, number>;
  rows: ReportBoardRow[];
}
