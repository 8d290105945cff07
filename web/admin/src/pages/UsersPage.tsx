// 用户与角色: the accounts within the caller's scope, their roles and their state.
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Dropdown, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { formatDateTime } from '../format';
import { PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { Paged, User } from '../types';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { ResetPasswordModal } from './users/ResetPasswordModal';
import { grantText, RolesModal } from './users/RolesModal';
import { UserFormModal, type UserFormTarget } from './users/UserFormModal';

interface Filters {
  unitId?: string;
  includeSubunits: boolean;
  q: string;
  page: number;
  pageSize: number;
}

function StatusTags({ user }: { user: User }) {
  const tags = [];
  if (!user.active) tags.push(<Tag key="inactive" className="tag-danger">停用</Tag>);
  if (user.locked) tags.push(<Tag key="locked" className="tag-warning" title={user.lockedUntil ? `锁定至 ${formatDateTime(user.lockedUntil)}` : undefined}>锁定</Tag>);
  if (user.mustChangePassword) tags.push(<Tag key="pwd" className="tag-warning">需改密码</Tag>);
  if (user.totpEnabled) tags.push(<Tag key="totp" className="tag-success">双因素</Tag>);
  if (!tags.length) tags.push(<Tag key="ok" className="tag-neutral">正常</Tag>);
  return <Space size={[4, 4]} wrap>{tags}</Space>;
}

export default function UsersPage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.usersManage);
  const { index } = useUnits(false);
  const [filters, setFilters] = useState<Filters>({ includeSubunits: true, q: '', page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [data, setData] = useState<Paged<User>>({ total: 0, page: 1, pageSize: 20, items: [] });
  const [loading, setLoading] = useState(true);
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [rolesUser, setRolesUser] = useState<User | null>(null);
  const [resetUser, setResetUser] = useState<User | null>(null);
  const report = useApiError();
  const { message, modal } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await api.get<Paged<User>>('/users', {
          unitId: filters.unitId,
          includeSubunits: filters.unitId ? filters.includeSubunits : undefined,
          q: filters.q.trim() || undefined,
          page: filters.page,
          pageSize: filters.pageSize,
        }),
      );
    } catch (e) {
      report(e);
    } finally {
      setLoading(false);
    }
  }, [filters, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const replaceRow = (user: User) => {
    setData((d) => ({ ...d, items: d.items.map((u) => (u.id === user.id ? user : u)) }));
    setRolesUser((cur) => (cur && cur.id === user.id ? user : cur));
  };

  const confirmAction = (user: User, kind: 'unlock' | 'totp') => {
    const unlock = kind === 'unlock';
    modal.confirm({
      title: unlock ? `解除「${user.displayName}」的登录锁定？` : `重置「${user.displayName}」的动态口令？`,
      content: unlock
        ? '解锁后该用户可以立即重新登录。'
        : '用于用户丢失或更换手机：重置后该账号只凭密码即可登录，用户应尽快在「个人设置」中重新绑定动态口令。',
      okText: unlock ? '解锁' : '重置动态口令',
      cancelText: '取消',
      onOk: async () => {
        try {
          if (unlock) replaceRow(await api.post<User>(`/users/${user.id}/unlock`, {}));
          else {
            await api.post(`/users/${user.id}/totp/reset`, {});
            await load();
          }
          void message.success(unlock ? `已解锁 ${user.username}` : `已重置 ${user.username} 的动态口令`);
        } catch (e) {
          report(e);
        }
      },
    });
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 110 },
    { title: '单位', dataIndex: 'unitName', key: 'unitName', width: 200 },
    {
      title: '角色',
      key: 'grants',
      render: (_: unknown, u: User) =>
        u.grants.length ? (
          <Space size={[4, 4]} wrap>
            {u.grants.map((g) => (
              <Tag key={g.id} className="tag-role">
                {grantText(g)}
                {g.includeSubtree ? '（含下级）' : ''}
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="muted">无角色</span>
        ),
    },
    { title: '状态', key: 'status', width: 150, render: (_: unknown, u: User) => <StatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', key: 'lastLoginAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : <span className="muted">从未登录</span>) },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_: unknown, u: User) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', user: u })} aria-label={`编辑 ${u.username}`}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setRolesUser(u)} aria-label={`角色 ${u.username}`}>
            角色
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: '重置密码' },
                { key: 'unlock', label: '解锁', disabled: !u.locked },
                { key: 'totp', label: '重置动态口令', disabled: !u.totpEnabled },
              ],
              onClick: ({ key }) => {
                if (key === 'password') setResetUser(u);
                else confirmAction(u, key === 'unlock' ? 'unlock' : 'totp');
              },
            }}
          >
            <Button type="link" size="small" aria-label={`更多操作 ${u.username}`}>
              更多 <DownOutlined aria-hidden="true" />
            </Button>
          </Dropdown>
        </Space>
      ),
    });
  } else {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_: unknown, u: User) => (
        <Button type="link" size="small" onClick={() => setRolesUser(u)}>
          查看角色
        </Button>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title="用户与角色"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create', unitId: filters.unitId })}>
              新增用户
            </Button>
          ) : null
        }
      >
        {canManage ? '管辖范围内的工作人员账号。角色授予在某个单位上，勾选「含下级」时对其下级单位同样有效。' : '管辖范围内的工作人员账号（只读）。'}
      </PageTitle>
      <div className="toolbar">
        <UnitTreeSelect
          index={index}
          value={filters.unitId}
          onChange={(unitId) => setFilters((f) => ({ ...f, unitId, page: 1 }))}
          placeholder="全部单位"
          allowClear
          disableAbolished={false}
          aria-label="按单位筛选"
          className="filter-unit"
        />
        <Checkbox
          checked={filters.includeSubunits}
          disabled={!filters.unitId}
          onChange={(e) => setFilters((f) => ({ ...f, includeSubunits: e.target.checked, page: 1 }))}
        >
          含下级单位
        </Checkbox>
        <Input.Search
          aria-label="搜索用户"
          placeholder="用户名或姓名"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilters((f) => ({ ...f, q, page: 1 }))}
          className="filter-search"
        />
      </div>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 1100 }}
        size="middle"
        pagination={{
          current: data.page,
          pageSize: data.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个用户`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />
      <UserFormModal
        target={formTarget}
        index={index}
        onClose={() => setFormTarget(null)}
        onStale={() => void load()}
        onSaved={(user, created) => {
          setFormTarget(null);
          void message.success(created ? `已新增用户 ${user.username}。请为其授予角色。` : `已保存 ${user.username}`);
          void load();
          if (created) setRolesUser(user);
        }}
      />
      <RolesModal user={rolesUser} index={index} canManage={canManage} onClose={() => setRolesUser(null)} onChanged={replaceRow} />
      <ResetPasswordModal
        user={resetUser}
        onClose={() => setResetUser(null)}
        onDone={(u) => {
          setResetUser(null);
          void message.success(`已重置 ${u.username} 的密码，其下次登录须修改密码`);
          void load();
        }}
      />
    </>
  );
}
