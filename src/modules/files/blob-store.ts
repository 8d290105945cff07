// Where attachment bytes live. Keys are content addresses: the SHA-256 of the bytes in hex, under a
// two-character fan-out folder (`ab/ab12…`), so the same file uploaded twice is stored once and a stored
// file can always be checked against its key. Two stores:
//
// - LocalBlobStore: files under BLOB_DIR (`BLOB_DIR/ab/ab12…`). `gongkai backup` copies that folder
//   as it is and `restore` copies it back, so the layout needs nothing else.
// - S3BlobStore: any S3-compatible object store (AWS S3, MinIO, Ceph, Alibaba OSS/Tencent COS in S3
//   mode…), objects under the same keys. Not part of `gongkai backup`: back up the bucket itself.
//
// Keys are shared by every record that attaches the same bytes: delete a blob only when no row in the
// database refers to it any more.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import aws4 from 'aws4';
import type { Config } from '../../config.ts';

export interface StoredBlob {
  /** `ab/ab12…`: the SHA-256 in hex under its first two characters. */
  key: string;
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Stores the bytes (once: storing the same bytes again returns the same key). */
  put(bytes: Uint8Array, opts: { contentType: string }): Promise<StoredBlob>;
  /** The bytes, checked against the key's SHA-256. Throws BlobNotFoundError when missing. */
  get(key: string): Promise<Uint8Array>;
  /** The bytes as a stream, for sending a download without holding it in memory (not checked). */
  stream?(key: string): NodeJS.ReadableStream | ReadableStream;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; nothing happens when it is already gone. */
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`附件文件不存在：${key}`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobIntegrityError extends Error {
  constructor(readonly key: string) {
    super(`附件文件已损坏（内容与校验值不符）：${key}`);
    this.name = 'BlobIntegrityError';
  }
}

const KEY = /^([0-9a-f]{2})\/(\1[0-9a-f]{62})$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The store key of a SHA-256 (hex). */
export function blobKey(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`无效的 SHA-256：${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256}`;
}

export function isBlobKey(key: string): boolean {
  return KEY.test(key);
}

/** Refuses anything that is not exactly `ab/ab…` (64 lower-case hex digits): no `..`, no absolute paths. */
function checkKey(key: string): { folder: string; name: string } {
  const m = typeof key === 'string' ? KEY.exec(key) : null;
  if (!m) throw new Error(`无效的附件存储键：${JSON.stringify(String(key).slice(0, 100))}`);
  return { folder: m[1]!, name: m[2]! };
}

function verify(key: string, bytes: Uint8Array): Uint8Array {
  if (sha256Hex(bytes) !== checkKey(key).name) throw new BlobIntegrityError(key);
  return bytes;
}

const isErrno = (err: unknown, ...codes: string[]) => err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');

const TEMP_PREFIX = '.tmp-';

/** Makes a rename or a new entry in a folder durable (no-op where folders cannot be opened, e.g. Windows). */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => {});
  }
}

export class LocalBlobStore implements BlobStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** The file that holds a key. */
  pathOf(key: string): string {
    const { folder, name } = checkKey(key);
    return path.join(this.dir, folder, name);
  }

  async put(bytes: Uint8Array, _opts: { contentType: string }): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const key = blobKey(sha256);
    const file = this.pathOf(key);
    const stored = { key, sha256, size: bytes.length };
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length) return stored;

    const folder = path.dirname(file);
    const created = await mkdir(folder, { recursive: true });
    if (created) await syncFolder(path.dirname(folder));
    // Written under a temporary name in the same folder, flushed, then renamed: the final name only
    // ever holds complete content. Temporary names start with a dot and are never valid keys.
    const temp = path.join(folder, `${TEMP_PREFIX}${sha256.slice(0, 16)}-${randomBytes(8).toString('hex')}`);
    let handle;
    try {
      handle = await open(temp, 'wx', 0o644);
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(temp, file);
    } catch (err) {
      await handle?.close().catch(() => {});
      await rm(temp, { force: true }).catch(() => {});
      throw err;
    }
    await syncFolder(folder);
    return stored;
  }

  async get(key: string): Promise<Uint8Array> {
    const file = this.pathOf(key);
    try {
      return verify(key, new Uint8Array(await readFile(file)));
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  stream(key: string): NodeJS.ReadableStream {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    const s = await stat(this.pathOf(key)).catch(() => undefined);
    return s?.isFile() ?? false;
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rmdir(path.dirname(file)).catch(() => {}); // only when the fan-out folder is now empty
  }

  /**
   * Removes temporary files left by writes interrupted by a crash (older than `maxAgeMs`, default one
   * hour, so that writes in progress are left alone). Returns how many were removed.
   */
  async removeStaleTemporaryFiles(maxAgeMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const folders = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    for (const f of folders) {
      if (!f.isDirectory() || !/^[0-9a-f]{2}$/.test(f.name)) continue;
      const folder = path.join(this.dir, f.name);
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const s = await stat(path.join(folder, name)).catch(() => undefined);
        if (s && Date.now() - s.mtimeMs > maxAgeMs) {
          await rm(path.join(folder, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

export interface S3Options {
  /** e.g. `http://minio.internal:9000`; default `https://s3.<region>.amazonaws.com`. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** `https://endpoint/bucket/key` (true, what MinIO needs) or `https://bucket.endpoint/key` (false). */
  forcePathStyle: boolean;
  /** Time to wait for the response headers (default 120 s). */
  timeoutMs?: number;
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export class S3BlobStore implements BlobStore {
  private readonly base: URL;

  constructor(private readonly opts: S3Options) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(opts.bucket)) throw new Error(`S3_BUCKET「${opts.bucket}」不是有效的存储桶名称`);
    let base: URL;
    try {
      base = new URL(opts.endpoint || `https://s3.${opts.region}.amazonaws.com`);
    } catch {
      throw new Error(`S3_ENDPOINT「${opts.endpoint}」不是有效的网址（例如 http://minio:9000）`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`S3_ENDPOINT「${opts.endpoint}」应以 http:// 或 https:// 开头`);
    this.base = base;
  }

  /** The object's URL. */
  urlOf(key: string): URL {
    checkKey(key);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    if (this.opts.forcePathStyle) return new URL(`${this.base.protocol}//${this.base.host}${prefix}/${this.opts.bucket}/${key}`);
    return new URL(`${this.base.protocol}//${this.opts.bucket}.${this.base.host}${prefix}/${key}`);
  }

  private async request(method: 'GET' | 'PUT' | 'HEAD' | 'DELETE', key: string, body?: Uint8Array, extra: Record<string, string> = {}): Promise<Response> {
    const url = this.urlOf(key);
    const headers: Record<string, string> = { ...extra, 'x-amz-content-sha256': body ? sha256Hex(body) : EMPTY_SHA256 };
    const signed = aws4.sign(
      { host: url.host, path: url.pathname + url.search, method, service: 's3', region: this.opts.region, headers },
      { accessKeyId: this.opts.accessKeyId, secretAccessKey: this.opts.secretAccessKey, ...(this.opts.sessionToken ? { sessionToken: this.opts.sessionToken } : {}) },
    );
    const sent = new Headers();
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      if (name.toLowerCase() === 'host' || value === undefined) continue; // fetch sets Host from the URL (the same value)
      sent.set(name, String(value));
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs ?? 120_000);
    try {
      return await fetch(url, { method, headers: sent, body: body as BodyInit | undefined, signal: controller.signal, redirect: 'error' });
    } catch (err) {
      throw new Error(`无法连接对象存储（${method} ${url.origin}）：${err instanceof Error ? err.message : String(err)}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private async fail(method: string, key: string, res: Response): Promise<never> {
    const body = method === 'HEAD' ? '' : await res.text().catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
    const detail = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
    throw new S3Error(res.status, code, `对象存储请求失败：${method} ${key} → ${res.status}${code ? ` ${code}` : ''}${detail ? `（${detail}）` : ''}`);
  }

  async put(bytes: Uint8Array, opts: { contentType: string }): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const key = blobKey(sha256);
    const stored = { key, sha256, size: bytes.length };
    // Already there: nothing to upload. (A store that answers 403 for missing objects, when the
    // credentials may not list the bucket, simply gets the upload.)
    const head = await this.request('HEAD', key);
    if (head.ok) return stored;
    const res = await this.request('PUT', key, bytes, { 'content-type': opts.contentType || 'application/octet-stream' });
    if (!res.ok) await this.fail('PUT', key, res);
    await res.arrayBuffer().catch(() => undefined);
    return stored;
  }

  async get(key: string): Promise<Uint8Array> {
    const res = await this.request('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      throw new BlobNotFoundError(key);
    }
    if (!res.ok) await this.fail('GET', key, res);
    return verify(key, new Uint8Array(await res.arrayBuffer()));
  }

  stream(key: string): NodeJS.ReadableStream {
    checkKey(key);
    const self = this;
    return Readable.from(
      (async function* () {
        const res = await self.request('GET', key);
        if (res.status === 404) throw new BlobNotFoundError(key);
        if (!res.ok) await self.fail('GET', key, res);
        if (!res.body) return;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) yield Buffer.from(chunk);
      })(),
      { objectMode: false },
    );
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.request('HEAD', key);
    if (res.status === 404) return false;
    if (!res.ok) await this.fail('HEAD', key, res);
    return true;
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key);
    if (!res.ok && res.status !== 404) await this.fail('DELETE', key, res);
    await res.arrayBuffer().catch(() => undefined);
  }
}

export type BlobStoreConfig = Pick<
  Config,
  'blobDir' | 's3Endpoint' | 's3Bucket' | 's3Region' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3ForcePathStyle'
>;

/** S3 when S3_BUCKET is set, otherwise files under BLOB_DIR. */
export function blobStoreFromConfig(config: BlobStoreConfig): BlobStore {
  if (config.s3Bucket) {
    if (!config.s3AccessKeyId || !config.s3SecretAccessKey) throw new Error('设置了 S3_BUCKET 时必须同时设置 S3_ACCESS_KEY_ID 和 S3_SECRET_ACCESS_KEY');
    return new S3BlobStore({
      endpoint: config.s3Endpoint,
      bucket: config.s3Bucket,
      region: config.s3Region,
      accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey,
      forcePathStyle: config.s3ForcePathStyle,
    });
  }
  return new LocalBlobStore(config.blobDir);
}
