import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { chamberOfRoleType, legislatorRecordSchema, type LegislatorRecord, type LegislatorRoleInput } from "../../shared/model/legislator";
import { parseStateCode, STATES } from "../../shared/ids/usps";
import { FieldError, InputError } from "../errors";
import { parseCsv } from "./csv";
import { isScalar, parseDocument, visit } from "yaml";
import { readZipMembers, type ZipLimits } from "./zip-archive";

/**
 * Open States people data → validated legislator records: a folder of person files (the
 * `openstates/people` layout, `Name-<uuid>.yml`; files starting with "_" such as
 * `_municipalities.yml` are not people and are skipped), one person file, or the CSV export
 * (`id,name,current_party,current_district,current_chamber,email…`). Any bad file is one
 * InputError naming the file.
 */

export interface OpenStatesRoster {
  /** "folder", "person file" or "csv". */
  source: "folder" | "person file" | "csv";
  files: number;
  records: LegislatorRecord[];
  /** True for a folder or a CSV: the whole roster, so people missing from it have left office. */
  isFullRoster: boolean;
}

const optionalText = z.string().nullish();

/** The fields of an Open States person file we read; the rest (sources, offices…) is ignored. */
const personFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: optionalText,
  party: z.array(z.object({ name: z.string(), start_date: optionalText, end_date: optionalText })).nullish(),
  roles: z
    .array(
      z.object({
        type: z.string(),
        district: optionalText,
        jurisdiction: optionalText,
        start_date: optionalText,
        end_date: optionalText,
      }),
    )
    .nullish(),
  links: z.array(z.object({ url: z.string() })).nullish(),
  extras: z.record(z.string(), z.string().nullable()).nullish(),
  other_names: z.array(z.object({ name: z.string() })).nullish(),
  offices: z.array(z.object({ classification: z.string().nullish(), address: optionalText, voice: optionalText, fax: optionalText })).nullish(),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

function stateOfJurisdiction(jurisdiction: string | null | undefined): string | null {
  const match = /\/state:([a-z]{2})\b/.exec(jurisdiction ?? "");
  return match ? match[1]!.toUpperCase() : null;
}

/**
 * YAML text → plain values, with the maintained `yaml` parser (escapes such as `"Aundr\xE9"`,
 * block scalars, anchors: the whole language). Every scalar the file wrote as a number or a
 * boolean is kept as the text it wrote (`district: 007` stays "007"; dates stay strings), since
 * Open States fields are all text. A syntax error is one line naming the file and the place.
 */
export function readYaml(text: string, fileName: string): unknown {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const problem = document.errors[0];
  if (problem) {
    const line = text.slice(0, problem.pos[0]).split("\n").length;
    throw new InputError(`${fileName}: line ${line}: ${problem.message.split("\n")[0]} (not valid YAML)`);
  }
  visit(document, {
    Scalar(_key, node) {
      if ((typeof node.value === "number" || typeof node.value === "boolean") && node.range) node.value = text.slice(node.range[0], node.range[1]);
    },
  });
  try {
    return isScalar(document.contents) ? document.contents.value : document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias to no anchor (`*x`), or aliases multiplying past the limit (a "billion laughs").
    throw new InputError(`${fileName}: ${(error as Error).message.split("\n")[0]} (not valid YAML)`);
  }
}

const FEDERAL = "ocd-jurisdiction/country:us/government";

/** A US Senate role's district: the state's code ("RI") or name ("Rhode Island") → its code. */
function stateOfSenateDistrict(district: string): string | null {
  const text = district.trim();
  return parseStateCode(text) ?? STATES.find((state) => state.name.toLowerCase() === text.toLowerCase())?.usps ?? null;
}

/**
 * An Open States role → the seat it holds, or null for roles that are not seats we map (mayor,
 * governor). State legislatures name their state in the jurisdiction; members of Congress sit in
 * the federal jurisdiction: the House with districts like "RI-1" (or "AK-AL" at large), the
 * Senate (`type: upper`) with the state as the district ("Rhode Island"), stored as its code.
 */
function seatOfRole(
  role: { type: string; district?: string | null; jurisdiction?: string | null },
  fallbackState: string | undefined,
): Pick<LegislatorRoleInput, "chamber" | "state" | "districtName"> | null {
  if (!role.district) return null;
  if (role.jurisdiction === FEDERAL) {
    const type = role.type.trim().toLowerCase();
    if (type === "upper") {
      const state = stateOfSenateDistrict(role.district);
      return state ? { chamber: "us_senate", state, districtName: state } : null;
    }
    if (type !== "lower") return null;
    // "RI-1", "AK-AL", and (American Samoa's delegate) "AS-At-Large"; "00" is at large too.
    const match = /^([A-Z]{2})-(\d{1,2}|AL|at[- ]?large)$/i.exec(role.district.trim());
    if (!match) return null;
    const number = /^\d+$/.test(match[2]!) ? Number(match[2]) : 0;
    return { chamber: "congressional", state: match[1]!.toUpperCase(), districtName: number === 0 ? "At-Large" : String(number) };
  }
  const chamber = chamberOfRoleType(role.type);
  const state = stateOfJurisdiction(role.jurisdiction) ?? fallbackState ?? null;
  return chamber && state ? { chamber, state, districtName: role.district } : null;
}

type Term = { validFrom: string | null; validTo: string | null };

/** Whether two terms share a day past their ends' touch: an unknown start or end reaches as far as it can. */
function termsOverlap(a: Term, b: Term): boolean {
  const startsBeforeEnd = (x: Term, y: Term) => x.validFrom === null || y.validTo === null || x.validFrom < y.validTo;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

/** One person file's text → a record; `fallbackState` for roles whose jurisdiction names none. */
export function parsePersonFile(text: string, { fileName, fallbackState }: { fileName: string; fallbackState?: string }): LegislatorRecord {
  const document = readYaml(text, fileName);
  const person = personFileSchema.safeParse(document);
  if (!person.success) throw new InputError(`${fileName}: not an Open States person file (${describeIssue(person.error)})`);
  const { data } = person;
  const roles: LegislatorRoleInput[] = [];
  for (const role of data.roles ?? []) {
    const seat = seatOfRole(role, fallbackState);
    if (!seat) continue;
    const term = { validFrom: role.start_date ?? null, validTo: role.end_date ?? null };
    // Some files list one term twice: with different ends (a Senator's 2021–2027 and 2021–2030),
    // or once without dates beside the dated copy (MA's "16th Worcester" and "16th Worcester
    // from 2013"). One seat, from the earliest known start to the latest end (open is latest).
    const same = roles.find(
      (other) =>
        other.chamber === seat.chamber &&
        other.state === seat.state &&
        other.districtName === seat.districtName &&
        (other.validFrom === term.validFrom || termsOverlap(other, term)),
    );
    if (same) {
      same.validFrom = same.validFrom === null || term.validFrom === null ? (same.validFrom ?? term.validFrom) : same.validFrom < term.validFrom ? same.validFrom : term.validFrom;
      same.validTo = same.validTo === null || term.validTo === null ? null : same.validTo > term.validTo ? same.validTo : term.validTo;
    } else roles.push({ ...seat, ...term });
  }
  const parties = data.party ?? [];
  const party = parties.find((entry) => !entry.end_date) ?? parties.at(-1);
  const extras = Object.fromEntries(Object.entries(data.extras ?? {}).filter((entry): entry is [string, string] => entry[1] !== null));
  const otherNames = [...new Set((data.other_names ?? []).map((entry) => entry.name.trim()).filter((name) => name && name !== data.name))];
  const offices = (data.offices ?? []).map((office) => ({
    classification: office.classification?.trim() || "office",
    address: office.address?.trim() || null,
    voice: office.voice?.trim() || null,
    fax: office.fax?.trim() || null,
  }));
  return validate(
    {
      ocdPersonId: data.id,
      name: data.name,
      otherNames,
      party: party?.name ?? null,
      email: data.email ?? null,
      offices,
      links: (data.links ?? []).map((link) => link.url),
      extras,
      roles,
    },
    fileName,
  );
}

function validate(record: unknown, where: string): LegislatorRecord {
  const parsed = legislatorRecordSchema.safeParse(record);
  if (!parsed.success) throw new InputError(`${where}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

const REQUIRED_COLUMNS = ["id", "name", "current_district", "current_chamber"] as const;

/** The Open States CSV export (one row per current legislator) → records; roles in `state`. */
export function parseOpenStatesCsv(text: string, { fileName, state: asked }: { fileName: string; state: string | undefined }): LegislatorRecord[] {
  // The export has no state column: the state asked for, else one its name starts with ("ri.csv").
  const state = asked ?? guessRosterState([], fileName, (code) => parseStateCode(code) !== undefined);
  if (!state) throw new FieldError("state", `{field} is needed for ${fileName}: the Open States CSV export does not say which state its people sit in`);
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    throw new InputError(`${fileName}: ${(error as Error).message}`);
  }
  const header = (rows[0] ?? []).map((column) => column.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) throw new InputError(`${fileName}: not an Open States CSV export (missing column ${missing.join(", ")})`);
  const column = (row: string[], name: string) => {
    const value = row[header.indexOf(name)]?.trim();
    return value ? value : null;
  };
  return rows.slice(1).map((row, index) => {
    const where = `${fileName} row ${index + 2}`;
    const chamberText = column(row, "current_chamber") ?? "";
    const chamber = chamberOfRoleType(chamberText);
    if (!chamber) throw new InputError(`${where}: unknown current_chamber "${chamberText}" (expected upper or lower)`);
    const links = (column(row, "links") ?? "")
      .split(";")
      .map((link) => link.trim())
      .filter(Boolean);
    return validate(
      {
        ocdPersonId: column(row, "id"),
        name: column(row, "name"),
        party: column(row, "current_party"),
        email: column(row, "email"),
        links,
        offices: (["capitol", "district"] as const)
          .map((classification) => ({
            classification,
            address: column(row, `${classification}_address`),
            voice: column(row, `${classification}_voice`),
            fax: column(row, `${classification}_fax`),
          }))
          .filter((office) => office.address || office.voice || office.fax),
        extras: {},
        roles: [{ chamber, state, districtName: column(row, "current_district") ?? "", validFrom: null, validTo: null }],
      },
      where,
    );
  });
}

/** Read a folder of person files, one person file, or a CSV export. */
export async function readOpenStates(target: string, { state }: { state: string | undefined }): Promise<OpenStatesRoster> {
  const stat = await fs.stat(target).catch(() => {
    throw new InputError(`${target}: no such file or folder`);
  });
  if (stat.isDirectory()) {
    const names = (await fs.readdir(target)).filter((name) => /\.ya?ml$/i.test(name) && !name.startsWith("_")).sort();
    if (names.length === 0) throw new InputError(`${target}: no Open States person files (*.yml) in this folder`);
    const records: LegislatorRecord[] = [];
    for (const name of names) {
      records.push(parsePersonFile(await fs.readFile(path.join(target, name), "utf8"), { fileName: name, fallbackState: state }));
    }
    return { source: "folder", files: names.length, records, isFullRoster: true };
  }
  const fileName = path.basename(target);
  const text = await fs.readFile(target, "utf8");
  if (/\.csv$/i.test(fileName)) {
    return { source: "csv", files: 1, records: parseOpenStatesCsv(text, { fileName, state }), isFullRoster: true };
  }
  if (/\.ya?ml$/i.test(fileName)) {
    return { source: "person file", files: 1, records: [parsePersonFile(text, { fileName, fallbackState: state })], isFullRoster: false };
  }
  throw new InputError(`${fileName}: legislators come from a folder of Open States person files, one .yml file, or a .csv export`);
}

/** A person file in a folder or a zip: `Name-<uuid>.yml`, not `_municipalities.yml` nor macOS's `__MACOSX/._x.yml`. */
const isPersonFileName = (name: string) =>
  /\.ya?ml$/i.test(name) && !path.posix.basename(name).startsWith("_") && !path.posix.basename(name).startsWith(".") && !name.startsWith("__MACOSX/");

/** True when a CSV's header names the Open States export's columns (so it is not a campaign spreadsheet). */
export function isOpenStatesCsv(text: string): boolean {
  const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "")
    .toLowerCase()
    .split(",")
    .map((column) => column.trim().replace(/^"|"$/g, ""));
  return header.includes("current_district") && header.includes("current_chamber");
}

/**
 * An uploaded file as Open States people (the Import screen): the CSV export, one person file,
 * or a zip of a person folder. Null when the file is none of them (a campaign spreadsheet, a
 * zipped shapefile), so the caller can read it as something else. A zip's person files may sit
 * in a folder inside it; each bad file is one InputError naming it.
 */
export async function readOpenStatesUpload(
  bytes: Uint8Array,
  { fileName, state, zipLimits }: { fileName: string; state: string | undefined; zipLimits: ZipLimits },
): Promise<OpenStatesRoster | null> {
  const text = () =>
    Buffer.from(bytes)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  if (/\.csv$/i.test(fileName)) {
    if (!isOpenStatesCsv(text())) return null;
    return { source: "csv", files: 1, records: parseOpenStatesCsv(text(), { fileName, state }), isFullRoster: true };
  }
  if (/\.ya?ml$/i.test(fileName)) {
    return { source: "person file", files: 1, records: [parsePersonFile(text(), { fileName, fallbackState: state })], isFullRoster: false };
  }
  if (!/\.zip$/i.test(fileName)) return null;
  let names: string[] = [];
  const members = await readZipMembers(
    bytes,
    (entries) => {
      names = entries;
      return entries.some((entry) => /\.(shp|geojson|json|topojson)$/i.test(entry)) ? [] : entries.filter(isPersonFileName);
    },
    zipLimits,
  );
  if (members.size === 0) {
    if (names.some((entry) => /\.ya?ml$/i.test(entry)) && !names.some((entry) => /\.shp$/i.test(entry))) {
      throw new InputError(`${fileName}: no Open States person files in this zip (only ${names.filter((entry) => /\.ya?ml$/i.test(entry)).join(", ")})`);
    }
    return null;
  }
  const records = [...members.keys()]
    .sort()
    .map((name) => parsePersonFile(Buffer.from(members.get(name)!).toString("utf8"), { fileName: path.posix.basename(name), fallbackState: state }));
  return { source: "folder", files: members.size, records, isFullRoster: true };
}

/** The state a file's people sit in: the most common state of their current roles, else one a file name like `ri.csv` or `RI-people.zip` starts with. */
export function guessRosterState(records: readonly LegislatorRecord[], fileName: string, isState: (code: string) => boolean): string | null {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const role of record.roles) if (role.validTo === null) counts.set(role.state, (counts.get(role.state) ?? 0) + 1);
  }
  const named = [...counts.entries()].filter(([code]) => isState(code)).sort((a, b) => b[1] - a[1])[0]?.[0];
  if (named) return named;
  const prefix = /^([a-z]{2})(?=[^a-z]|$)/i.exec(path.basename(fileName))?.[1]?.toUpperCase();
  return prefix && isState(prefix) ? prefix : null;
}
