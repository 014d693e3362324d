/**
 * CSV output (RFC 4180): comma-separated, `\n` line ends, fields quoted only when they hold a
 * comma, a quote, or a line break, with inner quotes doubled.
 */

export type CsvValue = string | number | null | undefined;

/**
 * One CSV field. Numbers are written with `String(x)`, the shortest text that reads back as the
 * same double; non-finite numbers, null and undefined become an empty field, so that no `NaN`
 * ever reaches an export.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A whole CSV document: the header, then one line per row, each line ending in `\n`. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/** Column names `f1`…`fK` of a factor matrix. */
export function factorColumns(k: number): string[] {
  return Array.from({ length: k }, (_, j) => `f${j + 1}`);
}
