import { STATES } from "../../../shared/ids/usps";

/** The options of a state picker: `blank` first (what leaving it unchosen means), then every state as "Name (XX)". */
export function StateOptions({ blank }: { blank: string }) {
  return (
    <>
      <option value="">{blank}</option>
      {STATES.map((entry) => (
        <option key={entry.usps} value={entry.usps}>
          {entry.name} ({entry.usps})
        </option>
      ))}
    </>
  );
}
