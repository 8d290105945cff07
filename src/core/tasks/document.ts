// A notice as the parsers see it, whatever the file was: paragraphs and tables, in order. Plain text is
// turned into this by text-layout.ts, HTML by html.ts, DOCX by docx.ts, XLSX by the adapter in
// src/modules/tasks (exceljs). Pure types.

export interface Cell {
  text: string;
  /**
   * The cell is covered by a merged cell: 'up' = by the cell above (a vertical merge: rowspan, vMerge),
   * 'left' = by the cell to its left (colspan, gridSpan). Only formats that say so (HTML, DOCX, XLSX) set it;
   * in plain text an empty cell may be merged or blank, and the parser decides by the row.
   */
  merged?: 'up' | 'left';
}

export type TableSource = 'tab_rows' | 'tab_cells' | 'pipe' | 'html' | 'docx' | 'xlsx';

export interface TableBlock {
  kind: 'table';
  rows: Cell[][];
  source: TableSource;
  /** Merged cells are marked (HTML, DOCX, XLSX): an empty unmarked cell is really blank. */
  mergeKnown: boolean;
  /** 1-based line of the text where the table starts (plain text only). */
  line?: number;
  /** The sheet's name (XLSX). */
  name?: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** 1-based line (plain text only). */
  line?: number;
  /** Blank lines between this paragraph and the previous block (plain text only). */
  gapBefore?: number;
}

export type Block = TableBlock | ParagraphBlock;

export type NoticeFormat = 'text' | 'html' | 'docx' | 'xlsx';

export interface NoticeDocument {
  format: NoticeFormat;
  blocks: Block[];
}

export const paragraph = (text: string, extra: Partial<Omit<ParagraphBlock, 'kind' | 'text'>> = {}): ParagraphBlock => ({ kind: 'paragraph', text, ...extra });

/** A table from rows of strings (no merge information). */
export function tableOf(rows: string[][], source: TableSource, extra: Partial<Omit<TableBlock, 'kind' | 'rows' | 'source'>> = {}): TableBlock {
  return { kind: 'table', rows: rows.map((r) => r.map((text) => ({ text }))), source, mergeKnown: false, ...extra };
}
