// The evaluation of the notice importer: the scoring rules, then the importer on the fixtures written for each
// layout (test/fixtures/notices, gold files in gold/) and, when ../shared is present, on the five real notices
// (gold files labelled by hand in test/fixtures/notices/corpus-gold). No database.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateFolder, formatEvaluation } from '../../modules/tasks/evaluate.ts';
import { matchTasks, MATCH_THRESHOLD, overall, overallLine, prf, readGold, scoreDocument } from './eval.ts';
import type { NoticeTaskJson } from './notice.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/notices');
const CORPUS = path.resolve(ROOT, '../shared/corpus/notices');

const t = (requirement: string, units: string[], lead: string[] = [], deadline: string | null = null): NoticeTaskJson => ({
  category: null,
  requirement,
  units,
  lead_units: lead,
  deadline_text: deadline,
});

describe('scoring', () => {
  it('precision, recall and F1; nothing predicted and nothing expected is a perfect score', () => {
    expect(prf({ tp: 3, fp: 1, fn: 2 })).toMatchObject({ precision: 0.75, recall: 0.6 });
    expect(prf({ tp: 3, fp: 1, fn: 2 }).f1).toBeCloseTo(2 / 3);
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 0, fn: 4 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 2, fn: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
  it('tasks are matched by requirement text, whatever their order', () => {
    const gold = [t('全面公开县级预决算和部门预决算信息。', ['县财政局']), t('做好审计整改情况公开。', ['县审计局'])];
    const pred = [t('做好审计整改情况公开', ['县审计局']), t('全面公开县级预决算和部门预决算信息', ['县财政局'])];
    expect(matchTasks(pred, gold).map(([i, j]) => [i, j])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(scoreDocument(pred, gold).units).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
  });
  it(`texts less similar than ${MATCH_THRESHOLD} are not matched`, () => {
    expect(matchTasks([t('发布统计数据', [])], [t('公开预决算信息', [])])).toEqual([]);
  });
  it('units per matched task; unmatched tasks count all their units', () => {
    const gold = [t('公开预决算信息', ['县财政局', '县审计局'], ['县财政局'], '年底前'), t('发布统计数据', ['县统计局'], [], '每月')];
    const pred = [t('公开预决算信息', ['县财政局', '县税务局'], [], '年底前'), t('做好政府公报发行', ['县政府办公室'], [], '长期坚持')];
    const s = scoreDocument(pred, gold);
    expect(s.units).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(s.lead).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(s.timelimit).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });
  it('unit names compare without spaces and in one bracket style; a set, not a list', () => {
    const s = scoreDocument([t('甲', ['各镇(街道)', '县财政局', '县财政局'])], [t('甲', ['各镇（街道）', ' 县财政局'])]);
    expect(s.units).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });
  it('time limits: null is no item; different texts are a false positive and a false negative', () => {
    expect(scoreDocument([t('甲', [], [], null)], [t('甲', [], [], null)]).timelimit).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 1 });
    expect(scoreDocument([t('甲', [], [], '每月')], [t('甲', [], [], '每季度')]).timelimit).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(scoreDocument([t('甲', [], [], '长期坚持。')], [t('甲', [], [], '长期坚持')]).timelimit).toMatchObject({ tp: 1 });
  });
  it('overall adds up the counts (micro average)', () => {
    const a = scoreDocument([t('甲', ['县财政局'])], [t('甲', ['县财政局'])]);
    const b = scoreDocument([], [t('乙', ['县审计局', '县统计局'])]);
    const o = overall([a, b]);
    expect(o.units).toMatchObject({ tp: 1, fp: 0, fn: 2 });
    expect(overallLine(o)).toBe('overall units F1=0.500 lead F1=1.000 timelimit F1=1.000');
  });
  it('readGold checks the shape', () => {
    expect(readGold({ tasks: [] })).toEqual({ tasks: [] });
    expect(readGold({ task: [] })).toHaveProperty('problem');
    expect(readGold({ tasks: [{ requirement: 1, units: [] }] })).toHaveProperty('problem');
    expect(readGold({ tasks: [{ requirement: '甲', units: ['县财政局'] }] })).toEqual({ tasks: [t('甲', ['县财政局'])] });
  });
});

describe('the importer on the fixtures written for each layout', { timeout: 60_000 }, () => {
  it('every fixture has a gold file, and scores F1 = 1', async () => {
    const r = await evaluateFolder(FIXTURES, path.join(FIXTURES, 'gold'));
    expect(r.skipped).toEqual([]);
    expect(r.documents.map((d) => d.file)).toEqual([
      'columns-other-order.txt',
      'excel-table.xlsx',
      'one-cell-per-line.txt',
      'pipe-table.txt',
      'prose-plan-no-units.txt',
      'prose-unit-remarks.txt',
      'tab-rows-merged.txt',
      'table-continuation-rows.txt',
      'web-page-table.html',
      'word-table.docx',
    ]);
    for (const d of r.documents) {
      expect(d.score.matched, d.file).toBe(d.score.gold);
      expect(d.score.units.f1, `${d.file} units`).toBe(1);
      expect(d.score.lead.f1, `${d.file} lead`).toBe(1);
      expect(d.score.timelimit.f1, `${d.file} time limits`).toBe(1);
    }
    const lines = formatEvaluation(r);
    expect(lines.at(-1)).toBe('overall units F1=1.000 lead F1=1.000 timelimit F1=1.000');
  });
});

describe.skipIf(!existsSync(CORPUS))('the importer on the five real notices (../shared/corpus/notices)', { timeout: 60_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-notices-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('units F1 ≥ 0.95 and time-limit F1 ≥ 0.95', async () => {
    const r = await evaluateFolder(CORPUS, path.join(FIXTURES, 'corpus-gold'));
    expect(r.documents).toHaveLength(5);
    const lines = formatEvaluation(r);
    // Printed so that CI shows the figures.
    console.log(lines.join('\n'));
    expect(lines.at(-1)).toMatch(/^overall units F1=\d\.\d{3} lead F1=\d\.\d{3} timelimit F1=\d\.\d{3}$/);
    expect(r.overall.units.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.overall.timelimit.f1).toBeGreaterThanOrEqual(0.95);
    const linyi = r.documents.find((d) => d.file.startsWith('linyi'))!;
    expect(linyi.predicted).toEqual([]);
    expect(linyi.note).toContain('没有列出带责任单位的工作任务');
  });

  it('the same notices saved as GB18030 with Windows line ends give the same tasks', async () => {
    for (const f of readdirSync(CORPUS)) {
      const text = readFileSync(path.join(CORPUS, f), 'utf8').replace(/\r?\n/g, '\r\n');
      writeFileSync(path.join(tmp, f), Buffer.from(new TextEncoderGb18030().encode(text)));
    }
    const original = await evaluateFolder(CORPUS, path.join(FIXTURES, 'corpus-gold'));
    const converted = await evaluateFolder(tmp, path.join(FIXTURES, 'corpus-gold'));
    expect(converted.documents.map((d) => d.predicted)).toEqual(original.documents.map((d) => d.predicted));
  });
});

/** A GB18030 encoder for the test (Node only decodes GB18030): the decoder's table, inverted once. */
class TextEncoderGb18030 {
  private static table: Map<string, number[]> | null = null;
  encode(text: string): Uint8Array {
    const table = (TextEncoderGb18030.table ??= TextEncoderGb18030.build());
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`no GB18030 code for U+${code.toString(16)}`);
        out.push(...bytes);
      }
    }
    return Uint8Array.from(out);
  }
  /** Two-byte codes (0x81–0xFE × 0x40–0xFE), then the four-byte codes of the rest of the BMP. */
  private static build(): Map<string, number[]> {
    const dec = new TextDecoder('gb18030');
    const map = new Map<string, number[]>();
    const put = (bytes: number[]) => {
      const ch = dec.decode(Uint8Array.from(bytes));
      if ([...ch].length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, bytes);
    };
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) put([a, b]);
    for (let a = 0x81; a <= 0x84; a++) for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) put([a, b, c, d]);
    return map;
  }
}
