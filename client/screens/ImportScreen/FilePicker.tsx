import { useRef, useState, type DragEvent } from "react";
import { formatFileSize } from "../../../shared/model/import-upload";

/**
 * Step 1: a drop zone with a real button, so a keyboard or screen-reader user picks the file the
 * same way as anyone else. Several files dropped at once (a loose shapefile) are refused kindly.
 */
export function FilePicker({ maxBytes, onFile, onRefuse }: { maxBytes: number | undefined; onFile: (file: File) => void; onRefuse: (message: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const take = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      onRefuse("Drop one file at a time. A shapefile comes in several parts: put the .shp, .dbf and .prj in one .zip, then drop the .zip.");
      return;
    }
    onFile(files[0]!);
  };
  const over = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  return (
    <div
      className={`drop-zone${dragging ? " is-dragging" : ""}`}
      onDragEnter={over}
      onDragOver={over}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer.files);
      }}
    >
      <span className="drop-zone-icon" aria-hidden="true" />
      <p className="drop-zone-title">Drop a boundary file, a spreadsheet or a legislator list here</p>
      <p className="muted">or</p>
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="File to import"
        accept=".geojson,.json,.topojson,.zip,.csv,.yml,.yaml,.txt,application/geo+json,application/json,application/zip,text/csv,text/plain"
        onChange={(event) => {
          take(event.target.files);
          event.target.value = "";
        }}
      />
      <p className="hint">
        GeoJSON, TopoJSON, a shapefile zipped together with its .dbf and .prj, a CSV spreadsheet (columns in the README), or Open States legislators (.csv, .yml, or a .zip of .yml
        files), or a bill's cosponsor list (.txt, one name per line)
        {maxBytes ? `; up to ${formatFileSize(maxBytes)}` : ""}.
      </p>
    </div>
  );
}
