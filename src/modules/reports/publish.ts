// Publishing a report: refused with 409 naming the cell while any check fails; otherwise the report becomes
// a published government record (genre 工作报告总结, titled …年政府信息公开工作年度报告, so that the portal's
// 政府信息公开年报 list shows it) through the publishing service, with the accessible HTML as its body and
// the DOCX and PDF attached. A report published again becomes a new version of the record, superseding the
// old one. The whole publication is one transaction: a refusal (e.g. by the personal-data guard) leaves
// nothing behind.
import { and, eq } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { AppError, staleVersion } from '../../core/errors.ts';
import { reportHtml } from '../../core/reports/html.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { BlobStore } from '../files/index.ts';
import { addAttachment } from '../publishing/attachments.ts';
import { actOnRecord, createRecord, getRecord, listRecords, type RecordView } from '../publishing/records.ts';
import { reportDocx, reportPdf } from './documents.ts';
import { reportsCaller } from './figures.ts';
import { annualReports } from './schema.ts';
import { documentOf, findingsOf, previousOf, refusal, reportView, visibleReport, type ReportRow, type ReportView } from './service.ts';

export interface PublishOptions {
  /** The largest attachment the installation accepts (UPLOAD_MAX_BYTES). */
  maxBytes: number;
}

/** The published record this publication replaces: the report's own, else one published by hand under the same title. */
async function recordToSupersede(exec: Db, sys: Caller, r: ReportRow): Promise<RecordView | null> {
  if (r.recordId) {
    const own = await getRecord(exec, sys, r.recordId).catch(() => null);
    if (own?.state === 'published') return own;
  }
  const { items } = await listRecords(exec, sys, { unitId: r.unitId, genre: 'report', state: 'published', q: r.title }, 1, 20);
  return items.find((x) => x.title === r.title) ?? null;
}

/** Where last year's report was filed in the catalogue (主动公开基本目录), for a first publication. */
async function catalogueNodeOf(exec: Db, sys: Caller, previous: ReportRow | null): Promise<string | null> {
  if (!previous?.recordId) return null;
  const rec = await getRecord(exec, sys, previous.recordId).catch(() => null);
  return rec?.catalogueNodeId ?? null;
}

export async function publishReport(db: Db, blobs: BlobStore, caller: Caller, id: string, version: number, opts: PublishOptions): Promise<ReportView> {
  const { row, unit } = await visibleReport(db, caller, id);
  assertCan(caller, 'reports.publish', unit, unit.name);
  if (row.version !== version) throw staleVersion(`《${row.title}》`);
  const previous = await previousOf(db, row);
  const findings = findingsOf(row, unit, previous);
  if (findings.length) throw refusal(findings);

  // Rendered before the transaction (the PDF takes a moment); the version check inside makes sure it is of what is published.
  const document = documentOf(row, unit);
  const now = new Date();
  const [docx, pdf] = await Promise.all([reportDocx(document), reportPdf(document, now)]);
  const sys = reportsCaller(row.tenantId, `系统（发布年度报告，经${caller.actor.label}审定）`);
  const today = todayLocal(now);

  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(annualReports).where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id))).for('update');
      if (!locked || locked.version !== version) throw staleVersion(`《${row.title}》`);
      const txDb = tx as unknown as Db;
      const old = await recordToSupersede(txDb, sys, locked);
      let rec = await createRecord(tx, sys, {
        unitId: unit.id,
        issuer: unit.name,
        title: locked.title,
        bodyHtml: reportHtml(document),
        summary: `${unit.name}${locked.year}年度政府信息公开工作年度报告，按《中华人民共和国政府信息公开工作年度报告格式》编制。`,
        genre: 'report',
        topics: ['综合政务'],
        keywords: ['政府信息公开', '年度报告'],
        catalogueNodeId: old?.catalogueNodeId ?? (await catalogueNodeOf(txDb, sys, previous)),
        writtenOn: today,
        formedOn: today,
        attribute: 'proactive',
        supersedesId: old?.id ?? null,
      });
      await addAttachment(txDb, blobs, sys, rec.id, { fileName: `${locked.title}.docx`, bytes: docx }, opts.maxBytes);
      await addAttachment(txDb, blobs, sys, rec.id, { fileName: `${locked.title}.pdf`, bytes: pdf }, opts.maxBytes);
      rec = await getRecord(tx, sys, rec.id);
      for (const event of ['submit', 'pass_review', 'pass_confidentiality', 'publish'] as const) rec = await actOnRecord(tx, sys, rec.id, { event, version: rec.version });
      const [u] = await tx
        .update(annualReports)
        .set({
          state: 'published',
          publishedAt: now,
          publishedBy: caller.actor.label,
          recordId: rec.id,
          publications: locked.publications + 1,
          publishedFigures: locked.figures,
          findings: [],
          checkedAt: locked.checkedAt ?? now,
          checkedBy: locked.checkedBy ?? caller.actor.label,
          version: locked.version + 1,
          updatedAt: now,
        })
        .where(and(eq(annualReports.tenantId, row.tenantId), eq(annualReports.id, id)))
        .returning();
      await recordAudit(tx, caller.actor, {
        action: 'report.publish',
        entityType: 'report',
        entityId: id,
        summary: `发布《${locked.title}》${old ? `（新版本，替代此前发布的版本）` : ''}`,
        after: { recordId: rec.id, supersedes: old?.id ?? null, publications: locked.publications + 1 },
      });
      return reportView(tx, caller, u!, unit, today);
    });
  } catch (e) {
    // The publishing service's guards speak of records; say what they mean for a report.
    if (e instanceof AppError && e.code === 'PERSONAL_DATA') {
      throw new AppError(409, 'PERSONAL_DATA', `年度报告中有疑似个人信息（如身份证号码、手机号码），不能发布：请在报告文字中删除或遮盖后再发布。${e.message}`, e.details);
    }
    if (e instanceof AppError && e.code === 'CLASSIFIED') throw new AppError(409, 'CLASSIFIED', `年度报告中有密级标志，不能发布：${e.message}`, e.details);
    throw e;
  }
}
