// One disclosure request (/admin/requests/<id>; the reminders link here): the reply deadline and how it
// was computed, what was asked and by whom (masked for those who do not handle it), the steps the handler
// may take now, the reply, 协查, the documents and letters, appeals, and every event of its life.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { PageTitle } from '../components/PageTitle';
import { BASE, followLink, routeParam, useRoute } from '../router';
import type { RequestView } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { ActionsPanel } from './requests/ActionsPanel';
import { AppealsCard } from './requests/AppealsCard';
import { AssistsCard } from './requests/AssistsCard';
import { DocumentsCard } from './requests/DocumentsCard';
import { ApplicantCard, ClockCard, ContentCard, FlagsAlert, ReplyCard, TimelineCard } from './requests/RequestCards';
import { RequestStateTag } from './requests/RequestBits';
import { useRequestMeta } from './requests/useRequestMeta';

export default function RequestPage() {
  const route = useRoute();
  const id = routeParam(route, 'requests');
  const meta = useRequestMeta();
  const { index } = useUnits(false);
  const [request, setRequest] = useState<RequestView | null>(null);
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState<string | null>(null);
  const report = useApiError();

  const load = useCallback(async () => {
    if (!id) return;
    setLoading(true);
    try {
      setRequest(await api.get<RequestView>(`/requests/${id}`));
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

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/requests`} onClick={(e) => followLink(e, 'requests')}>
      返回列表
    </Button>
  );

  if (missing) {
    return <Result status="404" title={<h1 className="result-title">找不到这件申请</h1>} subTitle={`${missing.replace(/[。.]$/, '')}。`} extra={back} />;
  }
  if (!request || !meta) return <Spin className="page-spin" description="正在加载…" spinning={loading || !meta} />;

  const r = request;
  return (
    <>
      <PageTitle title={`申请 ${r.number}`} extra={back}>
        <span className="record-subtitle">
          <RequestStateTag state={r.state} label={r.stateLabel} />
          <span>承办单位：{r.unitName}</span>
          <span>· 承办人：{r.handlerName ?? '未指定'}</span>
          <span>· {r.channelLabel}</span>
          {r.resultLabel ? <span>· 答复：{r.resultLabel}</span> : null}
        </span>
      </PageTitle>
      <FlagsAlert request={r} />
      <Spin spinning={loading}>
        <div className="record-grid request-grid">
          <div className="record-side">
            <ClockCard request={r} />
            <ContentCard request={r} />
            <ReplyCard request={r} meta={meta} />
            <TimelineCard request={r} meta={meta} />
          </div>
          <div className="record-side">
            <ActionsPanel request={r} meta={meta} onChanged={setRequest} onReload={() => void load()} />
            <ApplicantCard request={r} />
            <AssistsCard request={r} index={index} onChanged={setRequest} />
            <DocumentsCard request={r} meta={meta} onReload={() => void load()} />
            <AppealsCard request={r} meta={meta} onReload={() => void load()} />
          </div>
        </div>
      </Spin>
    </>
  );
}
