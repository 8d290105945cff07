// 动态口令 (TOTP): set up with a QR code and a confirming code, or switch off with the password.
import { App, Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useSession } from '../../session';
import type { TotpSetup } from '../../types';
import { useApiError } from '../../useApiError';

export function TotpCard() {
  const { session, refresh } = useSession();
  const enabled = session.user?.totpEnabled ?? false;
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();
  const [enableForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ password: string }>();

  async function begin() {
    setBusy(true);
    try {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup', {}));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function enable(values: { code: string }) {
    setBusy(true);
    try {
      await api.post('/auth/totp/enable', { code: values.code.trim() });
      setSetup(null);
      enableForm.resetFields();
      await refresh();
      void message.success('动态口令已启用，下次登录时需要输入验证器中的 6 位数字');
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function disable(values: { password: string }) {
    setBusy(true);
    try {
      await api.post('/auth/totp/disable', { password: values.password });
      disableForm.resetFields();
      await refresh();
      void message.success('动态口令已停用');
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  if (enabled) {
    return (
      <>
        <Alert type="success" showIcon title="已启用动态口令：登录时除密码外，还须输入手机验证器中的 6 位数字。" className="form-alert" />
        <Form form={disableForm} name="totp-disable" layout="vertical" onFinish={disable} className="narrow-form">
          <Form.Item label="登录密码" name="password" extra="停用动态口令须验证本人密码。" rules={[{ required: true, message: '请输入登录密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            停用动态口令
          </Button>
        </Form>
      </>
    );
  }

  if (!setup) {
    return (
      <>
        <p>启用后，登录时除密码外还须输入手机验证器（如 微信小程序「腾讯身份验证器」、Google Authenticator、Microsoft Authenticator）显示的 6 位数字，账号更安全。</p>
        <Button type="primary" onClick={() => void begin()} loading={busy}>
          启用动态口令
        </Button>
      </>
    );
  }

  return (
    <div className="totp-setup">
      <ol className="totp-steps">
        <li>
          <p>用验证器扫描二维码：</p>
          <img className="totp-qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`} alt="动态口令二维码" />
        </li>
        <li>
          <p>无法扫码时，在验证器中手动输入密钥：</p>
          <Typography.Text code copyable={{ text: setup.secret, tooltips: ['复制密钥', '已复制'] }} className="mono">
            {setup.secret}
          </Typography.Text>
        </li>
        <li>
          <p>输入验证器当前显示的 6 位数字以确认：</p>
          <Form form={enableForm} name="totp-enable" layout="vertical" onFinish={enable} className="narrow-form">
            <Form.Item label="动态口令" name="code" rules={[{ required: true, message: '请输入动态口令' }, { pattern: /^\s*\d{6}\s*$/, message: '动态口令是 6 位数字' }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                确认启用
              </Button>
              <Button onClick={() => setSetup(null)}>取消</Button>
            </Space>
          </Form>
        </li>
      </ol>
    </div>
  );
}
