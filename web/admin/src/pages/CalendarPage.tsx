// 节假日日历: the year's holidays and make-up working days (built in + entered here), and a deadline
// calculator that shows how "N 个工作日" is counted.
import { LeftOutlined, PlusOutlined, RightOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { currentYear, todayInShanghai, weekdayOf } from '../format';
import { CALENDAR_SOURCE_LABELS, DAY_KIND_LABELS, PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { CalendarEntry, CalendarYear } from '../types';
import { useApiError } from '../useApiError';
import { DeadlineCalculator } from './calendar/DeadlineCalculator';
import { EntryModal, type EntryTarget } from './calendar/EntryModal';
import { YearGrid } from './calendar/YearGrid';
import { YearPlanModal } from './calendar/YearPlanModal';

const FIRST_YEAR = 2018;

export default function CalendarPage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.calendarManage);
  const today = todayInShanghai();
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<CalendarYear>({ entries: [], coveredYears: [] });
  const [loading, setLoading] = useState(true);
  const [entryTarget, setEntryTarget] = useState<EntryTarget | null>(null);
  const [planOpen, setPlanOpen] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const lastYear = Math.max(thisYear + 2, 2027);
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<CalendarYear>(`/calendar/years/${year}`));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [year, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const covered = data.coveredYears.includes(year);
  const offDays = data.entries.filter((e) => e.kind === 'OFF').length;
  const workDays = data.entries.length - offDays;

  const pick = (date: string) => setEntryTarget({ date, existing: data.entries.find((e) => e.date === date) });

  async function remove(entry: CalendarEntry) {
    if (!entry.id) return;
    try {
      await api.del(`/calendar/entries/${entry.id}`);
      void message.success(entry.overrides ? `已删除 ${entry.date} 的本站录入，恢复为内置安排` : `已删除 ${entry.date}`);
      await load();
    } catch (e) {
      report(e);
    }
  }

  const columns: TableColumnsType<CalendarEntry> = [
    { title: '日期', dataIndex: 'date', key: 'date', width: 140, render: (d: string) => `${d}（${weekdayOf(d)}）` },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 96,
      render: (k: string) => <Tag className={k === 'OFF' ? 'tag-danger' : 'tag-info'}>{DAY_KIND_LABELS[k] ?? k}</Tag>,
    },
    { title: '名称', dataIndex: 'name', key: 'name', width: 80 },
    {
      title: '来源',
      key: 'source',
      width: 140,
      render: (_: unknown, e: CalendarEntry) => (
        <Space size={4}>
          <span>{CALENDAR_SOURCE_LABELS[e.source] ?? e.source}</span>
          {e.overrides ? <Tag className="tag-warning">覆盖内置</Tag> : null}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'note', key: 'note', render: (n: string | null) => n ?? '' },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, e: CalendarEntry) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => pick(e.date)} aria-label={`修改 ${e.date}`}>
            修改
          </Button>
          {e.source === 'tenant' && e.id ? (
            <Popconfirm
              title={`删除 ${e.date} 的本站录入？`}
              description={e.overrides ? '删除后恢复为内置安排。' : '删除后这一天按普通日期计算。'}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(e)}
            >
              <Button type="link" size="small" danger aria-label={`删除 ${e.date}`}>
                删除
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title="节假日日历"
        extra={
          canManage ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setEntryTarget({ date: year === thisYear ? today : `${year}-01-01` })}>
                新增或修改某一天
              </Button>
              <Button type="primary" icon={<TableOutlined />} onClick={() => setPlanOpen(true)}>
                录入整年安排
              </Button>
            </>
          ) : null
        }
      >
        平台内一切「N 个工作日」的期限都按此日历计算：周一至周五为工作日，扣除法定节假日，加上调休上班日。
      </PageTitle>

      <div className="toolbar">
        <Button icon={<LeftOutlined />} aria-label="上一年" disabled={year <= FIRST_YEAR} onClick={() => setYear((y) => y - 1)} />
        <Select<number>
          aria-label="年份"
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y} 年` }))}
          className="year-select"
        />
        <Button icon={<RightOutlined />} aria-label="下一年" disabled={year >= lastYear} onClick={() => setYear((y) => y + 1)} />
        {year !== thisYear ? <Button onClick={() => setYear(thisYear)}>回到今年</Button> : null}
        <span className="muted">
          {year} 年：放假 {offDays} 天，调休上班 {workDays} 天
        </span>
      </div>

      {!loading && !covered ? (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={`${year} 年节假日安排尚未录入：国务院办公厅发布通知后请在此录入，否则期限按普通周末计算`}
          action={
            canManage ? (
              <Button size="small" type="primary" onClick={() => setPlanOpen(true)}>
                录入整年安排
              </Button>
            ) : undefined
          }
        />
      ) : null}

      <Card
        title={<h2 className="section-title">{year} 年全年安排</h2>}
        extra={
          <div className="legend">
            <span>
              <span className="legend-swatch legend-off" aria-hidden="true" />
              放假
            </span>
            <span>
              <span className="legend-swatch legend-work" aria-hidden="true" />
              调休上班
            </span>
            <span>
              <span className="legend-swatch legend-weekend" aria-hidden="true" />
              <span className="day-weekend">周末</span>
            </span>
          </div>
        }
        loading={loading}
        className="calendar-card"
      >
        <YearGrid year={year} entries={data.entries} today={today} onPick={canManage ? pick : undefined} />
        {canManage ? <p className="muted grid-hint">点击某一天可新增或修改该日安排。</p> : null}
      </Card>

      <div className="calendar-bottom">
        <Card title={<h2 className="section-title">安排明细</h2>}>
          <Table<CalendarEntry>
            rowKey={(e) => `${e.source}-${e.date}`}
            columns={columns}
            dataSource={data.entries}
            loading={loading}
            size="small"
            pagination={false}
            scroll={{ x: 640, y: 420 }}
            locale={{ emptyText: `${year} 年暂无节假日安排` }}
          />
        </Card>
        <Card title={<h2 className="section-title">期限计算器</h2>}>
          <p className="muted">计算「自某日起 N 个工作日」的截止日，起算日当天不计入。</p>
          <DeadlineCalculator today={today} />
        </Card>
      </div>

      <EntryModal
        target={entryTarget}
        onClose={() => setEntryTarget(null)}
        onSaved={(date) => {
          setEntryTarget(null);
          void message.success(`已保存 ${date}`);
          const y = Number(date.slice(0, 4));
          if (y !== year) setYear(y);
          else void load();
        }}
      />
      <YearPlanModal
        year={year}
        open={planOpen}
        entries={data.entries}
        onClose={() => setPlanOpen(false)}
        onSaved={(result) => {
          setPlanOpen(false);
          setData(result);
          void message.success(`已保存 ${year} 年节假日安排`);
        }}
      />
    </>
  );
}
