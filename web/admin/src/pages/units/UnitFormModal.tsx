// 新增下级单位 / 编辑单位.
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { UNIT_KIND_OPTIONS } from '../../labels';
import type { Unit } from '../../types';
import { useApiError } from '../../useApiError';

interface Values {
  name: string;
  shortName?: string;
  code: string;
  kind: string;
  orgCode?: string;
  sortOrder?: number | null;
  aliases?: string[];
}

export type UnitFormTarget = { mode: 'create'; parent: Unit; sortOrder?: number } | { mode: 'edit'; unit: Unit };

const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const ORG_CODE_PATTERN = /^[0-9A-Z]{18}$/;

/** A sensible default kind for a child of a unit of this kind. */
function childKind(parentKind: string): string | undefined {
  if (parentKind === 'township') return 'village';
  if (parentKind === 'street') return 'community';
  return undefined;
}

export function UnitFormModal({ target, onClose, onSaved, onStale }: {
  target: UnitFormTarget | null;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const report = useApiError();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({ name: u.name, shortName: u.shortName, code: u.code, kind: u.kind, orgCode: u.orgCode ?? '', sortOrder: u.sortOrder });
    } else {
      form.setFieldsValue({ kind: childKind(target.parent.kind), sortOrder: target.sortOrder, aliases: [] });
    }
  }, [target, form]);

  async function save(values: Values) {
    if (!target) return;
    setSaving(true);
    const common = {
      name: values.name.trim(),
      // Left empty on creation, the server uses the full name as the short name.
      ...(values.shortName?.trim() || target.mode === 'edit' ? { shortName: (values.shortName ?? '').trim() } : {}),
      code: values.code.trim(),
      kind: values.kind,
      orgCode: values.orgCode?.trim() ? values.orgCode.trim() : null,
      ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
    };
    try {
      const saved =
        target.mode === 'create'
          ? await api.post<Unit>('/units', {
              ...common,
              parentId: target.parent.id,
              aliases: (values.aliases ?? []).map((a) => a.trim()).filter(Boolean),
            })
          : await api.patch<Unit>(`/units/${target.unit.id}`, { ...common, version: target.unit.version });
      onSaved(saved);
    } catch (e) {
      report(e, { onStale: () => { onClose(); onStale(); } });
    } finally {
      setSaving(false);
    }
  }

  // While the dialog closes, target is already null: keep the title it was opened with.
  const last = useRef(target);
  if (target) last.current = target;
  const title = last.current?.mode === 'create' ? '新增下级单位' : '编辑单位';
  return (
    <Modal
      open={target !== null}
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      width={560}
    >
      <Form<Values> form={form} name="unit-form" layout="vertical" onFinish={save} autoComplete="off">
        {last.current?.mode === 'create' ? (
          <p className="muted">上级单位：{last.current.parent.name}</p>
        ) : null}
        <Form.Item label="单位全称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位全称' }, { max: 100, message: '单位全称不能超过 100 个字' }]}>
          <Input placeholder="如 示范县发展和改革局" />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 40, message: '简称不能超过 40 个字' }]}>
          <Input placeholder="如 县发改局" />
        </Form.Item>
        <Form.Item
          label="编码"
          name="code"
          extra="小写字母、数字、- 或 _，在本站点内唯一，如 fgj"
          normalize={(v: string | undefined) => (v ?? '').toLowerCase()}
          rules={[
            { required: true, message: '请输入编码' },
            { max: 40, message: '编码不能超过 40 个字符' },
            { pattern: CODE_PATTERN, message: '编码只能包含小写字母、数字、- 或 _，并以字母或数字开头' },
          ]}
        >
          <Input spellCheck={false} />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={UNIT_KIND_OPTIONS} placeholder="请选择单位类型" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="orgCode"
          normalize={(v: string | undefined) => (v ?? '').toUpperCase()}
          rules={[{ pattern: ORG_CODE_PATTERN, message: '统一社会信用代码为 18 位数字或大写字母' }]}
        >
          <Input spellCheck={false} maxLength={18} />
        </Form.Item>
        <Form.Item label="排序" name="sortOrder" extra="数字越小越靠前；同一排序按名称排列">
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        {last.current?.mode === 'create' ? (
          <Form.Item label="别名" name="aliases" extra="其他文件中对该单位的称呼，如旧名称、习惯简称；输入后按回车添加">
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} suffixIcon={null} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
