/**
 * SVG paths for a small preview map of polygon outlines, in Web Mercator like the main map, fitted
 * into `width` × `height` with `padding` around. Pure: no DOM, no MapLibre, no remote resources.
 */
export interface OutlineFrame {
  width: number;
  height: number;
  padding?: number;
  /** Fit the frame to the first `fitFirst` geometries only (the rest may run off the edges). */
  fitFirst?: number;
}

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const mercatorY = (latitude: number) => {
  const clamped = Math.max(-85, Math.min(85, latitude));
  return Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
};
const toRadians = (longitude: number) => (longitude * Math.PI) / 180;

/** The frame's projection: lon/lat → SVG x/y and back (Web Mercator fitted into the frame). */
export interface OutlineProjection {
  project(position: GeoJSON.Position): [number, number];
  unproject(x: number, y: number): [number, number];
}

const ringsOf = (geometry: Polygonal) => (geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat());

/** Fit the first `fitFirst` geometries (all by default) into the frame; null when there is nothing to fit. */
export function outlineProjection(geometries: readonly Polygonal[], { width, height, padding = 8, fitFirst }: OutlineFrame): OutlineProjection | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const geometry of geometries.slice(0, fitFirst ?? geometries.length)) {
    for (const ring of ringsOf(geometry)) {
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
  if (!Number.isFinite(minX)) return null;
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  // Centre the drawing in the frame.
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    project: ([longitude, latitude]) => [offsetX + (toRadians(longitude!) - minX) * scale, offsetY + (maxY - mercatorY(latitude!)) * scale],
    unproject: (x, y) => {
      const longitude = (((x - offsetX) / scale + minX) * 180) / Math.PI;
      const mercator = maxY - (y - offsetY) / scale;
      const latitude = ((2 * Math.atan(Math.exp(mercator)) - Math.PI / 2) * 180) / Math.PI;
      return [longitude, latitude];
    },
  };
}

/** One path string per geometry (holes included; draw with fill-rule evenodd). */
export function outlinePaths(geometries: readonly Polygonal[], frame: OutlineFrame): string[] {
  const projection = outlineProjection(geometries, frame);
  if (!projection) return geometries.map(() => "");
  const point = (position: GeoJSON.Position) => {
    const [x, y] = projection.project(position);
    return `${x.toFixed(1)} ${y.toFixed(1)}`;
  };
  return geometries.map((geometry) =>
    ringsOf(geometry)
      .filter((ring) => ring.length >= 3)
      .map((ring) => `M${ring.map(point).join("L")}Z`)
      .join(""),
  );
}
