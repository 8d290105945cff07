// 单位管理: the unit tree on the left, the selected unit on the right.
import { App, Card, Input, Spin, Switch, Tag, Tree, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { PERMISSIONS, unitKindLabel } from '../labels';
import { useSession } from '../session';
import type { Unit } from '../types';
import { visibleForSearch, type UnitIndex } from '../unitTree';
import { useApiError } from '../useApiError';
import { useUnits } from '../useUnits';
import { MoveUnitModal } from './units/MoveUnitModal';
import { UnitDetail } from './units/UnitDetail';
import { UnitFormModal, type UnitFormTarget } from './units/UnitFormModal';

function highlight(text: string, query: string): ReactNode {
  const q = query.trim();
  if (!q) return text;
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

/** A tree node whose accessible name is the unit's name with its kind, e.g. 示范县发展和改革局（政府工作部门）. */
type UnitTreeNode = TreeDataNode & { 'aria-label': string; children?: UnitTreeNode[] };

function treeData(index: UnitIndex, search: string): { nodes: UnitTreeNode[]; matched: Set<string>; visible: Set<string> | null } {
  const filter = search.trim() ? visibleForSearch(index, search) : null;
  const build = (u: Unit): UnitTreeNode | null => {
    if (filter && !filter.visible.has(u.id)) return null;
    const kids = (index.children.get(u.id) ?? []).map(build).filter((n): n is UnitTreeNode => n !== null);
    const aliasHit =
      filter?.matched.has(u.id) && !u.name.toLowerCase().includes(search.trim().toLowerCase())
        ? u.aliases.find((a) => a.alias.toLowerCase().includes(search.trim().toLowerCase()))?.alias ?? (u.shortName || undefined)
        : undefined;
    return {
      key: u.id,
      'aria-label': `${u.name}（${unitKindLabel(u.kind)}${u.abolished ? '，已撤销' : ''}）`,
      title: (
        <span className={u.abolished ? 'unit-node unit-node-abolished' : 'unit-node'}>
          <span className="unit-node-name">{highlight(u.name, search)}</span>
          <span className="unit-node-kind">{unitKindLabel(u.kind)}</span>
          {aliasHit ? <span className="unit-node-kind">（{highlight(aliasHit, search)}）</span> : null}
          {u.abolished ? <Tag className="unit-node-tag">已撤销</Tag> : null}
        </span>
      ),
      children: kids.length ? kids : undefined,
      isLeaf: kids.length === 0,
    };
  };
  const nodes = index.roots.map(build).filter((n): n is UnitTreeNode => n !== null);
  return { nodes, matched: filter?.matched ?? new Set(), visible: filter?.visible ?? null };
}

export default function UnitsPage() {
  const { can } = useSession();
  const canManage = can(PERMISSIONS.unitsManage);
  const [showAbolished, setShowAbolished] = useState(false);
  const { units, index, loading, reload } = useUnits(showAbolished);
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const { message, modal } = App.useApp();
  const report = useApiError();

  // First load: select the root and open its first level.
  useEffect(() => {
    if (selectedId || !index.roots.length) return;
    const root = index.roots[0]!;
    setSelectedId(root.id);
    setExpanded(index.roots.map((r) => r.id));
  }, [index, selectedId]);

  const { nodes, visible } = useMemo(() => treeData(index, search), [index, search]);
  const expandedKeys = visible ? [...visible] : expanded;
  const selected = selectedId ? index.byId.get(selectedId) : undefined;

  /** Reload the list, then show and select the given unit. */
  const reveal = useCallback(
    async (unitId: string | null) => {
      const list = await reload();
      if (!unitId) return;
      const byId = new Map(list.map((u) => [u.id, u]));
      const path: string[] = [];
      let cur = byId.get(unitId);
      while (cur?.parentId && byId.has(cur.parentId)) {
        path.unshift(cur.parentId);
        cur = byId.get(cur.parentId);
      }
      setExpanded((prev) => [...new Set([...prev, ...path])]);
      setSelectedId(unitId);
      setSearch('');
    },
    [reload],
  );

  const onAbolish = (unit: Unit) => {
    modal.confirm({
      title: `撤销「${unit.name}」？`,
      content: '撤销后该单位不再出现在选择列表中，历史信息和操作记录保留。须先撤销或调整其下级单位，并停用或调走其账号。',
      okText: '确认撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post<Unit>(`/units/${unit.id}/abolish`, { version: unit.version });
          void message.success(`已撤销「${unit.name}」`);
          await reveal(showAbolished ? unit.id : unit.parentId);
        } catch (e) {
          report(e, { onStale: () => void reload() });
        }
      },
    });
  };

  return (
    <>
      <PageTitle title="单位管理">本级政府及所属单位的组织树。各模块统一使用这里的单位名称；单位更名后，旧名称自动保留为别名。</PageTitle>
      <div className="units-grid">
        <Card
          className="unit-tree-card"
          title={<h2 className="section-title">单位树</h2>}
          extra={
            <span className="switch-label">
              <Switch id="show-abolished" size="small" checked={showAbolished} onChange={setShowAbolished} />
              <label htmlFor="show-abolished">显示已撤销</label>
            </span>
          }
        >
          <Input.Search
            aria-label="查找单位"
            placeholder="按名称、简称或别名查找"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="tree-search"
          />
          <p className="muted tree-count" aria-live="polite">
            {search.trim() ? `找到 ${visibleForSearch(index, search).matched.size} 个单位` : `共 ${units.length} 个单位`}
          </p>
          <Spin spinning={loading}>
            <div className="unit-tree-scroll">
              <Tree
                aria-label="单位树"
                treeData={nodes}
                blockNode
                showLine
                // No expand/collapse animation: the tree changes at every keystroke of the search.
                motion={false}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (key !== undefined) setSelectedId(String(key));
                }}
              />
            </div>
          </Spin>
        </Card>
        <UnitDetail
          unit={selected}
          index={index}
          canManage={canManage}
          actions={{
            onAddChild: (unit) => {
              const siblings = index.children.get(unit.id) ?? [];
              const sortOrder = siblings.length ? Math.min(100000, Math.max(...siblings.map((s) => s.sortOrder)) + 10) : 10;
              setFormTarget({ mode: 'create', parent: unit, sortOrder });
            },
            onEdit: (unit) => setFormTarget({ mode: 'edit', unit }),
            onMove: (unit) => setMoving(unit),
            onAbolish,
            onAliasesChanged: () => reload(),
          }}
        />
      </div>
      <UnitFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onStale={() => void reload()}
        onSaved={(unit) => {
          const created = formTarget?.mode === 'create';
          setFormTarget(null);
          void message.success(created ? `已新增单位「${unit.name}」` : `已保存「${unit.name}」`);
          void reveal(unit.id);
        }}
      />
      <MoveUnitModal
        unit={moving}
        index={index}
        onClose={() => setMoving(null)}
        onStale={() => void reload()}
        onSaved={(unit) => {
          setMoving(null);
          const parent = unit.parentId ? index.byId.get(unit.parentId) : undefined;
          void message.success(`已将「${unit.name}」调整到「${parent?.name ?? '新的上级单位'}」之下`);
          void reveal(unit.id);
        }}
      />
    </>
  );
}

