import { describe, expect, it } from "vitest";
import { findNulCharacter } from "./input-guards";

describe("findNulCharacter", () => {
  it("names where a NUL sits: a plain string, a nested field, an array item, a key", () => {
    expect(findNulCharacter("a\u0000b")).toBe("the input");
    expect(findNulCharacter({ campaign: { name: "x\u0000" } })).toBe("campaign.name");
    expect(findNulCharacter({ list: ["ok", "n\u0000o"] })).toBe("list.1");
    expect(findNulCharacter({ ["bad\u0000key"]: 1 })).toBe("bad\u0000key");
  });

  it("passes clean input of any shape, including shared and very deep references", () => {
    let deep: unknown = { leaf: "fine" };
    for (let level = 0; level < 10_000; level++) deep = { a: deep, b: [deep] };
    for (const input of [undefined, null, 7, "text", { a: [1, "two", { three: true }] }, deep]) expect(findNulCharacter(input)).toBeNull();
  });
});
