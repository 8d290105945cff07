// Browser tests: Playwright driving Debian's chromium (never a downloaded browser), against an app
// listening on a free port over a fresh fixture database.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ADMIN_DIST } from '../../src/server.ts';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests run wherever chromium is installed; CI (GONGKAI_REQUIRE_BROWSER=1) installs it and must
 * run them, so there a missing browser is a failure, not a skip.
 */
export function describeBrowser(name: string, fn: () => void) {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.GONGKAI_REQUIRE_BROWSER) {
    describe(name, () => {
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
    });
    return;
  }
  if (!available) console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium fonts-noto-cjk)`);
  describe.skipIf(!available)(name, fn);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface LiveApp extends TestApp {
  baseUrl: string;
}

export async function startLiveApp(): Promise<LiveApp> {
  if (!existsSync(`${ADMIN_DIST}/index.html`)) throw new Error('the admin console is not built: run `npm test` (it builds it) or `npm run build:admin`');
  const t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, baseUrl: `http://localhost:${port}` };
}

/** A page from a fresh context (axe needs one), collecting console errors and CSP violations. */
export async function newPage(browser: Browser, opts: { viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: opts.viewport ?? { width: 1366, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return { context, page, problems };
}

export async function expectNoAxeViolations(page: Page, what: string) {
  // Audit the page as it settles, not halfway through a colour transition (a radio button just clicked
  // fades to its colours over 0.2 s, and axe would measure the contrast of a frame in between). Endless
  // animations (spinners) are not waited for.
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** Signs in to the console as a demo user (every demo user has the same password). */
export async function logIn(page: Page, baseUrl: string, username: string) {
  await page.goto(baseUrl + '/admin/');
  // The first visit may be slow on a busy machine: wait for the form itself, then fill it.
  await page.getByLabel('用户名').waitFor({ timeout: 60_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

const DIGITS = '零一二三四五六七八九十';

/** Reads the portal forms' challenge 「请回答：七加五等于几？」 and answers it as a person would. */
export function answerChallenge(label: string): string {
  const q = /请回答：(.)加(.)等于几？/.exec(label);
  if (!q) throw new Error(`no challenge in ${label}`);
  return String(DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!));
}

/**
 * Picks an option of an Ant Design select from the keyboard, as a keyboard user would: a click may land where
 * a drop-down is still being placed on a busy machine.
 */
export async function choose(select: Locator, option: string, search?: string) {
  await select.click();
  if (search !== undefined) await select.fill(search);
  const list = select.page().locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list.locator('.ant-select-item-option', { hasText: option }).first().waitFor();
  const active = list.locator('.ant-select-item-option-active').first();
  await active.waitFor();
  for (let moves = 0; !(await active.textContent())?.includes(option); moves++) {
    if (moves === 30) throw new Error(`no option ${option} in reach of the arrow keys`);
    const before = await active.textContent();
    await select.press('ArrowDown');
    await expect.poll(() => active.textContent()).not.toBe(before);
  }
  await select.press('Enter');
}
