// 主动公开基本目录: the tree of columns under which proactive records are published (Art. 20 items by
// default), edited by the open-government office.
import { and, asc, eq } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { conflict, notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { rootOf } from '../org/units.ts';
import { catalogueNodes } from './schema.ts';

export interface NodeView {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
  version: number;
}

const view = (n: typeof catalogueNodes.$inferSelect): NodeView => ({ id: n.id, parentId: n.parentId, path: n.path, code: n.code, name: n.name, description: n.description, sortOrder: n.sortOrder, version: n.version });

export async function listNodes(exec: Executor, tenantId: string): Promise<NodeView[]> {
  const rows = await exec.select().from(catalogueNodes).where(eq(catalogueNodes.tenantId, tenantId)).orderBy(asc(catalogueNodes.sortOrder), asc(catalogueNodes.code));
  return rows.map(view);
}

export async function createNode(exec: Executor, caller: Caller, input: { parentId?: string | null; code: string; name: string; description?: string | null; sortOrder?: number }): Promise<NodeView> {
  const tenantId = caller.actor.tenantId;
  const root = await rootOf(exec, tenantId);
  assertCan(caller, 'catalogue.manage', root, root.name);
  return exec.transaction(async (tx) => {
    let parentPath: string[] = [];
    if (input.parentId) {
      const [p] = await tx.select().from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.id, input.parentId)));
      if (!p) throw notFound('上级目录');
      parentPath = p.path;
    }
    const [clash] = await tx.select({ name: catalogueNodes.name }).from(catalogueNodes).where(and(eq(catalogueNodes.tenantId, tenantId), eq(catalogueNodes.code, input.code)));
    if (clash) throw conflict(`目录编码 ${input.code} 已被「${clash.name}」使用`);
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(catalogueNodes)
      .values({ tenantId, id, parentId: input.parentId ?? null, path: [...parentPath, id], code: input.code, name: input.name.trim(), description: input.description ?? null, sortOrder: input.sortOrder ?? 0 })
      .returning();
    await recordAudit(tx, caller.actor, { action: 'catalogue.node.create', entityType: 'catalogue_node', entityId: id, summary: `新增公开目录「${row!.name}」`, after: view(row!) });
    return view(row!);
  });
}

/** The default tree: the items of Art. 20 of the regulation, which every organ publishes proactively. */
export const DEFAULT_NODES: { code: string; name: string }[] = [
  { code: '01', name: '机构职能' },
  { code: '02', name: '政策文件' },
  { code: '03', name: '规划计划' },
  { code: '04', name: '统计信息' },
  { code: '05', name: '行政许可和对外管理服务' },
  { code: '06', name: '行政处罚和行政强制' },
  { code: '07', name: '财政预决算' },
  { code: '08', name: '行政事业性收费' },
  { code: '09', name: '政府采购' },
  { code: '10', name: '重大建设项目' },
  { code: '11', name: '民生保障（扶贫、教育、医疗、社会保障、就业）' },
  { code: '12', name: '突发公共事件应急管理' },
  { code: '13', name: '监督检查（环境保护、公共卫生、安全生产、食品药品、产品质量）' },
  { code: '14', name: '公务员招考录用' },
  { code: '15', name: '其他法定主动公开信息' },
];
