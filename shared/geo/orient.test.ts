import { describe, expect, it } from "vitest";
import { orient } from "./orient";

/** A double as an exact integer multiple of 2^-1074, so BigInt arithmetic on it is exact. */
function exact(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const shift = BigInt(Math.max(exponent, 1) - 1);
  const magnitude = mantissa << shift; // value = magnitude · 2^-1074
  return negative ? -magnitude : magnitude;
}

function exactSign(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const [eax, eay, ebx, eby, ecx, ecy] = [ax, ay, bx, by, cx, cy].map(exact) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const determinant = (ebx - eax) * (ecy - eay) - (eby - eay) * (ecx - eax);
  return determinant > 0n ? 1 : determinant < 0n ? -1 : 0;
}

function naiveSign(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

describe("orient", () => {
  it("is positive for a left turn, negative for a right turn, zero on the line", () => {
    expect(orient(0, 0, 1, 0, 0, 1)).toBeGreaterThan(0);
    expect(orient(0, 0, 1, 0, 0, -1)).toBeLessThan(0);
    expect(orient(0, 0, 1, 0, 2, 0)).toBe(0);
    expect(orient(-71.1, 41.1, -71.1, 41.7, -71.1, 42.3)).toBe(0);
  });

  it("matches exact arithmetic on nearly collinear points, where the plain determinant does not", () => {
    // Kettner et al., "Classroom examples of robustness problems in geometric computations":
    // p = (0.5 + x·u, 0.5 + y·u) for a 64 × 64 grid of ulps u, against the line (12, 12)–(24, 24).
    const ulp = 2 ** -53;
    let naiveWrong = 0;
    for (let x = 0; x < 64; x++) {
      for (let y = 0; y < 64; y++) {
        const px = 0.5 + x * ulp;
        const py = 0.5 + y * ulp;
        const expected = exactSign(px, py, 12, 12, 24, 24);
        expect(Math.sign(orient(px, py, 12, 12, 24, 24))).toBe(expected);
        if (naiveSign(px, py, 12, 12, 24, 24) !== expected) naiveWrong++;
      }
    }
    // A plain determinant would have passed only if this were 0.
    expect(naiveWrong).toBeGreaterThan(0);
  });

  it("keeps its sign under rotation of the arguments and flips it under reflection", () => {
    const cases: [number, number, number, number, number, number][] = [
      [0.5, 0.5, 12, 12, 24, 24.000000000000004],
      [-118.2990726, 33.8463028, -118.2990742, 33.8472885, -118.299073, 33.8466],
      [0.1, 0.3, 0.2, 0.6, 0.4, 1.2],
    ];
    for (const [ax, ay, bx, by, cx, cy] of cases) {
      const sign = Math.sign(orient(ax, ay, bx, by, cx, cy));
      expect(sign).toBe(exactSign(ax, ay, bx, by, cx, cy));
      expect(Math.sign(orient(bx, by, cx, cy, ax, ay))).toBe(sign);
      expect(Math.sign(orient(cx, cy, ax, ay, bx, by))).toBe(sign);
      expect(Math.sign(orient(bx, by, ax, ay, cx, cy))).toBe(-sign || 0);
    }
  });
});
