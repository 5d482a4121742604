import { parseHex, textColorOn } from "./colors";

/**
 * Patterns drawn over the stage colours, so stages can be told apart without colour (colour-blind
 * readers, greyscale prints). Each stage of a scheme gets the pattern at its position; the marks
 * are black or white, whichever contrasts with the stage's fill. Pure pixels: the map uploads them
 * with `addImage`, the legend paints the same tile into its swatches.
 */

export const PATTERN_SIZE = 12;

type Mark = (x: number, y: number) => boolean;
const n = PATTERN_SIZE;

/** In scheme order; the first stage (usually "not started") stays plain. */
export const PATTERN_NAMES = [
  "plain",
  "dots",
  "diagonal",
  "back-diagonal",
  "horizontal",
  "crosshatch",
  "vertical",
  "grid",
  "checks",
  "big-dots",
  "wide-diagonal",
  "dashes",
  "sparse-dots",
  "big-checks",
] as const;

const MARKS: Record<(typeof PATTERN_NAMES)[number], Mark> = {
  plain: () => false,
  dots: (x, y) => x % 6 < 2 && y % 6 < 2,
  diagonal: (x, y) => (x + y) % 6 < 2,
  "back-diagonal": (x, y) => (x - y + n) % 6 < 2,
  horizontal: (_x, y) => y % 4 < 1.5,
  crosshatch: (x, y) => (x + y) % 6 < 1 || (x - y + n) % 6 < 1,
  vertical: (x) => x % 4 < 1.5,
  grid: (x, y) => x % 6 < 1 || y % 6 < 1,
  checks: (x, y) => (Math.floor(x / 3) + Math.floor(y / 3)) % 2 === 0,
  "big-dots": (x, y) => ((x % 6) - 2.5) ** 2 + ((y % 6) - 2.5) ** 2 <= 3,
  "wide-diagonal": (x, y) => (x + y) % 12 < 4,
  dashes: (x, y) => y % 6 < 2 && x % 6 < 3,
  "sparse-dots": (x, y) => x % 12 < 3 && y % 12 < 3,
  "big-checks": (x, y) => (Math.floor(x / 6) + Math.floor(y / 6)) % 2 === 0,
};

export function patternNameAt(index: number): (typeof PATTERN_NAMES)[number] {
  return PATTERN_NAMES[index % PATTERN_NAMES.length]!;
}

/** RGBA pixels of one tile: transparent where there is no mark (the stage colour shows through). */
export function stagePatternPixels(index: number, fillColor: string): { width: number; height: number; data: Uint8Array } {
  const mark = MARKS[patternNameAt(index)];
  const [r, g, b] = parseHex(textColorOn(fillColor));
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!mark(x, y)) continue;
      const offset = (y * n + x) * 4;
      data[offset] = r;
      data[offset + 1] = g;
      data[offset + 2] = b;
      data[offset + 3] = 210;
    }
  }
  return { width: n, height: n, data };
}

export const patternImageId = (stageId: string) => `stage-pattern-${stageId}`;
