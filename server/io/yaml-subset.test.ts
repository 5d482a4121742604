import { describe, expect, it } from "vitest";
import { parseYamlSubset, YamlSyntaxError } from "./yaml-subset";

const PERSON = `id: ocd-person/9dbec823-aab4-40bb-a26a-e51a896dcc1f
name: Alana DiMario
birth_date: 1978-09-23
party:
- name: Democratic
roles:
- start_date: 2021-01-05
  type: upper
  jurisdiction: ocd-jurisdiction/country:us/state:ri/government
  district: '36'
- start_date: 1999-01-05
  end_date: 2003-01-06
  type: lower
  district: "5"
offices:
- classification: district
  address: 47 Tupelo Trail, Narragansett, RI 02882
links:
- url: https://www.example.org/senators/dimario/default.aspx
  note: It's a note # with a comment
extras:
  City/Town Represented: Charlestown, New Shoreham
  'quoted key': 'it''s'
`;

describe("parseYamlSubset", () => {
  it("reads an Open States person file", () => {
    expect(parseYamlSubset(PERSON)).toEqual({
      id: "ocd-person/9dbec823-aab4-40bb-a26a-e51a896dcc1f",
      name: "Alana DiMario",
      birth_date: "1978-09-23",
      party: [{ name: "Democratic" }],
      roles: [
        { start_date: "2021-01-05", type: "upper", jurisdiction: "ocd-jurisdiction/country:us/state:ri/government", district: "36" },
        { start_date: "1999-01-05", end_date: "2003-01-06", type: "lower", district: "5" },
      ],
      offices: [{ classification: "district", address: "47 Tupelo Trail, Narragansett, RI 02882" }],
      links: [{ url: "https://www.example.org/senators/dimario/default.aspx", note: "It's a note" }],
      extras: { "City/Town Represented": "Charlestown, New Shoreham", "quoted key": "it's" },
    });
  });

  it("reads nested blocks, scalar lists, comments and empty values", () => {
    const source = "# a comment\n\na:\n  b:\n    - x\n    - 'y'\n  c: ~\nd:\ne: -1\n";
    expect(parseYamlSubset(source)).toEqual({ a: { b: ["x", "y"], c: null }, d: null, e: "-1" });
  });

  it("reads a list of lists and an empty document", () => {
    expect(parseYamlSubset("- - a\n  - b\n- c\n")).toEqual([["a", "b"], "c"]);
    expect(parseYamlSubset("# nothing\n")).toBeNull();
  });

  const bad: Array<[string, string, number]> = [
    ["flow list", "a: [1, 2]\n", 1],
    ["block scalar", "a: |\n  text\n", 1],
    ["unterminated quote", "a: 'open\n", 1],
    ["bad indentation", "a: 1\n  b: 2\n", 2],
    ["not a key", "a: 1\njust text\n", 2],
    ["duplicate key", "a: 1\na: 2\n", 2],
    ["tab", "a:\n\tb: 1\n", 2],
    ["list where a key belongs", "a: 1\n- b\n", 2],
    ["indented start", "  a: 1\n", 1],
  ];
  it.each(bad)("rejects %s with its line number", (_, source, line) => {
    let error: unknown;
    try {
      parseYamlSubset(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(YamlSyntaxError);
    expect((error as YamlSyntaxError).line).toBe(line);
    expect((error as Error).message).not.toContain("\n");
  });
});
