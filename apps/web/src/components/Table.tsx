import { useId, type ReactNode } from 'react';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The column that names the row: rendered as a row header (`<th scope="row">`). */
  rowHeader?: boolean;
}

/** A data table with a caption; scrolls sideways inside its own box on narrow screens. */
export function Table<Row>({ caption, columns, rows, rowKey }: { caption: ReactNode; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string }) {
  const captionId = useId();
  // The box scrolls on narrow screens: focusable and named, so the keyboard can scroll it too.
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
