// The login session: loaded once at start, replaced after login steps, dropped when the server says
// the session is gone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onAuthLost, onPasswordChangeRequired, refreshSession, setCsrfToken } from './api';
import type { SessionInfo } from './types';

export interface SessionContextValue {
  session: SessionInfo;
  /** A message for the login screen, e.g. why the user was sent back to it. */
  notice: string | null;
  update: (info: SessionInfo) => void;
  refresh: () => Promise<SessionInfo>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; session: SessionInfo };

function loggedOut(previous: SessionInfo | null): SessionInfo {
  return {
    authenticated: false,
    totpRequired: false,
    mustChangePassword: false,
    csrfToken: null,
    tenant: previous?.tenant ?? null,
    user: null,
  };
}

export function SessionProvider({ children, loading, failed }: {
  children: ReactNode;
  loading: ReactNode;
  failed: (message: string, retry: () => void) => ReactNode;
}) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const info = await refreshSession();
      setState({ status: 'ready', session: info });
    } catch (error) {
      setState({ status: 'error', message: error instanceof ApiError ? error.message : '无法读取登录状态' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const update = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setNotice(null);
    setState({ status: 'ready', session: info });
  }, []);

  const refresh = useCallback(async () => {
    const info = await refreshSession();
    setState({ status: 'ready', session: info });
    return info;
  }, []);

  useEffect(() => {
    onAuthLost((error) => {
      setCsrfToken(null);
      setNotice(error.code === 'TOTP_REQUIRED' ? error.message : '登录已过期，请重新登录');
      setState((prev) => ({ status: 'ready', session: loggedOut(prev.status === 'ready' ? prev.session : null) }));
    });
    onPasswordChangeRequired(() => {
      void refreshSession().then((info) => setState({ status: 'ready', session: info })).catch(() => undefined);
    });
    return () => {
      onAuthLost(null);
      onPasswordChangeRequired(null);
    };
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', {}, { quietAuth: true });
    } catch {
      // Logged out either way: the cookie is gone or the session had already expired.
    }
    setCsrfToken(null);
    setNotice('您已安全退出');
    setState((prev) => ({ status: 'ready', session: loggedOut(prev.status === 'ready' ? prev.session : null) }));
  }, []);

  const session = state.status === 'ready' ? state.session : null;
  const value = useMemo<SessionContextValue | null>(() => {
    if (!session) return null;
    const permissions = new Set(session.user?.permissions ?? []);
    return { session, notice, update, refresh, logout, can: (p: string) => permissions.has(p) };
  }, [session, notice, update, refresh, logout]);

  if (state.status === 'loading') return <>{loading}</>;
  if (state.status === 'error') return <>{failed(state.message, () => void load())}</>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
