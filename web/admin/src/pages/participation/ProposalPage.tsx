// One suggestion or proposal (/admin/proposals/:id; the 交办 notifications link here): the office assigns it
// to a lead unit and co-units (the reply deadline is counted from the first assignment), the lead unit
// replies with the result category (A/B/C) and the disclosure attribute (全文公开 / 摘要公开 with the
// summary / 不公开 with the reason), and the reply is published on the portal. The server keeps the rules
// (a 不公开 reply is never published) and its Chinese message is shown as it comes.
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { PERMISSIONS } from '../../labels';
import { routeParam, useRoute } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useStaleDialog } from '../records/stale';
import { PROPOSAL_DISCLOSURE_LABELS, PROPOSAL_RESULT_LABELS, type Proposal, type ProposalDisclosure, type ProposalResult } from './engagement';

type Dialog = 'assign' | 'reply' | null;

interface Values {
  unitId?: string;
  coUnitIds?: string[];
  reply?: string;
  result?: ProposalResult;
  disclosure?: ProposalDisclosure;
  disclosureReason?: string;
  summary?: string;
}

const FIELDS = ['unitId', 'coUnitIds', 'reply', 'result', 'disclosure', 'disclosureReason', 'summary'] as const;

export default function ProposalPage() {
  const id = routeParam(useRoute(), 'proposals') ?? '';
  const { session } = useSession();
  const [p, setP] = useState<Proposal | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const disclosure = Form.useWatch('disclosure', form);
  const { units, index } = useUnits();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setP(await api.get<Proposal>(`/proposals/${id}`));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Opens a dialog with its values (every field set, so nothing of the previous dialog stays). */
  const open = (d: Dialog) => {
    form.resetFields();
    form.setFieldsValue({
      unitId: d === 'assign' && p && p.state !== 'registered' ? p.unitId : undefined,
      coUnitIds: d === 'assign' && p ? p.coUnits.map((u) => u.id) : undefined,
      reply: undefined,
      result: undefined,
      disclosure: d === 'reply' ? 'full' : undefined,
      disclosureReason: undefined,
      summary: undefined,
    });
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  async function write(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await run();
      void message.success(done);
      setDialog(null);
      await load();
    } catch (e) {
      if (stale(e, () => { setDialog(null); void load(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = FIELDS.find((f) => f === e.details?.field);
        if (field && dialog) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    if (!p) return;
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog === 'assign') await write(() => api.post(`/proposals/${p.id}/assign`, { version: p.version, unitId: v.unitId, coUnitIds: v.coUnitIds ?? [] }), '已交办');
    else if (dialog === 'reply')
      await write(
        () =>
          api.post(`/proposals/${p.id}/reply`, {
            version: p.version,
            reply: v.reply?.trim() ?? '',
            result: v.result,
            disclosure: v.disclosure,
            disclosureReason: v.disclosure === 'none' ? (v.disclosureReason?.trim() ?? '') : null,
            summary: v.disclosure === 'summary' ? (v.summary?.trim() ?? '') : null,
          }),
        '答复已保存',
      );
  }

  if (!p) return <PageTitle title={loading ? '正在加载…' : '建议提案'} />;
  // As the server decides: the office (edit on the government) assigns; the lead unit answers and publishes.
  // A co-unit (协办) reads the proposal but has none of these buttons.
  const root = index.roots[0];
  const lead = index.byId.get(p.unitId);
  const mayAssign = canOnUnit(session.user, PERMISSIONS.recordsEdit, root);
  const mayEdit = canOnUnit(session.user, PERMISSIONS.recordsEdit, lead);
  const mayPublish = canOnUnit(session.user, PERMISSIONS.recordsPublish, lead);

  return (
    <>
      <PageTitle
        title={p.title}
        extra={
          <Space wrap>
            <Tag className={p.state === 'published' ? 'tag-success' : p.overdue ? 'tag-warning' : undefined}>{p.stateLabel}</Tag>
            {mayAssign && (p.state === 'registered' || p.state === 'assigned') ? (
              <Button type={p.state === 'registered' ? 'primary' : 'default'} onClick={() => open('assign')}>
                {p.state === 'registered' ? '交办' : '重新交办'}
              </Button>
            ) : null}
            {mayEdit && p.state === 'assigned' ? (
              <Button type="primary" onClick={() => open('reply')}>
                答复
              </Button>
            ) : null}
            {mayPublish && p.state === 'replied' ? (
              <Button type="primary" loading={busy} onClick={() => void write(() => api.post(`/proposals/${p.id}/publish`, { version: p.version }), '答复已在门户网站公开')}>
                在门户网站公开
              </Button>
            ) : null}
          </Space>
        }
      />
      {refusal && !dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="consultation-facts">
        <Descriptions.Item label="类别">{p.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="编号">
          {p.session} {p.number}
        </Descriptions.Item>
        <Descriptions.Item label="提出人">{p.proposers.join('、')}</Descriptions.Item>
        <Descriptions.Item label="主办单位">{p.state === 'registered' ? <span className="muted">待交办</span> : p.unitName}</Descriptions.Item>
        <Descriptions.Item label="协办单位">{p.coUnits.length ? p.coUnits.map((u) => u.name).join('、') : '无'}</Descriptions.Item>
        <Descriptions.Item label="交办日期">{p.assignedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="答复期限" span={2}>
          {p.dueOn ? (
            <span>
              <span className={p.overdue ? 'due-overdue' : undefined}>
                {p.dueOn}
                {p.overdue ? ' 已逾期' : ''}
              </span>
              {p.dueExplanation ? <div className="muted small">{p.dueExplanation}</div> : null}
            </span>
          ) : (
            <span className="muted">交办后按规定计算</span>
          )}
        </Descriptions.Item>
      </Descriptions>

      <section className="consultation-section" aria-labelledby="content-title">
        <h2 id="content-title" className="section-title">
          建议提案内容
        </h2>
        <p className="pre-line">{p.content}</p>
      </section>

      {p.reply !== null ? (
        <section className="consultation-section" aria-labelledby="reply-title">
          <h2 id="reply-title" className="section-title">
            答复
          </h2>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="consultation-facts">
            <Descriptions.Item label="办理结果">{p.resultLabel}</Descriptions.Item>
            <Descriptions.Item label="公开属性">
              {p.disclosureLabel}
              {p.published ? (
                <>
                  {' '}
                  <Tag className="tag-success">已公开</Tag>
                  <a href={`/hdjl/jyta/${p.id}`} target="_blank" rel="noreferrer">
                    在门户网站查看
                  </a>
                </>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label="答复日期">
              {p.repliedOn}
              {p.daysLate ? <span className="due-late">逾期{p.daysLate}日</span> : null}
            </Descriptions.Item>
            {p.disclosure === 'none' ? <Descriptions.Item label="不公开的理由">{p.disclosureReason}</Descriptions.Item> : null}
            {p.disclosure === 'summary' ? (
              <Descriptions.Item label="公开的摘要" span={2}>
                <span className="pre-line">{p.summary}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <p className="pre-line">{p.reply}</p>
        </section>
      ) : null}

      <Modal
        key={opened}
        open={!!dialog}
        title={dialog === 'assign' ? '交办建议提案' : '答复建议提案'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        width={dialog === 'reply' ? 720 : 560}
      >
        {refusal && dialog ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="proposal-dialog">
          {dialog === 'assign' ? (
            <>
              {p.dueOn ? <Alert type="info" showIcon className="form-alert" title={`重新交办不重新计算答复期限（仍为 ${p.dueOn}）。`} /> : null}
              <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
                <UnitTreeSelect index={index} />
              </Form.Item>
              <Form.Item name="coUnitIds" label="协办单位（可多选，可不选）">
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="输入单位名称查找"
                  options={units.filter((u) => !u.abolished).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'reply' ? (
            <>
              <Form.Item name="reply" label="答复全文" rules={[{ required: true, whitespace: true, message: '请填写答复全文' }, { min: 10, message: '答复全文至少10个字' }, { max: 50000 }]}>
                <Input.TextArea rows={8} />
              </Form.Item>
              <Form.Item name="result" label="办理结果" rules={[{ required: true, message: '请选择办理结果类别' }]}>
                <Radio.Group options={(Object.keys(PROPOSAL_RESULT_LABELS) as ProposalResult[]).map((r) => ({ value: r, label: PROPOSAL_RESULT_LABELS[r] }))} />
              </Form.Item>
              <Form.Item name="disclosure" label="公开属性" rules={[{ required: true, message: '请选择公开属性' }]}>
                <Radio.Group options={(Object.keys(PROPOSAL_DISCLOSURE_LABELS) as ProposalDisclosure[]).map((d) => ({ value: d, label: PROPOSAL_DISCLOSURE_LABELS[d] }))} />
              </Form.Item>
              {disclosure === 'summary' ? (
                <Form.Item name="summary" label="公开的摘要" rules={[{ required: true, whitespace: true, message: '摘要公开的答复须填写公开的摘要' }, { max: 5000 }]}>
                  <Input.TextArea rows={4} />
                </Form.Item>
              ) : null}
              {disclosure === 'none' ? (
                <Form.Item name="disclosureReason" label="不公开的理由" rules={[{ required: true, whitespace: true, message: '不公开的答复须说明不公开的理由' }, { max: 1000 }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
              ) : null}
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
