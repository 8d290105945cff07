// Small pieces shared by the request pages: the state tag and the reply deadline with the days left.
import { Tag } from 'antd';
import { REQUEST_OPEN_STATES, REQUEST_STATE_TAGS } from '../../labels';

export function RequestStateTag({ state, label }: { state: string; label: string }) {
  return <Tag className={REQUEST_STATE_TAGS[state] ?? 'tag-neutral'}>{label}</Tag>;
}

/** 还剩 3 个工作日 / 今天到期 / 已逾期 2 个工作日. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft < 0) return `已逾期 ${-daysLeft} 个工作日`;
  if (daysLeft === 0) return '今天到期';
  return `还剩 ${daysLeft} 个工作日`;
}

/**
 * The reply deadline in a list row: the date, and while the request is open the working days left, red
 * when overdue (the server says whether it is: a paused clock is never overdue).
 */
export function DueCell({ item, daysLeft }: { item: { state: string; dueOn: string | null; overdue: boolean; repliedOn: string | null }; daysLeft: number | null }) {
  if (!item.dueOn) {
    if (item.state === 'submitted') return <span className="muted">登记后起算</span>;
    if (item.state === 'correction') return <span className="muted">待补正，暂停计算</span>;
    return <span className="muted">—</span>;
  }
  const open = REQUEST_OPEN_STATES.has(item.state);
  const paused = item.state === 'consulting' || item.state === 'awaiting_fee';
  return (
    <span className={item.overdue ? 'due-cell due-overdue' : 'due-cell'}>
      <span>{item.dueOn}</span>
      {open && item.overdue ? <span className="due-days">{daysLeft !== null && daysLeft < 0 ? daysLeftText(daysLeft) : '已逾期'}</span> : null}
      {open && !item.overdue && daysLeft !== null ? <span className={daysLeft <= 3 ? 'due-days due-soon' : 'due-days'}>{daysLeftText(Math.max(daysLeft, 0))}</span> : null}
      {open && paused && !item.overdue ? <span className="due-days muted">（暂停计时中）</span> : null}
    </span>
  );
}
