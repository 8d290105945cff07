// 材料和告知书: what came in (the letter, a scan), what went out (notices and the reply letter) and what
// was provided. The handler uploads a file with its kind and whether the applicant may download it on the
// portal's query page, downloads any of them, and generates a letter (DOCX and PDF) from the office's
// templates: the reply letter for the reply given, or any other notice.
import { DownloadOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Switch, Tag, Upload, type UploadProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import { formatBytes, formatDateTime } from '../../format';
import type { RequestDocument, RequestMeta, RequestView } from '../../types';
import { useApiError } from '../../useApiError';
import { labelOf } from './useRequestMeta';

/** Kinds sent to the applicant: downloadable on the query page unless the handler says otherwise. */
const FOR_APPLICANT = new Set(['correction_notice', 'extension_notice', 'fee_notice', 'reply_letter', 'provided']);

/** The letters other than a reply (src/modules/requests/letters.ts), in the order they happen. */
const PROCEDURE_LETTERS = [
  { value: 'acknowledgement', label: '受理回执（登记回执）' },
  { value: 'correction', label: '补正告知书' },
  { value: 'consultation', label: '征求意见函（第三方或其他机关）' },
  { value: 'extension', label: '延期答复告知书' },
  { value: 'fee', label: '收费通知书' },
];

const ACCEPT = '.pdf,.docx,.doc,.wps,.xlsx,.xls,.et,.png,.jpg,.jpeg,.gif,.webp';

/** The letter that fits where the request stands. */
function suggestedLetter(r: RequestView): string {
  if (r.result) return r.result;
  if (r.state === 'correction') return 'correction';
  if (r.state === 'consulting') return 'consultation';
  if (r.state === 'awaiting_fee') return 'fee';
  if (r.extensionDays) return 'extension';
  return 'acknowledgement';
}

export function DocumentsCard({ request: r, meta, onReload }: { request: RequestView; meta: RequestMeta; onReload: () => void }) {
  const [kind, setKind] = useState('incoming');
  const [forApplicant, setForApplicant] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [letter, setLetter] = useState(suggestedLetter(r));
  const [generating, setGenerating] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const report = useApiError();
  const { message } = App.useApp();

  const suggested = suggestedLetter(r);
  useEffect(() => setLetter(suggested), [suggested]);

  const letterOptions = useMemo(
    () => [
      { label: '告知书和通知书', title: '告知书和通知书', options: PROCEDURE_LETTERS },
      { label: '答复告知书', title: '答复告知书', options: meta.results.filter((x) => x.handler || x.value === r.result).map((x) => ({ value: x.value, label: `答复告知书：${x.short}` })) },
    ],
    [meta, r.result],
  );

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    setUploading((n) => n + 1);
    setRefusal(null);
    api
      .upload<RequestDocument>(`/requests/${r.id}/documents`, f, { query: { kind, forApplicant } })
      .then((doc) => {
        onSuccess?.(doc);
        void message.success(`已上传《${doc.fileName}》`);
        onReload();
      })
      .catch((e: unknown) => {
        onError?.(e instanceof Error ? e : new Error(String(e)));
        if (e instanceof ApiError && [400, 403, 413, 415].includes(e.status)) setRefusal(`《${f.name}》未上传：${e.message}`);
        else report(e);
      })
      .finally(() => setUploading((n) => n - 1));
  };

  async function generate() {
    setGenerating(true);
    setRefusal(null);
    try {
      const res = await api.post<{ documents: RequestDocument[] }>(`/requests/${r.id}/letters`, { kind: letter });
      const names = res.documents.map((d) => `《${d.fileName}》`).join('、');
      void message.success(`已生成 ${names}${res.documents.some((d) => d.forApplicant) ? '，申请人可在查询页面下载' : ''}`);
      onReload();
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(`未能生成告知书：${e.message}`);
      else report(e);
    } finally {
      setGenerating(false);
    }
  }

  return (
    <Card title={<h2 className="section-title">材料和告知书</h2>} className="record-card attachments-card">
      {!r.documents.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有材料" /> : null}
      {r.documents.length ? (
        <ul className="attachment-list" aria-label="材料和告知书">
          {r.documents.map((d) => (
            <li key={d.id} className="attachment">
              <div className="attachment-head">
                <PaperClipOutlined aria-hidden="true" />
                {r.mayHandle ? (
                  <a className="attachment-name" href={apiUrl(`/requests/${r.id}/documents/${d.id}`)} download={d.fileName}>
                    {d.fileName}
                    <DownloadOutlined className="attachment-download" aria-hidden="true" />
                    <span className="sr-only">（下载）</span>
                  </a>
                ) : (
                  <span className="attachment-name">{d.fileName}</span>
                )}
              </div>
              <div className="attachment-meta">
                <Tag className="tag-neutral">{labelOf(meta.documentKinds, d.kind)}</Tag>
                {d.forApplicant ? <Tag className="tag-info">申请人可下载</Tag> : null}
                <span className="muted small">{formatBytes(d.size)}</span>
                <span className="muted small">{formatDateTime(d.createdAt)}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {refusal ? (
        <Alert type="error" showIcon className="form-alert doc-refusal" title={refusal} role="alert" closable={{ 'aria-label': '关闭提示', onClose: () => setRefusal(null) }} />
      ) : null}
      {r.mayHandle ? (
        <>
          <h3 className="subsection-title">生成告知书</h3>
          <div className="doc-tools">
            <Select aria-label="告知书类型" value={letter} onChange={setLetter} options={letterOptions} popupMatchSelectWidth={false} className="letter-select" listHeight={360} />
            <Button icon={<FileWordOutlined />} loading={generating} onClick={() => void generate()}>
              生成告知书
            </Button>
          </div>
          <p className="muted small attachment-hint">按告知书模板生成 Word 和 PDF 两份文件；致申请人的告知书标为申请人可下载，征求意见函除外。</p>
          <h3 className="subsection-title">上传材料</h3>
          <div className="doc-tools">
            <Select
              aria-label="材料类别"
              value={kind}
              onChange={(v: string) => {
                setKind(v);
                setForApplicant(FOR_APPLICANT.has(v));
              }}
              options={meta.documentKinds}
              className="filter-short"
              popupMatchSelectWidth={false}
            />
            <span className="switch-label">
              <Switch checked={forApplicant} onChange={setForApplicant} aria-label="申请人可下载" id="doc-for-applicant" />
              <label htmlFor="doc-for-applicant">申请人可下载</label>
            </span>
            <Upload accept={ACCEPT} multiple showUploadList={false} customRequest={customRequest}>
              <Button icon={<UploadOutlined />} loading={uploading > 0}>
                上传
              </Button>
            </Upload>
          </div>
          <p className="muted small attachment-hint">可上传 PDF、Word、Excel 和图片，文件类型按内容识别。只有标为“申请人可下载”的文件出现在申请人的查询页面。</p>
        </>
      ) : null}
    </Card>
  );
}
