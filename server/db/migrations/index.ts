import type { Migration } from "kysely";
import * as createCore from "./2026_11_23_0900_create_core";

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  "2026_11_23_0900_create_core": createCore,
};
