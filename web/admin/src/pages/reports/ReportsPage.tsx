// 年度报告: the annual reports (政府信息公开工作年度报告) of the units the user may see, by year and unit,
// with their state and the date they are due (《条例》第四十九条); a new report for a unit and year is
// generated from the platform's data and starts from last year's text.
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit, REPORT_PERMISSIONS } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { currentYear, formatDateTime, todayInShanghai } from '../../format';
import { PERMISSIONS, REPORT_STATE_TAGS } from '../../labels';
import { BASE, followLink, navigate } from '../../router';
import { useSession } from '../../session';
import type { ReportSummary, ReportView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useReportMeta } from './useReportMeta';
import './reports.css';

/** Reports the platform generates start with 2021 (earlier years use the 2019 layout and are imported). */
const FIRST_GENERATED_YEAR = 2021;

interface Filters {
  year?: number;
  unitId?: string;
  state?: string;
}

let lastFilters: Filters = {};

export function ReportStateTag({ state, label }: { state: string; label: string }) {
  return <Tag className={REPORT_STATE_TAGS[state] ?? 'tag-neutral'}>{label}</Tag>;
}

function CreateDialog({ open, onClose, units, index }: { open: boolean; onClose: () => void; units: Unit[]; index: ReturnType<typeof useUnits>['index'] }) {
  const { session } = useSession();
  const meta = useReportMeta();
  const [form] = Form.useForm<{ unitId: string; year: number; coverage?: string }>();
  const [saving, setSaving] = useState(false);
  const [clash, setClash] = useState<{ message: string; reportId: string } | null>(null);
  const report = useApiError();
  const kinds = useMemo(() => new Set(meta?.reportingUnitKinds ?? []), [meta]);
  const allow = useCallback((u: Unit) => !u.abolished && kinds.has(u.kind) && canOnUnit(session.user, REPORT_PERMISSIONS.edit, u), [kinds, session.user]);
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = currentYear(); y >= FIRST_GENERATED_YEAR; y--) out.push(y);
    return out;
  }, []);
  const first = units.find(allow);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setClash(null);
    try {
      const created = await api.post<ReportView>('/reports', { unitId: v.unitId, year: v.year, ...(v.coverage ? { coverage: v.coverage } : {}) });
      onClose();
      navigate(`reports/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && typeof e.details?.reportId === 'string') setClash({ message: e.message, reportId: e.details.reportId });
      else report(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建年度报告"
      okText="生成报告"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">按系统中的数据生成第二、三、四部分表格；文字部分从该单位上一年度的报告开始。2019、2020年度的报告采用2019年格式，请通过接口导入。</p>
      {clash ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={clash.message}
          action={
            <Button size="small" href={`${BASE}/reports/${clash.reportId}`} onClick={(e) => followLink(e, `reports/${clash.reportId}`)}>
              打开该报告
            </Button>
          }
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ year: Math.max(FIRST_GENERATED_YEAR, currentYear() - (todayInShanghai().slice(5) < '04-01' ? 1 : 0)), unitId: first?.id }} requiredMark>
        <Form.Item name="unitId" label="报告单位" rules={[{ required: true, message: '请选择报告单位' }]}>
          <UnitTreeSelect index={index} allow={allow} />
        </Form.Item>
        <Form.Item name="year" label="报告年度" rules={[{ required: true, message: '请选择报告年度' }]}>
          <Select options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
        </Form.Item>
        <Form.Item name="coverage" label="汇总范围" extra="不选时：政府的报告汇总本级及所属全部单位，部门的报告只统计本单位。">
          <Select allowClear placeholder="按单位默认" options={meta?.coverages ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReportsPage() {
  const { can } = useSession();
  const meta = useReportMeta();
  const { units, index } = useUnits(false);
  const [filters, setFiltersState] = useState<Filters>(lastFilters);
  const [rows, setRows] = useState<ReportSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const report = useApiError();
  const today = todayInShanghai();

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFiltersState((f) => {
      const next = { ...f, [key]: value };
      lastFilters = next;
      return next;
    });

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.get<ReportSummary[]>('/reports', { year: filters.year, unitId: filters.unitId, state: filters.state }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters.year, filters.unitId, filters.state, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = currentYear(); y >= 2019; y--) out.push(y);
    return out;
  }, []);

  const columns: TableColumnsType<ReportSummary> = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 90, render: (y: number) => `${y}年度` },
    { title: '报告单位', dataIndex: 'unitName', key: 'unitName', width: 200 },
    {
      title: '报告标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, r) => <Link to={`reports/${r.id}`}>{title}</Link>,
    },
    { title: '状态', dataIndex: 'state', key: 'state', width: 130, render: (state: string, r) => <ReportStateTag state={state} label={r.stateLabel} /> },
    {
      title: '发布期限',
      dataIndex: 'due',
      key: 'due',
      width: 150,
      render: (due: string, r) => {
        const late = r.state !== 'published' && due < today;
        const publishedLate = r.publishedAt && formatDateTime(r.publishedAt).slice(0, 10) > due;
        return (
          <span className={late ? 'due-cell due-overdue' : 'due-cell'}>
            <span>{due}</span>
            {late ? <span className="due-days">逾期未发布</span> : null}
            {publishedLate ? <span className="due-days muted">逾期发布</span> : null}
          </span>
        );
      },
    },
    { title: '发布时间', dataIndex: 'publishedAt', key: 'publishedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : <span className="muted">未发布</span>) },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        title="年度报告"
        extra={
          <>
            {can(PERMISSIONS.unitsManage) ? (
              <Button icon={<BarChartOutlined />} href={`${BASE}/reports/status`} onClick={(e) => followLink(e, 'reports/status')}>
                发布情况
              </Button>
            ) : null}
            {can(REPORT_PERMISSIONS.edit) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建报告
              </Button>
            ) : null}
          </>
        }
      >
        政府信息公开工作年度报告：县级以上人民政府部门于每年1月31日前、县级以上地方人民政府于每年3月31日前公布上一年度的报告（《政府信息公开条例》第四十九条）。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="筛选年度报告">
        <Select aria-label="年度" placeholder="全部年度" allowClear value={filters.year} onChange={(v?: number) => set('year', v)} options={years.map((y) => ({ value: y, label: `${y}年度` }))} className="filter-short" />
        <UnitTreeSelect aria-label="报告单位" placeholder="全部单位" allowClear index={index} value={filters.unitId} onChange={(v) => set('unitId', v)} className="filter-unit" disableAbolished={false} />
        <Select aria-label="状态" placeholder="全部状态" allowClear value={filters.state} onChange={(v?: string) => set('state', v)} options={meta?.states ?? []} className="filter-short" />
      </div>
      <Table<ReportSummary>
        aria-label="年度报告列表"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        size="middle"
        scroll={{ x: 1000 }}
        rowClassName={(r) => (r.state !== 'published' && r.due < today ? 'row-overdue' : '')}
        locale={{ emptyText: '没有符合条件的年度报告' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 份` }}
      />
      {creating ? <CreateDialog open onClose={() => setCreating(false)} units={units} index={index} /> : null}
    </>
  );
}
