import type { SpreadsheetTable } from "../../shared/model/spreadsheet-import";
import { InputError } from "../errors";

// Writing CSV is shared with the client (the targets view downloads what it shows).
export { toCsv } from "../../shared/csv";

/** Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.fields);
}

/**
 * Like `parseCsv`, keeping each record's number as a spreadsheet shows it (the first record,
 * usually the header, is row 1; blank lines are skipped but still counted, and a quoted field
 * spanning several lines is one row). A BOM is dropped; an unclosed quote is an InputError.
 */
export function parseCsvRecords(text: string): Array<{ row: number; fields: string[] }> {
  const records: Array<{ row: number; fields: string[] }> = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let number = 1;
  const source = text.replace(/^\uFEFF/, "");
  const endRecord = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "")) records.push({ row: number, fields: row });
    number += 1;
    row = [];
    field = "";
  };
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[index + 1] === "\n") index += 1;
      endRecord();
    } else field += char;
  }
  if (quoted) throw new InputError(`row ${number}: a quoted field is not closed`);
  if (field !== "" || row.length > 0) endRecord();
  return records;
}

/**
 * Read a CSV whose first row names the columns. Column names are matched case-insensitively with
 * spaces as underscores ("Vote Date" is vote_date); an unknown or repeated column is refused, so a
 * typo never silently drops data. Rows with more cells than the header are refused by row number.
 */
export function readCsvTable(text: string, knownColumns: readonly string[]): SpreadsheetTable {
  const [header, ...rows] = parseCsvRecords(text);
  if (!header) throw new InputError("the file is empty: the first row must name the columns");
  const columns = header.fields.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  const unknown = columns.filter((column) => !knownColumns.includes(column));
  if (unknown.length) {
    throw new InputError(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; the columns are ${knownColumns.join(", ")}`);
  }
  const repeated = columns.find((column, index) => columns.indexOf(column) !== index);
  if (repeated) throw new InputError(`the column "${repeated}" appears twice`);
  const records = rows.map(({ row, fields }) => {
    if (fields.length > columns.length) throw new InputError(`row ${row} has ${fields.length} cells but the header names ${columns.length} columns`);
    return { row, cells: Object.fromEntries(columns.map((column, index) => [column, fields[index] ?? ""])) };
  });
  return { columns, records };
}
