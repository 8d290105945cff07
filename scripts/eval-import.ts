// `npm run eval:import -- <notices dir> <gold dir>`: runs the notice importer (the same code as
// `gongkai import-notice --json`, without a database) on every notice in a folder, compares each with the gold
// file of the same base name (<gold dir>/<name>.json, shaped {"tasks":[{"category","requirement","units",
// "lead_units","deadline_text"}]}), and prints precision, recall and F1 for units (per task), lead units and
// time limits, per document and overall. The last line reads exactly
//   overall units F1=0.993 lead F1=1.000 timelimit F1=1.000
//
// Matching predicted tasks to gold tasks (src/core/tasks/eval.ts): by requirement text. Both requirements are
// reduced to a compare key (NFKC, no whitespace, no punctuation); the similarity of a pair is the Dice
// coefficient of the keys' character bigrams. Pairs with similarity ≥ 0.5 are matched greedily, most similar
// first (ties: the pair closest in document order), each task at most once. For a matched pair, units and lead
// units are compared as sets of names (NFKC, no whitespace, one bracket style): true positives are names in
// both, false positives names only predicted, false negatives names only in the gold. Time limits: one item
// per task whose deadline_text is not null; a pair is a true positive when both texts have the same compare key,
// otherwise the prediction is a false positive and the gold a false negative. Everything of an unmatched
// predicted task is a false positive, of an unmatched gold task a false negative. With nothing predicted and
// nothing in the gold, P = R = F1 = 1. Overall figures add up the counts of all documents (micro average).
//
// A notice the importer refuses (not a notice, no unit column …) counts as no tasks. Files without a gold
// file are listed and skipped; sub-folders are ignored. Exit code 2 when the folders cannot be read.
import { evaluateFolder, formatEvaluation } from '../src/modules/tasks/evaluate.ts';

async function main(argv: string[]): Promise<number> {
  const [noticesDir, goldDir] = argv.filter((a) => a !== '--');
  if (!noticesDir || !goldDir) {
    process.stderr.write('用法：npm run eval:import -- <通知文件夹> <金标准文件夹>\n');
    return 2;
  }
  let result;
  try {
    result = await evaluateFolder(noticesDir, goldDir);
  } catch (e) {
    process.stderr.write(`无法读取文件夹：${(e as Error).message}\n`);
    return 2;
  }
  for (const line of formatEvaluation(result)) process.stdout.write(`${line}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
