#!/usr/bin/env node
// Entry of the `groundswell` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
