import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connect, type Connection } from "../../server/db/connect";
import { seedDemo } from "../../server/domain/demo";
import { readUsAtlasCounties } from "../../server/io/us-atlas";

/** A temp SQLite database holding the demo campaign (3,231 county boards). */
export async function demoDatabase(): Promise<Connection & { file: string }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-"));
  const file = path.join(directory, "bench.db");
  const connection = await connect({ engine: "sqlite", file });
  await connection.db.transaction().execute((trx) => seedDemo(trx, readUsAtlasCounties()));
  return { ...connection, file };
}

export function percentile(sortedValues: number[], q: number): number {
  return sortedValues[Math.min(sortedValues.length - 1, Math.floor(q * sortedValues.length))]!;
}

export function formatMs(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}
