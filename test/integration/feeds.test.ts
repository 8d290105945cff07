// RSS 2.0 and Atom 1.0 feeds (site, catalogue node, unit), the sitemap and robots.txt: well-formed XML,
// escaped text, absolute links on the request's host and protocol, dates in China time, only what is
// published (never a withdrawn record or a draft), and a sitemap index past 50,000 addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { bumpTenant } from '../../src/portal/cache.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let editor: Agent, reviewer: Agent, secrecy: Agent;
let tenantId: string;
let units: { id: string; code: string }[];
let draftId: string;
let markupId: string;
let withdrawnId: string;
const WITHDRAWN_TITLE = '示范县促进县域商业体系建设若干措施';
const MARKUP_TITLE = `订阅测试：<b>加粗</b> & "引号" 'x' 标题`;
const EXTRA = 60;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: 'localhost', ...headers } });

interface Rec {
  id: string;
  version: number;
}

async function publish(over: Record<string, unknown>): Promise<Rec> {
  const created = await editor.post('/api/v1/records', {
    unitId: units.find((u) => u.code === 'fgj')!.id,
    title: '订阅测试通知',
    genre: 'notice',
    attribute: 'proactive',
    bodyHtml: '<p>正文</p>',
    writtenOn: todayLocal(),
    ...over,
  });
  expect(created.statusCode, created.body).toBe(201);
  let r: Rec = created.json();
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

beforeAll(async () => {
  t = await createTestApp();
  [editor, reviewer, secrecy] = (await Promise.all(['editor', 'reviewer', 'secrecy'].map((u) => loginAs(t.app, u)))) as [Agent, Agent, Agent];
  units = (await editor.get('/api/v1/units')).json();
  tenantId = (await editor.get('/api/v1/auth/session')).json().tenant.tenantId;
  const nodes = (await editor.get('/api/v1/catalogue/nodes')).json() as { id: string; code: string }[];
  markupId = (await publish({ title: MARKUP_TITLE, summary: '摘要含 <script>alert(1)</script> & 符号', catalogueNodeId: nodes.find((n) => n.code === '10')!.id })).id;
  const draft = await editor.post('/api/v1/records', { unitId: units.find((u) => u.code === 'fgj')!.id, title: '订阅测试：尚未发布的草稿', genre: 'notice', attribute: 'proactive' });
  draftId = draft.json().id;
  withdrawnId = (await t.database.pool.query('SELECT id FROM records WHERE title = $1', [WITHDRAWN_TITLE])).rows[0].id;
  // More records than a feed holds (50): older copies of a 县统计局 record in its node.
  const { rows } = await t.database.pool.query("SELECT r.id FROM records r JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id WHERE u.code = 'tjj' AND r.state = 'published' LIMIT 1");
  await t.database.pool.query(
    `INSERT INTO records (tenant_id, unit_id, issuer, title, body_html, body_text, index_no, genre, topics, catalogue_node_id, written_on, formed_on, published_at, attribute, state)
     SELECT tenant_id, unit_id, issuer, '统计月报第' || g || '期', '<p>月报</p>', '月报', 'tjj/feed-' || g, 'statistics', topics, catalogue_node_id, written_on, formed_on,
            timestamptz '2020-01-01 10:00:00+08' - make_interval(days => g), 'proactive', 'published'
       FROM records, generate_series(1, ${EXTRA}) AS g WHERE id = $1`,
    [rows[0].id],
  );
  bumpTenant(tenantId);
});

afterAll(async () => {
  await t?.close();
});

// ---- a small XML well-formedness check --------------------------------------------------------------------

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

function checkEntities(text: string, where: string) {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`bad entity in ${where}: ${text.slice(i, i + 12)}`);
  }
}

/** Throws unless the document is well-formed XML with one root element; returns the root's name. */
function wellFormed(doc: string): string {
  let s = doc;
  if (s.startsWith('<?xml')) s = s.slice(s.indexOf('?>') + 2);
  const stack: string[] = [];
  let root: string | null = null;
  let pos = 0;
  while (pos < s.length) {
    const lt = s.indexOf('<', pos);
    const text = lt < 0 ? s.slice(pos) : s.slice(pos, lt);
    if (text.includes('>')) throw new Error(`raw > in text: ${text.slice(0, 40)}`);
    checkEntities(text, 'text');
    if (!stack.length && text.trim()) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
    if (lt < 0) break;
    const gt = s.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const tag = s.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/]+)((?:\s+[^\s=]+="[^"<]*")*)\s*$/.exec(body);
    if (!m || !NAME.test(m[1]!)) throw new Error(`bad tag <${tag.slice(0, 60)}>`);
    for (const a of m[2]!.matchAll(/\s+([^\s=]+)="([^"]*)"/g)) {
      if (!NAME.test(a[1]!)) throw new Error(`bad attribute name ${a[1]}`);
      checkEntities(a[2]!, `attribute ${a[1]}`);
    }
    if (!stack.length) {
      if (root) throw new Error('two root elements');
      root = m[1]!;
    }
    if (!selfClosing) stack.push(m[1]!);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('><')}>`);
  if (!root) throw new Error('no root element');
  return root;
}

const items = (rss: string) => [...rss.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
const entries = (atom: string) => [...atom.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
const tag = (xml: string, name: string) => new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(xml)?.[1];
const idOf = (link: string) => /\/zfxxgk\/info\/([0-9a-f-]{36})$/.exec(link)?.[1];

describe('the checker', () => {
  it('accepts good XML and refuses bad XML', () => {
    expect(wellFormed('<?xml version="1.0"?>\n<a x="1&amp;2"><b>x &lt; y</b><c/></a>\n')).toBe('a');
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a>x < y</a>', '<a x=1/>', '<a></a><b/>', '<a>']) expect(() => wellFormed(bad), bad).toThrow();
  });
});

describe('RSS and Atom feeds', () => {
  it('serves the whole site as RSS 2.0: the latest 50, escaped, with absolute links and RFC 822 dates in +0800', async () => {
    const res = await get('/rss.xml', { host: 'shifan.gongkai.localhost' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(wellFormed(res.body)).toBe('rss');
    expect(res.body).toContain('<rss version="2.0"');
    expect(res.body).toContain('<atom:link href="http://shifan.gongkai.localhost/rss.xml" rel="self" type="application/rss+xml"/>');
    const list = items(res.body);
    expect(list).toHaveLength(50);
    for (const item of list) {
      expect(tag(item, 'link')).toMatch(/^http:\/\/shifan\.gongkai\.localhost\/zfxxgk\/info\/[0-9a-f-]{36}$/);
      expect(tag(item, 'pubDate')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
    }
    // Newest first: the record published just now leads, with its title escaped, never raw markup.
    expect(tag(list[0]!, 'title')).toBe('订阅测试：&lt;b&gt;加粗&lt;/b&gt; &amp; &quot;引号&quot; &apos;x&apos; 标题');
    expect(tag(list[0]!, 'description')).toBe('摘要含 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 符号');
    expect(res.body).not.toContain('<b>加粗');
    expect(res.body).not.toContain('<script>');
    // The demo record published at 09:30 China time carries that time.
    expect(res.body).toContain('<pubDate>Tue, 27 Oct 2026 09:30:00 +0800</pubDate>');
  });

  it('serves the whole site as Atom 1.0 with RFC 3339 dates in +08:00', async () => {
    const res = await get('/atom.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(wellFormed(res.body)).toBe('feed');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(res.body).toContain('<link rel="self" type="application/atom+xml" href="http://localhost/atom.xml"/>');
    expect(tag(res.body, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const list = entries(res.body);
    expect(list).toHaveLength(50);
    expect(tag(list[0]!, 'id')).toBe(`urn:uuid:${markupId}`);
    expect(tag(list[0]!, 'title')).toBe('订阅测试：&lt;b&gt;加粗&lt;/b&gt; &amp; &quot;引号&quot; &apos;x&apos; 标题');
    for (const e of list) {
      expect(tag(e, 'published')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(e).toMatch(/<link rel="alternate" type="text\/html" href="http:\/\/localhost\/zfxxgk\/info\/[0-9a-f-]{36}"\/>/);
    }
    expect(res.body).toContain('<published>2026-10-27T09:30:00+08:00</published>');
  });

  it('never carries a withdrawn record or a draft', async () => {
    for (const url of ['/rss.xml', '/atom.xml', '/zfxxgk/catalogue/02/rss.xml', '/zfxxgk/catalogue/02/atom.xml', '/zfxxgk/units/swj/rss.xml', '/zfxxgk/units/fgj/atom.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      wellFormed(res.body);
      expect(res.body, url).not.toContain(WITHDRAWN_TITLE);
      expect(res.body, url).not.toContain(withdrawnId);
      expect(res.body, url).not.toContain(draftId);
      expect(res.body, url).not.toContain('尚未发布的草稿');
    }
    // The withdrawn record's unit has an empty feed, still valid.
    expect(items((await get('/zfxxgk/units/swj/rss.xml')).body)).toEqual([]);
  });

  it("serves a catalogue node's feed with only that node's records", async () => {
    const expected = (await get('/api/v1/public/records?node=04&pageSize=100')).json() as { total: number; items: { id: string }[] };
    expect(expected.total).toBe(2 + EXTRA);
    const rss = await get('/zfxxgk/catalogue/04/rss.xml');
    expect(wellFormed(rss.body)).toBe('rss');
    expect(rss.body).toContain('<title>示范县人民政府 - 统计信息</title>');
    expect(rss.body).toContain('<link>http://localhost/zfxxgk/catalogue/04/</link>');
    const ids = items(rss.body).map((i) => idOf(tag(i, 'link')!));
    expect(ids).toHaveLength(50);
    expect(ids).toEqual(expected.items.slice(0, 50).map((i) => i.id));
    const atom = await get('/zfxxgk/catalogue/02/atom.xml');
    expect(wellFormed(atom.body)).toBe('feed');
    const node02 = (await get('/api/v1/public/records?node=02')).json() as { items: { id: string }[] };
    expect(entries(atom.body).map((e) => tag(e, 'id'))).toEqual(node02.items.map((i) => `urn:uuid:${i.id}`));
    // 3 of the publishing demo and the 10 benefit policies of the policy demo.
    expect(entries(atom.body).length).toBe(13);
  });

  it("serves a unit's feed with only that unit's records", async () => {
    const res = await get('/zfxxgk/units/fgj/rss.xml');
    expect(wellFormed(res.body)).toBe('rss');
    const expected = (await get('/api/v1/public/records?unit=fgj')).json() as { items: { id: string }[] };
    expect(items(res.body).map((i) => idOf(tag(i, 'link')!))).toEqual(expected.items.map((i) => i.id));
    expect(items(res.body)).toHaveLength(3);
    for (const i of items(res.body)) expect(tag(i, 'dc:creator')).toBe('示范县发展和改革局');
    const atom = await get('/zfxxgk/units/qsz/atom.xml');
    expect(entries(atom.body)).toHaveLength(2);
    expect(atom.body).toContain('<name>示范县青山镇人民政府</name>');
  });

  it('answers an unknown node or unit with a 404 page, an unknown host with the "no such site" page', async () => {
    for (const url of ['/zfxxgk/catalogue/99/rss.xml', '/zfxxgk/units/nope/atom.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('页面不存在');
    }
    const unknown = await get('/rss.xml', { host: 'unknown.example.org' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('未找到该网站');
    expect(unknown.body).not.toContain('示范县');
  });

  it("shows another government's host only its own (empty) feed", async () => {
    const res = await get('/rss.xml', { host: 'duizhao.gongkai.localhost' });
    expect(res.statusCode).toBe(200);
    expect(wellFormed(res.body)).toBe('rss');
    expect(res.body).toContain('对照县人民政府');
    expect(res.body).not.toContain('示范县');
    expect(items(res.body)).toEqual([]);
    const atom = await get('/atom.xml', { host: 'duizhao.gongkai.localhost' });
    expect(wellFormed(atom.body)).toBe('feed');
  });
});

describe('links behind a trusted proxy', () => {
  it("uses the visitor's protocol and host as the proxy reports them", async () => {
    const proxied = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const headers = { host: '10.0.0.5:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shifan.gongkai.localhost' };
      const rss = await proxied.app.inject({ url: '/rss.xml', headers });
      expect(rss.statusCode).toBe(200);
      expect(rss.body).toContain('<link>https://shifan.gongkai.localhost/</link>');
      expect(items(rss.body).every((i) => tag(i, 'link')!.startsWith('https://shifan.gongkai.localhost/zfxxgk/info/'))).toBe(true);
      const robots = await proxied.app.inject({ url: '/robots.txt', headers });
      expect(robots.body).toContain('Sitemap: https://shifan.gongkai.localhost/sitemap.xml');
    } finally {
      await proxied.close();
    }
    // Without a trusted proxy, forwarded headers are ignored.
    const direct = await get('/rss.xml', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(direct.body).toContain('<link>http://localhost/</link>');
    expect(direct.body).not.toContain('evil.example');
  });
});

describe('sitemap and robots.txt', () => {
  it('lists the home page, the column, the catalogue, the browse pages and every published record with its lastmod', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(wellFormed(res.body)).toBe('urlset');
    const locs = [...res.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    for (const path of ['/', '/zfxxgk/', '/zfxxgk/guide/', '/zfxxgk/catalogue/', '/zfxxgk/gfxwj/', '/zfxxgk/catalogue/02/', '/zfxxgk/units/', '/zfxxgk/units/fgj/', '/zfxxgk/topics/', `/zfxxgk/topics/${encodeURIComponent('综合政务')}/`, '/zfxxgk/genres/plan/', '/zfxxgk/years/2026/']) {
      expect(locs, path).toContain(`http://localhost${path}`);
    }
    expect(res.body).toMatch(new RegExp(`<url><loc>http://localhost/zfxxgk/info/${markupId}</loc><lastmod>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00</lastmod></url>`));
    const listed = (await get('/api/v1/public/records?pageSize=1')).json().total as number;
    expect(locs.filter((l) => l.includes('/zfxxgk/info/'))).toHaveLength(listed);
    expect(res.body).not.toContain(draftId);
    expect(res.body).not.toContain(withdrawnId);
    // Parts exist only when the sitemap is split.
    expect((await get('/sitemap-1.xml')).statusCode).toBe(404);
  });

  it('points robots at the sitemap and keeps them out of the console and the API', async () => {
    const res = await get('/robots.txt', { host: 'shifan.gongkai.localhost' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('User-agent: *');
    expect(res.body).toMatch(/^Disallow: \/admin$/m);
    expect(res.body).toMatch(/^Disallow: \/api\/$/m);
    expect(res.body).toContain('Sitemap: http://shifan.gongkai.localhost/sitemap.xml');
  });

  it('splits into a sitemap index with parts of at most 50,000 addresses', async () => {
    const big = await createTestApp();
    try {
      const { rows } = await big.database.pool.query("SELECT id, tenant_id FROM records WHERE state = 'published' AND title LIKE '%统计公报%' LIMIT 1");
      await big.database.pool.query(
        `INSERT INTO records (tenant_id, unit_id, issuer, title, index_no, genre, written_on, formed_on, published_at, attribute, state)
         SELECT tenant_id, unit_id, issuer, '批量' || g, 'bulk-' || g, 'report', written_on, formed_on, timestamptz '2019-01-01 00:00:00+08' + make_interval(secs => g), 'proactive', 'published'
           FROM records, generate_series(1, 50000) AS g WHERE id = $1`,
        [rows[0].id],
      );
      bumpTenant(rows[0].tenant_id);
      const index = await big.app.inject({ url: '/sitemap.xml', headers: { host: 'localhost' } });
      expect(index.statusCode).toBe(200);
      expect(wellFormed(index.body)).toBe('sitemapindex');
      expect([...index.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual(['http://localhost/sitemap-1.xml', 'http://localhost/sitemap-2.xml']);
      const part1 = await big.app.inject({ url: '/sitemap-1.xml', headers: { host: 'localhost' } });
      const part2 = await big.app.inject({ url: '/sitemap-2.xml', headers: { host: 'localhost' } });
      const count = (body: string) => body.split('<url>').length - 1;
      expect(part1.statusCode).toBe(200);
      expect(wellFormed(part2.body)).toBe('urlset');
      expect(count(part1.body)).toBe(50_000);
      expect(part1.body).toContain('<loc>http://localhost/</loc>');
      const { rows: n } = await big.database.pool.query("SELECT count(*)::int AS n FROM records WHERE state IN ('published', 'superseded') AND attribute = 'proactive' AND tenant_id = $1", [rows[0].tenant_id]);
      const pages = part1.body.split('<url>').filter((u) => !u.includes('/zfxxgk/info/')).length - 1;
      expect(count(part1.body) + count(part2.body)).toBe(pages + n[0].n);
      // Every record is in exactly one part.
      const ids = [...(part1.body + part2.body).matchAll(/\/zfxxgk\/info\/([0-9a-f-]{36})</g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(n[0].n);
      expect((await big.app.inject({ url: '/sitemap-3.xml', headers: { host: 'localhost' } })).statusCode).toBe(404);
    } finally {
      await big.close();
    }
  }, 120_000);
});
