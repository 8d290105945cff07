// The demo county's 2026 work plan, as the office and the units would have worked it: the task breakdown
// notice imported through the service (the unknown name 县大数据中心 mapped to 县政务服务管理局 and kept as its
// alias, a collective reference left out), confirmed; the budget task bound to the 财政预决算 column so that the
// budgets published there count by themselves; 县发改局's ledger filled in; progress reported through the year
// (on time, late, with a published record as evidence, some still open and overdue); a 催办 acknowledged and one
// not; a bonus item; the circular on the first three quarters. Dates are the story's; a report dated after
// the day the demo is loaded is left out.
import type { Caller } from '../../core/auth/caller.ts';
import { systemActor } from '../../core/auth/principal.ts';
import { todayLocal, type LocalDate } from '../../core/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import type { BlobStore } from '../files/index.ts';
import { generateCircular } from '../tasks/circulars.ts';
import { confirmImport, createImport, updateImport } from '../tasks/import.ts';
import { getLedger, updateLedgerRow } from '../tasks/ledger.ts';
import { acknowledgeUrge, addBonus, getAssignment, getPlan, listAssignments, reportProgress, sendUrge, updateTask } from '../tasks/service.ts';
import { and, eq } from 'drizzle-orm';
import { catalogueNodes, records } from '../publishing/schema.ts';
import { DEMO_WORK_PLAN_FILE, DEMO_WORK_PLAN_NOTICE } from './data/work-plan-2026.ts';

interface Report {
  unit: string;
  task: number;
  /** Index of the period (0 = the first due date). */
  period: number;
  on: LocalDate;
  state: 'in_progress' | 'done';
  text: string;
  /** Title of a record of the unit to cite as evidence. */
  record?: string;
}

const DEPARTMENTS_DONE_TRAINING = ['fgj', 'jyj', 'kjj', 'gxj', 'mzj', 'sfj', 'czj', 'rsj', 'zrj', 'zjj', 'jtj', 'slj', 'nyj', 'swj', 'wlj', 'wjw', 'sjj', 'scj', 'tjj', 'ybj', 'zwj', 'qsz', 'bsz'];
const LATE_TRAINING = ['gaj', 'yjj', 'cgj'];

const REPORTS: Report[] = [
  { unit: 'fgj', task: 1, period: 0, on: '2026-04-20', state: 'done', text: '一季度《政府工作报告》重点任务进展情况已汇总，在县政府网站“重大建设项目”栏目公开。', record: '示范县2026年重点建设项目计划' },
  { unit: 'fgj', task: 1, period: 1, on: '2026-07-24', state: 'done', text: '二季度进展情况已汇总公开，同步公开为民办实事项目完成情况。' },
  { unit: 'fgj', task: 1, period: 2, on: '2026-10-30', state: 'in_progress', text: '三季度进展材料已收齐，正在审核。' },
  { unit: 'zjj', task: 4, period: 0, on: '2026-02-10', state: 'done', text: '1月保障性住房建设进度已公开。' },
  { unit: 'zjj', task: 4, period: 1, on: '2026-03-12', state: 'done', text: '2月保障性住房建设进度已公开。' },
  { unit: 'zjj', task: 4, period: 2, on: '2026-04-14', state: 'done', text: '3月保障性住房建设进度已公开。' },
  { unit: 'zjj', task: 4, period: 3, on: '2026-05-15', state: 'done', text: '4月保障性住房建设进度已公开。' },
  { unit: 'zjj', task: 4, period: 4, on: '2026-06-12', state: 'done', text: '5月保障性住房建设进度已公开。' },
  { unit: 'zjj', task: 4, period: 5, on: '2026-07-14', state: 'done', text: '6月保障性住房建设进度和上半年分配情况已公开。' },
  { unit: 'zjj', task: 4, period: 6, on: '2026-08-21', state: 'done', text: '7月保障性住房建设进度已公开（因系统升级延迟发布）。' },
  { unit: 'zjj', task: 4, period: 7, on: '2026-09-11', state: 'done', text: '8月保障性住房建设进度已公开。' },
  { unit: 'sthj', task: 7, period: 0, on: '2026-04-22', state: 'done', text: '一季度环境质量状况已公开。' },
  { unit: 'sthj', task: 7, period: 1, on: '2026-07-20', state: 'done', text: '二季度环境质量状况和重点排污单位名录已公开。' },
  { unit: 'zwj', task: 8, period: 0, on: '2026-09-25', state: 'done', text: '公共数据开放目录（第一批，56项）已编制并在县政府网站公布。' },
  { unit: 'sfj', task: 3, period: 0, on: '2026-11-16', state: 'in_progress', text: '已督促各行政执法单位按时公示执法决定，前三季度公示行政处罚决定312件。' },
  { unit: 'sfj', task: 12, period: 0, on: '2026-05-08', state: 'in_progress', text: '2026年度重大行政决策事项目录已公布，共5项。' },
  { unit: 'wjw', task: 5, period: 0, on: '2026-10-09', state: 'in_progress', text: '按月发布法定传染病疫情概况，及时回应流感防控关切。' },
  { unit: 'rsj', task: 6, period: 0, on: '2026-09-30', state: 'in_progress', text: '已更新就业创业扶持政策汇编，发布公益性岗位招聘公告4期。' },
  ...DEPARTMENTS_DONE_TRAINING.map((unit, i): Report => ({ unit, task: 10, period: 0, on: `2026-${i % 2 ? '10' : '11'}-${String(10 + (i % 15)).padStart(2, '0')}`, state: 'done', text: '已组织本单位政务公开业务培训，培训情况在门户网站公开。' })),
  ...LATE_TRAINING.map((unit, i): Report => ({ unit, task: 10, period: 0, on: `2026-12-0${i + 1}`, state: 'done', text: '已组织政务公开业务培训（因工作安排推迟）。' })),
  ...['fgj', 'czj', 'tjj', 'zwj', 'qsz'].map((unit): Report => ({ unit, task: 9, period: 0, on: '2026-11-20', state: 'done', text: '政府信息公开指南已更新，并标注更新日期。' })),
  ...['jyj', 'rsj', 'wjw'].map((unit): Report => ({ unit, task: 9, period: 0, on: '2026-11-25', state: 'in_progress', text: '指南修订稿已起草，待审核后发布。' })),
];

export async function seedDemoTasks(db: Db, caller: Caller, unitIds: Map<string, string>, blobs?: BlobStore): Promise<{ planId: string }> {
  const tenantId = caller.actor.tenantId;
  const today = todayLocal();
  const office: Caller = { kind: 'system', actor: systemActor(tenantId, '李秀梅（office）') };
  const unitCaller = (label: string): Caller => ({ kind: 'system', actor: systemActor(tenantId, label) });

  // 1. Import, map the unknown name, leave out the collective reference, confirm.
  const draft = await createImport(db, blobs ?? null, office, { fileName: DEMO_WORK_PLAN_FILE, bytes: new TextEncoder().encode(DEMO_WORK_PLAN_NOTICE) });
  const reviewed = await updateImport(db, office, draft.id, {
    version: draft.version,
    mappings: [
      { name: '县大数据中心', unitIds: [unitIds.get('zwj')!] },
      { name: '县政府重大行政决策承办单位', ignore: true },
    ],
  });
  const { planId } = await confirmImport(db, office, draft.id, reviewed.version);

  // 2. The budget task counts the budgets published in the 财政预决算 column by itself.
  const plan = await getPlan(db, office, planId);
  const [node] = await db.select({ id: catalogueNodes.id }).from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.code, '07')));
  const budget = plan.tasks.find((t) => t.seq === 2)!;
  if (node) await updateTask(db, office, budget.id, { version: budget.version, catalogueNodeId: node.id, weight: 2 });

  // 3. Progress through the year.
  const assignments = await listAssignments(db, office, { planId });
  const find = (unit: string, seq: number) => assignments.find((a) => a.unitId === unitIds.get(unit) && a.seq === seq);
  for (const r of REPORTS) {
    if (r.on > today) continue;
    const a = find(r.unit, r.task);
    if (!a) continue;
    const view = await getAssignment(db, office, a.id, r.on);
    const period = view.periods[r.period];
    if (!period) continue;
    let recordIds: string[] = [];
    if (r.record) {
      const [rec] = await db.select({ id: records.id }).from(records).where(and(eq(records.tenantId, tenantId), eq(records.title, r.record), eq(records.unitId, a.unitId)));
      recordIds = rec ? [rec.id] : [];
    }
    await reportProgress(db, unitCaller(`${a.unitName}信息员`), period.id, { version: period.version, state: r.state, text: r.text, recordIds, on: r.on }, r.on);
  }

  // 4. 县发改局's ledger, filled in by its editor.
  const ledger = await getLedger(db, office, planId, unitIds.get('fgj')!);
  const measures: Record<string, string> = {
    重要部署: '每季度末10日内汇总重点任务进展，经分管领导审核后在“重大建设项目”栏目公开',
    预决算: '部门预决算批复后20日内在“财政预决算”栏目公开，同步公开“三公”经费说明',
  };
  for (const row of ledger.rows) {
    const measure = row.task.includes('预决算') ? measures['预决算']! : row.task.startsWith('重要部署') ? measures['重要部署']! : '对照任务要求梳理公开事项，按时公开并留存佐证材料';
    await updateLedgerRow(db, unitCaller('张晓明（editor）'), row.id, { version: row.version, measure, leader: '陈志强', section: row.task.includes('预决算') ? '办公室' : '投资科' });
  }

  // 5. 催办: 县住建局 behind on the monthly reports (not acknowledged); 县生态环境分局 (acknowledged).
  const housing = plan.tasks.find((t) => t.seq === 4)!;
  const env = plan.tasks.find((t) => t.seq === 7)!;
  if (today >= '2026-11-20') await sendUrge(db, office, { planId, unitId: unitIds.get('zjj')!, taskId: housing.id, message: '你局9月、10月保障性住房建设进度尚未公开，请于3个工作日内补报并说明原因。' }, '2026-11-20');
  if (today >= '2026-11-05') {
    const urge = await sendUrge(db, office, { planId, unitId: unitIds.get('sthj')!, taskId: env.id, message: '第三季度环境质量状况已逾期未公开，请抓紧办理。' }, '2026-11-05');
    await acknowledgeUrge(db, unitCaller('县生态环境分局信息员'), urge.id, { version: urge.version, response: '收到。第三季度数据正在等待市局审核，审核后即公开。' }, '2026-11-06');
  }

  // 6. A bonus item and the circular on the first three quarters.
  await addBonus(db, office, planId, { unitId: unitIds.get('fgj')!, points: 2, reason: '重点项目信息公开做法被市政务公开办转发推广' });
  if (blobs && today >= '2026-11-10') {
    await generateCircular(
      db,
      blobs,
      office,
      planId,
      {
        docNo: '示政公开通〔2026〕3号',
        asOf: '2026-10-31',
        goodPractice: [
          { unitId: unitIds.get('fgj')!, text: '建立重点项目信息公开季度调度机制，进展情况按季度集中公开' },
          { unitId: unitIds.get('zwj')!, text: '提前完成公共数据开放目录编制，首批开放数据56项' },
        ],
      },
      '2026-11-10',
    );
  }
  return { planId };
}
