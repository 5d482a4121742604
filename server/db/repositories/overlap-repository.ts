import type { Db } from "../connect";

export interface OverlapRow {
  bodyId: number;
  districtId: number;
  intersectionAreaM2: number;
  shareOfBody: number;
  shareOfDistrict: number;
  computedAt: string;
}

/** Replace every stored overlap with `rows` (run inside the caller's transaction). */
export async function replaceOverlaps(db: Db, rows: OverlapRow[]): Promise<void> {
  await db.deleteFrom("bodyDistrictOverlap").execute();
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto("bodyDistrictOverlap")
      .values(rows.slice(start, start + 1000))
      .execute();
  }
}

export function findOverlapsOfBody(db: Db, bodyId: number) {
  return db
    .selectFrom("bodyDistrictOverlap")
    .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
    .select([
      "district.id as districtId",
      "district.chamber",
      "district.state",
      "district.name",
      "district.geoid",
      "district.vintage",
      "bodyDistrictOverlap.shareOfBody",
      "bodyDistrictOverlap.shareOfDistrict",
    ])
    .where("bodyDistrictOverlap.bodyId", "=", bodyId)
    .where("district.isCurrent", "=", 1)
    .orderBy("district.chamber")
    .orderBy("bodyDistrictOverlap.shareOfBody", "desc")
    .execute();
}

export function findOverlapsOfDistrict(db: Db, districtId: number) {
  return findOverlapsOfDistricts(db, [districtId]);
}

/** The bodies overlapping each of the districts, with their population and both shares, largest share of the district first. */
export function findOverlapsOfDistricts(db: Db, districtIds: readonly number[]) {
  return db
    .selectFrom("bodyDistrictOverlap")
    .innerJoin("body", "body.id", "bodyDistrictOverlap.bodyId")
    .select([
      "bodyDistrictOverlap.districtId",
      "body.id as bodyId",
      "body.name",
      "body.kind",
      "body.state",
      "body.parentId",
      "body.population",
      "bodyDistrictOverlap.shareOfBody",
      "bodyDistrictOverlap.shareOfDistrict",
    ])
    .where("bodyDistrictOverlap.districtId", "in", districtIds.length ? [...districtIds] : [-1])
    .orderBy("bodyDistrictOverlap.shareOfDistrict", "desc")
    .execute();
}

export function findAllOverlaps(db: Db) {
  return db
    .selectFrom("bodyDistrictOverlap")
    .innerJoin("body", "body.id", "bodyDistrictOverlap.bodyId")
    .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
    .select([
      "body.id as bodyId",
      "body.name as bodyName",
      "body.geoid as bodyGeoid",
      "district.id as districtId",
      "district.chamber",
      "district.state",
      "district.name as districtName",
      "district.geoid as districtGeoid",
      "district.vintage",
      "bodyDistrictOverlap.intersectionAreaM2",
      "bodyDistrictOverlap.shareOfBody",
      "bodyDistrictOverlap.shareOfDistrict",
    ])
    .orderBy("body.name")
    .orderBy("body.id")
    .orderBy("district.chamber")
    .orderBy("district.name")
    .execute();
}
