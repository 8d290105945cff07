// Letters of a request generated from the tenant's templates (src/modules/requests/letters.ts): the reply
// letter (告知书) of its result and the procedural notices (receipt, correction, extension, fee, the
// consultation letter to a third party), each as DOCX and PDF, stored with the request's documents. The
// letters to the applicant are downloadable on the applicant's page; the consultation letter is not (it
// goes to the third party, and names no applicant).
import { and, asc, eq } from 'drizzle-orm';
import { assertCan, can, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { AppError, badRequest, notFound } from '../../core/errors.ts';
import { isResultCode } from '../../core/requests/results.ts';
import type { Db } from '../../db/client.ts';
import type { BlobStore } from '../files/index.ts';
import { tenants } from '../org/schema.ts';
import { requireUnit } from '../org/units.ts';
import { records } from '../publishing/schema.ts';
import { storeDocument } from './documents.ts';
import { isLetterKind, LETTER_KIND_LABELS, letterDocx, letterKindOf, letterNumber, letterPdf, templateFor, type LetterChoice, type LetterContext, type LetterKind } from './letters.ts';
import { disclosureRequests, requestPauses, requestRecords, type RequestDocumentKind } from './schema.ts';
import { DELIVERY_LABELS, requestSettings } from './service.ts';

const DOCUMENT_KIND: Record<string, RequestDocumentKind> = {
  acknowledgement: 'other',
  correction: 'correction_notice',
  consultation: 'consultation_letter',
  extension: 'extension_notice',
  fee: 'fee_notice',
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The default 文号 prefix of reply letters: the county's first character and 政公开 (示政公开〔2026〕12号). */
function defaultPrefix(shortName: string): string {
  return `${shortName.trim().charAt(0) || '本'}政公开`;
}

export async function generateLetter(db: Db, blobs: BlobStore, caller: Caller, requestId: string, choice: LetterChoice) {
  const tenantId = caller.actor.tenantId;
  if (choice !== 'reply' && !isLetterKind(choice)) throw badRequest(`没有“${String(choice)}”这种告知书`, { field: 'kind' });
  const [r] = await db.select().from(disclosureRequests).where(and(eq(disclosureRequests.tenantId, tenantId), eq(disclosureRequests.id, requestId)));
  if (!r) throw notFound('申请');
  const unit = await requireUnit(db, tenantId, r.unitId);
  if (!can(caller, 'requests.read', unit)) throw notFound('申请');
  assertCan(caller, 'requests.handle', unit, unit.name);
  if (choice === 'reply' && !r.result) throw new AppError(409, 'NOT_REPLIED', '申请尚未作出答复，不能生成答复告知书；请先选择答复类型作出答复');
  const kind: LetterKind = letterKindOf({ result: r.result }, choice);
  // What each letter needs must exist: a correction notice needs the correction, and so on.
  if (kind === 'correction' && !r.correctionRequestedOn) throw new AppError(409, 'NOTHING_TO_SAY', '该申请没有告知补正，不能生成补正告知书');
  if (kind === 'extension' && !r.extensionDays) throw new AppError(409, 'NOTHING_TO_SAY', '该申请没有延期，不能生成延期答复告知书');
  if (kind === 'fee' && !r.feeBasis) throw new AppError(409, 'NOTHING_TO_SAY', '该申请没有收费，不能生成收费通知书');
  if (isResultCode(kind) && kind !== r.result) throw new AppError(409, 'WRONG_RESULT', '答复告知书应与申请的答复类型一致');
  const pauses = await db.select().from(requestPauses).where(and(eq(requestPauses.tenantId, tenantId), eq(requestPauses.requestId, r.id))).orderBy(asc(requestPauses.fromOn));
  const consultation = [...pauses].reverse().find((p) => p.kind !== 'fee');
  if (kind === 'consultation' && !consultation) throw new AppError(409, 'NOTHING_TO_SAY', '该申请没有征求意见，不能生成征求意见函');
  const provided = await db
    .select({ title: records.title })
    .from(requestRecords)
    .innerJoin(records, and(eq(records.tenantId, requestRecords.tenantId), eq(records.id, requestRecords.recordId)))
    .where(and(eq(requestRecords.tenantId, tenantId), eq(requestRecords.requestId, r.id)));
  const [tenant] = await db.select({ name: tenants.name, shortName: tenants.shortName, settings: tenants.settings }).from(tenants).where(eq(tenants.tenantId, tenantId));
  const settings = await requestSettings(db, tenantId);
  const seq = Number(r.number.split('-').pop());
  const year = Number((r.receivedOn ?? r.arrivedOn).slice(0, 4));
  const guide = tenant?.settings.guide;
  const ctx: LetterContext = {
    organName: settings.organName ?? tenant?.name ?? unit.name,
    letterNo: isResultCode(kind) ? letterNumber(settings.letterPrefix ?? defaultPrefix(tenant?.shortName ?? ''), year, seq) : null,
    applicantName: r.applicantName,
    requestNumber: r.number,
    receivedOn: r.receivedOn,
    infoTitle: r.infoTitle,
    infoDocNo: r.infoDocNo,
    description: r.description,
    result: r.result,
    reason: r.replyText,
    provided: provided.map((p) => `《${p.title}》`),
    access: r.result && (r.result === 'disclosed' || r.result === 'partial') ? `${DELIVERY_LABELS[r.delivery]}方式提供` : null,
    referOrgan: r.referOrgan,
    dueOn: r.dueOn,
    correction: r.correctionRequestedOn ? { items: r.correctionText ?? '', requestedOn: r.correctionRequestedOn, dueOn: r.correctionDueOn } : null,
    extension: r.extensionDays && r.dueOn ? { days: r.extensionDays, reason: r.extensionReason ?? '', dueOn: r.dueOn } : null,
    fee: r.feeBasis ? { basis: r.feeBasis, amount: Number(r.feeAmount ?? 0), explanation: r.feeExplanation ?? '', noticeOn: r.feeNoticeOn, dueOn: r.feeDueOn } : null,
    consultation: consultation && consultation.kind !== 'fee' ? { kind: consultation.kind, party: consultation.party ?? '', matter: r.infoTitle ?? r.description, dueOn: consultation.partyDueOn } : null,
    reconsiderationOrgan: settings.reconsiderationOrgan ?? null,
    court: settings.court ?? null,
    contact: guide?.phone ? `${guide.officeName ?? ''}，电话：${guide.phone}` : null,
    letterDate: todayLocal(),
  };
  const template = await templateFor(db, tenantId, kind);
  const [docx, pdf] = await Promise.all([letterDocx(ctx, kind, template), letterPdf(ctx, kind, template)]);
  const docKind: RequestDocumentKind = isResultCode(kind) ? 'reply_letter' : DOCUMENT_KIND[kind]!;
  const forApplicant = kind !== 'consultation';
  const base = `${r.number}-${LETTER_KIND_LABELS[kind].split('：')[0]}`;
  return db.transaction(async (tx) => [
    await storeDocument(tx, blobs, caller, r.id, r.number, { fileName: `${base}.docx`, bytes: docx, mime: DOCX, kind: docKind, forApplicant }),
    await storeDocument(tx, blobs, caller, r.id, r.number, { fileName: `${base}.pdf`, bytes: pdf, mime: 'application/pdf', kind: docKind, forApplicant }),
  ]);
}
