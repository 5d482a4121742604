import { describe, expect, it } from "vitest";
import { censusInternalPoint } from "./population";

describe("censusInternalPoint", () => {
  it("reads TIGER's internal point, written as text with a sign as in tabblock20", () => {
    expect(censusInternalPoint({ GEOID20: "250173531011000", INTPTLAT20: "+42.3736158", INTPTLON20: "-071.1097335" })).toEqual({
      type: "Point",
      coordinates: [-71.1097335, 42.3736158],
    });
    expect(censusInternalPoint({ INTPTLAT: "+41.8", INTPTLON: "-071.4" })).toEqual({ type: "Point", coordinates: [-71.4, 41.8] });
  });

  it("is null without one, or when it is not a lon/lat", () => {
    expect(censusInternalPoint({ POP20: 12 })).toBeNull();
    expect(censusInternalPoint({ INTPTLAT20: "north", INTPTLON20: "-071.1" })).toBeNull();
    expect(censusInternalPoint({ INTPTLAT20: "4231000", INTPTLON20: "-071.1" })).toBeNull();
  });
});
