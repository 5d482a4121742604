import { openShp } from "shapefile";
import { describe, expect, it } from "vitest";
import { type Ring, type Shape, writeShp } from "../../test/helpers/shapefile-writer";
import { parseShpRecord } from "./shp-records";

const ring = (west: number, south: number, size: number, clockwise: boolean): Ring => {
  const corners: Ring = [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
  return clockwise ? corners.reverse() : corners;
};

describe("parseShpRecord", () => {
  it("reads every record as the shapefile package does: holes, islands, a stray hole, lines, points, nulls", async () => {
    const shapes: Shape[] = [
      { type: "polygon", rings: [ring(0, 0, 10, true), ring(2, 2, 2, false), ring(20, 0, 5, true), ring(50, 50, 1, false)] },
      { type: "polygon", rings: [ring(0, 0, 1, true)] },
      null,
    ];
    const lines: Shape[] = [
      {
        type: "polyline",
        parts: [
          [
            [0, 0],
            [1, 1],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ],
      },
      {
        type: "polyline",
        parts: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      },
    ];
    const points: Shape[] = [{ type: "point", x: -71.4, y: 41.8 }];
    for (const file of [shapes, lines, points]) {
      const { shp } = writeShp(file);
      const source = await openShp(shp);
      const expected: unknown[] = [];
      for (let result = await source.read(); !result.done; result = await source.read()) expected.push(result.value ?? null);
      const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
      const actual: unknown[] = [];
      for (let offset = 100; offset < shp.length; offset += 8 + view.getInt32(offset + 4, false) * 2) {
        actual.push(parseShpRecord(new DataView(shp.buffer, shp.byteOffset + offset + 8, view.getInt32(offset + 4, false) * 2)));
      }
      expect(actual).toEqual(expected);
    }
  });
});
