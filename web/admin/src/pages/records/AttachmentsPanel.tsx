// 附件: the record's files (name, type, size, a note when their text could not be read) with download
// links; drafts take new files and lose old ones here, for whoever may edit records of the unit. The server
// decides the type by the content (an executable named 通知.pdf is refused) and checks the size; its Chinese
// refusal is shown under the button. Each upload or removal changes the record's version and the text the
// personal-data check reads, so the record (and with it the check) is loaded again.
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Spin, Tag, Upload, type UploadProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError, apiUrl } from '../../api';
import { formatBytes, formatDateTime } from '../../format';
import { PERMISSIONS } from '../../labels';
import { useSession } from '../../session';
import type { Attachment, RecordView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useRecordOptions } from './useRecordOptions';

/** The kinds the server accepts (src/core/files/sniff.ts), as people know them. */
const KIND_LABELS: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  doc: 'Word 97-2003',
  xlsx: 'Excel',
  xls: 'Excel 97-2003',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
};

const ACCEPT = '.pdf,.docx,.doc,.wps,.xlsx,.xls,.et,.png,.jpg,.jpeg,.gif,.webp';
const ACCEPTED_TEXT = 'PDF、Word（.docx、.doc）、Excel（.xlsx、.xls）和图片（PNG、JPEG、GIF、WebP）';
/** The server's default UPLOAD_MAX_BYTES, shown when /records/options does not say the configured one. */
const DEFAULT_LIMIT_MB = 50;

/** Refusals that concern the file itself: shown under the upload button rather than as a passing toast. */
const FILE_REFUSALS = new Set([400, 413, 415]);

interface Refusal {
  uid: string;
  fileName: string;
  message: string;
}

export function AttachmentsPanel({ record, unit, dirty, onChanged }: { record: RecordView; unit: Unit | undefined; dirty: boolean; onChanged: () => void }) {
  const { session } = useSession();
  const options = useRecordOptions();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [uploading, setUploading] = useState(0);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const report = useApiError();
  const { message, modal } = App.useApp();

  const canEdit = record.state === 'draft' && canOnUnit(session.user, PERMISSIONS.recordsEdit, unit);
  const limitText = options.uploadMaxBytes ? `${Math.round((options.uploadMaxBytes / 1024 / 1024) * 10) / 10} MB` : `${DEFAULT_LIMIT_MB} MB（默认值，以服务器设置为准）`;

  const load = useCallback(async () => {
    try {
      setItems(await api.get<Attachment[]>(`/records/${record.id}/attachments`));
    } catch (e) {
      report(e);
      setItems((prev) => prev ?? []);
    }
  }, [record.id, report]);

  useEffect(() => {
    void load();
  }, [load, record.version]);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (dirty) {
      void message.warning('表单中有尚未保存的修改，请先保存再上传附件');
      return Upload.LIST_IGNORE;
    }
    if (options.uploadMaxBytes && file.size > options.uploadMaxBytes) {
      setRefusals((r) => [...r, { uid: file.uid, fileName: file.name, message: `「${file.name}」文件太大（${formatBytes(file.size)}），单个文件不能超过 ${limitText}。请压缩图片或拆分文件后重新上传。` }]);
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File & { uid?: string };
    setUploading((n) => n + 1);
    setRefusals((r) => r.filter((x) => x.uid !== f.uid));
    api
      .upload<Attachment>(`/records/${record.id}/attachments`, f)
      .then((created) => {
        onSuccess?.(created);
        void message.success(`已上传附件《${created.fileName}》`);
        onChanged();
      })
      .catch((e: unknown) => {
        onError?.(e instanceof Error ? e : new Error(String(e)));
        if (e instanceof ApiError && FILE_REFUSALS.has(e.status)) setRefusals((r) => [...r, { uid: f.uid ?? f.name, fileName: f.name, message: e.message }]);
        else report(e, { onStale: onChanged });
      })
      .finally(() => setUploading((n) => n - 1));
  };

  function remove(a: Attachment) {
    if (dirty) {
      void message.warning('表单中有尚未保存的修改，请先保存再删除附件');
      return;
    }
    modal.confirm({
      title: `删除附件《${a.fileName}》？`,
      content: '删除后门户页面不再提供该附件；操作记入流转记录和操作日志。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.del(`/records/${record.id}/attachments/${a.id}`);
          void message.success(`已删除附件《${a.fileName}》`);
          onChanged();
        } catch (e) {
          report(e, { onStale: onChanged });
          void load();
        }
      },
    });
  }

  return (
    <Card title={<h2 className="section-title">附件</h2>} className="record-card attachments-card">
      <Spin spinning={items === null}>
        {items && !items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有附件" /> : null}
        {items?.length ? (
          <ul className="attachment-list" aria-label="附件列表">
            {items.map((a) => (
              <li key={a.id} className="attachment">
                <div className="attachment-head">
                  <PaperClipOutlined aria-hidden="true" />
                  <a className="attachment-name" href={apiUrl(`/records/${record.id}/attachments/${a.id}`)} download={a.fileName}>
                    {a.fileName}
                    <DownloadOutlined className="attachment-download" aria-hidden="true" />
                    <span className="sr-only">（下载）</span>
                  </a>
                </div>
                <div className="attachment-meta">
                  <Tag className="tag-neutral">{KIND_LABELS[a.kind] ?? a.kind}</Tag>
                  <span className="muted small">{formatBytes(a.size)}</span>
                  <span className="muted small">上传于 {formatDateTime(a.createdAt)}</span>
                </div>
                {a.extractWarning ? <p className="attachment-warning small">{a.extractWarning}</p> : null}
                {canEdit ? (
                  <div className="attachment-actions">
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(a)} aria-label={`删除附件《${a.fileName}》`}>
                      删除
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Spin>
      {canEdit ? (
        <div className="attachment-upload">
          <Upload accept={ACCEPT} multiple showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={uploading > 0}>
              上传附件
            </Button>
          </Upload>
          <p className="muted small attachment-hint">
            可上传 {ACCEPTED_TEXT}，单个文件不超过 {limitText}。文件类型按内容识别；可执行程序、脚本、压缩包和含宏的文件不能上传。附件中的文字会一并进行个人信息检查。
          </p>
          {refusals.length ? (
            <div className="attachment-refusals">
              {refusals.map((r) => (
                <Alert
                  key={r.uid}
                  type="error"
                  showIcon
                  closable={{ 'aria-label': `关闭《${r.fileName}》的提示`, onClose: () => setRefusals((list) => list.filter((x) => x.uid !== r.uid)) }}
                  title={`《${r.fileName}》未上传`}
                  description={r.message}
                />
              ))}
            </div>
          ) : null}
        </div>
      ) : record.state !== 'draft' ? (
        <p className="muted small attachment-hint">只有草稿可以上传或删除附件。</p>
      ) : null}
    </Card>
  );
}
