import { BODY_KINDS, type BodyKind } from "../../shared/model/body";
import { PIPELINE_SORTS, type PipelineSort } from "../../shared/model/pipeline";

/**
 * The pipeline page's state, all of it in the address bar so a copied link reopens the same view:
 * `/pipeline?campaign=1&view=board&stages=passed,failed&kinds=town_meeting&county=44003&hub=2&from=2026-01-01&to=2026-06-30&sort=voteDate&dir=desc&page=2`
 */
export interface PipelineView {
  campaignId: number | null;
  view: "table" | "board";
  stages: string[];
  kinds: BodyKind[];
  county: string | null;
  hubId: number | null;
  voteFrom: string | null;
  voteTo: string | null;
  sort: PipelineSort;
  direction: "asc" | "desc";
  page: number;
}

export const DEFAULT_PIPELINE_VIEW: PipelineView = {
  campaignId: null,
  view: "table",
  stages: [],
  kinds: [],
  county: null,
  hubId: null,
  voteFrom: null,
  voteTo: null,
  sort: "stage",
  direction: "asc",
  page: 1,
};

const positiveInt = (value: string | null) => (value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null);
const isoDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const list = (value: string | null) => (value ? value.split(",").filter((item) => /^[a-z][a-z0-9_]{0,39}$/.test(item)) : []);

/** Read the view from a query string; anything malformed falls back to the default. */
export function parsePipelineView(search: string): PipelineView {
  const params = new URLSearchParams(search);
  const sort = params.get("sort");
  return {
    campaignId: positiveInt(params.get("campaign")),
    view: params.get("view") === "board" ? "board" : "table",
    stages: list(params.get("stages")),
    kinds: list(params.get("kinds")).filter((kind): kind is BodyKind => (BODY_KINDS as readonly string[]).includes(kind)),
    county: /^\d{5}$/.test(params.get("county") ?? "") ? params.get("county") : null,
    hubId: positiveInt(params.get("hub")),
    voteFrom: isoDate(params.get("from")),
    voteTo: isoDate(params.get("to")),
    sort: (PIPELINE_SORTS as readonly string[]).includes(sort ?? "") ? (sort as PipelineSort) : "stage",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
    page: positiveInt(params.get("page")) ?? 1,
  };
}

/** The query string of a view, leaving out what equals the default (a clean link). */
export function formatPipelineView(view: PipelineView): string {
  const params = new URLSearchParams();
  if (view.campaignId) params.set("campaign", String(view.campaignId));
  if (view.view !== "table") params.set("view", view.view);
  if (view.stages.length) params.set("stages", view.stages.join(","));
  if (view.kinds.length) params.set("kinds", view.kinds.join(","));
  if (view.county) params.set("county", view.county);
  if (view.hubId) params.set("hub", String(view.hubId));
  if (view.voteFrom) params.set("from", view.voteFrom);
  if (view.voteTo) params.set("to", view.voteTo);
  if (view.sort !== "stage") params.set("sort", view.sort);
  if (view.direction !== "asc") params.set("dir", view.direction);
  if (view.page !== 1) params.set("page", String(view.page));
  const text = params.toString().replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}

/** Changing a filter or the sort goes back to page 1; clicking the sorted column flips its direction. */
export function withSort(view: PipelineView, sort: PipelineSort): PipelineView {
  const direction = view.sort === sort && view.direction === "asc" ? "desc" : "asc";
  return { ...view, sort, direction, page: 1 };
}

/** The "next 30 days" of the upcoming-votes list, from the viewer's own today. */
export function upcomingWindow(now: Date, days = 30): { from: string; to: string } {
  const local = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return { from: local(now), to: local(end) };
}
