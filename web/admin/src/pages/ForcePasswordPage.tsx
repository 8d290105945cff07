// A new or reset account must change its initial password before anything else.
import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { useSession } from '../session';

export function ForcePasswordPage() {
  const { session, refresh, logout } = useSession();
  useEffect(() => {
    document.title = '修改初始密码 - Gongkai 政务公开管理控制台';
  }, []);
  return (
    <div className="login-page">
      <main className="login-main">
        <div className="login-card">
          <h1 className="login-title">
            <span className="login-tenant">{session.tenant?.name}</span>
            <span>修改初始密码</span>
          </h1>
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title="为保证账号安全，首次登录或密码被管理员重置后，须先修改密码才能继续使用。"
          />
          <ChangePasswordForm username={session.user?.username} submitText="修改密码并进入" onDone={async () => void (await refresh())} />
          <Button type="link" className="login-back" onClick={() => void logout()}>
            退出登录
          </Button>
        </div>
      </main>
    </div>
  );
}
