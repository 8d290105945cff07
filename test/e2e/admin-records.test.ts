// 政府信息 in the admin console, as the people of 示范县 use it: the editor (信息员) of the development and
// reform bureau drafts a notice whose body carries an ID number, sees the personal-data check find it,
// masks it with one click and submits; the reviewer passes the review, the confidentiality reviewer the
// confidentiality review, and the editor publishes. The portal then shows the notice without the number.
// axe finds nothing on the records list or the record editor, and no page reports a console error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn } from './browser.ts';
import { loginAs } from '../helpers/app.ts';

const ID_NUMBER = '11010519491231002X';
const MASKED = '110105********002X';
const TITLE = '示范县发展和改革局关于2026年度项目评审专家名单的公示';
const BODY = ['各有关单位：', '经单位推荐、资格审查，现将2026年度项目评审专家名单公示如下：', `张某某，身份证号码 ${ID_NUMBER}，高级工程师。`, '公示期为5个工作日。'].join('\n');

let app: LiveApp;
let browser: Browser;
let recordId = '';

/** Opens the record as `username` and waits for its workflow panel. */
async function openRecord(username: string) {
  const session = await newPage(browser);
  await logIn(session.page, app.baseUrl, username);
  await session.page.goto(`${app.baseUrl}/admin/records/${recordId}`);
  await session.page.getByRole('group', { name: '流程操作' }).or(session.page.getByText('当前状态下没有您可以执行的操作')).first().waitFor();
  return session;
}

/** Takes a workflow step: its button, then the same button in the dialog that asks for an optional comment. */
async function takeStep(page: Page, label: string, nextState: string) {
  await page.getByRole('group', { name: '流程操作' }).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${label}：`) });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.record-subtitle .ant-tag', { hasText: nextState }).waitFor();
}

describeBrowser('admin console: 政府信息', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets the editor draft a record, find the ID number in it, mask it with one click and submit it', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'editor');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('政府信息', { exact: true }).click();
    await page.waitForURL('**/admin/records');
    await page.getByRole('table', { name: '政府信息列表' }).waitFor();
    await page.locator('.ant-table-placeholder, .ant-table-row').first().waitFor();
    await expectNoAxeViolations(page, 'the records list');

    await page.getByRole('link', { name: '起草新信息' }).click();
    await page.waitForURL('**/admin/records/new');
    // The editor may draft only for its own bureau: it is chosen already.
    await page.locator('.ant-tree-select', { hasText: '示范县发展和改革局' }).waitFor();
    await page.getByLabel('标题', { exact: true }).fill(TITLE);
    await page.getByRole('textbox', { name: /^正文/ }).fill(BODY);
    // Plain text is previewed as paragraphs, one per line.
    await page.locator('.body-preview p').nth(3).waitFor();
    await expect(page.locator('.body-preview p').count()).resolves.toBe(4);
    await expectNoAxeViolations(page, 'the new-record editor');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/admin\/records\/[0-9a-f-]{36}$/);
    recordId = page.url().split('/').pop()!;

    // The check finds the ID number in the body and shows it masked in its context.
    const findings = page.getByRole('list', { name: '检查发现的个人信息' });
    await findings.getByText('身份证号码', { exact: true }).waitFor();
    await expect(findings.textContent()).resolves.toContain('正文');
    await expect(findings.textContent()).resolves.not.toContain(ID_NUMBER);
    await page.getByRole('list', { name: '流转记录' }).getByText('起草').waitFor();
    await expectNoAxeViolations(page, 'the record editor');
    await page.screenshot({ path: '/tmp/admin-record.png' });

    await findings.getByRole('button', { name: /^遮盖第 1 处：身份证号码/ }).click();
    await page.getByText('未发现个人信息').waitFor();
    const body = page.getByRole('textbox', { name: /^正文/ });
    await expect(body.inputValue()).resolves.toContain(MASKED);
    await expect(body.inputValue()).resolves.not.toContain(ID_NUMBER);

    await takeStep(page, '提交审核', '待审核');
    // Submitted, the record is read-only for its editor.
    await expect(page.getByRole('button', { name: '保存' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the reviewer pass the review and the confidentiality reviewer pass the confidentiality review', async () => {
    expect(recordId).not.toBe('');
    {
      const { context, page, problems } = await openRecord('reviewer');
      await takeStep(page, '审核通过', '保密审查中');
      expect(problems).toEqual([]);
      await context.close();
    }
    {
      const { context, page, problems } = await openRecord('secrecy');
      await takeStep(page, '保密审查通过', '已审定');
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('lets the editor publish, and the portal shows the record without the ID number', async () => {
    const { context, page, problems } = await openRecord('editor');
    await takeStep(page, '发布', '已发布');
    await page.getByRole('list', { name: '流转记录' }).getByText('发布', { exact: true }).waitFor();
    expect(problems).toEqual([]);

    const res = await page.goto(`${app.baseUrl}/zfxxgk/info/${recordId}`);
    expect(res?.status()).toBe(200);
    const html = await page.content();
    expect(html).toContain(TITLE);
    expect(html).toContain(MASKED);
    expect(html).not.toContain(ID_NUMBER);
    await context.close();
  });

  it("shows the server's 文号 error on its field, and never overwrites a newer version", async () => {
    const api = await loginAs(app.app, 'editor');
    const units = (await api.get('/api/v1/units')).json() as { id: string; code: string }[];
    const created = await api.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '示范县发展和改革局关于开展节能宣传周活动的通知', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>各科室：</p>' });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;

    const { context, page } = await newPage(browser);
    await logIn(page, app.baseUrl, 'editor');
    await page.goto(`${app.baseUrl}/admin/records/${id}`);
    await page.getByRole('group', { name: '流程操作' }).waitFor();
    await page.getByLabel('文号', { exact: true }).fill('发改委12号文');
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await expect(page.locator('#record_docNo_help').textContent()).resolves.toMatch(/文号“发改委12号文”格式不正确/);

    // Somebody else saves the record meanwhile: saving here is refused, the user is told and chooses to reload.
    await page.getByLabel('文号', { exact: true }).fill('');
    const current = (await api.get(`/api/v1/records/${id}`)).json() as { version: number };
    expect((await api.patch(`/api/v1/records/${id}`, { version: current.version, summary: '由另一位信息员补充的概述' })).statusCode).toBe(200);
    await page.getByLabel('标题', { exact: true }).fill('本页未保存的标题');
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    const dialog = page.getByRole('dialog', { name: '信息已被他人修改' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('尚未保存的修改');
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => page.getByLabel('内容概述').inputValue()).toBe('由另一位信息员补充的概述');
    await expect(page.getByLabel('标题', { exact: true }).inputValue()).resolves.toBe('示范县发展和改革局关于开展节能宣传周活动的通知');
    expect(((await api.get(`/api/v1/records/${id}`)).json() as { title: string }).title).toBe('示范县发展和改革局关于开展节能宣传周活动的通知');
    await context.close();
  });
});
