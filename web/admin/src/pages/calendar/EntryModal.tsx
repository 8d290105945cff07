// 新增或修改某一天: one holiday or make-up working day, entered by this government.
import { AutoComplete, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { CalendarEntry, DayKind } from '../../types';
import { useApiError } from '../../useApiError';

export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

interface Values {
  date: Dayjs;
  kind: DayKind;
  name: string;
  note?: string;
}

export interface EntryTarget {
  date: string;
  existing?: CalendarEntry;
}

export function EntryModal({ target, onClose, onSaved }: { target: EntryTarget | null; onClose: () => void; onSaved: (date: string) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const e = target.existing;
    form.setFieldsValue({
      date: dayjs(target.date),
      kind: e?.kind === 'WORK' ? 'WORK' : 'OFF',
      name: e?.name ?? '',
      note: e?.note ?? '',
    });
  }, [target, form]);

  async function save(values: Values) {
    setSaving(true);
    const date = values.date.format('YYYY-MM-DD');
    try {
      await api.post('/calendar/entries', { date, kind: values.kind, name: values.name.trim(), note: values.note?.trim() ? values.note.trim() : null });
      onSaved(date);
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  }

  const builtin = target?.existing?.source === 'builtin';
  return (
    <Modal
      open={target !== null}
      title={target?.existing ? '修改某一天' : '新增某一天'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {builtin ? <p className="muted">这一天已有内置安排；保存后以本站录入为准（覆盖内置），删除本站录入即可恢复内置安排。</p> : null}
      <Form<Values> form={form} name="calendar-entry" layout="vertical" onFinish={save}>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'OFF', label: '放假' },
              { value: 'WORK', label: '调休上班' },
            ]}
          />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称，如 春节' }, { max: 40, message: '名称不能超过 40 个字' }]}>
          <AutoComplete options={HOLIDAY_NAMES.map((n) => ({ value: n }))} placeholder="如 春节、国庆节" />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ max: 300, message: '说明不能超过 300 个字' }]}>
          <Input.TextArea rows={2} placeholder="如 依据国务院办公厅通知（国办发明电〔2026〕×号）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
