// Portal pages of the shell: the home page and the 政府信息公开 column's entry page.
import type { TenantView } from '../modules/org/tenants.ts';
import type { PublicListItem } from '../modules/publishing/public.ts';
import { Layout } from './layout.tsx';
import { RecordList } from './records.tsx';
import { SearchBox } from './search.tsx';
import { InterpretationList } from './interpretations.tsx';
import type { PublicInterpretation } from '../modules/interpretation/service.ts';

/** The four parts of the 政府信息公开 column (rules/catalogue.md §5). */
export const COLUMN_PARTS = [
  { slug: 'guide', title: '政府信息公开指南', text: '如何获取政府信息：主动公开的范围和方式，依申请公开的受理机构、地址、时间、电话和办理流程。' },
  { slug: 'rules', title: '政府信息公开制度', text: '本机关政府信息公开工作的规章制度。' },
  { slug: 'catalogue', title: '法定主动公开内容', text: '按主动公开基本目录分类的政府信息。' },
  { slug: 'reports', title: '政府信息公开年报', text: '按年度发布的政府信息公开工作年度报告。' },
] as const;

/** Genres shown under 通知公告 on the home page. */
export const NOTICE_GENRES = ['notice', 'announcement'] as const;

export function HomePage(props: { tenant: TenantView; latest: PublicListItem[]; notices: PublicListItem[]; interpretations: PublicInterpretation[] }) {
  const { tenant } = props;
  return (
    <Layout tenant={tenant} title={tenant.settings.portalTitle || `${tenant.name}门户网站`} current="/">
      <h1 class="visually-hidden">{tenant.name}</h1>
      <section class="home-search" aria-label="站内搜索">
        <SearchBox id="home-search-q" />
      </section>
      <div class="home-columns">
        <section aria-labelledby="latest-heading" class="panel">
          <h2 id="latest-heading">最新信息</h2>
          {props.latest.length ? <RecordList items={props.latest} /> : <p class="empty">暂无已发布的信息。</p>}
        </section>
        <section aria-labelledby="notices-heading" class="panel">
          <h2 id="notices-heading">
            <a href="/zfxxgk/genres/notice/">通知公告</a>
          </h2>
          {props.notices.length ? <RecordList items={props.notices} /> : <p class="empty">暂无通知公告。</p>}
        </section>
      </div>
      <section aria-labelledby="jd-heading" class="panel">
        <h2 id="jd-heading">
          <a href="/zfxxgk/zcjd/">政策解读</a>
        </h2>
        <InterpretationList items={props.interpretations} />
      </section>
      <section aria-labelledby="column-heading" class="panel">
        <h2 id="column-heading">
          <a href="/zfxxgk/">政府信息公开</a>
        </h2>
        <ul class="cards">
          {COLUMN_PARTS.map((p) => (
            <li>
              <a href={`/zfxxgk/${p.slug}/`}>{p.title}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="request-heading" class="panel">
        <h2 id="request-heading">
          <a href="/zfxxgk/ysqgk/">依申请公开</a>
        </h2>
        <ul class="cards">
          <li>
            <a href="/zfxxgk/ysqgk/apply?type=person">公民申请</a>
          </li>
          <li>
            <a href="/zfxxgk/ysqgk/apply?type=org">法人或其他组织申请</a>
          </li>
          <li>
            <a href="/zfxxgk/ysqgk/query">查询办理进度</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function ColumnPage(props: { tenant: TenantView }) {
  return (
    <Layout tenant={props.tenant} title="政府信息公开" current="/zfxxgk/">
      <nav aria-label="当前位置" class="breadcrumb">
        <a href="/">首页</a> › <span aria-current="page">政府信息公开</span>
      </nav>
      <h1>政府信息公开</h1>
      <ul class="column-parts">
        {COLUMN_PARTS.map((p) => (
          <li>
            <h2>
              <a href={`/zfxxgk/${p.slug}/`}>{p.title}</a>
            </h2>
            <p>{p.text}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/zfxxgk/zcjd/">政策解读</a>：政策文件起草单位对文件的解读。
      </p>
      <p>
        <a href="/zfxxgk/ysqgk/">依申请公开</a>：在线申请获取主动公开以外的政府信息，凭申请编号和查询码查询办理进度和答复。
      </p>
      <p>
        <a href="/zfxxgk/gfxwj/">行政规范性文件库</a>：本级政府及所属单位现行有效的行政规范性文件。
      </p>
      <p>
        <a href="/hdjl/jyta/">建议提案办理</a>：人大代表建议和政协委员提案的办理答复。
      </p>
      <p>
        <a href="/zfxxgk/gazette/">政府公报</a>：本级政府按期出版的政府公报，可查阅目录、下载全文。
      </p>
    </Layout>
  );
}

export function ColumnPartPage(props: { tenant: TenantView; part: (typeof COLUMN_PARTS)[number]; items: (PublicListItem & { year: number | null })[] }) {
  const { part, items } = props;
  const years = [...new Set(items.map((i) => i.year))];
  return (
    <Layout tenant={props.tenant} title={part.title} current="/zfxxgk/">
      <nav aria-label="当前位置" class="breadcrumb">
        <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> › <span aria-current="page">{part.title}</span>
      </nav>
      <h1>{part.title}</h1>
      <p>{part.text}</p>
      {!items.length ? (
        <p class="empty">本栏目暂无内容。</p>
      ) : part.slug === 'reports' ? (
        years.map((y) => (
          <section aria-labelledby={`year-${y ?? 'none'}`} class="panel">
            <h2 id={`year-${y ?? 'none'}`}>{y ? `${y}年度` : '其他'}</h2>
            <RecordList items={items.filter((i) => i.year === y)} />
          </section>
        ))
      ) : (
        <RecordList items={items} />
      )}
    </Layout>
  );
}

export function NotFoundPage(props: { tenant: TenantView }) {
  return (
    <Layout tenant={props.tenant} title="页面不存在">
      <h1>页面不存在</h1>
      <p>您访问的页面不存在或已调整。</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>
  );
}

export function ErrorPage(props: { tenant: TenantView; message: string }) {
  return (
    <Layout tenant={props.tenant} title="出错了">
      <h1>出错了</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>
  );
}
