// Small pieces shared by the 政务舆情 pages: the level tag and the response deadlines in hours.
import { Popover, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime } from '../../format';
import type { Opinion, OpinionDeadline, OpinionLevel } from './types';

export const OPINION_LEVEL_TAGS: Record<OpinionLevel, string> = { particularly_major: 'tag-danger', major: 'tag-warning', general: 'tag-neutral' };

/** "MM-DD HH:mm" of an instant, in Beijing time. */
export const shortTime = (iso: string) => formatDateTime(iso).slice(5, 16);

/** 已按时发布 / 逾期发布 / 已逾期 / 未到期. */
export function deadlineState(d: OpinionDeadline): { text: string; className: string } {
  if (d.met) return d.late ? { text: `${shortTime(d.at!)} 逾期${d.label}`, className: 'tag-warning' } : { text: `${shortTime(d.at!)} 已按时${d.label}`, className: 'tag-success' };
  return d.late ? { text: '已逾期', className: 'tag-danger' } : { text: '未到期', className: 'tag-neutral' };
}

/** One deadline: "5小时内发布权威信息 · 12-06 15:30 前", its state, and the rule in a popover. */
export function DeadlineLine({ d, closed }: { d: OpinionDeadline; closed?: boolean }) {
  const st = deadlineState(d);
  const overdue = !d.met && d.late && !closed;
  return (
    <div className="opinion-deadline">
      <Popover trigger={['hover', 'focus', 'click']} title="回应期限的依据" content={<p className="due-explanation">{d.explanation}</p>}>
        <button type="button" className={overdue ? 'due-button due-overdue' : 'due-button'}>
          {d.hours}小时内{d.label}：{shortTime(d.due)} 前<span className="sr-only">（查看依据）</span>
        </button>
      </Popover>{' '}
      <Tag className={st.className}>{st.text}</Tag>
    </div>
  );
}

export function OpinionStateTags({ o }: { o: Pick<Opinion, 'state' | 'overdue'> }) {
  return (
    <span className="tag-list">
      <Tag className={o.state === 'open' ? 'tag-info' : 'tag-neutral'}>{o.state === 'open' ? '处置中' : '已处置完毕'}</Tag>
      {o.overdue ? <Tag className="tag-danger">超过回应期限</Tag> : null}
    </span>
  );
}

/** A Beijing wall-clock time (what the picker shows) as an instant. */
export function shanghaiInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** Now, as the picker shows it (Beijing wall-clock time). */
export function shanghaiNow(): Dayjs {
  return dayjs(formatDateTime(new Date().toISOString()), 'YYYY-MM-DD HH:mm:ss');
}
