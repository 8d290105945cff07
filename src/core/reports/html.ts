// The report as accessible HTML for the portal: headings in order (the record's title is the page's h1,
// the six sections are h2, their sub-headings h3), real tables with a <caption>, header cells as <th> with
// their scope (col, colgroup, row, rowgroup) and the merges of the template, and nothing the record body's
// sanitiser would drop (src/core/publishing/body.ts).
import type { DocBlock, ReportDocument } from './document.ts';
import type { Grid } from './layout.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function gridHtml(g: Grid): string {
  const rowHtml = (cells: Grid['rows'][number]) =>
    '<tr>' +
    cells
      .map((c) => {
        const span = `${c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
        return c.header ? `<th scope="${c.header}"${span}>${escapeHtml(c.text)}</th>` : `<td${span}>${escapeHtml(c.text)}</td>`;
      })
      .join('') +
    '</tr>';
  const head = g.rows.slice(0, g.headerRows);
  const body = g.rows.slice(g.headerRows);
  return `<table><caption>${escapeHtml(g.caption)}</caption>${head.length ? `<thead>${head.map(rowHtml).join('')}</thead>` : ''}<tbody>${body.map(rowHtml).join('')}</tbody></table>`;
}

function blockHtml(b: DocBlock): string {
  if (b.kind === 'paragraph') return `<p>${escapeHtml(b.text)}</p>`;
  if (b.kind === 'subheading') return `<h3>${escapeHtml(b.text)}</h3>`;
  // On the web every block of section 二 is a table of its own, captioned with its item of Art. 20.
  return b.grids.map(gridHtml).join('');
}

/** The body of the published record (the title is the record's own). */
export function reportHtml(d: ReportDocument): string {
  const parts = d.preamble.map((p) => `<p>${escapeHtml(p)}</p>`);
  for (const s of d.sections) {
    parts.push(`<h2>${escapeHtml(s.heading)}</h2>`);
    for (const b of s.blocks) parts.push(blockHtml(b));
  }
  return parts.join('\n');
}
