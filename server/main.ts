import { run } from "./cli/program";

const status = await run(process.argv.slice(2));
if (status !== 0) process.exit(status);
