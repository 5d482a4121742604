import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { BodySummary } from "../../shared/model/body";
import type { Campaign } from "../../shared/model/campaign";
import { EVERY_BODY, type CampaignScope } from "../../shared/model/campaign-scope";
import { districtLabel } from "../../shared/model/district";
import type { SearchableLegislator } from "../lib/search";
import { countByStage, type PeopleCovered } from "../../shared/rules/stage-counts";
import { scopeGeometry, toBodySummaries } from "../lib/body-index";
import { fetchAppConfig, fetchBodyGeometry, fetchDistrictGeometry } from "./geometry";
import { queryKeys } from "./query-keys";
import { useTRPC } from "./trpc";

/** The campaigns a signed-in member (or the read-only demo) sees. */
export function useCampaigns() {
  const trpc = useTRPC();
  return useQuery(trpc.campaign.list.queryOptions());
}

/** A campaign's bills, the default (first) one first (public). */
export function useBills(campaignId: number) {
  const trpc = useTRPC();
  return useQuery(trpc.bill.list.queryOptions({ campaignId }));
}

/** The campaigns anyone may see (public page, embed). */
export function usePublicCampaigns() {
  const trpc = useTRPC();
  return useQuery(trpc.public.campaigns.queryOptions());
}

/** `/config.json`: basemap and upload limits; read once a page. */
export function useAppConfig() {
  return useQuery({ queryKey: queryKeys.appConfig(), queryFn: fetchAppConfig, staleTime: Infinity });
}

/** Every body's outline, fetched once a page (revalidated by ETag when a body changes). */
export function useBodyGeometry({ enabled = true, retry }: { enabled?: boolean; retry?: false } = {}) {
  return useQuery({ queryKey: queryKeys.bodyGeometry(), queryFn: ({ signal }) => fetchBodyGeometry(signal), staleTime: Infinity, enabled, retry });
}

/** The current districts' outlines. */
export function useDistrictGeometry({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: queryKeys.districtGeometry(), queryFn: ({ signal }) => fetchDistrictGeometry(signal), staleTime: Infinity, enabled });
}

/** Every current district (chamber, name, legislator), for layer toggles and pickers. */
export function useDistrictList() {
  const trpc = useTRPC();
  return useQuery(trpc.district.list.queryOptions());
}

/** The body geometry narrowed to a campaign's scope (a new collection only when either changes). */
function useScopedGeometry(scope: CampaignScope, options: { enabled?: boolean } = {}) {
  const geometry = useBodyGeometry(options);
  const key = JSON.stringify(scope);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the scope's value, not its identity, decides.
  const data = useMemo(() => (geometry.data ? scopeGeometry(geometry.data, scope) : undefined), [geometry.data, key]);
  return { ...geometry, data };
}

/** What a campaign map draws, whichever page it is on. */
export interface CampaignMapData {
  geometry: GeoJSON.FeatureCollection | undefined;
  /** Every body with the stage shown (today's, or the as-of day's). */
  bodies: BodySummary[] | undefined;
  stages: ReadonlyMap<number, string>;
  counts: Array<{ stageId: string; count: number }>;
  /** First and last day with a stage change: the as-of slider's range. */
  range: { first: string; last: string } | null;
  /** People in passed and in all counted bodies (the headline's share), when populations are known. */
  people: PeopleCovered | null;
  /** Bodies whose pass is verified (as of the day shown): the headline's "of which N verified". */
  verified: ReadonlySet<number>;
  isPending: boolean;
  error: { message: string } | null;
  retry: () => void;
}

/**
 * The signed-in map's data: geometry (once, cached) joined with `resolution.stages` (versions
 * included, patched in place after a save). A past day's stages come from the small `public.map`
 * payload; the previous one stays on screen meanwhile, so the map never blanks.
 */
export function useCampaignMapData({ id: campaignId, stageScheme: scheme, scope }: Pick<Campaign, "id" | "stageScheme" | "scope">, asOf: string | null): CampaignMapData {
  const trpc = useTRPC();
  const geometry = useScopedGeometry(scope);
  const payload = useQuery(trpc.resolution.stages.queryOptions({ campaignId }));
  const replay = useQuery({ ...trpc.public.map.queryOptions({ campaign: campaignId, asOf }), placeholderData: keepPreviousData });
  const bodies = useMemo(() => {
    if (!geometry.data || !payload.data) return undefined;
    const today = toBodySummaries(geometry.data, payload.data);
    if (!asOf || !replay.data) return today;
    const replayed = new Map(replay.data.stages);
    return today.map((body) => ({ ...body, stage: replayed.get(body.id) ?? replay.data.initialStage }));
  }, [geometry.data, payload.data, asOf, replay.data]);
  const shown = useShownStages(bodies);
  const counts = useMemo(() => countByStage(scheme, shown.values()), [scheme, shown]);
  const verified = useVerifiedSet(replay.data?.verified);
  return combineMapData(geometry, payload, { bodies, stages: shown, counts, range: replay.data?.range ?? null, people: replay.data?.people ?? null, verified });
}

interface QueryState {
  isPending: boolean;
  error: { message: string } | null;
  refetch: () => unknown;
}

/** A map's data from its geometry query and the stage query that colours it: pending, failed and retried together. */
function combineMapData(
  geometry: QueryState & { data: GeoJSON.FeatureCollection | undefined },
  stageQuery: QueryState,
  shown: Pick<CampaignMapData, "bodies" | "stages" | "counts" | "range" | "people" | "verified">,
): CampaignMapData {
  return {
    geometry: geometry.data,
    ...shown,
    isPending: geometry.isPending || stageQuery.isPending,
    error: stageQuery.error ?? geometry.error,
    retry: () => {
      void stageQuery.refetch();
      void geometry.refetch();
    },
  };
}

/** The verified passes of a `public.map` payload as a set; a new set only when the list changes. */
function useVerifiedSet(ids: readonly number[] | undefined): ReadonlySet<number> {
  return useMemo(() => new Set(ids ?? []), [ids]);
}

/** Each body's shown stage by id; a new map only when the bodies change (the map diffs it). */
function useShownStages(bodies: BodySummary[] | undefined): ReadonlyMap<number, string> {
  return useMemo(() => new Map((bodies ?? []).map((body) => [body.id, body.stage])), [bodies]);
}

/**
 * The public map's data: the geometry payload joined with the stage payload of `public.map` as
 * of `asOf` (or now). Moving the date only refetches the small stage payload.
 */
export function usePublicMapData(campaign: Pick<Campaign, "id" | "scope"> | undefined, asOf: string | null, { enabled = true } = {}): CampaignMapData {
  const trpc = useTRPC();
  const campaignId = campaign?.id;
  const geometry = useScopedGeometry(campaign?.scope ?? EVERY_BODY, { enabled });
  const map = useQuery({
    ...trpc.public.map.queryOptions({ campaign: campaignId ?? 0, asOf }),
    enabled: enabled && campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
  const bodies = useMemo<BodySummary[] | undefined>(
    () =>
      geometry.data && map.data ? toBodySummaries(geometry.data, { initialStage: map.data.initialStage, stages: map.data.stages.map(([id, stage]) => [id, stage, 0]) }) : undefined,
    [geometry.data, map.data],
  );
  const shown = useShownStages(bodies);
  const verified = useVerifiedSet(map.data?.verified);
  return combineMapData(geometry, map, { bodies, stages: shown, counts: map.data?.counts ?? [], range: map.data?.range ?? null, people: map.data?.people ?? null, verified });
}

/** A campaign's ballot questions with their district results (public facts: every page may show them). */
export function useBallotQuestions(campaign: string | number) {
  const trpc = useTRPC();
  return useQuery(trpc.public.ballotQuestions.queryOptions({ campaign }));
}

/** One ballot question for the map (results by town, outline of where it ran); idle without a question. */
export function useBallotMap(campaign: string | number, questionId: number | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.public.ballotMap.queryOptions({ campaign, questionId: questionId ?? 1 }), enabled: questionId !== null && campaign !== "" });
}

/** Sitting legislators as the map's search box finds them: name, state, and their seat under it. */
export function useSearchableLegislators(campaignId: number): SearchableLegislator[] {
  const trpc = useTRPC();
  const list = useQuery(trpc.legislator.list.queryOptions({ campaignId }));
  return useMemo(
    () =>
      (list.data ?? []).map((seat) => ({
        id: seat.legislatorId,
        name: seat.name,
        state: seat.state,
        seat: districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName }),
      })),
    [list.data],
  );
}

/** A campaign's endorsers with their private fields (signed-in members; the public reads `usePublicEndorsers`). */
export function useEndorsers(campaignId: number, { enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.endorser.list.queryOptions({ campaignId }), enabled });
}

/** The endorsers anyone may see: those who agreed to be listed, their step only when it is public. */
export function usePublicEndorsers(campaign: string | number, { enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.public.endorsers.queryOptions({ campaign }), enabled: enabled && campaign !== "" });
}
