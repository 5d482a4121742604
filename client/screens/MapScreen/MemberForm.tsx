import { useState } from "react";
import type { MemberWithPosition } from "../../../shared/model/member";
import { ErrorNotice } from "../../components/ErrorNotice";

export interface MemberFields {
  name: string;
  role: string | null;
  termStart: string | null;
  termEnd: string | null;
  publicContact: string | null;
  privateContact: string | null;
}

/** A member's details, for adding one or editing one. Empty fields are sent as null. */
export function MemberForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
}: {
  initial?: MemberWithPosition;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: (fields: MemberFields, reset: () => void) => void;
}) {
  const blank = { name: "", role: "", termStart: "", termEnd: "", publicContact: "", privateContact: "" };
  const start = initial
    ? {
        name: initial.name,
        role: initial.role ?? "",
        termStart: initial.termStart ?? "",
        termEnd: initial.termEnd ?? "",
        publicContact: initial.publicContact ?? "",
        privateContact: initial.privateContact ?? "",
      }
    : blank;
  const [fields, setFields] = useState(start);
  const set = (field: keyof typeof blank) => (event: { target: { value: string } }) => setFields((previous) => ({ ...previous, [field]: event.target.value }));
  const orNull = (value: string) => (value.trim() === "" ? null : value.trim());
  return (
    <form
      className="field-grid"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(
          {
            name: fields.name.trim(),
            role: orNull(fields.role),
            termStart: orNull(fields.termStart),
            termEnd: orNull(fields.termEnd),
            publicContact: orNull(fields.publicContact),
            privateContact: orNull(fields.privateContact),
          },
          () => setFields(blank),
        );
      }}
    >
      <label className="field wide">
        <span>Name</span>
        <input value={fields.name} required maxLength={120} onChange={set("name")} />
      </label>
      <label className="field wide">
        <span>Role (optional)</span>
        <input value={fields.role} maxLength={80} placeholder="e.g. Councillor, Ward 3" onChange={set("role")} />
      </label>
      <label className="field">
        <span>Term starts</span>
        <input type="date" value={fields.termStart} onChange={set("termStart")} />
      </label>
      <label className="field">
        <span>Term ends</span>
        <input type="date" value={fields.termEnd} onChange={set("termEnd")} />
      </label>
      <label className="field wide">
        <span>Public contact (may be published)</span>
        <input value={fields.publicContact} maxLength={300} onChange={set("publicContact")} />
      </label>
      <label className="field wide">
        <span>Private contact (members only)</span>
        <input value={fields.privateContact} maxLength={300} onChange={set("privateContact")} />
      </label>
      <button type="submit" className="secondary" disabled={!fields.name.trim() || busy}>
        {busy ? "Saving…" : submitLabel}
      </button>
      {error && <ErrorNotice title="Not saved" message={error} />}
    </form>
  );
}
