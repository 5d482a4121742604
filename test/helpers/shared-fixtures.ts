import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real public data in ../shared/fixtures (read-only, never copied into the repo). Tests
 * that need it call `needsSharedFixtures(count)` once: when the folder is absent it prints
 * "N tests need ../shared/fixtures" so the skip is never silent.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const sharedFixturesDir = path.resolve(repoRoot, "../shared/fixtures");

export const hasSharedFixtures = fs.existsSync(path.join(sharedFixturesDir, "README.md"));

export function sharedFixture(relativePath: string): string {
  return path.join(sharedFixturesDir, relativePath);
}

/** Call at module level with the number of tests that will be skipped without the folder. */
export function needsSharedFixtures(count: number): boolean {
  if (!hasSharedFixtures) console.warn(`${count} tests need ../shared/fixtures (not found at ${sharedFixturesDir}); they are skipped`);
  return hasSharedFixtures;
}
