import { area } from "@turf/area";
import { geometryBBox } from "../../shared/geo/bbox";
import { parseStateCode, stateByUsps, stateCodeProblem } from "../../shared/ids/usps";
import type { ImportFeature, ImportSummary } from "../../shared/model/boundary";
import { bodyKindOfValue, type BodyKind } from "../../shared/model/body";
import type { Chamber } from "../../shared/model/district";
import { attributeText, compareVintages, districtGeoid, pickField, populationValue, stateFromGeoid, tidyName } from "../../shared/rules/import-fields";
import type { Db } from "../db/connect";
import { findBodiesNamed, findBodyById, findBodyKeys, insertBodies, updateBody } from "../db/repositories/body-repository";
import { findDistrictKeys, findVintages, insertDistricts, markCurrentVintage, updateDistrict } from "../db/repositories/district-repository";
import { FieldError, InputError } from "../errors";

interface Group {
  key: string;
  name: string;
  idValue: string | null;
  polygons: GeoJSON.Position[][][];
  firstIndex: number;
  indexes: number[];
}

/**
 * Several features with the same key (islands, multi-part towns) become one multipolygon. The
 * key is `keyPrefix(id)` followed by the id, or by the lower-cased name when there is no id.
 */
function groupFeatures(
  features: readonly ImportFeature[],
  nameField: string,
  idField: string | null,
  keyPrefix: (idValue: string | null) => string,
): { groups: Group[]; merged: number; skipped: ImportSummary["skipped"] } {
  const groups = new Map<string, Group>();
  const skipped: ImportSummary["skipped"] = [];
  let merged = 0;
  features.forEach((feature, index) => {
    const name = attributeText(feature.properties[nameField]);
    const idValue = idField ? attributeText(feature.properties[idField]) : null;
    if (!name) {
      skipped.push({ index, reason: `no value in the name field "${nameField}"` });
      return;
    }
    const key = `${keyPrefix(idValue)}${idValue ?? name.toLowerCase()}`;
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const group = groups.get(key);
    if (group) {
      group.polygons.push(...polygons);
      group.indexes.push(index);
      merged++;
    } else {
      groups.set(key, { key, name: tidyName(name), idValue, polygons: [...polygons], firstIndex: index, indexes: [index] });
    }
  });
  return { groups: [...groups.values()], merged, skipped };
}

/** The id when it looks like a Census GEOID (digits only), else null. */
function censusGeoid(idValue: string | null): string | null {
  return idValue && /^\d{2,15}$/.test(idValue) ? idValue : null;
}

function toGeometry(polygons: GeoJSON.Position[][][]): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
}

/** Rows written per batch: each holds its geometry as JSON, so a layer is stored a batch at a time. */
const INSERT_BATCH = 500;

function shapeColumns(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon) {
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry);
  return { geometry: JSON.stringify(geometry), minLon, minLat, maxLon, maxLat, areaM2: area(geometry) };
}

function requireField(fields: readonly string[], requested: string | undefined, role: "body name" | "district name"): string {
  const { field, error } = pickField(fields, requested, role);
  if (error) throw new InputError(error);
  if (!field) {
    throw new InputError(`cannot tell which field holds the ${role}; name it with --name-field (fields: ${fields.join(", ") || "none"})`);
  }
  return field;
}

function optionalIdField(fields: readonly string[], requested: string | undefined): string | null {
  const { field, error } = pickField(fields, requested, "id");
  if (error) throw new InputError(error);
  return field;
}

export interface ImportBodiesOptions {
  kind: BodyKind;
  state?: string | undefined;
  nameField?: string | undefined;
  idField?: string | undefined;
  /** The body they belong to (ward committees in a city): its id, or its name (within `state` when given). */
  parent?: string | undefined;
  /** Attribute holding the population; guessed (P0010001, POP20, POPULATION, TOTPOP…) when absent. */
  populationField?: string | undefined;
  /** Who published the boundaries, as the press map credits them ("RIGIS", a file name). */
  source?: string | undefined;
  /** A field naming each feature's kind (C or T, city or town, any kind); `kind` is then unused. */
  kindField?: string | undefined;
}

/**
 * Import bodies from a boundary layer. Features are matched to existing bodies of the same kind
 * by their id (GEOID, `--id-field`) or, failing that, their name, so re-importing a layer
 * updates in place. Run it in a transaction: any error leaves the database as it was.
 */
export async function importBodies(
  db: Db,
  layer: { features: readonly ImportFeature[]; fields: readonly string[] },
  options: ImportBodiesOptions,
  now = new Date(),
): Promise<ImportSummary> {
  if (layer.features.length === 0) throw new InputError("the file holds no polygon features to import");
  const state = options.state ? parseStateCode(options.state) : undefined;
  if (options.state && !state) throw new FieldError("state", stateCodeProblem(options.state));
  const parentId = options.parent === undefined ? null : await resolveParentBody(db, options.parent, state);
  const nameField = requireField(layer.fields, options.nameField, "body name");
  const idField = optionalIdField(layer.fields, options.idField);
  const populationField = optionalPopulationField(layer.fields, options.populationField);
  // Bodies are keyed within their state: the one --state names, else the one a GEOID names, so a
  // layer imported without --state matches the same layer imported with it (`groundswell setup`).
  const { groups, merged, skipped } = groupFeatures(layer.features, nameField, idField, (idValue) => `${state ?? stateFromGeoid(censusGeoid(idValue)) ?? "-"}:`);
  if (groups.length === 0) throw new InputError(`no feature has a value in the name field "${nameField}"`);

  const kindOf = bodyKindsByField(layer, groups, options);
  const existing = new Map<string, number>();
  for (const kind of new Set(kindOf.values())) {
    for (const row of await findBodyKeys(db, kind)) existing.set(`${kind}|${row.sourceKey!}`, row.id);
  }
  const stamp = now.toISOString();
  const inserts = [];
  let created = 0;
  let updated = 0;
  for (const group of groups) {
    const kind = kindOf.get(group)!;
    const geometry = toGeometry(group.polygons);
    const geoid = censusGeoid(group.idValue);
    const values = {
      name: group.name,
      state: state ?? stateFromGeoid(geoid),
      geoid,
      parentId,
      // A layer without a population field leaves the population a body already has.
      ...(populationField ? { population: groupPopulation(layer.features, group.indexes, populationField) } : {}),
      ...(options.source ? { boundarySource: options.source } : {}),
      updatedAt: stamp,
      ...shapeColumns(geometry),
    };
    const id = existing.get(`${kind}|${group.key}`);
    if (id !== undefined) {
      await updateBody(db, id, values);
      updated++;
    } else {
      inserts.push({ ...values, kind, ocdDivisionId: null, sourceKey: group.key, createdAt: stamp });
      // Written as they come, so a national layer's geometry JSON is never all in memory at once.
      if (inserts.length === INSERT_BATCH) created += (await insertBodies(db, inserts.splice(0))).length;
    }
  }
  created += (await insertBodies(db, inserts)).length;
  return { read: layer.features.length, created, updated, merged, skipped, nameField, idField, populationField };
}

/** Each group's kind: `kind` for all, or its first feature's value of `kindField`; an unknown value is refused naming the feature. */
function bodyKindsByField(layer: { features: readonly ImportFeature[]; fields: readonly string[] }, groups: readonly Group[], options: ImportBodiesOptions): Map<Group, BodyKind> {
  if (options.kindField === undefined) return new Map(groups.map((group) => [group, options.kind]));
  const wanted = options.kindField.toLowerCase();
  const field = layer.fields.find((name) => name.toLowerCase() === wanted);
  if (!field) throw new FieldError("kindField", `{field} "${options.kindField}": not in this file; its fields are: ${layer.fields.join(", ") || "(none)"}`);
  return new Map(
    groups.map((group) => {
      const value = layer.features[group.firstIndex]!.properties[field];
      const kind = bodyKindOfValue(value);
      if (!kind)
        throw new InputError(
          `feature #${group.firstIndex + 1}: ${field} is ${JSON.stringify(value ?? null)}, not a kind; use C or T, city or town, or a kind such as select_board`,
        );
      return [group, kind];
    }),
  );
}

/** `--parent 12` or `--parent "Providence"` (with `--state RI` when the name is in several states). */
async function resolveParentBody(db: Db, parent: string, state: string | undefined): Promise<number> {
  if (/^\d+$/.test(parent)) {
    const id = Number(parent);
    if (!Number.isSafeInteger(id) || id < 1 || !(await findBodyById(db, id))) throw new FieldError("parent", `{field} ${parent}: no body with that id`);
    return id;
  }
  const named = await findBodiesNamed(db, parent, state ?? null);
  const where = state ? ` in ${state}` : "";
  if (named.length === 0) throw new FieldError("parent", `{field} "${parent}": no body of that name${where}`);
  if (named.length > 1) {
    const listed = named.slice(0, 5).map((body) => `${body.id} (${body.kind}${body.state ? `, ${body.state}` : ""})`);
    throw new FieldError("parent", `{field} "${parent}" names ${named.length} bodies${where}: ${listed.join(", ")}; give {field:state} or the body's id`);
  }
  return named[0]!.id;
}

function optionalPopulationField(fields: readonly string[], requested: string | undefined): string | null {
  const { field, error } = pickField(fields, requested, "population");
  if (error) throw new InputError(error.replace("no field", "no population field"));
  return field;
}

/**
 * A body's population from its features: parts of one body (islands) usually repeat the body's
 * figure, so equal values count once; different values are parts' own counts and are added up.
 */
function groupPopulation(features: readonly ImportFeature[], indexes: readonly number[], field: string): number | null {
  const values = indexes.map((index) => populationValue(features[index]!.properties[field]));
  if (values.some((value) => value === null)) return null;
  const distinct = new Set(values);
  return distinct.size === 1 ? values[0]! : values.reduce<number>((sum, value) => sum + value!, 0);
}

export interface ImportDistrictsOptions {
  chamber: Chamber;
  state?: string | undefined;
  nameField?: string | undefined;
  idField?: string | undefined;
  vintage?: string | undefined;
}

/**
 * Import one chamber's district plan. A plan is identified by chamber, state and vintage:
 * re-importing it updates in place; a new vintage sits beside the old one and becomes current
 * (the newest vintage is the one overlaps use).
 */
export async function importDistricts(
  db: Db,
  layer: { features: readonly ImportFeature[]; fields: readonly string[] },
  options: ImportDistrictsOptions,
  now = new Date(),
): Promise<ImportSummary & { vintage: string; current: boolean; state: string | null }> {
  if (layer.features.length === 0) throw new InputError("the file holds no polygon features to import");
  const stateInfo = options.state ? stateByUsps(options.state) : undefined;
  if (options.state && !stateInfo) throw new FieldError("state", stateCodeProblem(options.state));
  const vintage = (options.vintage ?? String(now.getUTCFullYear())).trim();
  if (!/^[\w.-]{1,20}$/.test(vintage)) throw new FieldError("vintage", `{field} "${options.vintage}" should be a short label such as 2022`);
  const nameField = requireField(layer.fields, options.nameField, "district name");
  const idField = optionalIdField(layer.fields, options.idField);
  const { groups, merged, skipped } = groupFeatures(layer.features, nameField, idField, () => "");
  // Without --state, a plan whose GEOIDs all name one state belongs to that state.
  const geoidStates = new Set(groups.map((group) => stateFromGeoid(group.idValue)));
  const state = stateInfo?.usps ?? (geoidStates.size === 1 ? ([...geoidStates][0] ?? null) : null);

  const existing = new Map((await findDistrictKeys(db, { chamber: options.chamber, state, vintage })).map((row) => [row.sourceKey, row.id]));
  const stamp = now.toISOString();
  const inserts = [];
  let created = 0;
  let updated = 0;
  for (const group of groups) {
    const name = group.name.replace(/^0+(?=\d)/, "");
    const geoid = (group.idValue && /^\d{3,15}$/.test(group.idValue) ? group.idValue : null) ?? districtGeoid(stateInfo?.fips ?? null, options.chamber, name);
    const values = { name, geoid, ocdDivisionId: null, isCurrent: 1, updatedAt: stamp, ...shapeColumns(toGeometry(group.polygons)) };
    const id = existing.get(group.key);
    if (id !== undefined) {
      await updateDistrict(db, id, values);
      updated++;
    } else {
      inserts.push({ ...values, chamber: options.chamber, state, vintage, sourceKey: group.key, createdAt: stamp });
      if (inserts.length === INSERT_BATCH) created += (await insertDistricts(db, inserts.splice(0))).length;
    }
  }
  created += (await insertDistricts(db, inserts)).length;
  const newest = (await findVintages(db, { chamber: options.chamber, state })).sort(compareVintages).at(-1)!;
  await markCurrentVintage(db, { chamber: options.chamber, state, vintage: newest });
  return {
    read: layer.features.length,
    created,
    updated,
    merged,
    skipped,
    nameField,
    idField,
    vintage,
    current: newest === vintage,
    state,
  };
}
