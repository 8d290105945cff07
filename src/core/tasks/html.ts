// An HTML notice (a government site's page, or a document saved as a web page) → paragraphs and tables.
// Tables keep their row and column spans as merged cells. Scripts, styles and the page head are skipped;
// a table inside a table cell adds its text to that cell. Pure (htmlparser2, no I/O).
import { Parser } from 'htmlparser2';
import type { Block, NoticeDocument } from './document.ts';
import { spansToGrid, type SpanCell } from './grid.ts';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'button', 'select', 'option', 'textarea']);
const BREAKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'pre', 'dd', 'dt', 'tr', 'header', 'footer', 'ul', 'ol', 'hr', 'center']);

interface TableBuild {
  rows: SpanCell[][];
  row: SpanCell[] | null;
  cell: SpanCell | null;
}

const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

export function htmlToDocument(html: string): NoticeDocument {
  const blocks: Block[] = [];
  const tables: TableBuild[] = [];
  let skipDepth = 0;
  let text = '';
  const flushParagraph = () => {
    for (const line of text.split('\n')) {
      const t = line.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
      if (t) blocks.push({ kind: 'paragraph', text: t });
    }
    text = '';
  };
  const addText = (s: string) => {
    const top = tables[tables.length - 1];
    if (top?.cell) top.cell.text += s;
    else if (top) return; // text between cells
    else text += s;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth) return;
        const top = tables[tables.length - 1];
        if (name === 'table') {
          if (top?.cell) {
            top.cell.text += '\n';
            tables.push({ rows: [], row: null, cell: null });
            (tables[tables.length - 1] as TableBuild & { nested?: true }).nested = true;
            return;
          }
          flushParagraph();
          tables.push({ rows: [], row: null, cell: null });
          return;
        }
        if (top && name === 'tr') {
          top.row = [];
          top.rows.push(top.row);
          return;
        }
        if (top && (name === 'td' || name === 'th')) {
          if (!top.row) {
            top.row = [];
            top.rows.push(top.row);
          }
          top.cell = { text: '', rowSpan: span(attrs.rowspan), colSpan: span(attrs.colspan) };
          top.row.push(top.cell);
          return;
        }
        if (BREAKS.has(name)) addText('\n');
      },
      ontext(t) {
        if (!skipDepth) addText(t);
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth) return;
        const top = tables[tables.length - 1];
        if (name === 'table' && top) {
          tables.pop();
          const nested = (top as TableBuild & { nested?: true }).nested;
          const textOf = () => top.rows.map((r) => r.map((c) => c.text.trim()).join(' ')).join('\n');
          if (nested) {
            const outer = tables[tables.length - 1];
            if (outer?.cell) outer.cell.text += textOf();
            return;
          }
          const rows = spansToGrid(top.rows.map((r) => r.map((c) => ({ ...c, text: c.text.replace(/[ \t\u3000\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim() }))));
          if (rows.length) blocks.push({ kind: 'table', rows, source: 'html', mergeKnown: true });
          return;
        }
        if (top && (name === 'td' || name === 'th')) {
          top.cell = null;
          return;
        }
        if (top && name === 'tr') {
          top.row = null;
          return;
        }
        if (BREAKS.has(name)) addText('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  // An unclosed table at the end still counts.
  while (tables.length) {
    const top = tables.pop()!;
    const rows = spansToGrid(top.rows);
    if (rows.length && !tables.length) blocks.push({ kind: 'table', rows, source: 'html', mergeKnown: true });
  }
  flushParagraph();
  return { format: 'html', blocks };
}

/** True when text is HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^<(?:!doctype\s+html|html|head|body|meta|table|div|p|section|article)\b/.test(head)) return true;
  return (text.match(/<\/(?:p|td|tr|div|table)>/gi) ?? []).length >= 3;
}
