import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "../lib/markdown";

/** Markdown rendered as React elements (client/lib/markdown.ts): no raw HTML ever reaches the page. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((block, index) => {
        switch (block.type) {
          case "heading": {
            const Tag = (["h3", "h4", "h5"] as const)[block.level - 1]!;
            return <Tag key={index}>{renderInline(block.children)}</Tag>;
          }
          case "paragraph":
            return <p key={index}>{renderInline(block.children)}</p>;
          case "quote":
            return <blockquote key={index}>{renderInline(block.children)}</blockquote>;
          case "list": {
            const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item)}</li>);
            return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return <code key={index}>{node.text}</code>;
      case "strong":
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case "em":
        return <em key={index}>{renderInline(node.children)}</em>;
      case "link":
        return (
          <a key={index} href={node.href} target="_blank" rel="noreferrer noopener">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}
