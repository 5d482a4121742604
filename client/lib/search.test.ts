import { expect, it } from "vitest";
import { normalizeName, searchBodies } from "./search";

const bodies = [
  { id: 1, name: "Springfield city", state: "MA" },
  { id: 2, name: "Springfield city", state: "IL" },
  { id: 3, name: "West Springfield Town Council", state: "MA" },
  { id: 4, name: "Doña Ana County", state: "NM" },
  { id: 5, name: "Hampden County", state: "MA" },
];

it("normalises accents and punctuation", () => {
  expect(normalizeName("  Doña Ana—County ")).toBe("dona ana county");
});

it("ranks a name prefix before a word prefix", () => {
  expect(searchBodies(bodies, "spring").map((b) => b.id)).toEqual([1, 2, 3]);
});

it("narrows by a trailing state code", () => {
  expect(searchBodies(bodies, "springfield ma").map((b) => b.id)).toEqual([1, 3]);
  expect(searchBodies(bodies, "springfield il").map((b) => b.id)).toEqual([2]);
});

it("matches without accents and respects the limit", () => {
  expect(searchBodies(bodies, "dona").map((b) => b.id)).toEqual([4]);
  expect(searchBodies(bodies, "county", 1)).toHaveLength(1);
  expect(searchBodies(bodies, "   ")).toEqual([]);
});
