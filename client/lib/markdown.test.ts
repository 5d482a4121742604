import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, lists and quotes", () => {
    const blocks = parseMarkdown("# A resolution\n\nWhereas health care\nis a right;\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted");
    expect(blocks.map((block) => block.type)).toEqual(["heading", "paragraph", "list", "list", "quote"]);
    expect(blocks[1]).toEqual({ type: "paragraph", children: [{ type: "text", text: "Whereas health care is a right;" }] });
    expect(blocks[2]).toMatchObject({ ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] });
    expect(blocks[3]).toMatchObject({ ordered: true });
  });

  it("keeps raw HTML as text: nothing is parsed as markup", () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(blocks).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "<script>alert(1)</script>" }] },
      { type: "paragraph", children: [{ type: "text", text: '<img src=x onerror="alert(1)">' }] },
    ]);
  });
});

describe("parseInline", () => {
  it("reads bold, italic, code and links", () => {
    expect(parseInline("**Be it resolved** that *we* use `H.1234`, see [the bill](https://example.org/h1234)")).toEqual([
      { type: "strong", children: [{ type: "text", text: "Be it resolved" }] },
      { type: "text", text: " that " },
      { type: "em", children: [{ type: "text", text: "we" }] },
      { type: "text", text: " use " },
      { type: "code", text: "H.1234" },
      { type: "text", text: ", see " },
      { type: "link", href: "https://example.org/h1234", children: [{ type: "text", text: "the bill" }] },
    ]);
  });

  it("never links javascript:, data: or relative targets", () => {
    for (const href of ["javascript:alert", "data:text/html,hi", "/admin", "JAVASCRIPT:alert", "vbscript:msgbox"]) {
      expect(parseInline(`[click](${href})`)).toEqual([{ type: "text", text: "click" }]);
    }
  });
});
