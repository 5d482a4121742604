import { execFile } from "node:child_process";
import path from "node:path";
import { run } from "../../server/cli/program";
import { repositoryRoot } from "../../server/config";

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the real `groundswell` bin in a child process, against the database named by `env`
 * (a TestDatabase's env). Database settings of the calling shell are dropped so they cannot leak in.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repositoryRoot, "server", "groundswell.mjs"), ...args],
      { cwd: repositoryRoot, env: { ...inherited, ...env }, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The CLI as the bin runs it, but in this process (much faster than a child): the database comes
 * from the environment, so only `env`'s database settings are set, and only for the call.
 */
export async function runCliInProcess(argv: string[], env: Record<string, string>, { input = "" }: { input?: string } = {}): Promise<CliResult> {
  // Every variable the call sets (CHROMIUM_PATH too) is put back afterwards.
  const saved = Object.fromEntries(["DATABASE_URL", "GROUNDSWELL_DB", ...Object.keys(env)].map((name) => [name, process.env[name]]));
  delete process.env.DATABASE_URL;
  delete process.env.GROUNDSWELL_DB;
  Object.assign(process.env, env);
  let stdout = "";
  let stderr = "";
  try {
    const status = await run(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text), readInput: async () => input });
    return { status, stdout, stderr };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF) for checking what the CLI printed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += character;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
