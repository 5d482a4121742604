import { execFileSync } from "node:child_process";
import fc from "fast-check";

/** The seed when neither FUZZ_SEED nor git can give one (e.g. a tarball without .git). */
const FALLBACK_SEED = 20_261_206;

/**
 * The seed of every fast-check run in this process: FUZZ_SEED when set (a number, or `random`
 * for the bench's longer exploring run), else one derived from the commit under test, so CI
 * explores different inputs from commit to commit but a given commit always gives the same
 * answer, and a red run replays with `FUZZ_SEED=<seed> npx vitest run <file>`.
 */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): { seed: number; from: string } {
  const chosen = env.FUZZ_SEED?.trim();
  if (chosen === "random") return { seed: Math.floor(Math.random() * 2 ** 31), from: "FUZZ_SEED=random" };
  if (chosen) {
    const seed = Number(chosen);
    if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not "${chosen}"`);
    return { seed, from: "FUZZ_SEED" };
  }
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return { seed: Number.parseInt(commit.slice(0, 8), 16) % 2 ** 31, from: `commit ${commit.slice(0, 12)}` };
  } catch {
    return { seed: FALLBACK_SEED, from: "the fixed fallback (no git)" };
  }
}

/** How many times more inputs than CI's: FUZZ_SCALE (the bench's long run), else 1. */
export function fuzzScale(env: NodeJS.ProcessEnv = process.env): number {
  const scale = Number(env.FUZZ_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/** Seed every fast-check property of this test file and print the seed so a failure replays. */
export function seedFuzzing(file: string): void {
  const { seed, from } = fuzzSeed();
  fc.configureGlobal({ seed });
  console.log(`${file}: fast-check seed ${seed} (from ${from}); replay with FUZZ_SEED=${seed}`);
}
