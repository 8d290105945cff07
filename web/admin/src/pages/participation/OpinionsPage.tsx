// 政务舆情 (/admin/opinions): the matters of public concern the user's units are responsible for, newest
// first, with their level and the response deadlines in hours from the moment they were detected (5 and 24
// hours for 特别重大、重大, 48 hours for others), red when passed unmet. A new one is registered in a dialog
// with the API's fields; each opens the page where releases are recorded and the matter is closed.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format';
import { PERMISSIONS } from '../../labels';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { DeadlineLine, OPINION_LEVEL_TAGS, OpinionStateTags, shanghaiInstant, shanghaiNow } from './OpinionBits';
import { OPINION_LEVEL_LABELS, type Opinion, type OpinionLevel } from './types';

interface Values {
  title?: string;
  source?: string;
  level?: OpinionLevel;
  detectedAt?: Dayjs | null;
  unitId?: string;
  summary?: string;
}

const FIELDS = new Set(['title', 'source', 'level', 'detectedAt', 'unitId', 'summary']);

export default function OpinionsPage() {
  const { can, session } = useSession();
  const { units, index } = useUnits(false);
  const [items, setItems] = useState<Opinion[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<Opinion[]>('/opinions'));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  /** The units the user may register a matter for. */
  const unitOptions = useMemo(
    () => units.filter((u) => !u.abolished && canOnUnit(session.user, PERMISSIONS.recordsEdit, index.byId.get(u.id))).map((u) => ({ value: u.id, label: u.name })),
    [units, index, session.user],
  );

  const openDialog = () => {
    form.resetFields();
    form.setFieldsValue({ level: 'general', detectedAt: shanghaiNow(), unitId: unitOptions.length === 1 ? unitOptions[0]!.value : undefined });
    setRefusal(null);
    setOpened((n) => n + 1);
    setAdding(true);
  };

  async function register() {
    const v = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      const created = await api.post<Opinion>('/opinions', {
        title: v.title?.trim() ?? '',
        source: v.source?.trim() ?? '',
        level: v.level,
        detectedAt: v.detectedAt ? shanghaiInstant(v.detectedAt) : '',
        unitId: v.unitId,
        summary: v.summary?.trim() || null,
      });
      void message.success('舆情已登记');
      setAdding(false);
      navigate(`opinions/${created.id}`);
    } catch (e) {
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

  const columns: TableColumnsType<Opinion> = [
    {
      title: '舆情',
      dataIndex: 'title',
      key: 'title',
      render: (t: string, o) => (
        <div>
          <Link to={`opinions/${o.id}`}>{t}</Link>
          <div className="muted small">来源：{o.source}</div>
        </div>
      ),
    },
    { title: '级别', dataIndex: 'level', key: 'level', width: 96, render: (l: OpinionLevel) => <Tag className={OPINION_LEVEL_TAGS[l]}>{OPINION_LEVEL_LABELS[l]}</Tag> },
    { title: '责任单位', dataIndex: 'unitName', key: 'unitName', width: 170 },
    { title: '发现时间', dataIndex: 'detectedAt', key: 'detectedAt', width: 150, render: (s: string) => formatDateTime(s).slice(0, 16) },
    {
      title: '回应期限（自发现时起）',
      key: 'deadlines',
      width: 390,
      render: (_: unknown, o) => (
        <div>
          {o.deadlines.map((d) => (
            <DeadlineLine key={d.kind} d={d} closed={o.state === 'closed'} />
          ))}
        </div>
      ),
    },
    { title: '状态', key: 'state', width: 150, render: (_: unknown, o) => <OpinionStateTags o={o} /> },
  ];

  const overdue = items.filter((o) => o.overdue).length;

  return (
    <>
      <PageTitle
        title="政务舆情"
        extra={
          can(PERMISSIONS.recordsEdit) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={openDialog}>
              登记舆情
            </Button>
          ) : null
        }
      >
        特别重大、重大舆情：最迟5小时内发布权威信息、24小时内举行新闻发布会（国办发〔2016〕80号）；其他政务舆情：最迟48小时内回应（国办发〔2016〕61号）。期限自发现时起按小时计算。
      </PageTitle>
      {overdue ? <Alert className="page-alert" type="error" showIcon title={`有 ${overdue} 条舆情超过回应期限尚未发布或回应`} /> : null}
      <Table<Opinion>
        aria-label="舆情列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        scroll={{ x: 1100 }}
        rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: '没有登记的舆情' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      />
      <Modal
        key={opened}
        open={adding}
        title="登记舆情"
        okText="登记"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void register()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        width={640}
      >
        {refusal ? <Alert type="error" showIcon title={refusal} className="form-alert" role="alert" /> : null}
        <Form form={form} layout="vertical" name="opinion-register">
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写舆情标题' }, { max: 300, message: '不能超过 300 个字' }]}>
            <Input placeholder="如 网民反映某路段路灯不亮" />
          </Form.Item>
          <Form.Item name="source" label="来源" rules={[{ required: true, whitespace: true, message: '请填写来源' }, { max: 200, message: '不能超过 200 个字' }]}>
            <Input placeholder="如 微博、12345热线、某新闻网站" />
          </Form.Item>
          <Form.Item
            name="level"
            label="级别"
            rules={[{ required: true, message: '请选择级别' }]}
            extra="特别重大、重大：5小时内发布权威信息，24小时内举行新闻发布会；一般：48小时内回应。"
          >
            <Radio.Group options={(['particularly_major', 'major', 'general'] as const).map((l) => ({ value: l, label: OPINION_LEVEL_LABELS[l] }))} />
          </Form.Item>
          <Form.Item name="detectedAt" label="发现时间（北京时间）" rules={[{ required: true, message: '请填写发现时间' }]} extra="回应期限自发现时起计算。">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
          </Form.Item>
          <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="输入单位名称查找" options={unitOptions} popupMatchSelectWidth={false} />
          </Form.Item>
          <Form.Item name="summary" label="概要（可不填）" rules={[{ max: 5000, message: '不能超过 5000 个字' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
