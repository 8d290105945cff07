// Choosing a unit from the tree, with search by name.
import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import type { Unit } from '../types';
import { unitSelectData, type UnitIndex } from '../unitTree';

export interface UnitTreeSelectProps {
  index: UnitIndex;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  exclude?: Set<string>;
  disableAbolished?: boolean;
  /** Only these units can be chosen (e.g. where the user may draft). */
  allow?: (unit: Unit) => boolean;
  disabled?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  className?: string;
  'aria-label'?: string;
  style?: CSSProperties;
}

export function UnitTreeSelect({ index, value, onChange, exclude, disableAbolished = true, allow, disabled, placeholder = '请选择单位', allowClear, id, className, style, ...rest }: UnitTreeSelectProps) {
  const data = useMemo(() => unitSelectData(index, { exclude, disableAbolished, allow }), [index, exclude, disableAbolished, allow]);
  const rootKeys = useMemo(() => index.roots.map((r) => r.id), [index]);
  return (
    <TreeSelect
      id={id}
      className={className}
      style={style}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={data}
      treeNodeLabelProp="label"
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      treeDefaultExpandedKeys={value ? [value, ...rootKeys] : rootKeys}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}
