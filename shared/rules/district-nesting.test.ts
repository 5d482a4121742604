import { describe, expect, it } from "vitest";
import { districtsOver } from "./district-nesting";

describe("districtsOver", () => {
  // House district 7: 60 % in town A, 40 % in town B. A lies wholly in Senate 3; B is split 3 : 1
  // between Senate 3 and Senate 4; both towns lie in US House 1.
  const bodies = [
    { bodyId: 1, shareOfDistrict: 0.6 },
    { bodyId: 2, shareOfDistrict: 0.4 },
  ];
  const overlaps = [
    { bodyId: 1, districtId: 30, chamber: "state_upper", shareOfBody: 1 },
    { bodyId: 2, districtId: 30, chamber: "state_upper", shareOfBody: 0.75 },
    { bodyId: 2, districtId: 40, chamber: "state_upper", shareOfBody: 0.25 },
    { bodyId: 1, districtId: 100, chamber: "congressional", shareOfBody: 1 },
    { bodyId: 2, districtId: 100, chamber: "congressional", shareOfBody: 1 },
    { bodyId: 1, districtId: 8, chamber: "state_lower", shareOfBody: 0.01 },
    { bodyId: 9, districtId: 50, chamber: "state_upper", shareOfBody: 1 },
  ];

  it("weights each body's share of the district by its share inside the other district", () => {
    const over = districtsOver("state_lower", bodies, overlaps);
    expect(over.map((entry) => [entry.districtId, entry.chamber, Number(entry.share.toFixed(6))])).toEqual([
      [100, "congressional", 1],
      [30, "state_upper", 0.9],
      [40, "state_upper", 0.1],
    ]);
  });

  it("lists only the chambers over it, and drops slivers", () => {
    expect(districtsOver("state_upper", bodies, overlaps).map((entry) => entry.districtId)).toEqual([100]);
    expect(districtsOver("congressional", bodies, overlaps)).toEqual([]);
    const sliver = districtsOver("state_lower", [{ bodyId: 1, shareOfDistrict: 1 }], [{ bodyId: 1, districtId: 30, chamber: "state_upper", shareOfBody: 0.01 }]);
    expect(sliver).toEqual([]);
  });
});
