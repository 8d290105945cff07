// One major administrative decision (/admin/decisions/:id): its title and summary, its stages in the order
// of 《重大行政决策程序暂行条例》 (公众参与, 专家论证, 风险评估, 合法性审查, 集体讨论决定, 决策公布, 决策后评估),
// each 未完成, 已完成 (with its date) or 不适用 (with the reason), with a note and the records that show it,
// and whether it is on the portal. The server keeps the order (no collective decision before the legality
// review, Art. 27) and refuses publication to users without the publish permission; its Chinese message is
// shown as it comes. A version changed meanwhile is handled as on the records pages: nothing is
// overwritten, the user reloads.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Result, Space, Spin, Switch, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { todayInShanghai } from '../../format';
import { PERMISSIONS } from '../../labels';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { RecordSelect } from '../policy/RecordSelect';
import { useStaleDialog } from '../records/stale';
import { decisionProgress, STAGE_STATUS_LABELS, type Decision, type DecisionStage, type StageStatus } from './decisions';

const DATE = 'YYYY-MM-DD';
const PORTAL = '/hdjl/zdjc/';
/** Named once above the table; each stage's basis is shown by its articles. */
const REGULATION = '《重大行政决策程序暂行条例》';

type Dialog = { kind: 'edit' } | { kind: 'stage'; stage: DecisionStage } | null;

interface Values {
  title?: string;
  summary?: string;
  status?: StageStatus;
  on?: Dayjs | null;
  note?: string;
  recordIds?: string[];
}

const STATUS_TAGS: Record<StageStatus, string | undefined> = { pending: undefined, done: 'tag-success', not_applicable: 'tag-info' };

export default function DecisionPage() {
  const id = routeParam(useRoute(), 'decisions') ?? '';
  const { session, can } = useSession();
  const { index } = useUnits(false);
  const [d, setD] = useState<Decision | null>(null);
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** The dialog keeps its title while it closes (a dialog without a name is an accessibility fault). */
  const [shownTitle, setShownTitle] = useState('修改决策事项');
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setD(await api.get<Decision>(`/decisions/${id}`));
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

  // The dialog's form is mounted afresh for each opening (key) with these values: set before it exists,
  // they could be lost, or land after the user's first click.
  const open = (next: Exclude<Dialog, null>) => {
    if (!d) return;
    setShownTitle(next.kind === 'edit' ? '修改决策事项' : `更新环节：${next.stage.label}`);
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(next);
  };
  const initialValues: Values | undefined =
    dialog?.kind === 'edit' && d
      ? { title: d.title, summary: d.summary ?? '' }
      : dialog?.kind === 'stage'
        ? { status: dialog.stage.status, on: dialog.stage.on ? dayjs(dialog.stage.on) : null, note: dialog.stage.note ?? '', recordIds: dialog.stage.records.map((r) => r.id) }
        : undefined;

  /** Sends a change; a refusal goes to the field it names or to the alert, a stale version offers to reload. */
  async function write(body: Record<string, unknown>, done: string) {
    if (!d) return;
    setBusy(true);
    setRefusal(null);
    try {
      setD(await api.patch<Decision>(`/decisions/${d.id}`, { version: d.version, ...body }));
      void message.success(done);
      setDialog(null);
    } catch (e) {
      if (stale(e, () => { setDialog(null); void load(); }, { unsavedEdits: dialog?.kind === 'edit' })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = String(e.details?.field ?? '');
        if (dialog && (field === 'title' || field === 'recordIds')) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    if (!dialog) return;
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog.kind === 'edit') {
      await write({ title: v.title?.trim() ?? '', summary: v.summary?.trim() || null }, '已保存');
      return;
    }
    const s = dialog.stage;
    await write(
      {
        stage: {
          key: s.key,
          status: v.status,
          on: v.status !== 'pending' && v.on ? v.on.format(DATE) : null,
          note: v.note?.trim() || null,
          recordIds: v.recordIds ?? [],
        },
      },
      `${s.label}：${STAGE_STATUS_LABELS[v.status ?? 'pending']}`,
    );
  }

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/decisions`} onClick={(e) => followLink(e, 'decisions')}>
      返回目录
    </Button>
  );

  if (missing) return <Result status="404" title={<h1 className="result-title">找不到这项重大行政决策</h1>} subTitle={`${missing.replace(/[。.]$/, '')}。`} extra={back} />;
  if (!d) return <Spin className="page-spin" description="正在加载…" spinning={loading} />;

  const unit = index.byId.get(d.unitId);
  const mayEdit = canOnUnit(session.user, PERMISSIONS.recordsEdit, unit);
  // Publishing is a change too (the API asks for the edit permission somewhere), and the publish permission on the unit.
  const mayPublish = can(PERMISSIONS.recordsEdit) && canOnUnit(session.user, PERMISSIONS.recordsPublish, unit);
  const progress = decisionProgress(d);
  const today = todayInShanghai();

  const columns: TableColumnsType<DecisionStage> = [
    {
      title: '环节',
      key: 'label',
      width: 220,
      render: (_: unknown, s, i) => (
        <span>
          <strong>
            {i + 1}. {s.label}
          </strong>
          <div className="muted small">{s.basis.replace(REGULATION, '')}</div>
        </span>
      ),
    },
    { title: '状态', key: 'status', width: 100, render: (_: unknown, s) => <Tag className={STATUS_TAGS[s.status]}>{s.statusLabel}</Tag> },
    { title: '日期', dataIndex: 'on', key: 'on', width: 120, render: (on: string | null) => on ?? <span className="muted">—</span> },
    {
      title: '说明和相关文件',
      key: 'detail',
      render: (_: unknown, s) => {
        const consultations = s.key === 'public_participation' ? d.consultations : [];
        if (!s.note && !s.records.length && !consultations.length) return <span className="muted">—</span>;
        return (
          <div>
            {s.note ? <div className="pre-line">{s.note}</div> : null}
            {consultations.length || s.records.length ? (
              <ul className="plain-list">
                {consultations.map((c) => (
                  <li key={c.id}>
                    意见征集：<Link to={`consultations/${c.id}`}>{c.title}</Link>
                  </li>
                ))}
                {s.records.map((r) => (
                  <li key={r.id}>
                    <Link to={`records/${r.id}`}>{r.title}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      },
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, s: DecisionStage) => (
              <Button size="small" onClick={() => open({ kind: 'stage', stage: s })} aria-label={`更新环节：${s.label}`}>
                更新
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={d.title}
        extra={
          <Space wrap>
            {mayEdit ? (
              <Button icon={<EditOutlined />} onClick={() => open({ kind: 'edit' })}>
                修改
              </Button>
            ) : null}
            {back}
          </Space>
        }
      >
        <span className="record-subtitle">
          {d.published ? <Tag className="tag-success">已在门户网站公开</Tag> : <Tag>未公开</Tag>}
          <span>{d.year}年度重大行政决策事项</span>
          <span>· 承办单位：{d.unitName}</span>
          <span>
            · 已完成 {progress.done}/{progress.applicable} 个环节{progress.next ? `，下一环节：${progress.next.label}` : ''}
          </span>
        </span>
      </PageTitle>
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" closable={{ 'aria-label': '关闭提示', onClose: () => setRefusal(null) }} /> : null}
      <Spin spinning={loading}>
        <Card title={<h2 className="section-title">基本情况</h2>} className="record-card consultation-section">
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'title', label: '决策事项', children: d.title },
              { key: 'year', label: '目录年度', children: `${d.year}年度` },
              { key: 'unit', label: '承办单位', children: d.unitName },
              { key: 'summary', label: '简要说明', children: d.summary ? <span className="pre-line">{d.summary}</span> : <span className="muted">未填写</span> },
              {
                key: 'published',
                label: '门户网站',
                children: (
                  <Space wrap>
                    <span className="switch-label">
                      <Switch id="decision-published" checked={d.published} disabled={!mayPublish} loading={busy && !dialog} onChange={(v) => void write({ published: v }, v ? '已在门户网站公开' : '已取消公开')} />
                      <label htmlFor="decision-published">在门户网站公开</label>
                    </span>
                    {d.published ? (
                      <a href={`${PORTAL}${d.id}`} target="_blank" rel="noreferrer">
                        在门户网站查看
                      </a>
                    ) : null}
                    {!mayPublish ? <span className="muted small">须有对{d.unitName}的发布权限才能公开或取消公开</span> : null}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card title={<h2 className="section-title">决策程序</h2>} className="record-card consultation-section">
          <p className="muted small">按《重大行政决策程序暂行条例》的顺序办理：未经合法性审查的决策草案不得提交集体讨论；经集体讨论决定后才能公布，公布实施后才能评估。不适用的环节须说明理由。</p>
          <Table<DecisionStage> aria-label="决策程序各环节" rowKey="key" columns={columns} dataSource={d.stages} size="middle" pagination={false} scroll={{ x: 760 }} />
        </Card>
      </Spin>
      <Modal
        key={opened}
        open={dialog !== null}
        title={dialog?.kind === 'stage' ? `更新环节：${dialog.stage.label}` : dialog?.kind === 'edit' ? '修改决策事项' : shownTitle}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        width={dialog?.kind === 'stage' ? 680 : 600}
      >
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form
          form={form}
          layout="vertical"
          name="decision-dialog"
          initialValues={initialValues}
          clearOnDestroy
          onValuesChange={(changed: Values) => {
            // A stage marked done is usually done today: offer the date.
            if (changed.status === 'done' && !form.getFieldValue('on')) form.setFieldsValue({ on: dayjs(today) });
          }}
        >
          {dialog?.kind === 'edit' ? (
            <>
              <Form.Item name="title" label="决策事项" rules={[{ required: true, whitespace: true, message: '请填写决策事项名称' }, { max: 300, message: '不能超过 300 个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="summary" label="简要说明" rules={[{ max: 5000, message: '不能超过 5000 个字' }]}>
                <Input.TextArea rows={5} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'stage' ? (
            <>
              <p className="muted small">依据：{dialog.stage.basis}</p>
              <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
                <Radio.Group options={(Object.keys(STAGE_STATUS_LABELS) as StageStatus[]).map((k) => ({ value: k, label: STAGE_STATUS_LABELS[k] }))} />
              </Form.Item>
              {status !== 'pending' ? (
                <Form.Item name="on" label={status === 'done' ? '完成日期' : '日期（可不填）'} rules={status === 'done' ? [{ required: true, message: '请填写该环节完成的日期' }] : []}>
                  <DatePicker format={DATE} disabledDate={(x) => x.format(DATE) > today} className="full-width" />
                </Form.Item>
              ) : null}
              <Form.Item
                name="note"
                label={status === 'not_applicable' ? '不适用的理由' : '说明（可不填）'}
                rules={[...(status === 'not_applicable' ? [{ required: true, whitespace: true, message: '不适用的环节请说明理由' }] : []), { max: 2000, message: '不能超过 2000 个字' }]}
              >
                <Input.TextArea rows={3} placeholder={status === 'not_applicable' ? '如：本事项不涉及专业性、技术性问题，无需专家论证' : '如：县司法局合法性审查通过'} />
              </Form.Item>
              <Form.Item name="recordIds" label="相关文件（可不选）" extra="与本环节有关的政府信息，如征求意见稿、审查意见、会议纪要、决策文件">
                <RecordSelect multiple initial={dialog.stage.records} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
