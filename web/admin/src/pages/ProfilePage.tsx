// 个人设置: one's account, password and second factor.
import { App, Card, Descriptions, Space, Tag } from 'antd';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { PageTitle } from '../components/PageTitle';
import { roleLabel } from '../labels';
import { useSession } from '../session';
import { TotpCard } from './profile/TotpCard';

export default function ProfilePage() {
  const { session } = useSession();
  const { message } = App.useApp();
  const user = session.user;
  return (
    <>
      <PageTitle title="个人设置" />
      <div className="profile-grid">
        <Card title={<h2 className="section-title">账号信息</h2>}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'username', label: '用户名', children: <span className="mono">{user?.username}</span> },
              { key: 'name', label: '姓名', children: user?.displayName },
              { key: 'unit', label: '所在单位', children: user?.unitName },
              { key: 'site', label: '政府站点', children: session.tenant?.name },
              {
                key: 'roles',
                label: '角色',
                children: user?.grants.length ? (
                  <Space size={[4, 4]} wrap>
                    {user.grants.map((g) => (
                      <Tag key={g.id} className="tag-role">
                        {g.roleLabel ?? roleLabel(g.role)} @ {g.unitName}
                        {g.includeSubtree ? '（含下级）' : ''}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  '无'
                ),
              },
            ]}
          />
        </Card>
        <Card title={<h2 className="section-title">修改密码</h2>}>
          <p className="muted">修改后，本账号在其他设备上的登录将失效。</p>
          <ChangePasswordForm username={user?.username} onDone={() => void message.success('密码已修改')} />
        </Card>
        <Card title={<h2 className="section-title">动态口令（双因素认证）</h2>}>
          <TotpCard />
        </Card>
      </div>
    </>
  );
}
