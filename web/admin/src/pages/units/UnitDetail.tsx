// The selected unit: its particulars, actions and aliases.
import { Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { unitKindLabel } from '../../labels';
import type { Unit } from '../../types';
import type { UnitIndex } from '../../unitTree';
import { AliasEditor } from './AliasEditor';

export interface UnitActions {
  onAddChild: (unit: Unit) => void;
  onEdit: (unit: Unit) => void;
  onMove: (unit: Unit) => void;
  onAbolish: (unit: Unit) => void;
  onAliasesChanged: () => Promise<unknown>;
}

export function UnitDetail({ unit, index, canManage, actions }: { unit: Unit | undefined; index: UnitIndex; canManage: boolean; actions: UnitActions }) {
  if (!unit) {
    return (
      <Card title={<h2 className="section-title">单位详情</h2>}>
        <Empty description="请在左侧单位树中选择一个单位" />
      </Card>
    );
  }
  const parent = unit.parentId ? index.byId.get(unit.parentId) : undefined;
  const childCount = index.children.get(unit.id)?.length ?? 0;
  const isRoot = !unit.parentId;
  return (
    <Card
      title={
        <h2 className="section-title">
          {unit.name} {unit.abolished ? <Tag color="default">已撤销</Tag> : null}
        </h2>
      }
    >
      {canManage && !unit.abolished ? (
        <Space wrap className="toolbar" role="group" aria-label="单位操作">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.onAddChild(unit)}>
            新增下级单位
          </Button>
          <Button icon={<EditOutlined />} onClick={() => actions.onEdit(unit)}>
            编辑
          </Button>
          <Button icon={<NodeIndexOutlined />} onClick={() => actions.onMove(unit)} disabled={isRoot} title={isRoot ? '根单位不能调整隶属' : undefined}>
            调整隶属
          </Button>
          <Button danger icon={<DeleteOutlined />} onClick={() => actions.onAbolish(unit)} disabled={isRoot} title={isRoot ? '根单位不能撤销' : undefined}>
            撤销
          </Button>
        </Space>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 150 } }}
        items={[
          { key: 'name', label: '全称', children: unit.name },
          { key: 'shortName', label: '简称', children: unit.shortName || '—' },
          { key: 'code', label: '编码', children: <span className="mono">{unit.code}</span> },
          { key: 'orgCode', label: '统一社会信用代码', children: unit.orgCode ? <span className="mono">{unit.orgCode}</span> : '—' },
          { key: 'kind', label: '类型', children: unitKindLabel(unit.kind) },
          { key: 'sortOrder', label: '排序', children: unit.sortOrder },
          { key: 'parent', label: '上级单位', children: parent ? parent.name : isRoot ? '（根单位）' : '—' },
          { key: 'children', label: '下级单位', children: `${childCount} 个` },
          { key: 'status', label: '状态', children: unit.abolished ? '已撤销' : '正常' },
        ]}
      />
      <h3 className="subsection-title">别名</h3>
      <AliasEditor unit={unit} canManage={canManage} onChanged={actions.onAliasesChanged} />
    </Card>
  );
}
