// 重大行政决策 in the console: the office lists the year's catalogue, adds a decision (it opens at once),
// marks its first stage done on a date with a published record attached, is refused (the server's message
// shown in the dialog) when it marks the collective decision done before the legality review, publishes
// the decision and the portal's catalogue and decision pages show it. A change made meanwhile by someone
// else is not overwritten: the stale-version dialog offers to reload. A reviewer (no edit, no publish
// permission) sees the decision without the buttons and with the switch disabled. axe finds nothing on
// either console page; screenshots /tmp/gongkai-decisions-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { choose, describeBrowser, expectNoAxeViolations, launchBrowser, type LiveApp, logIn, newPage, startLiveApp } from './browser.ts';
import { loginAs } from '../helpers/app.ts';
import { addDays, todayLocal } from '../../src/core/calendar/index.ts';

const TITLE = '示范县城区生活垃圾分类收费办法';
const RENAMED = '示范县城区生活垃圾分类处理收费办法';
const SUMMARY = '按“谁产生、谁付费”的原则，制定城区居民和单位生活垃圾分类处理收费标准。';

let app: LiveApp;
let browser: Browser;
let decisionId = '';
let recordTitle = '';

describeBrowser('重大行政决策: catalogue, stages in order, publication', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
    // A public document of the demo county, to attach to the first stage.
    const office = await loginAs(app.app, 'office');
    const page = (await office.get('/api/v1/records?state=published&attribute=proactive&pageSize=1')).json() as { items: { title: string }[] };
    recordTitle = page.items[0]!.title;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets the office list the catalogue and add a decision to it', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('重大行政决策', { exact: true }).click();
    await page.waitForURL('**/admin/decisions');
    const table = page.getByRole('table', { name: '重大行政决策事项目录' });
    // The demo decision of this year's catalogue (the demo lists it in 2026), with its progress.
    const year = Number(todayLocal().slice(0, 4));
    await page.getByRole('search', { name: '选择年度' }).getByText(`${year}年度`).waitFor();
    if (year === 2026) {
      const demo = table.getByRole('row', { name: /示范县城区停车设施建设专项规划/ });
      await demo.waitFor();
      await expect(demo.textContent()).resolves.toMatch(/已完成 \d\/7 个环节/);
    }
    await expectNoAxeViolations(page, 'the decisions list');

    await page.getByRole('button', { name: '列入目录' }).click();
    const dialog = page.getByRole('dialog', { name: '列入重大行政决策事项目录' });
    await dialog.getByLabel('决策事项').fill(TITLE);
    // The office's own unit is offered first; the undertaking unit is chosen from the tree.
    await dialog.getByLabel('承办单位').click();
    await page.keyboard.type('发展和改革');
    await page.locator('.ant-select-tree-title', { hasText: /^示范县发展和改革局 县发改局$/ }).click();
    await dialog.getByLabel('简要说明（可不填）').fill(SUMMARY);
    await dialog.getByRole('button', { name: '列入目录' }).click();
    await page.waitForURL(/\/admin\/decisions\/[0-9a-f-]{36}$/);
    decisionId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('承办单位：示范县发展和改革局');

    // Back in the catalogue, the new decision is listed, not yet public, its next stage the first one.
    await page.getByRole('link', { name: '返回目录' }).click();
    const row = table.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain('示范县发展和改革局');
    expect(text).toContain('已完成 0/7 个环节');
    expect(text).toContain('下一环节：公众参与');
    expect(text).toContain('未公开');
    await page.screenshot({ path: '/tmp/gongkai-decisions-list.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('records the stages in order: the first one done on a date, the collective decision refused before the legality review', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/decisions/${decisionId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const stages = page.getByRole('table', { name: '决策程序各环节' });
    await expectNoAxeViolations(page, 'the decision page');

    const on = addDays(todayLocal(), -3);
    await stages.getByRole('button', { name: '更新环节：公众参与' }).click();
    let dialog = page.getByRole('dialog', { name: '更新环节：公众参与' });
    await expect.poll(() => dialog.getByRole('radio', { name: '未完成' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '已完成' }).check();
    await dialog.getByLabel('完成日期').fill(on);
    await dialog.getByLabel('完成日期').press('Enter');
    await dialog.getByLabel('说明（可不填）').fill('公开征求意见30日');
    await expectNoAxeViolations(page, 'the stage dialog');
    await choose(dialog.getByLabel('相关文件（可不选）'), recordTitle, recordTitle);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const first = stages.getByRole('row', { name: /公众参与/ });
    await expect.poll(() => first.textContent()).toContain('已完成');
    const firstText = (await first.textContent())!;
    expect(firstText).toContain(on);
    expect(firstText).toContain('公开征求意见30日');
    expect(firstText).toContain(recordTitle);

    // The collective decision before the legality review: the server refuses and says why.
    await stages.getByRole('button', { name: '更新环节：集体讨论决定' }).click();
    dialog = page.getByRole('dialog', { name: '更新环节：集体讨论决定' });
    await expect.poll(() => dialog.getByRole('radio', { name: '未完成' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '已完成' }).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '未经合法性审查的决策草案不得提交集体讨论' }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-decisions-refused.png', fullPage: true });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(stages.getByRole('row', { name: /集体讨论决定/ }).textContent()).resolves.toContain('未完成');

    // Published on the portal.
    await page.getByRole('switch', { name: '在门户网站公开' }).click();
    await page.getByText('已在门户网站公开', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByRole('switch', { name: '在门户网站公开' }).getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: '/tmp/gongkai-decisions-page.png', fullPage: true });
    // The refused PATCH is logged by the browser as a failed resource load; nothing else may be.
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await context.close();
  });

  it('shows the published decision on the portal', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/hdjl/zdjc/`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('承办单位：示范县发展和改革局');
    expect(main).toContain(SUMMARY);
    const first = (await page.getByRole('row', { name: /公众参与/ }).textContent())!;
    expect(first).toContain('已完成');
    expect(first).toContain(addDays(todayLocal(), -3));
    expect(first).toContain(recordTitle);
    await context.close();
  });

  it('does not overwrite a change made meanwhile: the stale version is reloaded', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/decisions/${decisionId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // Somebody else renames it after the page was loaded.
    const office = await loginAs(app.app, 'office');
    const now = (await office.get(`/api/v1/decisions/${decisionId}`)).json() as { version: number };
    const renamed = await office.patch(`/api/v1/decisions/${decisionId}`, { version: now.version, title: RENAMED });
    expect(renamed.statusCode, renamed.body).toBe(200);

    await page.getByRole('table', { name: '决策程序各环节' }).getByRole('button', { name: '更新环节：专家论证' }).click();
    const dialog = page.getByRole('dialog', { name: '更新环节：专家论证' });
    // The dialog shows the stage as it is before anything is changed in it.
    await expect.poll(() => dialog.getByRole('radio', { name: '未完成' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: '不适用' }).check();
    await dialog.getByLabel('不适用的理由').fill('不涉及专业性、技术性问题');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const stale = page.getByRole('dialog', { name: '信息已被他人修改' });
    await stale.getByRole('button', { name: '重新加载' }).click();
    await page.getByRole('heading', { level: 1, name: RENAMED }).waitFor();
    await expect(page.getByRole('table', { name: '决策程序各环节' }).getByRole('row', { name: /专家论证/ }).textContent()).resolves.toContain('未完成');
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    await context.close();
  });

  it('shows a reviewer the decision without the edit buttons and with the switch disabled', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'reviewer');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('重大行政决策', { exact: true }).click();
    await expect(page.getByRole('button', { name: '列入目录' }).count()).resolves.toBe(0);
    await page.getByRole('table', { name: '重大行政决策事项目录' }).getByRole('link', { name: RENAMED }).click();
    await page.getByRole('heading', { level: 1, name: RENAMED }).waitFor();
    await expect(page.getByRole('switch', { name: '在门户网站公开' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /^更新环节：/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /修\s*改/ }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
