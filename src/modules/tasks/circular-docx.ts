// The circular (通报) as a DOCX in the official-document layout the reply letters use (src/modules/requests/
// letters.ts letterDocx, GB/T 9704-2012): A4, margins 37/35/28/26 mm, the organ's name in red at the top with
// the 文号 and a red double rule under it, the title in 小标宋 二号, the text in 仿宋 三号 at a fixed 29 pt pitch
// with a two-character indent, first-level headings (一、…) in 黑体, the organ and date under the text, the page
// number in the footer.
import { LETTER_FONTS } from '../requests/letters.ts';
import type { CircularDocument } from '../../core/tasks/circular.ts';

const BODY_SIZE = 16;
const LINE = 29;
const TITLE_SIZE = 22;
const TITLE_LINE = 35;
const RED = 'FF0000';
const HEADING_FONT = '黑体';
const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
const MM = 72 / 25.4;
const TEXT_WIDTH = (PAGE.width - PAGE.left - PAGE.right) * MM;

function organSize(name: string): number {
  const n = Math.max(1, [...name].length);
  return Math.max(20, Math.min(36, Math.floor((TEXT_WIDTH / (n * 1.08)) * 2) / 2));
}

export async function circularDocx(doc: CircularDocument): Promise<Uint8Array> {
  const d = await import('docx');
  const fonts = LETTER_FONTS;
  const twip = (points: number) => Math.round(points * 20);
  const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
  const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
  const run = (text: string, o: { font?: string; size?: number; color?: string } = {}) =>
    new d.TextRun({
      text,
      font: { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.latin, eastAsia: o.font ?? fonts.body, hint: 'eastAsia' },
      size: Math.round((o.size ?? BODY_SIZE) * 2),
      ...(o.color ? { color: o.color } : {}),
      language,
    });
  const exact = (pitch: number, before = 0, after = 0) => ({ line: twip(pitch), lineRule: d.LineRuleType.EXACT, before: twip(before), after: twip(after) });
  const rule = { bottom: { style: d.BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 10 } };
  const body = (text: string, o: { font?: string; keepNext?: boolean } = {}) =>
    new d.Paragraph({ alignment: d.AlignmentType.JUSTIFIED, spacing: exact(LINE), indent: { firstLine: twip(2 * BODY_SIZE) }, ...(o.keepNext ? { keepNext: true } : {}), children: [run(text, o.font ? { font: o.font } : {})] });

  const size = organSize(doc.organName);
  const children = [
    new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: exact(size * 1.1), ...(doc.docNo ? {} : { border: rule }), children: [run(doc.organName, { font: fonts.title, size, color: RED })] }),
    ...(doc.docNo ? [new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: exact(LINE, LINE / 4), border: rule, children: [run(doc.docNo)] })] : []),
    new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: exact(TITLE_LINE, LINE / 2, LINE), children: [run(doc.title, { font: fonts.title, size: TITLE_SIZE })] }),
    new d.Paragraph({ alignment: d.AlignmentType.JUSTIFIED, spacing: exact(LINE), children: [run(doc.addressee)] }),
    ...doc.intro.map((p) => body(p)),
  ];
  doc.sections.forEach((s, i) => {
    children.push(body(s.heading, { font: HEADING_FONT, keepNext: true }));
    s.paragraphs.forEach((p, j) => children.push(body(p, { keepNext: i === doc.sections.length - 1 && j === s.paragraphs.length - 1 })));
  });
  children.push(new d.Paragraph({ alignment: d.AlignmentType.RIGHT, spacing: exact(LINE, LINE), indent: { right: twip(4 * BODY_SIZE) }, keepNext: true, children: [run(doc.organName)] }));
  children.push(new d.Paragraph({ alignment: d.AlignmentType.RIGHT, spacing: exact(LINE), indent: { right: twip(4 * BODY_SIZE) }, children: [run(doc.date)] }));

  const footerRun = (c: string | (typeof d.PageNumber)[keyof typeof d.PageNumber]) => new d.TextRun({ children: [c], font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia: fonts.footer, hint: 'eastAsia' }, size: 28, language });
  const document = new d.Document({
    creator: doc.organName,
    title: doc.title,
    description: doc.title,
    styles: {
      default: {
        document: {
          run: { font: { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.latin, eastAsia: fonts.body }, size: BODY_SIZE * 2, language },
          paragraph: { spacing: { line: twip(LINE), lineRule: d.LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height), orientation: d.PageOrientation.PORTRAIT },
            margin: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right), header: mm(15), footer: mm(24) },
          },
        },
        footers: { default: new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [footerRun('— '), footerRun(d.PageNumber.CURRENT), footerRun(' —')] })] }) },
        children,
      },
    ],
  });
  const buf = await d.Packer.toBuffer(document);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
