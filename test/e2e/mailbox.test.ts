// 领导信箱 and 政务舆情 from both sides: a citizen writes to the county's leaders on the portal on a phone
// with JavaScript off (answering the arithmetic challenge), consenting to publication; the office finds the
// letter in the console (writer and phone visible to staff only) and transfers it to the development and
// reform bureau; the bureau's editor answers it (a too-short reply refused with the server's message, a
// version changed meanwhile handled by reloading) and publishes it; the portal then shows the letter and
// its reply with the writer's name and phone masked. The office also registers a major 舆情, is refused
// closing it before any release, records the authoritative information and sees the 5-hour deadline met.
// axe finds nothing on the console's list and detail pages of both; screenshots /tmp/gongkai-mailbox-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn, answerChallenge } from './browser.ts';

const SUBJECT = '建议在城东新区增设公共自行车站点';
const BODY = '城东新区居民区较多，但附近没有公共自行车站点，出行很不方便，建议增设。如需联系，我的手机13912345678。';
const WRITER = '赵小兰';
const REPLY = '您好！县发展和改革局已将城东新区公共自行车站点纳入明年建设计划，预计第二季度投入使用。感谢您的建议。';
const OPINION = '网传城东新区自来水出现异味';
const RELEASE = '县水务局通报：城东新区自来水经检测各项指标合格，异味系管网冲洗所致，已处置完毕。';

let app: LiveApp;
let browser: Browser;
let number = '';
let messageId = '';

/** Staff pages log the 400 and 409 answers the test provokes on purpose; anything else is a problem. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of (400|409)/.test(p));

async function noScript(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  return { context, page: await context.newPage() };
}

/** The letter's console page, from the menu and the list. */
async function openLetter(page: Page) {
  await page.getByRole('navigation', { name: '主菜单' }).getByText('留言办理', { exact: true }).click();
  await page.waitForURL('**/admin/messages');
  await page.getByRole('table', { name: '留言列表' }).getByRole('link', { name: number }).click();
  await page.waitForURL(/\/admin\/messages\/[0-9a-f-]{36}$/);
  messageId = page.url().split('/').pop()!;
  await page.getByRole('heading', { level: 1, name: `留言 ${number}` }).waitFor();
}

/** Picks a unit in a searchable select: type part of its name and take the match, as a keyboard user would. */
async function chooseUnit(page: Page, field: ReturnType<Page['getByLabel']>, name: string) {
  await field.fill(name.slice(3, 9));
  await page.locator('.ant-select-item-option-active', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
}

describeBrowser('领导信箱 and 政务舆情: letter, transfer, reply, publication; a 舆情 and its release', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a citizen write to the leaders on a phone without JavaScript, consenting to publication', async () => {
    const { context, page } = await noScript();
    await page.goto(app.baseUrl + '/hdjl/xx/');
    await page.getByRole('link', { name: '给领导写信' }).click();
    await page.getByRole('heading', { level: 1, name: '给领导写信' }).waitFor();
    await page.locator('#m-category').selectOption('suggest');
    await page.locator('#m-subject').fill(SUBJECT);
    await page.locator('#m-body').fill(BODY);
    await page.locator('#m-writerName').fill(WRITER);
    await page.locator('#m-phone').fill('13912345678');
    await page.getByLabel(/同意公开来信和答复/).check();
    await page.locator('#m-challenge').fill(answerChallenge((await page.locator('label[for="m-challenge"]').textContent())!));
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '来信已提交' }).waitFor();
    number = (await page.locator('strong.code').first().textContent())!.trim();
    expect(number).toMatch(/^XX-\d{4}-\d{5}$/);
    await page.screenshot({ path: '/tmp/gongkai-mailbox-written.png', fullPage: true });
    await context.close();
  });

  it('lets the office find the letter with its writer and transfer it to a department, the deadline unchanged', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('留言办理', { exact: true }).click();
    const list = page.getByRole('table', { name: '留言列表' });
    const row = list.getByRole('row').filter({ hasText: number });
    await row.getByText(SUBJECT).waitFor();
    await expect(row.textContent()).resolves.toContain('办理中');
    await expectNoAxeViolations(page, 'the messages list');
    await page.screenshot({ path: '/tmp/gongkai-mailbox-list.png', fullPage: true });

    // The statistics tab counts it for the county government.
    await page.getByRole('tab', { name: '办理统计' }).click();
    const stats = page.getByRole('table', { name: '留言办理统计' });
    await stats.getByRole('row').filter({ hasText: '示范县人民政府' }).waitFor();
    await expectNoAxeViolations(page, 'the messages statistics');
    await page.getByRole('tab', { name: '留言' }).click();

    await openLetter(page);
    // Staff see the letter as written, with its writer and phone.
    await page.getByText(WRITER, { exact: true }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('13912345678');
    await expect(page.locator('main').textContent()).resolves.toContain('个工作日内答复');
    await expectNoAxeViolations(page, 'the message page');

    await page.getByRole('button', { name: /^转\s*办$/ }).click();
    const dialog = page.getByRole('dialog', { name: '转办' });
    await chooseUnit(page, dialog.getByLabel('转办到的单位'), '示范县发展和改革局');
    await dialog.getByLabel('转办说明（可不填）').fill('请发改局研究答复。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('办理单位：示范县发展和改革局').waitFor();
    const history = page.getByRole('list', { name: '办理记录' });
    await history.getByText('示范县人民政府 → 示范县发展和改革局（答复期限不变）').waitFor();
    await history.getByText('请发改局研究答复。').waitFor();
    await page.screenshot({ path: '/tmp/gongkai-mailbox-assigned.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
    // Several axe audits and dialogs: more than the default time on a busy machine.
  }, 150_000);

  it("lets the department's editor answer it (refusals and a stale version shown) and publish it", async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'editor');
    await openLetter(page);

    // Too short: the server's own message, on the field.
    await page.getByRole('button', { name: /^答\s*复$/ }).click();
    let dialog = page.getByRole('dialog', { name: '答复' });
    await dialog.getByLabel('答复内容').fill('收到。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写答复内容').waitFor();

    // Somebody else acted on the letter meanwhile: nothing is overwritten, the user reloads.
    await app.database.pool.query('UPDATE messages SET version = version + 1 WHERE id = $1', [messageId]);
    await dialog.getByLabel('答复内容').fill(REPLY);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const staleDialog = page.getByRole('dialog', { name: '信息已被他人修改' });
    await staleDialog.waitFor();
    await expect(staleDialog.textContent()).resolves.toContain('没有保存');
    await staleDialog.getByRole('button', { name: '重新加载' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await staleDialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /^答\s*复$/ }).click();
    dialog = page.getByRole('dialog', { name: '答复' });
    await dialog.getByLabel('答复内容').fill(REPLY);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('p.message-body').filter({ hasText: REPLY }).waitFor();
    await page.locator('.record-subtitle').getByText('已答复', { exact: true }).waitFor();

    await page.getByRole('button', { name: /^公\s*开$/ }).click();
    dialog = page.getByRole('dialog', { name: '公开来信和答复' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.record-subtitle').getByText('已在门户网站公开', { exact: true }).waitFor();
    await page.getByRole('list', { name: '办理记录' }).getByText('在门户网站公开').waitFor();
    await expectNoAxeViolations(page, 'the answered message page');
    await page.screenshot({ path: '/tmp/gongkai-mailbox-replied.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
    // Several axe audits and dialogs: more than the default time on a busy machine.
  }, 150_000);

  it('shows the letter and its reply on the portal with the writer and the phone masked', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(app.baseUrl + '/hdjl/xx/');
    await page.getByRole('link', { name: SUBJECT }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(REPLY);
    expect(main).toContain('示范县发展和改革局');
    expect(main).toContain('139****5678');
    expect(main).toContain('赵**');
    expect(main).not.toContain('13912345678');
    expect(main).not.toContain(WRITER);
    await expectNoAxeViolations(page, 'the portal letter page');
    await page.screenshot({ path: '/tmp/gongkai-mailbox-portal.png', fullPage: true });
    await context.close();
  });

  it('lets the office register a major 舆情, refuses closing it before any release, and records the authoritative information', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('政务舆情', { exact: true }).click();
    await page.waitForURL('**/admin/opinions');
    await page.getByRole('heading', { level: 1, name: '政务舆情' }).waitFor();

    await page.getByRole('button', { name: /登记舆情/ }).click();
    let dialog = page.getByRole('dialog', { name: '登记舆情' });
    await dialog.getByLabel('标题').fill(OPINION);
    await dialog.getByLabel('来源').fill('微博');
    await dialog.getByText('重大', { exact: true }).click();
    await chooseUnit(page, dialog.getByLabel('责任单位'), '示范县发展和改革局');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: OPINION }).waitFor();
    const deadlines = page.getByRole('list', { name: '回应期限' });
    await deadlines.getByText('5小时内发布权威信息', { exact: true }).waitFor();
    await deadlines.getByText('24小时内举行新闻发布会', { exact: true }).waitFor();
    await expect(deadlines.textContent()).resolves.toContain('国办发〔2016〕80号');
    await expectNoAxeViolations(page, 'the opinion page');

    // Not closed before anything was released: the server says why.
    await page.getByRole('button', { name: '处置完毕' }).click();
    dialog = page.getByRole('dialog', { name: '处置完毕' });
    await dialog.getByLabel('处置情况').fill('已核实处置。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '尚未发布任何权威信息或回应，不能结束处置' }).waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /记录发布/ }).click();
    dialog = page.getByRole('dialog', { name: '记录发布或回应' });
    await dialog.getByLabel('内容').fill(RELEASE);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: '发布和回应' }).getByText(RELEASE).waitFor();
    await deadlines.getByText(/已按时发布权威信息/).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-opinion-page.png', fullPage: true });

    await page.getByRole('link', { name: /返回列表/ }).click();
    await page.waitForURL('**/admin/opinions');
    const row = page.getByRole('table', { name: '舆情列表' }).getByRole('row').filter({ hasText: OPINION });
    await row.getByText(/已按时发布权威信息/).waitFor();
    await expect(row.textContent()).resolves.toContain('重大');
    await expectNoAxeViolations(page, 'the opinions list');
    await page.screenshot({ path: '/tmp/gongkai-opinion-list.png', fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
    // Several axe audits and dialogs: more than the default time on a busy machine.
  }, 150_000);
});
