// 有效性 of a normative document or rule: valid from its 施行日期 until its 有效期, unless amended by a later
// document, repealed or expired. Whoever keeps the validity of the unit's documents (records.validity)
// changes it here, with the date and a note; the change is checked again by the server (a repealed document
// never comes back) and saved with the version read, like every other change of a record.
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { todayInShanghai } from '../../format';
import { PERMISSIONS, VALIDITY_LABELS, VALIDITY_TAGS } from '../../labels';
import { useSession } from '../../session';
import type { Paged, RecordView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from './stale';

const DATE = 'YYYY-MM-DD';

interface Values {
  validity?: string;
  on?: Dayjs | null;
  amendedById?: string;
  note?: string;
}

/** The changes the server allows from the current validity (src/core/publishing/validity.ts). */
function choices(current: string): { value: string; label: string; disabled?: boolean }[] {
  const all = [
    { value: 'amended', label: '已修改' },
    { value: 'repealed', label: '已废止' },
    { value: 'expired', label: '已失效' },
  ];
  if (current === 'amended' || current === 'expired') all.push({ value: 'valid', label: '恢复有效' });
  return all.map((c) => ({ ...c, disabled: current === 'repealed' || (c.value === current && c.value !== 'amended') }));
}

function ValidityModal({ record, open, onClose, onDone, onStale }: { record: RecordView; open: boolean; onClose: () => void; onDone: (label: string) => void; onStale: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [candidates, setCandidates] = useState<RecordView[]>([]);
  const report = useApiError();
  const stale = useStaleDialog();
  const validity = Form.useWatch('validity', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ on: dayjs(todayInShanghai(), DATE) });
  }, [open, form]);

  const search = useCallback(
    async (q: string) => {
      try {
        const page = await api.get<Paged<RecordView>>('/records', { q: q.trim() || undefined, pageSize: 20 });
        setCandidates(page.items.filter((r) => r.id !== record.id));
      } catch (e) {
        report(e);
      }
    },
    [record.id, report],
  );

  useEffect(() => {
    if (open && validity === 'amended') void search('');
  }, [open, validity, search]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      await api.post<RecordView>(`/records/${record.id}/validity`, {
        validity: values.validity,
        on: values.on!.format(DATE),
        amendedById: values.validity === 'amended' ? values.amendedById : null,
        note: values.note?.trim() || null,
        version: record.version,
      });
      onDone(VALIDITY_LABELS[values.validity ?? ''] ?? values.validity ?? '');
    } catch (e) {
      if (stale(e, () => { onClose(); onStale(); })) return;
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (e instanceof ApiError && (field === 'validity' || field === 'on' || field === 'amendedById' || field === 'note')) form.setFields([{ name: field, errors: [e.message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const current = record.validity ?? 'valid';
  return (
    <Modal open={open} title={`变更有效性：${record.title}`} okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender width={560}>
      <p className="muted">当前为“{VALIDITY_LABELS[current] ?? current}”。变更记入流转记录和操作日志，门户的规范性文件库随之更新；已废止的文件不能恢复有效。</p>
      <Form<Values> form={form} name="record-validity" layout="vertical" onFinish={submit}>
        <Form.Item label="变更为" name="validity" rules={[{ required: true, message: '请选择变更后的有效性' }]}>
          <Radio.Group options={choices(current)} />
        </Form.Item>
        {validity === 'amended' ? (
          <Form.Item label="修改它的文件" name="amendedById" rules={[{ required: true, message: '“已修改”须选择修改它的文件' }]} extra="输入标题关键词、文号或索引号查找">
            <Select
              showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
              placeholder="请选择修改它的文件"
              options={candidates.map((r) => ({ value: r.id, label: `${r.title}（${r.docNo ?? r.indexNo}，${r.stateLabel}）` }))}
              notFoundContent="没有找到信息"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={validity === 'repealed' ? '废止日期' : validity === 'expired' ? '失效日期' : validity === 'amended' ? '修改日期' : '变更日期'}
          name="on"
          rules={[
            { required: true, message: '请选择日期' },
            {
              validator: (_, v: Dayjs | null) =>
                !v || !record.writtenOn || v.format(DATE) >= record.writtenOn ? Promise.resolve() : Promise.reject(new Error(`日期不能早于成文日期 ${record.writtenOn}`)),
            },
          ]}
        >
          <DatePicker format={DATE} className="full-width" />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ max: 1000, message: '说明不能超过 1000 个字' }]}>
          <Input.TextArea rows={3} placeholder="如：已被《××办法》（示政规〔2026〕1号）代替" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ValidityPanel({ record, unit, onChanged }: { record: RecordView; unit: Unit | undefined; onChanged: () => void }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  // A draft is not in force yet: its 施行日期 and 有效期 are edited in the form.
  const canChange = record.state !== 'draft' && canOnUnit(session.user, PERMISSIONS.recordsValidity, unit);
  const validity = record.validity ?? 'valid';
  const today = todayInShanghai();
  const lapsed = validity === 'valid' && !!record.expiresOn && record.expiresOn < today;

  return (
    <Card
      title={<h2 className="section-title">有效性</h2>}
      className="record-card"
      extra={
        canChange && validity !== 'repealed' ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)}>
            变更有效性
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'validity', label: '有效性', children: <Tag className={VALIDITY_TAGS[validity] ?? 'tag-neutral'}>{record.validityLabel ?? VALIDITY_LABELS[validity]}</Tag> },
          { key: 'effectiveOn', label: '施行日期', children: record.effectiveOn ?? <span className="muted">未填写</span> },
          { key: 'expiresOn', label: '有效期至', children: record.expiresOn ?? <span className="muted">长期有效</span> },
          ...(record.validityChangedOn ? [{ key: 'changedOn', label: '变更日期', children: record.validityChangedOn }] : []),
          ...(record.amendedById ? [{ key: 'amendedBy', label: '修改它的文件', children: <Link to={`records/${record.amendedById}`}>查看修改文件</Link> }] : []),
        ]}
      />
      {lapsed ? <Alert className="workflow-comment" type="warning" showIcon title={`有效期已于 ${record.expiresOn} 届满`} description="按有效期，该文件已失效；如已确认，请将有效性变更为“已失效”。" /> : null}
      <ValidityModal
        record={record}
        open={open}
        onClose={() => setOpen(false)}
        onStale={onChanged}
        onDone={(label) => {
          setOpen(false);
          void message.success(`有效性已变更为“${label}”`);
          onChanged();
        }}
      />
    </Card>
  );
}
