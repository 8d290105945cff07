// 政策问答 and 政策找人 on the portal. Plain HTML forms: everything works without JavaScript.
//
// /zcwd/            type a question; the best answers from the Q&A bank and passages of published policies,
//                   each linking its source records; a question left unanswered can be sent to the staff.
// /zczr/            subscribe with a profile and an e-mail address; the page then shows the secret management
//                   link once (and the welcome e-mail carries it with the link confirming the address).
// /zczr/my?t=…      the subscriber's inbox: the policies pushed to them, and every current policy that fits;
//                   /edit and /cancel change or cancel the subscription. The token is the only key.
// /zczr/confirm?t=… confirming the address; /zczr/link sends a lost management link again.
// /zczr/zc/         the current benefit policies and each one's application guide (申报指南).
//
// Public forms carry the arithmetic challenge and a honeypot, and are limited per address
// (REQUEST_FORM_RATE_LIMIT in ten minutes). Nothing with a challenge or a token is cached.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Config } from '../config.ts';
import { formatDateZh } from '../core/calendar/index.ts';
import { AppError } from '../core/errors.ts';
import { normaliseEmail } from '../core/policy/input.ts';
import { ENTERPRISE_GROUPS, GROUP_LABELS, INDUSTRIES, INDUSTRY_LABELS, PERSON_GROUPS, SIZE_LABELS, SIZES, TOPIC_LABELS, TOPICS, type Audience, type Group, type Industry, type Profile, type Size, type Topic } from '../core/policy/target.ts';
import type { Segment } from '../core/search/highlight.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import { normaliseHost, type TenantView } from '../modules/org/tenants.ts';
import {
  answerQuestion,
  cancelSubscription,
  confirmEmail,
  manageUrl,
  markInboxRead,
  MAX_QUESTION_CHARS,
  policyAreas,
  publicBenefits,
  queueQuestion,
  resendLinks,
  subscribe,
  subscriberByToken,
  subscriberPage,
  updateSubscription,
  type AnswerResult,
  type AreaOption,
  type PublicBenefit,
  type SubscriberPage,
  type SubscriberRow,
} from '../modules/policy/service.ts';
import { checkChallenge, newChallenge, type Challenge } from './challenge.ts';
import { ChallengeFields, Choices, Crumbs, ErrorSummary, Field, FieldError, type Errors } from './forms.tsx';
import { Layout, UnknownSitePage } from './layout.tsx';
import { NotFoundPage } from './pages.tsx';
import { renderHtml } from './routes.tsx';

export const QA_BASE = '/zcwd/';
export const PUSH_BASE = '/zczr/';
const GUIDES = `${PUSH_BASE}zc/`;

type Values = Record<string, string | string[]>;

function Marked(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n+/)
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

// ---- 政策问答 ------------------------------------------------------------------------------------------------

function AskForm(props: { question: string; challenge: Challenge; errors: Errors; heading: string; intro: string }) {
  return (
    <section aria-labelledby="ask-heading" class="panel">
      <h2 id="ask-heading">{props.heading}</h2>
      <p>{props.intro}</p>
      <ErrorSummary errors={props.errors} order={['question', 'challenge']} />
      <form method="post" action={`${QA_BASE}ask`} class="form" novalidate>
        <Field name="question" label="您的问题" required errors={props.errors} hint="工作人员答复后，问答会收录到政策问答库，您可以再来查询。请不要填写身份证号码、电话等个人信息。">
          {(a) => (
            <textarea {...a} rows={3} maxLength={MAX_QUESTION_CHARS}>
              {props.question}
            </textarea>
          )}
        </Field>
        <ChallengeFields challenge={props.challenge} error={props.errors.challenge} />
        <p>
          <button type="submit" class="button button-secondary">
            提交给工作人员
          </button>
        </p>
      </form>
    </section>
  );
}

export function QaPage(props: { tenant: TenantView; q: string; result: AnswerResult | null; challenge: Challenge; errors?: Errors }) {
  const r = props.result;
  const errors = props.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  const title = r ? `${failed ? '错误：' : ''}“${r.question}”的答复 - 政策问答` : '政策问答';
  return (
    <Layout tenant={props.tenant} title={title}>
      <Crumbs trail={r ? [{ href: QA_BASE, label: '政策问答' }, { label: '答复' }] : [{ label: '政策问答' }]} />
      <h1>政策问答</h1>
      <form method="get" action={QA_BASE} class="search-form" role="search">
        <p class="search-main">
          <label for="qa-q">您想了解什么政策问题？</label>
          <input id="qa-q" name="q" type="search" value={props.q} maxLength={MAX_QUESTION_CHARS} aria-describedby="qa-hint" />
          <button type="submit" class="button">
            查找答案
          </button>
        </p>
        <p class="search-hint" id="qa-hint">
          用一句话描述您的问题，如：高校毕业生到企业就业有什么补贴？答案来自本站政策问答库和已公开的政策文件，每条答复都注明出处。
        </p>
      </form>
      {r ? (
        r.answers.length ? (
          <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">答复</h2>
            <p role="status" class="search-status">
              为您找到 {r.answers.length} 条相关答复，请以政策原文为准。
            </p>
            <ol class="search-results record-list">
              {r.answers.map((a) => (
                <li>
                  <h3 class="search-result-title">
                    {a.kind === 'qa' ? '问：' : ''}
                    {a.title} <span class="search-badge">（{a.kind === 'qa' ? '政策问答库' : '政策原文摘录'}）</span>
                  </h3>
                  <p class="search-snippet">
                    {a.kind === 'qa' ? '答：' : ''}
                    <Marked segments={a.text} />
                  </p>
                  <p class="record-list-meta">
                    <span class="search-from">出处：</span>
                    {a.sources.map((s, i) => (
                      <>
                        {i ? '；' : ''}
                        <a href={`/zfxxgk/info/${s.id}`}>{s.title}</a>
                      </>
                    ))}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        ) : (
          <section aria-labelledby="nothing-heading" class="search-empty">
            <h2 id="nothing-heading">没有找到答案</h2>
            <p role="status">政策问答库和已公开的政策文件中，没有找到与“{r.question}”相符的内容。您可以换个说法再试，或者把问题提交给工作人员。</p>
          </section>
        )
      ) : null}
      {r ? (
        <AskForm
          question={r.question}
          challenge={props.challenge}
          errors={errors}
          heading={r.answers.length ? '没有解决您的问题？' : '把问题提交给工作人员'}
          intro={r.answers.length ? '可以把问题提交给工作人员，由政策的主管部门答复。' : '政策的主管部门会答复您的问题。'}
        />
      ) : (
        <p>
          想第一时间知道适合您的新政策？<a href={PUSH_BASE}>订阅政策推送（政策找人）</a>
        </p>
      )}
    </Layout>
  );
}

export function QuestionSentPage(props: { tenant: TenantView }) {
  return (
    <Layout tenant={props.tenant} title="问题已提交 - 政策问答">
      <Crumbs trail={[{ href: QA_BASE, label: '政策问答' }, { label: '问题已提交' }]} />
      <div class="confirmation" role="status">
        <h1>问题已提交</h1>
        <p>谢谢您的提问。工作人员答复后，问答会收录到政策问答库，届时在本页查询即可看到。</p>
      </div>
      <p>
        <a href={QA_BASE}>继续查询其他问题</a>
      </p>
    </Layout>
  );
}

// ---- 政策找人: forms -------------------------------------------------------------------------------------------

const FORM_ORDER = ['kind', 'area', 'groups', 'birthYear', 'localHukou', 'enterpriseGroups', 'industry', 'size', 'interests', 'email', 'consent', 'challenge'];

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []).slice(0, 50);
const str = (v: unknown, max = 500) => (typeof v === 'string' ? v.slice(0, max) : '');
const one = (v: Values[string] | undefined) => (typeof v === 'string' ? v : '');
const many = (v: Values[string] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function ProfileFields(props: { values: Values; errors: Errors; areas: AreaOption[] }) {
  const { values: v, errors } = props;
  const kind = one(v.kind);
  return (
    <>
      <fieldset>
        <legend>基本情况</legend>
        <Choices
          name="kind"
          legend="您是"
          type="radio"
          required
          options={[
            { value: 'person', label: '个人' },
            { value: 'enterprise', label: '企业或个体工商户' },
          ]}
          checked={[kind]}
          errors={errors}
        />
        <Field name="area" label="所在乡镇（街道）" errors={errors} hint="不填写的，只推送全县适用的政策，不推送限定乡镇（街道）的政策。">
          {(a) => (
            <select {...a}>
              <option value="">不填写</option>
              {props.areas.map((x) => (
                <option value={x.id} selected={one(v.area) === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>个人填写（企业不用填）</legend>
        <Choices name="groups" legend="您属于" type="checkbox" options={PERSON_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))} checked={kind === 'enterprise' ? [] : many(v.groups)} errors={errors} hint="可以多选；只用于为您匹配政策，不会公开。" />
        <Field name="birthYear" label="出生年份" errors={errors} hint="四位数字，如 1985。有年龄条件的政策（如高龄津贴）据此判断。">
          {(a) => <input {...a} type="text" inputMode="numeric" value={one(v.birthYear)} maxLength={4} autocomplete="bday-year" class="input-short" />}
        </Field>
        <div class={errors.localHukou ? 'form-field form-field-error' : 'form-field'}>
          <FieldError id="f-localHukou" error={errors.localHukou} />
          <label class="radio" for="f-localHukou">
            <input id="f-localHukou" type="checkbox" name="localHukou" value="yes" checked={one(v.localHukou) === 'yes'} /> 本县户籍
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>企业和个体工商户填写（个人不用填）</legend>
        <Choices name="enterpriseGroups" legend="企业类型" type="checkbox" options={ENTERPRISE_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))} checked={many(v.enterpriseGroups)} errors={errors} hint="可以多选。" />
        <Field name="industry" label="所属行业" errors={errors}>
          {(a) => (
            <select {...a}>
              <option value="">不填写</option>
              {INDUSTRIES.map((i) => (
                <option value={i} selected={one(v.industry) === i}>
                  {INDUSTRY_LABELS[i]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="size" label="企业规模" errors={errors}>
          {(a) => (
            <select {...a}>
              <option value="">不填写</option>
              {SIZES.map((x) => (
                <option value={x} selected={one(v.size) === x}>
                  {SIZE_LABELS[x]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>想了解的政策</legend>
        <Choices name="interests" legend="关注的政策类别" type="checkbox" options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))} checked={many(v.interests)} errors={errors} hint="不选的，推送全部类别的政策。" />
      </fieldset>
    </>
  );
}

function EmailField(props: { values: Values; errors: Errors; hint: string }) {
  return (
    <Field name="email" label="电子邮箱" required errors={props.errors} hint={props.hint}>
      {(a) => <input {...a} type="email" value={one(props.values.email)} maxLength={200} autocomplete="email" spellcheck={false} />}
    </Field>
  );
}

export function SubscribePage(props: { tenant: TenantView; areas: AreaOption[]; values: Values; errors: Errors; challenge: Challenge; policies: number }) {
  const { values: v, errors } = props;
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout tenant={props.tenant} title={`${failed ? '错误：' : ''}政策找人：订阅政策推送`}>
      <Crumbs trail={[{ label: '政策找人' }]} />
      <h1>政策找人：订阅政策推送</h1>
      <p>
        告诉我们您的情况，符合条件的惠民惠企政策发布时，我们会放进您的政策收件箱并发邮件告诉您。带“必填”的项目必须填写，其余按实际情况填写，填得越准，推送越准。
      </p>
      <ul class="cards cards-2">
        <li>
          <a href={GUIDES}>查看现行惠民惠企政策（{props.policies}项）</a>
        </li>
        <li>
          <a href={`${PUSH_BASE}link`}>已订阅？找回管理链接</a>
        </li>
      </ul>
      <ErrorSummary errors={errors} order={FORM_ORDER} />
      <form method="post" action={PUSH_BASE} class="form" novalidate>
        <ProfileFields values={v} errors={errors} areas={props.areas} />
        <fieldset>
          <legend>接收方式</legend>
          <EmailField values={v} errors={errors} hint="我们会先发一封确认邮件，确认后才发送政策邮件。" />
          <div class={errors.consent ? 'form-field form-field-error' : 'form-field'} id="f-consent-field">
            <FieldError id="f-consent" error={errors.consent} />
            <label class="radio" for="f-consent">
              <input id="f-consent" type="checkbox" name="consent" value="yes" checked={one(v.consent) === 'yes'} required aria-describedby={errors.consent ? 'f-consent-error' : undefined} />{' '}
              我同意本站使用以上信息为我匹配和推送政策（可以随时取消订阅，取消后信息即删除）<span class="required">（必填）</span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>验证</legend>
          <ChallengeFields challenge={props.challenge} error={errors.challenge} />
        </fieldset>
        <p>
          <button type="submit" class="button">
            订阅
          </button>
        </p>
      </form>
    </Layout>
  );
}

function PolicyList(props: { items: (PublicBenefit & { reasons?: string[] })[]; empty: string }) {
  if (!props.items.length) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="record-list">
      {props.items.map((b) => (
        <li>
          <a href={`${GUIDES}${b.recordId}`}>{b.title}</a>
          <span class="record-list-meta">
            <span>{b.unitName}</span>
            {b.period ? <span>办理期限：{b.period}</span> : null}
            {b.ended ? <span>办理期限已过</span> : null}
          </span>
          {b.reasons?.length ? (
            <details>
              <summary>为什么适合您</summary>
              <ul>
                {b.reasons.map((r) => (
                  <li>{r}</li>
                ))}
              </ul>
            </details>
          ) : (
            <p class="file-meta">适用对象：{b.targetText}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function SubscribedPage(props: { tenant: TenantView; link: string; page: SubscriberPage }) {
  return (
    <Layout tenant={props.tenant} title="订阅成功 - 政策找人">
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { label: '订阅成功' }]} />
      <div class="confirmation" role="status">
        <h1>订阅成功</h1>
        <p>
          我们已向 <strong>{props.page.emailMasked}</strong> 发送了一封确认邮件，请打开邮件中的链接确认邮箱，之后符合您条件的新政策发布时会发邮件告诉您。
        </p>
      </div>
      <section aria-labelledby="link-heading" class="panel">
        <h2 id="link-heading">请保存您的专属管理链接</h2>
        <p>凭这个链接查看为您推送的政策、修改订阅条件或取消订阅。它只显示这一次（确认邮件中也有），请收藏本页链接或复制保存，不要转发给他人。</p>
        <p>
          <a href={props.link} class="button">
            打开我的政策收件箱
          </a>
        </p>
        <p class="file-meta">
          <span class="visually-hidden">管理链接：</span>
          {props.link}
        </p>
      </section>
      <section aria-labelledby="now-heading">
        <h2 id="now-heading">现在符合您条件的政策</h2>
        <PolicyList items={props.page.current} empty="暂时没有符合您条件的现行政策，新政策发布后会推送给您。" />
      </section>
    </Layout>
  );
}

// ---- 政策找人: the subscriber's pages ---------------------------------------------------------------------------

const withToken = (path: string, token: string, extra = '') => `${path}?t=${encodeURIComponent(token)}${extra}`;

export function InboxPage(props: { tenant: TenantView; token: string; page: SubscriberPage; saved?: boolean }) {
  const p = props.page;
  const unread = p.inbox.filter((m) => m.unread).length;
  return (
    <Layout tenant={props.tenant} title="我的政策收件箱 - 政策找人">
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { label: '我的政策收件箱' }]} />
      <h1>我的政策收件箱</h1>
      {props.saved ? (
        <div class="confirmation" role="status">
          <p>
            <strong>订阅条件已保存。</strong>
            {p.emailConfirmed ? '' : '邮箱有变化的，请打开新邮箱收到的确认邮件确认。'}
          </p>
        </div>
      ) : null}
      <dl class="meta">
        <dt>订阅条件</dt>
        <dd>{p.profileText}</dd>
        <dt>电子邮箱</dt>
        <dd>
          {p.emailMasked}
          {p.emailConfirmed ? '（已确认）' : '（待确认：请打开确认邮件中的链接，确认后才发送政策邮件）'}
        </dd>
      </dl>
      <p>
        <a href={withToken(`${PUSH_BASE}my/edit`, props.token)}>修改订阅条件</a>　<a href={withToken(`${PUSH_BASE}my/cancel`, props.token)}>取消订阅</a>
      </p>
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">为您推送的政策{unread ? `（${unread}条新推送）` : ''}</h2>
        {p.inbox.length ? (
          <ul class="record-list">
            {p.inbox.map((m) => (
              <li>
                {m.unread ? <strong class="search-badge">【新】</strong> : null}
                <a href={`${GUIDES}${m.recordId}`}>{m.title}</a>
                <span class="record-list-meta">
                  <span>推送日期：{formatDateZh(m.receivedOn)}</span>
                  {m.period ? <span>办理期限：{m.period}</span> : null}
                  {m.ended ? <span>办理期限已过</span> : null}
                </span>
                {m.reasons.length ? (
                  <details>
                    <summary>推送原因</summary>
                    <ul>
                      {m.reasons.map((r) => (
                        <li>{r}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">还没有推送。订阅之后发布的、符合您条件的政策会出现在这里。</p>
        )}
      </section>
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">现在符合您条件的全部政策</h2>
        <PolicyList items={p.current} empty="暂时没有符合您条件的现行政策。" />
      </section>
    </Layout>
  );
}

export function EditPage(props: { tenant: TenantView; token: string; areas: AreaOption[]; values: Values; errors: Errors }) {
  const failed = Object.keys(props.errors).length > 0;
  return (
    <Layout tenant={props.tenant} title={`${failed ? '错误：' : ''}修改订阅条件 - 政策找人`}>
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { href: withToken(`${PUSH_BASE}my`, props.token), label: '我的政策收件箱' }, { label: '修改订阅条件' }]} />
      <h1>修改订阅条件</h1>
      <ErrorSummary errors={props.errors} order={FORM_ORDER} />
      <form method="post" action={`${PUSH_BASE}my/edit`} class="form" novalidate>
        <input type="hidden" name="t" value={props.token} />
        <ProfileFields values={props.values} errors={props.errors} areas={props.areas} />
        <fieldset>
          <legend>接收方式</legend>
          <EmailField values={props.values} errors={props.errors} hint="改为新邮箱的，我们会向新邮箱发送确认邮件，确认后才发送政策邮件。" />
        </fieldset>
        <p>
          <button type="submit" class="button">
            保存
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function CancelPage(props: { tenant: TenantView; token: string }) {
  return (
    <Layout tenant={props.tenant} title="取消订阅 - 政策找人">
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { href: withToken(`${PUSH_BASE}my`, props.token), label: '我的政策收件箱' }, { label: '取消订阅' }]} />
      <h1>取消订阅</h1>
      <p>取消后，我们不再向您推送政策，您的电子邮箱和订阅条件将被删除，政策收件箱也随之清空。</p>
      <form method="post" action={`${PUSH_BASE}my/cancel`} class="form">
        <input type="hidden" name="t" value={props.token} />
        <p>
          <button type="submit" class="button">
            确认取消订阅
          </button>{' '}
          <a href={withToken(`${PUSH_BASE}my`, props.token)}>不取消，返回</a>
        </p>
      </form>
    </Layout>
  );
}

export function MessagePage(props: { tenant: TenantView; title: string; children: ComponentChildren; ok?: boolean }) {
  return (
    <Layout tenant={props.tenant} title={`${props.title} - 政策找人`}>
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { label: props.title }]} />
      {props.ok ? (
        <div class="confirmation" role="status">
          <h1>{props.title}</h1>
        </div>
      ) : (
        <h1>{props.title}</h1>
      )}
      {props.children}
    </Layout>
  );
}

export function ConfirmPage(props: { tenant: TenantView; token: string }) {
  return (
    <MessagePage tenant={props.tenant} title="确认电子邮箱">
      <p>确认后，符合您订阅条件的新政策发布时，我们会发邮件告诉您。</p>
      <form method="post" action={`${PUSH_BASE}confirm`} class="form">
        <input type="hidden" name="t" value={props.token} />
        <p>
          <button type="submit" class="button">
            确认接收政策邮件
          </button>
        </p>
      </form>
    </MessagePage>
  );
}

export function LinkPage(props: { tenant: TenantView; values: Values; errors: Errors; challenge: Challenge }) {
  const failed = Object.keys(props.errors).length > 0;
  return (
    <Layout tenant={props.tenant} title={`${failed ? '错误：' : ''}找回管理链接 - 政策找人`}>
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { label: '找回管理链接' }]} />
      <h1>找回管理链接</h1>
      <p>填写订阅时使用的电子邮箱，我们会把新的管理链接发到这个邮箱（原来的链接随即失效）。</p>
      <ErrorSummary errors={props.errors} order={['email', 'challenge']} />
      <form method="post" action={`${PUSH_BASE}link`} class="form" novalidate>
        <EmailField values={props.values} errors={props.errors} hint="为防止打扰，同一邮箱10分钟内只发送一次。" />
        <ChallengeFields challenge={props.challenge} error={props.errors.challenge} />
        <p>
          <button type="submit" class="button">
            发送管理链接
          </button>
        </p>
      </form>
    </Layout>
  );
}

// ---- 申报指南 ----------------------------------------------------------------------------------------------------

export function GuidesPage(props: { tenant: TenantView; items: PublicBenefit[] }) {
  return (
    <Layout tenant={props.tenant} title="现行惠民惠企政策 - 政策找人">
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { label: '现行惠民惠企政策' }]} />
      <h1>现行惠民惠企政策</h1>
      <p>
        正在办理期内的惠民惠企政策及其申报指南。<a href={PUSH_BASE}>订阅政策推送</a>，有适合您的新政策时我们会告诉您。
      </p>
      <PolicyList items={props.items} empty="暂无。" />
    </Layout>
  );
}

export function GuidePage(props: { tenant: TenantView; b: PublicBenefit }) {
  const b = props.b;
  return (
    <Layout tenant={props.tenant} title={`${b.title} - 申报指南`}>
      <Crumbs trail={[{ href: PUSH_BASE, label: '政策找人' }, { href: GUIDES, label: '现行惠民惠企政策' }, { label: '申报指南' }]} />
      <h1>{b.title}</h1>
      <p>
        <a href={`/zfxxgk/info/${b.recordId}`}>阅读政策原文</a>
      </p>
      {b.ended ? (
        <p class="banner" role="note">
          本政策的办理期限已于{formatDateZh(b.endsOn!)}截止。
        </p>
      ) : null}
      <h2>申报指南</h2>
      <table class="meta-table">
        <caption class="visually-hidden">申报指南</caption>
        <tbody>
          <tr>
            <th scope="row">适用对象</th>
            <td>{b.targetText}</td>
          </tr>
          {b.conditions ? (
            <tr>
              <th scope="row">申报条件</th>
              <td>
                <Paragraphs text={b.conditions} />
              </td>
            </tr>
          ) : null}
          {b.materials.length ? (
            <tr>
              <th scope="row">申报材料</th>
              <td>
                <ol>
                  {b.materials.map((m) => (
                    <li>{m}</li>
                  ))}
                </ol>
              </td>
            </tr>
          ) : null}
          {b.process ? (
            <tr>
              <th scope="row">办理流程</th>
              <td>
                <Paragraphs text={b.process} />
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">责任单位</th>
            <td>{b.unitName}</td>
          </tr>
          {b.contact ? (
            <tr>
              <th scope="row">咨询方式</th>
              <td>{b.contact}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">办理期限</th>
            <td>{b.period ?? '长期有效'}</td>
          </tr>
        </tbody>
      </table>
      <p class="file-meta">是否符合条件，以政策原文和主管部门的审核为准。</p>
    </Layout>
  );
}

// ---- routes ------------------------------------------------------------------------------------------------

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** The address the visitor used, when it is one of the site's own (links in e-mails point there). */
function siteUrlOf(req: FastifyRequest, tenant: TenantView): string {
  const host = req.host || '';
  if (tenant.hosts.includes(normaliseHost(host)) && /^[a-z0-9.\-[\]:]+$/i.test(host)) return `${req.protocol}://${host}`;
  return `https://${tenant.hosts[0] ?? 'localhost'}`;
}

/** The profile a form describes; fields of the other kind are left out (the form says who fills what). */
function profileFromForm(b: Record<string, unknown>, areas: AreaOption[], errors: Errors): { profile: Profile | null; values: Values } {
  const values: Values = {
    kind: str(b.kind, 20),
    area: str(b.area, 40),
    groups: list(b.groups),
    enterpriseGroups: list(b.enterpriseGroups),
    birthYear: str(b.birthYear, 10).trim(),
    localHukou: str(b.localHukou, 5),
    industry: str(b.industry, 5),
    size: str(b.size, 20),
    interests: list(b.interests),
    email: str(b.email, 300),
    consent: str(b.consent, 5),
  };
  // Every field is checked, so that one answer names every problem at once.
  const kind = one(values.kind);
  if (kind !== 'person' && kind !== 'enterprise') errors.kind = '请选择您是个人还是企业';
  const area = one(values.area);
  if (area && !areas.some((a) => a.id === area)) errors.area = '请从列表中选择所在的乡镇（街道）';
  const person = kind !== 'enterprise';
  let birthYear: number | null = null;
  const by = one(values.birthYear).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (person && by) {
    if (!/^\d{4}$/.test(by)) errors.birthYear = '出生年份请填写四位数字，如 1985';
    else birthYear = Number(by);
  }
  const email = one(values.email).trim();
  if (!email) errors.email = '请填写电子邮箱，用于接收政策推送';
  else if (!normaliseEmail(email)) errors.email = '电子邮箱格式不正确，请检查，如 zhangsan@example.com';
  if (errors.kind) return { profile: null, values };
  const industry = one(values.industry);
  const size = one(values.size);
  const profile: Profile = {
    kind: kind as Audience,
    area: area && !errors.area ? area : null,
    groups: (person ? many(values.groups).filter((g) => (PERSON_GROUPS as readonly string[]).includes(g)) : many(values.enterpriseGroups).filter((g) => (ENTERPRISE_GROUPS as readonly string[]).includes(g))) as Group[],
    industry: !person && (INDUSTRIES as readonly string[]).includes(industry) ? (industry as Industry) : null,
    size: !person && (SIZES as readonly string[]).includes(size) ? (size as Size) : null,
    interests: many(values.interests).filter((t) => (TOPICS as readonly string[]).includes(t)) as Topic[],
    birthYear,
    localHukou: person && one(values.localHukou) === 'yes',
  };
  return { profile, values };
}

function valuesOf(sub: SubscriberRow): Values {
  const person = sub.kind === 'person';
  return {
    kind: sub.kind,
    area: sub.area ?? '',
    groups: person ? sub.groups : [],
    enterpriseGroups: person ? [] : sub.groups,
    birthYear: sub.birthYear ? String(sub.birthYear) : '',
    localHukou: sub.localHukou ? 'yes' : '',
    industry: sub.industry ?? '',
    size: sub.size ?? '',
    interests: sub.interests,
    email: sub.email ?? '',
  };
}

/** A service's refusal of a form, onto the form's fields. */
function fieldErrors(e: AppError, fallback: string): Errors {
  const out: Errors = {};
  const problems = (e.details?.problems as { field: string; message: string }[] | undefined) ?? [{ field: String(e.details?.field ?? fallback), message: e.message }];
  for (const p of problems) {
    const f = p.field === 'groups' ? 'groups' : p.field || fallback;
    out[f] ??= p.message;
  }
  return out;
}

export function policyPortalRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const opts = { config: { access: 'public' as const, html: true }, schema: { hide: true } };
  const fresh = { config: { ...opts.config, noCache: true }, schema: { hide: true } };
  const limited = (max: number) => ({ ...fresh, config: { ...fresh.config, rateLimit: { max, timeWindow: '10 minutes' } } });
  const formLimit = limited(config.requestFormRateLimit);
  const tenantOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) sendPage(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return tenant;
  };
  const challenge = () => newChallenge(config.sessionSecret);
  const body = (req: FastifyRequest) => (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const tokenIn = (v: unknown) => (typeof v === 'string' && v.length <= 100 ? v : '');

  // ---- 政策问答 ----
  app.get('/zcwd', opts, async (_req, reply) => reply.redirect(QA_BASE, 301));
  app.get<{ Querystring: { q?: string } }>(QA_BASE, limited(600), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const q = str(req.query?.q, MAX_QUESTION_CHARS);
    const result = q.trim() ? await answerQuestion(db, tenant.tenantId, q) : null;
    return sendPage(reply, renderHtml(<QaPage tenant={tenant} q={q} result={result} challenge={challenge()} />));
  });
  app.post(`${QA_BASE}ask`, formLimit, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const b = body(req);
    const question = str(b.question, 2000);
    const again = async (errors: Errors, status = 400) =>
      sendPage(reply, renderHtml(<QaPage tenant={tenant} q={question} result={{ question: question.slice(0, MAX_QUESTION_CHARS), answers: [] }} challenge={challenge()} errors={errors} />), status);
    if (str(b.website)) return again({ challenge: '提交未能通过验证，请重试' });
    const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
    if (!ch.ok) return again({ challenge: ch.message });
    if (question.length > MAX_QUESTION_CHARS) return again({ question: `问题请控制在${MAX_QUESTION_CHARS}字以内` });
    try {
      await queueQuestion(db, tenant.tenantId, question);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return again(fieldErrors(e, 'question'), e.status);
      throw e;
    }
    return sendPage(reply, renderHtml(<QuestionSentPage tenant={tenant} />), 201);
  });

  // ---- 政策找人: subscribing ----
  const subscribePage = async (tenant: TenantView, values: Values, errors: Errors) =>
    renderHtml(<SubscribePage tenant={tenant} areas={await policyAreas(db, tenant.tenantId)} values={values} errors={errors} challenge={challenge()} policies={(await publicBenefits(db, tenant.tenantId)).length} />);
  app.get('/zczr', opts, async (_req, reply) => reply.redirect(PUSH_BASE, 301));
  app.get(PUSH_BASE, fresh, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return sendPage(reply, await subscribePage(tenant, {}, {}));
  });
  app.post(PUSH_BASE, formLimit, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const b = body(req);
    const areas = await policyAreas(db, tenant.tenantId);
    const errors: Errors = {};
    const { profile, values } = profileFromForm(b, areas, errors);
    if (one(values.consent) !== 'yes') errors.consent = '请阅读并勾选同意，我们才能为您推送政策';
    if (str(b.website)) errors.challenge = '提交未能通过验证，请重试';
    else {
      const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
      if (!ch.ok) errors.challenge = ch.message;
    }
    if (Object.keys(errors).length || !profile) return sendPage(reply, await subscribePage(tenant, values, errors), 400);
    try {
      const { token, subscriber } = await subscribe(db, tenant.tenantId, { profile, email: one(values.email), siteUrl: siteUrlOf(req, tenant) });
      const page = await subscriberPage(db, subscriber);
      return sendPage(reply, renderHtml(<SubscribedPage tenant={tenant} link={manageUrl(subscriber.siteUrl, token)} page={page} />), 201);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return sendPage(reply, await subscribePage(tenant, values, fieldErrors(e, 'email')), e.status);
      throw e;
    }
  });

  // ---- 政策找人: the subscriber's own pages (the token is the key) ----
  const invalidLink = (tenant: TenantView, reply: FastifyReply) =>
    sendPage(
      reply,
      renderHtml(
        <MessagePage tenant={tenant} title="链接无效">
          <p>
            这个管理链接无效或已经失效（重新获取管理链接后，原来的链接就失效了）。可以<a href={`${PUSH_BASE}link`}>找回管理链接</a>，或者<a href={PUSH_BASE}>重新订阅</a>。
          </p>
        </MessagePage>,
      ),
      404,
    );
  const cancelled = (tenant: TenantView, reply: FastifyReply) =>
    sendPage(
      reply,
      renderHtml(
        <MessagePage tenant={tenant} title="订阅已取消">
          <p>
            这个订阅已经取消，您的电子邮箱和订阅条件已删除。需要的话可以<a href={PUSH_BASE}>重新订阅</a>。
          </p>
        </MessagePage>,
      ),
    );
  const subscriberOf = async (tenant: TenantView, token: string) => (token ? subscriberByToken(db, tenant.tenantId, token) : null);

  app.get<{ Querystring: { t?: string; saved?: string } }>(`${PUSH_BASE}my`, limited(300), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const token = tokenIn(req.query?.t);
    const sub = await subscriberOf(tenant, token);
    if (!sub) return invalidLink(tenant, reply);
    if (sub.status !== 'active') return cancelled(tenant, reply);
    const html = renderHtml(<InboxPage tenant={tenant} token={token} page={await subscriberPage(db, sub)} saved={req.query?.saved === '1'} />);
    // Seen once shown: the next visit no longer marks them new.
    await markInboxRead(db, sub);
    return sendPage(reply, html);
  });

  app.get<{ Querystring: { t?: string } }>(`${PUSH_BASE}my/edit`, limited(300), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const token = tokenIn(req.query?.t);
    const sub = await subscriberOf(tenant, token);
    if (!sub) return invalidLink(tenant, reply);
    if (sub.status !== 'active') return cancelled(tenant, reply);
    return sendPage(reply, renderHtml(<EditPage tenant={tenant} token={token} areas={await policyAreas(db, tenant.tenantId)} values={valuesOf(sub)} errors={{}} />));
  });
  app.post(`${PUSH_BASE}my/edit`, limited(30), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const b = body(req);
    const token = tokenIn(b.t);
    const sub = await subscriberOf(tenant, token);
    if (!sub) return invalidLink(tenant, reply);
    if (sub.status !== 'active') return cancelled(tenant, reply);
    const areas = await policyAreas(db, tenant.tenantId);
    const errors: Errors = {};
    const { profile, values } = profileFromForm(b, areas, errors);
    const again = (errs: Errors, status = 400) => sendPage(reply, renderHtml(<EditPage tenant={tenant} token={token} areas={areas} values={values} errors={errs} />), status);
    if (Object.keys(errors).length || !profile) return again(errors);
    try {
      await updateSubscription(db, sub, token, { profile, email: one(values.email) });
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return again(fieldErrors(e, 'email'), e.status);
      throw e;
    }
    return reply.redirect(withToken(`${PUSH_BASE}my`, token, '&saved=1'), 303);
  });

  app.get<{ Querystring: { t?: string } }>(`${PUSH_BASE}my/cancel`, limited(300), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const token = tokenIn(req.query?.t);
    const sub = await subscriberOf(tenant, token);
    if (!sub) return invalidLink(tenant, reply);
    if (sub.status !== 'active') return cancelled(tenant, reply);
    return sendPage(reply, renderHtml(<CancelPage tenant={tenant} token={token} />));
  });
  app.post(`${PUSH_BASE}my/cancel`, limited(30), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const token = tokenIn(body(req).t);
    const sub = await subscriberOf(tenant, token);
    if (!sub) return invalidLink(tenant, reply);
    await cancelSubscription(db, sub);
    return cancelled(tenant, reply);
  });

  app.get<{ Querystring: { t?: string } }>(`${PUSH_BASE}confirm`, limited(300), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const token = tokenIn(req.query?.t);
    // Shown with a button: a mail program that opens links in advance confirms nothing.
    if (!token) return invalidConfirm(tenant, reply);
    return sendPage(reply, renderHtml(<ConfirmPage tenant={tenant} token={token} />));
  });
  const invalidConfirm = (tenant: TenantView, reply: FastifyReply) =>
    sendPage(
      reply,
      renderHtml(
        <MessagePage tenant={tenant} title="确认链接无效">
          <p>这个确认链接无效、已经用过，或者对应的订阅已取消或改了邮箱。</p>
        </MessagePage>,
      ),
      404,
    );
  app.post(`${PUSH_BASE}confirm`, limited(30), async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const sub = await confirmEmail(db, tenant.tenantId, tokenIn(body(req).t));
    if (!sub) return invalidConfirm(tenant, reply);
    return sendPage(
      reply,
      renderHtml(
        <MessagePage tenant={tenant} title="邮箱已确认" ok>
          <p>谢谢！符合您订阅条件的新政策发布时，我们会发邮件告诉您。查看推送、修改或取消订阅，请使用确认邮件中的管理链接。</p>
        </MessagePage>,
      ),
    );
  });

  app.get(`${PUSH_BASE}link`, fresh, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return sendPage(reply, renderHtml(<LinkPage tenant={tenant} values={{}} errors={{}} challenge={challenge()} />));
  });
  app.post(`${PUSH_BASE}link`, formLimit, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const b = body(req);
    const values: Values = { email: str(b.email, 300) };
    const again = (errors: Errors, status = 400) => sendPage(reply, renderHtml(<LinkPage tenant={tenant} values={values} errors={errors} challenge={challenge()} />), status);
    if (str(b.website)) return again({ challenge: '提交未能通过验证，请重试' });
    const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
    if (!ch.ok) return again({ challenge: ch.message });
    try {
      await resendLinks(db, tenant.tenantId, one(values.email));
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return again(fieldErrors(e, 'email'), e.status);
      throw e;
    }
    // The same answer whether the address is subscribed or not.
    return sendPage(
      reply,
      renderHtml(
        <MessagePage tenant={tenant} title="请查收邮件" ok>
          <p>如果这个邮箱订阅过政策推送，新的管理链接已经发往该邮箱，请查收（也请看看垃圾邮件箱）。</p>
        </MessagePage>,
      ),
    );
  });

  // ---- 申报指南 (public, cacheable) ----
  app.get(GUIDES, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return reply.type('text/html; charset=utf-8').send(renderHtml(<GuidesPage tenant={tenant} items={await publicBenefits(db, tenant.tenantId)} />));
  });
  app.get<{ Params: { id: string } }>(`${GUIDES}:id`, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const [b] = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(req.params.id) ? await publicBenefits(db, tenant.tenantId, { recordId: req.params.id }) : [];
    if (!b) return reply.code(404).type('text/html; charset=utf-8').send(renderHtml(<NotFoundPage tenant={tenant} />));
    return reply.type('text/html; charset=utf-8').send(renderHtml(<GuidePage tenant={tenant} b={b} />));
  });
}
