import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { seedDemo } from "../../../server/domain/demo";
import { readUsAtlasCounties } from "../../../server/io/us-atlas";
import { createTestDatabase, enginesUnderTest, type Engine, type TestDatabase } from "../../helpers/test-db";

const repositoryRoot = path.resolve(import.meta.dirname, "../../..");
export const screenshotDir = path.join(repositoryRoot, "test/e2e/screenshots");

/** Debian's chromium package; CI installs it (`.ci/run`). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error("Chromium not found: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH");
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/**
 * The engines a browser spec runs on. What the browser sees goes through the same HTTP API on
 * either engine, and the database suite runs that API on both, so a browser spec runs on SQLite
 * alone. A spec about PostgreSQL's own behaviour (live changes through LISTEN/NOTIFY, the press
 * kit's snapshot) passes `{ postgres: true }` and runs on every engine under test, which keeps
 * the rule that CI without TEST_DATABASE_URL fails.
 */
export function browserEngines({ postgres = false }: { postgres?: boolean } = {}): Engine[] {
  return postgres ? enginesUnderTest() : ["sqlite"];
}

export interface RunningApp {
  url: string;
  database: TestDatabase;
  /** Stop the server process (SIGTERM), keeping its database: open pages lose it. */
  stopServer(): Promise<void>;
  /** Start the server again on the same port and database, after `stopServer`. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Which demo the app starts with. `small` (the default): the demo campaign on the 217 counties of
 * the Census Bureau's Northeast region (Rhode Island's five, a Washington County in five states,
 * every stage reached, some passed by the as-of days the specs replay), seeded here exactly as
 * `serve` seeds the country, so every page paints in a fraction of the time. `full`: the server
 * seeds all 3,231 US counties itself, for the spec that tests the map at scale. `none`: an empty
 * database and no demo, as a new deployment starts.
 */
export type DemoSize = "small" | "full" | "none";
export const SMALL_DEMO_STATES = ["CT", "MA", "ME", "NH", "NJ", "NY", "PA", "RI", "VT"];

/** The bodies of the small demo (the same counties, in the same order, as the full one). */
export function smallDemoBodies() {
  return readUsAtlasCounties().filter((county) => SMALL_DEMO_STATES.includes(county.state ?? ""));
}

/** Start `groundswell serve` on a fresh database of the given engine holding the demo campaign. */
export async function startApp(engine: Engine, extraEnv: Record<string, string> = {}, { demo = "small" }: { demo?: DemoSize } = {}): Promise<RunningApp> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-e2e-"));
  const database = await createTestDatabase(engine, { sqliteFile: path.join(directory, "e2e.db") });
  if (demo === "small") {
    const bodies = smallDemoBodies();
    await database.db.transaction().execute((trx) => seedDemo(trx, bodies));
  }
  const env = { ...process.env, ...database.env, HOST: "127.0.0.1", GROUNDSWELL_LOG_LEVEL: "warn", ...(demo === "none" ? { GROUNDSWELL_DEMO: "0" } : {}), ...extraEnv };
  let server = await serve(env, 0);
  const port = new URL(server.url).port;
  return {
    url: server.url,
    database,
    stopServer: () => server.stop(),
    async startServer() {
      server = await serve(env, Number(port));
    },
    async stop() {
      await server.stop();
      await database.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** `groundswell serve` on `port` (0: any free one); resolves once it listens. */
async function serve(env: NodeJS.ProcessEnv, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repositoryRoot, "server/groundswell.mjs"), "serve", "--port", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 180 s:\n${log}`)), 180_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

export interface FlakyLink {
  /** The app's URL through this link. */
  url: string;
  /** Cut every open connection and refuse new ones, as a restarting proxy or a lost network would. */
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP relay in front of the app whose connections a test can cut (the browser's network stays up). */
export async function startFlakyLink(target: string): Promise<FlakyLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    drop() {
      refusing = true;
      cutAll();
    },
    restore() {
      refusing = false;
    },
    async close() {
      cutAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
