// One audit entry: who did what, when, from where, with the data before and after.
import { Descriptions, Drawer } from 'antd';
import { JsonBlock } from '../../components/JsonBlock';
import { formatDateTime } from '../../format';
import { auditActionLabel, ENTITY_TYPE_LABELS } from '../../labels';
import type { AuditEntry } from '../../types';

export function AuditDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Drawer open={entry !== null} onClose={onClose} title={entry ? `操作日志 #${entry.seq}` : '操作日志'} size={880} destroyOnHidden>
      {entry ? (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'seq', label: '序号', children: entry.seq },
              { key: 'at', label: '时间', children: formatDateTime(entry.at) },
              { key: 'actor', label: '操作人', children: entry.actorLabel },
              { key: 'action', label: '操作', children: <>{auditActionLabel(entry.action)} <span className="muted mono">{entry.action}</span></> },
              {
                key: 'entity',
                label: '对象',
                children: (
                  <>
                    {ENTITY_TYPE_LABELS[entry.entityType] ?? entry.entityType} <span className="muted mono">{entry.entityId ?? ''}</span>
                  </>
                ),
              },
              { key: 'summary', label: '摘要', children: entry.summary },
              { key: 'ip', label: 'IP 地址', children: <span className="mono">{entry.ip ?? '—'}</span> },
              { key: 'requestId', label: '请求标识', children: <span className="mono">{entry.requestId ?? '—'}</span> },
              { key: 'hash', label: '哈希', children: <span className="mono">{entry.hash}</span> },
            ]}
          />
          <div className="json-columns">
            <section>
              <h2 className="json-heading">修改前</h2>
              <JsonBlock value={entry.before} label="修改前的数据" />
            </section>
            <section>
              <h2 className="json-heading">修改后</h2>
              <JsonBlock value={entry.after} label="修改后的数据" />
            </section>
          </div>
        </>
      ) : null}
    </Drawer>
  );
}
