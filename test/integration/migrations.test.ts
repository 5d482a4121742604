import { sql } from "kysely";
import { expect, it } from "vitest";
import { migrations } from "../../server/db/migrations";
import { createTestDatabase, forEachEngine } from "../helpers/test-db";

forEachEngine((getDatabase, engine) => {
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

  if (engine === "postgres") {
    it("migrates a fresh schema while another schema of the database already holds Kysely's tables", async () => {
      // getDatabase()'s schema is migrated: it has kysely_migration and kysely_migration_lock.
      const other = await createTestDatabase("postgres");
      try {
        const { rows } = await sql<{ schema: string; name: string }>`
          select current_schema() as schema, name from kysely_migration order by name`.execute(other.db);
        expect(rows.map((row) => row.name)).toEqual(Object.keys(migrations));
        const tables = await other.db.introspection.getTables();
        expect(tables.some((table) => table.name === "body" && table.schema === rows[0]!.schema)).toBe(true);
      } finally {
        await other.close();
      }
    });
  }
});
