import { beforeAll, describe, expect, it } from "vitest";
import { listShared, readSharedText } from "../../test/fixtures/geo/files";
import { needsSharedFixtures } from "../../test/helpers/shared-fixtures";
import { computePreparedOverlaps, DEFAULT_MIN_SHARE, prepareOverlapInputs } from "./overlaps";
import type { OverlapGeometry, PreparedOverlapInput } from "./overlaps";

/**
 * The overlap engine on real boundaries from ../shared/fixtures (read in place, never copied):
 * Rhode Island's 39 towns (RIGIS, land only, 396 parts grouped by NAME) against the 2022 House,
 * Senate and congressional plans, and Los Angeles neighborhood councils (one self-touching, one
 * with far-off degenerate parts) against Assembly districts.
 */
const present = needsSharedFixtures(4);

type Collection = GeoJSON.FeatureCollection<OverlapGeometry>;
const read = (path: string) => JSON.parse(readSharedText(path)) as Collection;

/** Towns grouped by NAME, parts concatenated into one MultiPolygon; ids are positions in `names`. */
function riTowns(): { names: string[]; towns: PreparedOverlapInput[] } {
  const parts = new Map<string, GeoJSON.Position[][][]>();
  for (const f of read("ri/ri_municipalities_rigis.geojson").features) {
    const name = f.properties!.NAME as string;
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    parts.set(name, [...(parts.get(name) ?? []), ...polygons]);
  }
  const names = [...parts.keys()];
  return { names, towns: prepareOverlapInputs(names.map((name, id) => ({ id, geometry: { type: "MultiPolygon", coordinates: parts.get(name)! } }))) };
}

function riDistricts(file: string): PreparedOverlapInput[] {
  return prepareOverlapInputs(read(`ri/${file}`).features.map((f) => ({ id: Number(f.properties!.DISTRICT), geometry: f.geometry })));
}

/** House district → towns, from the Open States records' "City/Town Represented" (69 of 75 have one). */
function officialHouseTowns(): Map<number, Set<string>> {
  const lists = new Map<number, Set<string>>();
  for (const file of listShared("ri/legislators")) {
    if (!file.endsWith(".yml") || file.startsWith("_")) continue;
    const text = readSharedText(`ri/legislators/${file}`);
    if (!/\btype: lower\b/.test(text)) continue;
    const district = /district: '(\d+)'/.exec(text);
    const towns = /City\/Town Represented: (.*)$/m.exec(text);
    if (!district || !towns) continue;
    // Values may be quoted and one has a typo ("Portsmouth. Middletown").
    const names = towns[1]!.replace(/^['"]|['"]\s*$/g, "").split(/[,.]/);
    lists.set(Number(district[1]), new Set(names.map((name) => name.trim().toUpperCase()).filter(Boolean)));
  }
  return lists;
}

describe.skipIf(!present)("Rhode Island towns × 2022 districts", () => {
  let names: string[] = [];
  let towns: PreparedOverlapInput[] = [];
  const chambers: Record<string, PreparedOverlapInput[]> = {};
  beforeAll(() => {
    ({ names, towns } = riTowns());
    chambers.house = riDistricts("ri_house_districts_2022.geojson");
    chambers.senate = riDistricts("ri_senate_districts_2022.geojson");
    chambers.congressional = riDistricts("ri_congressional_districts_2022.geojson");
  });

  const townsByDistrict = (minShare: number) => {
    const lists = new Map<number, Set<string>>();
    for (const row of computePreparedOverlaps(towns, chambers.house!, { minShare }).overlaps) {
      if (!lists.has(row.districtId)) lists.set(row.districtId, new Set());
      lists.get(row.districtId)!.add(names[row.bodyId]!);
    }
    return lists;
  };

  it("lists House 30 as East and West Greenwich only (the North Kingstown and Warwick slivers are dropped)", () => {
    const lists = townsByDistrict(0.01);
    expect([...lists.get(30)!].sort()).toEqual(["EAST GREENWICH", "WEST GREENWICH"]);
    // Every district has a town, and the number of pairs is what the plan looks like: most
    // districts sit in one town, some span two or three.
    expect(lists.size).toBe(75);
    const pairs = [...lists.values()].reduce((sum, list) => sum + list.size, 0);
    expect(pairs).toBeGreaterThan(110);
    expect(pairs).toBeLessThan(140);
    const all = computePreparedOverlaps(towns, chambers.house!, { minShare: 0 });
    expect(all.overlaps.some((row) => row.districtId === 30 && names[row.bodyId] === "NORTH KINGSTOWN")).toBe(true);
  });

  it("reproduces the official town lists of the House districts", () => {
    const official = officialHouseTowns();
    expect(official.size).toBe(69);
    const matches = (minShare: number) => {
      const lists = townsByDistrict(minShare);
      return [...official].filter(([district, want]) => {
        const got = lists.get(district) ?? new Set();
        return got.size === want.size && [...want].every((town) => got.has(town));
      }).length;
    };
    // At 1 %: 65 of 69. The four others are 0.05–0.09 km² slivers of 1.0–1.4 % of a
    // district (House 10, 50, 58) or 1.3 % of a small town (Central Falls in House 46).
    expect(matches(0.01)).toBeGreaterThanOrEqual(65);
    // At 1.5–2 % all 69 match (the fixture README's cross-check, by the district test alone, gets 67).
    expect(matches(0.02)).toBe(69);
    // The default sits in that range: every official list is reproduced.
    expect(matches(DEFAULT_MIN_SHARE)).toBe(69);
  });

  it("gives every town House, Senate and congressional shares that sum to about 1", () => {
    for (const [chamber, districts] of Object.entries(chambers)) {
      const sums = new Map<number, number>();
      for (const row of computePreparedOverlaps(towns, districts, { minShare: 0 }).overlaps) {
        expect(row.shareOfBody).toBeLessThanOrEqual(1);
        expect(row.shareOfDistrict).toBeLessThanOrEqual(1);
        sums.set(row.bodyId, (sums.get(row.bodyId) ?? 0) + row.shareOfBody);
      }
      expect(sums.size, chamber).toBe(39);
      // Towns are clipped to the shore and districts include water, so a town is all inside the
      // plan, up to where the two surveys disagree along the state line.
      for (const [town, sum] of sums) expect(Math.abs(sum - 1), `${chamber}: ${names[town]}`).toBeLessThan(0.02);
    }
  });
});

describe.skipIf(!present)("Los Angeles neighborhood councils × Assembly districts", () => {
  it("runs through the self-touching Harbor Gateway South and Sunland-Tujunga's degenerate parts", () => {
    const councils = read("la/la_neighborhood_councils.geojson").features;
    const bodies = prepareOverlapInputs(councils.map((f, id) => ({ id, geometry: f.geometry })));
    const districts = prepareOverlapInputs(read("la/la_assembly_districts_city_clip.geojson").features.map((f) => ({ id: Number(f.properties!.District), geometry: f.geometry })));
    const report = computePreparedOverlaps(bodies, districts, { minShare: 0 });
    expect(report.problems.filter((problem) => problem.side === "pair")).toEqual([]);
    const sums = new Map<number, number>();
    for (const row of report.overlaps) sums.set(row.bodyId, (sums.get(row.bodyId) ?? 0) + row.shareOfBody);
    expect(sums.size).toBe(99);
    // Councils along the coast reach past the city line the districts were clipped to.
    for (const sum of sums.values()) expect(sum).toBeLessThan(1 + 1e-4);
    const name = (id: number) => councils[id]!.properties!.Name as string;
    const harbor = [...sums].find(([id]) => name(id) === "Harbor Gateway South")!;
    expect(harbor[1]).toBeGreaterThan(0.99);
    const sunland = [...sums].find(([id]) => name(id) === "Sunland-Tujunga")!;
    expect(sunland[1]).toBeGreaterThan(0.99);
  });
});
