// 流转记录: every step of the record (who, when, what, from which state to which, and why), oldest first.
import { Card, Empty, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { recordStateLabel } from '../../labels';
import type { RecordHistoryEntry, RecordView } from '../../types';
import { useApiError } from '../../useApiError';

export function HistoryPanel({ record }: { record: RecordView }) {
  const [entries, setEntries] = useState<RecordHistoryEntry[] | null>(null);
  const report = useApiError();

  const load = useCallback(async () => {
    try {
      setEntries(await api.get<RecordHistoryEntry[]>(`/records/${record.id}/history`));
    } catch (e) {
      report(e);
      setEntries((prev) => prev ?? []);
    }
  }, [record.id, report]);

  useEffect(() => {
    void load();
  }, [load, record.version]);

  return (
    <Card title={<h2 className="section-title">流转记录</h2>} className="record-card">
      <Spin spinning={entries === null}>
        {entries && !entries.length ? <Empty description="暂无流转记录" /> : null}
        {entries?.length ? (
          <ol className="history-list" aria-label="流转记录">
            {entries.map((h) => (
              <li key={h.id} className={`history-item history-${h.event}`}>
                <div className="history-head">
                  <span className="history-event">{h.eventLabel}</span>
                  {h.fromState || h.toState ? (
                    <span className="history-states">
                      {h.fromState ? recordStateLabel(h.fromState) : '—'} → {h.toState ? recordStateLabel(h.toState) : '—'}
                    </span>
                  ) : null}
                </div>
                <div className="history-meta muted">
                  <time dateTime={h.at}>{formatDateTime(h.at)}</time>　{h.actorLabel}
                </div>
                {h.comment ? <p className="history-comment">意见：{h.comment}</p> : null}
              </li>
            ))}
          </ol>
        ) : null}
      </Spin>
    </Card>
  );
}
