import { useQuery } from "@tanstack/react-query";
import type { Campaign } from "../../../shared/model/campaign";
import { describeCommitteeSeat } from "../../../shared/model/committee";
import { stepLabel } from "../../../shared/rules/ladder";
import { useTRPC } from "../../api/trpc";

/** On the brief: how to reach a legislator (email, office phone), their committee seats (Open States) and, for members, the last meeting and where it left them. */
export function LegislatorContacts({ campaign, legislatorId, canRead }: { campaign: Campaign; legislatorId: number; canRead: boolean }) {
  const trpc = useTRPC();
  const page = useQuery(trpc.legislator.page.queryOptions({ campaignId: campaign.id, legislatorId }));
  // Meetings are the campaign's own record: members only.
  const meetings = useQuery({ ...trpc.legislator.meetings.queryOptions({ campaignId: campaign.id, legislatorId }), enabled: canRead });
  if (!page.data) return null;
  const last =
    meetings.data?.reduce<(typeof meetings.data)[number] | null>((latest, meeting) => (latest === null || meeting.metOn > latest.metOn ? meeting : latest), null) ?? null;
  const { email, offices, committees } = page.data;
  const phones = offices
    .filter((office) => office.voice)
    .map((office) => `${office.classification === "district" ? "district" : office.classification === "capitol" ? "capitol" : office.classification} ${office.voice}`);
  const mail = email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : null;
  return (
    <div className="legislator-contacts">
      <p>
        {mail ? <a href={`mailto:${mail}`}>{mail}</a> : email ? <a href={email}>contact form</a> : "No email on record"}
        {phones.length > 0 && ` · ${phones.join(" · ")}`} ·{" "}
        <a href={`/legislators/${legislatorId}?campaign=${campaign.id}`} className="screen-only">
          page
        </a>
      </p>
      <p>Committees: {committees.length ? committees.map(describeCommitteeSeat).join("; ") : "none on record"}</p>
      {canRead && (
        <p data-testid="last-meeting">
          {last
            ? `Last meeting: ${last.metOn}${last.place ? `, ${last.place}` : ""}${last.hubs.length ? ` (${last.hubs.map((hub) => hub.name).join(", ")})` : ""}${last.ask ? `; asked: ${last.ask}` : ""}${last.outcomeStep ? `; left at ${stepLabel(campaign.ladder, last.outcomeStep)}` : ""}`
            : "No meeting logged yet."}
        </p>
      )}
    </div>
  );
}
