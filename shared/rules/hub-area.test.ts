import { describe, expect, it } from "vitest";
import { hubAreaBodies, hubDistrictShares, type AreaOverlap } from "./hub-area";

// Somerville (1) and Medford (2), with a ward of Somerville (3). House 10 holds Somerville whole
// and a corner of Medford; House 11 the rest of Medford. Senate 20 holds both towns; Congress 30 too.
const overlaps: AreaOverlap[] = [
  { bodyId: 1, districtId: 10, chamber: "state_lower", shareOfBody: 1, shareOfDistrict: 0.8 },
  { bodyId: 2, districtId: 10, chamber: "state_lower", shareOfBody: 0.1, shareOfDistrict: 0.2 },
  { bodyId: 2, districtId: 11, chamber: "state_lower", shareOfBody: 0.9, shareOfDistrict: 1 },
  { bodyId: 3, districtId: 10, chamber: "state_lower", shareOfBody: 1, shareOfDistrict: 0.1 },
  { bodyId: 1, districtId: 20, chamber: "state_upper", shareOfBody: 1, shareOfDistrict: 0.4 },
  { bodyId: 2, districtId: 20, chamber: "state_upper", shareOfBody: 1, shareOfDistrict: 0.6 },
  { bodyId: 3, districtId: 20, chamber: "state_upper", shareOfBody: 1, shareOfDistrict: 0.05 },
  { bodyId: 1, districtId: 30, chamber: "congressional", shareOfBody: 1, shareOfDistrict: 0.01 },
  { bodyId: 2, districtId: 30, chamber: "congressional", shareOfBody: 1, shareOfDistrict: 0.015 },
];
const parents = new Map<number, number | null>([
  [1, null],
  [2, null],
  [3, 1],
]);
const sorted = (shares: Map<number, number>) => [...shares].sort(([a], [b]) => a - b).map(([id, share]) => [id, Number(share.toFixed(4))]);

describe("hub coverage by geography", () => {
  it("a hub naming a town covers the districts of every chamber the town lies in, with the town's share of each", () => {
    expect(sorted(hubDistrictShares({ bodyIds: [1], districtIds: [] }, overlaps, parents))).toEqual([
      [10, 0.8],
      [20, 0.4],
      [30, 0.01],
    ]);
  });

  it("counts a ward inside a named town once", () => {
    expect(sorted(hubDistrictShares({ bodyIds: [1, 3], districtIds: [] }, overlaps, parents))).toEqual([
      [10, 0.8],
      [20, 0.4],
      [30, 0.01],
    ]);
    expect([...hubAreaBodies({ bodyIds: [3, 1], districtIds: [] }, overlaps, parents).keys()]).toEqual([1]);
  });

  it("a hub naming a House district covers it whole, and the other chambers' districts through the towns mostly inside it", () => {
    // Somerville is wholly in House 10; only a tenth of Medford is, so Medford is not in the area.
    expect(sorted(hubDistrictShares({ bodyIds: [], districtIds: [10] }, overlaps, parents))).toEqual([
      [10, 1],
      [20, 0.4],
      [30, 0.01],
    ]);
  });

  it("does not spread to the neighbouring district of the same chamber through a straddling town", () => {
    // Medford is mostly in House 11: a hub naming House 11 does not cover House 10 through it.
    const shares = hubDistrictShares({ bodyIds: [], districtIds: [11] }, overlaps, parents);
    expect(shares.has(10)).toBe(false);
    expect(sorted(shares)).toEqual([
      [11, 1],
      [20, 0.6],
      [30, 0.015],
    ]);
  });

  it("caps a share at 1, and a hub with no area covers nothing", () => {
    expect(hubDistrictShares({ bodyIds: [1, 2], districtIds: [] }, overlaps, parents).get(20)).toBe(1);
    expect(hubDistrictShares({ bodyIds: [], districtIds: [] }, overlaps, parents).size).toBe(0);
  });

  it("stops on a cycle of parents, keeping one of the bodies", () => {
    const looped = new Map<number, number | null>([
      [1, 3],
      [3, 1],
    ]);
    expect([...hubAreaBodies({ bodyIds: [1, 3], districtIds: [] }, overlaps, looped).keys()]).toEqual([3]);
  });
});
