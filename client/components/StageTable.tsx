import { useMemo, useState } from "react";
import { BODY_KIND_LABELS, type BodySummary } from "../../shared/model/body";
import type { StageScheme } from "../../shared/model/stage";
import { formatCount } from "../lib/format";
import { StageBadge } from "./StageBadge";

type SortKey = "stage" | "name" | "state" | "kind";

export interface StageTableProps {
  scheme: StageScheme;
  bodies: readonly BodySummary[];
  /** Stages shown; null shows all. */
  visibleStages: readonly string[] | null;
  caption: string;
  onPick?: (bodyId: number) => void;
}

/**
 * The table alternative of the map: every body with its stage, sortable by column (stage order
 * first by default). Headers are buttons with `aria-sort`, so screen readers hear the order.
 */
export function StageTable({ scheme, bodies, visibleStages, caption, onPick }: StageTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "stage", ascending: true });
  const order = useMemo(() => new Map(scheme.stages.map((stage, index) => [stage.id, index])), [scheme]);
  const rows = useMemo(() => {
    const shown = visibleStages ? bodies.filter((body) => visibleStages.includes(body.stage)) : [...bodies];
    const byName = (a: BodySummary, b: BodySummary) => a.name.localeCompare(b.name) || (a.state ?? "").localeCompare(b.state ?? "");
    const compare: Record<SortKey, (a: BodySummary, b: BodySummary) => number> = {
      stage: (a, b) => (order.get(a.stage) ?? 99) - (order.get(b.stage) ?? 99) || byName(a, b),
      name: byName,
      state: (a, b) => (a.state ?? "").localeCompare(b.state ?? "") || byName(a, b),
      kind: (a, b) => a.kind.localeCompare(b.kind) || byName(a, b),
    };
    const sorted = shown.sort(compare[sort.key]);
    return sort.ascending ? sorted : sorted.reverse();
  }, [bodies, visibleStages, sort, order]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.ascending ? "ascending" : "descending") : "none"}>
      <button type="button" className="sort-button" onClick={() => setSort((current) => ({ key, ascending: current.key === key ? !current.ascending : true }))}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.ascending ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );

  return (
    <div className="stage-table card" data-testid="stage-table">
      <table>
        <caption>
          {caption} · {formatCount(rows.length)} bodies
        </caption>
        <thead>
          <tr>
            {header("name", "Body")}
            {header("kind", "Kind")}
            {header("state", "State")}
            {header("stage", "Stage")}
          </tr>
        </thead>
        <tbody>
          {rows.map((body) => (
            <tr key={body.id}>
              <th scope="row">
                {onPick ? (
                  <button type="button" className="link-button" onClick={() => onPick(body.id)}>
                    {body.name}
                  </button>
                ) : (
                  body.name
                )}
              </th>
              <td>{BODY_KIND_LABELS[body.kind] ?? body.kind}</td>
              <td>{body.state ?? ""}</td>
              <td>
                <StageBadge scheme={scheme} stageId={body.stage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
