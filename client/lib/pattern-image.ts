import { stagePatternPixels } from "./stage-patterns";

const cache = new Map<string, string>();

/** A CSS `url(…)` of the stage's pattern tile over its colour, for legend swatches. */
export function patternBackground(index: number, color: string): string {
  const key = `${index}:${color}`;
  let url = cache.get(key);
  if (!url) {
    const tile = stagePatternPixels(index, color);
    const canvas = document.createElement("canvas");
    canvas.width = tile.width;
    canvas.height = tile.height;
    const context = canvas.getContext("2d");
    if (!context) return "none";
    context.putImageData(new ImageData(new Uint8ClampedArray(tile.data), tile.width, tile.height), 0, 0);
    url = `url(${canvas.toDataURL("image/png")})`;
    cache.set(key, url);
  }
  return url;
}
