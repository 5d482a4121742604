import { readFile } from "node:fs/promises";
import { InputError } from "../errors";
import { parseCsv } from "./csv";

/**
 * A spreadsheet of named things (hubs, endorsers): a header row naming columns among `known` (any
 * case; spaces and dashes as underscores), then one thing a row. An unknown column is refused so a
 * typo never drops data; a `name` column is required.
 */
export function parseColumnCsv(text: string, known: readonly string[]): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (!header) throw new InputError("the file is empty");
  const keys = header.map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  const unknown = keys.filter((key) => !known.includes(key));
  if (unknown.length) throw new InputError(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((key) => `"${key}"`).join(", ")}; the columns are ${known.join(", ")}`);
  if (!keys.includes("name")) throw new InputError(`the file needs a "name" column; the columns are ${known.join(", ")}`);
  return rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, row[index] ?? ""])));
}

export async function readColumnCsv(file: string, known: readonly string[], as: string): Promise<Array<Record<string, string>>> {
  if (!/\.csv$/i.test(file)) throw new InputError(`--as ${as} reads a .csv file (got ${file})`);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === "ENOENT" ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  return parseColumnCsv(text, known);
}
