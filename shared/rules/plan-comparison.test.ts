import { describe, expect, it } from "vitest";
import { comparePlans, type PlanBody } from "./plan-comparison";

const body = (bodyId: number, name: string, overrides: Partial<PlanBody> = {}): PlanBody =>
  Object.freeze({ bodyId, name, parentId: null, passed: false, shareOfDistrict: 0.25, shareOfBody: 1, population: null, ...overrides });

describe("comparePlans", () => {
  it("measures coverage under each plan and names the passed bodies moving in and out", () => {
    const older = [
      body(1, "Avon", { passed: true, shareOfDistrict: 0.5, population: 1000 }),
      body(2, "Bristol", { passed: true, shareOfDistrict: 0.3, population: 600 }),
      body(3, "Clare", { shareOfDistrict: 0.2, population: 400 }),
    ];
    const newer = [
      body(1, "Avon", { passed: true, shareOfDistrict: 0.4, shareOfBody: 0.8, population: 1000 }),
      body(3, "Clare", { shareOfDistrict: 0.2, population: 400 }),
      body(4, "Dover", { passed: true, shareOfDistrict: 0.1, population: 200 }),
      body(5, "Exe", { passed: true, shareOfDistrict: 0.3, population: 900 }),
      body(6, "Fenn", { shareOfDistrict: 0.1, population: 100 }),
    ];
    const diff = comparePlans(older, newer);
    expect(diff.older).toEqual({ areaShare: 0.8, populationShare: 1600 / 2000, population: 2000, populationPassed: 1600, bodiesPassed: 2, populationMethod: "area" });
    expect(diff.newer.areaShare).toBeCloseTo(0.8, 12);
    expect(diff.newer.population).toBe(800 + 400 + 200 + 900 + 100);
    expect(diff.newer.populationPassed).toBe(800 + 200 + 900);
    expect(diff.newer.bodiesPassed).toBe(3);
    expect(diff.movingIn).toEqual([
      { bodyId: 5, name: "Exe", shareOfDistrict: 0.3 },
      { bodyId: 4, name: "Dover", shareOfDistrict: 0.1 },
    ]);
    expect(diff.movingOut).toEqual([{ bodyId: 2, name: "Bristol", shareOfDistrict: 0.3 }]);
  });

  it("leaves out bodies that have not passed and bodies in both plans", () => {
    const older = [body(1, "Avon", { passed: true }), body(2, "Bristol")];
    const newer = [body(1, "Avon", { passed: true }), body(3, "Clare")];
    expect(comparePlans(older, newer)).toMatchObject({ movingIn: [], movingOut: [] });
  });

  it("names a passed city moving in once, not its passed wards too", () => {
    const newer = [body(1, "Avon", { passed: true, shareOfDistrict: 0.6 }), body(2, "Avon Ward 1", { parentId: 1, passed: true, shareOfDistrict: 0.2 })];
    const diff = comparePlans([], newer);
    expect(diff.movingIn).toEqual([{ bodyId: 1, name: "Avon", shareOfDistrict: 0.6 }]);
    expect(diff.newer.areaShare).toBe(0.6);
    expect(diff.older).toEqual({ areaShare: 0, populationShare: null, population: null, populationPassed: null, bodiesPassed: 0, populationMethod: null });
  });

  it("names a passed ward moving out when its city stays and has not passed", () => {
    const older = [body(1, "Avon", { shareOfDistrict: 0.6 }), body(2, "Avon Ward 1", { parentId: 1, passed: true, shareOfDistrict: 0.2 })];
    const newer = [body(1, "Avon", { shareOfDistrict: 0.5 })];
    expect(comparePlans(older, newer).movingOut).toEqual([{ bodyId: 2, name: "Avon Ward 1", shareOfDistrict: 0.2 }]);
  });
});
