import { useQuery } from "@tanstack/react-query";
import { canEditCampaignWide, canReadPrivate } from "../../../shared/model/account";
import type { Campaign } from "../../../shared/model/campaign";
import { COMMITTEE_CHAMBER_LABELS } from "../../../shared/model/committee";
import type { LegislatorSummary } from "../../../shared/model/legislator";
import { useBills } from "../../api/map-data";
import { useSession } from "../../api/session";
import { useTRPC } from "../../api/trpc";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StatusOverlay } from "../../components/StatusOverlay";
import { DistrictEndorsers } from "../../components/DistrictEndorsers";
import { LegislatorCard } from "../../components/LegislatorCard";

const percent = (share: number) => `${Math.round(share * 100)}%`;
const OFFICE_LABELS: Record<string, string> = { capitol: "Capitol office", district: "District office" };

/** `/legislators/:id` (`?campaign=ID`): who they are, how to reach them, where they sit and where they stand on each bill. */
export function LegislatorScreen({ legislatorId }: { legislatorId: string }) {
  const id = Number(legislatorId);
  if (!Number.isInteger(id) || id <= 0)
    return (
      <StatusOverlay>
        No legislator “{legislatorId}”. <a href="/targets">See every legislator</a>
      </StatusOverlay>
    );
  return <CampaignPage>{(campaign) => <Legislator campaign={campaign} legislatorId={id} />}</CampaignPage>;
}

function Legislator({ campaign, legislatorId }: { campaign: Campaign; legislatorId: number }) {
  const trpc = useTRPC();
  const page = useQuery(trpc.legislator.page.queryOptions({ campaignId: campaign.id, legislatorId }));
  const bills = useBills(campaign.id);
  const { role } = useSession();
  if (page.isPending) return <StatusOverlay busy>Loading the legislator…</StatusOverlay>;
  if (page.error)
    return (
      <StatusOverlay>
        <ErrorNotice title="Could not load this legislator" message={page.error.message} onRetry={() => void page.refetch()} />
      </StatusOverlay>
    );
  const legislator = page.data;
  const seat = legislator.seats[0];
  const summary: LegislatorSummary | null = seat
    ? {
        legislatorId,
        name: legislator.name,
        party: legislator.party,
        chamber: seat.chamber,
        state: seat.state,
        districtId: seat.districtId,
        districtName: seat.districtName,
        steps: legislator.steps,
      }
    : null;
  const email = legislator.email && /^[^@\s]+@[^@\s]+$/.test(legislator.email) ? legislator.email : null;
  const contactForm = legislator.email && /^https?:\/\//.test(legislator.email) ? legislator.email : null;

  return (
    <main className="district-page legislator-page">
      <nav className="district-actions screen-only" aria-label="Page">
        <a href={`/targets?campaign=${campaign.id}`}>← All legislators</a>
        {seat?.districtId && <a href={`/districts/${seat.districtId}?campaign=${campaign.id}`}>District page and brief →</a>}
      </nav>
      <header className="brief-header">
        <p className="brief-kicker">{campaign.name}</p>
        <h1>{legislator.name}</h1>
        <p className="muted">
          {legislator.party ?? "Party unknown"}
          {legislator.seats.length === 0 ? " · holds no current seat" : ` · ${legislator.seats.map((entry) => entry.label).join(", ")}`}
        </p>
      </header>

      <div className="brief-columns">
        <section aria-labelledby="where-title">
          <h2 id="where-title">Where they stand</h2>
          {summary ? (
            <LegislatorCard campaign={campaign} bills={bills.data ?? []} legislator={summary} canEdit={canEditCampaignWide(role)} canRead={canReadPrivate(role)} />
          ) : (
            <p className="muted">Not sitting now, so no step is tracked.</p>
          )}
          <h2>Their district</h2>
          {legislator.seats.map((entry) => (
            <p key={`${entry.chamber}-${entry.districtName}`}>
              {entry.districtId ? <a href={`/districts/${entry.districtId}?campaign=${campaign.id}`}>{entry.label}</a> : entry.label}
              {entry.coverage
                ? `: ${entry.coverage.bodiesPassed} of ${entry.coverage.bodies} bodies passed, ${percent(entry.coverage.areaShare)} of the area${entry.coverage.populationShare === null ? "" : `, ${percent(entry.coverage.populationShare)} of the people`}`
                : entry.chamber === "us_senate"
                  ? ": the whole state"
                  : ": the district is not on the map yet (import the plan's boundaries)"}
              {entry.ballot && entry.ballot.pctYes !== null && (
                <>
                  . Ballot question {entry.ballot.question}
                  {entry.ballot.year ? ` (${entry.ballot.year})` : ""}: {entry.ballot.pctYes.toFixed(1)} % yes{entry.ballot.estimated ? ", estimated through the old plan" : ""}
                </>
              )}
            </p>
          ))}
          {legislator.seats.flatMap((entry) =>
            entry.endorsers
              ? [
                  <DistrictEndorsers
                    key={`endorsers-${entry.chamber}-${entry.districtName}`}
                    leverage={entry.endorsers}
                    ladder={campaign.endorserLadder}
                    limit={25}
                    headingLevel={3}
                  />,
                ]
              : [],
          )}
        </section>

        <section aria-labelledby="contact-title">
          <h2 id="contact-title">Contact</h2>
          {!email && !contactForm && legislator.offices.length === 0 && <p className="muted">Open States lists no contact for them.</p>}
          {email && (
            <p>
              <a href={`mailto:${email}`}>{email}</a>
            </p>
          )}
          {contactForm && (
            <p>
              <a href={contactForm} rel="noreferrer" target="_blank">
                Contact form
              </a>
            </p>
          )}
          {legislator.offices.map((office) => (
            <div className="office" key={`${office.classification}-${office.address ?? office.voice}`}>
              <h3>{OFFICE_LABELS[office.classification] ?? office.classification}</h3>
              {office.address && <p>{office.address}</p>}
              {office.voice && (
                <p>
                  Phone <a href={`tel:${office.voice.replace(/[^\d+]/g, "")}`}>{office.voice}</a>
                </p>
              )}
            </div>
          ))}
          {legislator.links.length > 0 && (
            <p>
              {legislator.links.slice(0, 3).map((link) => (
                <a key={link} href={link} rel="noreferrer" target="_blank" className="office-link">
                  {link.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                </a>
              ))}
            </p>
          )}
          <h2>Committees</h2>
          {legislator.committees.length === 0 ? (
            <p className="muted">
              No committee seats imported. Import them with <code>groundswell import … --as committees --state XX</code>.
            </p>
          ) : (
            <ul className="committee-list">
              {legislator.committees.map((entry) => (
                <li key={entry.committeeId}>
                  <a href={`/targets?campaign=${campaign.id}&committee=${entry.committeeId}&rank=committee`}>{entry.name}</a>{" "}
                  <span className="muted">({COMMITTEE_CHAMBER_LABELS[entry.chamber]})</span>
                  {entry.role !== "member" && <strong> {entry.role}</strong>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
