import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import type { CosponsorImportReport, NameListUploadPreview } from "../../shared/model/ladder";
import { createCaller } from "../../server/api/router";
import { buildServer } from "../../server/http/server";
import { buildWorld } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { importRequests } from "../helpers/import-requests";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * A bill's cosponsor list from the Import screen: a .txt (or a .csv of names only) previews as a
 * list of names, its dry run says who would move up and which names match nobody and writes
 * nothing, and the import moves them up on the chosen bill, like `import --as cosponsors`.
 */
forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let session: Record<string, string> = {};
  let campaign: Campaign;

  beforeAll(async () => {
    const { db } = getDatabase();
    await buildWorld(db);
    campaign = await makeCampaign(db, { name: "Upload drive", bill: "H.77" });
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, imports: { maxBytes: 64 * 1024 } });
    session = await signedInHeaders(app, db, "admin");
  });
  afterAll(async () => {
    await app?.close();
  });

  const { preview, commit } = importRequests(
    () => app,
    () => session,
  );
  const steps = async () =>
    Object.fromEntries(
      (await createCaller({ db: getDatabase().db, actor: { name: "reader", role: "public" } }).legislator.list({ campaignId: campaign.id })).map((row) => [
        row.name,
        row.steps.map((entry) => entry.step).join(","),
      ]),
    );

  describe("cosponsor lists", () => {
    it("previews a .txt as names, dry-runs without writing, then moves the matched up on the bill and reports the rest", async () => {
      const response = await preview("# H.77 cosponsors\nRep. Robert Brown\nZed Nobody\n", "h77.txt");
      expect(response.statusCode, response.body).toBe(200);
      const uploaded = response.json() as NameListUploadPreview;
      expect(uploaded).toMatchObject({ format: "names", fileName: "h77.txt", names: 2, samples: ["Rep. Robert Brown", "Zed Nobody"] });

      const unknownBill = await commit({ token: uploaded.token, as: "cosponsors", campaign: String(campaign.id), bill: "S.1" });
      expect(unknownBill.statusCode).toBe(400);
      expect(unknownBill.json()).toEqual({ error: 'Bill "S.1" is not a bill of this campaign ("H.77"): add it in the campaign settings' });

      const dryRun = await commit({ token: uploaded.token, as: "cosponsors", campaign: String(campaign.id), bill: "H.77", dryRun: true });
      expect(dryRun.statusCode, dryRun.body).toBe(200);
      expect(dryRun.json()).toMatchObject({
        dryRun: true,
        bill: "H.77",
        updated: ["Robert Brown"],
        unmatched: ['"Zed Nobody" matches no sitting legislator'],
      } satisfies Partial<CosponsorImportReport>);
      expect(await steps()).toEqual({ "Alice Ann Brown": "unknown", "Robert Brown": "unknown" });

      const done = await commit({ token: uploaded.token, as: "cosponsors", campaign: String(campaign.id), bill: "H.77" });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ dryRun: false, updated: ["Robert Brown"], unchanged: [], keptHigher: [] });
      expect(await steps()).toEqual({ "Alice Ann Brown": "unknown", "Robert Brown": "cosponsor" });
      expect((await commit({ token: uploaded.token, as: "cosponsors", campaign: String(campaign.id) })).statusCode).toBe(404);
    });

    it("reads a .csv of names as a list, and a campaign spreadsheet still as a spreadsheet", async () => {
      const names = (await preview('District,Name\n1,"Brown, Alice"\n', "list.csv")).json() as NameListUploadPreview;
      expect(names).toMatchObject({ format: "names", names: 1, samples: ["Brown, Alice"] });
      const done = await commit({ token: names.token, as: "cosponsors", campaign: "Upload drive" });
      expect(done.json()).toMatchObject({ bill: "H.77", updated: ["Alice Ann Brown"] });
      const sheet = (await preview("body_name,state,stage\nAshby,VT,organizing\n", "sheet.csv")).json() as { format: string };
      expect(sheet.format).toBe("csv");
    });
  });
});
