// 标准目录, 公开义务 and attachments in the admin console, as the people of 示范县 use them: the office opens
// the 安全生产 domain of the standard catalogue, sees its quarterly item with the rule the platform read from
// it, exports the table and checks it for import into a new domain (no errors), imports it, and opens the
// obligations per unit. The editor attaches a photo to a draft, and an executable named like a PDF is
// refused with the server's Chinese message. axe finds nothing on the domain page or the obligations page.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, startLiveApp, type LiveApp, logIn } from './browser.ts';
import { loginAs } from '../helpers/app.ts';

let app: LiveApp;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'gk-catalogue-'));
let exported = '';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A Windows executable's header, padded, under a PDF's name. */
const FAKE_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2046, 0x90)]);

/** Console errors other than the refused requests a test provokes on purpose. */
const unexpected = (problems: string[], ...statuses: number[]) => problems.filter((p) => !statuses.some((s) => p.includes(`status of ${s}`)));

describeBrowser('admin console: 标准目录、公开义务、附件', () => {
  beforeAll(async () => {
    app = await startLiveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a domain of the standard catalogue with every column and the parsed time limit, and exports it', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1920, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('标准目录', { exact: true }).click();
    await page.waitForURL('**/admin/catalogue');
    const domains = page.getByRole('table', { name: '标准目录领域' });
    await domains.getByRole('link', { name: '安全生产', exact: true }).click();
    await page.waitForURL(/\/admin\/catalogue\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '安全生产领域标准目录' }).waitFor();

    const table = page.getByRole('table', { name: '安全生产领域标准目录事项' });
    const row = table.getByRole('row').filter({ hasText: '安全生产执法检查情况' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('每季度');
    // The rule the platform read from the time limit, and the unit it matched in 公开主体.
    await expect(row.locator('.rule-description').textContent()).resolves.toMatch(/季度/);
    expect(text).toContain('示范县应急管理局');
    for (const header of ['序号', '一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '全社会', '特定群众', '主动', '依申请公开', '县级', '乡级']) {
      await table.getByRole('columnheader', { name: header, exact: true }).first().waitFor();
    }
    await expectNoAxeViolations(page, 'the catalogue domain page');
    await page.screenshot({ path: '/tmp/admin-catalogue.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 XLSX/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/安全生产.*\.xlsx$/);
    exported = join(dir, download.suggestedFilename());
    await download.saveAs(exported);
    expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('checks the exported table for import into a new domain, finds no errors, and imports it', async () => {
    expect(exported).not.toBe('');
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/catalogue`);
    await page.getByRole('table', { name: '标准目录领域' }).getByRole('link', { name: '安全生产', exact: true }).waitFor();
    await page.getByRole('button', { name: '新增领域' }).click();
    const form = page.getByRole('dialog', { name: '新增领域' });
    await form.getByLabel('领域名称').fill('安全生产（副本）');
    await form.getByLabel('编码').fill('safety-copy');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('heading', { name: '安全生产（副本）领域标准目录' }).waitFor();
    await page.getByText('该领域还没有事项').waitFor();

    await page.getByRole('button', { name: '导入 XLSX' }).click();
    const dialog = page.getByRole('dialog', { name: /^导入 XLSX/ });
    await dialog.locator('input[type=file]').setInputFiles(exported);
    await dialog.getByText(/检查结果：可导入 \d+ 项，错误 0 处/).waitFor();
    // The dry run changed nothing.
    await expect(page.getByText('该领域还没有事项').count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    const confirm = page.getByRole('dialog', { name: /^导入 \d+ 项到「安全生产（副本）」/ });
    await confirm.getByRole('button', { name: /导\s*入/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: '安全生产（副本）领域标准目录事项' }).getByText('安全生产执法检查情况').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the obligations per unit, and their list with due dates and status', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('公开义务', { exact: true }).click();
    await page.waitForURL('**/admin/obligations');
    const perUnit = page.getByRole('table', { name: '各单位公开义务完成情况' });
    await perUnit.getByRole('row').filter({ hasText: '示范县应急管理局' }).waitFor();
    await page.getByRole('button', { name: '生成本年度义务' }).waitFor();
    await expectNoAxeViolations(page, 'the obligations page');

    // Drill down: the unit's obligations, one per quarter.
    await perUnit.getByRole('button', { name: '示范县应急管理局', exact: true }).click();
    const list = page.getByRole('table', { name: '公开义务明细' });
    await list.getByText(/第一季度/).first().waitFor();
    const rows = list.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    expect((await rows.allTextContents()).every((t) => t.includes('示范县应急管理局') && t.includes('安全生产执法检查情况'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("lets the editor attach a photo to a draft, and refuses an executable named like a PDF with the server's message", async () => {
    const api = await loginAs(app.app, 'editor');
    const units = (await api.get('/api/v1/units')).json() as { id: string; code: string }[];
    const created = await api.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '示范县发展和改革局关于重点项目现场踏勘情况的通报', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>各科室：</p><p>现将踏勘情况通报如下。</p>' });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json() as { id: string; version: number };

    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1100 } });
    await logIn(page, app.baseUrl, 'editor');
    await page.goto(`${app.baseUrl}/admin/records/${record.id}`);
    const card = page.locator('.attachments-card');
    await card.getByText('没有附件').waitFor();

    await card.locator('input[type=file]').setInputFiles({ name: '踏勘现场照片.png', mimeType: 'image/png', buffer: PNG });
    const list = card.getByRole('list', { name: '附件列表' });
    await list.getByRole('link', { name: /踏勘现场照片\.png/ }).first().waitFor();
    await expect(list.textContent()).resolves.toContain('PNG 图片');
    // Uploading changed the record: the page has its new version (the history shows the upload).
    await page.getByRole('list', { name: '流转记录' }).getByText('上传附件《踏勘现场照片.png》', { exact: false }).waitFor();

    await card.locator('input[type=file]').setInputFiles({ name: '项目清单.pdf', mimeType: 'application/pdf', buffer: FAKE_EXE });
    const refusal = card.locator('.ant-alert-error');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/《项目清单\.pdf》未上传.*可执行程序.*不能上传/);
    await expect(list.getByRole('listitem').count()).resolves.toBe(1);
    await page.screenshot({ path: '/tmp/admin-attachments.png', fullPage: true });

    const stored = (await api.get(`/api/v1/records/${record.id}/attachments`)).json() as { fileName: string }[];
    expect(stored.map((a) => a.fileName)).toEqual(['踏勘现场照片.png']);
    expect((await api.get(`/api/v1/records/${record.id}`)).json().version).toBeGreaterThan(record.version);

    // Deleting asks first, then the list is empty again.
    await list.getByRole('button', { name: '删除附件《踏勘现场照片.png》' }).click();
    const confirm = page.getByRole('dialog', { name: '删除附件《踏勘现场照片.png》？' });
    await confirm.getByRole('button', { name: /删\s*除/ }).click();
    await card.getByText('没有附件').waitFor();
    expect((await api.get(`/api/v1/records/${record.id}/attachments`)).json()).toEqual([]);

    // The draft is filed under a 公开目录 node and a 标准目录 item, both picked from their trees.
    await page.getByLabel('公开目录', { exact: true }).click();
    await page.locator('.ant-select-tree-title', { hasText: '02 政策文件' }).click();
    await page.getByLabel('标准目录事项', { exact: true }).click();
    await page.keyboard.type('执法检查');
    await page.locator('.ant-select-tree-title', { hasText: /^安全生产 监督检查 \/ 安全生产执法检查情况$/ }).click();
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    const saved = (await api.get(`/api/v1/records/${record.id}`)).json() as { catalogueNodeId: string | null; standardItemId: string | null };
    const nodes = (await api.get('/api/v1/catalogue/nodes')).json() as { id: string; code: string }[];
    expect(saved.catalogueNodeId).toBe(nodes.find((n) => n.code === '02')!.id);
    const domains = (await api.get('/api/v1/catalogue/domains')).json() as { id: string; name: string }[];
    const safety = domains.find((d) => d.name === '安全生产')!;
    const items = (await api.get(`/api/v1/catalogue/domains/${safety.id}/items`)).json() as { id: string; level2: string }[];
    expect(saved.standardItemId).toBe(items.find((i) => i.level2 === '安全生产执法检查情况')!.id);
    expect(unexpected(problems, 415)).toEqual([]);
    await context.close();
  });

  it('lets the office decide the attribute of historical records in bulk, review it, and repeal a normative document', async () => {
    const api = await loginAs(app.app, 'office');
    const units = (await api.get('/api/v1/units')).json() as { id: string; code: string }[];
    const ids: string[] = [];
    for (const title of ['2019年示范县发展和改革局内部工作通报（存量甲）', '2019年示范县发展和改革局内部工作通报（存量乙）']) {
      const res = await api.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title, genre: 'notice', attribute: 'proactive', bodyHtml: '<p>存量信息。</p>' });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: string }).id);
    }
    // Imported before attributes were decided at the source: no attribute yet.
    await app.database.pool.query('UPDATE records SET attribute = NULL, due_on = NULL WHERE id = ANY($1)', [ids]);

    const { context, page, problems } = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    await logIn(page, app.baseUrl, 'office');
    await page.goto(`${app.baseUrl}/admin/records`);
    await page.getByRole('table', { name: '政府信息列表' }).locator('.ant-table-row').first().waitFor();
    await page.getByRole('radiogroup', { name: '快速筛选' }).getByText('未认定公开属性').click();
    const table = page.getByRole('table', { name: '政府信息列表' });
    await table.getByText('（存量甲）', { exact: false }).waitFor();
    await expect(table.locator('.ant-table-row').count()).resolves.toBe(2);
    await table.getByRole('checkbox', { name: /选择《.*存量甲/ }).check();
    await table.getByRole('checkbox', { name: /选择《.*存量乙/ }).check();
    await page.getByRole('button', { name: '批量认定公开属性' }).click();
    const bulk = page.getByRole('dialog', { name: '批量认定公开属性（2 条）' });
    await bulk.getByText('依申请公开', { exact: true }).click();
    await bulk.getByLabel('公开属性依据').click();
    await page.locator('.ant-select-item-option').first().click();
    await bulk.getByLabel('公开属性说明').fill('内部工作通报，仅供机关内部使用');
    await bulk.getByRole('button', { name: '认定', exact: true }).click();
    await page.getByText('已为 2 条信息认定公开属性').waitFor();
    await table.getByText('没有尚未认定公开属性的信息').waitFor();

    // The record now has a yearly review: keep the attribute, with a reason.
    await page.goto(`${app.baseUrl}/admin/records/${ids[0]}`);
    const review = page.getByRole('group', { name: '公开属性复核' });
    await review.getByRole('button', { name: '维持', exact: true }).click();
    const keep = page.getByRole('dialog', { name: /^维持“依申请公开”/ });
    await keep.getByRole('button', { name: '维持', exact: true }).click();
    await keep.getByText('请说明复核理由').waitFor();
    await keep.getByLabel('维持的理由').fill('仍属内部管理信息');
    await keep.getByRole('button', { name: '维持', exact: true }).click();
    await page.getByText(/已维持“依申请公开”，下次复核日期/).waitFor();
    await page.getByRole('list', { name: '流转记录' }).getByText('仍属内部管理信息', { exact: false }).waitFor();

    // A normative document in force is repealed, with its date and a note.
    const docs = (await api.get('/api/v1/records?genre=normative_document&pageSize=100')).json() as { items: { id: string; validity: string | null; title: string }[] };
    const valid = docs.items.find((d) => d.validity === 'valid')!;
    await page.goto(`${app.baseUrl}/admin/records/${valid.id}`);
    await page.getByRole('button', { name: '变更有效性' }).click();
    const change = page.getByRole('dialog', { name: /^变更有效性：/ });
    await change.getByText('已废止', { exact: true }).click();
    await change.getByLabel('说明').fill('已被新的管理办法代替');
    await change.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('有效性已变更为“已废止”').waitFor();
    const validityCard = page.locator('.record-card', { has: page.getByRole('heading', { name: '有效性', exact: true }) });
    await validityCard.locator('.ant-tag', { hasText: '已废止' }).waitFor();
    await expect(validityCard.getByRole('button', { name: '变更有效性' }).count()).resolves.toBe(0);
    expect(((await api.get(`/api/v1/records/${valid.id}`)).json() as { validity: string }).validity).toBe('repealed');
    expect(problems).toEqual([]);
    await context.close();
  });
});
