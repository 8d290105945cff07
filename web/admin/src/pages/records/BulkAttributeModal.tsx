// 批量认定公开属性: historical records imported without a disclosure attribute (存量信息) get one, several at a
// time. The server changes all of them or none (a record already decided, or out of the user's scope,
// refuses the whole batch with its message).
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { ATTRIBUTE_OPTIONS } from '../../labels';
import type { RecordView } from '../../types';
import { useApiError } from '../../useApiError';
import { groundLabel, useRecordOptions } from './useRecordOptions';

interface Values {
  attribute?: string;
  attributeGround?: string;
  attributeReason?: string;
}

export function BulkAttributeModal({ records, open, onClose, onDone }: { records: RecordView[]; open: boolean; onClose: () => void; onDone: (updated: number) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const options = useRecordOptions();
  const report = useApiError();
  const attribute = Form.useWatch('attribute', form);
  const proactive = attribute === 'proactive' || attribute === undefined;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      const res = await api.post<{ updated: number }>('/records/attributes', {
        ids: records.map((r) => r.id),
        attribute: values.attribute,
        attributeGround: values.attribute === 'proactive' ? null : values.attributeGround ?? null,
        attributeReason: values.attributeReason?.trim() || null,
      });
      onDone(res.updated);
    } catch (e) {
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (field === 'attribute' || field === 'attributeGround' || field === 'attributeReason') form.setFields([{ name: field, errors: [(e as ApiError).message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`批量认定公开属性（${records.length} 条）`}
      okText="认定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      width={600}
    >
      <p className="muted">为选中的存量信息认定公开属性。认定为依申请公开或不予公开的，须选择法律依据并说明理由，每年复核一次（条例第十八条）。</p>
      <ul className="bulk-list" aria-label="选中的信息">
        {records.slice(0, 8).map((r) => (
          <li key={r.id}>{r.title}</li>
        ))}
        {records.length > 8 ? <li className="muted">等共 {records.length} 条</li> : null}
      </ul>
      <Form<Values> form={form} name="bulk-attribute" layout="vertical" onFinish={submit}>
        <Form.Item label="公开属性" name="attribute" rules={[{ required: true, message: '请选择公开属性' }]}>
          <Radio.Group options={ATTRIBUTE_OPTIONS} />
        </Form.Item>
        {!proactive ? (
          <Form.Item label="公开属性依据" name="attributeGround" extra="《政府信息公开条例》第十四、十五、十六条" rules={[{ required: true, message: '非主动公开的信息须选择法律依据' }]}>
            <Select options={options.grounds.map((g) => ({ value: g.code, label: groundLabel(g) }))} placeholder="请选择法律依据" popupMatchSelectWidth={false} />
          </Form.Item>
        ) : null}
        <Form.Item
          label="公开属性说明"
          name="attributeReason"
          rules={[
            { required: !proactive, whitespace: true, message: '非主动公开的信息须说明理由' },
            { max: 1000, message: '说明不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder={proactive ? '（可不填）' : '说明不予主动公开的具体理由'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
