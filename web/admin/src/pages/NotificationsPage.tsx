// 通知: what the user's units have been told (deadline warnings, overdue notices), newest first.
import { Button, Card, Checkbox, Empty, List, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { NOTIFICATIONS_CHANGED } from '../components/NotificationBell';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime } from '../format';
import { BASE, followLink } from '../router';
import type { Notification } from '../types';
import { useApiError } from '../useApiError';

const KIND_LABELS: Record<string, string> = { 'publication.due': '期限预警', 'publication.overdue': '已逾期' };

/** The console route of a notification's link (/admin/records/<id>), or null for links elsewhere. */
function consoleRoute(link: string | null): string | null {
  if (!link?.startsWith(`${BASE}/`)) return null;
  return link.slice(BASE.length + 1);
}

export default function NotificationsPage() {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const report = useApiError();

  const load = useCallback(async () => {
    try {
      setItems(await api.get<Notification[]>('/notifications', { unreadOnly: unreadOnly || undefined }));
    } catch (e) {
      report(e);
      setItems((prev) => prev ?? []);
    }
  }, [unreadOnly, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function markRead(n: Notification) {
    if (n.read) return;
    try {
      await api.post(`/notifications/${n.id}/read`, {});
      setItems((list) => list?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? list);
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    } catch (e) {
      report(e);
    }
  }

  return (
    <>
      <PageTitle title="通知">本人所在单位收到的政府信息公开期限预警和逾期提醒（最近 50 条）。</PageTitle>
      <div className="toolbar">
        <Checkbox checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
          只看未读
        </Checkbox>
      </div>
      <Card>
        <Spin spinning={items === null}>
          {items && !items.length ? <Empty description={unreadOnly ? '没有未读通知' : '暂无通知'} /> : null}
          {items?.length ? (
            <List<Notification>
              aria-label="通知列表"
              dataSource={items}
              renderItem={(n) => {
                const route = consoleRoute(n.link);
                return (
                  <List.Item
                    className={n.read ? 'notification' : 'notification notification-unread'}
                    actions={[
                      route ? (
                        <a key="open" href={`${BASE}/${route}`} onClick={(e) => { void markRead(n); followLink(e, route); }}>
                          查看信息
                        </a>
                      ) : null,
                      !n.read ? (
                        <Button key="read" type="link" size="small" onClick={() => void markRead(n)}>
                          标为已读
                        </Button>
                      ) : null,
                    ].filter(Boolean)}
                  >
                    <div className="notification-content">
                      <div className="notification-title">
                        {!n.read ? <Tag className="tag-danger">未读</Tag> : null}
                        {KIND_LABELS[n.kind] ? <Tag className={n.kind === 'publication.overdue' ? 'tag-danger' : 'tag-warning'}>{KIND_LABELS[n.kind]}</Tag> : null}
                        <strong>{n.title}</strong>
                      </div>
                      <p className="notification-body">{n.body}</p>
                      <span className="muted small">
                        {n.unitName} · {formatDateTime(n.createdAt)}
                      </span>
                    </div>
                  </List.Item>
                );
              }}
            />
          ) : null}
        </Spin>
      </Card>
    </>
  );
}
