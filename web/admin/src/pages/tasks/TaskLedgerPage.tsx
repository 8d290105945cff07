// 工作台账 (/admin/tasks/ledger): a unit's own list of its tasks in the columns of the model ledger (序号, 工作任务,
// 工作举措, 时限要求, 单位分管领导, 责任科室). The rows of the tasks given to the unit are there from the import; the
// unit writes its measures, leader and section, adds a further measure under a task or work of its own, and
// exports the ledger as XLSX (the office: every unit's, a sheet each).
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session';
import type { TaskLedgerRow, TaskLedgerView, TaskPlanListItem } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import './tasks.css';

interface Values {
  task: string;
  measure?: string;
  timeLimit?: string;
  leader?: string;
  section?: string;
}

/** The choice survives a visit elsewhere (for as long as the console is open). */
let last: { planId?: string; unitId?: string } = {};

export default function TaskLedgerPage() {
  const { session } = useSession();
  const [plans, setPlans] = useState<TaskPlanListItem[]>([]);
  const [planId, setPlanId] = useState<string | undefined>(last.planId);
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [unitId, setUnitId] = useState<string | undefined>(last.unitId);
  const [ledger, setLedger] = useState<TaskLedgerView | null>(null);
  const [loading, setLoading] = useState(false);
  /** null: closed; a row: editing it; {after}: adding a row after one (or at the end). */
  const [editing, setEditing] = useState<TaskLedgerRow | { after: TaskLedgerRow | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message, modal } = App.useApp();

  useEffect(() => {
    api
      .get<TaskPlanListItem[]>('/task-plans')
      .then((p) => {
        setPlans(p);
        if (!last.planId || !p.some((x) => x.id === last.planId)) setPlanId(p.find((x) => x.status === 'active')?.id ?? p[0]?.id);
      })
      .catch(report);
  }, [report]);

  useEffect(() => {
    if (!planId) return;
    last = { ...last, planId };
    api
      .get<{ id: string; name: string }[]>(`/task-plans/${planId}/ledger-units`)
      .then((u) => {
        setUnits(u);
        setUnitId((cur) => (cur && u.some((x) => x.id === cur) ? cur : (u.find((x) => x.id === session.user?.unitId)?.id ?? u[0]?.id)));
      })
      .catch(report);
  }, [planId, report, session.user?.unitId]);

  const load = useCallback(async () => {
    if (!planId || !unitId) {
      setLedger(null);
      return;
    }
    last = { planId, unitId };
    setLoading(true);
    try {
      setLedger(await api.get<TaskLedgerView>(`/task-plans/${planId}/ledger`, { unitId }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [planId, unitId, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(v: Values) {
    if (!editing || !ledger) return;
    setBusy(true);
    setRefusal(null);
    try {
      const next =
        'id' in editing
          ? await api.put<TaskLedgerView>(`/task-ledger-rows/${editing.id}`, { version: editing.version, ...v })
          : await api.post<TaskLedgerView>(`/task-plans/${ledger.planId}/ledger`, { unitId: ledger.unitId, afterRowId: editing.after?.id ?? null, ...v });
      setLedger(next);
      void message.success('已保存');
      setEditing(null);
    } catch (e) {
      if (stale(e, () => { setEditing(null); void load(); }, { unsavedEdits: true })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const mayEdit = !!ledger?.mayEdit;
  const columns: TableColumnsType<TaskLedgerRow> = useMemo(
    () => [
      {
        title: '序号',
        dataIndex: 'number',
        key: 'number',
        width: 60,
        onCell: (r, i) => {
          const rows = ledger?.rows ?? [];
          const idx = i ?? 0;
          if (idx > 0 && rows[idx - 1]?.number === r.number) return { rowSpan: 0 };
          let span = 1;
          while (rows[idx + span]?.number === r.number) span++;
          return { rowSpan: span };
        },
      },
      { title: '工作任务', dataIndex: 'task', key: 'task', width: 300, render: (t: string) => <span className="task-requirement">{t}</span> },
      { title: '工作举措', dataIndex: 'measure', key: 'measure', render: (m: string) => m || <span className="task-problem">未填写</span> },
      { title: '时限要求', dataIndex: 'timeLimit', key: 'timeLimit', width: 160 },
      { title: '单位分管领导', dataIndex: 'leader', key: 'leader', width: 110, render: (m: string) => m || <span className="task-problem">未填写</span> },
      { title: '责任科室', dataIndex: 'section', key: 'section', width: 110, render: (m: string) => m || <span className="task-problem">未填写</span> },
      ...(mayEdit
        ? [
            {
              title: '操作',
              key: 'actions',
              width: 210,
              render: (_: unknown, r: TaskLedgerRow) => (
                <span className="task-period-actions">
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={`修改第 ${r.number} 项：${r.task.slice(0, 16)}`}
                    onClick={() => {
                      setRefusal(null);
                      form.setFieldsValue({ task: r.task, measure: r.measure, timeLimit: r.timeLimit, leader: r.leader, section: r.section });
                      setEditing(r);
                    }}
                  >
                    修改
                  </Button>
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    aria-label={`为第 ${r.number} 项增加工作举措`}
                    onClick={() => {
                      setRefusal(null);
                      form.setFieldsValue({ task: r.task, measure: '', timeLimit: r.timeLimit, leader: r.leader, section: r.section });
                      setEditing({ after: r });
                    }}
                  >
                    增加举措
                  </Button>
                  {!r.base ? (
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第 ${r.number} 项的这一行`}
                      onClick={() =>
                        modal.confirm({
                          title: '删除这一行？',
                          content: r.measure || r.task,
                          okText: '删除',
                          cancelText: '取消',
                          onOk: async () => {
                            try {
                              setLedger(await api.del<TaskLedgerView>(`/task-ledger-rows/${r.id}?version=${r.version}`));
                            } catch (e) {
                              report(e, { onStale: () => void load() });
                            }
                          },
                        })
                      }
                    />
                  ) : null}
                </span>
              ),
            },
          ]
        : []),
    ],
    [ledger, mayEdit, form, modal, report, load],
  );

  const office = units.length > 1;
  return (
    <>
      <PageTitle
        title="工作台账"
        extra={
          planId ? (
            <>
              {unitId ? (
                <Button icon={<DownloadOutlined />} href={apiUrl(`/task-plans/${planId}/ledger.xlsx`, { unitId })} download>
                  导出本单位台账
                </Button>
              ) : null}
              {office ? (
                <Button icon={<DownloadOutlined />} href={apiUrl(`/task-plans/${planId}/ledger.xlsx`)} download>
                  导出全部台账
                </Button>
              ) : null}
            </>
          ) : null
        }
      >
        对照任务分解表梳理本单位的工作台账，明确工作举措、时限要求、分管领导和责任科室，逐项推动落实。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="选择台账">
        <Select aria-label="工作计划" className="filter-unit task-plan-select" value={planId} onChange={(v: string) => setPlanId(v)} options={plans.map((p) => ({ value: p.id, label: `${p.year}年 ${p.title}` }))} popupMatchSelectWidth={false} placeholder="选择工作计划" />
        <Select aria-label="单位" className="filter-unit" showSearch={{ optionFilterProp: 'label' }} value={unitId} onChange={(v: string) => setUnitId(v)} options={units.map((u) => ({ value: u.id, label: u.name }))} popupMatchSelectWidth={false} placeholder="选择单位" />
      </div>
      {ledger && ledger.incomplete ? <Alert className="page-alert" type="warning" showIcon title={`台账中有 ${ledger.incomplete} 行的工作举措、分管领导或责任科室尚未填写`} /> : null}
      <Card
        title={<h2 className="section-title">{ledger ? `${ledger.unitName}政务公开工作任务台账（${ledger.year}年）` : '工作任务台账'}</h2>}
        className="task-card"
        extra={
          mayEdit ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => {
                setRefusal(null);
                form.resetFields();
                setEditing({ after: null });
              }}
            >
              增加本单位工作
            </Button>
          ) : null
        }
      >
        <Table<TaskLedgerRow>
          aria-label="工作台账"
          rowKey="id"
          bordered
          size="small"
          columns={columns}
          dataSource={ledger?.rows ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: planId ? '没有台账行' : '请先选择工作计划' }}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing && 'id' in editing ? '修改台账' : '增加台账行'}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
        destroyOnHidden={false}
      >
        {refusal ? <Alert type="error" showIcon title="未能保存" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<Values> form={form} name="task-ledger" layout="vertical" onFinish={submit}>
          <Form.Item label="工作任务" name="task" rules={[{ required: true, whitespace: true, message: '请填写工作任务' }, { max: 2000 }]}>
            <Input.TextArea rows={2} disabled={!!editing && 'id' in editing && editing.base} />
          </Form.Item>
          <Form.Item label="工作举措" name="measure" rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} placeholder="如：每季度末汇总进展，经分管领导审核后公开" />
          </Form.Item>
          <Form.Item label="时限要求" name="timeLimit" rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="单位分管领导" name="leader" rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="责任科室" name="section" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
