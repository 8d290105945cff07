// Organisation: tenants (governments), their portal hosts, the unit tree, aliases, users and role grants.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts, updatedAt, version } from '../../db/columns.ts';
import { UNIT_KINDS, type UnitKind } from '../../core/org/kinds.ts';

/** A government hosted on this installation (集约化: one installation, many governments). */
export const tenants = pgTable(
  'tenants',
  {
    // The tenant's own key is its tenant_id, so that every table, this one included, carries it.
    tenantId: uuid('tenant_id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    regionCode: text('region_code'),
    /** The city or province whose roll-up of annual reports this government belongs to (src/modules/reports). */
    parentTenantId: uuid('parent_tenant_id'),
    /** Portal settings: title, address, phone, ICP record, … */
    settings: jsonb('settings').$type<TenantSettings>().notNull().default({}),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tenants_code_uq').on(t.code), foreignKey({ columns: [t.parentTenantId], foreignColumns: [t.tenantId], name: 'tenants_parent_fk' }).onDelete('set null')],
);

/** 政府信息公开指南 (Art. 12): how to obtain information, and the office that handles it. */
export interface DisclosureGuide {
  html: string;
  officeName?: string;
  address?: string;
  hours?: string;
  phone?: string;
  fax?: string;
  email?: string;
  postcode?: string;
  /** Set by the server whenever the guide changes (Art. 12: kept up to date, with its date shown). */
  updatedOn?: string;
}

/** How a government handles disclosure requests (src/modules/requests). */
export interface RequestSettings {
  /** The organ's name as it signs reply letters (default: the tenant's name). */
  organName?: string;
  /** 文号 prefix of reply letters, e.g. 示政公开 → 示政公开〔2026〕12号. */
  letterPrefix?: string;
  /** Where the applicant may seek reconsideration and sue, named in every reply letter. */
  reconsiderationOrgan?: string;
  court?: string;
  /** Whether the fee notice's payment period stops the reply clock (109号 does not say: UNCONFIRMED). */
  feePausesClock?: boolean;
  /** Art. 35: more requests than this from one applicant in a calendar month are flagged. */
  monthlyVolumeLimit?: number;
  /** The unit that answers requests filed on the portal without choosing an organ. */
  defaultUnitId?: string;
}

export interface TenantSettings {
  guide?: DisclosureGuide;
  requests?: RequestSettings;
  /** Working days after a policy's publication within which its interpretation is published (default 3). */
  interpretationDays?: number;
  /** Working days within which a letter to the mailbox is answered (default 5). */
  messageReplyDays?: number;
  /** Months after assignment within which a deputy's suggestion or member's proposal is answered (default 3). */
  proposalReplyMonths?: number;
  /** 索引号 pattern (src/core/publishing/index-no.ts); default {unitCode}/{year}-{seq:5}. */
  indexPattern?: string;
  portalTitle?: string;
  address?: string;
  phone?: string;
  icp?: string;
  police?: string;
  siteCode?: string;
}

/** Host names that select a tenant's portal; a host belongs to one tenant only. */
export const tenantHosts = pgTable(
  'tenant_hosts',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    host: text('host').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.host] }), uniqueIndex('tenant_hosts_host_uq').on(t.host)],
);

export { UNIT_KINDS, type UnitKind };

export const units = pgTable(
  'units',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    parentId: uuid('parent_id'),
    /** Ancestors from the root down to this unit itself: subtree checks are `x = ANY(path)`. */
    path: uuid('path').array().notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    /** 统一社会信用代码 (or 组织机构代码), used in 索引号. */
    orgCode: text('org_code'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Units are never deleted (records keep pointing at them); an abolished unit is closed. */
    abolishedAt: ts('abolished_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id], name: 'units_parent_fk' }),
    uniqueIndex('units_code_uq').on(t.tenantId, t.code),
    index('units_parent_idx').on(t.tenantId, t.parentId),
    index('units_path_idx').using('gin', t.path),
  ],
);

/** Other names a unit goes by (区发改局 for 区发展和改革局); used to match units named in notices. */
export const unitAliases = pgTable(
  'unit_aliases',
  {
    tenantId: tenantId(),
    id: id(),
    unitId: uuid('unit_id').notNull(),
    alias: text('alias').notNull(),
    /** 'manual' (entered in the console) or 'import' (kept from mapping a notice's unit names). */
    source: text('source').notNull().default('manual'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'unit_aliases_unit_fk' }).onDelete('cascade'),
    uniqueIndex('unit_aliases_alias_uq').on(t.tenantId, t.alias),
  ],
);

export const users = pgTable(
  'users',
  {
    tenantId: tenantId().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    id: id(),
    /** Stored lower-case; unique in the tenant. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id').notNull(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step: a code is accepted once only. */
    totpLastStep: integer('totp_last_step'),
    active: boolean('active').notNull().default(true),
    /** Demo accounts are refused when NODE_ENV=production. */
    isDemo: boolean('is_demo').notNull().default(false),
    lastLoginAt: ts('last_login_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'users_unit_fk' }),
    uniqueIndex('users_username_uq').on(t.tenantId, t.username),
    index('users_unit_idx').on(t.tenantId, t.unitId),
  ],
);

/** A role held on a unit, optionally over the unit's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    tenantId: tenantId(),
    id: id(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    unitId: uuid('unit_id').notNull(),
    includeSubtree: boolean('include_subtree').notNull().default(false),
    grantedBy: uuid('granted_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'role_grants_user_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id], name: 'role_grants_unit_fk' }),
    uniqueIndex('role_grants_uq').on(t.tenantId, t.userId, t.role, t.unitId),
  ],
);
