import type { ReactNode } from "react";
import { matchAppPage, type AppPage } from "../shared/app-pages";
import { StatusOverlay } from "./components/StatusOverlay";
import { AccountLinkScreen } from "./screens/AccountLinkScreen/AccountLinkScreen";
import { AuditScreen } from "./screens/AuditScreen/AuditScreen";
import { CampaignScreen } from "./screens/CampaignScreen/CampaignScreen";
import { DistrictScreen } from "./screens/DistrictScreen/DistrictScreen";
import { HubsScreen } from "./screens/HubsScreen/HubsScreen";
import { LegislatorScreen } from "./screens/LegislatorScreen/LegislatorScreen";
import { TargetsScreen } from "./screens/TargetsScreen/TargetsScreen";
import { LobbyDayScreen } from "./screens/LobbyDayScreen/LobbyDayScreen";
import { LobbyDaysScreen } from "./screens/LobbyDayScreen/LobbyDaysScreen";
import { LoginScreen } from "./screens/LoginScreen/LoginScreen";
import { MapScreen } from "./screens/MapScreen/MapScreen";
import { MeetingScreen } from "./screens/MeetingScreen/MeetingScreen";
import { PrintScreen } from "./screens/PrintScreen/PrintScreen";
import { PublicMapScreen } from "./screens/PublicMapScreen/PublicMapScreen";
import { PipelineScreen } from "./screens/PipelineScreen/PipelineScreen";
import { UsersScreen } from "./screens/UsersScreen/UsersScreen";

type Params = Record<string, string>;

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
  return SCREENS[match.page](match.params);
}
