// 流程: where the record stands (state, 索引号, deadline and its derivation, the last comment) and the steps
// the user may take now. Which steps are offered follows the state and the user's roles on the record's
// unit; the server decides, and when it refuses its message is shown.
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit, RECORD_STEPS, stepPermission, type RecordEvent } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { formatDateTime, todayInShanghai } from '../../format';
import { useSession } from '../../session';
import type { Paged, RecordView, Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { isOverdue, StateTag } from './RecordBits';
import { useStaleDialog } from './stale';

type Step = (typeof RECORD_STEPS)[number];

const HINTS: Partial<Record<RecordEvent, string>> = {
  submit: '提交后由单位审核人审核，审核期间不能修改。',
  pass_review: '审核通过后送保密审查员进行保密审查。',
  pass_confidentiality: '保密审查通过后，信息员即可发布。',
  unschedule: '取消后信息回到“已审定”，可重新发布或退回。',
  reject: '退回后信息回到草稿，由信息员按意见修改后重新提交。',
  withdraw: '撤回后门户页面不再显示正文，只显示撤回说明。',
  supersede: '被替代后门户页面指向新的信息。',
};

const COMMENT_LABELS: Partial<Record<RecordEvent, string>> = {
  reject: '退回意见',
  withdraw: '撤回说明（向公众公开）',
};

interface ActionValues {
  comment?: string;
  when?: 'now' | 'later';
  publishAt?: Dayjs | null;
  supersededById?: string;
}

/** A Beijing wall-clock time (what the picker shows) as an instant. */
function shanghaiInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

function ActionModal({ record, step, onClose, onDone, onStale }: { record: RecordView; step: Step | null; onClose: () => void; onDone: (label: string) => void; onStale: () => void }) {
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const [candidates, setCandidates] = useState<RecordView[]>([]);
  const report = useApiError();
  const stale = useStaleDialog();
  const when = Form.useWatch('when', form);
  const event = step?.event;

  useEffect(() => {
    if (step) form.resetFields();
  }, [step, form]);

  const searchCandidates = useCallback(
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
    if (event === 'supersede') void searchCandidates('');
  }, [event, searchCandidates]);

  async function submit(values: ActionValues) {
    if (!step) return;
    setBusy(true);
    try {
      const later = step.event === 'publish' && values.when === 'later' && values.publishAt;
      await api.post<RecordView>(`/records/${record.id}/actions`, {
        event: step.event,
        version: record.version,
        comment: values.comment?.trim() || null,
        ...(later ? { publishAt: shanghaiInstant(values.publishAt!) } : {}),
        ...(step.event === 'supersede' ? { supersededById: values.supersededById } : {}),
      });
      onDone(later ? `已设定于 ${values.publishAt!.format('YYYY-MM-DD HH:mm')} 定时发布` : `已${step.label}`);
    } catch (e) {
      if (stale(e, () => { onClose(); onStale(); })) return;
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (field === 'comment' || field === 'publishAt' || field === 'supersededById') form.setFields([{ name: field, errors: [(e as ApiError).message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  const commentRequired = event === 'reject' || event === 'withdraw';
  return (
    <Modal
      open={step !== null}
      title={step ? `${step.label}：${record.title}` : ''}
      okText={step?.label ?? '确定'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ danger: event === 'withdraw' || event === 'reject' }}
      forceRender
      destroyOnHidden={false}
    >
      {event && HINTS[event] ? <p className="muted">{HINTS[event]}</p> : null}
      <Form<ActionValues> form={form} name="record-action" layout="vertical" onFinish={submit} initialValues={{ when: 'now' }}>
        {event === 'publish' ? (
          <>
            <Form.Item label="发布时间" name="when">
              <Radio.Group
                options={[
                  { value: 'now', label: '立即发布' },
                  { value: 'later', label: '定时发布' },
                ]}
              />
            </Form.Item>
            {when === 'later' ? (
              <Form.Item
                label="定时发布时间（北京时间）"
                name="publishAt"
                rules={[
                  { required: true, message: '请选择定时发布的时间' },
                  {
                    validator: (_, v: Dayjs | null) =>
                      !v || new Date(shanghaiInstant(v)).getTime() > Date.now() ? Promise.resolve() : Promise.reject(new Error('定时发布的时间须晚于现在')),
                  },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()} className="full-width" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {event === 'supersede' ? (
          <Form.Item label="替代它的新信息" name="supersededById" rules={[{ required: true, message: '请选择替代它的新信息' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: (q) => void searchCandidates(q) }}
              placeholder="输入标题关键词、文号或索引号查找"
              options={candidates.map((r) => ({ value: r.id, label: `${r.title}（${r.indexNo}，${r.stateLabel}）` }))}
              notFoundContent="没有找到信息"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={(event && COMMENT_LABELS[event]) ?? '意见（可不填）'}
          name="comment"
          rules={[
            { required: commentRequired, whitespace: true, message: event === 'withdraw' ? '撤回时请填写向公众说明的撤回说明' : '退回时请写明修改意见' },
            { max: 2000, message: '不能超过 2000 个字' },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WorkflowPanel({ record, unit, dirty, onChanged }: { record: RecordView; unit: Unit | undefined; dirty: boolean; onChanged: () => void }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step | null>(null);
  const user = session.user;

  const steps = useMemo(
    () => RECORD_STEPS.filter((s) => s.from.includes(record.state) && canOnUnit(user, stepPermission(s.event, record.state), unit)),
    [record.state, user, unit],
  );
  const notProactive = record.attribute !== 'proactive';
  const overdue = isOverdue(record);

  function open(s: Step) {
    if (dirty && s.event === 'submit') {
      void message.warning('表单中有尚未保存的修改，请先保存再提交审核');
      return;
    }
    setStep(s);
  }

  return (
    <Card title={<h2 className="section-title">流程</h2>} className="record-card">
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'state', label: '状态', children: <StateTag state={record.state} label={record.stateLabel} /> },
          { key: 'indexNo', label: '索引号', children: <span className="mono">{record.indexNo}</span> },
          { key: 'attribute', label: '公开属性', children: record.attributeGroundText ? `${record.attributeLabel}（${record.attributeGroundText}）` : record.attributeLabel },
          {
            key: 'due',
            label: '公开期限',
            children: record.dueOn ? (
              <div>
                <span className={overdue ? 'due-overdue' : undefined}>
                  {record.dueOn}
                  {overdue ? ' 已逾期' : ''}
                </span>
                {record.workingDaysLate ? <span className="due-late">（逾期 {record.workingDaysLate} 个工作日发布）</span> : null}
                {record.dueExplanation ? <p className="due-explanation muted">{record.dueExplanation}</p> : null}
              </div>
            ) : (
              <span className="muted">非主动公开信息，不计公开期限</span>
            ),
          },
          ...(record.scheduledAt ? [{ key: 'scheduledAt', label: '定时发布', children: formatDateTime(record.scheduledAt) }] : []),
          ...(record.publishedAt ? [{ key: 'publishedAt', label: '发布时间', children: formatDateTime(record.publishedAt) }] : []),
          ...(record.withdrawnAt ? [{ key: 'withdrawnAt', label: '撤回时间', children: formatDateTime(record.withdrawnAt) }] : []),
          ...(record.withdrawnNote ? [{ key: 'withdrawnNote', label: '撤回说明', children: record.withdrawnNote }] : []),
          ...(record.supersededById ? [{ key: 'supersededBy', label: '替代它的信息', children: <Link to={`records/${record.supersededById}`}>查看新信息</Link> }] : []),
          ...(record.supersedesId ? [{ key: 'supersedes', label: '替代的旧信息', children: <Link to={`records/${record.supersedesId}`}>查看旧信息</Link> }] : []),
        ]}
      />
      {record.lastComment ? <Alert className="workflow-comment" type="warning" showIcon title="退回意见" description={record.lastComment} /> : null}
      <h3 className="subsection-title">可执行的操作</h3>
      {steps.length ? (
        <Space wrap role="group" aria-label="流程操作">
          {steps.map((s) =>
            s.event === 'publish' && notProactive ? null : (
              <Button key={s.event} type={s.event === 'reject' || s.event === 'withdraw' || s.event === 'supersede' || s.event === 'unschedule' ? 'default' : 'primary'} danger={s.event === 'withdraw'} onClick={() => open(s)}>
                {s.label}
              </Button>
            ),
          )}
        </Space>
      ) : (
        <p className="muted">当前状态下没有您可以执行的操作。</p>
      )}
      {record.state === 'approved' && notProactive ? <p className="muted small">公开属性为“{record.attributeLabel}”的信息不主动发布。</p> : null}
      <ActionModal
        record={record}
        step={step}
        onClose={() => setStep(null)}
        onStale={onChanged}
        onDone={(text) => {
          setStep(null);
          void message.success(text);
          onChanged();
        }}
      />
    </Card>
  );
}

