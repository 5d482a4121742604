import type { Chamber, SeatChamber } from "./district";

/**
 * The Import screen's legislator import: Open States people (the CSV export, one person .yml, or
 * a .zip of a person folder) uploaded, previewed, checked with a dry run for a state, then
 * imported. The CLI's `import --as legislators` does the same from a file or folder.
 */

/** What an uploaded Open States file holds, before a state is chosen. */
export interface LegislatorUploadPreview {
  /** Names the uploaded file on the server until `expiresAt`; hand it to the commit. */
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "legislators";
  /** "folder" for a zipped folder of person files. */
  source: "folder" | "person file" | "csv";
  /** People in the file (person files or CSV rows). */
  people: number;
  /** Current seats per chamber (a person file may also list ended roles, not counted). */
  seats: Partial<Record<SeatChamber, number>>;
  /** The state the file names (person files' jurisdictions, or a file name like `ri.csv`), else null. */
  state: string | null;
  /** The first few names, so a person can tell the file is the one they meant. */
  samples: string[];
}

/** What a legislator import did, or (dry run) would do. */
export interface LegislatorImportReport {
  as: "legislators";
  fileName: string;
  dryRun: boolean;
  state: string;
  legislators: number;
  created: number;
  updated: number;
  rolesAdded: number;
  rolesClosed: number;
  /** Legislators seated in a current district (or a US Senate seat). */
  matched: number;
  /** People new to the database. */
  added: string[];
  /** People in the files with no seat in the state (or none at all): not imported, named so nobody goes missing unseen. */
  skipped: string[];
  /** People whose seat in a chamber changed district (redistricting, a new seat). */
  moved: Array<{ name: string; chamber: SeatChamber; state: string; from: string; to: string }>;
  /** Seats closed: people who left office (missing from a full roster, or an ended role). */
  closed: Array<{ name: string; chamber: SeatChamber; state: string; districtName: string }>;
  unmatched: Array<{ name: string; chamber: SeatChamber | null; districtName: string | null; reason: string }>;
  /** Current districts of the imported chambers left without a legislator. */
  vacantDistricts: Array<{ chamber: Chamber; name: string }>;
  /** Current districts with more than one sitting legislator (Open States person ids). */
  sharedDistricts: Array<{ chamber: Chamber; name: string; legislators: string[] }>;
}
