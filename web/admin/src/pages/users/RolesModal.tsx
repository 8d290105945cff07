// 角色: the user's grants, with 授予角色 and 收回角色.
import { App, Alert, Button, Checkbox, Form, List, Modal, Popconfirm, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { ROLE_OPTIONS, roleLabel } from '../../labels';
import type { Grant, User } from '../../types';
import type { UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';

interface GrantValues {
  role: string;
  unitId: string;
  includeSubtree: boolean;
}

export function grantText(g: Grant): string {
  return `${g.roleLabel ?? roleLabel(g.role)} @ ${g.unitName}`;
}

export function RolesModal({ user, index, canManage, onClose, onChanged }: {
  user: User | null;
  index: UnitIndex;
  canManage: boolean;
  onClose: () => void;
  onChanged: (user: User) => void;
}) {
  const [form] = Form.useForm<GrantValues>();
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    form.setFieldsValue({ unitId: user.unitId, includeSubtree: false });
  }, [user, form]);

  async function grant(values: GrantValues) {
    if (!user) return;
    setBusy(true);
    try {
      const updated = await api.post<User>(`/users/${user.id}/grants`, values);
      void message.success(`已授予「${roleLabel(values.role)}」角色`);
      onChanged(updated);
      form.setFieldsValue({ role: undefined });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(g: Grant) {
    if (!user) return;
    try {
      const updated = await api.del<User>(`/users/${user.id}/grants/${g.id}`);
      void message.success(`已收回「${grantText(g)}」`);
      onChanged(updated);
    } catch (e) {
      report(e);
    }
  }

  return (
    <Modal
      open={user !== null}
      title={`角色：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
      footer={<Button onClick={onClose}>完成</Button>}
      onCancel={onClose}
      forceRender
      width={640}
    >
      <h2 className="subsection-title first">已有角色</h2>
      {user && user.grants.length === 0 ? <Alert type="warning" showIcon title="该用户还没有任何角色，登录后无法进行任何操作。" /> : null}
      <List
        size="small"
        bordered
        dataSource={user?.grants ?? []}
        locale={{ emptyText: '暂无角色' }}
        renderItem={(g) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Popconfirm key="revoke" title={`收回「${grantText(g)}」？`} okText="收回" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => revoke(g)}>
                      <Button type="link" danger size="small">
                        收回角色
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <span>
              {grantText(g)} {g.includeSubtree ? <Tag className="tag-neutral">含下级</Tag> : null}
            </span>
          </List.Item>
        )}
      />
      {canManage ? (
        <>
          <h2 className="subsection-title">授予角色</h2>
          <Form<GrantValues> form={form} name="grant-form" layout="vertical" onFinish={grant}>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={ROLE_OPTIONS} placeholder="请选择角色" />
            </Form.Item>
            <Form.Item label="授权单位" name="unitId" rules={[{ required: true, message: '请选择授权单位' }]} extra="角色只在该单位（及勾选时其下级单位）范围内有效">
              <UnitTreeSelect index={index} />
            </Form.Item>
            <Form.Item name="includeSubtree" valuePropName="checked">
              <Checkbox>含下级单位</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              授予角色
            </Button>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
