// Every failure becomes `{ error: { code, message } }` with a Chinese message that says what is wrong:
// never a stack trace, and a 500 only for a real fault, which is logged with the request id.
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { AppError } from '../core/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  null: '空值',
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: '标识符（UUID）',
  date: 'YYYY-MM-DD 格式的日期',
  'date-time': 'ISO 8601 格式的时间',
  email: '电子邮箱地址',
  uri: '网址',
  hostname: '域名',
};

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

type JsonSchema = { title?: string; description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; type?: unknown };

/** The schema node at an instance path such as `/units/0/name`, for its Chinese title. */
function schemaAt(root: JsonSchema | undefined, pointer: string[]): JsonSchema | undefined {
  let node = root;
  for (const part of pointer) {
    if (!node) return undefined;
    if (node.properties && part in node.properties) node = node.properties[part];
    else if (node.items) node = node.items;
    else return undefined;
  }
  return node;
}

const PART_NAMES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function validationMessage(errors: AjvError[], context: string | undefined, schema: FastifySchema | undefined): string {
  const err = errors[0];
  if (!err) return '请求参数有误';
  const root = context ? ((schema as Record<string, unknown> | undefined)?.[context === 'querystring' ? 'querystring' : context] as JsonSchema | undefined) : undefined;
  const pointer = err.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = (parts: string[]) => {
    const node = schemaAt(root, parts);
    const key = parts.join('.');
    if (!key) return PART_NAMES[context ?? ''] ?? '请求';
    return node?.title ? `「${node.title}」（${key}）` : `「${key}」`;
  };
  const p = err.params;
  switch (err.keyword) {
    case 'required':
      return `缺少必填项${field([...pointer, String(p.missingProperty)])}`;
    case 'type': {
      const t = String(p.type).split(',').map((x) => TYPE_NAMES[x] ?? x).join('或');
      return `${field(pointer)}应当是${t}`;
    }
    case 'minLength':
      return Number(p.limit) === 1 ? `${field(pointer)}不能为空` : `${field(pointer)}不能少于 ${p.limit} 个字符`;
    case 'maxLength':
      return `${field(pointer)}不能超过 ${p.limit} 个字符`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${field(pointer)}不能小于${err.keyword === 'exclusiveMinimum' ? '或等于' : ''} ${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${field(pointer)}不能大于${err.keyword === 'exclusiveMaximum' ? '或等于' : ''} ${p.limit}`;
    case 'minItems':
      return `${field(pointer)}至少需要 ${p.limit} 项`;
    case 'maxItems':
      return `${field(pointer)}最多 ${p.limit} 项`;
    case 'format':
      return `${field(pointer)}应当是${FORMAT_NAMES[String(p.format)] ?? String(p.format) + ' 格式'}`;
    case 'enum':
      return `${field(pointer)}只能取以下值之一：${(p.allowedValues as unknown[]).map(String).join('、')}`;
    case 'const':
      return `${field(pointer)}只能是 ${String(p.allowedValue)}`;
    case 'pattern': {
      const node = schemaAt(root, pointer);
      return `${field(pointer)}格式不正确${node?.description ? `：${node.description}` : ''}`;
    }
    case 'additionalProperties':
      return `${field(pointer)}含有不认识的字段「${String(p.additionalProperty)}」`;
    case 'anyOf':
    case 'oneOf':
      return `${field(pointer)}不符合任何一种允许的格式`;
    default:
      return `${field(pointer)}不符合要求（${err.keyword}）`;
  }
}

const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求有误'],
  401: ['UNAUTHORIZED', '请先登录'],
  403: ['FORBIDDEN', '您没有执行此操作的权限'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  406: ['NOT_ACCEPTABLE', '无法提供所要求的格式'],
  409: ['CONFLICT', '与现有数据冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求体过大'],
  414: ['URI_TOO_LONG', '请求地址过长'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  429: ['RATE_LIMITED', '请求过于频繁，请稍后再试'],
  431: ['HEADERS_TOO_LARGE', '请求头过大'],
};

/** PostgreSQL error codes that mean "bad input that slipped past validation", not a fault. */
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', '与已有数据重复（名称、编码或账号已被使用）'],
  '23503': [409, 'REFERENCE', '引用的数据不存在，或仍被其他数据引用'],
  '23514': [400, 'CHECK', '数据不符合约束条件'],
  '22P02': [400, 'BAD_FORMAT', '参数格式不正确'],
  '22001': [400, 'TOO_LONG', '内容过长'],
  '22007': [400, 'BAD_DATE', '日期或时间格式不正确'],
  '22008': [400, 'BAD_DATE', '日期或时间超出范围'],
  '22003': [400, 'OUT_OF_RANGE', '数值超出范围'],
  '22021': [400, 'BAD_ENCODING', '内容含有无效字符'],
  '54000': [400, 'TOO_COMPLEX', '请求过于复杂'],
};

export function toErrorResponse(err: FastifyError & { validation?: AjvError[]; validationContext?: string }, request: FastifyRequest): {
  status: number;
  body: ErrorBody;
  fault: boolean;
} {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } }, fault: false };
  }
  if (err.validation) {
    const message = validationMessage(err.validation, err.validationContext, request.routeOptions?.schema);
    // The field a form should mark: the first segment of the failing path (or the missing property).
    const first = err.validation[0];
    const segment = first?.instancePath.split('/').filter(Boolean)[0] ?? (first?.keyword === 'required' ? String(first.params.missingProperty ?? '') : '');
    return { status: 400, body: { error: { code: 'VALIDATION', message, ...(segment ? { details: { field: segment, in: err.validationContext ?? 'body' } } : {}) } }, fault: false };
  }
  const pgCode = (err as { code?: string }).code;
  if (pgCode && PG_CLIENT_ERRORS[pgCode] && 'severity' in err) {
    const [status, code, message] = PG_CLIENT_ERRORS[pgCode];
    return { status, body: { error: { code, message } }, fault: false };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' } }, fault: false };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: { code: 'EMPTY_BODY', message: '请求体为空，应为 JSON 对象' } }, fault: false };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大，超过了允许的上限' } }, fault: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `不支持的内容类型「${String(request.headers['content-type'] ?? '')}」，请使用 application/json` } },
        fault: false,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { error: { code: 'BAD_CONTENT_LENGTH', message: '请求体长度与 Content-Length 不符' } }, fault: false };
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return {
        status: 403,
        body: { error: { code: 'CSRF', message: '安全校验失败（CSRF 令牌缺失、无效或已过期），请刷新页面后重试' } },
        fault: false,
      };
  }
  if (err instanceof SyntaxError) {
    return { status: 400, body: { error: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON' } }, fault: false };
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status < 500) {
    const [code, message] = STATUS_MESSAGES[status] ?? ['BAD_REQUEST', '请求有误'];
    return { status, body: { error: { code, message } }, fault: false };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: `服务器内部错误，请稍后重试。如问题持续，请联系管理员并提供错误编号 ${request.id}` } },
    fault: true,
  };
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } } satisfies ErrorBody);
}
