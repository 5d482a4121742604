import { describe, expect, it } from "vitest";
import { committeeRoleOf } from "./committee";

describe("committeeRoleOf", () => {
  it("spells the leading roles one way, Massachusetts' 'Ranking Republican Member' included", () => {
    expect(["Chairman", "chair", "Vice-Chair", "Ranking Minority Member", "Ranking Republican Member", "ranking member"].map(committeeRoleOf)).toEqual([
      "chair",
      "chair",
      "vice chair",
      "ranking member",
      "ranking member",
      "ranking member",
    ]);
  });

  it("keeps other roles as written, in lower case", () => {
    expect(["Treasurer", "assistant vice chair", "", "House Chair"].map(committeeRoleOf)).toEqual(["treasurer", "assistant vice chair", "member", "house chair"]);
  });
});
