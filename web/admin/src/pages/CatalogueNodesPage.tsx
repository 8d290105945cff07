// 公开目录 (主动公开基本目录): the columns under which proactive records appear on the portal, by default the
// items of Art. 20 of the regulation. Records are filed under a node in the record editor; the
// open-government office adds nodes here.
import { PlusOutlined } from '@ant-design/icons';
import { App, Card, Button, Empty, Form, Input, InputNumber, Modal, Spin, Tree, TreeSelect, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS } from '../labels';
import { useSession } from '../session';
import type { CatalogueNode } from '../types';
import { useApiError } from '../useApiError';
import { forgetCatalogue, nodeTreeData } from './catalogue/useCatalogue';

interface NodeValues {
  parentId?: string;
  code?: string;
  name?: string;
  description?: string;
  sortOrder?: number | null;
}

const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

type NodeTreeNode = TreeDataNode & { 'aria-label': string; children?: NodeTreeNode[] };

function treeNodes(nodes: readonly CatalogueNode[]): NodeTreeNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, CatalogueNode[]>();
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const build = (n: CatalogueNode): NodeTreeNode => {
    const kids = (children.get(n.id) ?? []).map(build);
    return {
      key: n.id,
      'aria-label': `${n.code} ${n.name}`,
      title: (
        <span className="catalogue-node">
          <span className="mono catalogue-node-code">{n.code}</span>
          <span>{n.name}</span>
          {n.description ? <span className="muted small">{n.description}</span> : null}
        </span>
      ),
      children: kids.length ? kids : undefined,
      isLeaf: !kids.length,
    };
  };
  return (children.get(null) ?? []).map(build);
}

function NodeModal({ open, nodes, parentId, onClose, onSaved }: { open: boolean; nodes: CatalogueNode[]; parentId: string | undefined; onClose: () => void; onSaved: (n: CatalogueNode) => void }) {
  const [form] = Form.useForm<NodeValues>();
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const parents = useMemo(() => nodeTreeData(nodes), [nodes]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const siblings = nodes.filter((n) => (n.parentId ?? undefined) === parentId);
    form.setFieldsValue({ parentId, sortOrder: siblings.length ? Math.min(100000, Math.max(...siblings.map((s) => s.sortOrder)) + 10) : 10 });
  }, [open, parentId, nodes, form]);

  async function save(values: NodeValues) {
    setBusy(true);
    try {
      const created = await api.post<CatalogueNode>('/catalogue/nodes', {
        parentId: values.parentId ?? null,
        code: (values.code ?? '').trim(),
        name: (values.name ?? '').trim(),
        description: values.description?.trim() || null,
        ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
      });
      onSaved(created);
    } catch (e) {
      const field = e instanceof ApiError && typeof e.details?.field === 'string' ? e.details.field : null;
      if (field && ['parentId', 'code', 'name', 'description', 'sortOrder'].includes(field)) form.setFields([{ name: field as keyof NodeValues, errors: [(e as ApiError).message] }]);
      else if (e instanceof ApiError && e.status === 409) form.setFields([{ name: 'code', errors: [e.message] }]);
      else report(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title="新增公开目录节点" okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      <Form<NodeValues> form={form} name="catalogue-node" layout="vertical" onFinish={save} autoComplete="off">
        <Form.Item label="上级目录" name="parentId" extra="不选则为第一级目录">
          <TreeSelect treeData={parents} treeNodeLabelProp="label" showSearch={{ treeNodeFilterProp: 'title' }} allowClear treeDefaultExpandAll placeholder="（第一级）" popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 60, message: '名称不能超过 60 个字' }]}>
          <Input placeholder="如 规范性文件" />
        </Form.Item>
        <Form.Item
          label="目录编码"
          name="code"
          extra="字母、数字、- 或 _，在本站点内唯一，如 0201"
          rules={[
            { required: true, message: '请输入目录编码' },
            { max: 20, message: '目录编码不能超过 20 个字符' },
            { pattern: CODE_PATTERN, message: '目录编码只能包含字母、数字、- 或 _' },
          ]}
        >
          <Input spellCheck={false} />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明不能超过 500 个字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
          <InputNumber min={0} max={100000} className="full-width" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CatalogueNodesPage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.catalogueManage);
  const [nodes, setNodes] = useState<CatalogueNode[] | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [adding, setAdding] = useState(false);
  const report = useApiError();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    try {
      setNodes(await api.get<CatalogueNode[]>('/catalogue/nodes'));
    } catch (e) {
      report(e);
      setNodes((n) => n ?? []);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  const data = useMemo(() => treeNodes(nodes ?? []), [nodes]);
  const allKeys = useMemo(() => (nodes ?? []).map((n) => n.id), [nodes]);
  const chosen = selected ? nodes?.find((n) => n.id === selected) : undefined;

  return (
    <>
      <PageTitle
        title="公开目录"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {chosen ? `在「${chosen.name}」下新增节点` : '新增节点'}
            </Button>
          ) : null
        }
      >
        主动公开基本目录：门户“法定主动公开内容”的栏目（默认为《政府信息公开条例》第二十条所列各项）。起草信息时选择它所在的公开目录。
      </PageTitle>
      <Card title={<h2 className="section-title">目录树</h2>} className="nodes-card">
        <Spin spinning={nodes === null}>
          {nodes && !nodes.length ? <Empty description="还没有公开目录节点" /> : null}
          {data.length ? (
            <Tree
              aria-label="公开目录"
              treeData={data}
              blockNode
              showLine
              motion={false}
              expandedKeys={expanded ?? allKeys}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] !== undefined ? String(keys[0]) : undefined)}
            />
          ) : null}
        </Spin>
        {canManage ? <p className="muted small nodes-hint">选中一个节点后点“新增节点”，新节点放在它下面；不选则新增第一级目录。</p> : null}
      </Card>
      <NodeModal
        open={adding}
        nodes={nodes ?? []}
        parentId={selected}
        onClose={() => setAdding(false)}
        onSaved={(n) => {
          setAdding(false);
          forgetCatalogue();
          void message.success(`已新增公开目录「${n.name}」`);
          setExpanded((e) => (e && n.parentId ? [...new Set([...e, n.parentId])] : e));
          setSelected(n.id);
          void load();
        }}
      />
    </>
  );
}
