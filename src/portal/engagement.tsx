// 互动交流 on the portal, continued: press conferences, online interviews, open days and meetings attended by
// public representatives (upcoming and past; each page with its speakers, transcript or video, the
// interpretations published with it, a registration form that works without JavaScript while places are
// open, and the representatives' opinions with their adoption once published), and the replies to deputies'
// suggestions and members' proposals (in full or in summary, as their disclosure attribute says). Registrants'
// phone numbers are never shown here.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import { publicEvent, publicEvents, submitRegistration, type PublicEvent, type PublicEventItem } from '../modules/engagement/events.ts';
import { publicProposals, type PublicProposal } from '../modules/engagement/proposals.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { checkChallenge, newChallenge, type Challenge } from './challenge.ts';
import { ChallengeFields, Crumbs as Trail } from './forms.tsx';
import { Layout, UnknownSitePage } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { PARTICIPATION_BASE } from './participation.tsx';
import { renderHtml } from './routes.tsx';

export const EVENTS = `${PARTICIPATION_BASE}hd/`;
export const PROPOSALS = `${PARTICIPATION_BASE}jyta/`;

const when = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

function Crumbs(props: { trail: { href?: string; label: string }[] }) {
  return <Trail trail={[{ href: PARTICIPATION_BASE, label: '互动交流' }, ...props.trail]} />;
}

function EventList(props: { items: PublicEventItem[]; empty: string }) {
  return props.items.length ? (
    <ul class="record-list">
      {props.items.map((e) => (
        <li>
          <a href={`${EVENTS}${e.id}`}>{e.title}</a>
          <span class="record-list-meta">
            <span>{e.kindLabel}</span>
            <span>{when(e.startsAt)}</span>
            <span>{e.unitName}</span>
            <span>{e.stateLabel}</span>
          </span>
        </li>
      ))}
    </ul>
  ) : (
    <p class="empty">{props.empty}</p>
  );
}

export function EventsPage(props: { tenant: TenantView; upcoming: PublicEventItem[]; past: PublicEventItem[] }) {
  return (
    <Layout tenant={props.tenant} title="新闻发布会和公众参与活动" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ label: '新闻发布会和公众参与活动' }]} />
      <h1>新闻发布会和公众参与活动</h1>
      <p>新闻发布会、在线访谈、政府开放日和公众代表列席会议。政府开放日和列席会议可以在网上报名。</p>
      <section aria-labelledby="upcoming-heading" class="panel">
        <h2 id="upcoming-heading">活动预告</h2>
        <EventList items={props.upcoming} empty="暂无活动预告。" />
      </section>
      <section aria-labelledby="past-heading" class="panel">
        <h2 id="past-heading">往期活动</h2>
        <EventList items={props.past} empty="暂无往期活动。" />
      </section>
    </Layout>
  );
}

type RegistrationError = { field: string; message: string };

function RegistrationForm(props: { e: PublicEvent; challenge: Challenge; values: Record<string, string>; error?: RegistrationError }) {
  const { e, values: v, error } = props;
  const err = (f: string) => (error && error.field === f ? <p class="field-error" id={`r-${f}-error`}>{error.message}</p> : null);
  const attrs = (f: string) => ({ id: `r-${f}`, name: f, 'aria-invalid': error?.field === f ? ('true' as const) : undefined, 'aria-describedby': error?.field === f ? `r-${f}-error` : undefined });
  return (
    <section aria-labelledby="register-heading" class="panel">
      <h2 id="register-heading">网上报名</h2>
      <p>
        名额{e.capacity}人，报名截止时间 {when(e.registrationClosesAt!)}。工作人员将根据报名情况确定参加人员并电话通知；您的联系电话不会公开。
      </p>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h3>报名未能提交</h3>
          <p>
            <a href={`#r-${error.field}`}>{error.message}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action={`${EVENTS}${e.id}/register`} class="form">
        <div class={error?.field === 'name' ? 'form-field form-field-error' : 'form-field'}>
          <label for="r-name">
            姓名<span class="required">（必填）</span>
          </label>
          {err('name')}
          <input {...attrs('name')} type="text" maxLength={50} value={v.name ?? ''} autocomplete="name" required />
        </div>
        <div class={error?.field === 'phone' ? 'form-field form-field-error' : 'form-field'}>
          <label for="r-phone">
            联系电话<span class="required">（必填，不公开）</span>
          </label>
          {err('phone')}
          <input {...attrs('phone')} type="tel" maxLength={20} value={v.phone ?? ''} autocomplete="tel" required />
        </div>
        <div class="form-field">
          <label for="r-organisation">
            工作单位<span class="optional">（选填）</span>
          </label>
          <input id="r-organisation" name="organisation" type="text" maxLength={100} value={v.organisation ?? ''} autocomplete="organization" />
        </div>
        <div class={error?.field === 'reason' ? 'form-field form-field-error' : 'form-field'}>
          <label for="r-reason">
            报名理由<span class="required">（必填）</span>
          </label>
          {err('reason')}
          <textarea {...attrs('reason')} rows={4} maxLength={1000} required>
            {v.reason ?? ''}
          </textarea>
        </div>
        <ChallengeFields challenge={props.challenge} prefix="r" error={error?.field === 'challenge' ? error.message : undefined} />
        <p>
          <button type="submit" class="button">
            提交报名
          </button>
        </p>
      </form>
    </section>
  );
}

export function EventPage(props: { tenant: TenantView; e: PublicEvent; challenge: Challenge; registered?: boolean; values?: Record<string, string>; error?: RegistrationError; closedMessage?: string }) {
  const e = props.e;
  return (
    <Layout tenant={props.tenant} title={props.error || props.closedMessage ? `错误：${e.title}` : e.title} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: EVENTS, label: '新闻发布会和公众参与活动' }, { label: e.title }]} />
      <h1>{e.title}</h1>
      <table class="meta-table">
        <caption class="visually-hidden">活动信息</caption>
        <tbody>
          <tr>
            <th scope="row">类别</th>
            <td>{e.kindLabel}</td>
            <th scope="row">状态</th>
            <td>{e.stateLabel}</td>
          </tr>
          <tr>
            <th scope="row">时间</th>
            <td>{when(e.startsAt)}</td>
            <th scope="row">地点</th>
            <td>{e.place || '—'}</td>
          </tr>
          <tr>
            <th scope="row">主办单位</th>
            <td colSpan={3}>{e.unitName}</td>
          </tr>
        </tbody>
      </table>
      {e.cancelReason ? (
        <p class="banner" role="note">
          本活动已取消：{e.cancelReason}
        </p>
      ) : null}
      {props.registered ? (
        <div class="confirmation" role="status">
          <p>
            <strong>报名已提交。</strong>工作人员确定参加人员后将电话通知您。
          </p>
        </div>
      ) : null}
      {props.closedMessage ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{props.closedMessage}</p>
        </div>
      ) : null}
      {e.summary ? <p>{e.summary}</p> : null}
      {e.speakers.length ? (
        <section aria-labelledby="speakers-heading">
          <h2 id="speakers-heading">{e.kind === 'online_interview' ? '访谈嘉宾' : e.kind === 'press_conference' ? '发布人' : '出席人员'}</h2>
          <ul>
            {e.speakers.map((s) => (
              <li>
                {s.name}
                {s.post ? `，${s.post}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {e.videoUrl ? (
        <p>
          <a href={e.videoUrl} rel="noopener">
            观看视频
          </a>
        </p>
      ) : null}
      {e.transcriptHtml ? (
        <section aria-labelledby="transcript-heading">
          <h2 id="transcript-heading">文字实录</h2>
          <div class="record-body" dangerouslySetInnerHTML={{ __html: e.transcriptHtml }} />
        </section>
      ) : null}
      {e.interpretations.length ? (
        <section aria-labelledby="jd-heading">
          <h2 id="jd-heading">相关解读</h2>
          <ul>
            {e.interpretations.map((i) => (
              <li>
                <a href={`/zfxxgk/zcjd/${i.id}`}>{i.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {e.registrationOpen ? <RegistrationForm e={e} challenge={props.challenge} values={props.values ?? {}} error={props.error} /> : e.registrationNote && e.kind !== 'press_conference' && e.kind !== 'online_interview' && e.capacity ? <p class="file-meta">网上报名：{e.registrationNote}</p> : null}
      {e.opinionsPublishedOn ? (
        <section aria-labelledby="opinions-heading" class="panel">
          <h2 id="opinions-heading">公众代表意见及采纳情况（{e.opinionsPublishedOn}公开）</h2>
          <ol class="comments">
            {e.opinions.map((o) => (
              <li>
                <p>
                  {o.representative}：{o.opinion}
                </p>
                <p class={o.adopted ? 'adoption adopted' : 'adoption'}>
                  <strong>{o.adopted ? '已采纳' : '未采纳'}</strong>：{o.response}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}

export function ProposalsPage(props: { tenant: TenantView; items: PublicProposal[] }) {
  const sessions = [...new Set(props.items.map((p) => p.session))];
  return (
    <Layout tenant={props.tenant} title="建议提案办理" current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ label: '建议提案办理' }]} />
      <h1>人大代表建议和政协委员提案办理</h1>
      <p>本级政府及所属单位办理人大代表建议、政协委员提案的答复。答复按其公开属性全文公开或摘要公开。</p>
      {sessions.length ? (
        sessions.map((s, k) => (
          <section aria-labelledby={`s-${k}`} class="panel">
            <h2 id={`s-${k}`}>{s}</h2>
            <ul class="record-list">
              {props.items
                .filter((p) => p.session === s)
                .map((p) => (
                  <li>
                    <a href={`${PROPOSALS}${p.id}`}>{p.title}</a>
                    <span class="record-list-meta">
                      <span>
                        {p.kindLabel} {p.number}
                      </span>
                      <span>{p.unitName}</span>
                      <span>答复：{p.repliedOn}</span>
                    </span>
                  </li>
                ))}
            </ul>
          </section>
        ))
      ) : (
        <p class="empty">暂无公开的建议提案答复。</p>
      )}
    </Layout>
  );
}

export function ProposalPage(props: { tenant: TenantView; p: PublicProposal }) {
  const p = props.p;
  return (
    <Layout tenant={props.tenant} title={p.title} current={PARTICIPATION_BASE}>
      <Crumbs trail={[{ href: PROPOSALS, label: '建议提案办理' }, { label: p.title }]} />
      <h1>{p.title}</h1>
      <table class="meta-table">
        <caption class="visually-hidden">建议提案信息</caption>
        <tbody>
          <tr>
            <th scope="row">类别</th>
            <td>{p.kindLabel}</td>
            <th scope="row">编号</th>
            <td>{p.number}</td>
          </tr>
          <tr>
            <th scope="row">届次会次</th>
            <td>{p.session}</td>
            <th scope="row">提出人</th>
            <td>{p.proposers.join('、')}</td>
          </tr>
          <tr>
            <th scope="row">主办单位</th>
            <td>{p.unitName}</td>
            <th scope="row">办理结果</th>
            <td>{p.resultLabel}</td>
          </tr>
        </tbody>
      </table>
      <section aria-labelledby="content-heading">
        <h2 id="content-heading">建议提案内容</h2>
        <p class="letter">{p.content}</p>
      </section>
      <section aria-labelledby="reply-heading" class="panel">
        <h2 id="reply-heading">
          {p.partLabel}（{p.repliedOn}）
        </h2>
        <p class="letter">{p.replyText}</p>
      </section>
    </Layout>
  );
}

export function engagementPortalRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };
  const fresh = { config: { ...opts.config, noCache: true }, schema: { hide: true } };
  const send = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(html);
  const uuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

  app.get(EVENTS, fresh, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<EventsPage tenant={tenant} {...await publicEvents(db, tenant.tenantId)} />));
  });
  // The page may carry a one-time challenge and depends on the clock (registration closes): never cached.
  app.get<{ Params: { id: string }; Querystring: { registered?: string } }>(`${EVENTS}:id`, fresh, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const e = uuid(req.params.id) ? await publicEvent(db, tenant.tenantId, req.params.id) : null;
    if (!e) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<EventPage tenant={tenant} e={e} challenge={newChallenge(config.sessionSecret)} registered={req.query?.registered === '1'} />));
  });
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    `${EVENTS}:id/register`,
    { ...fresh, config: { ...fresh.config, rateLimit: { max: config.requestFormRateLimit, timeWindow: '10 minutes' } } },
    async (req, reply) => {
      const tenant = await hostTenant(db, config, req);
      if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
      const e = uuid(req.params.id) ? await publicEvent(db, tenant.tenantId, req.params.id) : null;
      if (!e) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
      const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const str = (k: string, n: number) => (typeof b[k] === 'string' ? (b[k] as string).slice(0, n) : '');
      const values = { name: str('name', 50), phone: str('phone', 20), organisation: str('organisation', 100), reason: str('reason', 1000) };
      const again = (field: string, message: string, status = 400) => send(reply, renderHtml(<EventPage tenant={tenant} e={e} challenge={newChallenge(config.sessionSecret)} values={values} error={{ field, message }} />), status);
      if (str('website', 200)) return again('challenge', '提交未能通过验证，请重试');
      const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
      if (!ch.ok) return again('challenge', ch.message);
      try {
        await submitRegistration(db, tenant.tenantId, e.id, values);
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return again(String(err.details?.field ?? 'reason'), err.message);
        if (err instanceof AppError && err.status < 500) {
          const now = await publicEvent(db, tenant.tenantId, e.id);
          return send(reply, renderHtml(<EventPage tenant={tenant} e={now ?? e} challenge={newChallenge(config.sessionSecret)} closedMessage={err.message} />), err.status);
        }
        throw err;
      }
      return reply.redirect(`${EVENTS}${e.id}?registered=1`, 303);
    },
  );

  app.get(PROPOSALS, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return send(reply, renderHtml(<ProposalsPage tenant={tenant} items={await publicProposals(db, tenant.tenantId)} />));
  });
  app.get<{ Params: { id: string } }>(`${PROPOSALS}:id`, opts, async (req, reply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) return send(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    const [p] = uuid(req.params.id) ? await publicProposals(db, tenant.tenantId, req.params.id) : [];
    if (!p) return send(reply, renderHtml(<NotFoundPage tenant={tenant} />), 404);
    return send(reply, renderHtml(<ProposalPage tenant={tenant} p={p} />));
  });
}
