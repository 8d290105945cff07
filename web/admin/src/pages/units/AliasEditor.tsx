// 别名: other names the unit goes by in documents (old names, common abbreviations).
import { App, Button, Input, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { Unit, UnitAlias } from '../../types';
import { useApiError } from '../../useApiError';

const SOURCE_HINT: Record<string, string> = { rename: '更名时自动保留的旧名称', import: '导入时添加' };

export function AliasEditor({ unit, canManage, onChanged }: { unit: Unit; canManage: boolean; onChanged: () => Promise<unknown> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const { message, modal } = App.useApp();

  async function add() {
    const alias = text.trim();
    if (!alias) {
      void message.warning('请输入别名');
      return;
    }
    setBusy(true);
    try {
      await api.post(`/units/${unit.id}/aliases`, { alias });
      setText('');
      void message.success(`已添加别名「${alias}」`);
      await onChanged();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  }

  function remove(a: UnitAlias) {
    modal.confirm({
      title: `删除别名「${a.alias}」？`,
      content: '删除后，按此名称将不能再匹配到该单位。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.del(`/units/${unit.id}/aliases/${a.id}`);
          void message.success(`已删除别名「${a.alias}」`);
          await onChanged();
        } catch (e) {
          report(e);
        }
      },
    });
  }

  return (
    <div>
      {unit.aliases.length ? (
        <ul className="alias-list" aria-label="别名列表">
          {unit.aliases.map((a) => {
            const tag = (
              <Tag
                closable={canManage && !unit.abolished}
                closeIcon={canManage ? <span aria-label={`删除别名 ${a.alias}`}>×</span> : undefined}
                onClose={(e) => {
                  e.preventDefault();
                  remove(a);
                }}
                color={a.source === 'rename' ? 'blue' : undefined}
              >
                {a.alias}
              </Tag>
            );
            return <li key={a.id}>{SOURCE_HINT[a.source] ? <Tooltip title={SOURCE_HINT[a.source]}>{tag}</Tooltip> : tag}</li>;
          })}
        </ul>
      ) : (
        <p className="muted">暂无别名</p>
      )}
      {canManage && !unit.abolished ? (
        <Space.Compact className="alias-add">
          <Input
            aria-label="新别名"
            placeholder="输入别名，如 县发改委"
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => void add()}
          />
          <Button onClick={() => void add()} loading={busy}>
            添加别名
          </Button>
        </Space.Compact>
      ) : null}
    </div>
  );
}
