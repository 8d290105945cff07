// 工作任务 in the admin console, as 示范县 works a yearly notice: the office (政务公开办) uploads a task
// breakdown notice (test/fixtures/tasks/key-tasks-2026.txt) naming its units by short names and aliases and one
// name that matches no unit (县发展规划局); it maps that name to 县发改局 on the review page, confirms, and finds
// the plan with every task given to its unit. The editor of 县发改局 reports the overdue task done, with a
// record its bureau has published as evidence, and writes its measure into the ledger; the office then sees the
// unit's cell in the supervision matrix turn 完成 and its score go up. axe finds nothing on the import page, the
// review page, each tab of the plan page, the unit's task page and the ledger page, and no page reports a
// console error. Screenshots /tmp/gongkai-admin-tasks-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { choose, describeBrowser, expectNoAxeViolations, launchBrowser, type LiveApp, logIn, newPage, startLiveApp } from './browser.ts';

const NOTICE = readFileSync(new URL('../fixtures/tasks/key-tasks-2026.txt', import.meta.url));
const NOTICE_FILE = '2026年政务公开重点任务清单.txt';
/** The name in the notice that matches no unit of 示范县, and the unit it stands for. */
const UNKNOWN = '县发展规划局';
const FGJ = '示范县发展和改革局';
/** Task 1 of the notice, given to 县发展规划局 (6月底前: overdue once July has come). */
const REQUIREMENT = '公开年度重点项目建设计划及上半年实施进展情况';
/** A record 县发改局 has published: the evidence. */
const RECORD_TITLE = '示范县2026年重点建设项目计划';
const MEASURE = '每季度末汇总重点项目建设进展，经局领导审核后在县政府网站公开';

let app: LiveApp;
let browser: Browser;
let planUrl = '';
let planTitle = '';
let scoreBefore = Number.NaN;

/** Opens a tab of the plan page and waits for it to be the selected one. */
async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

/** The supervision matrix's cell of 县发改局 on task 1 (a link to its work on the task, its status in its name). */
const fgjCell = (page: Page) => page.getByRole('table', { name: '督查矩阵' }).getByRole('link', { name: new RegExp(`^${FGJ} 任务1：`) });

/** The score of 县发改局 in the scores table, once the table shows it. */
async function fgjScore(page: Page): Promise<number> {
  const row = page.getByRole('table', { name: '考核得分' }).locator('tr.ant-table-row', { hasText: FGJ });
  await row.waitFor();
  return Number(await row.locator('td').nth(2).textContent());
}

describeBrowser('admin console: 工作任务', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets the office import a notice, map the unknown unit once and confirm the tasks', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('工作任务', { exact: true }).click();
    await page.waitForURL('**/admin/tasks');
    await page.getByRole('link', { name: '导入通知' }).click();
    await page.waitForURL('**/admin/tasks/import');
    await page.getByRole('heading', { level: 1, name: '导入工作任务' }).waitFor();
    await page.getByRole('table', { name: '导入记录' }).waitFor();
    await expectNoAxeViolations(page, 'the import page');

    await page.locator('input[type="file"]').setInputFiles({ name: NOTICE_FILE, mimeType: 'text/plain', buffer: NOTICE });
    await page.waitForURL(/\/admin\/tasks\/imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: '核对导入的任务' }).waitFor();
    await expect(page.getByLabel('计划名称').inputValue()).resolves.toContain('2026');
    planTitle = await page.getByLabel('计划名称').inputValue();
    // Three tasks; the unknown name blocks confirming until it is mapped.
    const tasks = page.getByRole('table', { name: '任务清单' });
    await expect.poll(() => tasks.locator('tbody tr.ant-table-row').count()).toBe(3);
    await expect(tasks.textContent()).resolves.toContain(`${UNKNOWN}（未指定）`);
    await expect(page.getByRole('list', { name: '还需处理的问题' }).textContent()).resolves.toContain(UNKNOWN);
    await expect(page.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    const names = page.getByRole('table', { name: '单位名称' });
    await expect(names.locator('tr.ant-table-row', { hasText: UNKNOWN }).textContent()).resolves.toContain('未匹配');
    await expectNoAxeViolations(page, 'the import review page (a name to map)');

    // Mapped once, to 县发改局: kept as its alias for next year.
    const select = page.getByRole('combobox', { name: `「${UNKNOWN}」指定为` });
    await choose(select, FGJ, '发展和改革');
    await page.getByText('可以确认导入：3 项任务，分配到 3 个单位').waitFor();
    await names.getByText(`确认导入后，「${UNKNOWN}」将保存为该单位的别名，明年自动匹配`).waitFor();
    await expect(tasks.textContent()).resolves.not.toContain('（未指定）');
    // The other names were matched by the short name and the alias the notice uses.
    await page.getByText('显示全部单位名称').click();
    await expect.poll(() => names.locator('tr.ant-table-row', { hasText: '县住房和城乡建设局' }).textContent()).toContain('示范县住房和城乡建设局');
    await expect(names.locator('tr.ant-table-row', { hasText: '县财政局' }).textContent()).resolves.toContain('示范县财政局');
    await expectNoAxeViolations(page, 'the import review page (ready to confirm)');
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-review.png', fullPage: true });

    await page.getByRole('button', { name: '确认导入' }).click();
    const confirm = page.getByRole('dialog', { name: '确认导入' });
    await expect(confirm.textContent()).resolves.toContain(`「${UNKNOWN}」将保存为所指定单位的别名`);
    await confirm.getByRole('button', { name: '确认导入' }).click();
    await page.waitForURL(/\/admin\/tasks\/plans\/[0-9a-f-]{36}$/);
    planUrl = page.url();

    // The plan: each task with its unit, 县发改局's overdue.
    await page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
    const planTasks = page.getByRole('table', { name: '任务清单' });
    await planTasks.getByText(REQUIREMENT).waitFor();
    await expect(planTasks.locator('tbody tr.ant-table-row').count()).resolves.toBe(3);
    await planTasks.getByRole('link', { name: `${FGJ}（责任单位）：已逾期` }).waitFor();
    await planTasks.getByRole('link', { name: /^示范县财政局（责任单位）：/ }).waitFor();
    await planTasks.getByRole('link', { name: /^示范县住房和城乡建设局（责任单位）：/ }).waitFor();
    await expectNoAxeViolations(page, 'the plan page: 任务清单');

    await openTab(page, '督查矩阵');
    await expect.poll(() => fgjCell(page).getAttribute('aria-label')).toMatch(/：已逾期，已完成 0\/1 期/);
    await expect(page.getByRole('table', { name: '督查矩阵' }).getByRole('link').count()).resolves.toBe(3);
    await expectNoAxeViolations(page, 'the plan page: 督查矩阵');
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-matrix-before.png', fullPage: true });

    await openTab(page, '考核评分');
    scoreBefore = await fgjScore(page);
    expect(scoreBefore).toBe(0);
    await expectNoAxeViolations(page, 'the plan page: 考核评分');

    await openTab(page, '通报');
    await page.getByRole('table', { name: '已印发的通报' }).getByText('还没有印发通报').waitFor();
    await page.getByRole('heading', { name: '起草通报' }).waitFor();
    await expectNoAxeViolations(page, 'the plan page: 通报');

    await openTab(page, '回头看');
    await page.getByRole('table', { name: '未完成的任务' }).getByText(REQUIREMENT).waitFor();
    await expectNoAxeViolations(page, 'the plan page: 回头看');
    expect(problems).toEqual([]);
    await context.close();
    // Seven axe audits: more than the default time on a busy machine.
  }, 150_000);

  it('lets 县发改局 report the task done with a record it has published, and fill in its ledger', async () => {
    expect(planUrl).not.toBe('');
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'editor');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('工作任务', { exact: true }).click();
    await page.waitForURL('**/admin/tasks');
    // The name in the notice was never the unit's: it finds the task under its own name.
    const mine = page.getByRole('table', { name: '本单位的任务' });
    await mine.getByRole('link', { name: REQUIREMENT }).click();
    await page.waitForURL(/\/admin\/tasks\/assignments\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: `任务 1：${FGJ}` }).waitFor();
    await page.getByText(`本单位在通知中写作“${UNKNOWN}”`).waitFor();
    await page.getByText('有报送期已过截止日仍未完成').waitFor();
    await expectNoAxeViolations(page, 'the unit task page (overdue)');

    await page.getByRole('button', { name: /^报送进展：/ }).click();
    const dialog = page.getByRole('dialog', { name: /^报送进展：/ });
    await dialog.waitFor();
    await dialog.locator('label.ant-radio-button-wrapper', { hasText: '已完成' }).click();
    await expect(dialog.getByRole('radio', { name: '已完成' }).isChecked()).resolves.toBe(true);
    await dialog.getByLabel('工作进展').fill('年度重点项目建设计划及上半年实施进展情况已在县政府网站“重大建设项目”栏目公开。');
    const evidence = dialog.getByLabel('佐证信息（本单位的政府信息）');
    await choose(evidence, RECORD_TITLE, '重点建设项目');
    await page.keyboard.press('Escape');
    await dialog.locator('.ant-select-selection-item, .ant-select-content-item', { hasText: RECORD_TITLE }).first().waitFor();
    await dialog.getByRole('button', { name: /^报\s*送$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Done, late (the due date passed), with the published record counting as evidence.
    const period = page.locator('section.task-period').first();
    await period.getByRole('link', { name: RECORD_TITLE }).waitFor();
    await expect(period.locator('.ant-tag', { hasText: /^已发布/ }).count()).resolves.toBe(1);
    await period.getByText(/完成，逾期 \d+ 个工作日/).waitFor();
    await expect(period.locator('.task-period-head .ant-tag').first().textContent()).resolves.toBe('已完成');
    await page.locator('.record-subtitle .ant-tag', { hasText: '已完成' }).waitFor();
    await expectNoAxeViolations(page, 'the unit task page (done)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-assignment.png', fullPage: true });

    // The ledger of the new plan: the task is there from the import; the unit writes its measure.
    await page.getByRole('navigation', { name: '主菜单' }).getByText('工作台账', { exact: true }).click();
    await page.waitForURL('**/admin/tasks/ledger');
    await choose(page.getByRole('combobox', { name: '工作计划' }), planTitle);
    const ledger = page.getByRole('table', { name: '工作台账' });
    const row = ledger.locator('tr.ant-table-row', { hasText: REQUIREMENT });
    await row.waitFor();
    await expect(ledger.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    await page.getByText('台账中有 1 行的工作举措、分管领导或责任科室尚未填写').waitFor();
    await row.getByRole('button', { name: /^修改第 1 项：/ }).click();
    const edit = page.getByRole('dialog', { name: '修改台账' });
    await edit.getByLabel('工作举措').fill(MEASURE);
    await edit.getByLabel('单位分管领导').fill('陈志强');
    await edit.getByLabel('责任科室').fill('投资科');
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText(MEASURE).waitFor();
    await page.getByText('台账中有 1 行的工作举措、分管领导或责任科室尚未填写').waitFor({ state: 'detached' });
    await expect(row.getByText('未填写').count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'the ledger page');
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-ledger.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the office the unit done in the supervision matrix and its score gone up', async () => {
    expect(planUrl).not.toBe('');
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(planUrl);
    await page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
    await page.getByRole('table', { name: '任务清单' }).getByRole('link', { name: `${FGJ}（责任单位）：已完成` }).waitFor();

    await openTab(page, '督查矩阵');
    await expect.poll(() => fgjCell(page).getAttribute('aria-label')).toMatch(/：已完成，已完成 1\/1 期$/);
    await expect(fgjCell(page).textContent()).resolves.toBe('完成1/1');
    await page.getByRole('img', { name: /筛选范围内的单位任务：共 3 项，已完成 1，/ }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-matrix.png', fullPage: true });
    // Filtered to the done ones: 县发改局 alone.
    await choose(page.getByRole('combobox', { name: '状态' }), '已完成');
    await expect.poll(() => page.getByRole('table', { name: '督查矩阵' }).getByRole('link').count()).toBe(1);
    await expect(fgjCell(page).count()).resolves.toBe(1);

    await openTab(page, '考核评分');
    await expect.poll(() => fgjScore(page)).toBeGreaterThan(scoreBefore);
    // Its one period due is done (100%), late: the scheme takes points off for that, and says so.
    const row = page.getByRole('table', { name: '考核得分' }).locator('tr.ant-table-row', { hasText: FGJ });
    await expect(row.textContent()).resolves.toContain('100%');
    await expect(row.textContent()).resolves.toMatch(/逾期完成 1 期扣 [\d.]+ 分/);
    // The chart says the same: 县住建局, still overdue, is last.
    await page.getByRole('img', { name: /^考核得分：共 3 个单位，最高 .+，最低 示范县住房和城乡建设局 0分。/ }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-admin-tasks-scores.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
