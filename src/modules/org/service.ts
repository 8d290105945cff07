// The organisation module's service: tenants, the unit tree, users and their roles.
export * from './tenants.ts';
export * from './units.ts';
export * from './users.ts';
