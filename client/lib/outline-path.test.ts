import { expect, it } from "vitest";
import { outlinePaths, outlineProjection } from "./outline-path";

const square = (west: number, south: number, size: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

it("fits the outlines into the frame, north up, centred, keeping the aspect", () => {
  // Two squares side by side at the equator: twice as wide as tall.
  const [left, right] = outlinePaths([square(0, 0, 1), square(1, 0, 1)], { width: 220, height: 220, padding: 10 });
  expect(left).toBe("M10.0 160.0L110.0 160.0L110.0 60.0L10.0 60.0L10.0 160.0Z");
  expect(right).toBe("M110.0 160.0L210.0 160.0L210.0 60.0L110.0 60.0L110.0 160.0Z");
});

it("draws holes and the parts of a multipolygon as subpaths", () => {
  const withHole: GeoJSON.Polygon = { type: "Polygon", coordinates: [square(0, 0, 4).coordinates[0]!, square(1, 1, 1).coordinates[0]!] };
  const parts: GeoJSON.MultiPolygon = { type: "MultiPolygon", coordinates: [square(5, 0, 1).coordinates, square(7, 0, 1).coordinates] };
  const [holed, multi] = outlinePaths([withHole, parts], { width: 100, height: 100 });
  expect(holed!.match(/M/g)).toHaveLength(2);
  expect(multi!.match(/M/g)).toHaveLength(2);
});

it("stretches latitudes like Web Mercator (the same box is taller in the north)", () => {
  const [south] = outlinePaths([square(0, 0, 1)], { width: 1000, height: 1000, padding: 0 });
  const [north] = outlinePaths([square(0, 60, 1)], { width: 1000, height: 1000, padding: 0 });
  const size = (path: string) => {
    const numbers = path.match(/[\d.]+/g)!.map(Number);
    const xs = numbers.filter((_, index) => index % 2 === 0);
    const ys = numbers.filter((_, index) => index % 2 === 1);
    return (Math.max(...ys) - Math.min(...ys)) / (Math.max(...xs) - Math.min(...xs));
  };
  expect(size(south!)).toBeCloseTo(1, 2);
  expect(size(north!)).toBeCloseTo(2, 1);
});

it("fits the frame to the first geometries only when asked; the others may run off the edges", () => {
  const [first, second] = outlinePaths([square(0, 0, 1), square(1, 0, 1)], { width: 220, height: 220, padding: 10, fitFirst: 1 });
  expect(first).toBe("M10.0 210.0L210.0 210.0L210.0 10.0L10.0 10.0L10.0 210.0Z");
  expect(second).toBe("M210.0 210.0L410.0 210.0L410.0 10.0L210.0 10.0L210.0 210.0Z");
});

it("unprojects a point of the frame back to longitude and latitude", () => {
  const projection = outlineProjection([square(-72, 41, 1)], { width: 300, height: 200, padding: 10 })!;
  const [x, y] = projection.project([-71.4, 41.8]);
  const [longitude, latitude] = projection.unproject(x, y);
  expect(longitude).toBeCloseTo(-71.4, 9);
  expect(latitude).toBeCloseTo(41.8, 9);
});
