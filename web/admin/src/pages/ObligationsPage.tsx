// 公开义务: what the standard catalogue asks each unit to publish in a year (one obligation per item, unit and
// period: 2026年第一季度, 2026年度…), whether it was published on time, late, not yet (待办) or not at all
// after its due date (缺失). Totals, a table per unit, and the obligations themselves, filtered by status
// and unit, each with its due date, how it was computed, and the record that fulfils it.
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Popover, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { currentYear, todayInShanghai } from '../format';
import { OBLIGATION_STATUS_LABELS, OBLIGATION_STATUS_OPTIONS, OBLIGATION_STATUS_TAGS, PERMISSIONS } from '../labels';
import { BASE, followLink } from '../router';
import { useSession } from '../session';
import type { Obligation, ObligationBoard, ObligationCounts, ObligationStatus, ObligationUnitRow } from '../types';
import { useApiError } from '../useApiError';

const STATUSES: ObligationStatus[] = ['due', 'done_on_time', 'done_late', 'missing'];

/** The year survives a visit to a record and the way back. */
let lastYear: number | null = null;

function DueOn({ o }: { o: Obligation }) {
  const late = o.status === 'missing';
  return (
    <Popover trigger={['hover', 'focus', 'click']} title="公开期限的计算" content={<p className="due-explanation">{o.dueExplanation}</p>}>
      <button type="button" className={late ? 'due-button due-overdue' : 'due-button'}>
        {o.dueOn}
        <span className="sr-only">（查看计算依据）</span>
      </button>
    </Popover>
  );
}

function total(c: ObligationCounts): number {
  return c.due + c.done_on_time + c.done_late + c.missing;
}

export default function ObligationsPage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.catalogueManage);
  const thisYear = currentYear();
  const [year, setYearState] = useState(lastYear ?? thisYear);
  const [board, setBoard] = useState<ObligationBoard | null>(null);
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState<ObligationStatus | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [generating, setGenerating] = useState(false);
  const listRef = useRef<HTMLElement>(null);
  const report = useApiError();
  const { modal } = App.useApp();

  const setYear = (y: number) => {
    lastYear = y;
    setYearState(y);
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBoard(await api.get<ObligationBoard>('/catalogue/obligations', { year }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [year, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function generate() {
    setGenerating(true);
    try {
      const res = await api.post<{ created: number; skipped: { item: string; reason: string }[] }>('/catalogue/obligations/generate', { year });
      modal.info({
        title: res.created ? `已生成 ${year} 年公开义务 ${res.created} 项` : `${year} 年的公开义务已是最新，没有新增`,
        width: 560,
        content: res.skipped.length ? (
          <div>
            <p>以下事项没有生成按期义务：</p>
            <ul className="skipped-items">
              {res.skipped.map((s, i) => (
                <li key={`${s.item}-${i}`}>
                  <strong>{s.item}</strong>：{s.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          '标准目录中按期公开的事项都已为其公开主体生成义务。'
        ),
        okText: '知道了',
      });
      await load();
    } catch (e) {
      report(e);
    } finally {
      setGenerating(false);
    }
  }

  /** Show the obligations of a unit and/or status, and bring the list into view. */
  function drill(next: { unitId?: string; status?: ObligationStatus }) {
    setUnitId(next.unitId);
    setStatus(next.status);
    window.requestAnimationFrame(() => listRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  const years = useMemo(() => {
    const list = [];
    for (let y = thisYear + 1; y >= Math.max(2018, thisYear - 4); y--) list.push(y);
    if (!list.includes(year)) list.push(year);
    return list.map((y) => ({ value: y, label: `${y}年` }));
  }, [thisYear, year]);

  const obligations = useMemo(() => (board?.obligations ?? []).filter((o) => (!status || o.status === status) && (!unitId || o.unitId === unitId)), [board, status, unitId]);
  const totals = board?.totals ?? { due: 0, done_on_time: 0, done_late: 0, missing: 0 };

  const count = (row: ObligationUnitRow, s: ObligationStatus) => {
    const n = row[s];
    if (!n) return <span className="muted">0</span>;
    return (
      <Button type="link" size="small" className={`count-link count-${s}`} onClick={() => drill({ unitId: row.unitId, status: s })} aria-label={`查看${row.unitName}${OBLIGATION_STATUS_LABELS[s]}的义务（${n} 项）`}>
        {n}
      </Button>
    );
  };

  const unitColumns: TableColumnsType<ObligationUnitRow> = [
    { title: '单位', dataIndex: 'unitName', key: 'unitName', render: (name: string, r) => <Button type="link" size="small" className="unit-link" onClick={() => drill({ unitId: r.unitId })}>{name}</Button> },
    ...STATUSES.map((s) => ({ title: OBLIGATION_STATUS_LABELS[s], key: s, width: 110, align: 'right' as const, render: (_: unknown, r: ObligationUnitRow) => count(r, s) })),
    { title: '合计', key: 'total', width: 90, align: 'right', render: (_: unknown, r) => total(r) },
    {
      title: '完成率',
      key: 'rate',
      width: 100,
      align: 'right',
      render: (_: unknown, r) => {
        const ended = r.done_on_time + r.done_late + r.missing;
        return ended ? `${(((r.done_on_time + r.done_late) / ended) * 100).toFixed(0)}%` : '—';
      },
    },
  ];

  const listColumns: TableColumnsType<Obligation> = [
    { title: '单位', dataIndex: 'unitName', key: 'unitName', width: 170 },
    {
      title: '事项',
      dataIndex: 'item',
      key: 'item',
      render: (item: string, o) => (
        <div>
          <div>{item}</div>
          <div className="muted small">{o.domain}</div>
        </div>
      ),
    },
    { title: '期次', dataIndex: 'label', key: 'label', width: 150 },
    { title: '公开期限', dataIndex: 'dueOn', key: 'dueOn', width: 130, render: (_: string, o) => <DueOn o={o} /> },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: string) => <Tag className={OBLIGATION_STATUS_TAGS[s] ?? 'tag-neutral'}>{OBLIGATION_STATUS_LABELS[s] ?? s}</Tag>,
    },
    {
      title: '对应信息',
      key: 'record',
      width: 300,
      render: (_: unknown, o) =>
        o.recordId ? (
          <div>
            <Link to={`records/${o.recordId}`}>{o.recordTitle ?? '查看信息'}</Link>
            {o.workingDaysLate && o.workingDaysLate > 0 ? <span className="due-late">（逾期 {o.workingDaysLate} 个工作日）</span> : null}
          </div>
        ) : (
          <span className="muted">{o.status === 'missing' ? '期限已过，尚未发布' : '尚未发布'}</span>
        ),
    },
  ];

  const unitOptions = (board?.units ?? []).map((u) => ({ value: u.unitId, label: u.unitName }));

  return (
    <>
      <PageTitle
        title="公开义务"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading && board !== null}>
              刷新
            </Button>
            <Button href={`${BASE}/catalogue`} onClick={(e) => followLink(e, 'catalogue')}>
              标准目录
            </Button>
            {canManage ? (
              <Button type="primary" icon={<ThunderboltOutlined />} loading={generating} onClick={() => void generate()}>
                {year === thisYear ? '生成本年度义务' : `生成${year}年度义务`}
              </Button>
            ) : null}
          </>
        }
      >
        按标准目录中按期公开的事项（每月、每季度、每年或某日前），为各公开主体生成的公开义务及完成情况。发布信息时选择“标准目录事项”，即完成该事项当期的义务。截至今天（{todayInShanghai()}）期限已过仍未发布的，计为“缺失”。
      </PageTitle>
      <div className="toolbar">
        <label htmlFor="obligation-year" className="muted">
          年度
        </label>
        <Select id="obligation-year" value={year} onChange={(y: number) => setYear(y)} options={years} className="year-select" />
      </div>
      <div className="obligation-totals" role="group" aria-label={`${year}年公开义务合计`}>
        {STATUSES.map((s) => (
          <button key={s} type="button" className={`obligation-total obligation-total-${s}${status === s && !unitId ? ' active' : ''}`} onClick={() => drill({ status: s })} aria-pressed={status === s && !unitId}>
            <span className="obligation-total-label">{OBLIGATION_STATUS_LABELS[s]}</span>
            <span className="obligation-total-value">{totals[s]}</span>
          </button>
        ))}
      </div>
      <Card title={<h2 className="section-title">各单位完成情况</h2>} className="obligation-card">
        <Table<ObligationUnitRow>
          aria-label="各单位公开义务完成情况"
          rowKey="unitId"
          columns={unitColumns}
          dataSource={board?.units ?? []}
          loading={loading}
          size="middle"
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: canManage ? `${year} 年还没有公开义务：请先在标准目录中维护按期公开的事项，再点“${year === thisYear ? '生成本年度义务' : `生成${year}年度义务`}”` : `${year} 年还没有公开义务` }}
          summary={() =>
            board && board.units.length > 1 ? (
              <Table.Summary.Row className="summary-row">
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                {STATUSES.map((s, i) => (
                  <Table.Summary.Cell key={s} index={i + 1} align="right">
                    {totals[s]}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={5} align="right">
                  {total(totals)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <section ref={listRef} className="obligation-list" aria-labelledby="obligation-list-title">
        <Card
          title={
            <h2 className="section-title" id="obligation-list-title">
              义务明细
            </h2>
          }
        >
          <div className="toolbar" role="search" aria-label="筛选公开义务">
            <Select aria-label="状态" placeholder="全部状态" allowClear value={status} onChange={(v?: ObligationStatus) => setStatus(v)} options={OBLIGATION_STATUS_OPTIONS} className="filter-short" />
            <Select
              aria-label="单位"
              placeholder="全部单位"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={unitId}
              onChange={(v?: string) => setUnitId(v)}
              options={unitOptions}
              className="filter-unit"
              popupMatchSelectWidth={false}
            />
            <span className="muted small" aria-live="polite">
              共 {obligations.length} 项
            </span>
          </div>
          <Table<Obligation>
            aria-label="公开义务明细"
            rowKey="id"
            columns={listColumns}
            dataSource={obligations}
            loading={loading}
            size="middle"
            scroll={{ x: 1100 }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => `共 ${n} 项` }}
            locale={{ emptyText: '没有符合条件的公开义务' }}
          />
        </Card>
      </section>
    </>
  );
}
