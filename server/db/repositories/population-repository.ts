import type { Insertable } from "kysely";
import type { PopulationPlacement } from "../../../shared/geo/population-assign";
import type { Db } from "../connect";
import type { PopulationLayerTable } from "../schema";

const chunks = <T>(list: readonly T[], size = 500) => Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size));

/** Replace the counts of the districts and bodies a layer reached (and of their overlaps); others keep theirs. */
export async function replacePopulationCounts(db: Db, placement: PopulationPlacement): Promise<void> {
  for (const ids of chunks([...placement.districts.keys()])) {
    await db.deleteFrom("overlapPeople").where("districtId", "in", ids).execute();
    await db.deleteFrom("districtPeople").where("districtId", "in", ids).execute();
  }
  for (const ids of chunks([...placement.bodies.keys()])) await db.deleteFrom("bodyPeople").where("bodyId", "in", ids).execute();
  const overlaps = [...placement.overlaps].map(([key, people]) => {
    const [bodyId, districtId] = key.split(":").map(Number) as [number, number];
    return { bodyId, districtId, people };
  });
  for (const rows of chunks(overlaps)) await db.insertInto("overlapPeople").values(rows).execute();
  for (const rows of chunks([...placement.districts].map(([districtId, people]) => ({ districtId, people })))) await db.insertInto("districtPeople").values(rows).execute();
  for (const rows of chunks([...placement.bodies].map(([bodyId, people]) => ({ bodyId, people })))) await db.insertInto("bodyPeople").values(rows).execute();
}

export async function insertPopulationLayer(db: Db, row: Insertable<PopulationLayerTable>): Promise<void> {
  await db.insertInto("populationLayer").values(row).execute();
}

/** A district's people from the population layer, and each overlapping body's people inside it; null when no layer reached it. */
export async function findDistrictPeople(db: Db, districtId: number): Promise<{ people: number; bodies: Map<number, number> } | null> {
  const district = await db.selectFrom("districtPeople").select("people").where("districtId", "=", districtId).executeTakeFirst();
  if (!district) return null;
  const rows = await db.selectFrom("overlapPeople").select(["bodyId", "people"]).where("districtId", "=", districtId).execute();
  return { people: district.people, bodies: new Map(rows.map((row) => [row.bodyId, row.people])) };
}

/** Every overlap's people, and every body's and district's, for the overlaps export. */
export async function findAllPeople(db: Db) {
  const [overlaps, bodies, districts] = await Promise.all([
    db.selectFrom("overlapPeople").select(["bodyId", "districtId", "people"]).execute(),
    db.selectFrom("bodyPeople").select(["bodyId", "people"]).execute(),
    db.selectFrom("districtPeople").select(["districtId", "people"]).execute(),
  ]);
  return {
    overlaps: new Map(overlaps.map((row) => [`${row.bodyId}:${row.districtId}`, row.people])),
    bodies: new Map(bodies.map((row) => [row.bodyId, row.people])),
    districts: new Map(districts.map((row) => [row.districtId, row.people])),
  };
}
