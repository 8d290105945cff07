// 政府信息: the records within the user's scope, filtered by state, attribute, genre, unit and keyword, with
// quick filters for what needs doing (overdue, attribute review due under Art. 18, historical records whose
// attribute is still undecided), a page at a time from the server. Undecided records can be selected and
// given an attribute in bulk.
import { FieldTimeOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Radio, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../access';
import { api } from '../api';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { formatDateTime, todayInShanghai } from '../format';
import { ATTRIBUTE_OPTIONS, PERMISSIONS, RECORD_STATE_OPTIONS } from '../labels';
import { BASE, followLink } from '../router';
import { useSession } from '../session';
import type { Paged, RecordView, Unit } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { REVIEWED_ATTRIBUTES } from './records/AttributeReviewPanel';
import { BulkAttributeModal } from './records/BulkAttributeModal';
import { DueDate, StateTag } from './records/RecordBits';
import { useRecordOptions } from './records/useRecordOptions';

interface Filters {
  state?: string;
  attribute?: string;
  genre?: string;
  unitId?: string;
  q: string;
  /** 快速筛选: one of the lists of what needs doing. */
  quick?: Quick;
  page: number;
  pageSize: number;
}

type Quick = 'overdue' | 'reviewDue' | 'noAttribute';

const QUICK_OPTIONS: { value: Quick | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'overdue', label: '逾期未公开' },
  { value: 'reviewDue', label: '待复核公开属性' },
  { value: 'noAttribute', label: '未认定公开属性' },
];

const EMPTY_TEXT: Record<Quick, string> = {
  overdue: '没有逾期未公开的信息',
  reviewDue: '没有到期待复核公开属性的信息',
  noAttribute: '没有尚未认定公开属性的信息',
};

/** The filters survive a visit to a record and the way back (for as long as the console is open). */
let lastFilters: Filters = { q: '', page: 1, pageSize: 20 };

export default function RecordsPage() {
  const { can, session } = useSession();
  const user = session.user;
  const { index } = useUnits(false);
  const options = useRecordOptions();
  const [filters, setFiltersState] = useState<Filters>(lastFilters);
  const [search, setSearch] = useState(lastFilters.q);
  const [data, setData] = useState<Paged<RecordView>>({ total: 0, page: 1, pageSize: 20, items: [] });
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<RecordView[]>([]);
  const [assigning, setAssigning] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const setFilters = useCallback((update: (f: Filters) => Filters) => {
    setFiltersState((f) => {
      const next = update(f);
      lastFilters = next;
      return next;
    });
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await api.get<Paged<RecordView>>('/records', {
          state: filters.state,
          attribute: filters.attribute,
          genre: filters.genre,
          unitId: filters.unitId,
          q: filters.q.trim() || undefined,
          overdue: filters.quick === 'overdue' || undefined,
          reviewDue: filters.quick === 'reviewDue' || undefined,
          noAttribute: filters.quick === 'noAttribute' || undefined,
          page: filters.page,
          pageSize: filters.pageSize,
        }),
      );
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const readable = useCallback((u: Unit) => canOnUnit(user, PERMISSIONS.recordsRead, u), [user]);
  /** Undecided records the user may decide: selectable for 批量认定公开属性. */
  const assignable = useCallback((r: RecordView) => r.attribute === null && canOnUnit(user, PERMISSIONS.recordsEdit, index.byId.get(r.unitId)), [user, index]);
  const selecting = filters.quick === 'noAttribute' && can(PERMISSIONS.recordsEdit);
  const today = todayInShanghai();

  useEffect(() => {
    if (!selecting) setSelected([]);
  }, [selecting]);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value, page: 1 }));

  const columns: TableColumnsType<RecordView> = [
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, r) => <Link to={`records/${r.id}`}>{title}</Link>,
    },
    { title: '发布机构', dataIndex: 'unitName', key: 'unitName', width: 170 },
    { title: '索引号', dataIndex: 'indexNo', key: 'indexNo', width: 150, render: (v: string) => <span className="mono">{v}</span> },
    { title: '文号', dataIndex: 'docNo', key: 'docNo', width: 150, render: (v: string | null) => v ?? <span className="muted">无</span> },
    {
      title: '公开属性',
      dataIndex: 'attributeLabel',
      key: 'attribute',
      width: 120,
      render: (label: string, r) =>
        r.attribute === null ? (
          <Tag className="tag-warning">未认定</Tag>
        ) : r.attribute && REVIEWED_ATTRIBUTES.has(r.attribute) && r.attributeReviewOn && r.attributeReviewOn <= today ? (
          <span className="attribute-cell">
            {label}
            <Tag className="tag-danger">待复核</Tag>
          </span>
        ) : (
          label
        ),
    },
    { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (state: string, r) => <StateTag state={state} label={r.stateLabel} /> },
    { title: '公开期限', dataIndex: 'dueOn', key: 'dueOn', width: 150, render: (_: unknown, r) => <DueDate record={r} /> },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 165, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        title="政府信息"
        extra={
          <>
            <Button icon={<FieldTimeOutlined />} href={`${BASE}/records/on-time`} onClick={(e) => followLink(e, 'records/on-time')}>
              按期公开率
            </Button>
            {can(PERMISSIONS.recordsEdit) ? (
              <Button type="primary" icon={<PlusOutlined />} href={`${BASE}/records/new`} onClick={(e) => followLink(e, 'records/new')}>
                起草新信息
              </Button>
            ) : null}
          </>
        }
      >
        管辖范围内的政府信息。主动公开的信息应自形成或变更之日起 20 个工作日内公开（《政府信息公开条例》第二十六条）；逾期未公开的期限以红色标出。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="筛选政府信息">
        <Select
          aria-label="状态"
          placeholder="全部状态"
          allowClear
          value={filters.state}
          onChange={(v?: string) => set('state', v)}
          options={RECORD_STATE_OPTIONS}
          className="filter-short"
        />
        <Select
          aria-label="公开属性"
          placeholder="全部公开属性"
          allowClear
          value={filters.attribute}
          onChange={(v?: string) => set('attribute', v)}
          options={ATTRIBUTE_OPTIONS}
          className="filter-short"
        />
        <Select
          aria-label="体裁"
          placeholder="全部体裁"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.genre}
          onChange={(v?: string) => set('genre', v)}
          options={options.genres}
          className="filter-short"
          popupMatchSelectWidth={false}
        />
        <UnitTreeSelect
          index={index}
          value={filters.unitId}
          onChange={(v) => set('unitId', v)}
          allow={readable}
          disableAbolished={false}
          placeholder="全部单位"
          allowClear
          aria-label="单位"
          className="filter-unit"
        />
        <Input.Search
          aria-label="关键词"
          placeholder="标题关键词、文号或索引号"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => set('q', q)}
          className="filter-search"
        />
      </div>
      <div className="toolbar quick-filters">
        <span className="muted" id="quick-filter-label">
          快速筛选
        </span>
        <Radio.Group
          aria-labelledby="quick-filter-label"
          optionType="button"
          value={filters.quick ?? 'all'}
          onChange={(e) => set('quick', e.target.value === 'all' ? undefined : (e.target.value as Quick))}
          options={QUICK_OPTIONS}
        />
        {filters.quick === 'reviewDue' ? <span className="muted small">依申请公开和不予公开的信息每年复核公开属性（条例第十八条），这里是复核日期已到的。</span> : null}
        {selecting ? (
          <span className="bulk-bar">
            <span className="muted small" aria-live="polite">
              {selected.length ? `已选 ${selected.length} 条` : '勾选信息后可批量认定公开属性'}
            </span>
            <Button type="primary" disabled={!selected.length} onClick={() => setAssigning(true)}>
              批量认定公开属性
            </Button>
          </span>
        ) : null}
      </div>
      <Table<RecordView>
        aria-label="政府信息列表"
        rowKey="id"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        size="middle"
        // While selecting, no horizontal scroll: Ant Design's hidden measuring row would otherwise hold a
        // second, focusable copy of the select-all checkbox.
        scroll={selecting ? undefined : { x: 1200 }}
        locale={{ emptyText: filters.quick ? EMPTY_TEXT[filters.quick] : '没有符合条件的信息' }}
        rowSelection={
          selecting
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) => setSelected(rows.filter((r): r is RecordView => !!r)),
                getCheckboxProps: (r) => ({ disabled: !assignable(r), 'aria-label': `选择《${r.title}》` }),
              }
            : undefined
        }
        pagination={{
          current: data.page,
          pageSize: data.pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />
      <BulkAttributeModal
        records={selected}
        open={assigning}
        onClose={() => setAssigning(false)}
        onDone={(updated) => {
          setAssigning(false);
          setSelected([]);
          void message.success(`已为 ${updated} 条信息认定公开属性`);
          void load();
        }}
      />
    </>
  );
}
