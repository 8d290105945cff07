// Browsing the published records by unit, topic, genre and year: stable addresses, an accessible pager,
// the last page for a page number past the end, never a 500 for junk, a 404 page in the site's frame for an
// unknown unit, and nothing of another government's site, nor anything withdrawn or unpublished.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { bumpTenant } from '../../src/portal/cache.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let editor: Agent;
let tenantId: string;
let units: { id: string; code: string; name: string }[];
const WITHDRAWN_TITLE = '示范县促进县域商业体系建设若干措施';
const DRAFT_TITLE = '浏览测试：尚未发布的草稿';
const PAGED = 45;

const get = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host, accept: 'text/html' } });

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'editor');
  units = (await editor.get('/api/v1/units')).json();
  tenantId = (await editor.get('/api/v1/auth/session')).json().tenant.tenantId;
  // A draft of 县发改局: never listed anywhere.
  const draft = await editor.post('/api/v1/records', {
    unitId: units.find((u) => u.code === 'fgj')!.id,
    title: DRAFT_TITLE,
    genre: 'notice',
    attribute: 'proactive',
    writtenOn: todayLocal(),
    topics: ['国民经济管理、国有资产监管'],
  });
  expect(draft.statusCode, draft.body).toBe(201);
  // Enough published records of 县发改局 for three pages (20 a page): copies of one of its records, an hour apart.
  const { rows } = await t.database.pool.query("SELECT r.id FROM records r JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id WHERE u.code = 'fgj' AND r.state = 'published' LIMIT 1");
  await t.database.pool.query(
    `INSERT INTO records (tenant_id, unit_id, issuer, title, body_html, body_text, index_no, genre, topics, catalogue_node_id, written_on, formed_on, published_at, attribute, state)
     SELECT tenant_id, unit_id, issuer, '分页测试信息第' || g || '号', '<p>分页</p>', '分页', 'fgj/paging-' || g, 'report', ARRAY['其他'], catalogue_node_id, written_on, formed_on,
            timestamptz '2024-06-01 10:00:00+08' - make_interval(hours => g), 'proactive', 'published'
       FROM records, generate_series(1, ${PAGED}) AS g WHERE id = $1`,
    [rows[0].id],
  );
  bumpTenant(tenantId);
});

afterAll(async () => {
  await t?.close();
});

/** The titles of the records listed on a page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<li><a href="\/zfxxgk\/info\/[0-9a-f-]{36}">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

describe('browse index pages', () => {
  it('lists the units that publish, grouped by kind, with their counts and links', async () => {
    const res = await get('/zfxxgk/units/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>按发布机构浏览</h1>');
    expect(res.body).toMatch(/<nav aria-label="当前位置" class="breadcrumb"><a href="\/">首页<\/a> › <a href="\/zfxxgk\/">政府信息公开<\/a> › <span aria-current="page">按发布机构浏览<\/span><\/nav>/);
    expect(res.body).toContain('<h2 id="kind-1">政府工作部门</h2>');
    expect(res.body).toContain('<a href="/zfxxgk/units/fgj/">示范县发展和改革局</a>');
    expect(res.body).toContain('<a href="/zfxxgk/units/qsz/">示范县青山镇人民政府</a>');
    expect(res.body).toContain(`${2 + PAGED} 条`);
    // 县司法局 publishes nothing: not listed.
    expect(res.body).not.toContain('/zfxxgk/units/sfj/');
    // The unit whose only record was withdrawn is not listed either.
    expect(res.body).not.toContain('/zfxxgk/units/swj/');
  });

  it('lists topics (URL-encoded), genres with Chinese labels and years', async () => {
    const topics = await get('/zfxxgk/topics/');
    expect(topics.statusCode).toBe(200);
    expect(topics.body).toContain(`<a href="/zfxxgk/topics/${encodeURIComponent('国民经济管理、国有资产监管')}/">国民经济管理、国有资产监管</a>`);
    const genres = await get('/zfxxgk/genres/');
    expect(genres.body).toContain('<a href="/zfxxgk/genres/plan/">规划计划</a>');
    expect(genres.body).toContain('<a href="/zfxxgk/genres/normative_document/">行政规范性文件</a>');
    const years = await get('/zfxxgk/years/');
    expect(years.body).toContain('<a href="/zfxxgk/years/2026/">2026年</a>');
    expect(years.body).toContain('<a href="/zfxxgk/years/2024/">2024年</a>');
    for (const page of [topics, genres, years]) expect(page.body).toMatch(/<nav aria-label="浏览方式"/);
  });

  it('redirects an address without its trailing slash to the page', async () => {
    expect((await get('/zfxxgk/units')).headers.location).toBe('/zfxxgk/units/');
    expect((await get('/zfxxgk/units/fgj')).headers.location).toBe('/zfxxgk/units/fgj/');
    const topic = await get(`/zfxxgk/topics/${encodeURIComponent('综合政务')}`);
    expect(topic.statusCode).toBe(301);
    expect(topic.headers.location).toBe(`/zfxxgk/topics/${encodeURIComponent('综合政务')}/`);
  });
});

describe('browse list pages', () => {
  it("shows a unit's records newest first with title, 发布机构, 文号 and 发布日期", async () => {
    const res = await get('/zfxxgk/units/tjj/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>示范县统计局</h1>');
    expect(res.body).toContain('<a href="/zfxxgk/units/">按发布机构浏览</a> › <span aria-current="page">示范县统计局</span>');
    expect(listed(res.body)).toEqual(['2026年1—9月示范县国民经济运行情况', '示范县2025年国民经济和社会发展统计公报']);
    expect(res.body).toContain('发布机构：</span>示范县统计局');
    expect(res.body).toContain('<time datetime="2026-10-27">2026-10-27</time>');
    expect(res.body).toContain('href="/zfxxgk/units/tjj/rss.xml"');
    const withDocNo = await get('/zfxxgk/units/fgj/');
    expect(withDocNo.body).toContain('文号：</span>示发改投资〔2026〕5号');
  });

  it('shows a topic, a genre and a year', async () => {
    const topic = await get(`/zfxxgk/topics/${encodeURIComponent('国民经济管理、国有资产监管')}/`);
    expect(topic.statusCode).toBe(200);
    expect(topic.body).toContain('<h1>国民经济管理、国有资产监管</h1>');
    expect(listed(topic.body)).toEqual(['2026年1—9月示范县国民经济运行情况', '示范县2025年国民经济和社会发展统计公报', '示范县2026年重点建设项目计划']);
    const genre = await get('/zfxxgk/genres/normative_document/');
    expect(genre.body).toContain('<h1>行政规范性文件</h1>');
    // 2 of the publishing demo and 5 benefit policies of the policy demo.
    expect(listed(genre.body)).toHaveLength(7);
    // The repealed document is still listed, with its validity.
    expect(genre.body).toContain('已废止');
    const year = await get('/zfxxgk/years/2025/');
    expect(year.body).toContain('<h1>2025年</h1>');
    expect(listed(year.body)).toEqual(['示范县农村集体资产管理暂行办法', '示范县人民政府办公室关于印发《示范县政府信息公开工作制度》的通知']);
    // A customary topic with nothing in it has its (empty) page.
    const empty = await get(`/zfxxgk/topics/${encodeURIComponent('国防')}/`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('共 0 条');
  });

  it('never lists a withdrawn record or a draft', async () => {
    for (const url of ['/zfxxgk/years/2026/', '/zfxxgk/genres/opinion/', '/zfxxgk/units/fgj/', `/zfxxgk/topics/${encodeURIComponent('国民经济管理、国有资产监管')}/`, '/zfxxgk/genres/notice/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(WITHDRAWN_TITLE);
      expect(res.body, url).not.toContain(DRAFT_TITLE);
    }
    // The withdrawn record's unit has no page content to show, but its page exists.
    expect((await get('/zfxxgk/units/swj/')).body).toContain('共 0 条');
  });
});

describe('pagination', () => {
  const base = '/zfxxgk/units/fgj/';
  const total = 2 + PAGED;

  it('pages 20 at a time with rel="next"/"prev" links and an accessible pager', async () => {
    const first = await get(base);
    expect(first.body).toContain(`共 ${total} 条`);
    expect(listed(first.body)).toHaveLength(20);
    expect(first.body).toContain('<nav aria-label="分页" class="pager">');
    expect(first.body).toContain(`<a href="${base}" aria-current="page" aria-label="第 1 页">1</a>`);
    expect(first.body).toContain(`<a href="${base}?page=2" rel="next">下一页</a>`);
    expect(first.body).not.toContain('rel="prev"');
    // Newest first: the two 2026 records, then the copies from 2024.
    expect(listed(first.body).slice(0, 3)).toEqual(['示范县发展和改革局2026年部门预算', '示范县2026年重点建设项目计划', '分页测试信息第1号']);

    const second = await get(`${base}?page=2`);
    expect(listed(second.body)).toHaveLength(20);
    expect(listed(second.body)[0]).toBe('分页测试信息第19号');
    expect(second.body).toContain(`<a href="${base}" rel="prev">上一页</a>`);
    expect(second.body).toContain(`<a href="${base}?page=3" rel="next">下一页</a>`);
    expect(second.body).toContain(`aria-current="page" aria-label="第 2 页"`);
    expect(second.body).toContain('<title>示范县发展和改革局（第 2 页） - ');

    const third = await get(`${base}?page=3`);
    expect(listed(third.body)).toHaveLength(total - 40);
    expect(third.body).not.toContain('rel="next"');
    // No record is on two pages, none is missing.
    const all = [...listed(first.body), ...listed(second.body), ...listed(third.body)];
    expect(new Set(all).size).toBe(total);
  });

  it('shows the last page for a page number past the end', async () => {
    const last = await get(`${base}?page=3`);
    for (const page of ['4', '99', '100000', '9999999']) {
      const res = await get(`${base}?page=${page}`);
      expect(res.statusCode, page).toBe(200);
      expect(listed(res.body), page).toEqual(listed(last.body));
      expect(res.body).toContain('aria-current="page" aria-label="第 3 页"');
    }
  });

  it('never answers junk parameters with a 500: the first page, or a clear 4xx page', async () => {
    const first = listed((await get(base)).body);
    for (const q of ['page=abc', 'page=-1', 'page=0', 'page=1.5', 'page=1e3', 'page=99999999999999999999', 'page[]=2', 'page=2&page=3', 'page=%3Cscript%3E', 'foo=%3Cscript%3Ealert(1)%3C%2Fscript%3E', "page=1'%20OR%20'1'='1", `page=${'9'.repeat(5000)}`]) {
      const res = await get(`${base}?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(listed(res.body), q).toEqual(first);
      expect(res.body).not.toContain('<script>alert(1)');
    }
    for (const url of [`${base}?page=%00`, '/zfxxgk/units/%E0%A4%A/', `/zfxxgk/units/${'x'.repeat(300)}/`, '/zfxxgk/years/abcd/', '/zfxxgk/years/99999/', '/zfxxgk/years/1800/', '/zfxxgk/genres/poem/', `/zfxxgk/topics/${encodeURIComponent('<script>alert(1)</script>')}/`, `/zfxxgk/topics/${encodeURIComponent("' OR 1=1 --")}/`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body).not.toContain('<script>alert(1)');
    }
  });
});

describe('unknown things and other sites', () => {
  it('answers an unknown unit code with a 404 page in the tenant\'s frame', async () => {
    const res = await get('/zfxxgk/units/no-such-unit/');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('页面不存在');
    expect(res.body).toContain('示范县人民政府');
  });

  it("shows none of the demo's records on another government's host", async () => {
    const host = 'duizhao.gongkai.localhost';
    const unitsPage = await get('/zfxxgk/units/', host);
    expect(unitsPage.statusCode).toBe(200);
    expect(unitsPage.body).toContain('对照县人民政府');
    expect(unitsPage.body).not.toContain('示范县');
    expect(unitsPage.body).toContain('暂无已发布的信息');
    for (const url of ['/zfxxgk/years/2026/', '/zfxxgk/genres/plan/', `/zfxxgk/topics/${encodeURIComponent('国民经济管理、国有资产监管')}/`, '/zfxxgk/units/czj/', '/zfxxgk/topics/', '/zfxxgk/genres/', '/zfxxgk/years/']) {
      const res = await get(url, host);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('示范县');
      expect(listed(res.body), url).toEqual([]);
    }
    // 县发改局 is the demo's unit: it does not exist on the other site.
    expect((await get('/zfxxgk/units/fgj/', host)).statusCode).toBe(404);
  });

  it('shows the plain "no such site" page for an unknown host', async () => {
    const res = await get('/zfxxgk/units/', 'unknown.example.org');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('未找到该网站');
    expect(res.body).not.toContain('示范县');
  });
});

describe('the 政府信息公开 column', () => {
  it('lists the yearly reports under 政府信息公开年报 by year, newest first, and the rules under 制度', async () => {
    const reports = await get('/zfxxgk/reports/');
    expect(reports.statusCode).toBe(200);
    const y2025 = reports.body.indexOf('2025年度');
    const y2023 = reports.body.indexOf('2023年度');
    expect(y2025).toBeGreaterThan(0);
    expect(y2023).toBeGreaterThan(y2025);
    expect(reports.body.indexOf('示范县人民政府2025年政府信息公开工作年度报告')).toBeGreaterThan(y2025);
    expect(reports.body.indexOf('示范县人民政府2023年政府信息公开工作年度报告')).toBeGreaterThan(y2023);
    expect(reports.body).not.toContain('本栏目暂无内容');
    const rules = await get('/zfxxgk/rules/');
    expect(rules.body).toContain('《示范县政府信息公开工作制度》');
    expect(rules.body).not.toContain('年度报告</a>');
    // Another government's site has none of them.
    const other = await get('/zfxxgk/reports/', 'duizhao.gongkai.localhost');
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('本栏目暂无内容');
  });

  it('puts a search box and the latest notices on the home page', async () => {
    const home = await get('/');
    expect(home.body).toMatch(/<form role="search" method="get" action="\/search"/);
    expect(home.body).toContain('id="notices-heading"');
    expect(home.body).toContain('示范县2026年事业单位公开招聘工作人员公告');
  });
});
