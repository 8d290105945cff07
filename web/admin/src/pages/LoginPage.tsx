// 登录: user name and password, then the 6-digit code when the account has TOTP on.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useSession } from '../session';
import type { SessionInfo } from '../types';

interface PasswordValues {
  username: string;
  password: string;
  tenant?: string;
}

export function LoginPage() {
  const { session, notice, update, refresh, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = session.totpRequired ? 'totp' : 'password';
  const tenantName = session.tenant?.name ?? '';

  useEffect(() => {
    document.title = `${step === 'totp' ? '输入动态口令' : '登录'} - Gongkai 政务公开管理控制台`;
  }, [step]);

  async function submitPassword(values: PasswordValues) {
    setBusy(true);
    setError(null);
    try {
      const body = { username: values.username.trim(), password: values.password, ...(values.tenant?.trim() ? { tenant: values.tenant.trim() } : {}) };
      update(await api.post<SessionInfo>('/auth/login', body, { quietAuth: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(values: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      update(await api.post<SessionInfo>('/auth/totp', { code: values.code.trim() }, { quietAuth: true }));
    } catch (e) {
      setError(errorMessage(e));
      // A lock or an expired half-session sends the user back to the first step.
      if (e instanceof ApiError && (e.status === 423 || e.status === 401) && e.code !== 'TOTP_FAILED') {
        await refresh().catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <main className="login-main">
        <div className="login-card">
          <h1 className="login-title">
            {tenantName ? <span className="login-tenant">{tenantName}</span> : null}
            <span>政务公开管理控制台</span>
          </h1>
          {notice && !error ? <Alert type="info" showIcon title={notice} className="form-alert" /> : null}
          {error ? <Alert type="error" showIcon title={error} className="form-alert" /> : null}
          {step === 'password' ? (
            <Form<PasswordValues> name="login" layout="vertical" requiredMark={false} onFinish={submitPassword} size="large">
              {session.tenant ? null : (
                // The host name does not tell which government this is (a shared, province-wide address).
                <Form.Item label="政府站点编码" name="tenant" extra="由平台管理员提供，如 shifan" rules={[{ required: true, whitespace: true, message: '请输入政府站点编码' }]}>
                  <Input autoComplete="organization" spellCheck={false} autoCapitalize="off" />
                </Form.Item>
              )}
              <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
                <Input prefix={<UserOutlined aria-hidden="true" />} autoComplete="username" autoFocus spellCheck={false} autoCapitalize="off" />
              </Form.Item>
              <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password prefix={<LockOutlined aria-hidden="true" />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                登录
              </Button>
            </Form>
          ) : (
            <Form<{ code: string }> name="totp" layout="vertical" requiredMark={false} onFinish={submitCode} size="large">
              <h2 className="login-step">第二步：输入动态口令</h2>
              <Form.Item
                label="动态口令"
                name="code"
                extra="请打开手机上的验证器（身份验证器），输入当前显示的 6 位数字。"
                rules={[
                  { required: true, message: '请输入动态口令' },
                  { pattern: /^\s*\d{6}\s*$/, message: '动态口令是 6 位数字' },
                ]}
              >
                <Input prefix={<SafetyOutlined aria-hidden="true" />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                验证并登录
              </Button>
              <Button type="link" block className="login-back" onClick={() => void logout()}>
                返回，使用其他账号登录
              </Button>
            </Form>
          )}
        </div>
      </main>
      <footer className="login-footer">Gongkai（公开）政务公开平台 · 仅限授权工作人员使用</footer>
    </div>
  );
}
