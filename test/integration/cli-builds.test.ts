import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../server/build.mjs";
import { repositoryRoot } from "../../server/config";
import { hostileInputPath } from "../fixtures/bad/expected-refusals";
import type { CliResult } from "../helpers/cli";

/**
 * The compiled CLI (`groundswell`, dist/server, what `npx groundswell` and `npm start` run) and
 * the dev CLI (the TypeScript sources through tsx) print the same thing and exit the same way for
 * every command. A missing lazy import, a path that only resolves from server/, or code esbuild
 * compiles differently shows up here as a difference.
 */
const builds = {
  compiled: [path.join(repositoryRoot, "server", "groundswell.mjs")],
  dev: ["--import", "tsx", path.join(repositoryRoot, "server", "main.ts")],
};
type Build = keyof typeof builds;

function runBuild(build: Build, args: string[], env: Record<string, string>): Promise<CliResult> {
  const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...builds[build], ...args], { cwd: repositoryRoot, env: { ...inherited, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-cli-builds-"));
/** Each build gets its own database, so both start from the same (empty) state. */
const databaseOf = (build: Build, name: string) => ({ GROUNDSWELL_DB: path.join(folder, `${build}-${name}.db`), GROUNDSWELL_DEMO: "0" });

/** Run the same steps with both builds, each on its own fresh database; returns both transcripts. */
async function transcripts(name: string, steps: string[][]): Promise<Record<Build, CliResult[]>> {
  const run = async (build: Build) => {
    const results: CliResult[] = [];
    for (const step of steps) results.push(await runBuild(build, step, databaseOf(build, name)));
    return results;
  };
  const [compiled, dev] = await Promise.all([run("compiled"), run("dev")]);
  return { compiled, dev };
}

describe("the compiled CLI and the dev CLI", () => {
  beforeAll(async () => {
    await buildServer();
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("print the same thing and exit the same way for every command, from an empty database on", async () => {
    // Every command once: help where running it would start or fetch something, otherwise the
    // real thing on an empty database, including its one-line refusals.
    const steps = [
      ["--help"],
      ["serve", "--help"],
      ["setup", "--help"],
      ["export", "resolutions"],
      ["campaign", "add", "Same either way", "--bill", "H.1"],
      ["export", "bodies"],
      ["export", "overlaps", "--format", "geojson"],
      ["export", "map", "--bbox", "1,2,3"],
      ["overlaps"],
      ["import", hostileInputPath("zip-slip.zip"), "--as", "bodies"],
      ["import", path.join(folder, "no-such-file.geojson"), "--as", "districts", "--chamber", "state_lower"],
      ["user", "list"],
      ["user", "reset", "nobody@example.org"],
      ["backup", path.join(folder, "no-such-folder", "backup.db")],
      ["restore", path.join(folder, "no-such-backup.db")],
      ["frobnicate"],
    ];
    const { compiled, dev } = await transcripts("every-command", steps);
    // `overlaps` prints how long it took; everything else must match byte for byte.
    const timeless = (results: CliResult[]) => results.map((result) => ({ ...result, stdout: result.stdout.replace(/in \d+\.\d\d s/g, "in N s") }));
    expect(timeless(compiled)).toEqual(timeless(dev));

    const byStep = (index: number) => compiled[index]!;
    expect(byStep(0).stdout).toMatch(/^Usage: groundswell /);
    expect(byStep(3)).toEqual({ status: 3, stdout: "", stderr: "groundswell: There is no campaign yet: create one with `groundswell campaign add NAME`\n" });
    expect(byStep(4).stdout).toBe('Created campaign "Same either way" (id 1, slug same-either-way).\n');
    expect(byStep(5).stdout.startsWith("body_id,body_name,")).toBe(true);
    for (const index of [7, 9, 10, 12, 13, 14, 15]) {
      const result = byStep(index);
      expect(result.status, steps[index]!.join(" ")).toBeGreaterThan(0);
      expect(result.stdout, steps[index]!.join(" ")).toBe("");
      expect(result.stderr, steps[index]!.join(" ")).toMatch(/^groundswell: [^\n]+\n$/);
    }
    // Thirty-two processes, half of them compiling TypeScript as they start: slow on a busy machine.
  }, 180_000);
});
