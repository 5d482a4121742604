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

/** The matching key of a district name: lower case, numbers without ordinals or leading zeros. */
export function normalizeDistrictName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.,#]/g, " ")
    .replace(COMPOUND, (_, tens: string, unit: string) => String(TENS[tens]! + UNIT_ORDINALS[unit]!))
    .replace(SIMPLE, (word: string) => String(SMALL_ORDINALS[word]))
    .replace(/\b(\d+)(st|nd|rd|th)\b/g, "$1")
    .replace(/\b0+(\d)/g, "$1")
    .replace(/^\s*(state\s+)?(house\s+|senate\s+)?(district|dist)\s*(no\s+|number\s+)?/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether two district names denote the same district. */
export function isSameDistrictName(a: string, b: string): boolean {
  return normalizeDistrictName(a) === normalizeDistrictName(b);
}
