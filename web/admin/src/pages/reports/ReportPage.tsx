// One annual report (/admin/reports/<id>): the six sections in their order — the text of 一、五、六 (and
// the preamble) in text areas, started from last year's report, with the report's key figures offered for
// insertion as {{名称}}; the tables of 二、三、四 exactly as the template lays them out, read-only (the
// figures units enter for section 二 may be adjusted, with a reason) — and beside them the steps: 重新生成,
// 检查 (each failing check naming its cell), 发布 (refused while a check fails, in the server's words) and
// the DOCX and PDF. Every change sends the version read; a stale one reloads (useApiError).
import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, EditOutlined, ExportOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Result, Spin, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import type { ReportFinding, ReportNarrative, ReportView } from '../../types';
import { useApiError } from '../../useApiError';
import { ReportStateTag } from './ReportsPage';
import { Section2Tables, Section3Table, Section4Table } from './ReportTables';
import { daysText, useReportMeta } from './useReportMeta';
import './reports.css';

type NarrativeKey = keyof ReportNarrative;
const NARRATIVE_KEYS: NarrativeKey[] = ['preamble', 'overview', 'problems', 'other'];
const FALLBACK_HEADINGS: Record<string, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

interface Caret {
  key: NarrativeKey;
  start: number;
  end: number;
}

function FindingList({ findings }: { findings: ReportFinding[] }) {
  return (
    <ul className="report-findings" aria-label="不通过的校验">
      {findings.map((f, i) => (
        <li key={i} className="report-finding">
          <span className="report-finding-cell">
            <Tag className="tag-danger">第{f.section}部分</Tag>
            {f.cell}
          </span>
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** Section 二's figures the units enter (decisions, fee income), adjusted with a reason. */
function AdjustDialog({ report: r, onClose, onSaved, onStale }: { report: ReportView; onClose: () => void; onSaved: (v: ReportView) => void; onStale: () => void }) {
  const [form] = Form.useForm<{ licensing: number; penalty: number; enforcement: number; feesWan: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();
  const s2 = r.figures.format === '2021' ? r.figures.section2 : null;
  if (!s2) return null;
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const saved = await api.put<ReportView>(`/reports/${r.id}/figures`, {
        version: r.version,
        reason: v.reason,
        section2: { ...s2, licensing: v.licensing, penalty: v.penalty, enforcement: v.enforcement, feesWan: v.feesWan },
      });
      onSaved(saved);
    } catch (e) {
      report(e, { onStale });
    } finally {
      setSaving(false);
    }
  };
  const count = { min: 0, max: 10_000_000, precision: 0, className: 'full-width' };
  return (
    <Modal open title="调整第二部分数据" okText="保存调整" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <p className="muted">各单位填报的行政许可、行政处罚、行政强制决定数量和行政事业性收费金额。调整须说明原因，记入报告和操作日志；重新生成时调整不再保留。</p>
      <Form form={form} layout="vertical" initialValues={{ licensing: s2.licensing, penalty: s2.penalty, enforcement: s2.enforcement, feesWan: s2.feesWan, reason: '' }} requiredMark>
        <Form.Item name="licensing" label="行政许可（本年处理决定数量）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber {...count} />
        </Form.Item>
        <Form.Item name="penalty" label="行政处罚（本年处理决定数量）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber {...count} />
        </Form.Item>
        <Form.Item name="enforcement" label="行政强制（本年处理决定数量）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber {...count} />
        </Form.Item>
        <Form.Item name="feesWan" label="行政事业性收费（本年收费金额，单位：万元）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={1_000_000_000} precision={4} className="full-width" />
        </Form.Item>
        <Form.Item name="reason" label="调整原因" rules={[{ required: true, whitespace: true, message: '请说明调整数据的原因' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReportPage() {
  const route = useRoute();
  const id = routeParam(route, 'reports');
  const meta = useReportMeta();
  const [view, setView] = useState<ReportView | null>(null);
  const [drafts, setDrafts] = useState<ReportNarrative | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ findings: ReportFinding[]; at: string } | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; findings: ReportFinding[] } | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const caret = useRef<Caret>({ key: 'overview', start: 0, end: 0 });
  const areas = useRef<Partial<Record<NarrativeKey, HTMLTextAreaElement | null>>>({});
  const report = useApiError();
  const { message } = App.useApp();

  const dirty = !!view && !!drafts && NARRATIVE_KEYS.some((k) => drafts[k] !== view.narrative[k]);

  /** Loads the report; the text being edited is kept unless asked to start again from the saved text. */
  const load = useCallback(
    async (resetText: boolean) => {
      if (!id) return;
      setLoading(true);
      try {
        const v = await api.get<ReportView>(`/reports/${id}`);
        setView(v);
        setDrafts((d) => (resetText || !d ? { ...v.narrative } : d));
        setMissing(null);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) setMissing(e.message);
        else report(e);
      } finally {
        setLoading(false);
      }
    },
    [id, report],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const reloadKeepingText = () => void load(false);

  /** A step that answers with the report: its new version replaces the old one. */
  const step = async (name: string, run: () => Promise<ReportView>, after?: (v: ReportView) => void) => {
    setBusy(name);
    try {
      const v = await run();
      setView(v);
      after?.(v);
    } catch (e) {
      report(e, { onStale: reloadKeepingText });
    } finally {
      setBusy(null);
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/reports`} onClick={(e) => followLink(e, 'reports')}>
      返回列表
    </Button>
  );

  if (missing) {
    return <Result status="404" title={<h1 className="result-title">找不到这份年度报告</h1>} subTitle={`${missing.replace(/[。.]$/, '')}。它可能不在您的管辖范围内。`} extra={back} />;
  }
  if (!view || !drafts) return <Spin className="page-spin" description="正在加载…" spinning={loading} />;

  const r = view;
  const headings = { ...FALLBACK_HEADINGS, ...(meta?.sections ?? {}) };
  const labels: Record<NarrativeKey, string> = { preamble: '前言', overview: headings.overview!, problems: r.format === '2019' ? '五、政府信息公开工作存在的主要问题及改进情况' : headings.problems!, other: headings.other! };
  const readOnly = !r.mayEdit;

  const save = () =>
    step(
      'save',
      () => api.patch<ReportView>(`/reports/${r.id}`, { version: r.version, narrative: drafts }),
      (v) => {
        setDrafts({ ...v.narrative });
        setChecked(null);
        void message.success('已保存文字部分');
      },
    );

  const regenerate = () =>
    step(
      'generate',
      () => api.post<ReportView>(`/reports/${r.id}/generate`, { version: r.version }),
      () => {
        setChecked(null);
        void message.success('已按系统数据重新生成各表格');
      },
    );

  const check = () =>
    step(
      'check',
      () => api.post<ReportView>(`/reports/${r.id}/check`, { version: r.version }),
      (v) => {
        setChecked({ findings: v.findings, at: v.checkedAt ?? new Date().toISOString() });
        setRefusal(null);
      },
    );

  const publish = async () => {
    setBusy('publish');
    setRefusal(null);
    try {
      const v = await api.post<ReportView>(`/reports/${r.id}/publish`, { version: r.version });
      setView(v);
      void message.success('已发布到门户“政府信息公开年报”栏目');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REPORT_CHECK_FAILED') {
        const findings = Array.isArray(e.details?.findings) ? (e.details.findings as ReportFinding[]) : [];
        setRefusal({ message: e.message, findings });
      } else report(e, { onStale: reloadKeepingText });
    } finally {
      setBusy(null);
    }
  };

  const insert = (placeholder: string) => {
    const { key } = caret.current;
    const area = areas.current[key];
    // A text area keeps its selection when it loses focus to the button: read it there.
    const start = area ? area.selectionStart : caret.current.start;
    const end = area ? area.selectionEnd : caret.current.end;
    const text = drafts[key];
    const s = Math.min(start, text.length);
    const e = Math.min(Math.max(end, s), text.length);
    setDrafts({ ...drafts, [key]: text.slice(0, s) + placeholder + text.slice(e) });
    caret.current = { key, start: s + placeholder.length, end: s + placeholder.length };
    if (area) {
      requestAnimationFrame(() => {
        area.focus();
        area.setSelectionRange(s + placeholder.length, s + placeholder.length);
      });
    }
  };

  const narrativeField = (key: NarrativeKey, heading: boolean) => {
    const fieldId = `narrative-${key}`;
    const label = heading ? `${labels[key]}（文字）` : labels[key];
    return (
      <div className="narrative-field">
        <label htmlFor={fieldId} className={heading ? 'sr-only' : undefined}>
          {label}
        </label>
        <Input.TextArea
          id={fieldId}
          ref={(el) => {
            areas.current[key] = el?.resizableTextArea?.textArea ?? null;
          }}
          value={drafts[key]}
          readOnly={readOnly}
          rows={key === 'overview' ? 12 : 6}
          maxLength={key === 'preamble' ? 20_000 : 50_000}
          onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
          onSelect={(e) => {
            const t = e.currentTarget;
            caret.current = { key, start: t.selectionStart, end: t.selectionEnd };
          }}
          onFocus={(e) => {
            const t = e.currentTarget;
            caret.current = { key, start: t.selectionStart, end: t.selectionEnd };
          }}
        />
      </div>
    );
  };

  const shownFindings = checked?.findings ?? null;

  return (
    <>
      <PageTitle
        title={r.title}
        extra={
          <>
            {r.recordId ? (
              <Button icon={<ExportOutlined />} href={`/zfxxgk/info/${r.recordId}`} target="_blank" rel="noopener">
                门户页面
              </Button>
            ) : null}
            {back}
          </>
        }
      >
        <span className="record-subtitle">
          <ReportStateTag state={r.state} label={r.stateLabel} />
          <span>{r.unitName}</span>
          <span>· {r.year}年度</span>
          <span>· 发布期限 {r.due}</span>
          {r.state !== 'published' ? <span className={r.daysLeft < 0 ? 'due-overdue' : r.daysLeft <= 14 ? 'due-soon' : 'muted'}>（{daysText(r.daysLeft)}）</span> : null}
          {readOnly ? <span className="muted">（您没有修改此报告的权限）</span> : null}
        </span>
      </PageTitle>
      <Spin spinning={loading}>
        <div className="report-layout">
          <div className="report-main">
            <Card title={<h2 className="section-title">报告信息</h2>} className="record-card">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'format', label: '报告格式', children: r.formatLabel },
                  { key: 'coverage', label: '汇总范围', children: r.coverageLabel },
                  { key: 'source', label: '表格数据', children: `${r.figureSourceLabel}${r.figuresAsOf ? `（${r.figuresAsOf} 生成）` : ''}` },
                  { key: 'due', label: '发布期限', children: r.dueRule },
                  {
                    key: 'text',
                    label: '文字部分',
                    children: r.narrativeFromId ? (r.previous && r.previous.id === r.narrativeFromId ? `从${r.previous.year}年度的报告开始编写` : '从以往年度的报告开始编写') : '从默认文字开始编写',
                  },
                  ...(r.publishedAt ? [{ key: 'published', label: '发布', children: `${formatDateTime(r.publishedAt)}${r.publishedBy ? `，${r.publishedBy}` : ''}（第 ${r.publications} 次）` }] : []),
                  ...(r.adjustments.length
                    ? [{ key: 'adjust', label: '人工调整', children: r.adjustments.map((a) => `${formatDateTime(a.at)} ${a.by}：${a.reason}`).join('；') }]
                    : []),
                ]}
              />
            </Card>

            <Card title={<h2 className="section-title">报告正文</h2>} className="record-card report-body">
              <p className="muted narrative-hint">每行一段。{'{{名称}}'} 处在显示、导出和发布时填入报告中的数据；可在右侧“可插入的数据”中插入到光标处。</p>
              {narrativeField('preamble', false)}

              <h3 className="subsection-title">{labels.overview}</h3>
              {narrativeField('overview', true)}

              <h3 className="subsection-title">{headings.proactive}</h3>
              {r.mayEdit && r.figures.format === '2021' ? (
                <div className="report-section-actions">
                  <Button icon={<EditOutlined />} onClick={() => setAdjusting(true)} disabled={dirty} title={dirty ? '请先保存文字部分' : undefined}>
                    调整第二部分数据
                  </Button>
                </div>
              ) : null}
              <Section2Tables figures={r.figures} />

              <h3 className="subsection-title">{headings.requests}</h3>
              <Section3Table figures={r.figures} />

              <h3 className="subsection-title">{headings.appeals}</h3>
              <Section4Table figures={r.figures} />

              <h3 className="subsection-title">{labels.problems}</h3>
              {narrativeField('problems', true)}

              <h3 className="subsection-title">{labels.other}</h3>
              {narrativeField('other', true)}

              {r.mayEdit ? (
                <div className="form-actions">
                  <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!dirty || busy !== null} onClick={() => void save()}>
                    保存文字部分
                  </Button>
                  <Button disabled={!dirty || busy !== null} onClick={() => setDrafts({ ...r.narrative })}>
                    放弃修改
                  </Button>
                </div>
              ) : null}
            </Card>
          </div>

          <div className="report-side">
            <Card title={<h2 className="section-title">操作</h2>} className="record-card">
              <div className="report-actions" role="group" aria-label="报告操作">
                {r.mayEdit ? (
                  <>
                    <Popconfirm title="按系统数据重新生成各表格？" description="人工调整的数据不再保留，报告回到编写中。" okText="重新生成" cancelText="取消" onConfirm={() => void regenerate()} disabled={r.format !== '2021'}>
                      <Button icon={<ReloadOutlined />} loading={busy === 'generate'} disabled={busy !== null || r.format !== '2021'}>
                        重新生成
                      </Button>
                    </Popconfirm>
                    <Button icon={<CheckCircleOutlined />} loading={busy === 'check'} disabled={busy !== null || dirty} onClick={() => void check()}>
                      检查
                    </Button>
                  </>
                ) : null}
                {r.mayPublish ? (
                  <Popconfirm
                    title={r.publications ? '发布新版本？' : '审定并发布报告？'}
                    description="报告将作为政府信息在门户“政府信息公开年报”栏目公开，附 DOCX 和 PDF。"
                    okText="发布"
                    cancelText="取消"
                    onConfirm={() => void publish()}
                  >
                    <Button type="primary" icon={<SendOutlined />} loading={busy === 'publish'} disabled={busy !== null || dirty}>
                      {r.publications ? '发布新版本' : '发布'}
                    </Button>
                  </Popconfirm>
                ) : null}
                <Button icon={<DownloadOutlined />} href={apiUrl(`/reports/${r.id}/docx`)} download={`${r.title}.docx`}>
                  下载 DOCX
                </Button>
                <Button icon={<DownloadOutlined />} href={apiUrl(`/reports/${r.id}/pdf`)} download={`${r.title}.pdf`}>
                  下载 PDF
                </Button>
              </div>
              {dirty ? <p className="muted small">文字部分有未保存的修改：保存后才能检查和发布。</p> : null}
              {refusal ? (
                <Alert
                  className="form-alert"
                  type="error"
                  showIcon
                  role="alert"
                  title={refusal.message}
                  description={refusal.findings.length ? <FindingList findings={refusal.findings} /> : undefined}
                />
              ) : null}
            </Card>

            <Card title={<h2 className="section-title">校验结果</h2>} className="record-card" aria-live="polite">
              {shownFindings === null ? (
                r.state === 'checked' || (r.state === 'published' && r.checkedAt) ? (
                  <Alert type="success" showIcon title={`${r.checkedAt ? formatDateTime(r.checkedAt) : ''} 校验全部通过${r.checkedBy ? `（${r.checkedBy}）` : ''}`} />
                ) : (
                  <p className="muted">{r.findings.length ? `尚未检查。按当前数据有 ${r.findings.length} 处不通过，请点“检查”查看。` : '尚未检查。'}</p>
                )
              ) : shownFindings.length === 0 ? (
                <Alert type="success" showIcon title="校验全部通过，报告已校验待发布" />
              ) : (
                <>
                  <Alert type="error" showIcon title={`${shownFindings.length} 处不通过`} description="请修改所指的单元格或文字后重新检查。" />
                  <FindingList findings={shownFindings} />
                </>
              )}
            </Card>

            <Card title={<h2 className="section-title">可插入的数据</h2>} className="record-card">
              <p className="muted small">点“插入”把占位符放到文字部分的光标处（最后编辑的文本框）。</p>
              <ul className="placeholder-list" aria-label="可插入的数据">
                {r.placeholders.map((p) => (
                  <li key={p.name} className="placeholder-item">
                    <span className="placeholder-item-text">
                      <span>{p.name}</span>：<span className="placeholder-value">{p.value}</span>
                      <span className="muted small" style={{ display: 'block' }}>
                        {p.source}
                      </span>
                    </span>
                    {r.mayEdit ? (
                      <Button size="small" aria-label={`插入${p.name}`} onClick={() => insert(p.placeholder)}>
                        插入
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </div>
      </Spin>
      {adjusting ? (
        <AdjustDialog
          report={r}
          onClose={() => setAdjusting(false)}
          onStale={() => {
            setAdjusting(false);
            reloadKeepingText();
          }}
          onSaved={(v) => {
            setAdjusting(false);
            setView(v);
            setChecked(null);
            void message.success('已调整第二部分数据');
          }}
        />
      ) : null}
    </>
  );
}
