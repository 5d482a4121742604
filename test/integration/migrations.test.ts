import { sql } from "kysely";
import { expect, it } from "vitest";
import { forEachEngine } from "../helpers/test-db";

forEachEngine((getDatabase) => {
  it("migrates a fresh database to the current schema", async () => {
    const { db } = getDatabase();
    const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual(expect.arrayContaining(["body", "campaign", "resolution", "stage_event"]));
    const body = (await db.introspection.getTables()).find((table) => table.name === "body")!;
    expect(body.columns.map((column) => column.name)).toEqual(
      expect.arrayContaining(["id", "name", "kind", "state", "geoid", "ocd_division_id", "parent_id", "geometry", "min_lon", "max_lat"]),
    );
    await expect(sql`select 1 as one`.execute(db)).resolves.toBeTruthy();
  });
});
