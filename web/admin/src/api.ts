// A typed fetch wrapper for /api/v1: JSON in and out (or a file up, as multipart/form-data), the session's
// CSRF token on every write (refreshed once when the server answers 403 CSRF), errors as ApiError with the
// server's Chinese message, and a hook that tells the console when the session is gone so that it can show
// the login screen again.
import type { SessionInfo } from './types';

export const API_BASE = '/api/v1';

/** Error codes after which the console must go back to the login screen. */
const AUTH_LOST_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHORIZED', 'TOTP_REQUIRED']);

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Somebody else saved the row since we read it (optimistic locking). */
  get isStale(): boolean {
    return this.status === 409 && this.code === 'STALE_VERSION';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (file uploads): sent as is, the browser sets the content type and its boundary. */
  form?: FormData;
  /** Do not report 401 to the session (the login and TOTP steps answer 401 for a wrong password). */
  quietAuth?: boolean;
}

let csrfToken: string | null = null;
type AuthLostListener = (error: ApiError) => void;
type PasswordChangeListener = () => void;
let authLostListener: AuthLostListener | null = null;
let passwordChangeListener: PasswordChangeListener | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request shows that the session has expired or was never there. */
export function onAuthLost(listener: AuthLostListener | null): void {
  authLostListener = listener;
}

/** Called when the server insists on a password change before anything else. */
export function onPasswordChangeRequired(listener: PasswordChangeListener | null): void {
  passwordChangeListener = listener;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toApiError(status: number, data: unknown): ApiError {
  if (isRecord(data) && isRecord(data.error)) {
    const { code, message, details } = data.error;
    return new ApiError(
      status,
      typeof code === 'string' ? code : `HTTP_${status}`,
      typeof message === 'string' && message ? message : `请求失败（HTTP ${status}）`,
      isRecord(details) ? details : undefined,
    );
  }
  if (status === 502 || status === 503 || status === 504) return new ApiError(status, `HTTP_${status}`, '服务器暂时不可用，请稍后再试');
  return new ApiError(status, `HTTP_${status}`, `请求失败（HTTP ${status}）`);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | FormData | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`${API_BASE}${path}${buildQuery(options.query)}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Fetch a fresh CSRF token from the session; tells the console when the session has gone. */
export async function refreshSession(): Promise<SessionInfo> {
  const info = await request<SessionInfo>('GET', '/auth/session', { quietAuth: true });
  setCsrfToken(info.csrfToken);
  return info;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}, retried = false): Promise<T> {
  const res = await send(method, path, options);
  const data = await readJson(res);
  if (res.ok) return data as T;
  const error = toApiError(res.status, data);
  if (res.status === 403 && error.code === 'CSRF' && method !== 'GET' && !retried) {
    const info = await refreshSession();
    if (!info.authenticated && !info.totpRequired) {
      const lost = new ApiError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录');
      authLostListener?.(lost);
      throw lost;
    }
    return request<T>(method, path, options, true);
  }
  if (res.status === 401 && AUTH_LOST_CODES.has(error.code) && !options.quietAuth) authLostListener?.(error);
  if (res.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') passwordChangeListener?.();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, opts: { quietAuth?: boolean } = {}) => request<T>('POST', path, { body: body ?? {}, ...opts }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** Uploads one file as multipart/form-data (field `file` unless told otherwise), with the CSRF token. */
  upload: <T>(path: string, file: Blob, opts: { query?: Query; field?: string; fileName?: string } = {}) => {
    const form = new FormData();
    form.append(opts.field ?? 'file', file, opts.fileName ?? (file instanceof File ? file.name : 'file'));
    return request<T>('POST', path, { form, query: opts.query });
  },
};

/** The address of a file the API serves (attachments, XLSX exports): for links and downloads. */
export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${buildQuery(query)}`;
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}
