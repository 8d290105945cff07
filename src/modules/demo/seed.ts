// Loading the demo government (示范县) into an empty installation, or on `gongkai seed --demo`.
import type { Caller } from '../../core/auth/caller.ts';
import { systemActor } from '../../core/auth/principal.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { createTenant, getTenantByCode } from '../org/tenants.ts';
import { addAlias, createUnit, listUnits } from '../org/units.ts';
import { createUser, grantRole } from '../org/users.ts';
import { DEMO_GUIDE, DEMO_TENANT, DEMO_UNIT_TREE, type DemoUnit } from './data/county.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './data/users.ts';
import { seedDemoPublishing } from './publishing.ts';
import type { BlobStore } from '../files/index.ts';
import { indexPending } from '../search/indexer.ts';
import { seedDemoRequests } from './requests.ts';
import { seedDemoParticipation } from './participation.ts';
import { seedDemoEngagement } from './engagement.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemoPolicy } from './policy.ts';
import { seedDemoTasks } from './tasks.ts';

export interface SeedResult {
  tenantId: string;
  units: number;
  users: number;
  records: number;
}

export async function seedDemo(db: Db, opts: { production: boolean; blobs?: BlobStore }): Promise<SeedResult> {
  if (opts.production) throw new AppError(400, 'DEMO_IN_PRODUCTION', '生产环境（NODE_ENV=production）不能加载演示数据');
  if (await getTenantByCode(db, DEMO_TENANT.code)) throw new AppError(409, 'DEMO_EXISTS', `演示政府「${DEMO_TENANT.name}」已经存在`);
  const platform: Caller = { kind: 'system', actor: systemActor('00000000-0000-0000-0000-000000000000', '系统（加载演示数据）') };
  const root = DEMO_UNIT_TREE;
  const tenant = await createTenant(db, platform, {
    code: DEMO_TENANT.code,
    name: DEMO_TENANT.name,
    shortName: DEMO_TENANT.shortName,
    regionCode: DEMO_TENANT.regionCode,
    hosts: DEMO_TENANT.hosts,
    settings: { portalTitle: DEMO_TENANT.portalTitle, address: DEMO_TENANT.address, phone: DEMO_TENANT.phone, siteCode: '9901210001', guide: DEMO_GUIDE },
    root: { code: root.code, name: root.name, shortName: root.shortName, orgCode: root.orgCode },
  });
  const caller: Caller = { kind: 'system', actor: systemActor(tenant.tenantId, '系统（加载演示数据）') };
  const ids = new Map<string, string>();
  const [rootUnit] = await listUnits(db, tenant.tenantId);
  ids.set(root.code, rootUnit!.id);
  // Root aliases: the tenant was created with a bare root unit.
  for (const alias of root.aliases) await addAlias(db, caller, rootUnit!.id, alias);

  let count = 1;
  const walk = async (parent: DemoUnit) => {
    let order = 0;
    for (const child of parent.children ?? []) {
      const created = await createUnit(db, caller, {
        parentId: ids.get(parent.code)!,
        code: child.code,
        name: child.name,
        shortName: child.shortName,
        kind: child.kind,
        orgCode: child.orgCode,
        sortOrder: (order += 10),
        aliases: child.aliases,
      });
      ids.set(child.code, created.id);
      count++;
      await walk(child);
    }
  };
  await walk(root);

  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    let userId = userIds.get(u.username);
    if (!userId) {
      const created = await createUser(db, caller, {
        username: u.username,
        displayName: u.displayName,
        unitId: ids.get(u.unitCode)!,
        password: DEMO_PASSWORD,
        phone: u.phone ?? null,
        mustChangePassword: false,
        isDemo: true,
      });
      userId = created.id;
      userIds.set(u.username, userId);
    }
    await grantRole(db, caller, userId, { role: u.role, unitId: ids.get(u.grantUnitCode ?? u.unitCode)!, includeSubtree: u.includeSubtree });
  }
  const published = await seedDemoPublishing(db, caller, ids, opts.blobs);
  await seedDemoRequests(db, caller, ids);
  await seedDemoParticipation(db, caller, ids);
  await seedDemoEngagement(db, caller, ids);
  await seedDemoReports(db, caller, ids, opts.blobs);
  await seedDemoPolicy(db, caller, ids);
  await seedDemoTasks(db, caller, ids, opts.blobs);
  // Searchable from the first page view, not only after the first sweep.
  await indexPending(db, { tenantId: tenant.tenantId, limit: 100_000 });
  return { tenantId: tenant.tenantId, units: count, users: userIds.size, records: published.records };
}
