import fs from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { screenshotDir } from "./helper";

/** The district page and its printed brief, in a hub organizer's words. */
export class BriefDriver {
  constructor(
    readonly page: Page,
    protected readonly baseUrl: string,
    private readonly label: string,
  ) {}

  async openDistrict(districtId: number): Promise<void> {
    await this.page.goto(`${this.baseUrl}/districts/${districtId}`);
    await this.page.locator("main.district-page[data-brief-ready='1']").waitFor();
  }

  async openHubs(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/hubs`);
    await this.page.locator(".recruiting-map").waitFor();
  }

  figure(name: "area" | "population" | "passed") {
    return this.page.locator(`[data-figure='${name}']`).innerText();
  }

  legislatorNames(): Promise<string[]> {
    return this.page.locator(".legislator-card h2").allInnerTexts();
  }

  async findHubFor(town: string): Promise<string> {
    await this.page.getByLabel("Town or city").fill(town);
    await this.page.getByRole("button", { name: "Find" }).click();
    await this.page.locator(".finding").waitFor();
    return this.page.locator(".finding").innerText();
  }

  districtsWithoutHub(): Promise<string[]> {
    return this.page.locator(".district-chips li").allInnerTexts();
  }

  /**
   * Print the page as Chrome does (print CSS). `has(words)` looks for words in the PDF's text,
   * ignoring spacing (a PDF places words by position, not always with space characters) and
   * ligatures.
   */
  async printBrief(name: string): Promise<{ pages: number; text: string; has: (words: string) => boolean; file: string }> {
    await this.page.emulateMedia({ media: "print" });
    const pdf = await this.page.pdf({ format: "Letter", printBackground: true, preferCSSPageSize: true });
    await this.page.screenshot({ path: path.join(screenshotDir, `${this.label}-${name}-print-media.png`), fullPage: true });
    await this.page.emulateMedia({ media: "screen" });
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = pdfText(pdf);
    const squash = (value: string) => value.normalize("NFKC").replace(/\s+/g, "");
    const squashed = squash(text);
    return { pages: pdfPageCount(pdf), text, has: (words) => squashed.includes(squash(words)), file };
  }

  /** The district page's Redistricting section: a row per plan (plan, district, area covered, people covered) and the passed bodies moving in and out. */
  async redistricting(): Promise<{ rows: string[][]; movingIn: string; movingOut: string }> {
    const section = this.page.locator(".brief-redistricting");
    await section.waitFor();
    const rows = await section.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell as HTMLElement).innerText.trim())));
    return { rows, movingIn: await section.getByTestId("moving-in").innerText(), movingOut: await section.getByTestId("moving-out").innerText() };
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${this.label}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

/** Page objects in a PDF (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

/**
 * The text of a PDF as Chrome (Skia) writes it: content streams show glyph ids in hex
 * (`<0012> Tj`, `[<00120034> 3 <0056>] TJ`) under a font whose ToUnicode CMap maps them back.
 * Enough for a test to look for words; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const objects = new Map<string, { dictionary: string; stream: string | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const streamAt = body.indexOf("stream");
    let stream: string | null = null;
    const dictionary = streamAt >= 0 ? body.slice(0, streamAt) : body;
    if (streamAt >= 0) {
      const start = body.indexOf("\n", streamAt) + 1;
      const end = body.lastIndexOf("endstream");
      const raw = Buffer.from(body.slice(start, end), "latin1");
      try {
        stream = /FlateDecode/.test(dictionary) ? inflateSync(raw).toString("latin1") : raw.toString("latin1");
      } catch {
        stream = null;
      }
    }
    objects.set(match[1]!, { dictionary, stream });
  }
  // Font resource name → glyph id → text, from each font's ToUnicode CMap.
  const cmapOf = (objectId: string) => {
    const map = new Map<number, string>();
    const text = objects.get(objectId)?.stream ?? "";
    const hex = (value: string) =>
      Buffer.from(value.length % 4 ? value.padStart(Math.ceil(value.length / 4) * 4, "0") : value, "hex")
        .swap16()
        .toString("utf16le");
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(pair[1]!, 16), hex(pair[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const from = parseInt(range[1]!, 16);
        const to = parseInt(range[2]!, 16);
        const base = parseInt(range[3]!, 16);
        for (let code = from; code <= to; code++) map.set(code, String.fromCodePoint(base + code - from));
      }
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const { dictionary } of objects.values()) {
    const fontBlock = /\/Font\s*<<([^>]*)>>/.exec(dictionary);
    if (!fontBlock) continue;
    for (const entry of fontBlock[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode\s+(\d+) 0 R/.exec(objects.get(entry[2]!)?.dictionary ?? "");
      if (toUnicode) fonts.set(entry[1]!, cmapOf(toUnicode[1]!));
    }
  }
  let out = "";
  for (const { stream } of objects.values()) {
    if (!stream || !/\bBT\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const token of stream.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (token[1]) font = fonts.get(token[1]) ?? font;
      else if (token[0] === "ET") out += "\n";
      else {
        const hexes = token[2] !== undefined ? [...token[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [token[3]!];
        for (const hex of hexes) for (let index = 0; index + 4 <= hex.length; index += 4) out += font.get(parseInt(hex.slice(index, index + 4), 16)) ?? "";
        out += " ";
      }
    }
  }
  return out.replace(/[ \t]+/g, " ");
}
