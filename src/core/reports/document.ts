// The report as a document: the title, the preamble, the six sections under their exact headings, the
// narrative's paragraphs (placeholders filled in) and the tables. The HTML page, the DOCX and the PDF are
// all drawn from this one structure.
import { sectionHeadings, type ReportFormat, type SectionKey } from './format.ts';
import { section2Grids, section3Grid, section4Grid, type Grid, type GridCell } from './layout.ts';
import type { ReportFigures } from './model.ts';
import { fillPlaceholders, isSubheading, paragraphs, placeholders, type Narrative, type NarrativeContext } from './narrative.ts';

export type DocBlock = { kind: 'paragraph'; text: string } | { kind: 'subheading'; text: string } | { kind: 'tables'; grids: Grid[]; captionRows: boolean };

export interface ReportSection {
  key: SectionKey;
  heading: string;
  blocks: DocBlock[];
}

export interface ReportDocument {
  title: string;
  organName: string;
  year: number;
  format: ReportFormat;
  preamble: string[];
  sections: ReportSection[];
}

export function reportTitle(organName: string, year: number): string {
  return `${organName}${year}年政府信息公开工作年度报告`;
}

export interface ReportContent {
  title: string;
  figures: ReportFigures;
  narrative: Narrative;
  context: NarrativeContext;
}

function textBlocks(text: string, fill: (s: string) => string): DocBlock[] {
  return paragraphs(fill(text)).map((p) => (isSubheading(p) ? { kind: 'subheading', text: p } : { kind: 'paragraph', text: p }));
}

export function reportDocument(r: ReportContent): ReportDocument {
  const list = placeholders(r.figures, r.context);
  const fill = (s: string) => fillPlaceholders(s, list);
  const h = sectionHeadings(r.figures.format);
  return {
    title: r.title,
    organName: r.context.organName,
    year: r.context.year,
    format: r.figures.format,
    preamble: paragraphs(fill(r.narrative.preamble)),
    sections: [
      { key: 'overview', heading: h.overview, blocks: textBlocks(r.narrative.overview, fill) },
      { key: 'proactive', heading: h.proactive, blocks: [{ kind: 'tables', grids: section2Grids(r.figures), captionRows: true }] },
      { key: 'requests', heading: h.requests, blocks: [{ kind: 'tables', grids: [section3Grid(r.figures.section3, r.figures.format)], captionRows: false }] },
      { key: 'appeals', heading: h.appeals, blocks: [{ kind: 'tables', grids: [section4Grid(r.figures.section4)], captionRows: false }] },
      { key: 'problems', heading: h.problems, blocks: textBlocks(r.narrative.problems, fill) },
      { key: 'other', heading: h.other, blocks: textBlocks(r.narrative.other, fill) },
    ],
  };
}

/**
 * Grids of one block joined into the one table that print shows: with `captionRows`, each grid's caption
 * becomes a full-width first row (section 二's 第二十条第（一）项 …), as in the template.
 */
export function printGrid(grids: readonly Grid[], captionRows: boolean): Grid {
  const first = grids[0]!;
  const rows: GridCell[][] = [];
  for (const g of grids) {
    if (captionRows) rows.push([{ text: g.caption, colSpan: g.columns, header: 'colgroup', align: 'left' }]);
    rows.push(...g.rows);
  }
  return { caption: first.caption, columns: first.columns, widths: first.widths, headerRows: captionRows ? 0 : first.headerRows, rows };
}
