// 导入 XLSX: a sheet in the standard layout (the one 导出 produces, or a local variant) replaces the domain's
// items. The file is checked first (dry run): the problems are listed by row and column, with the 公开主体
// that match no unit; only a sheet without errors can then be imported, after the user confirms.
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Tag, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import type { CatalogueDomain, CatalogueImportResult, ImportIssue } from '../../types';
import { useApiError } from '../../useApiError';

const issueColumns: TableColumnsType<ImportIssue & { key: number }> = [
  { title: '行', dataIndex: 'row', key: 'row', width: 64, align: 'right', render: (r: number) => (r ? r : '—') },
  { title: '列', dataIndex: 'column', key: 'column', width: 180, render: (c: string) => c || '（整个文件）' },
  { title: '问题', dataIndex: 'message', key: 'message' },
];

function Issues({ label, issues }: { label: string; issues: ImportIssue[] }) {
  if (!issues.length) return null;
  return (
    <section className="import-issues" aria-label={label}>
      <h3 className="subsection-title">{label}</h3>
      <Table
        aria-label={label}
        rowKey="key"
        size="small"
        columns={issueColumns}
        dataSource={issues.map((i, key) => ({ ...i, key }))}
        pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      />
    </section>
  );
}

export function ImportModal({ domain, open, onClose, onImported }: { domain: CatalogueDomain; open: boolean; onClose: () => void; onImported: (items: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CatalogueImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const report = useApiError();
  const { modal } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setFile(null);
    setResult(null);
    setRefusal(null);
  }, [open]);

  async function check(f: File) {
    setFile(f);
    setResult(null);
    setRefusal(null);
    setChecking(true);
    try {
      setResult(await api.upload<CatalogueImportResult>(`/catalogue/domains/${domain.id}/import`, f, { query: { dryRun: true } }));
    } catch (e) {
      if (e instanceof ApiError && [400, 413, 415].includes(e.status)) setRefusal(e.message);
      else report(e);
    } finally {
      setChecking(false);
    }
  }

  const beforeUpload: UploadProps['beforeUpload'] = (f) => {
    void check(f);
    return false;
  };

  function confirmImport() {
    if (!file || !result) return;
    modal.confirm({
      title: `导入 ${result.items} 项到「${domain.name}」？`,
      content: '导入后，该领域现有的事项将被表格中的事项替换（已有信息对应公开义务的事项保留）。',
      okText: '导入',
      cancelText: '取消',
      onOk: async () => {
        setImporting(true);
        try {
          const done = await api.upload<CatalogueImportResult>(`/catalogue/domains/${domain.id}/import`, file, { query: { dryRun: false } });
          onImported(done.items);
        } catch (e) {
          if (e instanceof ApiError && e.status === 400) setRefusal(e.message);
          else report(e);
        } finally {
          setImporting(false);
        }
      },
    });
  }

  const canImport = !!result && !result.errors.length && result.items > 0;

  return (
    <Modal
      open={open}
      title={`导入 XLSX：${domain.name}`}
      onCancel={onClose}
      width={860}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!canImport} loading={importing} onClick={confirmImport}>
            确认导入
          </Button>
        </Space>
      }
    >
      <p className="muted">
        请选择标准表格式的 Excel 文件（.xlsx，可以是本页“导出 XLSX”得到的文件）。系统先检查表格、列出问题，不会修改数据；检查无误后再确认导入。导入将替换该领域现有的事项。
      </p>
      <Upload accept=".xlsx" showUploadList={false} beforeUpload={beforeUpload} maxCount={1}>
        <Button icon={<UploadOutlined />} loading={checking}>
          {file ? '重新选择文件' : '选择文件并检查'}
        </Button>
      </Upload>
      {file ? (
        <p className="import-file">
          <FileExcelOutlined aria-hidden="true" /> {file.name}
        </p>
      ) : null}
      {refusal ? <Alert type="error" showIcon className="form-alert" title="表格未能导入" description={refusal} /> : null}
      {result ? (
        <div className="import-result" aria-live="polite">
          <Alert
            type={result.errors.length ? 'error' : result.warnings.length || result.unmatchedUnits.length ? 'warning' : 'success'}
            showIcon
            title={`检查结果：可导入 ${result.items} 项，错误 ${result.errors.length} 处，警告 ${result.warnings.length} 处，未匹配单位 ${result.unmatchedUnits.length} 个`}
            description={result.errors.length ? '有错误的行不能导入：请修改表格后重新选择文件检查。' : result.items ? '检查通过，可以确认导入。' : '表格中没有找到事项。'}
          />
          <Issues label="错误" issues={result.errors} />
          <Issues label="警告" issues={result.warnings} />
          {result.unmatchedUnits.length ? (
            <section className="import-issues" aria-label="未匹配的公开主体">
              <h3 className="subsection-title">未匹配的公开主体</h3>
              <p className="muted small">这些名称没有对应到单位，导入后不为其生成公开义务。可在“单位管理”中为单位添加别名后重新导入，或导入后在事项中手动选择单位。</p>
              <div className="tag-list">
                {result.unmatchedUnits.map((u) => (
                  <Tag key={u} className="tag-warning">
                    {u}
                  </Tag>
                ))}
              </div>
            </section>
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
