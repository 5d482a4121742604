import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { COMMITTEE_CHAMBER_LABELS, describeCommitteeSeat } from "../../../shared/model/committee";
import { SEAT_CHAMBER_LABELS, SEAT_CHAMBERS, type SeatChamber } from "../../../shared/model/district";
import { committeeRoleOf, filterTargets, parseTargetFilters, targetCsvRows, targetFiltersToSearch, type TargetFilters } from "../../../shared/rules/targets";
import { useBills } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { useSession } from "../../api/session";
import { canReadPrivate } from "../../../shared/model/account";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LadderStepBadge } from "../../components/LadderStepBadge";
import { StatusOverlay } from "../../components/StatusOverlay";
import { downloadCsv } from "../../lib/download";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** `/targets?campaign=ID&chamber=…&bill=…&step=…&committee=…&rank=committee`: every legislator to move, filtered, ranked, downloadable. */
export function TargetsScreen() {
  return <CampaignPage>{(campaign) => <Targets campaign={campaign} />}</CampaignPage>;
}

function Targets({ campaign }: { campaign: Campaign }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.legislator.targets.queryOptions({ campaignId: campaign.id }));
  const bills = useBills(campaign.id);
  const { role } = useSession();
  const [filters, setFiltersState] = useState<TargetFilters>(() => parseTargetFilters(window.location.search));
  const setFilters = (next: TargetFilters) => {
    setFiltersState(next);
    window.history.replaceState(null, "", `${window.location.pathname}${targetFiltersToSearch(next, window.location.search)}`);
  };
  const rows = useMemo(() => filterTargets(list.data?.rows ?? [], filters, undefined, campaign.ladder), [list.data, filters, campaign.ladder]);
  if (list.isPending) return <StatusOverlay busy>Loading the legislators…</StatusOverlay>;
  if (list.error)
    return (
      <StatusOverlay>
        <ErrorNotice title="Could not load the legislators" message={list.error.message} onRetry={() => void list.refetch()} />
      </StatusOverlay>
    );
  const billList = bills.data ?? [];
  const states = [...new Set(list.data.rows.map((row) => row.state))].sort();
  const committees = list.data.committees.filter((committee) => filters.state === null || committee.state === filters.state);
  const committee = list.data.committees.find((entry) => entry.id === filters.committeeId) ?? null;
  const download = () => {
    const { columns, records } = targetCsvRows(rows, { bills: billList, ladder: campaign.ladder, committeeId: filters.committeeId });
    downloadCsv(`${campaign.slug}-targets.csv`, records, columns as Array<keyof (typeof records)[number] & string>);
  };
  const anyBallot = list.data.rows.some((row) => row.ballot !== null);
  const anyOtherPlan = list.data.rows.some((row) => row.otherPlan !== null);
  const canSeeContacts = canReadPrivate(role);
  const pageLink = (legislatorId: number) => `/legislators/${legislatorId}?campaign=${campaign.id}`;

  return (
    <main className="district-page targets-page">
      <nav className="district-actions" aria-label="Page">
        <a href={`/?campaign=${campaign.id}`}>← Back to the map</a>
        <button type="button" className="secondary" onClick={download} disabled={rows.length === 0}>
          Download CSV ({rows.length})
        </button>
      </nav>
      <header className="brief-header">
        <p className="brief-kicker">{campaign.name}</p>
        <h1>Targets</h1>
        <p className="muted">
          Every sitting legislator with their step on each bill, how far the towns in their district have moved, and their committees. Open one to log a step or see their contacts.
        </p>
      </header>

      <form className="targets-filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Chamber
          <select value={filters.chamber ?? ""} onChange={(event) => setFilters({ ...filters, chamber: (event.target.value || null) as SeatChamber | null })}>
            <option value="">All chambers</option>
            {SEAT_CHAMBERS.map((chamber) => (
              <option key={chamber} value={chamber}>
                {SEAT_CHAMBER_LABELS[chamber]}
              </option>
            ))}
          </select>
        </label>
        {states.length > 1 && (
          <label>
            State
            <select value={filters.state ?? ""} onChange={(event) => setFilters({ ...filters, state: event.target.value || null })}>
              <option value="">All states</option>
              {states.map((state) => (
                <option key={state}>{state}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Step
          <select value={filters.step ?? ""} onChange={(event) => setFilters({ ...filters, step: event.target.value || null })}>
            <option value="">Any step</option>
            {campaign.ladder.steps.map((step) => (
              <option key={step.id} value={step.id}>
                {step.label}
              </option>
            ))}
          </select>
        </label>
        {billList.length > 1 && (
          <label>
            on bill
            <select value={filters.billId ?? ""} onChange={(event) => setFilters({ ...filters, billId: event.target.value ? Number(event.target.value) : null })}>
              <option value="">any bill</option>
              {billList.map((bill) => (
                <option key={bill.id} value={bill.id}>
                  {bill.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Committee
          <select
            value={filters.committeeId ?? ""}
            onChange={(event) => setFilters({ ...filters, committeeId: event.target.value ? Number(event.target.value) : null, committeeFirst: Boolean(event.target.value) })}
            disabled={committees.length === 0}
          >
            <option value="">{committees.length === 0 ? "No committees imported" : "None chosen"}</option>
            {committees.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {COMMITTEE_CHAMBER_LABELS[entry.chamber]}: {entry.name}
              </option>
            ))}
          </select>
        </label>
        {committee && (
          <label className="checkbox">
            <input type="checkbox" checked={filters.committeeFirst} onChange={(event) => setFilters({ ...filters, committeeFirst: event.target.checked, whereNext: false })} />
            Members first
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={filters.noPassed} onChange={(event) => setFilters({ ...filters, noPassed: event.target.checked })} />
          No town passed yet
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filters.noHub} onChange={(event) => setFilters({ ...filters, noHub: event.target.checked })} />
          No hub
        </label>
        {anyBallot && (
          <label>
            Ballot question
            <select
              value={filters.noBallotYears ?? ""}
              onChange={(event) => setFilters({ ...filters, noBallotYears: event.target.value === "" ? null : Number(event.target.value) })}
            >
              <option value="">any</option>
              <option value="0">never run there</option>
              {[4, 6, 10].map((years) => (
                <option key={years} value={years}>
                  none in {years} years
                </option>
              ))}
            </select>
          </label>
        )}
        {anyBallot && (
          <label className="checkbox" title="Districts a hub covers first (someone to gather signatures), then the legislator lowest on the ladder">
            <input type="checkbox" checked={filters.whereNext} onChange={(event) => setFilters({ ...filters, whereNext: event.target.checked, committeeFirst: false })} />
            Where to run the next question first
          </label>
        )}
        {canSeeContacts && (
          <label>
            No meeting in
            <select value={filters.staleDays ?? ""} onChange={(event) => setFilters({ ...filters, staleDays: event.target.value ? Number(event.target.value) : null })}>
              <option value="">any time</option>
              {[30, 90, 180, 365].map((days) => (
                <option key={days} value={days}>
                  {days} days
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {list.data.committees.length === 0 && (
        <p className="muted">
          To flag the committee that holds the bill, import the state’s committees: <code>groundswell import data/&lt;state&gt;/committees --as committees --state XX</code>.
        </p>
      )}

      {list.data.rows.length === 0 ? (
        <p className="empty-state">
          No sitting legislators yet. Import them from Open States (<code>groundswell import data/&lt;state&gt;/legislature --as legislators</code>, or the Import screen), then
          come back.
        </p>
      ) : rows.length === 0 ? (
        <p className="empty-state">
          No legislator matches these filters.{" "}
          <button type="button" className="link-button" onClick={() => setFilters(parseTargetFilters(""))}>
            Clear the filters
          </button>
        </p>
      ) : (
        <div className="pipeline-table-wrap">
          <table className="pipeline-table targets-table">
            <caption className="visually-hidden">
              {rows.length} legislators{committee ? `, members of ${committee.name} flagged` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Legislator</th>
                <th scope="col">Seat</th>
                {billList.map((bill) => (
                  <th scope="col" key={bill.id}>
                    {bill.name}
                  </th>
                ))}
                <th scope="col" className="numeric">
                  Towns passed
                </th>
                <th scope="col" className="numeric">
                  Area covered
                </th>
                {anyOtherPlan && (
                  <th scope="col" className="numeric">
                    Covered under the other plan
                  </th>
                )}
                <th scope="col" className="numeric" title={list.data.rows.find((row) => row.endorsers)?.endorsers?.basis}>
                  Endorsers
                </th>
                {anyBallot && <th scope="col">Ballot question</th>}
                <th scope="col">Hubs</th>
                {canSeeContacts && <th scope="col">Last meeting</th>}
                <th scope="col">Committees</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const role = committeeRoleOf(row, filters.committeeId);
                return (
                  <tr key={`${row.legislatorId}-${row.chamber}-${row.districtName}`} className={role ? "on-committee" : undefined}>
                    <th scope="row">
                      <a href={pageLink(row.legislatorId)}>{row.name}</a>
                      {row.party && <small className="muted"> {row.party}</small>}
                      {role && committee && (
                        <span className="committee-flag" title={`${role} of ${committee.name}`}>
                          {role === "member" ? committee.name : `${committee.name} ${role}`}
                        </span>
                      )}
                    </th>
                    <td>{row.districtId ? <a href={`/districts/${row.districtId}?campaign=${campaign.id}`}>{row.label}</a> : row.label}</td>
                    {billList.map((bill) => (
                      <td key={bill.id}>
                        <LadderStepBadge ladder={campaign.ladder} step={row.steps.find((entry) => entry.billId === bill.id)?.step ?? campaign.ladder.steps[0]!.id} />
                      </td>
                    ))}
                    <td className="numeric">{row.coverage ? `${row.coverage.bodiesPassed} of ${row.coverage.bodies}` : "whole state"}</td>
                    <td className="numeric">{row.coverage ? percent(row.coverage.areaShare) : "–"}</td>
                    {anyOtherPlan && (
                      <td className="numeric" data-column="other-plan">
                        {row.otherPlan ? (
                          <>
                            {percent(row.otherPlan.areaShare)}{" "}
                            <small className="muted">
                              {row.otherPlan.label}, {row.otherPlan.districtName}
                            </small>
                          </>
                        ) : (
                          "–"
                        )}
                      </td>
                    )}
                    <td className="numeric" title={row.endorsers?.summary ?? undefined}>
                      {row.endorsers ? row.endorsers.count : "–"}
                    </td>
                    {anyBallot && (
                      <td>
                        {row.ballot
                          ? `${row.ballot.question}: ${row.ballot.pctYes === null ? "–" : `${row.ballot.pctYes.toFixed(1)} % yes`}${row.ballot.estimated ? " (est.)" : ""}`
                          : "–"}
                      </td>
                    )}
                    <td>{row.districtId === null ? "–" : row.hubs.length ? row.hubs.map((hub) => hub.name).join(", ") : <span className="gap">no hub</span>}</td>
                    {canSeeContacts && <td>{row.lastContact ?? "never"}</td>}
                    <td className="targets-committees">{row.committees.map(describeCommitteeSeat).join("; ") || "–"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
