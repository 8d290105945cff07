// 行政复议和行政诉讼: the appeals against the reply, as section 四 of the annual report counts them (path,
// organ or court, case number, dates, outcome). Added and updated by the handler.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { todayInShanghai } from '../../format';
import type { RequestAppeal, RequestMeta, RequestView } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';

const DATE = 'YYYY-MM-DD';
const FIELDS = new Set(['path', 'organ', 'caseNo', 'filedOn', 'outcome', 'decidedOn', 'note']);

interface Values {
  path?: string;
  organ?: string;
  caseNo?: string;
  filedOn?: Dayjs | null;
  outcome?: string;
  decidedOn?: Dayjs | null;
  note?: string;
}

export function AppealsCard({ request: r, meta, onReload }: { request: RequestView; meta: RequestMeta; onReload: () => void }) {
  /** null: closed; 'new': adding; an appeal: editing it. */
  const [editing, setEditing] = useState<RequestAppeal | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  /** A fresh dialog for every opening (a reused one keeps its OK button's hidden spinner in its name). */
  const [opened, setOpened] = useState(0);
  const edit = (a: RequestAppeal | 'new') => {
    setOpened((n) => n + 1);
    setEditing(a);
  };
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();
  const today = todayInShanghai();
  const mayAdd = r.mayHandle && !!r.result;

  useEffect(() => {
    if (!editing) return;
    setRefusal(null);
    form.resetFields();
    if (editing === 'new') form.setFieldsValue({ path: 'reconsideration', outcome: 'pending' });
    else
      form.setFieldsValue({
        path: editing.path,
        organ: editing.organ ?? '',
        caseNo: editing.caseNo ?? '',
        filedOn: dayjs(editing.filedOn, DATE),
        outcome: editing.outcome,
        decidedOn: editing.decidedOn ? dayjs(editing.decidedOn, DATE) : null,
        note: editing.note ?? '',
      });
  }, [editing, form]);

  async function submit(v: Values) {
    if (!editing) return;
    setBusy(true);
    setRefusal(null);
    const body = {
      path: v.path,
      organ: v.organ?.trim() || null,
      caseNo: v.caseNo?.trim() || null,
      filedOn: v.filedOn?.format(DATE),
      outcome: v.outcome,
      decidedOn: v.outcome !== 'pending' && v.decidedOn ? v.decidedOn.format(DATE) : null,
      note: v.note?.trim() || null,
    };
    try {
      if (editing === 'new') await api.post<RequestAppeal>(`/requests/${r.id}/appeals`, body);
      else await api.put<RequestAppeal>(`/request-appeals/${editing.id}`, { ...body, version: editing.version });
      void message.success(editing === 'new' ? '已登记' : '已保存');
      setEditing(null);
      onReload();
    } catch (e) {
      if (stale(e, () => { setEditing(null); onReload(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = typeof e.details?.field === 'string' ? e.details.field : null;
        if (field && FIELDS.has(field)) form.setFields([{ name: field as keyof Values, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={<h2 className="section-title">行政复议和行政诉讼</h2>}
      className="record-card"
      extra={
        mayAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => edit('new')}>
            登记
          </Button>
        ) : null
      }
    >
      {!r.appeals.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.result ? '没有针对答复的复议或诉讼' : '作出答复后，申请人不服的，可在此登记复议或诉讼'} /> : null}
      {r.appeals.map((a) => (
        <div key={a.id} className="attachment">
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 96 } }}
            items={[
              { key: 'path', label: '途径', children: a.pathLabel },
              ...(a.organ ? [{ key: 'organ', label: '复议机关或法院', children: a.organ }] : []),
              ...(a.caseNo ? [{ key: 'caseNo', label: '案号', children: a.caseNo }] : []),
              { key: 'filedOn', label: '申请或起诉日期', children: a.filedOn },
              { key: 'outcome', label: '结果', children: `${a.outcomeLabel}${a.decidedOn ? `（${a.decidedOn} 审结）` : ''}` },
              ...(a.note ? [{ key: 'note', label: '说明', children: a.note }] : []),
            ]}
          />
          {r.mayHandle ? (
            <div className="attachment-actions">
              <Button size="small" icon={<EditOutlined />} onClick={() => edit(a)} aria-label={`修改${a.pathLabel}（${a.filedOn}）`}>
                修改
              </Button>
            </div>
          ) : null}
        </div>
      ))}
      <Modal
        key={opened}
        open={editing !== null}
        title={editing === 'new' ? `登记复议或诉讼：${r.number}` : `修改复议或诉讼：${r.number}`}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
        destroyOnHidden={false}
      >
        {refusal ? <Alert type="error" showIcon title="未能保存" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<Values> form={form} name="request-appeal" layout="vertical" onFinish={submit}>
          <Form.Item label="途径" name="path" rules={[{ required: true, message: '请选择途径' }]}>
            <Select options={meta.appealPaths} />
          </Form.Item>
          <Form.Item label="复议机关或法院" name="organ" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="案号" name="caseNo" rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="申请复议或起诉的日期" name="filedOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) > today} className="full-width" />
          </Form.Item>
          <Form.Item label="结果" name="outcome" rules={[{ required: true, message: '请选择结果' }]}>
            <Select options={meta.appealOutcomes} />
          </Form.Item>
          {outcome && outcome !== 'pending' ? (
            <Form.Item label="审结日期" name="decidedOn" rules={[{ required: true, message: '请填写审结日期' }]}>
              <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) > today} className="full-width" />
            </Form.Item>
          ) : null}
          <Form.Item label="说明" name="note" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
