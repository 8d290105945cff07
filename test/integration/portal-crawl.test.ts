// A crawl of the whole demo portal, every page and every public attachment: no unmasked valid ID-card or
// mobile number anywhere. The crawler is first shown to find one that was planted, so a clean result means
// something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/core/privacy/index.ts';
import { classifyUpload } from '../../src/core/files/sniff.ts';
import { extractText } from '../../src/modules/files/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bumpTenant } from '../../src/portal/cache.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Hit {
  url: string;
  kind: string;
  masked: string;
}

async function crawl(host: string): Promise<{ pages: number; files: number; hits: Hit[] }> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const hits: Hit[] = [];
  let pages = 0;
  let files = 0;
  while (queue.length) {
    const url = queue.shift()!;
    const res = await t.app.inject({ url, headers: { host, accept: 'text/html' } });
    expect(res.statusCode, url).toBeLessThan(500);
    if (res.statusCode !== 200) continue;
    const type = String(res.headers['content-type'] ?? '');
    let text: string;
    if (type.includes('text/html')) {
      pages++;
      const html = res.body;
      for (const m of html.matchAll(/href="([^"#]+)"/g)) {
        const link = m[1]!.replace(/&amp;/g, '&');
        if (!link.startsWith('/') || link.startsWith('//') || link.startsWith('/admin') || link.startsWith('/api/') || link.startsWith('/assets/')) continue;
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
      text = html.replace(/<[^>]+>/g, ' ');
    } else if (/^(application\/(rss\+|atom\+)?xml|text\/xml)/.test(type)) {
      // Feeds and sitemaps are public too: their text is scanned like a page's.
      text = res.body.replace(/<[^>]+>/g, ' ');
    } else {
      files++;
      const bytes = new Uint8Array(res.rawPayload);
      const kind = await classifyUpload(bytes, url.split('/').pop() ?? 'file');
      expect(kind.ok, `${url} is a document`).toBe(true);
      text = kind.ok ? (await extractText(bytes, kind.kind)).text : '';
    }
    for (const f of findPersonalData(text)) if (f.kind === 'id_card' || f.kind === 'mobile') hits.push({ url, kind: f.kind, masked: f.masked });
  }
  return { pages, files, hits };
}

describe('portal crawl', () => {
  it('finds a planted ID number, then none on the demo portal: pages and attachments', async () => {
    // Planted past the guard, straight into the database: the crawler must see it.
    const { rows } = await t.database.pool.query(
      "UPDATE records SET body_html = body_html || '<p>联系人身份证 11010519491231002X</p>' WHERE id = (SELECT id FROM records WHERE state = 'published' AND title LIKE '%统计公报%' LIMIT 1) RETURNING id, tenant_id",
    );
    expect(rows).toHaveLength(1);
    const planted = await crawl('localhost');
    // Found on the record's page and on its print view, nowhere else.
    expect(planted.hits.length).toBeGreaterThanOrEqual(1);
    for (const hit of planted.hits) expect(hit).toMatchObject({ url: expect.stringMatching(new RegExp(`^/zfxxgk/info/${rows[0].id}`)), kind: 'id_card' });
    await t.database.pool.query("UPDATE records SET body_html = replace(body_html, '<p>联系人身份证 11010519491231002X</p>', '') WHERE id = $1", [rows[0].id]);
    // Changed behind the service's back: drop the cached pages as a publication would.
    bumpTenant(rows[0].tenant_id);

    const clean = await crawl('localhost');
    expect(clean.pages).toBeGreaterThan(15);
    expect(clean.files).toBeGreaterThanOrEqual(1);
    expect(clean.hits).toEqual([]);
  });
});
