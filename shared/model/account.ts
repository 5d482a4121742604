import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";

/** Roles a signed-in account can hold; the anonymous visitor is `public`. */
export const ACCOUNT_ROLES = ["admin", "organizer", "hub", "viewer"] as const;
export const accountRoleSchema = z.enum(ACCOUNT_ROLES);
export type AccountRole = z.infer<typeof accountRoleSchema>;
export type Role = AccountRole | "public";

/** What each role may do, in the words the Users screen shows next to the role. */
export const ROLE_DESCRIPTIONS: Record<AccountRole, string> = {
  admin: "everything an organizer can, plus users, campaign settings, imports and the audit log",
  organizer: "edits any resolution, its members, votes and next actions; manages hubs",
  hub: "edits the bodies in their hub's area: stages, members and their contacts, votes, next actions",
  viewer: "reads everything, private notes and contacts included; changes nothing",
};

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "an email address has at most 254 characters")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "enter an email address such as name@example.org");

/** Long enough to resist guessing, short enough that hashing it is cheap. */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `a password needs at least ${PASSWORD_MIN_LENGTH} characters`).max(200, "a password has at most 200 characters");

export const personNameSchema = z.string().trim().min(1, "enter your name").max(120);

/** The session cookie's name; HttpOnly, so client code never reads it. */
export const SESSION_COOKIE = "groundswell_session";

export const loginInputSchema = z.object({
  email: emailSchema,
  // Not passwordSchema: a login never says how long the real password is.
  password: z.string().min(1, "enter your password").max(200),
});

export const acceptInviteInputSchema = z.object({ token: z.string().min(20).max(200), name: personNameSchema, password: passwordSchema });
export const resetPasswordInputSchema = z.object({ token: z.string().min(20).max(200), password: passwordSchema });
export const linkInfoInputSchema = z.object({ token: z.string().min(1).max(200) });

export const inviteInputSchema = z
  .object({ email: emailSchema, role: accountRoleSchema, hubId: rowIdSchema.nullable().default(null) })
  .refine((input) => input.role !== "hub" || input.hubId !== null, { message: "a hub member needs a hub", path: ["hubId"] });

export const updateUserInputSchema = z.object({
  userId: rowIdSchema,
  role: accountRoleSchema.optional(),
  hubId: rowIdSchema.nullable().optional(),
  disabled: z.boolean().optional(),
});

/** Who is signed in, as the client sees it. */
export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  role: AccountRole;
  hubId: number | null;
  hubName: string | null;
}

/**
 * `auth.me`: the signed-in user, or null. `demo` is true while no account exists yet: the app is
 * then a read-only demo (PRODUCT.md) and says how to create the first account.
 */
export interface Session {
  user: SignedInUser | null;
  demo: boolean;
}

export const signedInUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: accountRoleSchema,
  hubId: z.number().int().nullable(),
  hubName: z.string().nullable(),
}) satisfies z.ZodType<SignedInUser, unknown>;

/** What the public auth procedures answer, checked on the way out: never a hash, never a token. */
export const sessionSchema = z.object({ user: signedInUserSchema.nullable(), demo: z.boolean() }).strict() satisfies z.ZodType<Session, unknown>;

/** A user as the Users screen lists them (never the password hash). */
export interface UserSummary extends SignedInUser {
  createdAt: string;
  disabled: boolean;
  hasPassword: boolean;
}

/** An invite or reset link an admin hands out: the path carries the one-time token. */
export interface IssuedLink {
  path: string;
  expiresAt: string;
}

export interface LinkInfo {
  kind: "invite" | "reset";
  email: string;
  role: AccountRole;
  /** Why the link can no longer be used, or null. */
  problem: "expired" | "used" | null;
}

export const linkInfoSchema = z.object({
  kind: z.enum(["invite", "reset"]),
  email: z.string(),
  role: accountRoleSchema,
  problem: z.enum(["expired", "used"]).nullable(),
}) satisfies z.ZodType<LinkInfo, unknown>;

/** Private reads: every signed-in role (and the read-only demo, which runs as a viewer). */
export const canReadPrivate = (role: Role): boolean => role !== "public";

/** Edits of any resolution, member, vote or next action. */
export const canEditAnyBody = (role: Role): boolean => role === "admin" || role === "organizer";

/** Whether a role may edit some bodies (hub members: those in their hub's area). */
export const canEditSomeBodies = (role: Role): boolean => canEditAnyBody(role) || role === "hub";

/** Users, campaign settings, imports and the audit log. */
export const canAdminister = (role: Role): boolean => role === "admin";

/** Edits outside any one body: creating hubs, drawing their areas, legislators' ladder steps. */
export const canEditCampaignWide = canEditAnyBody;

/** The role a session acts as: the signed-in user's; a viewer in the read-only demo; else the public. */
export const sessionRole = (session: Session | undefined): Role => session?.user?.role ?? (session?.demo ? "viewer" : "public");

/** What a hub member may edit: the bodies their hub names, and every body overlapping its districts. */
export interface HubArea {
  districtIds: readonly number[];
  bodyIds: readonly number[];
}

/**
 * Whether `role` may edit one body (its stage, vote, members, next actions, note): organizers and
 * admins any body, a hub member those in their hub's area, nobody else. The client hides controls
 * with it; the server decides (server/domain/permissions.ts) and its refusal is shown in place.
 */
export function canEditBodyInArea(role: Role, body: { id: number; districtIds: readonly number[] }, hubArea: HubArea | null): boolean {
  if (canEditAnyBody(role)) return true;
  if (role !== "hub" || !hubArea) return false;
  return hubArea.bodyIds.includes(body.id) || body.districtIds.some((districtId) => hubArea.districtIds.includes(districtId));
}

/**
 * Whether `role` may move a legislator on the ladder, log meetings and add next actions: organizers
 * and admins for anyone, a hub member for legislators sitting for a district their hub covers.
 * The client hides controls with it; the server decides (server/domain/permissions.ts).
 */
export function canEditLegislatorInArea(role: Role, districtId: number | null, hubDistrictIds: ReadonlySet<number>): boolean {
  if (canEditAnyBody(role)) return true;
  return role === "hub" && districtId !== null && hubDistrictIds.has(districtId);
}

/** Why a request was refused, in the words the server answers with and the client shows beside hidden controls. */
export const REFUSALS = {
  signInToChange: "Sign in to make changes",
  signInToSee: "Sign in to see this",
  viewer: "Viewers cannot make changes: ask an admin for an organizer or hub role",
  outsideHubArea: "This body is outside your hub's area: ask an organizer",
  outsideHubLegislator: "This legislator's district is outside your hub's area: ask an organizer",
  organizersOnly: "Only organizers can do this",
  adminsOnly: "Only admins can do this",
  demo: "Read-only demo: nobody can make changes until the first account exists",
  ownAccess: "You cannot demote or disable yourself: ask another admin",
} as const;

/** An admin may change anyone's role or disable them, except their own: nobody locks themselves out by mistake. */
export const canChangeAccessOf = (actorUserId: number | undefined, userId: number): boolean => actorUserId !== userId;

/** Why a session may not edit a body it cannot edit (hidden controls say this instead). */
export function bodyEditRefusal(session: Session | undefined): string {
  if (!session?.user) return session?.demo ? REFUSALS.demo : REFUSALS.signInToChange;
  return session.user.role === "hub" ? REFUSALS.outsideHubArea : REFUSALS.viewer;
}

/** Why a session may not do what only `allowed` roles may (organizers-only or admins-only work). */
export function roleRefusal(session: Session | undefined, needs: "organizer" | "admin"): string {
  if (!session?.user) return session?.demo ? REFUSALS.demo : REFUSALS.signInToChange;
  return needs === "admin" ? REFUSALS.adminsOnly : REFUSALS.organizersOnly;
}

/** Audit log entries by what they changed, for the audit log's filter. */
export const AUDIT_SUBJECT_KINDS: Record<string, string> = {
  resolution: "Resolutions and stages",
  evidence: "Evidence and verified passes",
  member: "Members and positions",
  task: "Next actions",
  hub: "Hubs",
  legislatorStep: "Legislators' ladder steps",
  meeting: "Meetings with legislators and their next actions",
  legislatorStance: "Legislators' stances (before bills)",
  campaign: "Campaign settings",
  body: "Body imports",
  district: "District imports",
  user: "Users and sign-ins",
};

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  subjectKind: string;
  subjectId: string | null;
  campaignId: number | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export const auditListInputSchema = z.object({
  /** Entries older than this id (paging backwards); absent for the newest. */
  beforeId: rowIdSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  subjectKind: z.string().max(40).optional(),
});
