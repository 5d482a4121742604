import { useQuery } from "@tanstack/react-query";
import { BODY_KIND_LABELS, type BodyKind } from "../../../shared/model/body";
import type { Campaign } from "../../../shared/model/campaign";
import { districtLabel } from "../../../shared/model/district";
import { stepLabel } from "../../../shared/rules/ladder";
import { useBills } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { SidePanel } from "../../components/SidePanel";
import { ShareBar } from "../../components/ShareBar";
import { StageBadge } from "../../components/StageBadge";
import { formatCount } from "../../lib/format";

/** A legislative district: the bodies it overlaps, their stages, and how much of it has passed. */
export function DistrictPanel({
  campaign,
  districtId,
  onClose,
  onPickBody,
}: {
  campaign: Campaign;
  districtId: number;
  onClose: () => void;
  onPickBody: (bodyId: number) => void;
}) {
  const trpc = useTRPC();
  const district = useQuery(trpc.district.get.queryOptions({ campaignId: campaign.id, districtId }));
  const bills = useBills(campaign.id);
  const billNames = new Map((bills.data ?? []).map((bill) => [bill.id, bill.name]));
  return (
    <SidePanel labelledBy="district-panel-title" onClose={onClose} record={district} failureTitle="Could not load this district">
      {(detail) => (
        <>
          <h2 id="district-panel-title">{districtLabel(detail)}</h2>
          <p className="body-meta">
            Plan {detail.vintage}
            {detail.isCurrent ? "" : " (not current)"} · {formatCount(Math.round(detail.areaKm2))} km²
            {detail.geoid ? ` · GEOID ${detail.geoid}` : ""}
          </p>
          <div className="coverage">
            <ShareBar share={detail.coverage.areaShare} label="of the district's area has passed a resolution" />
            {detail.coverage.populationShare !== null && <ShareBar share={detail.coverage.populationShare} label="of its people live where it passed" />}
          </div>
          {detail.legislators.length > 0 && (
            <p className="body-meta">
              {detail.legislators
                .map(
                  (legislator) =>
                    `${legislator.name} (${legislator.party ?? "?"}): ${legislator.steps.map((entry) => `${billNames.get(entry.billId) ?? "bill"} ${stepLabel(campaign.ladder, entry.step)}`).join(", ")}`,
                )
                .join(" · ")}
            </p>
          )}
          {detail.endorsers.summary && (
            <p className="body-meta" data-testid="district-panel-endorsers" title={detail.endorsers.basis}>
              {detail.endorsers.summary}
            </p>
          )}
          <p>
            <a href={`/districts/${detail.id}?campaign=${campaign.id}`}>District page and printable brief →</a>
          </p>
          <h3>Bodies in this district ({detail.bodies.length})</h3>
          {detail.bodies.length === 0 ? (
            <p className="muted">No body overlaps this district. Import the municipal layer that covers it.</p>
          ) : (
            <ul className="overlap-list">
              {detail.bodies.map((body) => (
                <li key={body.bodyId}>
                  <button type="button" className="link-button" onClick={() => onPickBody(body.bodyId)}>
                    {body.name}
                  </button>
                  <StageBadge scheme={campaign.stageScheme} stageId={body.stage} />
                  <small className="muted">
                    {BODY_KIND_LABELS[body.kind as BodyKind] ?? body.kind}
                    {body.state ? ` · ${body.state}` : ""}
                  </small>
                  <ShareBar share={body.shareOfDistrict} label="of the district" />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </SidePanel>
  );
}
