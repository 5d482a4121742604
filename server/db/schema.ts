import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Member } from "../../shared/model/member";

/**
 * The Database interface: table name → row type, in camelCase (CamelCasePlugin maps to the
 * snake_case columns). Timestamps are ISO 8601 UTC strings on both engines so they compare and
 * sort the same way everywhere.
 */
export interface Database {
  campaign: CampaignTable;
  body: BodyTable;
  resolution: ResolutionTable;
  stageEvent: StageEventTable;
  district: DistrictTable;
  bodyDistrictOverlap: BodyDistrictOverlapTable;
  legislator: LegislatorTable;
  legislatorRole: LegislatorRoleTable;
  committee: CommitteeTable;
  committeeMember: CommitteeMemberTable;
  hub: HubTable;
  hubDistrict: HubDistrictTable;
  hubBody: HubBodyTable;
  member: MemberTable;
  memberPosition: MemberPositionTable;
  task: TaskTable;
  bill: BillTable;
  legislatorStep: LegislatorStepTable;
  legislatorStepEvent: LegislatorStepEventTable;
  meeting: MeetingTable;
  meetingHub: MeetingHubTable;
  legislatorTask: LegislatorTaskTable;
  lobbyDay: LobbyDayTable;
  populationLayer: PopulationLayerTable;
  appSetting: AppSettingTable;
  overlapPeople: OverlapPeopleTable;
  districtPeople: DistrictPeopleTable;
  bodyPeople: BodyPeopleTable;
  lobbyVisit: LobbyVisitTable;
  lobbySignup: LobbySignupTable;
  appUser: AppUserTable;
  userSession: UserSessionTable;
  userLink: UserLinkTable;
  loginFailure: LoginFailureTable;
  auditEvent: AuditEventTable;
  changeOutbox: ChangeOutboxTable;
  ballotQuestion: BallotQuestionTable;
  ballotQuestionDistrict: BallotQuestionDistrictTable;
  ballotResult: BallotResultTable;
  endorser: EndorserTable;
  endorserStepEvent: EndorserStepEventTable;
  evidence: EvidenceTable;
  evidenceFile: EvidenceFileTable;
  verificationEvent: VerificationEventTable;
  rollCallVote: RollCallVoteTable;
}

/** How a member voted on a campaign's resolution (yes | no | abstain | absent), from meeting mode. */
export interface RollCallVoteTable {
  resolutionId: number;
  memberId: number;
  vote: string;
  recordedAt: string;
}

/** A document showing a resolution passed: a link or an uploaded file. Private unless `isPublic`; `addedBy` always private. */
export interface EvidenceTable {
  id: Generated<number>;
  resolutionId: number;
  /** link | file */
  kind: string;
  /** An `EvidenceCategory`: minutes, adopted_text, signed_copy, news_article, other. */
  category: string;
  title: string | null;
  /** The link (kind link). */
  url: string | null;
  /** The uploaded file's name, type (from its first bytes), size and SHA-256 (kind file). */
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  sha256: string | null;
  isPublic: ColumnType<number, number | undefined, number>;
  addedBy: string;
  createdAt: string;
}

/** An uploaded evidence file's bytes (bytea on PostgreSQL, blob on SQLite), apart so lists never read them. */
export interface EvidenceFileTable {
  evidenceId: number;
  content: Uint8Array;
}

/** Append-only history of a resolution's verification state. `actor` and `note` are private. */
export interface VerificationEventTable {
  id: Generated<number>;
  resolutionId: number;
  fromState: string;
  toState: string;
  actor: string;
  note: string | null;
  occurredAt: string;
}

/** An organisation or key person a campaign asks to endorse. `address`, `privateContact` and `note` are private. */
export interface EndorserTable {
  id: Generated<number>;
  campaignId: number;
  name: string;
  /** An `EndorserCategory`. */
  category: string;
  town: string;
  state: string;
  townBodyId: number | null;
  linkedBodyId: number | null;
  address: string | null;
  lon: number;
  lat: number;
  /** coordinates | town | address */
  locationSource: string;
  website: string | null;
  publicContact: string | null;
  privateContact: string | null;
  note: string | null;
  /** 1 when they agreed to be listed publicly. */
  isPublic: number;
  step: string;
  stepUpdatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Append-only endorser ladder history. `actor` and `note` are private. */
export interface EndorserStepEventTable {
  id: Generated<number>;
  endorserId: number;
  fromStep: string | null;
  toStep: string;
  source: string;
  link: string | null;
  actor: string;
  note: string | null;
  occurredAt: string;
}

/** A ballot question of a campaign; `totals*` are the file's own Totals row, when it had one. */
export interface BallotQuestionTable {
  id: Generated<number>;
  campaignId: number;
  name: string;
  year: number | null;
  electionDate: string | null;
  questionText: string | null;
  state: string | null;
  /** The file the results came from. */
  source: string | null;
  totalsYes: number | null;
  totalsNo: number | null;
  totalsBlanks: number | null;
  totalsTotal: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A district a ballot question ran in: as named (any plan), linked to an imported district when one matches. */
export interface BallotQuestionDistrictTable {
  id: Generated<number>;
  questionId: number;
  districtId: number | null;
  chamber: string;
  name: string;
  vintage: string | null;
}

/** One row of results: a town (body), a precinct of it, or a whole district (`questionDistrictId`). */
export interface BallotResultTable {
  id: Generated<number>;
  questionId: number;
  bodyId: number | null;
  questionDistrictId: number | null;
  town: string | null;
  state: string | null;
  ward: string | null;
  precinct: string | null;
  yes: number;
  no: number;
  blanks: number;
  total: number;
  isPartial: ColumnType<number, number | undefined, number>;
  sourceRow: number;
}

/** Changes committed by another process (the CLI), waiting for the server's poll (SQLite). */
export interface ChangeOutboxTable {
  id: Generated<number>;
  /** JSON of a `Change`. */
  change: string;
  createdAt: string;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  slug: string;
  bill: string | null;
  /** 1 when the campaign's stages are invented demo data. */
  isDemo: ColumnType<number, number | undefined, number>;
  /** JSON of a `StageScheme`. */
  stageScheme: string;
  createdAt: string;
  /** Model resolution text, Markdown. */
  modelText: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of a `Ladder`; null: the default ladder. */
  ladder: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of an `EndorserLadder`; null: the default endorser ladder. */
  endorserLadder: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of a `CampaignScope`; null = every body. */
  scope: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: public counts and press exports count verified passes only. */
  countVerifiedOnly: ColumnType<number, number | undefined, number>;
}

export interface BodyTable {
  /** Also the MapLibre feature id. */
  id: Generated<number>;
  name: string;
  kind: string;
  state: string | null;
  geoid: string | null;
  ocdDivisionId: string | null;
  parentId: number | null;
  /** RFC 7946 geometry as JSON text. */
  geometry: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  createdAt: string;
  updatedAt: string;
  /** What an import matched the body by: GEOID, the --id-field value, or the name. */
  sourceKey: ColumnType<string | null, string | null | undefined, string | null>;
  /** Geodesic area in m² (null for point bodies and bodies from before area was stored). */
  areaM2: ColumnType<number | null, number | null | undefined, number | null>;
  /** Voting members when full; vacancies are seats now empty. */
  seats: ColumnType<number | null, number | null | undefined, number | null>;
  vacancies: ColumnType<number | null, number | null | undefined, number | null>;
  /** Members needed present to vote (null: a majority of seats). */
  quorum: ColumnType<number | null, number | null | undefined, number | null>;
  /** A `VoteRule` (shared/rules/whip.ts); null means a simple majority of those present. */
  voteRule: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 when a mayor (or executive) can veto what the body passes. */
  hasVeto: ColumnType<number, number | undefined, number>;
  /** The `VoteRule` to override a veto (null: two thirds of the full body). */
  overrideRule: ColumnType<string | null, string | null | undefined, string | null>;
  /** People living in the body, when its boundary layer carries a population field. */
  population: ColumnType<number | null, number | null | undefined, number | null>;
  /** Where the boundary came from, as the press map credits it ("US Census Bureau TIGER/Line 2024", a file name). */
  boundarySource: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DistrictTable {
  /** Also the MapLibre feature id of district outlines. */
  id: Generated<number>;
  /** state_lower | state_upper | congressional | us_senate (district: the state's code) */
  chamber: string;
  state: string | null;
  /** The district's own name or number as the plan gives it ("30", "18th Essex"). */
  name: string;
  geoid: string | null;
  ocdDivisionId: string | null;
  /** The redistricting plan, e.g. "2022". */
  vintage: string;
  /** 1 for the newest vintage of its chamber and state: overlaps use only current districts. */
  isCurrent: ColumnType<number, number | undefined, number>;
  sourceKey: string;
  geometry: string;
  areaM2: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  createdAt: string;
  updatedAt: string;
}

export interface BodyDistrictOverlapTable {
  bodyId: number;
  districtId: number;
  intersectionAreaM2: number;
  shareOfBody: number;
  shareOfDistrict: number;
  computedAt: string;
}

export interface LegislatorTable {
  id: Generated<number>;
  /** "ocd-person/<uuid>" from Open States. */
  ocdPersonId: string;
  name: string;
  party: string | null;
  email: string | null;
  /** JSON array of URLs. */
  links: string | null;
  /** JSON object of Open States `extras`. */
  extras: string | null;
  /** JSON array of other spellings of the name (Open States `other_names`). */
  otherNames: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of public offices ({classification, address, voice, fax}). */
  offices: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: string;
  updatedAt: string;
}

/** A seat held for a time: closed (validTo set) on turnover, never overwritten. */
export interface LegislatorRoleTable {
  id: Generated<number>;
  legislatorId: number;
  /** state_lower | state_upper | congressional | us_senate (district: the state's code) */
  chamber: string;
  state: string;
  /** The district as the source names it ("7", "Eighteenth Essex"). */
  districtName: string;
  /** The current district it matched, or null (unmatched, or a role that has ended). */
  districtId: number | null;
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
}

/** A legislature's committee (Open States organization); `chamber`: state_lower, state_upper or joint. */
export interface CommitteeTable {
  id: Generated<number>;
  ocdOrgId: string;
  state: string;
  chamber: string;
  name: string;
  /** JSON array of other names ("Joint Committee on …"). */
  otherNames: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A committee's member: chair, vice chair, ranking member, member (as the file says). */
export interface CommitteeMemberTable {
  id: Generated<number>;
  committeeId: number;
  legislatorId: number;
  role: string;
}

export interface ResolutionTable {
  id: Generated<number>;
  campaignId: number;
  bodyId: number;
  stage: string;
  /** Optimistic concurrency: every write bumps it and checks the value the writer saw. */
  version: number;
  introducedOn: string | null;
  voteDate: string | null;
  updatedAt: string;
  /** Local wall-clock "HH:MM" at the body's location. */
  voteTime: ColumnType<string | null, string | null | undefined, string | null>;
  voteLocation: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 when the scheduled vote was cancelled (the calendar marks it cancelled). */
  voteCancelled: ColumnType<number, number | undefined, number>;
  hearingDate: ColumnType<string | null, string | null | undefined, string | null>;
  hearingTime: ColumnType<string | null, string | null | undefined, string | null>;
  hearingLocation: ColumnType<string | null, string | null | undefined, string | null>;
  tallyYes: ColumnType<number | null, number | null | undefined, number | null>;
  tallyNo: ColumnType<number | null, number | null | undefined, number | null>;
  tallyAbstain: ColumnType<number | null, number | null | undefined, number | null>;
  tallyAbsent: ColumnType<number | null, number | null | undefined, number | null>;
  agendaUrl: ColumnType<string | null, string | null | undefined, string | null>;
  minutesUrl: ColumnType<string | null, string | null | undefined, string | null>;
  adoptedTextUrl: ColumnType<string | null, string | null | undefined, string | null>;
  /** The hub working on it. */
  hubId: ColumnType<number | null, number | null | undefined, number | null>;
  /** Private: signed-in members only. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
  /** A `VerificationState`: reported | evidence_attached | verified | transmitted. */
  verification: ColumnType<string, string | undefined, string>;
  /** Who verified it and when (private name; the instant is public as the day). */
  verifiedBy: ColumnType<string | null, string | null | undefined, string | null>;
  verifiedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface StageEventTable {
  id: Generated<number>;
  resolutionId: number;
  fromStage: string | null;
  toStage: string;
  actor: string;
  note: string | null;
  /** When the change was recorded (ISO 8601 UTC instant). */
  occurredAt: string;
  /** The day the change happened (`YYYY-MM-DD`, UTC): given by the user, may be before `occurredAt`. */
  happenedOn: string;
}

/** A local organizing group. `privateContacts` is private: it never reaches a public surface. */
export interface HubTable {
  id: Generated<number>;
  name: string;
  slug: string;
  publicContact: string | null;
  onboarding: string | null;
  privateContacts: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HubDistrictTable {
  hubId: number;
  districtId: number;
}

export interface HubBodyTable {
  hubId: number;
  bodyId: number;
}

/** A person on a body: the shared `Member` and when the row was written. `privateContact` is private. */
export interface MemberTable extends Omit<Member, "id"> {
  id: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** A member's stand on one campaign's resolution. Internal positions and notes are private. */
export interface MemberPositionTable {
  id: Generated<number>;
  campaignId: number;
  memberId: number;
  /** yes | lean_yes | undecided | lean_no | no | unknown */
  position: ColumnType<string, string | undefined, string>;
  /** lead | cosponsor | null */
  sponsorRole: string | null;
  isInternal: ColumnType<number, number | undefined, number>;
  lastContactedOn: string | null;
  contactedBy: string | null;
  note: string | null;
  version: ColumnType<number, number | undefined, number>;
  updatedAt: string;
}

/** A next action on a resolution (private). */
export interface TaskTable {
  id: Generated<number>;
  resolutionId: number;
  title: string;
  owner: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** One of a campaign's bills (the state bill in each chamber, the federal bill…). */
export interface BillTable {
  id: Generated<number>;
  campaignId: number;
  name: string;
  /** state | federal: whose legislators cosponsor it. */
  jurisdiction: string;
  /** The chamber it was filed in, when known. */
  chamber: string | null;
  /** Order in the campaign; the first is the default bill. */
  position: number;
  createdAt: string;
}

/** Where a legislator stands on a bill now (a step id of the campaign's ladder). */
export interface LegislatorStepTable {
  billId: number;
  legislatorId: number;
  step: string;
  updatedAt: string;
}

/** Append-only ladder history. `actor` and `note` are private. */
export interface LegislatorStepEventTable {
  id: Generated<number>;
  billId: number;
  legislatorId: number;
  fromStep: string | null;
  toStep: string;
  /** meeting | public_statement | cosponsor_list | news | undo | other */
  source: string;
  link: string | null;
  actor: string;
  note: string | null;
  occurredAt: string;
}

/** A meeting with a legislator (members only). `privateNotes` never reaches a public surface. */
export interface MeetingTable {
  id: Generated<number>;
  campaignId: number;
  legislatorId: number;
  metOn: string;
  place: string | null;
  constituents: number | null;
  ask: string | null;
  answer: string | null;
  billId: number | null;
  /** The ladder step the meeting moved the legislator to on `billId`, if any. */
  outcomeStep: string | null;
  privateNotes: string | null;
  createdBy: string;
  createdAt: string;
}

export interface MeetingHubTable {
  meetingId: number;
  hubId: number;
}

/** A next action attached to a legislator (private), a meeting's follow-up when `meetingId` is set. */
export interface LegislatorTaskTable {
  id: Generated<number>;
  campaignId: number;
  legislatorId: number;
  meetingId: number | null;
  title: string;
  owner: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** A campaign's lobby day (members only); `billIds` and `chambers` are JSON lists. */
export interface LobbyDayTable {
  id: Generated<number>;
  campaignId: number;
  name: string;
  heldOn: string;
  startsAt: string | null;
  place: string | null;
  billIds: string;
  chambers: string;
  notes: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One office's visit on a lobby day: when, which room, and the meeting its report-back logged. */
export interface LobbyVisitTable {
  lobbyDayId: number;
  legislatorId: number;
  time: string | null;
  room: string | null;
  meetingId: number | null;
}

/** Someone signed up to meet a legislator on a lobby day. */
export interface LobbySignupTable {
  id: Generated<number>;
  lobbyDayId: number;
  legislatorId: number;
  name: string;
  hubId: number | null;
  isConstituent: number;
  createdBy: string;
  createdAt: string;
}

/** A population layer imported (the file, its count field, how many features and people). */
export interface PopulationLayerTable {
  id: Generated<number>;
  fileName: string;
  countField: string;
  state: string | null;
  features: number;
  people: number;
  importedBy: string;
  importedAt: string;
}

/** People of a body inside a district, from the population layer. */
export interface OverlapPeopleTable {
  bodyId: number;
  districtId: number;
  people: number;
}

export interface DistrictPeopleTable {
  districtId: number;
  people: number;
}

export interface BodyPeopleTable {
  bodyId: number;
  people: number;
}

export type BodyRow = Selectable<BodyTable>;
export type NewBodyRow = Insertable<BodyTable>;
export type BodyUpdate = Updateable<BodyTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type ResolutionRow = Selectable<ResolutionTable>;
export type StageEventRow = Selectable<StageEventTable>;
export type DistrictRow = Selectable<DistrictTable>;
export type NewDistrictRow = Insertable<DistrictTable>;
export type LegislatorRow = Selectable<LegislatorTable>;
export type LegislatorRoleRow = Selectable<LegislatorRoleTable>;
export type HubRow = Selectable<HubTable>;
export type MemberRow = Selectable<MemberTable>;
export type MemberPositionRow = Selectable<MemberPositionTable>;
export type TaskRow = Selectable<TaskTable>;

export interface AppUserTable {
  id: Generated<number>;
  /** Lower case; unique. */
  email: string;
  name: string;
  role: "admin" | "organizer" | "hub" | "viewer";
  hubId: number | null;
  /** null until the owner sets a password through a link. */
  passwordHash: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface UserSessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface UserLinkTable {
  tokenHash: string;
  kind: "invite" | "reset";
  email: string;
  role: "admin" | "organizer" | "hub" | "viewer";
  hubId: number | null;
  userId: number | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  throttleKey: string;
  at: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  userId: number | null;
  actorName: string;
  actorRole: string;
  /** The procedure or command, e.g. `resolution.changeStage`, `import resolutions`. */
  action: string;
  subjectKind: string;
  subjectId: string | null;
  campaignId: number | null;
  /** One line a person reads in the log. */
  summary: string;
  beforeJson: string | null;
  afterJson: string | null;
}

/** Facts the app keeps about itself (`server_url`: where the last server started on this database listens). */
export interface AppSettingTable {
  key: string;
  value: string;
  updatedAt: string;
}
