// The overlap worker's entry when the server runs from its TypeScript sources (tsx, Vitest):
// registers tsx in this thread, then loads the worker. The compiled server starts
// dist/server/overlap-worker.mjs instead (server/build.mjs).
import { register } from "tsx/esm/api";

register();
await import("./overlap-worker.ts");
