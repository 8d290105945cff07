// 重置密码: the administrator sets a new initial password; the user must change it at next login.
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { PASSWORD_RULES, passwordProblem } from '../../labels';
import type { User } from '../../types';
import { useApiError } from '../../useApiError';

export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  async function save(values: { password: string }) {
    if (!user) return;
    setSaving(true);
    try {
      await api.post(`/users/${user.id}/password`, { password: values.password });
      onDone(user);
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={user !== null}
      title={`重置密码：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
      okText="重置密码"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <p className="muted">重置后，该用户的其他登录会话失效，下次登录时须修改密码。请通过安全渠道将新密码告知本人。</p>
      <Form form={form} name="reset-password" layout="vertical" onFinish={save} autoComplete="off">
        <Form.Item
          label="新密码"
          name="password"
          extra={PASSWORD_RULES}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_r, value: string | undefined) => {
                const problem = value ? passwordProblem(value, user?.username) : null;
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
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
