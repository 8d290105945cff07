// The personal-data and secrecy guard on a record: title, body, fields marked personal and the text of
// every attachment. Publication is blocked while unmasked findings remain, unless a confidentiality
// reviewer has let exactly these findings through with a reason (惩戒公示, 强制性信息披露, …).
import { and, eq } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { AppError, badRequest, staleVersion } from '../../core/errors.ts';
import { guardReport, maskHtml, findPersonalData, applyMasks } from '../../core/privacy/index.ts';
import { bodyText } from '../../core/publishing/body.ts';
import { editable, STATE_LABELS } from '../../core/publishing/workflow.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { addEvent, recordView, visibleRecord, type RecordRow, type RecordView } from './records.ts';
import { recordAttachments, records } from './schema.ts';

type Report = ReturnType<typeof guardReport>;
export type GuardFinding = Report['findings'][number];

export interface GuardResult {
  findings: GuardFinding[];
  /** Findings not covered by a reviewer's override. */
  unmasked: GuardFinding[];
  marks: Report['marks'];
  blocking: boolean;
  overridden: boolean;
}

export const OVERRIDE_BASES = ['惩戒公示', '强制性信息披露', '法律法规规定应当公开', '权利人同意公开'] as const;

export async function guardForRecord(exec: Executor, r: RecordRow): Promise<GuardResult> {
  const atts = await exec
    .select({ name: recordAttachments.fileName, text: recordAttachments.text })
    .from(recordAttachments)
    .where(and(eq(recordAttachments.tenantId, r.tenantId), eq(recordAttachments.recordId, r.id)));
  const report = guardReport({ title: r.title, bodyHtml: r.bodyHtml, fields: r.personalFields, attachmentTexts: atts });
  const allowed = new Set(r.guardOverride?.findingIds ?? []);
  const unmasked = report.findings.filter((f) => !allowed.has(f.id));
  return { findings: report.findings, unmasked, marks: report.marks, blocking: unmasked.length > 0, overridden: report.findings.length > 0 && unmasked.length === 0 };
}

export async function recordGuard(exec: Executor, caller: Caller, id: string): Promise<GuardResult> {
  const { row } = await visibleRecord(exec, caller, id);
  return guardForRecord(exec, row);
}

/** Masks the chosen findings (all when none are named) in the title and body: one click per finding. */
export async function maskFindings(exec: Executor, caller: Caller, id: string, input: { findingIds?: string[]; version: number }): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    assertCan(caller, 'records.edit', unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`《${before.title}》`);
    if (!editable(before.state)) throw badRequest(`“${STATE_LABELS[before.state]}”状态的信息不能修改；请先退回为草稿`);
    const guard = await guardForRecord(tx, before);
    const wanted = input.findingIds?.length ? new Set(input.findingIds) : null;
    const chosen = guard.findings.filter((f) => !wanted || wanted.has(f.id));
    if (wanted && chosen.length !== wanted.size) throw badRequest('部分检查结果已不存在，请刷新后重试');
    const inAttachments = chosen.filter((f) => f.where === 'attachment');
    if (wanted && inAttachments.length) throw badRequest(`附件《${inAttachments[0]!.attachment}》中的个人信息无法在线遮盖，请上传处理后的附件替换`);
    const titleFindings = findPersonalData(before.title, { personalValues: before.personalFields }).filter((f) => chosen.some((c) => c.where === 'title' && c.start === f.start && c.end === f.end));
    const title = titleFindings.length ? applyMasks(before.title, titleFindings) : before.title;
    const bodyIds = chosen.filter((f) => f.where === 'body').map((f) => f.id);
    const body = bodyIds.length ? maskHtml(before.bodyHtml, bodyIds, { personalValues: before.personalFields }) : before.bodyHtml;
    if (title === before.title && body === before.bodyHtml) throw badRequest('没有可以遮盖的内容');
    const [row] = await tx
      .update(records)
      .set({ title, bodyHtml: body, bodyText: bodyText(body), version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    await addEvent(tx, caller, id, 'update', { comment: `遮盖个人信息 ${titleFindings.length + bodyIds.length} 处`, data: { masked: chosen.map((f) => ({ id: f.id, kind: f.kind })) } });
    await recordAudit(tx, caller.actor, { action: 'record.mask', entityType: 'record', entityId: id, summary: `《${row.title}》遮盖个人信息 ${titleFindings.length + bodyIds.length} 处`, after: { kinds: chosen.map((f) => f.kind) } });
    return recordView(row, unit.name);
  });
}

/** A confidentiality reviewer lets the current findings through, with the basis and a reason, recorded. */
export async function overrideGuard(exec: Executor, caller: Caller, id: string, input: { basis: string; reason: string; version: number }): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  if (!input.reason.trim()) throw badRequest('放行须说明理由', { field: 'reason' });
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    assertCan(caller, 'records.guard.override', unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`《${before.title}》`);
    const guard = await guardForRecord(tx, before);
    if (guard.marks.length) throw new AppError(409, 'CLASSIFIED', '含密级标志的信息不能放行');
    if (!guard.findings.length) throw badRequest('没有需要放行的个人信息检查结果');
    const override = { by: caller.actor.userId ?? '', byLabel: caller.actor.label, at: new Date().toISOString(), reason: input.reason.trim(), basis: input.basis, findingIds: guard.findings.map((f) => f.id) };
    const [row] = await tx
      .update(records)
      .set({ guardOverride: override, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    await addEvent(tx, caller, id, 'guard_override', { comment: `${input.basis}：${input.reason}`, data: { findings: guard.findings.length } });
    await recordAudit(tx, caller.actor, { action: 'record.guard.override', entityType: 'record', entityId: id, summary: `《${before.title}》个人信息检查放行（${input.basis}）：${input.reason}`, after: override });
    return recordView(row, unit.name);
  });
}
