// 年度报告 in the console, as 示范县's office works it: the list of reports; the county's report on this
// year (drafted by the demo from the live data) with an appeals total made inconsistent through the API;
// the office edits section 五 (inserting a figure), is told when somebody else saved meanwhile (409) and
// saves again, runs the check and sees the failing cell named, is refused publication with the server's
// words, and downloads the DOCX; then the status board, where the 发改局's unpublished 2025 report is late.
// axe finds nothing on the three pages; screenshots /tmp/gongkai-admin-report*.png.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn } from './browser.ts';
import { loginAs, type Agent } from '../helpers/app.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';

const YEAR = Number(todayLocal().slice(0, 4));
const TITLE = `示范县人民政府${YEAR}年政府信息公开工作年度报告`;
/** The cell the made-up inconsistency is in (src/core/reports/checks.ts names it so). */
const BAD_CELL = '第四部分表格「行政复议」「总计」';
const FGJ_TITLE = `示范县发展和改革局${YEAR}年政府信息公开工作年度报告`;
const ADDED = '三是年报编制的数据核对机制有待完善。';

let app: LiveApp;
let browser: Browser;
let office: Agent;
let reportId = '';

/** Only the 409s the test provokes (a stale save, a refused publication) may reach the console. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 409/.test(p));

async function readReport(): Promise<{ version: number; title: string; narrative: Record<string, string>; figures: { section4: Record<string, Record<string, number>> } }> {
  const res = await office.get(`/api/v1/reports/${reportId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describeBrowser('admin console: 年度报告', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
    office = await loginAs(app.app, 'office');
    const list = await office.get(`/api/v1/reports?year=${YEAR}`);
    expect(list.statusCode, list.body).toBe(200);
    const found = (list.json() as { id: string; title: string }[]).find((r) => r.title === TITLE);
    expect(found, `the demo seeds ${TITLE}`).toBeTruthy();
    reportId = found!.id;
    // An inconsistent appeals total, as a careless adjustment would leave it: the check must name the cell.
    const r = await readReport();
    const s4 = structuredClone(r.figures.section4);
    s4.reconsideration!.total = (s4.reconsideration!.total ?? 0) + 1;
    const adjusted = await office.put(`/api/v1/reports/${reportId}/figures`, { version: r.version, reason: '测试：行政复议总计录入有误', section4: s4 });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the reports by year and unit with their state and due date', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('年度报告', { exact: true }).click();
    await page.waitForURL('**/admin/reports');
    await page.getByRole('heading', { level: 1, name: '年度报告' }).waitFor();
    const table = page.getByRole('table', { name: '年度报告列表' });
    await table.getByRole('link', { name: TITLE }).waitFor();
    // The county's 2025 report is published; the 发改局's is checked but was never published.
    const county2025 = table.locator('tr', { has: page.getByRole('link', { name: '示范县人民政府2025年政府信息公开工作年度报告' }) });
    await expect(county2025.textContent()).resolves.toContain('已发布');
    const fgj2025 = table.locator('tr', { hasText: '2025年度' }).filter({ hasText: '已校验待发布' });
    await expect(fgj2025.textContent()).resolves.toContain('逾期未发布');
    await page.getByRole('button', { name: /新建报告/ }).waitFor();
    await expectNoAxeViolations(page, 'the reports list');
    await page.screenshot({ path: '/tmp/gongkai-admin-reports-list.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('creates the 发改局 report on this year from the data, its text started from last year, and adjusts a section 二 figure', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/reports`);
    await page.getByRole('table', { name: '年度报告列表' }).getByRole('link', { name: TITLE }).waitFor();
    await page.getByRole('button', { name: /新建报告/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建年度报告' });
    await dialog.waitFor();
    await dialog.getByLabel('报告单位').fill('发展和改革');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示范县发展和改革局' }).click();
    await expect.poll(() => dialog.locator('.ant-select-content, .ant-select-selection-item').first().textContent()).toContain('示范县发展和改革局');
    await expect(dialog.getByRole('combobox', { name: '报告年度' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).resolves.toContain(`${YEAR}年度`);
    await dialog.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/admin\/reports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: FGJ_TITLE }).waitFor();
    await page.getByText(`从${YEAR - 1}年度的报告开始编写`).waitFor();
    await expect(page.getByLabel('五、存在的主要问题及改进情况（文字）').inputValue()).resolves.toContain('政策解读的针对性有待加强');

    // 行政许可 as the unit reports it, with the reason; the table shows the new figure.
    await page.getByRole('button', { name: /调整第二部分数据/ }).click();
    const adjust = page.getByRole('dialog', { name: '调整第二部分数据' });
    await adjust.waitFor();
    await adjust.getByLabel('行政许可（本年处理决定数量）').fill('4321');
    await adjust.getByLabel('调整原因').fill('测试：按发改局报送的许可台账更正');
    await adjust.getByRole('button', { name: '保存调整' }).click();
    await adjust.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: '第二十条第（五）项' }).getByRole('cell', { name: '4321' }).waitFor();
    await page.getByText('测试：按发改局报送的许可台账更正').waitFor();
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('edits section 五 with a figure inserted, survives a stale save, checks, is refused publication and downloads the DOCX', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/reports`);
    await page.getByRole('table', { name: '年度报告列表' }).getByRole('link', { name: TITLE }).click();
    await page.waitForURL(`**/admin/reports/${reportId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // The template's tables, with its own labels, as real tables with captions and header cells.
    const requests = page.getByRole('table', { name: '收到和处理政府信息公开申请情况' });
    await requests.getByRole('rowheader', { name: '一、本年新收政府信息公开申请数量' }).waitFor();
    await requests.getByRole('columnheader', { name: '法律服务机构' }).waitFor();
    await requests.getByRole('rowheader', { name: '（七）总计' }).waitFor();
    await page.getByRole('table', { name: '政府信息公开行政复议、行政诉讼情况' }).getByRole('columnheader', { name: '复议后起诉' }).waitFor();
    await page.getByRole('table', { name: '第二十条第（八）项' }).getByRole('columnheader', { name: '本年收费金额（单位：万元）' }).waitFor();
    await page.getByRole('heading', { level: 3, name: '四、政府信息公开行政复议、行政诉讼情况' }).waitFor();
    await expectNoAxeViolations(page, 'the report page');
    await requests.screenshot({ path: '/tmp/gongkai-admin-report-requests-table.png' });

    // Section 五 starts from last year's text; a sentence and a figure are added at the end.
    const problemsText = page.getByLabel('五、存在的主要问题及改进情况（文字）');
    await expect(problemsText.inputValue()).resolves.toContain('政策解读形式较为单一');
    await problemsText.click();
    await problemsText.press('End');
    await problemsText.press('Control+End');
    await problemsText.pressSequentially(`\n${ADDED}本年新收申请`);
    await page.getByRole('button', { name: '插入本年新收申请数' }).click();
    await expect(problemsText.inputValue()).resolves.toMatch(new RegExp(`${ADDED}本年新收申请\\{\\{本年新收申请数\\}\\}$`));
    await problemsText.pressSequentially('件。');

    // Meanwhile somebody else saves the report: the save is refused (409) and the text is kept.
    // (A save that changes nothing keeps the version: the other user renames it and renames it back.)
    const r = await readReport();
    const renamed = await office.patch(`/api/v1/reports/${reportId}`, { version: r.version, title: `${r.title}（他人修改）` });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const other = await office.patch(`/api/v1/reports/${reportId}`, { version: renamed.json().version, title: r.title });
    expect(other.statusCode, other.body).toBe(200);
    const save = page.getByRole('button', { name: /保存文字部分/ });
    await save.click();
    await page.getByText(/已被他人修改.*已为您重新加载最新数据/).waitFor();
    await expect(problemsText.inputValue()).resolves.toContain(`${ADDED}本年新收申请{{本年新收申请数}}件。`);
    await expect(save.isEnabled()).resolves.toBe(true);
    await save.click();
    await page.getByText('已保存文字部分').waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    const saved = await readReport();
    expect(saved.narrative.problems).toContain(`${ADDED}本年新收申请{{本年新收申请数}}件。`);

    // The check names the failing cell.
    const actions = page.getByRole('group', { name: '报告操作' });
    await actions.getByRole('button', { name: /检\s*查/ }).click();
    const findings = page.getByRole('list', { name: '不通过的校验' }).first();
    await findings.getByText(BAD_CELL, { exact: false }).first().waitFor();
    await expect(findings.textContent()).resolves.toContain('应等于结果维持');

    // Publication is refused while a check fails, in the server's words.
    await actions.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /发\s*布/ }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '年度报告未通过校验，不能发布' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(BAD_CELL);

    // The DOCX downloads, and is one.
    const docxLink = actions.getByRole('link', { name: /下载 DOCX/ });
    const [download] = await Promise.all([page.waitForEvent('download'), docxLink.click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const file = join(tmpdir(), `gongkai-e2e-report-${process.pid}.docx`);
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    const head = await page.request.get(`${app.baseUrl}${await docxLink.getAttribute('href')}`);
    expect(head.status()).toBe(200);
    expect(head.headers()['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    await page.screenshot({ path: '/tmp/gongkai-admin-report.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('shows the office the status board with the late units highlighted', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/reports`);
    await page.getByRole('link', { name: /发布情况/ }).click();
    await page.waitForURL('**/admin/reports/status');
    await page.getByRole('heading', { level: 1, name: '年报发布情况' }).waitFor();
    // Last year's reports (the one being published now) by default.
    const table = page.getByRole('table', { name: `${YEAR - 1}年度年报发布情况` });
    const fgj = table.locator('tr.row-overdue', { hasText: '示范县发展和改革局' });
    await fgj.waitFor();
    await expect(fgj.textContent()).resolves.toContain('逾期未发布');
    const county = table.locator('tr', { hasText: '示范县人民政府' }).first();
    await expect(county.textContent()).resolves.toContain('已发布');
    // Only the county published its report on time; everyone else is late.
    await expect(table.locator('tbody .ant-tag').filter({ hasText: /^已发布$/ }).count()).resolves.toBe(1);
    await expect(table.locator('tbody tr.row-overdue').count()).resolves.toBe(await table.locator('tbody .ant-tag').filter({ hasText: /^逾期未发布$/ }).count());
    await expectNoAxeViolations(page, 'the status board');
    await page.screenshot({ path: '/tmp/gongkai-admin-report-status.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});
