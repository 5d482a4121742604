import type { ImportNotes } from "../../../shared/model/import-upload";
import { formatCount } from "../../lib/format";

/** "3 shapes were repaired" with the first few reasons; nothing when there is nothing to say. */
export function NoteList({ notes, tone, summary }: { notes: ImportNotes; tone: "info" | "warning"; summary: string }) {
  if (notes.count === 0) return null;
  const more = notes.count - notes.first.length;
  return (
    <div className={`import-note is-${tone}`} role="note">
      <strong>{summary}</strong>
      <ul>
        {notes.first.map((line) => (
          <li key={line}>{line.replace(/^#(\d+) /, "Shape $1: ")}</li>
        ))}
        {more > 0 && <li className="muted">and {formatCount(more)} more</li>}
      </ul>
    </div>
  );
}
