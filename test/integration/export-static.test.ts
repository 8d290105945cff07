// The static export: every public page of the demo county written as files, each at the path its URL maps
// to, attachments included, with an nginx configuration that serves them under the site's own URLs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStatic, fileFor } from '../../src/portal/export-static.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let out: string;
beforeAll(async () => {
  t = await createTestApp();
  out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-export-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('static export', () => {
  it('maps URLs to files: directories, pages without extension, query strings', () => {
    expect(fileFor('/', true)).toBe('/index.html');
    expect(fileFor('/zfxxgk/', true)).toBe('/zfxxgk/index.html');
    expect(fileFor('/zfxxgk/info/abc', true)).toBe('/zfxxgk/info/abc/index.html');
    expect(fileFor('/zfxxgk/files/abc', false)).toBe('/zfxxgk/files/abc');
    expect(fileFor('/zfxxgk/gfxwj/?validity=all&page=2', true)).toBe('/zfxxgk/gfxwj/__q/validity=all&page=2.html');
    // Dot segments are resolved by URL parsing: the file always stays inside the export folder.
    expect(fileFor('/a/%2e%2e/%2e%2e/etc/passwd', true)).toBe('/etc/passwd/index.html');
    expect(() => fileFor('/a/%00b', true)).toThrow();
  });

  it('writes the whole demo site: home, column, records, library, attachments', async () => {
    const r = await exportStatic(t.app, { host: 'localhost', outDir: out });
    expect(r.pages).toBeGreaterThan(15);
    expect(r.files).toBeGreaterThanOrEqual(2);
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('示范县人民政府');
    const { rows } = await t.database.pool.query("SELECT r.id, r.title FROM records r WHERE r.state = 'published' AND r.title LIKE '青山镇%' AND EXISTS (SELECT 1 FROM record_attachments a WHERE a.record_id = r.id) ORDER BY r.published_at, r.id");
    const page = readFileSync(path.join(out, 'zfxxgk', 'info', rows[0].id, 'index.html'), 'utf8');
    expect(page).toContain(rows[0].title);
    const att = (await t.database.pool.query('SELECT id, size FROM record_attachments WHERE record_id = $1', [rows[0].id])).rows[0];
    expect(readFileSync(path.join(out, 'zfxxgk', 'files', att.id)).length).toBe(Number(att.size));
    expect(existsSync(path.join(out, 'assets', 'portal.css'))).toBe(true);
    expect(existsSync(path.join(out, 'zfxxgk', 'gfxwj', 'index.html'))).toBe(true);
    expect(readFileSync(path.join(out, 'nginx.conf.example'), 'utf8')).toContain('try_files');
    // Search: one page whose script asks the live site's open API; without JavaScript the form goes there.
    expect(r.skipped.filter((u) => u.startsWith('/search'))).toEqual([]);
    const search = readFileSync(path.join(out, 'search', 'index.html'), 'utf8');
    expect(search).toContain('id="static-search-results"');
    expect(search).toContain('<script src="/assets/static-search.js" data-api="" defer></script>');
    expect(readFileSync(path.join(out, 'assets', 'static-search.js'), 'utf8')).toContain('/api/v1/public/search');
    expect(existsSync(path.join(out, 'search', '__q'))).toBe(false);
    // Nothing of the console or the API is exported.
    expect(existsSync(path.join(out, 'admin'))).toBe(false);
    expect(existsSync(path.join(out, 'api'))).toBe(false);
  });

  it('points the static search page at the live site when told its address', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-export-api-'));
    try {
      await exportStatic(t.app, { host: 'localhost', outDir: dir, apiBase: 'https://www.shifan.gov.cn/', maxUrls: 5 });
      const search = readFileSync(path.join(dir, 'search', 'index.html'), 'utf8');
      expect(search).toContain('action="https://www.shifan.gov.cn/search"');
      expect(search).toContain('data-api="https://www.shifan.gov.cn"');
      // The open API answers other origins, so the exported page may call it from anywhere.
      const api = await t.app.inject({ url: '/api/v1/public/search?q=%E9%80%9A%E7%9F%A5', headers: { host: 'localhost', origin: 'https://cdn.example.org' } });
      expect(api.statusCode).toBe(200);
      expect(api.headers['access-control-allow-origin']).toBe('*');
      expect(api.json().total).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
