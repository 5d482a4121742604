import { z } from "zod";

/** State FIPS code → USPS code and name (Census ANSI state codes; includes DC and territories). */
export const STATES: ReadonlyArray<{ fips: string; usps: string; name: string }> = [
  { fips: "01", usps: "AL", name: "Alabama" },
  { fips: "02", usps: "AK", name: "Alaska" },
  { fips: "04", usps: "AZ", name: "Arizona" },
  { fips: "05", usps: "AR", name: "Arkansas" },
  { fips: "06", usps: "CA", name: "California" },
  { fips: "08", usps: "CO", name: "Colorado" },
  { fips: "09", usps: "CT", name: "Connecticut" },
  { fips: "10", usps: "DE", name: "Delaware" },
  { fips: "11", usps: "DC", name: "District of Columbia" },
  { fips: "12", usps: "FL", name: "Florida" },
  { fips: "13", usps: "GA", name: "Georgia" },
  { fips: "15", usps: "HI", name: "Hawaii" },
  { fips: "16", usps: "ID", name: "Idaho" },
  { fips: "17", usps: "IL", name: "Illinois" },
  { fips: "18", usps: "IN", name: "Indiana" },
  { fips: "19", usps: "IA", name: "Iowa" },
  { fips: "20", usps: "KS", name: "Kansas" },
  { fips: "21", usps: "KY", name: "Kentucky" },
  { fips: "22", usps: "LA", name: "Louisiana" },
  { fips: "23", usps: "ME", name: "Maine" },
  { fips: "24", usps: "MD", name: "Maryland" },
  { fips: "25", usps: "MA", name: "Massachusetts" },
  { fips: "26", usps: "MI", name: "Michigan" },
  { fips: "27", usps: "MN", name: "Minnesota" },
  { fips: "28", usps: "MS", name: "Mississippi" },
  { fips: "29", usps: "MO", name: "Missouri" },
  { fips: "30", usps: "MT", name: "Montana" },
  { fips: "31", usps: "NE", name: "Nebraska" },
  { fips: "32", usps: "NV", name: "Nevada" },
  { fips: "33", usps: "NH", name: "New Hampshire" },
  { fips: "34", usps: "NJ", name: "New Jersey" },
  { fips: "35", usps: "NM", name: "New Mexico" },
  { fips: "36", usps: "NY", name: "New York" },
  { fips: "37", usps: "NC", name: "North Carolina" },
  { fips: "38", usps: "ND", name: "North Dakota" },
  { fips: "39", usps: "OH", name: "Ohio" },
  { fips: "40", usps: "OK", name: "Oklahoma" },
  { fips: "41", usps: "OR", name: "Oregon" },
  { fips: "42", usps: "PA", name: "Pennsylvania" },
  { fips: "44", usps: "RI", name: "Rhode Island" },
  { fips: "45", usps: "SC", name: "South Carolina" },
  { fips: "46", usps: "SD", name: "South Dakota" },
  { fips: "47", usps: "TN", name: "Tennessee" },
  { fips: "48", usps: "TX", name: "Texas" },
  { fips: "49", usps: "UT", name: "Utah" },
  { fips: "50", usps: "VT", name: "Vermont" },
  { fips: "51", usps: "VA", name: "Virginia" },
  { fips: "53", usps: "WA", name: "Washington" },
  { fips: "54", usps: "WV", name: "West Virginia" },
  { fips: "55", usps: "WI", name: "Wisconsin" },
  { fips: "56", usps: "WY", name: "Wyoming" },
  { fips: "60", usps: "AS", name: "American Samoa" },
  { fips: "66", usps: "GU", name: "Guam" },
  { fips: "69", usps: "MP", name: "Northern Mariana Islands" },
  { fips: "72", usps: "PR", name: "Puerto Rico" },
  { fips: "78", usps: "VI", name: "U.S. Virgin Islands" },
];

const byFips = new Map(STATES.map((state) => [state.fips, state]));
const byUsps = new Map(STATES.map((state) => [state.usps, state]));

export const uspsCodeSchema = z
  .string()
  .transform((code) => code.trim().toUpperCase())
  .refine((code) => byUsps.has(code), { message: "not a USPS state code (e.g. MA, RI)" });

export function stateByFips(fips: string) {
  return byFips.get(fips);
}

/**
 * The one state-code check: a USPS code in any case ("ri", " RI ") → "RI"; undefined for
 * anything else ("ZZ", "Rhode Island"). Every door and import refuses a bad code through it.
 */
export function parseStateCode(text: string): string | undefined {
  return byUsps.get(text.trim().toUpperCase())?.usps;
}

/** How a refused state code is described, with `{field}` where the door names the field. */
export const stateCodeProblem = (text: string) => `{field} "${text}" is not a USPS state code (e.g. MA, RI)`;

export function stateByUsps(usps: string) {
  return byUsps.get(usps.trim().toUpperCase());
}
