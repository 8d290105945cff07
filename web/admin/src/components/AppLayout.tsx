// The frame of every signed-in page: a header with the government and the user, a menu on the left.
import {
  AuditOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  ApiOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  GlobalOutlined,
  FileTextOutlined,
  FieldTimeOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  SolutionOutlined,
  BarChartOutlined,
  FileWordOutlined,
  ScheduleOutlined,
  ProfileOutlined,
  ReadOutlined,
  DashboardOutlined,
  CommentOutlined,
  MailOutlined,
  AlertOutlined,
  QuestionCircleOutlined,
  FlagOutlined,
  BulbOutlined,
  SoundOutlined,
  NodeIndexOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Tag, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import type { RouteDef } from '../routes';
import { navigate } from '../router';
import { useSession } from '../session';
import { PERMISSIONS } from '../labels';
import { NotificationBell } from './NotificationBell';

const ICONS: Record<string, ReactNode> = {
  records: <FileTextOutlined />,
  'records/on-time': <FieldTimeOutlined />,
  catalogue: <BookOutlined />,
  obligations: <CheckSquareOutlined />,
  'catalogue/nodes': <ClusterOutlined />,
  requests: <FileSearchOutlined />,
  'request-assists': <SolutionOutlined />,
  'requests/statistics': <BarChartOutlined />,
  'requests/templates': <FileWordOutlined />,
  tasks: <ScheduleOutlined />,
  'tasks/ledger': <ProfileOutlined />,
  reports: <ReadOutlined />,
  'reports/status': <DashboardOutlined />,
  consultations: <CommentOutlined />,
  decisions: <NodeIndexOutlined />,
  messages: <MailOutlined />,
  opinions: <AlertOutlined />,
  'policy-qa': <QuestionCircleOutlined />,
  proposals: <FlagOutlined />,
  interpretations: <BulbOutlined />,
  events: <SoundOutlined />,
  units: <ApartmentOutlined />,
  users: <TeamOutlined />,
  calendar: <CalendarOutlined />,
  audit: <AuditOutlined />,
  tokens: <ApiOutlined />,
  site: <GlobalOutlined />,
  profile: <SettingOutlined />,
};

export function AppLayout({ routes, current, children }: { routes: RouteDef[]; current: string; children: ReactNode }) {
  const { session, logout, can } = useSession();
  const user = session.user;
  const [collapsed, setCollapsed] = useState(false);
  const items: MenuProps['items'] = routes.map((r) => ({ key: r.key, label: r.label, icon: ICONS[r.key] }));
  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">跳到主要内容</a>
      <Layout.Header className="app-header">
        <div className="brand">
          <span className="brand-tenant">{session.tenant?.name ?? 'Gongkai'}</span>
          <span className="brand-product">政务公开管理控制台</span>
        </div>
        <div className="header-user">
          {user?.isDemo ? <Tag className="demo-tag">演示账号</Tag> : null}
          {can(PERMISSIONS.recordsRead) ? <NotificationBell /> : null}
          <span className="header-user-name">
            <UserOutlined aria-hidden="true" /> {user?.displayName}
            <span className="header-user-unit">（{user?.unitName}）</span>
          </span>
          <Button className="logout-button" icon={<LogoutOutlined />} onClick={() => void logout()}>
            退出
          </Button>
        </div>
      </Layout.Header>
      <Layout hasSider className="app-body">
        {/* Below the lg breakpoint the menu narrows to its icons (each with its label as a tooltip) rather
            than cutting its labels off. */}
        <Layout.Sider theme="light" width={208} breakpoint="lg" collapsedWidth={64} className="app-sider" collapsed={collapsed} onCollapse={setCollapsed} trigger={null}>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              inlineCollapsed={collapsed}
              selectedKeys={current ? [current] : []}
              items={items}
              onClick={({ key }) => navigate(key)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
