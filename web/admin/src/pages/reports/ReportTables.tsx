// The tables of sections 二, 三 and 四 drawn from the same grids the portal page, the DOCX and the PDF are
// drawn from (src/core/reports/layout.ts): the template's own row and column labels and merges, a <caption>
// per table, header cells as <th scope>. Read-only: figures change by regenerating or by an adjustment.
import type { ReactNode } from 'react';
import { section2Grids, section3Grid, section4Grid, type Grid } from '../../../../../src/core/reports/layout.ts';
import type { ReportFigures } from '../../../../../src/core/reports/model.ts';

export function GridTable({ grid, id }: { grid: Grid; id?: string }) {
  const row = (cells: Grid['rows'][number], r: number) => (
    <tr key={r}>
      {cells.map((c, i) => {
        const props = { colSpan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined, rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined, className: c.align === 'left' ? 'cell-left' : 'cell-center' };
        return c.header ? (
          <th key={i} scope={c.header} {...props}>
            {c.text}
          </th>
        ) : (
          <td key={i} {...props}>
            {c.text}
          </td>
        );
      })}
    </tr>
  );
  const head = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);
  const total = grid.widths.reduce((a, b) => a + b, 0);
  return (
    // Wide tables scroll sideways on narrow screens; the region is focusable so the keyboard can scroll it.
    <div className="report-table-wrap" role="region" aria-label={grid.caption} tabIndex={0}>
      <table className={`report-table report-table-${grid.columns}`} id={id}>
        <caption>{grid.caption}</caption>
        <colgroup>
          {grid.widths.map((w, i) => (
            <col key={i} style={{ width: `${((w / total) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        {head.length ? <thead>{head.map((cells, r) => row(cells, r))}</thead> : null}
        <tbody>{body.map((cells, r) => row(cells, r + head.length))}</tbody>
      </table>
    </div>
  );
}

export function Section2Tables({ figures }: { figures: ReportFigures }) {
  return (
    <>
      {section2Grids(figures).map((g) => (
        <GridTable key={g.caption} grid={g} />
      ))}
    </>
  );
}

export function Section3Table({ figures }: { figures: ReportFigures }): ReactNode {
  return <GridTable grid={section3Grid(figures.section3, figures.format)} />;
}

export function Section4Table({ figures }: { figures: ReportFigures }): ReactNode {
  return <GridTable grid={section4Grid(figures.section4)} />;
}
