import { lazy, Suspense, type ReactNode } from "react";
import { matchAppPage, type AppPage } from "../shared/app-pages";
import { StatusOverlay } from "./components/StatusOverlay";

type Params = Record<string, string>;

/**
 * A screen loaded on first use, as a chunk of its own: the public page, the embed and the press
 * page download only what they draw, never the organizer screens (import, dashboard, targets,
 * lobby days…). Shared code (React, the map) lands in chunks the bundler shares between them.
 * @see https://react.dev/reference/react/lazy
 */
const AccountLinkScreen = lazy(() => import("./screens/AccountLinkScreen/AccountLinkScreen").then((module) => ({ default: module.AccountLinkScreen })));
const AuditScreen = lazy(() => import("./screens/AuditScreen/AuditScreen").then((module) => ({ default: module.AuditScreen })));
const CampaignScreen = lazy(() => import("./screens/CampaignScreen/CampaignScreen").then((module) => ({ default: module.CampaignScreen })));
const DistrictScreen = lazy(() => import("./screens/DistrictScreen/DistrictScreen").then((module) => ({ default: module.DistrictScreen })));
const HubsScreen = lazy(() => import("./screens/HubsScreen/HubsScreen").then((module) => ({ default: module.HubsScreen })));
const LegislatorScreen = lazy(() => import("./screens/LegislatorScreen/LegislatorScreen").then((module) => ({ default: module.LegislatorScreen })));
const TargetsScreen = lazy(() => import("./screens/TargetsScreen/TargetsScreen").then((module) => ({ default: module.TargetsScreen })));
const LobbyDayScreen = lazy(() => import("./screens/LobbyDayScreen/LobbyDayScreen").then((module) => ({ default: module.LobbyDayScreen })));
const LobbyDaysScreen = lazy(() => import("./screens/LobbyDayScreen/LobbyDaysScreen").then((module) => ({ default: module.LobbyDaysScreen })));
const LoginScreen = lazy(() => import("./screens/LoginScreen/LoginScreen").then((module) => ({ default: module.LoginScreen })));
const MapScreen = lazy(() => import("./screens/MapScreen/MapScreen").then((module) => ({ default: module.MapScreen })));
const MeetingScreen = lazy(() => import("./screens/MeetingScreen/MeetingScreen").then((module) => ({ default: module.MeetingScreen })));
const PrintScreen = lazy(() => import("./screens/PrintScreen/PrintScreen").then((module) => ({ default: module.PrintScreen })));
const PublicMapScreen = lazy(() => import("./screens/PublicMapScreen/PublicMapScreen").then((module) => ({ default: module.PublicMapScreen })));
const PipelineScreen = lazy(() => import("./screens/PipelineScreen/PipelineScreen").then((module) => ({ default: module.PipelineScreen })));
const UsersScreen = lazy(() => import("./screens/UsersScreen/UsersScreen").then((module) => ({ default: module.UsersScreen })));

/** The screen of each page in shared/app-pages.ts; the compiler checks every page has one. */
const SCREENS: Record<AppPage, (params: Params) => ReactNode> = {
  map: () => <MapScreen />,
  // Accounts (issue 8)
  login: () => <LoginScreen />,
  invite: ({ token }) => <AccountLinkScreen kind="invite" token={token ?? ""} />,
  reset: ({ token }) => <AccountLinkScreen kind="reset" token={token ?? ""} />,
  users: () => <UsersScreen />,
  audit: () => <AuditScreen />,
  // Public views (issue 7)
  public: () => <PublicMapScreen />,
  publicCampaign: ({ campaign }) => <PublicMapScreen slug={campaign} />,
  embed: () => <PublicMapScreen embed />,
  print: () => <PrintScreen />,
  // Campaign workflow (issue 5)
  pipeline: () => <PipelineScreen />,
  campaign: ({ campaign }) => <CampaignScreen campaign={campaign ?? ""} />,
  // Legislators and hubs (issue 6)
  district: ({ id }) => <DistrictScreen districtId={id ?? ""} />,
  hubs: () => <HubsScreen />,
  legislator: ({ id }) => <LegislatorScreen legislatorId={id ?? ""} />,
  targets: () => <TargetsScreen />,
  meeting: ({ body }) => <MeetingScreen bodyId={body ?? ""} />,
  lobbyDays: () => <LobbyDaysScreen />,
  lobbyDay: ({ id }) => <LobbyDayScreen lobbyDayId={id ?? ""} />,
};

/**
 * Meeting mode opens with no connection (the service worker keeps every build file it has
 * fetched): once an organizer page is up, fetch the meeting screen's chunks too, while idle, so a
 * phone that opened the map also has meeting mode offline. Not on the public pages.
 */
export function keepMeetingModeOffline(): void {
  const page = matchAppPage(window.location.pathname)?.page;
  if (!page || ["public", "publicCampaign", "embed", "print"].includes(page)) return;
  const later = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 2000));
  later(() => void import("./screens/MeetingScreen/MeetingScreen").catch(() => undefined));
}

/** While a screen's chunk loads: the same words index.html shows before the app starts. */
const LOADING = <p className="boot-message">Loading Groundswell…</p>;

export function Routes({ pathname }: { pathname: string }) {
  const match = matchAppPage(pathname);
  if (!match) {
    return (
      <StatusOverlay>
        <h1>No such page</h1>
        <p>
          <a href="/">Go to the campaign map</a>
        </p>
      </StatusOverlay>
    );
  }
  return <Suspense fallback={LOADING}>{SCREENS[match.page](match.params)}</Suspense>;
}
