// Rows of cells with row and column spans → a rectangular grid where every covered position is a cell marked
// as merged ('up' under a row span, 'left' right of a column span). Shared by the HTML and DOCX readers. Pure.
import type { Cell } from './document.ts';

export interface SpanCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

const MAX_SPAN = 1000;

export function spansToGrid(rows: readonly SpanCell[][]): Cell[][] {
  const grid: Cell[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c]) c++;
      const rs = Math.min(Math.max(1, cell.rowSpan | 0), MAX_SPAN, rows.length - r);
      const cs = Math.min(Math.max(1, cell.colSpan | 0), 200);
      for (let dr = 0; dr < rs; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          if (dr === 0 && dc === 0) grid[r]![c] = { text: cell.text };
          else grid[r + dr]![c + dc] = { text: '', merged: dr > 0 ? 'up' : 'left' };
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? { text: '' }));
}
