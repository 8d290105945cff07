// One way to report a failed request: the server's Chinese message in a toast; a stale version also
// reloads the data; a lost session is left to the session (it shows the login screen).
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, errorMessage } from './api';

export interface ErrorOptions {
  /** Reload what the user was editing when somebody else changed it meanwhile. */
  onStale?: () => void;
}

export function useApiError(): (error: unknown, options?: ErrorOptions) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, options?: ErrorOptions) => {
      if (error instanceof ApiError) {
        if (error.status === 401 && ['SESSION_EXPIRED', 'UNAUTHORIZED', 'TOTP_REQUIRED'].includes(error.code)) return;
        if (error.isStale) {
          const text = error.message.replace(/请刷新后重新编辑。?$/, '');
          void message.warning({ content: `${text}已为您重新加载最新数据，请核对后重新操作。`, duration: 6 });
          options?.onStale?.();
          return;
        }
      }
      void message.error({ content: errorMessage(error), duration: 5 });
    },
    [message],
  );
}
