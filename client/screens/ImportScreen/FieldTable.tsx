import type { ImportFieldPreview } from "../../../shared/model/import-upload";
import { formatCount } from "../../lib/format";

/** Every attribute in the file with a few of its values, so a person can tell which holds the names. */
export function FieldTable({ fields, featureCount, nameField, idField }: { fields: ImportFieldPreview[]; featureCount: number; nameField: string; idField: string }) {
  return (
    <table className="field-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Example values</th>
          <th scope="col">Filled in</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.name} className={field.name === nameField || field.name === idField ? "is-chosen" : undefined}>
            <th scope="row">
              <code>{field.name}</code>
              {field.name === nameField && <span className="field-role">name</span>}
              {field.name === idField && <span className="field-role">id</span>}
            </th>
            <td>{field.samples.length ? field.samples.join(" · ") : <span className="muted">always empty</span>}</td>
            <td className="field-filled">
              {field.filled === featureCount ? "all" : `${formatCount(field.filled)} of ${formatCount(featureCount)}`}
              {field.unique && field.filled > 1 ? <span className="muted">, all different</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
