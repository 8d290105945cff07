// Small pieces shared by the 工作任务 pages: the status tag, the options the API offers, and two charts drawn
// as plain SVG (antd has none): the status of a plan as one stacked bar, and scores as horizontal bars. Each
// chart has a text equivalent: a legend with the numbers, and the table it is drawn from.
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { TASK_STATUS_TAGS } from '../../labels';
import type { TaskMeta } from '../../types';
import { useApiError } from '../../useApiError';
import './tasks.css';

export const STATUS_ORDER = ['done', 'in_progress', 'not_started', 'overdue'] as const;
export const STATUS_LABELS: Record<string, string> = { not_started: '未开始', in_progress: '进行中', done: '已完成', overdue: '已逾期' };
/** Fills with at least 3:1 contrast against white (WCAG 1.4.11). */
export const STATUS_COLOURS: Record<string, string> = { done: '#2a7d14', in_progress: '#1554ad', not_started: '#7a7a7a', overdue: '#c4161c' };

export function TaskStatusTag({ status, label }: { status: string; label?: string }) {
  return <Tag className={TASK_STATUS_TAGS[status] ?? 'tag-neutral'}>{label ?? STATUS_LABELS[status] ?? status}</Tag>;
}

let metaCache: TaskMeta | null = null;

export function useTaskMeta(): TaskMeta | null {
  const [meta, setMeta] = useState<TaskMeta | null>(metaCache);
  const report = useApiError();
  useEffect(() => {
    if (metaCache) return;
    api
      .get<TaskMeta>('/task-meta')
      .then((m) => {
        metaCache = m;
        setMeta(m);
      })
      .catch(report);
  }, [report]);
  return meta;
}

const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 1000) / 10}%` : '—');

/** One stacked bar of how many units' tasks are done, in progress, not started and overdue. */
export function StatusSummary({ counts, label }: { counts: Record<string, number>; label: string }) {
  const total = STATUS_ORDER.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const width = 600;
  let x = 0;
  const text = STATUS_ORDER.map((k) => `${STATUS_LABELS[k]} ${counts[k] ?? 0}`).join('，');
  return (
    <figure className="task-summary task-chart">
      <svg viewBox={`0 0 ${width} 20`} width={width} height={20} role="img" aria-label={`${label}：共 ${total} 项，${text}`} preserveAspectRatio="none">
        {total === 0 ? <rect x={0} y={0} width={width} height={20} fill="#e4e7ec" /> : null}
        {STATUS_ORDER.map((k) => {
          const n = counts[k] ?? 0;
          if (!n) return null;
          const w = (n / total) * width;
          const r = <rect key={k} x={x} y={0} width={w} height={20} fill={STATUS_COLOURS[k]} />;
          x += w;
          return r;
        })}
      </svg>
      <figcaption>
        <ul className="task-status-legend" aria-label={`${label}（图例）`}>
          {STATUS_ORDER.map((k) => (
            <li key={k}>
              <span className="task-swatch" style={{ background: STATUS_COLOURS[k] }} aria-hidden="true" />
              {STATUS_LABELS[k]} {counts[k] ?? 0}（{pct(counts[k] ?? 0, total)}）
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  note?: string;
}

/**
 * Horizontal bars, one per unit, in the order given (the ranking). The picture is labelled for screen readers with a
 * summary; the full numbers are in the table that follows it on the page (named by `tableId`).
 */
export function BarChart({ bars, max, title, tableId, unit = '分' }: { bars: Bar[]; max: number; title: string; tableId: string; unit?: string }) {
  const row = 24;
  const labelWidth = 230;
  const barWidth = 420;
  const valueWidth = 60;
  const width = labelWidth + barWidth + valueWidth;
  const height = Math.max(row, bars.length * row) + 8;
  // By value, not by place: the order may put units with nothing due yet (full marks) last.
  const top = bars.reduce<Bar | undefined>((m, b) => (!m || b.value > m.value ? b : m), undefined);
  const last = bars.reduce<Bar | undefined>((m, b) => (!m || b.value < m.value ? b : m), undefined);
  const summary = bars.length ? `${title}：共 ${bars.length} 个单位，最高 ${top!.label} ${top!.value}${unit}，最低 ${last!.label} ${last!.value}${unit}。各单位得分见下表。` : `${title}：没有数据`;
  const cut = (s: string) => (s.length > 15 ? `${s.slice(0, 14)}…` : s);
  return (
    <figure className="task-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={summary} aria-describedby={tableId}>
        {bars.map((b, i) => {
          const y = i * row + 4;
          const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * barWidth : 0;
          return (
            <g key={b.key}>
              <text x={labelWidth - 8} y={y + 15} textAnchor="end" fontSize={13} fill="#1f1f1f">
                {cut(b.label)}
              </text>
              <rect x={labelWidth} y={y + 3} width={barWidth} height={16} fill="#eef1f5" />
              <rect x={labelWidth} y={y + 3} width={w} height={16} fill="#1554ad" />
              <text x={labelWidth + barWidth + 6} y={y + 15} fontSize={13} fill="#1f1f1f">
                {b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
