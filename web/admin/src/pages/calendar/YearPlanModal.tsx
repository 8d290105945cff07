// 录入整年安排: the year's arrangement as the 国务院办公厅 notice lists it, one row per holiday range
// or make-up working day; ranges are expanded into days before saving.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Input, Modal, Select, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import type { CalendarEntry, CalendarYear, DayKind, EntryInput } from '../../types';
import { useApiError } from '../../useApiError';
import { expandRange, groupRanges } from './dates';
import { HOLIDAY_NAMES } from './EntryModal';

interface Row {
  key: number;
  name: string;
  kind: DayKind;
  from: string | null;
  to: string | null;
  note: string;
}

let nextKey = 1;
const newRow = (partial: Partial<Row> = {}): Row => ({ key: nextKey++, name: '', kind: 'OFF', from: null, to: null, note: '', ...partial });

function initialRows(entries: CalendarEntry[]): Row[] {
  const own = entries.filter((e) => e.source === 'tenant');
  if (own.length) {
    return groupRanges(own.map((e) => ({ date: e.date, kind: (e.kind === 'WORK' ? 'WORK' : 'OFF') as DayKind, name: e.name, note: e.note }))).map((r) =>
      newRow({ name: r.name, kind: r.kind, from: r.from, to: r.to, note: r.note }),
    );
  }
  return HOLIDAY_NAMES.map((name) => newRow({ name }));
}

/** The days to send (from every complete row) and the first problem found, if any. */
function expand(rows: Row[], year: number): { entries: EntryInput[]; problem: string | null } {
  const entries: EntryInput[] = [];
  const seen = new Map<string, string>();
  let problem: string | null = null;
  const note = (text: string) => {
    problem ??= text;
  };
  for (const [i, r] of rows.entries()) {
    const where = `第 ${i + 1} 行${r.name.trim() ? `（${r.name.trim()}）` : ''}`;
    if (!r.name.trim()) note(`${where}：请填写名称`);
    if (!r.from || !r.to) {
      note(`${where}：请选择日期，或删除该行`);
      continue;
    }
    if (!r.from.startsWith(`${year}-`) || !r.to.startsWith(`${year}-`)) {
      note(`${where}：日期须在 ${year} 年内`);
      continue;
    }
    for (const date of expandRange(r.from, r.to)) {
      const other = seen.get(date);
      if (other !== undefined) {
        note(`${where}：${date} 与「${other}」重复`);
        continue;
      }
      seen.set(date, r.name.trim());
      entries.push({ date, kind: r.kind, name: r.name.trim(), note: r.note.trim() ? r.note.trim() : null });
    }
  }
  return { entries, problem };
}

export function YearPlanModal({ year, open, entries, onClose, onSaved }: {
  year: number;
  open: boolean;
  entries: CalendarEntry[];
  onClose: () => void;
  onSaved: (result: CalendarYear) => void;
}) {
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (open) {
      setRows(initialRows(entries));
      setTried(false);
    }
  }, [open, entries]);

  const { entries: days, problem } = useMemo(() => expand(rows, year), [rows, year]);
  const offCount = days.filter((d) => d.kind === 'OFF').length;
  const workCount = days.length - offCount;

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const yearStart = dayjs(`${year}-01-01`);
  const outside = (d: Dayjs) => d.year() !== year;

  async function save() {
    setTried(true);
    if (problem) return;
    setSaving(true);
    try {
      onSaved(await api.put<CalendarYear>(`/calendar/years/${year}`, { entries: days }));
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<Row> = [
    {
      title: '名称',
      key: 'name',
      width: 150,
      render: (_: unknown, r: Row, i: number) => (
        <Input aria-label={`第 ${i + 1} 行名称`} value={r.name} maxLength={40} onChange={(e) => update(r.key, { name: e.target.value })} placeholder="如 春节" />
      ),
    },
    {
      title: '类型',
      key: 'kind',
      width: 130,
      render: (_: unknown, r: Row, i: number) => (
        <Select<DayKind>
          aria-label={`第 ${i + 1} 行类型`}
          value={r.kind}
          onChange={(kind) => update(r.key, kind === 'WORK' ? { kind, to: r.from } : { kind })}
          options={[
            { value: 'OFF', label: '放假' },
            { value: 'WORK', label: '调休上班' },
          ]}
          className="full-width"
        />
      ),
    },
    {
      title: '日期（起至）',
      key: 'range',
      width: 280,
      render: (_: unknown, r: Row, i: number) =>
        r.kind === 'WORK' ? (
          <DatePicker
            aria-label={`第 ${i + 1} 行日期`}
            value={r.from ? dayjs(r.from) : null}
            onChange={(d: Dayjs | null) => {
              const v = d ? d.format('YYYY-MM-DD') : null;
              update(r.key, { from: v, to: v });
            }}
            disabledDate={outside}
            defaultPickerValue={yearStart}
            placeholder="调休上班日期"
          />
        ) : (
        <DatePicker.RangePicker
          aria-label={`第 ${i + 1} 行日期`}
          value={r.from && r.to ? [dayjs(r.from), dayjs(r.to)] : null}
          onChange={(v) => update(r.key, { from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
          disabledDate={outside}
          defaultPickerValue={[yearStart, yearStart]}
          placeholder={['开始日期', '结束日期']}
        />
        ),
    },
    {
      title: '天数',
      key: 'days',
      width: 60,
      render: (_: unknown, r: Row) => (r.from && r.to ? expandRange(r.from, r.to).length : '—'),
    },
    {
      title: '说明',
      key: 'note',
      render: (_: unknown, r: Row, i: number) => (
        <Input aria-label={`第 ${i + 1} 行说明`} value={r.note} maxLength={300} onChange={(e) => update(r.key, { note: e.target.value })} />
      ),
    },
    {
      title: '操作',
      key: 'remove',
      width: 70,
      render: (_: unknown, r: Row, i: number) => (
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 行`} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={`录入 ${year} 年节假日安排`}
      okText="保存整年安排"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      width={1040}
    >
      <p className="muted">
        按国务院办公厅当年放假通知逐项录入：每行一个放假区间（如 春节 {year}-02-06 至 {year}-02-12 放假）或一个调休上班日。保存后将替换本站点已录入的 {year} 年安排；内置安排中的同一天以本站录入为准。
      </p>
      <Table<Row> rowKey="key" columns={columns} dataSource={rows} pagination={false} size="small" scroll={{ x: 900 }} />
      <div className="plan-footer">
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, newRow()])}>
          添加放假区间
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, newRow({ kind: 'WORK' })])}>
          添加调休上班日
        </Button>
        <span className="muted">
          合计：放假 {offCount} 天，调休上班 {workCount} 天
        </span>
      </div>
      {tried && problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Modal>
  );
}
