// 依申请公开 on the portal: how to apply, the application form (natural persons, and legal persons or other
// organisations, with the fields Art. 29 requires), the acknowledgement with the request number and query
// code, and the applicant's own page (status, due date and how it was computed, letters to download,
// withdrawal). Plain HTML forms: everything works without JavaScript. Nothing here is cached, and the
// applicant's page shows one request only, to whoever holds its number and query code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { formatDateZh } from '../core/calendar/index.ts';
import { APPLICANT_TYPE_LABELS, ID_DOC_LABELS, ORG_DOC_TYPES, PERSON_DOC_TYPES, type ApplicantType, type IdDocType } from '../core/requests/applicant.ts';
import type { Db } from '../db/client.ts';
import { hostTenant } from '../http/access.ts';
import type { BlobStore } from '../modules/files/index.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { contentDisposition } from '../modules/publishing/attachments.ts';
import { DOCUMENT_KIND_LABELS } from '../modules/requests/documents.ts';
import { DELIVERY_METHODS, INFO_FORMS, type DeliveryMethod, type InfoForm } from '../modules/requests/schema.ts';
import { addressableUnits, applicantDocument, applicantPage, DELIVERY_LABELS, findForApplicant, INFO_FORM_LABELS, intakeRequest, requestRow, withdrawByApplicant, type ApplicantPage } from '../modules/requests/service.ts';
import { checkChallenge, newChallenge, type Challenge } from './challenge.ts';
import { ChallengeFields, Choices, Crumbs as Trail, ErrorSummary, Field, type Errors } from './forms.tsx';
import { Layout, UnknownSitePage } from './layout.tsx';
import { renderHtml } from './routes.tsx';

export const BASE = '/zfxxgk/ysqgk/';
const COOKIE = 'gk_ysq';
const LOOKUP_MINUTES = 30;

type Values = Record<string, string>;

const ORG_TYPES: ApplicantType[] = ['enterprise', 'research', 'public_interest', 'legal_service', 'other_org'];

function Crumbs(props: { here: string; middle?: boolean }) {
  return <Trail trail={[{ href: '/zfxxgk/', label: '政府信息公开' }, ...(props.middle ? [{ href: BASE, label: '依申请公开' }] : []), { label: props.here }]} />;
}

export function ApplyIntroPage(props: { tenant: TenantView }) {
  const g = props.tenant.settings.guide;
  return (
    <Layout tenant={props.tenant} title="依申请公开" current="/zfxxgk/">
      <Crumbs here="依申请公开" />
      <h1>依申请公开</h1>
      <p>
        公民、法人或者其他组织可以向本级人民政府及其工作部门申请获取主动公开以外的政府信息（《中华人民共和国政府信息公开条例》第二十七条）。申请应当写明申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式、途径（第二十九条）。
      </p>
      <p>行政机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长的经负责人同意并告知申请人，延长期限最长不超过20个工作日（第三十三条）。</p>
      <ul class="cards cards-2">
        <li>
          <a href={`${BASE}apply?type=person`}>公民网上申请</a>
        </li>
        <li>
          <a href={`${BASE}apply?type=org`}>法人或其他组织网上申请</a>
        </li>
        <li>
          <a href={`${BASE}query`}>查询办理进度和答复</a>
        </li>
        <li>
          <a href="/zfxxgk/guide/">政府信息公开指南</a>
        </li>
      </ul>
      {g?.address || g?.phone ? (
        <section aria-labelledby="other-ways" class="panel">
          <h2 id="other-ways">其他申请方式</h2>
          <p>也可以当面提交、邮寄或传真申请表{g.officeName ? `至${g.officeName}` : ''}。</p>
          <dl class="meta">
            {g.address ? (
              <>
                <dt>地址</dt>
                <dd>{g.address}</dd>
              </>
            ) : null}
            {g.hours ? (
              <>
                <dt>办公时间</dt>
                <dd>{g.hours}</dd>
              </>
            ) : null}
            {g.phone ? (
              <>
                <dt>电话</dt>
                <dd>{g.phone}</dd>
              </>
            ) : null}
            {g.fax ? (
              <>
                <dt>传真</dt>
                <dd>{g.fax}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </Layout>
  );
}

const FIELD_ORDER = ['unitId', 'applicantType', 'name', 'idType', 'idNumber', 'contactPerson', 'phone', 'email', 'address', 'postcode', 'infoTitle', 'infoDocNo', 'description', 'infoForm', 'delivery', 'challenge'];

export function ApplyFormPage(props: { tenant: TenantView; org: boolean; units: { id: string; name: string }[]; values: Values; errors: Errors; challenge: Challenge }) {
  const { values: v, errors } = props;
  const title = props.org ? '法人或其他组织申请政府信息公开' : '公民申请政府信息公开';
  const docTypes = props.org ? ORG_DOC_TYPES : PERSON_DOC_TYPES;
  return (
    <Layout tenant={props.tenant} title={Object.keys(errors).length ? `错误：${title}` : title} current="/zfxxgk/">
      <Crumbs here="网上申请" middle />
      <h1>{title}</h1>
      <p>
        {props.org ? <a href={`${BASE}apply?type=person`}>以公民个人名义申请</a> : <a href={`${BASE}apply?type=org`}>以法人或其他组织名义申请</a>}。带“必填”的项目必须填写。申请人的身份证件号码、联系方式只用于办理本申请，不会公开。
      </p>
      <ErrorSummary errors={errors} order={FIELD_ORDER} />
      <form method="post" action={`${BASE}apply`} class="form" novalidate>
        <input type="hidden" name="type" value={props.org ? 'org' : 'person'} />
        <fieldset>
          <legend>受理机关</legend>
          <Field name="unitId" label="向哪个机关申请" required errors={errors} hint="所需信息由哪个机关制作或保存，就向哪个机关申请；不清楚的，可以向县人民政府申请。">
            {(a) => (
              <select {...a}>
                {props.units.map((u) => (
                  <option value={u.id} selected={v.unitId === u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          {props.org ? (
            <Field name="applicantType" label="组织类型" required errors={errors}>
              {(a) => (
                <select {...a}>
                  {ORG_TYPES.map((t) => (
                    <option value={t} selected={v.applicantType === t}>
                      {APPLICANT_TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field name="name" label={props.org ? '名称' : '姓名'} required errors={errors}>
            {(a) => <input {...a} type="text" value={v.name ?? ''} maxLength={100} autocomplete={props.org ? 'organization' : 'name'} />}
          </Field>
          <Field name="idType" label={props.org ? '证照类型' : '证件类型'} required errors={errors}>
            {(a) => (
              <select {...a}>
                {docTypes.map((t) => (
                  <option value={t} selected={(v.idType ?? docTypes[0]) === t}>
                    {ID_DOC_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="idNumber" label={props.org ? '统一社会信用代码或证照号码' : '证件号码'} required errors={errors}>
            {(a) => <input {...a} type="text" value={v.idNumber ?? ''} maxLength={40} autocomplete="off" spellcheck={false} />}
          </Field>
          {props.org ? (
            <Field name="contactPerson" label="联系人" required errors={errors}>
              {(a) => <input {...a} type="text" value={v.contactPerson ?? ''} maxLength={50} autocomplete="name" />}
            </Field>
          ) : null}
          <Field name="phone" label="联系电话" errors={errors} hint="联系电话和电子邮箱至少填一项。">
            {(a) => <input {...a} type="tel" value={v.phone ?? ''} maxLength={30} autocomplete="tel" />}
          </Field>
          <Field name="email" label="电子邮箱" errors={errors}>
            {(a) => <input {...a} type="email" value={v.email ?? ''} maxLength={200} autocomplete="email" />}
          </Field>
          <Field name="address" label="通信地址" errors={errors} hint="选择邮寄送达的，须填写通信地址。">
            {(a) => <input {...a} type="text" value={v.address ?? ''} maxLength={300} autocomplete="street-address" />}
          </Field>
          <Field name="postcode" label="邮政编码" errors={errors}>
            {(a) => <input {...a} type="text" inputMode="numeric" value={v.postcode ?? ''} maxLength={6} autocomplete="postal-code" class="input-short" />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>所需政府信息</legend>
          <Field name="infoTitle" label="信息名称" errors={errors}>
            {(a) => <input {...a} type="text" value={v.infoTitle ?? ''} maxLength={300} />}
          </Field>
          <Field name="infoDocNo" label="文号" errors={errors} hint="知道的请填写，如 示政发〔2026〕3号。">
            {(a) => <input {...a} type="text" value={v.infoDocNo ?? ''} maxLength={80} />}
          </Field>
          <Field name="description" label="所需信息的内容描述" required errors={errors} hint="请尽量写明信息的名称、文号、时间、制作机关等便于查找的特征。">
            {(a) => (
              <textarea {...a} rows={5} maxLength={5000}>
                {v.description ?? ''}
              </textarea>
            )}
          </Field>
          <Choices type="radio" required name="infoForm" legend="信息的提供形式" checked={[v.infoForm ?? 'electronic']} errors={errors} options={INFO_FORMS.map((f) => ({ value: f, label: INFO_FORM_LABELS[f] }))} />
          <Choices type="radio" required name="delivery" legend="获取信息的方式" checked={[v.delivery ?? 'online']} errors={errors} options={DELIVERY_METHODS.filter((d) => d !== 'fax').map((d) => ({ value: d, label: DELIVERY_LABELS[d] }))} />
        </fieldset>
        <fieldset>
          <legend>验证</legend>
          <ChallengeFields challenge={props.challenge} error={errors.challenge} />
        </fieldset>
        <p>
          <button type="submit" class="button">
            提交申请
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function AcknowledgementPage(props: { tenant: TenantView; number: string; queryCode: string; unitName: string }) {
  return (
    <Layout tenant={props.tenant} title="申请已提交" current="/zfxxgk/">
      <Crumbs here="申请已提交" middle />
      <div class="confirmation" role="status">
        <h1>申请已提交</h1>
        <p>
          申请编号：<strong class="code">{props.number}</strong>
        </p>
        <p>
          查询码：<strong class="code">{props.queryCode}</strong>
        </p>
      </div>
      <p>
        <strong>请记下申请编号和查询码</strong>（或打印本页）。查询码只显示这一次，凭申请编号和查询码可以查询办理进度、下载告知书。
      </p>
      <h2>接下来</h2>
      <ol>
        <li>{props.unitName}的政府信息公开工作机构将与您确认收到申请；确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。</li>
        <li>自收到申请之日起20个工作日内答复；需要补正的，将在7个工作日内一次性告知。</li>
        <li>
          随时可以在<a href={`${BASE}query`}>查询页面</a>查看进度。
        </li>
      </ol>
    </Layout>
  );
}

export function QueryPage(props: { tenant: TenantView; number?: string; error?: string }) {
  return (
    <Layout tenant={props.tenant} title={props.error ? '错误：查询办理进度' : '查询办理进度'} current="/zfxxgk/">
      <Crumbs here="查询办理进度" middle />
      <h1>查询办理进度</h1>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>无法查询</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      <form method="post" action={`${BASE}query`} class="form">
        <div class="form-field">
          <label for="q-number">申请编号</label>
          <p class="field-hint" id="q-number-hint">
            如 YSQ-2026-00012
          </p>
          <input id="q-number" name="number" type="text" value={props.number ?? ''} maxLength={20} autocomplete="off" aria-describedby="q-number-hint" required spellcheck={false} />
        </div>
        <div class="form-field">
          <label for="q-code">查询码</label>
          <input id="q-code" name="code" type="text" maxLength={12} autocomplete="off" required spellcheck={false} class="input-short" />
        </div>
        <p>
          <button type="submit" class="button">
            查询
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function StatusPage(props: { tenant: TenantView; page: ApplicantPage; error?: string }) {
  const p = props.page;
  return (
    <Layout tenant={props.tenant} title={`申请 ${p.number}`} current="/zfxxgk/">
      <Crumbs here={`申请 ${p.number}`} middle />
      <h1>申请 {p.number}</h1>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{props.error}</p>
        </div>
      ) : null}
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">办理状态</th>
            <td>
              <strong>{p.stateLabel}</strong>
              {p.paused ? `（${p.paused}，暂停计算期限）` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">受理机关</th>
            <td>{p.unitName}</td>
          </tr>
          <tr>
            <th scope="row">所需信息</th>
            <td>{p.subject}</td>
          </tr>
          <tr>
            <th scope="row">提交日期</th>
            <td>{formatDateZh(p.arrivedOn)}</td>
          </tr>
          <tr>
            <th scope="row">收到申请之日</th>
            <td>{p.receivedOn ? formatDateZh(p.receivedOn) : '待工作机构确认'}</td>
          </tr>
          {p.dueOn ? (
            <tr>
              <th scope="row">答复期限</th>
              <td>
                <strong>{formatDateZh(p.dueOn, true)}</strong>
                {p.dueExplanation ? <p class="file-meta">{p.dueExplanation}</p> : null}
              </td>
            </tr>
          ) : null}
          {p.result ? (
            <tr>
              <th scope="row">答复</th>
              <td>
                {p.result}
                {p.repliedOn ? `（${formatDateZh(p.repliedOn)}）` : ''}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {p.correction && p.state === 'correction' ? (
        <section class="panel" aria-labelledby="correction-heading">
          <h2 id="correction-heading">需要补正</h2>
          <p>{p.correction.text}</p>
          {p.correction.dueOn ? <p>请在 {formatDateZh(p.correction.dueOn)} 前补正；逾期无正当理由不补正的，视为放弃申请（《条例》第三十条）。</p> : null}
        </section>
      ) : null}
      {p.extension ? <p>经批准延期答复 {p.extension.days} 个工作日{p.extension.reason ? `，理由：${p.extension.reason}` : ''}。</p> : null}
      {p.fee && !p.fee.paidOn ? (
        <section class="panel" aria-labelledby="fee-heading">
          <h2 id="fee-heading">信息处理费</h2>
          <p>
            应缴 {p.fee.amount} 元。{p.fee.explanation}
            {p.fee.dueOn ? `请于 ${formatDateZh(p.fee.dueOn)} 前缴纳。` : ''}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="docs-heading">
        <h2 id="docs-heading">告知书和提供的信息</h2>
        {p.documents.length || p.records.length ? (
          <ul class="attachments">
            {p.documents.map((d) => (
              <li>
                <a href={`${BASE}files/${d.id}`}>{d.fileName}</a> <span class="file-meta">（{DOCUMENT_KIND_LABELS[d.kind as keyof typeof DOCUMENT_KIND_LABELS] ?? '文件'}，{Math.max(1, Math.round(d.size / 1024))} KB）</span>
              </li>
            ))}
            {p.records.map((r) => (
              <li>
                <a href={`/zfxxgk/info/${r.id}`}>{r.title}</a> <span class="file-meta">（已公开的政府信息）</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">暂无。</p>
        )}
      </section>
      {p.mayWithdraw ? (
        <section aria-labelledby="withdraw-heading" class="panel">
          <h2 id="withdraw-heading">撤回申请</h2>
          <form method="post" action={`${BASE}withdraw`} class="form">
            <div class="form-field">
              <label for="w-code">请再次输入查询码以确认撤回</label>
              <input id="w-code" name="code" type="text" maxLength={12} autocomplete="off" required class="input-short" />
            </div>
            <div class="form-field">
              <label for="w-reason">
                撤回原因<span class="optional">（选填）</span>
              </label>
              <input id="w-reason" name="reason" type="text" maxLength={200} />
            </div>
            <p>
              <button type="submit" class="button button-secondary">
                撤回申请
              </button>
            </p>
          </form>
        </section>
      ) : null}
      <p>
        <a href={`${BASE}query`}>查询其他申请</a>
      </p>
    </Layout>
  );
}

// ---- routes ---------------------------------------------------------------------------------------------

const str = (v: unknown, max = 5000) => (typeof v === 'string' ? v.slice(0, max) : '');

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** The field of the form an intake error belongs to. */
function formField(field: unknown): string {
  const f = typeof field === 'string' ? field : '';
  return f.startsWith('applicant.') ? f.slice('applicant.'.length) : f || 'description';
}

export function requestPortalRoutes(app: FastifyInstance, { db, config, blobs }: { db: Db; config: Config; blobs: BlobStore }) {
  const opts = { config: { access: 'public' as const, html: true, noCache: true }, schema: { hide: true } };
  const tenantOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const tenant = await hostTenant(db, config, req);
    if (!tenant) sendPage(reply, renderHtml(<UnknownSitePage host={req.hostname} />), 404);
    return tenant;
  };
  const units = async (tenantId: string) => (await addressableUnits(db, tenantId)).map((u) => ({ id: u.id, name: u.name }));
  const applicantRequest = async (req: FastifyRequest, tenantId: string) => {
    const raw = req.cookies?.[COOKIE];
    if (!raw) return null;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return null;
    const [id, exp] = un.value.split('.');
    if (!id || Number(exp) < Date.now()) return null;
    return /^[0-9a-f-]{36}$/i.test(id) ? requestRow(db, tenantId, id) : null;
  };

  app.get(BASE.slice(0, -1), opts, async (_req, reply) => reply.redirect(BASE, 301));
  app.get(BASE, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return sendPage(reply, renderHtml(<ApplyIntroPage tenant={tenant} />));
  });

  app.get<{ Querystring: { type?: string } }>(`${BASE}apply`, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const org = req.query?.type === 'org';
    return sendPage(reply, renderHtml(<ApplyFormPage tenant={tenant} org={org} units={await units(tenant.tenantId)} values={{}} errors={{}} challenge={newChallenge(config.sessionSecret)} />));
  });

  // One address may file a handful of requests in ten minutes; a flood from it is refused (429) while
  // every other applicant goes on.
  app.post<{ Body: Record<string, unknown> }>(`${BASE}apply`, { ...opts, config: { ...opts.config, rateLimit: { max: config.requestFormRateLimit, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const org = b.type === 'org';
    const values: Values = {};
    for (const k of ['unitId', 'applicantType', 'name', 'idType', 'idNumber', 'contactPerson', 'phone', 'email', 'address', 'postcode', 'infoTitle', 'infoDocNo', 'description', 'infoForm', 'delivery']) values[k] = str(b[k]);
    const again = (errors: Errors, status = 400) => units(tenant.tenantId).then((u) => sendPage(reply, renderHtml(<ApplyFormPage tenant={tenant} org={org} units={u} values={values} errors={errors} challenge={newChallenge(config.sessionSecret)} />), status));
    if (str(b.website)) return again({ challenge: '提交未能通过验证，请重试' });
    const ch = checkChallenge(config.sessionSecret, b.challengeToken, b.challenge);
    if (!ch.ok) return again({ challenge: ch.message });
    const type: ApplicantType = org ? ((ORG_TYPES as string[]).includes(values.applicantType!) ? (values.applicantType as ApplicantType) : 'other_org') : 'natural_person';
    const idType = ((org ? ORG_DOC_TYPES : PERSON_DOC_TYPES) as string[]).includes(values.idType!) ? (values.idType as IdDocType) : org ? 'credit_code' : 'resident_id';
    if (!(INFO_FORMS as readonly string[]).includes(values.infoForm!)) return again({ infoForm: '请选择信息的提供形式' });
    if (!(DELIVERY_METHODS as readonly string[]).includes(values.delivery!)) return again({ delivery: '请选择获取信息的方式' });
    try {
      const done = await intakeRequest(db, tenant.tenantId, {
        unitId: /^[0-9a-f-]{36}$/i.test(values.unitId!) ? values.unitId : null,
        applicant: { type, name: values.name!, idType, idNumber: values.idNumber!, contactPerson: values.contactPerson || null, phone: values.phone || null, email: values.email || null, address: values.address || null, postcode: values.postcode || null },
        infoTitle: values.infoTitle || null,
        infoDocNo: values.infoDocNo || null,
        description: values.description!,
        infoForm: values.infoForm as InfoForm,
        delivery: values.delivery as DeliveryMethod,
      });
      return sendPage(reply, renderHtml(<AcknowledgementPage tenant={tenant} number={done.number} queryCode={done.queryCode} unitName={done.unitName} />), 201);
    } catch (e) {
      if (e instanceof AppError && e.status === 400) {
        const errors: Errors = {};
        const problems = (e.details?.problems as { field: string; message: string }[] | undefined) ?? [{ field: String(e.details?.field ?? ''), message: e.message }];
        for (const p of problems) errors[formField(p.field)] ??= p.message;
        return again(errors);
      }
      throw e;
    }
  });

  app.get(`${BASE}query`, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (tenant) return sendPage(reply, renderHtml(<QueryPage tenant={tenant} />));
  });

  app.post<{ Body: Record<string, unknown> }>(`${BASE}query`, { ...opts, config: { ...opts.config, rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const number = str(req.body?.number, 40).trim().toUpperCase();
    const code = str(req.body?.code, 40).trim();
    const r = number && code ? await findForApplicant(db, tenant.tenantId, number, code) : null;
    // Which of the two is wrong is not said: the number alone reveals nothing either.
    if (!r) return sendPage(reply, renderHtml(<QueryPage tenant={tenant} number={number} error="申请编号或查询码不正确，请核对后重新输入。" />), 400);
    reply.setCookie(COOKIE, `${r.id}.${Date.now() + LOOKUP_MINUTES * 60_000}`, { signed: true, httpOnly: true, sameSite: 'lax', path: BASE, maxAge: LOOKUP_MINUTES * 60, secure: req.protocol === 'https' });
    return reply.redirect(`${BASE}status`, 303);
  });

  app.get(`${BASE}status`, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const r = await applicantRequest(req, tenant.tenantId);
    if (!r) return reply.redirect(`${BASE}query`, 303);
    return sendPage(reply, renderHtml(<StatusPage tenant={tenant} page={await applicantPage(db, r)} />));
  });

  app.get<{ Params: { id: string } }>(`${BASE}files/:id`, opts, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const r = await applicantRequest(req, tenant.tenantId);
    if (!r) return reply.redirect(`${BASE}query`, 303);
    const d = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await applicantDocument(db, r, req.params.id) : null;
    if (!d) throw new AppError(404, 'NOT_FOUND', '文件不存在');
    const bytes = await blobs.get(d.blobKey);
    return reply.type(d.mime).header('content-disposition', contentDisposition(d.fileName)).header('cache-control', 'private, no-store').send(Buffer.from(bytes));
  });

  app.post<{ Body: Record<string, unknown> }>(`${BASE}withdraw`, { ...opts, config: { ...opts.config, rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const tenant = await tenantOf(req, reply);
    if (!tenant) return;
    const r = await applicantRequest(req, tenant.tenantId);
    if (!r) return reply.redirect(`${BASE}query`, 303);
    const same = await findForApplicant(db, tenant.tenantId, r.number, str(req.body?.code, 40));
    if (!same || same.id !== r.id) return sendPage(reply, renderHtml(<StatusPage tenant={tenant} page={await applicantPage(db, r)} error="查询码不正确，申请未撤回。" />), 400);
    try {
      await withdrawByApplicant(db, r, str(req.body?.reason, 200) || null);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return sendPage(reply, renderHtml(<StatusPage tenant={tenant} page={await applicantPage(db, r)} error={e.message} />), 409);
      throw e;
    }
    return reply.redirect(`${BASE}status`, 303);
  });
}
