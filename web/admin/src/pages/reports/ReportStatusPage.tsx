// 年报发布情况 (the office's status board): for a year, which of the units that report have not started,
// are drafting, have a checked report waiting, have published, or have let the date pass (《条例》第四十九条:
// departments by 1月31日, the government by 3月31日). Late ones are highlighted, in words as well as colour.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { currentYear, formatDateTime } from '../../format';
import { REPORT_BOARD_TAGS } from '../../labels';
import { BASE, followLink } from '../../router';
import type { ReportBoard, ReportBoardRow } from '../../types';
import { useApiError } from '../../useApiError';
import { daysText, useReportMeta } from './useReportMeta';
import './reports.css';

/** The year whose reports are being published now: last year's until the government's date (3月31日) has passed. */
function defaultYear(): number {
  return currentYear() - 1;
}

let lastYear: number | null = null;

function isLate(r: ReportBoardRow): boolean {
  return r.status === 'overdue' || (r.report?.daysLate ?? 0) > 0;
}

export default function ReportStatusPage() {
  const meta = useReportMeta();
  const [year, setYearState] = useState<number>(lastYear ?? defaultYear());
  const [board, setBoard] = useState<ReportBoard | null>(null);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const setYear = (y: number) => {
    lastYear = y;
    setYearState(y);
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBoard(await api.get<ReportBoard>('/reports/status', { year }));
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
    for (let y = currentYear(); y >= 2019; y--) out.push(y);
    return out;
  }, []);

  const columns: TableColumnsType<ReportBoardRow> = [
    { title: '单位', dataIndex: 'unitName', key: 'unitName', render: (name: string, r) => (r.government ? <strong>{name}</strong> : name) },
    {
      title: '发布期限',
      dataIndex: 'due',
      key: 'due',
      width: 170,
      render: (due: string, r) => (
        <span className={r.status === 'overdue' ? 'due-cell due-overdue' : 'due-cell'} title={r.dueRule}>
          <span>{due}</span>
          {r.status !== 'published' ? <span className="due-days">{daysText(r.daysLeft)}</span> : null}
        </span>
      ),
    },
    { title: '发布情况', dataIndex: 'status', key: 'status', width: 140, render: (s: string, r) => <Tag className={REPORT_BOARD_TAGS[s] ?? 'tag-neutral'}>{r.statusLabel}</Tag> },
    {
      title: '报告',
      key: 'report',
      render: (_: unknown, r) => (r.report ? <Link to={`reports/${r.report.id}`}>{r.report.title}</Link> : <span className="muted">尚未编写</span>),
    },
    {
      title: '发布时间',
      key: 'publishedAt',
      width: 200,
      render: (_: unknown, r) =>
        r.report?.publishedAt ? (
          <span>
            {formatDateTime(r.report.publishedAt).slice(0, 10)}
            {r.report.daysLate ? <span className="board-late">（逾期 {r.report.daysLate} 天发布）</span> : null}
          </span>
        ) : (
          <span className="muted">未发布</span>
        ),
    },
  ];

  const statuses = meta?.boardStatuses ?? [];
  return (
    <>
      <PageTitle
        title="年报发布情况"
        extra={
          <Button icon={<ArrowLeftOutlined />} href={`${BASE}/reports`} onClick={(e) => followLink(e, 'reports')}>
            年度报告
          </Button>
        }
      >
        各单位某年度政府信息公开工作年度报告的编写和发布情况。部门于次年1月31日前、政府于次年3月31日前公布（《政府信息公开条例》第四十九条）；逾期未发布的单位标红。
      </PageTitle>
      <div className="toolbar" role="search" aria-label="选择年度">
        <Select aria-label="报告年度" value={year} onChange={(v: number) => setYear(v)} options={years.map((y) => ({ value: y, label: `${y}年度` }))} className="filter-short" />
      </div>
      {board ? (
        <ul className="board-counts" aria-label="各状态的单位数">
          {statuses.map((s) => (
            <li key={s.value}>
              <Tag className={REPORT_BOARD_TAGS[s.value] ?? 'tag-neutral'}>{s.label}</Tag>
              {board.counts[s.value] ?? 0} 个单位
            </li>
          ))}
        </ul>
      ) : null}
      <Table<ReportBoardRow>
        aria-label={`${year}年度年报发布情况`}
        rowKey="unitId"
        columns={columns}
        dataSource={board?.rows ?? []}
        loading={loading}
        size="middle"
        scroll={{ x: 900 }}
        rowClassName={(r) => (isLate(r) ? 'row-overdue' : '')}
        locale={{ emptyText: '没有需要报告的单位' }}
        pagination={false}
      />
    </>
  );
}
