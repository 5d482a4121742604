import { describe, expect, it } from "vitest";
import { createCampaign, updateCampaign } from "../../server/domain/campaigns";
import { forEachEngine } from "../helpers/test-db";

/** Campaigns get a slug for their public page; two names that slugify alike still both get one. */
forEachEngine((getDatabase) => {
  describe("createCampaign", () => {
    it('gives names that slugify alike ("Y", "ⓨ") distinct slugs instead of failing', async () => {
      const { db } = getDatabase();
      const first = await createCampaign(db, { name: "Y" });
      const second = await createCampaign(db, { name: "ⓨ" });
      const third = await createCampaign(db, { name: "y!" });
      expect([first.slug, second.slug, third.slug]).toEqual(["y", "y-2", "y-3"]);
    });

    it("renames a campaign to a name that slugifies like another's without a clash", async () => {
      const { db } = getDatabase();
      const other = await createCampaign(db, { name: "Thorn" });
      const renamed = await updateCampaign(db, { campaignId: other.id, name: "Y?" });
      expect(renamed.slug).toBe("y-4");
      expect((await updateCampaign(db, { campaignId: other.id, name: "y!!" })).slug).toBe("y-4");
    });

    it("refuses the same name twice in one line", async () => {
      const { db } = getDatabase();
      await expect(createCampaign(db, { name: "Y" })).rejects.toThrow('A campaign named "Y" already exists');
    });
  });
});
