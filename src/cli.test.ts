// `gongkai calendar add` and `gongkai calendar is-working`, on the built-in calendar (no database);
// `gongkai import-notice FILE [--json]` (no database).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { captureOutput } from '../test/helpers/output.ts';

const cli = (...args: string[]) => captureOutput(() => runCli(args));

describe('gongkai calendar', () => {
  it('add: prints the due date on the first line, then how it was computed', async () => {
    const { code, stdout } = await cli('calendar', 'add', '2024-09-30', '20');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    // 国庆 2024: 10-1…10-7 off, 10-12 (Sat) a make-up working day; the 20th working day after 9-30 is 11-1.
    expect(lines[0]).toBe('2024-11-01');
    expect(lines[1]).toContain('国庆节');
    expect(stdout).toContain('2024-10-12');
  });

  it('add: counts across the 2020 Spring Festival extension', async () => {
    // 2020-01-23 (Thu, not counted): 1-24…2-2 off (1-19 Sun was the make-up day, before the period);
    // 2-3 Mon is the 1st working day, 2-7 Fri the 5th.
    const { stdout } = await cli('calendar', 'add', '2020-01-23', '5');
    expect(stdout.split('\n')[0]).toBe('2020-02-07');
  });

  it('is-working: yes or no', async () => {
    expect((await cli('calendar', 'is-working', '2024-10-12')).stdout.trim()).toBe('yes'); // make-up Saturday
    expect((await cli('calendar', 'is-working', '2024-10-01')).stdout.trim()).toBe('no'); // 国庆节
    expect((await cli('calendar', 'is-working', '2019-05-03')).stdout.trim()).toBe('no'); // the 2019 late change
    expect((await cli('calendar', 'is-working', '2026-11-23')).stdout.trim()).toBe('yes');
  });

  it('refuses a bad date or count with a message and a non-zero exit', async () => {
    const bad = await cli('calendar', 'is-working', '2024-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('YYYY-MM-DD');
    const n = await cli('calendar', 'add', '2024-01-01', '-3');
    expect(n.code).not.toBe(0);
  });

  // A new process that loads the whole command line through tsx: seconds, more on a busy machine.
  it('runs as `npx gongkai` from the checkout', { timeout: 60_000 }, () => {
    const root = path.resolve(import.meta.dirname, '..');
    const out = execFileSync('npx', ['--no-install', 'gongkai', 'calendar', 'is-working', '2025-01-28'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(out.trim()).toBe('no'); // 2025 除夕: a holiday under the 2024 revision of the holiday rules
  });
});

describe('gongkai import-notice', { timeout: 60_000 }, () => {
  const root = path.resolve(import.meta.dirname, '..');
  const fixtures = path.join(root, 'test/fixtures/notices');
  const corpus = path.resolve(root, '../shared/corpus/notices');
  const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-import-notice-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array) => {
    const f = path.join(tmp, name);
    writeFileSync(f, content);
    return f;
  };

  it('--json prints {"tasks":[…]} with exactly the five fields, as in the gold file', async () => {
    const { code, stdout, stderr } = await cli('import-notice', path.join(fixtures, 'table-continuation-rows.txt'), '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout) as { tasks: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['tasks']);
    for (const t of json.tasks) expect(Object.keys(t)).toEqual(['category', 'requirement', 'units', 'lead_units', 'deadline_text']);
    expect(json).toEqual(JSON.parse(readFileSync(path.join(fixtures, 'gold/table-continuation-rows.json'), 'utf8')));
    expect(json.tasks[2]).toEqual({
      category: '行政执法公示',
      requirement: '及时公开行政处罚、行政许可等执法信息，做到应公开尽公开',
      units: ['县司法局', '各行政执法部门'],
      lead_units: ['县司法局'],
      deadline_text: '信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开',
    });
  });

  it('reads Word, Excel and HTML notices alike', async () => {
    const expected = JSON.parse(readFileSync(path.join(fixtures, 'gold/word-table.json'), 'utf8'));
    for (const f of ['word-table.docx', 'excel-table.xlsx', 'web-page-table.html']) {
      const { code, stdout } = await cli('import-notice', path.join(fixtures, f), '--json');
      expect(code, f).toBe(0);
      expect(JSON.parse(stdout), f).toEqual(expected);
    }
  });

  it.skipIf(!existsSync(corpus))('a real notice (zichuan) as JSON', async () => {
    const { code, stdout } = await cli('import-notice', path.join(corpus, 'zichuan-2022-plan-with-table.txt'), '--json');
    expect(code).toBe(0);
    const { tasks } = JSON.parse(stdout) as { tasks: Array<{ units: string[]; deadline_text: string | null }> };
    expect(tasks).toHaveLength(58);
    expect(tasks[0]!.units).toHaveLength(26);
    expect(tasks[0]!.deadline_text).toBe('按季度公开');
  });

  it('a prose plan without units: no tasks, and the reason on stderr', async () => {
    const { code, stdout, stderr } = await cli('import-notice', path.join(fixtures, 'prose-plan-no-units.txt'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ tasks: [] });
    expect(stderr).toContain('没有列出带责任单位的工作任务');
  });

  it('without --json: a readable Chinese summary with due dates', async () => {
    const { code, stdout } = await cli('import-notice', path.join(fixtures, 'table-continuation-rows.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('共 11 项任务');
    expect(stdout).toContain('责任单位：县司法局、各行政执法部门（牵头：县司法局）');
    expect(stdout).toContain('2025年截止日：2025-04-28（2025年第一季度）');
    expect(stdout).toContain('疫情防控期间持续落实');
    expect(stdout).toContain('尚未导入');
  });

  it('bad input: a message and a non-zero exit, nothing printed as tasks', async () => {
    const cases: Array<[string, string]> = [
      [file('empty.txt', ''), '空文件'],
      [file('story.txt', '今天天气很好，我们去公园散步。\n晚上吃了饺子。'), '不是政务公开工作要点'],
      [file('no-units.txt', '示范县2025年政务公开任务分解表\n序号\t工作任务\t工作要求\t时限要求\n1\t信息发布\t发布议定事项\t长期坚持\n2\t\t发布统计数据\t每月'), '没有“责任单位”'],
      [file('photos.docx', new Uint8Array(Buffer.from('504b0506000000000000000000000000000000000000', 'hex'))), '压缩包'],
      [path.join(tmp, 'missing.txt'), '找不到文件'],
    ];
    const huge = file('huge.txt', '');
    truncateSync(huge, 100 * 1024 * 1024);
    cases.push([huge, '太大']);
    for (const [f, message] of cases) {
      const { code, stdout, stderr } = await cli('import-notice', f, '--json');
      expect(code, f).not.toBe(0);
      expect(stdout, f).toBe('');
      expect(stderr, f).toContain(message);
    }
  });
});
