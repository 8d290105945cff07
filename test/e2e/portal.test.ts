// The portal home page as a citizen sees it: the government's name, navigation to 政府信息公开, readable
// Chinese, keyboard use, no accessibility violations, and it works with JavaScript turned off.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp } from './browser.ts';

let app: LiveApp;
let browser: Browser;

describeBrowser('portal home page', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the government, links 政府信息公开, passes axe, and needs no JavaScript', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await expect(page.title()).resolves.toContain('示范县人民政府');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '政府信息公开' }).click();
    await page.waitForURL('**/zfxxgk/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('政府信息公开');
    await context.close();
  });

  it('has no axe violations on the home page and the column page, on a phone and a desktop', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 800 }]) {
      const { context, page, problems } = await newPage(browser, { viewport });
      for (const url of ['/', '/zfxxgk/']) {
        await page.goto(app.baseUrl + url);
        await expectNoAxeViolations(page, `${url} at ${viewport.width}px`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('starts with a skip link that moves focus to the main content', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(app.baseUrl + '/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    await page.screenshot({ path: '/tmp/gongkai-portal-home.png', fullPage: true });
    await context.close();
  });
});
