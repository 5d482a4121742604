import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Change, ChangeKind } from "../../shared/model/change";
import { withStageChange } from "../lib/body-index";
import { queryKeys } from "./query-keys";
import { useTRPC } from "./trpc";

/** A TanStack Query key prefix: `[["router"]]` matches every tRPC query of that router. */
export type QueryKeyPrefix = readonly unknown[];

/**
 * Changes only this page hears about: account changes never travel on the live stream (they are
 * not campaign data), but the admin's own screens still refresh after them.
 */
export type LocalChangeKind = "user";

/**
 * THE table of what each change refetches: which routers' queries show each kind of record.
 * Live changes from other writers (live-changes.ts) and this page's own writes (useApplyChange)
 * both read it, so a screen that adds a router adds it here, once. Naming a router that does not
 * exist (yet) costs nothing; `"everything"` refetches every query on the page.
 */
const ROUTERS_SHOWING: Record<ChangeKind | LocalChangeKind, readonly string[] | "everything"> = {
  // The map's stages, the body panel (stage, history), district panels (stages, share passed), the
  // pipeline and the dashboard's upcoming votes. `public` is the public map and embed.
  resolution: ["resolution", "evidence", "body", "district", "pipeline", "public"],
  member: ["member", "body", "resolution", "pipeline", "public"],
  task: ["task", "body", "pipeline"],
  body: ["body", "resolution", "district", "pipeline", "public"],
  district: ["district", "body", "legislator", "public"],
  legislator: ["legislator", "district", "public"],
  hub: ["hub", "district", "public"],
  // The map's endorser points and list, a body's linked people, district pages and briefs.
  endorser: ["endorser", "district", "legislator", "public"],
  campaign: ["campaign", "bill", "legislator", "district", "resolution", "pipeline", "public"],
  lobby: ["lobbyDay"],
  import: "everything",
  user: ["user", "audit"],
};

/** Queries outside tRPC that hold geometry, refetched only when shapes may have changed. */
const GEOMETRY_OF: Partial<Record<ChangeKind | LocalChangeKind, readonly QueryKeyPrefix[]>> = {
  body: [queryKeys.bodyGeometry()],
  district: [queryKeys.districtGeometry()],
};

/** The query key prefixes to invalidate for a change, or "everything". */
export function queryKeysForChange(change: Change | { kind: ChangeKind | LocalChangeKind }): readonly QueryKeyPrefix[] | "everything" {
  const routers = ROUTERS_SHOWING[change.kind];
  if (routers === "everything") return "everything";
  return [...routers.map((router) => [[router]]), ...(GEOMETRY_OF[change.kind] ?? [])];
}

/** A committed stage change, as a live message carries it: one body, its new stage and version. */
export function stagePatchOf(change: Change): StagePatch | null {
  if (change.kind !== "resolution" || change.campaignId === null || change.ids.length !== 1) return null;
  if (change.stage === undefined || change.version === undefined) return null;
  return { campaignId: change.campaignId, bodyId: change.ids[0]!, stage: change.stage, version: change.version };
}

/**
 * What a stage change that was patched into the map's lists still refetches at once: the
 * resolution's own routers (an open body panel, the pipeline, district panels), and of the public
 * router only what shows one body. The public map's stage list is patched, and its aggregates
 * (counts, people, date range) are left to `PUBLIC_MAP_AGGREGATES`, refreshed lazily, so a change
 * costs 200 open public maps nothing but the message (issue 19).
 */
export function queryKeysForStagePatch(): readonly QueryKeyPrefix[] {
  const routers = ROUTERS_SHOWING.resolution as readonly string[];
  return [...routers.filter((router) => router !== "public").map((router) => [[router]]), [["public", "body"]], [["public", "search"]]];
}

/** The public map's answer (stages with counts, people, range), refreshed some seconds after patched changes. */
export const PUBLIC_MAP_AGGREGATES: QueryKeyPrefix = [["public", "map"]];

/** Invalidate what a change shows in (refetching the queries on screen now, the others when next used). */
export function invalidateForChange(
  queryClient: QueryClient,
  change: Change | { kind: ChangeKind | LocalChangeKind },
  { except }: { except?: readonly unknown[] } = {},
): Promise<void> {
  const keys = queryKeysForChange(change);
  // A query already patched with the change's result (the map's stage list) is not fetched again.
  const predicate = except ? (query: { queryKey: readonly unknown[] }) => JSON.stringify(query.queryKey) !== JSON.stringify(except) : undefined;
  if (keys === "everything") return queryClient.invalidateQueries({ predicate });
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey, predicate }))).then(() => undefined);
}

/** A committed stage change, patched into the map's stage list at once (before the refetch lands). */
export interface StagePatch {
  campaignId: number;
  bodyId: number;
  stage: string;
  version: number;
}

/**
 * What a screen calls after its own write succeeds: patch the map's colours when a stage moved,
 * then refetch everything the change shows in, per the one table above.
 */
export function useApplyChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (change: Change | { kind: ChangeKind | LocalChangeKind }, stage?: StagePatch): Promise<void> => {
      if (!stage) return invalidateForChange(queryClient, change);
      const stagesKey = trpc.resolution.stages.queryKey({ campaignId: stage.campaignId });
      queryClient.setQueryData(stagesKey, (payload) => (payload ? withStageChange(payload, stage) : payload));
      return invalidateForChange(queryClient, change, { except: stagesKey });
    },
    [trpc, queryClient],
  );
}
