import type { Campaign } from "../../shared/model/campaign";
import type { LegislatorRecord, LegislatorSummary } from "../../shared/model/legislator";
import { parseImportRequest, type BallotResultsImportRequest } from "../../shared/model/import-request";
import type { Position } from "../../shared/rules/whip";
import type { Db } from "../db/connect";
import type { Actor } from "./actor";
import { importBallotResults } from "./ballot-questions";
import { importEndorsers } from "./endorsers";
import { createHub } from "./hubs";
import { importDistricts } from "./imports";
import { listLegislators, setStep } from "./ladder";
import { importLegislators } from "./legislators";
import { saveLobbyDay, signUp } from "./lobby-days";
import { logMeeting } from "./meetings";
import { stepwisePath } from "./demo";
import { addMember, setPosition, updateVotingSetup } from "./members";
import { recordRollCall } from "./roll-calls";
import { recomputeOverlaps } from "./overlaps";
import { updateResolution } from "./resolution-details";
import { changeStage } from "./resolutions";

/**
 * The demo's campaign workflow, all of it invented and labelled "demo": Rhode Island's five county
 * boards become the setting for made-up House, Senate and congressional districts, made-up
 * legislators at different steps of the ladder, two hubs (and three districts with none), a
 * meeting, a lobby day three weeks out with sign-ups, endorsers, a ballot question's results, and
 * across the country vote dates in the coming weeks, tallies of passed votes and one whip count.
 * So a first `npm start` shows every screen with something in it. Dates follow `today`.
 */

const DEMO: Actor = { name: "demo data", role: "admin" };
/** The plan year of the made-up districts: older than any real plan a user imports beside them, so a real plan becomes current. */
const DEMO_VINTAGE = "2012";

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Made-up people, each with a made-up Open States id (the demo's own namespace of uuids). */
const PEOPLE: Array<{ name: string; party: string; chamber: "state_lower" | "state_upper" | "congressional"; district: string; step: string }> = [
  { name: "Ana Souza (demo)", party: "Democratic", chamber: "state_lower", district: "1", step: "cosponsor" },
  { name: "Ben Okafor (demo)", party: "Democratic", chamber: "state_lower", district: "2", step: "undecided" },
  { name: "Carla Medeiros (demo)", party: "Republican", chamber: "state_lower", district: "3", step: "opposed" },
  { name: "Dev Patel (demo)", party: "Democratic", chamber: "state_lower", district: "4", step: "champion" },
  { name: "Erin Walsh (demo)", party: "Independent", chamber: "state_lower", district: "5", step: "unknown" },
  { name: "Farah Haddad (demo)", party: "Democratic", chamber: "state_upper", district: "1", step: "supportive" },
  { name: "Gus Lima (demo)", party: "Democratic", chamber: "state_upper", district: "2", step: "caucus_member" },
  { name: "Hana Kim (demo)", party: "Democratic", chamber: "congressional", district: "1", step: "cosponsor" },
  { name: "Ivan Reyes (demo)", party: "Democratic", chamber: "congressional", district: "2", step: "undecided" },
];

/** Which counties (by GEOID) each made-up district holds. */
const PLANS = {
  state_lower: [["44007"], ["44003"], ["44009"], ["44001"], ["44005"]],
  state_upper: [
    ["44007", "44001"],
    ["44003", "44009", "44005"],
  ],
  congressional: [
    ["44007", "44001", "44005"],
    ["44003", "44009"],
  ],
} as const;

export interface DemoWorkflowSummary {
  districts: number;
  legislators: number;
  hubs: number;
  voteDates: number;
  tallies: number;
  endorsers: number;
}

/** Move a body's resolution along the pipeline to `target` (from the start, or from the pipeline stage it stands at); a body at an outcome stays. */
async function advanceTo(db: Db, campaign: Campaign, bodyId: number, target: string, happenedOn: string, now: Date): Promise<void> {
  const current = await db.selectFrom("resolution").select(["stage", "version"]).where("campaignId", "=", campaign.id).where("bodyId", "=", bodyId).executeTakeFirst();
  const path = stepwisePath(campaign.stageScheme, target);
  const from = current ? path.indexOf(current.stage) : 0;
  if (from < 0) return;
  let version = current?.version ?? 0;
  for (const toStage of path.slice(from + 1)) {
    await changeStage(db, { campaignId: campaign.id, bodyId, toStage, expectedVersion: version, happenedOn, note: "Demo: invented." }, DEMO, now);
    version += 1;
  }
}

/**
 * The first part of the workflow: the made-up districts over Rhode Island's counties (with their
 * overlaps) and the made-up legislators seated in them at their steps. Null when the database
 * lacks the five counties. Browser tests that need legislators and nothing else seed this alone.
 */
export async function seedDemoLegislators(
  db: Db,
  campaign: Campaign,
  { today }: { today: string },
): Promise<{ districtIds: Record<string, number>; idOf: (name: string) => number; now: Date; byGeoid: Map<string | null, { id: number }>; seated: LegislatorSummary[] } | null> {
  const counties = await db.selectFrom("body").select(["id", "name", "geoid", "geometry"]).where("state", "=", "RI").where("kind", "=", "county_board").orderBy("geoid").execute();
  const byGeoid = new Map(counties.map((county) => [county.geoid, county]));
  if (!Object.values(PLANS).every((plan) => plan.every((geoids) => geoids.every((geoid) => byGeoid.has(geoid))))) return null;
  const now = new Date(`${today}T12:00:00Z`);

  // Districts: each the union of its counties (a MultiPolygon of their parts), then the overlaps.
  const districtIds: Record<string, number> = {};
  for (const [chamber, plan] of Object.entries(PLANS) as Array<[keyof typeof PLANS, readonly (readonly string[])[]]>) {
    const features = plan.map((geoids, index) => ({
      properties: { DISTRICT: String(index + 1) },
      geometry: {
        type: "MultiPolygon" as const,
        coordinates: geoids.flatMap((geoid) => {
          const shape = JSON.parse(byGeoid.get(geoid)!.geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon;
          return shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates;
        }),
      },
    }));
    await importDistricts(db, { features, fields: ["DISTRICT"] }, { chamber, state: "RI", vintage: DEMO_VINTAGE, nameField: "DISTRICT" }, now);
  }
  for (const row of await db.selectFrom("district").select(["id", "chamber", "name"]).where("state", "=", "RI").where("vintage", "=", DEMO_VINTAGE).execute()) {
    districtIds[`${row.chamber}:${row.name}`] = row.id;
  }
  await recomputeOverlaps(db, {}, now);

  // Legislators, seated in their districts, each at a step on the campaign's bill.
  const records: LegislatorRecord[] = PEOPLE.map((person, index) => ({
    ocdPersonId: `ocd-person/00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
    name: person.name,
    party: person.party,
    // Invented contacts on reserved names and numbers (example.org, 555-01xx), so "Contact your legislator" shows them.
    email: `${person.name
      .replace(/ \(demo\)$/, "")
      .toLowerCase()
      .replace(/[^a-z]+/g, ".")}@example.org`,
    offices: [{ classification: "Capitol", address: "State House, Providence, RI (demo)", voice: `401-555-01${String(index + 10)}`, fax: null }],
    links: [],
    extras: {},
    roles: [{ chamber: person.chamber, state: "RI", districtName: person.district, validFrom: "2025-01-07", validTo: null }],
  }));
  await importLegislators(db, records, { state: "RI", now });
  const seated = await listLegislators(db, { campaignId: campaign.id });
  const idOf = (name: string) => seated.find((legislator) => legislator.name === name)!.legislatorId;
  for (const person of PEOPLE.filter((entry) => entry.step !== "unknown")) {
    await setStep(db, { campaignId: campaign.id, legislatorId: idOf(person.name), step: person.step, source: "other", note: "Demo: invented." }, DEMO, now);
  }
  return { districtIds, idOf, now, byGeoid, seated };
}

export async function seedDemoWorkflow(db: Db, campaign: Campaign, { today }: { today: string }): Promise<DemoWorkflowSummary | null> {
  const seeded = await seedDemoLegislators(db, campaign, { today });
  if (!seeded) return null;
  const { districtIds, idOf, now, byGeoid, seated } = seeded;

  // Hubs for the House districts of Providence and Kent counties; the other three have none.
  const providence = await createHub(
    db,
    {
      name: "Providence County hub (demo)",
      districtIds: [districtIds["state_lower:1"]!],
      publicContact: "providence-hub@example.org",
      onboarding: "Monthly meeting, first Tuesday, 7 pm (demo).",
    },
    DEMO,
    now,
  );
  const kent = await createHub(db, { name: "Kent County hub (demo)", districtIds: [districtIds["state_lower:2"]!], publicContact: "kent-hub@example.org" }, DEMO, now);

  // A meeting with Providence's rep, and a lobby day three weeks out with sign-ups.
  await logMeeting(
    db,
    {
      campaignId: campaign.id,
      legislatorId: idOf("Ana Souza (demo)"),
      metOn: addDays(today, -12),
      hubIds: [providence.id],
      constituents: 6,
      place: "District office (demo)",
      ask: "Cosponsor the bill",
      answer: "Signed on at the meeting",
      outcomeStep: "cosponsor",
      followUps: ["Ask her to join the caucus"],
      privateNotes: "Demo: invented meeting.",
    },
    DEMO,
    now,
  );
  const lobbyDay = await saveLobbyDay(
    db,
    { campaignId: campaign.id, name: "State House lobby day (demo)", heldOn: addDays(today, 21), startsAt: "09:30", place: "State House, Room 313 (demo)" },
    DEMO,
    now,
  );
  await signUp(db, { lobbyDayId: lobbyDay.id, legislatorId: idOf("Ana Souza (demo)"), name: "Maria (demo)", hubId: providence.id, constituent: true }, DEMO, now);
  await signUp(db, { lobbyDayId: lobbyDay.id, legislatorId: idOf("Ben Okafor (demo)"), name: "Tom (demo)", hubId: kent.id, constituent: true }, DEMO, now);

  // In Rhode Island, Providence and Bristol counties pass and Kent's vote is scheduled, so the
  // districts over them show coverage; each moves one allowed step at a time, dated this autumn.
  for (const [geoid, target] of [
    ["44007", "passed"],
    ["44001", "passed"],
    ["44003", "vote_scheduled"],
  ] as const) {
    await advanceTo(db, campaign, byGeoid.get(geoid)!.id, target, addDays(today, -30), now);
  }

  // Across the country: vote dates in the coming weeks, tallies of passed votes, one whip count.
  const resolutions = await db
    .selectFrom("resolution")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .select(["resolution.bodyId", "resolution.stage", "resolution.version", "body.name"])
    .where("resolution.campaignId", "=", campaign.id)
    .where("resolution.stage", "in", ["vote_scheduled", "passed"])
    .orderBy("body.geoid")
    .execute();
  const scheduled = resolutions.filter((row) => row.stage === "vote_scheduled").slice(0, 12);
  const passed = resolutions.filter((row) => row.stage === "passed").slice(0, 40);
  for (const [index, row] of scheduled.entries()) {
    await updateResolution(
      db,
      {
        campaignId: campaign.id,
        bodyId: row.bodyId,
        expectedVersion: row.version,
        changes: { voteDate: addDays(today, 3 + index * 3), voteTime: "19:00", voteLocation: "County building, hearing room (demo)" },
      },
      DEMO,
      now,
    );
  }
  for (const [index, row] of passed.entries()) {
    const yes = 4 + (index % 4);
    await updateResolution(
      db,
      { campaignId: campaign.id, bodyId: row.bodyId, expectedVersion: row.version, changes: { tally: { yes, no: index % 3, abstain: index % 2, absent: 0 } } },
      DEMO,
      now,
    );
  }
  const whip = scheduled[0];
  if (whip) {
    await updateVotingSetup(db, { bodyId: whip.bodyId, seats: 7, vacancies: 0, quorum: 4, voteRule: "majority_present", hasVeto: false, overrideRule: null });
    const positions: Position[] = ["yes", "yes", "lean_yes", "undecided", "lean_no", "no", "unknown"];
    for (const [index, position] of positions.entries()) {
      const member = await addMember(db, { bodyId: whip.bodyId, name: `Commissioner ${String.fromCharCode(65 + index)}. (demo)`, role: index === 0 ? "Chair" : null }, now);
      await setPosition(db, { campaignId: campaign.id, memberId: member.id, position, sponsorRole: index === 0 ? "lead" : null }, DEMO, now);
    }
  }
  // One passed vote with its whip count and roll call, so the dashboard can say whose word held
  // (its tally above is 4 yes, 0 no: the leaning no voted yes, the undecided too).
  const counted = passed[0];
  if (counted) {
    const projected: Position[] = ["yes", "lean_yes", "lean_no", "undecided"];
    const votes = [];
    for (const [index, position] of projected.entries()) {
      const member = await addMember(db, { bodyId: counted.bodyId, name: `Councillor ${String.fromCharCode(80 + index)}. (demo)`, role: index === 0 ? "Chair" : null }, now);
      await setPosition(db, { campaignId: campaign.id, memberId: member.id, position, sponsorRole: null }, DEMO, now);
      votes.push({ memberId: member.id, vote: "yes" as const });
    }
    await recordRollCall(db, { campaignId: campaign.id, bodyId: counted.bodyId, votes }, now);
  }

  // Endorsers across Rhode Island, some public, some still being asked.
  const endorsers = [
    ["Providence Family Practice (demo)", "medical_practice", "Providence County", "endorsed", "yes"],
    ["Kent Nurses Union Local 1 (demo)", "union_local", "Kent County", "active_partner", "yes"],
    ["Newport Interfaith Council (demo)", "faith_congregation", "Newport County", "considering", "no"],
    ["Bristol Main Street Bakery (demo)", "business", "Bristol County", "endorsed", "yes"],
    ["Washington County Mayor (demo)", "mayor", "Washington County", "asked", "no"],
  ].map(([name, category, town, step, listed]) => ({ name: name!, category: category!, town: town!, state: "RI", step: step!, public: listed!, note: "Demo: invented." }));
  const endorsed = await importEndorsers(db, { campaignId: campaign.id, rows: endorsers }, DEMO, { now });

  // A non-binding ballot question that ran in House district 1 (Providence County), by town.
  const parsed = parseImportRequest({
    as: "ballot-results",
    campaign: String(campaign.id),
    question: "2024 Q1 (demo)",
    text: "Shall the representative for this district be instructed to vote for a single-payer health care system? (demo)",
    date: "2024-11-05",
    district: "1",
    chamber: "state_lower",
    vintage: DEMO_VINTAGE,
    state: "RI",
  });
  if (!parsed.ok) throw new Error(`demo ballot question: ${parsed.problem.template}`);
  await importBallotResults(
    db,
    {
      request: parsed.request as BallotResultsImportRequest,
      records: [
        { row: 1, fields: ["town", "yes", "no", "blanks"] },
        { row: 2, fields: ["Providence County", "148210", "61790", "9120"] },
      ],
      fileName: "demo-ballot-2024.csv",
    },
    now.toISOString(),
  );

  return {
    districts: Object.keys(districtIds).length,
    legislators: seated.length,
    hubs: 2,
    voteDates: scheduled.length,
    tallies: passed.length,
    endorsers: endorsed.created.length + endorsed.updated.length + endorsed.unchanged.length,
  };
}
