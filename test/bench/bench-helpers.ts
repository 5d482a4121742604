import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CSRF_HEADERS } from "../../shared/csrf";
import { connect, type Connection } from "../../server/db/connect";
import { seedDemo } from "../../server/domain/demo";
import { readUsAtlasCounties } from "../../server/io/us-atlas";

/** A path for a new SQLite database in a fresh temp folder. */
export function temporaryDatabaseFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-")), "bench.db");
}

/** A temp SQLite database holding the demo campaign (3,231 county boards). */
export async function demoDatabase(): Promise<Connection & { file: string }> {
  const file = temporaryDatabaseFile();
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

/** `groundswell serve` on a SQLite file and a free port; resolves with its address once it listens. */
export async function startServe(databaseFile: string): Promise<{ url: string; server: ChildProcess }> {
  const root = path.resolve(import.meta.dirname, "../..");
  const server = spawn(process.execPath, [path.join(root, "server/groundswell.mjs"), "serve", "--port", "0"], {
    env: { ...process.env, GROUNDSWELL_DB: databaseFile, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(log);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", onData);
    server.once("exit", (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  return { url, server };
}

/** The bench's account: `addUser` it with BENCH_ACCOUNT, then `signIn` for its session cookie. */
export const BENCH_ACCOUNT = { email: "bench@example.org", password: "bench password that is long enough" };

/** Signs in the bench account; resolves with the session cookie to send. */
export async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...CSRF_HEADERS },
    body: JSON.stringify(BENCH_ACCOUNT),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("groundswell_session="));
  if (!cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookie.split(";")[0]!;
}

/** mulberry32: the same synthetic data on every run. */
export function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
