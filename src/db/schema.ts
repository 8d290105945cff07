// Every table of the application, for drizzle's query builder and drizzle-kit.
export * from '../modules/org/schema.ts';
export * from '../modules/auth/schema.ts';
export * from '../modules/audit/schema.ts';
export * from '../modules/calendar/schema.ts';
export * from '../modules/publishing/schema.ts';
export * from '../modules/catalogue/schema.ts';
export * from '../modules/notify/schema.ts';
export * from '../modules/search/schema.ts';
export * from '../modules/requests/schema.ts';
export * from '../modules/interpretation/schema.ts';
export * from '../modules/reports/schema.ts';
export * from '../modules/participation/schema.ts';
export * from '../modules/policy/schema.ts';
export * from '../modules/tasks/schema.ts';
export * from '../modules/engagement/schema.ts';
