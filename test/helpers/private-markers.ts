import { randomBytes } from "node:crypto";
import type { Db } from "../../server/db/connect";
import { changeStage } from "../../server/domain/resolutions";
import { setStep } from "../../server/domain/ladder";
import { logMeeting } from "../../server/domain/meetings";
import { setEndorserStep } from "../../server/domain/endorsers";

/**
 * One entry per private field that exists: it writes a unique marker string into that field.
 * The public-privacy test seeds them all and asserts that no public surface shows any of them.
 * When you add a private field (user emails, audit log…), add an entry here; nothing else changes.
 */
export interface PrivateMarker {
  /** table.column, e.g. "stage_event.note". */
  field: string;
  seed(db: Db, target: MarkerTarget, marker: string): Promise<void>;
}

/** A body with a resolution in a campaign: where the markers are written. */
export interface MarkerTarget {
  campaignId: number;
  bodyId: number;
}

const now = () => new Date().toISOString();

async function resolutionOf(db: Db, target: MarkerTarget): Promise<number> {
  const row = await db.selectFrom("resolution").select("id").where("campaignId", "=", target.campaignId).where("bodyId", "=", target.bodyId).executeTakeFirstOrThrow();
  return row.id;
}

async function addMember(db: Db, target: MarkerTarget, values: { name: string; privateContact?: string | null }): Promise<number> {
  const row = await db
    .insertInto("member")
    .values({
      bodyId: target.bodyId,
      name: values.name,
      role: "Councillor",
      termStart: null,
      termEnd: null,
      publicContact: "council@town.example",
      privateContact: values.privateContact ?? null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addPosition(
  db: Db,
  target: MarkerTarget,
  memberId: number,
  values: { isInternal?: number; note?: string | null; contactedBy?: string | null; sponsorRole?: string | null },
): Promise<void> {
  await db
    .insertInto("memberPosition")
    .values({
      campaignId: target.campaignId,
      memberId,
      position: "yes",
      sponsorRole: values.sponsorRole ?? null,
      isInternal: values.isInternal ?? 0,
      lastContactedOn: "2026-01-02",
      contactedBy: values.contactedBy ?? null,
      note: values.note ?? null,
      updatedAt: now(),
    })
    .execute();
}

export const PRIVATE_MARKERS: PrivateMarker[] = [
  {
    field: "stage_event.note",
    async seed(db, target, marker) {
      const { version } = await db
        .selectFrom("resolution")
        .select("version")
        .where("campaignId", "=", target.campaignId)
        .where("bodyId", "=", target.bodyId)
        .executeTakeFirstOrThrow();
      await changeStage(
        db,
        { campaignId: target.campaignId, bodyId: target.bodyId, toStage: "sponsor_found", expectedVersion: version, note: marker },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "stage_event.actor",
    async seed(db, target, marker) {
      const { version } = await db
        .selectFrom("resolution")
        .select("version")
        .where("campaignId", "=", target.campaignId)
        .where("bodyId", "=", target.bodyId)
        .executeTakeFirstOrThrow();
      await changeStage(db, { campaignId: target.campaignId, bodyId: target.bodyId, toStage: "introduced", expectedVersion: version }, { name: marker, role: "organizer" });
    },
  },
  {
    field: "resolution.note",
    async seed(db, target, marker) {
      await db
        .updateTable("resolution")
        .set({ note: marker })
        .where("id", "=", await resolutionOf(db, target))
        .execute();
    },
  },
  {
    field: "hub.private_contacts",
    async seed(db, target, marker) {
      const suffix = randomBytes(3).toString("hex");
      const hub = await db
        .insertInto("hub")
        .values({
          name: `Hub ${suffix}`,
          slug: `hub-${suffix}`,
          publicContact: "hub@public.example",
          onboarding: "Meetings on Tuesdays",
          privateContacts: marker,
          createdAt: now(),
          updatedAt: now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("hubBody").values({ hubId: hub.id, bodyId: target.bodyId }).execute();
    },
  },
  {
    field: "member.private_contact",
    async seed(db, target, marker) {
      const memberId = await addMember(db, target, { name: "Public Sponsor", privateContact: marker });
      await addPosition(db, target, memberId, { sponsorRole: "lead" });
    },
  },
  {
    // A sponsor known only internally: the member's name stands for the internal position.
    field: "member_position.is_internal",
    async seed(db, target, marker) {
      const memberId = await addMember(db, target, { name: marker });
      await addPosition(db, target, memberId, { sponsorRole: "cosponsor", isInternal: 1 });
    },
  },
  {
    field: "member_position.note",
    async seed(db, target, marker) {
      const memberId = await addMember(db, target, { name: "Noted Member" });
      await addPosition(db, target, memberId, { note: marker, sponsorRole: "cosponsor" });
    },
  },
  {
    field: "member_position.contacted_by",
    async seed(db, target, marker) {
      const memberId = await addMember(db, target, { name: "Contacted Member" });
      await addPosition(db, target, memberId, { contactedBy: marker });
    },
  },
  {
    field: "task.title",
    async seed(db, target, marker) {
      await db
        .insertInto("task")
        .values({ resolutionId: await resolutionOf(db, target), title: marker, owner: null, dueOn: "2026-12-01", doneAt: null, createdBy: "Organizer", createdAt: now() })
        .execute();
    },
  },
  {
    field: "task.owner",
    async seed(db, target, marker) {
      await db
        .insertInto("task")
        .values({ resolutionId: await resolutionOf(db, target), title: "Call the clerk", owner: marker, dueOn: null, doneAt: null, createdBy: "Organizer", createdAt: now() })
        .execute();
    },
  },
  {
    field: "legislator_step_event.note",
    async seed(db, target, marker) {
      await setStep(db, { campaignId: target.campaignId, legislatorId: await addLegislator(db), step: "undecided", note: marker }, { name: "Organizer", role: "organizer" });
    },
  },
  {
    field: "legislator_step_event.actor",
    async seed(db, target, marker) {
      await setStep(db, { campaignId: target.campaignId, legislatorId: await addLegislator(db), step: "supportive" }, { name: marker, role: "organizer" });
    },
  },
  {
    field: "legislator_step_event.link",
    async seed(db, target, marker) {
      await setStep(
        db,
        { campaignId: target.campaignId, legislatorId: await addLegislator(db), step: "supportive", source: "news", link: `https://news.example.org/${marker}` },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "meeting.private_notes",
    async seed(db, target, marker) {
      await logMeeting(
        db,
        { campaignId: target.campaignId, legislatorId: await addLegislator(db), metOn: "2026-11-02", constituents: 3, privateNotes: marker, outcomeStep: "supportive" },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "meeting.answer",
    async seed(db, target, marker) {
      await logMeeting(
        db,
        { campaignId: target.campaignId, legislatorId: await addLegislator(db), metOn: "2026-11-03", ask: "Cosponsor?", answer: marker },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "legislator_task.title",
    async seed(db, target, marker) {
      await logMeeting(
        db,
        { campaignId: target.campaignId, legislatorId: await addLegislator(db), metOn: "2026-11-04", followUps: [marker] },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "endorser.address",
    async seed(db, target, marker) {
      await addEndorser(db, target, { address: marker });
    },
  },
  {
    field: "endorser.private_contact",
    async seed(db, target, marker) {
      await addEndorser(db, target, { privateContact: marker });
    },
  },
  {
    field: "endorser.note",
    async seed(db, target, marker) {
      await addEndorser(db, target, { note: marker });
    },
  },
  {
    // An endorser who did not agree to be listed: nothing of them is public, not even the name.
    field: "endorser.name (not listed)",
    async seed(db, target, marker) {
      await addEndorser(db, target, { name: marker, isPublic: 0, publicContact: `${marker}@example.org` });
    },
  },
  {
    field: "endorser_step_event.note",
    async seed(db, target, marker) {
      await setEndorserStep(db, { endorserId: await addEndorser(db, target, {}), step: "asked", note: marker }, { name: "Organizer", role: "organizer" });
    },
  },
  {
    field: "endorser_step_event.actor",
    async seed(db, target, marker) {
      await setEndorserStep(db, { endorserId: await addEndorser(db, target, {}), step: "asked" }, { name: marker, role: "organizer" });
    },
  },
  {
    field: "endorser_step_event.link",
    async seed(db, target, marker) {
      await setEndorserStep(
        db,
        { endorserId: await addEndorser(db, target, {}), step: "asked", source: "news", link: `https://news.example.org/${marker}` },
        { name: "Organizer", role: "organizer" },
      );
    },
  },
  {
    field: "evidence.url (private link)",
    async seed(db, target, marker) {
      await addEvidence(db, target, { kind: "link", url: `https://minutes.example.org/${marker}` });
    },
  },
  {
    field: "evidence.title (private)",
    async seed(db, target, marker) {
      await addEvidence(db, target, { kind: "link", url: "https://minutes.example.org/title", title: marker });
    },
  },
  {
    field: "evidence.file_name (private file)",
    async seed(db, target, marker) {
      await addEvidence(db, target, { kind: "file", fileName: `${marker}.pdf` });
    },
  },
  {
    // The bytes of a private file: never served to the public.
    field: "evidence_file.content (private file)",
    async seed(db, target, marker) {
      await addEvidence(db, target, { kind: "file", fileName: "signed-copy.pdf", content: `%PDF-1.4\n% ${marker}\n%%EOF\n` });
    },
  },
  {
    // Who added evidence stays private even when the evidence itself is public.
    field: "evidence.added_by (public evidence)",
    async seed(db, target, marker) {
      await addEvidence(db, target, { kind: "link", url: "https://news.example.org/passed", isPublic: 1, addedBy: marker });
    },
  },
  {
    field: "verification_event.note",
    async seed(db, target, marker) {
      await db
        .insertInto("verificationEvent")
        .values({ resolutionId: await resolutionOf(db, target), fromState: "reported", toState: "evidence_attached", actor: "Organizer", note: marker, occurredAt: now() })
        .execute();
    },
  },
  {
    field: "verification_event.actor",
    async seed(db, target, marker) {
      await db
        .insertInto("verificationEvent")
        .values({ resolutionId: await resolutionOf(db, target), fromState: "evidence_attached", toState: "verified", actor: marker, note: null, occurredAt: now() })
        .execute();
    },
  },
  {
    field: "resolution.verified_by",
    async seed(db, target, marker) {
      await db
        .updateTable("resolution")
        .set({ verification: "verified", verifiedBy: marker, verifiedAt: now() })
        .where("id", "=", await resolutionOf(db, target))
        .execute();
    },
  },
];

/** Evidence on the target's resolution, private unless `isPublic`; a file's bytes go in `evidence_file`. */
async function addEvidence(
  db: Db,
  target: MarkerTarget,
  values: { kind: "link" | "file"; url?: string; title?: string; fileName?: string; content?: string; isPublic?: number; addedBy?: string },
): Promise<void> {
  const content = values.kind === "file" ? Buffer.from(values.content ?? "%PDF-1.4\n%%EOF\n") : undefined;
  const row = await db
    .insertInto("evidence")
    .values({
      resolutionId: await resolutionOf(db, target),
      kind: values.kind,
      category: "minutes",
      title: values.title ?? null,
      url: values.url ?? null,
      fileName: values.fileName ?? null,
      contentType: content ? "application/pdf" : null,
      byteSize: content ? content.length : null,
      sha256: null,
      isPublic: values.isPublic ?? 0,
      addedBy: values.addedBy ?? "Organizer",
      createdAt: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (content) await db.insertInto("evidenceFile").values({ evidenceId: row.id, content }).execute();
}

/** A listed endorser in the target body's town, endorsed in public, with whatever private values the marker needs. */
async function addEndorser(
  db: Db,
  target: MarkerTarget,
  values: { name?: string; address?: string; privateContact?: string; note?: string; isPublic?: number; publicContact?: string },
): Promise<number> {
  const row = await db
    .insertInto("endorser")
    .values({
      campaignId: target.campaignId,
      name: values.name ?? `Marker endorser ${randomBytes(3).toString("hex")}`,
      category: "business",
      town: "Markerton",
      state: "RI",
      townBodyId: target.bodyId,
      linkedBodyId: null,
      address: values.address ?? null,
      lon: -71.5,
      lat: 41.7,
      locationSource: "coordinates",
      website: null,
      publicContact: values.publicContact ?? null,
      privateContact: values.privateContact ?? null,
      note: values.note ?? null,
      isPublic: values.isPublic ?? 1,
      // At a public step, so a listed endorser shows on every public surface that lists endorsers
      // (the public page's town list, the district page and brief, the legislator page, the targets view).
      step: "endorsed",
      stepUpdatedAt: null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A sitting legislator (a state House seat in RI) to hang ladder markers on. */
async function addLegislator(db: Db): Promise<number> {
  const uuid = randomBytes(16)
    .toString("hex")
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
  const row = await db
    .insertInto("legislator")
    .values({
      ocdPersonId: `ocd-person/${uuid}`,
      name: `Marker Legislator ${uuid.slice(0, 4)}`,
      party: "Independent",
      email: null,
      links: null,
      extras: null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("legislatorRole")
    .values({ legislatorId: row.id, chamber: "state_lower", state: "RI", districtName: "1", districtId: null, validFrom: "2025-01-01", validTo: null, createdAt: now() })
    .execute();
  return row.id;
}

/**
 * Seed every registered marker into `target` (its resolution must exist); returns the markers
 * by field. Each marker is unique to this run, so a hit can only come from a leak.
 */
export async function seedPrivateMarkers(db: Db, target: MarkerTarget): Promise<Map<string, string>> {
  const markers = new Map<string, string>();
  for (const entry of PRIVATE_MARKERS) {
    const marker = `PRIVMARK${randomBytes(6).toString("hex")}`;
    await entry.seed(db, target, marker);
    markers.set(entry.field, marker);
  }
  return markers;
}

/** The fields whose markers appear in `text` (empty when nothing leaked). */
export function leakedFields(markers: ReadonlyMap<string, string>, text: string): string[] {
  return [...markers].filter(([, marker]) => text.includes(marker)).map(([field]) => field);
}
