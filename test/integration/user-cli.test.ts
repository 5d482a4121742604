import { describe, expect, it } from "vitest";
import { authenticate, linkInfo, resetPassword } from "../../server/domain/accounts";
import { createHub } from "../../server/domain/hubs";
import { commandLineActor } from "../../server/domain/actor";
import { writeAppSetting } from "../../server/db/repositories/app-setting-repository";
import { runCliInProcess } from "../helpers/cli";
import { forEachEngine } from "../helpers/test-db";

/** `groundswell user add | list | reset` on both engines, through the CLI as a person types it. */
forEachEngine(
  (getDatabase) => {
    const cli = (args: string[], input?: string) => runCliInProcess(args, getDatabase().env, input === undefined ? {} : { input });
    const tokenOf = (stdout: string, kind: "reset") => new RegExp(`http://localhost:3000/${kind}/([\\w-]{43}) `).exec(stdout)?.[1];
    const failure = (result: { status: number; stdout: string; stderr: string }) => {
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^groundswell: \S[^\n]*\n$/);
      return result.stderr.trim();
    };

    it("says the app is a read-only demo while there is no account", async () => {
      const result = await cli(["user", "list"]);
      expect(result.stdout).toBe("No accounts yet: the app is a read-only demo. Add one with: groundswell user add you@example.org --role admin\n");
    });

    it("adds an admin and prints a link where they set a password, which then signs in", async () => {
      const result = await cli(["user", "add", "Ada@Example.org", "--role", "admin", "--name", "Ada Lovelace"]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(
        /^Added ada@example\.org as admin \(id \d+\)\.\nThey set their password at http:\/\/localhost:3000\/reset\/[\w-]{43} \(valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.\n$/,
      );
      const token = tokenOf(result.stdout, "reset")!;
      const { db } = getDatabase();
      expect(await linkInfo(db, token)).toEqual({ kind: "reset", email: "ada@example.org", role: "admin", problem: null });
      await db.transaction().execute((trx) => resetPassword(trx, { token, password: "analytical engine" }));
      expect(await authenticate(db, { email: "ada@example.org", password: "analytical engine" }, "127.0.0.1")).toMatchObject({ name: "Ada Lovelace", role: "admin" });
    });

    it("reads a password from standard input with --password-stdin", async () => {
      const result = await cli(["user", "add", "grace@example.org", "--role", "organizer", "--password-stdin"], "compiler pioneer\n");
      expect(result.stdout).toMatch(/^Added grace@example\.org as organizer \(id \d+\)\.\n$/);
      expect(await authenticate(getDatabase().db, { email: "grace@example.org", password: "compiler pioneer" }, "127.0.0.1")).toMatchObject({ role: "organizer" });
    });

    it("adds a hub member to a named hub, and lists everyone", async () => {
      const { db } = getDatabase();
      await db.transaction().execute((trx) => createHub(trx, { name: "Providence Hub" }, commandLineActor));
      expect((await cli(["user", "add", "hub@example.org", "--role", "hub", "--hub", "Providence Hub"])).stdout).toMatch(/^Added hub@example\.org as hub of Providence Hub/);
      const list = await cli(["user", "list"]);
      expect(list.stdout.split("\n").filter(Boolean)).toEqual([
        "ada@example.org\tadmin\tAda Lovelace",
        "grace@example.org\torganizer\tgrace",
        "hub@example.org\thub\thub\t(hub Providence Hub, no password yet)",
      ]);
    });

    it("prints a password link for someone who forgot theirs", async () => {
      const result = await cli(["user", "reset", "GRACE@example.org"]);
      // Seen once in CI on PostgreSQL with empty output: the error, if it recurs, says why.
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/^GRACE@example\.org sets a new password at http:\/\/localhost:3000\/reset\/[\w-]{43} \(valid until/);
    });

    it("points its links at the running server when one noted its address, and GROUNDSWELL_PUBLIC_URL wins", async () => {
      // What `serve` does once it listens (here on another port than the CLI's default).
      await writeAppSetting(getDatabase().db, "server_url", "http://localhost:8123");
      const noted = await cli(["user", "reset", "ada@example.org"]);
      expect(noted.stdout).toMatch(/^ada@example\.org sets a new password at http:\/\/localhost:8123\/reset\/[\w-]{43} /);
      const behindProxy = await runCliInProcess(["user", "reset", "ada@example.org"], { ...getDatabase().env, GROUNDSWELL_PUBLIC_URL: "https://map.example.org" });
      expect(behindProxy.stdout).toMatch(/^ada@example\.org sets a new password at https:\/\/map\.example\.org\/reset\/[\w-]{43} /);
      await getDatabase().db.deleteFrom("appSetting").execute();
    });

    it("refuses bad input with one line and adds nobody", async () => {
      const count = async () =>
        Number(
          (
            await getDatabase()
              .db.selectFrom("appUser")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      expect(failure(await cli(["user", "add", "someone@example.org", "--role", "boss"]))).toBe('groundswell: unknown --role "boss"; use admin, organizer, hub or viewer');
      expect(failure(await cli(["user", "add", "not-an-email", "--role", "viewer"]))).toBe("groundswell: email: enter an email address such as name@example.org");
      expect(failure(await cli(["user", "add", "ada@example.org", "--role", "viewer"]))).toBe("groundswell: ada@example.org already has an account");
      expect(failure(await cli(["user", "add", "h2@example.org", "--role", "hub"]))).toBe("groundswell: a hub member needs --hub <name>");
      expect(failure(await cli(["user", "add", "h2@example.org", "--role", "hub", "--hub", "Atlantis"]))).toBe('groundswell: no hub "Atlantis"');
      expect(failure(await cli(["user", "add", "short@example.org", "--role", "viewer", "--password-stdin"], "short\n"))).toBe(
        "groundswell: password: a password needs at least 10 characters",
      );
      expect(failure(await cli(["user", "reset", "nobody@example.org"]))).toBe("groundswell: no account for nobody@example.org");
      expect(await count()).toBe(before);
    });
  },
  { sqliteOnDisk: true },
);

describe("user add without a role", () => {
  it("is refused by the command line parser before any database is opened", async () => {
    const result = await runCliInProcess(["user", "add", "x@example.org"], { GROUNDSWELL_DB: "/nonexistent/never.db" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("groundswell: required option '--role <role>' not specified\n");
  });
});
