import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import type { EndorserImportReport, EndorserUploadPreview } from "../../shared/model/endorser";
import { buildServer } from "../../server/http/server";
import { buildWorld } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { importRequests } from "../helpers/import-requests";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Endorsers from the Import screen (issue 17): a .csv with name and town columns previews as
 * endorsers, its dry run (Check) names who is new and how each is placed and writes nothing, the
 * import writes them through the same service as `import --as endorsers`, and a bad file is
 * refused in one line naming each row, with nothing written.
 */

const FILE = [
  "Name,Category,Town,State,Lat,Lon,Step,Public",
  "Ashby Family Medicine,medical_practice,Ashby,VT,,,endorsed,yes",
  "Brookfield Food Co-op,business,Brookfield,VT,44.012,-72.875,asked,yes",
].join("\n");

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let session: Record<string, string> = {};
  let campaign: Campaign;

  beforeAll(async () => {
    const { db } = getDatabase();
    await buildWorld(db);
    campaign = await makeCampaign(db, { name: "Endorser upload drive" });
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
  const endorsers = () => getDatabase().db.selectFrom("endorser").select(["name", "step", "locationSource"]).where("campaignId", "=", campaign.id).orderBy("name").execute();

  describe("endorsers from the Import screen", () => {
    it("previews a CSV with name and town as endorsers, checks it without writing, then imports it", async () => {
      const response = await preview(FILE, "endorsers.csv");
      expect(response.statusCode, response.body).toBe(200);
      const uploaded = response.json() as EndorserUploadPreview;
      expect(uploaded).toMatchObject({ format: "endorsers", fileName: "endorsers.csv", rows: 2, samples: ["Ashby Family Medicine", "Brookfield Food Co-op"] });
      expect(uploaded.columns).toEqual(["name", "category", "town", "state", "lat", "lon", "step", "public"]);

      const dryRun = await commit({ token: uploaded.token, as: "endorsers", campaign: String(campaign.id), dryRun: true });
      expect(dryRun.statusCode, dryRun.body).toBe(200);
      expect(dryRun.json()).toMatchObject({
        dryRun: true,
        fileName: "endorsers.csv",
        campaign: campaign.name,
        rows: 2,
        created: ["Ashby Family Medicine", "Brookfield Food Co-op"],
        placed: { coordinates: 1, town: 1, address: 0 },
      } satisfies Partial<EndorserImportReport>);
      expect(await endorsers()).toEqual([]);

      const done = await commit({ token: uploaded.token, as: "endorsers", campaign: String(campaign.id), dryRun: false });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ dryRun: false, created: ["Ashby Family Medicine", "Brookfield Food Co-op"] });
      expect(await endorsers()).toEqual([
        { name: "Ashby Family Medicine", step: "endorsed", locationSource: "town" },
        { name: "Brookfield Food Co-op", step: "asked", locationSource: "coordinates" },
      ]);
      // A committed upload is used up.
      expect((await commit({ token: uploaded.token, as: "endorsers", campaign: String(campaign.id) })).statusCode).toBe(404);
    });

    it("exports them from the Export menu: every column signed in, the public part for anyone else", async () => {
      const get = (file: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url: `/export/${file}?campaign=${campaign.slug}`, headers });
      const full = await get("endorsers.csv", session);
      expect(full.statusCode, full.body).toBe(200);
      expect(full.headers["content-disposition"]).toBe(`attachment; filename="${campaign.slug}-endorsers.csv"`);
      expect(full.body.split("\r\n")[0]).toBe("name,category,town,state,address,lat,lon,step,public,website,public_contact,private_contact,note");
      const open = await get("endorsers.csv");
      expect(open.headers["content-disposition"]).toBe(`attachment; filename="${campaign.slug}-endorsers-public.csv"`);
      // Asked is not a public step: the co-op is listed without it.
      expect(open.body.trim().split("\r\n")).toEqual([
        "name,category,town,state,lat,lon,step,website,public_contact",
        expect.stringMatching(/^Ashby Family Medicine,medical_practice,Ashby,VT,44\.\d+,-72\.\d+,endorsed,,$/),
        "Brookfield Food Co-op,business,Brookfield,VT,44.012,-72.875,,,",
      ]);
      const points = (await get("endorsers.geojson")).json() as GeoJSON.FeatureCollection;
      expect(points.features.map((feature) => Object.keys(feature.properties!).sort())).toEqual([
        ["category", "id", "lat", "lon", "name", "public_contact", "state", "step", "town", "website"],
        ["category", "id", "lat", "lon", "name", "public_contact", "state", "step", "town", "website"],
      ]);
      expect(points.features[1]!.geometry).toEqual({ type: "Point", coordinates: [-72.875, 44.012] });
    });

    it("refuses rows without a name or town and coordinates outside the state in one line naming each row, writing nothing", async () => {
      const before = await endorsers();
      const uploaded = (
        await preview(["name,town,state,lat,lon", ",Ashby,VT,,", "Nowhere Bakery,,VT,,", "Swapped Diner,Dover,VT,-72.8,44.0"].join("\n"), "bad.csv")
      ).json() as EndorserUploadPreview;
      expect(uploaded).toMatchObject({ format: "endorsers", rows: 3 });
      const refused = await commit({ token: uploaded.token, as: "endorsers", campaign: String(campaign.id), dryRun: true });
      expect(refused.statusCode).toBe(400);
      const { error } = refused.json() as { error: string };
      expect(error).not.toContain("\n");
      expect(error).toBe("3 problems, nothing imported: line 2: no name; line 3: no town; line 4: lat -72.8, lon 44 is outside VT");
      expect((await commit({ token: uploaded.token, as: "endorsers", campaign: String(campaign.id), dryRun: false })).statusCode).toBe(400);
      expect(await endorsers()).toEqual(before);
    });

    it("leaves other spreadsheets alone: a campaign spreadsheet and a list of names keep their own steps", async () => {
      expect(((await preview("body_name,state,stage\nAshby,VT,organizing\n", "sheet.csv")).json() as { format: string }).format).toBe("csv");
      expect(((await preview("Name\nAlice Ann Brown\n", "names.csv")).json() as { format: string }).format).toBe("names");
      // An unknown column is not an endorsers file.
      expect(((await preview("name,town,shoe_size\nA,Ashby,9\n", "odd.csv")).json() as { format: string }).format).not.toBe("endorsers");
    });
  });
});
