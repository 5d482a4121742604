import { accountRoleSchema } from "../../shared/model/account";
import { slugify } from "../../shared/model/campaign";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { findUserByEmail } from "../db/repositories/account-repository";
import { findAppSetting } from "../db/repositories/app-setting-repository";
import { findHubById, findHubBySlugOrName } from "../db/repositories/hub-repository";
import type { Db } from "../db/connect";
import { addUser, issueResetLink, listUsers } from "../domain/accounts";
import { commandLineActor } from "../domain/actor";
import { InputError, NotFoundError } from "../errors";

export interface AddUserOptions {
  role: string;
  name?: string;
  hub?: string;
  passwordStdin?: boolean;
}

/**
 * Where people reach the app, for the links this prints: GROUNDSWELL_PUBLIC_URL, else where the
 * last server started on this database listens, else this machine's configured port.
 */
async function appOrigin(config: Config, db: Db): Promise<string> {
  return (config.publicUrl ?? (await findAppSetting(db, "server_url")) ?? `http://localhost:${config.port}`).replace(/\/$/, "");
}

async function hubIdOf(db: Db, hub: string): Promise<number> {
  const byId = /^\d+$/.test(hub) ? await findHubById(db, Number(hub)) : undefined;
  const found = byId ?? (await findHubBySlugOrName(db, slugify(hub), hub.trim()))[0];
  if (!found) throw new NotFoundError(`no hub "${hub}"`);
  return found.id;
}

/** `groundswell user add <email> --role admin|organizer|hub|viewer [--name N] [--hub H] [--password-stdin]`. */
export async function addUserCommand(config: Config, email: string, options: AddUserOptions & { password?: string | undefined }, write: (text: string) => void) {
  const role = accountRoleSchema.safeParse(options.role);
  if (!role.success) throw new InputError(`unknown --role "${options.role}"; use admin, organizer, hub or viewer`);
  if (role.data === "hub" && !options.hub) throw new InputError("a hub member needs --hub <name>");
  if (role.data !== "hub" && options.hub) throw new InputError("--hub goes with --role hub");
  if (options.passwordStdin && !options.password) throw new InputError("--password-stdin read no password from standard input");
  const connection = await connect(config.database);
  try {
    const { user, link } = await connection.db
      .transaction()
      .execute(async (trx) =>
        addUser(trx, { email, role: role.data, name: options.name, hubId: options.hub ? await hubIdOf(trx, options.hub) : null, password: options.password }, commandLineActor),
      );
    write(`Added ${user.email} as ${user.role}${user.hubName ? ` of ${user.hubName}` : ""} (id ${user.id}).\n`);
    if (link) write(`They set their password at ${await appOrigin(config, connection.db)}${link.path} (valid until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC).\n`);
  } finally {
    await connection.close();
  }
}

/** `groundswell user list`: one line per account. */
export async function listUsersCommand(config: Config, write: (text: string) => void) {
  const connection = await connect(config.database);
  try {
    const users = await listUsers(connection.db);
    if (users.length === 0) write("No accounts yet: the app is a read-only demo. Add one with: groundswell user add you@example.org --role admin\n");
    for (const user of users) {
      const notes = [user.hubName && `hub ${user.hubName}`, user.disabled && "disabled", !user.hasPassword && "no password yet"].filter(Boolean).join(", ");
      write(`${user.email}\t${user.role}\t${user.name}${notes ? `\t(${notes})` : ""}\n`);
    }
  } finally {
    await connection.close();
  }
}

/** `groundswell user reset <email>`: a password link for someone who forgot theirs. */
export async function resetUserCommand(config: Config, email: string, write: (text: string) => void) {
  const connection = await connect(config.database);
  try {
    const link = await connection.db.transaction().execute(async (trx) => {
      const user = await findUserByEmail(trx, email.trim().toLowerCase());
      if (!user) throw new NotFoundError(`no account for ${email}`);
      return issueResetLink(trx, user.id, commandLineActor);
    });
    write(`${email} sets a new password at ${await appOrigin(config, connection.db)}${link.path} (valid until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC).\n`);
  } finally {
    await connection.close();
  }
}
