// One letter (/admin/messages/:id; the new-letter and overdue notifications link here): the letter as written
// with its writer and contacts (staff only; the portal never shows them), the reply deadline and how it was
// counted, the reply, the writer's rating and every event. The steps are those of the API: 转办 to another
// unit (the deadline stays), 答复, 公开 or 取消公开 (only with the writer's consent, after the reply), 办结.
// The server judges each; its Chinese message is shown in the dialog (on the field it names), and a
// version changed meanwhile is handled as on the records pages: nothing is overwritten, the user reloads.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Select, Space, Spin, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { PERMISSIONS } from '../../labels';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useStaleDialog } from '../records/stale';
import { MESSAGE_STATE_TAGS } from './MessageBits';
import { MESSAGE_STATE_LABELS, type Message, type MessageEvent } from './types';

type Step = 'assign' | 'reply' | 'publish' | 'unpublish' | 'close';

const STEP_TITLES: Record<Step, string> = { assign: '转办', reply: '答复', publish: '公开来信和答复', unpublish: '取消公开', close: '办结' };
const STEP_DONE: Record<Step, string> = { assign: '已转办', reply: '已答复', publish: '已在门户网站公开', unpublish: '已取消公开', close: '已办结' };

const EVENT_LABELS: Record<string, string> = { receive: '收到留言', assign: '转办', reply: '答复', publish: '公开设置', close: '办结', rate: '留言人评价' };

function eventDetail(e: MessageEvent): string | null {
  const d = e.data;
  if (e.event === 'assign' && typeof d.to === 'string') return `${typeof d.from === 'string' ? d.from : ''} → ${d.to}（答复期限不变）`;
  if (e.event === 'reply' && typeof d.workingDaysLate === 'number') return d.workingDaysLate > 0 ? `逾期 ${d.workingDaysLate} 个工作日答复` : '按期答复';
  if (e.event === 'publish' && typeof d.published === 'boolean') return d.published ? '在门户网站公开' : '取消公开';
  if (e.event === 'rate' && typeof d.rating === 'number') return `${d.rating} 分`;
  return null;
}

interface Values {
  unitId?: string;
  reply?: string;
  comment?: string;
}

export default function MessagePage() {
  const id = routeParam(useRoute(), 'messages') ?? '';
  const { session } = useSession();
  const { units, index } = useUnits(false);
  const [m, setM] = useState<Message | null>(null);
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState<string | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  /** The dialog keeps its title while it closes (a dialog without a name is an accessibility fault). */
  const [shown, setShown] = useState<Step>('reply');
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setM(await api.get<Message>(`/messages/${id}`));
      setMissing(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const unitOptions = useMemo(() => units.filter((u) => !u.abolished && u.id !== m?.unitId).map((u) => ({ value: u.id, label: u.name })), [units, m?.unitId]);

  const open = (s: Step) => {
    form.resetFields();
    setRefusal(null);
    setOpened((n) => n + 1);
    setShown(s);
    setStep(s);
  };

  async function submit() {
    if (!m || !step) return;
    const v = await form.validateFields();
    const body: Record<string, unknown> =
      step === 'assign'
        ? { event: 'assign', unitId: v.unitId, comment: v.comment?.trim() || null }
        : step === 'reply'
          ? { event: 'reply', reply: v.reply?.trim() ?? '' }
          : step === 'close'
            ? { event: 'close', comment: v.comment?.trim() || null }
            : { event: 'publish', published: step === 'publish' };
    setBusy(true);
    setRefusal(null);
    try {
      setM(await api.post<Message>(`/messages/${m.id}/actions`, { ...body, version: m.version }));
      void message.success(STEP_DONE[step]);
      setStep(null);
    } catch (e) {
      if (stale(e, () => { setStep(null); void load(); }, { unsavedEdits: step === 'reply' })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = String(e.details?.field ?? '');
        if ((field === 'unitId' && step === 'assign') || (field === 'reply' && step === 'reply')) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/messages`} onClick={(e) => followLink(e, 'messages')}>
      返回列表
    </Button>
  );

  if (missing) return <Result status="404" title={<h1 className="result-title">找不到这条留言</h1>} subTitle={`${missing.replace(/[。.]$/, '')}。`} extra={back} />;
  if (!m) return <Spin className="page-spin" description="正在加载…" spinning={loading} />;

  const unit = index.byId.get(m.unitId);
  const mayEdit = canOnUnit(session.user, PERMISSIONS.recordsEdit, unit);
  const mayPublish = canOnUnit(session.user, PERMISSIONS.recordsPublish, unit);

  return (
    <>
      <PageTitle
        title={`留言 ${m.number}`}
        extra={
          <Space wrap>
            {mayEdit && m.state === 'received' ? (
              <>
                <Button type="primary" onClick={() => open('reply')}>
                  答复
                </Button>
                <Button onClick={() => open('assign')}>转办</Button>
              </>
            ) : null}
            {mayPublish && m.state !== 'received' && m.consentPublic && !m.published ? (
              <Button type="primary" onClick={() => open('publish')}>
                公开
              </Button>
            ) : null}
            {mayPublish && m.published ? <Button onClick={() => open('unpublish')}>取消公开</Button> : null}
            {mayEdit && m.state === 'replied' ? <Button onClick={() => open('close')}>办结</Button> : null}
            {back}
          </Space>
        }
      >
        <span className="record-subtitle">
          <Tag className={MESSAGE_STATE_TAGS[m.state]}>{MESSAGE_STATE_LABELS[m.state]}</Tag>
          {m.published ? <Tag className="tag-info">已在门户网站公开</Tag> : null}
          {m.overdue ? <Tag className="tag-danger">已逾期</Tag> : null}
          <span>{m.kindLabel}</span>
          <span>· 办理单位：{m.unitName}</span>
          <span>· {m.categoryLabel}</span>
        </span>
      </PageTitle>
      <Spin spinning={loading}>
        <div className="record-grid">
          <div className="record-side">
            <Card title={<h2 className="section-title">来信</h2>} className="record-card">
              <h3 className="message-subject">{m.subject}</h3>
              <p className="pre-line message-body">{m.body}</p>
            </Card>
            <Card title={<h2 className="section-title">答复</h2>} className="record-card">
              {m.reply ? (
                <>
                  <p className="muted small">
                    {m.repliedOn} 答复{m.workingDaysLate ? <span className="due-overdue">（逾期 {m.workingDaysLate} 个工作日）</span> : '（按期）'}
                  </p>
                  <p className="pre-line message-body">{m.reply}</p>
                  {m.ratingLabel ? (
                    <p>
                      留言人评价：<strong>{m.ratingLabel}</strong>
                      {m.ratingComment ? <span className="muted">（{m.ratingComment}）</span> : null}
                    </p>
                  ) : (
                    <p className="muted small">留言人尚未评价。</p>
                  )}
                </>
              ) : (
                <p className="muted">尚未答复。请在答复期限前答复留言人。</p>
              )}
            </Card>
            <Card title={<h2 className="section-title">办理记录</h2>} className="record-card">
              {m.events.length ? (
                <ol className="history-list" aria-label="办理记录">
                  {m.events.map((e, i) => {
                    const detail = eventDetail(e);
                    return (
                      <li key={`${e.at}-${i}`} className={`history-item message-event-${e.event}`}>
                        <div className="history-head">
                          <span className="history-event">{EVENT_LABELS[e.event] ?? e.event}</span>
                        </div>
                        <div className="history-meta muted">
                          <time dateTime={e.at}>{formatDateTime(e.at)}</time>　{e.actorLabel}
                        </div>
                        {detail ? <p className="history-detail small">{detail}</p> : null}
                        {e.comment ? <p className="history-comment">{e.comment}</p> : null}
                      </li>
                    );
                  })}
                </ol>
              ) : (
                <Empty description="暂无办理记录" />
              )}
            </Card>
          </div>
          <div className="record-side">
            <Card title={<h2 className="section-title">答复期限</h2>} className="record-card">
              <p className={m.overdue ? 'clock-due due-overdue' : 'clock-due'}>
                {m.dueOn}
                {m.overdue ? ' 已逾期' : ''}
              </p>
              <div className="clock-explanation">
                <h3 className="subsection-title first">期限如何计算</h3>
                <p className="due-explanation">{m.dueExplanation}</p>
              </div>
            </Card>
            <Card title={<h2 className="section-title">留言人</h2>} className="record-card">
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 96 } }}
                items={[
                  { key: 'name', label: '姓名', children: m.writerName },
                  { key: 'phone', label: '电话', children: m.phone ?? '—' },
                  { key: 'email', label: '电子邮箱', children: m.email ?? '—' },
                  { key: 'received', label: '收到日期', children: m.receivedOn },
                  { key: 'consent', label: '公开', children: m.consentPublic ? '同意公开来信和答复' : '不同意公开' },
                ]}
              />
              <p className="muted small message-private">留言人的姓名和联系方式不公开；公开来信和答复时，门户网站隐去姓名和个人信息。</p>
            </Card>
          </div>
        </div>
      </Spin>
      <Modal
        key={opened}
        open={step !== null}
        title={STEP_TITLES[step ?? shown]}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setStep(null)}
        destroyOnHidden
      >
        {refusal ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="message-step">
          {step === 'assign' ? (
            <>
              <p className="muted small">转给其他单位办理；答复期限自收到留言之日起计算，转办不重新计算（仍为 {m.dueOn}）。</p>
              <Form.Item name="unitId" label="转办到的单位" rules={[{ required: true, message: '请选择转办的单位' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder="输入单位名称查找" options={unitOptions} popupMatchSelectWidth={false} />
              </Form.Item>
              <Form.Item name="comment" label="转办说明（可不填）" rules={[{ max: 1000, message: '不能超过 1000 个字' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          ) : null}
          {step === 'reply' ? (
            <>
              <p className="muted small">
                答复期限 {m.dueOn}。{m.consentPublic ? '留言人同意公开，答复后可在门户网站公开（隐去姓名和个人信息）。' : '留言人不同意公开，答复只告知留言人。'}
              </p>
              <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, { max: 10000, message: '不能超过 10000 个字' }]}>
                <Input.TextArea rows={8} />
              </Form.Item>
            </>
          ) : null}
          {step === 'publish' ? <p>来信和答复将在门户网站“领导信箱”公开，隐去留言人姓名、联系方式和其他个人信息。</p> : null}
          {step === 'unpublish' ? <p>来信和答复将不再在门户网站显示。</p> : null}
          {step === 'close' ? (
            <Form.Item name="comment" label="办结说明（可不填）" rules={[{ max: 1000, message: '不能超过 1000 个字' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
