import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeCalendar } from "./icalendar";

describe("escapeText", () => {
  it.each([
    ["plain", "plain"],
    ["a, b; c", "a\\, b\\; c"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines\r\nand\rmore", "two\\nlines\\nand\\nmore"],
  ])("%j → %j", (input, expected) => expect(escapeText(input)).toBe(expected));
});

describe("foldLine", () => {
  const octets = (text: string) => new TextEncoder().encode(text).length;

  it("leaves a line of 75 octets alone and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("keeps every physical line within 75 octets and never splits a UTF-8 character", () => {
    const line = `SUMMARY:${"Vote at Montréal — Conseil municipal 🗳️ ".repeat(6)}`;
    const folded = foldLine(line);
    for (const physical of folded.split("\r\n")) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .map((part, index) => (index ? part.slice(1) : part))
        .join(""),
    ).toBe(line);
    expect(folded).not.toContain("\uFFFD");
  });
});

it("writes a minimal valid calendar with CRLF line ends", () => {
  const text = writeCalendar({ name: "Empty", events: [] });
  expect(text).toBe(
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Groundswell//Campaign calendar//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Empty\r\nEND:VCALENDAR\r\n",
  );
});
