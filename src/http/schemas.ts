// JSON schemas shared by routes. Titles are Chinese: validation messages name the field by its title.
import { Type, type TSchema } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '机器可读的错误码' }),
      message: Type.String({ description: '给人看的中文说明' }),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { title: '错误' },
);

export const Uuid = (title: string) => Type.String({ format: 'uuid', title });
export const LocalDate = (title: string) => Type.String({ format: 'date', title, description: 'YYYY-MM-DD' });
export const Version = Type.Integer({ minimum: 1, title: '版本号', description: '读取时的版本号（乐观锁）：他人已修改时拒绝保存' });

export const Page = Type.Integer({ minimum: 1, maximum: 100000, default: 1, title: '页码' });
export const PageSize = Type.Integer({ minimum: 1, maximum: 200, default: 20, title: '每页条数' });

export const IdParams = Type.Object({ id: Uuid('标识') });

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** Errors every protected route can answer with, for the OpenAPI document. */
export function withErrors<T extends Record<number, TSchema>>(responses: T): T & Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 429, typeof ErrorResponse> {
  const ref = ErrorResponse;
  return { 400: ref, 401: ref, 403: ref, 404: ref, 409: ref, 413: ref, 415: ref, 429: ref, ...responses };
}

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) });

/** One of a list of codes; a wrong value is answered with the field's title and the allowed values. */
export const Enum = <T extends string>(values: readonly T[], title: string, description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], title, ...(description ? { description } : {}) });
export const NullableEnum = <T extends string>(values: readonly T[], title: string) => Type.Unsafe<T | null>({ type: ['string', 'null'], enum: [...values, null], title });
