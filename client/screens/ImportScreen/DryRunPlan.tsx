import type { ReactNode } from "react";
import { useId } from "react";
import { ErrorNotice } from "../../components/ErrorNotice";

/**
 * The lower half of a dry-run import step: "What the import would do" (a hint until the step has
 * what it needs, a spinner while the dry run runs, its refusal or its report), the refusal of the
 * real import, and the Import / Choose another file buttons. One layout for every kind.
 */
export function DryRunPlan<P>({
  dryRun,
  hint,
  working,
  refusalTitle = "The file cannot be imported",
  report,
  failure,
  committing,
  importLabel,
  onStartOver,
}: {
  dryRun: { isFetching: boolean; error: { message: string } | null; data: P | undefined };
  /** Shown while the dry run cannot run yet (no state chosen), else null. */
  hint: string | null;
  /** What the spinner says ("Matching every member to a legislator…"). */
  working: string;
  refusalTitle?: string;
  report: (plan: P) => ReactNode;
  failure: string | null;
  committing: boolean;
  importLabel: string;
  onStartOver: () => void;
}) {
  const id = useId();
  const plan = dryRun.data;
  return (
    <>
      <section className="plan" aria-live="polite" aria-labelledby={`${id}-plan`}>
        <h3 id={`${id}-plan`}>What the import would do</h3>
        {hint && <p className="muted">{hint}</p>}
        {dryRun.isFetching && !plan && (
          <p className="busy-line">
            <span className="spinner" aria-hidden="true" /> {working}
          </p>
        )}
        {dryRun.error && <ErrorNotice title={refusalTitle} message={dryRun.error.message} />}
        {plan !== undefined && report(plan)}
      </section>
      {failure && <ErrorNotice title="Nothing was imported" message={failure} />}
      <div className="step-actions">
        <button type="submit" className="primary" disabled={plan === undefined || committing || dryRun.isFetching}>
          {committing ? "Importing…" : importLabel}
        </button>
        <button type="button" className="secondary" onClick={onStartOver} disabled={committing}>
          Choose another file
        </button>
      </div>
    </>
  );
}
