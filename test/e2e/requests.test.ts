// 依申请公开 from both sides, as 示范县 works it: a citizen files a request on the portal with JavaScript
// off (answering the arithmetic challenge in Chinese numerals) and notes the number and query code; the
// handler (承办人) finds it in the console's list, confirms receipt, extends it (approver and reason; a
// second extension is refused with the server's own words), answers it (予以公开, with a published record)
// and generates the reply letter; the citizen looks the request up with number and code and downloads the
// letter. The handler also registers a letter that came by post: the server's ID-number error appears on
// its field, the query code is shown once. The inspector sees the applicant masked. axe finds nothing on
// the list, the detail page and the statistics page; screenshots /tmp/gongkai-admin-requests-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn, answerChallenge } from './browser.ts';
import { makePdf } from '../../src/core/files/fixtures.testing.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';

const ID_NUMBER = '11010519491231002X';
const NAME = '孙小美';
const DESCRIPTION = '请公开示范县2026年政务公开工作要点的全文';
/** A record the demo county has published: what the reply provides. */
const RECORD_TITLE = '示范县2026年政务公开工作要点';

let app: LiveApp;
let browser: Browser;
/** What the citizen noted from the acknowledgement page. */
let filed: { number: string; code: string } | null = null;
let requestUrl = '';
/** The request registered from a letter (still open): where 协查 is asked. */
let postedUrl = '';
let postedNumber = '';

async function noScript(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Takes a step on the request page: its button, then the dialog's fields, then its OK button. */
async function openStep(page: Page, label: string) {
  await page.getByRole('group', { name: '办理操作' }).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${label}：`) });
  await dialog.waitFor();
  return dialog;
}

async function finishStep(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, nextState: string) {
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.record-subtitle .ant-tag', { hasText: nextState }).waitFor();
}

/** The channel buttons are radios drawn as buttons: a person clicks the button. */
async function channel(page: Page, label: string) {
  await page.locator('label.ant-radio-button-wrapper', { hasText: label }).click();
  await expect(page.getByRole('radio', { name: label }).isChecked()).resolves.toBe(true);
}

describeBrowser('admin console: 依申请公开', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a citizen file a request on the portal without JavaScript and shows the number and query code', async () => {
    const { context, page } = await noScript();
    await page.goto(app.baseUrl + '/zfxxgk/ysqgk/apply');
    await expect(page.locator('#f-unitId option:checked').textContent()).resolves.toBe('示范县人民政府');
    await page.locator('#f-name').fill(NAME);
    await page.locator('#f-idNumber').fill(ID_NUMBER);
    await page.locator('#f-phone').fill('13900139000');
    await page.locator('#f-description').fill(DESCRIPTION);
    const question = (await page.locator('label[for="f-challenge"]').textContent())!;
    await page.locator('#f-challenge').fill(answerChallenge(question));
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const codes = await page.locator('.confirmation strong.code').allTextContents();
    expect(codes[0]).toMatch(/^YSQ-\d{4}-\d{5}$/);
    expect(codes[1]).toMatch(/^[A-Z2-9]{8}$/);
    filed = { number: codes[0]!, code: codes[1]! };
    await context.close();
  });

  it('lets the handler find it, confirm receipt, extend it once and answer it with a published record', async () => {
    expect(filed).not.toBeNull();
    const { number } = filed!;
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'handler');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('依申请公开', { exact: true }).click();
    await page.waitForURL('**/admin/requests');
    const table = page.getByRole('table', { name: '申请列表' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expectNoAxeViolations(page, 'the requests list');
    await page.screenshot({ path: '/tmp/gongkai-admin-requests-list.png', fullPage: true });

    // Found by its number in the search box. Filed on the portal, it waits for the office to confirm
    // receipt: no deadline runs yet.
    await page.getByRole('searchbox', { name: '关键词' }).fill(number);
    await page.getByRole('searchbox', { name: '关键词' }).press('Enter');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = table.locator('tbody tr.ant-table-row');
    await expect(row.textContent()).resolves.toContain('待登记');
    await expect(row.textContent()).resolves.toContain('登记后起算');
    await table.getByRole('link', { name: number }).click();
    await page.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}$/);
    requestUrl = page.url();
    await page.getByRole('heading', { level: 1, name: `申请 ${number}` }).waitFor();
    // The handler sees the applicant in full.
    await page.getByText(ID_NUMBER).waitFor();

    // 确认收到: the confirmation date is the receipt date (Art. 31), and the clock starts.
    const register = await openStep(page, '确认收到');
    await expect(register.textContent()).resolves.toContain('第三十一条');
    await finishStep(page, register, '确认收到', '办理中');
    const clock = page.locator('.clock-card');
    await expect(clock.textContent()).resolves.toMatch(/还剩 \d+ 个工作日|今天到期/);
    await expect(clock.textContent()).resolves.toContain('第三十三条');
    const dueBefore = (await clock.locator('.clock-due').textContent())!;

    // 延期答复: approver and reason; the new deadline is later.
    const extend = await openStep(page, '延期答复');
    await expect(extend.getByLabel(/延长的工作日数/).inputValue()).resolves.toBe('20');
    await extend.getByLabel('批准人（政府信息公开工作机构负责人）').fill('李秀梅');
    await extend.getByLabel('延期理由（将告知申请人）').fill('所需信息涉及多个单位，需要协调汇总');
    await finishStep(page, extend, '延期答复', '办理中');
    await expect.poll(() => clock.locator('.clock-due').textContent()).not.toBe(dueBefore);
    await expect(clock.textContent()).resolves.toContain('经 李秀梅 批准延长 20 个工作日');
    await page.getByRole('list', { name: '办理记录' }).getByText('延期答复', { exact: true }).waitFor();

    // A second extension is refused, in the server's words, inside the dialog.
    const again = await openStep(page, '延期答复');
    await again.getByLabel('批准人（政府信息公开工作机构负责人）').fill('李秀梅');
    await again.getByLabel('延期理由（将告知申请人）').fill('再次延期');
    await again.getByRole('button', { name: '延期答复', exact: true }).click();
    await expect(again.getByRole('alert').textContent()).resolves.toContain('只允许延长一次');
    await again.getByRole('button', { name: '取消' }).click();
    await again.waitFor({ state: 'hidden' });

    // 作出答复: 予以公开, with the published record found by its title.
    const reply = await openStep(page, '作出答复');
    await reply.getByLabel('答复类型').click();
    await page.locator('.ant-select-item-option', { hasText: '（一）予以公开' }).click();
    await reply.getByText('法律依据：《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项').waitFor();
    const records = reply.getByLabel('提供的政府信息（已公开的）');
    await records.click();
    await records.fill('政务公开工作要点');
    await page.locator('.ant-select-item-option', { hasText: RECORD_TITLE }).first().click();
    await page.keyboard.press('Escape');
    await finishStep(page, reply, '作出答复', '已答复');
    await page.locator('.record-card', { hasText: '答复类型' }).getByRole('link', { name: new RegExp(RECORD_TITLE) }).waitFor();

    // The reply letter: generated from the templates when the server offers it, else uploaded as a PDF.
    const docs = page.getByRole('list', { name: '材料和告知书' });
    if (app.app.hasRoute({ method: 'POST', url: '/api/v1/requests/:id/letters' })) {
      await expect(page.getByRole('combobox', { name: '告知书类型' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).resolves.toContain('答复告知书：予以公开');
      await page.getByRole('button', { name: '生成告知书' }).click();
      await docs.getByRole('link', { name: /\.pdf\s*（下载）$/ }).waitFor();
      await docs.getByRole('link', { name: /\.docx\s*（下载）$/ }).waitFor();
    } else {
      console.warn('[e2e] POST /api/v1/requests/:id/letters is not there yet: the reply letter is uploaded instead of generated');
      await page.getByRole('combobox', { name: '材料类别' }).click();
      await page.locator('.ant-select-item-option', { hasText: '答复告知书' }).click();
      await expect(page.getByRole('switch', { name: '申请人可下载' }).getAttribute('aria-checked')).resolves.toBe('true');
      await page.locator('.attachments-card input[type="file"]').setInputFiles({ name: '答复告知书.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf(['Reply letter'])) });
      await docs.getByRole('link', { name: /^答复告知书\.pdf\s*（下载）$/ }).waitFor();
    }
    await expect(docs.textContent()).resolves.toContain('申请人可下载');
    await expectNoAxeViolations(page, 'the request page');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/gongkai-admin-requests-detail.png', fullPage: true });
    // The refused second extension is the only error a browser may report (its 409).
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    await context.close();
  });

  it('lets the citizen look the request up with number and code and download the reply letter', async () => {
    expect(filed).not.toBeNull();
    const { context, page } = await noScript();
    await page.goto(app.baseUrl + '/zfxxgk/ysqgk/query');
    await page.getByLabel('申请编号').fill(filed!.number);
    await page.getByLabel('查询码').fill(filed!.code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { level: 1, name: `申请 ${filed!.number}` }).waitFor();
    await expect(page.locator('.meta-table').textContent()).resolves.toContain('予以公开');
    const links = page.locator('section[aria-labelledby="docs-heading"] a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).getAttribute('href')!, text: a.textContent ?? '' })));
    expect(hrefs.some((l) => l.text.includes(RECORD_TITLE))).toBe(true);
    const pdf = hrefs.find((l) => l.text.endsWith('.pdf'));
    expect(pdf, JSON.stringify(hrefs)).toBeDefined();
    const res = await context.request.get(app.baseUrl + pdf!.href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = hrefs.find((l) => l.text.endsWith('.docx'));
    if (docx) {
      const d = await context.request.get(app.baseUrl + docx.href);
      expect(d.headers()['content-type']).toContain('officedocument.wordprocessingml');
      expect((await d.body()).subarray(0, 2).toString()).toBe('PK');
    }
    await context.close();
  });

  it('registers a letter that came by post: the ID-number error on its field, the query code once', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'handler');
    await page.goto(app.baseUrl + '/admin/requests');
    await page.getByRole('link', { name: '登记申请' }).click();
    await page.waitForURL('**/admin/requests/new');
    await channel(page, '邮寄（签收）');
    await expect(page.getByText('以签收之日为收到申请之日').isVisible()).resolves.toBe(true);
    // An ordinary letter needs the confirmation date (Art. 31(二)); a signed-for one does not.
    await channel(page, '平常信函（无需签收）');
    await page.getByLabel('与申请人确认收到的日期').waitFor();
    await channel(page, '邮寄（签收）');
    await expect(page.getByLabel('与申请人确认收到的日期').count()).resolves.toBe(0);
    // The county government is the handler's one unit: chosen already.
    await page.locator('.ant-select', { hasText: '示范县人民政府' }).first().waitFor();
    await page.getByLabel('姓名').fill('周大伟');
    await page.getByLabel('证件号码').fill('110105194912310021');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('所需信息的内容描述').fill('请公开示范县2026年老旧小区改造项目清单');
    await page.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => page.locator('#request-register_applicant_idNumber_help').textContent()).toMatch(/居民身份证号码不正确/);
    await page.getByLabel('证件号码').fill(ID_NUMBER);
    await page.getByRole('button', { name: '登记' }).click();
    const done = page.getByRole('dialog', { name: '申请已登记' });
    await done.waitFor();
    const code = (await done.locator('.code-big').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await expect(done.textContent()).resolves.toContain('只显示这一次');
    await done.getByRole('button', { name: '我已告知申请人，查看申请' }).click();
    await page.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}$/);
    await page.locator('.record-subtitle .ant-tag', { hasText: '办理中' }).waitFor();
    postedUrl = page.url();
    postedNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('申请 ', '').trim();
    await expect(page.locator('.clock-card').textContent()).resolves.toContain('邮寄提交，以签收之日');
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await context.close();
  });

  it('shows the inspector the applicant masked and no steps, and the statistics of the year', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'inspector');
    await page.goto(requestUrl);
    await page.getByText('申请人信息已隐去').waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain(ID_NUMBER);
    await expect(page.getByRole('group', { name: '办理操作' }).count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: '主菜单' }).getByText('依申请公开统计', { exact: true }).click();
    await page.waitForURL('**/admin/requests/statistics');
    const year = todayLocal().slice(0, 4);
    await page.getByRole('combobox', { name: '年度' }).click();
    await page.locator('.ant-select-item-option', { hasText: `${year}年` }).click();
    const table = page.locator('table.stats-table').first();
    await table.getByText('一、本年新收政府信息公开申请数量').waitFor();
    // The table shows what the server counted, row by row, in the columns of the annual report.
    const stats = (await (await context.request.get(`${app.baseUrl}/api/v1/requests/statistics?year=${year}`)).json()) as Record<string, Record<string, number>> & { results: Record<string, Record<string, number>> };
    const cols = ['natural_person', 'enterprise', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
    const row = (label: string) => table.locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td.num');
    const expected = (c: Record<string, number>) => cols.map((k) => String(c[k]));
    await expect.poll(() => row('一、本年新收政府信息公开申请数量').allTextContents()).toEqual(expected(stats.newThisYear!));
    await expect(row('二、上年结转政府信息公开申请数量').allTextContents()).resolves.toEqual(expected(stats.carriedOver!));
    await expect(row('（一）予以公开').allTextContents()).resolves.toEqual(expected(stats.results.disclosed!));
    await expect(row('1.属于国家秘密').allTextContents()).resolves.toEqual(expected(stats.results['withheld.state_secret']!));
    await expect(row('（七）总计').allTextContents()).resolves.toEqual(expected(stats.resultsTotal!));
    await expect(row('四、结转下年度继续办理').allTextContents()).resolves.toEqual(expected(stats.carriedForward!));
    // This year's requests include the two of this test, one answered 予以公开.
    expect(stats.newThisYear!.natural_person).toBeGreaterThanOrEqual(2);
    expect(stats.results.disclosed!.natural_person).toBeGreaterThanOrEqual(1);
    await page.getByText('各列均相符').waitFor();
    await expectNoAxeViolations(page, 'the statistics page');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/gongkai-admin-requests-statistics.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the handler ask 县发改局 for 协查, which its editor answers on the 协查 page', async () => {
    expect(postedUrl).not.toBe('');
    {
      const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
      await logIn(page, app.baseUrl, 'handler');
      await page.goto(postedUrl);
      await page.getByRole('button', { name: '请求协查' }).click();
      const dialog = page.getByRole('dialog', { name: /^请求协查：/ });
      await dialog.waitFor();
      await dialog.getByLabel('协查单位').fill('发展和改革');
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示范县发展和改革局' }).click();
      await expect.poll(() => dialog.locator('.ant-select-content, .ant-select-selection-item').first().textContent()).toContain('示范县发展和改革局');
      await dialog.getByLabel('协查内容').fill('请核实2026年老旧小区改造项目清单是否由贵局汇总保存');
      await dialog.getByRole('button', { name: '发出协查' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const assists = page.getByRole('list', { name: '协查' });
      await assists.getByText('示范县发展和改革局').waitFor();
      await expect(assists.textContent()).resolves.toContain('尚未答复');
      expect(problems).toEqual([]);
      await context.close();
    }
    {
      const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
      await logIn(page, app.baseUrl, 'editor');
      await page.getByRole('navigation', { name: '主菜单' }).getByText('依申请公开协查', { exact: true }).click();
      await page.waitForURL('**/admin/request-assists');
      const table = page.getByRole('table', { name: '协查列表' });
      await table.getByText(postedNumber).waitFor();
      // The assisting unit sees the question, never the applicant.
      await expect(table.textContent()).resolves.not.toContain('周大伟');
      await expectNoAxeViolations(page, 'the 协查 page');
      await page.getByRole('button', { name: `答复申请 ${postedNumber} 的协查` }).click();
      const dialog = page.getByRole('dialog', { name: `答复协查：${postedNumber}` });
      await dialog.getByLabel('协查结果').fill('经查，该清单由县住房和城乡建设局汇总，本局未保存。');
      await dialog.getByRole('button', { name: '提交答复' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('label.ant-radio-button-wrapper', { hasText: '全部' }).click();
      await table.getByText('已答复').first().waitFor();
      expect(problems).toEqual([]);
      await context.close();
    }
    {
      const { context, page } = await newPage(browser);
      await logIn(page, app.baseUrl, 'handler');
      await page.goto(postedUrl);
      await page.getByRole('list', { name: '协查' }).getByText('本局未保存').waitFor();
      await page.getByRole('list', { name: '办理记录' }).getByText('协查回复').waitFor();
      await context.close();
    }
  });

  it("lets the office reword a letter's template and return to the built-in one", async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('告知书模板', { exact: true }).click();
    await page.waitForURL('**/admin/requests/templates');
    const nav = page.getByRole('navigation', { name: '告知书类型' });
    await nav.getByRole('button', { name: '补正告知书' }).click();
    const editor = page.locator('.record-card', { has: page.getByRole('heading', { name: '补正告知书', exact: true }) });
    const title = editor.getByLabel('标题');
    const builtIn = await title.inputValue();
    await title.fill('补正申请内容告知书');
    // A placeholder goes where the cursor is.
    await editor.getByLabel('正文').press('Control+End');
    await editor.getByRole('button', { name: '插入占位符 联系方式' }).click();
    await expect(editor.getByLabel('正文').inputValue()).resolves.toMatch(/\{\{联系方式\}\}$/);
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    await nav.getByRole('button', { name: /补正告知书\s*本站修改/ }).waitFor();
    await editor.getByRole('button', { name: '恢复内置模板' }).click();
    const confirm = page.getByRole('dialog', { name: '恢复「补正告知书」的内置模板？' });
    await confirm.getByRole('button', { name: '恢复内置模板' }).click();
    await expect.poll(() => title.inputValue()).toBe(builtIn);
    await expect(nav.getByRole('button', { name: /补正告知书\s*本站修改/ }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
