// Small pieces shared by the records pages: the state tag and the publication deadline.
import { Popover, Tag } from 'antd';
import { todayInShanghai } from '../../format';
import { RECORD_DONE_STATES, RECORD_STATE_TAGS, recordStateLabel } from '../../labels';
import type { RecordView } from '../../types';

export function StateTag({ state, label }: { state: string; label?: string }) {
  return <Tag className={RECORD_STATE_TAGS[state] ?? 'tag-neutral'}>{label ?? recordStateLabel(state)}</Tag>;
}

/** Past its deadline and still not out (the Art. 26 clock runs only for proactive records). */
export function isOverdue(r: Pick<RecordView, 'dueOn' | 'state'>, today = todayInShanghai()): boolean {
  return !!r.dueOn && r.dueOn < today && !RECORD_DONE_STATES.has(r.state);
}

/**
 * The due date, red when overdue; its derivation (条例第二十六条, the working days counted, the holidays
 * skipped) opens on hover, on keyboard focus and on click.
 */
export function DueDate({ record }: { record: Pick<RecordView, 'dueOn' | 'dueExplanation' | 'state' | 'workingDaysLate' | 'title'> }) {
  if (!record.dueOn) return <span className="muted">不适用</span>;
  const overdue = isOverdue(record);
  const late = record.workingDaysLate && record.workingDaysLate > 0 ? `（逾期 ${record.workingDaysLate} 个工作日发布）` : '';
  const text = (
    <>
      {record.dueOn}
      {overdue ? ' 已逾期' : ''}
    </>
  );
  if (!record.dueExplanation) return <span className={overdue ? 'due-overdue' : undefined}>{text}{late}</span>;
  return (
    <Popover
      trigger={['hover', 'focus', 'click']}
      title="公开期限的计算"
      content={<p className="due-explanation">{record.dueExplanation}</p>}
    >
      <button type="button" className={overdue ? 'due-button due-overdue' : 'due-button'}>
        {text}
        {late ? <span className="due-late">{late}</span> : null}
        <span className="sr-only">（查看计算依据）</span>
      </button>
    </Popover>
  );
}
