#!/usr/bin/env node
// What `npm start` and `npm test` run first on any checkout, fresh or not: install the dependencies the
// lockfile names when they are missing or stale, build the admin console when its sources changed,
// then start the server or the test suite. Plain Node, no dependencies: it runs before they exist.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Gongkai 需要 Node.js 20.19 或更新版本，当前为 ${process.versions.node}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  if (r.status !== 0) {
    console.error(`命令失败：${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

function hashFiles(files) {
  const h = createHash('sha256');
  for (const f of files.sort()) {
    h.update(f);
    h.update(readFileSync(path.join(root, f)));
  }
  return h.digest('hex');
}

function listFiles(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'dist' && e.name !== 'node_modules') out.push(...listFiles(rel));
    } else out.push(rel);
  }
  return out;
}

// 1. Dependencies, exactly as the lockfile pins them.
const lockHash = hashFiles(['package.json', 'package-lock.json']);
const stamp = path.join(root, 'node_modules', '.gongkai-deps');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('正在安装依赖（npm ci）……');
  run(npm, ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, lockHash);
}

// 2. The admin console, rebuilt when its sources or the dependencies change.
const adminSources = [...listFiles('web/admin'), 'package-lock.json'];
const adminHash = hashFiles(adminSources);
const adminStamp = path.join(root, 'web', 'admin', 'dist', '.gongkai-build');
if (!existsSync(adminStamp) || readFileSync(adminStamp, 'utf8') !== adminHash) {
  console.log('正在构建管理控制台……');
  run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/admin/vite.config.ts', '--logLevel', 'warn']);
  mkdirSync(path.dirname(adminStamp), { recursive: true });
  writeFileSync(adminStamp, adminHash);
}

// 3. What was asked for.
if (mode === 'start') {
  process.argv = [process.argv[0], path.join(root, 'bin', 'gongkai.mjs'), 'serve'];
  await import('../bin/gongkai.mjs');
} else if (mode === 'test') {
  console.log('类型检查……');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'web/admin/tsconfig.json']);
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(3)], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  process.exit(r.status ?? 1);
} else if (mode === 'prepare') {
  // dependencies and console only
} else {
  console.error(`未知的模式：${mode}`);
  process.exit(2);
}
