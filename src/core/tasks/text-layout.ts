// Plain text → paragraphs and tables. Notices pasted or exported as text come in three table shapes:
//
//   tab_rows   one row per line, cells separated by tabs; merged cells are empty ("1\t任务\t要求\t单位",
//              "2\t\t要求\t") — kaiping.
//   tab_cells  one cell per line, each line starting with a tab, rows separated by blank lines, the header
//              as N such lines ("\t序号", "\t工作任务", …) — zichuan. A cell may run over several lines.
//   pipe       cells separated by "|" or "｜" (Markdown-style tables, with or without the outer bars and
//              the "---" line).
//
// Everything else becomes paragraphs, one per non-blank line, with the number of blank lines before each
// (the one-cell-per-line layout of feicheng is read from those paragraphs by extract.ts). Pure.
import { readHeader } from './columns.ts';
import type { Block, NoticeDocument, TableBlock } from './document.ts';

const isBlank = (line: string) => line.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '') === '';

/**
 * Cells of a pipe-separated line, or null if the line is not one. `outer`: the table writes bars at both ends
 * ("| a | b |", decided by its first line), so the empty pieces outside them are no cells; without outer bars
 * an empty first piece is an empty first cell.
 */
function pipeCells(line: string, outer = /^\s*[|｜]/.test(line)): string[] | null {
  const t = line.trim();
  const bars = (t.match(/[|｜]/g) ?? []).length;
  if (bars < 2) return null;
  let cells = t.split(/[|｜]/);
  if (outer && /^[|｜]/.test(t)) cells = cells.slice(1);
  if (/[|｜]$/.test(t)) cells = cells.slice(0, -1);
  return cells.map((c) => c.trim());
}

const isPipeRule = (line: string) => /^[\s|｜:：\-—=+]+$/.test(line) && /[-—=]/.test(line);

/** Cells of a tab-separated row (at least two non-empty cells), or null. */
function tabRowCells(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const cells = line.split('\t').map((c) => c.trim());
  if (cells.filter(Boolean).length < 2) return null;
  return cells;
}

/** A line of the tab_cells layout: starts with a tab, holds one cell. */
const tabCell = (line: string): string | null => (line.startsWith('\t') ? line.slice(1).replace(/\t+$/, '').trim() : null);

/** At line i, the header of a tab_cells table (N consecutive one-cell lines that read as a header), or null. */
function tabCellsHeader(lines: readonly string[], i: number): { labels: string[]; next: number } | null {
  const labels: string[] = [];
  let j = i;
  while (j < lines.length) {
    const c = tabCell(lines[j]!);
    if (c === null || c === '' || c.includes('\t')) break;
    labels.push(c);
    j++;
    if (labels.length > 12) return null;
  }
  if (labels.length < 3 || !readHeader(labels)) return null;
  return { labels, next: j };
}

function readTabCells(lines: readonly string[], start: number, width: number): { rows: string[][]; next: number } {
  const cells: string[] = [];
  let j = start;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const c = tabCell(line);
    if (c !== null) {
      // A second table's header: stop before it.
      if (cells.length % width === 0 && tabCellsHeader(lines, j)) break;
      cells.push(c);
      continue;
    }
    if (isBlank(line)) continue;
    // Text without the leading tab: the rest of a cell that runs over several lines, or the end of the table.
    if (cells.length % width !== 0 && cells.length > 0) {
      cells[cells.length - 1] = `${cells[cells.length - 1]}\n${line.trim()}`;
      continue;
    }
    break;
  }
  const rows: string[][] = [];
  for (let k = 0; k < cells.length; k += width) {
    const row = cells.slice(k, k + width);
    while (row.length < width) row.push('');
    rows.push(row);
  }
  return { rows, next: j };
}

/** Plain text (a .txt notice, or text pasted by a person) as paragraphs and tables. */
export function textToDocument(text: string): NoticeDocument {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let gap = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const header = line.startsWith('\t') ? tabCellsHeader(lines, i) : null;
    if (header) {
      const { rows, next } = readTabCells(lines, header.next, header.labels.length);
      const table: TableBlock = { kind: 'table', rows: [header.labels, ...rows].map((r) => r.map((t) => ({ text: t }))), source: 'tab_cells', mergeKnown: false, line: i + 1 };
      blocks.push(table);
      gap = 0;
      i = next;
      continue;
    }
    if (tabRowCells(line) && !isBlank(line)) {
      const rows: string[][] = [];
      let j = i;
      while (j < lines.length && !isBlank(lines[j]!) && lines[j]!.includes('\t')) {
        rows.push(lines[j]!.split('\t').map((c) => c.trim()));
        j++;
      }
      if (rows.length >= 2) {
        blocks.push({ kind: 'table', rows: rows.map((r) => r.map((t) => ({ text: t }))), source: 'tab_rows', mergeKnown: false, line: i + 1 });
        gap = 0;
        i = j;
        continue;
      }
    }
    if (pipeCells(line)) {
      const rows: string[][] = [];
      const outer = /^\s*[|｜]/.test(line);
      let j = i;
      while (j < lines.length && !isBlank(lines[j]!)) {
        const l = lines[j]!;
        if (isPipeRule(l)) {
          j++;
          continue;
        }
        const cells = pipeCells(l, outer);
        if (!cells) break;
        rows.push(cells);
        j++;
      }
      if (rows.length >= 2) {
        blocks.push({ kind: 'table', rows: rows.map((r) => r.map((t) => ({ text: t }))), source: 'pipe', mergeKnown: false, line: i + 1 });
        gap = 0;
        i = j;
        continue;
      }
    }
    if (isBlank(line)) {
      gap++;
      i++;
      continue;
    }
    blocks.push({ kind: 'paragraph', text: line.trim(), line: i + 1, gapBefore: gap });
    gap = 0;
    i++;
  }
  return { format: 'text', blocks };
}
