/**
 * A small reader for the block-YAML subset Open States person files use (no YAML parser is
 * installed): nested mappings and sequences by indentation, `key:` followed by a `- ` list at
 * the same indent, and plain, 'single' and "double" quoted scalars. Every scalar stays a string
 * (dates and numbers too); `~`, `null` and an empty value are null. Anything else (flow `[ ]` /
 * `{ }`, block scalars `|` `>`, anchors, tags, tabs, multi-line plain scalars) is rejected with
 * its line number rather than misread.
 */

export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

/** A line the reader could not use; `line` is 1-based. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "YamlSyntaxError";
  }
}

interface Line {
  number: number;
  indent: number;
  text: string;
}

function toLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    if (/^\s*(#.*)?$/.test(raw)) return;
    if (raw === "---" || raw === "...") return;
    const indent = /^ */.exec(raw)![0].length;
    if (raw[indent] === "\t") throw new YamlSyntaxError(number, "tabs are not allowed for indentation");
    lines.push({ number, indent, text: raw.slice(indent).trimEnd() });
  });
  return lines;
}

function parseScalar(text: string, line: number): string | null {
  if (text === "" || text === "~" || text === "null") return null;
  const first = text[0]!;
  if (first === "'") {
    const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
    if (!match) throw new YamlSyntaxError(line, "unterminated single-quoted string");
    return match[1]!.replace(/''/g, "'");
  }
  if (first === '"') {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
    if (!match) throw new YamlSyntaxError(line, "unterminated double-quoted string");
    try {
      return JSON.parse(`"${match[1]!}"`) as string;
    } catch {
      throw new YamlSyntaxError(line, "bad escape in a double-quoted string");
    }
  }
  if ("[{|>&*!%@`".includes(first)) throw new YamlSyntaxError(line, `unsupported YAML syntax "${first}"`);
  return text.replace(/\s+#.*$/, "");
}

/** Split `key: value` (key plain or quoted); null when the text is not a mapping entry. */
function splitEntry(text: string, line: number): { key: string; rest: string } | null {
  if (text[0] === "'" || text[0] === '"') {
    const match = /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*")\s*:(?:\s+(.*)|$)/.exec(text);
    if (!match) return null;
    return { key: parseScalar(match[1]!, line) ?? "", rest: (match[2] ?? "").trim() };
  }
  const match = /^([^#][^:]*?|[^#].*?)\s*:(?:\s+(.*)|$)/.exec(text);
  if (!match) return null;
  return { key: match[1]!, rest: (match[2] ?? "").trim() };
}

class Reader {
  position = 0;
  constructor(readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.position];
  }

  parseNode(indent: number): YamlValue {
    const line = this.peek();
    if (!line || line.indent < indent) return null;
    return isSequenceItem(line.text) ? this.parseSequence(line.indent) : this.parseMapping(line.indent);
  }

  parseSequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (let line = this.peek(); line && line.indent === indent && isSequenceItem(line.text); line = this.peek()) {
      const rest = line.text.slice(1).trimStart();
      if (rest === "") {
        this.position += 1;
        items.push(this.parseChild(indent));
      } else if (isSequenceItem(rest) || splitEntry(rest, line.number)) {
        // "- key: value": the item is a mapping (or sequence) whose first line starts after the dash.
        const column = indent + line.text.length - rest.length;
        this.lines[this.position] = { number: line.number, indent: column, text: rest };
        items.push(this.parseNode(column));
      } else {
        this.position += 1;
        items.push(parseScalar(rest, line.number));
        this.expectNoDeeper(indent);
      }
    }
    return items;
  }

  parseMapping(indent: number): { [key: string]: YamlValue } {
    const mapping: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isSequenceItem(line.text)) throw new YamlSyntaxError(line.number, "a list item where a key was expected");
      const entry = splitEntry(line.text, line.number);
      if (!entry) throw new YamlSyntaxError(line.number, `expected "key: value", got "${line.text.slice(0, 40)}"`);
      if (Object.hasOwn(mapping, entry.key)) throw new YamlSyntaxError(line.number, `duplicate key "${entry.key}"`);
      this.position += 1;
      if (entry.rest === "") {
        const next = this.peek();
        // `key:` then `- item` at the same indent is a sequence value (the style Open States writes).
        mapping[entry.key] = next && next.indent === indent && isSequenceItem(next.text) ? this.parseSequence(indent) : this.parseChild(indent);
      } else {
        mapping[entry.key] = parseScalar(entry.rest, line.number);
        this.expectNoDeeper(indent);
      }
    }
    return mapping;
  }

  /** The block nested under a line at `indent`, or null when nothing is nested. */
  parseChild(indent: number): YamlValue {
    const next = this.peek();
    return next && next.indent > indent ? this.parseNode(next.indent) : null;
  }

  expectNoDeeper(indent: number) {
    const next = this.peek();
    if (next && next.indent > indent) throw new YamlSyntaxError(next.number, "unexpected indentation (multi-line values are not supported)");
  }
}

function isSequenceItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Parse a YAML document of the supported subset; throws YamlSyntaxError naming the line. */
export function parseYamlSubset(source: string): YamlValue {
  const reader = new Reader(toLines(source));
  const first = reader.peek();
  if (!first) return null;
  if (first.indent !== 0) throw new YamlSyntaxError(first.number, "the document must start at column 1");
  const value = reader.parseNode(0);
  const rest = reader.peek();
  if (rest) throw new YamlSyntaxError(rest.number, "unexpected indentation");
  return value;
}
