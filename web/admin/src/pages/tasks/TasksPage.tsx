// 工作任务: the work plans (each imported from a yearly notice), with how far they have come; for the office
// the imports waiting to be confirmed and the button to import a notice; for a unit its own tasks, what is
// due next, and the 催办 it has to acknowledge.
import { ProfileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Progress, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { PERMISSIONS } from '../../labels';
import { BASE, followLink } from '../../router';
import { useSession } from '../../session';
import type { TaskAssignmentListItem, TaskImportListItem, TaskPlanListItem, TaskUrge } from '../../types';
import { useApiError } from '../../useApiError';
import { TaskStatusTag } from './TaskBits';

export function AcknowledgeDialog({ urge, onClose, onDone }: { urge: TaskUrge | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ response: string }>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { message } = App.useApp();
  const report = useApiError();
  useEffect(() => {
    if (urge) {
      form.resetFields();
      setRefusal(null);
    }
  }, [urge, form]);
  async function submit(v: { response: string }) {
    if (!urge) return;
    setBusy(true);
    try {
      await api.post(`/task-urges/${urge.id}/acknowledge`, { version: urge.version, response: v.response });
      void message.success('已确认收到催办');
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={urge !== null} title="确认收到催办" okText="确认收到" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender destroyOnHidden={false}>
      {urge ? (
        <p>
          {urge.sentByLabel}于 {urge.sentOn} 催办{urge.taskSeq ? `任务 ${urge.taskSeq}` : ''}：{urge.message}
        </p>
      ) : null}
      {refusal ? <Alert type="error" showIcon title="未能确认" description={refusal} className="form-alert" role="alert" /> : null}
      <Form form={form} name="task-urge-ack" layout="vertical" onFinish={submit}>
        <Form.Item label="落实情况" name="response" rules={[{ required: true, whitespace: true, message: '请说明落实情况' }, { max: 2000 }]}>
          <Input.TextArea rows={3} placeholder="如：收到，已安排专人负责，本周内补报进展" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UrgesCard({ urges, onChanged, title = '待确认的催办' }: { urges: TaskUrge[]; onChanged: () => void; title?: string }) {
  const [acking, setAcking] = useState<TaskUrge | null>(null);
  if (!urges.length) return null;
  return (
    <Card title={<h2 className="section-title">{title}</h2>} className="task-card">
      <ul className="task-progress-list" aria-label={title}>
        {urges.map((u) => (
          <li key={u.id}>
            <strong>{u.unitName}</strong>：{u.message}
            <span className="muted small">
              （{u.sentByLabel}，{u.sentOn} 发出，应于 {u.replyBy} 前确认{u.taskSeq ? `；任务 ${u.taskSeq}` : ''}）
            </span>{' '}
            {u.overdue ? <Tag className="tag-danger">已超过确认期限</Tag> : null}
            {u.acknowledged ? (
              <Tag className="tag-success">已确认：{u.response}</Tag>
            ) : (
              <Button size="small" onClick={() => setAcking(u)} aria-label={`确认收到催办：${u.message.slice(0, 20)}`}>
                确认收到
              </Button>
            )}
          </li>
        ))}
      </ul>
      <AcknowledgeDialog
        urge={acking}
        onClose={() => setAcking(null)}
        onDone={() => {
          setAcking(null);
          onChanged();
        }}
      />
    </Card>
  );
}

export default function TasksPage() {
  const { can } = useSession();
  const manage = can(PERMISSIONS.tasksManage);
  const [plans, setPlans] = useState<TaskPlanListItem[]>([]);
  const [imports, setImports] = useState<TaskImportListItem[]>([]);
  const [mine, setMine] = useState<TaskAssignmentListItem[]>([]);
  const [urges, setUrges] = useState<TaskUrge[]>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [p, i, a, u] = await Promise.all([
        api.get<TaskPlanListItem[]>('/task-plans'),
        manage ? api.get<TaskImportListItem[]>('/task-imports', { status: 'draft' }) : Promise.resolve([]),
        manage ? Promise.resolve([]) : api.get<TaskAssignmentListItem[]>('/task-assignments'),
        manage ? Promise.resolve([]) : api.get<TaskUrge[]>('/task-urges', { open: true }),
      ]);
      setPlans(p);
      setImports(i);
      setMine(a);
      setUrges(u);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [manage, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const planColumns: TableColumnsType<TaskPlanListItem> = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
    { title: '工作计划', dataIndex: 'title', key: 'title', render: (t: string, p) => <Link to={`tasks/plans/${p.id}`}>{t}</Link> },
    { title: '任务', dataIndex: 'taskCount', key: 'taskCount', width: 70, render: (n: number) => `${n} 项` },
    { title: '单位', dataIndex: 'unitCount', key: 'unitCount', width: 70, render: (n: number) => `${n} 个` },
    {
      title: '到期任务完成情况',
      key: 'progress',
      width: 240,
      render: (_: unknown, p) => (
        <div>
          <Progress percent={p.periodsDue ? Math.round((p.periodsDone / p.periodsDue) * 100) : 0} size="small" aria-label={`${p.title}：到期 ${p.periodsDue} 项次，完成 ${p.periodsDone} 项次`} />
          <span className="muted small">
            到期 {p.periodsDue} 项次，完成 {p.periodsDone} 项次
          </span>
        </div>
      ),
    },
    { title: '逾期', dataIndex: 'overduePeriods', key: 'overdue', width: 90, render: (n: number) => (n ? <Tag className="tag-danger">{n} 项次</Tag> : <span className="muted">无</span>) },
    { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 100, render: (l: string, p) => <Tag className={p.status === 'active' ? 'tag-info' : 'tag-neutral'}>{l}</Tag> },
  ];

  const mineColumns: TableColumnsType<TaskAssignmentListItem> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 60 },
    {
      title: '工作任务',
      key: 'requirement',
      render: (_: unknown, a) => (
        <div>
          {a.category ? <span className="task-category">{a.category}</span> : null}
          <Link to={`tasks/assignments/${a.id}`}>{a.requirement}</Link>
          <div className="muted small">{a.planTitle}</div>
        </div>
      ),
    },
    { title: '单位', dataIndex: 'unitName', key: 'unit', width: 160, render: (n: string, a) => `${n}（${a.roleLabel}）` },
    { title: '时限要求', dataIndex: 'deadlineText', key: 'deadline', width: 160, render: (v: string | null) => v ?? <span className="muted">未写</span> },
    { title: '下一截止日', key: 'next', width: 150, render: (_: unknown, a) => (a.nextDue ? `${a.nextDue.dueOn}（${a.nextDue.label}）` : <span className="muted">均已完成</span>) },
    { title: '进度', key: 'periods', width: 90, render: (_: unknown, a) => `${a.periodsDone}/${a.periodsTotal} 期` },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: string, a) => <TaskStatusTag status={s} label={a.statusLabel} /> },
  ];

  const shown = status ? mine.filter((a) => a.status === status) : mine;
  const overdue = mine.filter((a) => a.status === 'overdue').length;

  return (
    <>
      <PageTitle
        title="工作任务"
        extra={
          <>
            <Button icon={<ProfileOutlined />} href={`${BASE}/tasks/ledger`} onClick={(e) => followLink(e, 'tasks/ledger')}>
              工作台账
            </Button>
            {manage ? (
              <Button type="primary" icon={<UploadOutlined />} href={`${BASE}/tasks/import`} onClick={(e) => followLink(e, 'tasks/import')}>
                导入通知
              </Button>
            ) : null}
          </>
        }
      >
        政务公开年度工作要点和任务分解表导入后分解到各单位；各单位梳理工作台账，按期报送进展和佐证材料；政务公开办督查、催办、通报和考核，年底开展回头看。
      </PageTitle>
      {!manage && overdue ? <Alert className="page-alert" type="error" showIcon title={`本单位有 ${overdue} 项任务已逾期，请尽快完成并报送进展`} /> : null}
      <UrgesCard urges={urges} onChanged={() => void load()} />
      {manage && imports.length ? (
        <Card title={<h2 className="section-title">待确认的导入</h2>} className="task-card">
          <ul className="task-progress-list" aria-label="待确认的导入">
            {imports.map((i) => (
              <li key={i.id}>
                <Link to={`tasks/imports/${i.id}`}>{i.title}</Link>
                <span className="muted small">
                  （{i.fileName}，{i.tasks} 项任务，{i.createdByLabel} {formatDateTime(i.createdAt)} 上传）
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {!manage ? (
        <Card title={<h2 className="section-title">本单位的任务</h2>} className="task-card">
          <div className="toolbar" role="search" aria-label="筛选本单位的任务">
            <Select
              aria-label="状态"
              placeholder="全部状态"
              allowClear
              value={status}
              onChange={(v?: string) => setStatus(v)}
              className="filter-short"
              options={[
                { value: 'overdue', label: '已逾期' },
                { value: 'in_progress', label: '进行中' },
                { value: 'not_started', label: '未开始' },
                { value: 'done', label: '已完成' },
              ]}
            />
          </div>
          <Table<TaskAssignmentListItem>
            aria-label="本单位的任务"
            rowKey="id"
            columns={mineColumns}
            dataSource={shown}
            loading={loading}
            size="middle"
            scroll={{ x: 960 }}
            rowClassName={(a) => (a.status === 'overdue' ? 'row-overdue' : '')}
            pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 项` }}
            locale={{ emptyText: '没有任务' }}
          />
        </Card>
      ) : null}
      <Card title={<h2 className="section-title">工作计划</h2>} className="task-card">
        <Table<TaskPlanListItem>
          aria-label="工作计划"
          rowKey="id"
          columns={planColumns}
          dataSource={plans}
          loading={loading}
          size="middle"
          scroll={{ x: 900 }}
          pagination={false}
          locale={{ emptyText: manage ? '还没有工作计划，请导入年度工作要点或任务分解通知' : '没有分配给本单位的工作计划' }}
        />
      </Card>
    </>
  );
}
