import { parseStateCode, stateCodeProblem } from "../../shared/ids/usps";
import { slugify } from "../../shared/model/campaign";
import { chamberOfRoleType } from "../../shared/model/legislator";
import { normalizeDistrictName } from "../../shared/rules/district-names";
import type { Db } from "../db/connect";
import { findCurrentDistricts } from "../db/repositories/district-repository";
import { findHubs } from "../db/repositories/hub-repository";
import { FieldError, InputError } from "../errors";
import type { Actor } from "./actor";
import { createHub, listHubs, updateHub } from "./hubs";

/** Columns of a hubs CSV; `name` is required, the others optional. */
export const HUB_COLUMNS = ["name", "public_contact", "onboarding", "private_contacts", "districts", "bodies"] as const;

export interface HubImportSummary {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
}

interface Lookup {
  districts: Array<{ id: number; chamber: string; state: string | null; name: string; geoid: string | null }>;
  bodies: Array<{ id: number; name: string; state: string | null; geoid: string | null }>;
}

const split = (cell: string | undefined) =>
  (cell ?? "")
    .split(";")
    .map((item) => item.trim())
    .filter(Boolean);

/** "state_lower:7", "house:7", "senate:18th Essex", or a GEOID ("44007"); within --state when given. */
function findDistrict(item: string, lookup: Lookup, state: string | null): { id?: number; error?: string } {
  const inState = lookup.districts.filter((district) => !state || district.state === state);
  if (/^\d{3,}$/.test(item)) {
    const found = inState.filter((district) => district.geoid === item);
    return found.length === 1 ? { id: found[0]!.id } : { error: `no current district with GEOID ${item}` };
  }
  const colon = item.indexOf(":");
  if (colon < 0) return { error: `district "${item}" should be chamber:name (state_lower:7) or a GEOID` };
  const chamber = chamberOfRoleType(item.slice(0, colon)) ?? item.slice(0, colon).trim();
  const name = normalizeDistrictName(item.slice(colon + 1));
  const found = inState.filter((district) => district.chamber === chamber && normalizeDistrictName(district.name) === name);
  if (found.length === 1) return { id: found[0]!.id };
  if (found.length > 1) return { error: `district "${item}" is in several states (${found.map((d) => d.state).join(", ")}); add --state` };
  return { error: `no current district "${item}"${state ? ` in ${state}` : ""}` };
}

/** A body by GEOID or by name (case-insensitive), within --state when given. */
function findBody(item: string, lookup: Lookup, state: string | null): { id?: number; error?: string } {
  const inState = lookup.bodies.filter((body) => !state || body.state === state);
  const found = /^\d{4,}$/.test(item) ? inState.filter((body) => body.geoid === item) : inState.filter((body) => body.name.toLowerCase() === item.toLowerCase());
  if (found.length === 1) return { id: found[0]!.id };
  if (found.length > 1) return { error: `body "${item}" names ${found.length} bodies; use its GEOID${state ? "" : " or add --state"}` };
  return { error: `no body "${item}"${state ? ` in ${state}` : ""}` };
}

/**
 * Create or update hubs from spreadsheet rows (header → cell), matched by name or slug. Every
 * row is checked first: any problem refuses the whole file, listing each by line (line 2 is the
 * first row under the header). With `dryRun` nothing is written; the summary says what would be.
 */
export async function importHubs(
  db: Db,
  rows: Array<Record<string, string>>,
  { state, dryRun = false }: { state?: string | undefined; dryRun?: boolean },
  actor: Actor,
): Promise<HubImportSummary> {
  const code = state ? (parseStateCode(state) ?? null) : null;
  if (state && code === null) throw new FieldError("state", stateCodeProblem(state));
  if (rows.length === 0) throw new InputError("the file lists no hubs");
  const lookup: Lookup = {
    districts: (await findCurrentDistricts(db)).map(({ id, chamber, state: districtState, name, geoid }) => ({ id, chamber, state: districtState, name, geoid })),
    bodies: await db.selectFrom("body").select(["id", "name", "state", "geoid"]).execute(),
  };
  const problems: string[] = [];
  const seen = new Set<string>();
  const plans = rows.map((row, index) => {
    const line = index + 2;
    const name = (row.name ?? "").trim();
    if (!name) problems.push(`line ${line}: no name`);
    const slug = slugify(name);
    if (name && seen.has(slug)) problems.push(`line ${line}: "${name}" appears twice`);
    seen.add(slug);
    const districtIds: number[] = [];
    for (const item of split(row.districts)) {
      const found = findDistrict(item, lookup, code);
      if (found.error) problems.push(`line ${line}: ${found.error}`);
      else districtIds.push(found.id!);
    }
    const bodyIds: number[] = [];
    for (const item of split(row.bodies)) {
      const found = findBody(item, lookup, code);
      if (found.error) problems.push(`line ${line}: ${found.error}`);
      else bodyIds.push(found.id!);
    }
    const cell = (key: string) => (key in row ? (row[key] ?? "").trim() || null : undefined);
    return {
      name,
      slug,
      publicContact: cell("public_contact"),
      onboarding: cell("onboarding"),
      privateContacts: cell("private_contacts"),
      districtIds: "districts" in row ? [...new Set(districtIds)] : undefined,
      bodyIds: "bodies" in row ? [...new Set(bodyIds)] : undefined,
    };
  });
  if (problems.length) throw new InputError(`${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing imported: ${problems.join("; ")}`);

  const existing = await listHubs(db);
  const bySlug = new Map((await findHubs(db)).map((hub) => [hub.slug, hub.id]));
  const summary: HubImportSummary = { dryRun, created: [], updated: [], unchanged: [] };
  for (const plan of plans) {
    const id = bySlug.get(plan.slug) ?? existing.find((hub) => hub.name.toLowerCase() === plan.name.toLowerCase())?.id;
    const fields = {
      ...(plan.publicContact !== undefined ? { publicContact: plan.publicContact } : {}),
      ...(plan.onboarding !== undefined ? { onboarding: plan.onboarding } : {}),
      ...(plan.privateContacts !== undefined ? { privateContacts: plan.privateContacts } : {}),
      ...(plan.districtIds ? { districtIds: plan.districtIds } : {}),
      ...(plan.bodyIds ? { bodyIds: plan.bodyIds } : {}),
    };
    if (id === undefined) {
      summary.created.push(plan.name);
      if (!dryRun) await createHub(db, { name: plan.name, ...fields }, actor);
      continue;
    }
    const hub = existing.find((row) => row.id === id)!;
    const same =
      hub.name === plan.name &&
      (fields.publicContact === undefined || fields.publicContact === hub.publicContact) &&
      (fields.onboarding === undefined || fields.onboarding === hub.onboarding) &&
      (fields.privateContacts === undefined || fields.privateContacts === hub.privateContacts) &&
      (!fields.districtIds ||
        sameSet(
          fields.districtIds,
          hub.districts.map((d) => d.id),
        )) &&
      (!fields.bodyIds ||
        sameSet(
          fields.bodyIds,
          hub.bodies.map((b) => b.id),
        ));
    if (same) summary.unchanged.push(plan.name);
    else {
      summary.updated.push(plan.name);
      if (!dryRun) await updateHub(db, { hubId: id, name: plan.name, ...fields }, actor);
    }
  }
  return summary;
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id) => b.includes(id));
