import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { countsAsPassed, findStage } from "../../../shared/model/stage";
import { utcDay } from "../../../shared/rules/replay";
import { allowedMoves } from "../../../shared/rules/stage-transitions";
import { AlliesPanel } from "../DistrictScreen/AlliesPanel";
import { PublicBodyPanel } from "../PublicMapScreen/PublicBodyPanel";
import { isUnauthorized } from "../../api/errors";
import { useSession } from "../../api/session";
import { SignInPrompt } from "../../components/SignInPrompt";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { bodyEditRefusal, canEditAnyBody, canEditBodyInArea, canReadPrivate } from "../../../shared/model/account";
import { useEndorsers } from "../../api/map-data";
import { LinkedEndorsers } from "../../components/LinkedEndorsers";
import { districtLabel } from "../../../shared/model/district";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SidePanel } from "../../components/SidePanel";
import { BodyHeading } from "../../components/BodyHeading";
import { ShareBar } from "../../components/ShareBar";
import { StageBadge } from "../../components/StageBadge";
import { formatDateTime } from "../../lib/format";
import { EvidenceSection } from "./EvidenceSection";
import { NextActionsSection } from "./NextActionsSection";
import { NoteSection } from "./NoteSection";
import { UndoStageButton } from "./UndoStageButton";
import { VoteSection } from "./VoteSection";
import { WhipSection } from "./WhipSection";

export function BodyPanel({
  campaign,
  bodyId,
  onClose,
  onPickDistrict,
}: {
  campaign: Campaign;
  bodyId: number;
  onClose: () => void;
  onPickDistrict: (districtId: number) => void;
}) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const scheme = campaign.stageScheme;
  const body = useQuery(trpc.body.get.queryOptions({ campaignId: campaign.id, bodyId }));
  const { session, role } = useSession();
  // A hub member edits the bodies in their hub's area; the server checks every write again.
  const hubId = role === "hub" ? (session?.user?.hubId ?? null) : null;
  const hub = useQuery({ ...trpc.hub.get.queryOptions({ hubId: hubId ?? 0 }), enabled: hubId !== null });
  const hubArea = hub.data ? { districtIds: hub.data.districts.map((district) => district.id), bodyIds: hub.data.bodies.map((entry) => entry.id) } : null;
  const mayEdit = body.data ? canEditBodyInArea(role, { id: bodyId, districtIds: body.data.districts.map((district) => district.districtId) }, hubArea) : false;
  const resolution = useQuery(trpc.resolution.get.queryOptions({ campaignId: campaign.id, bodyId }));
  const endorsers = useEndorsers(campaign.id, { enabled: canReadPrivate(role) });
  const [toStage, setToStage] = useState("");
  const [note, setNote] = useState("");
  const [happenedOn, setHappenedOn] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  const changeStage = useMutation(
    trpc.resolution.changeStage.mutationOptions({
      onSuccess: (result) => {
        void applyChange({ kind: "resolution" }, result);
        setToStage("");
        setNote("");
        setHappenedOn("");
      },
    }),
  );

  const isConflict = changeStage.error instanceof TRPCClientError && changeStage.error.data?.code === "CONFLICT";
  const detail = body.data;
  const stage = detail ? findStage(scheme, detail.stage) : undefined;
  const passed = stage !== undefined && countsAsPassed(stage);
  const moves = detail ? allowedMoves(scheme, detail.stage) : [];

  // The panel is keyed by body, so its form starts empty for each body; move focus to its title.
  useEffect(() => {
    heading.current?.focus();
  }, [detail?.id]);

  // Not signed in: the body's public facts, and what signing in adds.
  if (body.error && isUnauthorized(body.error)) {
    return (
      <PublicBodyPanel
        campaign={campaign}
        bodyId={bodyId}
        asOf={null}
        onClose={onClose}
        notice={<SignInPrompt what="Signed-in campaign members also see its history, whip count, next actions and notes." />}
      />
    );
  }

  return (
    <SidePanel labelledBy="body-panel-title" onClose={onClose} record={body} failureTitle="Could not load this body">
      {(detail) => (
        <>
          <BodyHeading id="body-panel-title" body={detail} headingRef={heading} />
          <div className="current-stage">
            <span className="muted">Current stage</span>
            <StageBadge scheme={scheme} stageId={detail.stage} />
          </div>

          {!mayEdit && (
            <p className="read-only-note" data-testid="read-only-note">
              {bodyEditRefusal(session)}.
            </p>
          )}
          {mayEdit && (
            <form
              className="stage-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (!toStage) return;
                changeStage.mutate({
                  campaignId: campaign.id,
                  bodyId,
                  toStage,
                  expectedVersion: detail.version,
                  note: note || undefined,
                  happenedOn: happenedOn || undefined,
                });
              }}
            >
              <h3>Change stage</h3>
              {moves.length === 0 ? (
                <p className="muted">“{findStage(scheme, detail.stage)?.label}” is final; no further moves.</p>
              ) : (
                <>
                  <label htmlFor="to-stage">Move to</label>
                  <select id="to-stage" value={toStage} onChange={(event) => setToStage(event.target.value)}>
                    <option value="">Choose a stage…</option>
                    {moves.map((stage) => (
                      <option key={stage.id} value={stage.id}>
                        {stage.label}
                      </option>
                    ))}
                  </select>
                  <label htmlFor="stage-note">Note (optional)</label>
                  <textarea
                    id="stage-note"
                    rows={2}
                    maxLength={2000}
                    placeholder="What happened? e.g. “Sponsor agreed after the March forum”"
                    value={note}
                    onChange={(event) => setNote(event.target.value)}
                  />
                  <label htmlFor="stage-happened-on">When it happened</label>
                  <input
                    id="stage-happened-on"
                    type="date"
                    value={happenedOn}
                    min={lastHappenedOn(detail.history)}
                    max={utcDay(new Date())}
                    aria-describedby="stage-happened-on-help"
                    onChange={(event) => setHappenedOn(event.target.value)}
                  />
                  <p id="stage-happened-on-help" className="hint">
                    Leave empty for today. A past day puts the change there on the map “as of” that day.
                  </p>
                  <button type="submit" className="primary" disabled={!toStage || changeStage.isPending}>
                    {changeStage.isPending ? "Saving…" : "Save stage"}
                  </button>
                </>
              )}
              {changeStage.error && (
                <ErrorNotice
                  title={isConflict ? "Someone else changed this first" : "Not saved"}
                  message={changeStage.error.message}
                  error={changeStage.error}
                  onRetry={
                    isConflict
                      ? () => {
                          changeStage.reset();
                          void applyChange({ kind: "resolution" });
                        }
                      : undefined
                  }
                />
              )}
            </form>
          )}

          {resolution.error && (
            <ErrorNotice title="Could not load the vote details" message={resolution.error.message} error={resolution.error} onRetry={() => void resolution.refetch()} />
          )}
          {mayEdit && (
            <p className="meeting-link">
              <a href={`/meeting/${bodyId}?campaign=${campaign.id}`}>Meeting mode</a>: record the vote member by member from a phone in the chamber, even offline.
            </p>
          )}
          {resolution.data && <VoteSection details={resolution.data} canEdit={mayEdit} />}
          <WhipSection campaignId={campaign.id} bodyId={bodyId} canEdit={mayEdit} />
          <NextActionsSection campaignId={campaign.id} bodyId={bodyId} canEdit={mayEdit} />
          {passed && <EvidenceSection campaignId={campaign.id} bodyId={bodyId} canEdit={mayEdit} canManage={canEditAnyBody(role)} />}
          {resolution.data && <NoteSection details={resolution.data} canEdit={mayEdit} />}

          <LinkedEndorsers bodyId={bodyId} endorsers={endorsers.data} ladder={campaign.endorserLadder} />

          <section className="districts" aria-labelledby="districts-title">
            <h3 id="districts-title">Legislative districts</h3>
            {detail.districts.length === 0 ? (
              <p className="muted">No district overlaps are known yet. Import district plans to see who represents this body.</p>
            ) : (
              <ul className="overlap-list">
                {detail.districts.map((district) => (
                  <li key={district.districtId}>
                    <button type="button" className="link-button" onClick={() => onPickDistrict(district.districtId)}>
                      {districtLabel(district)}
                    </button>
                    <ShareBar share={district.shareOfBody} label="of this body" />
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="history" aria-labelledby="history-title">
            <h3 id="history-title">History</h3>
            {mayEdit && detail.history[0] && detail.history[0].toStage === detail.stage && (
              <UndoStageButton campaignId={campaign.id} bodyId={bodyId} scheme={scheme} last={detail.history[0]} version={detail.version} />
            )}
            {detail.history.length === 0 ? (
              <p className="muted">No stage changes yet. The first change you save starts the history.</p>
            ) : (
              <ol>
                {detail.history.map((event) => (
                  <li key={event.id}>
                    <div className="history-move">
                      {event.fromStage ? <StageBadge scheme={scheme} stageId={event.fromStage} /> : <span className="muted">start</span>}
                      <span aria-label="to">→</span>
                      <StageBadge scheme={scheme} stageId={event.toStage} />
                    </div>
                    <div className="history-meta">
                      <time dateTime={event.happenedOn}>{event.happenedOn}</time>
                      {event.happenedOn !== event.occurredAt.slice(0, 10) && (
                        <>
                          {" "}
                          (recorded <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>)
                        </>
                      )}{" "}
                      · {event.actor}
                    </div>
                    {event.note && <p className="history-note">{event.note}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <AlliesPanel campaign={campaign} target={{ bodyId }} />
        </>
      )}
    </SidePanel>
  );
}

/** The day the body's last change happened: a new change cannot be dated before it. */
function lastHappenedOn(history: ReadonlyArray<{ happenedOn: string }>): string | undefined {
  return history.reduce<string | undefined>((last, event) => (!last || event.happenedOn > last ? event.happenedOn : last), undefined);
}
