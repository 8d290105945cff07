// The read-only parts of a request's page: the clock (due date, working days left, how it was computed,
// the Art. 30 correction-notice deadline, pauses, extension, fee), the applicant (masked for those who
// do not handle the request), what was asked, the reply, and the timeline of everything that happened.
import { Alert, Card, Descriptions, Empty, Tag } from 'antd';
import { Link } from '../../components/Link';
import { formatDateTime } from '../../format';
import type { RequestMeta, RequestView } from '../../types';
import { daysLeftText } from './RequestBits';
import { labelOf } from './useRequestMeta';

const CLOCK_STATE_LABELS: Record<string, string> = {
  running: '计时中',
  paused: '暂停计时（征求意见或等待缴费，不计入答复期限）',
  stopped: '停止计时（等待申请人补正，收到补正后重新起算）',
};

const OUTCOME_LABELS: Record<string, string> = { agreed: '同意公开', objected: '不同意公开', no_reply: '逾期未提出意见', paid: '已缴费', unpaid: '逾期未缴费' };

export function ClockCard({ request: r }: { request: RequestView }) {
  const c = r.clock;
  const overdue = c?.daysLeft !== null && c?.daysLeft !== undefined && c.daysLeft < 0;
  const items = [
    {
      key: 'received',
      label: '收到申请之日',
      children: r.receivedOn ? (
        <div>
          <span>{r.receivedOn}</span>
          {r.receiptRule ? <p className="muted small clock-rule">{r.receiptRule}</p> : null}
        </div>
      ) : (
        <span className="muted">{r.arrivedOn} 提交，尚未确认收到；确认后起算答复期限</span>
      ),
    },
  ];
  if (c) {
    items.push({
      key: 'due',
      label: '答复期限',
      children: c.dueOn ? (
        <div>
          <span className={overdue ? 'clock-due due-overdue' : 'clock-due'}>{c.dueOn}</span>
          {c.daysLeft !== null ? <span className={overdue ? 'clock-left due-overdue' : c.daysLeft <= 3 ? 'clock-left due-soon' : 'clock-left'}>{daysLeftText(c.daysLeft)}</span> : null}
        </div>
      ) : (
        <span className="muted">待补正，收到补正后的申请之日起重新计算</span>
      ),
    });
    items.push({ key: 'state', label: '计时状态', children: <span>{CLOCK_STATE_LABELS[c.state] ?? c.state}</span> });
    items.push({
      key: 'correction',
      label: '补正告知期限',
      children: (
        <span>
          {c.correctionNoticeDueOn}
          <span className="muted small">（收到申请之日起7个工作日内一次性告知，《条例》第三十条）</span>
        </span>
      ),
    });
  } else if (r.repliedOn || r.result) {
    if (r.dueOn) items.push({ key: 'due', label: '答复期限', children: <span>{r.dueOn}</span> });
    items.push({
      key: 'done',
      label: '办理用时',
      children: (
        <span>
          {r.workingDaysUsed !== null ? `${r.workingDaysUsed} 个工作日` : '—'}
          {r.workingDaysLate ? <span className="due-overdue">（逾期 {r.workingDaysLate} 个工作日答复）</span> : r.repliedOn ? <span className="muted">（按期答复）</span> : null}
        </span>
      ),
    });
  }
  if (r.extensionDays) {
    items.push({
      key: 'extension',
      label: '延期',
      children: (
        <span>
          {r.extendedOn} 经 {r.extensionApprover} 批准延长 {r.extensionDays} 个工作日{r.extensionReason ? `：${r.extensionReason}` : ''}
        </span>
      ),
    });
  }
  if (r.correctionRequestedOn) {
    items.push({
      key: 'correctionDone',
      label: '补正',
      children: (
        <div>
          <span>
            {r.correctionRequestedOn} 告知补正，补正期限至 {r.correctionDueOn ?? '—'}
            {r.correctedOn ? `，${r.correctedOn} 收到补正` : ''}
          </span>
          {r.correctionText ? <p className="pre-line small clock-rule">{r.correctionText}</p> : null}
        </div>
      ),
    });
  }
  if (r.fee) {
    items.push({
      key: 'fee',
      label: '信息处理费',
      children: (
        <div>
          <span>
            {r.fee.amount} 元{r.fee.noticeOn ? `，${r.fee.noticeOn} 发出收费通知` : ''}
            {r.fee.dueOn ? `，缴费期限至 ${r.fee.dueOn}` : ''}
            {r.fee.paidOn ? `，${r.fee.paidOn} 已缴纳` : ''}
          </span>
          {r.fee.explanation ? <p className="muted small clock-rule">{r.fee.explanation}</p> : null}
        </div>
      ),
    });
  }
  return (
    <Card title={<h2 className="section-title">答复期限</h2>} className="record-card clock-card">
      <Descriptions size="small" column={1} styles={{ label: { width: 112 } }} items={items} />
      {c ? (
        <div className="clock-explanation">
          <h3 className="subsection-title first">期限如何计算</h3>
          <p className="due-explanation">{c.explanation}</p>
        </div>
      ) : null}
      {r.pauses.length ? (
        <div>
          <h3 className="subsection-title">暂停计时</h3>
          <ul className="plain-list" aria-label="暂停计时">
            {r.pauses.map((p) => (
              <li key={p.id}>
                <span>{p.text}</span>
                {p.party ? <span className="muted">：{p.party}</span> : null}
                {p.partyDueOn && !p.toOn ? <span className="muted small">（对方应于 {p.partyDueOn} 前答复）</span> : null}
                {p.outcome ? <Tag className="tag-neutral pause-tag">{OUTCOME_LABELS[p.outcome] ?? p.outcome}</Tag> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

export function FlagsAlert({ request: r }: { request: RequestView }) {
  if (!r.possibleRepeats.length && !r.excessiveVolume) return null;
  return (
    <Alert
      className="page-alert"
      type="warning"
      showIcon
      title="请注意"
      description={
        <ul className="plain-list">
          {r.possibleRepeats.length ? (
            <li>
              疑似重复申请：同一申请人曾提出内容相近的申请{' '}
              {r.possibleRepeats.map((p, i) => (
                <span key={p.id}>
                  {i ? '、' : ''}
                  <Link to={`requests/${p.id}`} className="mono">
                    {p.number}
                  </Link>
                </span>
              ))}
              。已答复过的相同申请可按“重复申请”不予处理（《条例》第三十六条第（六）项）。
            </li>
          ) : null}
          {r.excessiveVolume ? <li>申请数量明显超过合理范围：该申请人本月提出的申请已超过设定的数量。可以要求说明理由，或按规定收取信息处理费（《条例》第三十五条、第四十二条）。</li> : null}
        </ul>
      }
    />
  );
}

export function ApplicantCard({ request: r }: { request: RequestView }) {
  const a = r.applicant;
  const org = a.type !== 'natural_person';
  const items = [
    { key: 'type', label: '类型', children: a.typeLabel },
    { key: 'name', label: org ? '名称' : '姓名', children: a.name },
    { key: 'id', label: a.idTypeLabel, children: <span className="mono">{a.idNumber}</span> },
    ...(a.contactPerson ? [{ key: 'contact', label: '联系人', children: a.contactPerson }] : []),
    { key: 'phone', label: '联系电话', children: a.phone ?? <span className="muted">未填</span> },
    { key: 'email', label: '电子邮箱', children: a.email ?? <span className="muted">未填</span> },
    { key: 'address', label: '通信地址', children: a.address ? `${a.address}${a.postcode ? `（${a.postcode}）` : ''}` : <span className="muted">未填</span> },
  ];
  return (
    <Card title={<h2 className="section-title">申请人</h2>} className="record-card">
      {a.masked ? <Alert className="form-alert" type="info" showIcon title="申请人信息已隐去" description="只有办理该申请的承办人可以看到申请人的完整信息。" /> : null}
      <Descriptions size="small" column={1} styles={{ label: { width: 120 } }} items={items} />
    </Card>
  );
}

export function ContentCard({ request: r }: { request: RequestView }) {
  const items = [
    ...(r.infoTitle ? [{ key: 'title', label: '信息名称', children: r.infoTitle }] : []),
    ...(r.infoDocNo ? [{ key: 'docNo', label: '文号', children: r.infoDocNo }] : []),
    { key: 'description', label: '内容描述', children: <p className="pre-line request-description">{r.description}</p> },
    { key: 'form', label: '提供形式', children: r.infoFormLabel },
    { key: 'delivery', label: '获取方式', children: r.deliveryLabel },
    { key: 'channel', label: '提交方式', children: `${r.channelLabel}（${r.arrivedOn}）` },
  ];
  return (
    <Card title={<h2 className="section-title">申请内容</h2>} className="record-card">
      <Descriptions size="small" column={1} styles={{ label: { width: 96 } }} items={items} />
    </Card>
  );
}

export function ReplyCard({ request: r, meta }: { request: RequestView; meta: RequestMeta }) {
  if (!r.result) return null;
  // The row of the annual report: （一）予以公开, or （三）不予公开 4.保护第三方合法权益.
  const row = meta.results.find((x) => x.value === r.result);
  const type = row ? (row.label === row.groupLabel ? row.label : `${row.groupLabel} ${row.label}`) : (r.resultLabel ?? r.result);
  const items = [
    { key: 'result', label: '答复类型', children: type },
    ...(r.resultGround ? [{ key: 'ground', label: '法律依据', children: r.resultGround }] : []),
    ...(r.repliedOn ? [{ key: 'on', label: '答复日期', children: r.repliedOn }] : []),
    ...(r.replyText ? [{ key: 'text', label: '答复理由', children: <p className="pre-line request-description">{r.replyText}</p> }] : []),
    ...(r.referOrgan ? [{ key: 'refer', label: '负责机关', children: r.referOrgan }] : []),
    ...(r.records.length
      ? [
          {
            key: 'records',
            label: '提供的信息',
            children: (
              <ul className="plain-list">
                {r.records.map((x) => (
                  <li key={x.id}>
                    <Link to={`records/${x.id}`}>{x.title}</Link>
                    {x.docNo ? <span className="muted">（{x.docNo}）</span> : null}
                  </li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(r.deliveredOn ? [{ key: 'delivered', label: '送达', children: `${r.deliveredOn}${r.deliveryNote ? `：${r.deliveryNote}` : ''}` }] : []),
  ];
  return (
    <Card title={<h2 className="section-title">答复</h2>} className="record-card">
      <Descriptions size="small" column={1} styles={{ label: { width: 96 } }} items={items} />
    </Card>
  );
}

/** Short lines of what a step recorded beyond its comment (the days, the approver, the result …). */
function eventDetail(event: string, data: Record<string, unknown>, meta: RequestMeta): string[] {
  const out: string[] = [];
  const s = (k: string) => (typeof data[k] === 'string' || typeof data[k] === 'number' ? String(data[k]) : null);
  switch (event) {
    case 'create':
    case 'register':
      if (s('receiptRule')) out.push(s('receiptRule')!);
      break;
    case 'request_correction':
      if (s('correctionDueOn')) out.push(`补正期限：${s('correctionDueOn')}`);
      break;
    case 'start_consultation':
      if (s('party')) out.push(`${labelOf(meta.pauseKinds, s('kind'))}：${s('party')}${s('partyDueOn') ? `，应于 ${s('partyDueOn')} 前提出意见` : ''}`);
      break;
    case 'end_consultation':
      if (s('outcome')) out.push(`结果：${OUTCOME_LABELS[s('outcome')!] ?? s('outcome')}`);
      break;
    case 'issue_fee_notice':
      if (s('amount')) out.push(`${labelOf(meta.feeBases, s('basis'))} ${s('amount')} 元${s('dueOn') ? `，缴费期限 ${s('dueOn')}` : ''}`);
      break;
    case 'extend':
      if (s('extensionDays')) out.push(`延长 ${s('extensionDays')} 个工作日${s('approver') ? `，批准人：${s('approver')}` : ''}`);
      break;
    case 'assign':
      if (s('toUnit')) out.push(`由 ${s('fromUnit')} 转至 ${s('toUnit')}`);
      if (s('handler')) out.push(`承办人：${s('handler')}`);
      break;
    case 'reply':
      if (s('resultLabel')) out.push(`答复类型：${s('resultLabel')}`);
      if (s('workingDaysUsed') !== null) out.push(`用时 ${s('workingDaysUsed')} 个工作日${data.workingDaysLate ? `，逾期 ${s('workingDaysLate')} 个工作日` : ''}`);
      break;
    case 'assist':
      if (s('unit')) out.push(`协查单位：${s('unit')}${s('dueOn') ? `，${s('dueOn')} 前回复` : ''}`);
      break;
    case 'assist_reply':
      if (s('unit')) out.push(`协查单位：${s('unit')}`);
      break;
    case 'appeal':
      if (s('path')) out.push(`${labelOf(meta.appealPaths, s('path'))}，${labelOf(meta.appealOutcomes, s('outcome'))}`);
      break;
    default:
      break;
  }
  if (Array.isArray(data.warnings)) for (const w of data.warnings) if (typeof w === 'string') out.push(`注意：${w}`);
  return out;
}

export function TimelineCard({ request: r, meta }: { request: RequestView; meta: RequestMeta }) {
  return (
    <Card title={<h2 className="section-title">办理记录</h2>} className="record-card">
      {!r.events.length ? <Empty description="暂无办理记录" /> : null}
      {r.events.length ? (
        <ol className="history-list" aria-label="办理记录">
          {r.events.map((e) => (
            <li key={e.id} className={`history-item request-event-${e.event}`}>
              <div className="history-head">
                <span className="history-event">{e.eventLabel}</span>
                {e.fromState !== e.toState && (e.fromState || e.toState) ? (
                  <span className="history-states">
                    {e.fromState ? labelOf(meta.states, e.fromState) : '—'} → {e.toState ? labelOf(meta.states, e.toState) : '—'}
                  </span>
                ) : null}
              </div>
              <div className="history-meta muted">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>　{e.actorLabel}
                {e.on !== formatDateTime(e.at).slice(0, 10) ? <span>（发生日期 {e.on}）</span> : null}
              </div>
              {eventDetail(e.event, e.data, meta).map((d) => (
                <p key={d} className="history-detail small">
                  {d}
                </p>
              ))}
              {e.comment ? <p className="history-comment">{e.comment}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Card>
  );
}
