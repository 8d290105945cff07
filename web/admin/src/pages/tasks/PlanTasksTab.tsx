// The tasks of a plan with their units (each unit's status, a link to its work on the task) and time limits;
// the office corrects a task: its text, weight, the column whose records count as its evidence, its time limit.
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { TASK_STATUS_TAGS } from '../../labels';
import type { CatalogueNode, TaskPlanTask, TaskPlanView } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';

interface Values {
  category?: string;
  requirement: string;
  weight: number;
  catalogueNodeId?: string | null;
  deadlineText?: string;
}

export function PlanTasksTab({ plan, onChanged }: { plan: TaskPlanView; onChanged: () => void }) {
  const [editing, setEditing] = useState<TaskPlanTask | null>(null);
  const [nodes, setNodes] = useState<CatalogueNode[]>([]);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  useEffect(() => {
    if (plan.mayManage) api.get<CatalogueNode[]>('/catalogue/nodes').then(setNodes).catch(report);
  }, [plan.mayManage, report]);

  async function submit(v: Values) {
    if (!editing) return;
    setBusy(true);
    setRefusal(null);
    try {
      await api.patch(`/tasks/${editing.id}`, {
        version: editing.version,
        category: v.category?.trim() || null,
        requirement: v.requirement,
        weight: v.weight,
        catalogueNodeId: v.catalogueNodeId ?? null,
        ...((v.deadlineText?.trim() || null) !== editing.deadlineText ? { deadlineText: v.deadlineText?.trim() || null } : {}),
      });
      void message.success(`已修改任务 ${editing.seq}`);
      setEditing(null);
      onChanged();
    } catch (e) {
      if (stale(e, () => { setEditing(null); onChanged(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<TaskPlanTask> = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 60 },
    {
      title: '工作任务和要求',
      key: 'requirement',
      render: (_: unknown, t) => (
        <div>
          {t.category ? <span className="task-category">{t.category}</span> : null}
          <span className="task-requirement">{t.requirement}</span>
          {t.catalogueNodeName ? <div className="muted small">发布在“{t.catalogueNodeName}”栏目的信息自动计为佐证</div> : null}
          {t.carriedFromTaskId ? <div className="muted small">由上一年度回头看结转</div> : null}
        </div>
      ),
    },
    {
      title: '责任单位和状态',
      key: 'units',
      width: 340,
      render: (_: unknown, t) => (
        <div className="task-unit-tags">
          {t.units.map((u) => (
            <Link key={u.assignmentId} to={`tasks/assignments/${u.assignmentId}`} aria-label={`${u.unitName}（${u.roleLabel}）：${u.statusLabel}`}>
              <Tag className={TASK_STATUS_TAGS[u.status] ?? 'tag-neutral'}>
                {u.unitName.replace(/^示范县|人民政府$/g, '')}
                {u.role === 'lead' ? '（牵头）' : u.role === 'supporting' ? '（配合）' : ''}·{u.statusLabel}
              </Tag>
            </Link>
          ))}
        </div>
      ),
    },
    {
      title: '时限要求',
      key: 'deadline',
      width: 220,
      render: (_: unknown, t) => (
        <div>
          <div>{t.deadlineText ?? <span className="muted">未写</span>}</div>
          <div className="muted small">{t.deadlineDescription}</div>
          {t.needsReview ? (
            <Tooltip title={t.reviewNote}>
              <span className="task-needs-review" tabIndex={0}>
                需人工确定
              </span>
            </Tooltip>
          ) : null}
        </div>
      ),
    },
    { title: '权重', dataIndex: 'weight', key: 'weight', width: 64 },
    ...(plan.mayManage && plan.status === 'active'
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 88,
            render: (_: unknown, t: TaskPlanTask) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={`修改任务 ${t.seq}`}
                onClick={() => {
                  setRefusal(null);
                  form.setFieldsValue({ category: t.category ?? '', requirement: t.requirement, weight: t.weight, catalogueNodeId: t.catalogueNodeId, deadlineText: t.deadlineText ?? '' });
                  setEditing(t);
                }}
              >
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Table<TaskPlanTask> aria-label="任务清单" rowKey="id" columns={columns} dataSource={plan.tasks} size="middle" pagination={false} scroll={{ x: 1100 }} locale={{ emptyText: '没有任务' }} />
      <Modal open={editing !== null} title={editing ? `修改任务 ${editing.seq}` : '修改任务'} okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setEditing(null)} forceRender destroyOnHidden={false}>
        {refusal ? <Alert type="error" showIcon title="未能保存" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<Values> form={form} name="task-edit" layout="vertical" onFinish={submit}>
          <Form.Item label="工作任务（类别）" name="category" rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="工作要求" name="requirement" rules={[{ required: true, whitespace: true, message: '请填写工作要求' }, { max: 5000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item label="权重" name="weight" extra="考核时按权重加权计算完成率" rules={[{ required: true, message: '请填写权重' }]}>
            <InputNumber min={0} max={100} step={0.5} />
          </Form.Item>
          <Form.Item label="对应的公开目录" name="catalogueNodeId" extra="责任单位在该栏目（及其下级）发布的信息自动计为本任务的佐证，并完成对应的报送期">
            <Select allowClear placeholder="不指定" options={nodes.map((n) => ({ value: n.id, label: `${n.code} ${n.name}` }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label="时限要求" name="deadlineText" extra="修改后，尚未报送的报送期按新的时限重新生成" rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
