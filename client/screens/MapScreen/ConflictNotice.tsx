import type { ResolutionDetails } from "../../../shared/model/resolution";
import { describeConflict, type ResolutionChanges } from "../../lib/resolution-form";

/** Someone saved first: show their newer values beside mine, and let me re-apply or drop my change. */
export function ConflictNotice({
  newer,
  changes,
  onReapply,
  onDiscard,
  busy,
}: {
  newer: ResolutionDetails;
  changes: ResolutionChanges;
  onReapply: () => void;
  onDiscard: () => void;
  busy: boolean;
}) {
  const rows = describeConflict(changes, newer);
  return (
    <div className="error-notice conflict-notice" role="alert">
      <strong>Someone else saved this first</strong>
      <p>Their newer values are kept. Re-apply your change on top of them, or drop it.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Now saved</th>
            <th scope="col">Your change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.theirs}</td>
              <td>{row.mine}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" className="primary" onClick={onReapply} disabled={busy}>
          Re-apply my change
        </button>
        <button type="button" onClick={onDiscard} disabled={busy}>
          Drop my change
        </button>
      </div>
    </div>
  );
}
