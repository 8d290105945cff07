// 依申请公开: the disclosure requests within the user's scope, open ones first by their reply deadline,
// filtered by state, unit, receipt date, overdue and text, a page at a time from the server. The deadline
// shows the working days left (red when overdue); the office sees at a glance how many are overdue. The
// ledger (申请登记台账) downloads with the same filters.
import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Input, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../access';
import { api, apiUrl } from '../api';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { todayInShanghai } from '../format';
import { PERMISSIONS, REQUEST_OPEN_STATES } from '../labels';
import { BASE, followLink } from '../router';
import { useSession } from '../session';
import type { Paged, RequestListItem } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { DueCell, RequestStateTag } from './requests/RequestBits';
import { useRequestMeta } from './requests/useRequestMeta';
import { useWorkingCalendar, workingDaysLeft } from './requests/workingDays';

interface Filters {
  state?: string;
  unitId?: string;
  from?: string;
  to?: string;
  overdue: boolean;
  q: string;
  page: number;
  pageSize: number;
}

const DATE = 'YYYY-MM-DD';

/** The filters survive a visit to a request and the way back (for as long as the console is open). */
let lastFilters: Filters = { overdue: false, q: '', page: 1, pageSize: 20 };

export default function RequestsPage() {
  const { can, session } = useSession();
  const user = session.user;
  const meta = useRequestMeta();
  const { index } = useUnits(false);
  const calendar = useWorkingCalendar();
  const [filters, setFiltersState] = useState<Filters>(lastFilters);
  const [search, setSearch] = useState(lastFilters.q);
  const [data, setData] = useState<Paged<RequestListItem>>({ total: 0, page: 1, pageSize: 20, items: [] });
  const [overdueCount, setOverdueCount] = useState(0);
  const [loading, setLoading] = useState(true);
  const report = useApiError();
  const today = todayInShanghai();

  const setFilters = useCallback((update: (f: Filters) => Filters) => {
    setFiltersState((f) => {
      const next = update(f);
      lastFilters = next;
      return next;
    });
  }, []);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value, page: 1 }));

  const query = useMemo(
    () => ({ state: filters.state, unitId: filters.unitId, from: filters.from, to: filters.to, overdue: filters.overdue || undefined, q: filters.q.trim() || undefined }),
    [filters.state, filters.unitId, filters.from, filters.to, filters.overdue, filters.q],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [page, overdue] = await Promise.all([
        api.get<Paged<RequestListItem>>('/requests', { ...query, page: filters.page, pageSize: filters.pageSize }),
        api.get<Paged<RequestListItem>>('/requests', { overdue: true, pageSize: 1 }),
      ]);
      setData(page);
      setOverdueCount(overdue.total);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [query, filters.page, filters.pageSize, report]);

  useEffect(() => {
    void load();
  }, [load]);

  /** The units that take requests and that the user may see. */
  const unitOptions = useMemo(
    () => (meta?.units ?? []).filter((u) => canOnUnit(user, PERMISSIONS.requestsRead, index.byId.get(u.id))).map((u) => ({ value: u.id, label: u.name })),
    [meta, user, index],
  );

  const columns: TableColumnsType<RequestListItem> = [
    {
      title: '申请编号',
      dataIndex: 'number',
      key: 'number',
      width: 140,
      fixed: 'left',
      render: (n: string, r) => (
        <Link to={`requests/${r.id}`} className="mono">
          {n}
        </Link>
      ),
    },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      key: 'applicant',
      width: 150,
      render: (name: string, r) => (
        <div className="applicant-cell">
          <span>{name}</span>
          <span className="muted small">{r.applicantTypeLabel}</span>
        </div>
      ),
    },
    {
      title: '所需信息',
      dataIndex: 'subject',
      key: 'subject',
      render: (subject: string, r) => (
        <div>
          <div className="subject-cell">{subject}</div>
          {r.flags.length ? (
            <div className="tag-list flag-tags">
              {r.flags.map((f) => (
                <Tag key={f} className="tag-warning">
                  {f}
                </Tag>
              ))}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: '承办单位', dataIndex: 'unitName', key: 'unitName', width: 150 },
    {
      title: '收到日期',
      dataIndex: 'receivedOn',
      key: 'receivedOn',
      width: 110,
      render: (v: string | null, r) =>
        v ?? (
          <Tooltip title={`${r.arrivedOn} 提交，尚未与申请人确认收到`}>
            <span className="muted" tabIndex={0}>
              待确认
            </span>
          </Tooltip>
        ),
    },
    {
      title: '答复期限',
      dataIndex: 'dueOn',
      key: 'dueOn',
      width: 140,
      render: (_: unknown, r) => <DueCell item={r} daysLeft={calendar && r.dueOn ? workingDaysLeft(calendar, today, r.dueOn) : null} />,
    },
    { title: '状态', dataIndex: 'state', key: 'state', width: 96, render: (state: string, r) => <RequestStateTag state={state} label={r.stateLabel} /> },
    { title: '答复类型', dataIndex: 'resultLabel', key: 'resultLabel', width: 150, render: (v: string | null, r) => v ?? <span className="muted">{REQUEST_OPEN_STATES.has(r.state) ? '尚未答复' : '—'}</span> },
  ];

  const range: [Dayjs | null, Dayjs | null] = [filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null];

  return (
    <>
      <PageTitle
        title="依申请公开"
        extra={
          <>
            <Button icon={<BarChartOutlined />} href={`${BASE}/requests/statistics`} onClick={(e) => followLink(e, 'requests/statistics')}>
              年度统计
            </Button>
            <Button icon={<DownloadOutlined />} href={apiUrl('/requests/ledger.xlsx', query)} download="申请登记台账.xlsx">
              导出台账
            </Button>
            {can(PERMISSIONS.requestsHandle) ? (
              <Button type="primary" icon={<PlusOutlined />} href={`${BASE}/requests/new`} onClick={(e) => followLink(e, 'requests/new')}>
                登记申请
              </Button>
            ) : null}
          </>
        }
      >
        政府信息公开申请应自收到申请之日起 20 个工作日内答复，经批准可延长一次、不超过 20 个工作日（《政府信息公开条例》第三十三条）。办理中的申请排在前面，按答复期限排列。
      </PageTitle>
      {overdueCount > 0 && !filters.overdue ? (
        <Alert
          className="page-alert"
          type="error"
          showIcon
          title={`有 ${overdueCount} 件申请已超过答复期限尚未答复`}
          action={
            <Button size="small" danger onClick={() => setFilters((f) => ({ ...f, overdue: true, state: undefined, page: 1 }))}>
              只看逾期
            </Button>
          }
        />
      ) : null}
      <div className="toolbar" role="search" aria-label="筛选申请">
        <Select aria-label="状态" placeholder="全部状态" allowClear value={filters.state} onChange={(v?: string) => set('state', v)} options={meta?.states ?? []} className="filter-short" />
        <Select
          aria-label="承办单位"
          placeholder="全部承办单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.unitId}
          onChange={(v?: string) => set('unitId', v)}
          options={unitOptions}
          className="filter-unit"
          popupMatchSelectWidth={false}
        />
        <DatePicker.RangePicker
          aria-label="收到日期范围"
          id={{ start: 'requests-from', end: 'requests-to' }}
          placeholder={['收到日期起', '收到日期止']}
          value={range}
          format={DATE}
          onChange={(v) => setFilters((f) => ({ ...f, from: v?.[0]?.format(DATE), to: v?.[1]?.format(DATE), page: 1 }))}
        />
        <Checkbox checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)}>
          只看逾期
        </Checkbox>
        <Input.Search
          aria-label="关键词"
          placeholder="申请编号或所需信息中的文字"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => set('q', q)}
          className="filter-search"
        />
      </div>
      <Table<RequestListItem>
        aria-label="申请列表"
        rowKey="id"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        size="middle"
        scroll={{ x: 1120 }}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: filters.overdue ? '没有逾期未答复的申请' : '没有符合条件的申请' }}
        pagination={{
          current: data.page,
          pageSize: data.pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />
    </>
  );
}
