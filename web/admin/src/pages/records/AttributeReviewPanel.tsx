// 公开属性复核 (条例第十八条): information not proactively disclosed is reviewed every year. The reviewer keeps
// the attribute with a reason (the next review is a year on), or converts the record to proactive
// disclosure with a reason; an approved record is then published at once, by the server.
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { todayInShanghai } from '../../format';
import { PERMISSIONS } from '../../labels';
import { useSession } from '../../session';
import type { RecordView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from './stale';

type Decision = 'keep' | 'convert';

/** Records with one of these attributes are reviewed (the others need no review). */
export const REVIEWED_ATTRIBUTES = new Set(['on_request', 'withheld']);

function ReviewModal({ record, decision, onClose, onDone, onStale }: { record: RecordView; decision: Decision | null; onClose: () => void; onDone: (text: string) => void; onStale: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const stale = useStaleDialog();

  useEffect(() => {
    if (decision) form.resetFields();
  }, [decision, form]);

  async function submit(values: { reason?: string }) {
    if (!decision) return;
    setBusy(true);
    try {
      const saved = await api.post<RecordView>(`/records/${record.id}/attribute-review`, { decision, reason: (values.reason ?? '').trim(), version: record.version });
      onDone(
        decision === 'keep'
          ? `已维持“${record.attributeLabel}”${saved.attributeReviewOn ? `，下次复核日期 ${saved.attributeReviewOn}` : ''}`
          : saved.state === 'published' && record.state !== 'published'
            ? '已转为主动公开，并已发布'
            : '已转为主动公开',
      );
    } catch (e) {
      if (stale(e, () => { onClose(); onStale(); })) return;
      if (e instanceof ApiError && e.details?.field === 'reason') form.setFields([{ name: 'reason', errors: [e.message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const convert = decision === 'convert';
  return (
    <Modal
      open={decision !== null}
      title={convert ? `转为主动公开：${record.title}` : `维持“${record.attributeLabel}”：${record.title}`}
      okText={convert ? '转为主动公开' : '维持'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {convert ? (
        record.state === 'approved' ? (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title="该信息已审定，转为主动公开后将立即发布"
            description="发布前仍会进行个人信息和密级标志检查；检查未通过的，不予转换。"
          />
        ) : (
          <p className="muted">转为主动公开后，公开期限自今天起算（条例第二十六条：20 个工作日内）；已审定的信息会立即发布。</p>
        )
      ) : (
        <p className="muted">维持后，下次复核日期顺延一年。复核结论和理由记入流转记录和操作日志。</p>
      )}
      <Form<{ reason?: string }> form={form} name="attribute-review" layout="vertical" onFinish={submit}>
        <Form.Item
          label={convert ? '转为主动公开的理由' : '维持的理由'}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请说明复核理由' },
            { max: 1000, message: '理由不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder={convert ? '如：相关事项已办结，不再涉及过程性信息' : '如：仍涉及第三方商业秘密，第三方不同意公开'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AttributeReviewPanel({ record, unit, dirty, onChanged }: { record: RecordView; unit: Unit | undefined; dirty: boolean; onChanged: () => void }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<Decision | null>(null);
  const canReview = canOnUnit(session.user, PERMISSIONS.recordsReview, unit);
  const due = !!record.attributeReviewOn && record.attributeReviewOn <= todayInShanghai();

  function open(d: Decision) {
    if (dirty) {
      void message.warning('表单中有尚未保存的修改，请先保存再复核');
      return;
    }
    setDecision(d);
  }

  return (
    <Card title={<h2 className="section-title">公开属性复核</h2>} className="record-card">
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'attribute', label: '公开属性', children: record.attributeGroundText ? `${record.attributeLabel}（${record.attributeGroundText}）` : record.attributeLabel },
          ...(record.attributeReason ? [{ key: 'reason', label: '认定理由', children: record.attributeReason }] : []),
          {
            key: 'reviewOn',
            label: '复核日期',
            children: record.attributeReviewOn ? <span className={due ? 'due-overdue' : undefined}>{record.attributeReviewOn}{due ? ' 已到期' : ''}</span> : <span className="muted">未设定</span>,
          },
        ]}
      />
      <p className="muted small">不予主动公开的信息每年复核一次（《政府信息公开条例》第十八条）：情况变化后可以公开的，应转为主动公开。</p>
      {canReview ? (
        <Space wrap role="group" aria-label="公开属性复核">
          <Button onClick={() => open('keep')}>维持</Button>
          <Button type="primary" onClick={() => open('convert')}>
            转为主动公开
          </Button>
        </Space>
      ) : null}
      <ReviewModal
        record={record}
        decision={decision}
        onClose={() => setDecision(null)}
        onStale={onChanged}
        onDone={(text) => {
          setDecision(null);
          void message.success(text);
          onChanged();
        }}
      />
    </Card>
  );
}
