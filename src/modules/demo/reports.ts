// Demo annual reports of 示范县: the county's 2025 report, entered from the office's own ledger (the platform
// came into use at the end of 2025, so that year's figures are not in it) and linked to the record it was
// published as; the 发改局's 2025 report, generated from the data and checked but not published (late); the
// figures units entered for section 二; and the county's report on the current year drafted from the live
// data, its text started from 2025's. Figures are invented but add up.
import { and, eq } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { zeroCounts, type Counts } from '../../core/reports/model.ts';
import type { Narrative } from '../../core/reports/narrative.ts';
import type { Db } from '../../db/client.ts';
import type { BlobStore } from '../files/index.ts';
import { records } from '../publishing/schema.ts';
import { publishReport } from '../reports/publish.ts';
import { annualReports } from '../reports/schema.ts';
import { checkReport, createReport, importReport, updateReport } from '../reports/service.ts';
import { saveUnitFigures } from '../reports/unit-figures.ts';

const c = (natural_person: number, enterprise = 0, research = 0, public_interest = 0, legal_service = 0, other_org = 0): Counts => ({ ...zeroCounts(), natural_person, enterprise, research, public_interest, legal_service, other_org });

/** Section 二 figures units entered: [unit, licensing, penalty, enforcement, fees in 万元]. */
const UNIT_FIGURES: Record<number, [string, number, number, number, number][]> = {
  2025: [
    ['zwj', 1012, 0, 0, 0],
    ['scj', 96, 241, 17, 12.6],
    ['zjj', 88, 35, 2, 96.4],
    ['nyj', 41, 28, 1, 0],
    ['cgj', 19, 83, 3, 47.8],
    ['fgj', 0, 0, 0, 0],
  ],
  2026: [
    ['zwj', 958, 0, 0, 0],
    ['scj', 102, 226, 12, 11.9],
    ['zjj', 76, 31, 1, 88.2],
    ['nyj', 37, 22, 0, 0],
    ['cgj', 23, 77, 4, 45.1],
  ],
};

const COUNTY_2025: Narrative = {
  preamble:
    '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{{报告年度}}年1月1日起至{{报告年度}}年12月31日止。本报告电子版可在示范县人民政府门户网站“政府信息公开”专栏查阅。',
  overview: [
    '{{报告年度}}年，{{单位名称}}深入贯彻落实《条例》，坚持以公开为常态、不公开为例外，围绕全县中心工作推进决策、执行、管理、服务、结果公开，政府信息公开工作质量稳步提升。',
    '（一）主动公开',
    '全年通过政府门户网站主动公开政府信息2415条，其中行政规范性文件{{本年制发规范性文件数}}件，现行有效行政规范性文件{{现行有效规范性文件数}}件；行政许可决定{{行政许可决定数}}件、行政处罚决定{{行政处罚决定数}}件全部按规定公开。',
    '（二）依申请公开',
    '全年共收到政府信息公开申请{{本年新收申请数}}件，上年结转{{上年结转申请数}}件；办结{{本年办结申请数}}件，其中予以公开{{予以公开数}}件、部分公开{{部分公开数}}件、不予公开{{不予公开数}}件、无法提供{{无法提供数}}件、不予处理{{不予处理数}}件、其他处理{{其他处理数}}件；结转下年度继续办理{{结转下年申请数}}件。',
    '（三）政府信息管理',
    '严格落实公开属性源头认定和发布前保密审查制度，完成行政规范性文件年度清理，对已废止、失效的文件在门户网站逐件标注。',
    '（四）政府信息公开平台建设',
    '政府门户网站政府信息公开专栏按标准目录调整栏目设置；县政务服务中心设立政务公开专区，提供查阅、申请和咨询服务。',
    '（五）监督保障',
    '将政府信息公开工作纳入全县年度绩效考核，考核结果在全县通报；开展社会评议一次，群众满意率96.5%；本年度未发生因政府信息公开工作被追究责任的情况。',
  ].join('\n'),
  problems: [
    '（一）存在的主要问题',
    '一是部分单位政策解读形式较为单一；二是个别乡镇主动公开信息更新不够及时。',
    '（二）改进情况',
    '下一步，将加强对各单位信息员的业务培训，推行图表、音视频等多种解读形式，并按季度通报各单位信息更新情况。',
  ].join('\n'),
  other: [
    '（一）信息处理费收取情况',
    '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{{报告年度}}年共收取信息处理费{{信息处理费}}元（{{收费申请数}}件申请）。',
    '（二）落实上级年度政务公开工作要点情况',
    '按照上级年度政务公开工作要点，逐项分解任务、明确责任单位和完成时限，全部任务已按期完成。',
    '（三）人大代表建议和政协提案办理结果公开情况',
    '全年办理县人大代表建议86件、县政协提案112件，办理复文全部在门户网站公开。',
  ].join('\n'),
};

const DEPT_2025: Narrative = {
  preamble: COUNTY_2025.preamble,
  overview: [
    '{{报告年度}}年，{{单位名称}}认真贯彻落实《条例》，围绕发展规划、重大项目和价格管理等重点领域做好政府信息公开工作。',
    '（一）主动公开',
    '全年主动公开政府信息126条，其中行政规范性文件{{本年制发规范性文件数}}件。',
    '（二）依申请公开',
    '全年共收到政府信息公开申请{{本年新收申请数}}件，办结{{本年办结申请数}}件。',
  ].join('\n'),
  problems: ['（一）存在的主要问题', '政策解读的针对性有待加强。', '（二）改进情况', '在重大项目审批信息公开时同步发布解读材料。'].join('\n'),
  other: ['（一）信息处理费收取情况', '{{报告年度}}年未收取信息处理费。'].join('\n'),
};

/**
 * The county's 2025 report was published by hand (the demo's record of that title, src/modules/demo/data/
 * records.ts): the report is linked to that record, as its published version, rather than published again
 * (the demo keeps its records as they are). Publishing the report once more makes a new version of it.
 */
async function linkPublishedRecord(db: Db, tenantId: string, reportId: string, unitId: string, title: string): Promise<boolean> {
  const [rec] = await db
    .select({ id: records.id, publishedAt: records.publishedAt })
    .from(records)
    .where(and(eq(records.tenantId, tenantId), eq(records.unitId, unitId), eq(records.title, title), eq(records.state, 'published')));
  if (!rec) return false;
  const [r] = await db.select().from(annualReports).where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.id, reportId)));
  await db
    .update(annualReports)
    .set({ state: 'published', recordId: rec.id, publications: 1, publishedFigures: r!.figures, publishedAt: rec.publishedAt, publishedBy: '示范县政务公开办公室', version: r!.version + 1 })
    .where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.id, reportId)));
  return true;
}

export async function seedDemoReports(db: Db, caller: Caller, unitIds: Map<string, string>, blobs?: BlobStore, today = todayLocal()): Promise<{ reports: number }> {
  const tenantId = caller.actor.tenantId;
  const thisYear = Number(today.slice(0, 4));
  if (thisYear < 2026) return { reports: 0 };
  for (const [year, rows] of Object.entries(UNIT_FIGURES)) {
    if (Number(year) > thisYear) continue;
    for (const [code, licensing, penalty, enforcement, feesWan] of rows) {
      await saveUnitFigures(db, caller, { unitId: unitIds.get(code)!, year: Number(year), licensing, penalty, enforcement, feesWan, version: 0 });
    }
  }
  const root = unitIds.get('root')!;
  let n = 0;

  // 2025, the county: entered from the ledger; one request (received 2025-12-22) carried into 2026, as the data has it.
  const county = await importReport(
    db,
    caller,
    {
      unitId: root,
      year: 2025,
      format: '2021',
      complete: true,
      figures: {
        section2: { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 6, repealed: 2, valid: 41 }, licensing: 1256, penalty: 387, enforcement: 23, feesWan: 156.8 },
        section3: {
          newThisYear: c(41, 9, 1, 0, 4, 2),
          carriedOver: c(2, 1),
          results: {
            disclosed: c(20, 5, 0, 0, 2),
            partial: c(6, 2, 0, 0, 1),
            'withheld.third_party': c(2, 1),
            'withheld.process_info': c(1),
            'withheld.enforcement_files': c(0, 0, 0, 0, 1),
            'unable.not_held': c(8, 1, 1),
            'not_processed.petition': c(3),
            'not_processed.repeat': c(1),
            'not_processed.confirm_obtained': c(0, 1),
            'other.no_correction': c(1, 0, 0, 0, 0, 1),
            'other.fee_unpaid': c(0, 0, 0, 0, 0, 1),
          },
          resultsTotal: zeroCounts(),
          carriedForward: c(1),
        },
        section4: {
          reconsideration: { upheld: 2, corrected: 1, other: 0, pending: 0, total: 0 },
          litigation: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 0 },
          litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
        },
        fees: { amountYuan: 300, requests: 1 },
      },
      narrative: COUNTY_2025,
    },
    today,
  );
  n++;
  const v = await checkReport(db, caller, county.id, county.version);
  if (!v.findings.length && !(await linkPublishedRecord(db, tenantId, county.id, root, county.title)) && blobs) {
    await publishReport(db, blobs, caller, county.id, v.version, { maxBytes: 50 * 1024 * 1024 });
  }

  // 2025, the 发改局: from the data (its figures entered above), with its own text; checked, never published
  // (the status board shows it as late).
  const fgj = await createReport(db, caller, { unitId: unitIds.get('fgj')!, year: 2025 }, today);
  n++;
  const edited = await updateReport(db, caller, fgj.id, { version: fgj.version, narrative: DEPT_2025 });
  await checkReport(db, caller, fgj.id, edited.version);

  // This year, the county: drafted from the live data; the text starts from 2025's.
  await createReport(db, caller, { unitId: root, year: thisYear }, today);
  n++;
  return { reports: n };
}
