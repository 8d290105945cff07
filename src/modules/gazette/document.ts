// An issue of the gazette as a printed document: the cover (the government's name and 公报 in red, the
// year, 期号 and 总期号, the date of publication), the table of contents by section with page numbers, then
// every article on its own page with its title, 文号, text, attachments' names, issuer and date.
import { Parser } from 'htmlparser2';
import { formatDateZh } from '../../core/calendar/index.ts';
import type { Block, PdfDocumentModel } from './pdf.ts';

export interface PrintedArticle {
  title: string;
  section: string | null;
  /** The linked record, when there is one. */
  record: {
    docNo: string | null;
    issuer: string;
    writtenOn: string | null;
    bodyHtml: string;
    bodyText: string;
    attachments: string[];
    /** A withdrawn record is printed as its public note, never its text. */
    withdrawn: { on: string | null; note: string | null } | null;
  } | null;
}

export interface PrintedIssue {
  tenantName: string;
  title: string;
  year: number;
  number: number;
  totalNumber: number | null;
  publishedOn: string;
  articles: PrintedArticle[];
}

/** 2026年第3期（总第45期） */
export function issueLabel(year: number, number: number, totalNumber: number | null): string {
  return `${year}年第${number}期${totalNumber ? `（总第${totalNumber}期）` : ''}`;
}

/** The title an issue gets unless someone gives it another: 示范县人民政府公报 2026年第3期（总第45期）. */
export function defaultIssueTitle(tenantName: string, year: number, number: number, totalNumber: number | null): string {
  return `${tenantName}公报 ${issueLabel(year, number, totalNumber)}`;
}

const CJK = '\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef';
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, 'gu');

/** Whitespace as a browser shows it: runs collapse to one space, none beside Chinese characters. */
function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').replace(SPACE_NEAR_CJK, '').trim();
}

/** A paragraph's text without the full-width spaces typed to indent it (the layout indents). */
function paragraphText(s: string): string {
  return s.replace(/^[\s\u3000\u00a0]+/u, '').replace(/[\s\u3000\u00a0]+$/u, '');
}

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'caption', 'ul', 'ol', 'hr', 'thead', 'tbody', 'tfoot']);

/**
 * The blocks of a record's (sanitised) body: paragraphs indented by two characters, sub-headings in bold,
 * list items with their number, tables as tables. Images are left out.
 */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let pre = 0;
  let headingDepth = 0;
  const lists: { ordered: boolean; n: number }[] = [];
  let table: { rows: string[][]; header: number; inHead: boolean; row: string[] | null; rowAllTh: boolean; cell: string | null } | null = null;
  let prefix = '';

  const flush = (bold = headingDepth > 0) => {
    const raw = pre ? buffer : collapse(buffer).replace(/\s*\uE000\s*/g, '\n');
    buffer = '';
    const lines = raw
      .split('\n')
      .map((l) => (pre ? l.replace(/\s+$/, '') : paragraphText(l)))
      .filter((l, i, all) => l || (pre && i < all.length - 1));
    const text = lines.join('\n');
    if (!text.trim()) {
      prefix = '';
      return;
    }
    blocks.push({ kind: 'paragraph', text: prefix + text, ...(bold ? { bold: true } : {}), ...(pre ? { indent: 0, align: 'left' as const } : {}) });
    prefix = '';
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (table) {
          if (name === 'thead') table.inHead = true;
          else if (name === 'tr') {
            table.row = [];
            table.rowAllTh = true;
          } else if (name === 'td' || name === 'th') {
            table.cell = '';
            if (name === 'td') table.rowAllTh = false;
          } else if (name === 'br' && table.cell !== null) table.cell += '\n';
          return;
        }
        if (name === 'br') {
          // A line break survives the collapsing of whitespace as a private-use mark.
          buffer += pre ? '\n' : '\uE000';
          return;
        }
        if (BLOCK_TAGS.has(name)) flush();
        if (name === 'table') {
          table = { rows: [], header: 0, inHead: false, row: null, rowAllTh: false, cell: null };
          return;
        }
        if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', n: 0 });
        if (name === 'li') {
          const list = lists[lists.length - 1];
          if (list) {
            list.n++;
            prefix = list.ordered ? `${list.n}. ` : '· ';
          }
        }
        if (/^h[1-6]$/.test(name)) headingDepth++;
        if (name === 'pre') pre++;
      },
      ontext(text) {
        if (table) {
          if (table.cell !== null) table.cell += text;
          return;
        }
        buffer += text;
      },
      onclosetag(name) {
        if (table) {
          if (name === 'td' || name === 'th') {
            if (table.row && table.cell !== null) table.row.push(table.cell.split('\n').map(collapse).join('\n'));
            table.cell = null;
          } else if (name === 'tr') {
            if (table.row?.length) {
              table.rows.push(table.row);
              if ((table.inHead || table.rowAllTh) && table.header === table.rows.length - 1) table.header++;
            }
            table.row = null;
          } else if (name === 'thead') table.inHead = false;
          else if (name === 'table') {
            if (table.rows.length) blocks.push({ kind: 'table', rows: table.rows, headerRows: table.header });
            table = null;
          }
          return;
        }
        if (BLOCK_TAGS.has(name)) flush();
        if (/^h[1-6]$/.test(name)) headingDepth = Math.max(0, headingDepth - 1);
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (name === 'ul' || name === 'ol') lists.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/** Plain text as paragraphs, one per line. */
export function textToBlocks(text: string): Block[] {
  return text
    .split(/\n+/)
    .map(paragraphText)
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph' as const, text: t }));
}

function articleBlocks(a: PrintedArticle, first: boolean): Block[] {
  const r = a.record;
  const out: Block[] = [
    {
      kind: 'heading',
      level: 2,
      text: a.title,
      // Every document starts on a new page; a bare title (no text) follows on the same page.
      newPage: !first && r !== null,
      toc: { text: r?.docNo ? `${a.title}（${r.docNo}）` : a.title },
      bookmark: true,
    },
  ];
  if (!r) return out;
  if (r.docNo) out.push({ kind: 'paragraph', text: r.docNo, align: 'center', indent: 0, spaceAfter: 12 });
  if (r.withdrawn) {
    out.push({ kind: 'paragraph', text: `本文件已于${r.withdrawn.on ? formatDateZh(r.withdrawn.on) : ''}撤回。${r.withdrawn.note ? `撤回说明：${r.withdrawn.note}` : ''}` });
    return out;
  }
  const body = r.bodyHtml.trim() ? htmlToBlocks(r.bodyHtml) : textToBlocks(r.bodyText);
  out.push(...body);
  if (r.attachments.length) {
    out.push({ kind: 'paragraph', text: `附件：${r.attachments.length === 1 ? r.attachments[0] : `1. ${r.attachments[0]}`}`, spaceBefore: 12 });
    r.attachments.slice(1).forEach((name, i) => out.push({ kind: 'paragraph', text: `${i + 2}. ${name}`, indent: 5 }));
  }
  // The issuer and date (落款), unless the text already ends with them.
  const tail = body
    .slice(-3)
    .map((b) => (b.kind === 'paragraph' ? b.text.replace(/\s+/g, '') : ''))
    .join('');
  const signed = tail.includes(r.issuer.replace(/\s+/g, '')) || (r.writtenOn !== null && tail.includes(formatDateZh(r.writtenOn)));
  if (!signed) {
    out.push({ kind: 'paragraph', text: r.issuer, align: 'right', indent: 0, spaceBefore: 18, spaceAfter: 0 });
    if (r.writtenOn) out.push({ kind: 'paragraph', text: formatDateZh(r.writtenOn), align: 'right', indent: 0 });
  }
  return out;
}

/** The issue as a document for `renderPdf`. */
export function issueDocument(issue: PrintedIssue): PdfDocumentModel {
  const masthead = `${issue.tenantName}公报`;
  const mastheadSize = Math.min(36, Math.floor(430 / Math.max(1, [...masthead].length)));
  const cover: Block[] = [
    { kind: 'spacer', height: 110 },
    { kind: 'heading', level: 1, text: masthead, size: mastheadSize, color: '#c00000', letterSpacing: mastheadSize / 9, spaceAfter: 10 },
    { kind: 'rule', color: '#c00000', thickness: 2.5, spaceAfter: 18 },
    { kind: 'paragraph', text: `${issue.year}年　第${issue.number}期`, align: 'center', indent: 0, size: 20, bold: true },
    ...(issue.totalNumber ? [{ kind: 'paragraph' as const, text: `（总第${issue.totalNumber}期）`, align: 'center' as const, indent: 0, size: 15 }] : []),
    { kind: 'spacer', height: 330 },
    { kind: 'paragraph', text: issue.tenantName, align: 'center', indent: 0, size: 15 },
    { kind: 'paragraph', text: `${formatDateZh(issue.publishedOn)}出版`, align: 'center', indent: 0, size: 15 },
  ];
  const body: Block[] = [];
  let section: string | null | undefined;
  issue.articles.forEach((a, i) => {
    let first = i === 0;
    if (a.section && a.section !== section) {
      body.push({ kind: 'heading', level: 1, text: a.section, newPage: i > 0, toc: { page: false }, bookmark: true, letterSpacing: 4 });
      first = true;
    }
    section = a.section ?? section;
    body.push(...articleBlocks(a, first));
  });
  if (!body.length) body.push({ kind: 'paragraph', text: '本期无内容。', align: 'center', indent: 0 });
  return {
    info: {
      title: issue.title,
      author: issue.tenantName,
      subject: `${masthead} ${issueLabel(issue.year, issue.number, issue.totalNumber)}`,
      keywords: ['政府公报', issue.tenantName],
      // The date of publication: the same issue printed again gives the same file.
      createdAt: new Date(`${issue.publishedOn}T00:00:00+08:00`),
    },
    cover,
    toc: { title: '目录' },
    body,
  };
}
