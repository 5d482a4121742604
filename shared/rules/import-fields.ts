import { stateByFips } from "../ids/usps";

/** Attribute names that hold a body's name, most specific first (Census, state GIS, city portals). */
const BODY_NAME_FIELDS = ["NAMELSAD", "NAME", "NAME20", "NAME10", "CITY_TOWN", "TOWN", "TOWN_NAME", "MUNI", "MUNI_NAME", "MUNICIPALITY", "CITY", "CITY_NAME", "DISTRICT_NAME"];
/** Attribute names that hold a district's number or name. */
const DISTRICT_NAME_FIELDS = ["DISTRICT", "SLDLST", "SLDUST", "CD119FP", "CD118FP", "CD116FP", "DISTRICTN", "NAMELSAD", "NAME", "ID"];
/** Attribute names that hold a stable public id. */
const ID_FIELDS = ["GEOID", "GEOID20", "GEOID10", "GEOIDFQ", "ocd_division_id", "ocd_id", "OCD_ID"];
/**
 * Attribute names that hold a population count: the Census redistricting total (P0010001,
 * P1_001N), then common spellings; any other field starting with POP comes last, unless it is a
 * popup (ArcGIS and KML exports: `PopupInfo`, a URL), a density, a percentage or a change.
 */
const NOT_A_POPULATION = /^POP_?(UP|DENS|PCT|PERC|CHG|CHANGE)/;
const POPULATION_FIELDS = ["P0010001", "P1_001N", "POP20", "POP2020", "POP_2020", "POP10", "POP2010", "POP_2010", "POPULATION", "TOTPOP", "TOTPOP20", "TOT_POP", "POP"];

/**
 * The field to read, or a clear error: the requested one when given (it must exist), else the
 * first known candidate present. Returns null when nothing fits and none was required.
 */
export function pickField(
  fields: readonly string[],
  requested: string | undefined,
  role: "body name" | "district name" | "id" | "population",
): { field: string | null; error?: string } {
  if (requested !== undefined) {
    if (fields.includes(requested)) return { field: requested };
    const caseInsensitive = fields.find((field) => field.toLowerCase() === requested.toLowerCase());
    if (caseInsensitive) return { field: caseInsensitive };
    return { field: null, error: `no field "${requested}" in this file; its fields are: ${fields.join(", ") || "(none)"}` };
  }
  if (role === "population") {
    const upper = fields.map((field) => field.toUpperCase());
    const index =
      POPULATION_FIELDS.map((candidate) => upper.indexOf(candidate)).find((found) => found >= 0) ??
      upper.findIndex((field) => field.startsWith("POP") && !NOT_A_POPULATION.test(field));
    return { field: index >= 0 ? fields[index]! : null };
  }
  // Known names in any case: `city_town` (a state GIS portal), `Name`, `TOWN`.
  const candidates = role === "body name" ? BODY_NAME_FIELDS : role === "district name" ? DISTRICT_NAME_FIELDS : ID_FIELDS;
  const upper = fields.map((field) => field.toUpperCase());
  const index = candidates.map((candidate) => upper.indexOf(candidate.toUpperCase())).find((found) => found >= 0);
  return { field: index === undefined ? null : fields[index]! };
}

/** "NORTH KINGSTOWN" → "North Kingstown"; names already in mixed case are left alone. */
export function tidyName(raw: string): string {
  const name = raw.replace(/\s+/g, " ").trim();
  if (name !== name.toUpperCase() || !/[A-Z]/.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s\-/(.'])([a-z])/g, (_match, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * Text of an attribute value, or null for empty/absent values. Control characters (a NUL inside
 * a JSON string or a DBF field) become spaces: they are never part of a name or an id, and
 * PostgreSQL refuses NUL in text while SQLite stores it, so the engines would disagree.
 */
export function attributeText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value)
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  return text === "" ? null : text;
}

/** A population count from an attribute ("12,345", 12345.0), or null when empty, negative or not a number. */
export function populationValue(value: unknown): number | null {
  const text = attributeText(value);
  if (text === null) return null;
  const number = Number(text.replace(/[,_\s]/g, ""));
  return Number.isFinite(number) && number >= 0 ? number : null;
}

/** The state a Census GEOID belongs to (its first two digits), when it is one. */
export function stateFromGeoid(geoid: string | null): string | null {
  if (!geoid || !/^\d{4,}$/.test(geoid)) return null;
  return stateByFips(geoid.slice(0, 2))?.usps ?? null;
}

export type Chamber = "state_lower" | "state_upper" | "congressional";

/** A plain district number ("07", "30"), or null for named districts ("18th Essex"). */
export function districtNumber(name: string): string | null {
  const match = /^(?:district\s*)?0*(\d{1,3})$/i.exec(name.trim());
  return match ? match[1]! : null;
}

/**
 * The Census-style GEOID of a numbered district: state FIPS + 3-digit SLD code, or + 2-digit CD
 * ("44" + "030" for RI House 30). Null for named districts or unknown states.
 */
export function districtGeoid(stateFips: string | null, chamber: Chamber, name: string): string | null {
  const number = districtNumber(name);
  if (!stateFips || !number) return null;
  return stateFips + number.padStart(chamber === "congressional" ? 2 : 3, "0");
}

/** Compare plan vintages so that "2022" > "2012" and "2022b" > "2022". */
export function compareVintages(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
