// 政策问答 and 建议提案 from both sides. A citizen asks the portal's 政策问答 a question the bank cannot
// answer (giving a phone number in it) and sends it to the staff; the office answers it in the console into
// the bank, citing the policy it rests on (the number masked in the bank); the portal then answers the same
// question from the bank, linking the policy. The office registers a deputy's suggestion, assigns it to a
// lead unit and a co-unit, replies (A类, 全文公开) and publishes the reply, which the citizen reads on the
// portal; a 不公开 reply is refused publication with the server's reason. The office also drafts and
// publishes an interpretation of a policy found by its title, updates the opinions of a meeting attended by
// public representatives and cancels an open day. axe finds nothing on the console's 政策问答 page (both
// tabs), the proposals list, a proposal page, the interpretations page, the events list and an event page;
// screenshots /tmp/gongkai-policy-*.png, /tmp/gongkai-proposal-*.png, /tmp/gongkai-interpretation.png and
// /tmp/gongkai-event-*.png.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { answerChallenge, choose, describeBrowser, expectNoAxeViolations, launchBrowser, type LiveApp, logIn, newPage, startLiveApp } from './browser.ts';
import { loginAs } from '../helpers/app.ts';

const QUESTION = '我是个体户，电话13812345678，想问夜市摊位费有没有减免？';
const ASK_AGAIN = '夜市摊位费能减免吗';
const ANSWER = '个体餐饮摊点可以参加“示范美食季”消费券核销，夜市摊位费减免请咨询县商务局商贸股。';
const SOURCE = '示范县促进住宿餐饮业恢复发展若干措施';
const SESSION = '县第十八届人民代表大会第三次会议';
const TITLE = '关于在城区增设公共自行车租赁点的建议';
const CONTENT = '城区公共自行车租赁点偏少，建议在县人民医院、汽车站和各中小学附近增设租赁点，方便群众绿色出行。';
const REPLY = '县交通运输局已会同县城市管理局完成选址，2026年内在县人民医院、汽车站等6处增设公共自行车租赁点。';
const HIDDEN = '关于县属国有企业改革方案的建议';

let app: LiveApp;
let browser: Browser;
let hiddenId = '';
let policy = { id: '', title: '' };

async function openMenu(page: Page, label: string, route: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByText(label, { exact: true }).click();
  await page.waitForURL(`**/admin/${route}`);
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

describeBrowser('政策问答 and 建议提案 in the console', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
    // A second suggestion, replied 不公开 through the API: the console must refuse to publish it.
    const office = await loginAs(app.app, 'office');
    const units = (await office.get('/api/v1/units')).json() as { id: string; code: string }[];
    const created = await office.post('/api/v1/proposals', { kind: 'npc_suggestion', session: SESSION, number: '第902号', title: HIDDEN, proposers: ['赵某'], content: '建议加快推进县属国有企业改革，明确各企业的改革时间表。' });
    expect(created.statusCode, created.body).toBe(201);
    const assigned = await office.post(`/api/v1/proposals/${created.json().id}/assign`, { version: created.json().version, unitId: units.find((u) => u.code === 'czj')!.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const replied = await office.post(`/api/v1/proposals/${created.json().id}/reply`, { version: assigned.json().version, reply: '县财政局正在会同有关部门研究制定改革方案，涉及企业商业秘密。', result: 'B', disclosure: 'none', disclosureReason: '涉及企业商业秘密' });
    expect(replied.statusCode, replied.body).toBe(200);
    hiddenId = created.json().id;
    // The policy the demo press conference presented an interpretation of.
    const events = (await office.get('/api/v1/events')).json() as { kind: string; interpretationIds: string[] }[];
    const jd = await office.get(`/api/v1/interpretations/${events.find((e) => e.kind === 'press_conference')!.interpretationIds[0]}`);
    expect(jd.statusCode, jd.body).toBe(200);
    policy = { id: jd.json().recordId, title: jd.json().recordTitle };
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a citizen send the staff a question the bank cannot answer', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/zcwd/`);
    await page.getByLabel('您想了解什么政策问题？').fill(QUESTION);
    await page.getByRole('button', { name: '查找答案' }).click();
    await page.getByRole('heading', { name: '没有找到答案' }).waitFor();
    await expect(page.locator('#f-question').inputValue()).resolves.toBe(QUESTION);
    await page.locator('#f-challenge').fill(answerChallenge((await page.locator('label[for="f-challenge"]').textContent())!));
    await page.getByRole('button', { name: '提交给工作人员' }).click();
    await page.getByRole('heading', { level: 1, name: '问题已提交' }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-policy-asked.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the office answer it in the console into the bank, citing the policy', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openMenu(page, '政策问答', 'policy-qa');
    const queue = page.getByRole('table', { name: '公众提问列表' });
    const row = queue.getByRole('row').filter({ hasText: '夜市摊位费' });
    await row.waitFor();
    // Staff see the question as asked, and how the bank will show it.
    await expect(row.textContent()).resolves.toContain('13812345678');
    await expect(row.textContent()).resolves.toContain('公开时：我是个体户，电话138****5678');
    await page.getByText('有效订阅').waitFor();
    await expectNoAxeViolations(page, 'the 政策问答 queue');
    await page.screenshot({ path: '/tmp/gongkai-policy-queue.png', fullPage: true });

    await row.getByRole('button', { name: /^答复：/ }).click();
    const dialog = page.getByRole('dialog', { name: '答复公众提问' });
    await dialog.waitFor();
    await expect(dialog.getByLabel(/^问题/).inputValue()).resolves.toContain('138****5678');
    // No source yet: refused before anything is sent.
    await dialog.getByLabel('答复内容').fill(ANSWER);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请至少关联一份政策文件作为答复的依据').waitFor();
    await choose(dialog.getByLabel('依据的政策文件'), SOURCE, '住宿餐饮');
    // Close the drop-down without leaving the dialog, then send.
    await dialog.getByLabel('答复内容').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await queue.getByText('没有待答复的提问').waitFor();

    await page.getByRole('tab', { name: '问答库' }).click();
    const bank = page.getByRole('table', { name: '问答库' });
    const entry = bank.getByRole('row').filter({ hasText: ANSWER });
    await entry.getByRole('link', { name: SOURCE }).waitFor();
    await expect(entry.textContent()).resolves.toContain('138****5678');
    await expect(entry.textContent()).resolves.not.toContain('13812345678');
    await expectNoAxeViolations(page, 'the 政策问答 bank');
    await page.screenshot({ path: '/tmp/gongkai-policy-bank.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the portal answer the same question from the bank, linking the policy', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/zcwd/?q=${encodeURIComponent(ASK_AGAIN)}`);
    await page.getByRole('heading', { name: '答复', exact: true }).waitFor();
    const first = page.locator('ol.search-results > li').first();
    await expect(first.textContent()).resolves.toContain('政策问答库');
    await expect(first.textContent()).resolves.toContain('示范美食季');
    await first.getByRole('link', { name: SOURCE }).waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain('13812345678');
    await page.screenshot({ path: '/tmp/gongkai-policy-portal.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the office register, assign, answer and publish a suggestion, and refuses to publish a 不公开 reply', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openMenu(page, '建议提案', 'proposals');
    await page.getByRole('table', { name: '建议提案列表' }).getByRole('link', { name: HIDDEN }).waitFor();
    await expectNoAxeViolations(page, 'the proposals list');

    // 不公开: the server's reason is shown, nothing is published.
    await page.getByRole('table', { name: '建议提案列表' }).getByRole('link', { name: HIDDEN }).click();
    await page.waitForURL(`**/admin/proposals/${hiddenId}`);
    await page.getByRole('heading', { level: 1, name: HIDDEN }).waitFor();
    await page.getByRole('button', { name: '在门户网站公开' }).click();
    // (A success toast of an earlier step may still be showing: it is an alert too.)
    await page.getByRole('alert').filter({ hasText: '不能在网站公开' }).waitFor();
    await page.getByText('涉及企业商业秘密', { exact: true }).waitFor();

    await openMenu(page, '建议提案', 'proposals');
    await page.getByRole('button', { name: '登记建议提案' }).click();
    let dialog = page.getByRole('dialog', { name: '登记建议提案' });
    await dialog.getByLabel('届次会次').fill(SESSION);
    await dialog.getByLabel('编号').fill('第901号');
    await dialog.getByLabel('标题').fill(TITLE);
    await dialog.getByLabel('提出人').fill('钱某、孙某');
    await dialog.getByLabel('内容').fill(CONTENT);
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('钱某、孙某').waitFor();

    // 交办: the lead unit from the tree, a co-unit from the list; the deadline and its explanation appear.
    await page.getByRole('button', { name: '交办', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '交办建议提案' });
    await dialog.getByLabel('主办单位').fill('交通运输');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示范县交通运输局' }).click();
    await expect.poll(() => dialog.locator('.ant-select-content, .ant-select-selection-item').first().textContent()).toContain('示范县交通运输局');
    await choose(dialog.getByLabel('协办单位（可多选，可不选）'), '示范县城市管理局', '城市管理');
    // Close the drop-down without leaving the dialog, then send.
    await dialog.getByText('交办建议提案').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('办理中', { exact: true }).waitFor();
    await page.getByText(/个月内答复/).waitFor();
    await expect(page.locator('.consultation-facts').first().textContent()).resolves.toContain('示范县城市管理局');

    // 答复: A类, 全文公开.
    await page.getByRole('button', { name: '答复', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '答复建议提案' });
    await dialog.getByLabel('答复全文').fill(REPLY);
    await dialog.getByText('A类（已解决或基本解决）').click();
    await expect(dialog.getByRole('radio', { name: '全文公开' }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已答复', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'a proposal page');

    await page.getByRole('button', { name: '在门户网站公开' }).click();
    await page.getByRole('link', { name: '在门户网站查看' }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-proposal-console.png', fullPage: true });
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
    await context.close();
  });

  it('lets the citizen read the published reply on the portal, and not the 不公开 one', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/hdjl/jyta/`);
    await page.getByRole('heading', { level: 1, name: '人大代表建议和政协委员提案办理' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain(HIDDEN);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(REPLY);
    expect(main).toContain('答复全文');
    expect(main).toContain('A类（已解决或基本解决）');
    expect(main).toContain('示范县交通运输局');
    await page.screenshot({ path: '/tmp/gongkai-proposal-portal.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the office draft and publish an interpretation of a policy found by its title', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openMenu(page, '政策解读', 'interpretations');
    // Every interpretation the office may see, with its policy; by state.
    const all = page.getByRole('table', { name: '政策解读列表' });
    await all.getByRole('button', { name: `查看《${policy.title}》的解读` }).first().waitFor();
    await expectNoAxeViolations(page, 'the list of all interpretations');
    await page.getByRole('radiogroup', { name: '状态' }).getByText('已撤回', { exact: true }).click();
    await all.getByText('没有符合条件的解读').waitFor();
    await page.getByRole('radiogroup', { name: '状态' }).getByText('全部', { exact: true }).click();
    await all.getByRole('button', { name: `查看《${policy.title}》的解读` }).first().waitFor();
    await choose(page.getByLabel('政策文件'), policy.title, policy.title.slice(3, 11));
    await page.waitForURL(`**/admin/interpretations?record=${policy.id}`);
    // Leave the picker (its open list is not part of the page axe should judge).
    await page.getByRole('heading', { level: 1, name: '政策解读' }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: '政策解读列表' });
    await table.getByText('已发布', { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, 'the interpretations page');

    await page.getByRole('button', { name: '起草解读' }).click();
    const dialog = page.getByRole('dialog', { name: '起草解读' });
    await dialog.getByLabel('标题').fill('图解：一图读懂政策要点');
    await dialog.getByLabel('解读内容').fill('一、出台背景\n二、主要内容和举措\n三、适用范围和对象');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = table.getByRole('row').filter({ hasText: '图解：一图读懂政策要点' });
    await row.getByText('草稿', { exact: true }).waitFor();
    await row.getByRole('button', { name: '发布解读：图解：一图读懂政策要点' }).click();
    await row.getByText('已发布', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-interpretation.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the office update the opinions of an attended meeting and cancel an open day', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openMenu(page, '活动', 'events');
    const list = page.getByRole('table', { name: '活动列表' });
    await list.getByRole('link', { name: /常务会议/ }).waitFor();
    await expectNoAxeViolations(page, 'the events list');

    await list.getByRole('link', { name: /常务会议/ }).click();
    await page.getByRole('heading', { name: '公众代表意见及采纳情况' }).waitFor();
    await expect(page.getByLabel('提出意见的代表').first().inputValue()).resolves.toBe('市民代表 王某');
    await expectNoAxeViolations(page, 'an event page');
    await page.getByRole('button', { name: '添加一条意见' }).click();
    await page.getByRole('button', { name: '更新公开的意见' }).click();
    await page.getByText('请填写提出意见的代表').waitFor();
    await page.getByLabel('提出意见的代表').nth(2).fill('市民代表 周某');
    await page.getByLabel('意见', { exact: true }).nth(2).fill('建议在小区张贴分类指引。');
    await page.getByText('采纳', { exact: true }).nth(2).click();
    await page.getByLabel('采纳情况或不予采纳的理由').nth(2).fill('已请各街道张贴分类指引。');
    await page.getByRole('button', { name: '更新公开的意见' }).click();
    await page.getByText('公众代表意见及采纳情况已公开').waitFor();
    await page.screenshot({ path: '/tmp/gongkai-event-meeting.png', fullPage: true });

    await openMenu(page, '活动', 'events');
    await list.getByRole('link', { name: /政府开放日/ }).click();
    await page.getByRole('table', { name: '公众报名' }).waitFor();
    await page.getByRole('button', { name: '取消活动' }).click();
    const dialog = page.getByRole('dialog', { name: '取消活动' });
    await dialog.getByLabel('取消的原因（公开）').fill('因施工安全原因，开放日改期举行。');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.consultation-facts').getByText('因施工安全原因，开放日改期举行。').waitFor();
    await page.getByText('已取消', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/gongkai-event-cancelled.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the office draft an open day with registration, refusing a closing time after the event', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await openMenu(page, '活动', 'events');
    await page.getByRole('table', { name: '活动列表' }).getByRole('link').first().waitFor();
    await page.getByRole('button', { name: '起草活动' }).click();
    const dialog = page.getByRole('dialog', { name: '起草活动' });
    await dialog.getByText('政府开放日', { exact: true }).click();
    await dialog.getByLabel('主办单位').click();
    await page.keyboard.type('发展和改革');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示范县发展和改革局' }).click();
    await dialog.getByLabel('活动名称').fill('示范县发改局“走进价格监测”政府开放日');
    await dialog.getByLabel('活动时间（北京时间）').fill('2027-03-20 09:30');
    await dialog.getByLabel('活动时间（北京时间）').press('Enter');
    await dialog.getByLabel('地点').fill('县发改局一楼价格监测中心');
    await dialog.getByLabel('名额').fill('20');
    await dialog.getByLabel('报名截止时间（北京时间）').fill('2027-03-21 17:00');
    await dialog.getByLabel('报名截止时间（北京时间）').press('Enter');
    await expectNoAxeViolations(page, 'the event draft dialog');
    await dialog.getByRole('button', { name: /起\s*草/ }).click();
    await dialog.getByText('报名截止时间须早于活动时间').waitFor();
    await dialog.getByLabel('报名截止时间（北京时间）').fill('2027-03-18 17:00');
    await dialog.getByLabel('报名截止时间（北京时间）').press('Enter');
    await dialog.getByRole('button', { name: /起\s*草/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: /走进价格监测/ }).waitFor();
    const office = await loginAs(app.app, 'office');
    const created = ((await office.get('/api/v1/events')).json() as { title: string; kind: string; capacity: number; startsAt: string; registrationClosesAt: string; state: string }[]).find((e) => e.title.includes('走进价格监测'))!;
    expect(created).toMatchObject({ kind: 'open_day', capacity: 20, state: 'draft' });
    // Beijing time as typed, whatever the browser's zone.
    expect(new Date(created.startsAt).toISOString()).toBe('2027-03-20T01:30:00.000Z');
    expect(new Date(created.registrationClosesAt).toISOString()).toBe('2027-03-18T09:00:00.000Z');
    expect(problems).toEqual([]);
    await context.close();
  });
});
