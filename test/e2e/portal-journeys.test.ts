// What a citizen does on the portal, with JavaScript turned off (every page must work without it):
// search from the home page and open a result, follow the catalogue down to a record, switch the
// accessibility toolbar to large text and high contrast. Then an axe audit of every page type, in the
// normal and the high-contrast look, and screenshots at 375 px and 1280 px wide (looked at by a person:
// /tmp/gongkai-portal-*.png).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp } from './browser.ts';

let app: LiveApp;
let browser: Browser;

async function noScript(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

describeBrowser('portal journeys', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('searches from the home page and opens a result, without JavaScript, on a phone and a desktop', async () => {
    for (const width of [375, 1280]) {
      const { context, page } = await noScript(width);
      await page.goto(app.baseUrl + '/');
      await page.screenshot({ path: `/tmp/gongkai-portal-home-${width}.png`, fullPage: true });
      const box = page.getByRole('search', { name: '站内搜索' });
      await box.getByLabel('搜索本站信息').fill('政务公开工作要点');
      await box.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL('**/search?q=*');
      expect(await page.getByRole('status').textContent()).toMatch(/找到 \d+ 条与“政务公开工作要点”相关的信息/);
      const first = page.locator('.search-result-title a').first();
      await expect(first.textContent()).resolves.toContain('政务公开工作要点');
      // The searched words are marked in the title.
      expect(await first.locator('mark').count()).toBeGreaterThan(0);
      await page.screenshot({ path: `/tmp/gongkai-portal-search-${width}.png`, fullPage: true });
      await first.click();
      await page.waitForURL('**/zfxxgk/info/*');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('政务公开工作要点');
      await expect(page.locator('.meta-table').textContent()).resolves.toContain('示政发〔2026〕3号');
      await page.screenshot({ path: `/tmp/gongkai-portal-record-${width}.png`, fullPage: true });
      await context.close();
    }
  });

  it('finds a document by its 文号 in another bracket style, and says so when nothing is found', async () => {
    const { context, page } = await noScript(1280);
    await page.goto(app.baseUrl + '/search?q=' + encodeURIComponent('示政发[2026]3号'));
    const first = page.locator('.search-results li').first();
    await expect(first.textContent()).resolves.toContain('文号相符');
    await page.goto(app.baseUrl + '/search?q=' + encodeURIComponent('<script>alert(1)</script> 不存在的词语甲乙丙'));
    await expect(page.getByRole('heading', { name: '没有找到相关信息' }).isVisible()).resolves.toBe(true);
    // The query is shown as text, never as markup.
    expect(await page.locator('script').count()).toBe(0);
    await expect(page.locator('.search-empty strong').textContent()).resolves.toContain('<script>');
    await context.close();
  });

  it('follows the catalogue from the 政府信息公开 column down to a record', async () => {
    const { context, page } = await noScript(375);
    await page.goto(app.baseUrl + '/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '政府信息公开' }).click();
    await page.getByRole('main').getByRole('link', { name: '法定主动公开内容' }).click();
    await page.waitForURL('**/zfxxgk/catalogue/');
    // Down the tree to the first node that holds records.
    const nodes = await page.locator('main a[href^="/zfxxgk/catalogue/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(nodes.length).toBeGreaterThan(5);
    let opened = false;
    for (const href of nodes) {
      await page.goto(app.baseUrl + href);
      const records = page.locator('main a[href^="/zfxxgk/info/"]');
      if ((await records.count()) === 0) continue;
      const title = (await records.first().textContent())!.trim();
      await records.first().click();
      await page.waitForURL('**/zfxxgk/info/*');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
      opened = true;
      break;
    }
    expect(opened).toBe(true);
    await context.close();
  });

  it('switches to large text and high contrast without JavaScript, keeps the choice, and resets it', async () => {
    const { context, page } = await noScript(375);
    await page.goto(app.baseUrl + '/zfxxgk/');
    const bar = page.getByRole('navigation', { name: '无障碍工具' });
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await rootSize();
    await bar.getByRole('link', { name: /大字号/ }).click();
    await page.waitForURL('**/zfxxgk/');
    expect(await rootSize()).toBeGreaterThan(before * 1.2);
    await bar.getByRole('link', { name: /高对比度/ }).click();
    await page.waitForURL('**/zfxxgk/');
    await expect(bar.getByRole('link', { name: /高对比度/ }).textContent()).resolves.toContain('已开启');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: '/tmp/gongkai-portal-contrast-375.png', fullPage: true });
    // The choice is kept in a cookie: another page shows it too.
    await page.goto(app.baseUrl + '/');
    expect(await page.getAttribute('html', 'class')).toMatch(/a11y-large.*a11y-contrast|a11y-contrast.*a11y-large/);
    await page.getByRole('navigation', { name: '无障碍工具' }).getByRole('link', { name: '恢复默认' }).click();
    await page.waitForURL(app.baseUrl + '/');
    expect(await page.getAttribute('html', 'class')).toBeNull();
    expect(await rootSize()).toBe(before);
    await context.close();
  });

  it.each(['', 'contrast', 'large,spacing,guide'])('has no axe violations on any page type (look: %s)', async (look) => {
    const { rows } = await app.database.pool.query<{ id: string; code: string }>(
      `SELECT r.id, u.code FROM records r JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
        WHERE r.state = 'published' AND EXISTS (SELECT 1 FROM record_attachments a WHERE a.record_id = r.id) LIMIT 1`,
    );
    const record = rows[0]!;
    const node = (await app.database.pool.query<{ code: string }>('SELECT n.code FROM catalogue_nodes n JOIN records r ON r.catalogue_node_id = n.id AND r.state = \'published\' LIMIT 1')).rows[0]!;
    const withdrawn = (await app.database.pool.query<{ id: string }>("SELECT id FROM records WHERE state = 'withdrawn' LIMIT 1")).rows[0];
    const issue = (await app.database.pool.query<{ year: number; number: number }>("SELECT year, number FROM gazette_issues WHERE published_on IS NOT NULL LIMIT 1")).rows[0];
    const pages = [
      '/',
      '/zfxxgk/',
      '/zfxxgk/guide/',
      '/zfxxgk/rules/',
      '/zfxxgk/reports/',
      '/zfxxgk/catalogue/',
      `/zfxxgk/catalogue/${node.code}/`,
      `/zfxxgk/info/${record.id}`,
      `/zfxxgk/info/${record.id}?print=1`,
      ...(withdrawn ? [`/zfxxgk/info/${withdrawn.id}`] : []),
      '/zfxxgk/gfxwj/',
      '/zfxxgk/units/',
      `/zfxxgk/units/${record.code}/`,
      '/zfxxgk/topics/',
      '/zfxxgk/genres/',
      '/zfxxgk/genres/notice/',
      '/zfxxgk/years/',
      '/zfxxgk/gazette/',
      ...(issue ? [`/zfxxgk/gazette/${issue.year}/${issue.number}/`] : []),
      '/zfxxgk/ysqgk/',
      '/zfxxgk/ysqgk/apply?type=person',
      '/zfxxgk/ysqgk/apply?type=org',
      '/zfxxgk/ysqgk/query',
      '/search',
      '/search?q=' + encodeURIComponent('通知'),
      '/search?q=' + encodeURIComponent('没有这样的词语甲乙丙'),
      '/no-such-page',
    ];
    {
      const { context, page, problems } = await newPage(browser, { viewport: look ? { width: 375, height: 800 } : { width: 1280, height: 800 } });
      if (look) await context.addCookies([{ name: 'gk_a11y', value: look, url: app.baseUrl }]);
      for (const url of pages) {
        const res = await page.goto(app.baseUrl + url);
        const missing = url === '/no-such-page';
        expect(res!.status(), url).toBe(missing ? 404 : 200);
        if (look) expect(await page.getAttribute('html', 'class'), url).toContain(look.split(',').map((p) => `a11y-${p}`).join(' '));
        await expectNoAxeViolations(page, `${url}${look ? ` (${look})` : ''}`);
        // Nothing else on any page fails to load (the browser reports the 404 page's own status).
        expect(problems.filter((p) => !(missing && p.includes('404'))), url).toEqual([]);
        problems.length = 0;
      }
      await context.close();
    }
  }, 150_000);
});
