/** The map's geometry payload (one request, revalidated by ETag; stages come from body.list). */
export async function fetchBodyGeometry(signal?: AbortSignal): Promise<GeoJSON.FeatureCollection> {
  const response = await fetch("/geo/bodies.geojson", { signal });
  if (!response.ok) throw new Error(`Could not load the map shapes (HTTP ${response.status})`);
  return (await response.json()) as GeoJSON.FeatureCollection;
}

export interface AppConfig {
  basemapStyleUrl: string | null;
  /** Largest file the Import screen may upload. */
  importMaxBytes?: number;
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
