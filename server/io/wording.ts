/** "1 ring", "2,048 rings": counts in one-line messages and repair notes. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
