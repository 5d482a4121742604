import { describe, expect, it } from "vitest";
import { InputError } from "../errors";
import { parseOpenStatesCsv, parsePersonFile } from "./open-states";

const PERSON = `id: ocd-person/6cb1ca03-2ea8-4ee8-9ecb-faa37f4c5966
name: Doc Corvese
email: rep-corvese@example.org
party:
- name: Republican
  end_date: 2001-01-01
- name: Democratic
roles:
- start_date: 2003-01-07
  type: lower
  jurisdiction: ocd-jurisdiction/country:us/state:ri/government
  district: '55'
- start_date: 1999-01-05
  end_date: 2003-01-06
  type: lower
  jurisdiction: ocd-jurisdiction/country:us/state:ri/government
  district: '55'
- start_date: 2020-01-01
  type: mayor
  jurisdiction: ocd-jurisdiction/country:us/state:ri/place:providence/government
  district: Providence
offices:
- classification: district
  address: 234 Lexington Ave., North Providence, RI 02904
links:
- url: https://example.org/corvese
extras:
  City/Town Represented: North Providence
`;

const fail = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain("\n");
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
};

describe("parsePersonFile", () => {
  it("reads the person, the current party and the legislative roles with their dates", () => {
    expect(parsePersonFile(PERSON, { fileName: "Doc-Corvese.yml" })).toEqual({
      ocdPersonId: "ocd-person/6cb1ca03-2ea8-4ee8-9ecb-faa37f4c5966",
      name: "Doc Corvese",
      otherNames: [],
      party: "Democratic",
      email: "rep-corvese@example.org",
      offices: [{ classification: "district", address: "234 Lexington Ave., North Providence, RI 02904", voice: null, fax: null }],
      links: ["https://example.org/corvese"],
      extras: { "City/Town Represented": "North Providence" },
      roles: [
        { chamber: "state_lower", state: "RI", districtName: "55", validFrom: "2003-01-07", validTo: null },
        { chamber: "state_lower", state: "RI", districtName: "55", validFrom: "1999-01-05", validTo: "2003-01-06" },
      ],
    });
  });

  it("merges one term listed twice (once undated, as some Massachusetts files do) but keeps consecutive terms apart", () => {
    const role = (lines: string) => `- type: lower\n  jurisdiction: ocd-jurisdiction/country:us/state:ma/government\n  district: 16th Worcester\n${lines}`;
    const file = (...roles: string[]) => `id: ocd-person/d70e97f1-b8ec-489d-ab5a-2b7f3775ae8a\nname: Dan Donahue\nroles:\n${roles.join("")}`;
    const terms = (text: string) => parsePersonFile(text, { fileName: "Dan-Donahue.yml" }).roles.map(({ validFrom, validTo }) => [validFrom, validTo]);
    expect(terms(file(role(""), role("  start_date: 2013-01-01\n")))).toEqual([["2013-01-01", null]]);
    expect(terms(file(role("  start_date: 2013-01-01\n  end_date: 2015-01-07\n"), role("  start_date: 2015-01-07\n")))).toEqual([
      ["2013-01-01", "2015-01-07"],
      ["2015-01-07", null],
    ]);
    expect(terms(file(role("  end_date: 2015-01-07\n"), role("  start_date: 2015-01-07\n")))).toEqual([
      [null, "2015-01-07"],
      ["2015-01-07", null],
    ]);
  });

  it("names the file and the problem in one line", () => {
    expect(fail(() => parsePersonFile("id: x\nname: [A\n", { fileName: "A.yml" }))).toMatch(/^A\.yml: line \d+: .+ \(not valid YAML\)$/);
    expect(fail(() => parsePersonFile("name: A\n", { fileName: "B.yml" }))).toMatch(/^B\.yml: not an Open States person file \(id: /);
    expect(fail(() => parsePersonFile("id: person-1\nname: A\n", { fileName: "C.yml" }))).toBe("C.yml: ocdPersonId: expected an id like ocd-person/<uuid>");
    expect(fail(() => parsePersonFile("- a\n", { fileName: "D.yml" }))).toMatch(/^D\.yml: not an Open States person file/);
  });
});

describe("parseOpenStatesCsv", () => {
  const header = "id,name,current_party,current_district,current_chamber,email,links";
  it("reads one current role per row in the given state", () => {
    const text = `${header}\r\nocd-person/6cb1ca03-2ea8-4ee8-9ecb-faa37f4c5966,"Corvese, Doc",Democratic,District 55,lower,,https://a.example;https://b.example\r\n`;
    expect(parseOpenStatesCsv(text, { fileName: "ri.csv", state: "RI" })).toEqual([
      {
        ocdPersonId: "ocd-person/6cb1ca03-2ea8-4ee8-9ecb-faa37f4c5966",
        name: "Corvese, Doc",
        party: "Democratic",
        email: null,
        links: ["https://a.example", "https://b.example"],
        offices: [],
        extras: {},
        roles: [{ chamber: "state_lower", state: "RI", districtName: "District 55", validFrom: null, validTo: null }],
      },
    ]);
  });

  it("refuses missing columns, unknown chambers and bad ids with the row", () => {
    expect(fail(() => parseOpenStatesCsv("id,name\n", { fileName: "x.csv", state: "RI" }))).toBe(
      "x.csv: not an Open States CSV export (missing column current_district, current_chamber)",
    );
    expect(fail(() => parseOpenStatesCsv(`${header}\nocd-person/6cb1ca03-2ea8-4ee8-9ecb-faa37f4c5966,A,D,1,mayor,,\n`, { fileName: "x.csv", state: "RI" }))).toBe(
      'x.csv row 2: unknown current_chamber "mayor" (expected upper or lower)',
    );
    expect(fail(() => parseOpenStatesCsv(`${header}\nperson-7,A,D,1,upper,,\n`, { fileName: "x.csv", state: "RI" }))).toBe(
      "x.csv row 2: ocdPersonId: expected an id like ocd-person/<uuid>",
    );
  });
});

describe("parsePersonFile on real-world YAML (the maintained `yaml` parser)", () => {
  it("decodes double-quoted escapes such as \\xE9 and \\xF1, as Open States writes them", () => {
    const text = `id: ocd-person/32ad6577-b1ee-411f-9dca-e40e06226703\nname: "Aundr\\xE9 Bumgardner"\nroles:\n- type: lower\n  jurisdiction: ocd-jurisdiction/country:us/state:ct/government\n  district: '41'\nextras:\n  county: "Do\\xF1a Ana"\n`;
    const record = parsePersonFile(text, { fileName: "Aundre.yml" });
    expect(record.name).toBe("Aundré Bumgardner");
    expect(record.extras.county).toBe("Doña Ana");
  });

  it("keeps unquoted numbers, booleans and dates as the text the file wrote", () => {
    const text = `id: ocd-person/00000000-0000-4000-8000-000000000001\nname: Pat Doe\nroles:\n- type: upper\n  start_date: 2023-01-03\n  jurisdiction: ocd-jurisdiction/country:us/state:ri/government\n  district: 007\nextras:\n  verified: yes\n  note: |\n    two\n    lines\n`;
    const record = parsePersonFile(text, { fileName: "Pat.yml" });
    expect(record.roles[0]).toMatchObject({ chamber: "state_upper", districtName: "007", validFrom: "2023-01-03" });
    expect(record.extras).toEqual({ verified: "yes", note: "two\nlines\n" });
  });

  it("seats members of Congress by the state their federal district names, at large too, and Senators in the state's US Senate seat", () => {
    const federal = (type: string, district: string) =>
      `id: ocd-person/00000000-0000-4000-8000-0000000000${String(district.length).padStart(2, "0")}\nname: Member ${district}\nroles:\n- type: ${type}\n  jurisdiction: ocd-jurisdiction/country:us/government\n  district: ${district}\n  start_date: 2023-01-03\n`;
    expect(parsePersonFile(federal("lower", "RI-1"), { fileName: "a.yml" }).roles).toEqual([
      { chamber: "congressional", state: "RI", districtName: "1", validFrom: "2023-01-03", validTo: null },
    ]);
    expect(parsePersonFile(federal("lower", "AK-AL"), { fileName: "b.yml" }).roles[0]).toMatchObject({ chamber: "congressional", state: "AK", districtName: "At-Large" });
    expect(parsePersonFile(federal("lower", "AS-At-Large"), { fileName: "d.yml" }).roles[0]).toMatchObject({ chamber: "congressional", state: "AS", districtName: "At-Large" });
    expect(parsePersonFile(federal("upper", "RI"), { fileName: "c.yml" }).roles).toEqual([
      { chamber: "us_senate", state: "RI", districtName: "RI", validFrom: "2023-01-03", validTo: null },
    ]);
    expect(parsePersonFile(federal("upper", "New Mexico"), { fileName: "e.yml" }).roles[0]).toMatchObject({ chamber: "us_senate", state: "NM" });
    expect(parsePersonFile(federal("upper", "Atlantis"), { fileName: "f.yml" }).roles).toEqual([]);
  });

  it("refuses an alias to no anchor and an alias bomb in one line", () => {
    expect(fail(() => parsePersonFile("*!", { fileName: "Alias.yml" }))).toMatch(/^Alias\.yml: .*not valid YAML\)$/);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, index) =>
          `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + index)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    expect(fail(() => parsePersonFile(bomb, { fileName: "Bomb.yml" }))).toMatch(/^Bomb\.yml: .*not valid YAML\)$/);
  });

  it("refuses a malformed file in one line naming the file and the line", () => {
    const message = fail(() => parsePersonFile('id: ocd-person/00000000-0000-4000-8000-000000000009\nname: "unterminated\nroles: []\n', { fileName: "Broken.yml" }));
    expect(message).toMatch(/^Broken\.yml: line \d+: .*not valid YAML/);
  });
});
