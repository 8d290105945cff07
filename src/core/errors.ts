// Errors that carry an HTTP status and a Chinese message for the person who caused them. Services throw
// them; the HTTP edge turns them into `{ error: { code, message } }`.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new AppError(400, 'BAD_REQUEST', message, details);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError(409, 'CONFLICT', message, details);
/** Optimistic locking: somebody saved the row since the caller read it. */
export const staleVersion = (what: string) =>
  new AppError(409, 'STALE_VERSION', `${what}已被他人修改，您的修改未保存。请刷新后重新编辑。`);
