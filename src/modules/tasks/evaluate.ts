// Running the notice importer over a folder of notices and scoring it against a folder of gold files
// (scripts/eval-import.ts prints it; src/core/tasks/eval.test.ts checks it). How tasks are matched and counted:
// src/core/tasks/eval.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatPrf, overall, overallLine, readGold, scoreDocument, type DocumentScore, type OverallScore } from '../../core/tasks/eval.ts';
import { noticeJson, parseNoticeDocument, type NoticeTaskJson } from '../../core/tasks/notice.ts';
import { NoticeReadError, readNoticeFile } from './read-notice.ts';

export const NOTICE_EXTENSIONS = new Set(['.txt', '.text', '.html', '.htm', '.docx', '.xlsx']);

export interface DocumentResult {
  file: string;
  score: DocumentScore;
  /** How the notice was read (layout), or why it gave no tasks. */
  note: string;
  predicted: NoticeTaskJson[];
}

export interface EvaluationResult {
  documents: DocumentResult[];
  /** Files without a (valid) gold file, with why. */
  skipped: Array<{ file: string; reason: string }>;
  overall: OverallScore;
}

/** Parses every notice in `noticesDir` and scores it against `goldDir/<base name>.json`. Throws if a folder cannot be read. */
export async function evaluateFolder(noticesDir: string, goldDir: string): Promise<EvaluationResult> {
  statSync(goldDir);
  const files = readdirSync(noticesDir)
    .filter((f) => statSync(path.join(noticesDir, f)).isFile() && NOTICE_EXTENSIONS.has(path.extname(f).toLowerCase()))
    .sort();
  const documents: DocumentResult[] = [];
  const skipped: EvaluationResult['skipped'] = [];
  for (const file of files) {
    const goldFile = path.join(goldDir, `${path.basename(file, path.extname(file))}.json`);
    let gold;
    try {
      gold = readGold(JSON.parse(readFileSync(goldFile, 'utf8')));
    } catch {
      skipped.push({ file, reason: `没有金标准文件 ${goldFile}` });
      continue;
    }
    if ('problem' in gold) {
      skipped.push({ file, reason: `金标准文件有误：${gold.problem}` });
      continue;
    }
    let predicted: NoticeTaskJson[];
    let note: string;
    try {
      const parse = parseNoticeDocument(await readNoticeFile(path.join(noticesDir, file)));
      predicted = noticeJson(parse).tasks;
      note = parse.status === 'ok' ? (parse.layout?.detail ?? '') : (parse.message ?? '');
    } catch (e) {
      if (!(e instanceof NoticeReadError)) throw e;
      predicted = [];
      note = e.message;
    }
    documents.push({ file, score: scoreDocument(predicted, gold.tasks), note, predicted });
  }
  return { documents, skipped, overall: overall(documents.map((d) => d.score)) };
}

/** The report, line by line; the last line is `overall units F1=… lead F1=… timelimit F1=…`. */
export function formatEvaluation(r: EvaluationResult): string[] {
  const lines: string[] = [];
  for (const s of r.skipped) lines.push(`${s.file}: ${s.reason}，跳过`);
  for (const d of r.documents) {
    const s = d.score;
    lines.push(`${d.file}: 任务 预测 ${s.predicted} / 金标准 ${s.gold} / 匹配 ${s.matched}（${d.note}）`);
    lines.push(`  units     ${formatPrf(s.units)}`, `  lead      ${formatPrf(s.lead)}`, `  timelimit ${formatPrf(s.timelimit)}`);
  }
  const o = r.overall;
  lines.push(`共 ${r.documents.length} 份通知：任务 预测 ${o.predicted} / 金标准 ${o.gold} / 匹配 ${o.matched}`);
  lines.push(`  units     ${formatPrf(o.units)}`, `  lead      ${formatPrf(o.lead)}`, `  timelimit ${formatPrf(o.timelimit)}`);
  lines.push(overallLine(o));
  return lines;
}
