// 政府公报 through the HTTP API and the portal: an issue put together from published records in sections,
// every refusal (wrong role, another tenant, duplicate 期号, stale version, unpublished record), publication
// printing a PDF whose text holds the Chinese titles, the portal's pages and PDF, and back issues loaded
// from their original PDFs (by upload and from a folder).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { makeDocx, makePdf } from '../../src/core/files/fixtures.testing.ts';
import { extractText } from '../../src/modules/files/extract.ts';
import { blobStoreFromConfig } from '../../src/modules/files/index.ts';
import { loadBackIssues } from '../../src/modules/gazette/service.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

interface Rec {
  id: string;
  version: number;
  title: string;
}

interface Issue {
  id: string;
  year: number;
  number: number;
  totalNumber: number | null;
  title: string;
  published: boolean;
  isBackIssue: boolean;
  pdfSize: number | null;
  version: number;
  articles: { id: string; recordId: string | null; title: string; section: string | null; docNo: string | null }[];
}

let t: TestApp;
let office: Agent, editor: Agent, reviewer: Agent, secrecy: Agent, inspector: Agent, other: Agent;
let units: { id: string; code: string }[];
let tenantId: string;
let recA: Rec, recB: Rec, draftRec: Rec;
let issue: Issue;

const TITLE_A = '示范县人民政府关于印发《示范县政府公报编印管理办法》的通知';
const TITLE_B = '示范县人民政府办公室关于做好春季森林防火工作的通知';
const FREE = '示范县人民政府关于王某某等同志职务任免的通知';

const page = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host } });

async function publishedRecord(over: Record<string, unknown>): Promise<Rec> {
  const created = await editor.post('/api/v1/records', {
    unitId: units.find((u) => u.code === 'fgj')!.id,
    genre: 'notice',
    attribute: 'proactive',
    writtenOn: todayLocal(),
    ...over,
  });
  expect(created.statusCode, created.body).toBe(201);
  let r = created.json() as Rec;
  for (const [who, event] of [
    [editor, 'submit'],
    [reviewer, 'pass_review'],
    [secrecy, 'pass_confidentiality'],
    [editor, 'publish'],
  ] as const) {
    const res = await who.post(`/api/v1/records/${r.id}/actions`, { event, version: r.version });
    expect(res.statusCode, `${event}: ${res.body}`).toBe(200);
    r = res.json();
  }
  return r;
}

const BOUNDARY = '----gazette-boundary';
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}
const uploadBackIssue = (who: Agent, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) =>
  who.send({ method: 'POST', url: '/api/v1/gazette/back-issues', payload: multipart(fields, file), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });

beforeAll(async () => {
  t = await createTestApp();
  [office, editor, reviewer, secrecy, inspector] = (await Promise.all(['office', 'editor', 'reviewer', 'secrecy', 'inspector'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent, Agent, Agent];
  other = await loginAs(t.app, 'other-office', 'duizhao');
  units = (await office.get('/api/v1/units')).json();
  tenantId = (await office.get('/api/v1/auth/session')).json().tenant.tenantId;
  recA = await publishedRecord({
    title: TITLE_A,
    issuer: '示范县人民政府',
    docNo: '示政〔2026〕3号',
    bodyHtml:
      '<p>各乡镇人民政府，县政府各部门：</p><p>　　现将《示范县政府公报编印管理办法》印发给你们，请认真贯彻执行。</p><h3>一、编印要求</h3><p>公报每月出版一期。</p><table><tr><th>期次</th><th>出版时间</th></tr><tr><td>第一期</td><td>每月月底</td></tr></table>',
  });
  recB = await publishedRecord({ title: TITLE_B, issuer: '示范县人民政府办公室', bodyHtml: '<p>各乡镇人民政府：</p><p>当前正值春季森林防火关键期，请切实做好各项防范工作。</p>' });
  const draft = await editor.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '尚未发布的通知', genre: 'notice', attribute: 'proactive' });
  draftRec = draft.json();
});

afterAll(async () => {
  await t?.close();
});

describe('issues and their table of contents', () => {
  it('creates an issue from published records and a free-standing title, in sections, with the default title', async () => {
    const res = await office.post('/api/v1/gazette/issues', {
      year: 2026,
      number: 3,
      totalNumber: 45,
      publishedOn: '2026-03-31',
      articles: [
        { recordId: recA.id, section: '县政府文件' },
        { recordId: recB.id, section: '县政府办公室文件' },
        { title: FREE, section: '人事任免' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    issue = res.json();
    expect(issue.title).toBe('示范县人民政府公报 2026年第3期（总第45期）');
    expect(issue.published).toBe(false);
    expect(issue.articles.map((a) => [a.title, a.section])).toEqual([
      [TITLE_A, '县政府文件'],
      [TITLE_B, '县政府办公室文件'],
      [FREE, '人事任免'],
    ]);
    expect(issue.articles[0]!.docNo).toBe('示政〔2026〕3号');
    // Staff with records.read see it; the write is in the audit log.
    expect((await inspector.get(`/api/v1/gazette/issues/${issue.id}`)).json().articles).toHaveLength(3);
    expect((await editor.get('/api/v1/gazette/issues')).json().items.map((i: Issue) => i.id)).toContain(issue.id);
    const audit = (await office.get(`/api/v1/audit?entityId=${issue.id}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('gazette.issue.create');
  });

  it('reorders the articles, keeping their ids, and keeps each section together', async () => {
    const [a, b, free] = issue.articles as [Issue['articles'][0], Issue['articles'][0], Issue['articles'][0]];
    const res = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, {
      version: issue.version,
      articles: [{ id: b.id }, { id: free.id }, { id: a.id }, { title: '县政府常务会议纪要（摘要）', section: '县政府办公室文件' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Issue;
    expect(after.version).toBe(issue.version + 1);
    expect(after.articles.map((x) => x.title)).toEqual([TITLE_B, '县政府常务会议纪要（摘要）', FREE, TITLE_A]);
    expect(after.articles.slice(0, 1).map((x) => x.id)).toEqual([b.id]);
    expect(after.articles.find((x) => x.title === TITLE_A)!.id).toBe(a.id);
    // Back to the customary order, without the extra title.
    const back = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: after.version, articles: [{ id: a.id }, { id: b.id }, { id: free.id }] });
    expect(back.statusCode, back.body).toBe(200);
    issue = back.json();
    expect(issue.articles.map((x) => x.title)).toEqual([TITLE_A, TITLE_B, FREE]);
  });

  it('refuses the wrong role, another tenant, a duplicate 期号, a stale version and an unpublished record', async () => {
    const body = { year: 2026, number: 9 };
    // Wrong role: an editor and the read-only inspector may read the gazette but not edit it.
    for (const who of [editor, inspector]) {
      const r = await who.post('/api/v1/gazette/issues', body);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.message).toMatch(/权限/);
      expect((await who.patch(`/api/v1/gazette/issues/${issue.id}`, { version: issue.version, title: 'x' })).statusCode).toBe(403);
    }
    // Another tenant: the issue does not exist for it.
    expect((await other.get(`/api/v1/gazette/issues/${issue.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/gazette/issues/${issue.id}`, { version: issue.version, title: 'x' })).statusCode).toBe(404);
    expect((await other.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: issue.version, articles: [] })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/gazette/issues/${issue.id}/publish`, { version: issue.version })).statusCode).toBe(404);
    expect((await other.get(`/api/v1/gazette/issues/${issue.id}/pdf`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/gazette/issues')).json().items).toEqual([]);
    // Duplicate 期号 within the year, and duplicate 总期号.
    const dup = await office.post('/api/v1/gazette/issues', { year: 2026, number: 3 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('2026年第3期已经存在');
    expect((await office.post('/api/v1/gazette/issues', { year: 2027, number: 1, totalNumber: 45 })).statusCode).toBe(409);
    // …but the same 期号 in another year is fine.
    const other2025 = await office.post('/api/v1/gazette/issues', { year: 2025, number: 3 });
    expect(other2025.statusCode, other2025.body).toBe(201);
    // Stale version.
    const stale = await office.patch(`/api/v1/gazette/issues/${issue.id}`, { version: issue.version - 1, publishedOn: '2026-03-30' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    // A record that is not published cannot go into the gazette; nothing changes.
    const unpublished = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: issue.version, articles: [{ recordId: recA.id }, { recordId: draftRec.id }] });
    expect(unpublished.statusCode).toBe(400);
    expect(unpublished.json().error.message).toContain('尚未发布');
    const otherRecord = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: issue.version, articles: [{ recordId: '00000000-0000-4000-8000-000000000000' }] });
    expect(otherRecord.statusCode).toBe(400);
    const empty = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: issue.version, articles: [{ section: '人事任免' }] });
    expect(empty.statusCode).toBe(400);
    expect((await office.get(`/api/v1/gazette/issues/${issue.id}`)).json()).toMatchObject({ version: issue.version, articles: issue.articles });
  });

  it('renumbers an unpublished issue, its default title following, and deletes one', async () => {
    const created = (await office.post('/api/v1/gazette/issues', { year: 2026, number: 7 })).json() as Issue;
    expect(created.title).toBe('示范县人民政府公报 2026年第7期');
    const moved = await office.patch(`/api/v1/gazette/issues/${created.id}`, { version: created.version, number: 8, totalNumber: 50 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().title).toBe('示范县人民政府公报 2026年第8期（总第50期）');
    expect((await office.delete(`/api/v1/gazette/issues/${created.id}?version=${created.version}`)).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/gazette/issues/${created.id}?version=${moved.json().version}`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/gazette/issues/${created.id}`)).statusCode).toBe(404);
  });
});

describe('publication', () => {
  it('prints the issue as a PDF with the cover, the table of contents and the Chinese titles, and locks it', async () => {
    // Before publication, staff get a proof; the public gets nothing.
    const proof = await office.get(`/api/v1/gazette/issues/${issue.id}/pdf`);
    expect(proof.statusCode).toBe(200);
    expect((await page('/zfxxgk/gazette/2026/3/')).statusCode).toBe(404);
    expect((await page('/zfxxgk/gazette/2026/3.pdf')).statusCode).toBe(404);

    expect((await editor.post(`/api/v1/gazette/issues/${issue.id}/publish`, { version: issue.version })).statusCode).toBe(403);
    const res = await office.post(`/api/v1/gazette/issues/${issue.id}/publish`, { version: issue.version });
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json() as Issue & { publishedOn: string };
    expect(published).toMatchObject({ published: true, publishedOn: '2026-03-31', isBackIssue: false });
    expect(published.pdfSize).toBeGreaterThan(1000);

    const pdf = await office.get(`/api/v1/gazette/issues/${issue.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(pdf.rawPayload);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(published.pdfSize);
    const text = await extractText(bytes, 'pdf');
    expect(text.warning).toBeUndefined();
    expect(text.pages).toBeGreaterThanOrEqual(5); // cover, contents, and a page per document
    const flat = text.text.replace(/\s+/g, '');
    for (const s of ['示范县人民政府公报', '第3期', '总第45期', '目录', '县政府文件', '县政府办公室文件', '人事任免', TITLE_A, TITLE_B, FREE, '示政〔2026〕3号', '请认真贯彻执行', '每月月底', '2026年3月31日']) {
      expect(flat, s).toContain(s.replace(/\s+/g, ''));
    }

    // Published: the table of contents is fixed; the PDF can be printed again (the same file).
    const locked = await office.put(`/api/v1/gazette/issues/${issue.id}/articles`, { version: published.version, articles: [] });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('ISSUE_PUBLISHED');
    expect((await office.post(`/api/v1/gazette/issues/${issue.id}/publish`, { version: published.version })).statusCode).toBe(409);
    const again = await office.post(`/api/v1/gazette/issues/${issue.id}/regenerate`, { version: published.version });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().pdfSize).toBe(published.pdfSize);
    issue = again.json();
    const audit = (await office.get(`/api/v1/audit?entityId=${issue.id}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['gazette.issue.create', 'gazette.articles.update', 'gazette.issue.publish', 'gazette.issue.regenerate']));
  });

  it('refuses to publish an issue without articles', async () => {
    const empty = (await office.post('/api/v1/gazette/issues', { year: 2026, number: 4 })).json() as Issue;
    const res = await office.post(`/api/v1/gazette/issues/${empty.id}/publish`, { version: empty.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('还没有文章');
  });
});

describe('portal', () => {
  it('lists the published issues by year and shows an issue’s table of contents with links and its PDF', async () => {
    const index = await page('/zfxxgk/gazette/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<h1>政府公报</h1>');
    expect(index.body).toContain('href="/zfxxgk/gazette/2026/3/"');
    expect(index.body).toContain('2026年第3期（总第45期）');
    // Unpublished issues are not listed.
    expect(index.body).not.toContain('/zfxxgk/gazette/2026/4/');
    expect(index.body).not.toContain('/zfxxgk/gazette/2025/3/');
    expect((await page('/zfxxgk/gazette')).headers.location).toBe('/zfxxgk/gazette/');

    const toc = await page('/zfxxgk/gazette/2026/3/');
    expect(toc.statusCode).toBe(200);
    expect(toc.body).toContain('<h1>示范县人民政府公报 2026年第3期（总第45期）</h1>');
    expect(toc.body).toContain(`<a href="/zfxxgk/info/${recA.id}">${TITLE_A}</a>`);
    expect(toc.body).toContain(`href="/zfxxgk/info/${recB.id}"`);
    expect(toc.body).toContain(FREE);
    expect(toc.body).toContain('<h3 id="section-0">县政府文件</h3>');
    expect(toc.body).toContain('href="/zfxxgk/gazette/2026/3.pdf"');
    expect(toc.body).toMatch(/PDF，\d+(\.\d)? KB/);
    expect(toc.body).not.toContain('<script');

    const pdf = await page('/zfxxgk/gazette/2026/3.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBe(issue.pdfSize);
    // Asked again: the same file with the same headers; a browser holding it gets a 304.
    const twice = await page('/zfxxgk/gazette/2026/3.pdf');
    expect(twice.headers['content-disposition']).toBe(pdf.headers['content-disposition']);
    expect(twice.rawPayload.length).toBe(issue.pdfSize);
    const cached = await t.app.inject({ url: '/zfxxgk/gazette/2026/3.pdf', headers: { host: 'localhost', 'if-none-match': String(pdf.headers.etag) } });
    expect(cached.statusCode).toBe(304);
    expect((await page('/zfxxgk/gazette/2026/3')).headers.location).toBe('/zfxxgk/gazette/2026/3/');
  });

  it('answers 404 for an unpublished issue, a missing one, nonsense, and another government’s site', async () => {
    for (const url of ['/zfxxgk/gazette/2026/4/', '/zfxxgk/gazette/2026/4.pdf', '/zfxxgk/gazette/2025/3/', '/zfxxgk/gazette/2031/1/', '/zfxxgk/gazette/abc/1/', '/zfxxgk/gazette/2026/3.docx', '/zfxxgk/gazette/2026/99999/']) {
      const r = await page(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type'], url).toContain('text/html');
    }
    expect((await page('/zfxxgk/gazette/2026/3/', 'duizhao.gongkai.localhost')).statusCode).toBe(404);
    expect((await page('/zfxxgk/gazette/', 'duizhao.gongkai.localhost')).body).toContain('暂无已出版的公报');
  });
});

describe('back issues', () => {
  it('loads an uploaded PDF as a published back issue and refuses anything that is not a PDF', async () => {
    const original = await makePdf(['Gazette 2019 No. 6']);
    const ok = await uploadBackIssue(office, { year: '2019', number: '6', totalNumber: '12', publishedOn: '2019-06-28' }, { name: '2019年第6期.pdf', bytes: original });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ year: 2019, number: 6, totalNumber: 12, isBackIssue: true, published: true, publishedOn: '2019-06-28', title: '示范县人民政府公报 2019年第6期（总第12期）' });
    const served = await page('/zfxxgk/gazette/2019/6.pdf');
    expect(served.statusCode).toBe(200);
    expect(Buffer.compare(served.rawPayload, Buffer.from(original))).toBe(0);
    const toc = await page('/zfxxgk/gazette/2019/6/');
    expect(toc.body).toContain('请下载 PDF 阅读全文');
    // A back issue's PDF is the original: it is not printed again.
    expect((await office.post(`/api/v1/gazette/issues/${ok.json().id}/regenerate`, { version: ok.json().version })).json().error.code).toBe('BACK_ISSUE');

    const docx = await uploadBackIssue(office, { year: '2019', number: '7', publishedOn: '2019-07-30' }, { name: '2019年第7期.pdf', bytes: await makeDocx(['公报正文']) });
    expect(docx.statusCode).toBe(415);
    expect(docx.json().error.code).toBe('NOT_PDF');
    expect(docx.json().error.message).toContain('不是 PDF');
    expect(docx.json().error.message).toContain('Word');
    const dup = await uploadBackIssue(office, { year: '2019', number: '6', publishedOn: '2019-06-28' }, { name: 'x.pdf', bytes: original });
    expect(dup.statusCode).toBe(409);
    const noDate = await uploadBackIssue(office, { year: '2019', number: '8' }, { name: 'x.pdf', bytes: original });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.message).toContain('出版日期');
    expect((await uploadBackIssue(office, { year: '2019', number: '8', publishedOn: '2019-08-30' })).json().error.code).toBe('FILE_MISSING');
    expect((await uploadBackIssue(editor, { year: '2019', number: '8', publishedOn: '2019-08-30' }, { name: 'x.pdf', bytes: original })).statusCode).toBe(403);
    const listed = (await office.get('/api/v1/gazette/issues?year=2019')).json().items as Issue[];
    expect(listed.map((i) => i.number)).toEqual([6]);
  });

  it('loads every YYYY-NN.pdf / YYYY年第NN期.pdf of a folder, reporting what it skipped or refused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gazette-back-'));
    try {
      await writeFile(path.join(dir, '2018-01.pdf'), await makePdf(['Gazette 2018 No. 1']));
      await writeFile(path.join(dir, '2018年第2期（总第2期）.pdf'), await makePdf(['Gazette 2018 No. 2']));
      await writeFile(path.join(dir, '2018-03.pdf'), await makeDocx(['不是PDF']));
      await writeFile(path.join(dir, '说明.txt'), '往期公报');
      const caller: Caller = { kind: 'system', actor: systemActor(tenantId, '测试') };
      const blobs = blobStoreFromConfig(t.config);
      const report = await loadBackIssues(t.database.db, blobs, caller, dir);
      expect(report.loaded.map((l) => `${l.year}-${l.number}`)).toEqual(['2018-1', '2018-2']);
      expect(report.failed).toEqual([{ file: '2018-03.pdf', reason: expect.stringContaining('不是 PDF') }]);
      expect(report.skipped).toEqual([{ file: '说明.txt', reason: expect.stringContaining('YYYY-NN.pdf') }]);
      const again = await loadBackIssues(t.database.db, blobs, caller, dir);
      expect(again.loaded).toEqual([]);
      expect(again.skipped.map((s) => s.file).sort()).toEqual(['2018-01.pdf', '2018年第2期（总第2期）.pdf', '说明.txt'].sort());
      const two = (await office.get('/api/v1/gazette/issues?year=2018')).json().items as Issue[];
      expect(two.find((i) => i.number === 2)?.totalNumber).toBe(2);
      const index = await page('/zfxxgk/gazette/');
      expect(index.body.indexOf('2019年第6期')).toBeLessThan(index.body.indexOf('2018年第2期'));
      expect(index.body.indexOf('2018年第2期')).toBeLessThan(index.body.indexOf('2018年第1期'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
