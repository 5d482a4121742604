/**
 * SVG paths for a small preview map of polygon outlines, in Web Mercator like the main map, fitted
 * into `width` × `height` with `padding` around. Pure: no DOM, no MapLibre, no remote resources.
 */
export interface OutlineFrame {
  width: number;
  height: number;
  padding?: number;
}

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const mercatorY = (latitude: number) => {
  const clamped = Math.max(-85, Math.min(85, latitude));
  return Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
};
const toRadians = (longitude: number) => (longitude * Math.PI) / 180;

/** One path string per geometry (holes included; draw with fill-rule evenodd). */
export function outlinePaths(geometries: readonly Polygonal[], { width, height, padding = 8 }: OutlineFrame): string[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings = (geometry: Polygonal) => (geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat());
  for (const geometry of geometries) {
    for (const ring of rings(geometry)) {
      for (const [longitude, latitude] of ring) {
        const x = toRadians(longitude!);
        const y = mercatorY(latitude!);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  if (!Number.isFinite(minX)) return geometries.map(() => "");
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  // Centre the drawing in the frame.
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = ([longitude, latitude]: GeoJSON.Position) =>
    `${(offsetX + (toRadians(longitude!) - minX) * scale).toFixed(1)} ${(offsetY + (maxY - mercatorY(latitude!)) * scale).toFixed(1)}`;
  return geometries.map((geometry) =>
    rings(geometry)
      .filter((ring) => ring.length >= 3)
      .map((ring) => `M${ring.map(point).join("L")}Z`)
      .join(""),
  );
}
