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
      bodies: [
        body(1, { passed: true, shareOfDistrict: 0.5 }),
        body(2, { parentId: 1, shareOfDistrict: 0.2 }),
        body(3, { parentId: 2, passed: true, shareOfDistrict: 0.1 }),
      ],
      area: 0.5,
      population: null,
      passed: 1,
    },
    {
      name: "population apportioned by the body's share inside the district",
      bodies: [
        body(1, { passed: true, shareOfDistrict: 0.5, shareOfBody: 0.5, population: 2000 }),
        body(2, { shareOfDistrict: 0.5, shareOfBody: 1, population: 3000 }),
      ],
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
