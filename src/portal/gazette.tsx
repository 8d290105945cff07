// 政府公报 on the portal: the issues by year, each issue's table of contents with links to its documents,
// and its PDF. Only published issues are shown; anything else answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { formatDateZh } from '../core/calendar/index.ts';
import { hostTenant } from '../http/access.ts';
import type { BlobStore } from '../modules/files/index.ts';
import { publishedIssue, publishedIssuePdf, publishedIssues, type PublicArticle, type PublicIssue } from '../modules/gazette/service.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { Layout, UnknownSitePage } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { formatSize } from './records.tsx';

const BASE = '/zfxxgk/gazette/';

export const issuePath = (i: { year: number; number: number }) => `${BASE}${i.year}/${i.number}/`;
export const issuePdfPath = (i: { year: number; number: number }) => `${BASE}${i.year}/${i.number}.pdf`;

function Crumbs(props: { here: string; issue?: boolean }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> ›{' '}
      {props.issue ? (
        <>
          <a href={BASE}>政府公报</a> ›{' '}
        </>
      ) : null}
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}

export function GazetteIndexPage(props: { tenant: TenantView; issues: PublicIssue[] }) {
  const years = [...new Set(props.issues.map((i) => i.year))];
  return (
    <Layout tenant={props.tenant} title="政府公报" current="/zfxxgk/">
      <Crumbs here="政府公报" />
      <h1>政府公报</h1>
      {!years.length ? (
        <p class="empty">暂无已出版的公报。</p>
      ) : (
        <>
          {years.length > 1 ? (
            <nav aria-label="按年份浏览" class="pager">
              {years.map((y) => (
                <a href={`#y${y}`}>{y}年</a>
              ))}
            </nav>
          ) : null}
          {years.map((y) => (
            <section aria-labelledby={`y${y}`} class="panel">
              <h2 id={`y${y}`}>{y}年</h2>
              <ul class="record-list">
                {props.issues
                  .filter((i) => i.year === y)
                  .map((i) => (
                    <li>
                      <a href={issuePath(i)}>{i.label}</a>
                      <span class="record-list-meta">
                        {i.publishedOn ? <span>{formatDateZh(i.publishedOn)}出版</span> : null}
                        <span>PDF，{formatSize(i.pdfSize)}</span>
                      </span>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

/** Articles grouped by section, in their order. */
function bySection(articles: PublicArticle[]): { section: string | null; articles: PublicArticle[] }[] {
  const groups: { section: string | null; articles: PublicArticle[] }[] = [];
  for (const a of articles) {
    const last = groups[groups.length - 1];
    if (last && last.section === a.section) last.articles.push(a);
    else groups.push({ section: a.section, articles: [a] });
  }
  return groups;
}

function ArticleList(props: { articles: PublicArticle[] }) {
  return (
    <ol class="record-list">
      {props.articles.map((a) => (
        <li>
          {a.recordId ? <a href={`/zfxxgk/info/${a.recordId}`}>{a.title}</a> : <span>{a.title}</span>}
          {a.docNo ? (
            <span class="record-list-meta">
              <span>{a.docNo}</span>
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function GazetteIssuePage(props: { tenant: TenantView; issue: PublicIssue & { articles: PublicArticle[] } }) {
  const { issue } = props;
  const groups = bySection(issue.articles);
  return (
    <Layout tenant={props.tenant} title={issue.title} current="/zfxxgk/">
      <Crumbs here={issue.label} issue />
      <h1>{issue.title}</h1>
      {issue.publishedOn ? <p>出版日期：{formatDateZh(issue.publishedOn)}</p> : null}
      <p>
        <a href={issuePdfPath(issue)} type="application/pdf">
          下载本期公报全文
        </a>{' '}
        <span class="file-meta">（PDF，{formatSize(issue.pdfSize)}）</span>
      </p>
      <section aria-labelledby="toc-heading">
        <h2 id="toc-heading">目录</h2>
        {!issue.articles.length ? (
          <p class="empty">{issue.isBackIssue ? '本期为往期公报，请下载 PDF 阅读全文。' : '本期无目录。'}</p>
        ) : (
          groups.map((g, i) =>
            g.section ? (
              <section aria-labelledby={`section-${i}`}>
                <h3 id={`section-${i}`}>{g.section}</h3>
                <ArticleList articles={g.articles} />
              </section>
            ) : (
              <ArticleList articles={g.articles} />
            ),
          )
        )}
      </section>
      <p>
        <a href={BASE}>返回政府公报</a>
      </p>
    </Layout>
  );
}

function render(vnode: VNode): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

async function tenantOr404(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply): Promise<TenantView | null> {
  const tenant = await hostTenant(db, config, req);
  if (!tenant) {
    sendHtml(reply, render(<UnknownSitePage host={req.hostname} />), 404);
    return null;
  }
  return tenant;
}

/** A year or issue number in a URL: digits only, in range. */
function num(v: string, min: number, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

export function gazettePortalRoutes(app: FastifyInstance, { db, config, blobs }: { db: Db; config: Config; blobs: BlobStore }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };

  app.get('/zfxxgk/gazette', opts, async (_req, reply) => reply.redirect(BASE, 301));

  app.get(BASE, opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (tenant) return sendHtml(reply, render(<GazetteIndexPage tenant={tenant} issues={await publishedIssues(db, tenant.tenantId)} />));
  });

  app.get<{ Params: { year: string; number: string } }>(`${BASE}:year/:number/`, opts, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const year = num(req.params.year, 1949, 2100);
    const number = num(req.params.number, 1, 999);
    const issue = year && number ? await publishedIssue(db, tenant.tenantId, year, number) : null;
    if (!issue) return sendHtml(reply, render(<NotFoundPage tenant={tenant} />), 404);
    return sendHtml(reply, render(<GazetteIssuePage tenant={tenant} issue={issue} />));
  });

  // `/zfxxgk/gazette/2026/3.pdf` is the PDF; `/zfxxgk/gazette/2026/3` goes to the issue's page. Not marked
  // as an HTML page, so that the portal's page cache (src/portal/cache.ts) leaves the file to the browser's
  // cache (ETag) instead of keeping megabytes of PDF in memory and dropping its headers.
  app.get<{ Params: { year: string; number: string } }>(`${BASE}:year/:number`, { config: { access: 'public' as const }, schema: { hide: true } }, async (req, reply) => {
    const tenant = await tenantOr404(db, config, req, reply);
    if (!tenant) return;
    const year = num(req.params.year, 1949, 2100);
    const m = /^(\d{1,4})(\.pdf)?$/i.exec(req.params.number);
    const number = m ? num(m[1]!, 1, 999) : undefined;
    if (year && number && !m![2]) return reply.redirect(issuePath({ year, number }), 301);
    const pdf = year && number ? await publishedIssuePdf(db, tenant.tenantId, year, number) : null;
    if (!pdf) return sendHtml(reply, render(<NotFoundPage tenant={tenant} />), 404);
    const etag = `"${pdf.blobKey.slice(3)}"`;
    if (req.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send();
    const bytes = await blobs.get(pdf.blobKey);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${year}-${number}.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', etag)
      .send(Buffer.from(bytes));
  });
}
