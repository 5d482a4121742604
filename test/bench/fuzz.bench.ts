/**
 * The longer, exploring fuzz run that CI does not make: the API and import fuzz tests with a
 * fresh random seed and FUZZ_SCALE (default 4) times CI's inputs. It prints the seed first; a
 * failure here is a bug to pin with `FUZZ_SEED=<seed> npx vitest run <file>`, never a flaky CI.
 */
import { spawnSync } from "node:child_process";

const scale = process.env.FUZZ_SCALE ?? "4";
const files = ["test/integration/fuzz.test.ts", "test/integration/import-fuzz.test.ts"];
console.log(`fuzz: ${files.join(", ")} at ${scale}× CI's inputs, random seed (printed per file)`);
const started = performance.now();
const result = spawnSync("npx", ["vitest", "run", "--project", "db", ...files], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: process.env.FUZZ_SEED ?? "random", FUZZ_SCALE: scale },
});
console.log(`fuzz: ${result.status === 0 ? "no failure" : "FAILED (see the seed above)"} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(result.status ?? 1);
