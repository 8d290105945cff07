// `gongkai export-static`: the whole public site of one tenant written as files that any web server or CDN
// can serve. Pages are rendered by the running application itself (in-process requests), following every
// link from the home page, the sitemap and the feeds; search, which needs the server, calls the live API.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../server.ts';

export interface ExportResult {
  pages: number;
  files: number;
  bytes: number;
  skipped: string[];
}

export interface ExportOptions {
  host: string;
  outDir: string;
  /** Where the live site answers searches (e.g. https://www.example.gov.cn); default: same origin. */
  apiBase?: string;
  /** Stop after this many URLs (a safety net; the sitemap of a large county has tens of thousands). */
  maxUrls?: number;
}

/** The file an URL is written to: directories get index.html; a query string gets its own file. */
export function fileFor(url: string, isHtml: boolean): string {
  const u = new URL(url, 'http://x');
  let p = decodeURIComponent(u.pathname);
  if (p.includes('..') || p.includes('\0')) throw new Error(`unsafe path ${url}`);
  if (u.search) {
    // nginx: try_files $uri/__q/$args.html — the raw query string names the file.
    const q = u.search.slice(1).replace(/[/\\]/g, '_');
    const dir = p.endsWith('/') ? p : `${p}/`;
    return `${dir}__q/${q}.html`;
  }
  if (p.endsWith('/')) return `${p}index.html`;
  if (isHtml && !path.extname(p)) p = `${p}/index.html`;
  return p;
}

function linksOf(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/(?:href|src)="([^"#]+)"/g)) out.push(m[1]!.replace(/&amp;/g, '&'));
  for (const m of body.matchAll(/<loc>([^<]+)<\/loc>/g)) out.push(m[1]!);
  for (const m of body.matchAll(/<link>([^<]+)<\/link>/g)) out.push(m[1]!);
  return out;
}

function localPath(link: string, host: string): string | null {
  let l = link.trim();
  if (/^https?:\/\//i.test(l)) {
    const u = new URL(l);
    if (u.host !== host) return null;
    l = u.pathname + u.search;
  }
  if (!l.startsWith('/') || l.startsWith('//')) return null;
  // What only the live server can do: the console, the API, the accessibility toggles (a cookie).
  // Search is written once, as a page that asks the live API (writeSearchPage).
  if (l.startsWith('/admin') || l.startsWith('/api/') || l.startsWith('/a11y/') || l === '/search' || l.startsWith('/search?')) return null;
  return l;
}

export async function exportStatic(app: App, opts: ExportOptions): Promise<ExportResult> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const push = (u: string | null) => {
    if (u && !seen.has(u)) {
      seen.add(u);
      queue.push(u);
    }
  };
  for (const start of ['/', '/sitemap.xml', '/robots.txt', '/rss.xml', '/atom.xml', '/assets/portal.css', '/zfxxgk/gfxwj/']) push(start);
  const result: ExportResult = { pages: 0, files: 0, bytes: 0, skipped: [] };
  const max = opts.maxUrls ?? 200_000;
  while (queue.length) {
    if (result.pages + result.files >= max) {
      result.skipped.push(...queue.splice(0));
      break;
    }
    const url = queue.shift()!;
    const res = await app.inject({ url, headers: { host: opts.host, accept: 'text/html' } });
    if (res.statusCode !== 200) {
      if (res.statusCode !== 304) result.skipped.push(`${url} (${res.statusCode})`);
      continue;
    }
    const type = String(res.headers['content-type'] ?? '');
    const isHtml = type.includes('text/html');
    const file = path.join(opts.outDir, fileFor(url, isHtml));
    await mkdir(path.dirname(file), { recursive: true });
    const bytes = res.rawPayload;
    await writeFile(file, bytes);
    result.bytes += bytes.length;
    if (isHtml) result.pages++;
    else result.files++;
    if (isHtml || type.includes('xml')) for (const l of linksOf(res.body)) push(localPath(l, opts.host));
  }
  await writeSearchPage(app, opts, result);
  await writeFile(path.join(opts.outDir, 'nginx.conf.example'), nginxConf(opts.outDir));
  return result;
}

/**
 * The search page of the export: the live page's form, and a script that asks the live site's open API
 * (GET /api/v1/public/search, open to other origins) and shows the results. Without JavaScript the form
 * is sent to the live site itself when its address is known.
 */
async function writeSearchPage(app: App, opts: ExportOptions, result: ExportResult) {
  const res = await app.inject({ url: '/search', headers: { host: opts.host, accept: 'text/html' } });
  if (res.statusCode !== 200) {
    result.skipped.push(`/search (${res.statusCode})`);
    return;
  }
  const api = (opts.apiBase ?? '').replace(/\/+$/, '');
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let html = res.body.replace(/<\/form>/, '</form><div id="static-search-results" aria-live="polite"></div>');
  if (api) html = html.replace(/action="\/search"/g, `action="${attr(api)}/search"`);
  html = html.replace('</body>', `<script src="/assets/static-search.js" data-api="${attr(api)}" defer></script></body>`);
  const file = path.join(opts.outDir, 'search', 'index.html');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, html);
  result.pages++;
  result.bytes += Buffer.byteLength(html);
  const js = await app.inject({ url: '/assets/static-search.js', headers: { host: opts.host } });
  if (js.statusCode === 200) {
    await mkdir(path.join(opts.outDir, 'assets'), { recursive: true });
    await writeFile(path.join(opts.outDir, 'assets', 'static-search.js'), js.rawPayload);
    result.files++;
  }
}

/** A server block that serves the export with the site's own URLs. */
export function nginxConf(root: string): string {
  return `# Gongkai static export: serve with nginx (adjust server_name and root).
server {
    listen 80;
    server_name _;
    root ${path.resolve(root)};
    charset utf-8;
    location /zfxxgk/files/ { default_type application/octet-stream; try_files $uri =404; }
    location / {
        # Pages with a query string (pagination, filters) were written to <path>/__q/<query>.html.
        try_files $uri/__q/$args.html $uri $uri/index.html =404;
    }
    # search/index.html asks the live site's open API (export-static --api-base) from the browser.
}
`;
}
