// 政府信息公开指南 (Art. 12 of the regulation): how information is classified and obtained, and the office's
// name, address, hours, phone, fax and e-mail, with the date it was last updated.
import type { TenantView } from '../modules/org/tenants.ts';
import { Layout } from './layout.tsx';

export function GuidePage(props: { tenant: TenantView }) {
  const g = props.tenant.settings.guide;
  return (
    <Layout tenant={props.tenant} title="政府信息公开指南" current="/zfxxgk/">
      <nav aria-label="当前位置" class="breadcrumb">
        <a href="/">首页</a> › <a href="/zfxxgk/">政府信息公开</a> › <span aria-current="page">政府信息公开指南</span>
      </nav>
      <h1>{props.tenant.name}政府信息公开指南</h1>
      {g ? (
        <>
          {g.updatedOn ? <p class="file-meta">更新日期：{g.updatedOn}</p> : null}
          {/* Sanitised when saved, like a record's body. */}
          <div class="record-body" dangerouslySetInnerHTML={{ __html: g.html }} />
          <section aria-labelledby="office-heading" class="panel">
            <h2 id="office-heading">政府信息公开工作机构</h2>
            <dl class="meta">
              {(
                [
                  ['名称', g.officeName],
                  ['办公地址', g.address],
                  ['邮政编码', g.postcode],
                  ['办公时间', g.hours],
                  ['联系电话', g.phone],
                  ['传真', g.fax],
                  ['电子邮箱', g.email],
                ] as const
              )
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </>
                ))}
            </dl>
          </section>
        </>
      ) : (
        <p class="empty">本机关尚未发布政府信息公开指南。</p>
      )}
    </Layout>
  );
}
