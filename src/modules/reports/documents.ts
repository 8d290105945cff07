// The report as a DOCX (for the office to print, sign off and archive) and as a PDF (attached to the
// published record), both in the customary layout of these reports: the title centred, the preamble, the
// six sections under their exact headings (一、 in 黑体, （一） in 楷体, text in 仿宋), and the tables of the
// 2021 format with their merged header cells. Both are drawn from src/core/reports/document.ts.
import type { Paragraph as DocxParagraph, Table as DocxTable } from 'docx';
import { printGrid, type ReportDocument } from '../../core/reports/document.ts';
import type { Grid } from '../../core/reports/layout.ts';
import { renderPdf, type Block, type TableCell } from '../gazette/pdf.ts';

export const REPORT_FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体_GB2312',
  body: '仿宋_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
} as const;

const BODY_SIZE = 16; // 三号
const TITLE_SIZE = 22; // 二号
const LINE = 28; // exact line pitch of the text, points
const TABLE_SIZE = 9; // 小五
const PAGE = { width: 210, height: 297, top: 30, bottom: 28, left: 26, right: 26 } as const; // mm

/** Section 三 begins on a page of its own so that its 28 rows (and their merges) are never split. */
const NEW_PAGE_BEFORE = new Set(['requests']);

export async function reportDocx(d: ReportDocument): Promise<Uint8Array> {
  const x = await import('docx');
  const twip = (points: number) => Math.round(points * 20);
  const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
  const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
  const run = (text: string, font: string, size: number, bold = false) =>
    new x.TextRun({ text, font: { ascii: REPORT_FONTS.latin, hAnsi: REPORT_FONTS.latin, cs: REPORT_FONTS.latin, eastAsia: font, hint: 'eastAsia' }, size: Math.round(size * 2), bold, language });
  const exact = (pitch: number, before = 0, after = 0) => ({ line: twip(pitch), lineRule: x.LineRuleType.EXACT, before: twip(before), after: twip(after) });
  const para = (text: string) => new x.Paragraph({ alignment: x.AlignmentType.JUSTIFIED, spacing: exact(LINE), indent: { firstLine: twip(2 * BODY_SIZE) }, children: [run(text, REPORT_FONTS.body, BODY_SIZE)] });
  const textWidth = mm(PAGE.width - PAGE.left - PAGE.right);

  const table = (g: Grid): DocxTable => {
    const total = g.widths.reduce((a, b) => a + b, 0);
    const widths = g.widths.map((w) => Math.floor((w / total) * textWidth));
    // Each cell's width is the sum of the columns it spans.
    let origin = 0;
    const occupied: boolean[][] = g.rows.map(() => Array.from({ length: g.columns }, () => false));
    const border = { style: x.BorderStyle.SINGLE, size: 4, color: '000000' };
    const rows = g.rows.map((cells, r) => {
      origin = 0;
      const children = cells.map((c) => {
        while (occupied[r]![origin]) origin++;
        const cs = c.colSpan ?? 1;
        const rs = c.rowSpan ?? 1;
        for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) if (occupied[r + dr]) occupied[r + dr]![origin + dc] = true;
        const width = widths.slice(origin, origin + cs).reduce((a, b) => a + b, 0);
        origin += cs;
        return new x.TableCell({
          width: { size: width, type: x.WidthType.DXA },
          ...(cs > 1 ? { columnSpan: cs } : {}),
          ...(rs > 1 ? { rowSpan: rs } : {}),
          verticalAlign: x.VerticalAlign.CENTER,
          margins: { top: twip(1.5), bottom: twip(1.5), left: twip(2.5), right: twip(2.5) },
          borders: { top: border, bottom: border, left: border, right: border },
          children: [
            new x.Paragraph({
              alignment: c.align === 'left' ? x.AlignmentType.LEFT : x.AlignmentType.CENTER,
              spacing: { line: 240, lineRule: x.LineRuleType.AUTO, before: 0, after: 0 },
              children: [run(c.text, REPORT_FONTS.table, TABLE_SIZE)],
            }),
          ],
        });
      });
      return new x.TableRow({ children, cantSplit: true, ...(r < g.headerRows ? { tableHeader: true } : {}) });
    });
    return new x.Table({ rows, width: { size: textWidth, type: x.WidthType.DXA }, columnWidths: widths, layout: x.TableLayoutType.FIXED, alignment: x.AlignmentType.CENTER });
  };

  const children: (DocxParagraph | DocxTable)[] = [];
  children.push(new x.Paragraph({ alignment: x.AlignmentType.CENTER, spacing: exact(TITLE_SIZE * 1.5, 0, LINE), children: [run(d.title, REPORT_FONTS.title, TITLE_SIZE)] }));
  for (const p of d.preamble) children.push(para(p));
  for (const s of d.sections) {
    children.push(
      new x.Paragraph({
        spacing: exact(LINE, LINE / 3, 0),
        indent: { firstLine: twip(2 * BODY_SIZE) },
        keepNext: true,
        ...(NEW_PAGE_BEFORE.has(s.key) ? { pageBreakBefore: true } : {}),
        children: [run(s.heading, REPORT_FONTS.heading, BODY_SIZE)],
      }),
    );
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') children.push(para(b.text));
      else if (b.kind === 'subheading') children.push(new x.Paragraph({ spacing: exact(LINE), indent: { firstLine: twip(2 * BODY_SIZE) }, keepNext: true, children: [run(b.text, REPORT_FONTS.subheading, BODY_SIZE)] }));
      else {
        children.push(new x.Paragraph({ spacing: exact(LINE / 3), keepNext: true, children: [] }));
        children.push(table(printGrid(b.grids, b.captionRows)));
        children.push(new x.Paragraph({ spacing: exact(LINE / 2), children: [] }));
      }
    }
  }
  const footerRun = (c: string | (typeof x.PageNumber)[keyof typeof x.PageNumber]) => new x.TextRun({ children: [c], font: { ascii: REPORT_FONTS.latin, hAnsi: REPORT_FONTS.latin, eastAsia: REPORT_FONTS.table, hint: 'eastAsia' }, size: 28, language });
  const doc = new x.Document({
    creator: d.organName,
    title: d.title,
    description: `${d.title}（按${d.format === '2021' ? '国办公开办函〔2021〕30号' : '2019年'}格式）`,
    styles: {
      default: {
        document: {
          run: { font: { ascii: REPORT_FONTS.latin, hAnsi: REPORT_FONTS.latin, cs: REPORT_FONTS.latin, eastAsia: REPORT_FONTS.body }, size: BODY_SIZE * 2, language },
          paragraph: { spacing: { line: twip(LINE), lineRule: x.LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height), orientation: x.PageOrientation.PORTRAIT },
            margin: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right), header: mm(15), footer: mm(18) },
          },
        },
        footers: { default: new x.Footer({ children: [new x.Paragraph({ alignment: x.AlignmentType.CENTER, children: [footerRun('— '), footerRun(x.PageNumber.CURRENT), footerRun(' —')] })] }) },
        children,
      },
    ],
  });
  const buf = await x.Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Points a table of `rows` rows needs at least (a line of 9-point text and its padding per row). */
const rowsHeight = (rows: number) => rows * (TABLE_SIZE * 1.2 + 2 + 5) + 6;

function pdfTable(g: Grid, space: { before: number; after: number }): Block {
  const rows: TableCell[][] = g.rows.map((cells) => cells.map((c) => ({ text: c.text, ...(c.colSpan ? { colSpan: c.colSpan } : {}), ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}), align: c.align === 'left' ? 'left' : 'center' })));
  return { kind: 'table', rows, headerRows: g.headerRows, widths: g.widths, size: TABLE_SIZE, padding: 2.5, minSpace: rowsHeight(g.rows.length + g.headerRows), spaceBefore: space.before, spaceAfter: space.after };
}

/** The report as a PDF (A4, Noto Serif SC), set by the platform's own renderer (src/modules/gazette/pdf.ts). */
export async function reportPdf(d: ReportDocument, createdAt?: Date): Promise<Uint8Array> {
  const text = { size: 12, lineHeight: 1.75, indent: 2, spaceBefore: 0, spaceAfter: 2 } as const;
  const body: Block[] = [{ kind: 'heading', level: 2, text: d.title, size: 18, spaceBefore: 0, spaceAfter: 16 }];
  for (const p of d.preamble) body.push({ kind: 'paragraph', text: p, ...text });
  for (const s of d.sections) {
    body.push({ kind: 'heading', level: 3, text: s.heading, size: 13, indent: 2, bookmark: true, newPage: NEW_PAGE_BEFORE.has(s.key), spaceBefore: 10, spaceAfter: 6 });
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') body.push({ kind: 'paragraph', text: b.text, ...text });
      else if (b.kind === 'subheading') body.push({ kind: 'paragraph', text: b.text, ...text, bold: true });
      // Section 二's blocks are tables of their own, drawn edge to edge: a page may end between two blocks, never inside one.
      else if (b.captionRows) b.grids.forEach((g, i) => body.push(pdfTable(printGrid([g], true), { before: i === 0 ? 4 : 0, after: i === b.grids.length - 1 ? 10 : 0 })));
      else body.push(pdfTable(printGrid(b.grids, false), { before: 4, after: 10 }));
    }
  }
  return renderPdf({
    info: { title: d.title, author: d.organName, subject: `${d.year}年度政府信息公开工作年度报告`, keywords: ['政府信息公开', '年度报告', String(d.year)], ...(createdAt ? { createdAt } : {}) },
    margins: { top: 2.5 * 72 / 2.54, right: 2.2 * 72 / 2.54, bottom: 2.5 * 72 / 2.54, left: 2.2 * 72 / 2.54 },
    body,
  });
}
