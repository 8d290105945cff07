// Importing a yearly notice: upload → the parsed task list for review → unknown unit names mapped by a person
// → a person confirms → the plan, its tasks, the units' assignments, periods and ledger rows are created in
// one transaction, and each name mapped to one unit is kept as that unit's alias, so next year's notice
// matches it by itself. A file that is not a notice, has no tasks or no unit column is refused with a
// Chinese message and nothing is stored; a confirm that fails anywhere leaves nothing behind.
import { and, desc, eq } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal, type WorkingCalendar } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import { sha256Hex } from '../files/blob-store.ts';
import { extractTasks, type ExtractedTask } from '../../core/tasks/extract.ts';
import { buildUnitIndex, collectiveKinds, matchUnitName, type KnownUnit, type UnitIndex, type UnitMatchStatus } from '../../core/tasks/match.ts';
import { planPeriods } from '../../core/tasks/periods.ts';
import { unitKey } from '../../core/tasks/text.ts';
import { splitUnits } from '../../core/tasks/units.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tenantCalendar } from '../calendar/service.ts';
import type { BlobStore } from '../files/index.ts';
import { addAlias, matchUnitName as findUnitByName } from '../org/units.ts';
import { NoticeReadError, readNotice } from './read-notice.ts';
import { assertManage, knownUnits, ROLE_LABELS } from './common.ts';
import { taskAssignments, taskImports, taskLedgerRows, taskPeriods, taskPlans, tasks, type AssignmentRole, type DraftMapping, type DraftTask, type ImportStatus } from './schema.ts';

type ImportRow = typeof taskImports.$inferSelect;

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = { draft: '待确认', confirmed: '已导入', discarded: '已放弃' };

export type NameStatus = UnitMatchStatus | 'mapped' | 'ignored';

export const NAME_STATUS_LABELS: Record<NameStatus, string> = {
  matched: '已匹配',
  collective: '泛指（已展开）',
  ambiguous: '有多个可能，需指定',
  unmatched: '未匹配，需指定',
  mapped: '已人工指定',
  ignored: '已忽略（不是单位）',
};

export interface NameView {
  name: string;
  status: NameStatus;
  statusLabel: string;
  /** The units it stands for (matched, expanded, or as mapped). */
  units: { id: string; name: string }[];
  /** For an ambiguous name: the candidates. */
  candidates: { id: string; name: string }[];
  note: string;
  /** The status before the person's mapping (what the matcher said). */
  matchStatus: UnitMatchStatus;
  /** Tasks (included) that name it. */
  taskCount: number;
  /** A mapping to one unit will be kept as that unit's alias when the import is confirmed. */
  keepsAlias: boolean;
}

export interface DraftTaskView extends DraftTask {
  resolved: { id: string; name: string; role: AssignmentRole; roleLabel: string }[];
  unresolved: string[];
  timeLimit: { description: string; needsReview: boolean; note: string | null; dueDates: { date: string; label: string }[]; rules: string[] };
  problems: string[];
}

export interface ImportView {
  id: string;
  status: ImportStatus;
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
  tasks: DraftTaskView[];
  names: NameView[];
  summary: { tasks: number; included: number; units: number; unmatched: number; ambiguous: number; needsReview: number };
  /** Why it cannot be confirmed yet (empty: ready). */
  problems: string[];
  ready: boolean;
}

const ROLE_RANK: Record<AssignmentRole, number> = { lead: 0, responsible: 1, supporting: 2 };

function draftTask(t: ExtractedTask, index: number): DraftTask {
  return {
    index,
    include: true,
    category: t.category,
    categories: [...t.categories],
    requirement: t.requirement,
    units: [...t.units],
    leadUnits: [...t.leadUnits],
    supportingUnits: [...t.supportingUnits],
    deadlineText: t.deadlineText,
    source: t.source,
    unitsFrom: t.unitsFrom,
    edited: false,
  };
}

interface Resolution {
  status: NameStatus;
  matchStatus: UnitMatchStatus;
  unitIds: string[];
  candidates: string[];
  note: string;
}

function resolveName(name: string, index: UnitIndex, mappings: Map<string, DraftMapping>, alive: Set<string>): Resolution {
  const m = matchUnitName(name, index);
  const mapping = mappings.get(unitKey(name));
  if (mapping?.ignore) return { status: 'ignored', matchStatus: m.status, unitIds: [], candidates: m.status === 'ambiguous' ? m.unitIds : [], note: '由导入人确认不是单位，不分配任务' };
  if (mapping && mapping.unitIds.length) {
    const ids = mapping.unitIds.filter((id) => alive.has(id));
    return { status: 'mapped', matchStatus: m.status, unitIds: ids, candidates: m.status === 'ambiguous' ? m.unitIds : [], note: '由导入人指定' };
  }
  return { status: m.status, matchStatus: m.status, unitIds: m.status === 'matched' || m.status === 'collective' ? m.unitIds : [], candidates: m.status === 'ambiguous' ? m.unitIds : [], note: m.note };
}

/** The import as the reviewer sees it: every name matched (or mapped), every task's units and due dates. */
export function buildImportView(row: ImportRow, known: readonly KnownUnit[], calendar: WorkingCalendar): ImportView {
  const index = buildUnitIndex(known);
  const nameOf = new Map(known.map((u) => [u.id, u.name]));
  const alive = new Set(known.map((u) => u.id));
  const mappings = new Map(row.mappings.map((m) => [unitKey(m.name), m]));
  const cache = new Map<string, Resolution>();
  const resolve = (n: string) => {
    const k = unitKey(n);
    let r = cache.get(k);
    if (!r) cache.set(k, (r = resolveName(n, index, mappings, alive)));
    return r;
  };
  const year = row.year ?? Number(todayLocal().slice(0, 4));
  const nameTasks = new Map<string, { name: string; count: number }>();
  const taskViews: DraftTaskView[] = row.tasks.map((t) => {
    const resolved = new Map<string, AssignmentRole>();
    const unresolved: string[] = [];
    for (const n of t.units) {
      const r = resolve(n);
      const k = unitKey(n);
      if (t.include) nameTasks.set(k, { name: nameTasks.get(k)?.name ?? n, count: (nameTasks.get(k)?.count ?? 0) + 1 });
      if (r.status === 'ignored') continue;
      if (!r.unitIds.length) {
        unresolved.push(n);
        continue;
      }
      const role: AssignmentRole = t.leadUnits.includes(n) ? 'lead' : t.supportingUnits.includes(n) ? 'supporting' : 'responsible';
      for (const id of r.unitIds) {
        const before = resolved.get(id);
        if (!before || ROLE_RANK[role] < ROLE_RANK[before]) resolved.set(id, role);
      }
    }
    const plan = planPeriods(t.deadlineText, year, calendar);
    const problems: string[] = [];
    if (t.include) {
      if (!t.requirement.trim()) problems.push('工作要求为空');
      if (!t.units.length) problems.push('没有识别出责任单位，请补充');
      else if (!resolved.size && !unresolved.length) problems.push('责任单位均已忽略，请至少指定一个单位');
      if (unresolved.length) problems.push(`单位「${unresolved.join('、')}」尚未指定`);
    }
    return {
      ...t,
      resolved: [...resolved].map(([id, role]) => ({ id, name: nameOf.get(id) ?? id, role, roleLabel: ROLE_LABELS[role] })).sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]),
      unresolved,
      timeLimit: {
        description: plan.timeLimit.description,
        needsReview: plan.needsReview,
        note: plan.notes.join('；') || null,
        dueDates: plan.periods.map((p) => ({ date: p.dueOn, label: p.label })),
        rules: plan.rules,
      },
      problems,
    };
  });
  const names: NameView[] = [];
  const seen = new Set<string>();
  for (const t of row.tasks) {
    for (const n of t.units) {
      const k = unitKey(n);
      if (seen.has(k)) continue;
      seen.add(k);
      const r = resolve(n);
      const single = r.status === 'mapped' && r.unitIds.length === 1 && !collectiveKinds(n);
      names.push({
        name: n,
        status: r.status,
        statusLabel: NAME_STATUS_LABELS[r.status],
        units: r.unitIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
        candidates: r.candidates.map((id) => ({ id, name: nameOf.get(id) ?? id })),
        note: r.note,
        matchStatus: r.matchStatus,
        taskCount: nameTasks.get(k)?.count ?? 0,
        keepsAlias: single,
      });
    }
  }
  const included = taskViews.filter((t) => t.include);
  const problems: string[] = [];
  if (!row.year) problems.push('请填写计划年度（通知中没有识别出年度）');
  if (!row.title.trim()) problems.push('请填写计划名称');
  if (!included.length) problems.push('没有要导入的任务');
  const open = names.filter((n) => n.taskCount > 0 && (n.status === 'unmatched' || n.status === 'ambiguous'));
  if (open.length) problems.push(`还有 ${open.length} 个单位名称需要指定：${open.map((n) => `「${n.name}」`).join('、')}`);
  // Unmapped names are listed once above; the tasks' other problems one by one.
  const bad = included.map((t) => ({ t, p: t.problems.filter((x) => !x.startsWith('单位「')) })).filter((x) => x.p.length);
  for (const { t, p } of bad.slice(0, 5)) problems.push(`第 ${t.index + 1} 项任务：${p.join('；')}`);
  if (bad.length > 5) problems.push(`另有 ${bad.length - 5} 项任务有问题`);
  const units = new Set(included.flatMap((t) => t.resolved.map((u) => u.id)));
  return {
    id: row.id,
    status: row.status,
    statusLabel: IMPORT_STATUS_LABELS[row.status],
    fileName: row.fileName,
    title: row.title,
    year: row.year,
    layout: row.layout,
    warnings: row.warnings,
    planId: row.planId,
    createdByLabel: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    tasks: taskViews,
    names,
    summary: {
      tasks: taskViews.length,
      included: included.length,
      units: units.size,
      unmatched: names.filter((n) => n.taskCount > 0 && n.status === 'unmatched').length,
      ambiguous: names.filter((n) => n.taskCount > 0 && n.status === 'ambiguous').length,
      needsReview: included.filter((t) => t.timeLimit.needsReview).length,
    },
    problems,
    ready: problems.length === 0 && row.status === 'draft',
  };
}

async function requireImport(exec: Executor, tenantId: string, id: string, lock = false): Promise<ImportRow> {
  const q = exec.select().from(taskImports).where(and(eq(taskImports.tenantId, tenantId), eq(taskImports.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('导入');
  return row;
}

async function viewOf(exec: Executor, row: ImportRow): Promise<ImportView> {
  const [known, cal] = await Promise.all([knownUnits(exec, row.tenantId), tenantCalendar(exec, row.tenantId)]);
  return buildImportView(row, known, cal);
}

/** Reads and parses an uploaded notice; stores it as an import to review. Nothing is stored for a bad file. */
export async function createImport(db: Db, blobs: BlobStore | null, caller: Caller, file: { fileName: string; bytes: Uint8Array }, opts: { year?: number } = {}): Promise<ImportView> {
  await assertManage(db, caller);
  let doc;
  try {
    doc = await readNotice(file.bytes, file.fileName);
  } catch (e) {
    if (e instanceof NoticeReadError) {
      const status = e.code === 'too_large' ? 413 : e.code === 'zip_not_office' || e.code === 'unsupported' || e.code === 'binary' ? 415 : 400;
      throw new AppError(status, `NOTICE_${e.code.toUpperCase()}`, e.message);
    }
    throw e;
  }
  const parse = extractTasks(doc);
  if (parse.status !== 'ok') {
    throw new AppError(422, `NOTICE_${(parse.problem ?? 'no_tasks').toUpperCase()}`, parse.message ?? '没有从这份文件中识别出工作任务', { warnings: parse.warnings });
  }
  const year = opts.year ?? parse.planYear ?? null;
  // The notice itself is kept with the plan (when a blob store is at hand: the demo loader may have none).
  const stored = blobs ? await blobs.put(file.bytes, { contentType: 'application/octet-stream' }) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taskImports)
      .values({
        tenantId: caller.actor.tenantId,
        fileName: file.fileName.split(/[\\/]/).pop()!.slice(0, 200) || '通知',
        sha256: sha256Hex(file.bytes),
        blobKey: stored?.key ?? null,
        title: (parse.title ?? file.fileName.replace(/\.[^.]+$/, '')).slice(0, 300),
        year,
        layout: parse.layout?.detail ?? null,
        warnings: parse.warnings,
        tasks: parse.tasks.map(draftTask),
        createdBy: caller.actor.userId,
        createdByLabel: caller.actor.label,
      })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'task.import.upload',
      entityType: 'task_import',
      entityId: row!.id,
      summary: `上传工作任务通知《${row!.title}》，识别出 ${parse.tasks.length} 项任务，待确认`,
      after: { fileName: row!.fileName, year, tasks: parse.tasks.length },
    });
    return viewOf(tx, row!);
  });
}

export async function listImports(exec: Executor, caller: Caller, opts: { status?: ImportStatus } = {}) {
  await assertManage(exec, caller);
  const rows = await exec
    .select()
    .from(taskImports)
    .where(and(eq(taskImports.tenantId, caller.actor.tenantId), opts.status ? eq(taskImports.status, opts.status) : undefined))
    .orderBy(desc(taskImports.createdAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: IMPORT_STATUS_LABELS[r.status],
    fileName: r.fileName,
    title: r.title,
    year: r.year,
    tasks: r.tasks.length,
    planId: r.planId,
    createdByLabel: r.createdByLabel,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getImport(exec: Executor, caller: Caller, id: string): Promise<ImportView> {
  await assertManage(exec, caller);
  return viewOf(exec, await requireImport(exec, caller.actor.tenantId, id));
}

export interface ImportPatch {
  version: number;
  title?: string;
  year?: number | null;
  tasks?: { index: number; include?: boolean; category?: string | null; requirement?: string; deadlineText?: string | null; unitsText?: string }[];
  mappings?: { name: string; unitIds?: string[]; ignore?: boolean }[];
}

/** The reviewer's corrections: title and year, tasks left out or edited, unit names mapped. */
export async function updateImport(db: Db, caller: Caller, id: string, patch: ImportPatch): Promise<ImportView> {
  const tenantId = caller.actor.tenantId;
  return db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const row = await requireImport(tx, tenantId, id, true);
    if (row.status !== 'draft') throw conflict(`这次导入${IMPORT_STATUS_LABELS[row.status]}，不能再修改`);
    if (row.version !== patch.version) throw staleVersion('导入的任务清单');
    const known = await knownUnits(tx, tenantId);
    const alive = new Set(known.map((u) => u.id));
    const tasksNext = row.tasks.map((t) => ({ ...t }));
    for (const e of patch.tasks ?? []) {
      const t = tasksNext.find((x) => x.index === e.index);
      if (!t) throw badRequest(`没有第 ${e.index + 1} 项任务`, { field: 'tasks' });
      if (e.include !== undefined) t.include = e.include;
      if (e.category !== undefined) {
        t.category = e.category?.trim() || null;
        t.edited = true;
      }
      if (e.requirement !== undefined) {
        if (!e.requirement.trim()) throw badRequest(`第 ${e.index + 1} 项任务的工作要求不能为空`, { field: 'requirement' });
        t.requirement = e.requirement.trim();
        t.edited = true;
      }
      if (e.deadlineText !== undefined) {
        t.deadlineText = e.deadlineText?.trim() || null;
        t.edited = true;
      }
      if (e.unitsText !== undefined) {
        const s = splitUnits(e.unitsText);
        if (s.rejected.length && !s.units.length) throw badRequest(`“${e.unitsText}”中没有识别出单位名称，请用“、”分隔单位，牵头单位写“某某牵头”`, { field: 'unitsText' });
        t.units = s.units;
        t.leadUnits = s.lead;
        t.supportingUnits = s.supporting;
        t.unitsFrom = 'own';
        t.edited = true;
      }
    }
    const mappings = new Map(row.mappings.map((m) => [unitKey(m.name), m]));
    for (const m of patch.mappings ?? []) {
      const name = m.name.trim();
      if (!name) throw badRequest('单位名称不能为空', { field: 'mappings' });
      const ids = [...new Set(m.unitIds ?? [])];
      for (const uid of ids) if (!alive.has(uid)) throw badRequest('指定的单位不存在或已撤销', { field: 'mappings' });
      if (!m.ignore && !ids.length) mappings.delete(unitKey(name));
      else mappings.set(unitKey(name), { name, unitIds: m.ignore ? [] : ids, ignore: Boolean(m.ignore) });
    }
    const title = patch.title !== undefined ? patch.title.trim() : row.title;
    if (patch.title !== undefined && !title) throw badRequest('计划名称不能为空', { field: 'title' });
    const [next] = await tx
      .update(taskImports)
      .set({
        title,
        ...(patch.year !== undefined ? { year: patch.year } : {}),
        tasks: tasksNext,
        mappings: [...mappings.values()],
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(taskImports.tenantId, tenantId), eq(taskImports.id, id), eq(taskImports.version, patch.version)))
      .returning();
    if (!next) throw staleVersion('导入的任务清单');
    return buildImportView(next, known, await tenantCalendar(tx, tenantId));
  });
}

export async function discardImport(db: Db, caller: Caller, id: string, version: number): Promise<ImportView> {
  const tenantId = caller.actor.tenantId;
  return db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const row = await requireImport(tx, tenantId, id, true);
    if (row.status !== 'draft') throw conflict(`这次导入${IMPORT_STATUS_LABELS[row.status]}，不能放弃`);
    if (row.version !== version) throw staleVersion('导入的任务清单');
    const [next] = await tx.update(taskImports).set({ status: 'discarded', version: row.version + 1, updatedAt: new Date() }).where(and(eq(taskImports.tenantId, tenantId), eq(taskImports.id, id))).returning();
    await recordAudit(tx, caller.actor, { action: 'task.import.discard', entityType: 'task_import', entityId: id, summary: `放弃导入《${row.title}》` });
    return viewOf(tx, next!);
  });
}

export interface ConfirmResult {
  planId: string;
  tasks: number;
  assignments: number;
  periods: number;
  aliases: { name: string; unitName: string }[];
}

/** A person confirms: everything is created in one transaction, or nothing is. */
export async function confirmImport(db: Db, caller: Caller, id: string, version: number): Promise<ConfirmResult> {
  const tenantId = caller.actor.tenantId;
  return db.transaction(async (tx) => {
    await assertManage(tx, caller);
    const row = await requireImport(tx, tenantId, id, true);
    if (row.status !== 'draft') throw conflict(`这次导入${IMPORT_STATUS_LABELS[row.status]}，不能再次确认`);
    if (row.version !== version) throw staleVersion('导入的任务清单');
    const known = await knownUnits(tx, tenantId);
    const cal = await tenantCalendar(tx, tenantId);
    const view = buildImportView(row, known, cal);
    if (view.problems.length) throw conflict(`还不能确认导入：${view.problems.join('；')}`, { problems: view.problems });
    const year = row.year!;
    const [plan] = await tx
      .insert(taskPlans)
      .values({ tenantId, year, title: row.title, sourceFileName: row.fileName, sourceBlobKey: row.blobKey, importId: row.id, createdBy: caller.actor.userId })
      .returning();
    const nameOf = new Map(known.map((u) => [u.id, u.name]));
    let seq = 0;
    let assignments = 0;
    let periods = 0;
    const ledgerOrder = new Map<string, number>();
    for (const t of view.tasks) {
      if (!t.include) continue;
      const plan2 = planPeriods(t.deadlineText, year, cal);
      const unitsText = t.units.map((n) => (t.leadUnits.includes(n) ? `${n}（牵头）` : t.supportingUnits.includes(n) ? `${n}（配合）` : n)).join('、');
      const [task] = await tx
        .insert(tasks)
        .values({
          tenantId,
          planId: plan!.id,
          seq: ++seq,
          category: t.category,
          requirement: t.requirement,
          deadlineText: t.deadlineText,
          deadlineDescription: plan2.timeLimit.description,
          deadlineRules: plan2.rules,
          needsReview: plan2.needsReview,
          reviewNote: plan2.notes.join('；') || null,
          unitsText,
          source: t.source,
        })
        .returning();
      const written = (unitId: string) => t.units.find((n) => view.names.find((x) => unitKey(x.name) === unitKey(n))?.units.some((u) => u.id === unitId)) ?? nameOf.get(unitId) ?? '';
      for (const u of t.resolved) {
        const [a] = await tx.insert(taskAssignments).values({ tenantId, taskId: task!.id, planId: plan!.id, unitId: u.id, role: u.role, nameAsWritten: written(u.id) }).returning();
        assignments++;
        await tx.insert(taskPeriods).values(
          plan2.periods.map((p) => ({ tenantId, assignmentId: a!.id, taskId: task!.id, planId: plan!.id, unitId: u.id, periodKey: p.periodKey, label: p.label, dueOn: p.dueOn, explanation: p.explanation, assumed: p.assumed })),
        );
        periods += plan2.periods.length;
        const order = (ledgerOrder.get(u.id) ?? 0) + 10;
        ledgerOrder.set(u.id, order);
        await tx.insert(taskLedgerRows).values({
          tenantId,
          planId: plan!.id,
          unitId: u.id,
          assignmentId: a!.id,
          sortOrder: order,
          task: t.category ? `${t.category}：${t.requirement}` : t.requirement,
          timeLimit: t.deadlineText ?? plan2.timeLimit.description,
        });
      }
    }
    // The mappings to one unit become that unit's aliases: next year's notice matches them by itself.
    const aliases: ConfirmResult['aliases'] = [];
    for (const n of view.names) {
      if (!n.keepsAlias || n.taskCount === 0) continue;
      const unitId = n.units[0]!.id;
      const existing = await findUnitByName(tx, tenantId, n.name);
      if (existing) {
        if (existing.id !== unitId) throw conflict(`「${n.name}」已是单位「${existing.name}」的名称或别名，不能再作为「${n.units[0]!.name}」的别名；请重新指定`);
        continue;
      }
      await addAlias(tx, caller, unitId, n.name, 'import');
      aliases.push({ name: n.name, unitName: n.units[0]!.name });
    }
    await tx.update(taskImports).set({ status: 'confirmed', planId: plan!.id, confirmedAt: new Date(), version: row.version + 1, updatedAt: new Date() }).where(and(eq(taskImports.tenantId, tenantId), eq(taskImports.id, id)));
    await recordAudit(tx, caller.actor, {
      action: 'task.import.confirm',
      entityType: 'task_plan',
      entityId: plan!.id,
      summary: `确认导入《${row.title}》：${seq} 项任务，分配到 ${new Set(view.tasks.filter((t) => t.include).flatMap((t) => t.resolved.map((u) => u.id))).size} 个单位${aliases.length ? `；保存别名 ${aliases.map((a) => `「${a.name}」→${a.unitName}`).join('、')}` : ''}`,
      after: { planId: plan!.id, year, tasks: seq, assignments, aliases },
    });
    return { planId: plan!.id, tasks: seq, assignments, periods, aliases };
  });
}
