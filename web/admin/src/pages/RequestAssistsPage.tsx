// 依申请公开协查 (/admin/request-assists; the overdue reminders link here): the 协查 addressed to the
// units where the user may assist, open ones first, each answered with text. Only the question is shown,
// never the applicant.
import { Alert, App, Button, Form, Input, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { RequestAssist } from '../types';
import { useApiError } from '../useApiError';
import { useStaleDialog } from './records/stale';

export default function RequestAssistsPage() {
  const { can } = useSession();
  const [openOnly, setOpenOnly] = useState(true);
  const [items, setItems] = useState<RequestAssist[]>([]);
  const [loading, setLoading] = useState(true);
  const [answering, setAnswering] = useState<RequestAssist | null>(null);
  const [busy, setBusy] = useState(false);
  /** A fresh dialog for every opening (a reused one keeps its OK button's hidden spinner in its name). */
  const [opened, setOpened] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<{ answer?: string }>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();
  const mayOpenRequests = can(PERMISSIONS.requestsRead);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<RequestAssist[]>('/request-assists', { open: openOnly || undefined }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [openOnly, report]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!answering) return;
    form.resetFields();
    setRefusal(null);
  }, [answering, form]);

  async function answer(values: { answer?: string }) {
    if (!answering) return;
    setBusy(true);
    setRefusal(null);
    try {
      await api.post<RequestAssist>(`/request-assists/${answering.id}/answer`, { answer: values.answer?.trim() ?? '', version: answering.version });
      void message.success(`已答复申请 ${answering.requestNumber} 的协查`);
      setAnswering(null);
      void load();
    } catch (e) {
      if (stale(e, () => { setAnswering(null); void load(); })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        if (e.details?.field === 'answer') form.setFields([{ name: 'answer', errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  // Open ones first, the most urgent on top.
  const sorted = [...items].sort((a, b) => Number(!!a.answeredOn) - Number(!!b.answeredOn) || a.dueOn.localeCompare(b.dueOn));

  const columns: TableColumnsType<RequestAssist> = [
    {
      title: '申请编号',
      dataIndex: 'requestNumber',
      key: 'requestNumber',
      width: 150,
      render: (n: string, a) =>
        mayOpenRequests ? (
          <Link to={`requests/${a.requestId}`} className="mono">
            {n}
          </Link>
        ) : (
          <span className="mono">{n}</span>
        ),
    },
    { title: '协查单位', dataIndex: 'unitName', key: 'unitName', width: 170 },
    { title: '协查内容', dataIndex: 'question', key: 'question', render: (q: string) => <span className="pre-line">{q}</span> },
    { title: '提出日期', dataIndex: 'askedOn', key: 'askedOn', width: 110 },
    {
      title: '回复期限',
      dataIndex: 'dueOn',
      key: 'dueOn',
      width: 130,
      render: (d: string, a) => <span className={a.overdue ? 'due-overdue' : undefined} title={a.dueExplanation ?? undefined}>{d}{a.overdue ? ' 已逾期' : ''}</span>,
    },
    {
      title: '答复',
      dataIndex: 'answer',
      key: 'answer',
      width: 280,
      render: (ans: string | null, a) =>
        ans ? (
          <div>
            <Tag className="tag-success">已答复</Tag>
            <span className="muted small">
              {a.answeredOn} {a.answeredByLabel}
            </span>
            <p className="pre-line assist-answer-text">{ans}</p>
          </div>
        ) : (
          <Button type="primary" size="small" onClick={() => {
              setOpened((n) => n + 1);
              setAnswering(a);
            }} aria-label={`答复申请 ${a.requestNumber} 的协查`}>
            答复
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageTitle title="依申请公开协查">
        承办单位请本单位协助查找或核实政府信息。请在回复期限内答复；逾期未答复的，系统会提醒本单位。协查只显示需要查找的内容，不显示申请人信息。
      </PageTitle>
      <div className="toolbar">
        <Radio.Group
          aria-label="显示范围"
          optionType="button"
          value={openOnly ? 'open' : 'all'}
          onChange={(e) => setOpenOnly(e.target.value === 'open')}
          options={[
            { value: 'open', label: '待答复' },
            { value: 'all', label: '全部' },
          ]}
        />
      </div>
      <Table<RequestAssist>
        aria-label="协查列表"
        rowKey="id"
        columns={columns}
        dataSource={sorted}
        loading={loading}
        size="middle"
        pagination={sorted.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 件` } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: openOnly ? '没有待答复的协查' : '没有协查' }}
      />
      <Modal
        key={opened}
        open={answering !== null}
        title={answering ? `答复协查：${answering.requestNumber}` : ''}
        okText="提交答复"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAnswering(null)}
        forceRender
        destroyOnHidden={false}
      >
        {answering ? (
          <div className="assist-question-box">
            <p className="muted small">
              {answering.unitName}，{answering.dueOn} 前回复
            </p>
            <p className="pre-line">{answering.question}</p>
          </div>
        ) : null}
        {refusal ? <Alert type="error" showIcon title="未能提交" description={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} name="assist-answer" layout="vertical" onFinish={answer}>
          <Form.Item label="协查结果" name="answer" rules={[{ required: true, whitespace: true, message: '请填写协查结果' }, { max: 5000, message: '不能超过 5000 个字' }]}>
            <Input.TextArea rows={6} placeholder="如 经查，该信息由本单位于2026年3月制作，全文见附件；或 本单位未制作、未保存该信息" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
