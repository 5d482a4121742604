import latinUrl from "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url";
import latinExtendedUrl from "@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url";
import type { StyleSpecification } from "maplibre-gl";
import { LABEL_FONT } from "./style";

// The package's own subsets (its unicode.json, which the package does not export).
const LATIN = [
  "U+0000-00FF",
  "U+0131",
  "U+0152-0153",
  "U+02BB-02BC",
  "U+02C6",
  "U+02DA",
  "U+02DC",
  "U+0304",
  "U+0308",
  "U+0329",
  "U+2000-206F",
  "U+20AC",
  "U+2122",
  "U+2191",
  "U+2193",
  "U+2212",
  "U+2215",
  "U+FEFF",
  "U+FFFD",
];
const LATIN_EXTENDED = [
  "U+0100-02BA",
  "U+02BD-02C5",
  "U+02C7-02CC",
  "U+02CE-02D7",
  "U+02DD-02FF",
  "U+0304",
  "U+0308",
  "U+0329",
  "U+1D00-1DBF",
  "U+1E00-1E9F",
  "U+1EF2-1EFF",
  "U+2020",
  "U+20A0-20AB",
  "U+20AD-20C0",
  "U+2113",
  "U+2C60-2C7F",
  "U+A720-A7FF",
];

/**
 * The label font's files, bundled with the app from the Noto Sans package (SIL Open Font License):
 * MapLibre draws the glyphs from them in the browser, so no glyph server is needed. The ranges are
 * the package's own subsets (Latin, Latin Extended); anything else falls back to a system font.
 */
export function labelFontFaces(base: string): NonNullable<StyleSpecification["font-faces"]> {
  return {
    [LABEL_FONT]: [
      { url: new URL(latinUrl, base).href, "unicode-range": LATIN },
      { url: new URL(latinExtendedUrl, base).href, "unicode-range": LATIN_EXTENDED },
    ],
  };
}
