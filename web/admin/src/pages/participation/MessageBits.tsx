// Small pieces shared by the mailbox pages: the state tag's colour and the reply deadline.
import { Popover } from 'antd';
import type { Message, MessageState } from './types';

export const MESSAGE_STATE_TAGS: Record<MessageState, string> = { received: 'tag-warning', replied: 'tag-success', closed: 'tag-neutral' };

/** The reply deadline: the date, red with 已逾期 when overdue, its calculation in a popover. */
export function MessageDue({ m }: { m: Pick<Message, 'dueOn' | 'dueExplanation' | 'overdue' | 'workingDaysLate' | 'number'> }) {
  const late = m.workingDaysLate ? `（逾期 ${m.workingDaysLate} 个工作日答复）` : '';
  return (
    <Popover trigger={['hover', 'focus', 'click']} title="答复期限的计算" content={<p className="due-explanation">{m.dueExplanation}</p>}>
      <button type="button" className={m.overdue ? 'due-button due-overdue' : 'due-button'}>
        {m.dueOn}
        {m.overdue ? ' 已逾期' : ''}
        {late ? <span className="due-late">{late}</span> : null}
        <span className="sr-only">（查看留言 {m.number} 答复期限的计算依据）</span>
      </button>
    </Popover>
  );
}
