/**
 * Colour helpers for stage colours: WCAG contrast for text on a stage badge, and a simulation of
 * colour-vision deficiencies (Machado, Oliveira & Fernandes 2009, severity 1) used by the tests
 * to prove the default palette stays distinguishable.
 */

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `background` (WCAG contrast). */
export function textColorOn(background: string): "#111111" | "#ffffff" {
  return contrastRatio(background, "#111111") >= contrastRatio(background, "#ffffff") ? "#111111" : "#ffffff";
}

export type ColorVision = "normal" | "protanopia" | "deuteranopia" | "tritanopia";

const MACHADO: Record<Exclude<ColorVision, "normal">, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB (D65) of a colour as seen with the given colour vision. */
export function labAsSeen(hex: string, vision: ColorVision): Rgb {
  let linear = parseHex(hex).map(toLinear) as Rgb;
  if (vision !== "normal") {
    const m = MACHADO[vision];
    linear = m.map((row) => Math.min(1, Math.max(0, row[0]! * linear[0] + row[1]! * linear[1] + row[2]! * linear[2]))) as Rgb;
  }
  const [r, g, b] = linear;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference between two colours as seen with `vision`. */
export function colorDistance(a: string, b: string, vision: ColorVision = "normal"): number {
  const [l1, a1, b1] = labAsSeen(a, vision);
  const [l2, a2, b2] = labAsSeen(b, vision);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}
