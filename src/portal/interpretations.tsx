// 政策解读 on the portal: the list of published interpretations and each one's page, linked both ways with
// the policy it explains (the record page lists its interpretations under 相关解读).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import { latestInterpretations, publicInterpretation, type PublicInterpretation } from '../modules/interpretation/service.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { Layout, UnknownSitePage } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { renderHtml } from './routes.tsx';

export const INTERPRETATIONS_PATH = '/zfxxgk/zcjd/';
const PAGE_SIZE = 20;

function Crumbs(props: { here?: string }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> › {props.here ? <><a href={INTERPRETATIONS_PATH}>政策解读</a> › <span aria-current="page">{props.here}</span></> : <span aria-current="page">政策解读</span>}
    </nav>
  );
}

export function InterpretationList(props: { items: PublicInterpretation[] }) {
  if (!props.items.length) return <p class="empty">暂无政策解读。</p>;
  return (
    <ul class="record-list">
      {props.items.map((i) => (
        <li>
          <a href={`${INTERPRETATIONS_PATH}${i.id}`}>{i.title}</a>
          <span class="record-list-meta">
            <span>{i.formLabel}</span>
            <span>{i.publishedOn}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function InterpretationsPage(props: { tenant: TenantView; items: PublicInterpretation[]; page: number; pages: number; total: number }) {
  return (
    <Layout tenant={props.tenant} title="政策解读" current="/zfxxgk/">
      <Crumbs />
      <h1>政策解读</h1>
      <p>政策文件的起草单位对文件的出台背景、主要内容、适用范围和办理方式等所作的解读（谁起草、谁解读）。共 {props.total} 篇。</p>
      <InterpretationList items={props.items} />
      {props.pages > 1 ? (
        <nav aria-label="分页" class="pager">
          {props.page > 1 ? (
            <a href={`${INTERPRETATIONS_PATH}?page=${props.page - 1}`} rel="prev">
              上一页
            </a>
          ) : null}
          <span>
            第 {props.page} / {props.pages} 页
          </span>
          {props.page < props.pages ? (
            <a href={`${INTERPRETATIONS_PATH}?page=${props.page + 1}`} rel="next">
              下一页
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function InterpretationPage(props: { tenant: TenantView; item: PublicInterpretation }) {
  const i = props.item;
  return (
    <Layout tenant={props.tenant} title={i.title} current="/zfxxgk/">
      <Crumbs here={i.title} />
      <article class="record">
        <h1>{i.title}</h1>
        <p class="file-meta">
          {i.formLabel} · {i.unitName}
          {i.speaker ? ` · 解读人：${i.speaker}` : ''} · {i.publishedOn}
        </p>
        <p class="banner" role="note">
          解读的政策：<a href={`/zfxxgk/info/${i.policy.id}`}>{i.policy.title}</a>
          {i.policy.docNo ? `（${i.policy.docNo}）` : ''}
        </p>
        {i.mediaUrl ? (
          <p>
            <a href={i.mediaUrl} rel="noopener noreferrer">
              收看或收听{i.formLabel}（外部链接）
            </a>
          </p>
        ) : null}
        {/* Sanitised when saved, like a record's body. */}
        <div class="record-body" dangerouslySetInnerHTML={{ __html: i.bodyHtml }} />
      </article>
    </Layout>
  );
}

export function interpretationPortalRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };
  const send = (reply: { code: (n: number) => { type: (t: string) => { send: (b: string) => unknown } } }, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(html);

  app.get('/zfxxgk/zcjd', opts, async (_req, reply) => reply.redirect(INTERPRETATIONS_PATH, 301));
  app.get<{ Querystring: Record<string, string> }>(INTERPRETATIONS_PATH, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const asked = /^\d{1,5}$/.test(req.query?.page ?? '') ? Number(req.query.page) : 1;
    let { total, items } = await latestInterpretations(db, tenant.tenantId, PAGE_SIZE, Math.max(1, asked));
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(Math.max(1, asked), pages);
    if (page !== asked) items = (await latestInterpretations(db, tenant.tenantId, PAGE_SIZE, page)).items;
    return send(reply, renderHtml(<InterpretationsPage tenant={tenant} items={items} page={page} pages={pages} total={total} />));
  });
  app.get<{ Params: { id: string } }>(`${INTERPRETATIONS_PATH}:id`, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const item = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await publicInterpretation(db, tenant.tenantId, req.params.id) : null;
    if (!item) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<InterpretationPage tenant={tenant} item={item} />));
  });
}
