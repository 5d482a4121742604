import { describe, expect, it } from "vitest";
import { matchPersonName, nameTokens } from "./person-names";

describe("nameTokens", () => {
  const cases: Array<[string, string[]]> = [
    ["Brandon Potter", ["brandon", "potter"]],
    ["Rep. Brandon C. Potter", ["brandon", "c", "potter"]],
    ["Potter, Brandon", ["brandon", "potter"]],
    ["BRANDON POTTER Jr.", ["brandon", "potter"]],
    ["Potter, Jr.", ["potter"]],
    ["Sen. Dawn Euer (D)", ["dawn", "euer"]],
    ["Ramón Pérez", ["ramon", "perez"]],
    ["Patricia A. O'Brien", ["patricia", "a", "obrien"]],
  ];
  for (const [name, tokens] of cases) it(`${name} → ${tokens.join(" ")}`, () => expect(nameTokens(name)).toEqual(tokens));
});

describe("matchPersonName", () => {
  const people = ["Brandon Potter", "Rebecca Kislak", "David Morales", "Jose Morales", "Mia Ackerman", "Mia Ackerman-Smith"];
  const cases: Array<[string, string | string[] | null]> = [
    ["Brandon Potter", "Brandon Potter"],
    ["Rep. Brandon C. Potter", "Brandon Potter"],
    ["Kislak, Rebecca", "Rebecca Kislak"],
    ["Kislak", "Rebecca Kislak"],
    ["Morales", ["David Morales", "Jose Morales"]],
    ["Jose Morales", "Jose Morales"],
    ["Mia Ackerman", "Mia Ackerman"],
    ["John Smith", null],
    ["", null],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => {
      const match = matchPersonName(name, people, (person) => person);
      if (expected === null) expect(match.status).toBe("unmatched");
      else if (Array.isArray(expected)) expect(match).toEqual({ status: "ambiguous", items: expected });
      else expect(match).toEqual({ status: "matched", item: expected });
    });
  }
});

describe("matchPersonName with other names and accents", () => {
  // Real spellings from Open States: Gabe Amo's other_names, and accented names typed without accents.
  const people = [
    { name: "Gabe Amo", otherNames: ["Amo, G.", "G. Amo", "G.F.K. Amo"] },
    { name: "Adam Gómez", otherNames: [] },
    { name: "Aundré Bumgardner", otherNames: [] },
    { name: "Seth Magaziner", otherNames: ["Magaziner, S."] },
  ];
  const namesOf = (person: (typeof people)[number]) => [person.name, ...person.otherNames];
  const cases: Array<[string, string | null]> = [
    ["Adam Gomez", "Adam Gómez"],
    ["ADAM GÓMEZ", "Adam Gómez"],
    ["Aundre Bumgardner", "Aundré Bumgardner"],
    ["G.F.K. Amo", "Gabe Amo"],
    ["Amo, G.", "Gabe Amo"],
    ["Rep. Gabriel Amo", null],
    ["Magaziner, S.", "Seth Magaziner"],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => {
      const match = matchPersonName(name, people, namesOf);
      if (expected === null) expect(match.status).toBe("unmatched");
      else expect(match.status === "matched" && match.item.name).toBe(expected);
    });
  }
});
