import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { BODY_KIND_LABELS, type BodyKind } from "../../../shared/model/body";
import type { Campaign } from "../../../shared/model/campaign";
import { districtLabel } from "../../../shared/model/district";
import { findStage } from "../../../shared/model/stage";
import { canEditLegislatorInArea, canReadPrivate } from "../../../shared/model/account";
import { useSession } from "../../api/session";
import { useBills } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StageBadge } from "../../components/StageBadge";
import { StatusOverlay } from "../../components/StatusOverlay";
import { formatCount, formatShare } from "../../lib/format";
import { BallotSection } from "./BallotSection";
import { AlliesPanel } from "./AlliesPanel";
import { LegislatorCard } from "../../components/LegislatorCard";
import { LegislatorContacts } from "./LegislatorContacts";
import { LadderStepBadge } from "../../components/LadderStepBadge";
import { DistrictMap } from "./DistrictMap";
import { DistrictEndorsers } from "../../components/DistrictEndorsers";
import { RedistrictingSection } from "./RedistrictingSection";

const percent = formatShare;

/** `/districts/:id` (`?campaign=ID`): the district page, which prints as a one-page lobby brief. */
export function DistrictScreen({ districtId }: { districtId: string }) {
  const id = Number(districtId);
  if (!Number.isInteger(id) || id <= 0)
    return (
      <StatusOverlay>
        No district “{districtId}”. <a href="/">Back to the map</a>
      </StatusOverlay>
    );
  return <CampaignPage>{(campaign) => <DistrictBrief campaign={campaign} districtId={id} />}</CampaignPage>;
}

function DistrictBrief({ campaign, districtId }: { campaign: Campaign; districtId: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.district.get.queryOptions({ campaignId: campaign.id, districtId }));
  const shapes = useQuery(trpc.district.shapes.queryOptions({ districtId }));
  const comparison = useQuery(trpc.district.planComparison.queryOptions({ campaignId: campaign.id, districtId }));
  const { role } = useSession();
  // The brief prints once every legislator's contacts (and, for members, meetings) are in: the same queries LegislatorContacts reads.
  const seated = detail.data?.legislators.map((legislator) => legislator.legislatorId) ?? [];
  const briefParts = useQueries({
    queries: [
      ...seated.map((legislatorId) => trpc.legislator.page.queryOptions({ campaignId: campaign.id, legislatorId })),
      ...(canReadPrivate(role) ? seated.map((legislatorId) => trpc.legislator.meetings.queryOptions({ campaignId: campaign.id, legislatorId })) : []),
    ],
  });
  const bills = useBills(campaign.id);
  const hubArea = useQuery({ ...trpc.hub.area.queryOptions(), enabled: role === "hub" });
  const hubDistrictIds = useMemo(() => new Set((hubArea.data ?? []).map((entry) => entry.districtId)), [hubArea.data]);
  const stages = useMemo(() => new Map((detail.data?.bodies ?? []).map((body) => [body.bodyId, body.stage])), [detail.data]);
  if (detail.isPending) return <StatusOverlay busy>Loading the district…</StatusOverlay>;
  if (detail.error)
    return (
      <StatusOverlay>
        <ErrorNotice title="Could not load this district" message={detail.error.message} onRetry={() => void detail.refetch()} />
      </StatusOverlay>
    );
  const district = detail.data;
  const label = districtLabel(district);
  const passed = district.bodies.filter((body) => body.passed);
  const scheme = campaign.stageScheme;
  const today = new Date().toISOString().slice(0, 10);
  const ready = (shapes.isSuccess || shapes.isError) && !comparison.isPending && briefParts.every((part) => !part.isPending);
  // Bodies of several states share names (Bristol County, RI and MA): name the state then.
  const severalStates = new Set(district.bodies.map((body) => body.state)).size > 1;
  const stateOf = new Map(district.bodies.map((body) => [body.bodyId, body.state]));
  const nameOf = (body: { bodyId: number; name: string }) => (severalStates && stateOf.get(body.bodyId) ? `${body.name}, ${stateOf.get(body.bodyId)}` : body.name);

  return (
    <main className="district-page" data-brief-ready={ready ? "1" : undefined}>
      <nav className="district-actions screen-only" aria-label="Page">
        <a href={`/?district=${district.id}`}>← Back to the map</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print the brief
        </button>
      </nav>
      <header className="brief-header">
        <p className="brief-kicker">
          {campaign.name}
          {campaign.bill ? ` · ${campaign.bill}` : ""}
        </p>
        <h1>{label}</h1>
        <p className="muted">
          Plan {district.vintage} · {formatCount(Math.round(district.areaKm2))} km² · {district.bodies.length} bodies · as of {today}
        </p>
      </header>

      <section className="brief-legislators" aria-label="Legislators">
        {district.legislators.length === 0 ? (
          <p className="muted">
            No sitting legislator is imported for this district. Import them with <code>groundswell import … --as legislators</code>.
          </p>
        ) : (
          district.legislators.map((legislator) => (
            <LegislatorCard
              key={legislator.legislatorId}
              campaign={campaign}
              bills={bills.data ?? []}
              legislator={legislator}
              canEdit={canEditLegislatorInArea(role, legislator.districtId, hubDistrictIds)}
              canRead={canReadPrivate(role)}
            >
              <LegislatorContacts campaign={campaign} legislatorId={legislator.legislatorId} canRead={canReadPrivate(role)} />
            </LegislatorCard>
          ))
        )}
      </section>

      <section className="brief-over" aria-labelledby="over-title">
        <h2 id="over-title">Over this district</h2>
        {district.over.length === 0 ? (
          <p className="muted">No Senator or Member of Congress is imported over this district yet.</p>
        ) : (
          <ul>
            {district.over.map((seat) => (
              <li key={`${seat.legislatorId}-${seat.chamber}`}>
                <a href={`/legislators/${seat.legislatorId}?campaign=${campaign.id}`}>{seat.name}</a> <span className="muted">({seat.party ?? "party unknown"})</span>,{" "}
                {districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName })}
                {seat.share < 0.995 ? ` (${percent(seat.share)} of this district)` : ""}:{" "}
                {seat.steps.map((entry) => (
                  <span key={entry.billId} className="over-step">
                    {(bills.data ?? []).find((bill) => bill.id === entry.billId)?.name ?? "bill"} <LadderStepBadge ladder={campaign.ladder} step={entry.step} />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
        <h2>Hubs here</h2>
        {district.hubs.length === 0 ? (
          <p className="muted">
            No hub covers this district yet.{" "}
            <a href="/hubs" className="screen-only">
              Find neighbours and recruit one →
            </a>
          </p>
        ) : (
          <p data-testid="brief-hubs">{district.hubs.map((hub) => (hub.share < 0.995 ? `${hub.name} (${percent(hub.share)})` : hub.name)).join(", ")}</p>
        )}
      </section>

      <section className="brief-coverage" aria-label="Coverage">
        <div className="figure">
          <strong data-figure="area">{percent(district.coverage.areaShare)}</strong>
          <span>of the district’s area is in a body that passed the resolution</span>
        </div>
        <div className="figure">
          {district.coverage.populationShare === null ? (
            <>
              <strong data-figure="population">–</strong>
              <span>share of people unknown: the body layer carries no population</span>
            </>
          ) : (
            <>
              <strong data-figure="population">{percent(district.coverage.populationShare)}</strong>
              <span>
                of its people ({formatCount(Math.round(district.coverage.populationPassed ?? 0))} of {formatCount(Math.round(district.coverage.population ?? 0))}) live in one
                <small className="figure-method" data-method={district.coverage.populationMethod ?? undefined}>
                  {district.coverage.populationMethod === "counts" ? "Counted from the population layer" : "Estimated by area: each body’s people spread evenly over its land"}
                </small>
              </span>
            </>
          )}
        </div>
        <div className="figure">
          <strong data-figure="passed">{district.coverage.bodiesPassed}</strong>
          <span>of {district.bodies.length} bodies have passed it</span>
        </div>
      </section>

      <BallotSection campaign={campaign.id} districtId={district.id} />

      <DistrictEndorsers leverage={district.endorsers} ladder={campaign.endorserLadder} />

      <div className="brief-columns">
        <section className="brief-map" aria-label="Map">
          {shapes.data ? (
            <DistrictMap district={shapes.data.district} bodies={shapes.data.bodies} stages={stages} scheme={scheme} label={`Map of ${label} with its bodies coloured by stage`} />
          ) : shapes.error ? (
            <p className="muted">The map could not be drawn: {shapes.error.message}</p>
          ) : (
            <p className="muted">Drawing the map…</p>
          )}
          <ul className="brief-legend">
            {scheme.stages
              .filter((stage) => district.bodies.some((body) => body.stage === stage.id))
              .map((stage) => (
                <li key={stage.id}>
                  <StageBadge scheme={scheme} stageId={stage.id} /> {district.bodies.filter((body) => body.stage === stage.id).length}
                </li>
              ))}
          </ul>
        </section>

        <section aria-labelledby="passed-title">
          <h2 id="passed-title">Passed ({passed.length})</h2>
          {passed.length === 0 ? (
            <p className="muted">No body in this district has passed the resolution yet.</p>
          ) : (
            <table className="brief-table">
              <thead>
                <tr>
                  <th scope="col">Body</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Vote</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {passed.map((body) => (
                  <tr key={body.bodyId}>
                    <td>
                      {nameOf(body)}
                      {body.sponsors.length > 0 && <small className="sponsors">Sponsors: {body.sponsors.map((sponsor) => sponsor.name).join(", ")}</small>}
                    </td>
                    <td>{body.stageDate ?? "–"}</td>
                    <td>{body.tally ? `${body.tally.yes ?? "?"}–${body.tally.no ?? "?"}` : "–"}</td>
                    <td>{percent(body.shareOfDistrict)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>Best next targets</h2>
          {district.nextTargets.length === 0 ? (
            <p className="muted">Nothing left to win here, or no body overlaps the district.</p>
          ) : (
            <table className="brief-table">
              <thead>
                <tr>
                  <th scope="col">Body</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Would add</th>
                </tr>
              </thead>
              <tbody>
                {district.nextTargets.slice(0, 6).map((target) => (
                  <tr key={target.bodyId}>
                    <td>{nameOf(target)}</td>
                    <td>{findStage(scheme, target.stage)?.label ?? target.stage}</td>
                    <td>
                      {percent(target.gain)} <span className="muted">of {target.basis === "population" ? "people" : "area"}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      {comparison.data && <RedistrictingSection campaignId={campaign.id} districtId={district.id} comparison={comparison.data} />}

      <section className="screen-only" aria-labelledby="bodies-title">
        <h2 id="bodies-title">Every body in the district</h2>
        <ul className="overlap-list">
          {district.bodies.map((body) => (
            <li key={body.bodyId}>
              {nameOf(body)} <StageBadge scheme={scheme} stageId={body.stage} />{" "}
              <small className="muted">
                {BODY_KIND_LABELS[body.kind as BodyKind] ?? body.kind} · {percent(body.shareOfDistrict)} of the district
              </small>
            </li>
          ))}
        </ul>
      </section>
      <AlliesPanel campaign={campaign} target={{ districtId }} />
      <footer className="brief-footer">Coverage counts a body nested in a passed body once; people are apportioned by area. Source: Groundswell, {today}.</footer>
    </main>
  );
}
