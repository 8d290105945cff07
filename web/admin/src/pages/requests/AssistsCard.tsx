// 协查: asking another unit to help find or check the information, with its own deadline in working days
// (never later than the reply deadline), and the answers that came back.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { REQUEST_OPEN_STATES } from '../../labels';
import type { RequestView, Unit } from '../../types';
import type { UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';

interface Values {
  unitId?: string;
  question?: string;
  workingDays?: number;
}

export function AssistsCard({ request: r, index, onChanged }: { request: RequestView; index: UnitIndex; onChanged: (view: RequestView) => void }) {
  const [open, setOpen] = useState(false);
  /** A fresh dialog for every opening (a reused one keeps its OK button's hidden spinner in its name). */
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const { message } = App.useApp();
  const notOwn = useCallback((u: Unit) => u.id !== r.unitId && !u.abolished, [r.unitId]);
  const mayAsk = r.mayHandle && REQUEST_OPEN_STATES.has(r.state) && r.state !== 'submitted';

  useEffect(() => {
    if (open) {
      form.resetFields();
      setRefusal(null);
    }
  }, [open, form]);

  async function submit(values: Values) {
    setBusy(true);
    setRefusal(null);
    try {
      const view = await api.post<RequestView>(`/requests/${r.id}/assists`, { unitId: values.unitId, question: values.question?.trim() ?? '', workingDays: values.workingDays });
      setOpen(false);
      void message.success('已发出协查');
      onChanged(view);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = typeof e.details?.field === 'string' ? e.details.field : null;
        if (field === 'unitId' || field === 'question' || field === 'workingDays') form.setFields([{ name: field, errors: [e.message] }]);
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
      title={<h2 className="section-title">协查</h2>}
      className="record-card"
      extra={
        mayAsk ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              setOpened((n) => n + 1);
              setOpen(true);
            }}
          >
            请求协查
          </Button>
        ) : null
      }
    >
      {!r.assists.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有协查" /> : null}
      {r.assists.length ? (
        <ul className="attachment-list" aria-label="协查">
          {r.assists.map((a) => (
            <li key={a.id} className="attachment">
              <div className="attachment-head">
                <strong>{a.unitName}</strong>
                <span className="muted small">
                  {a.askedOn} 提出，
                  <span className={a.overdue ? 'due-overdue' : undefined}>
                    {a.dueOn} 前回复{a.overdue ? '（已逾期）' : ''}
                  </span>
                </span>
              </div>
              <p className="assist-question pre-line">{a.question}</p>
              {a.answer ? (
                <p className="assist-answer pre-line">
                  <span className="assist-answer-head">
                    {a.answeredOn} {a.answeredByLabel} 答复：
                  </span>
                  {a.answer}
                </p>
              ) : (
                <p className="muted small">尚未答复</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <Modal key={opened} open={open} title={`请求协查：${r.number}`} okText="发出协查" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender destroyOnHidden={false}>
        <p className="muted step-hint">协查单位只看到协查内容，看不到申请人信息。协查期限不能晚于答复期限{r.dueOn ? `（${r.dueOn}）` : ''}。</p>
        {refusal ? <Alert type="error" showIcon title="未能发出协查" description={refusal} className="form-alert" role="alert" /> : null}
        <Form<Values> form={form} name="request-assist" layout="vertical" onFinish={submit} initialValues={{ workingDays: 5 }}>
          <Form.Item label="协查单位" name="unitId" rules={[{ required: true, message: '请选择协查单位' }]}>
            <UnitTreeSelect index={index} allow={notOwn} placeholder="请选择协查单位" />
          </Form.Item>
          <Form.Item label="协查内容" name="question" rules={[{ required: true, whitespace: true, message: '请写明需要协助查找或核实的内容' }, { max: 2000 }]}>
            <Input.TextArea rows={4} placeholder="如 请查找2026年石桥村耕地地力保护补贴发放明细是否由贵单位制作或保存" />
          </Form.Item>
          <Form.Item label="回复期限（工作日）" name="workingDays" rules={[{ required: true, message: '请填写回复期限' }]}>
            <InputNumber min={1} max={20} precision={0} className="full-width" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
