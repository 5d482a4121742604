import type { PressSnapshot } from "../../shared/model/public-view";
import { describeScope } from "../../shared/model/campaign-scope";
import { countsAsPassed } from "../../shared/model/stage";
import { toCsv } from "./csv";

/**
 * The text files of a press export, each written from one `PressSnapshot` (public fields only,
 * read once), so the CSV, the GeoJSON, the counts and the methodology note show the same numbers
 * and the same snapshot time.
 */

/** The day the numbers describe: the as-of day, else the snapshot's day (UTC). */
export const snapshotDay = (snapshot: PressSnapshot) => snapshot.asOf ?? snapshot.takenAt.slice(0, 10);

/** `demo-campaign-2026-03-01`: the stem of every exported file's name. */
export const exportStem = (snapshot: PressSnapshot) => `${snapshot.campaign.slug}-${snapshotDay(snapshot)}`;

const BODY_COLUMNS = [
  "body_id",
  "body_name",
  "kind",
  "state",
  "geoid",
  "county_geoid",
  "stage",
  "stage_label",
  "vote_date",
  "tally_yes",
  "tally_no",
  "tally_abstain",
  "tally_absent",
  "sponsors",
  "verified",
  "as_of",
  "snapshot_at",
] as const;

type BodyCsvRow = Record<(typeof BODY_COLUMNS)[number], string | number | null>;

function bodyRows(snapshot: PressSnapshot): BodyCsvRow[] {
  const passedIds = new Set(snapshot.campaign.stageScheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  return snapshot.bodies.map((body) => ({
    body_id: body.id,
    body_name: body.name,
    kind: body.kind,
    state: body.state,
    geoid: body.geoid,
    county_geoid: body.countyGeoid,
    stage: body.stage,
    stage_label: body.stageLabel,
    vote_date: body.voteDate,
    tally_yes: body.tally?.yes ?? null,
    tally_no: body.tally?.no ?? null,
    tally_abstain: body.tally?.abstain ?? null,
    tally_absent: body.tally?.absent ?? null,
    sponsors: body.sponsors.map((sponsor) => (sponsor.role === "lead" ? `${sponsor.name} (lead)` : sponsor.name)).join("; ") || null,
    // Only a pass is verified or not: "yes" or "no" on passed bodies, empty on the others.
    verified: passedIds.has(body.stage) ? (body.verified ? "yes" : "no") : null,
    as_of: snapshotDay(snapshot),
    snapshot_at: snapshot.takenAt,
  }));
}

/** One row per body the view shows, with its stage as of the day. */
export function bodiesCsv(snapshot: PressSnapshot): string {
  return toCsv(bodyRows(snapshot), [...BODY_COLUMNS]);
}

/** RFC 7946 FeatureCollection of the same rows; the snapshot and counts ride along as a foreign member. */
export function bodiesGeoJson(snapshot: PressSnapshot, geometries: ReadonlyMap<number, GeoJSON.Geometry>): string {
  const rows = bodyRows(snapshot);
  const collection = {
    type: "FeatureCollection",
    groundswell: {
      campaign: snapshot.campaign.name,
      as_of: snapshotDay(snapshot),
      snapshot_at: snapshot.takenAt,
      filters: snapshot.filters,
      counts: Object.fromEntries(snapshot.counts.map((entry) => [entry.stageId, entry.count])),
      total: snapshot.total,
    },
    features: rows.map((row) => ({ type: "Feature", id: row.body_id, properties: row, geometry: geometries.get(Number(row.body_id)) ?? null })),
  };
  return `${JSON.stringify(collection)}\n`;
}

/** The counts table: all bodies, then one row per county (or state, where GEOIDs do not tell the county). */
export function countsCsv(snapshot: PressSnapshot): string {
  const stageIds = snapshot.counts.map((entry) => entry.stageId);
  const rows: Array<Record<string, string | number | null>> = [
    {
      area: "All bodies",
      area_kind: "all",
      area_id: null,
      ...Object.fromEntries(snapshot.counts.map((entry) => [entry.stageId, entry.count])),
      total: snapshot.total,
      passed: snapshot.areas.reduce((sum, area) => sum + area.passed, 0),
      passed_verified: snapshot.areas.reduce((sum, area) => sum + area.verified, 0),
      as_of: snapshotDay(snapshot),
      snapshot_at: snapshot.takenAt,
    },
    ...snapshot.areas.map((area) => ({
      area: area.area,
      area_kind: area.areaKind,
      area_id: area.areaId,
      ...Object.fromEntries(stageIds.map((stageId) => [stageId, area.byStage[stageId] ?? 0])),
      total: area.total,
      passed: area.passed,
      passed_verified: area.verified,
      as_of: snapshotDay(snapshot),
      snapshot_at: snapshot.takenAt,
    })),
  ];
  return toCsv(rows, ["area", "area_kind", "area_id", ...stageIds, "total", "passed", "passed_verified", "as_of", "snapshot_at"]);
}

const markdownCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The methodology note: sources, the day, the counts, how stages are defined and counted. */
export function methodologyMarkdown(snapshot: PressSnapshot, files: readonly string[]): string {
  const scheme = snapshot.campaign.stageScheme;
  const day = snapshotDay(snapshot);
  const filters = [
    snapshot.filters.stages ? `stages ${snapshot.filters.stages.join(", ")}` : null,
    snapshot.filters.bbox ? `bodies inside the box ${snapshot.filters.bbox.join(", ")} (west, south, east, north)` : null,
  ].filter(Boolean);
  return [
    `# ${snapshot.campaign.name}: status as of ${day}`,
    "",
    `Snapshot taken ${snapshot.takenAt} (UTC). Every file in this kit was written from this one snapshot, so their numbers agree.`,
    snapshot.campaign.bill ? `The campaign supports ${snapshot.campaign.bill}.` : "",
    snapshot.campaign.isDemo ? "**Demo data**: the boundaries are real; every stage and date is invented." : "",
    "",
    `**${snapshot.headline}**`,
    "",
    "## Counts by stage",
    "",
    "| Stage | Bodies |",
    "|---|---:|",
    ...snapshot.counts.map((entry) => `| ${markdownCell(entry.label)} | ${entry.count} |`),
    `| **Total** | **${snapshot.total}**${snapshot.total < snapshot.inScope ? ` (shown: ${snapshot.total} of ${snapshot.inScope} bodies)` : ""} |`,
    "",
    filters.length ? `The view was filtered to ${filters.join("; ")}.` : "The view covers every body of the campaign.",
    `Which bodies count: ${describeScope(snapshot.campaign.scope)}`,
    "",
    "## How stages are defined",
    "",
    ...scheme.stages.map((stage) => `- **${stage.label}** (\`${stage.id}\`): ${stage.description || stage.kind}`),
    "",
    "Each body (a city council, town meeting, county board…) has one stage per campaign. Every change of stage is",
    `recorded as an event with the day it happened, so the map can be replayed as of any day: a body's stage on ${day} is the`,
    "stage of its last change on or before the end of that day (UTC). Bodies with no change by then are counted as",
    `"${scheme.stages[0]?.label ?? "the first stage"}". Vote dates and tallies come from the campaign's public records.`,
    "",
    "## Verified passes",
    "",
    "A pass is verified when an organizer checked its evidence (the minutes, the adopted text, a signed copy or a",
    `news article) and marked it verified. Of the ${snapshot.passes.passed} passes in scope, ${snapshot.passes.verified} are verified.`,
    snapshot.passes.countVerifiedOnly
      ? "This campaign counts verified passes only: the headline and its share of people leave unverified passes out; bodies.csv marks each pass `verified` yes or no, and counts.csv gives `passed` and `passed_verified` per area."
      : "The headline counts every pass and says how many are verified; bodies.csv marks each pass `verified` yes or no, and counts.csv gives `passed` and `passed_verified` per area.",
    "",
    "Counts by area (counts.csv) group bodies by county where the body's Census GEOID names it (counties and county",
    "subdivisions); other bodies (places) are grouped by state.",
    "",
    "## Sources",
    "",
    ...snapshot.sources.map((source) => `- ${source}`),
    "",
    "## Files",
    "",
    ...files.map((file) => `- \`${file}\``),
    "",
  ]
    .filter((line, index, lines) => !(line === "" && lines[index - 1] === ""))
    .join("\n");
}
