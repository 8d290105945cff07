// The PostgreSQL NOTIFY channel on which a tenant's public content is announced as changed: every server
// process listens (src/portal/cache.ts) and drops its cached pages of that tenant.
export const PORTAL_CHANNEL = 'gongkai_portal';
