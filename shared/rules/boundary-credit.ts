/**
 * The "Boundaries: …" credit of a map from the sources of the bodies it shows: the publishers
 * most bodies come from first, at most `limit` named. Bodies imported before sources were
 * recorded count as "imported boundary files". Null when no body is shown.
 */
export function describeBoundaryCredit(sources: ReadonlyArray<string | null>, limit = 3): string | null {
  if (sources.length === 0) return null;
  const counts = new Map<string, number>();
  for (const source of sources) {
    const name = source ?? "imported boundary files";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  const shown = names.slice(0, limit).join(", ");
  const more = names.length - limit;
  return `Boundaries: ${shown}${more > 0 ? ` and ${more} more ${more === 1 ? "source" : "sources"}` : ""}`;
}
