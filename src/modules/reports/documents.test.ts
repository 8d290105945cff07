// The report's DOCX and PDF: the headings and every label in them; the DOCX through LibreOffice (skipped
// without it unless GONGKAI_REQUIRE_OFFICE=1) and both PDFs to PNG pages, with the request table on one
// page (never split across two). GONGKAI_REPORT_PNG=dir keeps the pages to look at.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reportDocument } from '../../core/reports/document.ts';
import { completeSection3, completeSection4, emptyFigures, zeroCounts, type Counts } from '../../core/reports/model.ts';
import { defaultNarrative } from '../../core/reports/narrative.ts';
import { listZip, readZipEntry } from '../../core/files/zip.ts';
import { extractText } from '../files/extract.ts';
import { reportDocx, reportPdf } from './documents.ts';

const run = promisify(execFile);
const c = (natural_person: number, enterprise = 0, research = 0, public_interest = 0, legal_service = 0, other_org = 0): Counts => ({ ...zeroCounts(), natural_person, enterprise, research, public_interest, legal_service, other_org });

function sample() {
  const f = emptyFigures('2021');
  if (f.format !== '2021') throw new Error();
  f.section2 = { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 6, repealed: 2, valid: 41 }, licensing: 1256, penalty: 387, enforcement: 23, feesWan: 156.8 };
  f.section3 = completeSection3({
    ...f.section3,
    newThisYear: c(41, 9, 1, 0, 4, 2),
    carriedOver: c(2, 1),
    results: { ...f.section3.results, disclosed: c(20, 5, 0, 0, 2), partial: c(6, 2, 0, 0, 1), 'unable.not_held': c(8, 1, 1), 'other.fee_unpaid': c(0, 0, 0, 0, 0, 1) },
    carriedForward: c(1),
  });
  f.section4 = completeSection4({ ...f.section4, reconsideration: { upheld: 2, corrected: 1, other: 0, pending: 0, total: 0 } });
  f.fees = { amountYuan: 300, requests: 1 };
  const ctx = { year: 2025, organName: '示范县人民政府', government: true };
  return reportDocument({ title: '示范县人民政府2025年政府信息公开工作年度报告', figures: f, narrative: defaultNarrative(ctx), context: ctx });
}

const LABELS = [
  '示范县人民政府2025年政府信息公开工作年度报告',
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
  '第二十条第（一）项',
  '本年收费金额（单位：万元）',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '法人或其他组织',
  '一、本年新收政府信息公开申请数量',
  '三、本年度办理结果',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '四、结转下年度继续办理',
  '未经复议直接起诉',
  '复议后起诉',
];

const flat = (s: string) => s.replace(/\s+/g, '');

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
const pdftotext = which('pdftotext');
const requireOffice = process.env.GONGKAI_REQUIRE_OFFICE === '1';
const INSTALL = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-noto-cjk';

/** Text of each page (pdftotext), to see where the tables fall. */
async function pageTexts(pdf: string, pages: number): Promise<string[]> {
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) out.push(flat((await run(pdftotext!, ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { timeout: 60_000 })).stdout));
  return out;
}

async function toPng(pdf: string, dir: string, prefix: string): Promise<string[]> {
  await run(pdftoppm!, ['-png', '-r', '70', pdf, path.join(dir, prefix)], { timeout: 60_000 });
  const pngs = (await readdir(dir)).filter((f) => f.startsWith(prefix) && f.endsWith('.png')).sort();
  const keep = process.env.GONGKAI_REPORT_PNG;
  if (keep) {
    await mkdir(keep, { recursive: true });
    for (const f of pngs) await copyFile(path.join(dir, f), path.join(keep, f));
  }
  return pngs;
}

/** The page holding the request table also holds its first and its last row: the table is not split. */
function requestTableOnePage(pages: string[]) {
  const at = pages.findIndex((p) => p.includes('（本列数据的勾稽关系为'));
  expect(at).toBeGreaterThanOrEqual(0);
  expect(pages[at]).toContain('一、本年新收政府信息公开申请数量');
  expect(pages[at]).toContain('（七）总计');
  expect(pages[at]).toContain('四、结转下年度继续办理');
}

describe('the report as DOCX and PDF', () => {
  it('sets every heading and label in the PDF (Noto Serif SC embedded)', { timeout: 120_000 }, async () => {
    const pdf = await reportPdf(sample(), new Date('2026-03-20T00:00:00Z'));
    const text = await extractText(pdf, 'pdf');
    for (const l of LABELS) expect(flat(text.text), l).toContain(flat(l));
    expect(text.pages).toBeGreaterThanOrEqual(3);
    expect(text.pages).toBeLessThanOrEqual(6);
    expect(Buffer.from(pdf).toString('latin1')).toContain('NotoSerifSC');
    // The same report with the same date gives the same bytes.
    expect(Buffer.from(await reportPdf(sample(), new Date('2026-03-20T00:00:00Z'))).equals(Buffer.from(pdf))).toBe(true);
  });

  it('sets every heading and label in the DOCX, with the merged header cells of the template', { timeout: 60_000 }, async () => {
    const docx = await reportDocx(sample());
    const text = await extractText(docx, 'docx');
    for (const l of LABELS) expect(flat(text.text), l).toContain(flat(l));
    const listing = listZip(docx)!;
    const entry = listing.entries.find((e) => e.name === 'word/document.xml')!;
    const xml = Buffer.from(readZipEntry(docx, entry)!).toString('utf8');
    // 申请人情况 over 7 columns, 三、本年度办理结果 over 22 rows (one start and 21 continuations), the note over 3 × 3.
    expect(xml).toMatch(/<w:gridSpan w:val="7"\/>(?:(?!<\/w:tc>).)*申请人情况/s);
    const cellOf = (text: string) => xml.slice(xml.lastIndexOf('<w:tc>', xml.indexOf(text)), xml.indexOf(text));
    expect(cellOf('三、本年度办理结果')).toContain('<w:vMerge w:val="restart"/>');
    expect(cellOf('（本列数据的勾稽关系为')).toContain('<w:gridSpan w:val="3"/>');
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBeGreaterThanOrEqual(3 + 3);
    expect(xml.match(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/g)!.length).toBeGreaterThanOrEqual(21);
  });
});

describe.skipIf(!(soffice && pdftoppm && pdftotext) && !requireOffice)('the report through LibreOffice and poppler', () => {
  it('converts the DOCX to PDF and both PDFs to PNG pages; the request table stays on one page', { timeout: 300_000 }, async () => {
    if (!soffice || !pdftoppm || !pdftotext) expect.fail(`GONGKAI_REQUIRE_OFFICE=1 but ${soffice ? 'pdftoppm/pdftotext' : 'soffice'} is not installed: ${INSTALL}`);
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-report-'));
    try {
      const doc = sample();
      const docx = path.join(dir, 'report.docx');
      await writeFile(docx, await reportDocx(doc));
      const profile = pathToFileURL(path.join(dir, 'profile')).href;
      await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 240_000 });
      const office = path.join(dir, 'report.pdf');
      const officeText = await extractText(new Uint8Array(await readFile(office)), 'pdf');
      for (const l of LABELS) expect(flat(officeText.text), l).toContain(flat(l));
      const officePngs = await toPng(office, dir, 'docx-page');
      expect(officePngs.length).toBe(officeText.pages);
      requestTableOnePage(await pageTexts(office, officeText.pages ?? 0));

      const ours = path.join(dir, 'ours.pdf');
      await writeFile(ours, await reportPdf(doc));
      const oursText = await extractText(new Uint8Array(await readFile(ours)), 'pdf');
      const oursPngs = await toPng(ours, dir, 'pdf-page');
      expect(oursPngs.length).toBe(oursText.pages);
      requestTableOnePage(await pageTexts(ours, oursText.pages ?? 0));
      for (const f of [...officePngs, ...oursPngs]) {
        const png = await readFile(path.join(dir, f));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        // A4 at 70 dpi: 579 × 819 pixels.
        expect(Math.abs(png.readUInt32BE(16) - 578.7)).toBeLessThan(1);
        expect(Math.abs(png.readUInt32BE(20) - 818.5)).toBeLessThan(1);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
