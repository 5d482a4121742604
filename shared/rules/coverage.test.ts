import { describe, expect, it } from "vitest";
import { districtCoverage, type CoverageBody } from "./coverage";

const body = (bodyId: number, overrides: Partial<CoverageBody> = {}): CoverageBody =>
  Object.freeze({ bodyId, parentId: null, passed: false, shareOfDistrict: 0.1, shareOfBody: 1, population: null, ...overrides });

describe("districtCoverage", () => {
  const cases: Array<{ name: string; bodies: CoverageBody[]; area: number; population: number | null; passed: number }> = [
    { name: "no bodies", bodies: [], area: 0, population: null, passed: 0 },
    {
      name: "sum of passed overlaps' shares",
      bodies: [body(1, { passed: true, shareOfDistrict: 0.4 }), body(2, { passed: true, shareOfDistrict: 0.25 }), body(3, { shareOfDistrict: 0.35 })],
      area: 0.65,
      population: null,
      passed: 2,
    },
    {
      name: "capped at 1 when shares overshoot (boundary noise)",
      bodies: [body(1, { passed: true, shareOfDistrict: 0.7 }), body(2, { passed: true, shareOfDistrict: 0.4 })],
      area: 1,
      population: null,
      passed: 2,
    },
    {
      name: "a ward inside a passed city does not count twice",
      bodies: [body(1, { passed: true, shareOfDistrict: 0.6 }), body(2, { parentId: 1, passed: true, shareOfDistrict: 0.2 })],
      area: 0.6,
      population: null,
      passed: 1,
    },
    {
      name: "a passed ward of a city that has not passed counts",
      bodies: [body(1, { shareOfDistrict: 0.6 }), body(2, { parentId: 1, passed: true, shareOfDistrict: 0.2 })],
      area: 0.2,
      population: null,
      passed: 1,
    },
    {
      name: "nesting at any depth (precinct in a ward in a passed city)",
      bodies: [body(1, { passed: true, shareOfDistrict: 0.5 }), body(2, { parentId: 1, shareOfDistrict: 0.2 }), body(3, { parentId: 2, passed: true, shareOfDistrict: 0.1 })],
      area: 0.5,
      population: null,
      passed: 1,
    },
    {
      name: "population apportioned by the body's share inside the district",
      bodies: [body(1, { passed: true, shareOfDistrict: 0.5, shareOfBody: 0.5, population: 2000 }), body(2, { shareOfDistrict: 0.5, shareOfBody: 1, population: 3000 })],
      area: 0.5,
      population: 1000 / 4000,
      passed: 1,
    },
    {
      name: "population unknown when a top-level body lacks one",
      bodies: [body(1, { passed: true, population: 100 }), body(2)],
      area: 0.1,
      population: null,
      passed: 1,
    },
    {
      name: "a ward without population takes its city's density",
      bodies: [body(1, { shareOfDistrict: 0.8, shareOfBody: 1, population: 8000 }), body(2, { parentId: 1, passed: true, shareOfDistrict: 0.2 })],
      area: 0.2,
      population: 0.25,
      passed: 1,
    },
  ];
  for (const { name, bodies, area, population, passed } of cases) {
    it(name, () => {
      const coverage = districtCoverage(bodies);
      expect(coverage.areaShare).toBeCloseTo(area, 9);
      if (population === null) expect(coverage.populationShare).toBeNull();
      else expect(coverage.populationShare).toBeCloseTo(population, 9);
      expect(coverage.bodiesPassed).toBe(passed);
    });
  }
});

describe("districtCoverage with a population layer's counts", () => {
  // A split city: most of its land (60 % of the district) but few of its people lie in the
  // district; a small dense town holds most of the people.
  const city = body(1, { passed: true, shareOfDistrict: 0.6, shareOfBody: 0.3, population: 100_000 });
  const town = body(2, { shareOfDistrict: 0.4, shareOfBody: 1, population: 30_000 });

  it("uses the counted people instead of spreading a body's people over its area", () => {
    const byArea = districtCoverage([city, town]);
    expect(byArea.populationMethod).toBe("area");
    expect(byArea.populationShare).toBeCloseTo(30_000 / 60_000, 9);
    const counted = districtCoverage([city, town], {
      people: 44_000,
      bodies: new Map([
        [1, 9_000],
        [2, 35_000],
      ]),
    });
    expect(counted).toMatchObject({ populationMethod: "counts", population: 44_000, populationPassed: 9_000, areaShare: 0.6, bodiesPassed: 1 });
    expect(counted.populationShare).toBeCloseTo(9_000 / 44_000, 9);
  });

  it("counts a ward inside a passed city once, and a passed ward of an unpassed city by its own people", () => {
    const ward = body(3, { parentId: 1, passed: true, shareOfDistrict: 0.1 });
    const counts = {
      people: 44_000,
      bodies: new Map([
        [1, 9_000],
        [2, 35_000],
        [3, 2_000],
      ]),
    };
    expect(districtCoverage([city, town, ward], counts).populationPassed).toBe(9_000);
    expect(districtCoverage([{ ...city, passed: false }, town, ward], counts).populationPassed).toBe(2_000);
  });

  it("knows the people even where the bodies carry no population, and none of zero", () => {
    expect(districtCoverage([body(1, { passed: true })], { people: 500, bodies: new Map([[1, 125]]) }).populationShare).toBe(0.25);
    expect(districtCoverage([body(1, { passed: true })], { people: 0, bodies: new Map() })).toMatchObject({ populationShare: null, population: 0, populationMethod: "counts" });
  });
});
