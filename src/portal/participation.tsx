// 互动交流 on the portal: consultations on drafts (意见征集: the draft, its explanation, a comment form that
// works without JavaScript, the published opinions with personal data masked, and after the period the
// adoption report answering each opinion) and major administrative decisions (重大行政决策: the yearly
// catalogue, and one page per decision linking every stage's documents).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { formatDateZh } from '../core/calendar/index.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { publicConsultation, publicConsultations, publicDecisions, submitComment, type DecisionView, type PublicConsultation } from '../modules/participation/service.ts';
import { messageForWriter, publicMessages, rateMessage, submitMessage, type PublicMessage } from '../modules/participation/messages.ts';
import { MESSAGE_CATEGORIES, MESSAGE_CATEGORY_LABELS, RATING_LABELS, type MessageCategory } from '../core/participation/messages.ts';
import { addressableUnits } from '../modules/requests/service.ts';
import { checkChallenge, newChallenge, type Challenge } from './challenge.ts';
import { ChallengeFields, Crumbs } from './forms.tsx';
import { Layout, UnknownSitePage } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { renderHtml } from './routes.tsx';

export const PARTICIPATION_BASE = '/hdjl/';
const CONSULTATIONS = `${PARTICIPATION_BASE}yjzj/`;
const DECISIONS = `${PARTICIPATION_BASE}zdjc/`;

export function ParticipationHome(props: { tenant: TenantView; consultations: Awaited<ReturnType<typeof publicConsultations>> }) {
  const open = props.consultations.filter((c) => c.phase === 'open');
  return (
    <Layout tenant={props.tenant} title="互动交流" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ label: '互动交流' }]} />
      <h1>互动交流</h1>
      <ul class="cards cards-2">
        <li>
          <a href={CONSULTATIONS}>意见征集{open.length ? `（${open.length}项征集中）` : ''}</a>
        </li>
        <li>
          <a href={DECISIONS}>重大行政决策</a>
        </li>
        <li>
          <a href={`${PARTICIPATION_BASE}xx/`}>领导信箱</a>
        </li>
        <li>
          <a href={`${PARTICIPATION_BASE}hd/`}>新闻发布会和公众参与活动</a>
        </li>
        <li>
          <a href={`${PARTICIPATION_BASE}jyta/`}>建议提案办理</a>
        </li>
        <li>
          <a href="/zfxxgk/ysqgk/">依申请公开</a>
        </li>
      </ul>
    </Layout>
  );
}

export function ConsultationsPage(props: { tenant: TenantView; items: Awaited<ReturnType<typeof publicConsultations>> }) {
  return (
    <Layout tenant={props.tenant} title="意见征集" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { label: '意见征集' }]} />
      <h1>意见征集</h1>
      {props.items.length ? (
        <ul class="record-list">
          {props.items.map((c) => (
            <li>
              <a href={`${CONSULTATIONS}${c.id}`}>{c.title}</a>
              <span class="record-list-meta">
                <span>{c.phaseLabel}</span>
                <span>
                  {c.startsOn} 至 {c.endsOn}
                </span>
                <span>{c.unitName}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">暂无意见征集。</p>
      )}
    </Layout>
  );
}

export function ConsultationPage(props: { tenant: TenantView; c: PublicConsultation; challenge: Challenge; submitted?: boolean; error?: string; body?: string }) {
  const c = props.c;
  const reported = !!c.reportedOn;
  return (
    <Layout tenant={props.tenant} title={props.error ? `错误：${c.title}` : c.title} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: CONSULTATIONS, label: '意见征集' }, { label: c.title }]} />
      <h1>{c.title}</h1>
      <table class="meta-table">
        <caption class="visually-hidden">征集信息</caption>
        <tbody>
          <tr>
            <th scope="row">起草单位</th>
            <td>{c.unitName}</td>
            <th scope="row">类别</th>
            <td>{c.kindLabel}</td>
          </tr>
          <tr>
            <th scope="row">征集期限</th>
            <td>
              {formatDateZh(c.startsOn)} 至 {formatDateZh(c.endsOn)}（{c.days}日）
            </td>
            <th scope="row">状态</th>
            <td>{c.phaseLabel}</td>
          </tr>
        </tbody>
      </table>
      {c.urgent && c.urgentReason ? (
        <p class="banner" role="note">
          因情况紧急缩短征集期限，理由：{c.urgentReason}
        </p>
      ) : null}
      {c.decision ? (
        <p>
          所属重大行政决策事项：<a href={`${DECISIONS}${c.decision.id}`}>{c.decision.title}</a>
        </p>
      ) : null}
      {props.error && c.phase !== 'open' ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{props.error}</p>
        </div>
      ) : null}
      {props.submitted ? (
        <div class="confirmation" role="status">
          <p>
            <strong>您的意见已提交，审核后公开。</strong>谢谢参与。
          </p>
        </div>
      ) : null}
      {c.explanationHtml ? (
        <section aria-labelledby="explanation-heading">
          <h2 id="explanation-heading">起草说明</h2>
          <div class="record-body" dangerouslySetInnerHTML={{ __html: c.explanationHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="draft-heading">
        <h2 id="draft-heading">征求意见稿</h2>
        <div class="record-body" dangerouslySetInnerHTML={{ __html: c.draftHtml }} />
      </section>
      {reported ? (
        <section aria-labelledby="report-heading" class="panel">
          <h2 id="report-heading">意见采纳情况（{c.reportedOn}公布）</h2>
          {c.reportHtml ? <div class="record-body" dangerouslySetInnerHTML={{ __html: c.reportHtml }} /> : null}
        </section>
      ) : null}
      {c.phase === 'open' ? (
        <section aria-labelledby="comment-heading" class="panel">
          <h2 id="comment-heading">提交意见</h2>
          {props.error ? (
            <div class="error-summary" role="alert" tabindex={-1}>
              <p>
                <a href="#c-body">{props.error}</a>
              </p>
            </div>
          ) : null}
          <form method="post" action={`${CONSULTATIONS}${c.id}/comments`} class="form">
            <div class="form-field">
              <label for="c-body">
                您的意见和建议<span class="required">（必填）</span>
              </label>
              <p class="field-hint" id="c-body-hint">
                意见经审核后公开，公开时隐去您的个人信息；请不要在意见中填写身份证号码、电话等。
              </p>
              <textarea id="c-body" name="body" rows={6} maxLength={5000} required aria-describedby="c-body-hint">
                {props.body ?? ''}
              </textarea>
            </div>
            <div class="form-field">
              <label for="c-name">
                姓名或称呼<span class="optional">（选填，不公开）</span>
              </label>
              <input id="c-name" name="name" type="text" maxLength={50} autocomplete="name" />
            </div>
            <div class="form-field">
              <label for="c-contact">
                联系方式<span class="optional">（选填，不公开，便于我们联系您）</span>
              </label>
              <input id="c-contact" name="contact" type="text" maxLength={100} />
            </div>
            <ChallengeFields challenge={props.challenge} prefix="c" />
            <p>
              <button type="submit" class="button">
                提交意见
              </button>
            </p>
          </form>
          {c.otherChannels ? <p>其他提交方式：{c.otherChannels}</p> : null}
        </section>
      ) : null}
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{reported ? '公众意见及采纳情况' : '公众意见'}</h2>
        {c.comments.length ? (
          <ol class="comments">
            {c.comments.map((m) => (
              <li>
                <p>{m.text}</p>
                <p class="file-meta">{m.submittedOn}</p>
                {reported ? (
                  <p class={m.adopted ? 'adoption adopted' : 'adoption'}>
                    <strong>{m.adopted ? '已采纳' : '未采纳'}</strong>：{m.adoptionReason}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">暂无公开的意见。</p>
        )}
      </section>
    </Layout>
  );
}

export function DecisionsPage(props: { tenant: TenantView; items: DecisionView[] }) {
  const years = [...new Set(props.items.map((d) => d.year))];
  return (
    <Layout tenant={props.tenant} title="重大行政决策" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { label: '重大行政决策' }]} />
      <h1>重大行政决策事项目录</h1>
      {years.length ? (
        years.map((y) => (
          <section aria-labelledby={`y-${y}`} class="panel">
            <h2 id={`y-${y}`}>{y}年度</h2>
            <ul class="record-list">
              {props.items
                .filter((d) => d.year === y)
                .map((d) => (
                  <li>
                    <a href={`${DECISIONS}${d.id}`}>{d.title}</a>
                    <span class="record-list-meta">
                      <span>{d.unitName}</span>
                      <span>
                        已完成 {d.stages.filter((s) => s.status === 'done').length} / {d.stages.filter((s) => s.status !== 'not_applicable').length} 个环节
                      </span>
                    </span>
                  </li>
                ))}
            </ul>
          </section>
        ))
      ) : (
        <p class="empty">暂无公开的重大行政决策事项。</p>
      )}
    </Layout>
  );
}

export function DecisionPage(props: { tenant: TenantView; d: DecisionView }) {
  const d = props.d;
  return (
    <Layout tenant={props.tenant} title={d.title} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: DECISIONS, label: '重大行政决策' }, { label: d.title }]} />
      <h1>{d.title}</h1>
      <p class="file-meta">
        {d.year}年度重大行政决策事项 · 承办单位：{d.unitName}
      </p>
      {d.summary ? <p>{d.summary}</p> : null}
      <table class="meta-table stages">
        <caption>决策程序各环节</caption>
        <thead>
          <tr>
            <th scope="col">环节</th>
            <th scope="col">状态</th>
            <th scope="col">日期</th>
            <th scope="col">相关文件和说明</th>
          </tr>
        </thead>
        <tbody>
          {d.stages.map((s) => (
            <tr>
              <th scope="row">{s.label}</th>
              <td>{s.statusLabel}</td>
              <td>{s.on ?? '—'}</td>
              <td>
                {s.key === 'public_participation'
                  ? d.consultations.map((c) => (
                      <p>
                        <a href={`${CONSULTATIONS}${c.id}`}>{c.title}</a>
                      </p>
                    ))
                  : null}
                {s.records.map((r) => (
                  <p>
                    <a href={`/zfxxgk/info/${r.id}`}>{r.title}</a>
                  </p>
                ))}
                {s.note ? <p>{s.note}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

const MAILBOX = `${PARTICIPATION_BASE}xx/`;

export function MailboxPage(props: { tenant: TenantView; items: PublicMessage[] }) {
  return (
    <Layout tenant={props.tenant} title="领导信箱" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { label: '领导信箱' }]} />
      <h1>领导信箱</h1>
      <p>
        <a class="button" href={`${MAILBOX}write?kind=leader`}>
          给领导写信
        </a>{' '}
        <a href={`${MAILBOX}write?kind=unit`}>给部门写信</a> · <a href={`${MAILBOX}query`}>查询答复</a>
      </p>
      <h2>已公开的来信和答复</h2>
      {props.items.length ? (
        <ul class="record-list">
          {props.items.map((m) => (
            <li>
              <a href={`${MAILBOX}${m.id}`}>{m.subject}</a>
              <span class="record-list-meta">
                <span>{m.categoryLabel}</span>
                <span>{m.unitName}</span>
                <span>答复：{m.repliedOn}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">暂无公开的来信。</p>
      )}
    </Layout>
  );
}

export function MessagePage(props: { tenant: TenantView; m: PublicMessage }) {
  const m = props.m;
  return (
    <Layout tenant={props.tenant} title={m.subject} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: MAILBOX, label: '领导信箱' }, { label: m.subject }]} />
      <h1>{m.subject}</h1>
      <p class="file-meta">
        {m.number} · {m.categoryLabel} · 来信人：{m.writer} · {m.receivedOn}
      </p>
      <section aria-labelledby="letter-heading">
        <h2 id="letter-heading">来信内容</h2>
        <p class="letter">{m.body}</p>
      </section>
      <section aria-labelledby="reply-heading" class="panel">
        <h2 id="reply-heading">答复（{m.unitName}，{m.repliedOn}）</h2>
        <p class="letter">{m.reply}</p>
        {m.ratingLabel ? <p class="file-meta">来信人评价：{m.ratingLabel}</p> : null}
      </section>
    </Layout>
  );
}

export function WritePage(props: { tenant: TenantView; leader: boolean; units: { id: string; name: string }[]; values: Record<string, string>; error?: { field: string; message: string }; challenge: Challenge }) {
  const v = props.values;
  const e = props.error;
  const err = (f: string) => (e && e.field === f ? <p class="field-error" id={`m-${f}-error`}>{e.message}</p> : null);
  const attrs = (f: string) => ({ id: `m-${f}`, name: f, 'aria-invalid': e?.field === f ? ('true' as const) : undefined, 'aria-describedby': e?.field === f ? `m-${f}-error` : undefined });
  return (
    <Layout tenant={props.tenant} title={e ? '错误：写信' : props.leader ? '给领导写信' : '给部门写信'} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: MAILBOX, label: '领导信箱' }, { label: '写信' }]} />
      <h1>{props.leader ? '给领导写信' : '给部门写信'}</h1>
      <p>我们将在收到来信之日起的规定工作日内答复。涉及申请获取政府信息的，请通过<a href="/zfxxgk/ysqgk/">依申请公开</a>提出。</p>
      {e ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>提交的内容有问题</h2>
          <p>
            <a href={`#m-${e.field}`}>{e.message}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action={`${MAILBOX}write`} class="form">
        <input type="hidden" name="kind" value={props.leader ? 'leader' : 'unit'} />
        {props.leader ? null : (
          <div class="form-field">
            <label for="m-unitId">收信部门</label>
            {err('unitId')}
            <select {...attrs('unitId')}>
              {props.units.map((u) => (
                <option value={u.id} selected={v.unitId === u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="form-field">
          <label for="m-category">类别</label>
          <select {...attrs('category')}>
            {MESSAGE_CATEGORIES.map((c) => (
              <option value={c} selected={v.category === c}>
                {MESSAGE_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div class={e?.field === 'subject' ? 'form-field form-field-error' : 'form-field'}>
          <label for="m-subject">
            标题<span class="required">（必填）</span>
          </label>
          {err('subject')}
          <input {...attrs('subject')} type="text" maxLength={100} value={v.subject ?? ''} required />
        </div>
        <div class={e?.field === 'body' ? 'form-field form-field-error' : 'form-field'}>
          <label for="m-body">
            内容<span class="required">（必填）</span>
          </label>
          {err('body')}
          <textarea {...attrs('body')} rows={8} maxLength={5000} required>
            {v.body ?? ''}
          </textarea>
        </div>
        <div class={e?.field === 'writerName' ? 'form-field form-field-error' : 'form-field'}>
          <label for="m-writerName">
            姓名或称呼<span class="required">（必填）</span>
          </label>
          {err('writerName')}
          <input {...attrs('writerName')} type="text" maxLength={50} value={v.writerName ?? ''} autocomplete="name" required />
        </div>
        <div class={e?.field === 'phone' ? 'form-field form-field-error' : 'form-field'}>
          <label for="m-phone">
            联系电话<span class="optional">（电话和邮箱至少填一项，不公开）</span>
          </label>
          {err('phone')}
          <input {...attrs('phone')} type="tel" maxLength={20} value={v.phone ?? ''} autocomplete="tel" />
        </div>
        <div class={e?.field === 'email' ? 'form-field form-field-error' : 'form-field'}>
          <label for="m-email">
            电子邮箱<span class="optional">（不公开）</span>
          </label>
          {err('email')}
          <input {...attrs('email')} type="email" maxLength={200} value={v.email ?? ''} autocomplete="email" />
        </div>
        <div class="form-field">
          <label class="radio">
            <input type="checkbox" name="consentPublic" value="1" checked={v.consentPublic === '1'} /> 同意公开来信和答复（公开时隐去姓名和联系方式）
          </label>
        </div>
        <ChallengeFields challenge={props.challenge} prefix="m" error={e?.field === 'challenge' ? e.message : undefined} />
        <p>
          <button type="submit" class="button">
            提交
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function WrittenPage(props: { tenant: TenantView; number: string; queryCode: string; dueOn: string; unitName: string }) {
  return (
    <Layout tenant={props.tenant} title="来信已提交" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: MAILBOX, label: '领导信箱' }, { label: '来信已提交' }]} />
      <div class="confirmation" role="status">
        <h1>来信已提交</h1>
        <p>
          编号：<strong class="code">{props.number}</strong>
        </p>
        <p>
          查询码：<strong class="code">{props.queryCode}</strong>
        </p>
      </div>
      <p>
        {props.unitName}将于 <strong>{formatDateZh(props.dueOn)}</strong> 前答复。请记下编号和查询码，凭此<a href={`${MAILBOX}query`}>查询答复</a>并评价。
      </p>
    </Layout>
  );
}

export function MessageQueryPage(props: { tenant: TenantView; found?: Awaited<ReturnType<typeof messageForWriter>>; number?: string; code?: string; error?: string; rated?: boolean }) {
  const f = props.found;
  return (
    <Layout tenant={props.tenant} title="查询答复" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, { href: MAILBOX, label: '领导信箱' }, { label: '查询答复' }]} />
      <h1>查询答复</h1>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{props.error}</p>
        </div>
      ) : null}
      {props.rated ? (
        <div class="confirmation" role="status">
          <p>谢谢您的评价。</p>
        </div>
      ) : null}
      {f ? (
        <>
          <table class="meta-table">
            <caption class="visually-hidden">来信办理情况</caption>
            <tbody>
              <tr>
                <th scope="row">编号</th>
                <td>{f.number}</td>
                <th scope="row">状态</th>
                <td>{f.stateLabel}</td>
              </tr>
              <tr>
                <th scope="row">标题</th>
                <td>{f.subject}</td>
                <th scope="row">答复单位</th>
                <td>{f.unitName}</td>
              </tr>
              <tr>
                <th scope="row">答复期限</th>
                <td colSpan={3}>
                  {formatDateZh(f.dueOn)}
                  <p class="file-meta">{f.dueExplanation}</p>
                </td>
              </tr>
            </tbody>
          </table>
          {f.reply ? (
            <section class="panel" aria-labelledby="my-reply">
              <h2 id="my-reply">答复（{f.repliedOn}）</h2>
              <p class="letter">{f.reply}</p>
            </section>
          ) : null}
          {f.mayRate ? (
            <form method="post" action={`${MAILBOX}rate`} class="form">
              <input type="hidden" name="number" value={f.number} />
              <input type="hidden" name="code" value={props.code ?? ''} />
              <fieldset class="form-field">
                <legend>您对答复满意吗？</legend>
                <div class="radios">
                  {[5, 4, 3, 2, 1].map((n) => (
                    <label class="radio">
                      <input type="radio" name="rating" value={String(n)} required /> {RATING_LABELS[n]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div class="form-field">
                <label for="r-comment">
                  意见<span class="optional">（选填）</span>
                </label>
                <input id="r-comment" name="comment" type="text" maxLength={500} />
              </div>
              <p>
                <button type="submit" class="button">
                  提交评价
                </button>
              </p>
            </form>
          ) : null}
        </>
      ) : (
        <form method="post" action={`${MAILBOX}query`} class="form">
          <div class="form-field">
            <label for="q-number">编号</label>
            <input id="q-number" name="number" type="text" maxLength={20} value={props.number ?? ''} required autocomplete="off" />
          </div>
          <div class="form-field">
            <label for="q-code">查询码</label>
            <input id="q-code" name="code" type="text" maxLength={12} required autocomplete="off" class="input-short" />
          </div>
          <p>
            <button type="submit" class="button">
              查询
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}

export function participationPortalRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };
  const fresh = { config: { ...opts.config, noCache: true }, schema: { hide: true } };
  const send = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(html);
  const uuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

  app.get('/hdjl', opts, async (_req, reply) => reply.redirect(PARTICIPATION_BASE, 301));
  app.get(PARTICIPATION_BASE, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<ParticipationHome tenant={tenant} consultations={await publicConsultations(db, tenant.tenantId)} />));
  });
  app.get(CONSULTATIONS, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<ConsultationsPage tenant={tenant} items={await publicConsultations(db, tenant.tenantId)} />));
  });
  // The page carries a one-time challenge: never from the cache.
  app.get<{ Params: { id: string }; Querystring: { submitted?: string } }>(`${CONSULTATIONS}:id`, fresh, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const c = uuid(req.params.id) ? await publicConsultation(db, tenant.tenantId, req.params.id) : null;
    if (!c) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<ConsultationPage tenant={tenant} c={c} challenge={newChallenge(config.sessionSecret)} submitted={req.query?.submitted === '1'} />));
  });
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    `${CONSULTATIONS}:id/comments`,
    { ...fresh, config: { ...fresh.config, rateLimit: { max: config.requestFormRateLimit, timeWindow: '10 minutes' } } },
    async (req, reply) => {
      const tenant = await hostTenant(db, config, req);
      if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
      const c = uuid(req.params.id) ? await publicConsultation(db, tenant.tenantId, req.params.id) : null;
      if (!c) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
      const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const str = (v: unknown, n: number) => (typeof v === 'string' ? v.slice(0, n) : '');
      const body = str(b.body, 5000);
      const again = (error: string, status = 400) => send(reply, renderHtml(<ConsultationPage tenant={tenant} c={c} challenge={newChallenge(config.sessionSecret)} error={error} body={body} />), status);
      if (str(b.website, 200)) return again('提交未能通过验证，请重试');
      const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
      if (!ch.ok) return again(ch.message);
      try {
        await submitComment(db, tenant.tenantId, c.id, { body, name: str(b.name, 50), contact: str(b.contact, 100) });
      } catch (e) {
        if (e instanceof AppError && e.status < 500) return again(e.message, e.status);
        throw e;
      }
      return reply.redirect(`${CONSULTATIONS}${c.id}?submitted=1`, 303);
    },
  );
  app.get(DECISIONS, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<DecisionsPage tenant={tenant} items={await publicDecisions(db, tenant.tenantId, {})} />));
  });
  app.get<{ Params: { id: string } }>(`${DECISIONS}:id`, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const [d] = uuid(req.params.id) ? await publicDecisions(db, tenant.tenantId, { id: req.params.id }) : [];
    if (!d) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<DecisionPage tenant={tenant} d={d} />));
  });

  app.get(MAILBOX, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<MailboxPage tenant={tenant} items={await publicMessages(db, tenant.tenantId)} />));
  });
  app.get<{ Params: { id: string } }>(`${MAILBOX}:id`, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const [m] = uuid(req.params.id) ? await publicMessages(db, tenant.tenantId, 1, req.params.id) : [];
    if (!m) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<MessagePage tenant={tenant} m={m} />));
  });
  const writeUnits = async (tenantId: string) => (await addressableUnits(db, tenantId)).map((u) => ({ id: u.id, name: u.name }));
  app.get<{ Querystring: { kind?: string } }>(`${MAILBOX}write`, fresh, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<WritePage tenant={tenant} leader={req.query?.kind !== 'unit'} units={await writeUnits(tenant.tenantId)} values={{}} challenge={newChallenge(config.sessionSecret)} />));
  });
  app.post<{ Body: Record<string, unknown> }>(`${MAILBOX}write`, { ...fresh, config: { ...fresh.config, rateLimit: { max: config.requestFormRateLimit, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const str = (k: string, n: number) => (typeof b[k] === 'string' ? (b[k] as string).slice(0, n) : '');
    const values: Record<string, string> = { unitId: str('unitId', 40), category: str('category', 20), subject: str('subject', 100), body: str('body', 5000), writerName: str('writerName', 50), phone: str('phone', 20), email: str('email', 200), consentPublic: str('consentPublic', 1) };
    const leader = b.kind !== 'unit';
    const again = async (field: string, message: string, status = 400) =>
      send(reply, renderHtml(<WritePage tenant={tenant} leader={leader} units={await writeUnits(tenant.tenantId)} values={values} error={{ field, message }} challenge={newChallenge(config.sessionSecret)} />), status);
    if (str('website', 200)) return again('challenge', '提交未能通过验证，请重试');
    const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
    if (!ch.ok) return again('challenge', ch.message);
    const category = (MESSAGE_CATEGORIES as readonly string[]).includes(values.category!) ? (values.category as MessageCategory) : 'other';
    try {
      const done = await submitMessage(db, tenant.tenantId, { kind: leader ? 'leader' : 'unit', unitId: uuid(values.unitId!) ? values.unitId : null, category, subject: values.subject!, body: values.body!, writerName: values.writerName!, phone: values.phone || null, email: values.email || null, consentPublic: values.consentPublic === '1' });
      return send(reply, renderHtml(<WrittenPage tenant={tenant} {...done} />), 201);
    } catch (e) {
      if (e instanceof AppError && e.status === 400) return again(String(e.details?.field ?? 'body'), e.message);
      throw e;
    }
  });
  app.get(`${MAILBOX}query`, fresh, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<MessageQueryPage tenant={tenant} />));
  });
  app.post<{ Body: Record<string, unknown> }>(`${MAILBOX}query`, { ...fresh, config: { ...fresh.config, rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const number = typeof req.body?.number === 'string' ? req.body.number.slice(0, 20) : '';
    const code = typeof req.body?.code === 'string' ? req.body.code.slice(0, 20) : '';
    const found = number && code ? await messageForWriter(db, tenant.tenantId, number, code) : null;
    if (!found) return send(reply, renderHtml(<MessageQueryPage tenant={tenant} number={number} error="编号或查询码不正确，请核对后重新输入。" />), 400);
    return send(reply, renderHtml(<MessageQueryPage tenant={tenant} found={found} code={code} />));
  });
  app.post<{ Body: Record<string, unknown> }>(`${MAILBOX}rate`, { ...fresh, config: { ...fresh.config, rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const number = typeof req.body?.number === 'string' ? req.body.number.slice(0, 20) : '';
    const code = typeof req.body?.code === 'string' ? req.body.code.slice(0, 20) : '';
    try {
      await rateMessage(db, tenant.tenantId, number, code, Number(req.body?.rating), typeof req.body?.comment === 'string' ? req.body.comment : null);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) {
        const found = await messageForWriter(db, tenant.tenantId, number, code);
        return send(reply, renderHtml(<MessageQueryPage tenant={tenant} found={found} code={code} number={number} error={e.message} />), e.status);
      }
      throw e;
    }
    return send(reply, renderHtml(<MessageQueryPage tenant={tenant} found={await messageForWriter(db, tenant.tenantId, number, code)} code={code} rated />));
  });
}
