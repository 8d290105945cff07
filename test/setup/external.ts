import type { TestProject } from 'vitest/node';
import { setupPostgres } from './postgres.ts';

export default (project: TestProject) => setupPostgres(project, 'external');
