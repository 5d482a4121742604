import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { rankNextTargets, stageProgress, targetScore, type TargetCandidate } from "./next-targets";

const candidate = (bodyId: number, overrides: Partial<TargetCandidate> = {}): TargetCandidate =>
  Object.freeze({
    bodyId,
    name: `Body ${bodyId}`,
    stage: "not_started",
    parentId: null,
    passed: false,
    shareOfDistrict: 0.1,
    shareOfBody: 1,
    population: null,
    ...overrides,
  });

describe("stageProgress", () => {
  const cases: Array<[string, number]> = [
    ["not_started", 0],
    ["organizing", 0.2],
    ["introduced", 0.6],
    ["vote_scheduled", 1],
    ["failed", 0],
    ["stalled", 0],
    ["no_such_stage", 0],
  ];
  for (const [stage, progress] of cases) it(`${stage} → ${progress}`, () => expect(stageProgress(defaultStageScheme, stage)).toBeCloseTo(progress, 9));
});

describe("targetScore", () => {
  const cases: Array<[number, number, number]> = [
    [0.4, 0, 0.2],
    [0.4, 1, 0.4],
    [0.2, 0.5, 0.15],
    [0, 1, 0],
  ];
  for (const [gain, progress, score] of cases) it(`gain ${gain}, progress ${progress} → ${score}`, () => expect(targetScore(gain, progress)).toBeCloseTo(score, 9));
});

describe("rankNextTargets", () => {
  const cases: Array<{ name: string; bodies: TargetCandidate[]; expected: Array<[number, number]> }> = [
    {
      name: "passed bodies are not targets; bigger share first at equal stage",
      bodies: [candidate(1, { passed: true, stage: "passed", shareOfDistrict: 0.5 }), candidate(2, { shareOfDistrict: 0.1 }), candidate(3, { shareOfDistrict: 0.3 })],
      expected: [
        [3, 0.3],
        [2, 0.1],
      ],
    },
    {
      name: "a body with a vote scheduled beats a slightly bigger untouched one",
      bodies: [candidate(1, { shareOfDistrict: 0.25 }), candidate(2, { stage: "vote_scheduled", shareOfDistrict: 0.2 })],
      expected: [
        [2, 0.2],
        [1, 0.25],
      ],
    },
    {
      name: "but not a much bigger one",
      bodies: [candidate(1, { shareOfDistrict: 0.6 }), candidate(2, { stage: "vote_scheduled", shareOfDistrict: 0.2 })],
      expected: [
        [1, 0.6],
        [2, 0.2],
      ],
    },
    {
      name: "ranked by people when populations are known",
      bodies: [candidate(1, { shareOfDistrict: 0.7, population: 1000 }), candidate(2, { shareOfDistrict: 0.3, population: 9000 })],
      expected: [
        [2, 0.9],
        [1, 0.1],
      ],
    },
    {
      name: "a ward of a passed city is not a target; a city with a passed ward adds only the rest",
      bodies: [
        candidate(1, { passed: true, stage: "passed", shareOfDistrict: 0.3 }),
        candidate(2, { parentId: 1, shareOfDistrict: 0.1 }),
        candidate(3, { shareOfDistrict: 0.5 }),
        candidate(4, { parentId: 3, passed: true, stage: "passed", shareOfDistrict: 0.2 }),
      ],
      expected: [[3, 0.3]],
    },
  ];
  for (const { name, bodies, expected } of cases) {
    it(name, () => {
      const ranked = rankNextTargets(bodies, defaultStageScheme);
      expect(ranked.map((target) => target.bodyId)).toEqual(expected.map(([id]) => id));
      ranked.forEach((target, index) => expect(target.gain).toBeCloseTo(expected[index]![1], 9));
    });
  }
});

describe("rankNextTargets with a population layer's counts", () => {
  it("ranks by the people counted inside the district, not by land", () => {
    // The big rural town holds most of the land and, by area, most of the people; counted, the small city wins.
    const rural = candidate(1, { name: "Rural", shareOfDistrict: 0.8, shareOfBody: 1, population: 20_000 });
    const city = candidate(2, { name: "City", shareOfDistrict: 0.2, shareOfBody: 0.1, population: 100_000 });
    expect(rankNextTargets([rural, city], defaultStageScheme).map((target) => target.name)).toEqual(["Rural", "City"]);
    const counted = rankNextTargets([rural, city], defaultStageScheme, {
      counts: {
        people: 40_000,
        bodies: new Map([
          [1, 12_000],
          [2, 28_000],
        ]),
      },
    });
    expect(counted.map((target) => [target.name, target.basis, target.gain])).toEqual([
      ["City", "population", 0.7],
      ["Rural", "population", 0.3],
    ]);
  });
});
