// `gongkai` command line: serve, migrate, seed, create-tenant, create-admin, backup, restore, import-records,
// import-notice, export-static, search reindex, audit verify, calendar add / is-working.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import closeWithGrace from 'close-with-grace';
import type { Caller } from './core/auth/caller.ts';
import { systemActor } from './core/auth/principal.ts';
import { isLocalDate, WorkingCalendar } from './core/calendar/index.ts';
import { AppError } from './core/errors.ts';
import { loadConfig, type Config } from './config.ts';
import { backup, restore, RestoreError } from './db/backup.ts';
import { migrate } from './db/client.ts';
import { DataDirLockedError } from './db/embedded.ts';
import { openRuntimeDatabase, type RuntimeDatabase } from './db/runtime.ts';
import { verifyAudit } from './modules/audit/service.ts';
import { purgeExpiredSessions } from './modules/auth/service.ts';
import { seedDemo } from './modules/demo/seed.ts';
import { createTenant, getTenantByCode, listTenants, tenantCount } from './modules/org/tenants.ts';
import { rootOf } from './modules/org/units.ts';
import { createUser, grantRole } from './modules/org/users.ts';
import { buildApp } from './server.ts';
import { startJobs } from './jobs.ts';
import { reindexTenant } from './modules/search/indexer.ts';
import { exportStatic } from './portal/export-static.ts';
import { blobStoreFromConfig } from './modules/files/index.ts';
import { formatIssue } from './core/publishing/import-rows.ts';
import { STATE_LABELS, type RecordState } from './core/publishing/workflow.ts';
import { dryRunImport, importCallerFor, ImportInvalidError, runImport, type ImportSummary } from './modules/publishing/import.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function withDatabase<T>(config: Config, fn: (db: RuntimeDatabase) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const database = await openRuntimeDatabase(config, { shareRunningServer: true, max: 4 });
  try {
    if (opts.migrate !== false) await migrate(database);
    return await fn(database);
  } finally {
    await database.shutdown();
  }
}

async function tenantByCode(database: RuntimeDatabase, code: string | undefined) {
  if (code) {
    const t = await getTenantByCode(database.db, code);
    if (!t) throw new CliFailure(`没有编码为「${code}」的政府站点`);
    return t;
  }
  const all = await listTenants(database.db);
  if (all.length !== 1) throw new CliFailure(all.length ? `有多个政府站点，请用 --tenant 指定：${all.map((t) => t.code).join('、')}` : '还没有任何政府站点');
  return all[0]!;
}

export async function serve(config: Config): Promise<void> {
  const log = (m: string) => {
    if (config.logLevel !== 'silent') out(JSON.stringify({ level: 30, time: Date.now(), msg: m }));
  };
  const database = await openRuntimeDatabase(config, { log: config.logLevel === 'debug' ? log : undefined });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let stopJobs: () => Promise<void> = async () => {};
  const timer = setInterval(() => {
    purgeExpiredSessions(database.db, config).catch(() => {});
  }, 10 * 60_000);
  timer.unref();
  // In-flight requests finish, then the pool closes and the embedded database stops cleanly.
  closeWithGrace({ delay: 15_000 }, async ({ signal, err: error }) => {
    if (error) console.error(error);
    log(`shutting down${signal ? ` on ${signal}` : ''}`);
    clearInterval(timer);
    await stopJobs();
    if (app) {
      app.draining = true;
      await app.close();
    }
    await database.shutdown();
  });
  try {
    await migrate(database);
    if ((await tenantCount(database.db)) === 0 && config.seedDemo) {
      const seeded = await seedDemo(database.db, { production: config.env === 'production', blobs: blobStoreFromConfig(config) });
      log(`loaded the demo government: ${seeded.units} units, ${seeded.users} users`);
    }
    app = await buildApp({ config, database });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (e) {
      // A machine without IPv6 cannot listen on '::'; IPv4 alone is better than nothing.
      if ((e as NodeJS.ErrnoException).code === 'EAFNOSUPPORT' && config.host === '::') await app.listen({ port: config.port, host: '0.0.0.0' });
      else throw e;
    }
    stopJobs = startJobs(database.db, { error: (o, msg) => app?.log.error(o, msg), info: (o, msg) => app?.log.info(o, msg), warn: (o, msg) => app?.log.warn(o, msg) });
    log(`Gongkai ${VERSION} 已启动：门户 http://localhost:${config.port}/  控制台 http://localhost:${config.port}/admin  接口文档 http://localhost:${config.port}/api/docs`);
  } catch (e) {
    clearInterval(timer);
    if (app) await app.close().catch(() => {});
    await database.shutdown().catch(() => {});
    throw e;
  }
}

export function buildCli(): Command {
  const program = new Command();
  program.name('gongkai').description('Gongkai（公开）政务公开平台').version(VERSION).showHelpAfterError();
  program.exitOverride();

  program
    .command('serve')
    .description('启动服务（门户、控制台和接口），首次启动时迁移数据库并加载演示政府')
    .action(async () => serve(loadConfig()));

  program
    .command('migrate')
    .description('执行数据库迁移')
    .action(async () => {
      await withDatabase(loadConfig(), async () => out('数据库已迁移到最新结构'));
    });

  program
    .command('seed')
    .description('加载数据')
    .option('--demo', '加载演示政府（示范县），生产环境下拒绝')
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) throw new CliFailure('请指定要加载的数据，例如 --demo');
      const config = loadConfig();
      await withDatabase(config, async (database) => {
        const r = await seedDemo(database.db, { production: config.env === 'production', blobs: blobStoreFromConfig(config) });
        out(`已加载演示政府：${r.units} 个单位，${r.users} 个用户`);
      });
    });

  program
    .command('create-tenant')
    .description('新增政府站点（租户）及其根单位')
    .requiredOption('--code <code>', '站点编码（小写字母、数字）')
    .requiredOption('--name <name>', '政府全称，如 某某县人民政府')
    .requiredOption('--short-name <name>', '简称，如 某某县')
    .option('--host <host...>', '门户域名')
    .action(async (opts: { code: string; name: string; shortName: string; host?: string[] }) => {
      await withDatabase(loadConfig(), async (database) => {
        const caller: Caller = { kind: 'system', actor: systemActor('00000000-0000-0000-0000-000000000000', 'CLI（命令行）') };
        const t = await createTenant(database.db, caller, {
          code: opts.code,
          name: opts.name,
          shortName: opts.shortName,
          hosts: opts.host ?? [],
          root: { code: 'root', name: opts.name, shortName: opts.shortName },
        });
        out(`已创建政府站点 ${t.code}（${t.name}）`);
      });
    });

  program
    .command('create-admin')
    .description('新增政务公开办管理员（在根单位及全部下级单位）')
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--name <name>', '姓名')
    .option('--tenant <code>', '政府站点编码（只有一个站点时可省略）')
    .option('--password <password>', '初始密码（省略时随机生成并打印，首次登录须修改）')
    .option('--platform', '同时授予平台管理员角色')
    .action(async (opts: { username: string; name: string; tenant?: string; password?: string; platform?: boolean }) => {
      await withDatabase(loadConfig(), async (database) => {
        const tenant = await tenantByCode(database, opts.tenant);
        const root = await rootOf(database.db, tenant.tenantId);
        const caller: Caller = { kind: 'system', actor: systemActor(tenant.tenantId, 'CLI（命令行）') };
        const password = opts.password ?? `Gk-${randomBytes(9).toString('base64url')}9a`;
        const user = await createUser(database.db, caller, {
          username: opts.username,
          displayName: opts.name,
          unitId: root.id,
          password,
          mustChangePassword: true,
        });
        await grantRole(database.db, caller, user.id, { role: 'office_admin', unitId: root.id, includeSubtree: true });
        if (opts.platform) await grantRole(database.db, caller, user.id, { role: 'platform_admin', unitId: root.id, includeSubtree: true });
        out(`已创建管理员 ${user.username}（${user.displayName}），站点 ${tenant.code}`);
        if (!opts.password) out(`初始密码：${password}（首次登录须修改）`);
      });
    });

  program
    .command('backup')
    .description('备份全部数据和附件到一个文件')
    .option('--out <file>', '备份文件', `gongkai-backup-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tar.gz`)
    .action(async (opts: { out: string }) => {
      const config = loadConfig();
      await withDatabase(config, async (database) => {
        const m = await backup(database, { file: opts.out, blobDir: config.blobDir, appVersion: VERSION });
        const rows = m.tables.reduce((n, t) => n + t.rows, 0);
        out(`已备份到 ${path.resolve(opts.out)}：${m.tables.length} 张表，${rows} 行，${m.blobFiles} 个附件`);
      });
    });

  program
    .command('restore')
    .description('从备份文件恢复（目标数据库须为空，否则加 --force 覆盖）')
    .argument('<file>', '备份文件')
    .option('--force', '覆盖目标数据库中已有的数据')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      await withDatabase(
        config,
        async (database) => {
          const m = await restore(database, { file, blobDir: config.blobDir, force: opts.force });
          out(`已从 ${file} 恢复：${m.tables.length} 张表，${m.tables.reduce((n, t) => n + t.rows, 0)} 行（备份时间 ${m.createdAt}）`);
        },
        { migrate: false },
      );
    });

  program
    .command('import-records')
    .description('批量导入存量政府信息：元数据表（.xlsx 或 .csv）及其附件，每批一个事务，重新运行时跳过已导入的行')
    .requiredOption('--file <file>', '元数据表（.xlsx 或 .csv，CSV 可为 UTF-8 或 GB18030/GBK 编码）')
    .option('--tenant <code>', '政府站点编码（只有一个站点时可省略）')
    .option('--files <dir>', '附件所在的文件夹（“附件”列中的文件名相对于它）')
    .option('--dry-run', '只检查，列出每一行的问题，不导入')
    .option('--batch-size <n>', '每批（每个事务）的行数', '1000')
    .option('--as <username>', '以该用户的身份和管辖范围导入（省略时以系统身份导入）')
    .action(async (opts: { file: string; tenant?: string; files?: string; dryRun?: boolean; batchSize: string; as?: string }) => {
      if (!/^\d+$/.test(opts.batchSize) || Number(opts.batchSize) < 1 || Number(opts.batchSize) > 5000) throw new CliFailure(`--batch-size 应为 1 到 5000 之间的整数：${opts.batchSize}`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(opts.file));
      } catch {
        throw new CliFailure(`无法读取文件 ${opts.file}`);
      }
      const config = loadConfig();
      await withDatabase(config, async (database) => {
        const tenant = await tenantByCode(database, opts.tenant);
        const caller: Caller = opts.as
          ? await importCallerFor(database.db, tenant.tenantId, opts.as)
          : { kind: 'system', actor: systemActor(tenant.tenantId, 'CLI（命令行）') };
        const input = { fileName: path.basename(opts.file), bytes, filesDir: opts.files ? path.resolve(opts.files) : null, maxFileBytes: config.uploadMaxBytes };
        const states = (s: ImportSummary) => Object.entries(s.states).map(([st, n]) => `${STATE_LABELS[st as RecordState]} ${n} 条`).join('，');
        const skipped = (s: ImportSummary) => (s.alreadyImported ? `，${s.alreadyImported} 条此前已导入（跳过）` : '');
        const describe = (s: ImportSummary) => `《${s.fileName}》共 ${s.rows} 行：${s.toImport} 条待导入${states(s) ? `（${states(s)}）` : ''}，附件 ${s.attachments} 个${skipped(s)}`;
        const report = (s: ImportSummary) => {
          for (const w of s.warnings) out(`注意：${formatIssue(w)}`);
          for (const e of s.errors) out(formatIssue(e));
        };
        if (opts.dryRun) {
          const s = await dryRunImport(database.db, caller, input);
          report(s);
          out(`检查完毕：${describe(s)}`);
          if (s.errors.length) throw new CliFailure(`发现 ${s.errors.length} 处错误，未导入任何信息；请修改后重新检查`);
          out('没有发现错误，可以导入（去掉 --dry-run 再运行一次）');
          return;
        }
        try {
          const r = await runImport(database.db, blobStoreFromConfig(config), caller, input, {
            batchSize: Number(opts.batchSize),
            onProgress: (p) => out(`第 ${p.batch}/${p.batches} 批已导入：${p.rows} 条（第${p.firstRow}–${p.lastRow}行），累计 ${p.imported}/${p.total} 条`),
          });
          for (const w of r.warnings.slice(0, 20)) out(`注意：${formatIssue(w)}`);
          if (r.warnings.length > 20) out(`……另有 ${r.warnings.length - 20} 条提示（用 --dry-run 可列出全部）`);
          out(
            r.imported
              ? `导入完成：《${r.fileName}》共 ${r.rows} 行，本次导入 ${r.imported} 条（${states(r)}），附件 ${r.attachments} 个，共 ${r.batches.length} 批${skipped(r)}`
              : `没有需要导入的信息：《${r.fileName}》共 ${r.rows} 行${skipped(r)}`,
          );
        } catch (e) {
          if (e instanceof ImportInvalidError) {
            report(e.summary);
            throw new CliFailure(`发现 ${e.summary.errors.length} 处错误，未导入任何信息；请修改后重新运行`);
          }
          throw e;
        }
      });
    });

  program
    .command('import-notice')
    .description('识别一份工作要点或任务分解通知（.docx、.xlsx、.html 或 .txt）中的工作任务、责任单位和时限要求，只显示结果，不连接数据库、不导入')
    .argument('<file>', '通知文件')
    .option('--json', '以 JSON 输出：{"tasks":[{"category","requirement","units","lead_units","deadline_text"}]}')
    .action(async (file: string, opts: { json?: boolean }) => {
      // Loaded here: the other commands do not need the notice parsers.
      const { noticeJson, parseNoticeDocument } = await import('./core/tasks/notice.ts');
      const { noticeSummary } = await import('./core/tasks/summary.ts');
      const { NoticeReadError, readNoticeFile } = await import('./modules/tasks/read-notice.ts');
      let parse;
      try {
        parse = parseNoticeDocument(await readNoticeFile(file));
      } catch (e) {
        if (e instanceof NoticeReadError) throw new CliFailure(e.message);
        throw e;
      }
      // Not a notice, or a table without a unit column: nothing is printed as tasks.
      if (parse.status === 'refused') throw new CliFailure(parse.message ?? '无法识别这份通知');
      if (opts.json) {
        out(JSON.stringify(noticeJson(parse), null, 2));
        if (parse.message) err(parse.message);
        return;
      }
      for (const line of noticeSummary(parse, WorkingCalendar.builtin(), { fallbackYear: new Date().getFullYear() })) out(line);
    });

  program
    .command('export-static')
    .description('把一个政府站点的全部公开网页导出为静态文件（可由任何网页服务器或 CDN 提供）')
    .option('--tenant <code>', '政府站点编码（只有一个站点时可省略）')
    .requiredOption('--out <dir>', '导出到的文件夹')
    .option('--api-base <url>', '在线网站的地址（如 https://www.example.gov.cn），静态搜索页向它的公开接口查询')
    .option('--host <host>', '按哪个域名渲染网页（默认站点的第一个域名）')
    .action(async (opts: { tenant?: string; out: string; apiBase?: string; host?: string }) => {
      if (opts.apiBase && !/^https?:\/\/[^\s/]+/i.test(opts.apiBase)) throw new CliFailure(`--api-base 应为 http:// 或 https:// 开头的网址：${opts.apiBase}`);
      const config = { ...loadConfig(), logLevel: 'silent' };
      await withDatabase(config, async (database) => {
        const tenant = await tenantByCode(database, opts.tenant);
        const host = opts.host ?? tenant.hosts[0] ?? 'localhost';
        const app = await buildApp({ config, database });
        try {
          await app.ready();
          const r = await exportStatic(app, { host, outDir: path.resolve(opts.out), ...(opts.apiBase ? { apiBase: opts.apiBase } : {}) });
          out(`已导出 ${tenant.name} 的网站到 ${path.resolve(opts.out)}：${r.pages} 个网页，${r.files} 个其他文件，共 ${(r.bytes / 1048576).toFixed(1)} MB`);
          if (r.skipped.length) out(`未导出 ${r.skipped.length} 个地址：${r.skipped.slice(0, 10).join('、')}${r.skipped.length > 10 ? '……' : ''}`);
          out(`nginx 配置示例：${path.join(path.resolve(opts.out), 'nginx.conf.example')}`);
        } finally {
          await app.close();
        }
      });
    });

  const search = program.command('search').description('全文检索');
  search
    .command('reindex')
    .description('重建检索索引（更换分词词典后使用）')
    .option('--tenant <code>', '只重建一个政府站点')
    .action(async (opts: { tenant?: string }) => {
      await withDatabase(loadConfig(), async (database) => {
        const tenants = opts.tenant ? [await tenantByCode(database, opts.tenant)] : await listTenants(database.db);
        for (const t of tenants) {
          const r = await reindexTenant(database.db, t.tenantId);
          out(`${t.code}：已索引 ${r.indexed} 条，移除 ${r.removed} 条`);
        }
      });
    });

  const audit = program.command('audit').description('操作日志');
  audit
    .command('verify')
    .description('校验操作日志的哈希链，发现篡改时指出第一条异常记录')
    .option('--tenant <code>', '只校验一个政府站点')
    .action(async (opts: { tenant?: string }) => {
      await withDatabase(loadConfig(), async (database) => {
        const only = opts.tenant ? (await tenantByCode(database, opts.tenant)).tenantId : undefined;
        const reports = await verifyAudit(database.db, only);
        let broken = 0;
        for (const r of reports) {
          if (r.ok) out(`✓ ${r.tenantCode}：${r.entries} 条记录，哈希链完整`);
          else {
            broken++;
            out(`✗ ${r.tenantCode}：第 ${r.problem!.seq} 条记录异常：${r.problem!.reason}（此前 ${r.entries} 条完好）`);
          }
        }
        if (broken) throw new CliFailure(`操作日志校验失败：${broken} 个站点的哈希链被破坏`, 2);
      });
    });

  const calendar = program.command('calendar').description('工作日日历（内置国家节假日安排）');
  calendar
    .command('add')
    .description('计算自 DATE 起 N 个工作日的截止日（起算日不计入）')
    .argument('<date>', '起算日 YYYY-MM-DD')
    .argument('<n>', '工作日数')
    .action((date: string, n: string) => {
      if (!isLocalDate(date)) throw new CliFailure(`日期格式应为 YYYY-MM-DD：${date}`);
      if (!/^\d+$/.test(n)) throw new CliFailure(`工作日数应为非负整数：${n}`);
      const d = WorkingCalendar.builtin().addWorkingDays(date, Number(n));
      out(d.due);
      out(d.explanation);
      for (const w of d.warnings) out(`注意：${w}`);
      out(`计入的工作日：${d.counted.join('、') || '无'}`);
      if (d.skipped.length) out(`跳过：${d.skipped.map((s) => `${s.date}（${s.name ?? (s.reason === 'weekend' ? '周末' : s.reason)}）`).join('、')}`);
      if (d.makeUpDays.length) out(`调休上班日：${d.makeUpDays.join('、')}`);
    });
  calendar
    .command('is-working')
    .description('某天是否工作日（打印 yes 或 no）')
    .argument('<date>', '日期 YYYY-MM-DD')
    .action((date: string) => {
      if (!isLocalDate(date)) throw new CliFailure(`日期格式应为 YYYY-MM-DD：${date}`);
      out(WorkingCalendar.builtin().isWorkingDay(date) ? 'yes' : 'no');
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliFailure) {
      err(e.message);
      return e.exitCode;
    }
    if (e instanceof AppError || e instanceof RestoreError || e instanceof DataDirLockedError) {
      err(e.message);
      return 1;
    }
    err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  }
}
