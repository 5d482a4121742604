import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SPONSOR_ROLE_LABELS, type BodyVotingSetup, type MemberWithPosition, type SponsorRole } from "../../../shared/model/member";
import { POSITION_LABELS, POSITIONS, VOTE_RULE_LABELS, VOTE_RULES, type Position, type VoteRule, type WhipCount } from "../../../shared/rules/whip";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { MemberForm } from "./MemberForm";

/** Colours of the whip bar, from yes (dark green) to no (dark purple); safe for red–green colour blindness. */
const POSITION_COLORS: Record<Position, string> = {
  yes: "#1b7837",
  lean_yes: "#7fbf7b",
  undecided: "#c9c9c9",
  lean_no: "#c2a5cf",
  no: "#762a83",
  unknown: "#eeeeee",
};

/**
 * The whip count: the at-a-glance line and bar, the members with their positions and sponsor
 * roles, adding members, and the body's voting rules.
 */
export function WhipSection({ campaignId, bodyId, canEdit }: { campaignId: number; bodyId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const board = useQuery(trpc.member.board.queryOptions({ campaignId, bodyId }));
  const refresh = () => void applyChange({ kind: "member" });
  const setPosition = useMutation(trpc.member.setPosition.mutationOptions({ onSettled: refresh }));
  const removeMember = useMutation(trpc.member.remove.mutationOptions({ onSettled: refresh }));

  return (
    <section className="panel-section" aria-labelledby="whip-title">
      <h3 id="whip-title">Whip count</h3>
      {board.isPending && <p className="muted">Loading members…</p>}
      {board.error && <ErrorNotice title="Could not load the whip count" message={board.error.message} error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && (
        <>
          <WhipLine whip={board.data.whip} />
          <VotingSetupEditor bodyId={bodyId} setup={board.data.setup} canEdit={canEdit} onSaved={refresh} />
          {board.data.members.length === 0 ? (
            <p className="muted">No members yet. Add the people who vote on this body to count where they stand.</p>
          ) : (
            <ul className="member-list" aria-label="Members">
              {board.data.members.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  canEdit={canEdit}
                  busy={setPosition.isPending || removeMember.isPending}
                  onChange={(change) => setPosition.mutate({ campaignId, memberId: member.id, ...change })}
                  onSaved={refresh}
                  onRemove={() => {
                    if (window.confirm(`Remove ${member.name} from this body? Their positions in every campaign go too.`)) removeMember.mutate({ memberId: member.id });
                  }}
                />
              ))}
            </ul>
          )}
          {setPosition.error && <ErrorNotice title="Position not saved" message={setPosition.error.message} error={setPosition.error} />}
          {removeMember.error && <ErrorNotice title="Member not removed" message={removeMember.error.message} error={removeMember.error} />}
          {canEdit && <AddMemberForm bodyId={bodyId} onAdded={refresh} />}
        </>
      )}
    </section>
  );
}

/** "5 of 9 needed: …" and a bar of positions with a marker at the votes needed. */
function WhipLine({ whip }: { whip: WhipCount }) {
  const total = Math.max(
    1,
    POSITIONS.reduce((sum, position) => sum + whip.counts[position], 0),
  );
  const status = whip.secured ? "is-secured" : whip.possible === false ? "is-blocked" : "";
  return (
    <div className="whip">
      <p className={`whip-line ${status}`} data-testid="whip-line">
        {whip.summary}
      </p>
      <div className="whip-bar" aria-hidden="true">
        {POSITIONS.filter((position) => whip.counts[position] > 0).map((position) => (
          <span
            key={position}
            style={{ width: `${(100 * whip.counts[position]) / total}%`, background: POSITION_COLORS[position] }}
            title={`${whip.counts[position]} ${POSITION_LABELS[position]}`}
          />
        ))}
        {whip.needed !== null && whip.needed <= total && <i className="whip-needed" style={{ left: `${(100 * whip.needed) / total}%` }} />}
      </div>
      <ul className="whip-key" aria-hidden="true">
        {POSITIONS.map((position) => (
          <li key={position}>
            <span className="swatch" style={{ background: POSITION_COLORS[position] }} /> {POSITION_LABELS[position]}
          </li>
        ))}
      </ul>
      {whip.needed !== null && whip.neededAtQuorum !== null && whip.neededAtQuorum < whip.needed && (
        <p className="hint">
          Counted with every sitting member present; with only a quorum ({whip.quorum}) present, {whip.neededAtQuorum} would do.
        </p>
      )}
    </div>
  );
}

type PositionChange = { position?: Position; sponsorRole?: SponsorRole | null; isInternal?: boolean; lastContactedOn?: string | null };

function MemberRow({
  member,
  canEdit,
  busy,
  onChange,
  onRemove,
  onSaved,
}: {
  member: MemberWithPosition;
  canEdit: boolean;
  busy: boolean;
  onChange: (change: PositionChange) => void;
  onRemove: () => void;
  onSaved: () => void;
}) {
  const id = `member-${member.id}`;
  return (
    <li className="member-row">
      <div className="member-name">
        <strong id={`${id}-name`}>{member.name}</strong>
        {member.role && <span className="muted"> · {member.role}</span>}
        {member.sponsorRole && <span className={`sponsor-mark sponsor-${member.sponsorRole}`}>{SPONSOR_ROLE_LABELS[member.sponsorRole]}</span>}
        {member.isInternal && <span className="private-tag">internal</span>}
      </div>
      <div className="member-controls">
        <label>
          <span className="visually-hidden">Position of {member.name}</span>
          <select value={member.position} disabled={!canEdit || busy} onChange={(event) => onChange({ position: event.target.value as Position })} aria-describedby={`${id}-name`}>
            {POSITIONS.map((position) => (
              <option key={position} value={position}>
                {POSITION_LABELS[position]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Sponsor role of {member.name}</span>
          <select value={member.sponsorRole ?? ""} disabled={!canEdit || busy} onChange={(event) => onChange({ sponsorRole: (event.target.value || null) as SponsorRole | null })}>
            <option value="">Not a sponsor</option>
            <option value="lead">Lead sponsor</option>
            <option value="cosponsor">Cosponsor</option>
          </select>
        </label>
      </div>
      <div className="member-contact">
        <label>
          Last contacted{" "}
          <input type="date" value={member.lastContactedOn ?? ""} disabled={!canEdit || busy} onChange={(event) => onChange({ lastContactedOn: event.target.value || null })} />
        </label>
        {member.contactedBy && <span className="muted"> by {member.contactedBy}</span>}
        <label className="check">
          <input type="checkbox" checked={member.isInternal} disabled={!canEdit || busy} onChange={(event) => onChange({ isInternal: event.target.checked })} />
          Internal
        </label>
        {canEdit && (
          <button type="button" className="link-button danger" onClick={onRemove} disabled={busy}>
            Remove
          </button>
        )}
      </div>
      {member.termEnd && <p className="member-meta">Term ends {member.termEnd}</p>}
      {(member.publicContact || member.privateContact) && (
        <p className="member-meta">
          {member.publicContact && <span>Public: {member.publicContact}</span>}
          {member.privateContact && <span>Private: {member.privateContact}</span>}
        </p>
      )}
      {canEdit && <EditMemberForm member={member} onSaved={onSaved} />}
    </li>
  );
}

function AddMemberForm({ bodyId, onAdded }: { bodyId: number; onAdded: () => void }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.member.add.mutationOptions({ onSuccess: onAdded }));
  return (
    <details className="add-member">
      <summary>Add a member</summary>
      <MemberForm
        submitLabel="Add member"
        busy={add.isPending}
        error={add.error?.message ?? null}
        onSubmit={(fields, reset) => add.mutate({ bodyId, ...fields }, { onSuccess: reset })}
      />
    </details>
  );
}

function EditMemberForm({ member, onSaved }: { member: MemberWithPosition; onSaved: () => void }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.member.update.mutationOptions({ onSuccess: onSaved }));
  return (
    <details className="edit-member">
      <summary>Edit details of {member.name}</summary>
      <MemberForm
        initial={member}
        submitLabel="Save member"
        busy={update.isPending}
        error={update.error?.message ?? null}
        onSubmit={(fields) => update.mutate({ memberId: member.id, changes: fields })}
      />
    </details>
  );
}

function VotingSetupEditor({ bodyId, setup, canEdit, onSaved }: { bodyId: number; setup: BodyVotingSetup; canEdit: boolean; onSaved: () => void }) {
  const trpc = useTRPC();
  const [seats, setSeats] = useState(setup.seats?.toString() ?? "");
  const [vacancies, setVacancies] = useState(setup.vacancies?.toString() ?? "");
  const [quorum, setQuorum] = useState(setup.quorum?.toString() ?? "");
  const [voteRule, setVoteRule] = useState<VoteRule | "">(setup.voteRule ?? "");
  const [hasVeto, setHasVeto] = useState(setup.hasVeto);
  const [overrideRule, setOverrideRule] = useState<VoteRule | "">(setup.overrideRule ?? "");
  const save = useMutation(trpc.member.setVotingSetup.mutationOptions({ onSuccess: onSaved }));
  const number = (value: string) => (value.trim() === "" ? null : Number(value));
  const ruleLabel = VOTE_RULE_LABELS[setup.voteRule ?? "majority_present"];
  return (
    <details className="voting-setup">
      <summary>
        Voting rules: {setup.seats ? `${setup.seats} seats` : "seats unknown"}
        {setup.vacancies ? `, ${setup.vacancies} vacant` : ""} · {ruleLabel.toLowerCase()}
        {setup.hasVeto ? " · mayor's veto" : ""}
      </summary>
      <form
        className="field-grid"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            bodyId,
            seats: number(seats),
            vacancies: number(vacancies),
            quorum: number(quorum),
            voteRule: voteRule || null,
            hasVeto,
            overrideRule: hasVeto ? overrideRule || null : null,
          });
        }}
      >
        <fieldset className="field-grid wide" disabled={!canEdit}>
          <legend className="visually-hidden">Voting rules</legend>
          <label className="field">
            <span>Seats</span>
            <input type="number" min={1} value={seats} onChange={(event) => setSeats(event.target.value)} />
          </label>
          <label className="field">
            <span>Vacancies</span>
            <input type="number" min={0} value={vacancies} onChange={(event) => setVacancies(event.target.value)} />
          </label>
          <label className="field">
            <span>Quorum</span>
            <input type="number" min={1} value={quorum} placeholder="majority" onChange={(event) => setQuorum(event.target.value)} />
          </label>
          <label className="field wide">
            <span>Passes with</span>
            <select value={voteRule} onChange={(event) => setVoteRule(event.target.value as VoteRule | "")}>
              <option value="">{VOTE_RULE_LABELS.majority_present} (default)</option>
              {VOTE_RULES.filter((rule) => rule !== "majority_present").map((rule) => (
                <option key={rule} value={rule}>
                  {VOTE_RULE_LABELS[rule]}
                </option>
              ))}
            </select>
          </label>
          <label className="check wide">
            <input type="checkbox" checked={hasVeto} onChange={(event) => setHasVeto(event.target.checked)} />A mayor (or executive) can veto
          </label>
          {hasVeto && (
            <label className="field wide">
              <span>Overriding a veto needs</span>
              <select value={overrideRule} onChange={(event) => setOverrideRule(event.target.value as VoteRule | "")}>
                <option value="">{VOTE_RULE_LABELS.two_thirds_full} (default)</option>
                {VOTE_RULES.filter((rule) => rule !== "two_thirds_full").map((rule) => (
                  <option key={rule} value={rule}>
                    {VOTE_RULE_LABELS[rule]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {canEdit && (
            <button type="submit" className="secondary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save voting rules"}
            </button>
          )}
        </fieldset>
        {save.error && <ErrorNotice title="Voting rules not saved" message={save.error.message} error={save.error} />}
      </form>
    </details>
  );
}
