import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import aws4 from 'aws4';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import {
  BlobIntegrityError,
  BlobNotFoundError,
  blobKey,
  blobStoreFromConfig,
  LocalBlobStore,
  S3BlobStore,
  S3Error,
  type BlobStore,
} from './blob-store.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

async function readAll(stream: NodeJS.ReadableStream | ReadableStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Every file under a folder, relative to it (what `gongkai backup` copies). */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
  );
}

describe('LocalBlobStore', () => {
  let dir: string;
  let store: LocalBlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-blobs-'));
    store = new LocalBlobStore(path.join(dir, 'blobs'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores content-addressed under a two-character folder and reads it back', async () => {
    const content = bytes('政府信息公开年度报告');
    const stored = await store.put(content, { contentType: 'application/pdf' });
    const hex = sha(content);
    expect(stored).toEqual({ key: `${hex.slice(0, 2)}/${hex}`, sha256: hex, size: content.length });
    expect(stored.key).toBe(blobKey(hex));
    // The key is the file's path relative to BLOB_DIR: what backup copies and restore puts back.
    expect(walk(store.dir)).toEqual([stored.key]);
    expect(await store.get(stored.key)).toEqual(content);
    expect(await readAll(store.stream(stored.key))).toEqual(content);
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('stores identical files once', async () => {
    const a = await store.put(bytes('same'), { contentType: 'text/plain' });
    const b = await store.put(bytes('same'), { contentType: 'application/pdf' });
    const c = await store.put(bytes('other'), { contentType: 'text/plain' });
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
    expect(walk(store.dir).sort()).toEqual([a.key, c.key].sort());
  });

  it('stores an empty blob and many blobs concurrently, leaving no temporary files', async () => {
    const contents = Array.from({ length: 40 }, (_, i) => bytes(`附件 ${i % 20}`));
    const stored = await Promise.all(contents.map((c) => store.put(c, { contentType: 'text/plain' })));
    expect(new Set(stored.map((s) => s.key)).size).toBe(20);
    expect((await store.put(new Uint8Array(), { contentType: 'x' })).size).toBe(0);
    const files = walk(store.dir);
    expect(files).toHaveLength(21);
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a failed write leaves neither a temporary file nor anything under the final key', async () => {
    const content = bytes('会失败的写入');
    const hex = sha(content);
    // The final name is taken by a folder, so the rename at the end of the write fails.
    mkdirSync(path.join(store.dir, hex.slice(0, 2), hex, 'x'), { recursive: true });
    await expect(store.put(content, { contentType: 'text/plain' })).rejects.toThrow();
    expect(readdirSync(path.join(store.dir, hex.slice(0, 2)))).toEqual([hex]);
    expect(await store.exists(blobKey(hex))).toBe(false);
  });

  it('rewrites a damaged file and detects damage on read', async () => {
    const content = bytes('原始内容');
    const { key } = await store.put(content, { contentType: 'text/plain' });
    writeFileSync(store.pathOf(key), 'truncated');
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobIntegrityError);
    await store.put(content, { contentType: 'text/plain' }); // different size: written again
    expect(await store.get(key)).toEqual(content);
  });

  it('refuses keys that are not content addresses (no path traversal)', async () => {
    const hex = sha('x');
    const bad = [
      '../../etc/passwd',
      `${hex.slice(0, 2)}/../../${hex}`,
      `/${hex.slice(0, 2)}/${hex}`,
      hex,
      `ff/${hex}`.replace(/^ff/, hex.startsWith('ff') ? '00' : 'ff'),
      `${hex.slice(0, 2)}/${hex.toUpperCase()}`,
      `${hex.slice(0, 2)}\\${hex}`,
      `${hex.slice(0, 2)}/${hex}/`,
      '',
    ];
    for (const key of bad) {
      await expect(store.get(key), key).rejects.toThrow('无效的附件存储键');
      await expect(store.exists(key), key).rejects.toThrow('无效的附件存储键');
      await expect(store.delete(key), key).rejects.toThrow('无效的附件存储键');
      expect(() => store.stream(key), key).toThrow('无效的附件存储键');
    }
  });

  it('reports a missing blob, deletes idempotently and tidies empty folders', async () => {
    const { key } = await store.put(bytes('待删除'), { contentType: 'text/plain' });
    await store.delete(key);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(existsSync(path.dirname(store.pathOf(key)))).toBe(false);
  });

  it('removes temporary files left by a crash, leaving recent ones and blobs alone', async () => {
    const { key } = await store.put(bytes('保留'), { contentType: 'text/plain' });
    const folder = path.dirname(store.pathOf(key));
    writeFileSync(path.join(folder, '.tmp-old'), 'half');
    writeFileSync(path.join(folder, '.tmp-new'), 'half');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(folder, '.tmp-old'), old, old);
    expect(await store.removeStaleTemporaryFiles()).toBe(1);
    expect(readdirSync(folder).sort()).toEqual(['.tmp-new', path.basename(store.pathOf(key))].sort());
    expect(statSync(store.pathOf(key)).isFile()).toBe(true);
  });
});

/** A tiny S3: objects in memory, path-style URLs, and a check of every request's SigV4 signature. */
interface Seen {
  method: string;
  url: string;
  authorization: string;
  contentSha256: string;
  signatureValid: boolean;
}

const CREDENTIALS = { accessKeyId: 'GKTESTKEY', secretAccessKey: 'gk-test-secret-0123456789' };

function startFakeS3(): Promise<{ server: Server; endpoint: string; objects: Map<string, { body: Buffer; type: string }>; seen: Seen[]; failNext: { status?: number; method?: string } }> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: Seen[] = [];
  const failNext: { status?: number; method?: string } = {};
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const authorization = String(req.headers.authorization ?? '');
    const contentSha256 = String(req.headers['x-amz-content-sha256'] ?? '');
    // Re-sign the request as received with the same date: the signatures must agree.
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    const headers: Record<string, string> = {};
    for (const h of signedHeaders) headers[h] = String(req.headers[h] ?? '');
    const resigned = aws4.sign({ host: req.headers.host, path: req.url, method: req.method, service: 's3', region: 'cn-north-1', headers }, CREDENTIALS);
    const signatureValid = !!authorization && resigned.headers?.Authorization === authorization;
    seen.push({ method: req.method!, url: req.url!, authorization, contentSha256, signatureValid });
    if (failNext.status && (!failNext.method || failNext.method === req.method)) {
      res.writeHead(failNext.status, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      delete failNext.status;
      delete failNext.method;
      return;
    }
    if (!signatureValid || !contentSha256) {
      res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    const key = decodeURIComponent(req.url!.split('?')[0]!);
    const object = objects.get(key);
    switch (req.method) {
      case 'PUT':
        if (sha(body) !== contentSha256) {
          res.writeHead(400).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
          return;
        }
        objects.set(key, { body, type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200, { etag: '"x"' }).end();
        return;
      case 'GET':
      case 'HEAD':
        if (!object) {
          res.writeHead(404, { 'content-type': 'application/xml' }).end(req.method === 'GET' ? '<Error><Code>NoSuchKey</Code></Error>' : undefined);
          return;
        }
        res.writeHead(200, { 'content-type': object.type, 'content-length': object.body.length });
        res.end(req.method === 'GET' ? object.body : undefined);
        return;
      case 'DELETE':
        objects.delete(key);
        res.writeHead(204).end();
        return;
      default:
        res.writeHead(405).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, seen, failNext })),
  );
}

describe('S3BlobStore', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startFakeS3();
    store = new S3BlobStore({ endpoint: s3.endpoint, bucket: 'gongkai-attachments', region: 'cn-north-1', ...CREDENTIALS, forcePathStyle: true });
  });
  afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));
  beforeEach(() => {
    s3.seen.length = 0;
  });

  it('puts, gets, streams, checks and deletes objects with signed requests', async () => {
    const content = bytes('县政府工作报告（全文）');
    const hex = sha(content);
    const stored = await store.put(content, { contentType: 'application/pdf' });
    expect(stored).toEqual({ key: `${hex.slice(0, 2)}/${hex}`, sha256: hex, size: content.length });
    expect([...s3.objects.keys()]).toContain(`/gongkai-attachments/${stored.key}`);
    expect(s3.objects.get(`/gongkai-attachments/${stored.key}`)!.type).toBe('application/pdf');
    expect(await store.get(stored.key)).toEqual(content);
    expect(await readAll(store.stream(stored.key))).toEqual(content);
    expect(await store.exists(stored.key)).toBe(true);
    await store.delete(stored.key);
    expect(await store.exists(stored.key)).toBe(false);
    await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.delete(stored.key);

    expect(s3.seen.map((r) => r.method)).toEqual(['HEAD', 'PUT', 'GET', 'GET', 'HEAD', 'DELETE', 'HEAD', 'GET', 'DELETE']);
    for (const r of s3.seen) {
      expect(r.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=GKTESTKEY\/\d{8}\/cn-north-1\/s3\/aws4_request, SignedHeaders=[^,]*x-amz-content-sha256[^,]*, Signature=[0-9a-f]{64}$/);
      expect(r.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.signatureValid).toBe(true);
    }
    expect(s3.seen[1]!.contentSha256).toBe(hex);
  });

  it('uploads identical content once', async () => {
    const a = await store.put(bytes('重复上传'), { contentType: 'text/plain' });
    const b = await store.put(bytes('重复上传'), { contentType: 'text/plain' });
    expect(b).toEqual(a);
    expect(s3.seen.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('turns S3 errors into S3Error with the code, and checks what it reads', async () => {
    Object.assign(s3.failNext, { status: 403, method: 'PUT' });
    const err = await store.put(bytes('拒绝'), { contentType: 'text/plain' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).status).toBe(403);
    expect((err as S3Error).s3Code).toBe('AccessDenied');
    // A store that answers 403 to HEAD for a missing object (no permission to list) still gets the upload.
    Object.assign(s3.failNext, { status: 403, method: 'HEAD' });
    const up = await store.put(bytes('无列举权限'), { contentType: 'text/plain' });
    expect(await store.get(up.key)).toEqual(bytes('无列举权限'));
    s3.failNext.status = 403;
    const err2 = await store.get(blobKey(sha('x'))).catch((e: unknown) => e);
    expect((err2 as S3Error).s3Code).toBe('AccessDenied');
    expect((err2 as Error).message).toContain('对象存储请求失败');

    const { key } = await store.put(bytes('完整'), { contentType: 'text/plain' });
    s3.objects.get(`/gongkai-attachments/${key}`)!.body = Buffer.from('篡改');
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(store.get('../secret')).rejects.toThrow('无效的附件存储键');
  });

  it('reports an unreachable store in Chinese', async () => {
    const down = new S3BlobStore({ endpoint: 'http://127.0.0.1:1', bucket: 'b-1', region: 'us-east-1', ...CREDENTIALS, forcePathStyle: true });
    await expect(down.exists(blobKey(sha('x')))).rejects.toThrow('无法连接对象存储');
  });

  it('builds path-style and virtual-hosted URLs', () => {
    const key = blobKey(sha('x'));
    const hosted = new S3BlobStore({ bucket: 'my-bucket', region: 'cn-north-1', ...CREDENTIALS, forcePathStyle: false });
    expect(hosted.urlOf(key).href).toBe(`https://my-bucket.s3.cn-north-1.amazonaws.com/${key}`);
    const minio = new S3BlobStore({ endpoint: 'http://minio:9000/', bucket: 'my-bucket', region: 'us-east-1', ...CREDENTIALS, forcePathStyle: true });
    expect(minio.urlOf(key).href).toBe(`http://minio:9000/my-bucket/${key}`);
    expect(() => new S3BlobStore({ endpoint: 'not a url', bucket: 'b-1', region: 'r', ...CREDENTIALS, forcePathStyle: true })).toThrow('S3_ENDPOINT');
    expect(() => new S3BlobStore({ bucket: 'Bad_Bucket', region: 'r', ...CREDENTIALS, forcePathStyle: true })).toThrow('S3_BUCKET');
  });
});

describe('configuration', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: path.join(os.tmpdir(), 'gongkai-config-test') };

  it('defaults: local blobs, 50 MB uploads, path-style S3', () => {
    const config = loadConfig(base);
    expect(config.uploadMaxBytes).toBe(52_428_800);
    expect(config.s3Bucket).toBeUndefined();
    expect(config.s3Region).toBe('us-east-1');
    expect(config.s3ForcePathStyle).toBe(true);
    const store: BlobStore = blobStoreFromConfig(config);
    expect(store).toBeInstanceOf(LocalBlobStore);
    expect((store as LocalBlobStore).dir).toBe(config.blobDir);
  });

  it('S3 when S3_BUCKET is set, which then needs the credentials', () => {
    const config = loadConfig({
      ...base,
      S3_BUCKET: 'gongkai',
      S3_ENDPOINT: 'http://minio:9000',
      S3_REGION: 'cn-east-1',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      S3_FORCE_PATH_STYLE: 'false',
      UPLOAD_MAX_BYTES: '1048576',
    });
    expect(config).toMatchObject({ s3Bucket: 'gongkai', s3Endpoint: 'http://minio:9000', s3Region: 'cn-east-1', s3ForcePathStyle: false, uploadMaxBytes: 1_048_576 });
    expect(blobStoreFromConfig(config)).toBeInstanceOf(S3BlobStore);
    expect(() => loadConfig({ ...base, S3_BUCKET: 'gongkai' })).toThrow('S3_ACCESS_KEY_ID');
    expect(() => loadConfig({ ...base, UPLOAD_MAX_BYTES: '0' })).toThrow('UPLOAD_MAX_BYTES');
    expect(() => loadConfig({ ...base, UPLOAD_MAX_BYTES: '50MB' })).toThrow('UPLOAD_MAX_BYTES');
  });
});
