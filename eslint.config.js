// Lint: typescript-eslint's recommended rules, React hooks, and our folder boundaries
// (../shared/STYLE.md, "Which way imports point"), one zone per row of that table.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { folderBoundaries } from "./test/lint/folder-boundaries.js";

const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "test/e2e/screenshots/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { groundswell: { rules: { "folder-boundaries": folderBoundaries } } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "groundswell/folder-boundaries": [
        "error",
        {
          zones: [
            zone("shared", ["client", "server"], "shared/ is pure: it imports nothing from client/ or server/"),
            zone("server/db", ["server/domain", "server/api", "server/http", "server/cli", "server/io"], "server/db imports only shared/"),
            zone("server/io", ["server/db", "server/domain", "server/api", "server/http", "server/cli"], "server/io turns bytes into values; no database"),
            zone("server/domain", ["server/api", "server/http", "server/cli", "server/io", "server/config.ts"], "use cases take their inputs; no HTTP, CLI, files or env"),
            zone("server/api", ["server/http", "server/cli", "client"], "procedures call use cases"),
            zone("server/cli", ["server/api", "client"], "the CLI calls use cases, not procedures"),
            zone("server/http", ["client"], "the server serves the built client, never its source"),
            zone(["client/lib", "client/map"], ["client/api", "client/state", "server"], "lib/ and map/ get data through arguments and props"),
            zone("client/state", ["client/api", "server"], "server data stays in the query cache"),
          ],
        },
      ],
    },
  },
  {
    files: ["client/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/server/**"], allowTypeImports: true, message: "the client may only import types from server/" }] },
      ],
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "shared/ runs in the browser too" }] }],
      "no-restricted-globals": ["error", "process", "window", "document"],
    },
  },
);
