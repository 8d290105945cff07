// Work-plan tasks over HTTP: a notice uploaded, reviewed, an unknown unit mapped once (and matched by its
// alias next year), confirmed; bad files refused with nothing stored; a confirm that fails half-way leaves
// nothing; units see and report only their own tasks, with published records and files as evidence; the
// supervision matrix, 催办 the unit acknowledges, the ledger and its XLSX, scores that move with the work,
// the circular as DOCX, the look-back into next year, and the sweep (records counting by themselves,
// reminders once each).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { makeExe, makeZip, PNG_1X1 } from '../../src/core/files/fixtures.testing.ts';
import { listZip, readZipEntry } from '../../src/core/files/zip.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { listUnits } from '../../src/modules/org/units.ts';
import { createUser, grantRole } from '../../src/modules/org/users.ts';
import { runTaskSweep } from '../../src/modules/tasks/sweep.ts';
import { Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

const NOTICE = `

示政办字〔2026〕21号


示范县人民政府办公室
关于印发2026年示范县政务公开重点工作任务分解表的通知

各乡镇人民政府，各街道办事处，县政府有关部门：
《2026年示范县政务公开重点工作任务分解表》已经县政府同意，现印发给你们，请认真贯彻执行。

示范县人民政府办公室
2026年2月10日

附件1
2026年示范县政务公开重点工作任务分解表
\t序号
\t工作任务
\t工作要求
\t责任单位
\t时限要求

\t1
\t财政信息公开
\t做好县级部门预决算公开，细化公开到功能分类项级科目
\t县财政局
\t6月底前

\t2
\t重点项目信息公开
\t公开重点建设项目的批准、实施和竣工情况
\t县发展规划局
\t按季度公开

\t3
\t政务公开基础工作
\t及时更新政府信息公开指南，并明确标注更新日期
\t县财政局、县住建局
\t年底前
`;

const PROSE = `示范县2026年政务公开工作要点

一、总体要求
以公开促落实、促规范、促服务。
二、重点任务
进一步加强政策解读，提升政务公开质效。
`;

const BOUNDARY = '----tasks-boundary';
function upload(agent: Agent, url: string, fileName: string, bytes: Uint8Array) {
  return agent.send({
    method: 'POST',
    url,
    payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(bytes), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
}
const text = (s: string) => new TextEncoder().encode(s);

interface NameView {
  name: string;
  status: string;
  units: { id: string; name: string }[];
  keepsAlias: boolean;
}
interface ImportView {
  id: string;
  version: number;
  year: number | null;
  ready: boolean;
  problems: string[];
  names: NameView[];
  tasks: { index: number; resolved: { id: string; name: string; role: string }[]; unresolved: string[]; timeLimit: { dueDates: { date: string }[] } }[];
}
interface PeriodView {
  id: string;
  label: string;
  dueOn: string;
  state: string;
  status: string;
  version: number;
  lateDays: number;
  evidenceCount: number;
  evidence: { id: string; kind: string; recordTitle: string | null; counts: boolean; automatic: boolean }[];
  progress: { text: string; automatic: boolean }[];
}
interface AssignmentView {
  id: string;
  unitId: string;
  unitName: string;
  status: string;
  periods: PeriodView[];
  urges: { id: string; acknowledged: boolean; version: number }[];
  mayReport: boolean;
  task: { id: string; seq: number; requirement: string; version: number };
}

let t: TestApp;
let office: Agent;
let editor: Agent;
let inspector: Agent;
let tenantId: string;
let unitIds: Map<string, string>;
let planId: string;
const uid = (code: string) => unitIds.get(code)!;

async function count(table: string): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
  return Number(rows[0]!.n);
}

async function importNotice(content = NOTICE, name = '任务分解表.txt'): Promise<ImportView> {
  const res = await upload(office, '/api/v1/task-imports', name, text(content));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ImportView;
}

beforeAll(async () => {
  t = await createTestApp();
  const tenant = (await getTenantByCode(t.database.db, 'shifan'))!;
  tenantId = tenant.tenantId;
  unitIds = new Map((await listUnits(t.database.db, tenantId)).map((u) => [u.code, u.id]));
  office = await loginAs(t.app, 'office');
  editor = await loginAs(t.app, 'editor');
  inspector = await loginAs(t.app, 'inspector');
});

afterAll(async () => {
  await t?.close();
});

describe('importing a notice', () => {
  it('refuses bad files with a Chinese message and stores nothing', async () => {
    const before = [await count('task_imports'), await count('task_plans'), await count('tasks')];
    const cases: [string, Uint8Array, number, RegExp][] = [
      ['空文件.txt', new Uint8Array(0), 400, /空文件/],
      ['程序.docx', makeExe(), 415, /不是文字文件|不是一份通知/],
      ['假文档.docx', makeZip([{ name: 'readme.txt', data: text('hello') }]), 415, /压缩包/],
      ['工作要点.txt', text(PROSE), 422, /责任单位|没有/],
      ['随便.txt', text('今天天气很好。'), 422, /./],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(office, '/api/v1/task-imports', name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      const err = res.json().error as { message: string };
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      expect(err.message, name).toMatch(message);
    }
    const json = await office.send({ method: 'POST', url: '/api/v1/task-imports', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect([await count('task_imports'), await count('task_plans'), await count('tasks')]).toEqual(before);
  });

  it('refuses a file over the upload limit with 413', async () => {
    const small = await createTestApp({ env: { UPLOAD_MAX_BYTES: '2048' } });
    try {
      const a = await loginAs(small.app, 'office');
      const res = await upload(a, '/api/v1/task-imports', '大文件.txt', text(NOTICE.repeat(10)));
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toMatch(/超过/);
    } finally {
      await small.close();
    }
  });

  it('only the office imports', async () => {
    const res = await upload(editor, '/api/v1/task-imports', '任务分解表.txt', text(NOTICE));
    expect(res.statusCode).toBe(403);
  });

  it('parses the notice for review: units matched, the unknown one listed, due dates computed', async () => {
    const v = await importNotice();
    expect(v.year).toBe(2026);
    expect(v.tasks).toHaveLength(3);
    const byName = new Map(v.names.map((n) => [n.name, n]));
    expect(byName.get('县财政局')).toMatchObject({ status: 'matched', units: [{ id: uid('czj') }] });
    expect(byName.get('县住建局')).toMatchObject({ status: 'matched', units: [{ id: uid('zjj') }] });
    expect(byName.get('县发展规划局')).toMatchObject({ status: 'unmatched', units: [] });
    expect(v.tasks[0]!.timeLimit.dueDates.map((d) => d.date)).toEqual(['2026-06-30']);
    expect(v.tasks[1]!.timeLimit.dueDates).toHaveLength(4);
    expect(v.ready).toBe(false);
    expect(v.problems.join('')).toContain('县发展规划局');

    // Confirming now is refused, and nothing is created.
    const before = await count('tasks');
    const refused = await office.post(`/api/v1/task-imports/${v.id}/confirm`, { version: v.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('县发展规划局');
    expect(await count('tasks')).toBe(before);
  });

  it('a confirm that fails half-way (the alias cannot be saved) leaves nothing behind', async () => {
    // An office administrator on the county government alone (not its subtree) may import, but may not
    // give 县发改局 an alias: the tasks are inserted first, the alias fails, everything is rolled back.
    const caller: Caller = { kind: 'system', actor: systemActor(tenantId, '测试') };
    const u = await createUser(t.database.db, caller, { username: 'root-only-office', displayName: '根单位管理员', unitId: uid('root'), password: PASSWORD, mustChangePassword: false });
    await grantRole(t.database.db, caller, u.id, { role: 'office_admin', unitId: uid('root'), includeSubtree: false });
    const rootOnly = await loginAs(t.app, 'root-only-office');
    const v = (await upload(rootOnly, '/api/v1/task-imports', '任务分解表.txt', text(NOTICE))).json() as ImportView;
    const mapped = (await rootOnly.put(`/api/v1/task-imports/${v.id}`, { version: v.version, mappings: [{ name: '县发展规划局', unitIds: [uid('fgj')] }] })).json() as ImportView;
    expect(mapped.ready).toBe(true);
    const before = [await count('task_plans'), await count('tasks'), await count('task_assignments'), await count('task_periods'), await count('task_ledger_rows'), await count('unit_aliases')];
    const res = await rootOnly.post(`/api/v1/task-imports/${v.id}/confirm`, { version: mapped.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('示范县发展和改革局');
    expect([await count('task_plans'), await count('tasks'), await count('task_assignments'), await count('task_periods'), await count('task_ledger_rows'), await count('unit_aliases')]).toEqual(before);
    const still = (await rootOnly.get(`/api/v1/task-imports/${v.id}`)).json() as ImportView & { status: string };
    expect(still.status).toBe('draft');
    await rootOnly.post(`/api/v1/task-imports/${v.id}/discard`, { version: still.version });
  });

  it('maps the unknown unit once, confirms, and keeps the mapping as an alias for next year', async () => {
    const v = await importNotice();
    // A task left out and another corrected before confirming.
    const edited = await office.put(`/api/v1/task-imports/${v.id}`, {
      version: v.version,
      mappings: [{ name: '县发展规划局', unitIds: [uid('fgj')] }],
      tasks: [{ index: 2, unitsText: '县财政局牵头，县住建局配合' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const ev = edited.json() as ImportView;
    expect(ev.ready).toBe(true);
    expect(ev.names.find((n) => n.name === '县发展规划局')).toMatchObject({ status: 'mapped', keepsAlias: true });
    expect(ev.tasks[2]!.resolved.map((r) => r.role)).toEqual(['lead', 'supporting']);
    const stale = await office.post(`/api/v1/task-imports/${v.id}/confirm`, { version: v.version });
    expect(stale.statusCode).toBe(409);
    const ok = await office.post(`/api/v1/task-imports/${v.id}/confirm`, { version: ev.version });
    expect(ok.statusCode, ok.body).toBe(201);
    const result = ok.json() as { planId: string; tasks: number; assignments: number; aliases: { name: string; unitName: string }[] };
    expect(result).toMatchObject({ tasks: 3, assignments: 4, aliases: [{ name: '县发展规划局', unitName: '示范县发展和改革局' }] });
    planId = result.planId;
    const again = await office.post(`/api/v1/task-imports/${v.id}/confirm`, { version: ev.version + 1 });
    expect(again.statusCode).toBe(409);

    // Next year's notice: the name is matched by its alias, nobody has to map it again.
    const next = await importNotice(NOTICE.replaceAll('2026', '2027'));
    expect(next.year).toBe(2027);
    expect(next.names.find((n) => n.name === '县发展规划局')).toMatchObject({ status: 'matched', units: [{ id: uid('fgj') }] });
    expect(next.ready).toBe(true);
    await office.post(`/api/v1/task-imports/${next.id}/discard`, { version: next.version });
  });
});

describe('the plan, its tasks and the units’ work', () => {
  let fgjAssignment: AssignmentView;

  it('the office sees every task; a unit only its own', async () => {
    const plan = (await office.get(`/api/v1/task-plans/${planId}`)).json() as { tasks: { seq: number; units: { unitName: string; role: string }[] }[]; mayManage: boolean; taskCount: number };
    expect(plan.mayManage).toBe(true);
    expect(plan.tasks.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(plan.tasks[2]!.units.map((u) => [u.unitName, u.role])).toEqual([
      ['示范县财政局', 'lead'],
      ['示范县住房和城乡建设局', 'supporting'],
    ]);
    const mine = (await editor.get(`/api/v1/task-plans/${planId}`)).json() as { tasks: { seq: number }[]; mayManage: boolean; taskCount: number };
    expect(mine.tasks.map((x) => x.seq)).toEqual([2]);
    expect(mine.mayManage).toBe(false);
    expect(mine.taskCount).toBe(1);
    const list = (await editor.get(`/api/v1/task-assignments?planId=${planId}`)).json() as { id: string; unitName: string; status: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ unitName: '示范县发展和改革局', status: 'overdue' });
    fgjAssignment = (await editor.get(`/api/v1/task-assignments/${list[0]!.id}`)).json() as AssignmentView;
    expect(fgjAssignment.periods.map((p) => p.label)).toEqual(['2026年第一季度', '2026年第二季度', '2026年第三季度', '2026年第四季度']);
    expect(fgjAssignment.mayReport).toBe(true);
    // Another unit's assignment does not exist for the editor.
    const all = (await office.get(`/api/v1/task-assignments?planId=${planId}`)).json() as { id: string; unitName: string }[];
    expect(all).toHaveLength(4);
    const czj = all.find((a) => a.unitName === '示范县财政局')!;
    expect((await editor.get(`/api/v1/task-assignments/${czj.id}`)).statusCode).toBe(404);
    // The inspector reads everything, reports nothing.
    const insp = (await inspector.get(`/api/v1/task-assignments/${czj.id}`)).json() as AssignmentView;
    expect(insp.mayReport).toBe(false);
    const p = insp.periods[0]!;
    expect((await inspector.post(`/api/v1/task-periods/${p.id}/progress`, { version: p.version, state: 'done', text: '完成' })).statusCode).toBe(403);
  });

  it('the matrix shows units × tasks with status and filters', async () => {
    const m = (await office.get(`/api/v1/task-plans/${planId}/matrix`)).json() as { units: { name: string }[]; tasks: { seq: number }[]; cells: { unitId: string; taskId: string; status: string }[]; totals: { overdue: number; not_started: number } };
    expect(m.units.map((u) => u.name).sort()).toEqual(['示范县住房和城乡建设局', '示范县发展和改革局', '示范县财政局'].sort());
    expect(m.cells).toHaveLength(4);
    // On 2026-12-06: tasks 1 (6月底前) and 2 (three quarters) are overdue, task 3 (年底前) not yet due.
    expect(m.totals.overdue).toBeGreaterThanOrEqual(2);
    expect(m.totals.overdue + m.totals.not_started).toBe(4);
    const overdue = (await office.get(`/api/v1/task-plans/${planId}/matrix?status=overdue`)).json() as { cells: unknown[]; tasks: { seq: number }[] };
    expect(overdue.cells).toHaveLength(m.totals.overdue);
    expect(overdue.tasks.map((x) => x.seq).slice(0, 2)).toEqual([1, 2]);
    const one = (await office.get(`/api/v1/task-plans/${planId}/matrix?unitId=${uid('czj')}`)).json() as { cells: unknown[] };
    expect(one.cells).toHaveLength(2);
    const mine = (await editor.get(`/api/v1/task-plans/${planId}/matrix`)).json() as { units: { name: string }[] };
    expect(mine.units.map((u) => u.name)).toEqual(['示范县发展和改革局']);
  });

  it('a unit reports progress with a published record as evidence, and its score goes up', async () => {
    const scoreOf = async () => ((await office.get(`/api/v1/task-plans/${planId}/scores`)).json() as { units: { unitId: string; score: number; rank: number }[] }).units.find((u) => u.unitId === uid('fgj'))!.score;
    const before = await scoreOf();
    expect(before).toBe(0);
    const { rows } = await t.database.pool.query<{ id: string; title: string }>("SELECT id, title FROM records WHERE tenant_id = $1 AND unit_id = $2 AND state = 'published' ORDER BY published_at LIMIT 1", [tenantId, uid('fgj')]);
    const record = rows[0]!;
    const { rows: other } = await t.database.pool.query<{ id: string }>("SELECT id FROM records WHERE tenant_id = $1 AND unit_id = $2 AND state = 'published' LIMIT 1", [tenantId, uid('czj')]);
    const q1 = fgjAssignment.periods[0]!;
    const wrong = await editor.post(`/api/v1/task-periods/${q1.id}/progress`, { version: q1.version, state: 'done', text: '已公开', recordIds: [other[0]!.id] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('本单位');
    const empty = await editor.post(`/api/v1/task-periods/${q1.id}/progress`, { version: q1.version, state: 'done', text: '   ' });
    expect(empty.statusCode).toBe(400);
    const res = await editor.post(`/api/v1/task-periods/${q1.id}/progress`, { version: q1.version, state: 'done', text: '一季度重点项目进展已在县政府网站公开', recordIds: [record.id] });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as AssignmentView;
    const p = after.periods[0]!;
    expect(p).toMatchObject({ state: 'done', status: 'done', evidenceCount: 1 });
    expect(p.lateDays).toBeGreaterThan(0);
    expect(p.evidence[0]).toMatchObject({ kind: 'record', recordTitle: record.title, counts: true });
    expect(p.progress[0]!.text).toContain('一季度');
    const stale = await editor.post(`/api/v1/task-periods/${q1.id}/progress`, { version: q1.version, state: 'done', text: '再报' });
    expect(stale.statusCode).toBe(409);
    const score = await scoreOf();
    expect(score).toBeGreaterThan(before);
    // The same record cannot be the evidence of another period.
    const q2 = after.periods[1]!;
    const dup = await editor.post(`/api/v1/task-periods/${q2.id}/progress`, { version: q2.version, state: 'in_progress', text: '推进中', recordIds: [record.id] });
    expect(dup.statusCode).toBe(409);
    fgjAssignment = after;
  });

  it('files as evidence are checked by content', async () => {
    const q2 = fgjAssignment.periods[1]!;
    const exe = await upload(editor, `/api/v1/task-periods/${q2.id}/evidence`, '进展.png', makeExe());
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const png = await upload(editor, `/api/v1/task-periods/${q2.id}/evidence`, '现场照片.png', PNG_1X1);
    expect(png.statusCode, png.body).toBe(201);
    const e = png.json() as { id: string; kind: string; counts: boolean };
    expect(e).toMatchObject({ kind: 'file', counts: true });
    const file = await inspector.get(`/api/v1/task-evidence/${e.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const other = await loginAs(t.app, 'editor2');
    expect((await other.get(`/api/v1/task-evidence/${e.id}/file`)).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/task-evidence/${e.id}`)).statusCode).toBe(404);
    expect((await editor.delete(`/api/v1/task-evidence/${e.id}`)).statusCode).toBe(200);
  });

  it('催办: the office urges, the unit is notified and acknowledges; others cannot', async () => {
    const res = await office.post('/api/v1/task-urges', { planId, unitId: uid('fgj'), taskId: fgjAssignment.task.id, message: '请加快推进重点项目信息公开，补报第二、三季度进展', replyWithinDays: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const urge = res.json() as { id: string; version: number; replyBy: string; assignmentId: string };
    expect(urge.assignmentId).toBe(fgjAssignment.id);
    const notes = (await editor.get('/api/v1/notifications')).json() as { title: string; link: string }[];
    expect(notes.some((n) => n.title.includes('催办') && n.link === `/admin/tasks/assignments/${fgjAssignment.id}`)).toBe(true);
    const notAssigned = await office.post('/api/v1/task-urges', { planId, unitId: uid('qsz'), message: '催办' });
    expect(notAssigned.statusCode).toBe(400);
    const other = await loginAs(t.app, 'editor2');
    expect((await other.post(`/api/v1/task-urges/${urge.id}/acknowledge`, { version: urge.version, response: '收到' })).statusCode).toBe(404);
    const ack = await editor.post(`/api/v1/task-urges/${urge.id}/acknowledge`, { version: urge.version, response: '收到，本周内补报' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledged: true, response: '收到，本周内补报' });
    expect((await editor.post(`/api/v1/task-urges/${urge.id}/acknowledge`, { version: urge.version + 1, response: '再次' })).statusCode).toBe(409);
    const mine = (await editor.get(`/api/v1/task-urges?planId=${planId}`)).json() as { unitName: string }[];
    expect(mine.every((u) => u.unitName === '示范县发展和改革局')).toBe(true);
  });

  it('the ledger: made at import, edited by the unit, exported as XLSX in the columns of attachment 2', async () => {
    const l = (await editor.get(`/api/v1/task-plans/${planId}/ledger?unitId=${uid('fgj')}`)).json() as { rows: { id: string; version: number; task: string; timeLimit: string; base: boolean; number: number }[]; incomplete: number; mayEdit: boolean };
    expect(l.mayEdit).toBe(true);
    expect(l.rows).toHaveLength(1);
    expect(l.rows[0]).toMatchObject({ task: '重点项目信息公开：公开重点建设项目的批准、实施和竣工情况', timeLimit: '按季度公开', base: true });
    expect(l.incomplete).toBe(1);
    const row = l.rows[0]!;
    const upd = await editor.put(`/api/v1/task-ledger-rows/${row.id}`, { version: row.version, measure: '每季度末汇总重点项目进展，报县政府网站公开', leader: '陈志强', section: '投资科' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().incomplete).toBe(0);
    const added = await editor.post(`/api/v1/task-plans/${planId}/ledger`, { unitId: uid('fgj'), afterRowId: row.id, measure: '年底前开展重点项目公开情况自查' });
    expect(added.statusCode, added.body).toBe(201);
    const rows = added.json().rows as { id: string; number: number; base: boolean; version: number; leader: string }[];
    expect(rows.map((r) => [r.number, r.base, r.leader])).toEqual([
      [1, true, '陈志强'],
      [1, false, '陈志强'],
    ]);
    expect((await editor.delete(`/api/v1/task-ledger-rows/${rows[0]!.id}?version=${rows[0]!.version}`)).statusCode).toBe(409);
    const other = await loginAs(t.app, 'editor2');
    expect((await other.put(`/api/v1/task-ledger-rows/${row.id}`, { version: 2, measure: 'x' })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/task-plans/${planId}/ledger?unitId=${uid('fgj')}`)).statusCode).toBe(404);
    const x = await editor.get(`/api/v1/task-plans/${planId}/ledger.xlsx?unitId=${uid('fgj')}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室']);
    expect(ws.getCell(3, 3).value).toBe('每季度末汇总重点项目进展，报县政府网站公开');
    expect(ws.getCell(4, 3).value).toBe('年底前开展重点项目公开情况自查');
    expect(ws.getCell(4, 2).isMerged).toBe(true);
    const all = await office.get(`/api/v1/task-plans/${planId}/ledger.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as Parameters<typeof wb2.xlsx.load>[0]);
    expect(wb2.worksheets.map((w) => w.name).sort()).toEqual(['示范县住房和城乡建设局', '示范县发展和改革局', '示范县财政局'].sort());
    expect((await editor.delete(`/api/v1/task-ledger-rows/${rows[1]!.id}?version=${rows[1]!.version}`)).statusCode).toBe(200);
  });

  it('scores: a configurable scheme, bonus items, ranking, XLSX; a unit sees its own row', async () => {
    const plan = (await office.get(`/api/v1/task-plans/${planId}`)).json() as { version: number; tasks: { id: string; seq: number }[] };
    const bad = await office.patch(`/api/v1/task-plans/${planId}`, { version: plan.version, scheme: { latePerPeriod: -1 } });
    expect(bad.statusCode).toBe(400);
    const upd = await office.patch(`/api/v1/task-plans/${planId}`, { version: plan.version, scheme: { latePerPeriod: 0, missingEvidence: 5, weights: { [plan.tasks[1]!.id]: 2 } } });
    expect(upd.statusCode, upd.body).toBe(200);
    const bonus = await office.post(`/api/v1/task-plans/${planId}/bonuses`, { unitId: uid('fgj'), points: 3, reason: '重点项目公开做法被市政务公开办推广' });
    expect(bonus.statusCode, bonus.body).toBe(201);
    const board = (await office.get(`/api/v1/task-plans/${planId}/scores?asOf=2026-12-06`)).json() as { units: { unitName: string; score: number; rank: number; bonus: number; explanation: string }[]; rankedUnits: number };
    expect(board.rankedUnits).toBe(3);
    const fgj = board.units.find((u) => u.unitName === '示范县发展和改革局')!;
    // One of three quarters due done (33.3) + 3 bonus.
    expect(fgj.score).toBe(36.3);
    expect(fgj.explanation).toContain('加分 3 分');
    expect(board.units.find((u) => u.unitName === '示范县住房和城乡建设局')!.score).toBe(100);
    const mine = (await editor.get(`/api/v1/task-plans/${planId}/scores`)).json() as { units: { unitName: string; rank: number }[]; rankedUnits: number };
    expect(mine.units.map((u) => u.unitName)).toEqual(['示范县发展和改革局']);
    expect(mine.rankedUnits).toBe(3);
    const x = await office.get(`/api/v1/task-plans/${planId}/scores.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect((wb.worksheets[0]!.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['排名', '单位', '得分']);
    expect(wb.worksheets.map((w) => w.name)).toContain('加分项');
  });

  it('the circular names the late units and the good practice, as an official DOCX', async () => {
    const preview = await office.post(`/api/v1/task-plans/${planId}/circulars/preview`, { goodPractice: [{ unitId: uid('fgj'), text: '建立重点项目信息公开季度调度机制' }] });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as { text: string; lateUnits: { unitName: string }[] };
    expect(p.lateUnits.map((u) => u.unitName).sort()).toEqual(['示范县发展和改革局', '示范县财政局'].sort());
    expect(p.text).toContain('示范县人民政府办公室');
    expect(p.text).toContain('建立重点项目信息公开季度调度机制');
    const res = await office.post(`/api/v1/task-plans/${planId}/circulars`, { docNo: '示政办通〔2026〕9号', goodPractice: [{ unitId: uid('fgj'), text: '建立重点项目信息公开季度调度机制' }] });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: string; lateUnits: string[]; goodUnits: string[]; fileName: string };
    expect(c.goodUnits).toEqual(['示范县发展和改革局']);
    expect(c.fileName).toBe('关于2026年政务公开重点工作任务落实情况的通报.docx');
    const docx = await editor.get(`/api/v1/task-circulars/${c.id}/docx`);
    expect(docx.statusCode).toBe(200);
    const bytes = new Uint8Array(docx.rawPayload);
    const listing = listZip(bytes)!;
    const xml = new TextDecoder().decode(readZipEntry(bytes, listing.entries.find((e) => e.name === 'word/document.xml')!, 10_000_000)!);
    expect(xml).toContain('示范县财政局：逾期未完成');
    expect(xml).toContain('示政办通〔2026〕9号');
    expect(xml).toContain('FF0000');
    expect(xml).toContain('仿宋_GB2312');
    const list = (await editor.get(`/api/v1/task-plans/${planId}/circulars`)).json() as unknown[];
    expect(list).toHaveLength(1);
    expect((await editor.post(`/api/v1/task-plans/${planId}/circulars`, {})).statusCode).toBe(403);
  });
});

describe('the sweep', () => {
  it('completes a period once a record linked before publication is published, and counts records under the task’s node', async () => {
    const a = (await editor.get(`/api/v1/task-assignments?planId=${planId}`)).json() as { id: string }[];
    let view = (await editor.get(`/api/v1/task-assignments/${a[0]!.id}`)).json() as AssignmentView;
    const draft = await office.post('/api/v1/records', { unitId: uid('fgj'), title: '示范县2026年第二季度重点项目进展情况', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>第二季度重点项目进展顺利。</p>' });
    expect(draft.statusCode, draft.body).toBe(201);
    const q2 = view.periods[1]!;
    const res = await editor.post(`/api/v1/task-periods/${q2.id}/progress`, { version: q2.version, state: 'in_progress', text: '进展情况已起草，待发布', recordIds: [draft.json().id] });
    expect(res.statusCode, res.body).toBe(200);
    view = res.json() as AssignmentView;
    expect(view.periods[1]!.evidence[0]).toMatchObject({ counts: false });
    expect(await runTaskSweep(t.database.db, '2026-12-06')).toMatchObject({ completed: 0 });
    await t.database.pool.query("UPDATE records SET state = 'published', published_at = '2026-12-07 10:00+08' WHERE id = $1", [draft.json().id]);
    const swept = await runTaskSweep(t.database.db, '2026-12-07');
    expect(swept!.completed).toBe(1);
    view = (await editor.get(`/api/v1/task-assignments/${view.id}`)).json() as AssignmentView;
    expect(view.periods[1]).toMatchObject({ state: 'done', doneOn: '2026-12-07', evidenceCount: 1 });
    expect(view.periods[1]!.progress[0]).toMatchObject({ automatic: true });

    // The office binds task 1 to the budgets column: 县财政局's budget published there counts by itself.
    const plan = (await office.get(`/api/v1/task-plans/${planId}`)).json() as { tasks: { id: string; version: number; units: { assignmentId: string; unitName: string }[] }[] };
    const { rows: nodes } = await t.database.pool.query<{ id: string; code: string }>('SELECT n.id, n.code FROM catalogue_nodes n JOIN records r ON r.catalogue_node_id = n.id WHERE r.tenant_id = $1 AND r.unit_id = $2 AND r.state = $3 LIMIT 1', [tenantId, uid('czj'), 'published']);
    const task1 = plan.tasks[0]!;
    const patched = await office.patch(`/api/v1/tasks/${task1.id}`, { version: task1.version, catalogueNodeId: nodes[0]!.id, weight: 2 });
    expect(patched.statusCode, patched.body).toBe(200);
    const tv = patched.json() as { weight: number; assignments: { unitName: string; periods: PeriodView[] }[] };
    expect(tv.weight).toBe(2);
    const czj = tv.assignments.find((x) => x.unitName === '示范县财政局')!;
    expect(czj.periods[0]).toMatchObject({ state: 'done' });
    expect(czj.periods[0]!.evidence[0]).toMatchObject({ automatic: true, counts: true });
  });

  it('reminds before each due date once, and of unacknowledged 催办', async () => {
    const before = await count('notifications');
    // 2026-12-24 is 5 working days before 2026-12-31 (task 3, 年底前).
    const first = await runTaskSweep(t.database.db, '2026-12-24');
    expect(first!.reminders).toBeGreaterThan(0);
    const again = await runTaskSweep(t.database.db, '2026-12-24');
    expect(again!.reminders).toBe(0);
    const { rows } = await t.database.pool.query<{ title: string; unit_id: string }>("SELECT title, unit_id FROM notifications WHERE tenant_id = $1 AND kind = 'task.due' ORDER BY created_at DESC", [tenantId]);
    expect(rows.some((r) => r.title.includes('还有 5 个工作日到期') && r.unit_id === uid('zjj'))).toBe(true);
    expect(await count('notifications')).toBeGreaterThan(before);
    const urge = (await office.post('/api/v1/task-urges', { planId, unitId: uid('czj'), message: '请尽快完成预决算公开' })).json() as { id: string };
    const late = await runTaskSweep(t.database.db, '2027-01-20');
    expect(late!.reminders).toBeGreaterThan(0);
    const { rows: u } = await t.database.pool.query("SELECT 1 FROM notifications WHERE tenant_id = $1 AND kind = 'task.urge_overdue' AND entity_id = $2", [tenantId, urge.id]);
    expect(u).toHaveLength(1);
  });
});

describe('回头看', () => {
  it('carries the unfinished tasks (for the units that did not finish) into next year, once', async () => {
    const preview = (await office.get(`/api/v1/task-plans/${planId}/look-back`)).json() as { unfinished: { seq: number; units: { unitName: string }[] }[]; version: number };
    expect(preview.unfinished.map((u) => u.seq)).toEqual([2, 3]);
    expect((await editor.get(`/api/v1/task-plans/${planId}/look-back`)).statusCode).toBe(403);
    const res = await office.post(`/api/v1/task-plans/${planId}/look-back`, { version: preview.version });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as { targetPlanId: string; tasks: number; assignments: number; targetTitle: string };
    expect(r).toMatchObject({ tasks: 2, assignments: 3, targetTitle: '2027年结转任务（2026年工作任务回头看）' });
    const next = (await office.get(`/api/v1/task-plans/${r.targetPlanId}`)).json() as { year: number; tasks: { requirement: string; carriedFromTaskId: string | null; units: { unitName: string }[] }[] };
    expect(next.year).toBe(2027);
    expect(next.tasks.every((x) => x.carriedFromTaskId)).toBe(true);
    const again = await office.post(`/api/v1/task-plans/${planId}/look-back`, { version: preview.version + 1 });
    expect(again.statusCode).toBe(409);
    // The old plan takes no more reports.
    const a = (await editor.get(`/api/v1/task-assignments?planId=${planId}`)).json() as { id: string }[];
    const v = (await editor.get(`/api/v1/task-assignments/${a[0]!.id}`)).json() as AssignmentView;
    const open = v.periods.find((p) => p.state !== 'done')!;
    const late = await editor.post(`/api/v1/task-periods/${open.id}/progress`, { version: open.version, state: 'done', text: '补报' });
    expect(late.statusCode).toBe(409);
    const plans = (await office.get('/api/v1/task-plans')).json() as { id: string; status: string; carriedToPlanId: string | null }[];
    expect(plans.find((p) => p.id === planId)).toMatchObject({ status: 'looked_back', carriedToPlanId: r.targetPlanId });
  });
});
