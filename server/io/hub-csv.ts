import { readFile } from "node:fs/promises";
import { InputError } from "../errors";
import { parseCsv } from "./csv";

/**
 * A hubs spreadsheet: a header row naming columns among `known` (any case; spaces and dashes as
 * underscores), then one hub a row. An unknown column is refused so a typo never drops data.
 */
export function parseHubCsv(text: string, known: readonly string[]): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (!header) throw new InputError("the file is empty");
  const keys = header.map((cell) => cell.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const unknown = keys.filter((key) => !known.includes(key));
  if (unknown.length) throw new InputError(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((key) => `"${key}"`).join(", ")}; the columns are ${known.join(", ")}`);
  if (!keys.includes("name")) throw new InputError(`the file needs a "name" column; the columns are ${known.join(", ")}`);
  return rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, row[index] ?? ""])));
}

export async function readHubCsv(file: string, known: readonly string[]): Promise<Array<Record<string, string>>> {
  if (!/\.csv$/i.test(file)) throw new InputError(`--as hubs reads a .csv file (got ${file})`);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === "ENOENT" ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  return parseHubCsv(text, known);
}
