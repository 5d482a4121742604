import { useQuery } from "@tanstack/react-query";
import type { Campaign } from "../../../shared/model/campaign";
import { CHAMBER_LABELS, type Chamber } from "../../../shared/model/district";
import { stepLabel } from "../../../shared/rules/ladder";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { downloadCsv } from "../../lib/download";
import { LadderStepBadge } from "../../components/LadderStepBadge";

const percent = (share: number) => `${Math.round(share * 100)}%`;
const people = (count: number | null) => (count === null ? "–" : count.toLocaleString("en-US"));

/**
 * "Where to recruit next": the chamber's districts no hub covers whole, most people left
 * uncovered first (shared/rules/recruiting-gaps.ts), with the towns to recruit in and where the
 * sitting legislator stands on the campaign's first bill; downloadable as CSV.
 */
export function GapList({ campaign, chamber }: { campaign: Campaign; chamber: Chamber }) {
  const trpc = useTRPC();
  const gaps = useQuery(trpc.hub.gaps.queryOptions({ campaignId: campaign.id, chamber }));
  if (gaps.isPending) return <p className="muted">Ranking the gaps…</p>;
  if (gaps.error) return <ErrorNotice title="Could not rank the gaps" message={gaps.error.message} onRetry={() => void gaps.refetch()} />;
  if (gaps.data.length === 0) return <p className="muted">Every {CHAMBER_LABELS[chamber]} district has a hub covering all of it.</p>;
  const download = () => {
    const records = gaps.data.map((gap) => ({
      district: gap.label,
      legislators: gap.legislators.map((legislator) => `${legislator.name} (${stepLabel(campaign.ladder, legislator.step)})`).join("; "),
      share_not_covered: gap.uncoveredShare.toFixed(3),
      people_not_covered: gap.peopleNotCovered ?? "",
      towns_to_recruit: gap.townsToRecruit.map((town) => town.name).join("; "),
    }));
    downloadCsv(`${campaign.slug}-recruiting-${chamber}.csv`, records, ["district", "legislators", "share_not_covered", "people_not_covered", "towns_to_recruit"]);
  };
  return (
    <>
      <p className="muted">
        Districts a hub does not cover whole, most people left first: the people of towns no hub covers, counted for the part of each town inside the district. Among equals, the
        legislator lowest on the ladder comes first.{" "}
        <button type="button" className="secondary" onClick={download}>
          Download CSV ({gaps.data.length})
        </button>
      </p>
      <div className="pipeline-table-wrap">
        <table className="pipeline-table gap-table">
          <thead>
            <tr>
              <th scope="col">District</th>
              <th scope="col">Legislator</th>
              <th scope="col" className="numeric">
                People not covered
              </th>
              <th scope="col" className="numeric">
                Area not covered
              </th>
              <th scope="col">Towns to recruit in</th>
            </tr>
          </thead>
          <tbody>
            {gaps.data.map((gap) => (
              <tr key={gap.districtId}>
                <th scope="row">
                  <a href={`/districts/${gap.districtId}?campaign=${campaign.id}`}>{gap.label}</a>
                </th>
                <td>
                  {gap.legislators.length === 0
                    ? "–"
                    : gap.legislators.map((legislator) => (
                        <span key={legislator.legislatorId} className="gap-legislator">
                          <a href={`/legislators/${legislator.legislatorId}?campaign=${campaign.id}`}>{legislator.name}</a>{" "}
                          <LadderStepBadge ladder={campaign.ladder} step={legislator.step} />
                        </span>
                      ))}
                </td>
                <td className="numeric">{people(gap.peopleNotCovered)}</td>
                <td className="numeric">{percent(gap.uncoveredShare)}</td>
                <td className="gap-towns">
                  {gap.townsToRecruit.map((town) => (town.people === null ? town.name : `${town.name} (${people(town.people)})`)).join(", ") || "no town on the map"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
