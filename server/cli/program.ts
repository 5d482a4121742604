import { Command, CommanderError, Option } from "commander";
import type { CampaignScopeOptions } from "./campaign-scope-options";
import type { Config } from "../config";
import { LOG_LEVELS } from "../log-levels";
import { GroundswellError } from "../errors";
import type { AddUserOptions } from "./user";
import type { PressOptions } from "./press";
import type { ImportCommandOptions } from "./import";
import type { SetupCommandOptions } from "./setup";

// Each command's module (and what it pulls in: the server, the importers, the browser) is loaded
// only when that command runs, so `groundswell --help` and a small export start in a blink.

/** The validated environment, read when a command runs (so `--help` never loads zod). */
async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  return (await import("../config")).readConfig(env);
}

const EXIT_CODES = { INPUT: 2, NOT_FOUND: 3, FORBIDDEN: 4, UNAUTHORIZED: 4, CONFLICT: 5, THROTTLED: 6, UNAVAILABLE: 7, INTERNAL: 1 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** All of standard input (for `--password-stdin`). */
  readInput?: () => Promise<string>;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readInput: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

function buildProgram(io: Io): Command {
  const program = new Command("groundswell")
    .description("A live map of a municipal-resolution campaign.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
    .showSuggestionAfterError();

  program
    .command("serve")
    .description("run the app (migrates the database; seeds the demo into an empty one)")
    .option("--port <port>", "port to listen on (default $PORT or 3000)")
    .option("--log-level <level>", `the structured log on stdout: ${LOG_LEVELS.join(", ")} (default $GROUNDSWELL_LOG_LEVEL or info)`)
    .action(async (options: { port?: string; logLevel?: string }) => {
      const config = await readConfig({
        ...process.env,
        ...(options.port ? { PORT: options.port } : {}),
        ...(options.logLevel ? { GROUNDSWELL_LOG_LEVEL: options.logLevel } : {}),
      });
      const { serve } = await import("./serve");
      await serve(config, (line) => io.err(`${line}\n`));
    });

  program
    .command("export")
    .description(
      "print bodies (with their current stage), overlaps, legislators, resolutions, ballot-results or endorsers as CSV (all but legislators also as GeoJSON); " +
        "render the map as PNG or PDF; write a press kit",
    )
    .argument("<what>", "bodies, overlaps, legislators, resolutions, ballot-results, endorsers, map or press-kit")
    .addOption(new Option("--format <format>", "csv or geojson (default csv); map: png or pdf (default png)"))
    .option("--campaign <name>", "campaign name, slug or id (default: the only campaign)")
    .option("--out <file>", "map: the file to write; press-kit: a folder, or a .zip file")
    .option("--as-of <date>", "map, press-kit: stages as of the end of this day (YYYY-MM-DD; default today)")
    .option("--title <title>", "map, press-kit: the map's title (default the campaign's name)")
    .option("--subtitle <text>", "map, press-kit: a line under the title")
    .option("--bbox <W,S,E,N>", "map, press-kit: the area to show and count, in degrees")
    .option("--patterns", "map, press-kit: draw a pattern per stage over the colours")
    .option("--by <town|district>", "ballot-results: one row per question and district (default) or per question and town")
    .option("--public", "endorsers: only what an anonymous visitor may see (those who agreed to be listed; public steps; no address, private contact or note)")
    .action(async (what: string, options: PressOptions & { format?: string; campaign?: string; by?: string; public?: boolean }) => {
      if (what === "map" || what === "press-kit") {
        const { exportMapCommand, exportPressKitCommand } = await import("./press");
        return (what === "map" ? exportMapCommand : exportPressKitCommand)(await readConfig(), options, io.out);
      }
      const { exportCommand } = await import("./export");
      await exportCommand(await readConfig(), what, { ...options, format: options.format ?? "csv" }, io.out);
    });

  program
    .command("import")
    .description(
      "import a boundary file (.geojson .json .topojson .zip .shp) as bodies or districts, Open States people as legislators (a state's folder or the federal one) and committees, a campaign spreadsheet (.csv) as resolutions or members, a bill's cosponsor list, hubs (.csv), a ballot question's results (.csv), or a campaign's endorsers (.csv)",
    )
    .argument(
      "<file>",
      "the file to import (legislators: a folder of person .yml files, one .yml, a .zip of them, or a .csv export; committees: a folder of committee .yml files, one .yml or a .zip; cosponsors: .txt or .csv)",
    )
    .requiredOption("--as <what>", "bodies, districts, legislators, committees, resolutions, members, cosponsors, hubs, ballot-results, endorsers or population")
    .option(
      "--campaign <name>",
      "resolutions, members, cosponsors, ballot-results, endorsers: campaign name, slug or id (resolutions and members: a new name creates the campaign)",
    )
    .option("--bill <bill>", "cosponsors: the campaign's bill, e.g. \"H.1239\" (default: the campaign's first bill)")
    .option(
      "--dry-run",
      "legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population: print what would be added, updated, moved and closed, and write nothing",
    )
    .option("--question <name>", 'ballot-results: the question, e.g. "2018 Q5" (a new name creates it; an existing one has its results replaced)')
    .option("--text <text>", "ballot-results: the question's full text")
    .option("--year <year>", "ballot-results: the election year (default: the date's, or the year the question's name starts with)")
    .option("--date <date>", "ballot-results: the election day, YYYY-MM-DD")
    .option("--district <name>", "ballot-results: the district it ran in (with --chamber, and --vintage for another plan than the current one)")
    .option("--strict", "ballot-results: refuse rows whose yes + no + blanks differ from their total (default: a warning)")
    .option("--population-field <field>", "bodies: attribute holding the population (default: P0010001, POP20, POPULATION, TOTPOP… when present)")
    .option("--max-vertices <n>", "bodies, districts, population: the most vertices a file may hold (default 20,000,000, or GROUNDSWELL_MAX_VERTICES)")
    .option("--count-field <field>", "population: the numeric field holding each feature's count, e.g. POP20 (Census blocks)")
    .option("--place <rule>", "population: area (default: a polygon's count shared by the area of it in each body and district) or point (whole, at the Census internal point)")
    .option("--kind <kind>", "body kind: city_council, town (= town_meeting), select_board, county_board, … (default city_council)")
    .option("--kind-field <field>", "bodies: a field naming each feature's kind, for a file mixing cities and towns (values: city, town, C, T, or a kind such as select_board)")
    .option("--chamber <chamber>", "district chamber: state_lower, state_upper or congressional")
    .option("--state <usps>", "two-letter state code, e.g. MA (legislators: only for a .csv export, or to import one state of the federal folder; committees: required)")
    .option("--name-field <field>", "attribute holding the name (default: NAMELSAD, NAME, DISTRICT… when present)")
    .option("--id-field <field>", "attribute holding a stable id (default: GEOID when present)")
    .option("--vintage <vintage>", "districts: the redistricting plan, e.g. 2022 (default: this year); ballot-results: the plan of --district")
    .option("--parent <body>", "bodies: the body they belong to (ward committees in a city), by id or by name (with --state when the name is in several states)")
    .option("--source <text>", "bodies: who published the boundaries, credited on press maps (default: the file's name)")
    .option("--layer <name>", "TopoJSON object or shapefile inside a zip holding several")
    .option("--crs <crs>", "coordinate system when the file does not say, e.g. EPSG:2249")
    .option("--min-share <share>", "sliver threshold for the overlaps computed afterwards (default 0.015)")
    .option("--no-overlaps", "skip recomputing overlaps after the import")
    .action(async (file: string, options: ImportCommandOptions) => {
      const { importCommand } = await import("./import");
      await importCommand(await readConfig(), file, options, io.out);
    });

  program
    .command("overlaps")
    .description("recompute which districts overlap each body")
    .option("--min-share <share>", "keep a pair when it shares at least this fraction of the body or the district (default 0.015)")
    .action(async (options: { minShare?: string }) => {
      const { overlapsCommand } = await import("./import");
      await overlapsCommand(await readConfig(), options, io.out);
    });

  program
    .command("setup")
    .description("fetch a state's Census TIGER/Line places, county subdivisions and districts, and import them")
    .requiredOption("--state <usps>", "two-letter state code, e.g. MA")
    .option("--year <year>", "TIGER/Line release, 2011 or later (default 2024); also the districts' vintage")
    .option("--mirror <url|dir>", "base URL replacing https://www2.census.gov/geo/tiger, or a directory holding the zips")
    .option("--with-blocks", "also the 2020 Census blocks (TABBLOCK20, POP20) as the population layer: district shares by people, not area")
    .option("--max-vertices <n>", "the most vertices a file may hold (default 20,000,000, or GROUNDSWELL_MAX_VERTICES); a large state's blocks may need more")
    .action(async (options: SetupCommandOptions) => {
      const { setupCommand } = await import("./setup");
      await setupCommand(await readConfig(), options, io.out);
    });

  const campaign = program.command("campaign").description("manage campaigns");
  campaign
    .command("add")
    .description("create a campaign with the default stage scheme")
    .argument("<name>", 'campaign name, e.g. "Medicare for All resolution 2026"')
    .option("--bill <bill>", "the bill the campaign supports, e.g. H.1234")
    .option("--state <codes>", "the campaign's states, e.g. MA or MA,NH (default: every state)")
    .option("--count <kinds>", "count these nested kinds instead of their parent, e.g. ward_committee")
    .action(async (name: string, options: CampaignScopeOptions & { bill?: string }) => {
      const { addCampaignCommand } = await import("./campaign");
      await addCampaignCommand(await readConfig(), name, options, io.out);
    });
  campaign
    .command("scope")
    .description("set which bodies a campaign shows and counts: its states, counties or bodies, and which nested kinds it counts")
    .argument("<campaign>", "campaign name, slug or id")
    .option("--state <codes>", "the campaign's states, e.g. MA or MA,NH (empty: every state)")
    .option("--county <geoids>", "narrow to these counties (5-digit GEOIDs, comma-separated)")
    .option("--body <ids>", "narrow to these bodies (ids, comma-separated), besides the counties")
    .option("--count <kinds>", "count these nested kinds instead of their parent, e.g. ward_committee (empty: count parents)")
    .action(async (name: string, options: CampaignScopeOptions) => {
      const { setCampaignScopeCommand } = await import("./campaign");
      await setCampaignScopeCommand(await readConfig(), name, options, io.out);
    });

  const user = program.command("user").description("manage the accounts that sign in to the app");
  user
    .command("add")
    .description("create an account; prints a link where its owner sets the password (or reads one with --password-stdin)")
    .argument("<email>", "the person's email address (their sign-in name; no mail is sent)")
    .requiredOption("--role <role>", "admin, organizer, hub or viewer")
    .option("--name <name>", "the name shown in history and the audit log (default: the part of the email before @)")
    .option("--hub <hub>", "hub role: the hub's name, slug or id")
    .option("--password-stdin", "read the password from standard input instead of printing a link")
    .action(async (email: string, options: AddUserOptions) => {
      const password = options.passwordStdin ? ((await io.readInput?.()) ?? "").replace(/\r?\n$/, "") : undefined;
      const { addUserCommand } = await import("./user");
      await addUserCommand(await readConfig(), email, { ...options, password }, io.out);
    });
  user
    .command("list")
    .description("list the accounts with their roles")
    .action(async () => {
      const { listUsersCommand } = await import("./user");
      await listUsersCommand(await readConfig(), io.out);
    });
  user
    .command("reset")
    .description("print a link (valid 24 hours) where the person sets a new password; signs them out everywhere once used")
    .argument("<email>", "the account's email address")
    .action(async (email: string) => {
      const { resetUserCommand } = await import("./user");
      await resetUserCommand(await readConfig(), email, io.out);
    });

  program
    .command("backup")
    .description("copy the SQLite database to a new file (safe while the server runs; PostgreSQL: use pg_dump)")
    .argument("<file>", "the backup file to write, e.g. backups/groundswell-2026-11-24.db")
    .action(async (file: string) => {
      const { backupCommand } = await import("./backup");
      await backupCommand(await readConfig(), file, io.out);
    });

  program
    .command("restore")
    .description("replace the SQLite database with a backup, keeping the old one as <db>.before-restore (stop the server first)")
    .argument("<file>", "a file written by groundswell backup")
    .action(async (file: string) => {
      const { restoreCommand } = await import("./backup");
      await restoreCommand(await readConfig(), file, io.out);
    });

  return program;
}

/** Run the CLI; returns the exit status. Errors print as one line on stderr. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // The usage text already went to stderr; commander's "(outputHelp)" placeholder is no reason.
      if (error.code === "commander.help") return 2;
      // One line: commander puts its "(Did you mean …?)" suggestion on a line of its own.
      io.err(`groundswell: ${error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")}\n`);
      return 2;
    }
    if (error instanceof GroundswellError) {
      io.err(`groundswell: ${error.message}\n`);
      return EXIT_CODES[error.code];
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`groundswell: ${message.split("\n")[0]}\n`);
    return 1;
  }
}
