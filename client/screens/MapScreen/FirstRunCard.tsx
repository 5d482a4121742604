import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";

/**
 * The first run, for an admin on an empty database: name the campaign here (no command line
 * needed); the map then opens with its Import button for the boundaries.
 */
export function FirstRunCard() {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const id = useId();
  const [name, setName] = useState("");
  const [bill, setBill] = useState("");
  const create = useMutation(trpc.campaign.create.mutationOptions({ onSuccess: () => void applyChange({ kind: "campaign" }) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, bill: bill.trim() || null });
  };
  return (
    <div className="first-run">
      <h1>Create your campaign</h1>
      <p>Name the resolution drive you are tracking. Next you import the towns, cities or counties it targets, and the map shows them.</p>
      <form onSubmit={submit} className="first-run-form">
        <label htmlFor={`${id}-name`}>Campaign name</label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} placeholder="Medicare for All resolution, 2026" required maxLength={120} />
        <label htmlFor={`${id}-bill`}>Bill it supports (optional)</label>
        <input id={`${id}-bill`} value={bill} onChange={(event) => setBill(event.target.value)} placeholder="H.1239" maxLength={120} />
        <button type="submit" className="primary" disabled={create.isPending || name.trim() === ""}>
          {create.isPending ? "Creating…" : "Create campaign"}
        </button>
      </form>
      {create.error && <ErrorNotice title="The campaign was not created" message={create.error.message} error={create.error} />}
      <p className="hint">
        From a terminal instead: <code>npx groundswell campaign add "Medicare for All resolution"</code>, or <code>npx groundswell setup --state MA</code> to fetch a state's
        boundaries.
      </p>
    </div>
  );
}
