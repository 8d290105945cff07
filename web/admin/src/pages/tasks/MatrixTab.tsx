// 督查矩阵: units down, tasks across, each cell the unit's status on the task (colour and text), filtered by
// status, unit kind, task category or unit; the office sends a 催办 from a unit's row.
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { TASK_STATUS_SHORT, TASK_STATUS_TAGS, UNIT_KIND_LABELS } from '../../labels';
import type { TaskMatrix, TaskMatrixCell, TaskPlanView, TaskUrge } from '../../types';
import { useApiError } from '../../useApiError';
import { STATUS_LABELS, STATUS_ORDER, StatusSummary } from './TaskBits';

type Row = TaskMatrix['units'][number];

interface UrgeValues {
  taskId?: string;
  message: string;
  replyWithinDays: number;
}

export function MatrixTab({ plan }: { plan: TaskPlanView }) {
  const [matrix, setMatrix] = useState<TaskMatrix | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const [unitKind, setUnitKind] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [urging, setUrging] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<UrgeValues>();
  const report = useApiError();
  const { message } = App.useApp();
  /** The unfiltered matrix, for the filters' options. */
  const [all, setAll] = useState<TaskMatrix | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const m = await api.get<TaskMatrix>(`/task-plans/${plan.id}/matrix`, { status, unitKind, category, unitId });
      setMatrix(m);
      if (!status && !unitKind && !category && !unitId) setAll(m);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [plan.id, status, unitKind, category, unitId, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const cellOf = useMemo(() => {
    const map = new Map<string, TaskMatrixCell>();
    for (const c of matrix?.cells ?? []) map.set(`${c.unitId}:${c.taskId}`, c);
    return map;
  }, [matrix]);

  const kinds = useMemo(() => [...new Set((all?.units ?? []).map((u) => u.kind))].map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] ?? k })), [all]);

  async function urge(v: UrgeValues) {
    if (!urging) return;
    setBusy(true);
    setRefusal(null);
    try {
      const u = await api.post<TaskUrge>('/task-urges', { planId: plan.id, unitId: urging.id, taskId: v.taskId ?? null, message: v.message, replyWithinDays: v.replyWithinDays });
      void message.success(`已向${u.unitName}发出催办，应于 ${u.replyBy} 前确认`);
      setUrging(null);
      void load();
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const tasks = matrix?.tasks ?? [];
  const columns: TableColumnsType<Row> = [
    {
      title: '单位',
      key: 'unit',
      fixed: 'left',
      width: 190,
      render: (_: unknown, u) => (
        <div>
          <div>{u.name}</div>
          <div className="muted small">
            {u.counts.overdue ? `逾期 ${u.counts.overdue} 项` : '无逾期'}
            {u.openUrges ? `，待确认催办 ${u.openUrges} 次` : ''}
          </div>
        </div>
      ),
    },
    ...tasks.map((t) => ({
      title: <span title={t.requirement}>任务{t.seq}</span>,
      key: t.id,
      width: 78,
      align: 'center' as const,
      render: (_: unknown, u: Row) => {
        const c = cellOf.get(`${u.id}:${t.id}`);
        if (!c) return <span className="task-matrix-none" aria-label="无此任务">—</span>;
        return (
          <Link to={`tasks/assignments/${c.assignmentId}`} className="task-matrix-cell" aria-label={`${u.name} 任务${t.seq}：${c.statusLabel}，已完成 ${c.periodsDone}/${c.periodsTotal} 期${c.overduePeriods ? `，逾期 ${c.overduePeriods} 期` : ''}`}>
            <Tag className={TASK_STATUS_TAGS[c.status] ?? 'tag-neutral'}>{TASK_STATUS_SHORT[c.status] ?? c.statusLabel}</Tag>
            <span className="task-cell-count" aria-hidden="true">
              {c.periodsDone}/{c.periodsTotal}
            </span>
          </Link>
        );
      },
    })),
    ...(plan.mayManage && plan.status === 'active'
      ? [
          {
            title: '催办',
            key: 'urge',
            width: 96,
            fixed: 'right' as const,
            render: (_: unknown, u: Row) =>
              u.counts.overdue || u.counts.not_started || u.counts.in_progress ? (
                <Button
                  size="small"
                  icon={<BellOutlined />}
                  aria-label={`催办${u.name}`}
                  onClick={() => {
                    setRefusal(null);
                    const overdueTask = tasks.find((t) => cellOf.get(`${u.id}:${t.id}`)?.status === 'overdue');
                    form.setFieldsValue({ taskId: overdueTask?.id, message: overdueTask ? `你单位任务${overdueTask.seq}已逾期，请抓紧落实并在平台报送进展和佐证材料。` : '请抓紧推进任务落实，并按时报送进展和佐证材料。', replyWithinDays: 3 });
                    setUrging(u);
                  }}
                >
                  催办
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const unitTasks = urging ? tasks.filter((t) => cellOf.has(`${urging.id}:${t.id}`)) : [];

  return (
    <div>
      <div className="toolbar" role="search" aria-label="筛选督查矩阵">
        <Select aria-label="状态" placeholder="全部状态" allowClear value={status} onChange={(v?: string) => setStatus(v)} className="filter-short" options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <Select aria-label="单位类型" placeholder="全部单位类型" allowClear value={unitKind} onChange={(v?: string) => setUnitKind(v)} className="filter-short" options={kinds} popupMatchSelectWidth={false} />
        <Select aria-label="工作任务" placeholder="全部工作任务" allowClear value={category} onChange={(v?: string) => setCategory(v)} className="filter-unit" options={(all?.categories ?? []).map((c) => ({ value: c, label: c }))} popupMatchSelectWidth={false} />
        <Select
          aria-label="单位"
          placeholder="全部单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={unitId}
          onChange={(v?: string) => setUnitId(v)}
          className="filter-unit"
          options={(all?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          popupMatchSelectWidth={false}
        />
      </div>
      {matrix ? <StatusSummary counts={matrix.totals} label={`截至 ${matrix.asOf} 筛选范围内的单位任务`} /> : null}
      <Table<Row>
        aria-label="督查矩阵"
        className="task-matrix"
        rowKey="id"
        columns={columns}
        dataSource={matrix?.units ?? []}
        loading={loading}
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 190 + tasks.length * 78 + 96, y: 640 }}
        locale={{ emptyText: '没有符合条件的单位任务' }}
      />
      {tasks.length ? (
        <>
          <h2 className="subsection-title">任务说明</h2>
          <ol className="task-matrix-legend" aria-label="任务说明">
            {tasks.map((t) => (
              <li key={t.id} value={t.seq}>
                任务{t.seq}：{t.category ? `【${t.category}】` : ''}
                {t.requirement}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Modal open={urging !== null} title={urging ? `催办：${urging.name}` : '催办'} okText="发出催办" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setUrging(null)} forceRender destroyOnHidden={false}>
        {refusal ? <Alert type="error" showIcon title="未能催办" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<UrgeValues> form={form} name="task-urge" layout="vertical" onFinish={urge}>
          <Form.Item label="任务" name="taskId" extra="不选：就整个计划催办">
            <Select allowClear placeholder="整个计划" options={unitTasks.map((t) => ({ value: t.id, label: `任务${t.seq}：${t.requirement.slice(0, 30)}` }))} />
          </Form.Item>
          <Form.Item label="催办内容" name="message" rules={[{ required: true, whitespace: true, message: '请填写催办内容' }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label="确认期限（工作日）" name="replyWithinDays" rules={[{ required: true, message: '请填写确认期限' }]}>
            <InputNumber min={1} max={20} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
