// One matter of public concern (/admin/opinions/:id; the escalation notifications link here): its level,
// source and responsible unit, each response deadline in hours with the rule it comes from and whether it
// was met, the releases (authoritative information, press conference, response, follow-up) with a dialog to
// record one, and the close with what was done. The server judges each step; its Chinese message is shown
// in the dialog (on the field it names), and a version changed meanwhile is handled as on the records
// pages: nothing is overwritten, the user reloads.
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Result, Select, Space, Spin, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { PERMISSIONS } from '../../labels';
import { BASE, followLink, routeParam, useRoute } from '../../router';
import { useSession } from '../../session';
import type { Paged, RecordView } from '../../types';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { useStaleDialog } from '../records/stale';
import { deadlineState, OPINION_LEVEL_TAGS, OpinionStateTags, shanghaiInstant } from './OpinionBits';
import { RELEASE_KIND_LABELS, type Opinion, type OpinionRelease, type ReleaseKind } from './types';

type Dialog = 'release' | 'close' | null;

interface Values {
  kind?: ReleaseKind;
  at?: Dayjs | null;
  content?: string;
  url?: string;
  recordId?: string;
  note?: string;
}

const FIELDS = new Set(['kind', 'at', 'content', 'url', 'recordId', 'note']);

export default function OpinionPage() {
  const id = routeParam(useRoute(), 'opinions') ?? '';
  const { session } = useSession();
  const { index } = useUnits(false);
  const [o, setO] = useState<Opinion | null>(null);
  const [loading, setLoading] = useState(true);
  const [missing, setMissing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [records, setRecords] = useState<RecordView[]>([]);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const stale = useStaleDialog();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setO(await api.get<Opinion>(`/opinions/${id}`));
      setMissing(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(e.message);
      else report(e);
    } finally {
      setLoading(false);
    }
  }, [id, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const searchRecords = useCallback(
    async (q: string) => {
      try {
        const page = await api.get<Paged<RecordView>>('/records', { state: 'published', q: q.trim() || undefined, pageSize: 20 });
        setRecords(page.items);
      } catch (e) {
        report(e);
      }
    },
    [report],
  );

  const open = (d: Dialog) => {
    form.resetFields();
    if (d === 'release' && o) {
      // The first unmet deadline suggests the kind of release.
      const next = o.deadlines.find((x) => !x.met);
      form.setFieldsValue({ kind: (next?.kind as ReleaseKind | undefined) ?? (o.releases.length ? 'follow_up' : 'response') });
      void searchRecords('');
    }
    setRefusal(null);
    setOpened((n) => n + 1);
    setDialog(d);
  };

  async function submit() {
    if (!o || !dialog) return;
    const v = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      if (dialog === 'release') {
        setO(
          await api.post<Opinion>(`/opinions/${o.id}/releases`, {
            version: o.version,
            kind: v.kind,
            at: v.at ? shanghaiInstant(v.at) : null,
            content: v.content?.trim() ?? '',
            url: v.url?.trim() || null,
            recordId: v.recordId ?? null,
          }),
        );
        void message.success('已记录发布');
      } else {
        setO(await api.post<Opinion>(`/opinions/${o.id}/close`, { version: o.version, note: v.note?.trim() ?? '' }));
        void message.success('舆情已处置完毕');
      }
      setDialog(null);
    } catch (e) {
      if (stale(e, () => { setDialog(null); void load(); }, { unsavedEdits: true })) return;
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = String(e.details?.field ?? '');
        if (FIELDS.has(field)) form.setFields([{ name: field as keyof Values, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <Button icon={<ArrowLeftOutlined />} href={`${BASE}/opinions`} onClick={(e) => followLink(e, 'opinions')}>
      返回列表
    </Button>
  );

  if (missing) return <Result status="404" title={<h1 className="result-title">找不到这条舆情</h1>} subTitle={`${missing.replace(/[。.]$/, '')}。`} extra={back} />;
  if (!o) return <Spin className="page-spin" description="正在加载…" spinning={loading} />;

  const mayPublish = canOnUnit(session.user, PERMISSIONS.recordsPublish, index.byId.get(o.unitId));
  const isOpen = o.state === 'open';

  const columns: TableColumnsType<OpinionRelease> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 150, render: (s: string) => formatDateTime(s).slice(0, 16) },
    { title: '类别', dataIndex: 'kindLabel', key: 'kindLabel', width: 140 },
    {
      title: '内容',
      dataIndex: 'content',
      key: 'content',
      render: (c: string, r) => (
        <div>
          <p className="pre-line release-content">{c}</p>
          {r.recordId ? <Link to={`records/${r.recordId}`}>发布的政府信息</Link> : null}
          {r.recordId && r.url ? <span className="muted"> · </span> : null}
          {r.url ? (
            <a href={r.url} target="_blank" rel="noopener noreferrer">
              {r.url}
            </a>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={o.title}
        extra={
          <Space wrap>
            {mayPublish && isOpen ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => open('release')}>
                  记录发布
                </Button>
                <Button onClick={() => open('close')}>处置完毕</Button>
              </>
            ) : null}
            {back}
          </Space>
        }
      >
        <span className="record-subtitle">
          <Tag className={OPINION_LEVEL_TAGS[o.level]}>{o.levelLabel}舆情</Tag>
          <OpinionStateTags o={o} />
        </span>
      </PageTitle>
      <Spin spinning={loading}>
        <div className="record-grid">
          <div className="record-side">
            <Card title={<h2 className="section-title">舆情</h2>} className="record-card">
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 96 } }}
                items={[
                  { key: 'source', label: '来源', children: o.source },
                  { key: 'detectedAt', label: '发现时间', children: formatDateTime(o.detectedAt).slice(0, 16) },
                  { key: 'unit', label: '责任单位', children: o.unitName },
                  { key: 'summary', label: '概要', children: o.summary ? <span className="pre-line">{o.summary}</span> : <span className="muted">—</span> },
                  ...(o.closingNote ? [{ key: 'closing', label: '处置情况', children: <span className="pre-line">{o.closingNote}</span> }] : []),
                ]}
              />
            </Card>
            <Card title={<h2 className="section-title">发布和回应</h2>} className="record-card">
              <Table<OpinionRelease>
                aria-label="发布和回应"
                rowKey="id"
                columns={columns}
                dataSource={o.releases}
                size="small"
                pagination={false}
                locale={{ emptyText: '尚未发布权威信息或回应' }}
              />
            </Card>
          </div>
          <div className="record-side">
            <Card title={<h2 className="section-title">回应期限</h2>} className="record-card">
              <ul className="plain-list opinion-deadlines" aria-label="回应期限">
                {o.deadlines.map((d) => {
                  const st = deadlineState(d);
                  return (
                    <li key={d.kind}>
                      <div className={!d.met && d.late && isOpen ? 'clock-due due-overdue' : 'clock-due'}>
                        {d.hours}小时内{d.label}
                      </div>
                      <div>
                        {formatDateTime(d.due).slice(0, 16)} 前 <Tag className={st.className}>{st.text}</Tag>
                      </div>
                      <p className="due-explanation muted">{d.explanation}</p>
                    </li>
                  );
                })}
              </ul>
            </Card>
          </div>
        </div>
      </Spin>
      <Modal
        key={opened}
        open={dialog !== null}
        title={dialog === 'release' ? '记录发布或回应' : '处置完毕'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
        width={640}
      >
        {refusal ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="opinion-step">
          {dialog === 'release' ? (
            <>
              <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]} extra="5小时、24小时的期限须由同一类别的发布满足；48小时的回应期限由任一发布满足。">
                <Select options={(Object.keys(RELEASE_KIND_LABELS) as ReleaseKind[]).map((k) => ({ value: k, label: RELEASE_KIND_LABELS[k] }))} />
              </Form.Item>
              <Form.Item name="at" label="发布时间（北京时间，不填为现在）">
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
              </Form.Item>
              <Form.Item name="content" label="内容" rules={[{ required: true, whitespace: true, message: '请填写发布或回应的内容' }, { max: 10000, message: '不能超过 10000 个字' }]}>
                <Input.TextArea rows={5} />
              </Form.Item>
              <Form.Item name="recordId" label="发布的政府信息（可不选）">
                <Select
                  allowClear
                  showSearch={{ filterOption: false, onSearch: (q) => void searchRecords(q) }}
                  placeholder="输入标题关键词或文号查找已发布的政府信息"
                  options={records.map((r) => ({ value: r.id, label: `${r.title}${r.docNo ? `（${r.docNo}）` : ''}` }))}
                  notFoundContent="没有找到已发布的信息"
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
              <Form.Item name="url" label="链接（可不填）" rules={[{ max: 1000, message: '不能超过 1000 个字' }]}>
                <Input placeholder="https://" />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'close' ? (
            <>
              <p className="muted small">须已发布权威信息或回应，才能结束处置。</p>
              <Form.Item name="note" label="处置情况" rules={[{ required: true, whitespace: true, message: '请填写处置情况' }, { max: 2000, message: '不能超过 2000 个字' }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
