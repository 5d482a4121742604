/**
 * Pages of the web client. The server answers each with index.html and the client picks the
 * screen from the path (client/routes.tsx), so both sides read this one list.
 * Patterns use Fastify's syntax (`:name` is one path segment).
 */
export const APP_PAGES = {
  map: "/",
  // Accounts (issue 8)
  login: "/login",
  invite: "/invite/:token",
  reset: "/reset/:token",
  users: "/admin/users",
  audit: "/admin/audit",
  // Public views (issue 7)
  public: "/public",
  publicCampaign: "/public/:campaign",
  embed: "/embed",
  print: "/print",
  // Campaign workflow (issue 5)
  pipeline: "/pipeline",
  campaign: "/campaigns/:campaign",
  // Legislators and hubs (issue 6)
  district: "/districts/:id",
  hubs: "/hubs",
  legislator: "/legislators/:id",
  targets: "/targets",
  // Meeting mode (issue 15)
  meeting: "/meeting/:body",
  lobbyDays: "/lobby-days",
  lobbyDay: "/lobby-days/:id",
} as const;

export type AppPage = keyof typeof APP_PAGES;

/** The page a path shows and its `:name` segments, or null when no page has that path. */
export function matchAppPage(pathname: string): { page: AppPage; params: Record<string, string> } | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const [page, pattern] of Object.entries(APP_PAGES) as Array<[AppPage, string]>) {
    const names: string[] = [];
    const source = pattern.replace(/:([a-z]+)/gi, (_match, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const match = new RegExp(`^${source}$`).exec(path);
    if (match) return { page, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) };
  }
  return null;
}
