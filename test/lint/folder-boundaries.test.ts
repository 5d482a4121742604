import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import { folderBoundaries } from "./folder-boundaries.js";

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never } });
const root = path.resolve(import.meta.dirname, "../..");
const zones = [
  { target: "shared", from: ["server", "client"], message: "shared is pure" },
  { target: "client", from: ["server"], message: "types only", allowTypeImports: true },
];

tester.run("folder-boundaries", folderBoundaries, {
  valid: [
    { code: 'import { z } from "zod";', filename: path.join(root, "shared/model/x.ts"), options: [{ zones }] },
    { code: 'import { y } from "./y";', filename: path.join(root, "shared/model/x.ts"), options: [{ zones }] },
    { code: 'import type { AppRouter } from "../../server/api/router";', filename: path.join(root, "client/api/x.ts"), options: [{ zones }] },
    { code: 'import { connect } from "../server/db/connect";', filename: path.join(root, "test/x.ts"), options: [{ zones }] },
  ],
  invalid: [
    {
      code: 'import { connect } from "../../server/db/connect";',
      filename: path.join(root, "shared/model/x.ts"),
      options: [{ zones }],
      errors: [{ message: "shared/model/x.ts may not import server/db/connect: shared is pure" }],
    },
    {
      code: 'import { appRouter } from "../../server/api/router";',
      filename: path.join(root, "client/api/x.ts"),
      options: [{ zones }],
      errors: 1,
    },
    {
      code: 'export * from "../../client/lib/colors";',
      filename: path.join(root, "shared/model/x.ts"),
      options: [{ zones }],
      errors: 1,
    },
  ],
});
