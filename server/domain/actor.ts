import type { Role } from "../../shared/model/account";

/** Who is acting: a signed-in user, the command line, or the anonymous public. */
export interface Actor {
  name: string;
  role: Role;
  /** The account, when a person signed in. */
  userId?: number | undefined;
  /** A hub member's hub: the area they may edit. */
  hubId?: number | null | undefined;
}

/** Anyone not signed in. */
export const publicActor: Actor = { name: "public", role: "public" };

/** Before the first account exists the app is a read-only demo: visitors read as a viewer. */
export const demoVisitorActor: Actor = { name: "Demo visitor", role: "viewer" };

/** The command line acts as the operator of the machine. */
export const commandLineActor: Actor = { name: "command line", role: "admin" };
