import { run } from "./cli/program";

// `groundswell export … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const status = await run(process.argv.slice(2));
if (status !== 0) process.exit(status);
