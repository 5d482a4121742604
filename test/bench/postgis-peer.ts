/**
 * The peer of the overlap benches: PostGIS computing the same shares as
 * `ST_Area(ST_Intersection(t, d)::geography)` over the `&&` pairs, on the same geometry, in a
 * database of its own (`groundswell_overlaps_bench`, dropped again) on the server at
 * BENCH_POSTGIS_URL (default postgres://postgres@127.0.0.1:5432/test). Resolves with the timings,
 * or with the reason it could not measure (no server, no postgis extension).
 */
import pg from "pg";

export interface PostgisRun {
  version: string;
  /** Geometries PostGIS found invalid and made valid before timing. */
  invalid: number;
  /** Every timed run, ms (after `warmups` untimed ones). */
  times: number[];
  rows: Array<{ body: number; district: number; area: number }>;
  /** Spheroid ÷ sphere area of the bodies: PostGIS measures on the WGS84 spheroid, turf on a sphere. */
  sphereToSpheroid: number;
}

export type Shapes = Iterable<{ id: number; geometry: string | GeoJSON.Geometry }>;

export async function measurePostgis(bodies: Shapes, districts: Shapes, { runs = 3, warmups = 1 } = {}): Promise<PostgisRun | { error: string }> {
  const url = process.env.BENCH_POSTGIS_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = "groundswell_overlaps_bench";
  let admin: pg.Client | null = null;
  let client: pg.Client | null = null;
  try {
    admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await admin.connect();
    const available = await admin.query("select 1 from pg_available_extensions where name = 'postgis'");
    if (available.rowCount === 0) throw new Error("the postgis extension is not installed (Debian: apt-get install postgresql-15-postgis-3)");
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    const target = new URL(url);
    target.pathname = `/${database}`;
    client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    await client.query("create extension postgis");
    const version = (await client.query("select postgis_full_version() as v")).rows[0].v as string;
    for (const [table, items] of [
      ["town", bodies],
      ["district", districts],
    ] as const) {
      await client.query(`create table ${table} (id int primary key, geom geometry(MultiPolygon, 4326))`);
      let ids: number[] = [];
      let texts: string[] = [];
      const flush = async () => {
        await client!.query(
          `insert into ${table} select id, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) from unnest($1::int[], $2::text[]) as u(id, g)
           where GeometryType(ST_GeomFromGeoJSON(g)) in ('POLYGON', 'MULTIPOLYGON')`,
          [ids, texts],
        );
        ids = [];
        texts = [];
      };
      for (const item of items) {
        ids.push(item.id);
        texts.push(typeof item.geometry === "string" ? item.geometry : JSON.stringify(item.geometry));
        if (ids.length === 500) await flush();
      }
      await flush();
    }
    const invalid = (await client.query("select count(*)::int as n from (select geom from town union all select geom from district) g where not ST_IsValid(geom)")).rows[0]
      .n as number;
    await client.query("update town set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) where not ST_IsValid(geom)");
    await client.query("update district set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) where not ST_IsValid(geom)");
    await client.query("create index on town using gist (geom)");
    await client.query("create index on district using gist (geom)");
    await client.query("analyze town");
    await client.query("analyze district");
    const query = `select t.id as body, d.id as district, ST_Area(ST_Intersection(t.geom, d.geom)::geography) as area
                   from town t join district d on t.geom && d.geom`;
    const times: number[] = [];
    let rows: PostgisRun["rows"] = [];
    for (let run = 0; run < warmups + runs; run++) {
      const started = performance.now();
      rows = (await client.query(query)).rows;
      if (run >= warmups) times.push(performance.now() - started);
    }
    const sphereToSpheroid = (await client.query("select sum(ST_Area(geom::geography)) / sum(ST_Area(geom::geography, false)) as r from town")).rows[0].r as number;
    return { version: version.split(" ").slice(0, 2).join(" "), invalid, times, rows, sphereToSpheroid };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await client?.end().catch(() => undefined);
    if (admin) {
      await admin.query(`drop database if exists ${database}`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }
}
