// 政策解读 (/admin/interpretations, ?record=<id>): without a policy chosen, every interpretation of the
// policies the user may see (GET /interpretations), all or by state, or the drafts past their due date; with
// one chosen (found by its title or document number), that policy's interpretations, where new ones are
// drafted. Each with its form, unit, due date (counted from the policy's publication) and lateness, and state. A draft is edited and
// published once the policy is public; a published one can be withdrawn with a note. A new interpretation is
// drafted by the policy's own unit (谁起草、谁解读); the server says so when the user may not.
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { PERMISSIONS } from '../../labels';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { RecordSelect } from './RecordSelect';
import { FORM_LABELS, type Interpretation, type InterpretationForm } from './types';

type Dialog = { kind: 'edit'; item: Interpretation | null } | { kind: 'withdraw'; item: Interpretation } | null;
type Filter = 'all' | 'overdue' | 'draft' | 'published' | 'withdrawn';

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'overdue', label: '逾期未发布' },
  { value: 'draft', label: '草稿' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
];

interface Values {
  form?: InterpretationForm;
  title?: string;
  body?: string;
  mediaUrl?: string;
  speaker?: string;
  note?: string;
}

const FIELDS: Record<string, keyof Values> = { form: 'form', title: 'title', bodyHtml: 'body', mediaUrl: 'mediaUrl', speaker: 'speaker', note: 'note' };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain text of a textarea as paragraphs (the server sanitises whatever it gets). */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('');
/** The text of saved HTML, a paragraph a line, for editing in a textarea. */
function textOf(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const blocks = [...doc.body.querySelectorAll('p, h1, h2, h3, h4, li')];
  return (blocks.length ? blocks.map((b) => b.textContent ?? '') : [doc.body.textContent ?? '']).map((t) => t.trim()).filter(Boolean).join('\n');
}

function recordFromUrl(): string | undefined {
  return new URLSearchParams(window.location.search).get('record') ?? undefined;
}

export default function InterpretationsPage() {
  const { can } = useSession();
  const [recordId, setRecordId] = useState<string | undefined>(recordFromUrl);
  const [filter, setFilter] = useState<Filter>('all');
  const [items, setItems] = useState<Interpretation[]>([]);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(
        recordId
          ? await api.get<Interpretation[]>(`/records/${recordId}/interpretations`)
          : await api.get<Interpretation[]>('/interpretations', filter === 'overdue' ? { overdue: true } : { state: filter === 'all' ? undefined : filter }),
      );
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [recordId, filter, report]);

  useEffect(() => {
    void load();
    // The chosen policy in the address, so that the page can be reloaded or linked.
    const url = recordId ? `${window.location.pathname}?record=${recordId}` : window.location.pathname;
    window.history.replaceState(null, '', url);
  }, [load, recordId]);

  /** Opens a dialog with its values (every field set, so nothing of the previous dialog stays). */
  const open = (d: Dialog) => {
    const x = d?.kind === 'edit' ? d.item : null;
    form.resetFields();
    form.setFieldsValue({
      form: d?.kind === 'edit' ? (x?.form ?? 'text') : undefined,
      title: x?.title,
      body: x ? textOf(x.bodyHtml) : undefined,
      mediaUrl: x?.mediaUrl ?? undefined,
      speaker: x?.speaker ?? undefined,
      note: undefined,
    });
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  async function write(run: () => Promise<unknown>, done: string) {
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
        const field = FIELDS[String(e.details?.field ?? '')];
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
    if (dialog?.kind === 'edit') {
      const body = { form: v.form, title: v.title?.trim() ?? '', bodyHtml: paragraphs(v.body ?? ''), mediaUrl: v.mediaUrl?.trim() || null, speaker: v.speaker?.trim() || null };
      const x = dialog.item;
      await write(() => (x ? api.patch(`/interpretations/${x.id}`, { version: x.version, ...body }) : api.post('/interpretations', { recordId, ...body })), x ? '解读已保存' : '解读已起草');
    } else if (dialog?.kind === 'withdraw') {
      const x = dialog.item;
      await write(() => api.post(`/interpretations/${x.id}/withdraw`, { version: x.version, note: v.note?.trim() ?? '' }), '解读已撤回');
    }
  }

  const mayEdit = can(PERMISSIONS.recordsEdit);
  const mayPublish = can(PERMISSIONS.recordsPublish);
  const mayWithdraw = can(PERMISSIONS.recordsWithdraw);

  const columns: TableColumnsType<Interpretation> = [
    ...(recordId
      ? []
      : [
          {
            title: '政策文件',
            key: 'record',
            width: 260,
            render: (_: unknown, x: Interpretation) => (
              <Button type="link" onClick={() => setRecordId(x.recordId)} aria-label={`查看《${x.recordTitle}》的解读`}>
                {x.recordTitle}
              </Button>
            ),
          },
        ]),
    {
      title: '解读',
      key: 'title',
      render: (_: unknown, x) => (
        <span>
          {x.title}
          {x.speaker ? <div className="muted small">解读人：{x.speaker}</div> : null}
          {x.missing.length ? <div className="muted small">未涉及：{x.missing.join('、')}</div> : null}
        </span>
      ),
    },
    { title: '形式', dataIndex: 'formLabel', key: 'form', width: 110 },
    { title: '起草单位', dataIndex: 'unitName', key: 'unit', width: 170 },
    {
      title: '发布期限',
      key: 'due',
      width: 170,
      render: (_: unknown, x) => {
        const overdue = x.state === 'draft' && !!x.dueOn && x.dueOn < new Date().toISOString().slice(0, 10);
        return x.dueOn ? (
          <span title={x.dueExplanation ?? undefined}>
            <span className={overdue ? 'due-overdue' : undefined}>
              {x.dueOn}
              {overdue ? ' 已逾期' : ''}
            </span>
            {x.workingDaysLate ? <span className="due-late">逾期{x.workingDaysLate}个工作日发布</span> : null}
          </span>
        ) : (
          <span className="muted">政策发布后计算</span>
        );
      },
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, x) => (
        <span>
          <Tag className={x.state === 'published' ? 'tag-success' : undefined}>{x.stateLabel}</Tag>
          {x.publishedAt ? <div className="muted small">{x.publishedAt.slice(0, 10)}</div> : null}
          {x.withdrawnNote ? <div className="muted small">撤回说明：{x.withdrawnNote}</div> : null}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, x) => (
        <Space size="small" wrap>
          {mayEdit && x.state === 'draft' ? (
            <Button size="small" onClick={() => open({ kind: 'edit', item: x })} aria-label={`修改解读：${x.title}`}>
              修改
            </Button>
          ) : null}
          {mayPublish && x.state === 'draft' ? (
            <Button size="small" type="primary" disabled={busy} onClick={() => void write(() => api.post(`/interpretations/${x.id}/publish`, { version: x.version }), '解读已发布')} aria-label={`发布解读：${x.title}`}>
              发布
            </Button>
          ) : null}
          {mayWithdraw && x.state !== 'withdrawn' ? (
            <Button size="small" danger onClick={() => open({ kind: 'withdraw', item: x })} aria-label={`撤回解读：${x.title}`}>
              撤回
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const editing = dialog?.kind === 'edit' ? dialog.item : null;
  const policy = recordId ? items.find((x) => x.recordId === recordId) : undefined;

  return (
    <>
      <PageTitle
        title="政策解读"
        extra={
          mayEdit && recordId ? (
            <Button type="primary" onClick={() => open({ kind: 'edit', item: null })}>
              起草解读
            </Button>
          ) : undefined
        }
      >
        谁起草、谁解读：政策解读由政策文件的起草单位起草，与政策文件同步审签；政策文件发布后，解读应在规定的工作日内发布（默认3个工作日）。查找政策文件，查看和起草它的解读；不选政策文件时列出您可见的全部解读。
      </PageTitle>
      <div className="toolbar">
        <label htmlFor="interpretation-record" className="sr-only">
          政策文件
        </label>
        <div style={{ minWidth: 420 }}>
          <RecordSelect id="interpretation-record" value={recordId} onChange={setRecordId} initial={policy ? [{ id: policy.recordId, title: policy.recordTitle }] : undefined} placeholder="输入政策文件的标题关键词或文号查找" />
        </div>
        {recordId ? (
          <>
            <Link to={`records/${recordId}`}>{policy ? `打开《${policy.recordTitle}》` : '打开政策文件'}</Link>
            <Button onClick={() => setRecordId(undefined)}>全部解读</Button>
          </>
        ) : (
          <Radio.Group aria-label="状态" optionType="button" value={filter} onChange={(e) => setFilter(e.target.value as Filter)} options={FILTERS} />
        )}
      </div>
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
      <Table<Interpretation>
        aria-label="政策解读列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: recordId ? '该政策文件还没有解读' : filter === 'overdue' ? '没有逾期未发布的解读' : '没有符合条件的解读' }}
      />

      <Modal
        key={opened}
        open={!!dialog}
        title={dialog?.kind === 'withdraw' ? '撤回解读' : editing ? '修改解读' : '起草解读'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        width={dialog?.kind === 'edit' ? 760 : 520}
      >
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="interpretation-dialog">
          {dialog?.kind === 'edit' ? (
            <>
              <div className="form-grid">
                <Form.Item name="form" label="解读形式" rules={[{ required: true, message: '请选择解读形式' }]}>
                  <Select options={(Object.keys(FORM_LABELS) as InterpretationForm[]).map((f) => ({ value: f, label: FORM_LABELS[f] }))} />
                </Form.Item>
                <Form.Item name="speaker" label="解读人（可不填）" rules={[{ max: 200 }]}>
                  <Input placeholder="如 县人社局局长 王某" />
                </Form.Item>
              </div>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写解读的标题' }, { max: 300 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="body" label="解读内容" extra="一段一行。好的解读说明起草背景、政策依据、目标任务、主要内容和举措、与原政策相比的变化、适用范围和对象、如何申请办理。">
                <Input.TextArea rows={10} />
              </Form.Item>
              <Form.Item name="mediaUrl" label="音视频链接（音频、视频解读必填）" rules={[{ max: 1000 }]}>
                <Input placeholder="https://" />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'withdraw' ? (
            <Form.Item name="note" label="撤回说明" rules={[{ required: true, whitespace: true, message: '请填写撤回说明' }, { max: 1000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
