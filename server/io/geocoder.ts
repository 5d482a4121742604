import type { Geocoder } from "../../shared/model/endorser";

/**
 * An address lookup through the configured geocoder (`GROUNDSWELL_GEOCODER_URL`, `{query}` where
 * the address goes). Reads Nominatim's JSON list (`[{ lat, lon }]`) or a GeoJSON answer (Photon,
 * Pelias); anything else, a network error or no match is "unknown" (null), so the importer places
 * the endorser at its town's centre instead. Never configured in tests.
 */
export function createGeocoder(template: string, options: { timeoutMs?: number } = {}): Geocoder {
  const lookUp = createTextGeocoder(template, options);
  return ({ address, town, state }) => lookUp(`${address}, ${town}, ${state}, USA`);
}

/** The same lookup for free text ("12 Main St, Warwick RI"): Find my hub's address search. */
export function createTextGeocoder(template: string, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): (text: string) => Promise<[number, number] | null> {
  return async (text) => {
    const url = template.replace("{query}", encodeURIComponent(text));
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
      if (!response.ok) return null;
      return pointOf(await response.json());
    } catch {
      return null;
    }
  };
}

/** The first point of a geocoder's answer, or null. */
export function pointOf(answer: unknown): [number, number] | null {
  const first = Array.isArray(answer) ? answer[0] : (answer as { features?: unknown[] } | null)?.features?.[0];
  if (!first || typeof first !== "object") return null;
  const nominatim = first as { lat?: unknown; lon?: unknown };
  const feature = first as { geometry?: { type?: string; coordinates?: unknown[] } };
  const [lon, lat] =
    nominatim.lat !== undefined
      ? [Number(nominatim.lon), Number(nominatim.lat)]
      : feature.geometry?.type === "Point"
        ? feature.geometry.coordinates!.map(Number)
        : [Number.NaN, Number.NaN];
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90 ? [lon!, lat!] : null;
}
