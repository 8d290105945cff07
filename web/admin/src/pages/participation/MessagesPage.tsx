// 留言办理 (/admin/messages): the letters of 领导信箱 and 部门信箱 to the units the user works for, open ones
// first by their reply deadline (its calculation on hover, focus or click; red when overdue), filtered by
// state; and the statistics of a period (received, replied, replied on time, overdue, satisfaction) per
// unit. Each letter opens the page where it is transferred, answered, published and closed.
import { Alert, Button, Checkbox, DatePicker, Radio, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { todayInShanghai } from '../../format';
import { useApiError } from '../../useApiError';
import { MessageDue, MESSAGE_STATE_TAGS } from './MessageBits';
import { MESSAGE_STATE_LABELS, type Message, type MessageState, type MessageStatisticsRow } from './types';

const DATE = 'YYYY-MM-DD';

const percent = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');

function Statistics() {
  const today = todayInShanghai();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const [rows, setRows] = useState<MessageStatisticsRow[]>([]);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.get<MessageStatisticsRow[]>('/messages/statistics', { from: range[0], to: range[1] }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [range, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const total = useMemo(() => {
    const t = { received: 0, replied: 0, onTime: 0, overdueOpen: 0, rated: 0, ratingSum: 0 };
    for (const r of rows) {
      t.received += r.received;
      t.replied += r.replied;
      t.onTime += r.onTime;
      t.overdueOpen += r.overdueOpen;
      t.rated += r.rated;
      t.ratingSum += (r.averageRating ?? 0) * r.rated;
    }
    return t;
  }, [rows]);

  const columns: TableColumnsType<MessageStatisticsRow> = [
    { title: '办理单位', dataIndex: 'unitName', key: 'unitName' },
    { title: '收到', dataIndex: 'received', key: 'received', width: 90, align: 'right' },
    { title: '已答复', dataIndex: 'replied', key: 'replied', width: 90, align: 'right' },
    { title: '按期答复', dataIndex: 'onTime', key: 'onTime', width: 100, align: 'right' },
    { title: '按期答复率', key: 'onTimeRate', width: 110, align: 'right', render: (_: unknown, r) => percent(r.onTime, r.replied) },
    { title: '逾期未答复', dataIndex: 'overdueOpen', key: 'overdueOpen', width: 110, align: 'right', render: (n: number) => <span className={n ? 'due-overdue' : undefined}>{n}</span> },
    { title: '评价', dataIndex: 'rated', key: 'rated', width: 80, align: 'right' },
    { title: '平均满意度（5分制）', dataIndex: 'averageRating', key: 'averageRating', width: 170, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
  ];

  const value: [Dayjs, Dayjs] = [dayjs(range[0], DATE), dayjs(range[1], DATE)];
  return (
    <>
      <div className="toolbar">
        <DatePicker.RangePicker
          aria-label="收到日期范围"
          id={{ start: 'messages-from', end: 'messages-to' }}
          placeholder={['收到日期起', '收到日期止']}
          value={value}
          format={DATE}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format(DATE), v[1].format(DATE)]);
          }}
        />
      </div>
      <p className="message-summary" aria-live="polite">
        {range[0]} 至 {range[1]} 收到留言 <strong>{total.received}</strong> 件，已答复 <strong>{total.replied}</strong> 件，其中按期答复 <strong>{total.onTime}</strong> 件（{percent(total.onTime, total.replied)}）；逾期未答复{' '}
        <strong className={total.overdueOpen ? 'due-overdue' : undefined}>{total.overdueOpen}</strong> 件；收到评价 {total.rated} 件
        {total.rated ? `，平均满意度 ${(total.ratingSum / total.rated).toFixed(2)} 分` : ''}。
      </p>
      <Table<MessageStatisticsRow>
        aria-label="留言办理统计"
        rowKey="unitId"
        columns={columns}
        dataSource={rows}
        loading={loading}
        size="middle"
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '统计期间内没有收到留言' }}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row className="summary-row">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{total.received}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{total.replied}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{total.onTime}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{percent(total.onTime, total.replied)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{total.overdueOpen}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{total.rated}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{total.rated ? (total.ratingSum / total.rated).toFixed(2) : '—'}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

/** The filters survive a visit to a letter and the way back. */
let lastFilters: { state: MessageState | 'all'; overdue: boolean } = { state: 'all', overdue: false };

function Letters() {
  const [filters, setFiltersState] = useState(lastFilters);
  const [items, setItems] = useState<Message[]>([]);
  const [overdueCount, setOverdueCount] = useState(0);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const setFilters = (next: typeof filters) => {
    lastFilters = next;
    setFiltersState(next);
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [list, overdue] = await Promise.all([
        api.get<Message[]>('/messages', { state: filters.state === 'all' ? undefined : filters.state, overdue: filters.overdue || undefined }),
        api.get<Message[]>('/messages', { overdue: true }),
      ]);
      setItems(list);
      setOverdueCount(overdue.length);
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters.state, filters.overdue, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<Message> = [
    {
      title: '编号',
      dataIndex: 'number',
      key: 'number',
      width: 150,
      render: (n: string, m) => (
        <Link to={`messages/${m.id}`} className="mono">
          {n}
        </Link>
      ),
    },
    {
      title: '标题',
      dataIndex: 'subject',
      key: 'subject',
      render: (s: string, m) => (
        <div>
          <div className="subject-cell">{s}</div>
          <span className="muted small">{m.kindLabel}</span>
        </div>
      ),
    },
    { title: '办理单位', dataIndex: 'unitName', key: 'unitName', width: 170 },
    { title: '类别', dataIndex: 'categoryLabel', key: 'categoryLabel', width: 80 },
    {
      title: '状态',
      dataIndex: 'state',
      key: 'state',
      width: 110,
      render: (s: MessageState, m) => (
        <span className="tag-list">
          <Tag className={MESSAGE_STATE_TAGS[s]}>{MESSAGE_STATE_LABELS[s]}</Tag>
          {m.published ? <Tag className="tag-info">已公开</Tag> : null}
        </span>
      ),
    },
    { title: '收到日期', dataIndex: 'receivedOn', key: 'receivedOn', width: 110 },
    { title: '答复期限', dataIndex: 'dueOn', key: 'dueOn', width: 170, render: (_: unknown, m) => <MessageDue m={m} /> },
  ];

  return (
    <>
      {overdueCount > 0 && !filters.overdue ? (
        <Alert
          className="page-alert"
          type="error"
          showIcon
          title={`有 ${overdueCount} 件留言已超过答复期限尚未答复`}
          action={
            <Button size="small" danger onClick={() => setFilters({ state: 'all', overdue: true })}>
              只看逾期
            </Button>
          }
        />
      ) : null}
      <div className="toolbar" role="search" aria-label="筛选留言">
        <Radio.Group
          aria-label="状态"
          optionType="button"
          value={filters.state}
          onChange={(e) => setFilters({ ...filters, state: e.target.value as MessageState | 'all' })}
          options={[{ value: 'all', label: '全部' }, ...(['received', 'replied', 'closed'] as const).map((s) => ({ value: s, label: MESSAGE_STATE_LABELS[s] }))]}
        />
        <Checkbox checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })}>
          只看逾期
        </Checkbox>
      </div>
      <Table<Message>
        aria-label="留言列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        scroll={{ x: 1000 }}
        rowClassName={(m) => (m.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: filters.overdue ? '没有逾期未答复的留言' : '没有符合条件的留言' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
      />
    </>
  );
}

export default function MessagesPage() {
  return (
    <>
      <PageTitle title="留言办理">
        领导信箱、部门信箱收到的网民留言。答复期限自收到留言之日起按工作日计算（转办不重新计算）；留言人同意公开的，答复后可在门户网站公开（隐去姓名和联系方式）。办理中的留言排在前面，按答复期限排列。
      </PageTitle>
      <Tabs
        items={[
          { key: 'letters', label: '留言', children: <Letters /> },
          { key: 'statistics', label: '办理统计', children: <Statistics /> },
        ]}
      />
    </>
  );
}
