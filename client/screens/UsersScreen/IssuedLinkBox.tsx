import { useId, useRef, useState } from "react";
import type { IssuedLink } from "../../../shared/model/account";
import { formatDateTime } from "../../lib/format";

/** A link an admin hands out: the full address to copy, a Copy button, and until when it works. */
export function IssuedLinkBox({ link, intro }: { link: IssuedLink; intro: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  const url = `${window.location.origin}${link.path}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // No clipboard access (an insecure origin, or refused): select the text for Ctrl+C instead.
      input.current?.select();
      setCopied("select");
    }
  };

  return (
    <div className="issued-link" data-testid="issued-link">
      <label htmlFor={`${id}-url`}>{intro}</label>
      <div className="issued-link-row">
        <input id={`${id}-url`} ref={input} readOnly value={url} onFocus={(event) => event.target.select()} />
        <button type="button" className="secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {copied === "yes" ? "Copied. " : copied === "select" ? "Selected: press Ctrl+C (⌘C) to copy. " : ""}
        Works once, until <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>. Send it yourself (email, chat): whoever opens it first can use it.
      </p>
    </div>
  );
}
