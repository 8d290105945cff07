// Attachments of a record: the type is decided by the content, never by the name; executables, scripts and
// archives are refused; the text is extracted for search and for the personal-data guard; the bytes go to
// the blob store (content-addressed, so an identical file is stored once).
import { and, eq, sql } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { AppError, badRequest, notFound } from '../../core/errors.ts';
import { classifyUpload, mismatchMessage, sizeProblem } from '../../core/files/sniff.ts';
import { editable, STATE_LABELS } from '../../core/publishing/workflow.ts';
import type { Db, Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { extractText, type BlobStore } from '../files/index.ts';
import { addEvent, visibleRecord } from './records.ts';
import { recordAttachments, records } from './schema.ts';

export interface AttachmentView {
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

function view(a: typeof recordAttachments.$inferSelect): AttachmentView {
  return {
    id: a.id,
    recordId: a.recordId,
    fileName: a.fileName,
    kind: a.kind,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    extractWarning: a.extractWarning,
    textLength: a.text.length,
    createdAt: a.createdAt.toISOString(),
  };
}

/** File names keep their Chinese, lose path parts and control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim().slice(0, 200);
  return clean || '附件';
}

export async function addAttachment(db: Db, blobs: BlobStore, caller: Caller, recordId: string, file: { fileName: string; bytes: Uint8Array }, maxBytes: number): Promise<AttachmentView> {
  const tenantId = caller.actor.tenantId;
  const fileName = cleanFileName(file.fileName);
  // Scope and state first, so that nobody learns anything about a record by uploading to it.
  {
    const { row, unit } = await visibleRecord(db, caller, recordId);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (!editable(row.state)) throw badRequest(`“${STATE_LABELS[row.state]}”状态的信息不能修改附件；请先退回为草稿`);
  }
  const size = sizeProblem(file.bytes.length, maxBytes, fileName);
  if (size) throw new AppError(size.code === 'FILE_TOO_LARGE' ? 413 : 400, size.code, size.message);
  const kind = await classifyUpload(file.bytes, fileName);
  if (!kind.ok) throw new AppError(415, kind.code, kind.message);
  if (!kind.nameMatches) throw new AppError(415, 'FILE_NAME_MISMATCH', mismatchMessage(fileName, kind.kind));
  const extracted = await extractText(file.bytes, kind.kind);
  const stored = await blobs.put(file.bytes, { contentType: kind.mime });
  return db.transaction(async (tx) => {
    const { row } = await visibleRecord(tx, caller, recordId, true);
    if (!editable(row.state)) throw badRequest(`“${STATE_LABELS[row.state]}”状态的信息不能修改附件；请先退回为草稿`);
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${recordAttachments.sortOrder}), 0) + 10` })
      .from(recordAttachments)
      .where(and(eq(recordAttachments.tenantId, tenantId), eq(recordAttachments.recordId, recordId)))) as [{ next: number }];
    const [att] = await tx
      .insert(recordAttachments)
      .values({
        tenantId,
        recordId,
        fileName,
        kind: kind.kind,
        mime: kind.mime,
        size: stored.size,
        blobKey: stored.key,
        sha256: stored.sha256,
        text: extracted.text,
        extractWarning: extracted.warning ?? null,
        sortOrder: next,
        createdBy: caller.actor.userId ?? null,
      })
      .returning();
    // New text to check: an earlier override covered the earlier findings only.
    await tx.update(records).set({ guardOverride: null, version: row.version + 1, updatedAt: new Date() }).where(and(eq(records.tenantId, tenantId), eq(records.id, recordId)));
    await addEvent(tx, caller, recordId, 'attachment', { comment: `上传附件《${fileName}》`, data: { attachmentId: att!.id, size: stored.size, kind: kind.kind } });
    await recordAudit(tx, caller.actor, { action: 'record.attachment.add', entityType: 'record', entityId: recordId, summary: `《${row.title}》上传附件《${fileName}》`, after: view(att!) });
    return view(att!);
  });
}

export async function removeAttachment(exec: Executor, caller: Caller, recordId: string, attachmentId: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await exec.transaction(async (tx) => {
    const { row, unit } = await visibleRecord(tx, caller, recordId, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (!editable(row.state)) throw badRequest(`“${STATE_LABELS[row.state]}”状态的信息不能修改附件；请先退回为草稿`);
    const [gone] = await tx
      .delete(recordAttachments)
      .where(and(eq(recordAttachments.tenantId, tenantId), eq(recordAttachments.recordId, recordId), eq(recordAttachments.id, attachmentId)))
      .returning();
    if (!gone) throw notFound('附件');
    // The blob stays: another record may hold the same file, and backups keep what a record once had.
    await tx.update(records).set({ version: row.version + 1, updatedAt: new Date() }).where(and(eq(records.tenantId, tenantId), eq(records.id, recordId)));
    await addEvent(tx, caller, recordId, 'attachment', { comment: `删除附件《${gone.fileName}》`, data: { attachmentId } });
    await recordAudit(tx, caller.actor, { action: 'record.attachment.remove', entityType: 'record', entityId: recordId, summary: `《${row.title}》删除附件《${gone.fileName}》`, before: view(gone) });
  });
}

export async function listAttachments(exec: Executor, caller: Caller, recordId: string): Promise<AttachmentView[]> {
  await visibleRecord(exec, caller, recordId);
  const rows = await exec
    .select()
    .from(recordAttachments)
    .where(and(eq(recordAttachments.tenantId, caller.actor.tenantId), eq(recordAttachments.recordId, recordId)))
    .orderBy(recordAttachments.sortOrder, recordAttachments.createdAt);
  return rows.map(view);
}

/** An attachment for staff who may read the record. */
export async function staffAttachment(exec: Executor, caller: Caller, recordId: string, attachmentId: string) {
  await visibleRecord(exec, caller, recordId);
  const [a] = await exec
    .select()
    .from(recordAttachments)
    .where(and(eq(recordAttachments.tenantId, caller.actor.tenantId), eq(recordAttachments.recordId, recordId), eq(recordAttachments.id, attachmentId)));
  if (!a) throw notFound('附件');
  return a;
}

/** An attachment of a published (or superseded) proactive record; withdrawn records serve none. */
export async function publicAttachment(exec: Executor, tenantId: string, attachmentId: string) {
  const [row] = await exec
    .select({ a: recordAttachments })
    .from(recordAttachments)
    .innerJoin(records, and(eq(records.tenantId, recordAttachments.tenantId), eq(records.id, recordAttachments.recordId)))
    .where(and(eq(recordAttachments.tenantId, tenantId), eq(recordAttachments.id, attachmentId), sql`${records.state} IN ('published', 'superseded')`, eq(records.attribute, 'proactive')));
  return row?.a ?? null;
}

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
