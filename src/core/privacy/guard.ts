// The guard run on a record before it is published: personal data (条例第十五条, 个人信息保护法) and
// classification marks (保守国家秘密法, 条例第十四条) in its title, body, public fields and attachments.
// Pure, no I/O: the caller loads the record and the extracted text of its attachments.
import { findPersonalData } from './detect.ts';
import { assignIds, findPersonalDataInHtml, htmlToText, shortHash, type HtmlFinding } from './html.ts';
import { findClassificationMarks, type ClassificationMark } from './secrecy.ts';
import type { Finding, PersonalValue } from './types.ts';

export type GuardWhere = 'title' | 'body' | 'field' | 'attachment';

/**
 * A field of the record. Fields marked personal (`personal` omitted or true: 被处罚人姓名, …) are not
 * published as such; their values are looked for everywhere else. Fields with `personal: false` are
 * published metadata (摘要, 联系方式, …) and are themselves scanned.
 */
export interface GuardField extends PersonalValue {
  personal?: boolean;
}

export interface GuardInput {
  title: string;
  bodyHtml: string;
  fields?: readonly GuardField[];
  attachmentTexts?: readonly { name: string; text: string | null | undefined }[];
  /** "Today" for the birth-date check of ID numbers. */
  now?: Date;
}

export type GuardFinding = Finding & {
  where: GuardWhere;
  /** For `where: 'attachment'`: the attachment's file name. */
  attachment?: string;
  /** For `where: 'field'`: the name of the field scanned. */
  inField?: string;
  /**
   * Unique in the report and stable while the record does not change. Body findings carry the id of
   * `findPersonalDataInHtml` (so `maskHtml(bodyHtml, ids, { personalValues })` masks them); the others are
   * prefixed `title:`, `field:<hash of field>:` or `attachment:<hash of file name>:`.
   */
  id: string;
} & Partial<Pick<HtmlFinding, 'in' | 'attribute' | 'htmlStart' | 'htmlEnd'>>;

export type GuardMark = ClassificationMark & { where: GuardWhere; attachment?: string; inField?: string };

export interface GuardReport {
  findings: GuardFinding[];
  marks: GuardMark[];
  /** Anything found: publication waits until findings are masked (or let through by a reviewer) and marks removed. */
  blocking: boolean;
}

export function guardReport(input: GuardInput): GuardReport {
  const fields = input.fields ?? [];
  const personalValues = fields.filter((f) => f.personal !== false).map(({ field, value }) => ({ field, value }));
  const opts = { personalValues, ...(input.now ? { now: input.now } : {}) };
  const findings: GuardFinding[] = [];
  const marks: GuardMark[] = [];

  for (const f of assignIds(findPersonalData(input.title, opts), 'title:')) findings.push({ ...f, where: 'title' });
  for (const m of findClassificationMarks(input.title)) marks.push({ ...m, where: 'title' });

  for (const f of findPersonalDataInHtml(input.bodyHtml, opts)) findings.push({ ...f, where: 'body' });
  for (const m of findClassificationMarks(htmlToText(input.bodyHtml))) marks.push({ ...m, where: 'body' });

  const fieldCounts = new Map<string, Map<string, number>>();
  for (const field of fields) {
    if (field.personal !== false) continue;
    const prefix = `field:${shortHash(field.field)}:`;
    const counts = fieldCounts.get(prefix) ?? new Map<string, number>();
    fieldCounts.set(prefix, counts);
    for (const f of assignIds(findPersonalData(field.value, opts), prefix, counts)) findings.push({ ...f, where: 'field', inField: field.field });
    for (const m of findClassificationMarks(field.value)) marks.push({ ...m, where: 'field', inField: field.field });
  }

  // Numbered per file name, so that the ids do not depend on the order in which attachments are listed.
  const attachmentCounts = new Map<string, Map<string, number>>();
  for (const a of input.attachmentTexts ?? []) {
    const text = a.text ?? '';
    if (!text) continue;
    const prefix = `attachment:${shortHash(a.name)}:`;
    const counts = attachmentCounts.get(prefix) ?? new Map<string, number>();
    attachmentCounts.set(prefix, counts);
    for (const f of assignIds(findPersonalData(text, opts), prefix, counts)) findings.push({ ...f, where: 'attachment', attachment: a.name });
    for (const m of findClassificationMarks(text)) marks.push({ ...m, where: 'attachment', attachment: a.name });
  }

  return { findings, marks, blocking: findings.length > 0 || marks.length > 0 };
}
