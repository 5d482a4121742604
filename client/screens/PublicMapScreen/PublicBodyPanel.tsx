import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";
import type { PublicCampaign } from "../../../shared/model/public-view";
import { districtLabel, type Chamber } from "../../../shared/model/district";
import { useTRPC } from "../../api/trpc";
import { SidePanel } from "../../components/SidePanel";
import { BodyHeading } from "../../components/BodyHeading";
import { HubContacts } from "../../components/HubContacts";
import { LinkedEndorsers } from "../../components/LinkedEndorsers";
import { usePublicEndorsers } from "../../api/map-data";
import { TownEndorsers } from "./TownEndorsers";
import { StageBadge } from "../../components/StageBadge";
import { formatDay } from "../../lib/dates";
import { VerifiedMark } from "../../components/VerifiedMark";
import { EVIDENCE_CATEGORY_LABELS, evidenceFileUrl } from "../../../shared/model/evidence";
import { countsAsPassed, findStage, type StageScheme } from "../../../shared/model/stage";

const isPassedStage = (scheme: StageScheme, stageId: string) => {
  const stage = findStage(scheme, stageId);
  return stage !== undefined && countsAsPassed(stage);
};

/**
 * A body on the public map: public fields only (stage, vote, tally, sponsors, hubs' public contact).
 * The signed-in app shows it too, to a visitor who is not signed in, with `notice` saying what signing in adds.
 */
export function PublicBodyPanel({
  campaign,
  bodyId,
  asOf,
  onClose,
  notice,
}: {
  campaign: PublicCampaign;
  bodyId: number;
  asOf: string | null;
  onClose: () => void;
  notice?: ReactNode;
}) {
  const trpc = useTRPC();
  const body = useQuery(trpc.public.body.queryOptions({ campaign: campaign.id, bodyId, asOf }));
  const endorsers = usePublicEndorsers(campaign.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = body.data;
  useEffect(() => {
    heading.current?.focus();
  }, [detail?.id]);

  return (
    <SidePanel labelledBy="public-body-title" onClose={onClose} record={body} failureTitle="Could not load this body">
      {(detail) => (
        <>
          <BodyHeading id="public-body-title" body={{ ...detail, geoid: null }} headingRef={heading} />
          <div className="current-stage">
            <span className="muted">{asOf ? `Stage on ${formatDay(asOf)}` : "Stage"}</span>
            <StageBadge scheme={campaign.stageScheme} stageId={detail.stage} />
          </div>
          {isPassedStage(campaign.stageScheme, detail.stage) && <VerifiedMark verified={detail.verified} />}
          {notice}
          <dl className="public-facts">
            {detail.voteDate && (
              <>
                <dt>Vote</dt>
                <dd>{formatDay(detail.voteDate)}</dd>
              </>
            )}
            {detail.tally && (
              <>
                <dt>Tally</dt>
                <dd data-testid="tally">
                  {detail.tally.yes ?? 0} yes, {detail.tally.no ?? 0} no
                  {detail.tally.abstain ? `, ${detail.tally.abstain} abstaining` : ""}
                  {detail.tally.absent ? `, ${detail.tally.absent} absent` : ""}
                </dd>
              </>
            )}
            {detail.sponsors.length > 0 && (
              <>
                <dt>Sponsors</dt>
                <dd>{detail.sponsors.map((sponsor) => `${sponsor.name}${sponsor.role === "lead" ? " (lead)" : ""}`).join(", ")}</dd>
              </>
            )}
          </dl>
          {detail.evidence.length > 0 && (
            <section>
              <h3>Evidence of the pass</h3>
              <ul className="plain-list evidence-list">
                {detail.evidence.map((item) => (
                  <li key={item.id}>
                    {EVIDENCE_CATEGORY_LABELS[item.category]}:{" "}
                    {item.kind === "file" ? (
                      <a href={evidenceFileUrl(item.id)} download={item.fileName ?? undefined}>
                        {item.title ?? item.fileName}
                      </a>
                    ) : (
                      <a href={item.url ?? undefined} target="_blank" rel="noopener noreferrer">
                        {item.title ?? item.url}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {detail.districts.length > 0 && (
            <section>
              <h3>Districts</h3>
              <ul className="plain-list">
                {detail.districts.map((district) => (
                  <li key={`${district.chamber}-${district.name}`}>{districtLabel({ chamber: district.chamber as Chamber, state: district.state, name: district.name })}</li>
                ))}
              </ul>
            </section>
          )}
          <LinkedEndorsers bodyId={bodyId} endorsers={endorsers.data} ladder={campaign.endorserLadder} />
          <TownEndorsers bodyId={bodyId} townName={detail.name} endorsers={endorsers.data} ladder={campaign.endorserLadder} />
          <section>
            <h3>Get involved</h3>
            {detail.hubs.length === 0 ? <p className="muted">No local hub covers {detail.name} yet.</p> : <HubContacts hubs={detail.hubs} />}
          </section>
        </>
      )}
    </SidePanel>
  );
}
