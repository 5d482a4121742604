/**
 * Matching people's names between sources (a bill's cosponsor list against Open States):
 * "Rep. Brandon C. Potter", "Potter, Brandon", "BRANDON POTTER" and "Brandon Potter Jr." are
 * one person. Pure, so the importer and its tests share it.
 */

const TITLES = new Set([
  "rep",
  "reps",
  "representative",
  "representatives",
  "sen",
  "sens",
  "senator",
  "senators",
  "hon",
  "honorable",
  "the",
  "mr",
  "mrs",
  "ms",
  "dr",
  "del",
  "delegate",
  "assemblymember",
  "assemblyman",
  "assemblywoman",
]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "v", "esq", "md", "phd"]);

/** Lower case, accents and punctuation dropped, titles and suffixes removed, "Last, First" turned round. */
export function nameTokens(name: string): string[] {
  let text = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  // "Potter, Brandon C." → "Brandon C. Potter" (but not "Potter, Jr.").
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text.trim());
  if (comma && !SUFFIXES.has(comma[2]!.replace(/[^a-z]/g, ""))) text = `${comma[2]} ${comma[1]}`;
  const tokens = text
    .replace(/\([^)]*\)/g, " ") // "(D)", "(District 7)"
    .replace(/['’`]/g, "") // O'Brien → obrien
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (tokens.length > 1 && TITLES.has(tokens[0]!)) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens;
}

/**
 * Keys from the most to the least specific: every token; first and last token (middle names and
 * initials dropped); the last token alone (lists like "Representatives Potter, Kislak").
 */
export function nameKeys(name: string): { full: string; firstLast: string; last: string } {
  const tokens = nameTokens(name);
  const full = tokens.join(" ");
  const first = tokens[0] ?? "";
  const last = tokens[tokens.length - 1] ?? "";
  return { full, firstLast: tokens.length > 1 ? `${first} ${last}` : last, last };
}

export type NameMatch<T> = { status: "matched"; item: T } | { status: "ambiguous"; items: T[] } | { status: "unmatched" };

/**
 * Match `name` against `people`, each known by one name or several (Open States `other_names`:
 * "Amo, G.", "Gabe Amo"): the full name first, then first + last name, then (only when `name` is
 * a single word) the last name. Accents never matter ("Adam Gomez" is "Adam Gómez"). A key shared
 * by several people is ambiguous, never guessed.
 */
export function matchPersonName<T>(name: string, people: readonly T[], namesOf: (person: T) => string | readonly string[]): NameMatch<T> {
  const wanted = nameKeys(name);
  if (!wanted.full) return { status: "unmatched" };
  const keyed = people.map((person) => {
    const names = namesOf(person);
    return { person, keys: (typeof names === "string" ? [names] : names).map(nameKeys) };
  });
  const single = !wanted.full.includes(" ");
  const tries: Array<(keys: ReturnType<typeof nameKeys>) => boolean> = single
    ? [(keys) => keys.last === wanted.last]
    : [(keys) => keys.full === wanted.full, (keys) => keys.firstLast === wanted.firstLast];
  for (const test of tries) {
    const found = keyed.filter(({ keys }) => keys.some(test)).map(({ person }) => person);
    if (found.length === 1) return { status: "matched", item: found[0]! };
    if (found.length > 1) return { status: "ambiguous", items: found };
  }
  return { status: "unmatched" };
}
