import { describe, expect, it } from "vitest";
import { browserEngines } from "./drivers/helper";
import { useAppSession } from "./drivers/session";

/**
 * A new deployment, as its first admin finds it (issue 15): an empty database, no demo. The app
 * offers "Create your campaign" in place, and then the map says how to import boundaries, with
 * the Import button at hand: no step needs the command line.
 */
for (const engine of browserEngines()) {
  describe(`the first run on an empty database (${engine} server)`, () => {
    const session = useAppSession(engine, `${engine}-first-run`, undefined, undefined, { demo: "none" });

    it("an admin creates the campaign in the app and lands on its map, ready to import boundaries", async () => {
      const { driver, app } = session();
      await driver.signInAs("admin");
      await driver.page.goto(`${app.url}/`);
      const page = driver.page;
      await page.getByRole("heading", { name: "Create your campaign" }).waitFor();
      await driver.screenshot("first-run-empty");
      await page.getByLabel("Campaign name").fill("Medicare for All resolution, 2027");
      await page.getByLabel("Bill it supports (optional)").fill("H.1239");
      await page.getByRole("button", { name: "Create campaign" }).click();
      await page.getByRole("heading", { name: "No bodies on the map yet" }).waitFor();
      expect(await page.getByRole("button", { name: "Import", exact: true }).count()).toBe(1);
      await page.getByRole("button", { name: "Import boundaries" }).click();
      await driver.importDialog().waitFor();
      await page.keyboard.press("Escape");
      expect(await page.locator(".campaign-name").innerText()).toBe("Medicare for All resolution, 2027");
      const stored = await app.database.db.selectFrom("campaign").select(["name", "bill"]).execute();
      expect(stored).toEqual([{ name: "Medicare for All resolution, 2027", bill: "H.1239" }]);
      await driver.screenshot("first-run-created");
    });
  });
}
