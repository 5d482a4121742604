#!/usr/bin/env node
// Entry of the `groundswell` command: runs the compiled CLI (dist/server/main.mjs), compiling it
// first when it is missing or older than the sources (server/build.mjs). `npm run cli:dev -- …`
// runs the TypeScript sources through tsx instead.
import { ensureServerBuilt } from "./build.mjs";

await import(await ensureServerBuilt());
