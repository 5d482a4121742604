import { InputError } from "../errors";

/**
 * The attribute table of a shapefile (dBase III/IV `.dbf`). Written here rather than taken from
 * the `shapefile` package so that a truncated table, deleted rows and text that is not the
 * declared encoding are reported instead of decoded into garbage.
 */

export interface DbfTable {
  fields: string[];
  /** One entry per row in file order; `null` marks a row flagged as deleted. */
  rows: Array<Record<string, unknown> | null>;
  /** The WHATWG label the text was decoded with. */
  encoding: string;
}

interface Field {
  name: string;
  type: string;
  offset: number;
  length: number;
}

export function readDbf(bytes: Uint8Array, cpg: string | undefined): DbfTable {
  if (bytes.length < 33) throw new InputError("the .dbf is truncated (no complete header)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rowCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const rowLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || rowLength < 1) throw new InputError("the .dbf header is corrupt");
  const fields = readFields(bytes, headerLength, rowLength);
  const available = Math.floor((bytes.length - headerLength) / rowLength);
  if (available < rowCount) {
    throw new InputError(`the .dbf is truncated: its header promises ${rowCount.toLocaleString("en-US")} rows, the file holds ${available.toLocaleString("en-US")}`);
  }
  const records = bytes.subarray(headerLength, headerLength + rowCount * rowLength);
  const encoding = encodingFor(cpg, records);
  const decode = textDecoder(encoding);
  const rows: DbfTable["rows"] = [];
  for (let row = 0; row < rowCount; row++) {
    const start = row * rowLength;
    if (records[start] === 0x2a) {
      rows.push(null);
      continue;
    }
    const values: Record<string, unknown> = {};
    for (const field of fields) {
      const raw = records.subarray(start + field.offset, start + field.offset + field.length);
      values[field.name] = readValue(field, raw, decode, row);
    }
    rows.push(values);
  }
  return { fields: fields.map((field) => field.name), rows, encoding };
}

function readFields(bytes: Uint8Array, headerLength: number, rowLength: number): Field[] {
  const fields: Field[] = [];
  let offset = 1;
  for (let at = 32; ; at += 32) {
    if (at >= headerLength) throw new InputError("the .dbf header is corrupt (no end of field list)");
    if (bytes[at] === 0x0d) break;
    if (at + 32 > headerLength) throw new InputError("the .dbf header is corrupt (field list overruns the header)");
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const name = new TextDecoder("latin1").decode(nameBytes.subarray(0, end === -1 ? 11 : end)).trim();
    const length = bytes[at + 16]!;
    fields.push({ name, type: String.fromCharCode(bytes[at + 11]!), offset, length });
    offset += length;
  }
  if (offset > rowLength) throw new InputError(`the .dbf header is corrupt (fields need ${offset} bytes per row, rows have ${rowLength})`);
  return fields;
}

type Decode = (bytes: Uint8Array, row: number, field: string) => string;

function readValue(field: Field, raw: Uint8Array, decode: Decode, row: number): unknown {
  switch (field.type) {
    case "N":
    case "F": {
      const text = latin1(raw).trim();
      if (text === "" || /^\*+$/.test(text)) return null;
      // Long integer codes (16+ digits) would lose digits as a number: keep them as text.
      if (/^-?\d{16,}$/.test(text)) return text;
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    }
    case "L": {
      const text = latin1(raw).trim();
      return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
    }
    case "D": {
      const text = latin1(raw).trim();
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    default: {
      const text = decode(raw, row, field.name).replace(/\0+$/, "").trim();
      return text === "" ? null : text;
    }
  }
}

function latin1(raw: Uint8Array): string {
  return String.fromCharCode(...raw);
}

function textDecoder(encoding: string): Decode {
  if (encoding !== "utf-8") {
    const decoder = new TextDecoder(encoding);
    return (bytes) => decoder.decode(bytes);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return (bytes, row, field) => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new InputError(`the .dbf is not valid UTF-8 although its .cpg says UTF-8 (row #${row + 1}, field ${field})`);
    }
  };
}

/**
 * The text encoding from the `.cpg` sidecar ("UTF-8", "1252", "ANSI 1252", "ISO-8859-1"…).
 * Without one, UTF-8 when the text is valid UTF-8, else Windows-1252 (the ESRI default).
 */
function encodingFor(cpg: string | undefined, records: Uint8Array): string {
  if (cpg === undefined || cpg.trim() === "") {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(records);
      return "utf-8";
    } catch {
      return "windows-1252";
    }
  }
  const label = cpgLabel(cpg.trim());
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new InputError(`unknown code page in the .cpg: "${cpg.trim().slice(0, 40)}"`);
  }
}

function cpgLabel(cpg: string): string {
  const upper = cpg.toUpperCase().replace(/\s+/g, " ");
  if (/^(UTF-?8|65001)$/.test(upper)) return "utf-8";
  const iso = /^(?:ISO[-_ ]?)?8859[-_]?(\d{1,2})$/.exec(upper)?.[1];
  if (iso) return `iso-8859-${iso}`;
  const windows = /^(?:ANSI |CP|WINDOWS-|WIN)?(125\d)$/.exec(upper)?.[1];
  if (windows) return `windows-${windows}`;
  const codePages: Record<string, string> = { "866": "ibm866", "874": "windows-874", "932": "shift_jis", "936": "gbk", "949": "euc-kr", "950": "big5" };
  return codePages[upper.replace(/^(CP|ANSI |OEM )/, "")] ?? cpg;
}
