// 活动 (/admin/events): press conferences, online interviews, open days and meetings attended by public
// representatives of the units the user works for, with their state, registrations waiting for a decision
// and, for meetings, when the representatives' opinions are due. Each opens the page where it is announced,
// held or cancelled and its registrations and opinions are handled.
import { Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { useApiError } from '../../useApiError';
import { EVENT_KIND_LABELS, REGISTRATION_KINDS, type EngagementEvent, type EventKind, when } from './engagement';

export default function EventsPage() {
  const [kind, setKind] = useState<EventKind | 'all'>('all');
  const [items, setItems] = useState<EngagementEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<EngagementEvent[]>('/events', { kind: kind === 'all' ? undefined : kind }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [kind, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<EngagementEvent> = [
    { title: '活动名称', dataIndex: 'title', key: 'title', render: (t: string, e) => <Link to={`events/${e.id}`}>{t}</Link> },
    { title: '类别', dataIndex: 'kindLabel', key: 'kind', width: 110 },
    { title: '主办单位', dataIndex: 'unitName', key: 'unit', width: 170 },
    { title: '活动时间', dataIndex: 'startsAt', key: 'startsAt', width: 150, render: when },
    { title: '状态', key: 'state', width: 110, render: (_: unknown, e) => <Tag className={e.state === 'published' ? 'tag-success' : undefined}>{e.stateLabel}</Tag> },
    {
      title: '报名和意见',
      key: 'extra',
      width: 230,
      render: (_: unknown, e) => (
        <span>
          {REGISTRATION_KINDS.includes(e.kind) ? (
            <span className="muted small">
              {e.registrations.pending ? <Tag className="tag-warning">待确认 {e.registrations.pending}</Tag> : null}
              已确定 {e.registrations.selected}
              {e.capacity ? `/${e.capacity}` : ''}
            </span>
          ) : null}
          {e.opinionsDueOn ? (
            <div className={e.opinionsOverdue ? 'due-overdue' : 'muted small'}>
              {e.opinionsPublishedOn ? `代表意见已于${e.opinionsPublishedOn}公开` : `代表意见 ${e.opinionsDueOn} 前公开${e.opinionsOverdue ? '，已逾期' : ''}`}
            </div>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="活动">
        新闻发布会、在线访谈、政府开放日和列席会议：发布预告，活动举行后补充文字实录和视频；政府开放日和列席会议接受公众网上报名；列席会议的公众代表意见及采纳情况应在会后3个工作日内公开。
      </PageTitle>
      <div className="toolbar">
        <Radio.Group
          aria-label="类别"
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value as EventKind | 'all')}
          options={[{ value: 'all', label: '全部' }, ...(Object.keys(EVENT_KIND_LABELS) as EventKind[]).map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))]}
        />
      </div>
      <Table<EngagementEvent>
        aria-label="活动列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 项` } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有活动' }}
      />
    </>
  );
}
