// 意见征集 from both sides: the office opens a consultation on a major decision; a citizen comments on the
// portal with JavaScript off (answering the arithmetic challenge), giving a phone number in the text; the
// office moderates the opinion in the console (published, the number masked, the writer unnamed); once the
// period is over the office ends it, answers the opinion (adopted, and why) and publishes the adoption
// report; the citizen reads on the portal how the opinion was answered. axe finds nothing on the console's
// list and consultation pages nor on the portal's consultation page; screenshots /tmp/gongkai-consultation-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn, answerChallenge } from './browser.ts';
import { loginAs } from '../helpers/app.ts';
import { addDays, todayLocal } from '../../src/core/calendar/index.ts';

const TITLE = '关于示范县城区公共停车收费标准调整方案（征求意见稿）的公告';
const OPINION = '建议夜间22时至次日7时免费停车，方便晚归居民。如需联系，我的手机13912345678。';
const REASON = '夜间22时至次日7时路内泊位免费';

let app: LiveApp;
let browser: Browser;
let consultationId = '';

async function noScript(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  return { context, page: await context.newPage() };
}

/** The console's consultation page, from the menu and the list. */
async function openConsultation(page: Page) {
  await page.getByRole('navigation', { name: '主菜单' }).getByText('意见征集', { exact: true }).click();
  await page.waitForURL('**/admin/consultations');
  await page.getByRole('table', { name: '意见征集列表' }).getByRole('link', { name: TITLE }).click();
  await page.waitForURL(`**/admin/consultations/${consultationId}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

describeBrowser('意见征集: comment, moderation, adoption report', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
    const office = await loginAs(app.app, 'office');
    const units = (await office.get('/api/v1/units')).json() as { id: string; code: string }[];
    const today = todayLocal();
    const created = await office.post('/api/v1/consultations', {
      unitId: units.find((u) => u.code === 'fgj')!.id,
      kind: 'major_decision',
      title: TITLE,
      draftHtml: '<p>一、调整范围：城区路内公共停车泊位。</p><p>二、收费标准：白天首小时2元，此后每小时1元。</p>',
      explanationHtml: '<p>为缓解城区停车难，县发展改革局起草了本方案。</p>',
      startsOn: today,
      endsOn: addDays(today, 30),
    });
    expect(created.statusCode, created.body).toBe(201);
    const opened = await office.post(`/api/v1/consultations/${created.json().id}/actions`, { event: 'open', version: created.json().version });
    expect(opened.statusCode, opened.body).toBe(200);
    consultationId = created.json().id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a citizen comment on the draft on a phone without JavaScript', async () => {
    const { context, page } = await noScript();
    await page.goto(app.baseUrl + '/hdjl/yjzj/');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect(page.getByText('二、收费标准').isVisible()).resolves.toBe(true);
    await page.locator('#c-body').fill(OPINION);
    await page.locator('#c-name').fill('钱多多');
    await page.locator('#c-contact').fill('13912345678');
    await page.locator('#c-challenge').fill(answerChallenge((await page.locator('label[for="c-challenge"]').textContent())!));
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.waitForURL(/submitted=1/);
    // Received, not yet public: it waits for moderation.
    await expect(page.locator('main').textContent()).resolves.not.toContain('夜间22时至次日7时免费停车');
    await page.screenshot({ path: '/tmp/gongkai-consultation-submitted.png', fullPage: true });
    await context.close();
  });

  it('lets the office moderate the opinion in the console: published without the writer or the phone number', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openConsultation(page);
    const table = page.getByRole('table', { name: '收到的意见' });
    // Staff see the opinion as written, with its writer.
    await table.getByText('钱多多').waitFor();
    await expect(table.textContent()).resolves.toContain('13912345678');
    await expectNoAxeViolations(page, 'the consultation page');
    await table.getByRole('button', { name: /^公开意见：/ }).click();
    await table.getByText('已公开').waitFor();
    await page.screenshot({ path: '/tmp/gongkai-consultation-console.png', fullPage: true });

    const portal = await fetch(`${app.baseUrl}/hdjl/yjzj/${consultationId}`).then((r) => r.text());
    expect(portal).toContain('建议夜间22时至次日7时免费停车');
    expect(portal).toContain('139****5678');
    expect(portal).not.toContain('13912345678');
    expect(portal).not.toContain('钱多多');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after the period, lets the office end it, answer the opinion and publish the adoption report', async () => {
    // The thirty days pass.
    const today = todayLocal();
    await app.database.pool.query('UPDATE consultations SET starts_on = $2, ends_on = $3 WHERE id = $1', [consultationId, addDays(today, -31), addDays(today, -1)]);
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('意见征集', { exact: true }).click();
    await page.getByRole('table', { name: '意见征集列表' }).getByRole('link', { name: TITLE }).waitFor();
    await expectNoAxeViolations(page, 'the consultations list');
    await openConsultation(page);

    await page.getByRole('button', { name: '结束征集' }).click();
    let dialog = page.getByRole('dialog', { name: '结束征集' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '公布意见采纳情况' }).waitFor();

    // The report is refused while the published opinion is unanswered: the server says so.
    await page.getByRole('button', { name: '公布采纳情况' }).click();
    // (The toast 征集已结束 may still be showing: it is an alert too.)
    await page.getByRole('alert').filter({ hasText: /1 条/ }).waitFor();

    await page.getByRole('table', { name: '收到的意见' }).getByRole('button', { name: /^说明采纳情况：/ }).click();
    dialog = page.getByRole('dialog', { name: '说明采纳情况' });
    await dialog.getByText('采纳', { exact: true }).click();
    await dialog.getByLabel('理由（公开）').fill(REASON);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: '收到的意见' }).getByText(REASON).waitFor();

    await page.getByLabel('采纳情况说明').fill('共收到公开意见1条，采纳1条。');
    await page.getByRole('button', { name: '公布采纳情况' }).click();
    await page.getByRole('heading', { name: '已公布的采纳情况' }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-consultation-reported.png', fullPage: true });
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    await context.close();
  });

  it('lets the citizen read how the opinion was answered, on an accessible page', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/hdjl/yjzj/${consultationId}`);
    await page.getByRole('heading', { name: '意见采纳情况' }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('共收到公开意见1条，采纳1条。');
    expect(main).toContain(`已采纳：${REASON}`);
    expect(main).toContain('139****5678');
    expect(main).not.toContain('钱多多');
    await expectNoAxeViolations(page, 'the portal consultation page');
    await page.screenshot({ path: '/tmp/gongkai-consultation-portal.png', fullPage: true });
    await context.close();
  });
});
