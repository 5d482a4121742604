// robust-predicates 2.x ships no types; the one function the geometry engine uses.
declare module "robust-predicates" {
  /** Shewchuk's adaptive orientation: positive when a, b, c run clockwise, 0 when collinear. */
  export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number;
}
