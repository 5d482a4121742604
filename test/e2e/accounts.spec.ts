import type { BrowserContext } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { BodySummary } from "../../shared/model/body";
import { commandLineActor } from "../../server/domain/actor";
import { recordAudit } from "../../server/domain/audit";
import { createHub, updateHub } from "../../server/domain/hubs";
import { ensureUser, TEST_PASSWORD } from "../helpers/sign-in";
import { AccountDriver } from "./drivers/account-driver";
import { AppDriver } from "./drivers/app-driver";
import { useAppSession } from "./drivers/session";
import { browserEngines } from "./drivers/helper";

/**
 * Accounts in the browser, from the read-only demo to a working team: the demo notice before the
 * first account; an admin signs in through the form and invites a viewer; the invitee sets a
 * password in a browser of their own and lands signed in; the viewer reads the private note but
 * sees no edit control; a wrong password is told plainly; signing out hides the note again; the
 * admin finds the stage change in the audit log.
 */

const NOTE = "Clerk prefers email (private, accounts e2e)";
const INVITEE = { email: "vera.viewer@test.example", name: "Vera Viewer", password: "a viewer's long passphrase" };

for (const engine of browserEngines()) {
  describe(`accounts and roles (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-accounts`);
    let target: BodySummary;
    let inviteUrl: string;
    let invitee: { context: BrowserContext; app: AppDriver; account: AccountDriver } | undefined;

    afterAll(async () => {
      await invitee?.context.close();
    });

    it("is a read-only demo before the first account: a notice says how to make one, and nothing can be edited", async () => {
      const { driver } = session();
      await driver.open();
      const notice = driver.page.getByTestId("demo-notice");
      expect(await notice.innerText()).toContain("Read-only demo: to edit, create an account with npx groundswell user add you@example.org --role admin");
      expect(await driver.page.getByRole("button", { name: "Import", exact: true }).count()).toBe(0);
      const bodies: BodySummary[] = await driver.page.evaluate(async () => {
        const response = await fetch(`/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`);
        return (await response.json()).result.data;
      });
      target = bodies.find((body) => body.stage === "not_started" && body.bbox[0] > -125 && body.bbox[2] < -67 && body.bbox[1] > 25)!;
      await driver.search(`${target.name} ${target.state}`);
      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      expect(await driver.page.getByTestId("read-only-note").innerText()).toContain("Read-only demo");
      expect(await driver.page.getByRole("button", { name: "Save stage" }).count()).toBe(0);
      await driver.screenshot("01-demo-notice");

      // Dismissed, it stays dismissed in this browser.
      await notice.getByRole("button", { name: "Dismiss the demo notice" }).click();
      await driver.page.reload();
      await driver.waitForMap();
      await driver.page.getByTestId("read-only-note").waitFor();
      expect(await driver.page.getByTestId("demo-notice").count()).toBe(0);
    });

    it("an admin signs in through the form, changes a stage, writes a private note and invites a viewer", async () => {
      const { driver, app } = session();
      const account = new AccountDriver(driver.page, app.url, `${engine}-accounts`);
      const admin = await ensureUser(app.database.db, "admin");
      await account.openSignIn(`/?body=${target.id}`);
      await account.screenshot("02-login-page");
      await account.signInWith(admin.email, TEST_PASSWORD);
      await driver.page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("body") === String(target.id));
      await driver.waitForMap();
      expect(await driver.accountArea().innerText()).toMatch(/Test admin\s+admin/i);

      await expect.poll(() => driver.panelTitle().innerText()).toBe(target.name);
      await driver.changeStage("organizing", "Kickoff (accounts e2e)");
      await expect.poll(() => driver.currentStageInPanel()).toBe("organizing");
      await driver.page.getByLabel("Private note", { exact: true }).fill(NOTE);
      await driver.page.getByRole("button", { name: "Save note" }).click();
      await expect.poll(() => driver.page.getByRole("button", { name: "Save note" }).isDisabled()).toBe(true);

      await account.openUsersFromMenu();
      inviteUrl = await account.invite(INVITEE.email, "viewer");
      expect(inviteUrl).toMatch(new RegExp(`^${app.url.replace(/[.]/g, "\\.")}/invite/[\\w-]{20,}$`));
      expect(await account.issuedLink().innerText()).toMatch(/Works once, until/);
      expect(await account.userRow(admin.email).innerText()).toContain("Active");
      await account.screenshot("03-users-page", { fullPage: true });
    });

    it("the invitee opens the link in a browser of their own, sets a password and lands signed in as a viewer", async () => {
      const { browser, app } = session();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      invitee = { context, app: new AppDriver(page, app.url, `${engine}-accounts-invitee`), account: new AccountDriver(page, app.url, `${engine}-accounts-invitee`) };
      await invitee.account.openLink(inviteUrl);
      expect(await invitee.account.linkFacts()).toEqual({ email: INVITEE.email, role: "viewer" });
      // Two different passwords are caught before anything is sent.
      await invitee.account.acceptInvite({ ...INVITEE, again: "something else entirely" });
      expect(await invitee.account.formProblem().innerText()).toContain("The two passwords differ");
      await invitee.account.screenshot("04-invite-page");
      await invitee.account.acceptInvite(INVITEE);
      await page.waitForURL((url) => url.pathname === "/");
      await invitee.app.waitForMap();
      expect(await invitee.app.accountArea().innerText()).toMatch(/Vera Viewer\s+viewer/i);
      expect(await invitee.app.accountArea().getByRole("link", { name: "Users" }).count()).toBe(0);

      // The link works once.
      const again = await context.newPage();
      const second = new AccountDriver(again, app.url, `${engine}-accounts-invitee`);
      await second.openLink(inviteUrl);
      expect(await second.pageTitle().innerText()).toBe("This invite has been used already");
      await again.close();
    });

    it("the viewer reads the body's private note but sees no edit control", async () => {
      const viewer = invitee!.app;
      await viewer.open(`?body=${target.id}`);
      await expect.poll(() => viewer.panelTitle().innerText()).toBe(target.name);
      await expect.poll(() => viewer.page.getByLabel("Private note", { exact: true }).inputValue()).toBe(NOTE);
      expect(await viewer.page.getByLabel("Private note", { exact: true }).getAttribute("readonly")).not.toBeNull();
      expect(await viewer.page.getByTestId("read-only-note").innerText()).toBe("Viewers cannot make changes: ask an admin for an organizer or hub role.");
      for (const name of ["Save stage", "Save note", "Save vote details", "Import"]) {
        expect(await viewer.page.getByRole("button", { name, exact: true }).count(), name).toBe(0);
      }
      expect(await viewer.page.getByLabel("Move to").count()).toBe(0);
      await viewer.screenshot("05-viewer-reads");
    });

    it("signing out returns to the public view without the note; a wrong password is told plainly, and five lock the account", async () => {
      const { viewer, account } = { viewer: invitee!.app, account: invitee!.account };
      await viewer.signOut();
      await viewer.panelTitle().waitFor({ state: "detached" });
      await viewer.page.locator(".sign-in-prompt").waitFor();
      expect(await viewer.page.content()).not.toContain(NOTE);
      expect(await viewer.page.getByLabel("Private note", { exact: true }).count()).toBe(0);
      await viewer.screenshot("06-signed-out");

      await viewer.page.locator(".sign-in-prompt").getByRole("link", { name: "Sign in" }).click();
      await viewer.page.getByRole("heading", { name: "Sign in" }).waitFor();
      const next = new URL(viewer.page.url()).searchParams.get("next")!;
      expect(next.startsWith("/?")).toBe(true);
      expect(new URLSearchParams(next.slice(2)).get("body")).toBe(String(target.id));
      await account.signInWith(INVITEE.email, "not the password at all");
      await expect.poll(() => account.signInFailure().innerText()).toContain("Wrong email or password");
      // The password is cleared and the cursor is back in it for the next try.
      expect(await viewer.page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
      expect(await viewer.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("password");
      await account.screenshot("07-wrong-password");

      // Five failures in a row lock the account for a while, even for the right password (429).
      for (let attempt = 2; attempt <= 5; attempt++) {
        await account.signInWith(INVITEE.email, `guess number ${attempt}`);
        await expect.poll(() => viewer.page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
      }
      await account.signInWith(INVITEE.email, INVITEE.password);
      await expect.poll(() => account.signInFailure().innerText()).toContain("Too many tries");
      expect(await account.signInFailure().innerText()).toMatch(
        /Too many failed sign-ins for vera\.viewer@test\.example: try again in \d+ minutes?, or ask an admin for a password link/,
      );
      await account.screenshot("07b-throttled");
    });

    it("a password link unlocks the account with a new password; the admin makes them an organizer, then disables them", async () => {
      const { driver, app } = session();
      const admin = new AccountDriver(driver.page, app.url, `${engine}-accounts`);
      await admin.openUsers();
      expect(await admin.userRow(INVITEE.email).innerText()).toMatch(/Vera Viewer[\s\S]*Active/);
      const resetUrl = await admin.makePasswordLink(INVITEE.email);
      expect(resetUrl).toMatch(/\/reset\/[\w-]{20,}$/);

      const { app: viewer, account } = invitee!;
      await account.openLink(resetUrl);
      expect(await account.pageTitle().innerText()).toBe("Choose a new password");
      expect(await account.linkFacts()).toEqual({ email: INVITEE.email, role: "viewer" });
      await account.setNewPassword("short");
      expect(await account.formProblem().innerText()).toContain("a password needs at least 10 characters");
      await account.setNewPassword("a brand new viewer passphrase");
      await viewer.page.waitForURL((url) => url.pathname === "/");
      await viewer.waitForMap();
      expect(await viewer.accountArea().innerText()).toMatch(/Vera Viewer\s+viewer/i);

      await admin.changeRole(INVITEE.email, "organizer");
      await expect
        .poll(() =>
          admin
            .userRow(INVITEE.email)
            .getByRole("combobox", { name: /^Role of / })
            .inputValue(),
        )
        .toBe("organizer");
      await admin.screenshot("03b-users-after-changes", { fullPage: true });
      // A new role ends the old sessions: the viewer's page is signed out on its next reload.
      await viewer.page.reload();
      await viewer.accountArea().getByRole("link", { name: "Sign in" }).waitFor();

      // Disabled, the account cannot sign in, even with the right password (403).
      await admin.userRow(INVITEE.email).getByRole("button", { name: "Disable" }).click();
      await admin.userRow(INVITEE.email).getByRole("button", { name: "Enable" }).waitFor();
      expect(await admin.userRow(INVITEE.email).innerText()).toContain("Disabled");
      await account.openSignIn();
      await account.signInWith(INVITEE.email, "a brand new viewer passphrase");
      await expect.poll(() => account.signInFailure().innerText()).toContain("This account is disabled");
      expect(await account.signInFailure().innerText()).toContain("ask an admin");
    });

    it("the admin finds the stage change in the audit log, with what it changed, and pages back through older entries", async () => {
      const { driver, app } = session();
      const account = new AccountDriver(driver.page, app.url, `${engine}-accounts`);
      // Sixty newer entries, so the stage change is on the second page of "All changes".
      for (let index = 0; index < 60; index++) {
        await recordAudit(
          app.database.db,
          { name: "Filler", role: "organizer" },
          { action: "task.add", subjectKind: "task", subjectId: index + 1, summary: `Filler entry ${index + 1}` },
        );
      }
      await driver.open();
      await account.openAuditFromMenu();
      expect(await account.auditEntries().count()).toBe(50);
      expect(await account.auditEntries().first().innerText()).toContain("Filler entry 60");
      await account.loadOlder();
      const all = await account.auditEntries().allInnerTexts();
      expect(all.length).toBeGreaterThan(60);
      expect(all.some((line) => line.includes("resolution.changeStage") && line.includes("Stage changed to organizing"))).toBe(true);

      await account.showAuditOf("Resolutions and stages");
      await expect.poll(async () => (await account.auditEntries().allInnerTexts()).every((line) => line.includes("resolution."))).toBe(true);
      const lines = await account.auditEntries().allInnerTexts();
      // Newest first: the note was saved after the stage change.
      expect(lines.map((line) => /resolution\.\w+/.exec(line)![0])).toEqual(["resolution.update", "resolution.changeStage"]);
      expect(lines[1]).toMatch(/Test admin\s+admin/i);
      const changes = await account.auditChanges(1);
      expect(changes.stage?.[1]).toBe("organizing");
      expect(["—", "not_started"]).toContain(changes.stage?.[0]);
      expect(new URL(driver.page.url()).searchParams.get("kind")).toBe("resolution");
      await account.screenshot("08-audit-log", { fullPage: true });
    });

    it("a hub member edits only the bodies in their hub's area; when the area shrinks, the server's refusal shows in place", async () => {
      const { app, browser } = session();
      const { db } = app.database;
      const bodies: BodySummary[] = await (
        await fetch(`${app.url}/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`)
      )
        .json()
        .then((response: any) => response.result.data);
      const outside = bodies.find((body) => body.stage === "not_started" && body.id !== target.id && body.bbox[0] > -125 && body.bbox[2] < -67 && body.bbox[1] > 25)!;
      const hub = await createHub(db, { name: "Accounts e2e hub", bodyIds: [target.id] }, commandLineActor);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const member = new AppDriver(await context.newPage(), app.url, `${engine}-accounts-hub`, db);
        await member.signInAs("hub", { hubId: hub.id, next: `/?body=${target.id}` });
        await member.waitForMap();
        expect(await member.accountArea().innerText()).toMatch(/Test hub\s+hub\s*· Accounts e2e hub/i);
        await expect.poll(() => member.panelTitle().innerText()).toBe(target.name);
        await member.page.getByRole("button", { name: "Save stage" }).waitFor();
        expect(await member.page.getByTestId("read-only-note").count()).toBe(0);

        await member.search(`${outside.name} ${outside.state}`);
        await expect.poll(() => member.panelTitle().innerText()).toBe(outside.name);
        expect(await member.page.getByTestId("read-only-note").innerText()).toBe("This body is outside your hub's area: ask an organizer.");
        expect(await member.page.getByRole("button", { name: "Save stage" }).count()).toBe(0);
        await member.screenshot("09-hub-member-outside-area");

        // An organizer takes the body out of the hub's area while its panel is open: the server refuses and says why.
        await member.search(`${target.name} ${target.state}`);
        await expect.poll(() => member.panelTitle().innerText()).toBe(target.name);
        await member.page.getByRole("button", { name: "Save stage" }).waitFor();
        await updateHub(db, { hubId: hub.id, bodyIds: [] }, commandLineActor);
        await member.changeStage("sponsor_found", "Refused (accounts e2e)");
        await expect.poll(() => member.page.locator(".stage-form .error-notice").innerText()).toContain("This body is outside your hub's area: ask an organizer");
        expect(await member.currentStageInPanel()).toBe("organizing");
        await member.screenshot("10-hub-member-refused");
      } finally {
        await context.close();
      }
    });
  });
}
