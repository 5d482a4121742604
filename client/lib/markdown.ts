/**
 * A small, safe Markdown reader for model resolution text: headings, paragraphs, lists, quotes,
 * **bold**, *italic*, `code` and [links](https://…). It returns a tree of plain values that
 * `Markdown.tsx` renders as React elements, so raw HTML in the text stays visible text and is
 * never parsed; links other than http(s) and mailto stay text.
 */

export type Inline =
  { type: "text"; text: string } | { type: "strong" | "em"; children: Inline[] } | { type: "code"; text: string } | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; children: Inline[] };

export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:";
  } catch {
    return false;
  }
}

/** Inline markup, scanned left to right; anything unmatched is text. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ type: "text", text });
    text = "";
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    let match: RegExpExecArray | null;
    if ((match = /^`([^`]+)`/.exec(rest))) {
      flush();
      out.push({ type: "code", text: match[1]! });
    } else if ((match = /^\*\*(.+?)\*\*/.exec(rest)) || (match = /^__(.+?)__/.exec(rest))) {
      flush();
      out.push({ type: "strong", children: parseInline(match[1]!) });
    } else if ((match = /^\*([^*\s][^*]*?)\*/.exec(rest)) || (match = /^_([^_\s][^_]*?)_/.exec(rest))) {
      flush();
      out.push({ type: "em", children: parseInline(match[1]!) });
    } else if ((match = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest))) {
      flush();
      if (isSafeHref(match[2]!)) out.push({ type: "link", href: match[2]!, children: parseInline(match[1]!) });
      else out.push({ type: "text", text: match[1]! });
    } else {
      text += source[i];
      i += 1;
      continue;
    }
    i += match[0].length;
  }
  flush();
  return out;
}

/** Blocks separated by blank lines; list items and quotes by their line markers. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let quote: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map(parseInline) });
    if (quote.length) blocks.push({ type: "quote", children: parseInline(quote.join(" ")) });
    paragraph = [];
    list = null;
    quote = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    let match: RegExpExecArray | null;
    if (line === "") {
      flush();
    } else if ((match = /^(#{1,3})\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ type: "heading", level: match[1]!.length as 1 | 2 | 3, children: parseInline(match[2]!) });
    } else if ((match = /^([-*+]|\d+[.)])\s+(.*)$/.exec(line))) {
      const ordered = /^\d/.test(match[1]!);
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, items: [] };
      }
      list.items.push(match[2]!);
    } else if ((match = /^>\s?(.*)$/.exec(line))) {
      if (!quote.length) flush();
      quote.push(match[1]!);
    } else if (list && /^\s{2,}/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      if (list || quote.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
