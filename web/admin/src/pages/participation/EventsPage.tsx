// 活动 (/admin/events): press conferences, online interviews, open days and meetings attended by public
// representatives of the units the user works for, with their state, registrations waiting for a decision
// and, for meetings, when the representatives' opinions are due. Each opens the page where it is announced,
// held or cancelled and its registrations and opinions are handled. A user who may edit records drafts a
// new one here.
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { canOnUnit } from '../../access';
import { api, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { PageTitle } from '../../components/PageTitle';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { PERMISSIONS } from '../../labels';
import { navigate } from '../../router';
import { useSession } from '../../session';
import type { Unit } from '../../types';
import { useApiError } from '../../useApiError';
import { useUnits } from '../../useUnits';
import { EVENT_KIND_LABELS, REGISTRATION_KINDS, type EngagementEvent, type EventKind, when } from './engagement';

interface Values {
  kind?: EventKind;
  unitId?: string;
  title?: string;
  startsAt?: Dayjs;
  place?: string;
  summary?: string;
  capacity?: number | null;
  registrationClosesAt?: Dayjs;
}

const FIELDS = ['kind', 'unitId', 'title', 'startsAt', 'place', 'summary', 'capacity', 'registrationClosesAt'] as const;
const MINUTE = 'YYYY-MM-DD HH:mm';
/** The picker shows Beijing time whatever the browser's zone: the time as typed, in +08:00. */
const beijing = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;

export default function EventsPage() {
  const { session, can } = useSession();
  const user = session.user;
  const [kind, setKind] = useState<EventKind | 'all'>('all');
  const [items, setItems] = useState<EngagementEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [drafting, setDrafting] = useState(false);
  const [opened, setOpened] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const chosenKind = Form.useWatch('kind', form);
  const { index } = useUnits();
  const editable = useCallback((u: Unit) => canOnUnit(user, PERMISSIONS.recordsEdit, u), [user]);
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<EngagementEvent[]>('/events', { kind: kind === 'all' ? undefined : kind }));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [kind, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function draft() {
    // The form shows what is missing.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setRefusal(null);
    const registration = REGISTRATION_KINDS.includes(v.kind!);
    try {
      const created = await api.post<EngagementEvent>('/events', {
        kind: v.kind,
        unitId: v.unitId,
        title: v.title?.trim() ?? '',
        startsAt: beijing(v.startsAt!),
        place: v.place?.trim() ?? '',
        summary: v.summary?.trim() || null,
        ...(registration ? { capacity: v.capacity ?? null, registrationClosesAt: v.registrationClosesAt ? beijing(v.registrationClosesAt) : null } : {}),
      });
      void message.success(`已起草${created.kindLabel}“${created.title}”`);
      setDrafting(false);
      navigate(`events/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.status !== 401) {
        const field = FIELDS.find((f) => f === e.details?.field);
        if (field) form.setFields([{ name: field, errors: [e.message] }]);
        else setRefusal(e.message);
        return;
      }
      report(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<EngagementEvent> = [
    { title: '活动名称', dataIndex: 'title', key: 'title', render: (t: string, e) => <Link to={`events/${e.id}`}>{t}</Link> },
    { title: '类别', dataIndex: 'kindLabel', key: 'kind', width: 110 },
    { title: '主办单位', dataIndex: 'unitName', key: 'unit', width: 170 },
    { title: '活动时间', dataIndex: 'startsAt', key: 'startsAt', width: 150, render: when },
    { title: '状态', key: 'state', width: 110, render: (_: unknown, e) => <Tag className={e.state === 'published' ? 'tag-success' : undefined}>{e.stateLabel}</Tag> },
    {
      title: '报名和意见',
      key: 'extra',
      width: 230,
      render: (_: unknown, e) => (
        <span>
          {REGISTRATION_KINDS.includes(e.kind) ? (
            <span className="muted small">
              {e.registrations.pending ? <Tag className="tag-warning">待确认 {e.registrations.pending}</Tag> : null}
              已确定 {e.registrations.selected}
              {e.capacity ? `/${e.capacity}` : ''}
            </span>
          ) : null}
          {e.opinionsDueOn ? (
            <div className={e.opinionsOverdue ? 'due-overdue' : 'muted small'}>
              {e.opinionsPublishedOn ? `代表意见已于${e.opinionsPublishedOn}公开` : `代表意见 ${e.opinionsDueOn} 前公开${e.opinionsOverdue ? '，已逾期' : ''}`}
            </div>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="活动">
        新闻发布会、在线访谈、政府开放日和列席会议：发布预告，活动举行后补充文字实录和视频；政府开放日和列席会议接受公众网上报名；列席会议的公众代表意见及采纳情况应在会后3个工作日内公开。
      </PageTitle>
      <div className="toolbar">
        {can(PERMISSIONS.recordsEdit) ? (
          <Button
            type="primary"
            onClick={() => {
              setRefusal(null);
              setOpened((n) => n + 1);
              setDrafting(true);
            }}
          >
            起草活动
          </Button>
        ) : null}
        <Radio.Group
          aria-label="类别"
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value as EventKind | 'all')}
          options={[{ value: 'all', label: '全部' }, ...(Object.keys(EVENT_KIND_LABELS) as EventKind[]).map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))]}
        />
      </div>
      <Table<EngagementEvent>
        aria-label="活动列表"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        pagination={items.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 项` } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有活动' }}
      />
      <Modal key={opened} open={drafting} title="起草活动" okText="起草" cancelText="取消" confirmLoading={busy} onOk={() => void draft()} onCancel={() => setDrafting(false)} destroyOnHidden width={680}>
        <p className="muted small">起草后在活动页面发布预告；活动举行后补充文字实录、视频和（列席会议的）公众代表意见。</p>
        {refusal ? <Alert type="error" showIcon message={refusal} className="form-alert" /> : null}
        <Form form={form} layout="vertical" name="event-draft" initialValues={{ kind: 'press_conference' }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Radio.Group optionType="button" options={(Object.keys(EVENT_KIND_LABELS) as EventKind[]).map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
            <UnitTreeSelect id="event-draft_unitId" index={index} allow={editable} placeholder="请选择主办单位" className="full-width" />
          </Form.Item>
          <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 300 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="startsAt" label="活动时间（北京时间）" rules={[{ required: true, message: '请选择活动时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={MINUTE} className="full-width" />
          </Form.Item>
          <Form.Item name="place" label="地点" extra="在线访谈可填网址或栏目" rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label="简介" rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {chosenKind && REGISTRATION_KINDS.includes(chosenKind) ? (
            <>
              <p className="muted small">{EVENT_KIND_LABELS[chosenKind]}接受公众网上报名：须填写名额和报名截止时间（早于活动时间）。</p>
              <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
                <InputNumber min={1} max={10000} precision={0} />
              </Form.Item>
              <Form.Item
                name="registrationClosesAt"
                label="报名截止时间（北京时间）"
                dependencies={['startsAt']}
                rules={[
                  { required: true, message: '请选择报名截止时间' },
                  ({ getFieldValue }) => ({
                    validator: (_r, value: Dayjs | undefined) => {
                      const starts = getFieldValue('startsAt') as Dayjs | undefined;
                      return !value || !starts || value.isBefore(starts) ? Promise.resolve() : Promise.reject(new Error('报名截止时间须早于活动时间'));
                    },
                  }),
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format={MINUTE} className="full-width" />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
