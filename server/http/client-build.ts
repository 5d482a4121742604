import fs from "node:fs";
import path from "node:path";
import { repositoryRoot } from "../config";

export const clientDistDir = path.join(repositoryRoot, "dist", "client");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Build the client with Vite when `dist/client` is missing or older than its sources. */
export async function ensureClientBuilt(log: (line: string) => void): Promise<void> {
  const index = path.join(clientDistDir, "index.html");
  const sources = Math.max(
    newestMtime(path.join(repositoryRoot, "client")),
    newestMtime(path.join(repositoryRoot, "shared")),
    fs.statSync(path.join(repositoryRoot, "vite.config.ts")).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  log("Building the web client (first start only; takes a few seconds)…");
  const started = Date.now();
  const { build } = await import("vite");
  await build({ configFile: path.join(repositoryRoot, "vite.config.ts"), logLevel: "warn" });
  log(`Client built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
