// 建议提案 (/admin/proposals): deputies' suggestions and members' proposals as the office registered them,
// with the lead unit, the state and the reply deadline (and why it is that day); the office registers a new
// one here. Each opens the page where it is assigned, answered and published.
import { Alert, App, Button, Form, Input, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { PERMISSIONS } from '../../labels';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { PROPOSAL_KIND_LABELS, type Proposal, type ProposalKind, type ProposalState } from './engagement';

type Filter = ProposalState | 'all' | 'overdue';

interface Values {
  kind?: ProposalKind;
  session?: string;
  number?: string;
  title?: string;
  proposers?: string;
  content?: string;
}

const FIELDS = ['kind', 'session', 'number', 'title', 'proposers', 'content'] as const;

export default function ProposalsPage() {
  const { can } = useSession();
  const [filter, setFilter] = useState<Filter>('all');
  const [items, setItems] = useState<Proposal[]>([]);
  const [loading, setLoading] = useState(true);
  const [registering, setRegistering] = useState(false);
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<Proposal[]>('/proposals', filter === 'overdue' ? { overdue: true } : { state: filter === 'all' ? undefined : filter }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filter, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function register() {
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setRefusal(null);
    try {
      const created = await api.post<Proposal>('/proposals', {
        kind: v.kind,
        session: v.session?.trim() ?? '',
        number: v.number?.trim() ?? '',
        title: v.title?.trim() ?? '',
        proposers: (v.proposers ?? '')
          .split(/[，,、;；\s]+/)
          .map((p) => p.trim())
          .filter(Boolean),
        content: v.content?.trim() ?? '',
      });
      void message.success(`已登记${created.kindLabel}${created.number}`);
      setRegistering(false);
      navigate(`proposals/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = FIELDS.find((f) => f === e.details?.field);
        if (field) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Proposal> = [
    { title: '类别', dataIndex: 'kindLabel', key: 'kind', width: 120 },
    {
      title: '编号',
      key: 'number',
      width: 170,
      render: (_: unknown, p) => (
        <span>
          {p.number}
          <div className="muted small">{p.session}</div>
        </span>
      ),
    },
    { title: '标题', dataIndex: 'title', key: 'title', render: (t: string, p) => <Link to={`proposals/${p.id}`}>{t}</Link> },
    {
      title: '主办单位',
      key: 'unit',
      width: 190,
      render: (_: unknown, p) =>
        p.state === 'registered' ? (
          <span className="muted">待交办</span>
        ) : (
          <span>
            {p.unitName}
            {p.coUnits.length ? <div className="muted small">协办：{p.coUnits.map((u) => u.name).join('、')}</div> : null}
          </span>
        ),
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, p) => (
        <span>
          <Tag className={p.state === 'published' ? 'tag-success' : p.overdue ? 'tag-warning' : undefined}>{p.stateLabel}</Tag>
          {p.disclosureLabel ? <div className="muted small">{p.disclosureLabel}</div> : null}
        </span>
      ),
    },
    {
      title: '答复期限',
      key: 'dueOn',
      width: 150,
      render: (_: unknown, p) =>
        p.dueOn ? (
          <span className={p.overdue ? 'due-overdue' : undefined} title={p.dueExplanation ?? undefined}>
            {p.dueOn}
            {p.overdue ? ' 已逾期' : ''}
            {p.daysLate ? <span className="due-late">逾期{p.daysLate}日答复</span> : null}
          </span>
        ) : (
          <span className="muted">交办后计算</span>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title="建议提案"
        extra={
          can(PERMISSIONS.recordsEdit) ? (
            <Button
              type="primary"
              onClick={() => {
                setRefusal(null);
                setOpened((n) => n + 1);
                setRegistering(true);
              }}
            >
              登记建议提案
            </Button>
          ) : undefined
        }
      >
        政务公开办登记人大代表建议和政协委员提案，交办主办单位和协办单位；主办单位自交办之日起按规定期限（默认3个月）答复，注明办理结果类别和公开属性。全文公开或摘要公开的答复在门户网站“建议提案办理”栏目公开。
      </PageTitle>
      <div className="toolbar">
        <Radio.Group
          aria-label="显示范围"
          optionType="button"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'registered', label: '待交办' },
            { value: 'assigned', label: '办理中' },
            { value: 'overdue', label: '逾期未答复' },
            { value: 'replied', label: '已答复' },
            { value: 'published', label: '已公开' },
          ]}
        />
      </div>
      <Table<Proposal>
        aria-label="建议提案列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 件` } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有建议提案' }}
      />
      <Modal key={opened} open={registering} title="登记建议提案" okText="登记" cancelText="取消" confirmLoading={busy} onOk={() => void register()} onCancel={() => setRegistering(false)} destroyOnHidden width={680}>
        {refusal ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="proposal-register" initialValues={{ kind: 'npc_suggestion' }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Radio.Group options={(Object.keys(PROPOSAL_KIND_LABELS) as ProposalKind[]).map((k) => ({ value: k, label: PROPOSAL_KIND_LABELS[k] }))} />
          </Form.Item>
          <div className="form-grid">
            <Form.Item name="session" label="届次会次" rules={[{ required: true, whitespace: true, message: '请填写届次会次' }, { max: 100 }]}>
              <Input placeholder="如 县第十八届人民代表大会第三次会议" />
            </Form.Item>
            <Form.Item name="number" label="编号" rules={[{ required: true, whitespace: true, message: '请填写编号' }, { max: 50 }]}>
              <Input placeholder="人大、政协给出的编号，如 第12号" />
            </Form.Item>
          </div>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 300 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="proposers" label="提出人" rules={[{ required: true, whitespace: true, message: '请填写提出人（领衔代表或委员）' }]} extra="多人用顿号或逗号分隔，领衔的写在前面">
            <Input />
          </Form.Item>
          <Form.Item name="content" label="内容" rules={[{ required: true, whitespace: true, message: '请填写建议或提案的内容' }, { max: 20000 }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
