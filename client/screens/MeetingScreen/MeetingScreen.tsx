import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { findStage } from "../../../shared/model/stage";
import { countMeetingVotes, MEETING_VOTE_LABELS, MEETING_VOTES, type MeetingVote } from "../../../shared/rules/meeting-tally";
import { useTRPC } from "../../api/trpc";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StatusOverlay } from "../../components/StatusOverlay";
import { useMeetingOutbox } from "./use-meeting-outbox";

const OUTCOME_LABELS = { passed: "Passes", failed: "Fails", no_quorum: "No quorum" } as const;

/** `/meeting/:body` (`?campaign=`): the phone screen for the person in the chamber during a vote. */
export function MeetingScreen({ bodyId }: { bodyId: string }) {
  const id = Number(bodyId);
  if (!Number.isInteger(id) || id <= 0)
    return (
      <StatusOverlay>
        No body “{bodyId}”. <a href="/">Back to the map</a>
      </StatusOverlay>
    );
  return <CampaignPage>{(campaign) => <MeetingMode campaign={campaign} bodyId={id} />}</CampaignPage>;
}

/** The marks survive a reload (and a reload with no connection, through the service worker). */
function useStoredVotes(key: string) {
  const [votes, setVotes] = useState<Record<number, MeetingVote>>(() => {
    try {
      return JSON.parse(window.localStorage.getItem(key) ?? "{}") as Record<number, MeetingVote>;
    } catch {
      return {};
    }
  });
  useEffect(() => window.localStorage.setItem(key, JSON.stringify(votes)), [key, votes]);
  return [votes, setVotes] as const;
}

/** Tapping the marked vote again clears it. */
function toggleVote(votes: Record<number, MeetingVote>, memberId: number, vote: MeetingVote): Record<number, MeetingVote> {
  const next = { ...votes };
  if (next[memberId] === vote) delete next[memberId];
  else next[memberId] = vote;
  return next;
}

const pad = (value: number) => String(value).padStart(2, "0");

function MeetingMode({ campaign, bodyId }: { campaign: Campaign; bodyId: number }) {
  const trpc = useTRPC();
  const body = useQuery(trpc.body.get.queryOptions({ campaignId: campaign.id, bodyId }));
  const board = useQuery(trpc.member.board.queryOptions({ campaignId: campaign.id, bodyId }));
  const [votes, setVotes] = useStoredVotes(`groundswell.meeting-votes.${campaign.id}.${bodyId}`);
  const outbox = useMeetingOutbox();
  const members = useMemo(() => board.data?.members ?? [], [board.data]);
  const setup = board.data?.setup;
  const count = useMemo(
    () =>
      countMeetingVotes(
        votes,
        members.map((member) => member.id),
        { seats: setup?.seats ?? null, vacancies: setup?.vacancies, quorum: setup?.quorum, rule: setup?.voteRule },
      ),
    [votes, members, setup],
  );
  const waiting = outbox.queue.filter((item) => item.bodyId === bodyId && item.campaignId === campaign.id);

  if (body.isPending || board.isPending) return <StatusOverlay busy>Loading the body and its members…</StatusOverlay>;
  const failure = body.error ?? board.error;
  if (failure || !body.data || !board.data)
    return (
      <StatusOverlay>
        <ErrorNotice title="Could not load meeting mode" message={failure?.message ?? ""} error={failure} onRetry={() => void Promise.all([body.refetch(), board.refetch()])} />
      </StatusOverlay>
    );

  const needed = board.data.whip.needed;
  const stage = findStage(campaign.stageScheme, body.data.stage);
  const record = () => {
    const now = new Date();
    const voteDate = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const voteTime = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
    outbox.record({
      key: `${campaign.id}-${bodyId}-${now.toISOString()}`,
      campaignId: campaign.id,
      bodyId,
      expectedVersion: body.data.version,
      changes: { tally: count.recordable, voteDate, voteTime },
      rollCall: members.flatMap((member) => (votes[member.id] ? [{ memberId: member.id, vote: votes[member.id]! }] : [])),
      recordedAt: now.toISOString(),
    });
  };

  return (
    <main className="meeting-page" id="main">
      <header className="meeting-header">
        <a href={`/?body=${bodyId}`} className="meeting-back">
          ← Map
        </a>
        <div>
          <h1>{body.data.name}</h1>
          <p className="muted">
            Meeting mode · {campaign.name} · now: {stage?.label ?? body.data.stage}
          </p>
        </div>
      </header>

      <section className="meeting-tally" aria-live="polite" data-testid="meeting-tally">
        <p className="meeting-tally-line">
          <strong>{count.marked.yes}</strong> yes · <strong>{count.marked.no}</strong> no · {count.marked.abstain} abstain · {count.marked.absent} absent
          {count.unmarked > 0 ? ` · ${count.unmarked} not marked` : ""}
        </p>
        <p className={`meeting-needed ${needed !== null && count.marked.yes >= needed ? "is-secured" : ""}`}>
          {needed === null
            ? "Seats unknown: set them in the body panel to know the votes needed."
            : `${count.marked.yes} of ${needed} yes votes needed with every member present (whip count)`}
          {" · "}
          As marked ({count.recordable.yes + count.recordable.no + count.recordable.abstain} present): <strong>{OUTCOME_LABELS[count.outcome]}</strong>
        </p>
      </section>

      {members.length === 0 ? (
        <p className="meeting-empty">
          No members listed for this body. Add them in the body panel's whip count first. <a href={`/?body=${bodyId}`}>Open the body panel</a>
        </p>
      ) : (
        <ul className="meeting-members" aria-label="Members">
          {members.map((member) => (
            <li key={member.id} className="meeting-member">
              <span className="meeting-member-name">
                {member.name}
                {member.role ? <span className="muted"> · {member.role}</span> : null}
              </span>
              <span className="meeting-votes" role="group" aria-label={`Vote of ${member.name}`}>
                {MEETING_VOTES.map((vote) => (
                  <button
                    key={vote}
                    type="button"
                    className={`meeting-vote is-${vote}`}
                    aria-pressed={votes[member.id] === vote}
                    onClick={() => setVotes((current) => toggleVote(current, member.id, vote))}
                  >
                    {MEETING_VOTE_LABELS[vote]}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}

      <footer className="meeting-footer">
        <button type="button" className="primary meeting-record" disabled={members.length === 0 || count.unmarked === members.length} onClick={record}>
          Record result: {count.recordable.yes}–{count.recordable.no}–{count.recordable.abstain}, {count.recordable.absent} absent
        </button>
        <MeetingSyncStatus outbox={outbox} waiting={waiting} />
        {count.unmarked < members.length && (
          <button type="button" className="link-button" onClick={() => setVotes({})}>
            Clear the marks for the next vote
          </button>
        )}
      </footer>
    </main>
  );
}

function MeetingSyncStatus({ outbox, waiting }: { outbox: ReturnType<typeof useMeetingOutbox>; waiting: ReturnType<typeof useMeetingOutbox>["queue"] }) {
  if (waiting.length === 0) {
    return outbox.lastSent ? (
      <p className="meeting-sync is-sent" role="status">
        Saved to the campaign at {outbox.lastSent.changes.voteTime}: {outbox.lastSent.changes.tally.yes}–{outbox.lastSent.changes.tally.no}.
      </p>
    ) : (
      <p className="meeting-sync muted">Mark each member's vote, then record the result. It is kept on this phone if the connection drops.</p>
    );
  }
  return (
    <ul className="meeting-sync" role="status">
      {waiting.map((item) => (
        <li key={item.key}>
          {!item.problem && item.tallySavedAs === undefined && (
            <>
              Recorded {item.changes.tally.yes}–{item.changes.tally.no}–{item.changes.tally.abstain} at {item.changes.voteTime}, kept on this phone: waiting for a connection to
              send it
              {outbox.sending ? " (sending…)" : ""}.
            </>
          )}
          {!item.problem && item.tallySavedAs !== undefined && (
            <>
              Tally {item.changes.tally.yes}–{item.changes.tally.no} saved; who voted how is kept on this phone: waiting for a connection to send it
              {outbox.sending ? " (sending…)" : ""}.
            </>
          )}
          {item.problem?.kind === "conflict" && (
            <>
              Someone else saved this resolution since ({item.problem.summary}).{" "}
              <button type="button" onClick={() => outbox.resendOnNewer(item)}>
                {item.tallySavedAs === undefined ? "Send my tally anyway" : "Send who voted how anyway"}
              </button>{" "}
              <button type="button" onClick={() => outbox.discard(item)}>
                Drop mine
              </button>
            </>
          )}
          {item.problem?.kind === "refused" && (
            <>
              Not saved: {item.problem.message}{" "}
              <button type="button" onClick={() => outbox.discard(item)}>
                Dismiss
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
