/** Writing CSV, the same on the server (exports) and in the browser (downloads of a view). */

/** RFC 4180 CSV: quote fields that need it, CRLF line ends. */
export function toCsv<Row extends object>(rows: Row[], columns: Array<keyof Row & string>): string {
  const escape = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    const text = typeof value === "number" ? formatNumber(value) : String(value);
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(","), ...rows.map((row) => columns.map((column) => escape(row[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}
