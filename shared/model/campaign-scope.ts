import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { parseStateCode, uspsCodeSchema } from "../ids/usps";
import { BODY_KIND_PLURALS, bodyKindSchema, type BodyKind } from "./body";

/**
 * Which bodies a campaign works with, and at which level it counts nested bodies.
 *
 * - `states`: the campaign's states (USPS codes); empty = every state (a campaign made before
 *   scopes existed, with no resolutions, or `campaign add` without `--state`).
 * - `counties` (5-digit county GEOIDs) and `bodyIds` narrow it further: when either is given, a
 *   body must lie in one of the counties (by its county-subdivision or county GEOID) or be listed.
 * - `countedChildKinds`: a body with a parent (wards in a city, towns in a county) is counted only
 *   when the campaign counts its kind; its parent then is not counted, so nobody's people are
 *   counted twice. By default a body with a parent is not counted: its parent is.
 */
export const campaignScopeSchema = z.object({
  states: z.array(uspsCodeSchema).max(60).default([]),
  counties: z
    .array(z.string().regex(/^\d{5}$/, "a county GEOID has 5 digits"))
    .max(5000)
    .default([]),
  bodyIds: z.array(rowIdSchema).max(50_000).default([]),
  countedChildKinds: z.array(bodyKindSchema).max(20).default([]),
});
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

/** Every body, each counted at the top level: the scope of a campaign that chose none. */
export const EVERY_BODY: CampaignScope = Object.freeze({ states: [], counties: [], bodyIds: [], countedChildKinds: [] }) as CampaignScope;

/** What the scope rule reads of a body. */
export interface ScopedBody {
  id: number;
  kind: string;
  state: string | null;
  geoid: string | null;
  parentId: number | null;
}

/** The county a GEOID names: a county (5 digits) or county subdivision (10 digits); places do not say. */
export function countyOfGeoid(geoid: string | null): string | null {
  if (!geoid || !/^\d+$/.test(geoid)) return null;
  return geoid.length === 5 || geoid.length === 10 ? geoid.slice(0, 5) : null;
}

/** Whether the body lies in the campaign's area (states, then counties or listed bodies). */
export function isInArea(scope: CampaignScope, body: Omit<ScopedBody, "kind" | "parentId">): boolean {
  if (scope.states.length && !(body.state !== null && scope.states.includes(body.state))) return false;
  if (!scope.counties.length && !scope.bodyIds.length) return true;
  const county = countyOfGeoid(body.geoid);
  return (county !== null && scope.counties.includes(county)) || scope.bodyIds.includes(body.id);
}

/** Parents whose children the campaign counts instead of them. */
export function replacedParents(scope: CampaignScope, bodies: Iterable<ScopedBody>): Set<number> {
  const replaced = new Set<number>();
  if (!scope.countedChildKinds.length) return replaced;
  for (const body of bodies) {
    const inStates = !scope.states.length || (body.state !== null && scope.states.includes(body.state));
    if (body.parentId !== null && scope.countedChildKinds.includes(body.kind as BodyKind) && inStates) replaced.add(body.parentId);
  }
  return replaced;
}

/**
 * The bodies a campaign shows and counts, in the given order: those in its area, each counted
 * once at the level the campaign chose (a child of a counted kind replaces its parent; other
 * children are left to their parent).
 */
export function countedBodies<T extends ScopedBody>(scope: CampaignScope, bodies: readonly T[]): T[] {
  const replaced = replacedParents(scope, bodies);
  return bodies.filter((body) => isInArea(scope, body) && !replaced.has(body.id) && (body.parentId === null || scope.countedChildKinds.includes(body.kind as BodyKind)));
}

/** The items of a list as a person types it: "MA, nh", "25025 25017" or one a line. */
export function scopeListItems(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Typed state codes → sorted, distinct USPS codes, and the first item that is none (for the caller to phrase). */
export function readStateList(text: string): { states: string[]; bad: string | null } {
  const items = scopeListItems(text);
  const bad = items.find((item) => !parseStateCode(item)) ?? null;
  return { states: [...new Set(items.flatMap((item) => parseStateCode(item) ?? []))].sort(), bad };
}

/** Typed county GEOIDs (5 digits, e.g. 25025) → distinct GEOIDs in the order typed, and the first item that is none. */
export function readCountyList(text: string): { counties: string[]; bad: string | null } {
  const items = scopeListItems(text);
  return { counties: [...new Set(items.filter((item) => /^\d{5}$/.test(item)))], bad: items.find((item) => !/^\d{5}$/.test(item)) ?? null };
}

/** Whether a scope restricts anything beyond the default nesting rule. */
export function isEveryBody(scope: CampaignScope): boolean {
  return !scope.states.length && !scope.counties.length && !scope.bodyIds.length && !scope.countedChildKinds.length;
}

/** The legend's footnote: what the counts include, in one or two sentences. */
export function describeScope(scope: CampaignScope): string {
  const area = scope.states.length ? `Bodies in ${scope.states.join(", ")}` : "Every body";
  const narrowed = scope.counties.length || scope.bodyIds.length ? " chosen by the campaign" : "";
  const kinds = scope.countedChildKinds.map((kind) => BODY_KIND_PLURALS[kind].toLowerCase());
  const level = kinds.length
    ? `; ${kinds.join(" and ")} are counted instead of the body they belong to.`
    : "; a body inside another (a ward in a city) is counted through the body it belongs to.";
  return `${area}${narrowed}${level}`;
}
