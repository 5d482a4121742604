import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { BodySummary } from "../../shared/model/body";
import { toBodySummaries } from "../lib/body-index";
import { fetchBodyGeometry } from "./geometry";
import { useTRPC } from "./trpc";

/**
 * The public map's data: the geometry payload (once, cached) joined with the stage payload of
 * `public.map` as of `asOf` (or now). Moving the date only refetches the small stage payload;
 * the previous one stays on screen meanwhile, so the map never blanks.
 */
export function usePublicMapData(campaignId: number | undefined, asOf: string | null, { enabled = true } = {}) {
  const trpc = useTRPC();
  const geometry = useQuery({ queryKey: ["geometry"], queryFn: ({ signal }) => fetchBodyGeometry(signal), staleTime: Infinity, enabled });
  const map = useQuery({
    ...trpc.public.map.queryOptions({ campaign: campaignId ?? 0, asOf }),
    enabled: enabled && campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
  const bodies = useMemo<BodySummary[] | undefined>(
    () =>
      geometry.data && map.data
        ? toBodySummaries(geometry.data, { initialStage: map.data.initialStage, stages: map.data.stages.map(([id, stage]) => [id, stage, 0]) })
        : undefined,
    [geometry.data, map.data],
  );
  const stages = useMemo(() => new Map((bodies ?? []).map((body) => [body.id, body.stage])), [bodies]);
  return { geometry, map, bodies, stages };
}
