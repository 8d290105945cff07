// Full-text search of published records: the search-quality fixture (test/fixtures/search-queries.ts) on a
// corpus loaded beside the demo county, the index kept in step with publication and withdrawal, filters,
// sort, highlighting, paging, the public API, the portal page, and input that must never fail.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { parseDocNo } from '../../src/core/publishing/doc-no.ts';
import { matchQuery, parseQuery } from '../../src/core/search/query.ts';
import { INDEX_FORMAT, indexPending, indexRecord, reindexTenant } from '../../src/modules/search/indexer.ts';
import { clearSearchCalendars, explainSearch, searchRecords, windowLexemes, type SearchParams, type SearchResult } from '../../src/modules/search/service.ts';
import { buildApp, type App } from '../../src/server.ts';
import { Agent, testConfig } from '../helpers/app.ts';
import { createFixtureDatabase, pgKind, type TestDatabase } from '../helpers/db.ts';
import { backgroundRecords, CORPUS, DEMO_KEYS, indexNoOf, QUERIES, type FixtureRecord } from '../fixtures/search-queries.ts';

let app: App;
let database: TestDatabase;
let tenantId: string;
/** Fixture key (or demo:…) → record id. */
const ids = new Map<string, string>();
const keyOf = new Map<string, string>();

const get = (url: string, host = 'localhost') => app.inject({ method: 'GET', url, headers: { host } });
const search = (params: SearchParams) => searchRecords(database.db, tenantId, params);
const keys = (r: SearchResult) => r.items.map((i) => keyOf.get(i.id) ?? `?${i.title}`);

async function loadCorpus(records: FixtureRecord[]) {
  const pool = database.pool;
  const units = new Map((await pool.query<{ code: string; id: string; name: string }>('SELECT code, id, name FROM units WHERE tenant_id = $1', [tenantId])).rows.map((u) => [u.code, u]));
  for (const [i, r] of records.entries()) {
    const unit = units.get(r.unit);
    if (!unit) throw new Error(`no unit ${r.unit}`);
    const d = r.docNo ? parseDocNo(r.docNo) : null;
    if (d && !d.ok) throw new Error(d.message);
    const doc = d?.ok ? d.docNo : null;
    const state = r.state ?? 'published';
    const published = state === 'published' || state === 'superseded' || state === 'withdrawn';
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO records (tenant_id, unit_id, issuer, title, body_html, body_text, doc_no, doc_no_issuer, doc_no_year, doc_no_seq, index_no, genre, topics, keywords,
                            written_on, formed_on, published_at, attribute, attribute_ground, state, validity, withdrawn_at, withdrawn_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
      [
        tenantId,
        unit.id,
        r.issuer ?? unit.name,
        r.title,
        r.body.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join(''),
        r.body.join('\n'),
        doc?.normalized ?? null,
        doc?.issuerCode ?? null,
        doc?.year ?? null,
        doc?.sequence ?? null,
        indexNoOf(r, i),
        r.genre,
        r.topics,
        r.keywords ?? [],
        r.writtenOn,
        published ? `${r.publishedOn}T09:30:00+08:00` : null,
        r.attribute ?? 'proactive',
        r.attribute === 'on_request' ? 'art15-third-party' : null,
        state,
        r.validity ?? null,
        state === 'withdrawn' ? `${r.publishedOn}T10:00:00+08:00` : null,
        state === 'withdrawn' ? '信息有误，已撤回' : null,
      ],
    );
    ids.set(r.key, rows[0]!.id);
    keyOf.set(rows[0]!.id, r.key);
    if (r.attachment) {
      await pool.query(
        `INSERT INTO record_attachments (tenant_id, record_id, file_name, kind, mime, size, blob_key, sha256, text)
         VALUES ($1, $2, $3, 'pdf', 'application/pdf', $4, 'fixture/none', 'none', $5)`,
        [tenantId, rows[0]!.id, `${r.title.slice(0, 20)}明细表.pdf`, Buffer.byteLength(r.attachment), r.attachment],
      );
    }
  }
  for (const r of records) {
    if (!r.supersededBy) continue;
    await pool.query('UPDATE records SET superseded_by_id = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, ids.get(r.key), ids.get(r.supersededBy)]);
    await pool.query('UPDATE records SET supersedes_id = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, ids.get(r.supersededBy), ids.get(r.key)]);
  }
}

beforeAll(async () => {
  database = await createFixtureDatabase();
  const config = testConfig();
  app = await buildApp({ config, database });
  await app.ready();
  tenantId = (await database.pool.query<{ tenant_id: string }>("SELECT tenant_id FROM tenants WHERE code = 'shifan'")).rows[0]!.tenant_id;
  for (const [key, title] of Object.entries(DEMO_KEYS)) {
    const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM records WHERE tenant_id = $1 AND title = $2', [tenantId, title]);
    if (rows.length !== 1) throw new Error(`demo record ${title}: ${rows.length}`);
    ids.set(key, rows[0]!.id);
    keyOf.set(rows[0]!.id, key);
  }
  // Loaded the way a bulk import loads records: published, straight into the table, without indexing…
  await loadCorpus([...CORPUS, ...backgroundRecords(200)]);
  // …which the sweep then catches up with.
  await indexPending(database.db, { limit: 100_000 });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('the index', () => {
  it('holds every published or superseded proactive record of both tenants, and nothing else', async () => {
    const { rows } = await database.pool.query<{ expected: number; indexed: number; stray: number }>(`
      SELECT (SELECT count(*)::int FROM records WHERE state IN ('published', 'superseded') AND attribute = 'proactive') AS expected,
             (SELECT count(*)::int FROM record_search) AS indexed,
             (SELECT count(*)::int FROM record_search s JOIN records r ON r.tenant_id = s.tenant_id AND r.id = s.record_id
               WHERE r.state NOT IN ('published', 'superseded') OR r.attribute IS DISTINCT FROM 'proactive' OR s.record_version <> r.version) AS stray`);
    expect(rows[0]!.indexed).toBe(rows[0]!.expected);
    expect(rows[0]!.expected).toBeGreaterThan(250);
    expect(rows[0]!.stray).toBe(0);
    // Nothing left to do.
    expect(await indexPending(database.db)).toEqual({ indexed: 0, removed: 0 });
  });

  it('counts on the GIN index, never by reading every vector', async () => {
    for (const q of ['通知', '森林防火', '示政发〔2025〕8号', '"一网通办"']) {
      const plan = await explainSearch(database.db, tenantId, q);
      expect(plan, q).toContain('record_search_vector_idx');
      expect(plan, q).not.toMatch(/Seq Scan on record_search/);
    }
  });

  it('re-indexes a record whose version moved on, and drops one that is withdrawn', async () => {
    await loadCorpus([{ key: 'x1', unit: 'mzj', title: '示范县民政局关于开通婚姻登记网上预约的通知', genre: 'notice', writtenOn: '2025-12-01', publishedOn: '2025-12-02', topics: ['民政、扶贫、救灾'], body: ['婚姻登记实行网上预约、按时段办理。'] }]);
    expect(await indexPending(database.db)).toEqual({ indexed: 1, removed: 0 });
    const id = ids.get('x1')!;
    await database.pool.query("UPDATE records SET title = title || '（修订）', version = version + 1 WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
    expect((await search({ q: '婚姻登记 修订' })).total).toBe(0);
    expect(await indexPending(database.db)).toEqual({ indexed: 1, removed: 0 });
    expect(keys(await search({ q: '婚姻登记 修订' }))).toEqual(['x1']);
    await database.pool.query("UPDATE records SET state = 'withdrawn', withdrawn_at = now(), withdrawn_note = '撤回', version = version + 1 WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
    // Until the sweep runs, the entry is stale, but a withdrawn record is never shown.
    expect((await search({ q: '婚姻登记' })).items).toEqual([]);
    expect(await indexPending(database.db)).toEqual({ indexed: 0, removed: 1 });
    expect((await search({ q: '婚姻登记' })).total).toBe(0);
  });

  it('follows publication and withdrawal through the service layer (indexRecord in their transaction)', async () => {
    const agent = new Agent(app);
    await agent.login('editor');
    const reviewer = new Agent(app);
    await reviewer.login('reviewer');
    const secrecy = new Agent(app);
    await secrecy.login('secrecy');
    const leader = new Agent(app);
    await leader.login('leader');
    const units = (await agent.get('/api/v1/units')).json() as { id: string; code: string }[];
    const created = await agent.post('/api/v1/records', {
      unitId: units.find((u) => u.code === 'fgj')!.id,
      title: '示范县发展和改革局关于开展粮油储备库容核查的通知',
      genre: 'notice',
      attribute: 'proactive',
      docNo: '示发改粮〔2026〕2号',
      writtenOn: todayLocal(),
      bodyHtml: '<p>对全县粮油储备库容开展一次全面核查。</p>',
      topics: ['国民经济管理、国有资产监管'],
    });
    expect(created.statusCode, created.body).toBe(201);
    let rec = created.json() as { id: string; version: number };
    await indexRecord(database.db, tenantId, rec.id);
    expect((await search({ q: '储备库容' })).total).toBe(0); // a draft is not indexed
    for (const [who, event] of [
      [agent, 'submit'],
      [reviewer, 'pass_review'],
      [secrecy, 'pass_confidentiality'],
      [agent, 'publish'],
    ] as const) {
      const res = await who.post(`/api/v1/records/${rec.id}/actions`, { event, version: rec.version });
      expect(res.statusCode, res.body).toBe(200);
      rec = res.json();
    }
    await indexRecord(database.db, tenantId, rec.id);
    const found = await search({ q: '示发改粮(2026)2号' });
    expect(found.items[0]).toMatchObject({ id: rec.id, docNoMatch: true });
    const withdrawn = await leader.post(`/api/v1/records/${rec.id}/actions`, { event: 'withdraw', version: rec.version, comment: '数据有误，撤回' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await indexRecord(database.db, tenantId, rec.id);
    expect((await search({ q: '储备库容' })).total).toBe(0);
    expect((await search({ q: '示发改粮〔2026〕2号' })).total).toBe(0);
  });

  it('rebuilds a tenant from scratch with the same result', async () => {
    const before = await search({ q: '森林防火' });
    const { indexed } = await reindexTenant(database.db, tenantId);
    expect(indexed).toBeGreaterThan(250);
    const after = await search({ q: '森林防火' });
    expect(keys(after)).toEqual(keys(before));
  });
});

describe(`search quality: ${QUERIES.length} queries with expected top results (${pgKind()} PostgreSQL)`, () => {
  it('has at least 50 queries over a corpus of 200 to 300 records', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(50);
    expect(CORPUS.length + 200).toBeGreaterThanOrEqual(200);
    for (const k of ['docno', 'title', 'fragment', 'phrase', 'two-words', 'unit', 'attachment'] as const) expect(QUERIES.some((q) => q.kind === k)).toBe(true);
    for (const style of ['〔', '[', '(', '（']) expect(QUERIES.some((q) => q.kind === 'docno' && q.q.includes(style))).toBe(true);
  });

  it.each(QUERIES.map((q) => [q.kind, q.q, q] as const))('%s: %s', async (_kind, _q, query) => {
    const r = await search({ q: query.q });
    const got = keys(r);
    const shown = `${query.q} → ${got.slice(0, 5).join(', ')}`;
    if (process.env.SHOW_SEARCH) process.stdout.write(`@@${query.kind}|${query.q}|${r.total}|${got.slice(0, 4).join(' ')}|${r.items.slice(0, 2).map((i) => i.title).join(' / ')}\n`);
    if (query.none) expect(r.total, shown).toBe(0);
    if (query.top1) expect(got[0], shown).toBe(query.top1);
    if (query.top3) for (const k of query.top3) expect(got.slice(0, 3), shown).toContain(k);
    if (query.absent) {
      const all = keys(await search({ q: query.q, pageSize: 50 }));
      for (const k of query.absent) expect(all, shown).not.toContain(k);
    }
  });
});

describe('filters and sort', () => {
  it('filters by genre, year, validity, topic, and unit with its sub-units', async () => {
    expect(keys(await search({ q: '临时救助', genre: 'normative_document' })).sort()).toEqual(['k46', 'k47']);
    expect(keys(await search({ q: '临时救助', year: 2019 }))).toEqual(['k46']);
    expect(keys(await search({ q: '临时救助', validity: 'valid' }))).toEqual(['k47']);
    expect(keys(await search({ q: '户外广告', validity: 'valid' }))).toEqual([]);
    expect(keys(await search({ q: '户外广告', validity: 'repealed' }))).toEqual(['k28']);
    const topic = await search({ q: '2025', topic: '卫生、体育', pageSize: 50 });
    expect(topic.total).toBeGreaterThan(2);
    for (const i of topic.items) expect(i.topics).toContain('卫生、体育');
    const wjw = (await database.pool.query<{ id: string }>("SELECT id FROM units WHERE tenant_id = $1 AND code = 'wjw'", [tenantId])).rows[0]!.id;
    // 示范县人民医院 sits under 县卫健委.
    expect(keys(await search({ q: '医疗服务价格', unitId: wjw }))).toEqual(['k55']);
    const genreCount = (await search({ q: '通知', genre: 'notice', pageSize: 50 })).items;
    for (const i of genreCount) expect(i.genre).toBe('notice');
  });

  it('sorts by date, newest first, and by relevance with title matches first', async () => {
    const byDate = await search({ q: '通知', sort: 'date', pageSize: 30 });
    const dates = byDate.items.map((i) => i.publishedOn!);
    expect(dates).toEqual([...dates].sort().reverse());
    const byRelevance = await search({ q: '森林防火', pageSize: 10 });
    expect(keys(byRelevance).slice(0, 2)).toEqual(['k02', 'k60']);
  });

  it('puts the current version before the superseded one, and says which is which', async () => {
    const r = await search({ q: '城乡居民临时救助实施办法' });
    expect(keys(r).slice(0, 2)).toEqual(['k47', 'k46']);
    expect(r.items[1]!.state).toBe('superseded');
  });

  it('gives facets by genre and year when the matches are few', async () => {
    const r = await search({ q: '2025年' });
    expect(r.facets?.genres.find((g) => g.value === 'notice')?.count).toBeGreaterThan(3);
    expect(r.facets?.years.length).toBeGreaterThan(1);
  });

  it('keeps each government to its own records', async () => {
    const res = await get('/api/v1/public/search?q=' + encodeURIComponent('森林防火'), 'duizhao.gongkai.localhost');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });
});

describe('highlighting and paging', () => {
  it('marks the words in titles and body excerpts, escaping the rest', async () => {
    const r = await search({ q: '森林防火 护林员' });
    const top = r.items[0]!;
    expect(keyOf.get(top.id)).toBe('k02');
    expect(top.titleHtml).toContain('<mark>森林防火</mark>');
    expect(top.snippetFrom).toBe('body');
    expect(top.snippetHtml).toContain('<mark>护林员</mark>');
    expect(top.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('护林员');
  });

  it('shows the attachment text when the words occur only there', async () => {
    const top = (await search({ q: '带病回乡退伍军人' })).items[0]!;
    expect(top.snippetFrom).toBe('attachment');
    expect(top.snippetHtml).toContain('<mark>带病回乡退伍军人</mark>');
  });

  it('marks a 文号 in any bracket style', async () => {
    const r = await search({ q: '示政办发〔2025〕21号' });
    const citing = r.items.find((i) => keyOf.get(i.id) === 'k60')!;
    expect(citing.snippetHtml).toContain('<mark>示政办发[2025]21号</mark>');
  });

  it('pages without overlap, and shows the last page for a page past the end', async () => {
    const p1 = await search({ q: '通知', pageSize: 5, page: 1 });
    const p2 = await search({ q: '通知', pageSize: 5, page: 2 });
    expect(p1.total).toBeGreaterThan(40);
    expect(p2.items).toHaveLength(5);
    expect(p1.items.map((i) => i.id).filter((id) => p2.items.some((j) => j.id === id))).toEqual([]);
    const all = await search({ q: '通知', pageSize: 50, page: 1 });
    expect(all.items.slice(5, 10).map((i) => i.id)).toEqual(p2.items.map((i) => i.id));
    const past = await search({ q: '通知', pageSize: 5, page: 99999 });
    expect(past.page).toBe(past.pages);
    expect(past.items.length).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/public/search', () => {
  it('answers with the exact 文号 first, marked titles and excerpts, open to any origin', async () => {
    const res = await get('/api/v1/public/search?q=' + encodeURIComponent('示政发(2025)8号'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // Again from the page cache, with the same header.
    expect((await get('/api/v1/public/search?q=' + encodeURIComponent('示政发(2025)8号'))).headers['access-control-allow-origin']).toBe('*');
    const body = res.json();
    expect(body.items[0]).toMatchObject({ id: ids.get('k01'), docNoMatch: true, docNo: '示政发〔2025〕8号', url: `/zfxxgk/info/${ids.get('k01')}` });
    expect(body.items[0].titleHtml).not.toContain('<script');
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['docNo', 'docNoMatch', 'genre', 'genreLabel', 'id', 'indexNo', 'issuer', 'publishedOn', 'publisher', 'snippet', 'snippetFrom', 'snippetHtml', 'state', 'title', 'titleHtml', 'titleSegments', 'topics', 'url', 'validity', 'validityLabel', 'writtenOn'].sort(),
    );
  });

  it('filters by unit code (with sub-units) and refuses malformed parameters with a message', async () => {
    const res = await get('/api/v1/public/search?q=' + encodeURIComponent('医疗服务价格') + '&unit=wjw');
    expect(res.json().items.map((i: { id: string }) => keyOf.get(i.id))).toEqual(['k55']);
    expect((await get('/api/v1/public/search?q=x&unit=nosuchunit')).json().total).toBe(0);
    const bad = await get('/api/v1/public/search?q=x&page=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('页码');
  });

  it('is in the OpenAPI document, in Chinese', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/public/search'].get;
    expect(op.summary).toContain('搜索');
    expect(op.parameters.find((p: { name: string }) => p.name === 'q').schema.title).toBe('搜索词');
  });

  it('answers 404 for a host that serves no government', async () => {
    const res = await get('/api/v1/public/search?q=x', 'nobody.example');
    expect(res.statusCode).toBe(404);
  });
});

describe('the search page /search', () => {
  it('is a GET form with labels, filters and a status line, and lists marked results with their metadata', async () => {
    const res = await get('/search?q=' + encodeURIComponent('森林防火'));
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toMatch(/<form role="search" method="get" action="\/search"/);
    expect(html).toContain('<label for="search-q">');
    expect(html).toMatch(/<select name="unit">[\s\S]*<option value="fgj">/);
    for (const name of ['topic', 'genre', 'year', 'validity', 'sort']) expect(html).toContain(`<select name="${name}">`);
    expect(html).toMatch(/<p role="status"[^>]*>找到 \d+ 条与“森林防火”相关的信息/);
    expect(html).toMatch(new RegExp(`<a href="/zfxxgk/info/${ids.get('k02')}">[^<]*<mark>森林防火</mark>`));
    expect(html).toContain('发布机构：示范县人民政府办公室');
    expect(html).toContain('文号：示政办发〔2025〕21号');
    expect(html).toContain('发布日期：2025-10-22');
    expect(html).toMatch(/<h1>站内搜索<\/h1>/);
  });

  it('keeps filters and sort in stable, bookmarkable URLs for the pages', async () => {
    const html = (await get('/search?q=' + encodeURIComponent('通知') + '&sort=date&genre=notice')).body;
    expect(html).toContain('href="/search?q=%E9%80%9A%E7%9F%A5&amp;genre=notice&amp;sort=date&amp;page=2"');
    expect(html).toMatch(/<option value="date" selected/);
  });

  it('shows the last page for a page past the end', async () => {
    const res = await get('/search?q=' + encodeURIComponent('通知') + '&page=100000');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/第 (\d+) \/ \1 页/);
  });

  it('helps when nothing is found, echoing the query escaped', async () => {
    const res = await get('/search?q=' + encodeURIComponent('<b>量子纠缠</b>'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('没有找到与“&lt;b>量子纠缠&lt;/b>”相关的信息');
    expect(res.body).not.toContain('<b>量子纠缠');
    for (const link of ['href="/zfxxgk/catalogue/"', 'href="/zfxxgk/gfxwj/"', 'href="/zfxxgk/guide/"']) expect(res.body).toContain(link);
    expect(res.body).toContain('文号');
  });

  it.each([
    ['a 10,000-character query', '政务公开'.repeat(2500), /搜索词过长/],
    ['SQL', "'; DROP TABLE records; --", /没有找到|找到/],
    ['HTML', '<script>alert(1)</script>', /没有找到/],
    ['unbalanced quotes', '"政务公开“工作', /找到/],
    ['only punctuation', '！？。，、；……', /没有可以查找的词语/],
    ['only function words', '的 和 关于', /没有可以查找的词语/],
    ['a malformed 文号', '肥政办字〔20〕12号', /找到/],
    ['emoji and rare characters', '😀𠀀〇', /找到/],
  ])('answers %s with a normal page and a message', async (_what, q, message) => {
    const res = await get('/search?q=' + encodeURIComponent(q));
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(message);
    expect(res.body).not.toContain('<script>alert');
    expect((await database.pool.query('SELECT count(*)::int AS n FROM records')).rows[0].n).toBeGreaterThan(250);
  });

  it.each(['/search?page=-1&q=a', '/search?page=abc&q=a', '/search?year=abcd&genre=poem&validity=x&sort=y&q=a', '/search?unit=nosuch&q=a', '/search?q=a&q=b', '/search?q[]=x', '/search'])('answers %s with a page, never an error', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form role="search"');
  });

  it('answers an unknown host with the plain unknown-site page', async () => {
    const res = await get('/search?q=x', 'nobody.example');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('未找到该网站');
  });
});

describe('any input', () => {
  it('gives an answer, never an error, for arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 120 }), async (q) => {
        const r = await search({ q });
        expect(r.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('many matches: estimated count, page from the newest months', () => {
  // The corpus is small: a threshold of 0 sends every query the way a common word goes among 100,000 records,
  // and windows sized for a tenth of the matches they should hold are too narrow at first, and widened.
  const many = (params: SearchParams) => searchRecords(database.db, tenantId, params, { estimateAbove: 0, windowScale: 0.1 });

  /** Every match in the order the search promises, straight from the table. */
  async function expected(q: string, sort: 'relevance' | 'date', genre?: string): Promise<string[]> {
    const pq = parseQuery(q);
    const full = [matchQuery(pq)!, ...(genre ? [`'~g:${genre}'`] : [])].map((x) => `(${x})`).join(' & ');
    const order = sort === 'relevance' ? `(title_vector @@ $2::tsquery) DESC, (state = 'published') DESC, published_at DESC NULLS LAST, record_id DESC` : 'published_at DESC NULLS LAST, record_id DESC';
    const { rows } = await database.pool.query<{ id: string }>(
      `SELECT record_id AS id, title_vector @@ $2::tsquery AS in_title FROM record_search WHERE tenant_id = $1 AND vector @@ $3::tsquery ORDER BY ${order}`,
      [tenantId, matchQuery(pq), full],
    );
    return rows.map((r) => r.id);
  }

  async function everyPage(params: SearchParams): Promise<{ ids: string[]; first: SearchResult; last: SearchResult }> {
    const first = await many({ ...params, page: 1 });
    const ids = first.items.map((i) => i.id);
    let last = first;
    for (let page = 2; page <= 200 && last.items.length === params.pageSize; page++) {
      last = await many({ ...params, page });
      if (last.page !== page) break;
      ids.push(...last.items.map((i) => i.id));
    }
    return { ids, first, last };
  }

  it('gives every match once, in the promised order, page after page (relevance and date, with a filter)', async () => {
    for (const [q, sort, genre] of [
      ['通知', 'relevance'],
      ['通知', 'date'],
      ['示范县', 'relevance'],
      ['2025年', 'date'],
      ['工作', 'relevance', 'notice'],
    ] as const) {
      const want = await expected(q, sort, genre);
      expect(want.length, q).toBeGreaterThan(20);
      const { ids, first, last } = await everyPage({ q, sort, genre, pageSize: 7 });
      expect(ids, `${q} ${sort}`).toEqual(want);
      // The first page says its count is an estimate; the last one knows it.
      expect(first.totalEstimated || first.total === want.length, q).toBe(true);
      expect(first.ranked).toBe(false);
      expect(first.facets).toBeNull();
      expect(last.totalEstimated).toBe(false);
      expect(last.total).toBe(want.length);
      expect(last.page).toBe(last.pages);
    }
  });

  it('orders the same as the exact pass when sorted by date', async () => {
    for (const q of ['通知', '森林防火', '示政办发〔2025〕21号']) {
      const exact = await search({ q, sort: 'date', pageSize: 50 });
      const windowed = await many({ q, sort: 'date', pageSize: 50 });
      expect(windowed.items.map((i) => i.id), q).toEqual(exact.items.map((i) => i.id));
    }
  });

  it('estimates the count from an eighth of the records, and shows the last page for a page past the end', async () => {
    const r = await many({ q: '通知', pageSize: 5 });
    const real = (await expected('通知', 'relevance')).length;
    if (r.totalEstimated) expect(r.total % 100).toBe(0);
    expect(r.notices.join('')).toContain('找到的信息较多');
    const past = await many({ q: '通知', pageSize: 5, page: 99999 });
    expect(past.totalEstimated).toBe(false);
    expect(past.total).toBe(real);
    expect(past.page).toBe(past.pages);
    expect(past.items.length).toBe(real - (past.pages - 1) * 5);
  });

  it('reads every match while any entry lacks its month (written before the month lexemes), then uses windows again', async () => {
    const want = await expected('通知', 'relevance');
    await database.pool.query(`UPDATE record_search SET index_format = 1 WHERE tenant_id = $1 AND record_id = $2`, [tenantId, want[0]]);
    clearSearchCalendars();
    expect((await everyPage({ q: '通知', pageSize: 9 })).ids).toEqual(want);
    // The sweep rebuilds an entry of an older shape.
    expect((await indexPending(database.db)).indexed).toBe(1);
    const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_search WHERE index_format <> $1`, [INDEX_FORMAT]);
    expect(rows[0]!.n).toBe(0);
    clearSearchCalendars();
    expect((await everyPage({ q: '通知', pageSize: 9 })).ids).toEqual(want);
  });
});

describe('windows of months', () => {
  const cal = { months: [{ month: '2026-03', n: 10 }, { month: '2026-02', n: 10 }, { month: '2026-01', n: 10 }, { month: '2025-12', n: 70 }], size: 100 };
  it('take the newest months that hold enough records, up to the month after today', () => {
    expect(windowLexemes(cal, 15, '2026-05-20')).toEqual(["'~p:2026-02'", "'~p:2026-03'", "'~p:2026-04'", "'~p:2026-05'", "'~p:2026-06'"]);
    expect(windowLexemes(cal, 5, '2026-03-02')).toEqual(["'~p:2026-03'", "'~p:2026-04'"]);
    expect(windowLexemes(cal, 1, '2025-06-01')).toEqual(["'~p:2026-03'", "'~p:2026-04'"]);
  });
  it('are not used when they would cover half the records or more', () => {
    expect(windowLexemes(cal, 40, '2026-03-02')).toBeNull();
    expect(windowLexemes(cal, 1000, '2026-03-02')).toBeNull();
  });
});
