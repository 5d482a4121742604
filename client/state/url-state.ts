/** The shareable part of the UI state, as it appears in the address bar. */
export interface UrlState {
  campaignId: number | null;
  bodyId: number | null;
  districtId: number | null;
  /** District chambers outlined on the map. */
  chambers: string[];
  /** Stages shown; null means all. */
  stages: string[] | null;
  view: { center: [number, number]; zoom: number } | null;
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
  return {
    campaignId: positiveInt(params.get("campaign")),
    bodyId: positiveInt(params.get("body")),
    districtId: positiveInt(params.get("district")),
    chambers: (params.get("layers") ?? "").split(",").filter((chamber) => /^(state_lower|state_upper|congressional)$/.test(chamber)),
    stages: stageList.length > 0 ? stageList : null,
    view,
  };
}

/** `?campaign=1&body=42&stages=passed,failed&layers=state_lower&map=6.50/41.8200/-71.4100` (zoom/lat/lon, like OSM). */
export function toSearch(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.campaignId) params.set("campaign", String(state.campaignId));
  if (state.bodyId) params.set("body", String(state.bodyId));
  if (state.districtId) params.set("district", String(state.districtId));
  if (state.stages) params.set("stages", state.stages.join(","));
  if (state.chambers.length) params.set("layers", state.chambers.join(","));
  if (state.view) {
    const { center, zoom } = state.view;
    params.set("map", `${zoom.toFixed(2)}/${center[1].toFixed(4)}/${center[0].toFixed(4)}`);
  }
  const text = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  return text ? `?${text}` : "";
}
