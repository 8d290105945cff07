import { defineConfig } from 'vitest/config';

// Database tests run once on the embedded PostgreSQL and, when TEST_DATABASE_URL is set (CI: the
// machine's PostgreSQL 15), once more on that server: same tests, same code.
const dbInclude = ['src/**/*.db.test.ts', 'src/**/*.db.test.tsx', 'test/integration/**/*.test.ts'];
const dbProjects = [{ name: 'db-embedded', setup: 'test/setup/embedded.ts' }];
if (process.env.TEST_DATABASE_URL) dbProjects.push({ name: 'db-external', setup: 'test/setup/external.ts' });

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: dbInclude,
          environment: 'node',
        },
      },
      ...dbProjects.map((p) => ({
        test: {
          name: p.name,
          include: dbInclude,
          environment: 'node',
          globalSetup: [p.setup],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      })),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/embedded.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
