import { readFile } from "node:fs/promises";
import { InputError } from "../errors";
import { parseCsvRecords } from "./csv";

/**
 * A ballot results file: CSV (a BOM is dropped), read into records with their row numbers for
 * `readBallotTable` (shared/rules/ballot-results.ts), which checks the columns and every row.
 * Election offices also publish tab-separated text: a header with tabs and no commas is read so.
 */
export function parseBallotCsv(text: string): Array<{ row: number; fields: string[] }> {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.includes("\t") && !firstLine.includes(",")) {
    return text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map((line, index) => ({ row: index + 1, fields: line.split("\t") }))
      .filter((record) => record.fields.some((field) => field.trim() !== ""));
  }
  return parseCsvRecords(text);
}

export async function readBallotCsv(file: string): Promise<Array<{ row: number; fields: string[] }>> {
  if (!/\.(csv|txt|tsv)$/i.test(file)) throw new InputError(`--as ballot-results reads a .csv file (got ${file})`);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === "ENOENT" ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  return parseBallotCsv(text);
}
