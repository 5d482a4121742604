import fs from "node:fs";
import type { ImportPreview } from "../../shared/model/import-upload";
import type { BallotUploadPreview } from "../../shared/model/ballot-question";
import type { CommitteeUploadPreview } from "../../shared/model/committee";
import type { NameListUploadPreview } from "../../shared/model/ladder";
import { ENDORSER_COLUMNS, type EndorserUploadPreview } from "../../shared/model/endorser";
import type { LegislatorUploadPreview } from "../../shared/model/legislator-import";
import type { SeatChamber } from "../../shared/model/district";
import { columnsOf, MEMBER_COLUMNS, type SpreadsheetTable, type SpreadsheetTarget, type SpreadsheetUploadPreview } from "../../shared/model/spreadsheet-import";
import { mapBallotColumns, readBallotTable } from "../../shared/rules/ballot-results";
import { stateByUsps } from "../../shared/ids/usps";
import { InputError } from "../errors";
import { parseBallotCsv } from "./ballot-csv";
import { readBoundaryBytes, readBoundaryFile, type BoundaryFile } from "./boundary-file";
import { previewBoundaryFile } from "./boundary-preview";
import { defaultBoundaryLimits } from "./boundary-types";
import { parseColumnCsv } from "./column-csv";
import { parseCsv, readCsvTable } from "./csv";
import { isNameListHeader, parseNameList } from "./name-list";
import { guessRosterState, readOpenStatesUpload, type OpenStatesRoster } from "./open-states";
import { readCommitteeUpload, type CommitteeRoster } from "./open-states-committees";

/**
 * Everything the Import screen's two requests read from an uploaded file, as plain functions of
 * plain data, so they run in a worker thread (upload-worker.ts) and never stall the event loop.
 * `previewUpload` answers the preview; `readUpload` reads the file again for its commit.
 */

/** An upload on disk, as the upload store describes it. */
export interface UploadFile {
  token: string;
  path: string;
  fileName: string;
  bytes: number;
  expiresAt: Date;
}

export type UploadPreview =
  ImportPreview | SpreadsheetUploadPreview | LegislatorUploadPreview | CommitteeUploadPreview | NameListUploadPreview | BallotUploadPreview | EndorserUploadPreview;

/** What a commit reads, by kind; each names the reader's answer in `UploadReadResult`. */
export type UploadReadRequest =
  | { read: "preview"; upload: UploadFile }
  | { read: "boundaries"; upload: UploadFile }
  | { read: "legislators"; upload: UploadFile; state: string | undefined }
  | { read: "committees"; upload: UploadFile }
  | { read: "ballot-results"; upload: UploadFile }
  | { read: "names"; upload: UploadFile }
  | { read: "endorsers"; upload: UploadFile }
  | { read: "spreadsheet"; upload: UploadFile; as: SpreadsheetTarget };

export interface UploadReadResult {
  preview: UploadPreview;
  boundaries: BoundaryFile;
  legislators: OpenStatesRoster | null;
  committees: CommitteeRoster | null;
  "ballot-results": Array<{ row: number; fields: string[] }>;
  names: string[];
  /** Endorser rows as `import --as endorsers` reads them (header → cell). */
  endorsers: Array<Record<string, string>>;
  spreadsheet: SpreadsheetTable;
}

export async function readUpload<R extends UploadReadRequest>(request: R): Promise<UploadReadResult[R["read"]]> {
  const { upload } = request;
  const read = async (): Promise<UploadReadResult[UploadReadRequest["read"]]> => {
    switch (request.read) {
      case "preview":
        return previewUpload(upload);
      case "boundaries":
        return readBoundaryUpload(upload);
      case "legislators":
        return readLegislatorUpload(upload, request.state);
      case "committees":
        return readCommitteeUpload(await fs.promises.readFile(upload.path), upload.fileName, zipLimits);
      case "ballot-results":
        return parseBallotCsv(await fs.promises.readFile(upload.path, "utf8"));
      case "names":
        return parseNameList(await fs.promises.readFile(upload.path, "utf8"), upload.fileName);
      case "endorsers":
        return parseColumnCsv(await fs.promises.readFile(upload.path, "utf8"), ENDORSER_COLUMNS);
      case "spreadsheet":
        return readCsvTable(await fs.promises.readFile(upload.path, "utf8"), columnsOf(request.as));
    }
  };
  return (await read()) as UploadReadResult[R["read"]];
}

export const isSpreadsheet = (fileName: string) => /\.csv$/i.test(fileName);

/** What the file is and what it holds: committees, legislators, ballot results, endorsers, a name list, a spreadsheet, else a boundary layer. */
export async function previewUpload(upload: UploadFile): Promise<UploadPreview> {
  const committees = await previewCommittees(upload);
  if (committees) return committees;
  const legislators = await previewLegislators(upload);
  if (legislators) return legislators;
  if (isSpreadsheet(upload.fileName)) {
    const ballot = await previewBallotResults(upload);
    if (ballot) return ballot;
    const endorsers = await previewEndorsers(upload);
    if (endorsers) return endorsers;
  }
  const names = await previewNameList(upload);
  if (names) return names;
  if (isSpreadsheet(upload.fileName)) return await previewSpreadsheet(upload);
  return { ...uploadFacts(upload), ...previewBoundaryFile(await readBoundaryUpload(upload)) };
}

const uploadFacts = (upload: UploadFile) => ({ token: upload.token, expiresAt: upload.expiresAt.toISOString(), fileName: upload.fileName, bytes: upload.bytes });

/** A .csv upload whose header reads as ballot results (a place, yes and no): how it reads; null for any other spreadsheet. */
async function previewBallotResults(upload: UploadFile): Promise<BallotUploadPreview | null> {
  const records = parseBallotCsv(await fs.promises.readFile(upload.path, "utf8"));
  const columns = mapBallotColumns(records[0]?.fields ?? []);
  if (columns.yes === undefined || columns.no === undefined || (columns.town === undefined && columns.district === undefined)) return null;
  const table = readBallotTable(records);
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(upload.fileName);
  return {
    ...uploadFacts(upload),
    format: "ballot-results",
    level: table.level,
    rows: table.rows.length,
    hasTotals: table.totals !== null,
    samples: [...new Set(table.rows.map((row) => row.town ?? row.district ?? ""))].slice(0, 5),
    year: year ? Number(year[1]) : null,
  };
}

/** A .csv upload whose header names `name` and `town` and only endorser columns (as the CLI reads them): its rows and a few names; null otherwise. */
async function previewEndorsers(upload: UploadFile): Promise<EndorserUploadPreview | null> {
  const text = await fs.promises.readFile(upload.path, "utf8");
  const header = (parseCsv(text.replace(/^\uFEFF/, ""))[0] ?? [])
    .map((cell) =>
      cell
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_"),
    )
    .filter(Boolean);
  if (!header.includes("name") || !header.includes("town") || !header.every((key) => (ENDORSER_COLUMNS as readonly string[]).includes(key))) return null;
  const rows = parseColumnCsv(text, ENDORSER_COLUMNS);
  return {
    ...uploadFacts(upload),
    format: "endorsers",
    rows: rows.length,
    columns: header,
    samples: rows
      .map((row) => row.name?.trim() ?? "")
      .filter(Boolean)
      .slice(0, 5),
  };
}

/** A .csv upload: its columns and row count, and what they look like (checked against the columns both targets know). */
async function previewSpreadsheet(upload: UploadFile): Promise<SpreadsheetUploadPreview> {
  const text = await fs.promises.readFile(upload.path, "utf8");
  const known = [...new Set([...columnsOf("resolutions"), ...MEMBER_COLUMNS])];
  const table = readCsvTable(text, known);
  const guess: SpreadsheetTarget = table.columns.includes("name") ? "members" : "resolutions";
  return { ...uploadFacts(upload), format: "csv", columns: table.columns, rows: table.records.length, guess };
}

/** A bill's cosponsor list: a .txt of names, or a .csv with a name column and nothing a campaign spreadsheet holds. Null for any other file. */
async function previewNameList(upload: UploadFile): Promise<NameListUploadPreview | null> {
  const isText = /\.txt$/i.test(upload.fileName);
  if (!isText && !isSpreadsheet(upload.fileName)) return null;
  const text = await fs.promises.readFile(upload.path, "utf8");
  if (!isText && !isNameListHeader(parseCsv(text.replace(/^\uFEFF/, ""))[0] ?? [])) return null;
  const names = parseNameList(text, upload.fileName);
  return { ...uploadFacts(upload), format: "names", names: names.length, samples: names.slice(0, 5) };
}

/** A loose .shp cannot bring its sidecars in one upload: read it as bytes, so the reader asks for a zip. */
async function readBoundaryUpload(upload: UploadFile): Promise<BoundaryFile> {
  if (/\.shp$/i.test(upload.fileName)) return readBoundaryBytes(await fs.promises.readFile(upload.path), upload.fileName);
  return readBoundaryFile(upload.path);
}

const zipLimits = { maxZipEntries: defaultBoundaryLimits.maxZipEntries, maxUncompressedBytes: defaultBoundaryLimits.maxUncompressedBytes };
const isState = (code: string) => stateByUsps(code) !== undefined;
/** The preview reads roles before anyone chose a state; this stand-in is no state, so it is never guessed. */
const NO_STATE_YET = "ZZ";

async function readLegislatorUpload(upload: UploadFile, state: string | undefined): Promise<OpenStatesRoster | null> {
  return readOpenStatesUpload(await fs.promises.readFile(upload.path), { fileName: upload.fileName, state, zipLimits });
}

/** Open States committee files (one .yml, a zipped folder): how many, their state, a few names. Null for any other file. */
async function previewCommittees(upload: UploadFile): Promise<CommitteeUploadPreview | null> {
  if (!/\.(ya?ml|zip)$/i.test(upload.fileName)) return null;
  const roster = await readCommitteeUpload(await fs.promises.readFile(upload.path), upload.fileName, zipLimits);
  if (!roster) return null;
  const states = [...new Set(roster.committees.map((committee) => committee.state))];
  return {
    ...uploadFacts(upload),
    format: "committees",
    source: roster.source,
    committees: roster.committees.length,
    members: roster.committees.reduce((sum, committee) => sum + committee.members.length, 0),
    state: states.length === 1 ? states[0]! : null,
    samples: roster.committees.slice(0, 3).map((committee) => committee.name),
  };
}

/** An Open States file (CSV export, person .yml, zipped person folder): who is in it, and the state it names. Null for any other file. */
async function previewLegislators(upload: UploadFile): Promise<LegislatorUploadPreview | null> {
  const roster = await readLegislatorUpload(upload, NO_STATE_YET);
  if (!roster) return null;
  if (roster.records.length === 0) throw new InputError(`${upload.fileName} lists no legislators`);
  const seats: Partial<Record<SeatChamber, number>> = {};
  for (const record of roster.records) {
    for (const role of record.roles) if (role.validTo === null) seats[role.chamber] = (seats[role.chamber] ?? 0) + 1;
  }
  return {
    ...uploadFacts(upload),
    format: "legislators",
    source: roster.source,
    people: roster.records.length,
    seats,
    state: guessRosterState(roster.records, upload.fileName, isState),
    samples: roster.records.slice(0, 5).map((record) => record.name),
  };
}
