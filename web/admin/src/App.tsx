// The console: providers (locale, theme, CSP nonce), the session gate and the pages.
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect } from 'react';
import { AppLayout } from './components/AppLayout';
import { cspNonce } from './csp';
import { ForcePasswordPage } from './pages/ForcePasswordPage';
import { LoginPage } from './pages/LoginPage';
import { navigate, useRoute } from './router';
import { inMenu, matchRoute, ROUTES } from './routes';
import { SessionProvider, useSession } from './session';
import { theme } from './theme';

dayjs.locale('zh-cn');

function FullPageSpin() {
  return (
    <main className="center-page" aria-busy="true">
      <Spin size="large" description="正在加载…" />
    </main>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function ResultTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} - Gongkai 政务公开管理控制台`;
  }, [children]);
  return <h1 className="result-title">{children}</h1>;
}

function Pages() {
  const { can } = useSession();
  const route = useRoute();
  const allowed = ROUTES.filter((r) => inMenu(r) && (!r.permission || can(r.permission)));
  const current = matchRoute(route);
  if (!current) {
    const first = allowed[0];
    if (route === '' && first) return <Redirect to={first.key} />;
    return (
      <AppLayout routes={allowed} current="">
        <Result status="404" title={<ResultTitle>页面不存在</ResultTitle>} extra={<Button type="primary" onClick={() => navigate(first?.key ?? 'profile')}>返回首页</Button>} />
      </AppLayout>
    );
  }
  const permitted = !current.permission || can(current.permission);
  const Page = current.page;
  return (
    <AppLayout routes={allowed} current={current.menu ?? current.key}>
      {permitted ? (
        <Suspense fallback={<Spin className="page-spin" description="正在加载…" />}>
          <Page key={route} />
        </Suspense>
      ) : (
        <Result status="403" title={<ResultTitle>没有访问权限</ResultTitle>} subTitle={`您的角色不能使用「${current.label}」。如需使用，请联系政务公开办管理员授权。`} />
      )}
    </AppLayout>
  );
}

function Gate() {
  const { session } = useSession();
  if (!session.authenticated) return <LoginPage />;
  if (session.mustChangePassword) return <ForcePasswordPage />;
  return <Pages />;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} csp={cspNonce ? { nonce: cspNonce } : undefined} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider
          loading={<FullPageSpin />}
          failed={(message, retry) => (
            <main className="center-page">
              <Result status="error" title="无法连接服务器" subTitle={message} extra={<Button type="primary" onClick={retry}>重试</Button>} />
            </main>
          )}
        >
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
