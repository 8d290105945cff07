// Who is acting: a staff member through a session or an API token, or the system itself (CLI, jobs).
import type { Grant } from './roles.ts';

export interface Principal {
  via: 'session' | 'token';
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  grants: Grant[];
  /** Set for session logins: the CSRF token is bound to it. */
  sessionId?: string;
  isDemo: boolean;
}

/** What the audit log records about whoever made a change. */
export interface Actor {
  tenantId: string;
  userId: string | null;
  label: string;
  ip?: string | null;
  requestId?: string | null;
}

export function actorOf(p: Principal, ip?: string | null, requestId?: string | null): Actor {
  return { tenantId: p.tenantId, userId: p.userId, label: `${p.displayName}（${p.username}）`, ip: ip ?? null, requestId: requestId ?? null };
}

export function systemActor(tenantId: string, label = '系统'): Actor {
  return { tenantId, userId: null, label, ip: null, requestId: null };
}
