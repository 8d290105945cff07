// 登记申请 (/admin/requests/new): a request that came in person, by post, by e-mail or by fax, registered
// by the handler. The receipt date follows Art. 31 of the regulation: the day it is handed in or signed for,
// or, for an ordinary letter, an e-mail or a fax, the day receipt is confirmed with the applicant. The
// server checks everything again; its refusal appears on the field it names (applicant.idNumber …). On
// success the query code is shown once, to be given to the applicant.
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ORG_DOC_TYPES, PERSON_DOC_TYPES } from '../../../../src/core/requests/applicant.ts';
import { canOnUnit } from '../access';
import { api, ApiError } from '../api';
import { PageTitle } from '../components/PageTitle';
import { todayInShanghai } from '../format';
import { PERMISSIONS } from '../labels';
import { BASE, followLink, navigate } from '../router';
import { useSession } from '../session';
import type { RequestView } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { useRequestMeta } from './requests/useRequestMeta';

type Kind = 'person' | 'org';

interface Values {
  channel: string;
  arrivedOn: Dayjs | null;
  confirmedOn?: Dayjs | null;
  unitId?: string;
  kind: Kind;
  applicant: {
    type: string;
    name?: string;
    idType?: string;
    idNumber?: string;
    contactPerson?: string;
    phone?: string;
    email?: string;
    address?: string;
    postcode?: string;
  };
  infoTitle?: string;
  infoDocNo?: string;
  description?: string;
  infoForm: string;
  delivery: string;
  note?: string;
}

const DATE = 'YYYY-MM-DD';
/** Art. 31: the channels whose receipt date is a confirmation with the applicant. */
const CONFIRMED_CHANNELS = new Set(['post_ordinary', 'email', 'fax']);

const ARRIVED_LABELS: Record<string, string> = {
  in_person: '提交日期',
  post: '签收日期',
  post_ordinary: '信件收到日期',
  email: '邮件到达日期',
  fax: '传真收到日期',
};

const RECEIPT_RULES: Record<string, string> = {
  in_person: '当面提交的，以提交之日为收到申请之日（《条例》第三十一条第（一）项）。',
  post: '以邮政特快专递、挂号信等需要签收的方式邮寄的，以签收之日为收到申请之日（《条例》第三十一条第（二）项）。',
  post_ordinary: '平常信函等无需签收的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（《条例》第三十一条第（二）项）。',
  email: '通过电子邮件提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）。',
  fax: '通过传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）。',
};

const text = (v: string | undefined): string => (v ?? '').trim();
const orNull = (v: string | undefined): string | null => text(v) || null;

/** The form's name of a field the server names (applicant.idNumber → ['applicant', 'idNumber']). */
function fieldPath(field: string): (string | number)[] | null {
  const known = new Set(['channel', 'arrivedOn', 'confirmedOn', 'unitId', 'infoTitle', 'infoDocNo', 'description', 'infoForm', 'delivery', 'note']);
  if (known.has(field)) return [field];
  const m = /^applicant\.(type|name|idType|idNumber|contactPerson|phone|email|address|postcode)$/.exec(field);
  if (m) return m[1] === 'type' ? ['applicant', 'type'] : ['applicant', m[1]!];
  return null;
}

export default function RequestNewPage() {
  const { session } = useSession();
  const user = session.user;
  const meta = useRequestMeta();
  const { index } = useUnits(false);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ request: RequestView; queryCode: string } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const report = useApiError();
  const { message } = App.useApp();
  const channel = Form.useWatch('channel', form);
  const kind = Form.useWatch('kind', form);
  const arrivedOn = Form.useWatch('arrivedOn', form);
  const confirmedOn = Form.useWatch('confirmedOn', form);
  const delivery = Form.useWatch('delivery', form);
  const today = todayInShanghai();

  const units = useMemo(() => (meta?.units ?? []).filter((u) => canOnUnit(user, PERMISSIONS.requestsHandle, index.byId.get(u.id))), [meta, user, index]);
  const channels = useMemo(() => (meta?.channels ?? []).filter((c) => c.value !== 'online'), [meta]);
  const idTypes = useMemo(() => {
    const allowed: readonly string[] = kind === 'org' ? ORG_DOC_TYPES : PERSON_DOC_TYPES;
    return (meta?.idTypes ?? []).filter((t) => allowed.includes(t.value));
  }, [meta, kind]);
  const orgTypes = useMemo(() => (meta?.applicantTypes ?? []).filter((t) => t.value !== 'natural_person'), [meta]);

  // The handler of one unit has it chosen already.
  useEffect(() => {
    if (units.length === 1 && !form.getFieldValue('unitId')) form.setFieldValue('unitId', units[0]!.id);
  }, [units, form]);

  // Switching between a person and an organisation changes the kind of applicant and of identity document.
  useEffect(() => {
    if (!kind) return;
    const a = form.getFieldValue('applicant') as Values['applicant'] | undefined;
    const type = kind === 'org' ? (a?.type && a.type !== 'natural_person' ? a.type : 'enterprise') : 'natural_person';
    const allowed: readonly string[] = kind === 'org' ? ORG_DOC_TYPES : PERSON_DOC_TYPES;
    const idType = a?.idType && allowed.includes(a.idType) ? a.idType : allowed[0];
    form.setFieldsValue({ applicant: { ...a, type, idType } });
  }, [kind, form]);

  const needsConfirmation = !!channel && CONFIRMED_CHANNELS.has(channel);
  const receivedOn = needsConfirmation ? confirmedOn : arrivedOn;

  async function submit(values: Values) {
    setSaving(true);
    setRefusal(null);
    try {
      const a = values.applicant;
      const body = {
        channel: values.channel,
        arrivedOn: values.arrivedOn!.format(DATE),
        confirmedOn: needsConfirmation && values.confirmedOn ? values.confirmedOn.format(DATE) : null,
        unitId: values.unitId,
        applicant: {
          type: a.type,
          name: text(a.name),
          idType: a.idType,
          idNumber: text(a.idNumber),
          contactPerson: values.kind === 'org' ? orNull(a.contactPerson) : null,
          phone: orNull(a.phone),
          email: orNull(a.email),
          address: orNull(a.address),
          postcode: orNull(a.postcode),
        },
        infoTitle: orNull(values.infoTitle),
        infoDocNo: orNull(values.infoDocNo),
        description: text(values.description),
        infoForm: values.infoForm,
        delivery: values.delivery,
        note: orNull(values.note),
      };
      const res = await api.post<{ request: RequestView; queryCode: string }>('/requests', body);
      setCreated(res);
    } catch (e) {
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      const path = field ? fieldPath(field) : null;
      if (e instanceof ApiError && path) {
        form.setFields([{ name: path as never, errors: [e.message] }]);
        form.scrollToField(path as never, { block: 'center', focus: true });
        void message.error({ content: `未登记：${e.message}`, duration: 5 });
        return;
      }
      if (e instanceof ApiError && (e.status === 400 || e.status === 403 || e.status === 409)) {
        setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setSaving(false);
    }
  }

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/requests`} onClick={(e) => followLink(e, 'requests')}>
      返回列表
    </Button>
  );

  if (!meta) return <Spin className="page-spin" description="正在加载…" />;

  const hint = (s: string) => <span className="muted small">{s}</span>;
  return (
    <>
      <PageTitle title="登记申请" extra={back}>
        登记以当面、邮寄、电子邮件或传真方式提出的政府信息公开申请。网上申请由申请人在门户网站提交，在列表中确认收到即可。
      </PageTitle>
      <Form<Values>
        form={form}
        name="request-register"
        layout="vertical"
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center', focus: true });
        }}
        initialValues={{ channel: 'in_person', arrivedOn: dayjs(today, DATE), kind: 'person', applicant: { type: 'natural_person', idType: 'resident_id' }, infoForm: 'paper', delivery: 'collect' }}
        className="register-form"
        scrollToFirstError={false}
      >
        {refusal ? <Alert type="error" showIcon title="未登记" description={refusal} className="form-alert" role="alert" /> : null}
        <Card title={<h2 className="section-title">收到申请</h2>} className="record-card">
          <div className="form-grid">
            <Form.Item label="提交方式" name="channel" className="span-2" rules={[{ required: true, message: '请选择提交方式' }]}>
              <Radio.Group optionType="button" options={channels} />
            </Form.Item>
            <Form.Item
              label={ARRIVED_LABELS[channel ?? ''] ?? '收到日期'}
              name="arrivedOn"
              rules={[{ required: true, message: '请选择日期' }]}
              extra={hint(channel === 'post' ? '邮件签收单上的日期' : channel === 'in_person' ? '申请人当面递交申请的日期' : '申请到达本机关的日期')}
            >
              <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) > today} className="full-width" />
            </Form.Item>
            {needsConfirmation ? (
              <Form.Item
                label="与申请人确认收到的日期"
                name="confirmedOn"
                dependencies={['arrivedOn']}
                rules={[
                  { required: true, message: '请填写与申请人确认收到的日期（《条例》第三十一条）' },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: Dayjs | null) => {
                      const a = getFieldValue('arrivedOn') as Dayjs | null;
                      if (v && a && v.isBefore(a, 'day')) throw new Error('确认日期不能早于到达日期');
                    },
                  }),
                ]}
                extra={hint('电话、短信或电子邮件确认均可；确认之日为收到申请之日')}
              >
                <DatePicker format={DATE} disabledDate={(d) => d.format(DATE) > today} className="full-width" />
              </Form.Item>
            ) : (
              <div />
            )}
            {channel ? (
              <Alert
                className="span-2 receipt-rule"
                type="info"
                showIcon
                title={receivedOn ? `收到申请之日：${receivedOn.format(DATE)}` : '收到申请之日：待填写确认日期'}
                description={RECEIPT_RULES[channel] ?? ''}
              />
            ) : null}
            <Form.Item label="承办单位" name="unitId" rules={[{ required: true, message: '请选择承办单位' }]} extra={hint('申请所向的机关；只列出您可以办理的单位')}>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder="请选择承办单位" options={units.map((u) => ({ value: u.id, label: u.name }))} notFoundContent="您没有可以办理申请的单位" />
            </Form.Item>
            <Form.Item label="登记备注" name="note" rules={[{ max: 1000, message: '不能超过 1000 个字' }]}>
              <Input placeholder="如 信封上的邮戳日期、传真号码" />
            </Form.Item>
          </div>
        </Card>

        <Card title={<h2 className="section-title">申请人</h2>} className="record-card">
          <div className="form-grid">
            <Form.Item label="申请人类型" name="kind" className="span-2">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'person', label: '公民（自然人）' },
                  { value: 'org', label: '法人或其他组织' },
                ]}
              />
            </Form.Item>
            {kind === 'org' ? (
              <Form.Item label="组织类型" name={['applicant', 'type']} rules={[{ required: true, message: '请选择组织类型' }]} extra={hint('年度报告按此分类统计')}>
                <Select options={orgTypes} />
              </Form.Item>
            ) : (
              <Form.Item name={['applicant', 'type']} hidden>
                <Input />
              </Form.Item>
            )}
            <Form.Item
              label={kind === 'org' ? '名称' : '姓名'}
              name={['applicant', 'name']}
              rules={[
                { required: true, whitespace: true, message: kind === 'org' ? '请填写法人或其他组织的名称' : '请填写申请人姓名' },
                { max: 100, message: '不能超过 100 个字' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label={kind === 'org' ? '证照类型' : '证件类型'} name={['applicant', 'idType']} rules={[{ required: true, message: '请选择证件类型' }]}>
              <Select options={idTypes} />
            </Form.Item>
            <Form.Item
              label={kind === 'org' ? '统一社会信用代码或证照号码' : '证件号码'}
              name={['applicant', 'idNumber']}
              rules={[
                { required: true, whitespace: true, message: '请填写证件号码' },
                { max: 40, message: '不能超过 40 个字符' },
              ]}
              extra={hint('身份证号码和统一社会信用代码由服务器核对校验码')}
            >
              <Input autoComplete="off" spellCheck={false} className="mono" />
            </Form.Item>
            {kind === 'org' ? (
              <Form.Item label="联系人" name={['applicant', 'contactPerson']} rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }, { max: 50 }]}>
                <Input autoComplete="off" />
              </Form.Item>
            ) : null}
            <Form.Item label="联系电话" name={['applicant', 'phone']} rules={[{ max: 30 }]} extra={hint('联系电话和电子邮箱至少填一项')}>
              <Input autoComplete="off" inputMode="tel" />
            </Form.Item>
            <Form.Item label="电子邮箱" name={['applicant', 'email']} rules={[{ max: 200 }, { type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input autoComplete="off" inputMode="email" />
            </Form.Item>
            <Form.Item label="通信地址" name={['applicant', 'address']} rules={[{ max: 300 }, { required: delivery === 'post', whitespace: true, message: '选择邮寄送达时，请填写通信地址' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label="邮政编码" name={['applicant', 'postcode']} rules={[{ pattern: /^\d{6}$/, message: '邮政编码应为6位数字' }]}>
              <Input autoComplete="off" inputMode="numeric" maxLength={6} className="input-postcode" />
            </Form.Item>
          </div>
        </Card>

        <Card title={<h2 className="section-title">所需政府信息</h2>} className="record-card">
          <div className="form-grid">
            <Form.Item label="信息名称" name="infoTitle" rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
            <Form.Item label="文号" name="infoDocNo" rules={[{ max: 80 }]} extra={hint('如 示政发〔2026〕3号；不确定的可以不填，写在描述中')}>
              <Input />
            </Form.Item>
            <Form.Item
              label="所需信息的内容描述"
              name="description"
              className="span-2"
              rules={[
                { required: true, whitespace: true, message: '请填写所需信息的内容描述' },
                { max: 5000, message: '不能超过 5000 个字' },
              ]}
            >
              <Input.TextArea rows={5} />
            </Form.Item>
            <Form.Item label="提供形式" name="infoForm" rules={[{ required: true }]}>
              <Radio.Group options={meta.infoForms} />
            </Form.Item>
            <Form.Item label="获取方式" name="delivery" rules={[{ required: true }]}>
              <Radio.Group options={meta.deliveries} />
            </Form.Item>
          </div>
        </Card>
        <div className="form-actions">
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            登记
          </Button>
          {back}
        </div>
      </Form>

      <Modal
        open={created !== null}
        title="申请已登记"
        mask={{ closable: false }}
        closable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => created && navigate(`requests/${created.request.id}`, { replace: true })}>
            我已告知申请人，查看申请
          </Button>
        }
      >
        {created ? (
          <>
            <Alert type="warning" showIcon className="form-alert" title="查询码只显示这一次，关闭后无法再次查看。请立即告知申请人（或写入受理回执）。" />
            <dl className="query-code">
              <dt>申请编号</dt>
              <dd className="mono">{created.request.number}</dd>
              <dt>查询码</dt>
              <dd>
                <Typography.Text copyable={{ text: created.queryCode, tooltips: ['复制查询码', '已复制'] }} className="mono code-big">
                  {created.queryCode}
                </Typography.Text>
              </dd>
            </dl>
            <p className="muted">
              申请人凭申请编号和查询码在门户网站“依申请公开—查询办理进度”查看进度、下载告知书。答复期限：{created.request.dueOn ?? '—'}。
            </p>
          </>
        ) : null}
      </Modal>
    </>
  );
}
