// 政府公报: yearly volumes of numbered issues. An issue is put together from published records (its title
// and text come from the record) and free-standing titles, grouped in sections (县政府文件, 县政府办公室文件,
// 部门文件, 人事任免, …); publishing it prints it as a PDF, kept in the blob store and served on the portal.
// Back issues are loaded as the PDFs they were printed as. An issue is public once it has its PDF.
//
// Editing needs gazette.manage on the tenant's root unit (the office); reading, records.read. Changes are
// refused on a stale version, and every one is written to the audit log.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { isLocalDate, todayLocal } from '../../core/calendar/index.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../core/errors.ts';
import { classifyUpload, displayName, KIND_INFO, sizeProblem } from '../../core/files/sniff.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { extractText, type BlobStore } from '../files/index.ts';
import { getTenant } from '../org/tenants.ts';
import { rootOf } from '../org/units.ts';
import { PORTAL_CHANNEL } from '../publishing/changes.ts';
import { attachmentsOf } from '../publishing/records.ts';
import { gazetteArticles, gazetteIssues, records } from '../publishing/schema.ts';
import { defaultIssueTitle, issueDocument, issueLabel, type PrintedArticle } from './document.ts';
import { renderPdf } from './pdf.ts';

type IssueRow = typeof gazetteIssues.$inferSelect;
type ArticleRow = typeof gazetteArticles.$inferSelect;

/** Sections customary in a county gazette, offered as suggestions (any other name may be used). */
export const GAZETTE_SECTIONS = ['县政府文件', '县政府办公室文件', '部门文件', '人事任免', '重要会议', '工作动态'] as const;

export const MAX_ARTICLES = 300;

export interface ArticleView {
  id: string;
  recordId: string | null;
  title: string;
  section: string | null;
  sortOrder: number;
  /** The linked record's 文号 and state (null for a free-standing title). */
  docNo: string | null;
  recordState: string | null;
}

export interface IssueView {
  id: string;
  year: number;
  number: number;
  totalNumber: number | null;
  title: string;
  /** 2026年第3期（总第45期） */
  label: string;
  publishedOn: string | null;
  /** Published (public on the portal): it has its PDF. */
  published: boolean;
  isBackIssue: boolean;
  pdfSize: number | null;
  articleCount: number;
  articles: ArticleView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

function issueView(row: IssueRow, articles: ArticleView[], articleCount = articles.length): IssueView {
  return {
    id: row.id,
    year: row.year,
    number: row.number,
    totalNumber: row.totalNumber,
    title: row.title,
    label: issueLabel(row.year, row.number, row.totalNumber),
    publishedOn: row.publishedOn,
    published: row.pdfBlobKey !== null,
    isBackIssue: row.isBackIssue,
    pdfSize: row.pdfSize,
    articleCount,
    articles,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** For the audit log: the issue without its article list. */
function auditShape(v: IssueView) {
  const { articles: _a, ...rest } = v;
  return rest;
}

async function assertManage(exec: Executor, caller: Caller) {
  const root = await rootOf(exec, caller.actor.tenantId);
  assertCan(caller, 'gazette.manage', root, root.name);
}

async function tenantName(exec: Executor, tenantId: string): Promise<string> {
  return (await getTenant(exec, tenantId))?.name ?? '';
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

async function articlesOf(exec: Executor, tenantId: string, issueId: string): Promise<ArticleView[]> {
  const rows = await exec
    .select({ a: gazetteArticles, docNo: records.docNo, state: records.state })
    .from(gazetteArticles)
    .leftJoin(records, and(eq(records.tenantId, gazetteArticles.tenantId), eq(records.id, gazetteArticles.recordId)))
    .where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.issueId, issueId)))
    .orderBy(asc(gazetteArticles.sortOrder), asc(gazetteArticles.id));
  return rows.map(({ a, docNo, state }) => ({ id: a.id, recordId: a.recordId, title: a.title, section: a.section, sortOrder: a.sortOrder, docNo: docNo ?? null, recordState: state ?? null }));
}

async function requireIssue(exec: Executor, tenantId: string, id: string, lock = false): Promise<IssueRow> {
  const q = exec.select().from(gazetteIssues).where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('公报期次');
  return row;
}

const issueName = (row: Pick<IssueRow, 'year' | 'number' | 'totalNumber'>) => `公报${issueLabel(row.year, row.number, row.totalNumber)}`;

// ---- reading ----------------------------------------------------------------------------------------

export async function listIssues(exec: Executor, caller: Caller, filter: { year?: number } = {}): Promise<IssueView[]> {
  const tenantId = caller.actor.tenantId;
  const rows = await exec
    .select({
      i: gazetteIssues,
      n: sql<number>`(SELECT count(*)::int FROM ${gazetteArticles} a WHERE a.tenant_id = ${gazetteIssues.tenantId} AND a.issue_id = ${gazetteIssues.id})`,
    })
    .from(gazetteIssues)
    .where(and(eq(gazetteIssues.tenantId, tenantId), filter.year ? eq(gazetteIssues.year, filter.year) : undefined))
    .orderBy(desc(gazetteIssues.year), desc(gazetteIssues.number));
  return rows.map(({ i, n }) => issueView(i, [], n));
}

export async function getIssue(exec: Executor, caller: Caller, id: string): Promise<IssueView> {
  const row = await requireIssue(exec, caller.actor.tenantId, id);
  return issueView(row, await articlesOf(exec, caller.actor.tenantId, id));
}

// ---- issues -----------------------------------------------------------------------------------------

export interface IssueInput {
  year: number;
  number: number;
  totalNumber?: number | null;
  title?: string | null;
  publishedOn?: string | null;
  articles?: ArticleInput[];
}

export interface IssuePatch {
  version: number;
  year?: number;
  number?: number;
  totalNumber?: number | null;
  title?: string | null;
  publishedOn?: string | null;
}

function checkNumbers(v: { year: number; number: number; totalNumber?: number | null }) {
  if (!Number.isInteger(v.year) || v.year < 1949 || v.year > 2100) throw badRequest('年份应在 1949 至 2100 之间', { field: 'year' });
  if (!Number.isInteger(v.number) || v.number < 1 || v.number > 999) throw badRequest('期号应为 1 至 999 的整数', { field: 'number' });
  if (v.totalNumber != null && (!Number.isInteger(v.totalNumber) || v.totalNumber < 1 || v.totalNumber > 99999)) throw badRequest('总期号应为 1 至 99999 的整数', { field: 'totalNumber' });
}

function checkDate(d: string | null | undefined) {
  if (d != null && !isLocalDate(d)) throw badRequest('出版日期格式应为 YYYY-MM-DD', { field: 'publishedOn' });
}

/** 期号 is unique within the year, 总期号 within the gazette. */
async function assertNumbersFree(exec: Executor, tenantId: string, v: { year: number; number: number; totalNumber?: number | null }, exceptId?: string) {
  const [same] = await exec
    .select({ id: gazetteIssues.id })
    .from(gazetteIssues)
    .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.year, v.year), eq(gazetteIssues.number, v.number), exceptId ? ne(gazetteIssues.id, exceptId) : undefined));
  if (same) throw conflict(`公报${v.year}年第${v.number}期已经存在：同一年度的期号不能重复`, { field: 'number' });
  if (v.totalNumber != null) {
    const [total] = await exec
      .select({ year: gazetteIssues.year, number: gazetteIssues.number })
      .from(gazetteIssues)
      .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.totalNumber, v.totalNumber), exceptId ? ne(gazetteIssues.id, exceptId) : undefined));
    if (total) throw conflict(`总第${v.totalNumber}期已是公报${total.year}年第${total.number}期的总期号`, { field: 'totalNumber' });
  }
}

export async function createIssue(db: Db, caller: Caller, input: IssueInput): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  checkNumbers(input);
  checkDate(input.publishedOn);
  await assertManage(db, caller);
  try {
    return await db.transaction(async (tx) => {
      await assertNumbersFree(tx, tenantId, input);
      const title = input.title?.trim() || defaultIssueTitle(await tenantName(tx, tenantId), input.year, input.number, input.totalNumber ?? null);
      const [row] = await tx
        .insert(gazetteIssues)
        .values({ tenantId, year: input.year, number: input.number, totalNumber: input.totalNumber ?? null, title, publishedOn: input.publishedOn ?? null })
        .returning();
      if (input.articles?.length) await writeArticles(tx, tenantId, row!.id, [], input.articles);
      const view = issueView(row!, await articlesOf(tx, tenantId, row!.id));
      await recordAudit(tx, caller.actor, { action: 'gazette.issue.create', entityType: 'gazette_issue', entityId: row!.id, summary: `新建${issueName(row!)}（${view.articleCount} 篇）`, after: { ...auditShape(view), articles: view.articles.map((a) => a.title) } });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`公报${input.year}年第${input.number}期已经存在：同一年度的期号不能重复`, { field: 'number' });
    throw err;
  }
}

function assertEditable(row: IssueRow) {
  if (row.pdfBlobKey) throw new AppError(409, 'ISSUE_PUBLISHED', `${issueName(row)}已经出版，不能再修改；如需更正，请在以后的公报中刊登更正`);
}

export async function updateIssue(db: Db, caller: Caller, id: string, patch: IssuePatch): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  checkDate(patch.publishedOn);
  await assertManage(db, caller);
  try {
    return await db.transaction(async (tx) => {
      const before = await requireIssue(tx, tenantId, id, true);
      if (before.version !== patch.version) throw staleVersion(issueName(before));
      assertEditable(before);
      const next = {
        year: patch.year ?? before.year,
        number: patch.number ?? before.number,
        totalNumber: patch.totalNumber !== undefined ? patch.totalNumber : before.totalNumber,
      };
      checkNumbers(next);
      await assertNumbersFree(tx, tenantId, next, id);
      const name = await tenantName(tx, tenantId);
      // A title that was the default follows the numbers; one typed by someone stays.
      const wasDefault = before.title === defaultIssueTitle(name, before.year, before.number, before.totalNumber);
      const title = patch.title?.trim() || (patch.title === undefined && !wasDefault ? before.title : defaultIssueTitle(name, next.year, next.number, next.totalNumber));
      const [row] = await tx
        .update(gazetteIssues)
        .set({ ...next, title, ...(patch.publishedOn !== undefined ? { publishedOn: patch.publishedOn } : {}), version: before.version + 1, updatedAt: new Date() })
        .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id), eq(gazetteIssues.version, patch.version)))
        .returning();
      if (!row) throw staleVersion(issueName(before));
      const articles = await articlesOf(tx, tenantId, id);
      const after = issueView(row, articles);
      await recordAudit(tx, caller.actor, { action: 'gazette.issue.update', entityType: 'gazette_issue', entityId: id, summary: `修改${issueName(before)}${issueName(before) !== issueName(row) ? `（改为${issueLabel(row.year, row.number, row.totalNumber)}）` : ''}`, before: auditShape(issueView(before, articles)), after: auditShape(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('同一年度的期号不能重复', { field: 'number' });
    throw err;
  }
}

export async function deleteIssue(db: Db, caller: Caller, id: string, version: number): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await assertManage(db, caller);
  await db.transaction(async (tx) => {
    const row = await requireIssue(tx, tenantId, id, true);
    if (row.version !== version) throw staleVersion(issueName(row));
    assertEditable(row);
    const articles = await articlesOf(tx, tenantId, id);
    await tx.delete(gazetteIssues).where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id)));
    await recordAudit(tx, caller.actor, { action: 'gazette.issue.delete', entityType: 'gazette_issue', entityId: id, summary: `删除未出版的${issueName(row)}`, before: { ...auditShape(issueView(row, articles)), articles: articles.map((a) => a.title) } });
  });
}

// ---- articles ---------------------------------------------------------------------------------------

export interface ArticleInput {
  /** An article already in the issue, kept (and moved to this place). */
  id?: string | null;
  /** A published record of the tenant: the article's title is the record's. */
  recordId?: string | null;
  /** A free-standing title, for an article without a record. */
  title?: string | null;
  section?: string | null;
}

/** A record may go into the gazette once it has been published (a superseded one still was). */
const PRINTABLE_STATES = ['published', 'superseded'] as const;

/**
 * Replaces the issue's articles by `input`, in that order (kept articles keep their id). Articles of the
 * same section are brought together, in the order of their section's first appearance.
 */
async function writeArticles(exec: Executor, tenantId: string, issueId: string, existing: ArticleView[], input: ArticleInput[]): Promise<void> {
  if (input.length > MAX_ARTICLES) throw badRequest(`一期公报最多 ${MAX_ARTICLES} 篇`, { field: 'articles' });
  const known = new Map(existing.map((a) => [a.id, a]));
  const recordIds = [...new Set(input.map((a) => (a.recordId !== undefined ? a.recordId : a.id ? known.get(a.id)?.recordId : null)).filter((x): x is string => !!x))];
  const found = recordIds.length
    ? await exec
        .select({ id: records.id, title: records.title, state: records.state, attribute: records.attribute })
        .from(records)
        .where(and(eq(records.tenantId, tenantId), inArray(records.id, recordIds)))
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const rows: { id?: string; recordId: string | null; title: string; section: string | null }[] = [];
  input.forEach((a, i) => {
    const where = `第 ${i + 1} 篇`;
    if (a.id && !known.has(a.id)) throw badRequest(`${where}不属于本期公报`, { field: 'articles' });
    const keep = a.id ? known.get(a.id)! : undefined;
    // What is not given stays as it was (for an article kept by its id).
    const section = a.section !== undefined ? a.section?.trim() || null : (keep?.section ?? null);
    if (section && section.length > 40) throw badRequest(`${where}的栏目名称过长（不超过 40 个字）`, { field: 'articles' });
    const recordId = a.recordId !== undefined ? a.recordId || null : (keep?.recordId ?? null);
    if (recordId) {
      const r = byId.get(recordId);
      if (!r) throw badRequest(`${where}所选的政府信息不存在`, { field: 'articles', index: i });
      if (!(PRINTABLE_STATES as readonly string[]).includes(r.state) || r.attribute !== 'proactive') {
        throw badRequest(`${where}《${r.title}》尚未发布，只有已发布的政府信息才能刊登在公报上`, { field: 'articles', index: i });
      }
      if (seen.has(recordId)) throw badRequest(`《${r.title}》在本期中出现了两次`, { field: 'articles', index: i });
      seen.add(recordId);
      rows.push({ ...(keep ? { id: keep.id } : {}), recordId, title: r.title, section });
    } else {
      const title = (a.title ?? (a.recordId === undefined ? keep?.title : undefined) ?? '').trim();
      if (!title) throw badRequest(`${where}既没有选择政府信息，也没有填写标题`, { field: 'articles', index: i });
      if (title.length > 300) throw badRequest(`${where}的标题过长（不超过 300 个字）`, { field: 'articles', index: i });
      rows.push({ ...(keep ? { id: keep.id } : {}), recordId: null, title, section });
    }
  });
  // Sections together, in the order they first appear.
  const order = new Map<string | null, number>();
  for (const r of rows) if (!order.has(r.section)) order.set(r.section, order.size);
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => order.get(a.r.section)! - order.get(b.r.section)! || a.i - b.i);

  const keptIds = new Set(sorted.map((x) => x.r.id).filter((x): x is string => !!x));
  const gone = existing.filter((a) => !keptIds.has(a.id)).map((a) => a.id);
  if (gone.length) await exec.delete(gazetteArticles).where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.issueId, issueId), inArray(gazetteArticles.id, gone)));
  for (const [n, { r }] of sorted.entries()) {
    const sortOrder = (n + 1) * 10;
    if (r.id) {
      await exec
        .update(gazetteArticles)
        .set({ recordId: r.recordId, title: r.title, section: r.section, sortOrder })
        .where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.id, r.id)));
    } else {
      await exec.insert(gazetteArticles).values({ tenantId, issueId, recordId: r.recordId, title: r.title, section: r.section, sortOrder });
    }
  }
}

/** Sets the issue's table of contents: what is in it, in which section, in which order. */
export async function setArticles(db: Db, caller: Caller, id: string, input: { version: number; articles: ArticleInput[] }): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  await assertManage(db, caller);
  return db.transaction(async (tx) => {
    const before = await requireIssue(tx, tenantId, id, true);
    if (before.version !== input.version) throw staleVersion(issueName(before));
    assertEditable(before);
    const existing = await articlesOf(tx, tenantId, id);
    await writeArticles(tx, tenantId, id, existing, input.articles);
    const [row] = await tx
      .update(gazetteIssues)
      .set({ version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id), eq(gazetteIssues.version, input.version)))
      .returning();
    if (!row) throw staleVersion(issueName(before));
    const after = issueView(row, await articlesOf(tx, tenantId, id));
    const list = (as: ArticleView[]) => as.map((a) => `${a.section ? `［${a.section}］` : ''}${a.title}`);
    await recordAudit(tx, caller.actor, {
      action: 'gazette.articles.update',
      entityType: 'gazette_issue',
      entityId: id,
      summary: `调整${issueName(before)}的目录（${existing.length} 篇 → ${after.articleCount} 篇）`,
      before: { articles: list(existing) },
      after: { articles: list(after.articles) },
    });
    return after;
  });
}

// ---- printing and publication -----------------------------------------------------------------------

/** The issue printed as a PDF, from the current text of its records. */
async function printIssue(exec: Executor, tenantId: string, row: IssueRow, publishedOn: string): Promise<Uint8Array> {
  const articles = await exec
    .select({ a: gazetteArticles, r: records })
    .from(gazetteArticles)
    .leftJoin(records, and(eq(records.tenantId, gazetteArticles.tenantId), eq(records.id, gazetteArticles.recordId)))
    .where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.issueId, row.id)))
    .orderBy(asc(gazetteArticles.sortOrder), asc(gazetteArticles.id));
  const atts = await attachmentsOf(exec, tenantId, articles.map((x) => x.r?.id).filter((x): x is string => !!x));
  const printed: PrintedArticle[] = articles.map(({ a, r }) => ({
    title: a.title,
    section: a.section,
    record: r
      ? {
          docNo: r.docNo,
          issuer: r.issuer,
          writtenOn: r.writtenOn,
          bodyHtml: r.bodyHtml,
          bodyText: r.bodyText,
          attachments: atts.filter((x) => x.recordId === r.id).map((x) => x.fileName),
          withdrawn: r.state === 'withdrawn' ? { on: r.withdrawnAt ? todayLocal(r.withdrawnAt) : null, note: r.withdrawnNote } : null,
        }
      : null,
  }));
  return renderPdf(
    issueDocument({ tenantName: await tenantName(exec, tenantId), title: row.title, year: row.year, number: row.number, totalNumber: row.totalNumber, publishedOn, articles: printed }),
  );
}

/** Records of the issue that may not be printed (any more): withdrawn, or no longer public. */
async function unprintable(exec: Executor, tenantId: string, issueId: string): Promise<string[]> {
  const rows = await exec
    .select({ title: records.title, state: records.state, attribute: records.attribute })
    .from(gazetteArticles)
    .innerJoin(records, and(eq(records.tenantId, gazetteArticles.tenantId), eq(records.id, gazetteArticles.recordId)))
    .where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.issueId, issueId)));
  return rows.filter((r) => !(PRINTABLE_STATES as readonly string[]).includes(r.state) || r.attribute !== 'proactive').map((r) => r.title);
}

/** Publishes the issue: prints its PDF, stores it, and the issue appears on the portal. */
export async function publishIssue(db: Db, blobs: BlobStore, caller: Caller, id: string, input: { version: number; publishedOn?: string | null }): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  checkDate(input.publishedOn);
  await assertManage(db, caller);
  return db.transaction(async (tx) => {
    const before = await requireIssue(tx, tenantId, id, true);
    if (before.version !== input.version) throw staleVersion(issueName(before));
    if (before.pdfBlobKey) throw new AppError(409, 'ISSUE_PUBLISHED', `${issueName(before)}已经出版`);
    const articles = await articlesOf(tx, tenantId, id);
    if (!articles.length) throw badRequest(`${issueName(before)}还没有文章，不能出版`, { field: 'articles' });
    const bad = await unprintable(tx, tenantId, id);
    if (bad.length) throw new AppError(409, 'RECORD_NOT_PUBLIC', `本期中的${bad.map((t) => `《${t}》`).join('、')}已撤回或不再公开，请从目录中移除后再出版`);
    const publishedOn = input.publishedOn ?? before.publishedOn ?? todayLocal();
    const pdf = await printIssue(tx, tenantId, before, publishedOn);
    const stored = await blobs.put(pdf, { contentType: 'application/pdf' });
    const [row] = await tx
      .update(gazetteIssues)
      .set({ publishedOn, pdfBlobKey: stored.key, pdfSize: stored.size, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id), eq(gazetteIssues.version, input.version)))
      .returning();
    if (!row) throw staleVersion(issueName(before));
    const after = issueView(row, articles);
    await recordAudit(tx, caller.actor, {
      action: 'gazette.issue.publish',
      entityType: 'gazette_issue',
      entityId: id,
      summary: `出版${issueName(row)}（${articles.length} 篇，PDF ${stored.size} 字节）`,
      before: { published: false, version: before.version },
      after: { published: true, publishedOn, pdfBlobKey: stored.key, pdfSize: stored.size, version: row.version },
    });
    return after;
  });
}

/** Prints a published issue's PDF again (e.g. after the layout improved); back issues keep their original. */
export async function regeneratePdf(db: Db, blobs: BlobStore, caller: Caller, id: string, input: { version: number }): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  await assertManage(db, caller);
  return db.transaction(async (tx) => {
    const before = await requireIssue(tx, tenantId, id, true);
    if (before.version !== input.version) throw staleVersion(issueName(before));
    if (!before.pdfBlobKey || !before.publishedOn) throw new AppError(409, 'ISSUE_NOT_PUBLISHED', `${issueName(before)}尚未出版：请出版，出版时生成 PDF`);
    if (before.isBackIssue) throw new AppError(409, 'BACK_ISSUE', `${issueName(before)}是往期公报，PDF 为原件，不能重新生成`);
    const pdf = await printIssue(tx, tenantId, before, before.publishedOn);
    const stored = await blobs.put(pdf, { contentType: 'application/pdf' });
    const [row] = await tx
      .update(gazetteIssues)
      .set({ pdfBlobKey: stored.key, pdfSize: stored.size, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.id, id), eq(gazetteIssues.version, input.version)))
      .returning();
    if (!row) throw staleVersion(issueName(before));
    // The previous file stays in the blob store: content-addressed, it may be shared, and backups keep it.
    await recordAudit(tx, caller.actor, {
      action: 'gazette.issue.regenerate',
      entityType: 'gazette_issue',
      entityId: id,
      summary: `重新生成${issueName(row)}的 PDF${stored.key === before.pdfBlobKey ? '（内容未变）' : ''}`,
      before: { pdfBlobKey: before.pdfBlobKey, pdfSize: before.pdfSize },
      after: { pdfBlobKey: stored.key, pdfSize: stored.size },
    });
    return issueView(row, await articlesOf(tx, tenantId, id));
  });
}

/** The PDF for staff: the published one, or for an issue not yet published a preview printed now. */
export async function staffIssuePdf(db: Db, blobs: BlobStore, caller: Caller, id: string): Promise<{ bytes: Uint8Array; fileName: string; preview: boolean }> {
  const tenantId = caller.actor.tenantId;
  const row = await requireIssue(db, tenantId, id);
  if (row.pdfBlobKey) return { bytes: await blobs.get(row.pdfBlobKey), fileName: `${row.title}.pdf`, preview: false };
  return { bytes: await printIssue(db, tenantId, row, row.publishedOn ?? todayLocal()), fileName: `${row.title}（校样）.pdf`, preview: true };
}

// ---- back issues ------------------------------------------------------------------------------------

export interface BackIssueInput {
  year: number;
  number: number;
  totalNumber?: number | null;
  title?: string | null;
  publishedOn?: string | null;
  fileName: string;
  bytes: Uint8Array;
}

/** Checks that the file is a readable PDF; the Chinese message says what it is instead. */
async function assertPdf(bytes: Uint8Array, fileName: string, maxBytes: number): Promise<void> {
  const size = sizeProblem(bytes.length, maxBytes, fileName);
  if (size) throw new AppError(size.code === 'FILE_TOO_LARGE' ? 413 : 400, size.code, size.message);
  const kind = await classifyUpload(bytes, fileName);
  if (!kind.ok) throw new AppError(415, kind.code, `${kind.message}往期公报只接受 PDF 文件。`);
  if (kind.kind !== 'pdf') {
    throw new AppError(415, 'NOT_PDF', `文件「${displayName(fileName)}」的内容是${KIND_INFO[kind.kind].label}，不是 PDF。往期公报只接受 PDF 文件：请先在 Word 或 WPS 中“另存为 PDF”，再上传。`);
  }
  const probe = await extractText(bytes, 'pdf', { maxChars: 1, timeLimitMs: 20_000 });
  if (probe.problem === 'encrypted') throw new AppError(415, 'FILE_ENCRYPTED', `「${displayName(fileName)}」设置了打开密码，公众无法阅读。请取消密码后重新上传。`);
  if (probe.problem === 'corrupt') throw new AppError(415, 'FILE_CORRUPT', `「${displayName(fileName)}」已损坏或无法读取，请检查后重新上传。`);
}

/** Stores a back issue (is_back_issue): its original PDF is the issue's PDF, and it is public at once. */
export async function addBackIssue(db: Db, blobs: BlobStore, caller: Caller, input: BackIssueInput, maxBytes: number): Promise<IssueView> {
  const tenantId = caller.actor.tenantId;
  checkNumbers(input);
  checkDate(input.publishedOn);
  await assertManage(db, caller);
  // The numbers first: a clash is cheaper to find than a PDF is to read.
  await assertNumbersFree(db, tenantId, input);
  await assertPdf(input.bytes, input.fileName, maxBytes);
  const stored = await blobs.put(input.bytes, { contentType: 'application/pdf' });
  try {
    return await db.transaction(async (tx) => {
      await assertNumbersFree(tx, tenantId, input);
      const title = input.title?.trim() || defaultIssueTitle(await tenantName(tx, tenantId), input.year, input.number, input.totalNumber ?? null);
      const [row] = await tx
        .insert(gazetteIssues)
        .values({ tenantId, year: input.year, number: input.number, totalNumber: input.totalNumber ?? null, title, publishedOn: input.publishedOn ?? null, pdfBlobKey: stored.key, pdfSize: stored.size, isBackIssue: true })
        .returning();
      const view = issueView(row!, []);
      await recordAudit(tx, caller.actor, {
        action: 'gazette.back_issue.load',
        entityType: 'gazette_issue',
        entityId: row!.id,
        summary: `载入往期${issueName(row!)}（《${displayName(input.fileName)}》，${stored.size} 字节）`,
        after: { ...auditShape(view), fileName: input.fileName, pdfBlobKey: stored.key },
      });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`公报${input.year}年第${input.number}期已经存在：同一年度的期号不能重复`, { field: 'number' });
    throw err;
  }
}

/** `2019-03.pdf`, `2019-3.pdf`, `2019年第3期.pdf`, `2019年第03期（总第45期）.pdf` → year, number (and 总期号). */
export function parseBackIssueName(fileName: string): { year: number; number: number; totalNumber: number | null } | null {
  const base = path.basename(fileName).normalize('NFKC');
  const m = /^(\d{4})(?:-|_|\s*年\s*第\s*)(\d{1,3})(?:\s*期)?\s*(?:[(（]\s*总第\s*(\d{1,5})\s*期\s*[)）])?\.pdf$/i.exec(base);
  if (!m) return null;
  return { year: Number(m[1]), number: Number(m[2]), totalNumber: m[3] ? Number(m[3]) : null };
}

export interface BackIssueReport {
  loaded: { file: string; year: number; number: number; id: string }[];
  skipped: { file: string; reason: string }[];
  failed: { file: string; reason: string }[];
}

/**
 * Loads every back issue in a folder, named `YYYY-NN.pdf` or `YYYY年第NN期.pdf` (for the command line).
 * Issues already there are skipped, so running it again after fixing a file loads what is missing.
 */
export async function loadBackIssues(db: Db, blobs: BlobStore, caller: Caller, dir: string, opts: { maxBytes?: number } = {}): Promise<BackIssueReport> {
  await assertManage(db, caller);
  const report: BackIssueReport = { loaded: [], skipped: [], failed: [] };
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
  for (const file of names) {
    const full = path.join(dir, file);
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) continue;
    const parsed = parseBackIssueName(file);
    if (!parsed) {
      report.skipped.push({ file, reason: '文件名应为 YYYY-NN.pdf 或 YYYY年第NN期.pdf' });
      continue;
    }
    const [exists] = await db
      .select({ id: gazetteIssues.id })
      .from(gazetteIssues)
      .where(and(eq(gazetteIssues.tenantId, caller.actor.tenantId), eq(gazetteIssues.year, parsed.year), eq(gazetteIssues.number, parsed.number)));
    if (exists) {
      report.skipped.push({ file, reason: `${parsed.year}年第${parsed.number}期已经存在` });
      continue;
    }
    try {
      const bytes = new Uint8Array(await readFile(full));
      const v = await addBackIssue(db, blobs, caller, { ...parsed, fileName: file, bytes }, opts.maxBytes ?? Number.MAX_SAFE_INTEGER);
      report.loaded.push({ file, year: v.year, number: v.number, id: v.id });
    } catch (err) {
      report.failed.push({ file, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  // The portal shows them at once: every server process drops its cached pages of the tenant.
  if (report.loaded.length) await db.execute(sql`SELECT pg_notify(${PORTAL_CHANNEL}, ${caller.actor.tenantId})`);
  return report;
}

// ---- the portal -------------------------------------------------------------------------------------

export interface PublicIssue {
  year: number;
  number: number;
  totalNumber: number | null;
  title: string;
  label: string;
  publishedOn: string | null;
  pdfSize: number;
  isBackIssue: boolean;
}

export interface PublicArticle {
  title: string;
  section: string | null;
  docNo: string | null;
  /** The record's page on the portal, when it has one. */
  recordId: string | null;
}

function publicIssue(row: IssueRow): PublicIssue {
  return { year: row.year, number: row.number, totalNumber: row.totalNumber, title: row.title, label: issueLabel(row.year, row.number, row.totalNumber), publishedOn: row.publishedOn, pdfSize: row.pdfSize ?? 0, isBackIssue: row.isBackIssue };
}

/** Published issues, newest first. */
export async function publishedIssues(exec: Executor, tenantId: string): Promise<PublicIssue[]> {
  const rows = await exec
    .select()
    .from(gazetteIssues)
    .where(and(eq(gazetteIssues.tenantId, tenantId), isNotNull(gazetteIssues.pdfBlobKey)))
    .orderBy(desc(gazetteIssues.year), desc(gazetteIssues.number));
  return rows.map(publicIssue);
}

async function publishedRow(exec: Executor, tenantId: string, year: number, number: number): Promise<IssueRow | null> {
  const [row] = await exec
    .select()
    .from(gazetteIssues)
    .where(and(eq(gazetteIssues.tenantId, tenantId), eq(gazetteIssues.year, year), eq(gazetteIssues.number, number), isNotNull(gazetteIssues.pdfBlobKey)));
  return row ?? null;
}

/** A published issue with its table of contents; null when there is none (or it is not published). */
export async function publishedIssue(exec: Executor, tenantId: string, year: number, number: number): Promise<(PublicIssue & { articles: PublicArticle[] }) | null> {
  const row = await publishedRow(exec, tenantId, year, number);
  if (!row) return null;
  const rows = await exec
    .select({ a: gazetteArticles, docNo: records.docNo, state: records.state, attribute: records.attribute })
    .from(gazetteArticles)
    .leftJoin(records, and(eq(records.tenantId, gazetteArticles.tenantId), eq(records.id, gazetteArticles.recordId)))
    .where(and(eq(gazetteArticles.tenantId, tenantId), eq(gazetteArticles.issueId, row.id)))
    .orderBy(asc(gazetteArticles.sortOrder), asc(gazetteArticles.id));
  const articles = rows.map(({ a, docNo, state, attribute }) => ({
    title: a.title,
    section: a.section,
    docNo: docNo ?? null,
    // The portal answers for published, superseded and withdrawn proactive records (the last with its note).
    recordId: a.recordId && attribute === 'proactive' && (state === 'published' || state === 'superseded' || state === 'withdrawn') ? a.recordId : null,
  }));
  return { ...publicIssue(row), articles };
}

/** The PDF of a published issue. */
export async function publishedIssuePdf(exec: Executor, tenantId: string, year: number, number: number): Promise<{ blobKey: string; size: number; fileName: string } | null> {
  const row = await publishedRow(exec, tenantId, year, number);
  if (!row?.pdfBlobKey) return null;
  return { blobKey: row.pdfBlobKey, size: row.pdfSize ?? 0, fileName: `${row.title}.pdf` };
}
