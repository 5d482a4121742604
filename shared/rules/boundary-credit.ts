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

/** File names whose publisher is known: the Census Bureau's TIGER/Line and cartographic files, state GIS offices. */
const KNOWN_PUBLISHERS: ReadonlyArray<{ pattern: RegExp; publisher: (match: RegExpExecArray) => string }> = [
  { pattern: /^tl_(\d{4})_/i, publisher: (match) => `US Census Bureau TIGER/Line ${match[1]}` },
  { pattern: /^cb_(\d{4})_/i, publisher: (match) => `US Census Bureau cartographic boundary files ${match[1]}` },
  { pattern: /rigis/i, publisher: () => "RIGIS (Rhode Island Geographic Information System)" },
  { pattern: /massgis/i, publisher: () => "MassGIS (Bureau of Geographic Information)" },
  { pattern: /vcgi/i, publisher: () => "Vermont Center for Geographic Information" },
];

/**
 * Who published a boundary file, guessed from its name ("tl_2024_44_cousub.zip" → "US Census
 * Bureau TIGER/Line 2024"), else the file's name itself: the credit every import door proposes
 * when nobody names the publisher.
 */
export function guessBoundaryPublisher(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  for (const { pattern, publisher } of KNOWN_PUBLISHERS) {
    const match = pattern.exec(base);
    if (match) return publisher(match);
  }
  return base;
}
