import { isCalendarDate } from "../../shared/rules/replay";

/** The shareable part of the UI state, as it appears in the address bar. */
export interface UrlState {
  campaignId: number | null;
  /** `?campaign=` given as a slug (public pages and the embed take either). */
  campaignSlug: string | null;
  bodyId: number | null;
  districtId: number | null;
  /** District chambers outlined on the map. */
  chambers: string[];
  /** Stages shown; null means all. */
  stages: string[] | null;
  view: { center: [number, number]; zoom: number } | null;
  /** The map as of the end of this day (`YYYY-MM-DD`); null means now. */
  asOf: string | null;
  /** The table alternative of the map is shown instead of the map. */
  table: boolean;
  /** Stage patterns drawn over the colours (for colour-blind readers and greyscale prints). */
  patterns: boolean;
}

const positiveInt = (value: string | null) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const stages = params.get("stages");
  const map = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(params.get("map") ?? "");
  let view: UrlState["view"] = null;
  if (map) {
    const [zoom, lat, lon] = [Number(map[1]), Number(map[2]), Number(map[3])];
    if (zoom <= 24 && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) view = { center: [lon, lat], zoom };
  }
  const stageList = stages?.split(",").filter((stage) => /^[a-z][a-z0-9_]*$/.test(stage)) ?? [];
  const campaign = params.get("campaign");
  const asOf = params.get("asof");
  return {
    campaignId: positiveInt(campaign),
    campaignSlug: campaign && !/^\d+$/.test(campaign) && /^[a-z0-9-]{1,80}$/.test(campaign) ? campaign : null,
    bodyId: positiveInt(params.get("body")),
    districtId: positiveInt(params.get("district")),
    chambers: (params.get("layers") ?? "").split(",").filter((chamber) => /^(state_lower|state_upper|congressional)$/.test(chamber)),
    stages: stageList.length > 0 ? stageList : null,
    view,
    asOf: asOf && isCalendarDate(asOf) ? asOf : null,
    table: params.get("show") === "table",
    patterns: params.get("patterns") === "1",
  };
}

/**
 * `?campaign=1&body=42&stages=passed,failed&layers=state_lower&map=6.50/41.8200/-71.4100&asof=2026-03-01&show=table&patterns=1`
 * (map is zoom/lat/lon, like OSM).
 */
export function toSearch(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.campaignId) params.set("campaign", String(state.campaignId));
  else if (state.campaignSlug) params.set("campaign", state.campaignSlug);
  if (state.bodyId) params.set("body", String(state.bodyId));
  if (state.districtId) params.set("district", String(state.districtId));
  if (state.stages) params.set("stages", state.stages.join(","));
  if (state.chambers.length) params.set("layers", state.chambers.join(","));
  if (state.view) {
    const { center, zoom } = state.view;
    params.set("map", `${zoom.toFixed(2)}/${center[1].toFixed(4)}/${center[0].toFixed(4)}`);
  }
  if (state.asOf) params.set("asof", state.asOf);
  if (state.table) params.set("show", "table");
  if (state.patterns) params.set("patterns", "1");
  const text = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  return text ? `?${text}` : "";
}
