// 新增用户 / 编辑用户 (including moving to another unit and switching the account off).
import { Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { PASSWORD_RULES, passwordProblem } from '../../labels';
import type { User } from '../../types';
import type { UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';

interface Values {
  username?: string;
  displayName: string;
  unitId: string;
  password?: string;
  phone?: string;
  email?: string;
  active?: boolean;
}

export type UserFormTarget = { mode: 'create'; unitId?: string } | { mode: 'edit'; user: User };

const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function UserFormModal({ target, index, onClose, onSaved, onStale }: {
  target: UserFormTarget | null;
  index: UnitIndex;
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.user;
      form.setFieldsValue({ displayName: u.displayName, unitId: u.unitId, phone: u.phone ?? '', email: u.email ?? '', active: u.active });
    } else if (target.unitId) {
      form.setFieldsValue({ unitId: target.unitId });
    }
  }, [target, form]);

  async function save(values: Values) {
    if (!target) return;
    setSaving(true);
    try {
      if (target.mode === 'create') {
        const user = await api.post<User>('/users', {
          username: (values.username ?? '').trim(),
          displayName: values.displayName.trim(),
          unitId: values.unitId,
          password: values.password ?? '',
          phone: orNull(values.phone),
          email: orNull(values.email),
        });
        onSaved(user, true);
      } else {
        const user = await api.patch<User>(`/users/${target.user.id}`, {
          displayName: values.displayName.trim(),
          unitId: values.unitId,
          phone: orNull(values.phone),
          email: orNull(values.email),
          active: values.active ?? true,
          version: target.user.version,
        });
        onSaved(user, false);
      }
    } catch (e) {
      report(e, { onStale: () => { onClose(); onStale(); } });
    } finally {
      setSaving(false);
    }
  }

  const creating = target?.mode === 'create';
  return (
    <Modal
      open={target !== null}
      title={creating ? '新增用户' : `编辑用户：${target?.mode === 'edit' ? target.user.username : ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      width={560}
    >
      <Form<Values> form={form} name="user-form" layout="vertical" onFinish={save} autoComplete="off">
        {creating ? (
          <Form.Item
            label="用户名"
            name="username"
            extra="登录用，字母、数字和 . _ -，创建后不能修改"
            rules={[
              { required: true, message: '请输入用户名' },
              { min: 2, max: 64, message: '用户名为 2 至 64 个字符' },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: '用户名只能包含字母、数字和 . _ -，并以字母或数字开头' },
            ]}
          >
            <Input spellCheck={false} autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不能超过 50 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="所在单位" name="unitId" rules={[{ required: true, message: '请选择所在单位' }]}>
          <UnitTreeSelect index={index} />
        </Form.Item>
        {creating ? (
          <Form.Item
            label="初始密码"
            name="password"
            extra={`${PASSWORD_RULES}用户首次登录时须修改。`}
            dependencies={['username']}
            rules={[
              { required: true, message: '请输入初始密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string | undefined) => {
                  const problem = value ? passwordProblem(value, getFieldValue('username') as string | undefined) : null;
                  if (problem) throw new Error(problem);
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Form.Item label="电话" name="phone" rules={[{ pattern: /^[0-9+\- ()]*$/, message: '电话只能包含数字、空格和 + - ( )' }, { max: 30 }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '请输入有效的电子邮箱地址' }, { max: 200 }]}>
          <Input inputMode="email" />
        </Form.Item>
        {!creating ? (
          <Form.Item label="启用账号" name="active" valuePropName="checked" extra="停用后该账号不能登录，其角色和历史记录保留。">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
