import { describe, expect, it } from "vitest";
import { defaultEndorserLadder, type Endorser, type EndorserCategory } from "../model/endorser";
import { countsAsEndorsement, describeLeverageBasis, districtEndorsements, isInDistrict, type DistrictArea } from "./endorser-leverage";

const ladder = defaultEndorserLadder;

// A square district from (0, 0) to (1, 1) with a square hole (0.4–0.6), overlapping town bodies 7 and 8.
const district: DistrictArea = {
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [0.4, 0.4],
        [0.4, 0.6],
        [0.6, 0.6],
        [0.6, 0.4],
        [0.4, 0.4],
      ],
    ],
  },
  bbox: [0, 0, 1, 1],
  bodyIds: new Set([7, 8]),
};

let nextId = 1;
const endorser = (overrides: Partial<Endorser> = {}): Endorser => ({
  id: nextId++,
  campaignId: 1,
  name: `Endorser ${nextId}`,
  category: "business",
  town: "Ashby",
  state: "VT",
  townBodyId: 9,
  linkedBodyId: null,
  address: "12 Hidden Lane",
  lon: 0.2,
  lat: 0.2,
  locationSource: "coordinates",
  website: null,
  publicContact: null,
  privateContact: "cell 555-0101",
  note: "wavering",
  isPublic: true,
  step: "endorsed",
  stepUpdatedAt: null,
  ...overrides,
});

describe("isInDistrict", () => {
  it("places an endorser with its own point by the outline, holes and all", () => {
    expect(isInDistrict(endorser({ lon: 0.2, lat: 0.2 }), district)).toBe(true);
    expect(isInDistrict(endorser({ lon: 0.5, lat: 0.5 }), district)).toBe(false);
    expect(isInDistrict(endorser({ lon: 1.5, lat: 0.5 }), district)).toBe(false);
    expect(isInDistrict(endorser({ lon: 0.9, lat: 0.9, locationSource: "address" }), district)).toBe(true);
  });

  it("places an endorser at its town's centre by the town's overlap, wherever the centre falls", () => {
    expect(isInDistrict(endorser({ locationSource: "town", townBodyId: 7, lon: 5, lat: 5 }), district)).toBe(true);
    expect(isInDistrict(endorser({ locationSource: "town", townBodyId: 9, lon: 0.2, lat: 0.2 }), district)).toBe(false);
    expect(isInDistrict(endorser({ locationSource: "town", townBodyId: null }), district)).toBe(false);
  });

  it("does not use the town for an endorser with its own point", () => {
    expect(isInDistrict(endorser({ townBodyId: 7, lon: 3, lat: 3 }), district)).toBe(false);
  });
});

describe("countsAsEndorsement", () => {
  it("needs both the consent to be listed and a public step", () => {
    expect(["identified", "asked", "considering", "endorsed", "active_partner", "declined"].filter((step) => countsAsEndorsement(ladder, { isPublic: true, step }))).toEqual([
      "endorsed",
      "active_partner",
    ]);
    expect(countsAsEndorsement(ladder, { isPublic: false, step: "endorsed" })).toBe(false);
  });
});

describe("districtEndorsements", () => {
  const at = (category: EndorserCategory, overrides: Partial<Endorser> = {}) => endorser({ category, ...overrides });

  it("counts the listed endorsers at a public step inside the district, with the sentence", () => {
    const inside = [
      ...Array.from({ length: 12 }, (_, index) => at("medical_practice", { name: `Clinic ${index}` })),
      ...Array.from({ length: 18 }, (_, index) => at(index % 2 ? "nonprofit" : "business", { name: `Group ${index}`, locationSource: "town", townBodyId: 8 })),
      at("union_local", { name: "Local 7", step: "active_partner" }),
      at("mayor", { name: "Mayor Ruiz", locationSource: "town", townBodyId: 7 }),
    ];
    const notCounted = [
      at("medical_practice", { name: "Outside", lon: 2, lat: 2 }),
      at("medical_practice", { name: "In the hole", lon: 0.5, lat: 0.5 }),
      at("medical_practice", { name: "Other town", locationSource: "town", townBodyId: 9 }),
      at("medical_practice", { name: "Only asked", step: "asked" }),
      at("medical_practice", { name: "Declined", step: "declined" }),
      at("medical_practice", { name: "Not listed", isPublic: false }),
    ];
    const result = districtEndorsements(ladder, [...notCounted, ...inside], district);
    expect(result.count).toBe(32);
    expect(result.summary).toBe("31 local organisations endorsed, including 12 medical practices; 1 mayor endorsed");
    expect(result.endorsers.map((entry) => entry.name)).not.toEqual(expect.arrayContaining(notCounted.map((entry) => entry.name)));
    // Furthest along first: the active partner leads.
    expect(result.endorsers[0]).toEqual({ id: inside[30]!.id, name: "Local 7", category: "union_local", town: "Ashby", state: "VT", website: null, step: "active_partner" });
  });

  it("lists public fields only", () => {
    const result = districtEndorsements(ladder, [endorser()], district);
    expect(JSON.stringify(result)).not.toMatch(/Hidden Lane|555-0101|wavering/);
  });

  it("says nobody when none counts, and which steps count", () => {
    const result = districtEndorsements(ladder, [endorser({ step: "considering" })], district);
    expect(result).toMatchObject({ count: 0, summary: null, endorsers: [] });
    expect(result.basis).toBe(
      "Counts endorsers at Endorsed or Active partner who agreed to be listed; one placed at its town's centre counts in every district its town overlaps.",
    );
    const renamed = { steps: ladder.steps.map((step) => (step.id === "active_partner" ? { ...step, public: false } : step)) };
    expect(describeLeverageBasis(renamed)).toMatch(/^Counts endorsers at Endorsed who agreed/);
  });
});
