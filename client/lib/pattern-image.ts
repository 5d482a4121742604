import { stagePatternPixels } from "./stage-patterns";

type Tile = { width: number; height: number; data: Uint8Array };

const cache = new Map<string, string>();

/** A CSS `url(…)` of a tile of pixels (painted once into a canvas, cached by `key`), for legend swatches. */
export function tileBackground(key: string, makeTile: () => Tile): string {
  let url = cache.get(key);
  if (!url) {
    const tile = makeTile();
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

/** A CSS `url(…)` of the stage's pattern tile over its colour, for legend swatches. */
export function patternBackground(index: number, color: string): string {
  return tileBackground(`${index}:${color}`, () => stagePatternPixels(index, color));
}
