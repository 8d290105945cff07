// 通报: the circulars sent round on the plan (downloadable as DOCX); the office drafts a new one — the date it
// speaks of, its 文号, the good practice to name — previews the text (late units with their overdue tasks come
// from the data) and issues it as an official document.
import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, apiUrl } from '../../api';
import { formatBytes } from '../../format';
import type { TaskCircular, TaskCircularPreview, TaskPlanView } from '../../types';
import { useApiError } from '../../useApiError';

interface Values {
  title?: string;
  docNo?: string;
  asOf?: Dayjs | null;
  topUnits: number;
  goodPractice?: { unitId?: string; text?: string }[];
}

export function CircularsTab({ plan }: { plan: TaskPlanView }) {
  const [list, setList] = useState<TaskCircular[]>([]);
  const [preview, setPreview] = useState<TaskCircularPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'issue' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const { message } = App.useApp();
  const manage = plan.mayManage;

  const load = useCallback(async () => {
    try {
      setList(await api.get<TaskCircular[]>(`/task-plans/${plan.id}/circulars`));
    } catch (e) {
      report(e);
    }
  }, [plan.id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of plan.tasks) for (const u of t.units) seen.set(u.unitId, u.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [plan.tasks]);

  function body(v: Values) {
    return {
      title: v.title?.trim() || null,
      docNo: v.docNo?.trim() || null,
      asOf: v.asOf ? v.asOf.format('YYYY-MM-DD') : null,
      topUnits: v.topUnits,
      goodPractice: (v.goodPractice ?? []).filter((g) => g.unitId && g.text?.trim()).map((g) => ({ unitId: g.unitId!, text: g.text!.trim() })),
    };
  }

  async function run(kind: 'preview' | 'issue') {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(kind);
    setRefusal(null);
    try {
      if (kind === 'preview') setPreview(await api.post<TaskCircularPreview>(`/task-plans/${plan.id}/circulars/preview`, body(v)));
      else {
        const c = await api.post<TaskCircular>(`/task-plans/${plan.id}/circulars`, body(v));
        void message.success(`已生成通报《${c.title}》`);
        setPreview(null);
        void load();
      }
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) setRefusal(e.message);
      else report(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div>
      <Table<TaskCircular>
        aria-label="已印发的通报"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list}
        locale={{ emptyText: '还没有印发通报' }}
        columns={[
          {
            title: '通报',
            dataIndex: 'title',
            key: 'title',
            render: (t: string, c) => (
              <div>
                <a href={apiUrl(`/task-circulars/${c.id}/docx`)} download={c.fileName}>
                  <FileWordOutlined aria-hidden="true" /> {t}
                  <span className="sr-only">（下载 Word 文档）</span>
                </a>
                {c.docNo ? <div className="muted small">{c.docNo}</div> : null}
              </div>
            ),
          },
          { title: '统计截至', dataIndex: 'asOf', key: 'asOf', width: 110 },
          { title: '印发日期', dataIndex: 'issuedOn', key: 'issuedOn', width: 110 },
          {
            title: '通报的逾期单位',
            key: 'late',
            render: (_: unknown, c) =>
              c.lateUnits.length ? (
                <div className="task-unit-tags">
                  {c.lateUnits.map((n) => (
                    <Tag key={n} className="tag-danger">
                      {n}
                    </Tag>
                  ))}
                </div>
              ) : (
                <span className="muted">无</span>
              ),
          },
          { title: '大小', dataIndex: 'size', key: 'size', width: 90, render: (s: number) => formatBytes(s) },
          {
            title: '下载',
            key: 'download',
            width: 80,
            render: (_: unknown, c) => <Button size="small" icon={<DownloadOutlined />} href={apiUrl(`/task-circulars/${c.id}/docx`)} download={c.fileName} aria-label={`下载《${c.title}》`} />,
          },
        ]}
      />
      {manage && plan.status === 'active' ? (
        <Card title={<h2 className="section-title">起草通报</h2>} className="task-card">
          <Form<Values> form={form} name="task-circular" layout="vertical" initialValues={{ topUnits: 3, goodPractice: [] }}>
            <div className="task-scheme-form">
              <Form.Item label="标题" name="title" extra="不填：关于××年政务公开重点工作任务落实情况的通报" rules={[{ max: 200 }]}>
                <Input />
              </Form.Item>
              <Form.Item label="文号" name="docNo" rules={[{ max: 80 }]}>
                <Input placeholder="如 示政公开通〔2026〕3号" />
              </Form.Item>
              <Form.Item label="统计截至" name="asOf" extra="不填：今天">
                <DatePicker format="YYYY-MM-DD" className="full-width" />
              </Form.Item>
              <Form.Item label="点名表扬得分前几名" name="topUnits" extra="只点名到期任务均按期完成的单位；0 为不点名">
                <InputNumber min={0} max={20} />
              </Form.Item>
            </div>
            <h3 className="subsection-title">典型做法</h3>
            <Form.List name="goodPractice">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} className="task-good-practice">
                      <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: '请选择单位' }]} noStyle>
                        <Select aria-label={`典型做法 ${i + 1} 的单位`} placeholder="单位" showSearch={{ optionFilterProp: 'label' }} options={units} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, message: '请填写做法' }]} noStyle>
                        <Input aria-label={`典型做法 ${i + 1}`} placeholder="如：建立重点项目信息公开季度调度机制" />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除典型做法 ${i + 1}`} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})}>
                    添加典型做法
                  </Button>
                </>
              )}
            </Form.List>
          </Form>
          {refusal ? <Alert type="error" showIcon title="未能生成" description={refusal} className="form-alert" role="alert" /> : null}
          <div className="task-import-actions">
            <Button icon={<EyeOutlined />} loading={busy === 'preview'} onClick={() => void run('preview')}>
              预览
            </Button>
            <Button type="primary" icon={<FileWordOutlined />} loading={busy === 'issue'} onClick={() => void run('issue')}>
              生成通报
            </Button>
          </div>
          {preview ? (
            <>
              <h3 className="subsection-title">预览</h3>
              <pre className="task-circular-text" aria-label="通报预览" tabIndex={0}>
                {preview.text}
              </pre>
            </>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
