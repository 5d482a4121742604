import { useState } from "react";

export interface ExportView {
  campaign: string;
  asOf: string | null;
  stages: readonly string[] | null;
  bbox: readonly number[] | null;
  title: string;
  /** The ballot question the map shows, if any: the press map shows it too. */
  ballot?: number | null;
}

const FORMATS = [
  { file: "map.png", label: "Map (PNG)" },
  { file: "map.pdf", label: "Map (PDF)" },
  { file: "bodies.csv", label: "Bodies (CSV)" },
  { file: "bodies.geojson", label: "Bodies (GeoJSON)" },
  { file: "counts.csv", label: "Counts by stage and county (CSV)" },
  // Every endorser of the campaign (not only the view's); the public part unless signed in.
  { file: "endorsers.csv", label: "Endorsers (CSV)" },
  { file: "endorsers.geojson", label: "Endorsers (GeoJSON)" },
  { file: "press-kit.zip", label: "Press kit (ZIP)" },
] as const;

/** The query string of an export of this view (the server reads the same names). */
export function exportQuery(view: ExportView): string {
  const params = new URLSearchParams({ campaign: view.campaign, title: view.title });
  if (view.asOf) params.set("asof", view.asOf);
  if (view.stages) params.set("stages", view.stages.join(","));
  if (view.bbox) params.set("bbox", view.bbox.map((value) => value.toFixed(4)).join(","));
  if (view.ballot) params.set("ballot", String(view.ballot));
  return params.toString();
}

/**
 * Downloads of what the map shows now (campaign, as-of day, stage filter, visible box): a PNG or
 * PDF rendered by the server's headless browser, CSV, GeoJSON, the counts and the press kit.
 */
export function ExportMenu({ currentView }: { currentView: () => ExportView }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (file: string) => {
    setBusy(file);
    setError(null);
    try {
      const response = await fetch(`/export/${file}?${exportQuery(currentView())}`);
      if (!response.ok) throw new Error((await response.text()).trim() || `HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-menu">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        Export
      </button>
      {open && (
        <div className="export-list card" role="group" aria-label="Export this view">
          <p className="hint">What the map shows now: its date, stage filter and area.</p>
          {FORMATS.map(({ file, label }) => (
            <button key={file} type="button" className="export-item" disabled={busy !== null} onClick={() => void download(file)}>
              {busy === file ? `Preparing ${label}…` : label}
            </button>
          ))}
          {error && (
            <p className="error-notice" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
