import { describe, expect, it } from "vitest";
import { defaultLadder } from "../model/ladder";
import { rankRecruitingGaps, type GapDistrict, type GapTown } from "./recruiting-gaps";

const town = (
  bodyId: number,
  name: string,
  population: number | null,
  shareOfBody: number,
  { hasHub = false, parentId = null as number | null, shareOfDistrict = 0.2 } = {},
): GapTown => ({
  bodyId,
  name,
  parentId,
  population,
  shareOfBody,
  shareOfDistrict,
  hasHub,
});

const district = (id: number, hubShare: number, towns: GapTown[], step = "unknown"): GapDistrict => ({
  id,
  label: `RI State House ${id}`,
  hubShare,
  towns,
  legislators: [{ legislatorId: id, name: `Rep ${id}`, party: null, step }],
});

describe("rankRecruitingGaps", () => {
  it("counts the people of uncovered towns for their share inside the district, and names the biggest towns first", () => {
    const [gap] = rankRecruitingGaps(
      [district(1, 0.3, [town(10, "Warwick", 80_000, 0.25), town(11, "Cranston", 40_000, 0.5, { hasHub: true }), town(12, "Hope", 3_000, 1)])],
      defaultLadder,
    );
    expect(gap).toMatchObject({ districtId: 1, uncoveredShare: 0.7, peopleNotCovered: 23_000 });
    expect(gap!.townsToRecruit.map((entry) => [entry.name, entry.people])).toEqual([
      ["Warwick", 20_000],
      ["Hope", 3_000],
    ]);
  });

  it("leaves out districts a hub covers whole, and wards whose city is in the district", () => {
    const gaps = rankRecruitingGaps(
      [district(1, 1, [town(10, "Warwick", 80_000, 0.25)]), district(2, 0, [town(20, "Providence", 190_000, 0.1), town(21, "Ward 3", 9_000, 1, { parentId: 20 })])],
      defaultLadder,
    );
    expect(gaps.map((gap) => gap.districtId)).toEqual([2]);
    expect(gaps[0]!.townsToRecruit.map((entry) => entry.name)).toEqual(["Providence"]);
    expect(gaps[0]!.peopleNotCovered).toBe(19_000);
  });

  it("ranks by people not covered, then by the area not covered when populations are unknown, then the legislator furthest down the ladder", () => {
    const gaps = rankRecruitingGaps(
      [
        district(1, 0, [town(10, "A", null, 1)], "cosponsor"),
        district(2, 0, [town(20, "B", 5_000, 1)]),
        district(3, 0.5, [town(30, "C", null, 1)]),
        district(4, 0, [town(40, "D", null, 1)], "opposed"),
        district(5, 0, [town(50, "E", 50_000, 1)]),
      ],
      defaultLadder,
    );
    expect(gaps.map((gap) => [gap.districtId, gap.peopleNotCovered])).toEqual([
      [5, 50_000],
      [2, 5_000],
      [4, null],
      [1, null],
      [3, null],
    ]);
  });
});
