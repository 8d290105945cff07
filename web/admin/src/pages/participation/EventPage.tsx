// One event (/admin/events/:id): announce it (发布预告), mark it held or cancel it with a reason; decide the
// public's registrations (确定参加 up to the capacity, or 未能安排 with a note; phone numbers are for staff
// only); after a meeting attended by public representatives, publish their opinions and how each was
// adopted, due 3 working days after the meeting (later is allowed and recorded as late). The server keeps
// the rules and its Chinese message is shown as it comes.
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { PERMISSIONS } from '../../labels';
import { routeParam, useRoute } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { REGISTRATION_KINDS, when, type EngagementEvent, type EventRegistration, type RepresentativeOpinion } from './engagement';

type Dialog = { kind: 'hold' } | { kind: 'cancel' } | { kind: 'decline'; registration: EventRegistration } | null;

interface Values {
  heldOn?: string;
  reason?: string;
  note?: string;
}

interface OpinionValues {
  opinions: (Omit<RepresentativeOpinion, 'adopted'> & { adopted?: 'yes' | 'no' })[];
}

export default function EventPage() {
  const id = routeParam(useRoute(), 'events') ?? '';
  const { can } = useSession();
  const [e, setE] = useState<EngagementEvent | null>(null);
  const [registrations, setRegistrations] = useState<EventRegistration[]>([]);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const [opinionsForm] = Form.useForm<OpinionValues>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const one = await api.get<EngagementEvent>(`/events/${id}`);
      setE(one);
      setRegistrations(REGISTRATION_KINDS.includes(one.kind) ? await api.get<EventRegistration[]>(`/events/${id}/registrations`) : []);
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (d: Dialog) => {
    form.resetFields();
    form.setFieldsValue({ heldOn: undefined, reason: undefined, note: undefined });
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  /** Runs a write; a refusal goes to the dialog's field, the opinions form or an alert; a stale version reloads. */
  async function write(run: () => Promise<unknown>, done: string, fields: Record<string, keyof Values> = {}) {
    setBusy(true);
    setRefusal(null);
    try {
      await run();
      void message.success(done);
      setDialog(null);
      await load();
    } catch (err) {
      if (stale(err, () => { setDialog(null); void load(); })) return;
      if (err instanceof ApiError && err.status < 500 && err.status !== 401) {
        const name = String(err.details?.field ?? '');
        const field = fields[name];
        if (field && dialog) form.setFields([{ name: field, errors: [err.message] }]);
        else if (/^opinions\.\d+\.\w+$/.test(name)) {
          const [, i, key] = name.split('.');
          opinionsForm.setFields([{ name: ['opinions', Number(i), key as keyof RepresentativeOpinion], errors: [err.message] }]);
        } else setRefusal(err.message);
        return;
      }
      report(err);
    } finally {
      setBusy(false);
    }
  }

  if (!e) return <PageTitle title={loading ? '正在加载…' : '活动'} />;
  const mayEdit = can(PERMISSIONS.recordsEdit);
  const mayPublish = can(PERMISSIONS.recordsPublish);
  const act = (event: 'publish' | 'hold' | 'cancel', extra: Record<string, unknown>, done: string) =>
    write(() => api.post(`/events/${e.id}/actions`, { event, version: e.version, ...extra }), done, { heldOn: 'heldOn', reason: 'reason' });
  const decide = (r: EventRegistration, state: 'selected' | 'declined', note: string | null) =>
    write(() => api.patch(`/event-registrations/${r.id}`, { version: r.version, state, note }), state === 'selected' ? `已确定 ${r.name} 参加` : '已告知未能安排', { note: 'note' });

  async function submitDialog() {
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog?.kind === 'hold') await act('hold', { heldOn: v.heldOn || null }, '已标记为已举行');
    else if (dialog?.kind === 'cancel') await act('cancel', { reason: v.reason?.trim() ?? '' }, '活动已取消');
    else if (dialog?.kind === 'decline') await decide(dialog.registration, 'declined', v.note?.trim() ?? '');
  }

  async function publishOpinions() {
    if (!e) return;
    // The form shows what is missing.
    const v = await opinionsForm.validateFields().catch(() => null);
    if (!v) return;
    const opinions = v.opinions.map((o) => ({ representative: o.representative.trim(), opinion: o.opinion.trim(), adopted: o.adopted === 'yes', response: o.response.trim() }));
    await write(() => api.put(`/events/${e.id}/opinions`, { version: e.version, opinions }), '公众代表意见及采纳情况已公开');
  }

  const registrationColumns: TableColumnsType<EventRegistration> = [
    { title: '姓名', dataIndex: 'name', key: 'name', width: 110 },
    { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130 },
    { title: '单位或身份', dataIndex: 'organisation', key: 'organisation', width: 160, render: (o: string | null) => o ?? '—' },
    { title: '报名理由', dataIndex: 'reason', key: 'reason', render: (r: string) => <span className="pre-line">{r}</span> },
    { title: '报名时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 140, render: when },
    {
      title: '结果',
      key: 'state',
      width: 170,
      render: (_: unknown, r) => (
        <span>
          <Tag className={r.state === 'selected' ? 'tag-success' : r.state === 'pending' ? 'tag-warning' : undefined}>{r.stateLabel}</Tag>
          {r.decisionNote ? <div className="muted small">{r.decisionNote}</div> : null}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_: unknown, r) =>
        !mayEdit || e.state !== 'published' ? null : (
          <Space size="small" wrap>
            {r.state !== 'selected' ? (
              <Button size="small" type="primary" disabled={busy} onClick={() => void decide(r, 'selected', null)} aria-label={`确定参加：${r.name}`}>
                确定参加
              </Button>
            ) : null}
            {r.state !== 'declined' ? (
              <Button size="small" onClick={() => open({ kind: 'decline', registration: r })} aria-label={`未能安排：${r.name}`}>
                未能安排
              </Button>
            ) : null}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={e.title}
        extra={
          <Space wrap>
            <Tag className={e.state === 'published' ? 'tag-success' : undefined}>{e.stateLabel}</Tag>
            {mayPublish && e.state === 'draft' ? (
              <Button type="primary" loading={busy} onClick={() => void act('publish', {}, '预告已发布')}>
                发布预告
              </Button>
            ) : null}
            {mayPublish && e.state === 'published' ? (
              <Button type="primary" onClick={() => open({ kind: 'hold' })}>
                标记为已举行
              </Button>
            ) : null}
            {mayPublish && (e.state === 'draft' || e.state === 'published') ? (
              <Button danger onClick={() => open({ kind: 'cancel' })}>
                取消活动
              </Button>
            ) : null}
          </Space>
        }
      />
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="consultation-facts">
        <Descriptions.Item label="类别">{e.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="主办单位">{e.unitName}</Descriptions.Item>
        <Descriptions.Item label="活动时间">{when(e.startsAt)}</Descriptions.Item>
        <Descriptions.Item label="地点">{e.place || '—'}</Descriptions.Item>
        {e.speakers.length ? (
          <Descriptions.Item label={e.kind === 'online_interview' ? '访谈嘉宾' : e.kind === 'press_conference' ? '发布人' : '出席人员'} span={2}>
            {e.speakers.map((s) => `${s.post ? `${s.post} ` : ''}${s.name}`).join('；')}
          </Descriptions.Item>
        ) : null}
        {REGISTRATION_KINDS.includes(e.kind) ? (
          <>
            <Descriptions.Item label="名额">{e.capacity ?? '未填写'}</Descriptions.Item>
            <Descriptions.Item label="报名截止">{e.registrationClosesAt ? when(e.registrationClosesAt) : '未填写'}</Descriptions.Item>
          </>
        ) : null}
        {e.heldOn ? <Descriptions.Item label="举行日期">{e.heldOn}</Descriptions.Item> : null}
        {e.cancelReason ? <Descriptions.Item label="取消原因">{e.cancelReason}</Descriptions.Item> : null}
        {e.summary ? (
          <Descriptions.Item label="简介" span={2}>
            <span className="pre-line">{e.summary}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {REGISTRATION_KINDS.includes(e.kind) ? (
        <section className="consultation-section" aria-labelledby="registrations-title">
          <h2 id="registrations-title" className="section-title">
            公众报名（已确定 {e.registrations.selected}
            {e.capacity ? `/${e.capacity}` : ''} 人，待确认 {e.registrations.pending} 人）
          </h2>
          <p className="muted">联系电话仅工作人员可见。活动举行或取消后不能再确定参加人员。</p>
          <Table<EventRegistration> aria-label="公众报名" rowKey="id" columns={registrationColumns} dataSource={registrations} loading={loading} size="middle" pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: '还没有人报名' }} />
        </section>
      ) : null}

      {e.kind === 'attended_meeting' ? (
        <section className="consultation-section" aria-labelledby="opinions-title">
          <h2 id="opinions-title" className="section-title">
            公众代表意见及采纳情况
          </h2>
          {e.opinionsDueOn ? (
            <p>
              <span className={e.opinionsOverdue ? 'due-overdue' : undefined}>
                应于 {e.opinionsDueOn} 前公开{e.opinionsOverdue ? '，已逾期' : ''}
              </span>
              {e.opinionsPublishedOn ? (
                <span>
                  ；已于 {e.opinionsPublishedOn} 公开
                  {e.opinionsWorkingDaysLate ? <span className="due-late">逾期{e.opinionsWorkingDaysLate}个工作日</span> : null}
                </span>
              ) : null}
              {e.opinionsDueExplanation ? <span className="muted small"> {e.opinionsDueExplanation}</span> : null}
            </p>
          ) : (
            <p className="muted">会议举行后，公众代表的意见及采纳情况应在3个工作日内公开。</p>
          )}
          {e.state === 'held' && mayPublish ? (
            <Form
              key={e.version}
              form={opinionsForm}
              layout="vertical"
              name="event-opinions"
              initialValues={{ opinions: e.opinions.length ? e.opinions.map((o) => ({ ...o, adopted: o.adopted ? 'yes' : 'no' })) : [{ representative: '', opinion: '', response: '' }] }}
            >
              <Form.List name="opinions">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <fieldset key={f.key} className="consultation-section">
                        <legend className="subsection-title">第{i + 1}条意见</legend>
                        <div className="form-grid">
                          <Form.Item name={[f.name, 'representative']} label="提出意见的代表" rules={[{ required: true, whitespace: true, message: '请填写提出意见的代表' }, { max: 100 }]}>
                            <Input placeholder="如 市民代表 王某" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'adopted']} label="是否采纳" rules={[{ required: true, message: '请选择是否采纳' }]}>
                            <Radio.Group options={[{ value: 'yes', label: '采纳' }, { value: 'no', label: '不予采纳' }]} />
                          </Form.Item>
                        </div>
                        <Form.Item name={[f.name, 'opinion']} label="意见" rules={[{ required: true, whitespace: true, message: '请填写意见内容' }, { max: 5000 }]}>
                          <Input.TextArea rows={2} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'response']} label="采纳情况或不予采纳的理由" rules={[{ required: true, whitespace: true, message: '请说明采纳情况或不予采纳的理由' }, { max: 5000 }]}>
                          <Input.TextArea rows={2} />
                        </Form.Item>
                        {fields.length > 1 ? (
                          <Button size="small" onClick={() => remove(f.name)} aria-label={`删除第${i + 1}条意见`}>
                            删除这条意见
                          </Button>
                        ) : null}
                      </fieldset>
                    ))}
                    <Space wrap>
                      <Button onClick={() => add({ representative: '', opinion: '', response: '' })}>添加一条意见</Button>
                      <Button type="primary" loading={busy} onClick={() => void publishOpinions()}>
                        {e.opinionsPublishedOn ? '更新公开的意见' : '公开代表意见'}
                      </Button>
                    </Space>
                  </>
                )}
              </Form.List>
            </Form>
          ) : e.opinions.length ? (
            <ol>
              {e.opinions.map((o, i) => (
                <li key={i}>
                  <strong>{o.representative}</strong>：{o.opinion}
                  <div className="muted">
                    {o.adopted ? '采纳' : '不予采纳'}：{o.response}
                  </div>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}

      <Modal
        key={opened}
        open={!!dialog}
        title={dialog?.kind === 'hold' ? '标记为已举行' : dialog?.kind === 'cancel' ? '取消活动' : dialog?.kind === 'decline' ? `未能安排：${dialog.registration.name}` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submitDialog()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="event-dialog">
          {dialog?.kind === 'hold' ? (
            <Form.Item name="heldOn" label="举行日期（不填为预告的活动日期）">
              <Input type="date" />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'cancel' ? (
            <Form.Item name="reason" label="取消的原因（公开）" rules={[{ required: true, whitespace: true, message: '请说明取消的原因' }, { max: 1000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'decline' ? (
            <Form.Item name="note" label="未能安排的原因" rules={[{ required: true, whitespace: true, message: '请说明未能安排的原因' }, { max: 500 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
