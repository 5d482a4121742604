/** Lower-case, strip accents and punctuation: "Saint-Jérôme" → "saint jerome". */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export interface Searchable {
  id: number;
  name: string;
  state: string | null;
}

/** A sitting legislator the map's search box can find ("Teresa Kowalczyk", RI State House 2). */
export interface SearchableLegislator extends Searchable {
  /** Their seat, shown under the name. */
  seat: string;
}

/**
 * Rank bodies for the search box: whole-name prefix first, then a word prefix, then a substring;
 * a trailing state code ("springfield ma") narrows to that state.
 */
export function searchBodies<T extends Searchable>(bodies: readonly T[], query: string, limit = 8): T[] {
  let text = normalizeName(query);
  if (!text) return [];
  let state: string | null = null;
  const stateMatch = /^(.*\S)\s+([a-z]{2})$/.exec(text);
  if (stateMatch && bodies.some((body) => body.state?.toLowerCase() === stateMatch[2])) {
    text = stateMatch[1]!;
    state = stateMatch[2]!.toUpperCase();
  }
  const scored: Array<{ body: T; score: number }> = [];
  for (const body of bodies) {
    if (state && body.state !== state) continue;
    const name = normalizeName(body.name);
    let score: number;
    if (name.startsWith(text)) score = 0;
    else if (name.includes(` ${text}`)) score = 1;
    else if (name.includes(text)) score = 2;
    else continue;
    scored.push({ body, score });
  }
  scored.sort((a, b) => a.score - b.score || a.body.name.length - b.body.name.length || a.body.name.localeCompare(b.body.name));
  return scored.slice(0, limit).map((entry) => entry.body);
}
