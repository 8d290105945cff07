// The unit tree's rules: where a unit may sit, and what a move may not do.
import type { UnitKind } from './kinds.ts';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '人民政府',
  office: '政府办公室',
  open_gov_office: '政务公开办公室',
  department: '政府工作部门',
  township: '乡镇',
  street: '街道',
  development_zone: '开发区（园区）',
  village: '行政村',
  community: '社区',
  vertical: '垂直管理单位',
  institution: '事业单位',
};

/** Villages and communities sit under a township, a street or a development zone; nothing sits under them. */
export function placementProblem(childKind: UnitKind, parentKind: UnitKind | null): string | null {
  if (parentKind === null) return childKind === 'government' ? null : '只有人民政府可以作为单位树的根';
  if (childKind === 'government' && parentKind !== 'government') return '人民政府只能位于单位树的根或上级政府之下';
  if ((childKind === 'village' || childKind === 'community') && !['township', 'street', 'development_zone'].includes(parentKind)) {
    return `${UNIT_KIND_LABELS[childKind]}只能设在乡镇、街道或开发区之下`;
  }
  if (parentKind === 'village' || parentKind === 'community') return `${UNIT_KIND_LABELS[parentKind]}之下不能再设单位`;
  return null;
}

/** A unit cannot move under itself or under one of its own descendants. */
export function moveProblem(unitId: string, newParentPath: readonly string[]): string | null {
  return newParentPath.includes(unitId) ? '不能把单位移到它自己或它的下级单位之下' : null;
}

export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

export function buildTree<T extends { id: string; parentId: string | null; sortOrder: number; name: string }>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map(items.map((i) => [i.id, { item: i, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.item.sortOrder - b.item.sortOrder || a.item.name.localeCompare(b.item.name, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
