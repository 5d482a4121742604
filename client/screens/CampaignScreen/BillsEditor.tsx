import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { CHAMBER_LABELS, CHAMBERS, type Chamber } from "../../../shared/model/district";
import { BILL_JURISDICTIONS, JURISDICTION_CHAMBERS, type Bill, type BillJurisdiction } from "../../../shared/model/ladder";
import { useApplyChange } from "../../api/change-queries";
import { useBills } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { OrderButtons } from "./OrderButtons";

const JURISDICTION_LABELS: Record<BillJurisdiction, string> = { state: "State legislature", federal: "Congress" };
const chambersOf = (jurisdiction: BillJurisdiction): Chamber[] => CHAMBERS.filter((chamber) => JURISDICTION_CHAMBERS[jurisdiction].includes(chamber));

/**
 * The campaign's bills: the state bill in each chamber, the federal bill… Legislators stand at a
 * ladder step on each; the first bill is the default of cosponsor imports without `--bill`.
 */
export function BillsEditor({ campaign, mayEdit }: { campaign: Campaign; mayEdit: boolean }) {
  const bills = useBills(campaign.id);
  return (
    <section className="card campaign-section" aria-labelledby="bills-title">
      <h2 id="bills-title">Bills</h2>
      <p className="muted">
        Each legislator stands at a step of the ladder on every bill. A cosponsor list is imported for one bill (<code>--bill "H.1239"</code>; the first bill when none is named)
        and matched to the legislators of its jurisdiction.
      </p>
      {bills.error && <ErrorNotice title="Could not load the bills" message={bills.error.message} onRetry={() => void bills.refetch()} />}
      <ol className="bill-list">
        {(bills.data ?? []).map((bill, index, all) => (
          <BillRow key={`${bill.id}:${bill.name}:${bill.jurisdiction}:${bill.chamber}`} bill={bill} index={index} count={all.length} mayEdit={mayEdit} />
        ))}
      </ol>
      {mayEdit && <AddBillForm campaign={campaign} />}
    </section>
  );
}

function BillFields({
  name,
  jurisdiction,
  chamber,
  onChange,
  disabled,
  idPrefix,
}: {
  name: string;
  jurisdiction: BillJurisdiction;
  chamber: Chamber | null;
  onChange: (change: { name?: string; jurisdiction?: BillJurisdiction; chamber?: Chamber | null }) => void;
  disabled: boolean;
  idPrefix: string;
}) {
  return (
    <>
      <label className="field">
        <span>{idPrefix === "new" ? "New bill" : "Bill"}</span>
        <input value={name} maxLength={60} required disabled={disabled} placeholder="e.g. H.1239" onChange={(event) => onChange({ name: event.target.value })} />
      </label>
      <label className="field">
        <span>Jurisdiction</span>
        <select value={jurisdiction} disabled={disabled} onChange={(event) => onChange({ jurisdiction: event.target.value as BillJurisdiction, chamber: null })}>
          {BILL_JURISDICTIONS.map((value) => (
            <option key={value} value={value}>
              {JURISDICTION_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Filed in</span>
        <select value={chamber ?? ""} disabled={disabled} onChange={(event) => onChange({ chamber: (event.target.value || null) as Chamber | null })}>
          <option value="">Not said</option>
          {chambersOf(jurisdiction).map((value) => (
            <option key={value} value={value}>
              {CHAMBER_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function BillRow({ bill, index, count, mayEdit }: { bill: Bill; index: number; count: number; mayEdit: boolean }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const [draft, setDraft] = useState({ name: bill.name, jurisdiction: bill.jurisdiction, chamber: bill.chamber });
  const refresh = { onSuccess: () => applyChange({ kind: "campaign" }) };
  const save = useMutation(trpc.bill.update.mutationOptions(refresh));
  const move = useMutation(trpc.bill.move.mutationOptions(refresh));
  const remove = useMutation(trpc.bill.remove.mutationOptions(refresh));
  const failure = save.error ?? move.error ?? remove.error;
  const dirty = draft.name !== bill.name || draft.jurisdiction !== bill.jurisdiction || draft.chamber !== bill.chamber;
  return (
    <li>
      <form
        className="bill-row"
        aria-label={`Bill ${bill.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ billId: bill.id, ...draft });
        }}
      >
        <BillFields {...draft} disabled={!mayEdit} idPrefix={String(bill.id)} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />
        {mayEdit && (
          <span className="scheme-buttons">
            <button type="submit" className="secondary" disabled={!dirty || save.isPending}>
              Save
            </button>
            <OrderButtons label={bill.name} index={index} count={count} onMove={(by) => move.mutate({ billId: bill.id, by })} />
            <button
              type="button"
              aria-label={`Remove ${bill.name}`}
              disabled={count === 1 || remove.isPending}
              title={count === 1 ? "A campaign keeps at least one bill" : "Only a bill with nothing recorded on it can be removed"}
              onClick={() => remove.mutate({ billId: bill.id })}
            >
              Remove
            </button>
          </span>
        )}
      </form>
      {index === 0 && count > 1 && <p className="muted bill-default">The first bill is the default: cosponsor lists without --bill, and the first column everywhere.</p>}
      {failure && <ErrorNotice title={remove.error ? "Bill not removed" : move.error ? "Bill not moved" : "Bill not saved"} message={failure.message} error={failure} />}
    </li>
  );
}

function AddBillForm({ campaign }: { campaign: Campaign }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const empty = { name: "", jurisdiction: "state" as BillJurisdiction, chamber: null as Chamber | null };
  const [draft, setDraft] = useState(empty);
  const add = useMutation(
    trpc.bill.add.mutationOptions({
      onSuccess: async () => {
        setDraft(empty);
        await applyChange({ kind: "campaign" });
      },
    }),
  );
  return (
    <>
      <form
        className="bill-row"
        aria-label="Add a bill"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.name.trim()) add.mutate({ campaignId: campaign.id, ...draft });
        }}
      >
        <BillFields {...draft} disabled={false} idPrefix="new" onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />
        <button type="submit" className="secondary" disabled={!draft.name.trim() || add.isPending}>
          Add bill
        </button>
      </form>
      {add.error && <ErrorNotice title="Bill not added" message={add.error.message} error={add.error} />}
    </>
  );
}
