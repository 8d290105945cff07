// 调整隶属: choose the new parent (not the unit itself nor anything below it).
import { Form, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import type { Unit } from '../../types';
import { subtreeIds, type UnitIndex } from '../../unitTree';
import { useApiError } from '../../useApiError';

export function MoveUnitModal({ unit, index, onClose, onSaved, onStale }: {
  unit: Unit | null;
  index: UnitIndex;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
  onStale: () => void;
}) {
  const [parentId, setParentId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const report = useApiError();
  const exclude = useMemo(() => (unit ? subtreeIds(index, unit.id) : new Set<string>()), [unit, index]);

  useEffect(() => {
    setParentId(unit?.parentId ?? undefined);
    setError(null);
  }, [unit]);

  async function save() {
    if (!unit) return;
    if (!parentId) {
      setError('请选择新的上级单位');
      return;
    }
    if (parentId === unit.parentId) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      onSaved(await api.post<Unit>(`/units/${unit.id}/move`, { parentId, version: unit.version }));
    } catch (e) {
      report(e, { onStale: () => { onClose(); onStale(); } });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={unit !== null}
      title={unit ? `调整隶属：${unit.name}` : '调整隶属'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="muted">下级单位随之一并调整。</p>
      <Form layout="vertical">
        <Form.Item label="新的上级单位" htmlFor="move-parent" validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <UnitTreeSelect
            id="move-parent"
            index={index}
            exclude={exclude}
            value={parentId}
            onChange={(v) => {
              setParentId(v);
              setError(null);
            }}
            className="full-width"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
