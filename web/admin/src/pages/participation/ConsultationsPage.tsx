// 意见征集 (/admin/consultations): the consultations of the units the user works for, with how many opinions
// wait for moderation; each opens the page where opinions are moderated and answered.
import { Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { useApiError } from '../../useApiError';
import { CONSULTATION_STATE_LABELS, type Consultation } from './types';

export default function ConsultationsPage() {
  const [items, setItems] = useState<Consultation[]>([]);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<Consultation[]>('/consultations'));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<Consultation> = [
    { title: '标题', dataIndex: 'title', key: 'title', render: (t: string, c) => <Link to={`consultations/${c.id}`}>{t}</Link> },
    { title: '起草单位', dataIndex: 'unitName', key: 'unitName', width: 180 },
    { title: '类别', dataIndex: 'kindLabel', key: 'kindLabel', width: 130 },
    { title: '征集期', key: 'period', width: 210, render: (_: unknown, c) => `${c.startsOn} 至 ${c.endsOn}（${c.days}日）` },
    { title: '状态', dataIndex: 'state', key: 'state', width: 130, render: (s: Consultation['state']) => <Tag>{CONSULTATION_STATE_LABELS[s]}</Tag> },
    {
      title: '意见',
      key: 'counts',
      width: 170,
      render: (_: unknown, c) => (
        <span>
          {c.counts.pending ? <Tag className="tag-warning">待审核 {c.counts.pending}</Tag> : null}
          <span className="muted small">已公开 {c.counts.approved}，不予公开 {c.counts.rejected}</span>
        </span>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="意见征集">
        起草单位发布征求意见稿，审核公众提交的意见（公开的意见隐去姓名和个人信息），征集结束后逐条说明采纳情况并公布。重大行政决策和规章的征集期一般不少于30日。
      </PageTitle>
      <Table<Consultation> aria-label="意见征集列表" rowKey="id" columns={columns} dataSource={items} loading={loading} size="middle" pagination={{ pageSize: 20, hideOnSinglePage: true }} />
    </>
  );
}
