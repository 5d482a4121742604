/** A FeatureCollection from rows: `geometry` becomes the geometry, `id` the feature id, the rest properties. */
export function toFeatureCollection<Row extends { geometry?: GeoJSON.Geometry }>(rows: Row[], idOf: (row: Row) => number | string): GeoJSON.FeatureCollection {
  return {
    type: "FeatureCollection",
    features: rows.map((row) => {
      const { geometry, ...properties } = row;
      return { type: "Feature", id: idOf(row), properties, geometry: geometry ?? (null as unknown as GeoJSON.Geometry) };
    }),
  };
}
