// Record pages and the library of normative documents. A withdrawn record still answers at its URL, with
// its public note; a superseded or repealed one says so above its text.
import type { TenantView } from '../modules/org/tenants.ts';
import type { LibraryFilter, PublicListItem, PublicRecord } from '../modules/publishing/public.ts';
import { VALIDITY_LABELS, VALIDITIES } from '../core/publishing/validity.ts';
import { Layout } from './layout.tsx';
import type { PublicInterpretation } from '../modules/interpretation/service.ts';
import { pageContext } from './context.ts';
import type { NodeView } from '../modules/publishing/nodes.ts';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const KIND_LABELS: Record<string, string> = { pdf: 'PDF', docx: 'Word', doc: 'Word', xlsx: 'Excel', xls: 'Excel', png: '图片', jpeg: '图片', gif: '图片', webp: '图片' };

function Crumbs(props: { here: string; middle?: { href: string; label: string } }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> ›{' '}
      {props.middle ? (
        <>
          <a href={props.middle.href}>{props.middle.label}</a> ›{' '}
        </>
      ) : null}
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}

export function RecordPage(props: { tenant: TenantView; record: PublicRecord; interpretations?: PublicInterpretation[] }) {
  const r = props.record;
  const jd = props.interpretations ?? [];
  if (r.state === 'withdrawn') {
    return (
      <Layout tenant={props.tenant} title={r.title} current="/zfxxgk/">
        <Crumbs here={r.title} />
        <h1>{r.title}</h1>
        <div class="banner banner-withdrawn" role="note">
          <p>
            <strong>本信息已于 {r.withdrawnOn} 撤回。</strong>
          </p>
          <p>撤回说明：{r.withdrawnNote}</p>
        </div>
        <dl class="meta">
          <dt>索引号</dt>
          <dd>{r.indexNo}</dd>
          <dt>发布机构</dt>
          <dd>{r.publisher}</dd>
          {r.docNo ? (
            <>
              <dt>文号</dt>
              <dd>{r.docNo}</dd>
            </>
          ) : null}
        </dl>
      </Layout>
    );
  }
  return (
    <Layout tenant={props.tenant} title={r.title} current="/zfxxgk/">
      <Crumbs here={r.title} />
      {r.state === 'superseded' ? (
        <div class="banner" role="note">
          本信息已被新版本替代{r.supersededBy ? <>：<a href={`/zfxxgk/info/${r.supersededBy.id}`}>{r.supersededBy.title}</a></> : '。'}
        </div>
      ) : null}
      {r.validity && r.validity !== 'valid' ? (
        <div class="banner" role="note">
          本文件{r.validityLabel}
          {r.validity === 'amended' && r.amendedBy ? <>，修改文件：<a href={`/zfxxgk/info/${r.amendedBy.id}`}>{r.amendedBy.title}</a></> : null}。
        </div>
      ) : null}
      <table class="meta-table">
        <caption class="visually-hidden">信息属性</caption>
        <tbody>
          <tr>
            <th scope="row">索引号</th>
            <td>{r.indexNo}</td>
            <th scope="row">发布机构</th>
            <td>{r.publisher}</td>
          </tr>
          <tr>
            <th scope="row">成文日期</th>
            <td>{r.writtenOn ?? '—'}</td>
            <th scope="row">发布日期</th>
            <td>{r.publishedOn ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">文号</th>
            <td>{r.docNo ?? '—'}</td>
            <th scope="row">主题分类</th>
            <td>{r.topics.join('、') || '—'}</td>
          </tr>
          <tr>
            <th scope="row">发文机关</th>
            <td>{r.issuer}</td>
            <th scope="row">{r.validity ? '有效性' : '体裁'}</th>
            <td>{r.validity ? r.validityLabel : r.genreLabel}</td>
          </tr>
        </tbody>
      </table>
      {pageContext().print ? (
        <p class="print-actions">
          打印版：请使用浏览器的“打印”功能。<a href={`/zfxxgk/info/${r.id}`}>返回正常版</a>
        </p>
      ) : (
        <p class="print-actions">
          <a href={`/zfxxgk/info/${r.id}?print=1`}>打印版</a>
        </p>
      )}
      <article class="record">
        <h1>{r.title}</h1>
        {/* The body was sanitised to a small whitelist when it was saved. */}
        <div class="record-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
        {r.attachments.length ? (
          <section aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">附件</h2>
            <ul class="attachments">
              {r.attachments.map((a) => (
                <li>
                  <a href={`/zfxxgk/files/${a.id}`} download={a.fileName}>
                    {a.fileName}
                  </a>{' '}
                  <span class="file-meta">
                    （{KIND_LABELS[a.kind] ?? a.kind}，{formatSize(a.size)}）
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {jd.length ? (
          <section aria-labelledby="interpretations-heading" class="related">
            <h2 id="interpretations-heading">相关解读</h2>
            <ul class="attachments">
              {jd.map((i) => (
                <li>
                  <a href={`/zfxxgk/zcjd/${i.id}`}>{i.title}</a> <span class="file-meta">（{i.formLabel}，{i.publishedOn}）</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

export function RecordList(props: { items: PublicListItem[]; showValidity?: boolean }) {
  if (!props.items.length) return <p class="empty">暂无信息。</p>;
  return (
    <ul class="record-list">
      {props.items.map((i) => (
        <li>
          <a href={`/zfxxgk/info/${i.id}`}>{i.title}</a>
          <span class="record-list-meta">
            {i.docNo ? <span>{i.docNo}</span> : null}
            {props.showValidity && i.validityLabel ? <span>{i.validityLabel}</span> : null}
            <span>{i.publishedOn}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function LibraryPage(props: { tenant: TenantView; filter: LibraryFilter; result: { items: PublicListItem[]; total: number; page: number; pageSize: number; issuers: string[] }; years: number[] }) {
  const { filter, result } = props;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (page: number) => {
    const q = new URLSearchParams();
    if (filter.issuer) q.set('issuer', filter.issuer);
    if (filter.year) q.set('year', String(filter.year));
    if (filter.validity && filter.validity !== 'valid') q.set('validity', filter.validity);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `?${s}` : '';
  };
  return (
    <Layout tenant={props.tenant} title="行政规范性文件库" current="/zfxxgk/">
      <Crumbs here="行政规范性文件库" />
      <h1>行政规范性文件库</h1>
      <p>本级政府及所属单位制发的行政规范性文件。默认列出现行有效的文件。</p>
      <form method="get" action="/zfxxgk/gfxwj/" class="filters">
        <label>
          发文机关
          <select name="issuer">
            <option value="">全部</option>
            {result.issuers.map((i) => (
              <option value={i} selected={filter.issuer === i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          年份
          <select name="year">
            <option value="">全部</option>
            {props.years.map((y) => (
              <option value={String(y)} selected={filter.year === y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          有效性
          <select name="validity">
            {VALIDITIES.map((v) => (
              <option value={v} selected={(filter.validity ?? 'valid') === v}>
                {VALIDITY_LABELS[v]}
              </option>
            ))}
            <option value="all" selected={filter.validity === 'all'}>
              全部
            </option>
          </select>
        </label>
        <button type="submit">筛选</button>
      </form>
      <p role="status">共 {result.total} 件</p>
      <RecordList items={result.items} showValidity />
      {pages > 1 ? (
        <nav aria-label="分页" class="pager">
          {result.page > 1 ? <a href={`/zfxxgk/gfxwj/${query(result.page - 1)}`}>上一页</a> : null}
          <span>
            第 {result.page} / {pages} 页
          </span>
          {result.page < pages ? <a href={`/zfxxgk/gfxwj/${query(result.page + 1)}`}>下一页</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function CatalogueTreePage(props: { tenant: TenantView; nodes: NodeView[] }) {
  const top = props.nodes.filter((n) => !n.parentId);
  const children = (id: string) => props.nodes.filter((n) => n.parentId === id);
  const Tree = (p: { list: NodeView[] }) => (
    <ul class="catalogue-tree">
      {p.list.map((n) => (
        <li>
          <a href={`/zfxxgk/catalogue/${encodeURIComponent(n.code)}/`}>{n.name}</a>
          {children(n.id).length ? <Tree list={children(n.id)} /> : null}
        </li>
      ))}
    </ul>
  );
  return (
    <Layout tenant={props.tenant} title="法定主动公开内容" current="/zfxxgk/">
      <Crumbs here="法定主动公开内容" />
      <h1>法定主动公开内容</h1>
      {top.length ? <Tree list={top} /> : <p class="empty">本栏目暂无内容。</p>}
    </Layout>
  );
}

export function CatalogueNodePage(props: { tenant: TenantView; node: NodeView; result: { items: PublicListItem[]; total: number; page: number; pageSize: number } }) {
  const { node, result } = props;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const base = `/zfxxgk/catalogue/${encodeURIComponent(node.code)}/`;
  return (
    <Layout tenant={props.tenant} title={node.name} current="/zfxxgk/">
      <Crumbs here={node.name} middle={{ href: '/zfxxgk/catalogue/', label: '法定主动公开内容' }} />
      <h1>{node.name}</h1>
      <p role="status">共 {result.total} 条</p>
      <RecordList items={result.items} />
      {pages > 1 ? (
        <nav aria-label="分页" class="pager">
          {result.page > 1 ? <a href={result.page === 2 ? base : `${base}?page=${result.page - 1}`}>上一页</a> : null}
          <span>
            第 {result.page} / {pages} 页
          </span>
          {result.page < pages ? <a href={`${base}?page=${result.page + 1}`}>下一页</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
