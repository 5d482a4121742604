import { describe, expect, it } from "vitest";
import { defaultEndorserLadder, endorserLadderSchema, type Endorser, type EndorserCategory } from "../model/endorser";
import { countByStep, describeEndorsements, progressOf, isInsideBox, isPublicEndorserStep, publicEndorsersOfTown, readEndorserRow, toPublicEndorser } from "./endorsers";

const ladder = defaultEndorserLadder;
const endorser = (overrides: Partial<Endorser> = {}): Endorser => ({
  id: 1,
  campaignId: 1,
  name: "Ashby Family Medicine",
  category: "medical_practice",
  town: "Ashby",
  state: "VT",
  townBodyId: 4,
  linkedBodyId: null,
  address: "12 Hidden Lane",
  lon: -72.89,
  lat: 44.01,
  locationSource: "town",
  website: null,
  publicContact: "front@example.org",
  privateContact: "cell 555-0101",
  note: "wavering",
  isPublic: true,
  step: "considering",
  stepUpdatedAt: null,
  ...overrides,
});

describe("the endorser ladder", () => {
  it("marks endorsed and active partner public, and needs at least one public step", () => {
    expect(ladder.steps.filter((step) => isPublicEndorserStep(ladder, step.id)).map((step) => step.id)).toEqual(["endorsed", "active_partner"]);
    expect(endorserLadderSchema.safeParse({ steps: ladder.steps.map((step) => ({ ...step, public: false })) }).success).toBe(false);
    expect(endorserLadderSchema.safeParse({ steps: [ladder.steps[0], ladder.steps[0]] }).success).toBe(false);
  });

  it("ranks progress up to the last public step, declined and unknown steps last", () => {
    expect(["declined", "asked", "active_partner", null, "endorsed"].sort((a, b) => progressOf(ladder, b) - progressOf(ladder, a))).toEqual([
      "active_partner",
      "endorsed",
      "asked",
      "declined",
      null,
    ]);
  });

  it("counts endorsers per step in ladder order, zeros included", () => {
    expect(countByStep(ladder, [{ step: "asked" }, { step: "endorsed" }, { step: "asked" }]).map((row) => row.count)).toEqual([0, 2, 0, 1, 0, 0]);
  });
});

describe("toPublicEndorser", () => {
  it("shows nothing of an endorser who did not agree to be listed", () => {
    expect(toPublicEndorser(ladder, endorser({ isPublic: false, step: "endorsed" }))).toBeNull();
  });

  it("keeps only public fields, and the step only when it is public", () => {
    const shown = toPublicEndorser(ladder, endorser())!;
    expect(shown.step).toBeNull();
    expect(JSON.stringify(shown)).not.toMatch(/Hidden Lane|555-0101|wavering/);
    expect(toPublicEndorser(ladder, endorser({ step: "active_partner" }))!.step).toBe("active_partner");
  });
});

describe("publicEndorsersOfTown", () => {
  it("lists the town's listed endorsers at a public step, furthest along first", () => {
    const listed = [
      endorser({ id: 1, name: "Zeta Bakery", step: "endorsed" }),
      endorser({ id: 2, name: "Alpha Union", step: "active_partner" }),
      endorser({ id: 3, name: "Beta Clinic", step: "endorsed" }),
      endorser({ id: 4, name: "Only Asked", step: "asked" }),
      endorser({ id: 5, name: "Elsewhere", step: "endorsed", townBodyId: 5 }),
      endorser({ id: 6, name: "Not Listed", step: "endorsed", isPublic: false }),
    ].flatMap((entry) => toPublicEndorser(ladder, entry) ?? []);
    expect(publicEndorsersOfTown(ladder, listed, 4).map((entry) => entry.name)).toEqual(["Alpha Union", "Beta Clinic", "Zeta Bakery"]);
    expect(publicEndorsersOfTown(ladder, listed, 9)).toEqual([]);
  });
});

describe("describeEndorsements", () => {
  const at = (category: EndorserCategory, step = "endorsed") => ({ category, step });
  it("counts organisations that endorsed with the largest category, then people", () => {
    const list = [
      ...Array.from({ length: 12 }, () => at("medical_practice")),
      ...Array.from({ length: 19 }, (_, index) => at(index % 2 ? "business" : "nonprofit")),
      at("mayor"),
      at("mayor"),
      at("clergy"),
      at("union_local", "asked"),
    ];
    expect(describeEndorsements(ladder, list)).toBe("31 local organisations endorsed, including 12 medical practices; 2 mayors, 1 member of the clergy endorsed");
  });

  it("is null when nobody endorsed yet, and singular for one", () => {
    expect(describeEndorsements(ladder, [at("business", "asked")])).toBeNull();
    expect(describeEndorsements(ladder, [at("business")])).toBe("1 local business endorsed");
    expect(describeEndorsements(ladder, [at("doctor", "active_partner"), at("doctor")])).toBe("2 doctors endorsed");
  });
});

describe("readEndorserRow", () => {
  it("reads a full row, labels and spellings forgiven", () => {
    const result = readEndorserRow(
      {
        name: " Ashby Co-op ",
        category: "Business",
        town: "Ashby",
        state: "vt",
        lat: "44.01",
        lon: "-72.89",
        step: "Active partner",
        public: "yes",
        website: "https://coop.example.org",
      },
      2,
      ladder,
    );
    expect(result.row).toMatchObject({
      line: 2,
      name: "Ashby Co-op",
      category: "business",
      state: "VT",
      point: [-72.89, 44.01],
      step: "active_partner",
      isPublic: true,
      website: "https://coop.example.org",
    });
    // Columns not in the file stay undefined: the import leaves those fields as they are.
    expect(result.row!.note).toBeUndefined();
  });

  it("names every problem of a row", () => {
    expect(readEndorserRow({ name: "", town: "", state: "ZZ", lat: "91", lon: "-72", website: "javascript:alert(1)" }, 5, ladder).problems).toEqual([
      "no name",
      "no town",
      'state "ZZ" is not a USPS state code',
      'lat "91" is not a number from -90 to 90',
      'website "javascript:alert(1)" is not an http(s) link',
    ]);
  });
});

it("isInsideBox includes the edges", () => {
  expect(isInsideBox([-72.9, 44], [-72.9, 44, -72.8, 44.02])).toBe(true);
  expect(isInsideBox([44, -72.9], [-72.9, 44, -72.8, 44.02])).toBe(false);
});
