import type { Migration } from "kysely";
import * as createCore from "./2026_11_23_0900_create_core";
import * as createDistrictOverlap from "./2026_11_23_1000_create_district_overlap";
import * as createLegislator from "./2026_11_23_1100_create_legislator";
import * as createHub from "./2026_11_24_1150_create_hub";
import * as createWorkflow from "./2026_11_24_1300_create_workflow";
import * as createStanceAndPopulation from "./2026_11_24_1400_create_stance_and_population";
import * as createPipelineIndexes from "./2026_11_24_1405_create_pipeline_indexes";
import * as createAccounts from "./2026_11_25_0900_create_accounts";
import * as addBodyBoundarySource from "./2026_11_25_1200_add_body_boundary_source";
import * as createChangeOutbox from "./2026_12_07_0100_create_change_outbox";
import * as createBillAndLadder from "./2026_12_07_1000_create_bill_and_ladder";
import * as createMeeting from "./2026_12_07_1010_create_meeting";
import * as addStageEventHappenedOn from "./2026_12_07_1100_add_stage_event_happened_on";
import * as addCampaignScope from "./2026_12_07_1110_add_campaign_scope";
import * as createBallotQuestion from "./2026_12_07_1200_create_ballot_question";
import * as createCommittees from "./2026_12_07_1300_create_committees";
import * as createLobbyDay from "./2026_12_07_1400_create_lobby_day";
import * as createEndorser from "./2026_12_07_1500_create_endorser";
import * as createPopulation from "./2026_12_07_1510_create_population";
import * as createEvidence from "./2026_12_07_1600_create_evidence";
import * as createRollCallVote from "./2026_12_07_1610_create_roll_call_vote";
import * as createAppSetting from "./2026_12_07_1700_create_app_setting";

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  "2026_11_23_0900_create_core": createCore,
  "2026_11_23_1000_create_district_overlap": createDistrictOverlap,
  "2026_11_23_1100_create_legislator": createLegislator,
  "2026_11_24_1150_create_hub": createHub,
  "2026_11_24_1300_create_workflow": createWorkflow,
  "2026_11_24_1400_create_stance_and_population": createStanceAndPopulation,
  "2026_11_24_1405_create_pipeline_indexes": createPipelineIndexes,
  "2026_11_25_0900_create_accounts": createAccounts,
  "2026_11_25_1200_add_body_boundary_source": addBodyBoundarySource,
  "2026_12_07_0100_create_change_outbox": createChangeOutbox,
  "2026_12_07_1000_create_bill_and_ladder": createBillAndLadder,
  "2026_12_07_1010_create_meeting": createMeeting,
  "2026_12_07_1100_add_stage_event_happened_on": addStageEventHappenedOn,
  "2026_12_07_1110_add_campaign_scope": addCampaignScope,
  "2026_12_07_1200_create_ballot_question": createBallotQuestion,
  "2026_12_07_1300_create_committees": createCommittees,
  "2026_12_07_1400_create_lobby_day": createLobbyDay,
  "2026_12_07_1500_create_endorser": createEndorser,
  "2026_12_07_1510_create_population": createPopulation,
  "2026_12_07_1600_create_evidence": createEvidence,
  "2026_12_07_1610_create_roll_call_vote": createRollCallVote,
  "2026_12_07_1700_create_app_setting": createAppSetting,
};
