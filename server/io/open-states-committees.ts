import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { committeeChamberOf, committeeRecordSchema, committeeRoleOf, type CommitteeRecord } from "../../shared/model/committee";
import { InputError } from "../errors";
import { readYaml } from "./open-states";
import { readZipMembers, type ZipLimits } from "./zip-archive";

/**
 * Open States committee files (`data/<state>/committees/*.yml`) → validated committee records:
 * a folder, a zip of one, or a single file. Any bad file is one InputError naming the file.
 */

export interface CommitteeRoster {
  source: "folder" | "committee file";
  files: number;
  committees: CommitteeRecord[];
}

const committeeFileSchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  classification: z.string().nullish(),
  name: z.string(),
  chamber: z.string(),
  members: z.array(z.object({ name: z.string(), role: z.string().nullish(), person_id: z.string().nullish() })).nullish(),
  other_names: z.array(z.object({ name: z.string() })).nullish(),
});

/** One committee file's text → a record. */
export function parseCommitteeFile(text: string, fileName: string): CommitteeRecord {
  const parsed = committeeFileSchema.safeParse(readYaml(text, fileName));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${fileName}: not an Open States committee file (${issue.path.join(".") || "file"}: ${issue.message})`);
  }
  const file = parsed.data;
  const state = /\/state:([a-z]{2})\b/.exec(file.jurisdiction)?.[1]?.toUpperCase();
  if (!state) throw new InputError(`${fileName}: jurisdiction "${file.jurisdiction}" names no state (committees of a state legislature only)`);
  const chamber = committeeChamberOf(file.chamber);
  if (!chamber) throw new InputError(`${fileName}: chamber "${file.chamber}" is not upper, lower or legislature`);
  const record = committeeRecordSchema.safeParse({
    ocdOrgId: file.id,
    state,
    chamber,
    name: file.name,
    otherNames: [...new Set((file.other_names ?? []).map((entry) => entry.name.trim()).filter((name) => name && name !== file.name))],
    members: (file.members ?? []).map((member) => ({ name: member.name, role: committeeRoleOf(member.role ?? "member"), personId: member.person_id?.trim() || null })),
  });
  if (!record.success) {
    const issue = record.error.issues[0]!;
    throw new InputError(`${fileName}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return record.data;
}

const isCommitteeFileName = (name: string) =>
  /\.ya?ml$/i.test(name) && !path.posix.basename(name).startsWith("_") && !path.posix.basename(name).startsWith(".") && !name.startsWith("__MACOSX/");

/** A folder of committee files, one file, or (from the Import screen) the bytes of a zip of them. */
export async function readOpenStatesCommittees(target: string): Promise<CommitteeRoster> {
  const stat = await fs.stat(target).catch(() => {
    throw new InputError(`${target}: no such file or folder`);
  });
  if (stat.isDirectory()) {
    const names = (await fs.readdir(target)).filter(isCommitteeFileName).sort();
    if (names.length === 0) throw new InputError(`${target}: no Open States committee files (*.yml) in this folder`);
    const committees: CommitteeRecord[] = [];
    for (const name of names) committees.push(parseCommitteeFile(await fs.readFile(path.join(target, name), "utf8"), name));
    return { source: "folder", files: names.length, committees };
  }
  const fileName = path.basename(target);
  if (/\.zip$/i.test(fileName)) return readCommitteeZip(await fs.readFile(target), fileName, { maxZipEntries: 5000, maxUncompressedBytes: 200 * 1024 * 1024 });
  if (!/\.ya?ml$/i.test(fileName)) throw new InputError(`${fileName}: committees come from a folder of Open States committee files, one .yml file, or a .zip of them`);
  return { source: "committee file", files: 1, committees: [parseCommitteeFile(await fs.readFile(target, "utf8"), fileName)] };
}

export async function readCommitteeZip(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<CommitteeRoster> {
  const members = await readZipMembers(bytes, (entries) => entries.filter(isCommitteeFileName), limits);
  if (members.size === 0) throw new InputError(`${fileName}: no Open States committee files (*.yml) in this zip`);
  const committees = [...members.keys()].sort().map((name) => parseCommitteeFile(Buffer.from(members.get(name)!).toString("utf8"), path.posix.basename(name)));
  return { source: "folder", files: members.size, committees };
}

/** True when a YAML text is an Open States committee file (its id is an organization). */
const isCommitteeText = (text: string) => /^id:\s*["']?ocd-organization\//m.test(text);

/**
 * An uploaded file as Open States committees (the Import screen): one committee .yml or a zip of
 * a committees folder. Null when it is something else (person files, a shapefile), so the caller
 * can try the next reader.
 */
export async function readCommitteeUpload(bytes: Uint8Array, fileName: string, limits: ZipLimits): Promise<CommitteeRoster | null> {
  if (/\.ya?ml$/i.test(fileName)) {
    const text = Buffer.from(bytes)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    return isCommitteeText(text) ? { source: "committee file", files: 1, committees: [parseCommitteeFile(text, fileName)] } : null;
  }
  if (!/\.zip$/i.test(fileName)) return null;
  const members = await readZipMembers(
    bytes,
    (entries) => (entries.some((entry) => /\.(shp|geojson|json|topojson)$/i.test(entry)) ? [] : entries.filter(isCommitteeFileName)),
    limits,
  );
  const texts = [...members.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, data]) => [name, Buffer.from(data).toString("utf8")] as const);
  if (texts.length === 0 || !texts.every(([, text]) => isCommitteeText(text))) return null;
  return { source: "folder", files: texts.length, committees: texts.map(([name, text]) => parseCommitteeFile(text, path.posix.basename(name))) };
}
