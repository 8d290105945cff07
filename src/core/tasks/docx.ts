// The body of a Word document (word/document.xml of a .docx) → paragraphs and tables, with merged cells
// marked: a vertical merge (w:vMerge without "restart") is 'up', a cell spanning columns (w:gridSpan) leaves
// 'left' cells after it. Deleted text (w:delText) and field codes are skipped; a table inside a cell adds its
// text to the cell. Pure: the adapter unzips the file and hands the XML over.
import { Parser } from 'htmlparser2';
import type { Block, Cell, NoticeDocument } from './document.ts';

interface CellBuild {
  text: string;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}

interface TableBuild {
  rows: CellBuild[][];
  row: CellBuild[] | null;
  cell: CellBuild | null;
}

export function docxXmlToDocument(xml: string): NoticeDocument {
  const blocks: Block[] = [];
  const tables: TableBuild[] = [];
  let para: string | null = null;
  let inText = false;
  let skip = 0;
  const append = (s: string) => {
    if (para !== null) para += s;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const top = tables[tables.length - 1];
        switch (name) {
          case 'w:deltext':
          case 'w:instrtext':
            skip++;
            return;
          case 'w:tbl':
            tables.push({ rows: [], row: null, cell: null });
            return;
          case 'w:tr':
            if (top) {
              top.row = [];
              top.rows.push(top.row);
            }
            return;
          case 'w:tc':
            if (top?.row) {
              top.cell = { text: '', gridSpan: 1, vMerge: null };
              top.row.push(top.cell);
            }
            return;
          case 'w:gridspan':
            if (top?.cell && attrs['w:val']) top.cell.gridSpan = Math.max(1, Math.min(200, Number.parseInt(attrs['w:val'], 10) || 1));
            return;
          case 'w:vmerge':
            if (top?.cell) top.cell.vMerge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
            return;
          case 'w:p':
            para = '';
            return;
          case 'w:t':
            inText = true;
            return;
          case 'w:tab':
            append(' ');
            return;
          case 'w:br':
          case 'w:cr':
            append('\n');
            return;
        }
      },
      ontext(t) {
        if (inText && !skip) append(t);
      },
      onclosetag(name) {
        const top = tables[tables.length - 1];
        switch (name) {
          case 'w:deltext':
          case 'w:instrtext':
            skip = Math.max(0, skip - 1);
            return;
          case 'w:t':
            inText = false;
            return;
          case 'w:p': {
            const text = (para ?? '').trim();
            para = null;
            if (top?.cell) top.cell.text += (top.cell.text ? '\n' : '') + text;
            else if (top) return;
            else if (text) for (const line of text.split('\n')) if (line.trim()) blocks.push({ kind: 'paragraph', text: line.trim() });
            return;
          }
          case 'w:tc':
            if (top) top.cell = null;
            return;
          case 'w:tr':
            if (top) top.row = null;
            return;
          case 'w:tbl': {
            const done = tables.pop()!;
            const outer = tables[tables.length - 1];
            if (outer?.cell) {
              outer.cell.text += (outer.cell.text ? '\n' : '') + done.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n');
              return;
            }
            const rows = toGrid(done.rows);
            if (rows.length) blocks.push({ kind: 'table', rows, source: 'docx', mergeKnown: true });
            return;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(xml);
  parser.end();
  return { format: 'docx', blocks };
}

function toGrid(rows: CellBuild[][]): Cell[][] {
  const grid = rows.map((row) => {
    const out: Cell[] = [];
    for (const c of row) {
      out.push(c.vMerge === 'continue' ? { text: '', merged: 'up' } : { text: c.text.trim() });
      for (let k = 1; k < c.gridSpan; k++) out.push({ text: '', merged: c.vMerge === 'continue' ? 'up' : 'left' });
    }
    return out;
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? { text: '' }));
}
