import { useMemo } from "react";
import { outlinePaths } from "../../lib/outline-path";

const WIDTH = 320;
const HEIGHT = 240;

/**
 * The small preview map: the file's shapes as an inline SVG (Web Mercator, north up). No tiles,
 * no WebGL: it only has to show that the shapes landed where they should and look right.
 */
export function OutlinePreview({
  outlines,
  complete,
  fileName,
}: {
  outlines: GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  complete: boolean;
  fileName: string;
}) {
  const paths = useMemo(
    () =>
      outlinePaths(
        outlines.features.map((feature) => feature.geometry),
        { width: WIDTH, height: HEIGHT, padding: 12 },
      ),
    [outlines],
  );
  return (
    <figure className="outline-preview">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Outlines of the ${outlines.features.length} shapes in ${fileName}`} data-testid="outline-preview">
        <rect width={WIDTH} height={HEIGHT} className="outline-preview-sea" />
        {paths.map((path, index) => (
          <path key={index} d={path} className="outline-preview-shape" fillRule="evenodd" />
        ))}
      </svg>
      <figcaption className="hint">
        {complete ? "Simplified outlines of every shape." : `Simplified outlines of the first ${outlines.features.length} shapes (the file is too detailed to draw whole here).`}
      </figcaption>
    </figure>
  );
}
