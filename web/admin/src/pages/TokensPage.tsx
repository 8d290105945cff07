// 接口令牌: tokens for other systems to call the API as a given user. Shown once when created.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { endOfDayIso, formatDateTime } from '../format';
import { PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { ApiToken, Paged, User } from '../types';
import { useApiError } from '../useApiError';

interface CreateValues {
  name: string;
  userId: string;
  expiresAt?: Dayjs | null;
}

function tokenState(t: ApiToken): { text: string; className: string } {
  if (t.revoked) return { text: '已吊销', className: 'tag-neutral' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return { text: '已过期', className: 'tag-warning' };
  return { text: '有效', className: 'tag-success' };
}

function UserPicker({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { session, can } = useSession();
  const me = session.user;
  const [options, setOptions] = useState<{ value: string; label: string }[]>(me ? [{ value: me.id, label: `${me.displayName}（${me.username}）· ${me.unitName}` }] : []);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!can(PERMISSIONS.usersRead)) return;
    timer.current = window.setTimeout(() => {
      void api
        .get<Paged<User>>('/users', { q: q.trim() || undefined, pageSize: 20 })
        .then((res) => setOptions(res.items.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）· ${u.unitName}` }))))
        .catch(() => undefined);
    }, 250);
  };
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (open) search('');
      }}
      placeholder="输入姓名或用户名查找"
    />
  );
}

export default function TokensPage() {
  const { session } = useSession();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ token: string; view: ApiToken } | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setTokens(await api.get<ApiToken[]>('/api-tokens'));
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(values: CreateValues) {
    setSaving(true);
    try {
      const result = await api.post<{ token: string; view: ApiToken }>('/api-tokens', {
        name: values.name.trim(),
        userId: values.userId,
        expiresAt: values.expiresAt ? new Date(endOfDayIso(values.expiresAt.format('YYYY-MM-DD'))).toISOString() : null,
      });
      setCreating(false);
      setCreated(result);
      await load();
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  }

  async function revoke(t: ApiToken) {
    try {
      await api.del(`/api-tokens/${t.id}`);
      void message.success(`已吊销令牌「${t.name}」`);
      await load();
    } catch (e) {
      report(e);
    }
  }

  const columns: TableColumnsType<ApiToken> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '令牌前缀', dataIndex: 'prefix', key: 'prefix', width: 140, render: (p: string) => <span className="mono">{p}…</span> },
    { title: '所属用户', dataIndex: 'username', key: 'username', width: 130 },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '有效期至', dataIndex: 'expiresAt', key: 'expiresAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '长期') },
    { title: '最近使用', dataIndex: 'lastUsedAt', key: 'lastUsedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : <span className="muted">未使用</span>) },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_: unknown, t: ApiToken) => {
        const s = tokenState(t);
        return <Tag className={s.className}>{s.text}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, t: ApiToken) =>
        t.revoked ? null : (
          <Popconfirm title={`吊销令牌「${t.name}」？`} description="吊销后使用该令牌的系统将立即无法调用接口。" okText="吊销" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => revoke(t)}>
            <Button type="link" danger size="small" aria-label={`吊销 ${t.name}`}>
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title="接口令牌"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ userId: session.user?.id });
              setCreating(true);
            }}
          >
            创建令牌
          </Button>
        }
      >
        供其他系统调用本平台接口（请求头 Authorization: Bearer 令牌）。令牌以所属用户的身份和角色操作，只在创建时显示一次。
      </PageTitle>
      <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens} loading={loading} size="middle" pagination={false} scroll={{ x: 1000 }} locale={{ emptyText: '暂无接口令牌' }} />

      <Modal open={creating} title="创建接口令牌" okText="创建" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={() => setCreating(false)} forceRender>
        <Form<CreateValues> form={form} name="token-form" layout="vertical" onFinish={create}>
          <Form.Item label="令牌名称" name="name" extra="写明用途，如 省政务公开平台数据同步" rules={[{ required: true, whitespace: true, message: '请输入令牌名称' }, { max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item label="所属用户" name="userId" extra="令牌拥有该用户的全部权限，建议为对接系统单独建立账号" rules={[{ required: true, message: '请选择所属用户' }]}>
            <UserPicker />
          </Form.Item>
          <Form.Item label="有效期至" name="expiresAt" extra="不填则长期有效">
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={created !== null} title="令牌已创建" footer={<Button type="primary" onClick={() => setCreated(null)}>我已保存令牌</Button>} onCancel={() => setCreated(null)} mask={{ closable: false }}>
        <Alert type="warning" showIcon className="form-alert" title="令牌只显示这一次，关闭后无法再次查看。请立即复制并妥善保存。" />
        {created ? (
          <Typography.Paragraph copyable={{ text: created.token, tooltips: ['复制令牌', '已复制'] }} className="token-once mono">
            {created.token}
          </Typography.Paragraph>
        ) : null}
      </Modal>
    </>
  );
}
