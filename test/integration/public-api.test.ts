// The open API (/api/v1/public/…): published records with their fields and attachments, pagination and
// filters, a withdrawn record as its note only, the catalogue and the units that publish, in the OpenAPI
// document; an unknown id or host gets a Chinese 404; nothing unpublished, not proactive or internal leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { bumpTenant } from '../../src/portal/cache.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let editor: Agent, reviewer: Agent, secrecy: Agent;
let units: { id: string; code: string }[];
const ids: { draft?: string; onRequest?: string; withheld?: string; approved?: string; published?: string; withdrawn?: string } = {};
const WITHDRAWN_TITLE = '示范县促进县域商业体系建设若干措施';
// The demo's published records: 17 of the publishing demo and 10 benefit policies (src/modules/demo/policy.ts).
const DEMO_LISTED = 27;
const DEMO_POLICIES = 10;
const FORBIDDEN_KEYS = ['createdBy', 'guardOverride', 'personalFields', 'lastComment', 'attributeGround', 'attributeReason', 'attribute', 'version', 'tenantId', 'unitId', 'bodyText', 'dueOn', 'workingDaysLate', 'importBatchId', 'blobKey', 'sha256', 'text'];
const CJK = /[\u4e00-\u9fff]/;

interface Item {
  id: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  publisher: string;
  unit: string;
  issuer: string;
  writtenOn: string | null;
  publishedAt: string | null;
  genre: string;
  genreLabel: string;
  topics: string[];
  validity: string | null;
  node: string | null;
  url: string;
  state: string;
  attachments: { name: string; type: string; size: number; url: string }[];
}
interface PageOf {
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
}

const api = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host } });
const list = async (query = '', host = 'localhost'): Promise<PageOf> => {
  const res = await api(`/api/v1/public/records${query}`, host);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every key anywhere in a JSON value. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.add(k), keysOf(x, out));
  return out;
}

async function step(who: Agent, r: { id: string; version: number }, event: string, extra: Record<string, unknown> = {}) {
  const res = await who.post(`/api/v1/records/${r.id}/actions`, { event, version: r.version, ...extra });
  expect(res.statusCode, `${event}: ${res.body}`).toBe(200);
  return res.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  [editor, reviewer, secrecy] = (await Promise.all(['editor', 'reviewer', 'secrecy'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent];
  units = (await editor.get('/api/v1/units')).json();
  const base = { unitId: units.find((u) => u.code === 'fgj')!.id, genre: 'notice', writtenOn: todayLocal(), bodyHtml: '<p>接口测试正文</p>', topics: ['综合政务'] };
  const create = async (over: Record<string, unknown>) => {
    const res = await editor.post('/api/v1/records', { ...base, ...over });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  // Never public: a draft, an on-request record, a withheld one, an approved one not yet published.
  ids.draft = (await create({ title: '接口测试：草稿', attribute: 'proactive', personalFields: [{ field: '联系人', value: '张三' }] })).id;
  ids.onRequest = (await create({ title: '接口测试：依申请公开', attribute: 'on_request', attributeGround: 'art15-privacy' })).id;
  ids.withheld = (await create({ title: '接口测试：不予公开', attribute: 'withheld', attributeGround: 'art16-process', attributeReason: '内部讨论稿' })).id;
  let approved = await create({ title: '接口测试：已审定未发布', attribute: 'proactive' });
  approved = await step(editor, approved, 'submit');
  approved = await step(reviewer, approved, 'pass_review');
  approved = await step(secrecy, approved, 'pass_confidentiality');
  ids.approved = approved.id;
  // Published, after being sent back once with a comment (kept in lastComment, never public).
  let pub = await create({ title: '接口测试：已发布的通知', attribute: 'proactive', docNo: '示发改〔2026〕88号', keywords: ['接口'] });
  pub = await step(editor, pub, 'submit');
  pub = await step(reviewer, pub, 'reject', { comment: '内部意见：请补充依据' });
  pub = await step(editor, pub, 'submit');
  pub = await step(reviewer, pub, 'pass_review');
  pub = await step(secrecy, pub, 'pass_confidentiality');
  pub = await step(editor, pub, 'publish');
  ids.published = pub.id;
  ids.withdrawn = (await t.database.pool.query('SELECT id FROM records WHERE title = $1', [WITHDRAWN_TITLE])).rows[0].id;
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/public/records', () => {
  it('lists the published records, newest first, with their public fields and absolute links', async () => {
    const page = await list();
    expect(page).toMatchObject({ total: DEMO_LISTED + 1, page: 1, pageSize: 20 });
    expect(page.items).toHaveLength(20);
    expect((await list('?page=2')).items).toHaveLength(DEMO_LISTED + 1 - 20);
    const all = await list('?pageSize=100');
    expect(all.items.slice(0, 20)).toEqual(page.items);
    const first = page.items[0]!;
    expect(first).toMatchObject({
      id: ids.published,
      title: '接口测试：已发布的通知',
      docNo: '示发改〔2026〕88号',
      publisher: '示范县发展和改革局',
      unit: 'fgj',
      issuer: '示范县发展和改革局',
      genre: 'notice',
      genreLabel: '通知',
      topics: ['综合政务'],
      validity: null,
      state: 'published',
      url: `http://localhost/zfxxgk/info/${ids.published}`,
      attachments: [],
    });
    expect(first.indexNo).toMatch(/^fgj\/\d{4}-\d{5}$/);
    expect(first.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const stats = all.items.find((i) => i.title === '2026年1—9月示范县国民经济运行情况')!;
    expect(stats).toMatchObject({ publishedAt: '2026-10-27T09:30:00+08:00', writtenOn: '2026-10-22', node: '04', unit: 'tjj' });
    const dates = all.items.map((i) => i.publishedAt!);
    expect([...dates].sort().reverse()).toEqual(dates);
    // A normative document carries its validity; the repealed one says so.
    expect(all.items.find((i) => i.title.includes('城区临时停车管理办法'))).toMatchObject({ genre: 'normative_document', validity: 'repealed' });
    // Attachments with name, type, size and a link that downloads.
    const subsidy = all.items.find((i) => i.attachments.length)!;
    expect(subsidy.attachments[0]).toMatchObject({ name: expect.stringMatching(/\.xlsx$/), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: expect.any(Number), url: expect.stringMatching(/^http:\/\/localhost\/zfxxgk\/files\/[0-9a-f-]{36}$/) });
    const file = await api(new URL(subsidy.attachments[0]!.url).pathname);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.length).toBe(subsidy.attachments[0]!.size);
    expect(page.items.map((i) => i.title)).not.toContain(WITHDRAWN_TITLE);
    // Open to any web page: public data, no credentials. The second answer comes from the page cache.
    expect((await api('/api/v1/public/records')).headers['access-control-allow-origin']).toBe('*');
    expect((await api('/api/v1/public/records')).headers['access-control-allow-origin']).toBe('*');
  });

  it('pages through the list without gaps or repeats; a page past the end is empty', async () => {
    const all = (await list('?pageSize=100')).items.map((i) => i.id);
    const seen: string[] = [];
    const pages = Math.ceil(all.length / 4);
    expect(pages).toBeGreaterThanOrEqual(4);
    for (let p = 1; p <= pages; p++) {
      const page = await list(`?page=${p}&pageSize=4`);
      expect(page).toMatchObject({ total: all.length, page: p, pageSize: 4 });
      expect(page.items.length).toBe(p < pages ? 4 : all.length - 4 * (pages - 1));
      seen.push(...page.items.map((i) => i.id));
    }
    expect(seen).toEqual(all);
    expect(await list('?page=99&pageSize=4')).toMatchObject({ total: all.length, page: 99, items: [] });
  });

  it('caps the page size and refuses bad parameters with a Chinese message', async () => {
    for (const [q, field] of [
      ['?pageSize=101', '每页条数'],
      ['?pageSize=0', '每页条数'],
      ['?page=0', '页码'],
      ['?page=abc', '页码'],
      ['?genre=poem', '体裁'],
      ['?year=20260', '发布年份'],
      ['?since=2026-02-30', '发布时间起'],
      ['?since=yesterday', '发布时间起'],
      [`?topic=${'x'.repeat(61)}`, '主题分类'],
    ] as const) {
      const res = await api(`/api/v1/public/records${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message, q).toContain(field);
      expect(res.json().error.message).toMatch(CJK);
    }
    expect((await list('?pageSize=100')).pageSize).toBe(100);
  });

  it('filters by unit, topic, genre, year, node and publication time', async () => {
    const byUnit = await list('?unit=tjj');
    expect(byUnit.total).toBe(2);
    expect(byUnit.items.every((i) => i.unit === 'tjj')).toBe(true);
    const byTopic = await list(`?topic=${encodeURIComponent('国民经济管理、国有资产监管')}`);
    expect(byTopic.total).toBe(3);
    expect(byTopic.items.every((i) => i.topics.includes('国民经济管理、国有资产监管'))).toBe(true);
    const byGenre = await list('?genre=plan');
    expect(byGenre.total).toBe(4);
    expect(byGenre.items.every((i) => i.genre === 'plan')).toBe(true);
    const byYear = await list('?year=2025');
    expect(byYear.items.map((i) => i.title)).toEqual(['示范县农村集体资产管理暂行办法', '示范县人民政府办公室关于印发《示范县政府信息公开工作制度》的通知']);
    const byNode = await list('?node=02');
    expect(byNode.total).toBe(3 + DEMO_POLICIES);
    expect(byNode.items.every((i) => i.node === '02')).toBe(true);
    const since = await list(`?since=${encodeURIComponent('2026-10-27T09:30:00+08:00')}`);
    expect(since.items.map((i) => i.publishedAt! >= '2026-10-27T09:30:00+08:00')).not.toContain(false);
    expect(since.items.map((i) => i.title)).toContain('2026年1—9月示范县国民经济运行情况');
    const sinceDay = await list('?since=2026-10-28');
    expect(sinceDay.items.map((i) => i.title)).not.toContain('2026年1—9月示范县国民经济运行情况');
    const combined = await list('?unit=fgj&genre=plan&year=2026');
    expect(combined.items.map((i) => i.title)).toEqual(['示范县2026年重点建设项目计划']);
    // Unknown codes have nothing published.
    expect((await list('?unit=no-such-unit')).total).toBe(0);
    expect((await list('?node=99')).total).toBe(0);
    expect((await list(`?topic=${encodeURIComponent("' OR 1=1 --")}`)).total).toBe(0);
  });

  it('never lists a draft, an on-request, a withheld or an unpublished record, nor a withdrawn one', async () => {
    const all = (await list('?pageSize=100')).items.map((i) => i.id);
    for (const id of [ids.draft, ids.onRequest, ids.withheld, ids.approved, ids.withdrawn]) expect(all).not.toContain(id);
  });
});

describe('GET /api/v1/public/records/:id', () => {
  it('gives one record with its body and attachments', async () => {
    const res = await api(`/api/v1/public/records/${ids.published}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: ids.published,
      title: '接口测试：已发布的通知',
      state: 'published',
      bodyHtml: '<p>接口测试正文</p>',
      keywords: ['接口'],
      attachments: [],
      supersededBy: null,
      url: `http://localhost/zfxxgk/info/${ids.published}`,
    });
    const subsidy = (await list('?unit=qsz')).items[0]!;
    const withFile = (await api(`/api/v1/public/records/${subsidy.id}`)).json();
    expect(withFile.attachments).toEqual(subsidy.attachments);
    expect(withFile.bodyHtml).toContain('补贴');
  });

  it('answers a withdrawn record with its note and no body', async () => {
    const res = await api(`/api/v1/public/records/${ids.withdrawn}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: ids.withdrawn, state: 'withdrawn', title: WITHDRAWN_TITLE, withdrawnNote: '本文件所列补助标准有误，已撤回修改，修改后将重新发布。' });
    expect(body.withdrawnOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body).not.toHaveProperty('bodyHtml');
    expect(body).not.toHaveProperty('attachments');
  });

  it('answers an unknown or unpublished id with a Chinese 404, a malformed one with a 400', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', ids.draft, ids.onRequest, ids.withheld, ids.approved]) {
      const res = await api(`/api/v1/public/records/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error).toEqual({ code: 'NOT_FOUND', message: '该政府信息不存在或未公开' });
    }
    const bad = await api('/api/v1/public/records/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(CJK);
  });
});

describe('GET /api/v1/public/catalogue and /units', () => {
  it('gives the catalogue tree with record counts and feed links', async () => {
    const res = await api('/api/v1/public/catalogue');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; parent: string | null; level: number; count: number; totalCount: number; url: string; rss: string; atom: string }[];
    expect(items.map((n) => n.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15']);
    expect(items.find((n) => n.code === '04')).toEqual({
      code: '04',
      name: '统计信息',
      description: null,
      parent: null,
      level: 0,
      count: 2,
      totalCount: 2,
      url: 'http://localhost/zfxxgk/catalogue/04/',
      rss: 'http://localhost/zfxxgk/catalogue/04/rss.xml',
      atom: 'http://localhost/zfxxgk/catalogue/04/atom.xml',
    });
    // The withdrawn record of 政策文件 is not counted.
    expect(items.find((n) => n.code === '02')!.count).toBe(3 + DEMO_POLICIES);
  });

  it('counts a sub-node in its parent', async () => {
    const office = await loginAs(t.app, 'office');
    const nodes = (await office.get('/api/v1/catalogue/nodes')).json() as { id: string; code: string }[];
    const child = await office.post('/api/v1/catalogue/nodes', { parentId: nodes.find((n) => n.code === '04')!.id, code: '0401', name: '统计公报' });
    expect(child.statusCode, child.body).toBe(201);
    const { rows } = await t.database.pool.query("UPDATE records SET catalogue_node_id = $1 WHERE title LIKE '%统计公报%' RETURNING tenant_id", [child.json().id]);
    expect(rows).toHaveLength(1);
    bumpTenant(rows[0].tenant_id);
    const items = (await api('/api/v1/public/catalogue')).json().items as { code: string; parent: string | null; level: number; count: number; totalCount: number }[];
    const codes = items.map((n) => n.code);
    expect(codes.indexOf('0401')).toBe(codes.indexOf('04') + 1);
    expect(items.find((n) => n.code === '0401')).toMatchObject({ parent: '04', level: 1, count: 1, totalCount: 1 });
    expect(items.find((n) => n.code === '04')).toMatchObject({ count: 1, totalCount: 2 });
  });

  it('gives the units that publish, with codes, in the order of the unit tree', async () => {
    const res = await api('/api/v1/public/units');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; parent: string | null; count: number; kind: string; kindLabel: string; url: string }[];
    expect(items[0]).toMatchObject({ code: 'root', name: '示范县人民政府', parent: null, kind: 'government', kindLabel: '人民政府', count: 4 });
    expect(items.find((u) => u.code === 'fgj')).toMatchObject({ name: '示范县发展和改革局', parent: 'root', count: 3, url: 'http://localhost/zfxxgk/units/fgj/' });
    // Its notice and its grain-production policy.
    expect(items.find((u) => u.code === 'qsz')).toMatchObject({ kind: 'township', count: 2 });
    // 县商务局's only record was withdrawn; 县司法局 publishes nothing.
    expect(items.map((u) => u.code)).not.toContain('swj');
    expect(items.map((u) => u.code)).not.toContain('sfj');
    expect(items.reduce((n, u) => n + u.count, 0)).toBe(DEMO_LISTED + 1);
  });
});

describe('sites and secrets', () => {
  it("answers an unknown host with a Chinese 404 and another government's host with its own data only", async () => {
    for (const url of ['/api/v1/public/records', `/api/v1/public/records/${ids.published}`, '/api/v1/public/catalogue', '/api/v1/public/units']) {
      const res = await api(url, 'unknown.example.org');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json().error.code).toBe('SITE_NOT_FOUND');
      expect(res.json().error.message).toMatch(CJK);
      expect(res.body).not.toContain('示范县');
    }
    const other = 'duizhao.gongkai.localhost';
    expect(await list('', other)).toMatchObject({ total: 0, items: [] });
    expect(await list('?unit=fgj', other)).toMatchObject({ total: 0 });
    expect((await api(`/api/v1/public/records/${ids.published}`, other)).statusCode).toBe(404);
    expect((await api('/api/v1/public/units', other)).json().items).toEqual([]);
    const catalogue = await api('/api/v1/public/catalogue', other);
    expect(catalogue.body).not.toContain('示范县');
  });

  it('never answers with an internal field, anywhere', async () => {
    const bodies = [
      await list('?pageSize=100'),
      (await api(`/api/v1/public/records/${ids.published}`)).json(),
      (await api(`/api/v1/public/records/${ids.withdrawn}`)).json(),
      (await api(`/api/v1/public/records/${(await list('?unit=qsz')).items[0]!.id}`)).json(),
      (await api('/api/v1/public/catalogue')).json(),
      (await api('/api/v1/public/units')).json(),
    ];
    for (const body of bodies) {
      const keys = keysOf(body);
      for (const k of FORBIDDEN_KEYS) expect(keys.has(k), k).toBe(false);
      const text = JSON.stringify(body);
      expect(text).not.toContain('内部意见');
      expect(text).not.toContain('张三');
    }
    // Even when they are set on a published record behind the service's back.
    await t.database.pool.query(
      `UPDATE records SET guard_override = '{"by":"x","byLabel":"保密员","at":"2026-01-01","reason":"放行理由","basis":"惩戒公示","findingIds":[]}', personal_fields = '[{"field":"身份证","value":"110105194912310029"}]', attribute_reason = '属性说明秘密' WHERE id = $1`,
      [ids.published],
    );
    const { rows } = await t.database.pool.query('SELECT tenant_id FROM records WHERE id = $1', [ids.published]);
    bumpTenant(rows[0].tenant_id);
    for (const url of [`/api/v1/public/records/${ids.published}`, '/api/v1/public/records?pageSize=100']) {
      const text = (await api(url)).body;
      for (const secret of ['放行理由', '110105194912310029', '属性说明秘密', '内部意见']) expect(text, url).not.toContain(secret);
    }
  });

  it('is documented in the OpenAPI document with Chinese summaries and response schemas', async () => {
    const doc = (await api('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { tags: string[]; summary: string; description: string; responses: Record<string, unknown>; parameters?: { name: string }[] }>> };
    for (const path of ['/api/v1/public/records', '/api/v1/public/records/{id}', '/api/v1/public/catalogue', '/api/v1/public/units']) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op!.tags).toEqual(['公开数据接口']);
      expect(op!.summary).toMatch(CJK);
      expect(op!.description).toContain('调用权限：公开');
      expect(op!.responses['200']).toBeDefined();
      expect(op!.responses['404']).toBeDefined();
    }
    const params = doc.paths['/api/v1/public/records']!.get!.parameters!.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['page', 'pageSize', 'unit', 'topic', 'genre', 'year', 'node', 'since']));
  });
});
