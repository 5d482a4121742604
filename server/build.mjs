// Compiles the server (the `groundswell` CLI and everything it runs) with esbuild into
// dist/server/main.mjs, one chunk per lazily loaded command, packages left to node_modules, and
// the worker thread that reads uploads into dist/server/upload-worker.mjs.
//
// `node server/build.mjs` builds now (npm's `prepare` runs it on `npm ci`); the launcher
// (groundswell.mjs) calls `ensureServerBuilt()`, which rebuilds only when a file under server/ or
// shared/ is newer than the build, so an edited source never runs stale. Plain JavaScript, so
// that checking costs a few milliseconds and needs nothing compiled.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
export const serverDistDir = path.join(root, "dist", "server");
const entry = path.join(serverDistDir, "main.mjs");
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const bundled = new Set(["kysely", "zod", "commander"]);
const sourceDirs = ["server", "shared"].map((dir) => path.join(root, dir));

/** Newest modification time of a tree (files and folders, so a deleted file counts too). */
function newestMtime(dir) {
  let newest = fs.statSync(dir).mtimeMs;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isServerBuildCurrent() {
  if (!fs.existsSync(entry)) return false;
  const built = fs.statSync(entry).mtimeMs;
  return sourceDirs.every((dir) => newestMtime(dir) <= built);
}

/**
 * Build into dist/server. Chunks carry a content hash and are written before the entry, which
 * is renamed into place last, so a CLI starting during a rebuild (tests start several at once)
 * reads either the old build or the new one, never half of one.
 */
export async function buildServer() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    // The upload worker (server/io/upload-workers.ts starts it from dist/server/upload-worker.mjs).
    // The body tile worker likewise (server/http/body-tile-workers.ts, dist/server/body-tile-worker.mjs).
    entryPoints: { main: "server/main.ts", "upload-worker": "server/io/upload-worker.ts", "body-tile-worker": "server/http/body-tile-worker.ts" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages stay in node_modules, except the few every command loads: bundled, they are
    // one parse instead of hundreds of small module files (kysely alone ships ~400).
    external: Object.keys(dependencies).filter((name) => !bundled.has(name)),
    outdir: serverDistDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    // Bundled CommonJS (commander) requires Node's built-ins through this.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    write: false,
    logLevel: "warning",
  });
  const chunkDir = path.join(serverDistDir, "chunks");
  fs.mkdirSync(chunkDir, { recursive: true });
  const write = (file) => {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  };
  for (const file of result.outputFiles.filter((file) => file.path !== entry)) write(file);
  for (const file of result.outputFiles.filter((file) => file.path === entry)) write(file);
  // Chunks of earlier builds go once no CLI started before this build can still be loading them.
  const current = new Set(result.outputFiles.map((file) => file.path));
  for (const name of fs.readdirSync(chunkDir)) {
    const file = path.join(chunkDir, name);
    if (!current.has(file) && Date.now() - fs.statSync(file).mtimeMs > 10 * 60_000) fs.rmSync(file, { force: true });
  }
  return entry;
}

/** The compiled CLI's entry, built first when missing or older than its sources. */
export async function ensureServerBuilt() {
  if (!isServerBuildCurrent()) await buildServer();
  return pathToFileURL(entry).href;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  await buildServer();
  console.log(`Compiled the server into ${path.relative(process.cwd(), serverDistDir) || "."} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
