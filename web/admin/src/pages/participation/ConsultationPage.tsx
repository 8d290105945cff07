// One consultation (/admin/consultations/:id): open it, moderate each opinion (published without the writer's
// name and with personal data masked, or withheld with a note), answer each published opinion (adopted or
// not, and why), end the period, and publish the adoption report. The server enforces the rules (30 days,
// every published opinion answered before the report) and its Chinese message is shown as it comes.
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { routeParam, useRoute } from '../../router';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { CONSULTATION_STATE_LABELS, type Consultation, type ConsultationComment } from './types';

type Dialog = { kind: 'reject'; comment: ConsultationComment } | { kind: 'adopt'; comment: ConsultationComment } | { kind: 'close' } | null;

/** Plain text of a textarea as paragraphs (the server sanitises whatever it gets). */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');

export default function ConsultationPage() {
  const id = routeParam(useRoute(), 'consultations') ?? '';
  const [c, setC] = useState<Consultation | null>(null);
  const [comments, setComments] = useState<ConsultationComment[]>([]);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reportText, setReportText] = useState('');
  const [form] = Form.useForm<{ note?: string; adopted?: 'yes' | 'no'; reason?: string }>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [one, list] = await Promise.all([api.get<Consultation>(`/consultations/${id}`), api.get<ConsultationComment[]>(`/consultations/${id}/comments`)]);
      setC(one);
      setComments(list);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (d: Dialog) => {
    form.resetFields();
    if (d?.kind === 'adopt') form.setFieldsValue({ adopted: d.comment.adopted === false ? 'no' : d.comment.adopted ? 'yes' : undefined, reason: d.comment.adoptionReason ?? '' });
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  /** Runs a write; a refusal goes to the dialog's field or its alert, a stale version reloads. */
  async function write(run: () => Promise<unknown>, done: string, fields: Record<string, 'note' | 'reason'> = {}) {
    setBusy(true);
    setRefusal(null);
    try {
      await run();
      void message.success(done);
      setDialog(null);
      await load();
    } catch (e) {
      if (stale(e, () => { setDialog(null); void load(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = fields[String(e.details?.field ?? '')];
        if (field && dialog) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const moderate = (comment: ConsultationComment, body: Record<string, unknown>, done: string, fields?: Record<string, 'note' | 'reason'>) =>
    write(() => api.patch(`/consultation-comments/${comment.id}`, { version: comment.version, ...body }), done, fields);
  const act = (event: 'open' | 'close' | 'report', extra: Record<string, unknown>, done: string, fields?: Record<string, 'note' | 'reason'>) =>
    write(() => api.post(`/consultations/${id}/actions`, { event, version: c!.version, ...extra }), done, fields);

  async function submitDialog() {
    const v = await form.validateFields();
    if (dialog?.kind === 'reject') await moderate(dialog.comment, { state: 'rejected', moderationNote: v.note?.trim() ?? '' }, '已设为不予公开', { moderationNote: 'note' });
    else if (dialog?.kind === 'adopt') await moderate(dialog.comment, { adopted: v.adopted === 'yes', adoptionReason: v.reason?.trim() ?? '' }, '已保存采纳情况', { adoptionReason: 'reason' });
    else if (dialog?.kind === 'close') await act('close', { reason: v.reason?.trim() || null }, '征集已结束', { reason: 'reason' });
  }

  if (!c) return <PageTitle title={loading ? '正在加载…' : '意见征集'} />;
  const answering = c.state === 'open' || c.state === 'closed';

  const columns: TableColumnsType<ConsultationComment> = [
    { title: '意见', dataIndex: 'body', key: 'body', render: (b: string) => <span className="pre-line">{b}</span> },
    {
      title: '提交人',
      key: 'writer',
      width: 150,
      render: (_: unknown, m) => (
        <span>
          {m.name ?? '（未留姓名）'}
          {m.contact ? <div className="muted small">{m.contact}</div> : null}
        </span>
      ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 150, render: (s: string) => s.slice(0, 16).replace('T', ' ') },
    {
      title: '审核',
      key: 'state',
      width: 170,
      render: (_: unknown, m) => (
        <span>
          <Tag className={m.state === 'approved' ? 'tag-success' : m.state === 'pending' ? 'tag-warning' : undefined}>{m.stateLabel}</Tag>
          {m.moderationNote ? <div className="muted small">{m.moderationNote}</div> : null}
        </span>
      ),
    },
    {
      title: '采纳情况',
      key: 'adoption',
      width: 220,
      render: (_: unknown, m) =>
        m.state !== 'approved' ? null : m.adopted === null ? (
          <span className="muted">未说明</span>
        ) : (
          <span>
            <strong>{m.adopted ? '采纳' : '不予采纳'}</strong>：{m.adoptionReason}
          </span>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_: unknown, m) =>
        !answering ? null : m.state === 'pending' ? (
          <Space size="small" wrap>
            <Button size="small" type="primary" disabled={busy} onClick={() => void moderate(m, { state: 'approved' }, '意见已公开')} aria-label={`公开意见：${m.body.slice(0, 20)}`}>
              公开
            </Button>
            <Button size="small" disabled={busy} onClick={() => open({ kind: 'reject', comment: m })} aria-label={`不予公开意见：${m.body.slice(0, 20)}`}>
              不予公开
            </Button>
          </Space>
        ) : m.state === 'approved' ? (
          <Button size="small" onClick={() => open({ kind: 'adopt', comment: m })} aria-label={`说明采纳情况：${m.body.slice(0, 20)}`}>
            说明采纳情况
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle
        title={c.title}
        extra={
          <Space wrap>
            <Tag>{CONSULTATION_STATE_LABELS[c.state]}</Tag>
            {c.state === 'draft' ? (
              <Button type="primary" loading={busy} onClick={() => void act('open', {}, '征集已发布')}>
                发布征集
              </Button>
            ) : null}
            {c.state === 'open' ? <Button onClick={() => open({ kind: 'close' })}>结束征集</Button> : null}
          </Space>
        }
      />
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="consultation-facts">
        <Descriptions.Item label="起草单位">{c.unitName}</Descriptions.Item>
        <Descriptions.Item label="类别">{c.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="征集期">
          {c.startsOn} 至 {c.endsOn}（{c.days}日）{c.urgent ? `，紧急缩短：${c.urgentReason ?? ''}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="阶段">{c.phaseLabel}</Descriptions.Item>
      </Descriptions>

      <h2 className="section-title">收到的意见</h2>
      <Table<ConsultationComment> aria-label="收到的意见" rowKey="id" columns={columns} dataSource={comments} loading={loading} size="middle" pagination={false} />

      {c.state === 'closed' ? (
        <section className="consultation-section" aria-labelledby="report-title">
          <h2 id="report-title" className="section-title">公布意见采纳情况</h2>
          <p className="muted">每条公开的意见都须说明是否采纳及理由，才能公布。下面的说明与逐条采纳情况一并公开。</p>
          <label htmlFor="report-text" className="field-label">
            采纳情况说明
          </label>
          <Input.TextArea id="report-text" rows={4} value={reportText} onChange={(e) => setReportText(e.target.value)} placeholder="例如：共收到意见3条，采纳1条……" />
          <Button type="primary" className="consultation-report-button" loading={busy} onClick={() => void act('report', { reportHtml: paragraphs(reportText) || null }, '采纳情况已公布')}>
            公布采纳情况
          </Button>
        </section>
      ) : null}
      {c.state === 'reported' && c.reportHtml ? (
        <section className="consultation-section" aria-labelledby="reported-title">
          <h2 id="reported-title" className="section-title">已公布的采纳情况</h2>
          {/* Sanitised by the server when it was saved. */}
          <div dangerouslySetInnerHTML={{ __html: c.reportHtml }} />
        </section>
      ) : null}

      <Modal
        key={opened}
        open={!!dialog}
        title={dialog?.kind === 'reject' ? '不予公开' : dialog?.kind === 'adopt' ? '说明采纳情况' : '结束征集'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submitDialog()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical">
          {dialog?.kind === 'reject' ? (
            <Form.Item name="note" label="不予公开的原因（不公开，留存备查）" rules={[{ required: true, whitespace: true, message: '请说明不予公开的原因' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'adopt' ? (
            <>
              <p className="pre-line">{dialog.comment.publicText}</p>
              <Form.Item name="adopted" label="是否采纳" rules={[{ required: true, message: '请选择是否采纳' }]}>
                <Radio.Group options={[{ value: 'yes', label: '采纳' }, { value: 'no', label: '不予采纳' }]} />
              </Form.Item>
              <Form.Item name="reason" label="理由（公开）" rules={[{ required: true, whitespace: true, message: '请说明采纳或不予采纳的理由' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'close' ? (
            <Form.Item name="reason" label="提前结束的理由（征集期未满时必填）">
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
