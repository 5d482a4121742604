/** Who is acting. Accounts and roles arrive with sign-in (issue 8). */
export interface Actor {
  name: string;
  role: "admin" | "organizer" | "hub" | "viewer" | "public";
}

/** Until accounts exist, the app runs as an open demo: every visitor edits as this organizer. */
export const openDemoActor: Actor = { name: "Demo organizer", role: "organizer" };

/** The command line acts as the operator of the machine. */
export const commandLineActor: Actor = { name: "command line", role: "admin" };
