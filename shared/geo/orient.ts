import { orient2d } from "robust-predicates";

/**
 * Exact orientation test: the sign of the determinant
 *
 *   | bx - ax   by - ay |
 *   | cx - ax   cy - ay |
 *
 * is positive when c lies to the LEFT of the directed line a→b (a, b, c counterclockwise), negative
 * to the right, and exactly 0 only when the three points are exactly collinear. A plain floating-
 * point determinant gets the sign wrong for nearly collinear points, which is exactly the case of
 * town lines that follow district lines; the overlap engine, the import's polygon repair and the
 * display's prepared polygons all need a sign they can trust, and all take it from here.
 *
 * Jonathan Shewchuk's adaptive `orient2d` from the `robust-predicates` package, whose sign
 * convention is the opposite (positive means clockwise). The value approximates the determinant:
 * the overlap engine uses it to place crossings, so it is the package's value, negated.
 */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  // `0 -` rather than unary minus, so collinear points give 0, never -0.
  return 0 - orient2d(ax, ay, bx, by, cx, cy);
}
