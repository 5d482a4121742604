import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/**
 * No file under version control keeps a merge's conflict markers (a stylesheet with one once
 * broke every page's build while every TypeScript check passed).
 */
it("no tracked file holds conflict markers", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((file) => /\.(ts|tsx|js|mjs|css|html|md|json|ya?ml|sh)$/.test(file) && !file.startsWith("test/fixtures/"));
  const marked = files.filter((file) => {
    const full = path.join(root, file);
    return fs.existsSync(full) && /^(<{7}|>{7}) /m.test(fs.readFileSync(full, "utf8"));
  });
  expect(marked).toEqual([]);
});
