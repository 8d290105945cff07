// One notice → its tasks in the shape the command line and the evaluation use:
// {"tasks":[{"category","requirement","units":[…],"lead_units":[…],"deadline_text"}]}. Pure.
import type { NoticeDocument } from './document.ts';
import { extractTasks, type ExtractedTask, type NoticeParse } from './extract.ts';
import { textToDocument } from './text-layout.ts';

/** A task as printed by `gongkai import-notice --json` and stored in the gold files. */
export interface NoticeTaskJson {
  category: string | null;
  requirement: string;
  units: string[];
  lead_units: string[];
  deadline_text: string | null;
}

export interface NoticeJson {
  tasks: NoticeTaskJson[];
}

export const taskJson = (t: ExtractedTask): NoticeTaskJson => ({
  category: t.category,
  requirement: t.requirement,
  units: [...t.units],
  lead_units: [...t.leadUnits],
  deadline_text: t.deadlineText,
});

/** The JSON of a parse: a refused notice or one without tasks gives no tasks. */
export const noticeJson = (p: NoticeParse): NoticeJson => ({ tasks: p.status === 'ok' ? p.tasks.map(taskJson) : [] });

/** Parses a notice already read into paragraphs and tables. */
export const parseNoticeDocument = (doc: NoticeDocument): NoticeParse => extractTasks(doc);

/** Parses a notice given as plain text. */
export const parseNoticeText = (text: string): NoticeParse => extractTasks(textToDocument(text));
