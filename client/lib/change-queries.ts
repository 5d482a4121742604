import type { Change, ChangeKind } from "../../shared/model/change";

/** A TanStack Query key prefix: `[["router"]]` matches every tRPC query of that router. */
export type QueryKeyPrefix = readonly unknown[];

/**
 * Which routers' queries show each kind of record, and so must refetch when one changes.
 * Naming a router that does not exist (yet) costs nothing. A screen that adds a router adds it
 * here; `"everything"` refetches every query on the page.
 */
const ROUTERS_SHOWING: Record<ChangeKind, readonly string[] | "everything"> = {
  // The map's stages, the body panel (stage, history), district panels (stages, share passed), the pipeline.
  // `public` is the public map and embed (issue 7), `pipeline` the pipeline page.
  resolution: ["resolution", "body", "district", "pipeline", "public"],
  member: ["member", "body", "resolution", "pipeline", "public"],
  task: ["task", "body", "pipeline"],
  body: ["body", "resolution", "district", "pipeline", "public"],
  district: ["district", "body", "legislator", "public"],
  legislator: ["legislator", "district", "public"],
  hub: ["hub", "district", "public"],
  campaign: ["campaign", "resolution", "pipeline", "public"],
  import: "everything",
};

/** Queries outside tRPC that hold geometry, refetched only when shapes may have changed. */
const GEOMETRY_OF: Partial<Record<ChangeKind, readonly QueryKeyPrefix[]>> = {
  body: [["geometry"]],
  district: [["district-geometry"]],
};

/** The query key prefixes to invalidate for a change, or "everything". */
export function queryKeysForChange(change: Change): readonly QueryKeyPrefix[] | "everything" {
  const routers = ROUTERS_SHOWING[change.kind];
  if (routers === "everything") return "everything";
  return [...routers.map((router) => [[router]]), ...(GEOMETRY_OF[change.kind] ?? [])];
}
