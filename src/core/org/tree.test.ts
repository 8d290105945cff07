import { describe, expect, it } from 'vitest';
import { buildTree, moveProblem, placementProblem } from './tree.ts';

describe('unit placement', () => {
  it('puts only a government at the root', () => {
    expect(placementProblem('government', null)).toBeNull();
    expect(placementProblem('department', null)).toContain('根');
  });

  it('puts villages and communities under townships, streets and development zones only', () => {
    expect(placementProblem('village', 'township')).toBeNull();
    expect(placementProblem('community', 'street')).toBeNull();
    expect(placementProblem('village', 'development_zone')).toBeNull();
    expect(placementProblem('village', 'department')).toContain('乡镇');
  });

  it('puts nothing under a village or community', () => {
    expect(placementProblem('institution', 'village')).toContain('不能再设单位');
  });

  it('refuses a move under the unit itself or a descendant', () => {
    expect(moveProblem('a', ['root', 'a', 'b'])).not.toBeNull();
    expect(moveProblem('a', ['root', 'a'])).not.toBeNull();
    expect(moveProblem('a', ['root', 'c'])).toBeNull();
  });
});

describe('buildTree', () => {
  it('nests children under parents, sorted by order then name', () => {
    const items = [
      { id: 'r', parentId: null, sortOrder: 0, name: '县政府' },
      { id: 'b', parentId: 'r', sortOrder: 20, name: '乙' },
      { id: 'a', parentId: 'r', sortOrder: 10, name: '甲' },
      { id: 'c', parentId: 'a', sortOrder: 0, name: '丙' },
    ];
    const [root] = buildTree(items);
    expect(root!.children.map((n) => n.item.id)).toEqual(['a', 'b']);
    expect(root!.children[0]!.children[0]!.item.id).toBe('c');
  });
});
