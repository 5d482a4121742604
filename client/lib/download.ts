import { toCsv } from "../../shared/csv";

/** Save rows as a CSV file the browser downloads (what the screen shows, never re-fetched). */
export function downloadCsv<Row extends object>(fileName: string, rows: Row[], columns: Array<keyof Row & string>): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
