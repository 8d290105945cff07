// 回头看: the tasks some unit has not finished, with those units; the office carries them into next year's
// plan (an existing plan of that year or a new one), once. The old plan then takes no more reports.
import { RetweetOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Select, Spin, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { TASK_STATUS_TAGS } from '../../labels';
import { navigate } from '../../router';
import type { TaskLookBack, TaskPlanView } from '../../types';
import { useApiError } from '../../useApiError';

export function LookBackTab({ plan, onChanged }: { plan: TaskPlanView; onChanged: () => void }) {
  const [data, setData] = useState<TaskLookBack | null>(null);
  const [target, setTarget] = useState<string | undefined>();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const report = useApiError();
  const { message, modal } = App.useApp();

  const load = useCallback(async () => {
    try {
      setData(await api.get<TaskLookBack>(`/task-plans/${plan.id}/look-back`));
    } catch (e) {
      report(e);
    }
  }, [plan.id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!data) return <Spin description="正在加载…" spinning />;
  const done = data.status !== 'active';
  const assignments = data.unfinished.reduce((s, t) => s + t.units.length, 0);

  async function run() {
    setBusy(true);
    setRefusal(null);
    try {
      const r = await api.post<{ targetPlanId: string; targetTitle: string; tasks: number; assignments: number }>(`/task-plans/${plan.id}/look-back`, { version: data!.version, targetPlanId: target ?? null, title: title.trim() || null });
      void message.success(`已将 ${r.tasks} 项未完成任务（${r.assignments} 个单位次）结转至《${r.targetTitle}》`);
      onChanged();
      navigate(`tasks/plans/${r.targetPlanId}`);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      {done ? (
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title={`已于 ${data.lookedBackAt?.slice(0, 10) ?? ''} 开展回头看`}
          description={data.carriedToPlanId ? <Link to={`tasks/plans/${data.carriedToPlanId}`}>查看结转后的工作计划</Link> : null}
        />
      ) : (
        <p className="muted">
          共 {data.tasks} 项任务，其中 {data.unfinished.length} 项有单位尚未完成（{assignments} 个单位次）。回头看将这些任务（只对未完成的单位）结转到 {data.year + 1} 年的工作计划，按新年度重新生成截止日，原计划不再接受报送。
        </p>
      )}
      <Table
        aria-label="未完成的任务"
        rowKey="taskId"
        size="small"
        pagination={false}
        dataSource={data.unfinished}
        locale={{ emptyText: '全部任务均已完成' }}
        columns={[
          { title: '序号', dataIndex: 'seq', key: 'seq', width: 60 },
          { title: '工作任务', dataIndex: 'requirement', key: 'requirement', render: (r: string, t) => `${t.category ? `【${t.category}】` : ''}${r}` },
          { title: '时限要求', dataIndex: 'deadlineText', key: 'deadline', width: 160, render: (v: string | null) => v ?? '未写' },
          {
            title: '未完成的单位',
            key: 'units',
            width: 360,
            render: (_: unknown, t) => (
              <div className="task-unit-tags">
                {t.units.slice(0, 12).map((u) => (
                  <Tag key={u.assignmentId} className={TASK_STATUS_TAGS[u.status] ?? 'tag-neutral'}>
                    {u.unitName}·{u.statusLabel}
                  </Tag>
                ))}
                {t.units.length > 12 ? <Tag className="tag-neutral">等 {t.units.length} 个单位</Tag> : null}
              </div>
            ),
          },
        ]}
      />
      {!done ? (
        <div className="toolbar task-import-actions">
          <Select
            aria-label="结转到"
            className="filter-unit"
            allowClear
            placeholder={`新建 ${data.year + 1} 年结转任务计划`}
            value={target}
            onChange={(v?: string) => setTarget(v)}
            options={data.targets.map((t) => ({ value: t.id, label: t.title }))}
            popupMatchSelectWidth={false}
          />
          {!target ? <Input aria-label="新计划名称" className="filter-unit" placeholder={`${data.year + 1}年结转任务（${data.year}年工作任务回头看）`} value={title} onChange={(e) => setTitle(e.target.value)} /> : null}
          <Button
            type="primary"
            icon={<RetweetOutlined />}
            loading={busy}
            onClick={() =>
              modal.confirm({
                title: '开展回头看',
                content: `将 ${data.unfinished.length} 项未完成任务（${assignments} 个单位次）结转到 ${data.year + 1} 年，本计划不再接受报送。此操作不能撤销。`,
                okText: '结转',
                cancelText: '取消',
                onOk: () => run(),
              })
            }
          >
            结转未完成任务
          </Button>
        </div>
      ) : null}
      {refusal ? <Alert type="error" showIcon title="未能结转" description={refusal} className="form-alert" role="alert" /> : null}
    </div>
  );
}
