import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import type { Campaign } from "../../shared/model/campaign";
import { STEP_SOURCE_LABELS, STEP_SOURCES, type Bill, type StepEvent } from "../../shared/model/ladder";
import type { LegislatorSummary } from "../../shared/model/legislator";
import { askFor, stepLabel } from "../../shared/rules/ladder";
import { useApplyChange } from "../api/change-queries";
import { useTRPC } from "../api/trpc";
import { LadderStepBadge } from "./LadderStepBadge";
import { MeetingLog } from "./MeetingLog";

/**
 * A legislator on the district page and brief: their step on each of the campaign's bills and,
 * for those who may change it, a form to move them (bill, step, source, link, private note), the
 * history per bill with "Undo last change". The history and the form never print.
 */
export function LegislatorCard({
  campaign,
  bills,
  legislator,
  canEdit,
  canRead,
  children,
}: {
  campaign: Campaign;
  bills: Bill[];
  legislator: LegislatorSummary;
  canEdit: boolean;
  canRead: boolean;
  /** More about them under the steps (the brief's contacts and committees). */
  children?: ReactNode;
}) {
  const trpc = useTRPC();
  const history = useQuery({ ...trpc.legislator.stepHistory.queryOptions({ campaignId: campaign.id, legislatorId: legislator.legislatorId }), enabled: canRead });
  const billName = (billId: number) => bills.find((bill) => bill.id === billId)?.name ?? "the bill";
  return (
    <article className="legislator-card" aria-label={legislator.name}>
      <h2>{legislator.name}</h2>
      <p className="muted">
        {legislator.party ?? "Party unknown"} · district {legislator.districtName}
      </p>
      <table className="ladder-steps">
        <caption className="visually-hidden">Ladder step of {legislator.name} on each bill</caption>
        <tbody>
          {legislator.steps.map((entry) => {
            const ask = askFor(campaign.ladder, entry.step);
            return (
              <tr key={entry.billId}>
                <th scope="row">{billName(entry.billId)}</th>
                <td>
                  <LadderStepBadge ladder={campaign.ladder} step={entry.step} />
                </td>
                <td className="ladder-ask">
                  {ask ? (
                    <>
                      The ask: <strong>{ask.label}</strong>
                      {ask.description ? ` (${ask.description.charAt(0).toLowerCase()}${ask.description.slice(1)})` : ""}
                    </>
                  ) : (
                    "At the top of the ladder: thank them"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {children}
      {canEdit && bills.length > 0 && <StepForm campaign={campaign} bills={bills} legislator={legislator} />}
      {canRead && history.data && history.data.length > 0 && (
        <StepHistory campaign={campaign} legislator={legislator} events={history.data} billName={billName} canEdit={canEdit} />
      )}
      {canRead && <MeetingLog campaign={campaign} bills={bills} legislatorId={legislator.legislatorId} legislatorName={legislator.name} canEdit={canEdit} />}
    </article>
  );
}

function StepForm({ campaign, bills, legislator }: { campaign: Campaign; bills: Bill[]; legislator: LegislatorSummary }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const id = useId();
  const [billId, setBillId] = useState(bills[0]!.id);
  const current = legislator.steps.find((entry) => entry.billId === billId)?.step ?? campaign.ladder.steps[0]!.id;
  const [step, setStep] = useState<string | null>(null);
  const [source, setSource] = useState<(typeof STEP_SOURCES)[number]>("meeting");
  const [link, setLink] = useState("");
  const [note, setNote] = useState("");
  const chosen = step ?? current;
  const save = useMutation(
    trpc.legislator.setStep.mutationOptions({
      onSuccess: async () => {
        setNote("");
        setLink("");
        setStep(null);
        await applyChange({ kind: "legislator" });
      },
    }),
  );
  return (
    <form
      className="stance-form screen-only"
      aria-label={`Move ${legislator.name} on the ladder`}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          campaignId: campaign.id,
          billId,
          legislatorId: legislator.legislatorId,
          step: chosen,
          source,
          link: link || null,
          note: note || null,
          expectedStep: current,
        });
      }}
    >
      {bills.length > 1 && (
        <>
          <label htmlFor={`${id}-bill`}>Bill</label>
          <select id={`${id}-bill`} value={billId} onChange={(event) => (setBillId(Number(event.target.value)), setStep(null))}>
            {bills.map((bill) => (
              <option key={bill.id} value={bill.id}>
                {bill.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-step`}>Move to step</label>
      <select id={`${id}-step`} value={chosen} onChange={(event) => setStep(event.target.value)}>
        {campaign.ladder.steps.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-source`}>Source</label>
      <select id={`${id}-source`} value={source} onChange={(event) => setSource(event.target.value as (typeof STEP_SOURCES)[number])}>
        {STEP_SOURCES.map((value) => (
          <option key={value} value={value}>
            {STEP_SOURCE_LABELS[value]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-link`}>Link (optional)</label>
      <input id={`${id}-link`} type="url" value={link} onChange={(event) => setLink(event.target.value)} placeholder="https://… a statement, an article" />
      <label htmlFor={`${id}-note`}>Private note (optional)</label>
      <input id={`${id}-note`} value={note} onChange={(event) => setNote(event.target.value)} placeholder="What they said, when" />
      <button type="submit" disabled={save.isPending || chosen === current}>
        {save.isPending ? "Saving…" : "Save step"}
      </button>
      {save.error && (
        <p className="error-text" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

function StepHistory({
  campaign,
  legislator,
  events,
  billName,
  canEdit,
}: {
  campaign: Campaign;
  legislator: LegislatorSummary;
  events: StepEvent[];
  billName: (billId: number) => string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const undo = useMutation(trpc.legislator.undoStep.mutationOptions({ onSuccess: () => applyChange({ kind: "legislator" }) }));
  const lastOfBill = new Map(events.map((event) => [event.billId, event.id]));
  return (
    <details className="step-history screen-only">
      <summary>Ladder history ({events.length})</summary>
      <ol>
        {[...events].reverse().map((event) => (
          <li key={event.id}>
            <time dateTime={event.occurredAt}>{event.occurredAt.slice(0, 10)}</time> · {billName(event.billId)}: {event.fromStep ? stepLabel(campaign.ladder, event.fromStep) : "—"}{" "}
            → {stepLabel(campaign.ladder, event.toStep)}{" "}
            <span className="muted">
              ({STEP_SOURCE_LABELS[event.source] ?? event.source}, {event.actor})
            </span>
            {event.link && (
              <>
                {" "}
                <a href={event.link} rel="noreferrer noopener" target="_blank">
                  link
                </a>
              </>
            )}
            {event.note && <div className="muted">{event.note}</div>}
            {canEdit && lastOfBill.get(event.billId) === event.id && (
              <button
                type="button"
                className="link-button"
                disabled={undo.isPending}
                onClick={() => undo.mutate({ campaignId: campaign.id, billId: event.billId, legislatorId: legislator.legislatorId, expectedEventId: event.id })}
              >
                Undo last change
              </button>
            )}
          </li>
        ))}
      </ol>
      {undo.error && (
        <p className="error-text" role="alert">
          {undo.error.message}
        </p>
      )}
    </details>
  );
}
