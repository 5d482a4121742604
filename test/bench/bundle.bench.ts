/**
 * What each page of the built client downloads (`npm run build` first): the entry's module graph
 * plus the lazily loaded screen's, JavaScript and CSS, raw and gzipped, read from Vite's manifest
 * (dist/client/.vite/manifest.json). Beside them, every chunk together: what each page loaded
 * when the client was one chunk, and that chunk as measured before the split.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

const dist = path.resolve(import.meta.dirname, "../../dist/client");
const manifestFile = path.join(dist, ".vite/manifest.json");
if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run npm run build first`);
const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<string, ManifestChunk>;

/** Before the split (main at 5af8bcd, the day of this bench): one index-*.js chunk and one stylesheet. */
const SINGLE_CHUNK = { js: 1_852_200, jsGzip: 516_080, css: 126_750, cssGzip: 21_910 };

const PAGES: ReadonlyArray<[string, string]> = [
  ["public page  /public", "screens/PublicMapScreen/PublicMapScreen.tsx"],
  ["embed        /embed", "screens/PublicMapScreen/PublicMapScreen.tsx"],
  ["press page   /print", "screens/PrintScreen/PrintScreen.tsx"],
  ["sign-in      /login", "screens/LoginScreen/LoginScreen.tsx"],
  ["organizer    /", "screens/MapScreen/MapScreen.tsx"],
  ["meeting      /meeting/:body", "screens/MeetingScreen/MeetingScreen.tsx"],
];

/** The files a chunk pulls in before it runs: itself, its static imports (transitively) and their CSS. */
function closure(keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function size(file: string) {
  let known = sizes.get(file);
  if (!known) {
    const bytes = fs.readFileSync(path.join(dist, file));
    known = { raw: bytes.length, gzip: zlib.gzipSync(bytes).length };
    sizes.set(file, known);
  }
  return known;
}

function weigh(files: Iterable<string>) {
  const total = { js: 0, jsGzip: 0, css: 0, cssGzip: 0, files: 0 };
  for (const file of files) {
    const { raw, gzip } = size(file);
    total.files++;
    if (file.endsWith(".css")) {
      total.css += raw;
      total.cssGzip += gzip;
    } else {
      total.js += raw;
      total.jsGzip += gzip;
    }
  }
  return total;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} KB`;
const line = (label: string, weight: { js: number; jsGzip: number; css: number; cssGzip: number }, extra = "") =>
  console.log(`  ${label.padEnd(30)} JS ${kb(weight.js)} (gzip ${kb(weight.jsGzip)})   CSS ${kb(weight.css)} (gzip ${kb(weight.cssGzip)})${extra}`);

const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const everything = new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])].filter((file) => /\.(js|css)$/.test(file))));
const worker = Object.values(manifest).find((chunk) => chunk.file.includes("maplibre-gl-worker"));

console.log("client bytes per page, before the map's data (entry + the page's screen, static imports, CSS):");
for (const [label, screen] of PAGES) {
  const files = closure([entry, screen]);
  line(label, weigh(files), `   ${files.size} files`);
}
console.log("beside them:");
line("all chunks together (this build)", weigh(everything), `   ${everything.size} files`);
line("one chunk, before the split", SINGLE_CHUNK, "   2 files (main at 5af8bcd)");
if (worker) console.log(`  and on every map page, MapLibre's worker: ${kb(size(worker.file).raw)} (gzip ${kb(size(worker.file).gzip)}), as before`);
