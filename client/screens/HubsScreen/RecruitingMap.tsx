import { useMemo, type MouseEvent } from "react";
import type { HubCoverage } from "../../../shared/model/hub";
import { outlinePaths, outlineProjection } from "../../lib/outline-path";

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export const WITH_HUB = "#045a8d";
export const WITHOUT_HUB = "#e69f00";

/**
 * The recruiting map: the current districts of one chamber, blue where a hub covers them and
 * orange where none does. Clicking a spot reports its longitude/latitude (Find my hub).
 */
export function RecruitingMap({
  outlines,
  coverage,
  onPickPoint,
  label,
}: {
  outlines: GeoJSON.FeatureCollection;
  coverage: HubCoverage;
  onPickPoint: (point: [number, number]) => void;
  label: string;
}) {
  const width = 640;
  const height = 420;
  const features = useMemo(() => {
    const wanted = new Map(coverage.districts.map((district) => [district.id, district]));
    return outlines.features.filter((feature) => wanted.has(Number(feature.id)) && feature.geometry.type !== "Point") as Array<GeoJSON.Feature<Polygonal>>;
  }, [outlines, coverage]);
  const geometries = useMemo(() => features.map((feature) => feature.geometry), [features]);
  const paths = useMemo(() => outlinePaths(geometries, { width, height }), [geometries]);
  const projection = useMemo(() => outlineProjection(geometries, { width, height }), [geometries]);
  const hubsOf = new Map(coverage.districts.map((district) => [district.id, district.hubs]));

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    if (!projection) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    const y = ((event.clientY - box.top) / box.height) * height;
    onPickPoint(projection.unproject(x, y));
  };

  if (features.length === 0) return <p className="muted">No district outlines for this chamber. Import a district plan first.</p>;
  return (
    <svg className="recruiting-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} onClick={onClick}>
      {features.map((feature, index) => {
        const hubs = hubsOf.get(Number(feature.id)) ?? [];
        return (
          <path
            key={String(feature.id)}
            d={paths[index]}
            fill={hubs.length ? WITH_HUB : WITHOUT_HUB}
            fillOpacity={0.75}
            stroke="#ffffff"
            strokeWidth={0.8}
            fillRule="evenodd"
            data-district-id={String(feature.id)}
            data-has-hub={hubs.length ? "1" : "0"}
          >
            <title>
              {String(feature.properties?.label ?? "")}: {hubs.length ? hubs.map((hub) => hub.name).join(", ") : "no hub yet"}
            </title>
          </path>
        );
      })}
    </svg>
  );
}
