import { useQuery } from "@tanstack/react-query";
import type { Campaign } from "../../../shared/model/campaign";
import { describeCommitteeSeat } from "../../../shared/model/committee";
import { useTRPC } from "../../api/trpc";

/** On the brief: how to reach a legislator (email, office phone) and their committee seats, from Open States. */
export function LegislatorContacts({ campaign, legislatorId }: { campaign: Campaign; legislatorId: number }) {
  const trpc = useTRPC();
  const page = useQuery(trpc.legislator.page.queryOptions({ campaignId: campaign.id, legislatorId }));
  if (!page.data) return null;
  const { email, offices, committees } = page.data;
  const phones = offices.filter((office) => office.voice).map((office) => `${office.classification === "district" ? "district" : office.classification === "capitol" ? "capitol" : office.classification} ${office.voice}`);
  const mail = email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : null;
  return (
    <div className="legislator-contacts">
      <p>
        {mail ? <a href={`mailto:${mail}`}>{mail}</a> : email ? <a href={email}>contact form</a> : "No email on record"}
        {phones.length > 0 && ` · ${phones.join(" · ")}`} · <a href={`/legislators/${legislatorId}?campaign=${campaign.id}`} className="screen-only">page</a>
      </p>
      <p>Committees: {committees.length ? committees.map(describeCommitteeSeat).join("; ") : "none on record"}</p>
    </div>
  );
}
