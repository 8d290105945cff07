// The admin console as the open-government office uses it: log in, open 单位管理, add a unit under the
// county government and find it in the tree; axe finds nothing on the login page or the units page, and the
// console runs under the strict CSP without a single violation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn } from './browser.ts';

let app: LiveApp;
let browser: Browser;

/** The kind select searches its options: type the label and take the match, as a keyboard user would. */
async function chooseKind(page: Page, label: string) {
  const dialog = page.getByRole('dialog', { name: '新增下级单位' });
  await dialog.getByLabel('类型').fill(label);
  await page.locator('.ant-select-item-option-active', { hasText: label }).waitFor();
  await page.keyboard.press('Enter');
  await dialog.locator('.ant-select-content, .ant-select-selection-item', { hasText: label }).first().waitFor();
}

describeBrowser('admin console', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('has no axe violations on the login page, and a wrong password is told in Chinese', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(app.baseUrl + '/admin/');
    await page.getByLabel('用户名').waitFor();
    await expectNoAxeViolations(page, 'the login page');
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/用户名或密码/);
    // The refused login is the only console error a browser may report (its 401).
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await context.close();
  });

  it('lets the office add a unit under the county government and shows it in the tree', async () => {
    const { context, page, problems } = await newPage(browser);
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('单位管理').click();
    await page.waitForURL('**/admin/units');
    const tree = page.getByRole('tree', { name: '单位树' });
    await tree.getByText('示范县发展和改革局').waitFor();
    await expectNoAxeViolations(page, 'the units page');

    // The root is selected on first load: add a child to it.
    await page.getByRole('button', { name: '新增下级单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增下级单位' });
    await dialog.getByLabel('单位全称').fill('示范县乡村振兴服务中心');
    await dialog.getByLabel('简称').fill('县乡村振兴中心');
    await dialog.getByLabel('编码').fill('xczx');
    await chooseKind(page, '事业单位');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await tree.getByText('示范县乡村振兴服务中心').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.screenshot({ path: '/tmp/gongkai-admin-units.png' });

    // Saved on the server, under the root, and recorded in the audit log.
    const units = (await app.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json() as {
      id: string;
      parentId: string | null;
      name: string;
      kind: string;
    }[];
    const root = units.find((u) => !u.parentId)!;
    const created = units.find((u) => u.name === '示范县乡村振兴服务中心');
    expect(created).toMatchObject({ parentId: root.id, kind: 'institution' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a duplicate code with the server\'s Chinese message and keeps the form open', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, app.baseUrl, 'office');
    await page.goto(app.baseUrl + '/admin/units');
    await page.getByRole('tree', { name: '单位树' }).getByText('示范县财政局').waitFor();
    await page.getByRole('button', { name: '新增下级单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增下级单位' });
    await dialog.getByLabel('单位全称').fill('示范县重复编码局');
    await dialog.getByLabel('编码').fill('fgj');
    await chooseKind(page, '政府工作部门');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText(/fgj/).filter({ hasText: '已' }).first().textContent()).resolves.toContain('fgj');
    await expect(dialog.getByLabel('单位全称').inputValue()).resolves.toBe('示范县重复编码局');
    await context.close();
  });

  it('shows an editor only what its role allows: no 单位管理 writes, no 操作日志', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, app.baseUrl, 'editor');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByText('操作日志').count()).resolves.toBe(0);
    await expect(menu.getByText('接口令牌').count()).resolves.toBe(0);
    await menu.getByText('单位管理').click();
    await page.getByRole('tree', { name: '单位树' }).getByText('示范县财政局').waitFor();
    await expect(page.getByRole('button', { name: '新增下级单位' }).count()).resolves.toBe(0);
    await context.close();
  });
});
