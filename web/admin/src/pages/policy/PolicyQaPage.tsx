// 政策问答 (/admin/policy-qa): the questions from the portal the answerer could not answer (answered into
// the bank citing the records the answer rests on, set aside with a note, or handed to another unit), and
// the bank itself (questions, answers and cited records; an entry can be edited or kept off the portal).
// A small card shows the figures of 政策找人: subscribers and the state of the e-mail outbox.
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Radio, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useStaleDialog } from '../records/stale';
import { RecordSelect } from './RecordSelect';
import { QUESTION_STATE_LABELS, type OutboxSummary, type PolicyQuestion, type QaEntry, type QuestionState, type SubscriberSummary } from './types';

type Dialog =
  | { kind: 'answer'; question: PolicyQuestion }
  | { kind: 'dismiss'; question: PolicyQuestion }
  | { kind: 'assign'; question: PolicyQuestion }
  | { kind: 'entry'; entry: QaEntry | null }
  | null;

interface Values {
  question?: string;
  answer?: string;
  recordIds?: string[];
  published?: boolean;
  note?: string;
  unitId?: string;
}

const FIELDS = ['question', 'answer', 'recordIds', 'note', 'unitId'] as const;
const time = (s: string) => s.slice(0, 16).replace('T', ' ');
const short = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

function Figures() {
  const [subs, setSubs] = useState<SubscriberSummary | null>(null);
  const [outbox, setOutbox] = useState<OutboxSummary | null>(null);
  useEffect(() => {
    // Whole-county figures: only those who may read the root unit's records see them; others see no card.
    void api.get<SubscriberSummary>('/policy/subscribers/summary').then(setSubs, () => setSubs(null));
    void api.get<OutboxSummary>('/policy/outbox/summary').then(setOutbox, () => setOutbox(null));
  }, []);
  if (!subs && !outbox) return null;
  return (
    <Card size="small" className="stats-card" title={<h2 className="section-title">政策找人订阅和推送邮件</h2>}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {subs ? (
          <>
            <Descriptions.Item label="有效订阅">
              {subs.active}（个人 {subs.persons}，企业 {subs.enterprises}；已确认邮箱 {subs.confirmed}）
            </Descriptions.Item>
            <Descriptions.Item label="已取消订阅">{subs.cancelled}</Descriptions.Item>
          </>
        ) : null}
        {outbox ? (
          <>
            <Descriptions.Item label="推送邮件">
              待发送 {outbox.pending}，已发送 {outbox.sent}，发送失败 {outbox.failed}，已取消 {outbox.cancelled}
            </Descriptions.Item>
            <Descriptions.Item label="邮件服务">{outbox.smtpConfigured ? '已配置' : '未配置（邮件留在待发送队列，不会发出）'}</Descriptions.Item>
            {outbox.lastError ? <Descriptions.Item label="最近一次发送错误">{outbox.lastError}</Descriptions.Item> : null}
          </>
        ) : null}
      </Descriptions>
    </Card>
  );
}

export default function PolicyQaPage() {
  const [tab, setTab] = useState<'questions' | 'bank'>('questions');
  const [state, setState] = useState<QuestionState | 'all'>('open');
  const [questions, setQuestions] = useState<PolicyQuestion[]>([]);
  const [entries, setEntries] = useState<QaEntry[]>([]);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** A fresh dialog for every opening. */
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const { index } = useUnits();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const loadQuestions = useCallback(async () => {
    setLoading(true);
    try {
      setQuestions(await api.get<PolicyQuestion[]>('/policy/questions', { state: state === 'all' ? undefined : state }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [state, report]);

  const loadEntries = useCallback(async () => {
    setLoading(true);
    try {
      setEntries(await api.get<QaEntry[]>('/policy/qa', { q: q.trim() || undefined }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [q, report]);

  useEffect(() => {
    if (tab === 'questions') void loadQuestions();
    else void loadEntries();
  }, [tab, loadQuestions, loadEntries]);

  const reload = () => (tab === 'questions' ? loadQuestions() : loadEntries());

  /** Opens a dialog with its values (every field set, so nothing of the previous dialog stays). */
  const open = (d: Dialog) => {
    const values: Values =
      d?.kind === 'answer'
        ? { question: d.question.maskedQuestion, published: true, recordIds: [] }
        : d?.kind === 'entry'
          ? d.entry
            ? { question: d.entry.question, answer: d.entry.answer, recordIds: d.entry.records.map((r) => r.id), published: d.entry.published }
            : { published: true, recordIds: [] }
          : d?.kind === 'assign'
            ? { unitId: d.question.unitId }
            : {};
    form.resetFields();
    form.setFieldsValue({ question: undefined, answer: undefined, recordIds: undefined, published: undefined, note: undefined, unitId: undefined, ...values });
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  /** Runs a write; a refusal goes to the dialog's field or its alert, a stale version reloads. */
  async function write(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await run();
      void message.success(done);
      setDialog(null);
      await reload();
    } catch (e) {
      if (stale(e, () => { setDialog(null); void reload(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = FIELDS.find((f) => f === e.details?.field);
        if (field && dialog) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog?.kind === 'answer') {
      const x = dialog.question;
      await write(() => api.post(`/policy/questions/${x.id}/answer`, { version: x.version, question: v.question?.trim(), answer: v.answer?.trim() ?? '', recordIds: v.recordIds ?? [], published: v.published ?? true }), '已答复，问答已加入问答库');
    } else if (dialog?.kind === 'dismiss') {
      const x = dialog.question;
      await write(() => api.post(`/policy/questions/${x.id}/dismiss`, { version: x.version, note: v.note?.trim() ?? '' }), '问题已搁置');
    } else if (dialog?.kind === 'assign') {
      const x = dialog.question;
      await write(() => api.post(`/policy/questions/${x.id}/assign`, { version: x.version, unitId: v.unitId }), '问题已转交');
    } else if (dialog?.kind === 'entry') {
      const x = dialog.entry;
      const body = { question: v.question?.trim() ?? '', answer: v.answer?.trim() ?? '', recordIds: v.recordIds ?? [], published: v.published ?? true };
      await write(() => (x ? api.patch(`/policy/qa/${x.id}`, { version: x.version, ...body }) : api.post('/policy/qa', body)), x ? '问答已保存' : '问答已加入问答库');
    }
  }

  const togglePublished = (e: QaEntry) =>
    write(() => api.patch(`/policy/qa/${e.id}`, { version: e.version, published: !e.published }), e.published ? '该问答已停用，门户网站不再使用' : '该问答已启用');

  const questionColumns: TableColumnsType<PolicyQuestion> = [
    {
      title: '公众提问',
      key: 'question',
      render: (_: unknown, x) => (
        <div>
          <span className="pre-line">{x.question}</span>
          {x.maskedQuestion !== x.question ? <div className="muted small">公开时：{x.maskedQuestion}</div> : null}
        </div>
      ),
    },
    { title: '答复单位', dataIndex: 'unitName', key: 'unitName', width: 170 },
    { title: '提问时间', dataIndex: 'askedAt', key: 'askedAt', width: 140, render: time },
    {
      title: '状态',
      key: 'state',
      width: 180,
      render: (_: unknown, x) => (
        <span>
          <Tag className={x.state === 'open' ? 'tag-warning' : x.state === 'answered' ? 'tag-success' : undefined}>{QUESTION_STATE_LABELS[x.state]}</Tag>
          {x.handledAt ? <span className="muted small">{time(x.handledAt)}</span> : null}
          {x.note ? <div className="muted small">搁置原因：{x.note}</div> : null}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_: unknown, x) =>
        x.state !== 'open' ? null : (
          <Space size="small" wrap>
            <Button size="small" type="primary" onClick={() => open({ kind: 'answer', question: x })} aria-label={`答复：${short(x.question)}`}>
              答复
            </Button>
            <Button size="small" onClick={() => open({ kind: 'assign', question: x })} aria-label={`转交：${short(x.question)}`}>
              转交
            </Button>
            <Button size="small" onClick={() => open({ kind: 'dismiss', question: x })} aria-label={`搁置：${short(x.question)}`}>
              搁置
            </Button>
          </Space>
        ),
    },
  ];

  const entryColumns: TableColumnsType<QaEntry> = [
    { title: '问题', dataIndex: 'question', key: 'question', width: 240 },
    { title: '答复', dataIndex: 'answer', key: 'answer', render: (a: string) => <span className="pre-line">{a}</span> },
    {
      title: '依据的政策文件',
      key: 'records',
      width: 240,
      render: (_: unknown, e) => (
        <ul className="plain-list">
          {e.records.map((r) => (
            <li key={r.id}>
              <Link to={`records/${r.id}`}>{r.title}</Link>
              {r.public ? null : <span className="muted small">（未公开）</span>}
            </li>
          ))}
        </ul>
      ),
    },
    { title: '负责单位', dataIndex: 'unitName', key: 'unitName', width: 150 },
    {
      title: '门户网站',
      key: 'published',
      width: 100,
      render: (_: unknown, e) => (e.published ? <Tag className="tag-success">使用中</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_: unknown, e) => (
        <Space size="small" wrap>
          <Button size="small" onClick={() => open({ kind: 'entry', entry: e })} aria-label={`修改问答：${short(e.question)}`}>
            修改
          </Button>
          <Button size="small" disabled={busy} onClick={() => void togglePublished(e)} aria-label={`${e.published ? '停用' : '启用'}问答：${short(e.question)}`}>
            {e.published ? '停用' : '启用'}
          </Button>
        </Space>
      ),
    },
  ];

  const title = dialog?.kind === 'answer' ? '答复公众提问' : dialog?.kind === 'dismiss' ? '搁置公众提问' : dialog?.kind === 'assign' ? '转交其他单位答复' : dialog?.kind === 'entry' ? (dialog.entry ? '修改问答' : '新增问答') : '';
  const asked = dialog && dialog.kind !== 'entry' ? dialog.question : null;

  return (
    <>
      <PageTitle title="政策问答" extra={tab === 'bank' ? <Button type="primary" onClick={() => open({ kind: 'entry', entry: null })}>新增问答</Button> : undefined}>
        门户网站“政策问答”先从问答库和已公开的政策文件中查找答案；找不到答案的提问进入待答问题，由政策的主管部门答复并收录到问答库（提问中的个人信息自动隐去），每条答复都须注明依据的政策文件。
      </PageTitle>
      <Figures />
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'questions' | 'bank')}
        items={[
          {
            key: 'questions',
            label: '待答问题',
            children: (
              <>
                <div className="toolbar">
                  <Radio.Group
                    aria-label="显示范围"
                    optionType="button"
                    value={state}
                    onChange={(e) => setState(e.target.value as QuestionState | 'all')}
                    options={[
                      { value: 'open', label: '待答复' },
                      { value: 'answered', label: '已答复' },
                      { value: 'dismissed', label: '已搁置' },
                      { value: 'all', label: '全部' },
                    ]}
                  />
                </div>
                <Table<PolicyQuestion>
                  aria-label="公众提问列表"
                  rowKey="id"
                  columns={questionColumns}
                  dataSource={questions}
                  loading={loading}
                  size="middle"
                  pagination={questions.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 个` } : false}
                  scroll={{ x: 1000 }}
                  locale={{ emptyText: state === 'open' ? '没有待答复的提问' : '没有提问' }}
                />
              </>
            ),
          },
          {
            key: 'bank',
            label: '问答库',
            children: (
              <>
                <div className="toolbar">
                  <Input.Search aria-label="查找问答" placeholder="关键词" allowClear enterButton="查找" className="filter-search" onSearch={(v) => setQ(v)} />
                </div>
                <Table<QaEntry>
                  aria-label="问答库"
                  rowKey="id"
                  columns={entryColumns}
                  dataSource={entries}
                  loading={loading}
                  size="middle"
                  pagination={entries.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
                  scroll={{ x: 1100 }}
                  locale={{ emptyText: '问答库中还没有问答' }}
                />
              </>
            ),
          },
        ]}
      />

      <Modal key={opened} open={!!dialog} title={title} okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={() => setDialog(null)} destroyOnHidden width={dialog?.kind === 'answer' || dialog?.kind === 'entry' ? 720 : 520}>
        {asked ? (
          <div className="assist-question-box">
            <p className="muted small">
              {asked.unitName}，{time(asked.askedAt)} 提问
            </p>
            <p className="pre-line">{asked.question}</p>
          </div>
        ) : null}
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="policy-qa-dialog">
          {dialog?.kind === 'answer' || dialog?.kind === 'entry' ? (
            <>
              <Form.Item
                name="question"
                label={dialog.kind === 'answer' ? '问题（收录到问答库时公开，个人信息已隐去）' : '问题'}
                rules={[{ required: true, whitespace: true, message: '请填写问题' }, { max: 300, message: '不能超过 300 个字' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="answer" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, { max: 10000, message: '不能超过 10000 个字' }]}>
                <Input.TextArea rows={5} />
              </Form.Item>
              <Form.Item name="recordIds" label="依据的政策文件" rules={[{ required: true, type: 'array', min: 1, message: '请至少关联一份政策文件作为答复的依据' }]} extra="门户网站的答复会链接这些文件；请选择已公开的政策文件。">
                <RecordSelect multiple publishedOnly initial={dialog.kind === 'entry' && dialog.entry ? dialog.entry.records : []} />
              </Form.Item>
              <Form.Item name="published" valuePropName="checked">
                <Checkbox>在门户网站使用（公众查询时可以找到这条问答）</Checkbox>
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'dismiss' ? (
            <Form.Item name="note" label="搁置原因（不公开，留存备查）" rules={[{ required: true, whitespace: true, message: '请说明搁置的原因（如与政策无关、重复提问）' }, { max: 1000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'assign' ? (
            <Form.Item name="unitId" label="答复单位" rules={[{ required: true, message: '请选择答复单位' }]}>
              <UnitTreeSelect index={index} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
