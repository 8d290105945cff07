// 办理: the steps the request offers now (allowedEvents, from the server's workflow), each a button that
// opens a dialog with exactly the fields that step needs. The server judges every step again; a refusal is
// shown in the dialog with its own message (e.g. 只能延期一次, 补正须在7个工作日内告知), on the field it
// names when it names one. A version changed meanwhile is handled as on the records pages: nothing is
// overwritten, the user reloads.
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { todayInShanghai } from '../../format';
import { PERMISSIONS } from '../../labels';
import { useSession } from '../../session';
import type { Paged, RecordView, RequestMeta, RequestView, User } from '../../types';
import { useApiError } from '../../useApiError';
import { useStaleDialog } from '../records/stale';
import { groupResults, isSingleRow } from './useRequestMeta';
import { useWorkingCalendar } from './workingDays';

const DATE = 'YYYY-MM-DD';

interface StepDef {
  button: string;
  /** The label of the date the step happened (sent as `on`); none: the step has no date of its own. */
  dateLabel?: string;
  /** The comment's label; required when `commentRequired`. */
  comment?: string;
  commentRequired?: string;
  danger?: boolean;
  secondary?: boolean;
}

const STEPS: Record<string, StepDef> = {
  register: { button: '确认收到', dateLabel: '与申请人确认收到的日期', comment: '登记说明（可不填）' },
  reply: { button: '作出答复', dateLabel: '答复日期' },
  request_correction: { button: '告知补正', dateLabel: '告知日期', comment: '需要补正的事项', commentRequired: '请写明需要补正的事项（一次性告知全部内容）', secondary: true },
  receive_correction: { button: '收到补正', dateLabel: '收到补正后申请的日期', comment: '说明（可不填）' },
  deem_abandoned: { button: '逾期未补正，办结', dateLabel: '办结日期', comment: '说明（可不填）', secondary: true },
  start_consultation: { button: '征求意见', dateLabel: '发出征求意见函的日期', comment: '征求意见的事项（可不填）', secondary: true },
  end_consultation: { button: '结束意见征询', dateLabel: '收到意见或期满的日期', comment: '意见摘要（可不填）' },
  issue_fee_notice: { button: '发出收费通知', dateLabel: '发出收费通知的日期', comment: '说明（可不填）', secondary: true },
  record_payment: { button: '登记已缴费', dateLabel: '缴费日期', comment: '说明（可不填）' },
  deem_fee_unpaid: { button: '逾期未缴费，办结', dateLabel: '办结日期', comment: '说明（可不填）', secondary: true },
  extend: { button: '延期答复', dateLabel: '延期决定日期', comment: '延期理由（将告知申请人）', commentRequired: '请写明延期的理由（将告知申请人）', secondary: true },
  assign: { button: '转办', comment: '转办说明（可不填）', secondary: true },
  deliver: { button: '登记送达', dateLabel: '送达日期' },
  withdraw: { button: '申请人撤回', dateLabel: '撤回日期', comment: '撤回原因', commentRequired: '请写明撤回的原因（如申请人书面撤回）', danger: true, secondary: true },
};

/** The order of the buttons: the usual next step first, the rare and the final ones last. */
const ORDER = ['register', 'reply', 'receive_correction', 'end_consultation', 'record_payment', 'deliver', 'request_correction', 'start_consultation', 'issue_fee_notice', 'extend', 'assign', 'deem_abandoned', 'deem_fee_unpaid', 'withdraw'];

const OUTCOMES = [
  { value: 'agreed', label: '同意公开' },
  { value: 'objected', label: '不同意公开（有异议）' },
  { value: 'no_reply', label: '逾期未提出意见' },
];

/** The fields of the step form that the server may name in a refusal (details.field). */
const FIELDS = new Set(['on', 'comment', 'correctionDueOn', 'pauseKind', 'party', 'consultationOutcome', 'extensionDays', 'approver', 'unitId', 'handlerId', 'result', 'referOrgan', 'recordIds', 'feeBasis', 'pages', 'deliveryNote']);

interface Values {
  on?: Dayjs | null;
  comment?: string;
  correctionDueOn?: Dayjs | null;
  pauseKind?: string;
  party?: string;
  consultationOutcome?: string;
  extensionDays?: number | null;
  approver?: string;
  unitId?: string;
  handlerId?: string;
  result?: string;
  referOrgan?: string;
  recordIds?: string[];
  feeBasis?: string;
  pages?: number | null;
  deliveryNote?: string;
}

function hintOf(event: string, r: RequestView, meta: RequestMeta): string | null {
  switch (event) {
    case 'register':
      return r.channel === 'online'
        ? '网上提交的申请，以政府信息公开工作机构与申请人双方确认之日为收到申请之日（《条例》第三十一条第（三）项），答复期限自此起算。'
        : '与申请人确认之日为收到申请之日（《条例》第三十一条），答复期限自此起算。';
    case 'request_correction':
      return `申请内容不明确的，应自收到申请之日起7个工作日内一次性告知申请人补正（《条例》第三十条）${r.clock ? `，本申请最迟于 ${r.clock.correctionNoticeDueOn} 告知` : ''}。告知后暂停计算答复期限，收到补正后的申请之日起重新计算。`;
    case 'receive_correction':
      return '答复期限自收到补正后的申请之日起重新计算20个工作日。';
    case 'deem_abandoned':
      return `补正期限${r.correctionDueOn ? `（${r.correctionDueOn}）` : ''}届满，申请人无正当理由未补正的，视为放弃申请，不再处理（《条例》第三十条；年度报告计入“（六）其他处理”第1项）。`;
    case 'start_consultation':
      return '公开可能损害第三方合法权益的，应书面征求第三方意见；共同制作的信息可以征求其他机关意见。对方应自收到之日起15个工作日内提出意见，征求意见所需时间不计入答复期限（《条例》第三十二条、第三十三条、第三十四条）。';
    case 'end_consultation':
      return '第三方逾期未提出意见的，由本机关依照《条例》决定是否公开；共同制作机关逾期未提出意见的，视为同意公开。';
    case 'issue_fee_notice':
      return '申请数量、频次明显超过合理范围的，可以收取信息处理费（《条例》第四十二条；国办函〔2020〕109号）。按件计收：同一申请人一个自然月内第11件起收费；按量计收：每件超过30页的部分收费。收费通知应在答复期限内发出，申请人应在20个工作日内缴纳。';
    case 'deem_fee_unpaid':
      return `缴费期限${r.fee?.dueOn ? `（${r.fee.dueOn}）` : ''}届满仍未缴纳的，不再处理该申请（年度报告计入“（六）其他处理”第2项）。`;
    case 'extend':
      return `需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过${meta.maxExtensionDays}个工作日，且只能延长一次（《条例》第三十三条）。`;
    case 'assign':
      return '转给其他单位或承办人办理；答复期限不变。';
    case 'reply':
      return '答复类型即年度报告第三部分“本年度办理结果”的分类。';
    case 'deliver':
      return '答复送达申请人后登记，申请随之办结。';
    case 'withdraw':
      return '申请人撤回申请的，申请随之终止（年度报告计入“（六）其他处理”第3项）。';
    default:
      return null;
  }
}

function StepModal({ request, meta, event, onClose, onDone, onStale }: { request: RequestView; meta: RequestMeta; event: string | null; onClose: () => void; onDone: (view: RequestView, text: string) => void; onStale: () => void }) {
  const { can } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [records, setRecords] = useState<RecordView[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const report = useApiError();
  const stale = useStaleDialog();
  const calendar = useWorkingCalendar();
  const today = todayInShanghai();
  const step = event ? STEPS[event] : undefined;
  const result = Form.useWatch('result', form);
  const feeBasis = Form.useWatch('feeBasis', form);
  const extensionDays = Form.useWatch('extensionDays', form);
  const assignUnit = Form.useWatch('unitId', form);

  const chosen = useMemo(() => meta.results.find((r) => r.value === result), [meta, result]);
  const groups = useMemo(() => groupResults(meta.results.filter((r) => r.handler)), [meta]);

  useEffect(() => {
    if (!event) return;
    form.resetFields();
    setRefusal(null);
    form.setFieldsValue({
      on: dayjs(today, DATE),
      ...(event === 'extend' ? { extensionDays: meta.maxExtensionDays } : {}),
      ...(event === 'start_consultation' ? { pauseKind: 'third_party' } : {}),
      ...(event === 'issue_fee_notice' ? { feeBasis: 'per_request' } : {}),
    });
  }, [event, form, meta.maxExtensionDays, today]);

  const searchRecords = useCallback(
    async (q: string) => {
      try {
        const page = await api.get<Paged<RecordView>>('/records', { state: 'published', q: q.trim() || undefined, pageSize: 20 });
        setRecords((prev) => {
          const keep = prev.filter((r) => (form.getFieldValue('recordIds') as string[] | undefined)?.includes(r.id));
          return [...keep, ...page.items.filter((r) => !keep.some((k) => k.id === r.id))];
        });
      } catch (e) {
        report(e);
      }
    },
    [form, report],
  );

  useEffect(() => {
    if (event === 'reply' && chosen?.provides) void searchRecords('');
  }, [event, chosen?.provides, searchRecords]);

  const mayPickUser = can(PERMISSIONS.usersRead);
  const searchUsers = useCallback(
    async (q: string) => {
      if (!mayPickUser) return;
      try {
        const page = await api.get<Paged<User>>('/users', { unitId: assignUnit, includeSubunits: true, q: q.trim() || undefined, pageSize: 50 });
        setUsers(page.items.filter((u) => u.active));
      } catch (e) {
        report(e);
      }
    },
    [mayPickUser, assignUnit, report],
  );

  useEffect(() => {
    if (event === 'assign') void searchUsers('');
  }, [event, searchUsers]);

  async function submit(values: Values) {
    if (!event || !step) return;
    setBusy(true);
    setRefusal(null);
    try {
      const body: Record<string, unknown> = { event, version: request.version, comment: values.comment?.trim() || null };
      if (step.dateLabel && values.on) body.on = values.on.format(DATE);
      if (event === 'request_correction' && values.correctionDueOn) body.correctionDueOn = values.correctionDueOn.format(DATE);
      if (event === 'start_consultation') Object.assign(body, { pauseKind: values.pauseKind, party: values.party?.trim() || null });
      if (event === 'end_consultation') body.consultationOutcome = values.consultationOutcome;
      if (event === 'extend') Object.assign(body, { extensionDays: values.extensionDays ?? null, approver: values.approver?.trim() || null });
      if (event === 'issue_fee_notice') Object.assign(body, { feeBasis: values.feeBasis, pages: values.feeBasis === 'per_page' ? (values.pages ?? null) : null });
      if (event === 'assign') Object.assign(body, { unitId: values.unitId ?? null, handlerId: values.handlerId ?? null });
      if (event === 'reply') {
        Object.assign(body, { result: values.result, referOrgan: values.result === 'unable.not_held' ? values.referOrgan?.trim() || null : null });
        if (chosen?.provides) body.recordIds = values.recordIds ?? [];
      }
      if (event === 'deliver') body.deliveryNote = values.deliveryNote?.trim() || null;
      const view = await api.post<RequestView>(`/requests/${request.id}/actions`, body);
      onDone(view, `已${step.button.replace(/，.*$/, '')}`);
    } catch (e) {
      if (stale(e, () => { onClose(); onStale(); })) return;
      if (e instanceof ApiError) {
        const field = typeof e.details?.field === 'string' ? e.details.field : null;
        if (field && FIELDS.has(field)) {
          form.setFields([{ name: field as keyof Values, errors: [e.message] }]);
        }
        if (e.status < 500 && e.status !== 401) {
          setRefusal(e.message);
          return;
        }
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const hint = event ? hintOf(event, request, meta) : null;
  const newDue = event === 'extend' && calendar && request.dueOn && extensionDays && extensionDays > 0 ? calendar.dueDate(request.dueOn, extensionDays) : null;
  const hintText = (s: string) => <span className="muted small">{s}</span>;

  return (
    <Modal
      open={event !== null}
      title={step ? `${step.button}：${request.number}` : ''}
      okText={step?.button ?? '确定'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ danger: !!step?.danger }}
      forceRender
      destroyOnHidden={false}
      width={event === 'reply' ? 680 : 560}
    >
      {hint ? <p className="muted step-hint">{hint}</p> : null}
      {refusal ? <Alert type="error" showIcon title="未能办理" description={refusal} className="form-alert" role="alert" /> : null}
      <Form<Values> form={form} name="request-step" layout="vertical" onFinish={submit}>
        {event === 'reply' ? (
          <>
            <Form.Item label="答复类型" name="result" rules={[{ required: true, message: '请选择答复类型' }]} extra={chosen ? hintText(`${chosen.groupLabel}${isSingleRow({ group: chosen.group, groupLabel: chosen.groupLabel, results: [chosen] }) ? '' : ` · ${chosen.label}`}`) : hintText('按年度报告“本年度办理结果”的分类选择')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择答复类型"
                listHeight={360}
                popupMatchSelectWidth={false}
                labelRender={({ value }) => meta.results.find((r) => r.value === value)?.short ?? String(value)}
                options={groups.map((g) =>
                  isSingleRow(g)
                    ? { value: g.results[0]!.value, label: g.groupLabel }
                    : { label: g.groupLabel, title: g.groupLabel, options: g.results.map((r) => ({ value: r.value, label: r.label })) },
                )}
              />
            </Form.Item>
            {chosen ? (
              <Alert className="form-alert" type="info" showIcon title={`法律依据：${chosen.ground}`} description={chosen.reasonRequired ? '该答复类型须向申请人说明理由。' : undefined} />
            ) : null}
            {result === 'unable.not_held' ? (
              <Form.Item label="负责公开该信息的机关及联系方式" name="referOrgan" rules={[{ max: 300 }]} extra={hintText('能够确定负责公开该信息的机关的，告知申请人该机关的名称、联系方式（《条例》第三十六条第（五）项）')}>
                <Input />
              </Form.Item>
            ) : null}
            {chosen?.provides ? (
              <Form.Item label="提供的政府信息（已公开的）" name="recordIds" extra={hintText('输入标题关键词或文号查找已发布的政府信息；申请人可在查询页面直接打开')}>
                <Select
                  mode="multiple"
                  showSearch={{ filterOption: false, onSearch: (q) => void searchRecords(q) }}
                  placeholder="查找已发布的政府信息"
                  options={records.map((r) => ({ value: r.id, label: `${r.title}${r.docNo ? `（${r.docNo}）` : ''}` }))}
                  notFoundContent="没有找到已发布的信息"
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              label={chosen?.reasonRequired ? '答复理由（向申请人说明）' : '答复说明（可不填，如获取信息的方式、途径和时间）'}
              name="comment"
              rules={[{ required: !!chosen?.reasonRequired, whitespace: true, message: '该答复类型须向申请人说明理由，请填写' }, { max: 5000, message: '不能超过 5000 个字' }]}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        ) : null}
        {event === 'request_correction' ? (
          <Form.Item label="补正期限（最后一日）" name="correctionDueOn" extra={hintText('给申请人的合理补正期限；不填则为告知之日起15个工作日')}>
            <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) <= today} className="full-width" />
          </Form.Item>
        ) : null}
        {event === 'start_consultation' ? (
          <>
            <Form.Item label="征求意见的对象类别" name="pauseKind" rules={[{ required: true, message: '请选择征求意见的对象类别' }]}>
              <Radio.Group options={meta.pauseKinds} />
            </Form.Item>
            <Form.Item label="征求意见的对象" name="party" rules={[{ required: true, whitespace: true, message: '请填写征求意见的对象（第三方或机关名称）' }, { max: 200 }]}>
              <Input placeholder="如 示范县某某建材有限公司" />
            </Form.Item>
          </>
        ) : null}
        {event === 'end_consultation' ? (
          <Form.Item label="征求意见结果" name="consultationOutcome" rules={[{ required: true, message: '请选择征求意见的结果' }]}>
            <Radio.Group options={OUTCOMES} />
          </Form.Item>
        ) : null}
        {event === 'issue_fee_notice' ? (
          <>
            <Form.Item label="收费方式" name="feeBasis" rules={[{ required: true, message: '请选择收费方式' }]} extra={hintText('按件或按量，只能选一种')}>
              <Radio.Group options={meta.feeBases} />
            </Form.Item>
            {feeBasis === 'per_page' ? (
              <Form.Item label="页数" name="pages" rules={[{ required: true, message: '按量计收须填写页数' }]}>
                <InputNumber min={0} max={1_000_000} precision={0} className="full-width" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {event === 'extend' ? (
          <>
            <Form.Item
              label={`延长的工作日数（1至${meta.maxExtensionDays}）`}
              name="extensionDays"
              rules={[
                { required: true, message: '请填写延长的工作日数' },
                { type: 'integer', min: 1, max: meta.maxExtensionDays, message: `延长的期限应为1至${meta.maxExtensionDays}个工作日` },
              ]}
              extra={newDue ? hintText(`现答复期限 ${request.dueOn}，延长后约为 ${newDue}（以保存后系统计算为准）`) : undefined}
            >
              <InputNumber min={1} max={meta.maxExtensionDays} precision={0} className="full-width" />
            </Form.Item>
            <Form.Item label="批准人（政府信息公开工作机构负责人）" name="approver" rules={[{ required: true, whitespace: true, message: '延期须经工作机构负责人同意，请填写批准人' }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {event === 'assign' ? (
          <>
            <Form.Item label="转办到的单位" name="unitId" extra={hintText('不改单位、只换承办人的，可不选')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={`现为 ${request.unitName}`}
                options={meta.units.filter((u) => u.id !== request.unitId).map((u) => ({ value: u.id, label: u.name }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            {mayPickUser ? (
              <Form.Item label="承办人" name="handlerId">
                <Select
                  allowClear
                  showSearch={{ filterOption: false, onSearch: (q) => void searchUsers(q) }}
                  placeholder={request.handlerName ? `现为 ${request.handlerName}` : '请选择承办人'}
                  options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}）` }))}
                  notFoundContent="没有找到用户"
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {event === 'deliver' ? (
          <Form.Item label="送达情况" name="deliveryNote" rules={[{ max: 1000 }]} extra={hintText('如 已通过门户网站送达；邮寄单号；当面领取并签收')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
        {step?.dateLabel ? (
          <Form.Item label={step.dateLabel} name="on" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) > today} className="full-width" allowClear={false} />
          </Form.Item>
        ) : null}
        {step?.comment && event !== 'reply' ? (
          <Form.Item
            label={step.comment}
            name="comment"
            rules={[
              { required: !!step.commentRequired, whitespace: true, message: step.commentRequired ?? '' },
              { max: 5000, message: '不能超过 5000 个字' },
            ]}
          >
            <Input.TextArea rows={event === 'request_correction' || event === 'extend' ? 4 : 2} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function ActionsPanel({ request, meta, onChanged, onReload }: { request: RequestView; meta: RequestMeta; onChanged: (view: RequestView) => void; onReload: () => void }) {
  const { message } = App.useApp();
  const [event, setEvent] = useState<string | null>(null);
  // Each opening gets a fresh dialog: a reused one keeps the hidden spinner of its last OK button, which
  // screen readers would still announce ("loading 作出答复").
  const [opened, setOpened] = useState(0);
  const events = ORDER.filter((e) => request.allowedEvents.includes(e) && STEPS[e]);

  return (
    <Card title={<h2 className="section-title">办理</h2>} className="record-card">
      {events.length ? (
        <Space wrap role="group" aria-label="办理操作">
          {events.map((e, i) => (
            <Button key={e} type={i === 0 && !STEPS[e]!.secondary ? 'primary' : 'default'} danger={!!STEPS[e]!.danger} onClick={() => {
              setOpened((n) => n + 1);
              setEvent(e);
            }}>
              {STEPS[e]!.button}
            </Button>
          ))}
        </Space>
      ) : (
        <p className="muted">{request.mayHandle ? '申请已办结，没有需要办理的事项。' : '您可以查看此申请，但不能办理（需要该单位的依申请公开办理权限）。'}</p>
      )}
      <StepModal
        key={opened}
        request={request}
        meta={meta}
        event={event}
        onClose={() => setEvent(null)}
        onStale={onReload}
        onDone={(view, text) => {
          setEvent(null);
          void message.success(text);
          onChanged(view);
        }}
      />
    </Card>
  );
}
