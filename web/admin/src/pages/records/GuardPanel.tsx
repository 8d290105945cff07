// 个人信息检查: what the server's guard finds in the title, body and attachments (ID numbers, phone numbers,
// the values of the personal fields…) and classification marks. Findings in a draft's title and body are
// masked with one click; a confidentiality reviewer may let them through with a basis and a reason.
// The server masks the context it sends: the values themselves never reach the console.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { GUARD_WHERE_LABELS, PERMISSIONS } from '../../labels';
import { useSession } from '../../session';
import type { GuardFinding, GuardView, RecordView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from './stale';
import { useRecordOptions } from './useRecordOptions';

const MASKABLE = new Set(['title', 'body']);

function whereText(f: GuardFinding): string {
  if (f.where === 'attachment') return `附件《${f.attachment ?? ''}》`;
  return GUARD_WHERE_LABELS[f.where] ?? f.where;
}

interface OverrideValues {
  basis?: string;
  reason?: string;
}

function OverrideModal({ record, open, onClose, onDone, onStale }: { record: RecordView; open: boolean; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const [form] = Form.useForm<OverrideValues>();
  const [busy, setBusy] = useState(false);
  const options = useRecordOptions();
  const report = useApiError();
  const stale = useStaleDialog();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  async function submit(values: OverrideValues) {
    setBusy(true);
    try {
      await api.post<RecordView>(`/records/${record.id}/guard/override`, { version: record.version, basis: values.basis, reason: (values.reason ?? '').trim() });
      onDone();
    } catch (e) {
      if (stale(e, () => { onClose(); onStale(); })) return;
      if (e instanceof ApiError && e.details?.field === 'reason') form.setFields([{ name: 'reason', errors: [e.message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title="放行个人信息检查结果" okText="放行" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      <p className="muted">放行后，当前检查出的个人信息可以随信息一并公开（如惩戒公示）。放行依据和理由记入流转记录和操作日志；标题或正文再修改后须重新检查。</p>
      <Form<OverrideValues> form={form} name="guard-override" layout="vertical" onFinish={submit}>
        <Form.Item label="放行依据" name="basis" rules={[{ required: true, message: '请选择放行依据' }]}>
          <Select options={options.overrideBases.map((b) => ({ value: b, label: b }))} placeholder="请选择放行依据" />
        </Form.Item>
        <Form.Item
          label="理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '放行须说明理由' },
            { max: 1000, message: '理由不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="如：依据《失信惩戒公示办法》第×条公示被处罚人身份信息" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function GuardPanel({ record, unit, dirty, onChanged }: { record: RecordView; unit: Unit | undefined; dirty: boolean; onChanged: () => void }) {
  const { session } = useSession();
  const user = session.user;
  const [guard, setGuard] = useState<GuardView | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [overriding, setOverriding] = useState(false);
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const isDraft = record.state === 'draft';
  const canMask = isDraft && canOnUnit(user, PERMISSIONS.recordsEdit, unit);
  const canOverride = canOnUnit(user, PERMISSIONS.recordsGuardOverride, unit);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setGuard(await api.get<GuardView>(`/records/${record.id}/guard`));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [record.id, report]);

  useEffect(() => {
    void load();
  }, [load, record.version]);

  async function mask(findings: GuardFinding[] | 'all') {
    if (dirty) {
      void message.warning('表单中有尚未保存的修改，请先保存再遮盖');
      return;
    }
    setBusy(findings === 'all' ? 'all' : findings[0]?.id ?? null);
    try {
      await api.post<RecordView>(`/records/${record.id}/guard/mask`, { version: record.version, ...(findings === 'all' ? {} : { findingIds: findings.map((f) => f.id) }) });
      void message.success(findings === 'all' ? '已遮盖标题和正文中的全部个人信息' : `已遮盖：${findings.map((f) => f.masked).join('、')}`);
      onChanged();
    } catch (e) {
      if (!stale(e, onChanged)) report(e);
    } finally {
      setBusy(null);
    }
  }

  const findings = guard?.findings ?? [];
  const unmaskedIds = new Set((guard?.unmasked ?? []).map((f) => f.id));
  const maskable = findings.filter((f) => MASKABLE.has(f.where));
  const override = record.guardOverride;

  return (
    <Card
      title={<h2 className="section-title">个人信息检查</h2>}
      className="record-card"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void load()} loading={loading && guard !== null}>
          重新检查
        </Button>
      }
    >
      <Spin spinning={loading && guard === null}>
        {guard?.marks.length ? (
          <Alert
            type="error"
            showIcon
            className="guard-alert"
            title="含有密级标志，不得公开发布"
            description={
              <>
                <p>检查发现密级标志：{guard.marks.map((m) => `“${m.text}”`).join('、')}。标有密级的信息一律不得公开（《政府信息公开条例》第十四条），此项不能放行。</p>
                <p>如确属误标，请删除标志后重新检查；否则请将公开属性改为“不予公开”。</p>
              </>
            }
          />
        ) : null}
        {guard && !findings.length && !guard.marks.length ? <Alert type="success" showIcon className="guard-alert" title="未发现个人信息" /> : null}
        {guard && findings.length ? (
          guard.overridden ? (
            <Alert
              type="info"
              showIcon
              className="guard-alert"
              title="检查结果已放行"
              description={override ? `${override.byLabel ?? '保密审查员'}于 ${formatDateTime(override.at)} 放行（${override.basis ?? ''}）：${override.reason ?? ''}` : undefined}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              className="guard-alert"
              title={`发现 ${guard.unmasked.length} 处未遮盖的个人信息`}
              description="遮盖后，或由保密审查员说明理由放行后，才能发布。"
            />
          )
        ) : null}
        {findings.length ? (
          <ol className="finding-list" aria-label="检查发现的个人信息">
            {findings.map((f, i) => (
              <li key={f.id} className="finding">
                <div className="finding-head">
                  <Tag className="tag-warning">{f.label}</Tag>
                  <span className="finding-where">位置：{whereText(f)}</span>
                  {!unmaskedIds.has(f.id) ? <Tag className="tag-info">已放行</Tag> : null}
                </div>
                <p className="finding-context">
                  <span className="sr-only">上下文：</span>
                  {f.context}
                </p>
                <p className="finding-masked muted small">遮盖后：<span className="mono">{f.masked}</span></p>
                {canMask && MASKABLE.has(f.where) ? (
                  <Button size="small" onClick={() => void mask([f])} loading={busy === f.id} disabled={busy !== null && busy !== f.id} aria-label={`遮盖第 ${i + 1} 处：${f.label}（${whereText(f)}）`}>
                    遮盖
                  </Button>
                ) : null}
                {f.where === 'attachment' ? <p className="muted small">附件中的个人信息无法在线遮盖：请上传处理后的附件替换。</p> : null}
              </li>
            ))}
          </ol>
        ) : null}
        <div className="guard-actions">
          {canMask && maskable.length > 1 ? (
            <Button onClick={() => void mask('all')} loading={busy === 'all'} disabled={busy !== null && busy !== 'all'}>
              全部遮盖
            </Button>
          ) : null}
          {canOverride && findings.length && !guard?.marks.length && !guard?.overridden ? <Button onClick={() => setOverriding(true)}>放行</Button> : null}
        </div>
        {findings.length && !isDraft && !guard?.overridden ? <p className="muted small">只有草稿可以遮盖：如需遮盖，请退回为草稿。</p> : null}
      </Spin>
      <OverrideModal
        record={record}
        open={overriding}
        onClose={() => setOverriding(false)}
        onStale={onChanged}
        onDone={() => {
          setOverriding(false);
          void message.success('已放行个人信息检查结果');
          onChanged();
        }}
      />
    </Card>
  );
}
