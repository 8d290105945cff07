// One unit's work on one task (/admin/tasks/assignments/<id>; reminders and 催办 link here): the task and its
// time limit, each reporting period with its due date and how it was computed, the progress reported and the
// evidence (records of the unit, which count once published; files, checked by content); the unit reports
// progress, cites records, uploads files, and acknowledges the office's 催办.
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, FileTextOutlined, FormOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Result, Select, Spin, Tag, Upload, type UploadProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { formatBytes, formatDateTime, todayInShanghai } from '../../format';
import { RECORD_STATE_LABELS } from '../../labels';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import type { Paged, RecordView, TaskAssignmentView, TaskEvidence, TaskPeriod } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { TaskStatusTag } from './TaskBits';
import { UrgesCard } from './TasksPage';

const ACCEPT = '.pdf,.docx,.doc,.xlsx,.xls,.png,.jpg,.jpeg,.gif,.webp';

interface ReportValues {
  state: 'in_progress' | 'done';
  text: string;
  recordIds?: string[];
}

function EvidenceList({ period, mayReport, onChanged }: { period: TaskPeriod; mayReport: boolean; onChanged: () => void }) {
  const report = useApiError();
  const { modal } = App.useApp();
  if (!period.evidence.length) return <p className="muted small">还没有佐证材料</p>;
  const remove = (e: TaskEvidence) =>
    modal.confirm({
      title: '删除这份佐证材料？',
      content: e.kind === 'file' ? `《${e.fileName}》` : `政府信息《${e.recordTitle}》`,
      okText: '删除',
      cancelText: '取消',
      onOk: async () => {
        await api.del(`/task-evidence/${e.id}`).catch(report);
        onChanged();
      },
    });
  return (
    <ul className="task-evidence-list" aria-label={`${period.label}的佐证材料`}>
      {period.evidence.map((e) => (
        <li key={e.id}>
          {e.kind === 'record' ? (
            <>
              <FileTextOutlined aria-hidden="true" /> <Link to={`records/${e.recordId}`}>{e.recordTitle}</Link>{' '}
              <Tag className={e.counts ? 'tag-success' : 'tag-warning'}>{e.counts ? `已发布${e.publishedOn ? ` ${e.publishedOn}` : ''}` : `${e.recordStateLabel ?? ''}，发布后计入`}</Tag>
              {e.automatic ? <Tag className="tag-info">按公开目录自动关联</Tag> : null}
            </>
          ) : (
            <>
              <PaperClipOutlined aria-hidden="true" />{' '}
              <a href={apiUrl(`/task-evidence/${e.id}/file`)} download={e.fileName ?? undefined}>
                {e.fileName}
                <DownloadOutlined aria-hidden="true" />
                <span className="sr-only">（下载）</span>
              </a>{' '}
              <span className="muted small">{e.size !== null ? formatBytes(e.size) : ''}</span>
            </>
          )}
          <span className="muted small">（{e.createdByLabel}，{formatDateTime(e.createdAt).slice(0, 16)}）</span>
          {mayReport && !e.automatic ? (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(e)} aria-label={`删除佐证材料：${e.fileName ?? e.recordTitle ?? ''}`} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function TaskAssignmentPage() {
  const route = useRoute();
  const id = routeParam(route, 'tasks/assignments');
  const [view, setView] = useState<TaskAssignmentView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [reporting, setReporting] = useState<TaskPeriod | null>(null);
  const [records, setRecords] = useState<{ value: string; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [opened, setOpened] = useState(0);
  const [form] = Form.useForm<ReportValues>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setView(await api.get<TaskAssignmentView>(`/task-assignments/${id}`));
      setMissing(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const searchRecords = useCallback(
    async (q: string) => {
      if (!view) return;
      try {
        const page = await api.get<Paged<RecordView>>('/records', { unitId: view.unitId, q: q.trim() || undefined, pageSize: 50 });
        setRecords(page.items.filter((r) => r.state !== 'withdrawn').map((r) => ({ value: r.id, label: `${r.title}（${RECORD_STATE_LABELS[r.state] ?? r.state}）` })));
      } catch (e) {
        report(e);
      }
    },
    [view, report],
  );

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/tasks`} onClick={(e) => followLink(e, 'tasks')}>
      返回
    </Button>
  );
  if (missing) return <Result status="404" title={<h1 className="result-title">找不到这项任务</h1>} subTitle={missing} extra={back} />;
  if (!view) return <Spin className="page-spin" description="正在加载…" spinning />;
  const a = view;
  const t = a.task;
  const today = todayInShanghai();
  const open = a.mayReport;

  function startReport(p: TaskPeriod) {
    setOpened((n) => n + 1);
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue({ state: p.state === 'in_progress' || p.status === 'overdue' ? 'done' : 'in_progress', text: '', recordIds: [] });
    setReporting(p);
    void searchRecords('');
  }

  async function submit(v: ReportValues) {
    if (!reporting) return;
    setBusy(true);
    setRefusal(null);
    try {
      const next = await api.post<TaskAssignmentView>(`/task-periods/${reporting.id}/progress`, { version: reporting.version, state: v.state, text: v.text, recordIds: v.recordIds ?? [] });
      setView(next);
      void message.success(`已报送${reporting.label}的进展`);
      setReporting(null);
    } catch (e) {
      if (stale(e, () => { setReporting(null); void load(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const upload =
    (p: TaskPeriod): UploadProps['customRequest'] =>
    ({ file, onSuccess, onError }) => {
      const f = file as File;
      setUploading(p.id);
      api
        .upload<TaskEvidence>(`/task-periods/${p.id}/evidence`, f)
        .then((ev) => {
          onSuccess?.(ev);
          void message.success(`已上传《${ev.fileName}》`);
          void load();
        })
        .catch((e: unknown) => {
          onError?.(e instanceof Error ? e : new Error(String(e)));
          if (e instanceof ApiError && [400, 403, 404, 413, 415].includes(e.status)) void message.error(`《${f.name}》未上传：${e.message}`, 6);
          else report(e);
        })
        .finally(() => setUploading(null));
    };

  return (
    <>
      <PageTitle title={`任务 ${t.seq}：${a.unitName}`} extra={back}>
        <span className="record-subtitle">
          <TaskStatusTag status={a.status} label={a.statusLabel} />
          <span>{a.roleLabel}</span>
          <span>
            · <Link to={`tasks/plans/${a.planId}`}>{a.planTitle}</Link>
          </span>
        </span>
      </PageTitle>
      {a.status === 'overdue' ? <Alert className="page-alert" type="error" showIcon title="有报送期已过截止日仍未完成，请尽快完成并报送进展和佐证材料" /> : null}
      <UrgesCard urges={a.urges.filter((u) => !u.acknowledged || u.response)} onChanged={() => void load()} title="催办" />
      <Card title={<h2 className="section-title">任务</h2>} className="task-card">
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 120 } }}
          items={[
            ...(t.category ? [{ key: 'category', label: '工作任务', children: t.category }] : []),
            { key: 'requirement', label: '工作要求', children: <span className="task-requirement">{t.requirement}</span> },
            { key: 'units', label: '责任单位', children: `${t.unitsText || a.nameAsWritten}（本单位在通知中写作“${a.nameAsWritten}”）` },
            { key: 'deadline', label: '时限要求', children: `${t.deadlineText ?? '未写'} → ${t.deadlineDescription}` },
            ...(t.deadlineRules.length ? [{ key: 'rules', label: '事件触发', children: t.deadlineRules.join('；') }] : []),
            ...(t.needsReview ? [{ key: 'review', label: '需人工确定', children: t.reviewNote ?? '' }] : []),
            ...(t.catalogueNodeName ? [{ key: 'node', label: '自动计入', children: `本单位在“${t.catalogueNodeName}”栏目发布的信息自动计为佐证` }] : []),
          ]}
        />
      </Card>
      <Card title={<h2 className="section-title">报送期和进展</h2>} className="task-card">
        {a.periods.map((p) => (
          <section key={p.id} className={p.status === 'overdue' ? 'task-period task-period-overdue' : 'task-period'} aria-labelledby={`period-${p.id}`}>
            <div className="task-period-head">
              <h3 id={`period-${p.id}`}>
                {p.label}　截止 {p.dueOn}
              </h3>
              <span>
                <TaskStatusTag status={p.status} label={p.statusLabel} />
                {p.doneOn ? <span className="muted small">{p.doneOn} 完成{p.lateDays ? `，逾期 ${p.lateDays} 个工作日` : '，按期'}</span> : null}
                {!p.doneOn && p.dueOn >= today ? <span className="muted small">未到截止日</span> : null}
              </span>
              {open ? (
                <span className="task-period-actions">
                  <Button size="small" type="primary" icon={<FormOutlined />} onClick={() => startReport(p)} aria-label={`报送进展：${p.label}`}>
                    报送进展
                  </Button>
                  <Upload accept={ACCEPT} showUploadList={false} customRequest={upload(p)}>
                    <Button size="small" icon={<UploadOutlined />} loading={uploading === p.id} aria-label={`上传佐证材料：${p.label}`}>
                      上传佐证
                    </Button>
                  </Upload>
                </span>
              ) : null}
            </div>
            <p className="muted small">{p.explanation}</p>
            <EvidenceList period={p} mayReport={open} onChanged={() => void load()} />
            {p.progress.length ? (
              <ul className="task-progress-list" aria-label={`${p.label}的进展`}>
                {p.progress.map((g) => (
                  <li key={g.id}>
                    <Tag className={g.state === 'done' ? 'tag-success' : 'tag-info'}>{g.stateLabel}</Tag>
                    {g.text}
                    <span className="muted small">
                      （{g.actorLabel}，{g.reportedOn}）
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </Card>
      <Modal
        key={opened}
        open={reporting !== null}
        title={reporting ? `报送进展：${reporting.label}` : '报送进展'}
        okText="报送"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setReporting(null)}
        forceRender
        destroyOnHidden={false}
      >
        {refusal ? <Alert type="error" showIcon title="未能报送" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<ReportValues> form={form} name="task-progress" layout="vertical" onFinish={submit}>
          <Form.Item label="完成情况" name="state" rules={[{ required: true, message: '请选择完成情况' }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'in_progress', label: '进行中' },
                { value: 'done', label: '已完成' },
              ]}
            />
          </Form.Item>
          <Form.Item label="工作进展" name="text" rules={[{ required: true, whitespace: true, message: '请填写工作进展' }, { max: 5000 }]}>
            <Input.TextArea rows={4} placeholder="做了什么、在哪里公开、还有什么没有完成" />
          </Form.Item>
          <Form.Item label="佐证信息（本单位的政府信息）" name="recordIds" extra="已发布的信息计为佐证；尚未发布的，发布后自动计为完成。也可以在报送后上传文件作为佐证。">
            <Select
              mode="multiple"
              allowClear
              placeholder="搜索本单位的政府信息"
              options={records}
              showSearch={{
                filterOption: false,
                onSearch: (q: string) => {
                  if (searchTimer.current) clearTimeout(searchTimer.current);
                  searchTimer.current = setTimeout(() => void searchRecords(q), 250);
                },
              }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
