// 409 STALE_VERSION on a record: somebody else saved it since it was read. Nothing is overwritten: the user
// is told, and chooses when to load the newer version (unsaved edits in the form would be replaced).
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api';

export function useStaleDialog(): (error: unknown, reload: () => void, opts?: { unsavedEdits?: boolean }) => boolean {
  const { modal } = App.useApp();
  return useCallback(
    (error: unknown, reload: () => void, opts: { unsavedEdits?: boolean } = {}) => {
      if (!(error instanceof ApiError) || !error.isStale) return false;
      const what = error.message.replace(/您的修改未保存。?请刷新后重新编辑。?$/, '').replace(/[，。,\s]+$/, '');
      modal.confirm({
        title: '信息已被他人修改',
        content: opts.unsavedEdits
          ? `${what}，您的修改没有保存。重新加载将显示最新内容，并放弃您在表单中尚未保存的修改；如需保留，请先复制您的修改，再重新加载。`
          : `${what}，本次操作没有执行。请重新加载，核对最新内容后再操作。`,
        okText: '重新加载',
        cancelText: opts.unsavedEdits ? '暂不加载' : '取消',
        onOk: reload,
      });
      return true;
    },
    [modal],
  );
}
