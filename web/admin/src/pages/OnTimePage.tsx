// 按期公开率: for each unit, the proactive records published in the period, how many on time (条例第二十六条:
// within 20 working days of forming or changing), how late the others were, and what is overdue now.
import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { currentYear, todayInShanghai } from '../format';
import type { OnTimeRow } from '../types';
import { useApiError } from '../useApiError';

const DATE = 'YYYY-MM-DD';

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export default function OnTimePage() {
  const year = currentYear();
  const [range, setRange] = useState<[string, string]>([`${year}-01-01`, `${year}-12-31`]);
  const [picked, setPicked] = useState<[Dayjs | null, Dayjs | null]>([dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]);
  const [rows, setRows] = useState<OnTimeRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.get<OnTimeRow[]>('/records/on-time', { from: range[0], to: range[1] }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [range, report]);

  useEffect(() => {
    void load();
  }, [load]);

  function apply() {
    const [from, to] = picked;
    if (!from || !to) {
      setError('请选择起止日期');
      return;
    }
    setError(null);
    setRange([from.format(DATE), to.format(DATE)]);
  }

  const total = rows.reduce(
    (t, r) => ({ published: t.published + r.published, onTime: t.onTime + r.onTime, late: t.late + r.late, lateDays: t.lateDays + r.lateDays, overdueOpen: t.overdueOpen + r.overdueOpen }),
    { published: 0, onTime: 0, late: 0, lateDays: 0, overdueOpen: 0 },
  );

  const columns: TableColumnsType<OnTimeRow> = [
    { title: '单位', dataIndex: 'unitName', key: 'unitName' },
    { title: '已发布', dataIndex: 'published', key: 'published', width: 100, align: 'right' },
    { title: '按期', dataIndex: 'onTime', key: 'onTime', width: 100, align: 'right' },
    { title: '逾期', dataIndex: 'late', key: 'late', width: 100, align: 'right', render: (v: number) => (v ? <span className="due-overdue">{v}</span> : v) },
    { title: '逾期工作日合计', dataIndex: 'lateDays', key: 'lateDays', width: 140, align: 'right' },
    { title: '未发布已逾期', dataIndex: 'overdueOpen', key: 'overdueOpen', width: 130, align: 'right', render: (v: number) => (v ? <span className="due-overdue">{v}</span> : v) },
    { title: '按期率', dataIndex: 'rate', key: 'rate', width: 110, align: 'right', render: (v: number | null) => percent(v) },
  ];

  return (
    <>
      <PageTitle title="按期公开率">
        主动公开的信息应自形成或变更之日起 20 个工作日内公开（《政府信息公开条例》第二十六条）。统计期间内发布的信息按单位汇总；“未发布已逾期”为截至今天（{todayInShanghai()}）已过期限仍未发布的信息。
      </PageTitle>
      <Form layout="inline" className="toolbar" onFinish={apply} name="on-time-filter">
        <Form.Item label="发布日期" htmlFor="on-time-range" validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <DatePicker.RangePicker id={{ start: 'on-time-range' }} value={picked} onChange={(v) => setPicked(v ? [v[0], v[1]] : [null, null])} format={DATE} allowClear={false} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            统计
          </Button>
        </Form.Item>
      </Form>
      <Table<OnTimeRow>
        aria-label="各单位按期公开率"
        rowKey="unitId"
        columns={columns}
        dataSource={rows}
        loading={loading}
        size="middle"
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '统计期间内没有发布主动公开的信息，也没有逾期未发布的信息' }}
        summary={() =>
          rows.length > 1 ? (
            <Table.Summary.Row className="summary-row">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{total.published}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{total.onTime}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{total.late}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{total.lateDays}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{total.overdueOpen}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{percent(total.published ? total.onTime / total.published : null)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
