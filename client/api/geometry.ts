/** A page's `?tiles=1` or `?tiles=0` (read once, before the page rewrites its address): draw the bodies from tiles, or not, whatever their number. */
const forcedTiles = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("tiles");

/**
 * The map's bodies (one request, revalidated by ETag; stages come from body.list): every outline,
 * or for a campaign past the server's tile threshold the slim index (names, boxes, label points and
 * the URL of the vector tiles the map draws instead; see shared/model/body-tiles.ts).
 */
export async function fetchBodyGeometry(signal?: AbortSignal): Promise<GeoJSON.FeatureCollection> {
  const response = await fetch(forcedTiles === "1" || forcedTiles === "0" ? `/geo/bodies.geojson?tiles=${forcedTiles}` : "/geo/bodies.geojson", { signal });
  if (!response.ok) throw new Error(`Could not load the map shapes (HTTP ${response.status})`);
  return (await response.json()) as GeoJSON.FeatureCollection;
}

export interface AppConfig {
  basemapStyleUrl: string | null;
  /** Largest file the Import screen may upload. */
  importMaxBytes?: number;
  /** The largest evidence file the server takes (GROUNDSWELL_EVIDENCE_MAX_BYTES). */
  evidenceMaxBytes?: number;
  /** Find my hub may look up street addresses (the admin set a geocoder). */
  addressSearch?: boolean;
}

export async function fetchAppConfig(): Promise<AppConfig> {
  const response = await fetch("/config.json");
  if (!response.ok) return { basemapStyleUrl: null };
  return (await response.json()) as AppConfig;
}

/** Outlines of the current districts (one request, revalidated by ETag). */
export async function fetchDistrictGeometry(signal?: AbortSignal): Promise<GeoJSON.FeatureCollection> {
  const response = await fetch("/geo/districts.geojson", { signal });
  if (!response.ok) throw new Error(`Could not load the district outlines (HTTP ${response.status})`);
  return (await response.json()) as GeoJSON.FeatureCollection;
}

/** A street address to a point through the server's geocoder (null: not found). */
export async function fetchAddressPoint(text: string): Promise<[number, number] | null> {
  const response = await fetch(`/geo/address?q=${encodeURIComponent(text)}`);
  if (!response.ok) throw new Error((await response.text()).trim() || `Address search failed (HTTP ${response.status})`);
  return ((await response.json()) as { point: [number, number] | null }).point;
}
