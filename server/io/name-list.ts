import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors";
import { parseCsv } from "./csv";

/** Column headers accepted as "the name" in a CSV list, first found wins. */
const NAME_HEADERS = ["name", "legislator", "cosponsor", "sponsor", "full_name"];

/**
 * A list of people's names: a text file with one name per line (blank lines and `#` comments
 * ignored), or a CSV whose header has a `name` column (also `legislator`, `cosponsor`, `sponsor`).
 */
export function parseNameList(text: string, fileName: string): string[] {
  const source = text.replace(/^\uFEFF/, "");
  if (/\.csv$/i.test(fileName)) {
    const [header, ...rows] = parseCsv(source);
    if (!header) throw new InputError(`${fileName} is empty`);
    const keys = header.map((cell) => cell.trim().toLowerCase().replace(/\s+/g, "_"));
    const column = NAME_HEADERS.map((name) => keys.indexOf(name)).find((index) => index >= 0);
    if (column === undefined) throw new InputError(`${fileName} has no name column (expected a header like "name"; found ${header.join(", ")})`);
    return rows.map((row) => (row[column] ?? "").trim()).filter(Boolean);
  }
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** Columns a CSV list of names may carry beside the name, so it reads as a name list rather than a campaign spreadsheet. */
const NAME_LIST_EXTRAS = ["district", "party", "chamber", "state", "title"];

/** Whether a CSV header is a list of names (a name column, and only a district, party… beside it). */
export function isNameListHeader(header: readonly string[]): boolean {
  const keys = header.map((cell) => cell.trim().toLowerCase().replace(/\s+/g, "_")).filter(Boolean);
  return keys.some((key) => NAME_HEADERS.includes(key)) && keys.every((key) => NAME_HEADERS.includes(key) || NAME_LIST_EXTRAS.includes(key));
}

export async function readNameList(file: string): Promise<string[]> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new InputError(error.code === "ENOENT" ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  return parseNameList(text, path.basename(file));
}
