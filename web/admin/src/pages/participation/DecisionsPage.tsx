// 重大行政决策 (/admin/decisions): the year's catalogue of major administrative decisions (重大行政决策事项目录,
// 《重大行政决策程序暂行条例》第四条) of the units the user works for, with how far each has come through its
// stages and whether it is on the portal. Users who may edit records list a new decision here; it opens at
// once on its own page, where its stages are recorded.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { currentYear } from '../../format';
import { PERMISSIONS } from '../../labels';
import { navigate } from '../../router';
import { useSession } from '../../session';
import type { Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { decisionProgress, type Decision } from './decisions';

interface Values {
  year?: number;
  title?: string;
  unitId?: string;
  summary?: string;
}

const FIELDS = ['year', 'title', 'unitId', 'summary'] as const;

/** The regulation is in force from 2019-09-01; the next year's catalogue may be drawn up at the end of this one. */
const FIRST_YEAR = 2019;

/** The year shown, kept while the user opens a decision and comes back. */
let lastYear: number | undefined;

export default function DecisionsPage() {
  const { session, can } = useSession();
  const user = session.user;
  const [year, setYearState] = useState<number>(() => lastYear ?? currentYear());
  const [items, setItems] = useState<Decision[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const { index } = useUnits(false);
  const report = useApiError();
  const { message } = App.useApp();

  const setYear = (y: number) => {
    lastYear = y;
    setYearState(y);
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<Decision[]>('/decisions', { year }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [year, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = currentYear() + 1; y >= FIRST_YEAR; y--) out.push(y);
    return out;
  }, []);

  // The undertaking unit: one where the user may edit (the server checks it again).
  const editable = useCallback((u: Unit) => canOnUnit(user, PERMISSIONS.recordsEdit, u), [user]);
  const defaultUnit = useMemo(() => {
    const own = user ? index.byId.get(user.unitId) : undefined;
    if (own && editable(own) && !own.abolished) return own.id;
    return [...index.byId.values()].find((u) => editable(u) && !u.abolished)?.id;
  }, [index, user, editable]);

  const startAdding = () => {
    form.resetFields();
    form.setFieldsValue({ year, title: undefined, unitId: defaultUnit, summary: undefined });
    setRefusal(null);
    setOpened((n) => n + 1);
    setAdding(true);
  };

  async function add() {
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setRefusal(null);
    try {
      const created = await api.post<Decision>('/decisions', { year: v.year, title: v.title?.trim() ?? '', unitId: v.unitId, summary: v.summary?.trim() || null });
      void message.success(`已列入${created.year}年重大行政决策事项目录`);
      lastYear = created.year;
      setAdding(false);
      navigate(`decisions/${created.id}`);
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

  const columns: TableColumnsType<Decision> = [
    { title: '决策事项', dataIndex: 'title', key: 'title', render: (t: string, d) => <Link to={`decisions/${d.id}`}>{t}</Link> },
    { title: '承办单位', dataIndex: 'unitName', key: 'unitName', width: 200 },
    {
      title: '进度',
      key: 'progress',
      width: 230,
      render: (_: unknown, d) => {
        const p = decisionProgress(d);
        return (
          <span>
            已完成 {p.done}/{p.applicable} 个环节
            <div className="muted small">{p.next ? `下一环节：${p.next.label}` : '各环节均已完成'}</div>
          </span>
        );
      },
    },
    {
      title: '公开',
      dataIndex: 'published',
      key: 'published',
      width: 110,
      render: (published: boolean) => (published ? <Tag className="tag-success">已公开</Tag> : <Tag>未公开</Tag>),
    },
  ];

  return (
    <>
      <PageTitle
        title="重大行政决策"
        extra={
          can(PERMISSIONS.recordsEdit) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={startAdding}>
              列入目录
            </Button>
          ) : undefined
        }
      >
        重大行政决策事项目录按年度公布。每项决策依《重大行政决策程序暂行条例》经公众参与、专家论证、风险评估、合法性审查和集体讨论决定后公布，并在实施后评估；未经合法性审查的决策草案不得提交集体讨论。公开的事项及其各环节在门户网站“重大行政决策”栏目显示。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="选择年度">
        <Select<number> aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年度` }))} className="filter-short" />
      </div>
      <Table<Decision>
        aria-label="重大行政决策事项目录"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 项` } : false}
        scroll={{ x: 800 }}
        locale={{ emptyText: `${year}年度目录中还没有决策事项` }}
      />
      <Modal key={opened} open={adding} title="列入重大行政决策事项目录" okText="列入目录" cancelText="取消" confirmLoading={busy} onOk={() => void add()} onCancel={() => setAdding(false)} destroyOnHidden width={640}>
        {refusal ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="decision-add">
          <Form.Item name="year" label="目录年度" rules={[{ required: true, message: '请选择年度' }]}>
            <Select<number> options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
          </Form.Item>
          <Form.Item name="title" label="决策事项" rules={[{ required: true, whitespace: true, message: '请填写决策事项名称' }, { max: 300, message: '不能超过 300 个字' }]}>
            <Input placeholder="如 示范县城区停车设施建设专项规划（2026—2035年）" />
          </Form.Item>
          <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
            <UnitTreeSelect index={index} allow={editable} placeholder="请选择承办单位" className="full-width" />
          </Form.Item>
          <Form.Item name="summary" label="简要说明（可不填）" rules={[{ max: 5000, message: '不能超过 5000 个字' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
