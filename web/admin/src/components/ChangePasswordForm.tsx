// Change one's own password (also the forced first-login change).
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api';
import { PASSWORD_RULES, passwordProblem } from '../labels';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm({ username, onDone, submitText = '修改密码' }: { username?: string; onDone: () => void | Promise<void>; submitText?: string }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      form.resetFields();
      await onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} name="change-password" layout="vertical" requiredMark={false} onFinish={submit} className="narrow-form">
      {error ? <Alert type="error" showIcon title={error} className="form-alert" /> : null}
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra={PASSWORD_RULES}
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_rule, value: string | undefined) => {
              const problem = value ? passwordProblem(value, username) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitText}
      </Button>
    </Form>
  );
}
