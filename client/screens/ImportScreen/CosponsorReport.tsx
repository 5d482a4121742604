import type { CosponsorImportReport } from "../../../shared/model/ladder";

/** Who a cosponsor list moves up (or would), who stays, and the names that match nobody. */
export function CosponsorReport({ report }: { report: CosponsorImportReport }) {
  const lines: Array<[string, string[]]> = [
    [report.dryRun ? "Would move up to cosponsor" : "Moved up to cosponsor", report.updated],
    ["Already cosponsor", report.unchanged],
    ["Kept higher on the ladder", report.keptHigher],
    ["Not matched (not imported)", report.unmatched],
  ];
  return (
    <dl className="cosponsor-report" data-testid="cosponsor-report">
      {lines.map(([label, names]) => (
        <div key={label}>
          <dt>
            {label}: {names.length}
          </dt>
          {names.length > 0 && <dd>{names.join(", ")}</dd>}
        </div>
      ))}
    </dl>
  );
}
