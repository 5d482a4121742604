const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const integer = new Intl.NumberFormat();

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A share (0–1) as the district brief prints it: "100%", "0%", "<0.1%", one decimal under 10 %, else whole. */
export function formatShare(share: number): string {
  const value = share * 100;
  if (value >= 99.95) return "100%";
  if (value === 0) return "0%";
  if (value < 0.1) return "<0.1%";
  return `${value.toFixed(value < 10 ? 1 : 0)}%`;
}
