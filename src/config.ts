// Configuration from the environment. Every setting has a default that makes `npm start` work on a
// fresh clone; production sets DATABASE_URL, SESSION_SECRET and NODE_ENV=production.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  blobDir: string;
  /** When unset, the server starts its own PostgreSQL in `${dataDir}/pg`. */
  databaseUrl: string | undefined;
  /** Port of the embedded PostgreSQL (private, loopback only). */
  embeddedPgPort: number;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean | string;
  logLevel: string;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login and other credential attempts accepted per client IP and minute. */
  loginRateLimit: number;
  /** Public forms (disclosure requests) one client address may submit in ten minutes. */
  requestFormRateLimit: number;
  /** Tenant used when the request's host matches no tenant and the install has one tenant only. */
  defaultTenant: string | undefined;
  /** Load the demo government when the database is empty (refused in production). */
  seedDemo: boolean;
  /** Largest attachment accepted for upload, in bytes. */
  uploadMaxBytes: number;
  /** Attachments go to this S3-compatible bucket when set; otherwise to `blobDir`. */
  s3Bucket: string | undefined;
  /** S3 endpoint (e.g. `http://minio:9000`); unset → AWS S3 of `s3Region`. */
  s3Endpoint: string | undefined;
  s3Region: string;
  s3AccessKeyId: string | undefined;
  s3SecretAccessKey: string | undefined;
  /** `endpoint/bucket/key` URLs (MinIO and most self-hosted stores) instead of `bucket.endpoint/key`. */
  s3ForcePathStyle: boolean;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 应为非负整数，实际为「${value}」`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** In development the session secret is generated once and kept in the data folder. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (!sessionSecret) {
    if (mode === 'production') throw new Error('生产环境必须设置 SESSION_SECRET（至少 32 个字符）');
    sessionSecret = mode === 'test' ? 'test-secret-test-secret-test-secret-0000' : developmentSecret(dataDir);
  }
  if (sessionSecret.length < 32) throw new Error('SESSION_SECRET 至少需要 32 个字符');
  const trust = env.TRUST_PROXY;
  const s3Bucket = env.S3_BUCKET || undefined;
  if (s3Bucket && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
    throw new Error('设置了 S3_BUCKET 时必须同时设置 S3_ACCESS_KEY_ID 和 S3_SECRET_ACCESS_KEY');
  }
  const uploadMaxBytes = int('UPLOAD_MAX_BYTES', env.UPLOAD_MAX_BYTES, 50 * 1024 * 1024);
  if (uploadMaxBytes < 1) throw new Error('环境变量 UPLOAD_MAX_BYTES 应为正整数');
  return {
    env: mode,
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '::',
    dataDir,
    blobDir: path.resolve(env.BLOB_DIR ?? path.join(dataDir, 'blobs')),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    sessionSecret,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: int('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12),
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', env.LOGIN_LOCK_MINUTES, 15),
    loginRateLimit: int('LOGIN_RATE_LIMIT', env.LOGIN_RATE_LIMIT, 20),
    requestFormRateLimit: int('REQUEST_FORM_RATE_LIMIT', env.REQUEST_FORM_RATE_LIMIT, 5),
    defaultTenant: env.DEFAULT_TENANT || undefined,
    seedDemo: mode !== 'production' && bool(env.SEED_DEMO, true),
    uploadMaxBytes,
    s3Bucket,
    s3Endpoint: env.S3_ENDPOINT || undefined,
    s3Region: env.S3_REGION || 'us-east-1',
    s3AccessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    s3ForcePathStyle: bool(env.S3_FORCE_PATH_STYLE, true),
  };
}
