// RFC 4180 CSV: quoted fields with commas, quotes ("") and newlines inside;
// CRLF or LF rows; a leading BOM dropped. Rows with more or fewer fields than
// the header are padded or cut and counted, never fatal (real TV Time exports
// have them). Columns are read by header name, never by position.

export interface CsvTable {
  /** Header names as written, trimmed. */
  header: string[];
  /** One object per data row, keyed by header name; a missing cell is ''. */
  rows: Record<string, string>[];
  /** Data rows whose field count differed from the header's. */
  ragged: number;
}

/** Every row of `text` as arrays of fields. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (a lone empty field) carry nothing.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The table of a CSV with a header row. */
export function parseCsv(text: string): CsvTable {
  const [head, ...body] = csvRows(text);
  const header = (head ?? []).map((name) => name.trim());
  let ragged = 0;
  const rows = body.map((fields) => {
    if (fields.length !== header.length) ragged += 1;
    const row: Record<string, string> = {};
    header.forEach((name, index) => {
      row[name] = fields[index] ?? '';
    });
    return row;
  });
  return { header, rows, ragged };
}

/** The first of `names` present in `row` with a non-empty value (a present-but-empty column counts as missing). */
export function firstOf(row: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = row[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** One CSV field, quoted when it must be. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: header then rows, CRLF line ends as RFC 4180 says. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
