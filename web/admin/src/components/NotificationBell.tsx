// The bell in the header: how many notifications are unread, and the way to the 通知 page.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { BASE, followLink, useRoute } from '../router';
import type { Notification } from '../types';

/** Fired by the 通知 page after it marks something read, so that the bell counts again. */
export const NOTIFICATIONS_CHANGED = 'gk:notifications';

const POLL_MS = 120_000;

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const route = useRoute();

  const load = useCallback(async () => {
    try {
      const list = await api.get<Notification[]>('/notifications', { unreadOnly: true });
      setUnread(list.length);
    } catch {
      // The bell is a hint: a failed count is not worth a message (the page itself reports errors).
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, route]);

  useEffect(() => {
    const timer = window.setInterval(() => void load(), POLL_MS);
    const onChanged = () => void load();
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
    };
  }, [load]);

  const label = unread ? `通知（${unread} 条未读）` : '通知';
  return (
    <Badge count={unread} overflowCount={99} className="notify-badge" size="small">
      <Button
        className="header-button"
        href={`${BASE}/notifications`}
        onClick={(e) => followLink(e, 'notifications')}
        icon={<BellOutlined aria-hidden="true" />}
        aria-label={label}
        title={label}
      />
    </Badge>
  );
}
