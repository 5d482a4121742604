import { useMemo } from "react";
import type { StageScheme } from "../../../shared/model/stage";
import { findStage } from "../../../shared/model/stage";
import { outlinePaths } from "../../lib/outline-path";

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/**
 * The district on paper: its bodies filled with their stage colours, the district outline drawn
 * over them. Plain SVG (no WebGL, no tiles), so it prints sharp and needs no network.
 */
export function DistrictMap({
  district,
  bodies,
  stages,
  scheme,
  label,
}: {
  district: Polygonal;
  bodies: Array<{ bodyId: number; geometry: GeoJSON.Geometry }>;
  stages: ReadonlyMap<number, string>;
  scheme: StageScheme;
  label: string;
}) {
  const width = 480;
  const height = 320;
  const polygons = useMemo(() => bodies.filter((body): body is { bodyId: number; geometry: Polygonal } => body.geometry.type !== "Point"), [bodies]);
  const paths = useMemo(() => outlinePaths([district, ...polygons.map((body) => body.geometry)], { width, height, padding: 6, fitFirst: 1 }), [district, polygons]);
  // Fitted to the district, bodies clipped to it: a neighbour's far half does not shrink the map.
  const [districtPath, ...bodyPaths] = paths;
  return (
    <svg className="district-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <defs>
        <clipPath id="district-clip">
          <path d={districtPath} clipRule="evenodd" />
        </clipPath>
      </defs>
      <g clipPath="url(#district-clip)">
        {polygons.map((body, index) => {
          const stage = findStage(scheme, stages.get(body.bodyId) ?? "");
          return <path key={body.bodyId} d={bodyPaths[index]} fill={stage?.color ?? "#f2f0eb"} fillRule="evenodd" stroke="#ffffff" strokeWidth={1} data-body-id={body.bodyId} />;
        })}
      </g>
      <path d={districtPath} fill="none" stroke="#1f2933" strokeWidth={2} fillRule="evenodd" />
    </svg>
  );
}
