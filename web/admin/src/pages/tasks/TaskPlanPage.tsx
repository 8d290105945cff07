// One work plan (/admin/tasks/plans/<id>): its tasks and units, the supervision matrix (督查), the scores
// (考核) with their chart, the circulars (通报) and, for the office, the year-end look-back (回头看).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Spin, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import type { TaskPlanView } from '../../types';
import { useApiError } from '../../useApiError';
import { CircularsTab } from './CircularsTab';
import { LookBackTab } from './LookBackTab';
import { MatrixTab } from './MatrixTab';
import { PlanTasksTab } from './PlanTasksTab';
import { ScoresTab } from './ScoresTab';
import { StatusSummary } from './TaskBits';

export default function TaskPlanPage() {
  const route = useRoute();
  const id = routeParam(route, 'tasks/plans');
  const [plan, setPlan] = useState<TaskPlanView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [tab, setTab] = useState('tasks');
  const report = useApiError();

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setPlan(await api.get<TaskPlanView>(`/task-plans/${id}`));
      setMissing(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/tasks`} onClick={(e) => followLink(e, 'tasks')}>
      返回
    </Button>
  );
  if (missing) return <Result status="404" title={<h1 className="result-title">找不到这个工作计划</h1>} subTitle={missing} extra={back} />;
  if (!plan) return <Spin className="page-spin" description="正在加载…" spinning />;

  const counts: Record<string, number> = { done: 0, in_progress: 0, not_started: 0, overdue: 0 };
  for (const t of plan.tasks) for (const u of t.units) counts[u.status] = (counts[u.status] ?? 0) + 1;

  return (
    <>
      <PageTitle title={plan.title} extra={back}>
        <span className="record-subtitle">
          <Tag className={plan.status === 'active' ? 'tag-info' : 'tag-neutral'}>{plan.statusLabel}</Tag>
          <span>{plan.year}年度</span>
          <span>· {plan.taskCount} 项任务</span>
          <span>· {plan.unitCount} 个单位</span>
          {plan.sourceFileName ? <span>· 来源：{plan.sourceFileName}</span> : null}
          {plan.carriedToPlanId ? (
            <span>
              · 未完成任务已结转至 <Link to={`tasks/plans/${plan.carriedToPlanId}`}>下一年度计划</Link>
            </span>
          ) : null}
        </span>
      </PageTitle>
      <StatusSummary counts={counts} label={plan.seesAll ? '各单位任务完成情况' : '本单位任务完成情况'} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'tasks', label: '任务清单', children: <PlanTasksTab plan={plan} onChanged={() => void load()} /> },
          { key: 'matrix', label: '督查矩阵', children: tab === 'matrix' ? <MatrixTab plan={plan} /> : null },
          { key: 'scores', label: '考核评分', children: tab === 'scores' ? <ScoresTab plan={plan} onChanged={() => void load()} /> : null },
          { key: 'circulars', label: '通报', children: tab === 'circulars' ? <CircularsTab plan={plan} /> : null },
          ...(plan.mayManage ? [{ key: 'look-back', label: '回头看', children: tab === 'look-back' ? <LookBackTab plan={plan} onChanged={() => void load()} /> : null }] : []),
        ]}
      />
    </>
  );
}
