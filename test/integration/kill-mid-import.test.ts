import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repositoryRoot } from "../../server/config";
import { commandLineActor } from "../../server/domain/actor";
import { importBoundaryLayer } from "../../server/domain/boundary-import";
import { makeBody, makeCampaign, squarePolygon } from "../helpers/factories";
import { digestAllTables, listTables } from "../helpers/row-snapshot";
import { forEachEngine, type TestDatabase } from "../helpers/test-db";

/**
 * A power cut in the middle of an import: `groundswell import` runs as a child process on a large
 * generated file, is killed with SIGKILL while its transaction has written rows but not
 * committed, and the database must be exactly as before (every table, every row).
 */

const BODIES = 6000;
const VERTICES = 120;

/** Many small towns with round-ish outlines, in a grid over Rhode Island and beyond. */
function writeLargeTownFile(file: string): void {
  const out = fs.openSync(file, "w");
  fs.writeSync(out, '{"type":"FeatureCollection","features":[');
  for (let index = 0; index < BODIES; index++) {
    const centre = [-73 + (index % 100) * 0.03, 40 + Math.floor(index / 100) * 0.03];
    const ring = Array.from({ length: VERTICES }, (_, step) => {
      const angle = (-2 * Math.PI * step) / VERTICES;
      return [Number((centre[0]! + 0.014 * Math.cos(angle)).toFixed(6)), Number((centre[1]! + 0.014 * Math.sin(angle)).toFixed(6))];
    });
    ring.push(ring[0]!);
    const feature = { type: "Feature", properties: { NAME: `Generated town ${index}`, GEOID: String(4490000000 + index) }, geometry: { type: "Polygon", coordinates: [ring] } };
    fs.writeSync(out, `${index ? "," : ""}${JSON.stringify(feature)}`);
  }
  fs.writeSync(out, "]}");
  fs.closeSync(out);
}

/** Whether another connection holds SQLite's write lock (a write transaction has begun writing). */
function sqliteWriterActive(file: string): boolean {
  const probe = new SQLite(file, { timeout: 0 });
  try {
    probe.prepare("begin immediate").run();
    probe.prepare("rollback").run();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    probe.close();
  }
}

forEachEngine(
  (getDatabase, engine) => {
    let folder: string;
    let townFile: string;

    beforeAll(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-kill-"));
      townFile = path.join(folder, "towns.geojson");
      writeLargeTownFile(townFile);
      const { db } = getDatabase();
      await makeCampaign(db, { name: "Survives a crash" });
      await makeBody(db, { name: "Existing town" });
      // Districts over the whole grid, so the import goes on to compute overlaps in its transaction.
      const districts = Array.from({ length: 30 }, (_, index) => ({
        properties: { NAME: String(index + 1) },
        geometry: squarePolygon([-73.05 + (index % 6) * 0.5, 40 - 0.05 + Math.floor(index / 6) * 0.4], 0.5),
      }));
      await db
        .transaction()
        .execute((trx) =>
          importBoundaryLayer(trx, { fields: ["NAME"], features: districts }, { as: "districts", chamber: "state_lower", state: "RI", vintage: "2022" }, commandLineActor),
        );
    });

    afterAll(() => {
      fs.rmSync(folder, { recursive: true, force: true });
    });

    /** Whether the child's transaction has written something it has not committed. */
    async function childIsMidTransaction(database: TestDatabase, applicationName: string): Promise<boolean> {
      if (engine === "sqlite") return sqliteWriterActive(database.env.GROUNDSWELL_DB!);
      const { rows } = await sql<{ writing: number }>`
        select count(*) as writing from pg_stat_activity
        where application_name = ${applicationName} and backend_xid is not null`.execute(database.db);
      return Number(rows[0]?.writing) > 0;
    }

    it("leaves every table exactly as it was when the import is killed mid-transaction", async () => {
      const database = getDatabase();
      const { db } = database;
      const tables = await listTables(db, engine);
      const before = await digestAllTables(db, tables);
      const applicationName = `groundswell-kill-${randomBytes(4).toString("hex")}`;

      const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
      const child = spawn(process.execPath, [path.join(repositoryRoot, "server", "groundswell.mjs"), "import", townFile, "--as", "bodies", "--state", "RI"], {
        cwd: repositoryRoot,
        env: { ...inherited, ...database.env, PGAPPNAME: applicationName },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
      let running = true;
      void exited.then(() => (running = false));

      // Poll until the child is inside its write transaction (or has finished, which fails below).
      let caught = false;
      while (running && !caught) {
        caught = await childIsMidTransaction(database, applicationName);
        if (!caught) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (caught) child.kill("SIGKILL");
      const { signal } = await exited;
      expect(caught, `the import finished before it could be caught mid-transaction:\n${output}`).toBe(true);
      expect(signal).toBe("SIGKILL");

      expect(await digestAllTables(db, tables)).toBe(before);
      // And the database still works: the next writer gets the lock, and the rows are all there.
      if (engine === "sqlite") expect(sqliteWriterActive(database.env.GROUNDSWELL_DB!)).toBe(false);
      const bodies = await db.selectFrom("body").select(db.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
      expect(Number(bodies.count)).toBe(1);
    });
  },
  { sqliteOnDisk: true },
);
