// 考核评分: each unit's score by the plan's scheme (completion weighted by task, deductions for lateness, missing
// evidence and unacknowledged 催办, bonus items), as a bar chart and the table it is drawn from, exported as
// XLSX; the office sets the scheme and gives bonus points.
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import type { TaskBonus, TaskPlanView, TaskScoreBoard, TaskScoreScheme, TaskUnitScore } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { BarChart, useTaskMeta } from './TaskBits';

const SCHEME_FIELDS = ['fullMarks', 'latePerPeriod', 'latePerWorkingDay', 'lateCap', 'missingEvidence', 'unacknowledgedUrge', 'bonusCap'] as const;

export function ScoresTab({ plan, onChanged }: { plan: TaskPlanView; onChanged: () => void }) {
  const [board, setBoard] = useState<TaskScoreBoard | null>(null);
  const [loading, setLoading] = useState(true);
  const [savingScheme, setSavingScheme] = useState(false);
  const [bonusOpen, setBonusOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [schemeForm] = Form.useForm<TaskScoreScheme>();
  const [bonusForm] = Form.useForm<{ unitId: string; points: number; reason: string }>();
  const meta = useTaskMeta();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message, modal } = App.useApp();
  const manage = plan.mayManage;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBoard(await api.get<TaskScoreBoard>(`/task-plans/${plan.id}/scores`));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [plan.id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    schemeForm.setFieldsValue(plan.scheme);
  }, [plan.scheme, schemeForm]);

  async function saveScheme(v: TaskScoreScheme) {
    setSavingScheme(true);
    try {
      const scheme = Object.fromEntries(SCHEME_FIELDS.map((k) => [k, v[k]]));
      await api.patch(`/task-plans/${plan.id}`, { version: plan.version, scheme });
      void message.success('已保存评分办法，得分已重新计算');
      onChanged();
      void load();
    } catch (e) {
      if (stale(e, onChanged)) return;
      report(e);
    } finally {
      setSavingScheme(false);
    }
  }

  async function addBonus(v: { unitId: string; points: number; reason: string }) {
    setBusy(true);
    setRefusal(null);
    try {
      await api.post(`/task-plans/${plan.id}/bonuses`, v);
      void message.success('已登记加分项');
      setBonusOpen(false);
      void load();
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<TaskUnitScore> = [
    { title: '排名', dataIndex: 'rank', key: 'rank', width: 64 },
    { title: '单位', dataIndex: 'unitName', key: 'unit', width: 200 },
    { title: '得分', dataIndex: 'score', key: 'score', width: 72, render: (s: number) => <strong>{s}</strong> },
    { title: '完成率', key: 'rate', width: 90, render: (_: unknown, u) => (u.completionRate === null ? '—' : `${Math.round(u.completionRate * 1000) / 10}%`) },
    { title: '扣分', key: 'deductions', width: 190, render: (_: unknown, u) => `逾期 ${u.deductions.late}，佐证 ${u.deductions.evidence}，催办 ${u.deductions.urges}` },
    { title: '加分', dataIndex: 'bonus', key: 'bonus', width: 64 },
    { title: '计分说明', dataIndex: 'explanation', key: 'explanation' },
  ];

  const units = board?.units ?? [];
  return (
    <div>
      <div className="toolbar">
        <Button icon={<DownloadOutlined />} href={apiUrl(`/task-plans/${plan.id}/scores.xlsx`)} download>
          导出得分表
        </Button>
        {board ? (
          <span className="muted small">
            截至 {board.asOf}，共 {board.rankedUnits} 个单位参加考核{plan.seesAll ? '' : '（只显示本单位，排名为在全部单位中的名次）'}
          </span>
        ) : null}
      </div>
      {units.length ? <BarChart title="考核得分" tableId="task-scores-table" bars={units.map((u) => ({ key: u.unitId, label: u.unitName, value: u.score }))} max={board?.scheme.fullMarks ?? 100} /> : null}
      <div id="task-scores-table">
        <Table<TaskUnitScore> aria-label="考核得分" rowKey="unitId" columns={columns} dataSource={units} loading={loading} size="small" pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: '没有参加考核的单位' }} />
      </div>
      {board?.bonuses.length || manage ? (
        <Card
          title={<h2 className="section-title">加分项</h2>}
          className="task-card"
          extra={
            manage ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => {
                  bonusForm.resetFields();
                  setRefusal(null);
                  setBonusOpen(true);
                }}
              >
                登记加分项
              </Button>
            ) : null
          }
        >
          <Table<TaskBonus>
            aria-label="加分项"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={board?.bonuses ?? []}
            locale={{ emptyText: '没有加分项' }}
            columns={[
              { title: '单位', dataIndex: 'unitName', key: 'unit', width: 200 },
              { title: '分值', dataIndex: 'points', key: 'points', width: 64 },
              { title: '理由', dataIndex: 'reason', key: 'reason' },
              { title: '登记人', dataIndex: 'createdByLabel', key: 'by', width: 160 },
              ...(manage
                ? [
                    {
                      title: '操作',
                      key: 'remove',
                      width: 80,
                      render: (_: unknown, b: TaskBonus) => (
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`删除${b.unitName}的加分项`}
                          onClick={() =>
                            modal.confirm({
                              title: '删除这个加分项？',
                              content: `${b.unitName}：${b.points} 分，${b.reason}`,
                              okText: '删除',
                              cancelText: '取消',
                              onOk: async () => {
                                await api.del(`/task-bonuses/${b.id}`).catch(report);
                                void load();
                              },
                            })
                          }
                        >
                          删除
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : null}
      {manage && meta ? (
        <Card title={<h2 className="section-title">评分办法</h2>} className="task-card">
          <p className="muted small">得分 = 满分 × 到期任务完成率（按任务权重加权；任务权重在“任务清单”中修改）− 逾期完成扣分（不超过上限）− 无佐证扣分 − 催办逾期未确认扣分 + 加分（不超过上限），最低为 0 分。</p>
          <Form<TaskScoreScheme> form={schemeForm} name="task-scheme" layout="vertical" onFinish={saveScheme} disabled={plan.status !== 'active'}>
            <div className="task-scheme-form">
              {SCHEME_FIELDS.map((k) => (
                <Form.Item key={k} label={meta.schemeLabels[k] ?? k} name={k} rules={[{ required: true, message: '请填写' }]}>
                  <InputNumber min={k === 'fullMarks' ? 1 : 0} max={1000} step={0.5} />
                </Form.Item>
              ))}
            </div>
            <Button htmlType="submit" loading={savingScheme}>
              保存评分办法
            </Button>
          </Form>
        </Card>
      ) : null}
      <Modal open={bonusOpen} title="登记加分项" okText="登记" cancelText="取消" confirmLoading={busy} onOk={() => bonusForm.submit()} onCancel={() => setBonusOpen(false)} forceRender destroyOnHidden={false}>
        {refusal ? <Alert type="error" showIcon title="未能登记" description={refusal} className="form-alert" role="alert" /> : null}
        <Form form={bonusForm} name="task-bonus" layout="vertical" onFinish={addBonus}>
          <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.unitId, label: u.unitName }))} />
          </Form.Item>
          <Form.Item label="分值" name="points" rules={[{ required: true, message: '请填写分值' }]}>
            <InputNumber min={-100} max={100} step={0.5} />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 500 }]}>
            <Input.TextArea rows={2} placeholder="如：经验做法被市政务公开办转发推广" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
