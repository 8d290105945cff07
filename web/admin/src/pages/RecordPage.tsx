// One record (/admin/records/<id>) or a new draft (/admin/records/new): the form on the left; the workflow,
// the attribute review (non-proactive records), the validity (normative documents), the attachments, the
// personal-data check and the history on the right.
import { ArrowLeftOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Result, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../access';
import { api, ApiError } from '../api';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS, VALIDITY_GENRES } from '../labels';
import { BASE, followLink, navigate, routeParam, useRoute } from '../router';
import { useSession } from '../session';
import type { RecordView } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { AttachmentsPanel } from './records/AttachmentsPanel';
import { AttributeReviewPanel, REVIEWED_ATTRIBUTES } from './records/AttributeReviewPanel';
import { GuardPanel } from './records/GuardPanel';
import { HistoryPanel } from './records/HistoryPanel';
import { StateTag } from './records/RecordBits';
import { RecordForm } from './records/RecordForm';
import { useRecordOptions } from './records/useRecordOptions';
import { ValidityPanel } from './records/ValidityPanel';
import { WorkflowPanel } from './records/WorkflowPanel';

const PUBLIC_STATES = new Set(['published', 'superseded', 'withdrawn']);

export default function RecordPage() {
  const route = useRoute();
  const param = routeParam(route, 'records');
  const id = param && param !== 'new' ? param : null;
  const { session } = useSession();
  const { index } = useUnits(false);
  const options = useRecordOptions();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [missing, setMissing] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    if (!id) return;
    setLoading(true);
    try {
      setRecord(await api.get<RecordView>(`/records/${id}`));
      setMissing(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  // Leaving the page (closing the tab, reloading) with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/records`} onClick={(e) => followLink(e, 'records')}>
      返回列表
    </Button>
  );

  if (missing) {
    return <Result status="404" title={<h1 className="result-title">找不到这条信息</h1>} subTitle={`${missing}。它可能已被删除，或不在您的管辖范围内。`} extra={back} />;
  }
  if (id && !record) return <Spin className="page-spin" description="正在加载…" spinning={loading} />;

  const unit = record ? index.byId.get(record.unitId) : undefined;
  const canEdit = canOnUnit(session.user, PERMISSIONS.recordsEdit, unit);
  const readOnly = record ? record.state !== 'draft' || !canEdit : false;

  return (
    <>
      <PageTitle
        title={record ? record.title : '起草新信息'}
        extra={
          <>
            {record && PUBLIC_STATES.has(record.state) ? (
              <Button icon={<ExportOutlined />} href={`/zfxxgk/info/${record.id}`} target="_blank" rel="noopener">
                门户页面
              </Button>
            ) : null}
            {back}
          </>
        }
      >
        {record ? (
          <span className="record-subtitle">
            <StateTag state={record.state} label={record.stateLabel} />
            {record.unitName} · 索引号 <span className="mono">{record.indexNo}</span>
            {readOnly ? <span className="muted">（{record.state !== 'draft' ? '只有草稿可以修改' : '您没有修改此信息的权限'}）</span> : null}
          </span>
        ) : (
          '保存后生成索引号，即可提交审核。公开属性在起草时认定（源头认定）。'
        )}
      </PageTitle>
      <Spin spinning={loading && record !== null}>
        <div className={record ? 'record-grid' : 'record-grid record-grid-new'}>
          <div className="record-main">
            <RecordForm
              record={record}
              index={index}
              options={options}
              readOnly={readOnly}
              onDirtyChange={setDirty}
              onReload={() => void load()}
              onSaved={(saved, created) => {
                setDirty(false);
                if (created) {
                  void message.success(`已保存草稿《${saved.title}》，索引号 ${saved.indexNo}`);
                  navigate(`records/${saved.id}`, { replace: true });
                } else {
                  void message.success('已保存');
                  setRecord(saved);
                }
              }}
            />
          </div>
          {record ? (
            <div className="record-side">
              <WorkflowPanel record={record} unit={unit} dirty={dirty} onChanged={() => void load()} />
              {record.attribute && REVIEWED_ATTRIBUTES.has(record.attribute) ? <AttributeReviewPanel record={record} unit={unit} dirty={dirty} onChanged={() => void load()} /> : null}
              {record.validity || VALIDITY_GENRES.has(record.genre) ? <ValidityPanel record={record} unit={unit} onChanged={() => void load()} /> : null}
              <AttachmentsPanel record={record} unit={unit} dirty={dirty} onChanged={() => void load()} />
              <GuardPanel record={record} unit={unit} dirty={dirty} onChanged={() => void load()} />
              <HistoryPanel record={record} />
            </div>
          ) : null}
        </div>
      </Spin>
    </>
  );
}
