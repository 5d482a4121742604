/**
 * Keys of the queries that do not go through tRPC. tRPC's own keys come from its proxy
 * (`trpc.body.get.queryKey(input)`), so together these are the only ways a key is built: no
 * screen writes a key by hand, and `change-queries.ts` can name every key a change refetches.
 * @see https://tkdodo.eu/blog/effective-react-query-keys#use-query-key-factories
 */
export const queryKeys = {
  /** `/geo/bodies.geojson`: every body's simplified outline (the map's geometry). */
  bodyGeometry: () => ["geometry"] as const,
  /** `/geo/districts.geojson`: the current districts' outlines. */
  districtGeometry: () => ["district-geometry"] as const,
  /** `/config.json`: basemap and upload limits. */
  appConfig: () => ["config"] as const,
  /** The press page's snapshot (`/export/view.json?…`). */
  printSnapshot: (query: string) => ["print-snapshot", query] as const,
  /** The dry run of an uploaded spreadsheet for a campaign. */
  spreadsheetPlan: (token: string, target: string, campaign: string) => ["spreadsheet-plan", token, target, campaign] as const,
  /** The dry run of an uploaded legislator roster. */
  legislatorPlan: (token: string, state: string) => ["legislator-plan", token, state] as const,
  /** The dry run of uploaded committee files. */
  committeePlan: (token: string, state: string) => ["committee-plan", token, state] as const,
  /** An endorsers CSV's dry run, per campaign. */
  endorserPlan: (token: string, campaign: string) => ["endorser-plan", token, campaign] as const,
  /** A cosponsor list's dry run, per campaign and bill. */
  cosponsorPlan: (token: string, campaign: string, bill: string) => ["cosponsor-plan", token, campaign, bill] as const,
  /** The audit log, page by page, for one subject kind ("" for all). */
  auditLog: (subjectKind: string) => [["audit", "list"], { subjectKind }] as const,
};
