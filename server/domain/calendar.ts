import { BODY_KIND_LABELS, type BodyKind } from "../../shared/model/body";
import { findStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findHubByIdOrSlug, findScheduledResolutions } from "../db/repositories/calendar-repository";
import { NotFoundError } from "../errors";
import { resolveCampaign } from "./campaigns";

/** One vote or hearing of the public calendar (public fields only: no notes, no private contacts). */
export interface ScheduledEvent {
  /** `vote-<resolution id>@groundswell` or `hearing-<resolution id>@groundswell`: stable across moves. */
  uid: string;
  kind: "vote" | "hearing";
  resolutionId: number;
  bodyId: number;
  date: string;
  time: string | null;
  location: string | null;
  summary: string;
  description: string | null;
  cancelled: boolean;
  /** The resolution's version: it rises with every change, so calendar apps take the newest. */
  sequence: number;
  modifiedAt: string;
}

export interface CalendarSelection {
  campaign: { id: number; name: string; slug: string };
  hub: { id: number; name: string; slug: string } | null;
  events: ScheduledEvent[];
}

/** "Providence" + city_council → "Providence City Council". */
function describeBody(name: string, kind: string): string {
  const label = BODY_KIND_LABELS[kind as BodyKind];
  return label ? `${name} ${label.replace(/\b\w/g, (letter) => letter.toUpperCase())}` : name;
}

/**
 * The scheduled votes and hearings of a campaign (`campaign`: id, slug or name), optionally of
 * one hub (id or slug), in date order. A cancelled vote stays in the feed, marked cancelled, so
 * calendars that already hold it remove it.
 */
export async function listScheduledEvents(db: Db, { campaign: campaignKey, hub: hubKey }: { campaign: string | undefined; hub?: string | undefined }): Promise<CalendarSelection> {
  const campaign = await resolveCampaign(db, campaignKey);
  const hub = hubKey ? ((await findHubByIdOrSlug(db, hubKey)) ?? null) : null;
  if (hubKey && !hub) throw new NotFoundError(`No hub "${hubKey}"`);
  const rows = await findScheduledResolutions(db, campaign.id, hub?.id ?? null);
  const events: ScheduledEvent[] = [];
  for (const row of rows) {
    const where = describeBody(row.bodyName, row.bodyKind);
    const stage = findStage(campaign.stageScheme, row.stage)?.label ?? row.stage;
    const common = { resolutionId: row.id, bodyId: row.bodyId, sequence: row.version, modifiedAt: row.updatedAt };
    if (row.voteDate) {
      const tally = [row.tallyYes, row.tallyNo].some((value) => value !== null)
        ? `Tally: ${row.tallyYes ?? 0} yes, ${row.tallyNo ?? 0} no, ${row.tallyAbstain ?? 0} abstain, ${row.tallyAbsent ?? 0} absent.`
        : null;
      events.push({
        ...common,
        uid: `vote-${row.id}@groundswell`,
        kind: "vote",
        date: row.voteDate,
        time: row.voteTime,
        location: row.voteLocation,
        summary: `${row.voteCancelled ? "Cancelled: " : ""}Vote: ${campaign.name} at ${where}`,
        description: [`Stage: ${stage}.`, tally, row.agendaUrl && `Agenda: ${row.agendaUrl}`, row.minutesUrl && `Minutes: ${row.minutesUrl}`].filter(Boolean).join("\n"),
        cancelled: row.voteCancelled === 1,
      });
    }
    if (row.hearingDate) {
      events.push({
        ...common,
        uid: `hearing-${row.id}@groundswell`,
        kind: "hearing",
        date: row.hearingDate,
        time: row.hearingTime,
        location: row.hearingLocation,
        summary: `Hearing: ${campaign.name} at ${where}`,
        description: `Committee hearing. Stage: ${stage}.`,
        cancelled: false,
      });
    }
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? "").localeCompare(b.time ?? "") || a.uid.localeCompare(b.uid));
  return { campaign: { id: campaign.id, name: campaign.name, slug: campaign.slug }, hub, events };
}
