import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../errors";
import type { BoundaryFeature } from "./boundary-types";
import { congressForYear, fetchTigerFiles, parseTigerMirror, planTigerDownloads, selectTigerFeatures, shortDistrictName, tigerFileName } from "./tiger";

const CENSUS = "https://www2.census.gov/geo/tiger";

describe("planTigerDownloads", () => {
  it("plans the five Rhode Island 2024 layers on the Census server, in import order, with kinds and chambers", () => {
    expect(planTigerDownloads({ stateFips: "44", year: 2024 })).toEqual([
      {
        layer: "place",
        label: "place",
        state: "RI",
        year: 2024,
        fileName: "tl_2024_44_place.zip",
        as: "bodies",
        kind: "city_council",
        url: `${CENSUS}/TIGER2024/PLACE/tl_2024_44_place.zip`,
      },
      {
        layer: "cousub",
        label: "county subdivision",
        state: "RI",
        year: 2024,
        fileName: "tl_2024_44_cousub.zip",
        as: "bodies",
        kind: "town_meeting",
        url: `${CENSUS}/TIGER2024/COUSUB/tl_2024_44_cousub.zip`,
      },
      {
        layer: "sldl",
        label: "state house",
        state: "RI",
        year: 2024,
        fileName: "tl_2024_44_sldl.zip",
        as: "districts",
        chamber: "state_lower",
        url: `${CENSUS}/TIGER2024/SLDL/tl_2024_44_sldl.zip`,
      },
      {
        layer: "sldu",
        label: "state senate",
        state: "RI",
        year: 2024,
        fileName: "tl_2024_44_sldu.zip",
        as: "districts",
        chamber: "state_upper",
        url: `${CENSUS}/TIGER2024/SLDU/tl_2024_44_sldu.zip`,
      },
      {
        layer: "cd",
        label: "congressional district",
        state: "RI",
        year: 2024,
        fileName: "tl_2024_44_cd119.zip",
        as: "districts",
        chamber: "congressional",
        url: `${CENSUS}/TIGER2024/CD/tl_2024_44_cd119.zip`,
      },
    ]);
  });

  it.each([
    ["44", 2024, "tl_2024_44_cd119.zip"],
    ["44", 2023, "tl_2023_44_cd118.zip"],
    ["44", 2022, "tl_2022_44_cd118.zip"],
    ["44", 2021, "tl_2021_44_cd116.zip"],
    ["44", 2020, "tl_2020_44_cd116.zip"],
    ["23", 2019, "tl_2019_23_cd116.zip"],
    ["25", 2018, "tl_2018_25_cd116.zip"],
    ["31", 2016, "tl_2016_31_cd115.zip"],
    ["06", 2014, "tl_2014_06_cd114.zip"],
    ["11", 2013, "tl_2013_11_cd113.zip"],
    ["02", 2012, "tl_2012_02_cd112.zip"],
    ["02", 2011, "tl_2011_02_cd112.zip"],
  ])("state %s in %i gets the congressional file %s", (fips, year, fileName) => {
    const cd = planTigerDownloads({ stateFips: fips, year }).find((download) => download.layer === "cd")!;
    expect(cd.fileName).toBe(fileName);
    expect(cd.url).toBe(`${CENSUS}/TIGER${year}/CD/${fileName}`);
  });

  it("numbers Congresses from the year, with the 2012 and 2020–2021 exceptions", () => {
    expect([2011, 2012, 2013, 2015, 2017, 2019, 2020, 2021, 2022, 2024, 2025, 2026].map(congressForYear)).toEqual([112, 112, 113, 114, 115, 116, 116, 116, 118, 119, 119, 120]);
    expect(tigerFileName("sldu", "31", 2022)).toBe("tl_2022_31_sldu.zip");
  });

  it("puts a mirror URL in place of the Census base, with or without a trailing slash or a path", () => {
    const urls = (mirror: string) => planTigerDownloads({ stateFips: "23", year: 2019, mirror }).map((download) => download.url);
    expect(urls("http://127.0.0.1:8123")).toEqual([
      "http://127.0.0.1:8123/TIGER2019/PLACE/tl_2019_23_place.zip",
      "http://127.0.0.1:8123/TIGER2019/COUSUB/tl_2019_23_cousub.zip",
      "http://127.0.0.1:8123/TIGER2019/SLDL/tl_2019_23_sldl.zip",
      "http://127.0.0.1:8123/TIGER2019/SLDU/tl_2019_23_sldu.zip",
      "http://127.0.0.1:8123/TIGER2019/CD/tl_2019_23_cd116.zip",
    ]);
    expect(urls("https://mirror.example.org/geo/tiger/")[1]).toBe("https://mirror.example.org/geo/tiger/TIGER2019/COUSUB/tl_2019_23_cousub.zip");
  });

  it("looks in a mirror directory flat, then in the Census folders, then in layer folders", () => {
    const directory = path.resolve("/data/tiger");
    const cousub = planTigerDownloads({ stateFips: "23", year: 2019, mirror: directory })[1]!;
    expect(cousub.url).toBeUndefined();
    expect(cousub.paths).toEqual([
      path.join(directory, "tl_2019_23_cousub.zip"),
      path.join(directory, "TIGER2019", "COUSUB", "tl_2019_23_cousub.zip"),
      path.join(directory, "COUSUB", "tl_2019_23_cousub.zip"),
    ]);
    expect(parseTigerMirror(pathToFileURL(directory).href)).toEqual({ type: "directory", directory });
    expect(parseTigerMirror("relative/dir")).toEqual({ type: "directory", directory: path.resolve("relative/dir") });
  });

  it("refuses bad years, states and mirrors with one line", () => {
    expect(() => planTigerDownloads({ stateFips: "44", year: 2010 })).toThrow(/--year must be 2011 or later/);
    expect(() => planTigerDownloads({ stateFips: "44", year: 2024.5 })).toThrow(InputError);
    expect(() => planTigerDownloads({ stateFips: "99", year: 2024 })).toThrow(/not a state FIPS code/);
    expect(() => planTigerDownloads({ stateFips: "44", year: 2024, mirror: "ftp://example.org/tiger" })).toThrow("--mirror must be an http(s) URL or a directory (got ftp: URL)");
    expect(() => parseTigerMirror("  ")).toThrow(/--mirror needs/);
  });
});

describe("fetchTigerFiles from a mirror directory", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-tiger-unit-"));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("finds files in the Census folder layout and reports the missing layers by name", async () => {
    fs.mkdirSync(path.join(directory, "TIGER2022", "SLDU"), { recursive: true });
    fs.writeFileSync(path.join(directory, "TIGER2022", "SLDU", "tl_2022_31_sldu.zip"), "zip bytes");
    fs.writeFileSync(path.join(directory, "tl_2022_31_place.zip"), "place");
    const fetched = await fetchTigerFiles(planTigerDownloads({ stateFips: "31", year: 2022, mirror: directory }));
    expect(fetched.files.map((file) => [file.download.layer, file.path, file.bytes])).toEqual([
      ["place", path.join(directory, "tl_2022_31_place.zip"), 5],
      ["sldu", path.join(directory, "TIGER2022", "SLDU", "tl_2022_31_sldu.zip"), 9],
    ]);
    expect(fetched.missing).toEqual([
      `no county subdivision layer for NE (no tl_2022_31_cousub.zip in ${directory})`,
      `no state house layer for NE (no tl_2022_31_sldl.zip in ${directory})`,
      `no congressional district layer for NE (no tl_2022_31_cd118.zip in ${directory})`,
    ]);
    fetched.cleanup();
    expect(fs.existsSync(path.join(directory, "tl_2022_31_place.zip"))).toBe(true);
  });

  it("refuses a directory that does not exist", async () => {
    const absent = path.join(directory, "absent");
    await expect(fetchTigerFiles(planTigerDownloads({ stateFips: "31", year: 2022, mirror: absent }))).rejects.toThrow(`--mirror ${absent}: no such directory`);
  });
});

describe("shortDistrictName", () => {
  it.each([
    ["State House District 7", "7"],
    ["State Senate District 12", "12"],
    ["State House District 62A", "62A"],
    ["Assembly District 01", "1"],
    ["State Senate District A", "A"],
    ["Legislative (House) District 1", "1"],
    ["Legislative District 10", "10"],
    ["General Assembly District 100", "100"],
    ["1st Barnstable District", "1st Barnstable"],
    ["Berkshire, Hampden, Franklin and Hampshire District", "Berkshire, Hampden, Franklin and Hampshire"],
    ["Addison-1 State House District", "Addison-1"],
    ["Addison Senatorial District", "Addison"],
    ["State House District Belknap 01", "Belknap 1"],
    ["Congressional District 2", "2"],
    ["Congressional District (at Large)", "At Large"],
    ["Delegate District (at Large)", "At Large"],
    ["Ward 10", "Ward 10"],
  ])("%s → %s", (namelsad, short) => {
    expect(shortDistrictName(namelsad)).toBe(short);
  });
});

function square(west: number, south: number): BoundaryFeature["geometry"] {
  return {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [west + 1, south],
        [west + 1, south + 1],
        [west, south + 1],
        [west, south],
      ],
    ],
  };
}

function layerOf(rows: Array<Record<string, string>>) {
  const features: BoundaryFeature[] = rows.map((properties, index) => ({
    properties,
    geometry: square(index, 0),
    bbox: [index, 0, index + 1, 1],
    sourceIndexes: [index],
  }));
  return deepFreeze({ features, fields: Object.keys(rows[0] ?? {}), repairs: [], skipped: [] });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("selectTigerFeatures", () => {
  const place = (GEOID: string, NAMELSAD: string, FUNCSTAT: string) => ({ GEOID, NAMELSAD, FUNCSTAT, PLACEFP: GEOID.slice(2) });
  const cousub = (GEOID: string, NAMELSAD: string, FUNCSTAT: string) => ({ GEOID, NAMELSAD, FUNCSTAT, COUSUBFP: GEOID.slice(-5) });

  it("keeps places that are active governments and leaves out census designated places", () => {
    const file = layerOf([place("4459000", "Providence city", "A"), place("4437720", "Kingston CDP", "S"), place("4474300", "Warwick city", "A")]);
    const selection = selectTigerFeatures({ layer: "place", label: "place", fileName: "tl_2024_44_place.zip" }, file);
    expect(selection.features.map((feature) => feature.properties.NAMELSAD)).toEqual(["Providence city", "Warwick city"]);
    expect(selection).toMatchObject({ read: 3, nameField: "NAMELSAD", idField: "GEOID" });
    expect(selection.leftOut).toEqual([{ reason: "statistical, with no government (FUNCSTAT S)", count: 1, examples: ["Kingston CDP"] }]);
  });

  it("keeps towns; leaves out statistical, fictitious, nonfunctioning, undefined and same-code subdivisions", () => {
    const file = layerOf([
      cousub("2300503950", "Bar Harbor town", "A"),
      cousub("2300560545", "Portland city", "F"),
      cousub("2301315125", "Criehaven UT", "S"),
      cousub("2301532715", "Hibberts gore", "N"),
      cousub("2300900000", "County subdivisions not defined", "F"),
      cousub("4400759000", "Providence city", "A"),
      cousub("4400780780", "Westerly town", "A"),
      cousub("3606144919", "Manhattan borough", "C"),
    ]);
    const selection = selectTigerFeatures({ layer: "cousub", label: "county subdivision", fileName: "tl_2024_44_cousub.zip" }, file, {
      placeGeoids: new Set(["4459000"]),
    });
    expect(selection.features.map((feature) => feature.properties.NAMELSAD)).toEqual(["Bar Harbor town", "Westerly town"]);
    expect(selection.leftOut.map(({ reason, count }) => [count, reason])).toEqual([
      [1, "stand-ins for a city (which comes from the place layer) or a reservation (FUNCSTAT F)"],
      [1, "statistical, with no government (FUNCSTAT S)"],
      [1, "nonfunctioning (FUNCSTAT N)"],
      [1, '"County subdivisions not defined" (water and unassigned areas)'],
      [1, "coextensive with a place of the same code, imported as its city council"],
      [1, "consolidated with another government (FUNCSTAT C)"],
    ]);
  });

  it("names districts by their short name, leaves out the 'not defined' records and does not touch the input", () => {
    const file = layerOf([
      { GEOID: "44001", SLDLST: "001", NAMELSAD: "State House District 1" },
      { GEOID: "44ZZZ", SLDLST: "ZZZ", NAMELSAD: "State House Districts not defined" },
      { GEOID: "44075", SLDLST: "075", NAMELSAD: "State House District 75" },
    ]);
    const selection = selectTigerFeatures({ layer: "sldl", label: "state house", fileName: "tl_2024_44_sldl.zip" }, file);
    expect(selection.features.map((feature) => [feature.properties.GEOID, feature.properties[selection.nameField]])).toEqual([
      ["44001", "1"],
      ["44075", "75"],
    ]);
    expect(selection.fields).toEqual(["GEOID", "SLDLST", "NAMELSAD", selection.nameField]);
    expect(selection.nameExample).toEqual({ from: "State House District 1", to: "1" });
    expect(selection.leftOut).toEqual([{ reason: '"… not defined" (water and unassigned areas)', count: 1, examples: ["State House Districts not defined"] }]);
    expect(file.features[0]!.properties).not.toHaveProperty(selection.nameField);
  });

  it("names an at-large congressional district", () => {
    const file = layerOf([{ GEOID: "5000", CD119FP: "00", NAMELSAD: "Congressional District (at Large)" }]);
    const selection = selectTigerFeatures({ layer: "cd", label: "congressional district", fileName: "tl_2024_50_cd119.zip" }, file);
    expect(selection.features[0]!.properties[selection.nameField]).toBe("At Large");
  });

  it("refuses a file that is not a TIGER layer", () => {
    const file = layerOf([{ DISTRICT: "1", NAME: "One" }]);
    expect(() => selectTigerFeatures({ layer: "sldu", label: "state senate", fileName: "tl_2024_44_sldu.zip" }, file)).toThrow(
      "tl_2024_44_sldu.zip is not a TIGER/Line state senate layer: it has no GEOID field (fields: DISTRICT, NAME)",
    );
  });
});
