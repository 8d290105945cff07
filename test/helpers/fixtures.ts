// Data every API test starts from: the demo county (示范县) and a second, unrelated government
// (对照县) whose users must never reach the first one's data.
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import type { Db } from '../../src/db/client.ts';
import { seedDemo } from '../../src/modules/demo/seed.ts';
import { LocalBlobStore } from '../../src/modules/files/index.ts';
import { createTenant } from '../../src/modules/org/tenants.ts';
import { createUnit, listUnits } from '../../src/modules/org/units.ts';
import { createUser, grantRole } from '../../src/modules/org/users.ts';

export const PASSWORD = 'Gongkai-Demo-2026';
export const TEST_BLOB_DIR = '/tmp/gongkai-test-data/blobs';
export const OTHER_TENANT = 'duizhao';

export async function loadFixtures(db: Db): Promise<void> {
  // Tests serve blobs from the test DATA_DIR (test/helpers/app.ts): content-addressed, so shared safely.
  await seedDemo(db, { production: false, blobs: new LocalBlobStore(TEST_BLOB_DIR) });
  const platform: Caller = { kind: 'system', actor: systemActor('00000000-0000-0000-0000-000000000000', '测试') };
  const other = await createTenant(db, platform, {
    code: OTHER_TENANT,
    name: '对照县人民政府',
    shortName: '对照县',
    hosts: ['duizhao.gongkai.localhost'],
    root: { code: 'root', name: '对照县人民政府', shortName: '对照县政府' },
  });
  const caller: Caller = { kind: 'system', actor: systemActor(other.tenantId, '测试') };
  const [root] = await listUnits(db, other.tenantId);
  const dept = await createUnit(db, caller, { parentId: root!.id, code: 'czj', name: '对照县财政局', shortName: '对照县财政局', kind: 'department' });
  const admin = await createUser(db, caller, { username: 'other-office', displayName: '钱多多', unitId: root!.id, password: PASSWORD, mustChangePassword: false });
  await grantRole(db, caller, admin.id, { role: 'office_admin', unitId: root!.id, includeSubtree: true });
  const editor = await createUser(db, caller, { username: 'other-editor', displayName: '孙小美', unitId: dept.id, password: PASSWORD, mustChangePassword: false });
  await grantRole(db, caller, editor.id, { role: 'unit_editor', unitId: dept.id });
}
