import type { BBox } from "../../shared/model/body";
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
  /** The map colours towns by this ballot question's % yes instead of by stage (`?ballot=12`). */
  ballot: number | null;
  /** Endorsers drawn on the map as points (`?endorsers=1`). */
  endorsers: boolean;
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
    ballot: positiveInt(params.get("ballot")),
    endorsers: params.get("endorsers") === "1",
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
  if (state.ballot) params.set("ballot", String(state.ballot));
  if (state.endorsers) params.set("endorsers", "1");
  const text = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  return text ? `?${text}` : "";
}

/*
 * The other pages' addresses. Every page reads its query string here, so what a link may hold is
 * written once and checked by url-state.test.ts.
 */

/** The public page's panel to open first (`?open=hubs` or `?open=contact`, from the embed's calls to action); read once. */
export type PublicPanel = "hubs" | "contact";
export function parsePublicPanelParam(search: string): PublicPanel | null {
  const open = new URLSearchParams(search).get("open");
  return open === "hubs" || open === "contact" ? open : null;
}

/** `?campaign=` on a page about one campaign (`/districts/:id`): an id or a slug. */
export function parseCampaignParam(search: string): { campaignId: number | null; campaignSlug: string | null } {
  const { campaignId, campaignSlug } = parseUrlState(search);
  return { campaignId, campaignSlug };
}

/** The campaign `?campaign=` names (id or slug) among those listed, else the first one. */
export function pickAddressedCampaign<T extends { id: number; slug: string }>(list: readonly T[], search: string): T | undefined {
  const wanted = parseCampaignParam(search);
  return list.find((entry) => entry.id === wanted.campaignId || entry.slug === wanted.campaignSlug) ?? list[0];
}

/** `/login?next=/path`: where to go after signing in (checked by `safeNextPath` before use). */
export function parseNextParam(search: string): string | null {
  return new URLSearchParams(search).get("next");
}

/** `/admin/audit?kind=resolution`: the audit log's filter ("" for every kind). */
export function parseAuditKind(search: string): string {
  const kind = new URLSearchParams(search).get("kind") ?? "";
  return /^[a-z_]{1,40}$/.test(kind) ? kind : "";
}

/** The same address with `?kind=` set (or removed when empty). */
export function withAuditKind(href: string, kind: string): string {
  const url = new URL(href);
  if (kind) url.searchParams.set("kind", kind);
  else url.searchParams.delete("kind");
  return url.toString();
}

/** The print page's settings, from its address (`/print?campaign=…&asof=…&title=…&bbox=…`). */
export function parsePrintParams(search: string) {
  const params = new URLSearchParams(search);
  const bbox = (params.get("bbox") ?? "").split(",").map(Number);
  return {
    query: params.toString(),
    title: params.get("title"),
    subtitle: params.get("subtitle"),
    bbox: bbox.length === 4 && bbox.every(Number.isFinite) ? (bbox as BBox) : null,
    patterns: params.get("patterns") === "1",
    /** A ballot question's map instead of the stages (`ballot=12`). */
    ballot: positiveInt(params.get("ballot")),
  };
}
