import type { Migration } from "kysely";
import * as createCore from "./2026_11_23_0900_create_core";
import * as createDistrictOverlap from "./2026_11_23_1000_create_district_overlap";
import * as createLegislator from "./2026_11_23_1100_create_legislator";

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  "2026_11_23_0900_create_core": createCore,
  "2026_11_23_1000_create_district_overlap": createDistrictOverlap,
  "2026_11_23_1100_create_legislator": createLegislator,
};
