/**
 * District names disagree between sources: "District 7" vs "7" vs "07", "Eighteenth Essex" vs
 * "18th Essex", "Bristol and Plymouth" vs "Bristol & Plymouth". `normalizeDistrictName` maps
 * all of them to one key, so a legislator's district can be matched to the plan's district.
 */

const UNIT_ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};

const SMALL_ORDINALS: Record<string, number> = {
  ...UNIT_ORDINALS,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
};

const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const UNITS = Object.keys(UNIT_ORDINALS).join("|");
const COMPOUND = new RegExp(`\\b(${Object.keys(TENS).join("|")})[- ]?(${UNITS})\\b`, "g");
const SIMPLE = new RegExp(`\\b(${Object.keys(SMALL_ORDINALS).join("|")})\\b`, "g");

/** Words a source puts around a district's own name: "State House District 7", "Hampden District". */
const CHAMBER_WORD = /^(state|general|legislative|congressional|senatorial|assembly|house|senate|representative|delegate)$/;

/**
 * The matching key of a district name: lower case, numbers without ordinals or leading zeros, the
 * chamber words around the name dropped, and the name's words run together without "and" or
 * punctuation, so the Census's "Barnstable-Dukes-Nantucket District" meets Open States'
 * "Barnstable, Dukes and Nantucket" and "Chittenden South East" meets "Chittenden-Southeast".
 */
export function normalizeDistrictName(name: string): string {
  const tokens = name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(COMPOUND, (_, tens: string, unit: string) => String(TENS[tens]! + UNIT_ORDINALS[unit]!))
    .replace(SIMPLE, (word: string) => String(SMALL_ORDINALS[word]))
    .replace(/\b(\d+)(st|nd|rd|th)\b/g, "$1")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const words = withoutChamberWords(tokens).filter((token) => token !== "and");
  if (words.length === 0) return tokens.join(" ");
  let key = "";
  words.forEach((token, index) => {
    const word = token.replace(/^0+(?=.)/, "");
    const joined = index > 0 && /^[a-z]+$/.test(word) && /^[a-z]+$/.test(words[index - 1]!);
    key += index === 0 || joined ? word : ` ${word}`;
  });
  return key;
}

/** The tokens without a leading "state house district no" or a trailing "state senate district". */
function withoutChamberWords(tokens: string[]): string[] {
  let start = 0;
  while (start < tokens.length && CHAMBER_WORD.test(tokens[start]!)) start++;
  if (tokens[start] === "district" || tokens[start] === "dist") {
    start++;
    if (tokens[start] === "no" || tokens[start] === "number") start++;
  } else {
    start = 0;
  }
  let end = tokens.length;
  if (end > start && tokens[end - 1] === "district") {
    end--;
    while (end > start && CHAMBER_WORD.test(tokens[end - 1]!)) end--;
  }
  return tokens.slice(start, end);
}

/** Whether two district names denote the same district. */
export function isSameDistrictName(a: string, b: string): boolean {
  return normalizeDistrictName(a) === normalizeDistrictName(b);
}
