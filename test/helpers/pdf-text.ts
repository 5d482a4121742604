import { inflateSync } from "node:zlib";

/**
 * The text of a PDF as Chromium (Skia) writes it: Type0 fonts with Identity-H encoding and a
 * ToUnicode CMap, text shown with Tj/TJ in content streams (the page and its form XObjects).
 * Enough to prove "text stays text" and to read the numbers back; not a general PDF reader.
 * (pdfjs-dist and unpdf need Node 22, or bring a native canvas binding.)
 */
export function extractPdfText(pdf: Uint8Array): string {
  const source = Buffer.from(pdf).toString("latin1");
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const streamAt = body.search(/stream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const start = body.indexOf("\n", streamAt) + 1;
      const end = body.lastIndexOf("endstream");
      const raw = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ""), "latin1");
      stream = /\/FlateDecode/.test(dict) ? inflateOrNull(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
  }

  // Font object → glyph code → text, from each font's ToUnicode CMap.
  const cmaps = new Map<number, Map<number, string>>();
  for (const [id, object] of objects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict);
    if (!/\/Type \/Font/.test(object.dict) || !toUnicode) continue;
    const cmap = objects.get(Number(toUnicode[1]))?.stream?.toString("latin1") ?? "";
    cmaps.set(id, parseCmap(cmap));
  }
  // Resource names (/F4) → font objects, from every /Font dictionary.
  const fontNames = new Map<string, number>();
  for (const object of objects.values()) {
    for (const fonts of object.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const entry of fonts[1]!.matchAll(/\/([^\s/<>[\]]+)\s+(\d+) 0 R/g)) fontNames.set(entry[1]!, Number(entry[2]));
    }
  }

  const lines: string[] = [];
  for (const object of objects.values()) {
    if (!object.stream || /\/Subtype \/Image|\/Type \/Font|\/Length1|\/N 3/.test(object.dict) || cmaps.size === 0) continue;
    const content = object.stream.toString("latin1");
    if (!/\bT[jJ]\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    let line = "";
    for (const token of content.matchAll(/\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9A-Fa-f\s]*>)\s*Tj|\b(ET|T\*|Td|TD|Tm)\b/g)) {
      if (token[1]) font = cmaps.get(fontNames.get(token[1]) ?? -1);
      else if (token[2] !== undefined) {
        for (const part of token[2].matchAll(/<([0-9A-Fa-f\s]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) line += decode(part[1], font);
          else if (Number(part[2]) < -200) line += " ";
        }
      } else if (token[3]) line += decode(token[3].slice(1, -1), font);
      else if (token[4] === "ET" || token[4] === "Tm") {
        if (line.trim()) lines.push(line.trim());
        line = "";
      } else if (line && !line.endsWith(" ")) line += " ";
    }
    if (line.trim()) lines.push(line.trim());
  }
  return lines.join("\n");
}

function inflateOrNull(raw: Buffer): Buffer | null {
  try {
    return inflateSync(raw);
  } catch {
    return null;
  }
}

const utf16 = (hex: string) => Buffer.from(hex.replace(/\s/g, ""), "hex").swap16().toString("utf16le");

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(entry[1]!, 16), utf16(entry[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [low, high] = [parseInt(entry[1]!, 16), parseInt(entry[2]!, 16)];
      const target = entry[3]!;
      if (target.startsWith("[")) {
        [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((value, index) => map.set(low + index, utf16(value[1]!)));
      } else {
        const first = parseInt(target.slice(1, -1), 16);
        for (let code = low; code <= high; code++) map.set(code, String.fromCharCode(first + code - low));
      }
    }
  }
  return map;
}

function decode(hex: string, font: Map<number, string> | undefined): string {
  const clean = hex.replace(/\s/g, "");
  let text = "";
  for (let index = 0; index + 4 <= clean.length; index += 4) text += font?.get(parseInt(clean.slice(index, index + 4), 16)) ?? "";
  return text;
}
