// The demo accounts, one for each kind of person who works in Gongkai (README.md lists them). The names
// are invented; the password is public and demo accounts are refused in production.
import type { Role } from '../../../core/auth/roles.ts';

export const DEMO_PASSWORD = 'Gongkai-Demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  /** The user's own unit, and (unless grantUnitCode says otherwise) the unit its role is granted on. */
  unitCode: string;
  grantUnitCode?: string;
  role: Role;
  includeSubtree: boolean;
  phone?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', displayName: '周平台', unitCode: 'root', role: 'platform_admin', includeSubtree: true },
  { username: 'office', displayName: '李秀梅', unitCode: 'root', role: 'office_admin', includeSubtree: true, phone: '0000-12345601' },
  { username: 'editor', displayName: '张晓明', unitCode: 'fgj', role: 'unit_editor', includeSubtree: false },
  { username: 'reviewer', displayName: '王建华', unitCode: 'fgj', role: 'unit_reviewer', includeSubtree: false },
  { username: 'leader', displayName: '陈志强', unitCode: 'fgj', role: 'unit_leader', includeSubtree: false },
  // The request handler sits in the open-government office and answers the requests made to the county government.
  { username: 'handler', displayName: '刘芳', unitCode: 'gkb', grantUnitCode: 'root', role: 'request_handler', includeSubtree: false },
  // The confidentiality reviewer sits in the general office and reviews for the whole county.
  { username: 'secrecy', displayName: '吴静', unitCode: 'zfb', grantUnitCode: 'root', role: 'confidentiality_reviewer', includeSubtree: true },
  { username: 'inspector', displayName: '黄志刚', unitCode: 'root', role: 'inspector', includeSubtree: true },
  { username: 'editor2', displayName: '林青', unitCode: 'qsz', role: 'unit_editor', includeSubtree: true },
];
