// `npm test`: every check, with the wall time of each phase printed at the end.
//
// Two lanes run side by side: the type-check and the lint (one process each, mostly one core)
// beside the test projects (unit, then db, then e2e, each a `vitest run --project …`; db as two
// processes at once, one per engine). A failed
// phase does not stop the others, so one run reports everything; the exit status is non-zero
// when any phase failed. `npm test -- <vitest arguments>` skips the lanes and runs Vitest alone,
// e.g. `npm test -- overlap-share`.
//
// Plain JavaScript on purpose: it starts in a few milliseconds and needs no build.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const started = performance.now();

/** Run one command; resolves with its exit status. `capture` holds its output back until it ends. */
function runPhase(phase, { capture }) {
  return new Promise((resolve) => {
    const phaseStarted = performance.now();
    const env = { ...process.env, ...phase.env };
    const child = spawn(phase.command[0], phase.command.slice(1), { cwd: root, env, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("error", (error) => (output += `${error.message}\n`));
    child.on("close", (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      const seconds = (performance.now() - phaseStarted) / 1000;
      if (capture && (output.trim() !== "" || status !== 0)) process.stdout.write(`\n--- ${phase.name} ---\n${output}`);
      resolve({ name: phase.name, status, seconds, startedAt: (phaseStarted - started) / 1000 });
    });
  });
}

async function runLane(phases, options) {
  const results = [];
  for (const phase of phases) results.push(await runPhase(phase, options));
  return results;
}

const vitestArguments = process.argv.slice(2);
if (vitestArguments.length > 0) {
  const [result] = await runLane([{ name: "vitest", command: [bin("vitest"), "run", ...vitestArguments] }], { capture: false });
  process.exit(result.status);
}

const checks = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "lint", command: [bin("eslint"), "client", "server", "shared", "test"] },
  // One formatting for all code (STYLE.md): `npm run format` fixes what this reports.
  { name: "format", command: [bin("prettier"), "--check", "--log-level", "warn", "."] },
  // No import cycles (STYLE.md, "Which way imports point"): madge reads the same tsconfig.
  { name: "cycles", command: [bin("madge"), "--circular", "--extensions", "ts,tsx", "--ts-config", "tsconfig.json", "client", "server", "shared"] },
];
const vitestProject = (project, extra = []) => [bin("vitest"), "run", "--project", project, ...extra];

/**
 * The database files run once per engine, the two engines side by side (two processes, one file
 * at a time each): SQLite's output is held back until it ends, PostgreSQL's streams. Without
 * TEST_DATABASE_URL only SQLite runs (and CI refuses that, see test/helpers/test-db.ts).
 */
async function runDatabasePhase() {
  // Compile the CLI once, before two processes could each find it stale.
  const { ensureServerBuilt } = await import("../server/build.mjs");
  await ensureServerBuilt();
  if (!process.env.TEST_DATABASE_URL) return [await runPhase({ name: "db", command: vitestProject("db") }, { capture: false })];
  return Promise.all([
    // The build comparison is SQLite only: it runs in one of the two.
    runPhase({ name: "db sqlite", command: vitestProject("db"), env: { GROUNDSWELL_TEST_ENGINE: "sqlite" } }, { capture: true }),
    runPhase(
      { name: "db pg", command: vitestProject("db", ["--exclude", "test/integration/cli-builds.test.ts"]), env: { GROUNDSWELL_TEST_ENGINE: "postgres" } },
      { capture: false },
    ),
  ]);
}

async function runTests() {
  const results = [await runPhase({ name: "unit", command: vitestProject("unit") }, { capture: false })];
  results.push(...(await runDatabasePhase()));
  results.push(await runPhase({ name: "e2e", command: vitestProject("e2e") }, { capture: false }));
  return results;
}

const results = (await Promise.all([runLane(checks, { capture: true }), runTests()])).flat();
const total = (performance.now() - started) / 1000;

const failed = results.filter((result) => result.status !== 0);
const lines = results
  .sort((a, b) => a.startedAt - b.startedAt)
  .map(
    (result) =>
      `  ${result.name.padEnd(10)} ${result.seconds.toFixed(1).padStart(7)} s   from ${result.startedAt.toFixed(1).padStart(6)} s   ${result.status === 0 ? "ok" : `FAILED (${result.status})`}`,
  );
console.log(`\nPhase wall times (type-check and lint run beside the tests):\n${lines.join("\n")}\n  ${"total".padEnd(10)} ${total.toFixed(1).padStart(7)} s`);
if (failed.length > 0) console.log(`\nFailed: ${failed.map((result) => result.name).join(", ")}`);
process.exit(failed.length > 0 ? 1 : 0);
